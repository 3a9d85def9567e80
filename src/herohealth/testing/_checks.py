"""What the fake accepts: openapi.yaml's enums, request body checks, and the errors it answers.

Every check raises `Problem`, which the app turns into an error response with a JSON body
`{"message": ...}` (plus `"errors": [{"field", "message"}, ...]` for a 422). Keeping the
rules here means the operations in `_state.py` only ever see values that passed them.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Collection, Mapping
from typing import Any

from nhs_number.validate import is_valid as _nhs_checksum_ok

# openapi.yaml's enums, copied (the fake may not import the generated package);
# tests/testing/test_fake_contract.py keeps them equal to the spec.
TITLES = frozenset(
    {
        "Baron",
        "Baroness",
        "Brigadier",
        "Count",
        "Colonel",
        "Countess",
        "Captain",
        "Dame",
        "The Dowager Viscountess",
        "Dr",
    }
)
SEXES = frozenset({"Not known", "Not specified", "Male", "Female", "Other"})
DATA_SOURCES = frozenset({"hero", "emis", "pds", "gha", "systm_one"})
PATIENT_STATUSES = frozenset({"archived", "unarchived"})
RECORD_SOURCES = frozenset({"hero", "ehr"})
SEARCH_FIELDS = frozenset({"emis_id", "nhs_number", "dob"})

# `^\d+$` in openapi.yaml means ASCII digits (ECMA-262), not any Unicode digit.
_HERO_ID = re.compile(r"[0-9]+")
_ISO_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")


class Problem(Exception):
    """An error answer: its HTTP status, a message, and for a 422 the fields at fault."""

    def __init__(
        self, status: int, message: str, errors: list[dict[str, str]] | None = None
    ) -> None:
        super().__init__(message)
        self.status = status
        self.message = message
        self.errors = errors

    def body(self) -> dict[str, Any]:
        body: dict[str, Any] = {"message": self.message}
        if self.errors is not None:
            body["errors"] = self.errors
        return body


class BodyCheck:
    """Collects every problem with a request body, so one 422 lists them all.

    ```python
    check = BodyCheck(body)
    name = check.required_text("first_name")
    check.done()  # raises Problem(422) if anything was wrong
    ```
    """

    def __init__(self, body: object) -> None:
        self.errors: list[dict[str, str]] = []
        if isinstance(body, dict):
            self.body: Mapping[str, Any] = body
        else:
            self.body = {}
            self.fail("body", "must be a JSON object")

    def fail(self, field: str, message: str) -> None:
        self.errors.append({"field": field, "message": message})

    def has(self, field: str) -> bool:
        return field in self.body

    def required_text(self, field: str) -> str:
        """The field's text; "" when it is missing or empty (and the problem is noted)."""
        if field not in self.body:
            self.fail(field, "is required")
            return ""
        return self._non_empty(field) or ""

    def optional_text(self, field: str, *, non_empty: bool = False) -> str | None:
        if field not in self.body:
            return None
        return self._non_empty(field) if non_empty else self._text(field)

    def optional_enum(self, field: str, allowed: Collection[str]) -> str | None:
        value = self.optional_text(field)
        if value is not None and value not in allowed:
            self.fail(field, f"must be one of {', '.join(sorted(allowed))}")
            return None
        return value

    def hero_id(self, field: str) -> str:
        value = self.required_text(field)
        if value and not _HERO_ID.fullmatch(value):
            self.fail(field, "must be a Hero patient id (digits)")
            return ""
        return value

    def nhs_number(self, field: str = "nhs_number", *, required: bool = False) -> str | None:
        """A valid NHS number (10 digits, Modulus 11 check digit); "" counts as not given."""
        value = self.required_text(field) if required else self.optional_text(field)
        if not value:
            return None
        if not nhs_number_ok(value):
            self.fail(field, "is not a valid NHS number (10 digits, Modulus 11 check digit)")
            return None
        return value

    def date_of_birth(self, field: str = "dob", *, nullable: bool = False) -> datetime.date | None:
        """A past date, sent as "1989-04-11" or as a date-time ("1989-04-11T00:00:00Z")."""
        if field not in self.body:
            self.fail(field, "is required")
            return None
        if self.body[field] is None and nullable:
            return None
        text = self._non_empty(field)
        if text is None:
            return None
        day = parse_day(text)
        if day is None:
            self.fail(field, "must be an ISO 8601 date or date-time, e.g. 1989-04-11")
        elif day > datetime.date.today():
            self.fail(field, "must not be in the future")
            return None
        return day

    def done(self) -> None:
        if self.errors:
            raise Problem(422, "The request body is invalid", self.errors)

    def _text(self, field: str) -> str | None:
        value = self.body[field]
        if not isinstance(value, str):
            self.fail(field, "must be a string")
            return None
        return value

    def _non_empty(self, field: str) -> str | None:
        value = self._text(field)
        if value is not None and not value.strip():
            self.fail(field, "must not be empty")
            return None
        return value


def is_hero_id(value: str) -> bool:
    return _HERO_ID.fullmatch(value) is not None


def nhs_number_ok(value: str) -> bool:
    return len(value) == 10 and value.isascii() and value.isdigit() and _nhs_checksum_ok(value)


def parse_day(text: str) -> datetime.date | None:
    """The calendar date of "1989-04-11" or "1989-04-11T00:00:00Z", as written.

    A date of birth is a calendar date: the date part is taken as sent, never shifted by a
    time zone offset.
    """
    try:
        if _ISO_DATE.fullmatch(text):
            return datetime.date.fromisoformat(text)
        if _ISO_DATE.match(text):
            return datetime.datetime.fromisoformat(text).date()
    except ValueError:
        return None
    return None


def query_page(query: Mapping[str, str]) -> tuple[int, int] | None:
    """Hero's paging convention on its other endpoints: `page_index` (from 0) and `page_size`.

    Hero's reference declares no paging for the Patients lists; the fake honours the
    convention when both are sent, so paging can be tested before Hero's spec adds it.
    """
    if "page_index" not in query or "page_size" not in query:
        return None
    values = query["page_index"], query["page_size"]
    if not all(v.isascii() and v.isdigit() for v in values) or int(values[1]) < 1:
        error = {
            "field": "page_index",
            "message": "page_index (0 or more) and page_size (1 or more)",
        }
        raise Problem(422, "The query is invalid", [error])
    return int(values[0]), int(values[1])


def query_enum(query: Mapping[str, str], name: str, allowed: Collection[str]) -> str | None:
    """An optional query parameter that must be one of an enum's values (422 otherwise)."""
    value = query.get(name)
    if value is not None and value not in allowed:
        error = {"field": name, "message": f"must be one of {', '.join(sorted(allowed))}"}
        raise Problem(422, "The query is invalid", [error])
    return value
