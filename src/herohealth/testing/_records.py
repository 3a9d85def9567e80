"""The records the fake holds: immutable values, replaced (never mutated) on every change.

A change to a patient replaces its `PatientRecord` with one whose `version` is one higher;
merge tokens are bound to these versions, so any change after a preview is detectable.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable

from attrs import field, fields, frozen


def _strings(values: Iterable[str]) -> tuple[str, ...]:
    return tuple(values)


def to_day(value: datetime.date | str | None) -> datetime.date | None:
    """A date of birth given to a seeding helper: a `date` or "1989-04-11"."""
    if value is None or (
        isinstance(value, datetime.date) and not isinstance(value, datetime.datetime)
    ):
        return value
    if isinstance(value, str):
        try:
            return datetime.date.fromisoformat(value)
        except ValueError as error:  # "month must be in 1..12" would name no field
            raise ValueError(f"dob must be an ISO date such as '1989-04-11': {error}") from None
    raise TypeError(f"dob must be a datetime.date or an ISO date string, not {value!r}")


@frozen
class PracticeGroup:
    """A practice group and the API key that is valid for it."""

    id: str
    api_key: str = field(repr=False)


@frozen(kw_only=True)
class PatientRecord:
    """A Hero patient, with every field openapi.yaml's `Patient` has (plus `landline`)."""

    id: str
    practice_group_id: str
    uid: str
    version: int = 1
    first_name: str | None = None
    last_name: str | None = None
    dob: datetime.date | None = None
    nhs_number: str | None = None
    title: str | None = None
    sex: str | None = None
    mobile: str | None = None
    landline: str | None = None
    email: str | None = None
    emails: tuple[str, ...] = field(default=(), converter=_strings)
    emis_id: str | None = None
    ehr_partner_id: str | None = None
    ehr_registered: bool | None = False
    deceased_at: datetime.datetime | None = None
    last_sync_at: datetime.datetime | None = None
    sex_changed_at: datetime.datetime | None = None
    address_line_1: str | None = None
    address_line_2: str | None = None
    address_line_3: str | None = None
    town: str | None = None
    county: str | None = None
    postcode: str | None = None
    country: str | None = None
    notes: str | None = None
    verification_credentials: tuple[str, ...] = field(default=(), converter=_strings)
    data_source: str = "hero"
    restricted: bool = False
    status: str = "unarchived"

    @property
    def archived(self) -> bool:
        return self.status == "archived"


# What a seeding helper may set on a patient; the id, group and version are the fake's own.
PATIENT_FIELDS = frozenset(f.name for f in fields(PatientRecord)) - {
    "id",
    "practice_group_id",
    "version",
}


@frozen(kw_only=True)
class EhrRecord:
    """A patient as the practice's EHR (EMIS, SystmOne) holds it: openapi.yaml's `PatientV2`."""

    ehr_partner_id: str
    practice_group_id: str
    first_name: str | None = None
    last_name: str | None = None
    dob: datetime.date | None = None
    nhs_number: str | None = None
    title: str | None = None
    sex: str | None = None
    mobile: str | None = None
    email: str | None = None
    emis_id: str | None = None
    deceased_at: datetime.datetime | None = None
    last_sync_at: datetime.datetime | None = None
    line_1: str | None = None
    line_2: str | None = None
    line_3: str | None = None
    town: str | None = None
    county: str | None = None
    postcode: str | None = None
    data_source: str = "emis"
    restricted: bool = False


@frozen
class MergeGrant:
    """What a merge token was issued for: the pair, and the version of each patient then."""

    practice_group_id: str
    main_id: str
    incoming_id: str
    main_version: int
    incoming_version: int


# What a seeding helper may set on an EHR record.
EHR_FIELDS = frozenset(f.name for f in fields(EhrRecord)) - {"practice_group_id"}
