"""Stoplight Prism, mocking openapi.yaml on a loopback port, for the contract tests.

`make test` installs Prism with `npm ci` (package.json pins @stoplight/prism-cli) when npm
is on the PATH. Without Node or Prism these tests skip, unless HERO_REQUIRE_PRISM is set
(CI sets it in .ci/run), where a missing Prism fails them instead.

One Prism process serves the whole session. It runs with `--dynamic` and a fixed `--seed`:
its answers are generated from the schemas (the same answer for the same request, run after
run), because in its default static mode it answers with openapi.yaml's examples, and Hero's
list examples (`{data: [{}], count: 0}`) and Prism's own placeholders (`id: "string"` where
the schema says `^\\d+$`) do not match the schemas themselves.

Prism validates every request against openapi.yaml and reports what it found in an
`sl-violations` response header (a 422 when the request cannot be served at all); the
`hero` fixture records every response so a test can check that none carries one.
"""

from __future__ import annotations

import json
import os
import shutil
import socket
import subprocess
import time
from collections.abc import AsyncIterator, Callable, Iterator
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx
import pytest

from herohealth import HeroHealth

ROOT = Path(__file__).resolve().parents[2]
SPEC = ROOT / "openapi.yaml"
PRISM = ROOT / "node_modules" / ".bin" / "prism"
HOST = "127.0.0.1"  # Prism listens on loopback only; no test reaches a Hero host.
SEED = "1"  # fixed: the same answers every run; with it every list has items
START_TIMEOUT = 30.0  # seconds for Prism to answer its first request
STOP_TIMEOUT = 10.0  # seconds for Prism to exit after SIGTERM, before SIGKILL
REQUEST_TIMEOUT = 10.0  # seconds for any one request to Prism
REQUIRE_ENV = "HERO_REQUIRE_PRISM"

API_KEY = "contract-key"
PRACTICE_GROUP_ID = "pg-contract"
AUTH_HEADERS = {"x-api-key": API_KEY, "x-practice-group-id": PRACTICE_GROUP_ID}


def _prism_required() -> bool:
    return os.environ.get(REQUIRE_ENV, "") not in ("", "0")


def _missing_prism() -> str | None:
    """Why Prism cannot run here, or None when it can."""
    if shutil.which("node") is None:
        return "Node.js is not installed (`node` is not on the PATH)"
    if not PRISM.exists():
        return f"Prism is not installed ({PRISM.relative_to(ROOT)} is missing; run `make test`)"
    return None


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind((HOST, 0))
        port: int = probe.getsockname()[1]
        return port


def _tail(log: Path, lines: int = 40) -> str:
    text = log.read_text(errors="replace").splitlines()
    return "\n".join(text[-lines:]) or "(no output)"


def _wait_until_answering(process: subprocess.Popen[bytes], url: str, log: Path) -> None:
    """Return once Prism answers any HTTP request; fail with its output if it never does."""
    deadline = time.monotonic() + START_TIMEOUT
    while True:
        if process.poll() is not None:
            raise RuntimeError(
                f"Prism exited with code {process.returncode} before answering.\n"
                f"Its output:\n{_tail(log)}"
            )
        try:
            # No credentials: Prism answers 401, which is enough to show it is serving.
            httpx.get(f"{url}/v1/patients/1", timeout=1.0)
            return
        except httpx.TransportError:
            pass
        if time.monotonic() > deadline:
            raise RuntimeError(
                f"Prism did not answer on {url} within {START_TIMEOUT:.0f} s.\n"
                f"Its output:\n{_tail(log)}"
            )
        time.sleep(0.1)


def _stop(process: subprocess.Popen[bytes]) -> None:
    process.terminate()
    try:
        process.wait(timeout=STOP_TIMEOUT)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait(timeout=STOP_TIMEOUT)


@pytest.fixture(scope="session")
def prism_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The base URL of a Prism mock of openapi.yaml, started once for the session."""
    missing = _missing_prism()
    if missing is not None:
        if _prism_required():
            pytest.fail(f"{REQUIRE_ENV} is set but Prism cannot run: {missing}", pytrace=False)
        pytest.skip(f"Prism contract tests need Node.js and Prism: {missing}")
    port = _free_port()
    url = f"http://{HOST}:{port}"
    log = tmp_path_factory.mktemp("prism") / "prism.log"
    command = [str(PRISM), "mock", str(SPEC), "-h", HOST, "-p", str(port)]
    command += ["--dynamic", "--seed", SEED]
    with log.open("wb") as output:
        process = subprocess.Popen(  # noqa: S603 (a fixed command: our own Prism and spec)
            command, cwd=ROOT, stdin=subprocess.DEVNULL, stdout=output, stderr=output
        )
    try:
        _wait_until_answering(process, url, log)
        yield url
    finally:
        _stop(process)


@dataclass(frozen=True)
class Exchange:
    """One request the test sent and what Prism made of it."""

    method: str
    url: httpx.URL
    status: int
    violations: list[dict[str, Any]] | None  # the parsed `sl-violations` header, if any


@dataclass
class Recorder:
    """Every response an `httpx.AsyncClient` received, through its response event hook."""

    exchanges: list[Exchange] = field(default_factory=list)

    async def on_response(self, response: httpx.Response) -> None:
        header = response.headers.get("sl-violations")
        self.exchanges.append(
            Exchange(
                method=response.request.method,
                url=response.request.url,
                status=response.status_code,
                violations=None if header is None else json.loads(header),
            )
        )

    def assert_clean(self, requests: int = 1) -> None:
        """Exactly `requests` requests were sent, each answered 2xx with no violation."""
        assert len(self.exchanges) == requests, self.exchanges
        for exchange in self.exchanges:
            assert exchange.violations is None, (
                f"Prism reported violations for {exchange.method} {exchange.url}:\n"
                + "\n".join(
                    f"  {'.'.join(map(str, v.get('location', [])))}: {v.get('message')}"
                    for v in exchange.violations
                )
            )
            assert 200 <= exchange.status < 300, exchange


@pytest.fixture
def recorder() -> Recorder:
    return Recorder()


@asynccontextmanager
async def _client(
    prism_url: str, recorder: Recorder, prefer: str | None = None
) -> AsyncIterator[HeroHealth]:
    async def add_prefer(request: httpx.Request) -> None:
        if prefer is not None:
            request.headers["prefer"] = prefer

    hooks: dict[str, list[Callable[..., Any]]] = {
        "request": [add_prefer],
        "response": [recorder.on_response],
    }
    async with httpx.AsyncClient(event_hooks=hooks, timeout=REQUEST_TIMEOUT) as http:
        yield HeroHealth(
            api_key=API_KEY,
            practice_group_id=PRACTICE_GROUP_ID,
            base_url=prism_url,
            timeout=REQUEST_TIMEOUT,
            max_retries=0,
            http_client=http,
        )


@pytest.fixture
async def hero(prism_url: str, recorder: Recorder) -> AsyncIterator[HeroHealth]:
    """A client of the Prism mock, answered from the schemas; `recorder` sees every response.

    Overrides tests/conftest.py's `hero`: these requests really go to Prism on loopback.
    """
    async with _client(prism_url, recorder) as client:
        yield client


@pytest.fixture
async def hero_examples(prism_url: str, recorder: Recorder) -> AsyncIterator[HeroHealth]:
    """Like `hero`, but Prism answers with openapi.yaml's examples (`Prefer: dynamic=false`)."""
    async with _client(prism_url, recorder, prefer="dynamic=false") as client:
        yield client
