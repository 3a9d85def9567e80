"""Checks on user input, run before any request is built.

Two sources of rules: openapi.yaml's, carried by each generated `Param` (required, type,
enum, pattern, lengths, bounds, date and date-time formats), and the domain checks a
schema cannot say (`DOMAIN_CHECKS`, named by sdk.yaml per argument). Each check returns
the value as it will be sent, or raises InvalidInputError naming the field. Nothing is
sent when a check fails.
"""

from __future__ import annotations

import datetime
import math
import re
from collections.abc import Callable, Mapping
from functools import cache
from typing import Any
from urllib.parse import quote

import httpx
from attrs import frozen
from nhs_number.standardise import standardise_format
from nhs_number.validate import is_valid

from herohealth._errors import InvalidInputError
from herohealth._generated import Body, Operation, Param

# `\d` in openapi.yaml means ASCII 0-9 (ECMA-262); Python's `\d` also matches fullwidth digits.
HERO_ID_PATTERN = re.compile(r"^\d+$", re.ASCII)
_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}", re.ASCII)


# ---- domain checks (sdk.yaml names them per argument) -------------------------------------


def hero_id(value: object, field: str = "id") -> str:
    """A Hero patient id: digits only."""
    text = string(value, field)
    if not HERO_ID_PATTERN.fullmatch(text):
        raise InvalidInputError(field, "must be a Hero patient id (digits only, e.g. '1234')")
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


# The checks sdk.yaml may name (`checks:`); tests keep the two in step.
DOMAIN_CHECKS: Mapping[str, Callable[[object, str], object]] = {
    "hero_id": hero_id,
    "nhs_number": nhs_number,
    "date_of_birth": date_of_birth,
    "non_empty": lambda value, field: non_empty(value, field),
}


# ---- openapi.yaml's rules ----------------------------------------------------------------


@frozen
class Prepared:
    """An operation's arguments as they go on the wire."""

    path: str
    query: dict[str, str | list[str]]
    headers: dict[str, str]
    json: dict[str, Any] | None


def prepare(operation: Operation[Any], arguments: Mapping[str, Any]) -> Prepared:
    """Check every argument against its rule and place it: path, query, header or body."""
    path = operation.path
    query: dict[str, str | list[str]] = {}
    headers: dict[str, str] = {}
    body: dict[str, Any] = {}
    given = set()
    for param in operation.params:
        value = arguments.get(param.name)
        if value is None:
            if param.required and param.location != "body":
                raise InvalidInputError(param.name, "is required")
            continue
        value = checked(param, value)
        if param.location == "path":
            path = path.replace("{" + param.wire + "}", _path_segment(value, param.name))
        elif param.location == "query":
            query[param.wire] = _query_value(value)
        elif param.location == "header":
            headers[param.wire] = _header_value(value, param.name)
        else:
            body[param.wire] = value
            given.add(param.name)
    json = _body(operation.body, given, body) if operation.body else None
    return Prepared(path, query, headers, json)


def checked(param: Param, value: object) -> Any:
    """The value as JSON, after the domain check sdk.yaml names and the schema's rule."""
    if param.check is not None:
        value = DOMAIN_CHECKS[param.check](value, param.name)
    value = _to_json(value, param.rule, param.name)
    problem = _problem(value, param.rule)
    if problem:
        raise InvalidInputError(param.name, problem)
    return value


def _body(body: Body, given: set[str], values: dict[str, Any]) -> dict[str, Any] | None:
    """The JSON object, checked against the variant the given arguments fit."""
    if not given and not body.required:
        return None
    for allowed, required in body.variants:
        if required <= given <= allowed:
            return values
    # Name the first problem of the closest variant: what is missing, or what it refuses.
    allowed, required = min(body.variants, key=lambda v: len(v[1] - given) + len(given - v[0]))
    missing = sorted(required - given)
    if missing:
        raise InvalidInputError(missing[0], "is required")
    extra = sorted(given - allowed)
    others = ", ".join(sorted(allowed & given)) or "the other arguments"
    raise InvalidInputError(extra[0], f"cannot be sent together with {others}")


def _to_json(value: object, rule: Mapping[str, Any], field: str) -> Any:
    """Python values users pass (dates, models) as the JSON openapi.yaml describes."""
    formats = _formats(rule)
    if isinstance(value, datetime.datetime):
        if "date-time" not in formats:
            raise InvalidInputError(field, "must not be a datetime here")
        if value.tzinfo is None:
            raise InvalidInputError(field, "must be timezone-aware (e.g. tzinfo=UTC)")
        return value.isoformat()
    if isinstance(value, datetime.date):
        if "date-time" in formats:
            # A bare date as a date-time: midnight UTC, as a bare date from Hero is read.
            return datetime.datetime(
                value.year, value.month, value.day, tzinfo=datetime.UTC
            ).isoformat()
        return value.isoformat()
    to_dict = getattr(value, "to_dict", None)
    if callable(to_dict):
        return to_dict()
    return value


def _formats(rule: Mapping[str, Any]) -> set[str]:
    found = {rule["format"]} if "format" in rule else set()
    for option in rule.get("anyOf") or ():
        found |= _formats(option)
    return found


_TYPES: Mapping[str, Callable[[object], bool]] = {
    "string": lambda v: isinstance(v, str),
    "integer": lambda v: isinstance(v, int) and not isinstance(v, bool),
    "number": lambda v: isinstance(v, int | float) and not isinstance(v, bool) and math.isfinite(v),
    "boolean": lambda v: isinstance(v, bool),
    "array": lambda v: isinstance(v, list | tuple),
    "object": lambda v: isinstance(v, dict),
    "null": lambda v: v is None,
}


def _problem(value: Any, rule: Mapping[str, Any]) -> str | None:
    """What is wrong with `value` under `rule` (a reduced JSON Schema), or None."""
    options = rule.get("anyOf")
    if options:
        problems = [_problem(value, option) for option in options]
        if all(problems):
            return next(p for p in problems if p)
    types = rule.get("type")
    if types and not any(_TYPES[t](value) for t in types if t in _TYPES):
        return f"must be {' or '.join(_NAMES.get(t, t) for t in types)}, not {_kind(value)}"
    if "enum" in rule and value not in rule["enum"]:
        choices = ", ".join(repr(v) for v in rule["enum"])
        return f"must be one of {choices}; got {value!r}"
    if isinstance(value, str):
        return _string_problem(value, rule)
    if isinstance(value, int | float) and not isinstance(value, bool):
        return _number_problem(value, rule)
    if isinstance(value, list | tuple):
        if len(value) < rule.get("minItems", 0):
            return f"must have at least {rule['minItems']} items"
        if "maxItems" in rule and len(value) > rule["maxItems"]:
            return f"must have at most {rule['maxItems']} items"
        for index, item in enumerate(value):
            problem = _problem(item, rule.get("items") or {})
            if problem:
                return f"item {index}: {problem}"
    return None


_NAMES = {
    "string": "a string",
    "integer": "a whole number",
    "number": "a number",
    "boolean": "True or False",
    "array": "a list",
    "object": "an object",
    "null": "None",
}


def _kind(value: object) -> str:
    return type(value).__name__


def _string_problem(value: str, rule: Mapping[str, Any]) -> str | None:
    # Blank counts as empty: a name of spaces is no name.
    if rule.get("minLength", 0) >= 1 and not value.strip():
        return "must not be empty"
    if len(value) < rule.get("minLength", 0):
        return f"must be at least {rule['minLength']} characters"
    if "maxLength" in rule and len(value) > rule["maxLength"]:
        return f"must be at most {rule['maxLength']} characters"
    if "pattern" in rule and not _pattern(rule["pattern"]).search(value):
        return f"must match {rule['pattern']}"
    fmt = rule.get("format")
    if fmt == "date" and not _is_date(value):
        return "must be an ISO 8601 date, e.g. '1989-04-11'"
    if fmt == "date-time" and not _is_date_time(value):
        return "must be an ISO 8601 date-time with a time zone, e.g. '2026-11-25T09:30:00Z'"
    return None


def _number_problem(value: float, rule: Mapping[str, Any]) -> str | None:
    if "minimum" in rule and value < rule["minimum"]:
        return f"must be {rule['minimum']} or more"
    if "maximum" in rule and value > rule["maximum"]:
        return f"must be {rule['maximum']} or less"
    if "exclusiveMinimum" in rule and value <= rule["exclusiveMinimum"]:
        return f"must be more than {rule['exclusiveMinimum']}"
    if "exclusiveMaximum" in rule and value >= rule["exclusiveMaximum"]:
        return f"must be less than {rule['exclusiveMaximum']}"
    return None


@cache
def _pattern(pattern: str) -> re.Pattern[str]:
    # ECMA-262 classes are ASCII (`\d` is 0-9); JSON Schema patterns are unanchored.
    return re.compile(pattern, re.ASCII)


def _is_date(text: str) -> bool:
    try:
        return bool(_ISO_DATE.fullmatch(text)) and bool(datetime.date.fromisoformat(text))
    except ValueError:
        return False


def _is_date_time(text: str) -> bool:
    try:
        moment = datetime.datetime.fromisoformat(text)
    except ValueError:
        return False
    return bool(_ISO_DATE.match(text)) and moment.tzinfo is not None


def _path_segment(value: object, field: str) -> str:
    text = str(value)
    if text in {"", ".", ".."}:
        raise InvalidInputError(field, "must not be empty, '.' or '..'")
    # Every reserved character is percent-encoded: an id cannot add a path segment.
    return quote(text, safe="")


def _query_value(value: object) -> str | list[str]:
    if isinstance(value, list | tuple):
        return [_scalar(item) for item in value]
    return _scalar(value)


def _scalar(value: object) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def _header_value(value: object, field: str) -> str:
    text = _scalar(value)
    if not text.isascii() or any(c in text for c in "\r\n\0"):
        raise InvalidInputError(field, "must be printable ASCII on one line (an HTTP header)")
    return text


# ---- client settings -------------------------------------------------------------------------


def string(value: object, field: str) -> str:
    if not isinstance(value, str):
        raise InvalidInputError(field, f"must be a string, not {type(value).__name__}")
    return value


def non_empty(value: object, field: str) -> str:
    text = string(value, field)
    if not text.strip():
        raise InvalidInputError(field, "must not be empty")
    return text


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
