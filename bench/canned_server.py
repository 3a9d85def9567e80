"""A loopback HTTP/1.1 server answering canned bytes, run by the benchmarks in its own process.

    python bench/canned_server.py [--count N] [--page-size N]

prints its port on stdout, then serves until its standard input closes (or it is killed).
Every answer is built once at start, so the server's cost per request is tiny and the same
for every contender: find the blank line, split the request line, write prepared bytes.
Keep-alive, `content-length`, `content-type: application/json`; GET only, no bodies.

    GET /v1/patients/<id>     one Patient (the same bytes whatever the id)
    GET /v1/patients?...      a page: {"data": [PAGE_SIZE patients], "count": N}; even and
                              odd `page_index` get two different canned pages, because the
                              paginator stops on a page that repeats the one before it
    GET /hold/...             never answered: calls stay in flight until cancelled
    GET /_stats               this process's CPU seconds and counters, for the CPU share
    anything else             404

Stdlib only, and importable (`bench.canned_server`) for `serve` and the patient bodies, so the
decoding benchmark parses the very bytes the server sends.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import http.client
import json
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

DEFAULT_COUNT = 100_000
PAGE_SIZE = 100
HOLD_PREFIX = "/hold"
HOST = "127.0.0.1"


def patient_json(n: int) -> dict[str, Any]:
    """Patient `n` as Hero sends it: every field of openapi.yaml's Patient, as the examples of
    Hero's reference show them, some null (decoding cost depends on how many are sent)."""
    return {
        "id": str(n), "uid": f"uid-{n}", "emis_id": "E1234", "ehr_partner_id": "P5678",
        "dob": "1989-04-11T00:00:00Z", "deceased_at": None, "title": "Dr",
        "first_name": "Ada", "last_name": "Lovelace", "sex": "Female",
        "nhs_number": "9434765919", "email": "ada@example.org", "emails": ["ada@example.org"],
        "mobile": "07700900123", "last_sync_at": "2019-08-24T14:15:22Z",
        "address_line_1": "12 Analytical Row", "address_line_2": None, "address_line_3": None,
        "country": "United Kingdom", "postcode": "SW1A 1AA", "town": "London",
        "county": "Greater London", "notes": None, "verification_credentials": [],
        "data_source": "emis", "restricted": False, "sex_changed_at": None,
        "status": "unarchived",
        "identifiers": [{"source": "nhs", "name": "nhs_number", "role": "main", "label": "NHS",
                         "value": "9434765919"}],
        "ehr_registered": True,
    }  # fmt: skip


def envelope_bytes(first: int, size: int, count: int) -> bytes:
    """A list envelope of patients `first`..`first + size - 1`, reporting `count` in all."""
    data = [patient_json(n) for n in range(first, first + size)]
    return json.dumps({"data": data, "count": count}).encode()


def _response(status: str, body: bytes, *, close: bool = False) -> bytes:
    # `connection: close` where the server closes after answering: a client must not send
    # its next request on that connection (it would be reset).
    connection = "connection: close\r\n" if close else ""
    head = (
        f"HTTP/1.1 {status}\r\ncontent-type: application/json\r\n"
        f"content-length: {len(body)}\r\n{connection}\r\n"
    )
    return head.encode("ascii") + body


class _Counters:
    requests = 0
    held = 0


class _Canned:
    """Every answer, prepared once."""

    def __init__(self, count: int, page_size: int) -> None:
        self.patient = _response("200 OK", json.dumps(patient_json(1)).encode())
        self.pages = (
            _response("200 OK", envelope_bytes(1, page_size, count)),
            _response("200 OK", envelope_bytes(page_size + 1, page_size, count)),
        )
        self.not_found = _response("404 Not Found", b'{"message": "not found"}')
        self.not_allowed = _response(
            "405 Method Not Allowed", b'{"message": "GET only"}', close=True
        )
        self.counters = _Counters()

    def answer(self, method: bytes, target: bytes) -> bytes | None:
        """The bytes for one request; None: never answer it."""
        self.counters.requests += 1
        if method != b"GET":
            return self.not_allowed
        if target.startswith(b"/v1/patients/"):
            return self.patient
        if target == b"/v1/patients" or target.startswith(b"/v1/patients?"):
            return self.pages[_page_index(target) % 2]
        if target.startswith(HOLD_PREFIX.encode() + b"/"):
            self.counters.held += 1
            return None
        if target == b"/_stats":
            stats = {
                "cpu_seconds": time.process_time(),
                "requests": self.counters.requests,
                "held": self.counters.held,
            }
            return _response("200 OK", json.dumps(stats).encode())
        return self.not_found


def _page_index(target: bytes) -> int:
    start = target.find(b"page_index=")
    if start < 0:
        return 0
    digits = target[start + len(b"page_index=") :].split(b"&", 1)[0]
    return int(digits) if digits.isdigit() else 0


class _Connection(asyncio.Protocol):
    def __init__(self, canned: _Canned) -> None:
        self._canned = canned
        self._buffer = b""
        self._held = False
        self._transport: asyncio.Transport | None = None

    def connection_made(self, transport: asyncio.BaseTransport) -> None:
        assert isinstance(transport, asyncio.Transport)  # noqa: S101 - a TCP server's
        self._transport = transport

    def data_received(self, data: bytes) -> None:
        if self._held or self._transport is None:
            return  # a held request is never answered, so nothing after it is either
        buffer = self._buffer + data if self._buffer else data
        while (end := buffer.find(b"\r\n\r\n")) >= 0:
            line = buffer[: buffer.find(b"\r\n")]
            buffer = buffer[end + 4 :]
            method, target, _ = line.split(b" ", 2)
            answer = self._canned.answer(method, target)
            if answer is None:
                self._held = True
                break
            self._transport.write(answer)
            if answer is self._canned.not_allowed:  # a body may follow: stop reading
                self._transport.close()
                break
        self._buffer = buffer


class _StdinClosed(asyncio.Protocol):
    def __init__(self, closed: asyncio.Future[None]) -> None:
        self._closed = closed

    def connection_lost(self, exc: Exception | None) -> None:
        if not self._closed.done():
            self._closed.set_result(None)


async def _serve(count: int, page_size: int) -> None:
    loop = asyncio.get_running_loop()
    canned = _Canned(count, page_size)
    server = await loop.create_server(lambda: _Connection(canned), HOST, 0, backlog=4096)
    closed: asyncio.Future[None] = loop.create_future()
    await loop.connect_read_pipe(lambda: _StdinClosed(closed), sys.stdin)
    print(server.sockets[0].getsockname()[1], flush=True)
    await closed
    server.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--count", type=int, default=DEFAULT_COUNT, help="`count` of each page")
    parser.add_argument("--page-size", type=int, default=PAGE_SIZE, help="patients per page")
    arguments = parser.parse_args()
    asyncio.run(_serve(arguments.count, arguments.page_size))


# ---- the benchmarks' side: start it, read its CPU, stop it --------------------------------


@dataclass(frozen=True)
class CannedServer:
    """A running canned server process."""

    process: subprocess.Popen[str]
    port: int

    @property
    def base_url(self) -> str:
        return f"http://{HOST}:{self.port}"

    @property
    def hold_url(self) -> str:
        """A base URL under which every request is left unanswered."""
        return f"{self.base_url}{HOLD_PREFIX}"

    def stats(self) -> dict[str, float]:
        """The server's CPU seconds and counters (a blocking call: never inside a timing)."""
        connection = http.client.HTTPConnection(HOST, self.port, timeout=10)
        try:
            connection.request("GET", "/_stats")
            stats: dict[str, float] = json.loads(connection.getresponse().read())
            return stats
        finally:
            connection.close()


@contextlib.contextmanager
def serve(count: int = DEFAULT_COUNT, page_size: int = PAGE_SIZE) -> Iterator[CannedServer]:
    """The canned server in a child process, stopped on leaving, also on error.

    ```python
    with serve(count=100_000) as server:
        async with HeroHealth(..., base_url=server.base_url) as hero: ...
    ```
    """
    process = subprocess.Popen(  # noqa: S603 - this interpreter, this file, fixed arguments
        [sys.executable, str(Path(__file__).resolve()), "--count", str(count),
         "--page-size", str(page_size)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )  # fmt: skip
    try:
        assert process.stdout is not None  # noqa: S101 - stdout=PIPE
        line = process.stdout.readline()
        if not line.strip().isdigit():
            raise RuntimeError(f"the canned server did not start (printed {line!r})")
        yield CannedServer(process, int(line))
    finally:
        stop(process)


def stop(process: subprocess.Popen[str]) -> None:
    """Close the server's stdin (it exits), killing it if it has not within 5 s."""
    with contextlib.suppress(OSError):
        if process.stdin is not None:
            process.stdin.close()
    try:
        process.wait(timeout=5)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()
    if process.stdout is not None:
        process.stdout.close()


if __name__ == "__main__":
    main()
