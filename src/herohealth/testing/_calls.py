"""What passes between the app and a handler, and what the fake logs of each request."""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Iterable, Iterator, Mapping
from types import MappingProxyType
from typing import Any

from attrs import field, frozen


def _read_only(mapping: Mapping[str, Any]) -> Mapping[str, Any]:
    return MappingProxyType(dict(mapping))


def _read_only_text(headers: Mapping[str, str]) -> Mapping[str, str]:
    # Its own converter: attrs types the argument as the converter's, and an HTTP header's
    # value is text (`headers={"retry-after": 5}` would fail only once sent).
    return MappingProxyType(dict(headers))


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
    for an operation whose success is not JSON (a PDF), `bytes`. Either goes out as the media
    type openapi.yaml documents for its status (`application/vnd.hero+json`, a 4XX's
    `application/problem+json`, `application/pdf`), unless `headers` give a Content-Type.
    A plugged handler's answer must be one openapi.yaml allows (see `FakeHero.handle`);
    `off_spec=True` sends it unchecked, on purpose: to test how your code takes an answer
    Hero should never give (`Answer(200, {"data": "oops"}, off_spec=True)`).
    """

    status: int
    body: Any = None  # JSON, bytes (sent as they are), or None for an empty body
    headers: Mapping[str, str] = field(factory=dict, converter=_read_only_text)
    off_spec: bool = field(default=False, kw_only=True)


Handler = Callable[[FakeRequest], Any | Awaitable[Any]]
"""A plugged operation: takes the `FakeRequest`, returns its body or an `Answer`."""


# What a QueryValues is made from (RecordedRequest's `query` too): a mapping, a list or
# tuple value standing for each of its items (another QueryValues is one), or the pairs.
_QueryInput = Mapping[str, str | list[str] | tuple[str, ...]] | Iterable[tuple[str, str]]


class QueryValues(Mapping[str, str]):
    """A request's query parameters as sent, read only: a mapping of each name to its last
    value (`query["page_size"] == "2"`, as a server that takes one value reads it), and
    every value of a repeated one, in the order sent, with `getlist` (`ids=1&ids=2`:
    `query.getlist("ids") == ["1", "2"]`), as starlette's and werkzeug's `getlist` give it.

    It equals a mapping of the same last values (`query == {"page_size": "2"}`), another
    `QueryValues` of the same pairs; it is made from a mapping (a value that is a list or
    tuple: each of its items) or from (name, value) pairs.
    """

    __slots__ = ("_last", "_pairs")

    def __init__(self, query: _QueryInput = ()) -> None:
        items = query.items() if isinstance(query, Mapping) else query
        pairs: list[tuple[str, str]] = []
        for name, value in items:
            many = value if isinstance(value, list | tuple) else [value]
            pairs.extend((name, item) for item in many)
        self._pairs = tuple(pairs)
        self._last = {name: value for name, value in pairs}

    def getlist(self, name: str) -> list[str]:
        """Every value sent for `name`, in order ([] when it was not sent)."""
        return [value for key, value in self._pairs if key == name]

    def multi_items(self) -> list[tuple[str, str]]:
        """Every (name, value) pair, in the order sent."""
        return list(self._pairs)

    def __getitem__(self, name: str) -> str:
        return self._last[name]

    def __iter__(self) -> Iterator[str]:
        return iter(self._last)

    def __len__(self) -> int:
        return len(self._last)

    def __eq__(self, other: object) -> bool:
        if isinstance(other, QueryValues):
            return self._pairs == other._pairs
        return super().__eq__(other)

    def __repr__(self) -> str:
        return f"{type(self).__name__}({list(self._pairs)!r})"


def _query(query: _QueryInput) -> QueryValues:
    return query if isinstance(query, QueryValues) else QueryValues(query)


@frozen
class RecordedRequest:
    """One request the fake received, for a test's assertions. The API key is never kept.

    `path` is decoded (an id sent as `a%2Fb` reads "a/b"); `query` the query parameters as
    text (a `QueryValues`: a mapping of each to its last value; every value of a repeated
    one, `ids=1&ids=2`, by `query.getlist("ids")`); `json` the parsed body (None without
    one, or when it is not JSON); `status` the status answered (None when the connection
    was dropped instead); `operation` the openapi.yaml operationId the request was routed
    to (None if none); `fault` the injected faults it took, joined by "+" ("fail",
    "delay", "drop", "malform:html", ...), or None; `headers` the headers sent, by
    lower-case name (to assert on `extra_headers` or a `User-Agent`), the API key's
    written "***".
    """

    method: str
    path: str
    query: QueryValues = field(converter=_query)
    json: Any
    status: int | None
    practice_group_id: str | None
    operation: str | None
    request_id: str
    fault: str | None = None
    headers: Mapping[str, str] = field(factory=dict, converter=_read_only_text)
