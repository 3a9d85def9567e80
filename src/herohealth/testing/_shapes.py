"""The JSON the fake sends: records rendered in openapi.yaml's response shapes.

Plain dicts in the order openapi.yaml lists the properties. Dates of birth go out as
midnight UTC date-times ("1989-04-11T00:00:00Z"), as Hero sends them.
"""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from typing import Any

from herohealth.testing._checks import TITLES
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


def _title(title: str | None) -> str | None:
    # Register accepts any string as a title (openapi.yaml: `oneOf: [string, Title]`), but
    # every response declares `title` a Title or null: a title outside the enum reads as null.
    return title if title in TITLES else None


def identifiers(
    *,
    nhs_number: str | None,
    hero_id: str | None,
    ehr_partner_id: str | None,
    ehr_system: str | None,
    hero_is_main: bool,
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


def patient_v1(patient: PatientRecord, ehr_system: str | None) -> JSON:
    """openapi.yaml's `Patient`. `ehr_system` is the linked EHR record's data_source."""
    return {
        "id": patient.id,
        "uid": patient.uid,
        "emis_id": patient.emis_id,
        "ehr_partner_id": patient.ehr_partner_id,
        "dob": day_time(patient.dob),
        "deceased_at": date_time(patient.deceased_at),
        "title": _title(patient.title),
        "first_name": patient.first_name,
        "last_name": patient.last_name,
        "sex": patient.sex,
        "nhs_number": patient.nhs_number,
        "email": patient.email,
        "emails": list(patient.emails),
        "mobile": patient.mobile,
        "last_sync_at": date_time(patient.last_sync_at),
        "address_line_1": patient.address_line_1,
        "address_line_2": patient.address_line_2,
        "address_line_3": patient.address_line_3,
        "country": patient.country,
        "postcode": patient.postcode,
        "town": patient.town,
        "county": patient.county,
        "notes": patient.notes,
        "verification_credentials": list(patient.verification_credentials),
        "data_source": patient.data_source,
        "restricted": patient.restricted,
        "sex_changed_at": date_time(patient.sex_changed_at),
        "status": patient.status,
        "identifiers": identifiers(
            nhs_number=patient.nhs_number,
            hero_id=patient.id,
            ehr_partner_id=patient.ehr_partner_id,
            ehr_system=ehr_system,
            hero_is_main=True,
        ),
        "ehr_registered": patient.ehr_registered,
    }


# PatientV2 fields a Hero patient's v1 record gives as they are; the rest are renamed.
_V2_AS_IN_V1 = (
    "ehr_partner_id",
    "emis_id",
    "deceased_at",
    "dob",
    "title",
    "first_name",
    "last_name",
    "sex",
    "nhs_number",
    "email",
    "mobile",
    "last_sync_at",
    "data_source",
    "restricted",
)
_V2_RENAMED = {
    "line_1": "address_line_1",
    "line_2": "address_line_2",
    "line_3": "address_line_3",
    "town": "town",
    "county": "county",
    "postcode": "postcode",
    "hero_id": "id",
    "hero_uid": "uid",
    "identifiers": "identifiers",
    "ehr_registered": "ehr_registered",
}


def patient_v2(patient: PatientRecord, ehr_system: str | None) -> JSON:
    """openapi.yaml's `PatientV2` for a Hero patient (`data_source=hero`)."""
    v1 = patient_v1(patient, ehr_system)
    return {name: v1[name] for name in _V2_AS_IN_V1} | {
        name: v1[v1_name] for name, v1_name in _V2_RENAMED.items()
    }


def ehr_v2(record: EhrRecord, hero: PatientRecord | None) -> JSON:
    """openapi.yaml's `PatientV2` for an EHR record; `hero` is the patient linked to it.

    An EHR record is registered in the EHR by definition, so `ehr_registered` is true.
    """
    return {
        "ehr_partner_id": record.ehr_partner_id,
        "emis_id": record.emis_id,
        "deceased_at": date_time(record.deceased_at),
        "dob": day_time(record.dob),
        "title": _title(record.title),
        "first_name": record.first_name,
        "last_name": record.last_name,
        "sex": record.sex,
        "nhs_number": record.nhs_number,
        "email": record.email,
        "mobile": record.mobile,
        "last_sync_at": date_time(record.last_sync_at),
        "data_source": record.data_source,
        "restricted": record.restricted,
        "line_1": record.line_1,
        "line_2": record.line_2,
        "line_3": record.line_3,
        "town": record.town,
        "county": record.county,
        "postcode": record.postcode,
        "hero_id": hero.id if hero else None,
        "hero_uid": hero.uid if hero else None,
        "identifiers": identifiers(
            nhs_number=record.nhs_number,
            hero_id=hero.id if hero else None,
            ehr_partner_id=record.ehr_partner_id,
            ehr_system=record.data_source,
            hero_is_main=False,
        ),
        "ehr_registered": True,
    }


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
    return billing_info(
        patient_id,
        external_billing_id="",
        insurer=None,
        membership_number=None,
        auth_code=None,
        billing_note=None,
        confidential=None,
    )


def billing_info(
    billing_id: str,
    *,
    external_billing_id: str,
    insurer: str | None,
    membership_number: str | None,
    auth_code: str | None,
    billing_note: str | None,
    confidential: bool | None,
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
