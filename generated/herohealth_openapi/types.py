"""Contains some shared types for properties"""

import datetime
import math
from collections.abc import Callable, Mapping, MutableMapping
from http import HTTPStatus
from typing import IO, Any, BinaryIO, Generic, Literal, NoReturn, TypeVar

from attrs import define


class Unset:
    """A field Hero did not send (as opposed to None, a field Hero sent as null).

    Falsy, so `if patient.first_name:` narrows `str | None | Unset` to `str`.
    """

    def __bool__(self) -> Literal[False]:
        return False

    # SDK override: a short repr, so a model's repr does not fill with object addresses.
    def __repr__(self) -> str:
        return "UNSET"


UNSET: Unset = Unset()


class FieldTypeError(TypeError):
    """SDK addition: a field of Hero's answer has a JSON type its schema does not allow.

    `field` names it; the value is not quoted (it may be patient data).
    """

    def __init__(self, field: str, expected: tuple[type, ...]) -> None:
        names = " or ".join(_JSON_NAMES.get(kind, kind.__name__) for kind in expected)
        self.problem = f"expected {names}"
        super().__init__(f"{field}: {self.problem}")
        self.field = field


_JSON_NAMES = {
    str: "a string",
    int: "an integer",
    float: "a number",
    bool: "a boolean",
    list: "an array",
    dict: "an object",
    type(None): "null",
}
_T = TypeVar("_T")


def expect(value: _T, field: str, kinds: tuple[type, ...]) -> _T:
    """SDK addition: `value` if its JSON type is one of `kinds` (or it is UNSET), else raise.

    Straight-line code in every model's `from_dict` calls this once per field: JSON's
    true/false are not numbers, and NaN or infinity is not a JSON number.
    """
    if isinstance(value, kinds):
        if type(value) is bool and bool not in kinds:
            raise FieldTypeError(field, kinds)
        if isinstance(value, float) and not math.isfinite(value):
            raise FieldTypeError(field, kinds)
        return value
    if isinstance(value, Unset):
        return value
    raise FieldTypeError(field, kinds)


def model_repr(model: Any) -> str:
    """SDK addition: `Patient(id='1', dob=...)` showing only the fields Hero sent.

    Fields Hero left out (UNSET) are not shown; fields it sent beyond the description
    (`additional_properties`) are, after the declared ones.
    """
    import attrs  # here, so the module stays light to import

    shown = [
        f"{field.name}={getattr(model, field.name)!r}"
        for field in attrs.fields(type(model))
        if field.name != "additional_properties"
        and not isinstance(getattr(model, field.name), Unset)
    ]
    extra = getattr(model, "additional_properties", None)
    if extra:
        shown += [f"{name}={value!r}" for name, value in extra.items()]
    return f"{type(model).__name__}({', '.join(shown)})"


# The types that `httpx.Client(files=)` can accept, copied from that library.
FileContent = IO[bytes] | bytes | str
FileTypes = (
    # (filename, file (or bytes), content_type)
    tuple[str | None, FileContent, str | None]
    # (filename, file (or bytes), content_type, headers)
    | tuple[str | None, FileContent, str | None, Mapping[str, str]]
)
RequestFiles = list[tuple[str, FileTypes]]


@define
class File:
    """Contains information for file uploads"""

    payload: BinaryIO
    file_name: str | None = None
    mime_type: str | None = None

    def to_tuple(self) -> FileTypes:
        """Return a tuple representation that httpx will accept for multipart/form-data"""
        return self.file_name, self.payload, self.mime_type


T = TypeVar("T")


@define
class Response(Generic[T]):
    """A response from an endpoint"""

    status_code: HTTPStatus
    content: bytes
    headers: MutableMapping[str, str]
    parsed: T | None


def parse_datetime(value: str) -> datetime.datetime:
    """Parse an ISO 8601 date or date-time from Hero into a timezone-aware datetime.

    Hero sends date-times with an offset ("2019-08-24T14:15:22Z") but some fields, such as a
    date of birth, as a bare date ("1989-04-11"). Both become aware datetimes (a bare date is
    midnight UTC, a time without an offset is UTC), so any two values compare without a
    TypeError. A string that is not ISO 8601 raises ValueError: it is never kept as a raw str.
    (Added by the SDK's template, templates/types.py.jinja.)
    """
    try:
        # The C parser handles what Hero sends and is much faster; dateutil covers the
        # rest of ISO 8601 (and rejects what is not ISO 8601), loaded only when needed.
        parsed = datetime.datetime.fromisoformat(value)
    except ValueError:
        from dateutil.parser import isoparse

        parsed = isoparse(value)
    if parsed.tzinfo is None:
        parsed = parsed.replace(tzinfo=datetime.UTC)
    return parsed


class FieldValueError(ValueError):
    """SDK addition: a field of Hero's answer has the right JSON type but an invalid value
    (a string that is not a date-time). `field` names it; the value is not quoted."""

    def __init__(self, field: str, problem: str) -> None:
        super().__init__(f"{field}: {problem}")
        self.field = field
        self.problem = problem


class NoShapeFits(ValueError):
    """SDK addition: a value fits none of the shapes its `oneOf`/`anyOf` documents.

    `refused` pairs each shape's name with what it refused; the message names, of each, the
    first field that did not fit and why, never a value (it may be patient data).
    """

    def __init__(self, refused: list[tuple[str, Exception]]) -> None:
        self.problem = "fits none of its documented shapes: " + "; ".join(
            f"{shape} ({_first_problem(error)})" for shape, error in refused
        )
        super().__init__(self.problem)


def _first_problem(error: Exception) -> str:
    if isinstance(error, KeyError) and error.args:
        return f"field {error.args[0]!r}: required field missing"
    if isinstance(error, FieldTypeError | FieldValueError):
        return f"field {error.field!r}: {error.problem}"
    if isinstance(error, NoShapeFits):
        return error.problem
    return "not of its type" if isinstance(error, TypeError) else "invalid value"


FieldError = KeyError | FieldTypeError | FieldValueError


def inside(
    error: FieldError,
    field: str,
    items: list[Any] | None = None,
    read: Callable[[dict[str, Any]], object] | None = None,
) -> FieldError:
    """SDK addition: the error of a nested model, named by its path from here.

    `field.inner` for the model in `field`; for a list of models read by `read`, the first
    item that fails, as decoding stopped there: `field[i].inner`, or `field[i]` for an item
    that is not an object. (A missing field is a KeyError, as the generator's code raises.)
    Only a failed decode comes here, so looking for the item again costs nothing otherwise.
    """
    if items is None or read is None:
        return _renamed(error, f"{field}.{_field_of(error)}")
    for index, item in enumerate(items):
        if not isinstance(item, dict):
            return _renamed(error, f"{field}[{index}]")
        try:
            read(item)
        except (KeyError, FieldTypeError, FieldValueError) as failed:
            return _renamed(failed, f"{field}[{index}].{_field_of(failed)}")
    return error


def _field_of(error: FieldError) -> str:
    return str(error.args[0]) if isinstance(error, KeyError) else error.field


def _renamed(error: FieldError, path: str) -> FieldError:
    if isinstance(error, KeyError):
        return KeyError(path)
    error.field = path
    error.args = (f"{path}: {error.problem}",)
    return error


def read_datetime(value: str, field: str) -> datetime.datetime:
    """SDK addition: the date-time field `field` of an answer (see parse_datetime)."""
    try:
        # parse_datetime's fast path inline: the models call this for every date-time.
        parsed = datetime.datetime.fromisoformat(value)
    except ValueError:
        try:
            return parse_datetime(value)
        except (ValueError, OverflowError):
            raise FieldValueError(field, "not an ISO 8601 date-time") from None
    if parsed.tzinfo is None:
        return parsed.replace(tzinfo=datetime.UTC)
    return parsed


def read_date(value: str, field: str) -> datetime.date:
    """SDK addition: the date field `field` of an answer ("1989-04-11")."""
    try:
        return datetime.date.fromisoformat(value)
    except ValueError:
        try:
            from dateutil.parser import isoparse

            return isoparse(value).date()
        except (ValueError, OverflowError):
            raise FieldValueError(field, "not an ISO 8601 date") from None


def is_number(value: object) -> bool:
    """SDK addition: a JSON number: an int or a finite float, not a bool."""
    return type(value) is int or (type(value) is float and math.isfinite(value))


def reject(field: str, kinds: tuple[type, ...]) -> NoReturn:
    """SDK addition: raise FieldTypeError (where an expression, not a statement, must)."""
    raise FieldTypeError(field, kinds)


__all__ = [
    "UNSET",
    "File",
    "FileTypes",
    "RequestFiles",
    "Response",
    "Unset",
    "parse_datetime",
]
