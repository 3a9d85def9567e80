"""The fake's memory and the semantics of the 13 stateful Patients operations.

Everything is scoped to a practice group: a patient, an EHR record or a merge token of
one group does not exist for another (404). Patient ids are digit strings, unique across
all groups. Each operation takes the caller's practice group and a request that already
passed openapi.yaml's checks, and returns the JSON to answer with (None for "no
content"), or raises `Problem`. `OPERATIONS` names them by operationId, in one place.
"""

from __future__ import annotations

import datetime
import functools
import hmac
import itertools
import uuid
from collections.abc import Callable, Mapping
from typing import Any

from attrs import evolve

from herohealth._config import LOGGABLE_PARAMS
from herohealth._validation import HERO_ID_PATTERN
from herohealth.testing import _shapes as shape
from herohealth.testing._answers import generate
from herohealth.testing._calls import FakeRequest, Handler
from herohealth.testing._checks import Problem, invalid, parse_day, query_page
from herohealth.testing._merge import MergeTokens, merged
from herohealth.testing._records import (
    EHR_FIELDS,
    PATIENT_FIELDS,
    EhrRecord,
    PatientRecord,
    PracticeGroup,
)
from herohealth.testing._shapes import JSON
from herohealth.testing._spec import Spec

# uids are derived from the id, so a fake's data is the same run after run.
_UID_NAMESPACE = uuid.UUID("6f1c9a52-6a8e-4d1e-9d43-0b7c2f3e8a10")


class HeroState:
    """Practice groups, patients, EHR records, billing, attachments, payment methods, tokens."""

    def __init__(self, spec: Spec) -> None:
        ops = spec.operations
        patient, patient_v2 = ops["get_patient"].answer_schema, ops["get_patient_v2"].answer_schema
        # What the spec says of the shapes the operations answer and take.
        v1, v2 = spec.properties(patient), spec.properties(patient_v2)
        self._shapes = shape.Shapes(
            patient=tuple(v1),
            patient_v2=tuple(v2),
            titles=spec.enum(v1["title"]) or frozenset(),
            required={
                name: generate(spec, {**v1, **v2}[name])
                for name in {*spec.required(patient), *spec.required(patient_v2)}
            },
        )
        identifier = spec.properties(spec.resolve(v1.get("identifiers", {})).get("items", {}))
        shape.check_labels(spec.enum(identifier.get("label", {})))
        # What the seeding helpers store: an object answered alone, or a list's items.
        items = ("properties", "data", "items")
        self._billing_shape = shape.Seeded.of(spec, ops["get_patient_billing_info"].answer_at)
        self._attachment_shape = shape.Seeded.of(
            spec, spec.located(ops["list_patient_attachments"].answer_at, *items)[0]
        )
        self._card_shape = shape.Seeded.of(
            spec, spec.located(ops["list_patient_payment_methods"].answer_at, *items)[0]
        )
        self._valid_patient = spec.validator(ops["get_patient"].answer_at)
        self._valid_v2 = spec.validator(ops["get_patient_v2"].answer_at)
        register = spec.properties(ops["register_patient"].body_schema)
        self._register_fields = frozenset(register) & PATIENT_FIELDS - {"dob", "nhs_number"}
        self._register_defaults = {
            name: field["default"] for name, field in register.items() if "default" in field
        }
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

    def authenticate(self, practice_group_id: str, api_key: str) -> str:
        """The caller's practice group; 403 when the key is not that group's."""
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
        self._check(patient)
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
        self._check(record)
        self._ehr[(practice_group_id, record.ehr_partner_id)] = record
        return record

    # Each takes the fields its FakeHero helper was given and stores openapi.yaml's shape of
    # them (`shape.Seeded`), checked first: a value that does not fit is never stored.

    def add_attachment(self, patient_id: str, fields: Mapping[str, Any]) -> None:
        self.patient(patient_id)
        attachment = self._attachment_shape.seed("add_attachment", fields)
        self._attachments.setdefault(patient_id, []).append(attachment)

    def set_billing_info(self, patient_id: str, fields: Mapping[str, Any]) -> None:
        self.patient(patient_id)
        self._billing[patient_id] = self._billing_shape.seed("set_billing_info", fields)

    def add_payment_method(self, patient_id: str, fields: Mapping[str, Any]) -> None:
        self.patient(patient_id)
        card = self._card_shape.seed("add_payment_method", fields)
        self._payment_methods.setdefault(patient_id, []).append(card)

    def render_v1(self, patient: PatientRecord) -> JSON:
        return self._shapes.v1(patient, self._ehr_system(patient))

    def _render_v2(self, patient: PatientRecord) -> JSON:
        return self._shapes.v2(patient, self._ehr_system(patient))

    def _render_ehr(self, record: EhrRecord, hero: PatientRecord | None = None) -> JSON:
        return self._shapes.ehr(record, hero or self._linked_patient(record))

    def _check(self, record: PatientRecord | EhrRecord) -> None:
        """Seeded values must make answers that validate against openapi.yaml."""
        if record.dob is not None and not isinstance(record.dob, datetime.date):
            raise TypeError("dob must be a datetime.date")
        if isinstance(record, PatientRecord):
            rendered, valid = self.render_v1(record), self._valid_patient
        else:
            rendered, valid = self._render_ehr(record), self._valid_v2
        for error in valid.iter_errors(rendered):
            field = ".".join(map(str, error.absolute_path))
            raise ValueError(f"{field} does not fit openapi.yaml: {error.message}")

    # ---- operations: registration ------------------------------------------------------

    def register(self, call: FakeRequest) -> JSON:
        """Update the group's patient with the same NHS number and dob, else create one.

        Archived patients are never matched; of several matches the oldest is updated. An
        update changes only the fields the body sends (of those the request schema and a
        patient share). A new patient takes the request schema's defaults (data_source
        "emis" today); an empty NHS number counts as none.
        """
        body, group = call.body, call.practice_group_id
        fields = {name: body[name] for name in self._register_fields if name in body}
        dob, nhs_number = parse_day(body["dob"]), body.get("nhs_number") or None
        fields["dob"] = dob
        if nhs_number is not None:
            fields["nhs_number"] = nhs_number
            match = self._match(group, lambda p: p.nhs_number == nhs_number and p.dob == dob)
            if match is not None:
                return {"patient_id": self._store(match, **fields).id}
        fields = {**self._register_defaults, **fields}
        return {"patient_id": self.create_patient(group, **fields).id}

    def register_pds(self, call: FakeRequest) -> JSON:
        """Trace a patient "on the Spine": by NHS number and dob, or by demographics.

        By NHS number (validated, Modulus 11; 422 if invalid) and dob: the group's patient
        with that NHS number and dob, else a new patient created "from PDS" (data_source
        "pds", the NHS number and dob only; the fake has no Spine to read names from).

        By demographics (dob, postcode, forename, surname): the group's one patient with
        that dob and postcode (spaces and case ignored) and those names (case ignored). The
        fake cannot trace without a Spine, so when none or several match it answers the
        other variant, `{"message", "login_url"}`: Hero needs a user to log in first.
        """
        body, group = call.body, call.practice_group_id
        demographics = [name for name in ("postcode", "forename", "surname") if name in body]
        if "nhs_number" in body and demographics:
            raise invalid(demographics[0], "send nhs_number or postcode/forename/surname, not both")
        dob = parse_day(body["dob"]) if body["dob"] is not None else None
        if "nhs_number" in body:
            nhs_number = body["nhs_number"]
            if not nhs_number:
                raise invalid("nhs_number", "must not be empty")
            found = self._match(group, lambda p: p.nhs_number == nhs_number and p.dob == dob)
            if found is None:
                found = self.create_patient(
                    group, nhs_number=nhs_number, dob=dob, data_source="pds"
                )
            return {"patient_id": found.id}
        matches = [
            p
            for p in self._group_patients(group)
            if not p.archived
            and p.dob == dob
            and _postcode(p.postcode) == _postcode(body["postcode"])
            and _name(p.first_name) == _name(body["forename"])
            and _name(p.last_name) == _name(body["surname"])
        ]
        if len(matches) == 1:
            return {"patient_id": matches[0].id}
        return {
            "message": "Log in to Hero to complete the PDS trace for this patient",
            "login_url": f"{call.base_url}pds/login",
        }

    # ---- operations: reading -----------------------------------------------------------

    def list_patients(self, call: FakeRequest) -> JSON:
        """Every patient of the group (archived ones too), filtered by `field` and `search`.

        With `field`, `search` must equal that field (an NHS number may have spaces or
        dashes; a dob may be a date or date-time). With `search` alone, it is found
        (case ignored) in the names, NHS number, EMIS id, email or mobile. Without
        `search`, `field` filters nothing.
        """
        patients = [self.render_v1(p) for p in self._group_patients(call.practice_group_id)]
        found = _search(patients, call.query.get("field"), call.query.get("search"))
        return shape.envelope(found, query_page(call.query))

    def list_patients_v2(self, call: FakeRequest) -> JSON:
        """Hero's patients or the EHR's records (`dataSource`, default hero), as `PatientV2`.

        `field` may name any property of openapi.yaml's `PatientV2` (422 otherwise);
        `search` works as in `list_patients`.
        """
        group, field = call.practice_group_id, call.query.get("field")
        if field is not None and field not in self._shapes.patient_v2:
            names = ", ".join(sorted(self._shapes.patient_v2))
            raise invalid("field", f"must be one of {names}")
        if call.query.get("dataSource", "hero") == "hero":
            records = [self._render_v2(p) for p in self._group_patients(group)]
        else:
            records = [self._render_ehr(r) for r in self._group_ehr(group)]
        found = _search(records, field, call.query.get("search"))
        return shape.envelope(found, query_page(call.query))

    def get_patient(self, call: FakeRequest) -> JSON:
        return self.render_v1(self._path_patient(call))

    def get_patient_v2(self, call: FakeRequest) -> JSON:
        """The patient from Hero, or (`data_source=ehr`) the EHR record it is connected to.

        A patient not connected to an EHR record has none to read: 404.
        """
        patient = self._path_patient(call)
        if call.query.get("data_source", "hero") == "hero":
            return self._render_v2(patient)
        record = self._linked_ehr(patient)
        if record is None:
            raise Problem(404, f"Patient {patient.id} is not connected to an EHR record")
        return self._render_ehr(record, patient)

    def attachments(self, call: FakeRequest) -> JSON:
        return shape.envelope(self._attachments.get(self._path_patient(call).id, []))

    def billing_info(self, call: FakeRequest) -> JSON:
        """The billing info set for the patient, else one with no billing id ("").

        Its other fields are as openapi.yaml fills what was not set: null where allowed.
        """
        patient_id = self._path_patient(call).id
        found = self._billing.get(patient_id)
        if found is None:  # checked as a seeded one is: a spec it no longer fits fails loudly
            unset = {"id": patient_id, "external_billing_id": ""}
            found = self._billing_shape.seed("billing_info of a patient with none set", unset)
        return found

    def payment_methods(self, call: FakeRequest) -> JSON:
        return shape.envelope(self._payment_methods.get(self._path_patient(call).id, []))

    # ---- operations: EHR ---------------------------------------------------------------

    def ehr_candidates(self, call: FakeRequest) -> JSON:
        """The group's EHR records with the patient's NHS number, or its dob and last name."""
        patient = self._path_patient(call)
        found = [
            record
            for record in self._group_ehr(call.practice_group_id)
            if (patient.nhs_number and record.nhs_number == patient.nhs_number)
            or (
                patient.dob is not None
                and record.dob == patient.dob
                and _name(record.last_name) == _name(patient.last_name)
            )
        ]
        return shape.envelope([self._render_ehr(r) for r in found])

    def ehr_connect(self, call: FakeRequest) -> None:
        """Link the patient to the group's EHR record (404 if there is none).

        Sets `ehr_partner_id`, `ehr_registered` true, and the record's EMIS id when the
        patient has none.
        """
        patient = self._path_patient(call)
        ehr_partner_id = call.body["ehr_partner_id"]
        record = self._ehr.get((call.practice_group_id, ehr_partner_id))
        if record is None:
            raise Problem(404, "No EHR record with this ehr_partner_id in this practice group")
        self._store(
            patient,
            ehr_partner_id=record.ehr_partner_id,
            ehr_registered=True,
            emis_id=patient.emis_id or record.emis_id,
        )

    # ---- operations: merge -------------------------------------------------------------

    def merge_preview(self, call: FakeRequest) -> JSON:
        """The pair, the merged result (rule: `_merge.merged`) and a token bound to both."""
        main, incoming = self._merge_pair(call)
        return {
            "main_patient": self.render_v1(main),
            "incoming_patient": self.render_v1(incoming),
            "result_patient": self.render_v1(merged(main, incoming)),
            "merge_token": self._tokens.issue(call.practice_group_id, main, incoming),
        }

    def merge(self, call: FakeRequest) -> None:
        """Apply the previewed result to the main patient and archive the incoming one."""
        main, incoming = self._merge_pair(call)
        self._tokens.redeem(call.body["merge_token"], call.practice_group_id, main, incoming)
        result = merged(main, incoming)
        self._store(main, **{name: getattr(result, name) for name in PATIENT_FIELDS})
        self._store(incoming, status="archived")

    def _merge_pair(self, call: FakeRequest) -> tuple[PatientRecord, PatientRecord]:
        main = self._path_patient(call)
        incoming = self._find(call.practice_group_id, call.body["patient_id"], "patient_id")
        if incoming.id == main.id:
            raise Problem(422, "A patient cannot be merged into itself")
        for patient in (main, incoming):
            if patient.archived:
                raise Problem(409, f"Patient {patient.id} is archived and cannot be merged")
        return main, incoming

    # ---- helpers -----------------------------------------------------------------------

    def _group(self, practice_group_id: str) -> PracticeGroup:
        try:
            return self._groups[practice_group_id]
        except KeyError:
            raise KeyError(f"the fake has no practice group {practice_group_id!r}") from None

    def _find(self, group: str, patient_id: str, field: str = "id") -> PatientRecord:
        """The group's patient, else 404.

        Another group's patient is not found either, and neither is an id that is not
        digits (no patient could have it; 404 rather than 400, as for any unknown id). The
        message shows the id only where the SDK's redaction shows it (the path's `id`); the
        body's `patient_id` is named, never quoted.
        """
        patient = self._patients.get(patient_id) if HERO_ID_PATTERN.fullmatch(patient_id) else None
        if patient is None or patient.practice_group_id != group:
            if field in LOGGABLE_PARAMS:
                raise Problem(404, f"Patient {patient_id} not found")
            raise Problem(404, f"Patient not found (the {field} sent)")
        return patient

    def _path_patient(self, call: FakeRequest) -> PatientRecord:
        return self._find(call.practice_group_id, call.path_params["id"])

    def _store(self, patient: PatientRecord, **changes: Any) -> PatientRecord:
        updated = evolve(patient, **changes)
        if updated != patient:
            updated = evolve(updated, version=patient.version + 1)
            self._check(updated)
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


# Searched by `search` without `field`.
_FREE_TEXT_FIELDS = ("first_name", "last_name", "nhs_number", "emis_id", "email", "mobile")


def _search(records: list[JSON], field: str | None, search: str | None) -> list[JSON]:
    """The rendered records `search` finds, in `field` or (without one) as free text."""
    if search is None:
        return records
    if field is None:
        needle = search.casefold()
        return [
            r
            for r in records
            if any(needle in str(r.get(name) or "").casefold() for name in _FREE_TEXT_FIELDS)
        ]
    if field == "dob":
        day = parse_day(search)
        return [r for r in records if day and r.get("dob") and parse_day(r["dob"]) == day]
    if field == "nhs_number":
        search = search.replace(" ", "").replace("-", "")
    return [r for r in records if r.get(field) == search]


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


# The stateful operations, by openapi.yaml operationId: the one place they are named.
OPERATIONS: Mapping[str, Callable[[HeroState, FakeRequest], Any]] = {
    "list_patients": HeroState.list_patients,
    "register_patient": HeroState.register,
    "register_patient_pds": HeroState.register_pds,
    "get_patient": HeroState.get_patient,
    "list_patient_attachments": HeroState.attachments,
    "get_patient_billing_info": HeroState.billing_info,
    "list_patient_payment_methods": HeroState.payment_methods,
    "list_ehr_candidates": HeroState.ehr_candidates,
    "connect_patient_ehr": HeroState.ehr_connect,
    "preview_patient_merge": HeroState.merge_preview,
    "merge_patients": HeroState.merge,
    "list_patients_v2": HeroState.list_patients_v2,
    "get_patient_v2": HeroState.get_patient_v2,
}


def handlers(state: HeroState) -> dict[str, Handler]:
    """The stateful operations, bound to `state`."""
    return {name: functools.partial(run, state) for name, run in OPERATIONS.items()}
