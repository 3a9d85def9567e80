"""What the fake accepts: each request checked against its operation in openapi.yaml, then
the domain rules a schema cannot say, and the errors it answers.

Every check raises `Problem`, which the app turns into an error response with a JSON body
`{"message": ...}` (plus `"errors": [{"field", "message"}, ...]` for a 422, listing every
problem at once, each saying what the rule asks, never quoting the value sent). A handler,
built in or plugged, only ever sees a request that passed.
"""

from __future__ import annotations

import datetime
import json
import re
from collections.abc import Callable, Iterable, Iterator, Mapping
from typing import Any
from urllib.parse import unquote

from jsonschema import ValidationError
from nhs_number.validate import is_valid as _nhs_checksum_ok

from herohealth._validation import DELIMITERS, rule_problem
from herohealth.testing._spec import ISO_DATE, Operation, Param

_INTEGER = re.compile(r"-?[0-9]+")
_NUMBER = re.compile(r"-?[0-9]+(\.[0-9]+)?([eE][-+]?[0-9]+)?")


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


def invalid(field: str, message: str) -> Problem:
    return Problem(422, "The request is invalid", [{"field": field, "message": message}])


def checked_request(
    op: Operation,
    path_params: Mapping[str, str],
    query: Mapping[str, list[str]],
    headers: Mapping[str, str],
    body: Any,
) -> tuple[dict[str, Any], dict[str, Any], dict[str, Any], Any]:
    """The path, query and header parameters and the body, typed as the spec declares
    them, or Problem(422).

    Query values arrive as text: a parameter declared integer, number or boolean is
    converted first ("2" -> 2). Undeclared parameters are passed on as text (a query
    parameter's last value). The JSON body is checked against its schema; a form body
    (its fields by name, each a list of what was sent) part by part, as parameters are.
    Then the body's fields by `DOMAIN_CHECKS`.
    """
    errors: dict[str, str] = {}
    typed: dict[str, dict[str, Any]] = {  # as sent, until a declaration types them
        "path": {name: unquote(text) for name, text in path_params.items()},
        "query": {name: texts[-1] for name, texts in query.items()},
        "header": {},  # the declared ones only: the others are the client's and the SDK's
    }
    for param in op.params:
        value, keys = _sent(param, path_params, query, headers)
        for key in keys if param.location == "query" else ():
            typed["query"].pop(key, None)  # `filter[status]` is part of `filter`, not its own
        if value is None:
            if param.required:
                errors[param.name] = "is required"
            continue
        for error in param.validator.iter_errors(value):
            errors.setdefault(param.name, rule_problem(error))
        typed.get(param.location, {})[param.name] = value
    if op.form is not None and body is not None:
        body = _form(op.parts, body, errors)
    takes_body = op.body is not None or op.form is not None
    if takes_body and body is None and op.body_required:
        errors["body"] = "is required"
    elif op.body is not None and body is not None:
        for field, message in _fields(op.body.iter_errors(body)):
            errors.setdefault(field, message)
    for field, check in DOMAIN_CHECKS.items():
        problem = check(body.get(field)) if isinstance(body, dict) else None
        if problem is not None:
            errors.setdefault(field, problem)
    if errors:
        listed = [{"field": field, "message": message} for field, message in errors.items()]
        raise Problem(422, "The request is invalid", listed)
    return typed["path"], typed["query"], typed["header"], body


def _form(
    parts: tuple[Param, ...], fields: Mapping[str, list[Any]], errors: dict[str, str]
) -> dict[str, Any]:
    """A form body's parts, typed: a field as a parameter is, a file as (filename, content,
    content_type), as the SDK takes one. An undeclared part is passed on as sent (its last)."""
    typed: dict[str, Any] = {}
    for part in parts:
        sent = fields.get(part.name, [])
        if not sent:
            if part.required:
                errors[part.name] = "is required"
        elif part.binary:  # a file sent as a plain field is its text's bytes
            last = sent[-1]
            typed[part.name] = last if isinstance(last, tuple) else (None, last.encode(), None)
        elif any(isinstance(value, tuple) for value in sent):
            errors.setdefault(part.name, "must be a form field, not a file")
        else:
            typed[part.name] = value = _typed(part, sent)
            for error in part.validator.iter_errors(value):
                errors.setdefault(part.name, rule_problem(error))
    declared = {part.name for part in parts}
    return {**typed, **{name: sent[-1] for name, sent in fields.items() if name not in declared}}


def _sent(
    param: Param,
    path_params: Mapping[str, str],
    query: Mapping[str, list[str]],
    headers: Mapping[str, str],
) -> tuple[Any, list[str]]:
    """The parameter's value, read as its style writes it (OpenAPI 3.1) and typed as
    declared, or None if it was not sent; and the query keys it was read from.

    An exploded object in a query is its keys: `filter[status]=done` (`deepObject`), or
    each declared property under its own name (`form`). A list or an object in one value
    is split at the style's delimiter: `ids=1,2,3`, `filter=status,done`, a path's or a
    header's `k=v,k2=v2` (exploded). A path value arrives as sent, percent-encoded: it is
    split first and each part decoded after, so an encoded `,` or `=` stays in its item.
    """
    if param.location == "query" and "object" in param.types and param.explode:
        if param.style == "deepObject":
            keys = [k for k in query if k.startswith(f"{param.name}[") and k.endswith("]")]
            fields = {k[len(param.name) + 1 : -1]: query[k][-1] for k in keys}
        else:
            keys = [k for k in param.properties if k in query]
            fields = {k: query[k][-1] for k in keys}
        return (_object(param, fields) if keys else None), keys
    texts = _texts(param, path_params, query, headers)
    if not texts:
        return None, [param.name]
    # Query values come decoded (by starlette) and headers are never encoded: kept as they are.
    decode = unquote if param.location == "path" else str
    if param.style == "json":  # `content: application/json`; not JSON: left for the schema
        try:
            return json.loads(decode(texts[-1])), [param.name]
        except ValueError:
            return decode(texts[-1]), [param.name]
    plain = param.location == "query" and param.style == "form" and param.explode
    if plain or not param.types & {"array", "object"}:
        return _typed(param, [decode(text) for text in texts]), [param.name]
    parts = texts[-1].split(DELIMITERS[param.style])
    if "array" in param.types:
        return [_scalar(param.item_types, decode(part)) for part in parts], [param.name]
    if param.location != "query" and param.explode:
        pairs = [(decode(k), decode(v)) for k, _, v in (part.partition("=") for part in parts)]
    elif len(parts) % 2 == 0:
        items = [decode(part) for part in parts]
        pairs = list(zip(items[::2], items[1::2], strict=True))
    else:  # not names and values: left as sent, for the schema to refuse
        return decode(texts[-1]), [param.name]
    return _object(param, dict(pairs)), [param.name]


def _object(param: Param, fields: Mapping[str, str]) -> dict[str, Any]:
    return {k: _scalar(param.properties.get(k, frozenset()), v) for k, v in fields.items()}


def _texts(
    param: Param,
    path_params: Mapping[str, str],
    query: Mapping[str, list[str]],
    headers: Mapping[str, str],
) -> list[str]:
    if param.location == "query":
        return query.get(param.name, [])
    found = (path_params if param.location == "path" else headers).get(param.name)
    return [] if found is None else [found]


def _typed(param: Param, texts: list[str]) -> Any:
    if "array" in param.types:
        return [_scalar(param.item_types, text) for text in texts]
    return _scalar(param.types, texts[-1])


def _scalar(types: frozenset[str], text: str) -> Any:
    if types & {"integer", "number"} and _INTEGER.fullmatch(text):
        return int(text)
    if "number" in types and _NUMBER.fullmatch(text):
        return float(text)
    if "boolean" in types and text in ("true", "false"):
        return text == "true"
    return text  # left as sent: the schema says what is wrong with it


def _fields(errors: Iterable[ValidationError]) -> Iterator[tuple[str, str]]:
    """(field, message) for each problem; the field is a dotted path into the body."""
    for error in errors:
        if error.context:  # no variant of a oneOf/anyOf matched: what each found wrong
            yield from _fields(error.context)
            continue
        path = [str(part) for part in error.absolute_path]
        if error.validator == "required":
            for name in error.validator_value:  # type: ignore[union-attr]  # a list, for required
                if isinstance(error.instance, dict) and name not in error.instance:
                    yield ".".join([*path, name]), "is required"
        else:
            yield ".".join(path) or "body", rule_problem(error)


# ---- domain rules, by body field name (as sdk.yaml's `checks` are for the SDK) --------------


def _nhs_number_problem(value: object) -> str | None:
    """A valid NHS number (10 digits, Modulus 11 check digit); "" counts as not given."""
    if isinstance(value, str) and value and not nhs_number_ok(value):
        return "is not a valid NHS number (10 digits, Modulus 11 check digit)"
    return None


def _dob_problem(value: object) -> str | None:
    """A past date, sent as "1989-04-11" or as a date-time ("1989-04-11T00:00:00Z")."""
    if not isinstance(value, str) or not value.strip():
        return None
    day = parse_day(value)
    if day is None:
        return "must be an ISO 8601 date or date-time, e.g. 1989-04-11"
    return "must not be in the future" if day > datetime.date.today() else None


DOMAIN_CHECKS: Mapping[str, Callable[[object], str | None]] = {
    "nhs_number": _nhs_number_problem,
    "dob": _dob_problem,
}


def nhs_number_ok(value: str) -> bool:
    return len(value) == 10 and value.isascii() and value.isdigit() and _nhs_checksum_ok(value)


def parse_day(text: str) -> datetime.date | None:
    """The calendar date of "1989-04-11" or "1989-04-11T00:00:00Z", as written.

    A date of birth is a calendar date: the date part is taken as sent, never shifted by a
    time zone offset.
    """
    try:
        if ISO_DATE.fullmatch(text):
            return datetime.date.fromisoformat(text)
        if ISO_DATE.match(text):
            return datetime.datetime.fromisoformat(text).date()
    except ValueError:
        return None
    return None


def query_page(query: Mapping[str, Any]) -> tuple[int, int] | None:
    """Hero's paging convention on its other endpoints: `page_index` (from 0) and `page_size`.

    Hero's reference declares no paging for the Patients lists; the fake honours the
    convention when both are sent, so paging can be tested before Hero's spec adds it.
    """
    if "page_index" not in query or "page_size" not in query:
        return None
    values = str(query["page_index"]), str(query["page_size"])
    if not all(v.isascii() and v.isdigit() for v in values) or int(values[1]) < 1:
        raise invalid("page_index", "page_index (0 or more) and page_size (1 or more)")
    return int(values[0]), int(values[1])
