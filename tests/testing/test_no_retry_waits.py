"""`herohealth.testing.no_retry_waits`: retries that do not wait, in a user's own tests."""

from __future__ import annotations

import pytest
from helpers import PATIENT, PATIENT_URL, secret_client
from pytest_httpx import HTTPXMock

from herohealth import InternalServerError
from herohealth.testing import no_retry_waits


def three_failures_then(httpx_mock: HTTPXMock, *, succeed: bool) -> None:
    for _ in range(3):
        httpx_mock.add_response(url=PATIENT_URL, status_code=503, headers={"Retry-After": "30"})
    if succeed:
        httpx_mock.add_response(url=PATIENT_URL, json=PATIENT)


async def test_three_retries_happen_without_waiting(httpx_mock: HTTPXMock) -> None:
    three_failures_then(httpx_mock, succeed=True)

    async with secret_client(max_retries=3) as hero:
        with no_retry_waits() as waits:
            patient = await hero.patients.get("1")

    assert patient.id == "1"
    assert len(httpx_mock.get_requests()) == 4
    assert waits == [30.0, 30.0, 30.0]  # what would have been waited: Hero's Retry-After


skipped = no_retry_waits()


@skipped
async def test_as_a_decorator_of_an_async_test(httpx_mock: HTTPXMock) -> None:
    three_failures_then(httpx_mock, succeed=False)
    async with secret_client(max_retries=2) as hero:
        with pytest.raises(InternalServerError):
            await hero.patients.get("1")  # 3 attempts, 60 s of Retry-After skipped
    assert len(httpx_mock.get_requests()) == 3
    assert skipped.waits == [30.0, 30.0]


def test_as_a_decorator_of_a_sync_function() -> None:
    calls: list[str] = []

    @no_retry_waits()
    def helper(name: str) -> str:
        calls.append(name)
        return name.upper()

    assert helper("a") == "A"
    assert calls == ["a"]


async def test_nothing_is_recorded_after_the_block(httpx_mock: HTTPXMock) -> None:
    for status in (503, 503):
        httpx_mock.add_response(url=PATIENT_URL, status_code=status, headers={"Retry-After": "0"})
    httpx_mock.add_response(url=PATIENT_URL, json=PATIENT)
    async with secret_client(max_retries=1) as hero:
        with no_retry_waits() as inside, pytest.raises(InternalServerError):
            await hero.patients.get("1")
        await hero.patients.get("1")  # retried after the block: really waited (0 s)
    assert inside == [0.0]


async def test_nested_blocks_record_into_the_innermost(httpx_mock: HTTPXMock) -> None:
    three_failures_then(httpx_mock, succeed=True)
    async with secret_client(max_retries=3) as hero:
        with no_retry_waits() as outer, no_retry_waits() as inner:
            await hero.patients.get("1")
    assert len(inner) == 3
    assert outer == []
