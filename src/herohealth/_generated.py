"""The seam: where the facade's request loop meets the generated package `herohealth_openapi`.

The resource layer (`herohealth_openapi.resources`) is generated from openapi.yaml and
sdk.yaml; it declares what it needs from the facade as a protocol (`Requester`) and the
facade implements it. This module re-exports that contract and reads answers through the
generated parsers. Generated modules of an operation are imported on its first call, so
`import herohealth` does not grow with the number of operations.

Only the resource index (`Resources`, `ENVIRONMENTS`, `OPERATIONS`, `CREDENTIALS`) is loaded
with this module; the contract's classes (`Operation`...: attrs) and `UNSET` (the models' types:
attrs, dateutil) on first use, by name.
"""

from __future__ import annotations

import contextlib
import functools
import gc
import importlib
import json
import sys
from collections.abc import Iterator
from types import ModuleType
from typing import TYPE_CHECKING, Any, TypeVar, cast

import httpx
from herohealth_openapi.errors import UnexpectedStatus
from herohealth_openapi.resources import (
    CREDENTIALS,
    ENVIRONMENTS,
    EXPLODED_PROPERTIES,
    OPERATIONS,
    Environment,
    Resources,
    operation,
)

from herohealth._errors import ResponseValidationError
from herohealth._redact import forget_locals

if TYPE_CHECKING:
    from herohealth_openapi.client import Client
    from herohealth_openapi.resources._runtime import (
        Body,
        Envelope,
        Operation,
        PagedRequestOptions,
        Param,
        Requester,
        RequestOptions,
    )
    from herohealth_openapi.types import UNSET, Unset, is_number

__all__ = [
    "CREDENTIALS",
    "ENVIRONMENTS",
    "EXPLODED_PROPERTIES",
    "OPERATIONS",
    "UNSET",
    "Body",
    "Envelope",
    "Environment",
    "Operation",
    "PagedRequestOptions",
    "Param",
    "RequestOptions",
    "Requester",
    "Resources",
    "Unset",
    "is_number",
    "models",
    "operation",
    "parse",
]

T = TypeVar("T")

# The names above that load on first use, by the generated module they come from.
_LAZY = {
    **dict.fromkeys(
        (
            "Body",
            "Envelope",
            "Operation",
            "PagedRequestOptions",
            "Param",
            "Requester",
            "RequestOptions",
        ),
        "herohealth_openapi.resources._runtime",
    ),
    **dict.fromkeys(("UNSET", "Unset", "is_number"), "herohealth_openapi.types"),
}

if not TYPE_CHECKING:

    def __getattr__(name: str) -> object:
        if name not in _LAZY:
            raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
        value = getattr(importlib.import_module(_LAZY[name]), name)
        globals()[name] = value  # found directly from now on
        return value


@functools.cache
def _parser_client() -> Client:
    """What the generated parsers take: a client, read only for `raise_on_unexpected_status`.

    With it set, a 2xx other than the documented 200 raises instead of parsing to None.
    """
    from herohealth_openapi.client import Client

    return Client(base_url="", raise_on_unexpected_status=True)


def models() -> ModuleType:
    """`herohealth_openapi.models`, every model and enum (imported on first use)."""
    return importlib.import_module("herohealth_openapi.models")


@functools.cache
def _module(name: str) -> ModuleType:
    return importlib.import_module(name)


# From this size a body is decoded with the collector kept out (`_collector_kept_out`); a
# smaller one (a single patient is about 1 KiB) makes too few objects for it to matter.
_KEEP_COLLECTOR_OUT_FROM_BYTES = 64 * 1024
# The most objects the young generations may hold (by the collector's thresholds) for them
# to be collected before a large answer decodes: Python's defaults make 7,700 ((700, 10),
# 3.11 and 3.12) or 22,000 ((2000, 10), 3.13).
_YOUNG_COLLECTED_UP_TO = 25_000


@contextlib.contextmanager
def _collector_kept_out() -> Iterator[None]:
    """Python's cyclic garbage collector kept off the objects a large answer decodes into.

    Decoding makes no reference cycles (JSON and the models are trees), so the collector has
    nothing to find in them; left alone, it scans a page's tens of thousands of objects
    several times over: during decoding, once each in its two young generations after, and
    each of those scans reaches every field (10,000 patients: 20-30 ms of a 100 ms decode).

    So, for a body of `_KEEP_COLLECTOR_OUT_FROM_BYTES` or more, the collector is paused
    while it decodes. Where the young generations are small (the collector's thresholds
    keep them under `_YOUNG_COLLECTED_UP_TO` objects) and nothing is frozen (an application
    may `gc.freeze()` before forking workers; Python 3.12 starts with a few hundred objects
    frozen, so there the collector is only paused), more: they are collected first (what they
    hold is older than the answer, and is collected as usual), and after decoding,
    `gc.freeze()` and `gc.unfreeze()` move what it made into the oldest generation
    unscanned, where the collector looks at it only in its full collections, as it does
    every long-lived object. A collector turned off is left off, and collects nothing.
    """
    if not gc.isenabled():
        yield
        return
    young, collections_before_middle, _ = gc.get_threshold()
    promote = not gc.get_freeze_count() and (
        young * (collections_before_middle + 1) <= _YOUNG_COLLECTED_UP_TO
    )
    if promote:
        gc.collect(1)
    gc.disable()
    try:
        yield
    finally:
        if promote:
            # Another thread's allocations in the meantime are moved along too: they are
            # collected in the next full collection, not the next young one.
            gc.freeze()
            gc.unfreeze()
        gc.enable()


def parse(operation: Operation[T], response: httpx.Response) -> T:
    """The typed result of a 2xx response; ResponseValidationError if it does not fit."""
    if not operation.has_response_body:
        return cast(T, None)
    outer = sys.exc_info()[1]  # what the caller is handling: its frames are not ours to clear
    try:
        parser = _module(operation.module)._parse_response
        if operation.media_types:
            # For a non-JSON answer the generated parser only checks the status (an
            # undocumented 2xx raises); what it builds (a `File`, or None) is not the result.
            parser(client=_parser_client(), response=response)
        elif len(response.content) < _KEEP_COLLECTOR_OUT_FROM_BYTES:
            # Most answers (a patient is about 1 KiB): no context manager to enter.
            return cast(T, parser(client=_parser_client(), response=response))
        else:
            with _collector_kept_out():
                return cast(T, parser(client=_parser_client(), response=response))
    except Exception as error:
        # `from None` hides the parser's exception, but it stays as `__context__`, its frames
        # holding the decoded body (patient data) in their locals: cleared, as the loop's are.
        forget_locals(error, outer)
        raise _invalid(operation, response, error) from None
    return cast(T, _body(operation, response))


def _body(operation: Operation[Any], response: httpx.Response) -> bytes:
    """A non-JSON answer's body, unless its Content-Type says it is something else.

    A JSON or HTML body where a PDF was documented is an error page (a proxy's, or Hero's
    under a 2xx status), never returned as the PDF. Accepted: a media type the operation
    documents (`image/*` covers `image/png`), application/octet-stream (bytes of any
    kind), or no Content-Type at all.
    """
    sent = response.headers.get("content-type")
    received = essence(sent) if sent else "application/octet-stream"
    for documented in (*operation.media_types, "application/octet-stream"):
        wanted = essence(documented)
        if wanted in ("*/*", received) or (
            wanted.endswith("/*") and received.startswith(wanted[:-1])
        ):
            return response.content
    problem = f"body is {received}, not {' or '.join(operation.media_types)}"
    raise ResponseValidationError(response, f"the {operation.operation_id} response", None, problem)


def essence(media_type: str) -> str:
    """`type/subtype` of a media type or Content-Type, lower case, without its parameters."""
    return media_type.partition(";")[0].strip().lower()


def _invalid(
    operation: Operation[Any], response: httpx.Response, error: Exception
) -> ResponseValidationError:
    """The ResponseValidationError for what parsing a 2xx answer raised.

    The generated parsers raise ValueError, TypeError, AttributeError... for a value of the
    wrong type or format; whatever a hostile body provokes, the caller gets this error,
    never a bare one. The original message may quote the value (patient data), so it is
    dropped; the generated from_dict names the field (FieldTypeError, FieldValueError).
    """
    from herohealth_openapi.types import (  # with the parser
        FieldTypeError,
        FieldValueError,
        NoShapeFits,
    )

    field: str | None = None
    if isinstance(error, json.JSONDecodeError):
        problem = "body is not JSON"
    elif isinstance(error, KeyError):
        field = str(error.args[0]) if error.args else None
        problem = "required field missing"
    elif isinstance(error, UnexpectedStatus):
        problem = f"undocumented success status {response.status_code}"
    elif isinstance(error, RecursionError):
        problem = "body is nested too deeply"
    elif isinstance(error, NoShapeFits):  # a oneOf answer: each shape's first problem
        problem = error.problem
    else:
        field = error.field if isinstance(error, FieldTypeError | FieldValueError) else None
        problem = "invalid value"
    return ResponseValidationError(
        response, f"the {operation.operation_id} response", field, problem
    )
