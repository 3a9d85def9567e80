"""The ASGI app: routes every operation of openapi.yaml, with auth, checks, faults and a log.

Routes, auth headers and request checks come from the spec (`_spec.py`); a fixed path
segment wins over a parameter (GET /v1/patients/register is a missing patient, not a
405). For every request, in order: armed faults are taken (`_faults.py`); unless one
answers for it, the caller is authenticated (401 when a header of the operation's
security is missing, 403 when the key is not the practice group's), the route is found
by the path as sent, still percent-encoded (404/405 otherwise), the body parsed (400 if it
is not JSON; a form body, for an operation that takes one, with python-multipart: 415 if
sent as another type), the request checked (422, `_checks.py`) and the operation's
handler run: a plugged one, a stateful one (`_state.py`), or else the answer built from
the spec (`_answers.py`); a plugged handler's answer that openapi.yaml does not allow is
not sent but kept, and a 500 answered instead (`_verdicts.py`). Every request is then
logged as a `RecordedRequest`, and the answer sent, late or broken if a fault says so.
Every answer carries an `x-request-id`; every error of the fake's own a `{"message": ...}`;
a handler's answer (a body, or an `Answer`) goes out as the media type the spec documents for
its status: a `+json` one, a PDF's bytes.
"""

from __future__ import annotations

import asyncio
import functools
import inspect
import itertools
import json
import re
import string
from collections.abc import Callable, Mapping, Sequence, Set
from typing import Any
from urllib.parse import quote

from attrs import evolve
from starlette.datastructures import Headers, UploadFile
from starlette.formparsers import MultiPartException
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Match, Route
from starlette.types import Receive, Scope, Send

from herohealth._generated import essence
from herohealth._redact import MASK
from herohealth.testing._answers import answer
from herohealth.testing._calls import Answer, FakeRequest, Handler, RecordedRequest
from herohealth.testing._checks import Problem, checked_request
from herohealth.testing._faults import ConnectionDropped, Delay, Drop, Fail, Faults, Malform
from herohealth.testing._spec import Operation, Spec, is_json
from herohealth.testing._verdicts import AnswerChecks, OffSpecAnswer

# The two credentials whose roles the fake models, a key valid for a practice group, by the
# client settings that carry them (sdk.yaml maps openapi.yaml's security schemes to these).
# Their header names, and which operations need them, are the spec's.
API_KEY = "api_key"
PRACTICE_GROUP = "practice_group_id"

Authenticate = Callable[[str, str], str]  # (practice group, key) -> the group, or Problem(403)


class FakeHeroApp:
    """The ASGI application `FakeHero` serves, in process or on a loopback port."""

    def __init__(
        self,
        spec: Spec,
        authenticate: Authenticate,
        handlers: Mapping[str, Handler],
        faults: Faults,
        log: list[RecordedRequest],
        plugged: Set[str] = frozenset(),
        off_spec: list[OffSpecAnswer] | None = None,
    ) -> None:
        self._spec = spec
        self._authenticate = authenticate
        self._handlers = handlers
        self._faults = faults
        self._log = log
        self._plugged = plugged  # the operations a test plugged a handler into
        self._off_spec = [] if off_spec is None else off_spec  # what they answered off spec
        self._checks = AnswerChecks(spec)
        self._routes = _routes(spec)
        # The fixed segments of the spec's paths: a 404 shows only these of the path sent.
        self._fixed = {
            part
            for op in spec.operations.values()
            for part in op.path.split("/")
            if not part.startswith("{")
        }
        self._answers: dict[str, Any] = {}  # operationId -> the spec's answer, built once
        self._group_header = dict(spec.default_auth).get(PRACTICE_GROUP)
        # Every header any operation takes the API key in: never kept in the request log.
        self._key_headers = {
            header.lower()
            for auth in (spec.default_auth, *(op.auth_headers for op in spec.operations.values()))
            for credential, header in auth
            if credential == API_KEY
        }
        self._request_ids = itertools.count(1)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "lifespan":
            await _lifespan(receive, send)
            return
        if scope["type"] != "http":
            return
        request = Request(scope, receive)
        method, path = request.method, request.url.path
        raw = await request.body()
        op, path_params = self._match(scope)

        delay = self._faults.take(Delay, method, path)
        fail = self._faults.take(Fail, method, path)
        drop = None if fail else self._faults.take(Drop, method, path)
        reply = None
        if fail is not None:
            reply = Answer(*fail.answer())
        elif drop is None or drop.processed:
            reply = await self._answer(request, raw, op, path_params)
        malform = None
        if reply is not None and drop is None and 200 <= reply.status < 300:
            malform = self._faults.take(Malform, method, path)

        request_id = f"fake-{next(self._request_ids)}"
        taken = [("delay", delay), ("fail", fail), ("drop", drop)]
        faults = [name for name, fault in taken if fault is not None]
        if malform is not None:
            faults.append(f"malform:{malform.kind}")
        self._log.append(
            RecordedRequest(
                method=method,
                path=path,
                query=request.query_params.multi_items(),
                json=_json(raw)[0],
                status=None if drop is not None or reply is None else reply.status,
                practice_group_id=request.headers.get(self._group_header or ""),
                operation=op.id if op else None,
                request_id=request_id,
                fault="+".join(faults) or None,
                headers={
                    name: "***" if name in self._key_headers else value
                    for name, value in request.headers.items()
                },
            )
        )

        if delay is not None and not await _wait_unless_disconnected(delay.seconds, receive):
            return  # the client gave up waiting: nobody to answer
        if drop is not None or reply is None:
            await _drop_connection(send)
            return
        response = _response(reply, request_id)
        if malform is not None:
            required = self._spec.required(op.answer_schema) if op and op.answer_schema else []
            content, media_type = malform.body(bytes(response.body), next(iter(required), None))
            response = Response(content, 200, {"x-request-id": request_id}, media_type)
        await response(scope, receive, send)

    async def _answer(
        self, request: Request, raw: bytes, op: Operation | None, path_params: Mapping[str, str]
    ) -> Answer:
        try:
            group = self._caller(op.auth_headers if op else self._spec.default_auth, request)
            if op is None:
                raise self._no_route(request)
            if op.form is not None:
                body = await _form(request, op.form) if raw else None
            else:
                if raw and op.body_media_type and _media_sent(request) != op.body_media_type:
                    raise Problem(415, f"The request body must be {op.body_media_type}")
                body, is_json = _json(raw)
                if not is_json:
                    raise Problem(400, "The request body is not valid JSON")
            query = {name: request.query_params.getlist(name) for name in request.query_params}
            params, typed_query, typed_headers, body = checked_request(
                op, path_params, query, request.headers, body
            )
            call = FakeRequest(
                op.id, group, params, typed_query, body, str(request.base_url), typed_headers
            )
            handler = self._handlers.get(op.id)
            result = handler(call) if handler is not None else self._spec_answer(op)
            if inspect.isawaitable(result):
                result = await result
        except Problem as problem:
            return Answer(problem.status, problem.body())
        reply = result if isinstance(result, Answer) else Answer(op.status, result)
        if op.id in self._plugged and not reply.off_spec:
            off_spec = self._checks.off_spec(op, reply)
            if off_spec is not None:  # not sent: a 500 saying why, and kept to be raised
                self._off_spec.append(off_spec)
                return Answer(500, {"message": str(off_spec)})
        return _as_documented(op, reply)

    def _caller(self, auth: Sequence[tuple[str, str]], request: Request) -> str:
        """The caller's practice group ("" when the operation needs no practice group)."""
        headers: Headers = request.headers
        for _, header in auth:
            if not headers.get(header):
                raise Problem(401, f"Missing credentials: the {header} header is required")
        sent = {credential: headers[header] for credential, header in auth}
        if PRACTICE_GROUP not in sent or API_KEY not in sent:
            return ""
        return self._authenticate(sent[PRACTICE_GROUP], sent[API_KEY])

    def _spec_answer(self, op: Operation) -> Any:
        if op.id not in self._answers:
            self._answers[op.id] = answer(self._spec, op)
        return self._answers[op.id]

    def _match(self, scope: Scope) -> tuple[Operation | None, Mapping[str, str]]:
        """The operation and its path parameters as sent, still percent-encoded."""
        raw = _raw(scope)
        for route in self._routes:
            match, child = route.matches(raw)
            if match is Match.FULL:
                return self._spec.operations[route.name], child["path_params"]
        return None, {}

    def _no_route(self, request: Request) -> Problem:
        """A 405 naming the path's template and the methods it takes, or a 404 showing the
        path with every segment that is no fixed text of the spec's paths written `***`.

        Neither quotes what was sent in a parameter's place, as `herohealth._redact` does
        not: a path may hold an NHS number (`fake.requests` has the path as sent)."""
        raw = _raw(request.scope)
        for route in self._routes:
            if route.matches(raw)[0] is Match.PARTIAL:
                template = self._spec.operations[route.name].path
                taken = sorted(
                    op.method for op in self._spec.operations.values() if op.path == template
                )
                return Problem(
                    405,
                    f"Method {request.method} is not allowed on {template} "
                    f"(it takes {', '.join(taken)})",
                )
        segments = request.url.path.split("/")
        shown = "/".join(part if part in self._fixed else MASK for part in segments)
        hint = f" ({MASK}: a segment none of its paths has)" if MASK in shown else ""
        return Problem(404, f"No operation of openapi.yaml at {shown}{hint}")


@functools.cache
def _routes(spec: Spec) -> list[Route]:
    """A route per operation; at the first segment two paths differ, a fixed one wins."""
    ops = sorted(
        spec.operations.values(),
        key=lambda op: [segment.startswith("{") for segment in op.path.split("/")],
    )
    return [Route(op.path, _never_called, methods=[op.method], name=op.id) for op in ops]


def _raw(scope: Scope) -> Scope:
    """`scope` with its path as the client wrote it, for routing.

    A server splits a path at its slashes, and a list or object parameter at its commas,
    before decoding: `a%2Fb` is one segment, `["A,1", "B"]` is sent as `A%2C1,B`. Matched
    against the decoded path, neither could be told apart; `_checks.py` decodes the values.
    """
    raw_path = scope.get("raw_path")
    if raw_path is None:  # optional in ASGI: the decoded path is all there is
        return scope
    # httpx's ASGITransport before 0.28 left the query string in raw_path; uvicorn does not.
    # An escaped letter, digit or `-._~` is that character (RFC 3986 6.2.2.2: `%74oday` is
    # the fixed segment `today`); a byte sent unencoded (not ASCII) is encoded, to be decoded
    # as UTF-8 as well.
    path = _ESCAPE.sub(_unescape_unreserved, raw_path.partition(b"?")[0])
    return {**scope, "path": quote(path, safe=string.punctuation)}


_ESCAPE = re.compile(rb"%([0-9A-Fa-f]{2})")
_UNRESERVED = frozenset((string.ascii_letters + string.digits + "-._~").encode())


def _unescape_unreserved(escape: re.Match[bytes]) -> bytes:
    byte = int(escape[1], 16)
    return bytes([byte]) if byte in _UNRESERVED else escape[0]


def _never_called(request: Request) -> Response:  # pragma: no cover - routes only match
    raise NotImplementedError


def _as_documented(op: Operation, reply: Answer) -> Answer:
    """`reply` with the Content-Type openapi.yaml documents for its status (its own, its
    range's or `default`'s: `application/vnd.hero+json`, a 4XX's `application/problem+json`,
    a PDF's), as Hero sends it. Not where its headers say one, nor where its body is not of
    that kind (bytes where JSON is documented, JSON where a PDF is: off spec on purpose, it
    goes out as what it is), nor for no body."""
    if reply.body is None or any(name.lower() == "content-type" for name in reply.headers):
        return reply
    is_code = isinstance(reply.status, int) and not isinstance(reply.status, bool)
    documented = op.documented(reply.status) if is_code else None
    media = documented.media_type if documented is not None else None
    if media is None or is_json(media) == isinstance(reply.body, bytes):
        return reply
    return evolve(reply, headers={**reply.headers, "content-type": media})


def _response(reply: Answer, request_id: str) -> Response:
    headers = {**reply.headers, "x-request-id": request_id}
    if reply.body is None:
        return Response(b"", reply.status, headers)
    if isinstance(reply.body, bytes):  # as it is, typed by its headers (a PDF: by the spec)
        return Response(reply.body, reply.status, headers, "application/octet-stream")
    return Response(json.dumps(reply.body).encode(), reply.status, headers, "application/json")


def _json(raw: bytes) -> tuple[Any, bool]:
    """The parsed body (None when there is none) and whether it parsed."""
    if not raw.strip():
        return None, True
    try:
        return json.loads(raw), True
    except ValueError:
        return None, False


def _media_sent(request: Request) -> str:
    return essence(request.headers.get("content-type", ""))


async def _form(request: Request, media: str) -> dict[str, list[Any]]:
    """A form body's fields by name, each value as sent: text, or a file as (filename,
    content, content_type). Parsed by starlette, with python-multipart."""
    if _media_sent(request) != media:
        raise Problem(415, f"The request body must be {media}")
    try:
        form = await request.form()
    except MultiPartException as error:
        raise Problem(400, f"The request body is not valid {media}: {error.message}") from None
    fields: dict[str, list[Any]] = {}
    for name, value in form.multi_items():
        if isinstance(value, UploadFile):
            upload = (value.filename, await value.read(), value.content_type)
            fields.setdefault(name, []).append(upload)
        else:
            fields.setdefault(name, []).append(value)
    await form.close()
    return fields


async def _wait_unless_disconnected(seconds: float, receive: Receive) -> bool:
    """Wait `seconds`; False as soon as the client disconnects instead.

    On a loopback port a client that timed out closes its connection; noticing it ends the
    request at once rather than holding the server's shutdown until the delay is over.
    """

    async def disconnected() -> None:
        while (await receive())["type"] != "http.disconnect":
            pass

    watcher = asyncio.ensure_future(disconnected())
    try:
        done, _ = await asyncio.wait({watcher}, timeout=seconds)
        return not done
    finally:
        watcher.cancel()
        if watcher.done() and not watcher.cancelled():
            watcher.exception()  # retrieved, so asyncio does not report it as lost


async def _drop_connection(send: Send) -> None:
    # Start an answer, send part of it, then fail: uvicorn closes the connection, and
    # httpx's ASGITransport re-raises the error to the client.
    await send(
        {
            "type": "http.response.start",
            "status": 200,
            "headers": [(b"content-type", b"application/json"), (b"content-length", b"64")],
        }
    )
    await send({"type": "http.response.body", "body": b'{"', "more_body": True})
    raise ConnectionDropped("The fake Hero dropped the connection (drop_next)")


async def _lifespan(receive: Receive, send: Send) -> None:
    # Nothing to start or stop; answered so the app runs under any ASGI server.
    while True:
        message = await receive()
        if message["type"] == "lifespan.startup":
            await send({"type": "lifespan.startup.complete"})
        elif message["type"] == "lifespan.shutdown":
            await send({"type": "lifespan.shutdown.complete"})
            return
