"""Checks on user input, run before any request is built.

Two sources of rules: openapi.yaml's, carried by each generated `Param` as a JSON Schema
(required, type, enum, pattern, lengths, bounds, date, date-time and uuid formats, an object's
properties at any depth) and checked with `jsonschema`; and the domain checks a schema
cannot say (`DOMAIN_CHECKS`, assigned by sdk.yaml per argument name). Each check returns
the value as it will be sent, or raises InvalidInputError naming the field; the value
itself is never quoted, since it may be patient data. Nothing is sent when a check fails.
"""

from __future__ import annotations

import datetime
import enum
import json
import math
import re
import sys
import uuid
import warnings
from collections.abc import Callable, Iterator, Mapping
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any, Final, NamedTuple, cast
from urllib.parse import quote

import httpx

from herohealth._config import MAX_RETRIES
from herohealth._errors import InvalidInputError

if TYPE_CHECKING:
    from jsonschema import ValidationError

    from herohealth._generated import Body, Operation, Param

# `\d` in openapi.yaml means ASCII 0-9 (ECMA-262); Python's `\d` also matches fullwidth digits.
HERO_ID_PATTERN = re.compile(r"^\d+$", re.ASCII)
_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}", re.ASCII)


class Null(enum.Enum):
    """JSON null, sent on purpose: `note=NULL` clears a note in a merge patch.

    An argument of None is not sent, so a value that happens to be None never clears a field
    at Hero. A body property openapi.yaml allows to be null also takes NULL (its type says
    so); anywhere else NULL is refused, naming the field: a query, path or header value, or
    a form field, has no null.
    """

    NULL = "NULL"

    def __repr__(self) -> str:
        return "NULL"


NULL: Final = Null.NULL


# ---- domain checks (sdk.yaml names them per argument) -------------------------------------


def string(value: object, field: str) -> str:
    if not isinstance(value, str):
        raise InvalidInputError(field, f"must be a string, not {type(value).__name__}")
    return value


def non_empty(value: object, field: str) -> str:
    text = string(value, field)
    if not text.strip():
        raise InvalidInputError(field, "must not be empty")
    return text


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
    from nhs_number.standardise import standardise_format
    from nhs_number.validate import is_valid

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
        if not _is_date(value):
            raise InvalidInputError(field, "must be an ISO 8601 date, e.g. '1989-04-11'")
        value = datetime.date.fromisoformat(value)
    if not isinstance(value, datetime.date):
        raise InvalidInputError(field, f"must be a date, not {type(value).__name__}")
    if value > datetime.date.today():
        raise InvalidInputError(field, "must not be in the future")
    return value


def binary(value: object, field: str) -> FilePart:
    """A file part of a multipart body: (filename, its bytes, content type or None).

    Takes what the generated `FileInput` names: bytes, a file opened in binary mode, or a
    `(filename, content)` or `(filename, content, content_type)` tuple. A file is read
    here, once, before the first attempt, so that a retry sends the same bytes, even from
    a file that cannot be read twice (a pipe); it is read from where it stands, and held
    in memory for the call.
    """
    if isinstance(value, tuple) and len(value) in (2, 3):
        filename, content, *rest = value
        content_type = rest[0] if rest else None
    else:  # the file's own name, without its folders (httpx's default, but for a pipe's fd)
        name = getattr(value, "name", None)
        filename = Path(name).name if isinstance(name, str) else "upload"
        content, content_type = value, None
    if filename is not None and not isinstance(filename, str):
        raise InvalidInputError(field, "must have a string (or None) as its filename")
    if content_type is not None:
        content_type = _header_value(string(content_type, field), field)
    if isinstance(content, bytearray | memoryview):
        content = bytes(content)
    elif not isinstance(content, bytes) and callable(getattr(content, "read", None)):
        content = content.read()  # last: nothing is read from a file whose part is refused
    if not isinstance(content, bytes):
        raise InvalidInputError(field, f"must be {_FILE_INPUT}")
    return filename, content, content_type


_FILE_INPUT = "bytes, a file opened in binary mode, or a (filename, content, content_type) tuple"

# The checks sdk.yaml may name (`checks:`); tests keep the two in step. `binary` is the
# generator's own, for each file part of a multipart body.
DOMAIN_CHECKS: Mapping[str, Callable[[object, str], object]] = {
    "hero_id": hero_id,
    "nhs_number": nhs_number,
    "date_of_birth": date_of_birth,
    "non_empty": non_empty,
    "binary": binary,
}


# ---- openapi.yaml's rules ----------------------------------------------------------------


# A part of a multipart body as httpx takes it: a field is (None, text), a file
# (filename, content, content type).
FilePart = tuple[str | None, bytes, str | None]
Part = tuple[str, tuple[None, str] | FilePart]


class Prepared(NamedTuple):
    """An operation's arguments as they go on the wire; a body as `json`, or as a form.

    (A NamedTuple, not attrs: `import herohealth` loads this module for the client's
    settings checks, and attrs only with the first client.)
    """

    path: str
    query: dict[str, str | list[str]]
    headers: dict[str, str]
    json: Any  # an object's properties; a list or other value where the body is one
    data: dict[str, str | list[str]] | None = None  # application/x-www-form-urlencoded
    files: list[Part] | None = None  # multipart/form-data: every part, fields too


def prepare(
    operation: Operation[Any], arguments: Mapping[str, Any], extra_body: object = None
) -> Prepared:
    """Check every argument against its rule and place it: path, query, header or body;
    then the `extra_body` option's properties over the body's."""
    path = operation.path
    query: dict[str, str | list[str]] = {}
    headers: dict[str, str] = {}
    body: dict[str, Any] = {}
    cookies: list[str] = []
    for param in operation.params:
        value = arguments.get(param.name)
        if value is None:
            if param.required and param.location != "body":
                raise InvalidInputError(param.name, "is required")
            continue
        if _holds_null(value) and not _sends_null(operation, param, value):
            raise InvalidInputError(param.name, "cannot be NULL: only a JSON value holds null")
        value, style = checked(param, value), param.style
        if style == "json":  # openapi.yaml's `content: application/json`: one JSON text
            value, style = json.dumps(value, separators=(",", ":")), None
        # `style` is None for a plain value: a list or an object is written by its style.
        if param.location == "path":
            text = _path_segment(value, param.name) if style is None else _simple(param, value)
            path = path.replace("{" + param.wire + "}", text)
        elif param.location == "query":
            if style is None:
                query[param.wire] = _query_value(value)
            else:
                query.update(_styled_query(param, value))
        elif param.location == "header":
            text = value if style is None else _simple(param, value)
            headers[param.wire] = _header_value(text, param.name)
        elif param.location == "cookie":
            cookies.append(f"{param.wire}={quote(_header_value(value, param.name), safe='')}")
        else:
            body[param.wire] = value
    if cookies:  # one Cookie header: httpx deprecates per-request cookie jars
        headers["cookie"] = "; ".join(cookies)
    extra = mapping_option(extra_body, "extra_body")
    if operation.body is None:
        if extra:
            raise InvalidInputError("extra_body", f"{operation.operation_id} sends no body")
        return Prepared(path, query, headers, None)
    values = _body(operation.body, operation.params, body)
    if extra:
        values = {**(values or {}), **_extra_body(operation, operation.body, extra)}
    if values is not None and operation.body.media_type is not None:
        headers["content-type"] = operation.body.media_type  # a +json body's own
    if values is None or operation.body.encoding == "json":
        return Prepared(path, query, headers, values)
    if operation.body.encoding == "json_value":  # a list (or other non-object) as the body
        return Prepared(path, query, headers, values["body"])
    if operation.body.encoding == "urlencoded":
        return Prepared(path, query, headers, None, _fields(values))
    return Prepared(path, query, headers, None, None, _parts(operation.params, values))


def _extra_body(operation: Operation[Any], body: Body, extra: Mapping[str, Any]) -> dict[str, Any]:
    """The `extra_body` option's properties as they are sent: what openapi.yaml does not
    describe has no rule but JSON's, or a form field's (text, or a list of it); None is not
    sent, and NULL is JSON's null."""
    if body.encoding == "json_value":
        raise InvalidInputError("extra_body", f"{operation.operation_id}'s body is not an object")
    files = _file_parts(operation.params)
    values: dict[str, Any] = {}
    for name, value in extra.items():
        if value is None:
            continue
        values[name] = _to_json(value, {}, "extra_body")
        if body.encoding != "json" and (name in files or not _is_form_field(values[name])):
            problem = "must be text, a number, a boolean or a list of them (a form field)"
            raise InvalidInputError("extra_body", f"{name!r}: {problem}")
        not_json = _not_json(values[name])
        if not_json is not None:
            raise InvalidInputError("extra_body", f"{name!r}: {not_json}")
    if not _encodes(values):
        raise InvalidInputError("extra_body", _NOT_UTF8)
    return values


def _is_form_field(value: object) -> bool:
    if isinstance(value, list):
        return all(type(item) in _FORM_SCALARS for item in value)
    return type(value) in _FORM_SCALARS


_FORM_SCALARS = frozenset({str, int, float, bool})


def warn_deprecated(operation: Operation[Any], arguments: Mapping[str, Any]) -> None:
    """A DeprecationWarning for an operation openapi.yaml marks `deprecated: true`
    (`Operation.deprecation`), then one for each given argument marked so (`deprecated`),
    naming it, never its value (it may be an NHS number). Called once per call, before
    anything is checked or sent (a list's pages do not warn again), and at the user's line
    however many of the SDK's frames lie between (a workflow's, a paginator's)."""
    level = _user_stacklevel()
    if operation.deprecation is not None:
        warnings.warn(operation.deprecation, DeprecationWarning, stacklevel=level)
    given = sorted(name for name in operation.deprecated if arguments.get(name) is not None)
    if not given:
        return
    from herohealth._generated import OPERATIONS  # the index: loaded with the client already

    located = OPERATIONS.get(operation.operation_id)
    where = f"{located.resource}.{located.method}" if located else operation.operation_id
    for name in given:
        message = f"the argument {name} of {where} is deprecated in Hero's API description"
        warnings.warn(message, DeprecationWarning, stacklevel=level)


# Frames of these modules lie between the user's call and a warning: the SDK's own.
_PASSED_OVER = frozenset({"herohealth", "herohealth_openapi"})


def _user_stacklevel() -> int:
    """`stacklevel` for a warning raised by this module's caller: the first frame outside
    the SDK (however many lie between: a resource method, a workflow, a paginator), so that
    the warning names the user's line, and Python shows it there (`__main__`)."""
    frame, level = sys._getframe(1), 1  # the caller, which warns: stacklevel 1
    while frame.f_back is not None:
        module = str(frame.f_globals.get("__name__", ""))
        if module.partition(".")[0] not in _PASSED_OVER:
            break
        frame, level = frame.f_back, level + 1
    return level


def _holds_null(value: object) -> bool:
    if type(value) in _JSON_SCALARS:  # most arguments: at once
        return False
    if isinstance(value, Mapping):
        return any(_holds_null(item) for item in value.values())
    if isinstance(value, list | tuple):
        return any(_holds_null(item) for item in value)
    return value is NULL


def _sends_null(operation: Operation[Any], param: Param, value: object) -> bool:
    """Whether the NULL in `value` can go as JSON null: in a JSON body (a property of its
    object, or inside the one value it is, never as that value: no body at all) or in a
    parameter sent as JSON text. A query, path, header or form value has no null."""
    if param.style == "json":
        return True
    encoding = operation.body.encoding if operation.body is not None else None
    if param.location != "body" or encoding not in ("json", "json_value"):
        return False
    return encoding == "json" or value is not NULL


def checked(param: Param, value: object) -> Any:
    """The value as JSON, after the domain check sdk.yaml names and the schema's rule."""
    if param.check is not None:
        value = DOMAIN_CHECKS[param.check](value, param.name)
        if param.check == "binary":  # a file part, (filename, bytes, type): httpx's, not JSON
            return value
    value = _to_json(value, param.rule, param.name)
    if not _encodes(value):
        raise InvalidInputError(param.name, _NOT_UTF8)
    # Blank counts as empty: a name of spaces is no name.
    if isinstance(value, str) and param.rule.get("minLength", 0) >= 1 and not value.strip():
        raise InvalidInputError(param.name, "must not be empty")
    error = _first_error(param.rule, value)
    if error is not None and value is None:  # NULL given
        raise InvalidInputError(param.name, "cannot be NULL: openapi.yaml does not allow null")
    if error is not None:
        raise InvalidInputError(param.name, _problem(error))
    problem = _not_json(value)  # where the rule did not say (`{}`, an object's extra property)
    if problem is not None:
        raise InvalidInputError(param.name, problem)
    return value


_NOT_FINITE = "must be a finite number (JSON has no NaN or infinity)"


def _not_json(value: object) -> str | None:
    """What in `value` JSON cannot hold (a set, a Decimal, NaN, a key that is not text), or
    None. httpx would refuse it later, with the request's headers (the API key) in its
    frames' locals."""
    if type(value) in _JSON_SCALARS and type(value) is not float:  # most values: at once
        return None
    if isinstance(value, float):
        return None if math.isfinite(value) else _NOT_FINITE
    if isinstance(value, str | int):  # a StrEnum's or IntEnum's member: JSON as it is
        return None
    if isinstance(value, Mapping):
        if not all(isinstance(key, str) for key in value):
            return "must have text as its property names"
        value = list(value.values())
    if isinstance(value, list | tuple):
        return next(filter(None, map(_not_json, value)), None)
    return f"must be a JSON value, not {type(value).__name__}"


_NOT_UTF8 = "must be text UTF-8 can encode (it holds a lone surrogate, half of a character)"


def _encodes(value: object) -> bool:
    """Whether every string in `value` (keys too) encodes as UTF-8, as httpx sends it: a
    lone surrogate (JSON's "\\ud83d", text decoded with surrogateescape) does not, and httpx
    would raise UnicodeEncodeError from its frames, the request's headers in their locals."""
    if isinstance(value, str):
        if value.isascii():  # most text: at once
            return True
        try:
            value.encode("utf-8")
        except UnicodeEncodeError:
            return False
        return True
    if isinstance(value, Mapping):
        return all(_encodes(key) and _encodes(item) for key, item in value.items())
    if isinstance(value, list | tuple):
        return all(_encodes(item) for item in value)
    return True


def _body(body: Body, params: tuple[Param, ...], values: dict[str, Any]) -> dict[str, Any] | None:
    """The JSON object, checked against the variant (of a `oneOf`) the given arguments fit."""
    given = {p.name for p in params if p.location == "body" and p.wire in values}
    if not given and not body.required:
        return None
    for allowed, required in body.variants:
        if required <= given <= allowed:
            return values
    # Name the first problem of the closest variant (the fewest arguments to add or drop;
    # of those, the fewest to drop): what is missing, or what it refuses.
    allowed, required = min(
        body.variants, key=lambda v: (len(v[1] - given) + len(given - v[0]), len(given - v[0]))
    )
    missing = sorted(required - given)
    if missing:
        raise InvalidInputError(missing[0], "is required")
    refused = sorted(given - allowed)[0]
    # What it conflicts with: the arguments given for this variant that no variant
    # allowing it takes (`postcode` and `nhs_number`, not the `dob` both share).
    elsewhere = [names for names, _ in body.variants if refused in names]
    conflicts = [name for name in sorted(allowed & given) if not any(name in n for n in elsewhere)]
    others = ", ".join(conflicts or sorted(allowed & given)) or "the other arguments"
    raise InvalidInputError(refused, f"cannot be sent together with {others}")


def _fields(values: Mapping[str, Any]) -> dict[str, str | list[str]]:
    """Form fields as text, written as query values are ("true", "3", "2026-11-25")."""
    return {wire: _query_value(value) for wire, value in values.items()}


def _parts(params: tuple[Param, ...], values: Mapping[str, Any]) -> list[Part]:
    """Every part of a multipart body, for httpx's `files=`: a field as a part without a
    filename (given to `data=`, fields alone would be sent urlencoded); a list, a part
    per item."""
    files = _file_parts(params)
    parts: list[Part] = []
    for wire, value in values.items():
        if wire in files:
            parts.append((wire, value))
            continue
        text = _query_value(value)
        parts.extend((wire, (None, item)) for item in ([text] if isinstance(text, str) else text))
    return parts


def _file_parts(params: tuple[Param, ...]) -> set[str]:
    """The wire names of a multipart body's file parts."""
    return {param.wire for param in params if param.check == "binary"}


def _to_json(value: object, rule: Mapping[str, Any], field: str) -> Any:
    """Python values users pass (dates, models) as the JSON openapi.yaml describes."""
    if type(value) in _JSON_SCALARS:  # most arguments: nothing to convert
        return value
    if value is NULL:
        return None
    date_time = "date-time" in _formats(rule)
    if isinstance(value, datetime.datetime):
        if rule and not date_time:  # a rule of {} says nothing, so any JSON value fits
            raise InvalidInputError(field, "must not be a datetime here")
        if value.tzinfo is None:
            raise InvalidInputError(field, "must be timezone-aware (e.g. tzinfo=UTC)")
        return value.isoformat()
    if isinstance(value, datetime.date):
        if date_time:
            # A bare date as a date-time: midnight UTC, as a bare date from Hero is read.
            value = datetime.datetime(value.year, value.month, value.day, tzinfo=datetime.UTC)
        return value.isoformat()
    if isinstance(value, uuid.UUID):  # `format: uuid`, as the generated type says
        return str(value)
    if isinstance(value, list | tuple):  # items as JSON too: models, dates
        items = _option_with(rule, "items").get("items") or {}
        return [_to_json(item, items, field) for item in value]
    if isinstance(value, Mapping):  # an object's properties, as dates may be
        properties = _option_with(rule, "properties").get("properties") or {}
        return {key: _to_json(item, properties.get(key, {}), field) for key, item in value.items()}
    to_dict = getattr(value, "to_dict", None)
    return to_dict() if callable(to_dict) else value


_JSON_SCALARS = frozenset({str, int, float, bool, type(None)})


def _option_with(rule: Mapping[str, Any], keyword: str) -> Mapping[str, Any]:
    """`rule`, or the first of its options (or parts: `allOf`) that has `keyword` (a
    nullable object's)."""
    if keyword in rule:
        return rule
    options = (*(rule.get("anyOf") or ()), *(rule.get("allOf") or ()))
    return next((o for o in options if keyword in o), rule)


def _formats(rule: Mapping[str, Any]) -> set[str]:
    found = {rule["format"]} if "format" in rule else set()
    for option in (*(rule.get("anyOf") or ()), *(rule.get("allOf") or ())):
        found |= _formats(option)
    return found


def _is_date(value: object) -> bool:
    try:
        return not isinstance(value, str) or bool(
            _ISO_DATE.fullmatch(value) and datetime.date.fromisoformat(value)
        )
    except ValueError:
        return False


def _is_date_time(value: object) -> bool:
    if not isinstance(value, str):
        return True
    try:
        moment = datetime.datetime.fromisoformat(value)
    except ValueError:
        return False
    return bool(_ISO_DATE.match(value)) and moment.tzinfo is not None


def _is_uuid(value: object) -> bool:
    try:
        return not isinstance(value, str) or bool(_UUID.fullmatch(value) and uuid.UUID(value))
    except ValueError:
        return False


# A UUID as RFC 9562 writes it (uuid.UUID alone would also take braces, "urn:uuid:", no hyphens).
_UUID = re.compile(r"[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}")


# One validator per rule; the rules are the generated operations' constants, which live as
# long as the process, so their ids are stable keys (the rule is kept alive beside it).
# Beside each, the Python types that surely fit a rule that says nothing but its JSON types.
_validators: dict[int, tuple[Mapping[str, Any], Any, frozenset[type]]] = {}

# JSON types whose Python values jsonschema recognises by exact type alone ("integer" as
# int: bool is a subclass, not the same type). "number" is not here: it must be finite too.
_EXACT_TYPES: Mapping[str, type] = {
    "string": str,
    "integer": int,
    "boolean": bool,
    "null": type(None),
}


def _first_error(rule: Mapping[str, Any], value: object) -> ValidationError | None:
    found = _validators.get(id(rule))
    if found is None:
        validator_class, formats, _ = _jsonschema()
        validator = validator_class(rule, format_checker=formats)
        found = _validators[id(rule)] = (rule, validator, _surely_valid_types(rule))
    # Most parameters' rule is a type alone ({"type": ["string"]}): a value of that exact
    # type fits it, with no need to ask jsonschema (about 3 us of the request loop's own
    # cost a call). Any other value, or rule, is left to jsonschema, which names the fault.
    if type(value) in found[2] or found[1].is_valid(value):
        return None  # the usual case: no errors, so none to rank
    error: ValidationError | None = _jsonschema()[2](found[1].iter_errors(value))
    return error


def _surely_valid_types(rule: Mapping[str, Any]) -> frozenset[type]:
    """The Python types whose every value fits `rule`, if it says only which JSON types."""
    names = rule.get("type")
    names = [names] if isinstance(names, str) else names
    if rule.keys() != {"type"} or not isinstance(names, list):
        return frozenset()
    if not all(isinstance(name, str) and name in _EXACT_TYPES for name in names):
        return frozenset()
    return frozenset(_EXACT_TYPES[name] for name in names)


@cache
def _jsonschema() -> tuple[Any, Any, Callable[..., Any]]:
    """The validator class, format checker and error ranking, loaded on first use.

    jsonschema takes longer to import than the rest of the SDK, so `import herohealth`
    does not pay for it.
    """
    from jsonschema import Draft202012Validator, FormatChecker, validators
    from jsonschema.exceptions import best_match

    # JSON Schema's types as Python values users pass: a tuple is an array, and a number
    # must be finite (NaN and infinity are not JSON).
    types = Draft202012Validator.TYPE_CHECKER.redefine_many(
        {
            "array": lambda _, v: isinstance(v, list | tuple),
            "number": lambda _, v: (
                isinstance(v, int | float) and not isinstance(v, bool) and math.isfinite(v)
            ),
        }
    )
    extended = validators.extend(  # type: ignore[no-untyped-call]
        Draft202012Validator, {"pattern": ecma_pattern}, type_checker=types
    )
    formats = FormatChecker(formats=())
    formats.checks("date")(_is_date)
    formats.checks("date-time")(_is_date_time)
    formats.checks("uuid")(_is_uuid)
    return extended, formats, best_match


def ecma_pattern(
    validator: object, pattern: str, instance: object, schema: object
) -> Iterator[ValidationError]:
    """jsonschema's `pattern` keyword as openapi.yaml means it: its regexes are ECMA-262,
    where `\\d` is 0-9 and `\\w` ASCII, never another script's digit or letter as Python's are.
    """
    from jsonschema import ValidationError

    if isinstance(instance, str) and not re.search(pattern, instance, re.ASCII):
        yield ValidationError(f"{instance!r} does not match {pattern!r}")


_TYPE_NAMES = {"string": "a string", "integer": "a whole number", "number": "a number",
               "boolean": "True or False", "array": "a list", "object": "an object",
               "null": "None"}  # fmt: skip
_FORMAT_PROBLEMS = {
    "date": "must be an ISO 8601 date, e.g. '1989-04-11'",
    "date-time": "must be an ISO 8601 date-time with a time zone, e.g. '2026-11-25T09:30:00Z'",
    "uuid": "must be a UUID, e.g. '3fa85f64-5717-4562-b3fc-2c963f66afa6'",
}


_PROBLEMS = {
    "const": "must be {!r}",
    "pattern": "must match {}",
    "minLength": "must be at least {} characters",
    "maxLength": "must be at most {} characters",
    "minimum": "must be {} or more",
    "maximum": "must be {} or less",
    "exclusiveMinimum": "must be more than {}",
    "exclusiveMaximum": "must be less than {}",
    "minItems": "must have at least {} items",
    "maxItems": "must have at most {} items",
}


def _problem(error: ValidationError) -> str:
    """What the rule says of the value, without quoting the value (it may be patient data)."""
    if str(error.validator) in {"anyOf", "oneOf"} and error.context:
        return _problem(min(error.context, key=lambda e: len(e.absolute_schema_path)))
    where = "".join(
        f"item {at}: " if isinstance(at, int) else f"property {at}: " for at in error.absolute_path
    )
    return where + rule_problem(error)


def rule_problem(error: ValidationError) -> str:
    """What the rule says of the value where `error` is (FakeHero's 422 names the place
    itself), never quoting the value: jsonschema's own message does."""
    keyword, expected = str(error.validator), cast(Any, error.validator_value)
    if keyword == "type":
        types = expected if isinstance(expected, list) else [expected]
        return "must be " + " or ".join(_TYPE_NAMES.get(t, str(t)) for t in types)
    if keyword == "enum":
        return "must be one of " + ", ".join(repr(v) for v in expected)
    if keyword == "format":
        return _FORMAT_PROBLEMS.get(expected, f"must be a valid {expected}")
    instance, schema = cast(Any, error.instance), cast(Any, error.schema)
    if keyword == "required":  # named by the property missing, as an argument would be
        missing = next(name for name in expected if name not in instance)
        return f"property {missing}: is required"
    if keyword == "additionalProperties":
        described = schema.get("properties") or {}
        unknown = sorted(str(name) for name in instance if name not in described)
        return f"property {unknown[0]}: is not one openapi.yaml describes"
    return _PROBLEMS.get(keyword, "does not fit openapi.yaml's schema").format(expected)


def _path_segment(value: object, field: str) -> str:
    text = str(value)
    if text.isascii() and text.isalnum():  # an id such as "1234": nothing to encode
        return text
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


# ---- arrays and objects, by their OpenAPI style ------------------------------------------

# What each OpenAPI style puts between a list's items (FakeHero splits at the same).
DELIMITERS: Mapping[str, str] = {
    "form": ",",
    "simple": ",",
    "spaceDelimited": " ",
    "pipeDelimited": "|",
}


def _styled_query(param: Param, value: object) -> dict[str, str | list[str]]:
    """A list or object query value as its style writes it (OpenAPI 3.1), key by key.

    `form` exploded: a list repeats the key, an object sends each property under its own
    name (`status=done&kind=x`); `deepObject`: `filter[status]=done`; otherwise one value,
    items (an object's names and values, in turn) joined by the style's delimiter
    (`ids=1,2,3`, `filter=status,done`). httpx percent-encodes the delimiters as it does
    every reserved character, which a server reads back the same once decoded.
    """
    if not isinstance(value, Mapping):
        if not isinstance(value, list | tuple):
            return {param.wire: _scalar(value)}
        if param.explode:
            return {param.wire: _items(param, value)}
        return {param.wire: _joined(param, _items(param, value))}
    pairs = _pairs(param, value)
    if param.style == "deepObject":
        return {f"{param.wire}[{_key(param, key)}]": text for key, text in pairs}
    if param.explode:  # form
        return dict(pairs)
    return {param.wire: _joined(param, [part for pair in pairs for part in pair])}


def _simple(param: Param, value: object) -> str:
    """A path or header value in `simple` style: items joined by commas (`1,2,3`); an object
    as `k,v,k2,v2`, or exploded as `k=v,k2=v2`. In a path each item is percent-encoded
    first, so that the commas between them are the only ones left."""
    encode = _path_segment if param.location == "path" else _no_encoding
    if isinstance(value, Mapping):
        pairs = [(encode(k, param.name), encode(v, param.name)) for k, v in _pairs(param, value)]
        if param.explode:
            return _joined(param, [f"{_key(param, k, '=')}={v}" for k, v in pairs])
        return _joined(param, [part for pair in pairs for part in pair])
    if isinstance(value, list | tuple):
        return _joined(param, [encode(item, param.name) for item in _items(param, value)])
    return encode(value, param.name)


def _no_encoding(value: object, field: str) -> str:
    return _scalar(value)


def _items(param: Param, value: list[Any] | tuple[Any, ...]) -> list[str]:
    return [_flat(param, item, f"item {index}") for index, item in enumerate(value)]


def _pairs(param: Param, value: Mapping[Any, Any]) -> list[tuple[str, str]]:
    """An object's properties as text, those set to None left out (not sent, as an argument
    of None is not)."""
    return [(str(k), _flat(param, v, f"property {k}")) for k, v in value.items() if v is not None]


def _flat(param: Param, value: object, where: str) -> str:
    if isinstance(value, Mapping | list | tuple) or value is None:
        raise InvalidInputError(param.name, f"{where}: must be text, a number or a boolean")
    return _scalar(value)


def _key(param: Param, key: str, reserved: str = "[]") -> str:
    """A property name where it names the value (`filter[status]`, `status=done`)."""
    if any(c in key for c in reserved):
        raise InvalidInputError(param.name, f"property names must not contain {reserved!r}")
    return key


def _joined(param: Param, parts: list[str]) -> str:
    """`parts` joined by the style's delimiter; one holding it could not be told apart."""
    delimiter = DELIMITERS[param.style or "form"]
    if any(delimiter in part for part in parts):
        style = param.style or "form"
        raise InvalidInputError(
            param.name,
            f"items and properties must not contain {delimiter!r} "
            f"(style {style!r} separates them with it)",
        )
    return delimiter.join(parts)


# What an HTTP/1.1 header value may be (h11 refuses anything else, with the value in its
# message): printable ASCII, spaces and tabs only between visible characters.
_HEADER_TEXT = re.compile(r"(?:[!-~](?:[ \t!-~]*[!-~])?)?", re.ASCII)
_HEADER_PROBLEM = "must be printable ASCII on one line, not starting or ending with a space"
# What a header name may be (RFC 9110's token).
_HEADER_NAME = re.compile(r"[-!#$%&'*+.^_`|~0-9A-Za-z]+")


def _header_value(value: object, field: str) -> str:
    text = _scalar(value)
    if not _HEADER_TEXT.fullmatch(text):
        raise InvalidInputError(field, f"{_HEADER_PROBLEM} (an HTTP header)")
    return text


# ---- client settings -------------------------------------------------------------------------


def timeout(value: object, field: str = "timeout") -> float | httpx.Timeout:
    """Seconds (a finite number above 0) or an httpx.Timeout whose limits are."""
    if isinstance(value, httpx.Timeout):
        phases = (value.connect, value.read, value.write, value.pool)
        if all(phase is None or _seconds(phase) for phase in phases):
            return value
        raise InvalidInputError(field, "must have finite limits above 0 (or None) per phase")
    if not isinstance(value, int | float) or not _seconds(value):
        raise InvalidInputError(field, "must be seconds (a finite number above 0) or a Timeout")
    return value


def _seconds(value: object) -> bool:
    # NaN is neither above 0 nor below infinity, so it fails too.
    return not isinstance(value, bool) and isinstance(value, int | float) and 0 < value < math.inf


def total_timeout(value: object, field: str = "total_timeout") -> float | None:
    """Seconds (a finite number above 0) for a call with all its attempts, or None."""
    if value is None:
        return None
    if not _seconds(value):
        raise InvalidInputError(field, "must be seconds (a finite number above 0) or None")
    return float(cast(float, value))


def max_retries(value: object, field: str = "max_retries") -> int:
    return whole_number(value, field, 0, MAX_RETRIES)


def whole_number(value: object, field: str, least: int, most: int | None = None) -> int:
    """An int (not a bool) from `least` up to `most` (None: no upper bound)."""
    in_bounds = isinstance(value, int) and least <= value <= (most if most is not None else value)
    if in_bounds and not isinstance(value, bool):
        return cast(int, value)
    bounds = f"from {least} to {most}" if most is not None else f"{least} or more"
    raise InvalidInputError(field, f"must be a whole number {bounds}")


def header_option(value: object, name: str) -> Mapping[str, str]:
    """`default_headers` or `extra_headers`: names to values that can be sent as they are.

    A value the wire refuses would be refused by h11 with the value in its message (a
    token, say, read from a file with its newline); here the header is named, not its value.
    A name that is not a token is refused here too, before the headers holding the API key
    reach httpx or h11, which would raise with them in a frame's locals.
    """
    headers = mapping_option(value, name, str)
    for header, text in headers.items():
        if not _HEADER_NAME.fullmatch(header):
            raise InvalidInputError(name, "a header name must be a token (letters, digits, -)")
        if not _HEADER_TEXT.fullmatch(text):
            raise InvalidInputError(name, f"{header!r}: {_HEADER_PROBLEM}")
    return headers


def mapping_option(value: object, name: str, values: type | None = None) -> Mapping[str, Any]:
    """A mapping of names (to `values`), as the header and query options take; None: empty."""
    if value is None:
        return {}
    if not isinstance(value, Mapping) or not all(
        isinstance(key, str) and (values is None or isinstance(item, values))
        for key, item in value.items()
    ):
        kind = "names to strings" if values is str else "names to values"
        raise InvalidInputError(name, f"must be a mapping of {kind}")
    if not _encodes(value):
        raise InvalidInputError(name, _NOT_UTF8)
    return dict(value)
