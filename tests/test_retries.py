"""Retries, backoff, Retry-After and timeouts, through the public API.

Retry waits are skipped and recorded (the `sleeps` fixture, on the public
`herohealth.testing.no_retry_waits`): the requested seconds are checked, and nothing
really waits. pytest-httpx answers each registered response once, so every test
registers one response per attempt it expects, and checks the number of requests sent.
"""

from __future__ import annotations

import contextlib
import email.utils
import gc
from collections.abc import AsyncIterator, Awaitable, Callable, Iterator
from datetime import UTC, datetime, timedelta
from typing import Any

import httpx
import pytest
from helpers import API_KEY, BASE_URL, PATIENT, PATIENT_URL, secret_client
from pytest_httpx import HTTPXMock

from herohealth import (
    APIConnectionError,
    APIStatusError,
    APITimeoutError,
    HeroHealth,
    InternalServerError,
    InvalidInputError,
    NotFoundError,
    RateLimitError,
    RegisteredPatient,
)


@pytest.fixture
async def hero() -> AsyncIterator[HeroHealth]:
    """A client with the SDK's default retries (two)."""
    async with secret_client() as client:
        yield client


# ---------------------------------------------------------------------------------------
# Which failures are retried
# ---------------------------------------------------------------------------------------


@pytest.mark.parametrize("status", [500, 502, 503, 408, 429])
async def test_get_is_retried_then_succeeds(
    hero: HeroHealth, httpx_mock: HTTPXMock, sleeps: list[float], status: int
) -> None:
    httpx_mock.add_response(url=PATIENT_URL, status_code=status, json={"message": "busy"})
    httpx_mock.add_response(url=PATIENT_URL, json=PATIENT)

    patient = await hero.patients.get("1")

    assert patient.id == "1"
    assert len(httpx_mock.get_requests()) == 2
    assert len(sleeps) == 1


async def test_get_retried_twice_then_succeeds(
    hero: HeroHealth, httpx_mock: HTTPXMock, sleeps: list[float]
) -> None:
    httpx_mock.add_response(url=PATIENT_URL, status_code=502)
    httpx_mock.add_response(url=PATIENT_URL, status_code=429)
    httpx_mock.add_response(url=PATIENT_URL, json=PATIENT)

    patient = await hero.patients.get("1")

    assert patient.id == "1"
    assert len(httpx_mock.get_requests()) == 3
    assert len(sleeps) == 2


async def test_gives_up_after_default_max_retries(
    hero: HeroHealth, httpx_mock: HTTPXMock, sleeps: list[float]
) -> None:
    assert hero.max_retries == 2
    for _ in range(3):
        httpx_mock.add_response(url=PATIENT_URL, status_code=503)

    with pytest.raises(InternalServerError) as caught:
        await hero.patients.get("1")

    assert caught.value.status_code == 503
    assert len(httpx_mock.get_requests()) == 3
    assert len(sleeps) == 2


async def test_last_error_is_raised_when_retries_run_out(
    hero: HeroHealth, httpx_mock: HTTPXMock, sleeps: list[float]
) -> None:
    httpx_mock.add_response(url=PATIENT_URL, status_code=503)
    httpx_mock.add_response(url=PATIENT_URL, status_code=500)
    httpx_mock.add_response(url=PATIENT_URL, status_code=429)

    with pytest.raises(RateLimitError):
        await hero.patients.get("1")

    assert len(httpx_mock.get_requests()) == 3


@pytest.mark.parametrize("status", [400, 401, 403, 404, 409, 422, 418])
async def test_other_4xx_are_not_retried(
    hero: HeroHealth, httpx_mock: HTTPXMock, sleeps: list[float], status: int
) -> None:
    httpx_mock.add_response(url=PATIENT_URL, status_code=status, json={"message": "no"})

    with pytest.raises(APIStatusError) as caught:
        await hero.patients.get("1")

    assert caught.value.status_code == status
    assert len(httpx_mock.get_requests()) == 1
    assert sleeps == []


@pytest.mark.parametrize(
    "exception",
    [httpx.ReadTimeout("timed out"), httpx.ConnectError("refused"), httpx.ReadError("reset")],
    ids=["read-timeout", "connect-error", "read-error"],
)
async def test_get_is_retried_after_connection_failure(
    hero: HeroHealth, httpx_mock: HTTPXMock, sleeps: list[float], exception: Exception
) -> None:
    httpx_mock.add_exception(exception, url=PATIENT_URL)
    httpx_mock.add_response(url=PATIENT_URL, json=PATIENT)

    patient = await hero.patients.get("1")

    assert patient.id == "1"
    assert len(httpx_mock.get_requests()) == 2
    assert len(sleeps) == 1


async def test_get_gives_up_after_repeated_timeouts(
    hero: HeroHealth, httpx_mock: HTTPXMock, sleeps: list[float]
) -> None:
    for _ in range(3):
        httpx_mock.add_exception(httpx.ReadTimeout("timed out"), url=PATIENT_URL)

    with pytest.raises(APITimeoutError) as caught:
        await hero.patients.get("1")

    assert caught.value.may_have_been_processed is True
    assert len(httpx_mock.get_requests()) == 3


# ---------------------------------------------------------------------------------------
# max_retries: per client, per call, with_options
# ---------------------------------------------------------------------------------------


async def test_client_max_retries_zero_sends_once(
    httpx_mock: HTTPXMock, sleeps: list[float]
) -> None:
    httpx_mock.add_response(url=PATIENT_URL, status_code=503)

    async with secret_client(max_retries=0) as hero:
        assert hero.max_retries == 0
        with pytest.raises(InternalServerError):
            await hero.patients.get("1")

    assert len(httpx_mock.get_requests()) == 1
    assert sleeps == []


async def test_client_max_retries_four_sends_five_times(
    httpx_mock: HTTPXMock, sleeps: list[float]
) -> None:
    for _ in range(5):
        httpx_mock.add_response(url=PATIENT_URL, status_code=500)

    async with secret_client(max_retries=4) as hero:
        with pytest.raises(InternalServerError):
            await hero.patients.get("1")

    assert len(httpx_mock.get_requests()) == 5
    assert len(sleeps) == 4


async def test_per_call_max_retries(
    hero: HeroHealth, httpx_mock: HTTPXMock, sleeps: list[float]
) -> None:
    httpx_mock.add_response(url=PATIENT_URL, status_code=503)
    httpx_mock.add_response(url=PATIENT_URL, status_code=503)

    with pytest.raises(InternalServerError):
        await hero.patients.get("1", max_retries=1)

    assert len(httpx_mock.get_requests()) == 2
    assert len(sleeps) == 1
    assert hero.max_retries == 2  # the client's own setting is untouched


async def test_per_call_max_retries_zero(
    hero: HeroHealth, httpx_mock: HTTPXMock, sleeps: list[float]
) -> None:
    httpx_mock.add_response(url=PATIENT_URL, status_code=503)

    with pytest.raises(InternalServerError):
        await hero.patients.get("1", max_retries=0)

    assert len(httpx_mock.get_requests()) == 1


async def test_per_call_max_retries_overrides_client_zero(
    httpx_mock: HTTPXMock, sleeps: list[float]
) -> None:
    httpx_mock.add_response(url=PATIENT_URL, status_code=503)
    httpx_mock.add_response(url=PATIENT_URL, json=PATIENT)

    async with secret_client(max_retries=0) as hero:
        patient = await hero.patients.get("1", max_retries=1)

    assert patient.id == "1"
    assert len(httpx_mock.get_requests()) == 2


async def test_with_options_max_retries(
    hero: HeroHealth, httpx_mock: HTTPXMock, sleeps: list[float]
) -> None:
    httpx_mock.add_response(url=PATIENT_URL, status_code=503)

    no_retries = hero.with_options(max_retries=0)
    assert no_retries.max_retries == 0
    with pytest.raises(InternalServerError):
        await no_retries.patients.get("1")

    assert len(httpx_mock.get_requests()) == 1
    assert hero.max_retries == 2  # the original keeps its setting


async def test_with_options_more_retries(
    hero: HeroHealth, httpx_mock: HTTPXMock, sleeps: list[float]
) -> None:
    for _ in range(4):
        httpx_mock.add_response(url=PATIENT_URL, status_code=503)
    httpx_mock.add_response(url=PATIENT_URL, json=PATIENT)

    patient = await hero.with_options(max_retries=4).patients.get("1")

    assert patient.id == "1"
    assert len(httpx_mock.get_requests()) == 5


@pytest.mark.parametrize("bad", [-1, 1.5, "2"])
async def test_invalid_max_retries_sends_nothing(
    hero: HeroHealth, httpx_mock: HTTPXMock, bad: Any
) -> None:
    with pytest.raises(InvalidInputError) as caught:
        await hero.patients.get("1", max_retries=bad)
    assert caught.value.field == "max_retries"
    with pytest.raises(InvalidInputError):
        secret_client(max_retries=bad)
    with pytest.raises(InvalidInputError):
        hero.with_options(max_retries=bad)
    assert httpx_mock.get_requests() == []


async def test_a_retried_call_leaves_nothing_for_the_garbage_collector(
    hero: HeroHealth, httpx_mock: HTTPXMock, sleeps: list[float]
) -> None:
    # Reference counting frees each answer and the retry state once the call returns: none
    # waits in a reference cycle (httpx's response and its stream) for the collector, so
    # memory stays flat over many calls.
    for response in ({"json": PATIENT}, {"status_code": 503, "json": {}}, {"json": PATIENT}):
        httpx_mock.add_response(url=PATIENT_URL, **response)
    await hero.patients.get("1")  # everything imported first
    with cyclic_garbage() as left:
        patient = await hero.patients.get("1")
    assert patient.id == "1"
    assert len(sleeps) == 1
    assert left == set()


@contextlib.contextmanager
def cyclic_garbage() -> Iterator[set[str]]:
    """The SDK's, httpx's and httpcore's modules whose objects the body left in reference
    cycles (only the collector could free them), filled in once the body has run."""
    left: set[str] = set()
    gc.collect()
    gc.disable()
    gc.set_debug(gc.DEBUG_SAVEALL)
    try:
        yield left
        gc.collect()
        modules = {type(thing).__module__ for thing in gc.garbage}
    finally:
        gc.set_debug(0)
        gc.garbage.clear()
        gc.enable()
    ours = ("herohealth", "herohealth_openapi", "httpx", "httpcore")
    left.update(module for module in modules if module.split(".")[0] in ours)


# ---------------------------------------------------------------------------------------
# How long to wait: Retry-After, else jittered exponential backoff
# ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("status", "retry_after", "slept"),
    [
        pytest.param(429, "3", 3.0, id="seconds"),
        pytest.param(503, "7", 7.0, id="seconds-on-503"),
    ],
)
async def test_retry_after_seconds(
    hero: HeroHealth,
    httpx_mock: HTTPXMock,
    sleeps: list[float],
    status: int,
    retry_after: str,
    slept: float,
) -> None:
    httpx_mock.add_response(
        url=PATIENT_URL, status_code=status, headers={"Retry-After": retry_after}
    )
    httpx_mock.add_response(url=PATIENT_URL, json=PATIENT)

    await hero.patients.get("1")

    assert sleeps == [slept]


@pytest.mark.parametrize("retry_after", ["3600", "1000000"])
async def test_a_retry_after_longer_than_an_attempt_is_not_waited_out(
    hero: HeroHealth, httpx_mock: HTTPXMock, sleeps: list[float], retry_after: str
) -> None:
    # timeout=3: Hero asks for longer than the call may take, so the call raises at once
    # with the typed error, and says when Hero asked to come back.
    httpx_mock.add_response(url=PATIENT_URL, status_code=429, headers={"Retry-After": retry_after})
    with pytest.raises(RateLimitError) as caught:
        await hero.with_options(max_retries=2, timeout=3).patients.get("1")
    assert caught.value.retry_after == float(retry_after)
    assert sleeps == []
    assert len(httpx_mock.get_requests()) == 1


@pytest.mark.parametrize("bounded", ["client", "call"])
async def test_a_retry_after_within_an_attempt_but_past_the_total_deadline_is_not_waited(
    hero: HeroHealth, httpx_mock: HTTPXMock, sleeps: list[float], bounded: str
) -> None:
    # The total deadline from the client (with_options) or from the call itself.
    httpx_mock.add_response(url=PATIENT_URL, status_code=503, headers={"Retry-After": "5"})
    call = (
        hero.with_options(max_retries=2, total_timeout=2).patients.get("1")
        if bounded == "client"
        else hero.patients.get("1", max_retries=2, total_timeout=2)
    )
    with pytest.raises(InternalServerError) as caught:
        await call
    assert caught.value.retry_after == 5.0
    assert sleeps == []
    assert len(httpx_mock.get_requests()) == 1


async def test_a_calls_total_timeout_wins_over_the_clients(
    hero: HeroHealth, httpx_mock: HTTPXMock, sleeps: list[float]
) -> None:
    httpx_mock.add_response(url=PATIENT_URL, status_code=503, headers={"Retry-After": "5"})
    httpx_mock.add_response(url=PATIENT_URL, json=PATIENT)
    bounded = hero.with_options(total_timeout=2)
    patient = await bounded.patients.get("1", max_retries=1, total_timeout=None)
    assert patient.id == PATIENT["id"]
    assert sleeps == [5.0]


@pytest.mark.parametrize("value", [0, -1, float("nan"), float("inf"), "10", True])
async def test_a_bad_total_timeout_for_a_call_is_refused_before_sending(
    hero: HeroHealth, httpx_mock: HTTPXMock, value: Any
) -> None:
    with pytest.raises(InvalidInputError) as caught:
        await hero.patients.get("1", total_timeout=value)
    assert caught.value.field == "total_timeout"
    assert httpx_mock.get_requests() == []


async def test_a_large_retry_after_within_a_long_timeout_is_capped(
    hero: HeroHealth, httpx_mock: HTTPXMock, sleeps: list[float]
) -> None:
    httpx_mock.add_response(url=PATIENT_URL, status_code=429, headers={"Retry-After": "90"})
    httpx_mock.add_response(url=PATIENT_URL, json=PATIENT)
    await hero.with_options(max_retries=1, timeout=120).patients.get("1")
    assert sleeps == [60.0]  # waits are capped at 60 s


async def test_retry_after_http_date(
    hero: HeroHealth, httpx_mock: HTTPXMock, sleeps: list[float]
) -> None:
    when = email.utils.format_datetime(datetime.now(UTC) + timedelta(seconds=10), usegmt=True)
    httpx_mock.add_response(url=PATIENT_URL, status_code=429, headers={"Retry-After": when})
    httpx_mock.add_response(url=PATIENT_URL, json=PATIENT)

    await hero.patients.get("1")

    assert len(sleeps) == 1
    assert 8 <= sleeps[0] <= 10.5


async def test_retry_after_http_date_in_the_past_is_zero(
    hero: HeroHealth, httpx_mock: HTTPXMock, sleeps: list[float]
) -> None:
    when = email.utils.format_datetime(datetime.now(UTC) - timedelta(minutes=5), usegmt=True)
    httpx_mock.add_response(url=PATIENT_URL, status_code=429, headers={"Retry-After": when})
    httpx_mock.add_response(url=PATIENT_URL, json=PATIENT)

    await hero.patients.get("1")

    assert sleeps == [0.0]


async def test_unreadable_retry_after_falls_back_to_backoff(
    hero: HeroHealth, httpx_mock: HTTPXMock, sleeps: list[float]
) -> None:
    httpx_mock.add_response(url=PATIENT_URL, status_code=429, headers={"Retry-After": "soon"})
    httpx_mock.add_response(url=PATIENT_URL, json=PATIENT)

    await hero.patients.get("1")

    assert len(sleeps) == 1
    assert 0 < sleeps[0] <= 0.5


async def test_backoff_without_retry_after(
    hero: HeroHealth, httpx_mock: HTTPXMock, sleeps: list[float]
) -> None:
    httpx_mock.add_response(url=PATIENT_URL, status_code=503)
    httpx_mock.add_response(url=PATIENT_URL, status_code=503)
    httpx_mock.add_response(url=PATIENT_URL, json=PATIENT)

    await hero.patients.get("1")

    assert len(sleeps) == 2
    assert all(0 < s <= 8 for s in sleeps)


async def test_backoff_windows_double_up_to_8_seconds(
    httpx_mock: HTTPXMock, sleeps: list[float]
) -> None:
    # _config: "a random wait up to 0.5 s, 1 s, 2 s, ... capped at 8 s".
    for _ in range(7):
        httpx_mock.add_response(url=PATIENT_URL, status_code=500)

    async with secret_client(max_retries=6) as hero:
        with pytest.raises(InternalServerError):
            await hero.patients.get("1")

    assert len(sleeps) == 6
    for seconds, ceiling in zip(sleeps, [0.5, 1, 2, 4, 8, 8], strict=True):
        assert 0 < seconds <= ceiling


async def test_backoff_is_jittered(httpx_mock: HTTPXMock, sleeps: list[float]) -> None:
    for _ in range(10):
        httpx_mock.add_response(url=PATIENT_URL, status_code=503)
        httpx_mock.add_response(url=PATIENT_URL, json=PATIENT)

    async with secret_client() as hero:
        for _ in range(10):
            await hero.patients.get("1")

    assert len(sleeps) == 10
    assert len(set(sleeps)) > 1  # random, not a fixed schedule


# ---------------------------------------------------------------------------------------
# Operations that change records: never resent once Hero may have seen them
# ---------------------------------------------------------------------------------------

Call = Callable[[HeroHealth], Awaitable[Any]]

NON_IDEMPOTENT: list[Any] = [
    pytest.param(
        lambda hero: hero.patients.merge("1", "2", token="t"),
        f"{BASE_URL}/v1/patients/1/merge",
        None,
        id="merge",
    ),
    pytest.param(
        lambda hero: hero.patients.ehr.connect("1", ehr_partner_id="E1"),
        f"{BASE_URL}/v1/patients/1/ehr/connect",
        None,
        id="ehr.connect",
    ),
    pytest.param(
        lambda hero: hero.patients.register(
            first_name="Ada", last_name="Lovelace", dob="1989-04-11", mobile="07700900123"
        ),
        f"{BASE_URL}/v1/patients/register",
        {"patient_id": "42"},
        id="register",
    ),
    pytest.param(
        lambda hero: hero.patients.register_pds(nhs_number="9434765919", dob="1989-04-11"),
        f"{BASE_URL}/v1/patients/register_pds",
        {"patient_id": "42"},
        id="register_pds",
    ),
]


def ok_response(httpx_mock: HTTPXMock, url: str, body: dict[str, Any] | None) -> None:
    if body is None:
        httpx_mock.add_response(url=url, method="POST")
    else:
        httpx_mock.add_response(url=url, method="POST", json=body)


def check_result(result: Any, body: dict[str, Any] | None) -> None:
    if body is None:
        assert result is None
    else:
        assert isinstance(result, RegisteredPatient)
        assert result.patient_id == body["patient_id"]


@pytest.mark.parametrize(("call", "url", "body"), NON_IDEMPOTENT)
@pytest.mark.parametrize("status", [500, 503])
async def test_write_not_retried_after_5xx(
    hero: HeroHealth,
    httpx_mock: HTTPXMock,
    sleeps: list[float],
    call: Call,
    url: str,
    body: dict[str, Any] | None,
    status: int,
) -> None:
    httpx_mock.add_response(url=url, method="POST", status_code=status)

    with pytest.raises(InternalServerError):
        await call(hero)

    assert len(httpx_mock.get_requests()) == 1
    assert sleeps == []


@pytest.mark.parametrize(
    ("failure", "error"),
    [
        pytest.param(httpx.ReadTimeout("timed out"), APITimeoutError, id="read-timeout"),
        pytest.param(
            httpx.RemoteProtocolError("peer closed"), APIConnectionError, id="dropped-connection"
        ),
    ],
)
@pytest.mark.parametrize(("call", "url", "body"), NON_IDEMPOTENT)
async def test_write_not_retried_after_a_failure_hero_may_have_processed(
    hero: HeroHealth,
    httpx_mock: HTTPXMock,
    sleeps: list[float],
    call: Call,
    url: str,
    body: dict[str, Any] | None,
    failure: Exception,
    error: type[APIConnectionError],
) -> None:
    httpx_mock.add_exception(failure, url=url, method="POST")

    with pytest.raises(error) as caught:
        await call(hero)

    assert caught.value.may_have_been_processed is True
    message = str(caught.value)
    assert "may have processed" in message
    assert "check the patient's state before sending it again" in message
    assert API_KEY not in message
    assert len(httpx_mock.get_requests()) == 1
    assert sleeps == []


@pytest.mark.parametrize(("call", "url", "body"), NON_IDEMPOTENT)
@pytest.mark.parametrize(
    "exception",
    [httpx.ConnectError("refused"), httpx.ConnectTimeout("connect timed out")],
    ids=["connect-error", "connect-timeout"],
)
async def test_write_retried_when_never_sent(
    hero: HeroHealth,
    httpx_mock: HTTPXMock,
    sleeps: list[float],
    call: Call,
    url: str,
    body: dict[str, Any] | None,
    exception: Exception,
) -> None:
    httpx_mock.add_exception(exception, url=url, method="POST")
    ok_response(httpx_mock, url, body)

    result = await call(hero)

    check_result(result, body)
    assert len(httpx_mock.get_requests()) == 2
    assert len(sleeps) == 1


@pytest.mark.parametrize(("call", "url", "body"), NON_IDEMPOTENT)
async def test_write_that_never_connects_gives_up(
    hero: HeroHealth,
    httpx_mock: HTTPXMock,
    sleeps: list[float],
    call: Call,
    url: str,
    body: dict[str, Any] | None,
) -> None:
    for _ in range(3):
        httpx_mock.add_exception(httpx.ConnectError("refused"), url=url, method="POST")

    with pytest.raises(APIConnectionError) as caught:
        await call(hero)

    assert caught.value.may_have_been_processed is False
    assert len(httpx_mock.get_requests()) == 3


async def test_write_request_body_is_resent_unchanged(
    hero: HeroHealth, httpx_mock: HTTPXMock, sleeps: list[float]
) -> None:
    url = f"{BASE_URL}/v1/patients/1/merge"
    httpx_mock.add_exception(httpx.ConnectError("refused"), url=url, method="POST")
    httpx_mock.add_response(url=url, method="POST")

    await hero.patients.merge("1", "2", token="t")

    first, second = httpx_mock.get_requests()
    assert first.content == second.content
    assert b'"merge_token"' in second.content


async def test_merge_preview_is_retried(
    hero: HeroHealth, httpx_mock: HTTPXMock, sleeps: list[float]
) -> None:
    # A preview changes nothing (_generated: idempotent=True), so a 5xx is retried.
    url = f"{BASE_URL}/v1/patients/1/merge/preview"
    httpx_mock.add_response(url=url, method="POST", status_code=503)
    preview = {
        "main_patient": PATIENT,
        "incoming_patient": {**PATIENT, "id": "2"},
        "result_patient": PATIENT,
        "merge_token": "t",
    }
    httpx_mock.add_response(url=url, method="POST", json=preview)

    result = await hero.patients.merge_preview("1", "2")

    assert result.token == "t"
    assert len(httpx_mock.get_requests()) == 2


# ---------------------------------------------------------------------------------------
# Timeouts
# ---------------------------------------------------------------------------------------


async def test_default_timeout() -> None:
    async with secret_client() as hero:
        assert hero.timeout == httpx.Timeout(30.0, connect=5.0)
        assert hero.timeout.read == 30.0
        assert hero.timeout.connect == 5.0


async def test_default_timeout_reaches_the_request(hero: HeroHealth, httpx_mock: HTTPXMock) -> None:
    httpx_mock.add_response(url=PATIENT_URL, json=PATIENT)

    await hero.patients.get("1")

    timeout = httpx_mock.get_requests()[0].extensions["timeout"]
    assert timeout == {"connect": 5.0, "read": 30.0, "write": 30.0, "pool": 30.0}


async def test_per_call_timeout(hero: HeroHealth, httpx_mock: HTTPXMock) -> None:
    httpx_mock.add_response(url=PATIENT_URL, json=PATIENT)

    await hero.patients.get("1", timeout=1.5)

    timeout = httpx_mock.get_requests()[0].extensions["timeout"]
    assert timeout["read"] == 1.5
    assert timeout == {"connect": 1.5, "read": 1.5, "write": 1.5, "pool": 1.5}
    assert hero.timeout == httpx.Timeout(30.0, connect=5.0)  # client default untouched


async def test_per_call_httpx_timeout(hero: HeroHealth, httpx_mock: HTTPXMock) -> None:
    httpx_mock.add_response(url=PATIENT_URL, json=PATIENT)

    await hero.patients.get("1", timeout=httpx.Timeout(10.0, read=2.5))

    timeout = httpx_mock.get_requests()[0].extensions["timeout"]
    assert timeout == {"connect": 10.0, "read": 2.5, "write": 10.0, "pool": 10.0}


async def test_per_call_timeout_applies_to_every_attempt(
    hero: HeroHealth, httpx_mock: HTTPXMock, sleeps: list[float]
) -> None:
    httpx_mock.add_response(url=PATIENT_URL, status_code=503)
    httpx_mock.add_response(url=PATIENT_URL, json=PATIENT)

    await hero.patients.get("1", timeout=1.5)

    requests = httpx_mock.get_requests()
    assert len(requests) == 2
    assert all(r.extensions["timeout"]["read"] == 1.5 for r in requests)


async def test_client_and_with_options_timeout(httpx_mock: HTTPXMock) -> None:
    httpx_mock.add_response(url=PATIENT_URL, json=PATIENT)
    httpx_mock.add_response(url=PATIENT_URL, json=PATIENT)

    async with secret_client(timeout=12) as hero:
        assert hero.timeout == httpx.Timeout(12.0)
        await hero.patients.get("1")
        fast = hero.with_options(timeout=2)
        assert fast.timeout == httpx.Timeout(2.0)
        await fast.patients.get("1")

    first, second = httpx_mock.get_requests()
    assert first.extensions["timeout"]["read"] == 12.0
    assert second.extensions["timeout"]["read"] == 2.0


async def test_a_failed_call_leaves_nothing_for_the_garbage_collector(
    hero: HeroHealth, httpx_mock: HTTPXMock
) -> None:
    # A service that looks up many unknown patients must not fill with tracebacks, frames
    # and responses waiting in reference cycles for the collector.
    httpx_mock.add_response(url=PATIENT_URL, status_code=404, json={"message": "no"})
    httpx_mock.add_response(url=PATIENT_URL, status_code=404, json={"message": "no"})
    with pytest.raises(NotFoundError):
        await hero.patients.get("1")  # everything imported first
    with cyclic_garbage() as left, pytest.raises(NotFoundError):
        await hero.patients.get("1")
    assert left == set()
