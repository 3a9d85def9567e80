"""FakeHero: the object a test holds. Seeding, plugged handlers, faults, the request log,
and two ways in."""

from __future__ import annotations

import contextlib
import datetime
import difflib
import os
from collections.abc import AsyncIterator, Iterable
from contextlib import AbstractAsyncContextManager
from pathlib import PurePosixPath
from types import TracebackType
from typing import Any, Final, Self

import httpx

from herohealth.testing import _shapes as shape
from herohealth.testing._app import FakeHeroApp
from herohealth.testing._calls import Handler, RecordedRequest
from herohealth.testing._faults import Delay, Drop, Faults, MalformKind, fail, malform
from herohealth.testing._records import to_day
from herohealth.testing._serving import in_process_client, serve_loopback
from herohealth.testing._spec import load
from herohealth.testing._state import HeroState, handlers
from herohealth.testing._verdicts import OffSpecAnswer

DEFAULT_PRACTICE_GROUP_ID: Final = "pg-1"
DEFAULT_API_KEY: Final = "test-key"
# The in-process client's base URL: never dialled (the client calls the fake in process);
# loopback, so HeroHealth accepts it over plain http:// without allow_insecure_http.
IN_PROCESS_BASE_URL: Final = "http://127.0.0.1:1"


class FakeHero:
    """An in-memory Hero Health Public API: every operation of openapi.yaml.

    The 13 Patients operations are stateful (register, read, trace, connect, merge); every
    other operation of the spec answers a schema-valid body built from it (its example,
    or a value generated from the response schema), until a test plugs in a handler.
    Routes, auth headers and request checks (422 naming the field) come from the spec:
    the copy shipped with the SDK, or `spec=` a path to another openapi.yaml.

    Use it in process:

    ```python
    fake = FakeHero()
    patient_id = fake.add_patient(first_name="Ada", last_name="Lovelace", dob=date(1989, 4, 11))
    async with HeroHealth(
        api_key=fake.api_key,
        practice_group_id=fake.practice_group_id,
        base_url=fake.base_url,
        http_client=fake.client(),
    ) as hero:
        patient = await hero.patients.get(patient_id)
    ```

    or on a loopback port, for real HTTP (timeouts, dropped connections):

    ```python
    async with fake.serve() as base_url:
        async with HeroHealth(api_key=fake.api_key, practice_group_id=fake.practice_group_id,
                              base_url=base_url) as hero:
            ...
    ```

    Make any operation stateful with `handle` (here one of a newer spec given as `spec=`):
    the handler gets a `FakeRequest` that passed auth and the spec's checks, and returns
    the JSON body (or an `Answer`):

    ```python
    bookings: dict[str, list[dict[str, Any]]] = {}  # by practice group: each sees its own

    def create_booking(request: FakeRequest) -> dict[str, Any]:
        mine = bookings.setdefault(request.practice_group_id, [])
        mine.append({"id": str(len(mine) + 1), **request.body})
        return mine[-1]  # answered with the documented status, 201

    fake.handle("createBooking", create_booking)
    ```

    It starts with one practice group, `practice_group_id` with `api_key`. Requests are
    logged in `requests`; faults for the next requests are armed with `fail_next`,
    `delay_next`, `malform_next` and `drop_next`, for plugged operations too. Each
    behaviour is documented where it is implemented: `_state.py` (Patients operations),
    `_merge.py` (merge rule and tokens), `_faults.py` (faults), `_app.py` (routing, auth,
    errors), `_checks.py` (request checks), `_verdicts.py` (what a plugged handler may
    answer), `_answers.py` (answers built from the spec), `_shapes.py` (what is answered and
    seeded, in the spec's shapes).
    """

    def __init__(
        self,
        *,
        practice_group_id: str = DEFAULT_PRACTICE_GROUP_ID,
        api_key: str = DEFAULT_API_KEY,
        spec: str | os.PathLike[str] | None = None,
    ) -> None:
        self._spec = load(None if spec is None else os.fspath(spec))
        self._state = HeroState(self._spec)
        self._state.add_group(practice_group_id, api_key)
        self._practice_group_id = practice_group_id
        self._api_key = api_key
        self._faults = Faults()
        self._files = 0  # attachments and cards seeded, for their ids
        self._cards = 0
        self._handlers = handlers(self._state)
        self._plugged: set[str] = set()
        self.requests: list[RecordedRequest] = []
        """Every request received, oldest first (clear it with `fake.requests.clear()`)."""
        self.off_spec_answers: list[OffSpecAnswer] = []
        """What plugged handlers answered off spec (answered 500 instead), oldest first,
        until `check_answers()` raises them."""
        self.app = FakeHeroApp(
            self._spec,
            self._state.authenticate,
            self._handlers,
            self._faults,
            self.requests,
            self._plugged,
            self.off_spec_answers,
        )
        """The ASGI app, to mount or serve yourself."""

    @property
    def operations(self) -> frozenset[str]:
        """The operationIds the fake answers: every operation of its openapi.yaml."""
        return frozenset(self._spec.operations)

    @property
    def api_key(self) -> str:
        """The default practice group's API key."""
        return self._api_key

    @property
    def practice_group_id(self) -> str:
        """The default practice group, used by seeding helpers given no `practice_group_id`."""
        return self._practice_group_id

    @property
    def base_url(self) -> str:
        """The base URL for `client()` (in process; `serve()` yields a loopback one)."""
        return IN_PROCESS_BASE_URL

    def __repr__(self) -> str:
        return f"FakeHero(practice_group_id={self._practice_group_id!r}, api_key='***')"

    def __enter__(self) -> Self:
        """`with FakeHero() as fake:` checks the answers of plugged handlers on exit."""
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        if error is None or isinstance(error, Exception):
            self.check_answers()  # raised while `error` is handled: chained to it

    # ---- reaching it -------------------------------------------------------------------

    def client(self, **kwargs: Any) -> httpx.AsyncClient:
        """An `httpx.AsyncClient` that calls the fake in process, for `HeroHealth(http_client=)`.

        `kwargs` go to `httpx.AsyncClient` (e.g. `event_hooks`). The client's read timeout
        bounds each whole answer, so a `delay_next` longer than it times out as on a network.
        """
        return in_process_client(self.app, self.base_url, **kwargs)

    def serve(self, *, port: int = 0) -> AbstractAsyncContextManager[str]:
        """Serve the fake on 127.0.0.1 (a free port by default) in this event loop.

        `async with fake.serve() as base_url:` yields "http://127.0.0.1:<port>" once the
        server accepts connections, and stops it on exit (in-flight requests get one second),
        then raises what a plugged handler answered off spec (`check_answers`).
        """
        return self._served(port)

    @contextlib.asynccontextmanager
    async def _served(self, port: int) -> AsyncIterator[str]:
        with self:
            async with serve_loopback(self.app, port) as base_url:
                yield base_url

    # ---- plugged operations ------------------------------------------------------------

    def handle(self, operation_id: str, handler: Handler) -> None:
        """Answer `operation_id` with `handler` from now on (a built-in one included).

        The handler is called with a `FakeRequest` once the request passed auth (its
        `practice_group_id` is the caller's) and openapi.yaml's checks, and returns the
        JSON body for the operation's documented success status, or an `Answer` for any
        other status (`Answer(404, {"message": "No such booking"})`). It may be async.
        Faults apply before and after it as for any operation; an exception it raises
        reaches the client (in process) as the error it is.

        Its answer must be one openapi.yaml allows the operation: a status it documents
        (any 4xx or 5xx too: Hero's errors need no documenting) and a body that fits that
        status's schema. One that does not is not sent: the client gets a 500 saying why,
        and `check_answers()` raises it as an `OffSpecAnswer` naming the operation, the
        status and the field (never the value). `Answer(..., off_spec=True)` sends an
        answer unchecked, on purpose.
        """
        if operation_id not in self._spec.operations:
            raise KeyError(_unknown_operation(operation_id, self._spec.operations))
        self._handlers[operation_id] = handler
        self._plugged.add(operation_id)

    def check_answers(self) -> None:
        """Raise the oldest `OffSpecAnswer` a plugged handler gave since the last check.

        The `fake_hero` fixture calls it at teardown, as `with FakeHero() as fake:` and
        `fake.serve()` do on exit, so a test fails even when the code under test took the
        500 in its stride. The others are listed in the error's notes; all are forgotten.
        """
        if not self.off_spec_answers:
            return
        first, *others = self.off_spec_answers
        self.off_spec_answers.clear()
        if others:
            first.add_note(f"and {len(others)} more off-spec answers since the last check:")
            for other in dict.fromkeys(str(error) for error in others):
                first.add_note(f"- {other}")
        raise first

    # ---- seeding -----------------------------------------------------------------------

    def add_practice_group(self, practice_group_id: str, *, api_key: str) -> None:
        """Another practice group, whose requests authenticate with `api_key`."""
        self._state.add_group(practice_group_id, api_key)

    def add_patient(
        self,
        *,
        first_name: str | None,
        last_name: str | None,
        dob: datetime.date | str | None,
        nhs_number: str | None = None,
        practice_group_id: str | None = None,
        **fields: Any,
    ) -> str:
        """Add a patient directly (not through `register`); returns its id (digits).

        `fields` are other `Patient` fields (`mobile="07700900123"`, `emis_id=...`,
        `status="archived"`, ...; TypeError for an unknown name). The NHS number is stored
        as given (it may be invalid, as data in Hero can be); `data_source` defaults to
        "hero". A `title` outside openapi.yaml's enum is read back as null.
        """
        patient = self._state.create_patient(
            practice_group_id or self._practice_group_id,
            first_name=first_name,
            last_name=last_name,
            dob=to_day(dob),
            nhs_number=nhs_number,
            **_dated(fields),
        )
        return patient.id

    def update_patient(self, patient_id: str, **fields: Any) -> None:
        """Change a patient as someone else would in Hero (e.g. between a preview and a merge).

        A change makes any merge token issued for the patient stale.
        """
        self._state.change_patient(patient_id, **_dated(fields))

    def patient(self, patient_id: str) -> dict[str, Any]:
        """The patient as `GET /v1/patients/{id}` returns it (any practice group)."""
        return self._state.render_v1(self._state.patient(patient_id))

    def add_ehr_record(
        self,
        *,
        first_name: str | None,
        last_name: str | None,
        dob: datetime.date | str | None,
        nhs_number: str | None = None,
        ehr_partner_id: str | None = None,
        practice_group_id: str | None = None,
        **fields: Any,
    ) -> str:
        """Add a patient record to the practice's EHR; returns its `ehr_partner_id`.

        `fields` are other `PatientV2` fields (`postcode=`, `line_1=`, `emis_id=`, ...);
        `data_source` defaults to "emis" ("systm_one" for SystmOne). EHR records are listed
        by `list_v2(data_source="ehr")`, offered by `ehr.candidates` and linked by
        `ehr.connect`. A generated `ehr_partner_id` is "ehr-<n>".
        """
        record = self._state.add_ehr_record(
            practice_group_id or self._practice_group_id,
            first_name=first_name,
            last_name=last_name,
            dob=to_day(dob),
            nhs_number=nhs_number,
            ehr_partner_id=ehr_partner_id,
            **fields,
        )
        return record.ehr_partner_id

    def add_attachment(
        self,
        patient_id: str,
        *,
        file_name: str = "document.pdf",
        file_extension: str | None = None,
        created_at: datetime.datetime | None = None,
        ehr_partner_file_id: str | None = None,
    ) -> str:
        """Add an EHR attachment to the patient; returns its `ehr_partner_file_id`.

        The extension defaults to the file name's ("pdf"), `created_at` to now (UTC), the
        id to "file-<n>". The attachment is openapi.yaml's `Attachment` (see
        `add_payment_method` for what fills a field a newer spec adds); ValueError, naming
        the field, for a value that does not fit it.
        """
        if created_at is not None and not isinstance(created_at, datetime.datetime):
            raise TypeError("add_attachment: created_at must be a datetime.datetime")
        number = self._files + 1
        file_id = ehr_partner_file_id or f"file-{number}"
        extension = file_extension or PurePosixPath(file_name).suffix.lstrip(".")
        when = created_at or datetime.datetime.now(datetime.UTC).replace(microsecond=0)
        fields = {
            "ehr_partner_file_id": file_id,
            "file_name": file_name,
            "file_extension": extension,
            "created_at": shape.date_time(when),
        }
        self._state.add_attachment(patient_id, fields)
        self._files = number
        return file_id

    def set_billing_info(
        self,
        patient_id: str,
        *,
        external_billing_id: str,
        insurer: str | None = None,
        membership_number: str | None = None,
        auth_code: str | None = None,
        billing_note: str | None = None,
        confidential: bool | None = None,
    ) -> None:
        """Set the patient's billing info (its `id` is the patient's id).

        It is openapi.yaml's `BillingInfo` (`insurer`, `membership_number` and `auth_code`
        go in its `insurance`). A field left None is not set: it is filled from the spec as
        `add_payment_method` says, which today reads null, as every field but
        `external_billing_id` ("") of a patient without any does. ValueError, naming the
        field, for a value that does not fit.
        """
        insurance = {
            "insurer": insurer,
            "membership_number": membership_number,
            "auth_code": auth_code,
        }
        fields = {
            "id": patient_id,
            "external_billing_id": external_billing_id,
            "insurance": _given(insurance),
            "billing_note": billing_note,
            "confidential": confidential,
        }
        self._state.set_billing_info(patient_id, _given(fields))

    def add_payment_method(
        self,
        patient_id: str,
        *,
        brand: str = "visa",
        last4: str = "4242",
        exp_month: int = 12,
        exp_year: int = 2030,
        type: str = "card",  # the field's name in openapi.yaml and Stripe
        country: str | None = "GB",
        funding: str | None = "credit",
        **fields: Any,
    ) -> str:
        """Add a card to the patient's Stripe customer; returns its id ("pm_fake_<n>", or the
        `id=` given).

        The card is openapi.yaml's `PaymentMethod`: the values given here (a UK credit card
        by default), `fields` for any other of its fields (`display_brand="Visa"`,
        `checks={...}`, ...), and for every field not given the spec's: its example, else
        null where the schema allows null, else a value generated from its schema (so a
        field a newer spec requires is filled with no change here). A name the schema does
        not declare is kept (Hero may send more of Stripe's fields) unless the schema
        forbids it (`additionalProperties: false`: TypeError). ValueError, naming the
        field, for a value that does not fit (`exp_month="12"`); nothing is stored then.
        """
        number = self._cards + 1
        card_id = fields.pop("id", None) or f"pm_fake_{number}"
        given = {  # put in openapi.yaml's order when seeded
            "id": card_id,
            "brand": brand,
            "last4": last4,
            "exp_month": exp_month,
            "exp_year": exp_year,
            "type": type,
            "country": country,
            "funding": funding,
        }
        self._state.add_payment_method(patient_id, {**given, **fields})
        self._cards = number
        return card_id

    # ---- faults ------------------------------------------------------------------------

    def fail_next(
        self,
        status: int = 503,
        *,
        retry_after: float | str | None = None,
        times: int = 1,
        path: str | None = None,
        method: str | None = None,
    ) -> None:
        """Answer the next `times` matching requests with `status`, unprocessed.

        The body is `{"message": ...}`; `retry_after` (seconds, or an HTTP date string) is
        sent as `Retry-After`. `path` is exact or a glob ("/v1/patients/*"), matched
        against the decoded path, as `RecordedRequest.path` shows it (an id sent as `a%2Fb`
        reads "a/b"); None matches any path, as `method` None matches any method.
        """
        self._faults.arm(fail(status, retry_after), times=times, path=path, method=method)

    def delay_next(
        self,
        seconds: float,
        *,
        times: int = 1,
        path: str | None = None,
        method: str | None = None,
    ) -> None:
        """Answer the next `times` matching requests `seconds` late (processed first)."""
        if isinstance(seconds, bool) or not isinstance(seconds, int | float) or seconds < 0:
            raise ValueError("seconds must be a number, 0 or more")
        self._faults.arm(Delay(seconds), times=times, path=path, method=method)

    def malform_next(
        self,
        kind: MalformKind,
        *,
        times: int = 1,
        path: str | None = None,
        method: str | None = None,
        field: str | None = None,
    ) -> None:
        """Break the answer to the next `times` matching requests that succeed.

        `kind`: "truncated_json", "html", "empty" or "missing_field" (see `MalformKind`);
        `field` names the field "missing_field" drops (default: the first required one).
        The request itself is processed normally.
        """
        self._faults.arm(malform(kind, field), times=times, path=path, method=method)

    def drop_next(
        self,
        *,
        times: int = 1,
        path: str | None = None,
        method: str | None = None,
        processed: bool = True,
    ) -> None:
        """Close the connection instead of answering the next `times` matching requests.

        With `processed` (the default) the request takes effect first: the client cannot
        know whether it did. The client sees a transport error, in process and on a port.
        """
        self._faults.arm(Drop(processed), times=times, path=path, method=method)

    def clear_faults(self) -> None:
        """Disarm every fault not yet used."""
        self._faults.clear()


# An unknown name with none near it lists the spec's operations up to this many; past it
# (Hero's spec may have hundreds) it says how many and where to see them.
_LISTED_AT_MOST: Final = 20


def _unknown_operation(name: str, known: Iterable[str]) -> str:
    """What `handle` says of a name that is no operationId: the nearest ones, else the
    operations when there are few, else how many there are and where they are listed.

    Names are compared without case or underscores, so "getPatient" finds "get_patient"."""
    by_key = {_loose(operation): operation for operation in known}
    loose = _loose(name)
    near = [loose] if loose in by_key else difflib.get_close_matches(loose, by_key, 3, 0.75)
    if near:
        listed = f"did you mean {' or '.join(repr(by_key[key]) for key in near)}?"
    elif len(by_key) <= _LISTED_AT_MOST:
        listed = f"its operations: {', '.join(sorted(by_key.values()))}"
    else:
        listed = f"none of its {len(by_key)} operations is near it; fake.operations lists them"
    return f"openapi.yaml has no operation {name!r} ({listed})"


def _loose(name: str) -> str:
    return name.replace("_", "").lower()


def _given(fields: dict[str, Any]) -> dict[str, Any]:
    """The fields given a value: None leaves a field to openapi.yaml (null where allowed)."""
    return {name: value for name, value in fields.items() if value is not None}


def _dated(fields: dict[str, Any]) -> dict[str, Any]:
    if "dob" in fields:
        fields = {**fields, "dob": to_day(fields["dob"])}
    return fields
