"""Contains some shared types for properties"""

import datetime
from collections.abc import Mapping, MutableMapping
from http import HTTPStatus
from typing import IO, BinaryIO, Generic, Literal, TypeVar

from attrs import define
from dateutil.parser import isoparse


class Unset:
    def __bool__(self) -> Literal[False]:
        return False


UNSET: Unset = Unset()

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
        # rest of ISO 8601 (and rejects what is not ISO 8601).
        parsed = datetime.datetime.fromisoformat(value)
    except ValueError:
        parsed = isoparse(value)
    if parsed.tzinfo is None:
        parsed = parsed.replace(tzinfo=datetime.UTC)
    return parsed


__all__ = [
    "UNSET",
    "File",
    "FileTypes",
    "RequestFiles",
    "Response",
    "Unset",
    "parse_datetime",
]
