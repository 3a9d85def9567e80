"""Fault injection: what goes wrong with the next matching request(s), and how.

Each fault is armed for `times` requests that match its `path` (exact, or a glob such as
"/v1/patients/*/merge"; None matches every path) and `method` (None matches any), then
disarms itself. A request takes at most one armed fault of each kind, the oldest first:

- `Fail`: answered with `status` (and `Retry-After` when given), body `{"message": ...}`,
  before authentication; the request is not processed.
- `Delay`: the answer is sent `seconds` late; the request is processed first (its effects
  happen even if the client gives up waiting).
- `Malform`: the next matching request that succeeds (2xx) is processed, then answered
  with a broken body (see `MalformKind`).
- `Drop`: the connection is closed before a complete answer; with `processed` (the
  default) only after the request was processed.
"""

from __future__ import annotations

import fnmatch
import json
from http import HTTPStatus
from typing import Any, Literal, TypeVar

import httpx
from attrs import define, frozen

MalformKind = Literal["truncated_json", "html", "empty", "missing_field"]
"""How `malform_next` breaks a successful answer.

- "truncated_json": the JSON body cut in half (still `application/json`).
- "html": a 200 with an HTML error page instead of JSON.
- "empty": a 200 with an empty body (still `application/json`).
- "missing_field": the JSON object without one required field (`field`, or the
  operation's first required field); a body-less or non-JSON answer becomes `{}`.
"""

MALFORM_KINDS: frozenset[str] = frozenset({"truncated_json", "html", "empty", "missing_field"})

_HTML_PAGE = (
    b"<!DOCTYPE html><html><head><title>502 Bad Gateway</title></head>"
    b"<body><h1>502 Bad Gateway</h1><p>The upstream server is unavailable.</p></body></html>"
)


class ConnectionDropped(httpx.RemoteProtocolError):
    """Raised by the app to drop a connection (`drop_next`).

    In process, httpx's ASGITransport re-raises it, so the client sees a transport error
    as it would from a real broken connection; on a loopback port, uvicorn closes the
    connection mid-answer.
    """


@frozen
class Fail:
    status: int
    retry_after: str | None
    message: str

    def answer(self) -> tuple[int, dict[str, Any], dict[str, str]]:
        headers = {} if self.retry_after is None else {"retry-after": self.retry_after}
        return self.status, {"message": self.message}, headers


@frozen
class Delay:
    seconds: float


@frozen
class Malform:
    kind: MalformKind
    field: str | None

    def body(self, body: bytes, default_field: str | None) -> tuple[bytes, str]:
        """The broken body and its content type."""
        if self.kind == "html":
            return _HTML_PAGE, "text/html; charset=utf-8"
        if self.kind == "empty":
            return b"", "application/json"
        if self.kind == "truncated_json":
            return (body[: len(body) // 2] if len(body) > 1 else b'{"'), "application/json"
        try:
            parsed = json.loads(body) if body else {}
        except ValueError:  # an answer that is not JSON (a PDF) has no field to drop
            parsed = {}
        if isinstance(parsed, dict) and parsed:
            drop = self.field or default_field
            if drop not in parsed:
                drop = next(iter(parsed))
            parsed.pop(drop)
        return json.dumps(parsed if isinstance(parsed, dict) else {}).encode(), "application/json"


@frozen
class Drop:
    processed: bool


Fault = Fail | Delay | Malform | Drop
F = TypeVar("F", Fail, Delay, Malform, Drop)


@define
class _Armed:
    fault: Fault
    times: int
    path: str | None
    method: str | None

    def matches(self, kind: type[Fault], method: str, path: str) -> bool:
        return (
            isinstance(self.fault, kind)
            and (self.method is None or self.method.upper() == method)
            and (self.path is None or fnmatch.fnmatchcase(path, self.path))
        )


class Faults:
    """The armed faults, oldest first."""

    def __init__(self) -> None:
        self._armed: list[_Armed] = []

    def arm(self, fault: Fault, *, times: int, path: str | None, method: str | None) -> None:
        if isinstance(times, bool) or not isinstance(times, int) or times < 1:
            raise ValueError("times must be a whole number, 1 or more")
        self._armed.append(_Armed(fault, times, path, method))

    def take(self, kind: type[F], method: str, path: str) -> F | None:
        """The oldest armed fault of `kind` matching the request, counted as used."""
        for armed in self._armed:
            if armed.matches(kind, method, path):
                armed.times -= 1
                if armed.times == 0:
                    self._armed.remove(armed)
                return armed.fault  # type: ignore[return-value]  # matches() checked the kind
        return None

    def clear(self) -> None:
        self._armed.clear()

    def __len__(self) -> int:
        return len(self._armed)


def fail(status: int, retry_after: float | str | None) -> Fail:
    if isinstance(status, bool) or not isinstance(status, int) or not 400 <= status <= 599:
        raise ValueError("status must be an HTTP error status (400-599)")
    if retry_after is not None and not isinstance(retry_after, str):
        retry_after = f"{retry_after:g}"
    try:
        phrase = HTTPStatus(status).phrase
    except ValueError:
        phrase = "Error"
    return Fail(status, retry_after, f"Injected fault: {status} {phrase}")


def malform(kind: str, field: str | None) -> Malform:
    if kind not in MALFORM_KINDS:
        raise ValueError(f"kind must be one of {', '.join(sorted(MALFORM_KINDS))}")
    return Malform(kind, field)  # type: ignore[arg-type]  # membership checked above
