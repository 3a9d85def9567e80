"""The fake's memory and the semantics of the 13 Patients operations.

Everything is scoped to a practice group: a patient, an EHR record or a merge token of
one group does not exist for another (404). Patient ids are digit strings, unique across
all groups. Each operation takes the caller's practice group and the already-parsed
request, and returns the JSON to answer with (None for "200, no content"), or raises
`Problem`.
"""

from __future__ import annotations

import datetime
import hmac
import itertools
import uuid
from collections.abc import Callable, Mapping
from typing import Any, TypeVar

from attrs import evolve

from herohealth.testing import _shapes as shape
from herohealth.testing._checks import (
    DATA_SOURCES,
    PATIENT_STATUSES,
    RECORD_SOURCES,
    SEARCH_FIELDS,
    SEXES,
    BodyCheck,
    Problem,
    is_hero_id,
    parse_day,
    query_enum,
    query_page,
)
from herohealth.testing._merge import MergeTokens, merged
from herohealth.testing._records import (
    EHR_FIELDS,
    PATIENT_FIELDS,
    EhrRecord,
    PatientRecord,
    PracticeGroup,
)
from herohealth.testing._shapes import JSON

# uids are derived from the id, so a fake's data is the same run after run.
_UID_NAMESPACE = uuid.UUID("6f1c9a52-6a8e-4d1e-9d43-0b7c2f3e8a10")

# Fields of a register body that are stored as sent (dob and the NHS number are parsed).
_REGISTER_TEXT_FIELDS = (
    "first_name",
    "last_name",
    "mobile",
    "ehr_partner_id",
    "title",
    "landline",
    "address_line_1",
    "address_line_2",
    "address_line_3",
    "country",
    "postcode",
    "town",
    "county",
    "email",
)

# `GET /v2/patients?field=` names a PatientV2 field; these are the ones it can search.
V2_SEARCH_FIELDS = frozenset(
    {
        "nhs_number",
        "dob",
        "emis_id",
        "ehr_partner_id",
        "hero_id",
        "first_name",
        "last_name",
        "postcode",
        "email",
        "mobile",
    }
)


class HeroState:
    """Practice groups, patients, EHR records, billing, attachments, payment methods, tokens."""

    def __init__(self) -> None:
        self._groups: dict[str, PracticeGroup] = {}
        self._patients: dict[str, PatientRecord] = {}
        self._ehr: dict[tuple[str, str], EhrRecord] = {}
        self._attachments: dict[str, list[JSON]] = {}
        self._billing: dict[str, JSON] = {}
        self._payment_methods: dict[str, list[JSON]] = {}
        self._tokens = MergeTokens()
        self._ids = itertools.count(1)
        self._ehr_ids = itertools.count(1)

    # ---- practice groups and auth ------------------------------------------------------

    def add_group(self, practice_group_id: str, api_key: str) -> None:
        if not practice_group_id or not api_key:
            raise ValueError("a practice group needs a non-empty id and api_key")
        self._groups[practice_group_id] = PracticeGroup(practice_group_id, api_key)

    def authenticate(self, practice_group_id: str | None, api_key: str | None) -> str:
        """The caller's practice group: 401 without credentials, 403 with wrong ones."""
        if not api_key or not practice_group_id:
            missing = "x-api-key" if not api_key else "x-practice-group-id"
            raise Problem(401, f"Missing credentials: the {missing} header is required")
        group = self._groups.get(practice_group_id)
        if group is None or not _same_secret(group.api_key, api_key):
            raise Problem(403, "The API key is not valid for this practice group")
        return group.id

    # ---- seeding -----------------------------------------------------------------------

    def create_patient(self, practice_group_id: str, **fields: Any) -> PatientRecord:
        self._group(practice_group_id)
        _check_seed_fields(fields, PATIENT_FIELDS, "patient")
        patient_id = str(next(self._ids))
        uid = str(uuid.uuid5(_UID_NAMESPACE, patient_id))
        patient = PatientRecord(
            id=patient_id, practice_group_id=practice_group_id, **{"uid": uid, **fields}
        )
        _check_enums(patient)
        self._patients[patient.id] = patient
        return patient

    def change_patient(self, patient_id: str, **fields: Any) -> PatientRecord:
        """Replace a patient's fields; the version goes up only if something changed."""
        _check_seed_fields(fields, PATIENT_FIELDS, "patient")
        return self._store(self.patient(patient_id), **fields)

    def patient(self, patient_id: str) -> PatientRecord:
        try:
            return self._patients[patient_id]
        except KeyError:
            raise KeyError(f"the fake holds no patient {patient_id!r}") from None

    def add_ehr_record(self, practice_group_id: str, **fields: Any) -> EhrRecord:
        self._group(practice_group_id)
        _check_seed_fields(fields, EHR_FIELDS, "EHR record")
        if not fields.get("ehr_partner_id"):
            fields["ehr_partner_id"] = f"ehr-{next(self._ehr_ids)}"
        record = EhrRecord(practice_group_id=practice_group_id, **fields)
        _check_enums(record)
        self._ehr[(practice_group_id, record.ehr_partner_id)] = record
        return record

    def add_attachment(self, patient_id: str, attachment: JSON) -> None:
        self.patient(patient_id)
        self._attachments.setdefault(patient_id, []).append(attachment)

    def set_billing_info(self, patient_id: str, billing: JSON) -> None:
        self.patient(patient_id)
        self._billing[patient_id] = billing

    def add_payment_method(self, patient_id: str, payment_method: JSON) -> None:
        self.patient(patient_id)
        self._payment_methods.setdefault(patient_id, []).append(payment_method)

    def render_v1(self, patient: PatientRecord) -> JSON:
        return shape.patient_v1(patient, self._ehr_system(patient))

    # ---- operations: registration ------------------------------------------------------

    def register(self, group: str, body: object) -> JSON:
        """Update the group's patient with the same NHS number and dob, else create one.

        Archived patients are never matched; of several matches the oldest is updated. An
        update changes only the fields the body sends. A new patient's data_source is
        "emis" unless sent (openapi.yaml's default).
        """
        check = BodyCheck(body)
        dob = check.date_of_birth()
        nhs_number = check.nhs_number()
        fields: dict[str, Any] = {}
        for name in _REGISTER_TEXT_FIELDS:
            required = name in {"first_name", "last_name", "mobile"}
            value = check.required_text(name) if required else check.optional_text(name)
            if value is not None:
                fields[name] = value
        if (sex := check.optional_enum("sex", SEXES)) is not None:
            fields["sex"] = sex
        if (data_source := check.optional_enum("data_source", DATA_SOURCES)) is not None:
            fields["data_source"] = data_source
        check.optional_text("caller", non_empty=True)  # Hero's internal use; not stored
        check.done()
        fields["dob"] = dob
        if nhs_number is not None:
            fields["nhs_number"] = nhs_number
        if nhs_number is not None:
            match = self._match(group, lambda p: p.nhs_number == nhs_number and p.dob == dob)
            if match is not None:
                return {"patient_id": self._store(match, **fields).id}
        fields.setdefault("data_source", "emis")
        return {"patient_id": self.create_patient(group, **fields).id}

    def register_pds(self, group: str, body: object, login_url: str) -> JSON:
        """Trace a patient "on the Spine": by NHS number and dob, or by demographics.

        By NHS number (validated, Modulus 11; 422 if invalid) and dob: the group's patient
        with that NHS number and dob, else a new patient created "from PDS" (data_source
        "pds", the NHS number and dob only; the fake has no Spine to read names from).

        By demographics (dob, postcode, forename, surname): the group's one patient with
        that dob and postcode (spaces and case ignored) and those names (case ignored). The
        fake cannot trace without a Spine, so when none or several match it answers the
        other variant, `{"message", "login_url"}`: Hero needs a user to log in first.
        """
        check = BodyCheck(body)
        by_nhs = check.has("nhs_number")
        demographics = [name for name in ("postcode", "forename", "surname") if check.has(name)]
        if by_nhs and demographics:
            check.fail(demographics[0], "send nhs_number or postcode/forename/surname, not both")
        dob = check.date_of_birth(nullable=True)
        check.optional_text("ehr_partner", non_empty=True)
        check.optional_text("ehr_partner_id", non_empty=True)
        if by_nhs:
            nhs_number = check.nhs_number(required=True)
            check.done()
            found = self._match(group, lambda p: p.nhs_number == nhs_number and p.dob == dob)
            if found is None:
                found = self.create_patient(
                    group, nhs_number=nhs_number, dob=dob, data_source="pds"
                )
            return {"patient_id": found.id}
        postcode = check.required_text("postcode")
        forename = check.required_text("forename")
        surname = check.required_text("surname")
        check.done()
        matches = [
            p
            for p in self._group_patients(group)
            if not p.archived
            and p.dob == dob
            and _postcode(p.postcode) == _postcode(postcode)
            and _name(p.first_name) == _name(forename)
            and _name(p.last_name) == _name(surname)
        ]
        if len(matches) == 1:
            return {"patient_id": matches[0].id}
        return {
            "message": "Log in to Hero to complete the PDS trace for this patient",
            "login_url": login_url,
        }

    # ---- operations: reading -----------------------------------------------------------

    def list_patients(self, group: str, query: Mapping[str, str]) -> JSON:
        """Every patient of the group (archived ones too), filtered by `field` and `search`.

        With `field`, `search` must equal that field (an NHS number may have spaces or
        dashes; a dob may be a date or date-time). With `search` alone, it is found
        (case ignored) in the names, NHS number, EMIS id, email or mobile. Without
        `search`, `field` filters nothing.
        """
        field = query_enum(query, "field", SEARCH_FIELDS)
        found = _search(self._group_patients(group), field, query.get("search"), _v1_field)
        return shape.envelope([self.render_v1(p) for p in found], query_page(query))

    def list_patients_v2(self, group: str, query: Mapping[str, str]) -> JSON:
        """Hero's patients or the EHR's records (`dataSource`, default hero), as `PatientV2`.

        `field` may name any field in `V2_SEARCH_FIELDS` (422 otherwise); `search` works as
        in `list_patients`.
        """
        source = query_enum(query, "dataSource", RECORD_SOURCES) or "hero"
        field = query_enum(query, "field", V2_SEARCH_FIELDS)
        search = query.get("search")
        if source == "hero":
            hero = _search(self._group_patients(group), field, search, _v2_field)
            return shape.envelope([self._render_v2(p) for p in hero], query_page(query))
        ehr = _search(self._group_ehr(group), field, search, self._ehr_field)
        ehr_records = [shape.ehr_v2(r, self._linked_patient(r)) for r in ehr]
        return shape.envelope(ehr_records, query_page(query))

    def get_patient(self, group: str, patient_id: str) -> JSON:
        return self.render_v1(self._find(group, patient_id))

    def get_patient_v2(self, group: str, patient_id: str, query: Mapping[str, str]) -> JSON:
        """The patient from Hero, or (`data_source=ehr`) the EHR record it is connected to.

        A patient not connected to an EHR record has none to read: 404.
        """
        source = query_enum(query, "data_source", RECORD_SOURCES) or "hero"
        patient = self._find(group, patient_id)
        if source == "hero":
            return self._render_v2(patient)
        record = self._linked_ehr(patient)
        if record is None:
            raise Problem(404, f"Patient {patient_id} is not connected to an EHR record")
        return shape.ehr_v2(record, patient)

    def attachments(self, group: str, patient_id: str) -> JSON:
        self._find(group, patient_id)
        return shape.envelope(self._attachments.get(patient_id, []))

    def billing_info(self, group: str, patient_id: str) -> JSON:
        """The billing info set for the patient, else `default_billing_info` (nulls)."""
        self._find(group, patient_id)
        return self._billing.get(patient_id) or shape.default_billing_info(patient_id)

    def payment_methods(self, group: str, patient_id: str) -> JSON:
        self._find(group, patient_id)
        return shape.envelope(self._payment_methods.get(patient_id, []))

    # ---- operations: EHR ---------------------------------------------------------------

    def ehr_candidates(self, group: str, patient_id: str) -> JSON:
        """The group's EHR records with the patient's NHS number, or its dob and last name."""
        patient = self._find(group, patient_id)
        found = [
            record
            for record in self._group_ehr(group)
            if (patient.nhs_number and record.nhs_number == patient.nhs_number)
            or (
                patient.dob is not None
                and record.dob == patient.dob
                and _name(record.last_name) == _name(patient.last_name)
            )
        ]
        return shape.envelope([shape.ehr_v2(r, self._linked_patient(r)) for r in found])

    def ehr_connect(self, group: str, patient_id: str, body: object) -> None:
        """Link the patient to the group's EHR record (404 if there is none).

        Sets `ehr_partner_id`, `ehr_registered` true, and the record's EMIS id when the
        patient has none.
        """
        patient = self._find(group, patient_id)
        check = BodyCheck(body)
        ehr_partner_id = check.required_text("ehr_partner_id")
        check.done()
        record = self._ehr.get((group, ehr_partner_id))
        if record is None:
            raise Problem(404, f"No EHR record {ehr_partner_id} in this practice group")
        self._store(
            patient,
            ehr_partner_id=record.ehr_partner_id,
            ehr_registered=True,
            emis_id=patient.emis_id or record.emis_id,
        )

    # ---- operations: merge -------------------------------------------------------------

    def merge_preview(self, group: str, main_id: str, body: object) -> JSON:
        """The pair, the merged result (rule: `_merge.merged`) and a token bound to both."""
        main, incoming = self._merge_pair(group, main_id, body, token=False)[:2]
        return {
            "main_patient": self.render_v1(main),
            "incoming_patient": self.render_v1(incoming),
            "result_patient": self.render_v1(merged(main, incoming)),
            "merge_token": self._tokens.issue(group, main, incoming),
        }

    def merge(self, group: str, main_id: str, body: object) -> None:
        """Apply the previewed result to the main patient and archive the incoming one."""
        main, incoming, token = self._merge_pair(group, main_id, body, token=True)
        self._tokens.redeem(token, group, main, incoming)
        result = merged(main, incoming)
        self._store(main, **{name: getattr(result, name) for name in PATIENT_FIELDS})
        self._store(incoming, status="archived")

    def _merge_pair(
        self, group: str, main_id: str, body: object, *, token: bool
    ) -> tuple[PatientRecord, PatientRecord, str]:
        main = self._find(group, main_id)
        check = BodyCheck(body)
        incoming_id = check.hero_id("patient_id")
        merge_token = check.required_text("merge_token") if token else ""
        check.done()
        incoming = self._find(group, incoming_id)
        if incoming.id == main.id:
            raise Problem(422, "A patient cannot be merged into itself")
        for patient in (main, incoming):
            if patient.archived:
                raise Problem(409, f"Patient {patient.id} is archived and cannot be merged")
        return main, incoming, merge_token

    # ---- helpers -----------------------------------------------------------------------

    def _group(self, practice_group_id: str) -> PracticeGroup:
        try:
            return self._groups[practice_group_id]
        except KeyError:
            raise KeyError(f"the fake has no practice group {practice_group_id!r}") from None

    def _find(self, group: str, patient_id: str) -> PatientRecord:
        """The group's patient, else 404.

        Another group's patient is not found either, and neither is an id that is not
        digits (no patient could have it; 404 rather than 400, as for any unknown id).
        """
        patient = self._patients.get(patient_id) if is_hero_id(patient_id) else None
        if patient is None or patient.practice_group_id != group:
            raise Problem(404, f"Patient {patient_id} not found")
        return patient

    def _store(self, patient: PatientRecord, **changes: Any) -> PatientRecord:
        updated = evolve(patient, **changes)
        if updated != patient:
            updated = evolve(updated, version=patient.version + 1)
            _check_enums(updated)
            self._patients[updated.id] = updated
        return self._patients[updated.id]

    def _match(self, group: str, matches: Callable[[PatientRecord], bool]) -> PatientRecord | None:
        return next((p for p in self._group_patients(group) if not p.archived and matches(p)), None)

    def _group_patients(self, group: str) -> list[PatientRecord]:
        # Ids are issued in order, so dict order is oldest first.
        return [p for p in self._patients.values() if p.practice_group_id == group]

    def _group_ehr(self, group: str) -> list[EhrRecord]:
        return [r for (g, _), r in self._ehr.items() if g == group]

    def _linked_ehr(self, patient: PatientRecord) -> EhrRecord | None:
        if not patient.ehr_partner_id:
            return None
        return self._ehr.get((patient.practice_group_id, patient.ehr_partner_id))

    def _linked_patient(self, record: EhrRecord) -> PatientRecord | None:
        return self._match(
            record.practice_group_id, lambda p: p.ehr_partner_id == record.ehr_partner_id
        )

    def _ehr_system(self, patient: PatientRecord) -> str | None:
        record = self._linked_ehr(patient)
        return record.data_source if record else None

    def _render_v2(self, patient: PatientRecord) -> JSON:
        return shape.patient_v2(patient, self._ehr_system(patient))

    def _ehr_field(self, record: EhrRecord, field: str) -> object:
        if field == "hero_id":
            linked = self._linked_patient(record)
            return linked.id if linked else None
        return getattr(record, field)


def _v1_field(patient: PatientRecord, field: str) -> object:
    return getattr(patient, field)


def _v2_field(patient: PatientRecord, field: str) -> object:
    names = {"hero_id": "id"}
    return getattr(patient, names.get(field, field))


R = TypeVar("R", PatientRecord, EhrRecord)

# Searched by `search` without `field`.
_FREE_TEXT_FIELDS = ("first_name", "last_name", "nhs_number", "emis_id", "email", "mobile")


def _search(
    records: list[R], field: str | None, search: str | None, value: Callable[[R, str], object]
) -> list[R]:
    if search is None:
        return records
    if field is None:
        needle = search.casefold()
        return [
            r
            for r in records
            if any(needle in str(value(r, name) or "").casefold() for name in _FREE_TEXT_FIELDS)
        ]
    wanted: object = search
    if field == "dob":
        wanted = parse_day(search)
        if wanted is None:
            return []
    elif field == "nhs_number":
        wanted = search.replace(" ", "").replace("-", "")
    return [r for r in records if value(r, field) == wanted]


def _postcode(value: str | None) -> str:
    return (value or "").replace(" ", "").upper()


def _name(value: str | None) -> str:
    return (value or "").strip().casefold()


def _same_secret(expected: str, given: str) -> bool:
    return hmac.compare_digest(expected.encode(), given.encode())


def _check_seed_fields(fields: Mapping[str, Any], allowed: frozenset[str], what: str) -> None:
    unknown = sorted(set(fields) - allowed)
    if unknown:
        raise TypeError(f"unknown {what} field(s): {', '.join(unknown)}")


def _check_enums(record: PatientRecord | EhrRecord) -> None:
    """Seeded values must fit openapi.yaml's enums, so every response the fake sends does."""
    enums: dict[str, frozenset[str]] = {
        "sex": SEXES,
        "data_source": DATA_SOURCES,
        "status": PATIENT_STATUSES,
    }
    for name, allowed in enums.items():
        value = getattr(record, name, None)
        if value is not None and value not in allowed:
            raise ValueError(f"{name} must be one of {', '.join(sorted(allowed))}: {value!r}")
    if record.dob is not None and not isinstance(record.dob, datetime.date):
        raise TypeError("dob must be a datetime.date")
