"""The ASGI app: routes Hero's 13 Patients operations to the state, with faults and a log.

For every request, in order: armed faults are taken (`_faults.py`); unless one answers
for it, the caller is authenticated (401 without `x-api-key` or `x-practice-group-id`,
403 when the key is not the practice group's), the route is found (404/405 otherwise),
the body parsed (400 if it is not JSON) and the operation run (`_state.py`). Every
request is then logged as a `RecordedRequest`, and the answer sent, late or broken if a
fault says so. Every answer carries an `x-request-id`; every error a `{"message": ...}`.
"""

from __future__ import annotations

import asyncio
import itertools
import json
from collections.abc import Callable, Mapping
from types import MappingProxyType
from typing import Any

from attrs import field, frozen
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Match, Route
from starlette.types import Receive, Scope, Send

from herohealth.testing._checks import Problem
from herohealth.testing._faults import ConnectionDropped, Delay, Drop, Fail, Faults, Malform
from herohealth.testing._state import HeroState


def _read_only(mapping: Mapping[str, str]) -> Mapping[str, str]:
    return MappingProxyType(dict(mapping))


@frozen
class RecordedRequest:
    """One request the fake received, for a test's assertions. The API key is never kept.

    `query` holds the last value of each query parameter; `json` the parsed body (None
    without one, or when it is not JSON); `status` the status answered (None when the
    connection was dropped instead); `operation` the openapi.yaml operationId the request
    was routed to (None if none); `fault` the injected faults it took, joined by "+"
    ("fail", "delay", "drop", "malform:html", ...), or None.
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


@frozen
class _Call:
    """What an operation needs from the request."""

    group: str
    path_params: Mapping[str, str]
    query: Mapping[str, str]
    body: Any
    login_url: str

    @property
    def id(self) -> str:
        return self.path_params["id"]


_Handler = Callable[[HeroState, _Call], Any]


def _route(path: str, method: str, operation_id: str, handler: _Handler) -> Route:
    # Starlette matches paths and methods; `endpoint` carries the handler back to us.
    return Route(path, handler, methods=[method], name=operation_id)


# Fixed paths before `{id}`: GET /v1/patients/register is a (missing) patient, not register.
ROUTES = (
    _route("/v1/patients", "GET", "list_patients", lambda s, c: s.list_patients(c.group, c.query)),
    _route(
        "/v1/patients/register",
        "POST",
        "register_patient",
        lambda s, c: s.register(c.group, c.body),
    ),
    _route(
        "/v1/patients/register_pds",
        "POST",
        "register_patient_pds",
        lambda s, c: s.register_pds(c.group, c.body, c.login_url),
    ),
    _route("/v1/patients/{id}", "GET", "get_patient", lambda s, c: s.get_patient(c.group, c.id)),
    _route(
        "/v1/patients/{id}/attachments",
        "GET",
        "list_patient_attachments",
        lambda s, c: s.attachments(c.group, c.id),
    ),
    _route(
        "/v1/patients/{id}/billing_info",
        "GET",
        "get_patient_billing_info",
        lambda s, c: s.billing_info(c.group, c.id),
    ),
    _route(
        "/v1/patients/{id}/payment_methods",
        "GET",
        "list_patient_payment_methods",
        lambda s, c: s.payment_methods(c.group, c.id),
    ),
    _route(
        "/v1/patients/{id}/ehr/candidates",
        "GET",
        "list_ehr_candidates",
        lambda s, c: s.ehr_candidates(c.group, c.id),
    ),
    _route(
        "/v1/patients/{id}/ehr/connect",
        "POST",
        "connect_patient_ehr",
        lambda s, c: s.ehr_connect(c.group, c.id, c.body),
    ),
    _route(
        "/v1/patients/{id}/merge/preview",
        "POST",
        "preview_patient_merge",
        lambda s, c: s.merge_preview(c.group, c.id, c.body),
    ),
    _route(
        "/v1/patients/{id}/merge",
        "POST",
        "merge_patients",
        lambda s, c: s.merge(c.group, c.id, c.body),
    ),
    _route(
        "/v2/patients",
        "GET",
        "list_patients_v2",
        lambda s, c: s.list_patients_v2(c.group, c.query),
    ),
    _route(
        "/v2/patients/{id}",
        "GET",
        "get_patient_v2",
        lambda s, c: s.get_patient_v2(c.group, c.id, c.query),
    ),
)

# The field a "missing_field" fault drops by default: the response schema's first required.
FIRST_REQUIRED_FIELD = {
    "list_patients": "data",
    "list_patients_v2": "data",
    "list_ehr_candidates": "data",
    "list_patient_attachments": "data",
    "list_patient_payment_methods": "data",
    "get_patient": "id",
    "get_patient_v2": "dob",
    "get_patient_billing_info": "id",
    "preview_patient_merge": "main_patient",
    "register_patient": "patient_id",
    "register_patient_pds": "patient_id",
}


@frozen
class _Reply:
    status: int
    body: Any  # JSON, or None for "no content"
    headers: Mapping[str, str] = MappingProxyType({})


class FakeHeroApp:
    """The ASGI application `FakeHero` serves, in process or on a loopback port."""

    def __init__(self, state: HeroState, faults: Faults, log: list[RecordedRequest]) -> None:
        self._state = state
        self._faults = faults
        self._log = log
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
        route, path_params = _match(scope)
        operation = route.name if route else None

        delay = self._faults.take(Delay, method, path)
        fail = self._faults.take(Fail, method, path)
        drop = None if fail else self._faults.take(Drop, method, path)
        reply = None
        if fail is not None:
            reply = _Reply(*fail.answer())
        elif drop is None or drop.processed:
            reply = self._answer(request, raw, route, path_params)
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
                query=request.query_params,
                json=_json(raw)[0],
                status=None if drop is not None or reply is None else reply.status,
                practice_group_id=request.headers.get("x-practice-group-id"),
                operation=operation,
                request_id=request_id,
                fault="+".join(faults) or None,
            )
        )

        if delay is not None and not await _wait_unless_disconnected(delay.seconds, receive):
            return  # the client gave up waiting: nobody to answer
        if drop is not None or reply is None:
            await _drop_connection(send)
            return
        response = _response(reply, request_id)
        if malform is not None:
            content, media_type = malform.body(
                bytes(response.body), FIRST_REQUIRED_FIELD.get(operation or "")
            )
            response = Response(content, 200, {"x-request-id": request_id}, media_type)
        await response(scope, receive, send)

    def _answer(
        self, request: Request, raw: bytes, route: Route | None, path_params: Mapping[str, str]
    ) -> _Reply:
        try:
            group = self._state.authenticate(
                request.headers.get("x-practice-group-id"), request.headers.get("x-api-key")
            )
            if route is None:
                raise _no_route(request)
            body, is_json = _json(raw)
            if not is_json:
                raise Problem(400, "The request body is not valid JSON")
            call = _Call(
                group=group,
                path_params=path_params,
                query=request.query_params,
                body=body,
                login_url=f"{request.base_url}pds/login",
            )
            handler: _Handler = route.endpoint
            return _Reply(200, handler(self._state, call))
        except Problem as problem:
            return _Reply(problem.status, problem.body())


def _response(reply: _Reply, request_id: str) -> Response:
    headers = {**reply.headers, "x-request-id": request_id}
    if reply.body is None:
        return Response(b"", reply.status, headers)
    return Response(json.dumps(reply.body).encode(), reply.status, headers, "application/json")


def _match(scope: Scope) -> tuple[Route | None, Mapping[str, str]]:
    for route in ROUTES:
        match, child = route.matches(scope)
        if match is Match.FULL:
            return route, child["path_params"]
    return None, {}


def _no_route(request: Request) -> Problem:
    scope = request.scope
    if any(route.matches(scope)[0] is Match.PARTIAL for route in ROUTES):
        return Problem(405, f"Method {request.method} is not allowed on {request.url.path}")
    return Problem(404, f"No operation at {request.url.path}")


def _json(raw: bytes) -> tuple[Any, bool]:
    """The parsed body (None when there is none) and whether it parsed."""
    if not raw.strip():
        return None, True
    try:
        return json.loads(raw), True
    except ValueError:
        return None, False


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
