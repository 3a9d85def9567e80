"""`hero.patients`: the Patients operations of the Hero Health Public API."""

from __future__ import annotations

import datetime
import inspect
from collections.abc import Awaitable, Callable, Collection
from typing import TYPE_CHECKING, Any, Protocol, TypeVar, Unpack, overload

from herohealth import _validation as check
from herohealth._errors import (
    APIConnectionError,
    APIStatusError,
    InvalidInputError,
    MergeTokenError,
)
from herohealth._generated import (
    CONNECT_EHR,
    DATA_SOURCE_VALUES,
    GET_BILLING_INFO,
    GET_PATIENT,
    GET_PATIENT_V2,
    LIST_ATTACHMENTS,
    LIST_EHR_CANDIDATES,
    LIST_PATIENTS,
    LIST_PATIENTS_V2,
    LIST_PAYMENT_METHODS,
    MERGE,
    PATIENT_SEARCH_FIELD_VALUES,
    PREVIEW_MERGE,
    RECORD_SOURCE_VALUES,
    REGISTER,
    REGISTER_PDS,
    SEX_VALUES,
    UNSET,
    Attachment,
    BillingInfo,
    ConnectEhrRequest,
    DataSource,
    MergePreviewRequest,
    MergeRequest,
    Operation,
    Patient,
    PatientSearchField,
    PatientV2,
    PaymentMethod,
    PdsLoginRequired,
    RecordSource,
    RegisteredPatient,
    RegisterPatientRequest,
    RegisterPdsByDemographics,
    RegisterPdsByNhsNumber,
    Sex,
    Title,
    Unset,
)
from herohealth._request import RequestOptions
from herohealth.merge import MergePreview, changes_between
from herohealth.pagination import AsyncPaginator, page_rule_for

if TYPE_CHECKING:
    from herohealth._client import HeroHealth

V = TypeVar("V")
Item = TypeVar("Item")


class Envelope(Protocol[Item]):
    """Hero's list answer: `{"data": [...], "count": N}` (count: the total across pages)."""

    data: list[Item]
    count: float


S = TypeVar("S", bound=str)


class Patients:
    """Patients: look up, register (directly or by PDS trace), merge, billing, EHR."""

    def __init__(self, client: HeroHealth) -> None:
        self._client = client
        self.ehr = PatientEhr(client)

    async def get(self, id: str, **options: Unpack[RequestOptions]) -> Patient:
        """A patient by Hero id (the v1 shape)."""
        return await self._client._send(GET_PATIENT, options, id=check.patient_id(id))

    async def get_v2(
        self,
        id: str,
        *,
        data_source: RecordSource | None = None,
        **options: Unpack[RequestOptions],
    ) -> PatientV2:
        """A patient by Hero id (the v2 shape), read from Hero or from the EHR."""
        return await self._client._send(
            GET_PATIENT_V2,
            options,
            id=check.patient_id(id),
            data_source=_optional(data_source, RECORD_SOURCE_VALUES, "data_source"),
        )

    def list(
        self,
        *,
        field: PatientSearchField | None = None,
        search: str | None = None,
        **options: Unpack[RequestOptions],
    ) -> AsyncPaginator[Patient]:
        """Patients of the practice group, optionally those whose `field` matches `search`.

        `async for patient in hero.patients.list(): ...`, or `await` it for the first page.
        """
        return _pages(
            self._client,
            LIST_PATIENTS,
            options,
            field=_optional(field, PATIENT_SEARCH_FIELD_VALUES, "field"),
            search=_optional_str(search, "search"),
        )

    def list_v2(
        self,
        *,
        field: str | None = None,
        search: str | None = None,
        data_source: RecordSource | None = None,
        **options: Unpack[RequestOptions],
    ) -> AsyncPaginator[PatientV2]:
        """Patients from Hero or the EHR (the v2 shape); `data_source` is sent as `dataSource`."""
        return _pages(
            self._client,
            LIST_PATIENTS_V2,
            options,
            field=_optional_str(field, "field"),
            search=_optional_str(search, "search"),
            data_source=_optional(data_source, RECORD_SOURCE_VALUES, "data_source"),
        )

    async def register(
        self,
        *,
        dob: datetime.date | str,
        first_name: str,
        last_name: str,
        mobile: str,
        nhs_number: str | None = None,
        ehr_partner_id: str | None = None,
        sex: Sex | None = None,
        title: Title | str | None = None,
        landline: str | None = None,
        address_line_1: str | None = None,
        address_line_2: str | None = None,
        address_line_3: str | None = None,
        country: str | None = None,
        postcode: str | None = None,
        town: str | None = None,
        county: str | None = None,
        data_source: DataSource | None = None,
        caller: str | None = None,
        email: str | None = None,
        **options: Unpack[RequestOptions],
    ) -> RegisteredPatient:
        """Create a patient, or update the one with the same NHS number and date of birth.

        `dob` is a `datetime.date` (or "1989-04-11"); `nhs_number` is checked
        (Modulus 11) and sent as 10 digits. `caller` is for Hero's internal use.
        Not retried once the request may have reached Hero: a repeat could
        create a second patient.

        ```python
        registered = await hero.patients.register(
            first_name="Ada", last_name="Lovelace", dob=date(1989, 4, 11),
            mobile="07700900123", nhs_number="943 476 5919",
        )
        print(registered.patient_id)
        ```
        """
        body = RegisterPatientRequest(
            dob=check.date_of_birth(dob).isoformat(),
            first_name=check.non_empty(first_name, "first_name"),
            last_name=check.non_empty(last_name, "last_name"),
            mobile=check.non_empty(mobile, "mobile"),
            nhs_number=_unset(_maybe(nhs_number, check.nhs_number)),
            ehr_partner_id=_unset(_optional_str(ehr_partner_id, "ehr_partner_id")),
            sex=_unset(_optional(sex, SEX_VALUES, "sex")),
            title=_unset(_optional_str(title, "title")),
            landline=_unset(_optional_str(landline, "landline")),
            address_line_1=_unset(_optional_str(address_line_1, "address_line_1")),
            address_line_2=_unset(_optional_str(address_line_2, "address_line_2")),
            address_line_3=_unset(_optional_str(address_line_3, "address_line_3")),
            country=_unset(_optional_str(country, "country")),
            postcode=_unset(_optional_str(postcode, "postcode")),
            town=_unset(_optional_str(town, "town")),
            county=_unset(_optional_str(county, "county")),
            data_source=_unset(_optional(data_source, DATA_SOURCE_VALUES, "data_source")),
            caller=_unset(_maybe(caller, lambda v: check.non_empty(v, "caller"))),
            email=_unset(_optional_str(email, "email")),
        )
        return await self._client._send(REGISTER, options, body=body)

    async def register_pds(
        self,
        *,
        dob: datetime.date | str,
        nhs_number: str | None = None,
        postcode: str | None = None,
        forename: str | None = None,
        surname: str | None = None,
        ehr_partner: str | None = None,
        ehr_partner_id: str | None = None,
        **options: Unpack[RequestOptions],
    ) -> RegisteredPatient | PdsLoginRequired:
        """Trace a patient on the Spine (PDS) and return their Hero patient id.

        Give `nhs_number` and `dob`, or, without an NHS number, `dob`,
        `postcode`, `forename` and `surname`. Hero creates the patient in the
        practice group if it does not hold them yet. The answer is a
        `RegisteredPatient` (`.patient_id`), or a `PdsLoginRequired` (`.message`,
        `.login_url`) when Hero needs a user to log in first.
        """
        born = _midnight_utc(check.date_of_birth(dob))
        partner = _unset(_maybe(ehr_partner, lambda v: check.non_empty(v, "ehr_partner")))
        partner_id = _unset(_maybe(ehr_partner_id, lambda v: check.non_empty(v, "ehr_partner_id")))
        demographics = {"postcode": postcode, "forename": forename, "surname": surname}
        body: RegisterPdsByNhsNumber | RegisterPdsByDemographics
        if nhs_number is not None:
            given = [name for name, value in demographics.items() if value is not None]
            if given:
                raise InvalidInputError(
                    given[0], "trace by nhs_number or by postcode/forename/surname, not both"
                )
            body = RegisterPdsByNhsNumber(
                nhs_number=check.nhs_number(nhs_number),
                dob=born,
                ehr_partner=partner,
                ehr_partner_id=partner_id,
            )
        else:
            for name, value in demographics.items():
                if value is None:
                    raise InvalidInputError(
                        name, "is required to trace without an NHS number (or give nhs_number)"
                    )
            body = RegisterPdsByDemographics(
                dob=born,
                postcode=check.non_empty(postcode, "postcode"),
                forename=check.non_empty(forename, "forename"),
                surname=check.non_empty(surname, "surname"),
                ehr_partner=partner,
                ehr_partner_id=partner_id,
            )
        return await self._client._send(REGISTER_PDS, options, body=body)

    async def billing_info(self, id: str, **options: Unpack[RequestOptions]) -> BillingInfo:
        """The patient's billing details and insurance."""
        return await self._client._send(GET_BILLING_INFO, options, id=check.patient_id(id))

    def payment_methods(
        self, id: str, **options: Unpack[RequestOptions]
    ) -> AsyncPaginator[PaymentMethod]:
        """Payment methods of the patient's default Stripe customer."""
        return _pages(self._client, LIST_PAYMENT_METHODS, options, id=check.patient_id(id))

    def attachments(self, id: str, **options: Unpack[RequestOptions]) -> AsyncPaginator[Attachment]:
        """The patient's attachments held in the EHR."""
        return _pages(self._client, LIST_ATTACHMENTS, options, id=check.patient_id(id))

    async def merge_preview(
        self, main_id: str, incoming_id: str, **options: Unpack[RequestOptions]
    ) -> MergePreview:
        """Preview merging patient `incoming_id` into patient `main_id`.

        ```python
        preview = await hero.patients.merge_preview("1234", "5678")
        for change in preview.changes:
            print(change.name, change.old, "->", change.new)
        await hero.patients.merge(preview)
        ```
        """
        main, incoming = _merge_pair(main_id, incoming_id)
        body = MergePreviewRequest(patient_id=incoming)
        raw = await self._client._send(PREVIEW_MERGE, options, id=main, body=body)
        preview = MergePreview(
            main_id=main,
            incoming_id=incoming,
            main=raw.main_patient,
            incoming=raw.incoming_patient,
            result=raw.result_patient,
            token=raw.merge_token,
            changes=changes_between(raw.main_patient, raw.result_patient),
        )
        self._client._merge_tokens.issued(preview)
        return preview

    @overload
    async def merge(self, preview: MergePreview, /, **options: Unpack[RequestOptions]) -> None: ...

    @overload
    async def merge(
        self, main_id: str, incoming_id: str, /, *, token: str, **options: Unpack[RequestOptions]
    ) -> None: ...

    async def merge(
        self,
        preview_or_main_id: MergePreview | str,
        incoming_id: str | None = None,
        /,
        *,
        token: str | None = None,
        **options: Unpack[RequestOptions],
    ) -> None:
        """Merge exactly the pair a preview was made for, with its token.

        `merge(preview)`, or `merge(main_id, incoming_id, token=...)` with a token
        from elsewhere. Raises before sending when the token was issued to this
        client for another pair or was already used. `MergeTokenError` when Hero
        refuses the token (preview again). Never retried once the request may have
        reached Hero; after such a failure the token cannot be reused from here.
        """
        if isinstance(preview_or_main_id, MergePreview):
            if incoming_id is not None or token is not None:
                raise InvalidInputError("token", "give a preview, or ids and a token, not both")
            preview = preview_or_main_id
            main, incoming, token = preview.main_id, preview.incoming_id, preview.token
        else:
            if incoming_id is None:
                raise InvalidInputError("incoming_id", "is required with a main patient id")
            main, incoming = _merge_pair(preview_or_main_id, incoming_id)
        token = check.non_empty(token, "merge_token")
        ledger = self._client._merge_tokens
        ledger.begin(token, main, incoming)
        merged: bool | None = None
        try:
            body = MergeRequest(merge_token=token, patient_id=incoming)
            await self._client._send(MERGE, options, id=main, body=body)
            merged = True
        except APIConnectionError as error:
            merged = False if not error.may_have_been_processed else None
            raise
        except APIStatusError as error:
            if error.status_code in _REFUSED_TOKEN_STATUSES:
                merged = True  # spent from our side: Hero will not take it again
                raise MergeTokenError(error.response, error.body) from None
            merged = None if error.status_code >= 500 else False
            raise
        finally:
            ledger.finish(token, merged=merged)

    async def merge_patients(
        self,
        main_id: str,
        incoming_id: str,
        *,
        confirm: Callable[[MergePreview], bool | Awaitable[bool]],
        **options: Unpack[RequestOptions],
    ) -> Patient | None:
        """Preview, ask `confirm(preview)` (sync or async), merge only if it returns True.

        Returns the previewed result patient when merged, None when not confirmed.

        ```python
        async def ask_clinician(preview: MergePreview) -> bool: ...
        merged = await hero.patients.merge_patients("1234", "5678", confirm=ask_clinician)
        ```
        """
        preview = await self.merge_preview(main_id, incoming_id, **options)
        answer = confirm(preview)
        if inspect.isawaitable(answer):
            answer = await answer
        if answer is not True:
            return None
        await self.merge(preview, **options)
        return preview.result


class PatientEhr:
    """`hero.patients.ehr`: matching a Hero patient to the practice's EHR record."""

    def __init__(self, client: HeroHealth) -> None:
        self._client = client

    def candidates(self, id: str, **options: Unpack[RequestOptions]) -> AsyncPaginator[PatientV2]:
        """EHR records that could be this patient."""
        return _pages(self._client, LIST_EHR_CANDIDATES, options, id=check.patient_id(id))

    async def connect(
        self, id: str, *, ehr_partner_id: str, **options: Unpack[RequestOptions]
    ) -> None:
        """Connect the patient to the EHR record `ehr_partner_id` (from `candidates`).

        Never retried once the request may have reached Hero.
        """
        body = ConnectEhrRequest(ehr_partner_id=check.non_empty(ehr_partner_id, "ehr_partner_id"))
        await self._client._send(CONNECT_EHR, options, id=check.patient_id(id), body=body)


# A merge answered with one of these was refused for its token (expired, used, stale).
_REFUSED_TOKEN_STATUSES = frozenset({400, 409, 410, 422})


def _pages(
    client: HeroHealth,
    operation: Operation[Envelope[Item]],
    options: RequestOptions,
    **arguments: Any,
) -> AsyncPaginator[Item]:
    """A paginator over a list operation; the page rule comes from the operation's parameters."""

    options = options.copy()  # page_size is the paginator's, not the request loop's
    rule = page_rule_for(operation.parameters, options.pop("page_size", None))

    async def fetch(page_params: dict[str, Any]) -> tuple[list[Item], int]:
        envelope = await client._send(operation, options, **arguments, **page_params)
        return envelope.data, int(envelope.count)

    return AsyncPaginator(fetch, rule, name=operation.operation_id)


def _merge_pair(main_id: str, incoming_id: str) -> tuple[str, str]:
    main = check.patient_id(main_id, "main_id")
    incoming = check.patient_id(incoming_id, "incoming_id")
    if main == incoming:
        raise InvalidInputError("incoming_id", "cannot merge a patient into itself")
    return main, incoming


def _optional(value: object, allowed: Collection[S], field: str) -> S | None:
    """An optional enum argument: None, or one of the enum's values."""
    return None if value is None else check.one_of(value, allowed, field)


def _optional_str(value: object, field: str) -> str | None:
    return None if value is None else check.string(value, field)


def _maybe(value: object, convert: Callable[[object], V]) -> V | None:
    """Check an optional argument only when it was given."""
    return None if value is None else convert(value)


def _unset(value: V | None) -> V | Unset:
    """Not given (None) becomes the generated models' UNSET, so the field is left out."""
    return UNSET if value is None else value


def _midnight_utc(day: datetime.date) -> datetime.datetime:
    # register_pds declares `dob` a date-time: a date of birth goes on the wire as
    # midnight UTC, the same instant a bare date from Hero is read as.
    return datetime.datetime(day.year, day.month, day.day, tzinfo=datetime.UTC)
