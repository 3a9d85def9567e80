"""A hostile Hero: a raw asyncio TCP server on 127.0.0.1 that writes whatever bytes a test says.

Each scenario is something a broken or malicious server (or a man in the middle) can do:
drip a body a byte at a time, send a body that never ends or one over the size cap, nest
JSON past the recursion limit, put the wrong type in `count`, answer with bytes that are not
HTTP, redirect elsewhere. Every call must end in time with a `HeroError` subclass, memory
bounded. Every test is bounded by `asyncio.timeout`; the figures the README quotes
(deadline overshoot, peak memory) are kept in `FIGURES`, and nothing is printed.
"""

from __future__ import annotations

import asyncio
import datetime
import time
import tracemalloc
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager, suppress
from typing import Any

import httpx
import pytest
from attrs import define, field

from herohealth import (
    APIConnectionError,
    APITimeoutError,
    BadRequestError,
    HeroHealth,
    ResponseTooLargeError,
    ResponseValidationError,
    UnexpectedRedirectError,
)
from tests.helpers import NHS_NUMBER

BOUND = 10  # seconds any test here may take
CAP = 1024 * 1024  # the clients' max_response_bytes here
CHUNK = b"x" * 65536

# Figures for the README's Reliability section, filled as the tests run.
FIGURES: dict[str, float] = {}

Answer = Callable[[asyncio.StreamWriter], Awaitable[None]]


@define
class Hostile:
    """A running server: its base URL, the request heads it read, the connections it was
    opened, and peer resets seen."""

    url: str
    port: int
    heads: list[bytes] = field(factory=list)
    connections: int = 0
    peer_closed: asyncio.Event = field(factory=asyncio.Event)


@asynccontextmanager
async def hostile(answer: Answer, *, keep_alive: bool = False) -> AsyncIterator[Hostile]:
    """Serve `answer` to every connection (after reading the request head) until exit;
    with `keep_alive`, to every request on a connection until the client closes it."""
    handlers: set[asyncio.Task[Any]] = set()
    server_state: list[Hostile] = []

    async def handle(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        task = asyncio.current_task()
        assert task is not None
        handlers.add(task)
        server_state[0].connections += 1
        try:
            while True:
                server_state[0].heads.append(await reader.readuntil(b"\r\n\r\n"))
                await answer(writer)
                if not keep_alive:
                    break
        except (ConnectionError, asyncio.IncompleteReadError):
            server_state[0].peer_closed.set()
        finally:
            writer.close()

    server = await asyncio.start_server(handle, "127.0.0.1", 0)
    port = server.sockets[0].getsockname()[1]
    server_state.append(Hostile(f"http://127.0.0.1:{port}", port))
    try:
        yield server_state[0]
    finally:
        server.close()
        for task in handlers:
            task.cancel()
        for task in handlers:
            with suppress(asyncio.CancelledError):
                await task


def client(url: str, **options: Any) -> HeroHealth:
    settings: dict[str, Any] = {"max_retries": 0, "timeout": 1, "max_response_bytes": CAP}
    return HeroHealth(
        api_key="test-key", practice_group_id="pg-1", base_url=url, **settings | options
    )


def head(status: str = "200 OK", *, keep_alive: bool = False, **headers: str | int) -> bytes:
    lines = [f"HTTP/1.1 {status}", "Content-Type: application/json"]
    lines += [] if keep_alive else ["Connection: close"]
    lines += [f"{name.replace('_', '-')}: {value}" for name, value in headers.items()]
    return ("\r\n".join(lines) + "\r\n\r\n").encode()


def answer_with(data: bytes) -> Answer:
    async def answer(writer: asyncio.StreamWriter) -> None:
        writer.write(data)
        await writer.drain()

    return answer


def json_answer(body: bytes, status: str = "200 OK") -> Answer:
    return answer_with(head(status, Content_Length=len(body)) + body)


async def drip(writer: asyncio.StreamWriter) -> None:
    """A valid head promising 1000 bytes, then one byte every 0.2 s: no gap hits a timeout."""
    writer.write(head(Content_Length=1000))
    while True:
        writer.write(b" ")
        await writer.drain()
        await asyncio.sleep(0.2)


async def endless_chunks(writer: asyncio.StreamWriter) -> None:
    writer.write(head(Transfer_Encoding="chunked"))
    while True:
        writer.write(b"%x\r\n%s\r\n" % (len(CHUNK), CHUNK))
        await writer.drain()


async def get_patient(url: str, **options: Any) -> Any:
    async with client(url, **options) as hero:
        return await hero.patients.get("1234")


def register_ada(hero: HeroHealth, **options: Any) -> Awaitable[Any]:
    """A registration (a write: retried only if it provably never reached Hero)."""
    return hero.patients.register(
        first_name="Ada",
        last_name="Lovelace",
        dob=datetime.date(1990, 1, 1),
        mobile="07700900123",
        **options,
    )


async def list_patients(url: str, **options: Any) -> Any:
    async with client(url, **options) as hero:
        return await hero.patients.list(field="nhs_number", search=NHS_NUMBER)


@pytest.mark.parametrize(
    ("options", "name"),
    [({"timeout": 1}, "attempt"), ({"timeout": 5, "total_timeout": 1}, "total")],
    ids=["timeout", "total-timeout"],
)
async def test_slow_drip_ends_at_the_deadline(options: dict[str, Any], name: str) -> None:
    async with asyncio.timeout(BOUND), hostile(drip) as server:
        started = time.monotonic()
        with pytest.raises(APITimeoutError) as caught:
            await get_patient(server.url, **options)
        elapsed = time.monotonic() - started

    assert caught.value.may_have_been_processed is True
    assert elapsed < 1.5  # deadline 1 s, generous margin
    FIGURES[f"drip_{name}_overshoot_s"] = round(elapsed - 1, 3)


async def test_endless_chunked_body_is_cut_off_with_memory_bounded() -> None:
    async with asyncio.timeout(BOUND), hostile(endless_chunks) as server:
        tracemalloc.start()
        try:
            with pytest.raises(ResponseTooLargeError) as caught:
                await get_patient(server.url)
            peak = tracemalloc.get_traced_memory()[1]
        finally:
            tracemalloc.stop()
        await server.peer_closed.wait()  # the SDK closed the connection

    assert caught.value.limit == CAP
    assert isinstance(caught.value, ResponseValidationError)
    assert peak < 3 * CAP
    FIGURES["endless_peak_bytes"] = peak


@pytest.mark.parametrize("status", ["200 OK", "500 Internal Server Error"])
async def test_body_over_the_cap_is_refused(status: str) -> None:
    body = b'{"id": "' + b"1" * (2 * CAP) + b'"}'
    async with asyncio.timeout(BOUND), hostile(json_answer(body, status)) as server:
        with pytest.raises(ResponseTooLargeError):
            await get_patient(server.url)


async def test_body_at_the_cap_is_read() -> None:
    body = b'{"message": "' + b"x" * (CAP - 20) + b'"}'
    async with asyncio.timeout(BOUND), hostile(json_answer(body, "400 Bad Request")) as server:
        with pytest.raises(BadRequestError):
            await get_patient(server.url)


@pytest.mark.parametrize("status", ["200 OK", "400 Bad Request"])
async def test_deeply_nested_json(status: str) -> None:
    body = b"[" * 100_000 + b"]" * 100_000
    async with asyncio.timeout(BOUND), hostile(json_answer(body, status)) as server:
        with pytest.raises(ResponseValidationError if status == "200 OK" else BadRequestError):
            await get_patient(server.url)


@pytest.mark.parametrize("count", [b'"abc"', b"null", b"1e999", b"-1e999", b"[1]", b"true", b"{}"])
async def test_wrong_json_type_in_count(count: bytes) -> None:
    body = b'{"data": [], "count": ' + count + b"}"
    async with asyncio.timeout(BOUND), hostile(json_answer(body)) as server:
        with pytest.raises(ResponseValidationError) as caught:
            await list_patients(server.url)

    assert "count" in str(caught.value) or caught.value.field is None


async def test_whole_count_is_read() -> None:
    async with asyncio.timeout(BOUND), hostile(json_answer(b'{"data": [], "count": 0}')) as server:
        page = await list_patients(server.url)

    assert (page.data, page.count) == ([], 0)


@pytest.mark.parametrize(
    ("data", "error"),
    [
        (b"\x00\xff\xfe not http at all\r\n\r\n", APIConnectionError),
        (head(Content_Length=11) + b"\x00\xff\x80garbage!", ResponseValidationError),
        (head(Content_Length=100) + b"{}", APIConnectionError),  # closed mid-body
        (head(Content_Encoding="gzip", Content_Length=6) + b"nozip!", ResponseValidationError),
    ],
    ids=["not-http", "garbage-body", "short-body", "bad-gzip"],
)
async def test_garbage_bytes(data: bytes, error: type[Exception]) -> None:
    async with asyncio.timeout(BOUND), hostile(answer_with(data)) as server:
        with pytest.raises(error):
            await get_patient(server.url)


async def test_redirect_to_another_host_is_not_followed() -> None:
    async with asyncio.timeout(BOUND), hostile(json_answer(b"{}")) as other:
        location = f"http://localhost:{other.port}/elsewhere?secret=1"
        redirect = answer_with(head("307 Temporary Redirect", Location=location, Content_Length=0))
        # Even an http_client set to follow redirects does not follow them.
        async with hostile(redirect) as server, httpx.AsyncClient(follow_redirects=True) as http:
            with pytest.raises(UnexpectedRedirectError) as caught:
                await get_patient(server.url, http_client=http)

    assert caught.value.status_code == 307
    assert caught.value.location_host == "localhost"
    assert "secret" not in str(caught.value)
    assert "elsewhere" not in str(caught.value)
    assert len(server.heads) == 1
    assert other.heads == []
