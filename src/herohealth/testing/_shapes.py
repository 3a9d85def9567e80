"""The JSON the fake sends: records rendered in openapi.yaml's response shapes.

`Shapes` renders a patient or an EHR record as the spec's `Patient` and `PatientV2`: each
property the schema lists, in its order, from the record's field of that name (or one
computed: identifiers, the v2 names of address lines and Hero ids). A property the record
has no field for is left out, or if required (a newer spec's), given a value generated
from its schema. Dates of birth go out as midnight UTC date-times
("1989-04-11T00:00:00Z"), as Hero sends them.

What a seeding helper stores (`BillingInfo`, `Attachment`, `PaymentMethod`) is `Seeded`:
every property of the schema, the caller's values and the spec's for the rest, checked
against the schema when seeded.
"""

from __future__ import annotations

import copy
import datetime
from collections.abc import Collection, Mapping, Sequence
from typing import Any

from attrs import frozen
from jsonschema.exceptions import best_match
from jsonschema.protocols import Validator

from herohealth.testing._answers import generate, write_only
from herohealth.testing._records import EhrRecord, PatientRecord
from herohealth.testing._spec import Spec

JSON = dict[str, Any]

# How an EHR record's system is labelled in an identifier: the spec does not say which label
# goes with which data_source, but `check_labels` holds each to openapi.yaml's IdentifierLabel.
_EHR_LABELS = {"emis": "EMIS", "systm_one": "Systm One", "gha": "GHA"}
_NHS_LABEL, _HERO_LABEL = "NHS", "Hero"


def day_time(day: datetime.date | None) -> str | None:
    return None if day is None else f"{day.isoformat()}T00:00:00Z"


def date_time(moment: datetime.datetime | None) -> str | None:
    """An ISO 8601 date-time in UTC with a "Z" (a naive datetime is taken as UTC)."""
    if moment is None:
        return None
    if moment.tzinfo is not None:
        moment = moment.astimezone(datetime.UTC).replace(tzinfo=None)
    return moment.isoformat() + "Z"


def ehr_label(data_source: str | None) -> str:
    return _EHR_LABELS.get(data_source or "", _EHR_LABELS["emis"])


def check_labels(allowed: Collection[str] | None) -> None:
    """ValueError unless every label the fake gives an identifier is one of `allowed`.

    `allowed` is openapi.yaml's IdentifierLabel enum (None: the spec lists no values).
    """
    missing = sorted({_NHS_LABEL, _HERO_LABEL, *_EHR_LABELS.values()} - set(allowed or ()))
    if allowed is not None and missing:
        raise ValueError(
            f"openapi.yaml's identifier labels ({', '.join(sorted(allowed))}) lack "
            f"{', '.join(missing)}: herohealth.testing._shapes._EHR_LABELS needs updating"
        )


@frozen
class Shapes:
    """The property names of `Patient` and `PatientV2`, and the Title enum, from the spec."""

    patient: Sequence[str]
    patient_v2: Sequence[str]
    titles: Collection[str]
    required: Mapping[str, Any]  # a value for each required property, where a record has none

    def v1(self, patient: PatientRecord, ehr_system: str | None) -> JSON:
        """`Patient`. `ehr_system` is the linked EHR record's data_source."""
        found = _identifiers(patient.nhs_number, patient.id, patient.ehr_partner_id, ehr_system)
        return self._render(patient, self.patient, {"identifiers": found})

    def v2(self, patient: PatientRecord, ehr_system: str | None) -> JSON:
        """`PatientV2` for a Hero patient (`data_source=hero`)."""
        computed = {
            "line_1": patient.address_line_1,
            "line_2": patient.address_line_2,
            "line_3": patient.address_line_3,
            "hero_id": patient.id,
            "hero_uid": patient.uid,
            "identifiers": _identifiers(
                patient.nhs_number, patient.id, patient.ehr_partner_id, ehr_system
            ),
        }
        return self._render(patient, self.patient_v2, computed)

    def ehr(self, record: EhrRecord, hero: PatientRecord | None) -> JSON:
        """`PatientV2` for an EHR record; `hero` is the patient linked to it.

        An EHR record is registered in the EHR by definition, so `ehr_registered` is true.
        """
        hero_id = hero.id if hero else None
        computed = {
            "hero_id": hero_id,
            "hero_uid": hero.uid if hero else None,
            "identifiers": _identifiers(
                record.nhs_number, hero_id, record.ehr_partner_id, record.data_source, False
            ),
            "ehr_registered": True,
        }
        return self._render(record, self.patient_v2, computed)

    def _render(self, record: object, names: Sequence[str], computed: Mapping[str, Any]) -> JSON:
        rendered: JSON = {}
        for name in names:
            if name in computed:
                rendered[name] = computed[name]
            elif hasattr(record, name):
                rendered[name] = self._value(name, getattr(record, name))
            elif name in self.required:
                rendered[name] = self.required[name]
        return rendered

    def _value(self, name: str, value: Any) -> Any:
        if name == "dob":
            return day_time(value)
        if name == "title":
            # Register accepts any string as a title (`oneOf: [string, Title]`), but every
            # response declares `title` a Title or null: one outside the enum reads as null.
            return value if value in self.titles else None
        if isinstance(value, datetime.datetime):
            return date_time(value)
        return list(value) if isinstance(value, tuple) else value


def _identifiers(
    nhs_number: str | None,
    hero_id: str | None,
    ehr_partner_id: str | None,
    ehr_system: str | None,
    hero_is_main: bool = True,
) -> list[JSON]:
    """The NHS number (main), the Hero id, and the EHR id where the record has each."""
    found: list[JSON] = []
    if nhs_number:
        found.append(_identifier("nhs", "nhs_number", "main", _NHS_LABEL, nhs_number))
    if hero_id:
        role = "main" if hero_is_main else "secondary"
        found.append(_identifier("hero", "hero_id", role, _HERO_LABEL, hero_id))
    if ehr_partner_id:
        role = "secondary" if hero_is_main else "main"
        label = ehr_label(ehr_system)
        found.append(_identifier("ehr_partner", "ehr_partner_id", role, label, ehr_partner_id))
    return found


def _identifier(source: str, name: str, role: str, label: str, value: str) -> JSON:
    return {"source": source, "name": name, "role": role, "label": label, "value": value}


def envelope(items: Sequence[JSON], page: tuple[int, int] | None = None) -> JSON:
    """The list envelope every list operation answers with; `count` is the total.

    With `page` (index, size), `data` is that page of the items.
    """
    data = list(items)
    if page is not None:
        index, size = page
        data = data[index * size : (index + 1) * size]
    return {"data": data, "count": len(items)}


@frozen
class Seeded:
    """An object schema of openapi.yaml that a seeding helper fills (`BillingInfo`, ...).

    Read from the spec (`of`): every property the schema declares, in its order. A seeded
    value has, for each property the caller gives, the caller's value (for an object
    property with properties of its own, a mapping filled the same way), and for every other
    one: its `example` (the property's, else the object's, the first that fits), else null
    where the schema allows null (nothing was set), else an object filled the same way,
    else the value `_answers.generate` makes of its schema. A `writeOnly` property is never
    filled (Hero never sends one back). Names the schema does not declare come after, as
    given: `seed` refuses them only where the schema does (`additionalProperties: false`).
    """

    name: str  # the schema's name in openapi.yaml, for messages
    unset: Mapping[str, Any]  # each property's value when the caller gives none
    nested: Mapping[str, Seeded]  # the object properties with properties of their own
    validator: Validator

    @classmethod
    def of(cls, spec: Spec, pointer: str, depth: int = 0) -> Seeded:
        """The object schema at `pointer` (a JSON pointer into the spec, `$ref`s followed)."""
        pointer, schema = spec.located(pointer)
        nested: dict[str, Seeded] = {}
        unset: dict[str, Any] = {}
        declared = spec.properties(schema)  # as written: a flag may sit beside a `$ref`
        for name, (at, prop) in spec.property_schemas(pointer).items():
            if write_only(prop) or write_only(declared.get(name)):
                continue  # Hero takes it and never sends it back: only a caller's value is
            if depth < _MAX_NESTING and spec.property_schemas(at):
                nested[name] = cls.of(spec, at, depth + 1)
            examples = [*_examples(prop), *_examples(schema, name)]
            unset[name] = _unset(spec, at, prop, examples, nested.get(name))
        return cls(pointer.rsplit("/", 1)[-1], unset, nested, spec.validator(pointer))

    def fill(self, given: Mapping[str, Any]) -> JSON:
        """`given` and a value for every other property (see the class doc), unchecked."""
        filled: JSON = {}
        for name, unset in self.unset.items():
            if name not in given:
                filled[name] = copy.deepcopy(unset)
            elif name in self.nested and isinstance(given[name], Mapping):
                filled[name] = self.nested[name].fill(given[name])
            else:
                filled[name] = given[name]
        filled.update((name, value) for name, value in given.items() if name not in filled)
        return filled

    def seed(self, helper: str, given: Mapping[str, Any]) -> JSON:
        """`fill(given)`, checked against the schema.

        TypeError for a name the schema refuses, ValueError for a value that does not fit;
        each names `helper` (the FakeHero method) and the field.
        """
        seeded = self.fill(given)
        error = best_match(self.validator.iter_errors(seeded))
        if error is None:
            return seeded
        where = [str(part) for part in error.absolute_path]
        if error.validator in ("additionalProperties", "unevaluatedProperties"):
            declared = error.schema.get("properties", {}) if isinstance(error.schema, dict) else {}
            unknown = sorted(set(error.instance) - set(declared))
            names = ", ".join(".".join([*where, name]) for name in unknown)
            raise TypeError(f"{helper}: openapi.yaml's {self.name} has no field {names}")
        field, schema = ".".join(where), f"openapi.yaml's {self.name}"
        raise ValueError(f"{helper}: {field} does not fit {schema}: {error.message}")


_MAX_NESTING = 8  # an object property that requires itself is generated that deep


def _examples(schema: Any, name: str | None = None) -> list[Any]:
    """A schema's `example` and `examples`, or (with `name`) what they give that property."""
    if not isinstance(schema, Mapping):
        return []
    listed = schema.get("examples")
    found = [schema["example"]] if "example" in schema else []
    found += listed if isinstance(listed, list) else []
    if name is None:
        return found
    return [example[name] for example in found if isinstance(example, Mapping) and name in example]


def _unset(
    spec: Spec, pointer: str, schema: Any, examples: list[Any], nested: Seeded | None
) -> Any:
    """A property's value when the caller gives none (see `Seeded`)."""
    if examples:
        fits = spec.validator(pointer)
        for example in examples:
            if fits.is_valid(example):
                return example
    resolved = spec.resolve(schema)
    nullable = isinstance(resolved, Mapping) and resolved.get("nullable")
    if nullable or "null" in spec.types(schema) or None in (spec.enum(schema) or ()):
        return None
    return nested.fill({}) if nested is not None else generate(spec, schema)
