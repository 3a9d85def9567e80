"""What passes between the app and a handler, and what the fake logs of each request."""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Mapping
from types import MappingProxyType
from typing import Any

from attrs import field, frozen


def _read_only(mapping: Mapping[str, Any]) -> Mapping[str, Any]:
    return MappingProxyType(dict(mapping))


@frozen
class FakeRequest:
    """A request that passed auth and openapi.yaml's checks, as a handler receives it.

    `practice_group_id` is the caller's group ("" only for an operation whose security in
    the spec names no practice group): keep each group's data apart by it. `path_params`
    and `query` are typed as the spec declares them (`page_size=2` arrives as the int 2;
    an undeclared query parameter as text); `body` is the parsed JSON body (None without
    one), or a form body's parts by name, typed likewise, a file part as `(filename,
    content, content_type)`; `base_url` the fake's, ending in "/". `headers` holds the
    header parameters the operation declares, by their name in the spec, typed likewise
    (`{"x-correlation-id": "corr-1"}`); the auth headers and any other are not in it.
    """

    operation: str
    practice_group_id: str
    path_params: Mapping[str, Any] = field(converter=_read_only)
    query: Mapping[str, Any] = field(converter=_read_only)
    body: Any
    base_url: str
    headers: Mapping[str, Any] = field(factory=dict, converter=_read_only)


@frozen
class Answer:
    """What a handler returns to choose the status: `Answer(404, {"message": "No booking"})`.

    Any other return value is the JSON body of the operation's documented success status;
    for an operation whose success is not JSON (a PDF), `bytes`, sent as the spec's media type.
    A plugged handler's answer must be one openapi.yaml allows (see `FakeHero.handle`);
    `off_spec=True` sends it unchecked, on purpose: to test how your code takes an answer
    Hero should never give (`Answer(200, {"data": "oops"}, off_spec=True)`).
    """

    status: int
    body: Any = None  # JSON, bytes (sent as they are), or None for an empty body
    headers: Mapping[str, str] = field(factory=dict, converter=_read_only)
    off_spec: bool = field(default=False, kw_only=True)


Handler = Callable[[FakeRequest], Any | Awaitable[Any]]
"""A plugged operation: takes the `FakeRequest`, returns its body or an `Answer`."""


@frozen
class RecordedRequest:
    """One request the fake received, for a test's assertions. The API key is never kept.

    `path` is decoded (an id sent as `a%2Fb` reads "a/b"); `query` holds the last value of
    each query parameter; `json` the parsed body (None without one, or when it is not
    JSON); `status` the status answered (None when the connection was dropped instead);
    `operation` the openapi.yaml operationId the request was routed to (None if none);
    `fault` the injected faults it took, joined by "+" ("fail", "delay", "drop",
    "malform:html", ...), or None; `headers` the headers sent, by lower-case name (to
    assert on `extra_headers` or a `User-Agent`), the API key's written "***".
    """

    method: str
    path: str
    query: Mapping[str, str] = field(converter=_read_only)
    json: Any
    status: int | None
    practice_group_id: str | None
    operation: str | None
    request_id: str
    fault: str | None = None
    headers: Mapping[str, str] = field(factory=dict, converter=_read_only)
