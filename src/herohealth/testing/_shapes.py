"""The JSON the fake sends: records rendered in openapi.yaml's response shapes.

`Shapes` renders a patient or an EHR record as the spec's `Patient` and `PatientV2`: each
property the schema lists, in its order, from the record's field of that name (or one
computed: identifiers, the v2 names of address lines and Hero ids). A property the record
has no field for is left out, or if required (a newer spec's), given a value generated
from its schema. Dates of birth go out as midnight UTC date-times
("1989-04-11T00:00:00Z"), as Hero sends them. The other shapes are plain dicts in the
order openapi.yaml lists their properties.
"""

from __future__ import annotations

import datetime
from collections.abc import Collection, Mapping, Sequence
from typing import Any

from attrs import frozen

from herohealth.testing._records import EhrRecord, PatientRecord

JSON = dict[str, Any]

# How an EHR record's system is labelled in an identifier (openapi.yaml's IdentifierLabel).
_EHR_LABELS = {"emis": "EMIS", "systm_one": "Systm One", "gha": "GHA"}


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
    return _EHR_LABELS.get(data_source or "", "EMIS")


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
        found.append(_identifier("nhs", "nhs_number", "main", "NHS", nhs_number))
    if hero_id:
        role = "main" if hero_is_main else "secondary"
        found.append(_identifier("hero", "hero_id", role, "Hero", hero_id))
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


def default_billing_info(patient_id: str) -> JSON:
    """Billing info for a patient none was set for: no billing id, no insurance."""
    return billing_info(patient_id, external_billing_id="")


def billing_info(
    billing_id: str,
    *,
    external_billing_id: str,
    insurer: str | None = None,
    membership_number: str | None = None,
    auth_code: str | None = None,
    billing_note: str | None = None,
    confidential: bool | None = None,
) -> JSON:
    """openapi.yaml's `BillingInfo`."""
    return {
        "id": billing_id,
        "external_billing_id": external_billing_id,
        "insurance": {
            "insurer": insurer,
            "membership_number": membership_number,
            "auth_code": auth_code,
        },
        "billing_note": billing_note,
        "confidential": confidential,
    }


def attachment(
    ehr_partner_file_id: str, file_name: str, file_extension: str, created_at: datetime.datetime
) -> JSON:
    """openapi.yaml's `Attachment`."""
    return {
        "ehr_partner_file_id": ehr_partner_file_id,
        "file_name": file_name,
        "file_extension": file_extension,
        "created_at": date_time(created_at),
    }


def payment_method(
    payment_method_id: str,
    *,
    brand: str,
    last4: str,
    exp_month: int,
    exp_year: int,
    overrides: dict[str, Any],
) -> JSON:
    """openapi.yaml's `PaymentMethod`: a Stripe card, UK-issued, with `overrides` applied."""
    card: JSON = {
        "id": payment_method_id,
        "type": "card",
        "brand": brand,
        "last4": last4,
        "checks": {
            "address_line1_check": None,
            "address_postal_code_check": "pass",
            "cvc_check": "pass",
        },
        "wallet": None,
        "country": "GB",
        "funding": "credit",
        "exp_year": exp_year,
        "networks": {"available": [brand], "preferred": None},
        "exp_month": exp_month,
        "display_brand": brand,
        "generated_from": None,
        "fingerprint": f"fp_{payment_method_id}",
        "regulated_status": "unregulated",
        "three_d_secure_usage": {"supported": True},
    }
    card.update(overrides)
    return card
