"""Checks on user input, run before any request is built.

Each check returns the value as it will be sent, or raises InvalidInputError naming
the field. Nothing is sent when a check fails.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Collection
from typing import TypeVar

import httpx
from nhs_number.standardise import standardise_format
from nhs_number.validate import is_valid

from herohealth._errors import InvalidInputError

# Hero's patient ids (`id`, `patient_id`, `hero_id` in openapi.yaml) are `^\d+$`.
# Path ids are held to it too: an id like "1/merge" or "../admin" is refused
# here, and the generated client percent-encodes path parameters as well.
# `\d` in the spec means ASCII 0-9 (ECMA-262); Python's `\d` also matches fullwidth digits.
PATIENT_ID_PATTERN = re.compile(r"^\d+$", re.ASCII)

_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}", re.ASCII)

S = TypeVar("S", bound=str)


def patient_id(value: object, field: str = "id") -> str:
    """A Hero patient id: digits only."""
    text = string(value, field)
    if not PATIENT_ID_PATTERN.fullmatch(text):
        raise InvalidInputError(field, "must be a Hero patient id (digits only, e.g. '1234')")
    return text


def string(value: object, field: str) -> str:
    if not isinstance(value, str):
        raise InvalidInputError(field, f"must be a string, not {type(value).__name__}")
    return value


def non_empty(value: object, field: str) -> str:
    text = string(value, field)
    if not text.strip():
        raise InvalidInputError(field, "must not be empty")
    return text


def nhs_number(value: object, field: str = "nhs_number") -> str:
    """A valid NHS number, as the 10 digits Hero stores.

    Accepts the ways people write one ("9434765919", "943 476 5919",
    "943-476-5919") and checks the Modulus 11 check digit.
    """
    text = string(value, field)
    # The library's format check accepts any Unicode digit; Hero stores ASCII.
    digits = standardise_format(text) if text.isascii() else ""
    if not digits:
        raise InvalidInputError(field, "must be 10 digits (spaces or dashes as 3-3-4 allowed)")
    if not is_valid(digits):
        raise InvalidInputError(field, "is not a valid NHS number (check digit does not match)")
    return digits


def date_of_birth(value: object, field: str = "dob") -> datetime.date:
    """A date of birth: a `datetime.date`, or an ISO 8601 date string ("1989-04-11")."""
    if isinstance(value, datetime.datetime):
        raise InvalidInputError(field, "must be a date, not a datetime (use .date())")
    if isinstance(value, str):
        try:
            if not _ISO_DATE.fullmatch(value):
                raise ValueError(value)
            value = datetime.date.fromisoformat(value)
        except ValueError:
            raise InvalidInputError(field, "must be an ISO 8601 date, e.g. '1989-04-11'") from None
    if not isinstance(value, datetime.date):
        raise InvalidInputError(field, f"must be a date, not {type(value).__name__}")
    if value > datetime.date.today():
        raise InvalidInputError(field, "must not be in the future")
    return value


def one_of(value: object, allowed: Collection[S], field: str) -> S:
    """One of an enum's values (the generated `*_VALUES` sets)."""
    if not isinstance(value, str) or value not in allowed:
        choices = ", ".join(repr(v) for v in sorted(allowed))
        raise InvalidInputError(field, f"must be one of {choices}; got {value!r}")
    return value  # type: ignore[return-value]  # membership proves the type


def timeout(value: object, field: str = "timeout") -> float | httpx.Timeout:
    """Seconds (a positive number) or an httpx.Timeout."""
    if isinstance(value, httpx.Timeout):
        return value
    if isinstance(value, bool) or not isinstance(value, int | float) or value <= 0:
        raise InvalidInputError(field, "must be seconds (a number above 0) or an httpx.Timeout")
    return value


def max_retries(value: object, field: str = "max_retries") -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise InvalidInputError(field, "must be a whole number, 0 or more")
    return value
