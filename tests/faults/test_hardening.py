"""Hardening of the request loop: credentials, transport rules, exception chains, deadlines,
and a fuzz of hostile answers (any status, any body) that must end in a `HeroError` or a result.

Answers come from pytest-httpx against https://hero.test; a refused connection from a closed
loopback port.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import socket
import traceback
from typing import Any

import httpx
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pytest_httpx import HTTPXMock

from herohealth import (
    APIConnectionError,
    HeroError,
    HeroHealth,
    InternalServerError,
    InvalidInputError,
)
from herohealth.testing import FakeHero
from tests.helpers import NHS_NUMBER

BOUND = 10
KEY = "sk_live_0123456789abcdef"
MOCK_URL = "https://hero.test"


def hero(**options: Any) -> HeroHealth:
    settings: dict[str, Any] = {
        "api_key": KEY,
        "practice_group_id": "pg-1",
        "base_url": MOCK_URL,
        "max_retries": 0,
    }
    return HeroHealth(**settings | options)


# ---- credentials -------------------------------------------------------------------------


BAD_CREDENTIALS = [
    "  ",
    f" {KEY}",
    f"{KEY}\n",
    f"{KEY}\r\nx-evil: 1",
    "sk live",
    "sk\tlive",
    "clé-secrète",
    "sk\x00live",
    "sk\x7flive",
]


@pytest.mark.parametrize("name", ["api_key", "practice_group_id"])
@pytest.mark.parametrize("value", BAD_CREDENTIALS)
async def test_bad_credential_is_refused_without_echo(
    httpx_mock: HTTPXMock, name: str, value: str
) -> None:
    with pytest.raises(InvalidInputError) as caught:
        hero(**{name: value})
    assert caught.value.field == name
    async with hero() as client:
        with pytest.raises(InvalidInputError) as copied:
            client.with_options(**{name: value})

    secret = value.strip()
    for error in (caught.value, copied.value):
        assert not secret or (secret not in str(error) and secret not in repr(error))
    assert httpx_mock.get_requests() == []


async def test_credentials_from_the_environment_are_checked(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("HERO_API_KEY", f"{KEY}\n")
    with pytest.raises(InvalidInputError) as caught:
        HeroHealth(practice_group_id="pg-1", base_url=MOCK_URL)
    assert caught.value.field == "api_key"


async def test_key_is_not_in_the_exception_chain() -> None:
    with socket.socket() as probe:  # a loopback port nobody listens on
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    async with asyncio.timeout(BOUND), hero(base_url=f"http://127.0.0.1:{port}") as client:
        with pytest.raises(APIConnectionError) as caught:
            await client.patients.get("1234")

    assert caught.value.may_have_been_processed is False
    assert isinstance(caught.value.__cause__, httpx.ConnectError)
    chain: list[BaseException] = []
    error: BaseException | None = caught.value
    while error is not None:
        chain.append(error)
        error = error.__cause__ or error.__context__
    for link in chain:
        request = getattr(link, "request", None)
        shown = [str(link), repr(link)]
        if isinstance(request, httpx.Request):
            shown += [repr(request), repr(request.headers)]
            assert request.headers["x-api-key"] == KEY  # still sent, only hidden
        assert not any(KEY in text for text in shown)
    assert KEY not in "".join(traceback.format_exception(caught.value))


# ---- transport rules ---------------------------------------------------------------------


@pytest.mark.parametrize(
    "url",
    [
        "https://hero.test",
        "http://localhost:8080",
        "http://127.0.0.1:1",
        "http://127.9.9.9",
        "http://[::1]:8080",
        FakeHero().base_url,
    ],
)
def test_base_urls_accepted(url: str) -> None:
    assert hero(base_url=url).base_url == url


@pytest.mark.parametrize(
    "url", ["http://hero.test", "http://10.0.0.1", "http://localhost.evil.test", "ftp://hero.test"]
)
def test_insecure_base_url_is_refused(url: str) -> None:
    with pytest.raises(InvalidInputError) as caught:
        hero(base_url=url)
    assert caught.value.field == "base_url"


def test_insecure_http_opt_out() -> None:
    assert (
        hero(base_url="http://hero.test", allow_insecure_http=True).base_url == "http://hero.test"
    )
    with pytest.raises(InvalidInputError):
        hero(base_url="ftp://hero.test", allow_insecure_http=True)


async def test_proxy_error_lets_a_write_be_retried(httpx_mock: HTTPXMock) -> None:
    url = f"{MOCK_URL}/v1/patients/1/merge"
    httpx_mock.add_exception(httpx.ProxyError("tunnel refused"), url=url, method="POST")
    httpx_mock.add_response(url=url, method="POST")

    async with hero(max_retries=1) as client:
        await client.patients.merge("1", "2", token="t")

    assert len(httpx_mock.get_requests()) == 2


async def test_proxy_error_is_never_processed(httpx_mock: HTTPXMock) -> None:
    httpx_mock.add_exception(httpx.ProxyError("tunnel refused"))
    async with hero() as client:
        with pytest.raises(APIConnectionError) as caught:
            await client.patients.get("1234")
    assert caught.value.may_have_been_processed is False


# ---- the total deadline ------------------------------------------------------------------


async def test_retry_past_the_total_deadline_is_not_attempted(
    httpx_mock: HTTPXMock, sleeps: list[float]
) -> None:
    httpx_mock.add_response(status_code=503, headers={"retry-after": "2"})

    async with hero(max_retries=3, total_timeout=1) as client:
        with pytest.raises(InternalServerError):
            await client.patients.get("1234")

    assert len(httpx_mock.get_requests()) == 1
    assert sleeps == []


async def test_retries_within_the_total_deadline_happen(
    httpx_mock: HTTPXMock, sleeps: list[float]
) -> None:
    httpx_mock.add_response(status_code=503, headers={"retry-after": "1"})
    httpx_mock.add_response(json={"message": "nope"}, status_code=404)

    async with hero(max_retries=3) as client:
        with pytest.raises(HeroError):
            await client.with_options(total_timeout=30).patients.get("1234")

    assert len(httpx_mock.get_requests()) == 2
    assert sleeps == [1.0]


@pytest.mark.parametrize("value", [0, -1, True, "10"])
def test_bad_limits_are_refused(value: object) -> None:
    for name in ("total_timeout", "max_response_bytes"):
        with pytest.raises(InvalidInputError) as caught:
            hero(**{name: value})
        assert caught.value.field == name


# ---- fuzz: whatever Hero answers, a HeroError or a result --------------------------------

JSON = st.recursive(
    st.none() | st.booleans() | st.floats() | st.integers() | st.text(max_size=10),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner),
    max_leaves=20,
)
ENVELOPE = st.fixed_dictionaries({"data": st.lists(JSON, max_size=3), "count": JSON})
BODIES = (
    st.binary(max_size=200)
    | JSON.map(lambda value: json.dumps(value).encode())
    | ENVELOPE.map(lambda value: json.dumps(value).encode())
    | st.integers(1, 5000).map(lambda depth: b"[" * depth + b"]" * depth)
)
STATUSES = st.sampled_from([200, 201, 204, 301, 307, 400, 404, 409, 422, 429, 500, 503]) | (
    st.integers(100, 599).filter(lambda status: status not in (101,))
)


@settings(
    max_examples=200,
    derandomize=True,
    database=None,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(status=STATUSES, body=BODIES, listing=st.booleans())
def test_any_answer_is_a_hero_error_or_a_result(
    httpx_mock: HTTPXMock, status: int, body: bytes, listing: bool
) -> None:
    # One request per example (no retries), so each answer is taken by its own example.
    httpx_mock.add_response(
        status_code=status, content=body, headers={"location": "https://x.test/p?nhs=1"}
    )

    async def call() -> None:
        async with asyncio.timeout(BOUND), hero() as client:
            if listing:
                await client.patients.list(field="nhs_number", search=NHS_NUMBER)
            else:
                await client.patients.get("1234")

    # Anything but a HeroError (a bare ValueError, a RecursionError...) fails the test.
    with contextlib.suppress(HeroError):
        asyncio.run(call())
