"""What the SDK logs (logger "herohealth"), and that secrets and patient data stay out."""

from __future__ import annotations

import logging
import re
from collections.abc import AsyncIterator

import httpx
import pytest
from helpers import API_KEY, BASE_URL, NHS_NUMBER, PATIENT, PATIENT_URL, secret_client
from pytest_httpx import HTTPXMock

from herohealth import (
    APIConnectionError,
    APITimeoutError,
    AuthenticationError,
    HeroHealth,
    InternalServerError,
    InvalidInputError,
    NotFoundError,
    ResponseValidationError,
)

OTHER_API_KEY = "sk_test_OTHER_SECRET_9f86d081884c7d659a2f"


@pytest.fixture
async def hero() -> AsyncIterator[HeroHealth]:
    """A client with a secret-looking key and the SDK's default retries."""
    async with secret_client() as client:
        yield client


def hero_records(caplog: pytest.LogCaptureFixture) -> list[logging.LogRecord]:
    return [r for r in caplog.records if r.name == "herohealth"]


def everything_logged(caplog: pytest.LogCaptureFixture) -> str:
    """Every record's formatted message and all of its attributes, as one text."""
    return "\n".join(f"{r.getMessage()}\n{r.__dict__!r}" for r in caplog.records)


async def test_request_is_logged(
    hero: HeroHealth, httpx_mock: HTTPXMock, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG, logger="herohealth")
    httpx_mock.add_response(url=PATIENT_URL, json=PATIENT)

    await hero.patients.get("1")

    (record,) = hero_records(caplog)
    message = record.getMessage()
    assert record.levelno == logging.DEBUG
    assert "GET" in message
    assert "/v1/patients/1" in message
    assert "200" in message
    assert re.search(r"\d+(\.\d+)? ms", message)
    assert "attempt 1 of 3" in message
    # Structured fields for log processors.
    assert record.hero_method == "GET"  # type: ignore[attr-defined]
    assert record.hero_outcome == 200  # type: ignore[attr-defined]
    assert record.hero_attempt == 1  # type: ignore[attr-defined]
    assert record.hero_elapsed_ms >= 0  # type: ignore[attr-defined]


async def test_attempts_follow_max_retries(
    hero: HeroHealth, httpx_mock: HTTPXMock, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG, logger="herohealth")
    httpx_mock.add_response(url=PATIENT_URL, json=PATIENT)

    await hero.patients.get("1", max_retries=0)

    (record,) = hero_records(caplog)
    assert "attempt 1 of 1" in record.getMessage()


async def test_retry_is_logged(
    hero: HeroHealth,
    httpx_mock: HTTPXMock,
    sleeps: list[float],
    caplog: pytest.LogCaptureFixture,
) -> None:
    caplog.set_level(logging.DEBUG, logger="herohealth")
    httpx_mock.add_response(url=PATIENT_URL, status_code=503)
    httpx_mock.add_response(url=PATIENT_URL, status_code=429, headers={"Retry-After": "2"})
    httpx_mock.add_response(url=PATIENT_URL, json=PATIENT)

    await hero.patients.get("1")

    messages = [r.getMessage() for r in hero_records(caplog)]
    assert len(messages) == 5
    assert "503" in messages[0]
    assert "attempt 1 of 3" in messages[0]
    assert "attempt 2 of 3" in messages[2]
    assert "attempt 3 of 3" in messages[4]

    retries = [r for r in hero_records(caplog) if "retrying" in r.getMessage()]
    assert len(retries) == 2
    first, second = (r.getMessage() for r in retries)
    assert "GET" in first
    assert "/v1/patients/1" in first
    assert "503" in first
    assert "attempt 1 failed" in first
    assert "429" in second
    assert "attempt 2 failed" in second
    assert "in 2.00 s" in second  # the Retry-After wait
    assert all(r.levelno >= logging.INFO for r in retries)


async def test_retry_after_connection_error_is_logged(
    hero: HeroHealth,
    httpx_mock: HTTPXMock,
    sleeps: list[float],
    caplog: pytest.LogCaptureFixture,
) -> None:
    caplog.set_level(logging.DEBUG, logger="herohealth")
    httpx_mock.add_exception(httpx.ConnectError("refused"), url=PATIENT_URL)
    httpx_mock.add_response(url=PATIENT_URL, json=PATIENT)

    await hero.patients.get("1")

    messages = [r.getMessage() for r in hero_records(caplog)]
    assert "ConnectError" in messages[0]
    assert "attempt 1 of 3" in messages[0]
    (retry,) = [m for m in messages if "retrying" in m]
    assert "Connection" in retry  # the reason: APIConnectionError
    assert "attempt 1 failed" in retry


async def test_retry_is_logged_at_info_without_debug(
    hero: HeroHealth,
    httpx_mock: HTTPXMock,
    sleeps: list[float],
    caplog: pytest.LogCaptureFixture,
) -> None:
    caplog.set_level(logging.INFO, logger="herohealth")
    httpx_mock.add_response(url=PATIENT_URL, status_code=500)
    httpx_mock.add_response(url=PATIENT_URL, json=PATIENT)

    await hero.patients.get("1")

    (record,) = hero_records(caplog)
    assert "retrying" in record.getMessage()


async def test_search_value_is_masked_in_logs(
    hero: HeroHealth, httpx_mock: HTTPXMock, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG, logger="herohealth")
    httpx_mock.add_response(json={"data": [], "count": 0})

    await hero.patients.list(field="nhs_number", search=NHS_NUMBER)

    (request,) = httpx_mock.get_requests()
    assert request.url.params["search"] == NHS_NUMBER  # sent as given
    (record,) = hero_records(caplog)
    message = record.getMessage()
    assert "/v1/patients?" in message
    assert "field=nhs_number" in message
    assert "search=***" in message
    assert NHS_NUMBER not in message
    assert NHS_NUMBER not in repr(record.__dict__)


async def test_search_value_is_masked_in_every_logger(
    hero: HeroHealth,
    httpx_mock: HTTPXMock,
    sleeps: list[float],
    caplog: pytest.LogCaptureFixture,
) -> None:
    # Root at DEBUG: httpx's own "HTTP Request: ..." records are captured as well.
    caplog.set_level(logging.DEBUG)
    httpx_mock.add_response(status_code=503)
    httpx_mock.add_response(json={"data": [], "count": 0})

    await hero.patients.list(field="nhs_number", search="ada@example.com")

    assert any(r.name.startswith("httpx") for r in caplog.records)
    logged = everything_logged(caplog)
    assert "ada@example.com" not in logged
    assert "example.com" not in logged


async def test_api_key_is_never_logged(
    hero: HeroHealth,
    httpx_mock: HTTPXMock,
    sleeps: list[float],
    caplog: pytest.LogCaptureFixture,
) -> None:
    caplog.set_level(logging.DEBUG)  # every logger, httpx's included
    # A success, a retry, a status error, a connection error, a timeout.
    httpx_mock.add_response(url=PATIENT_URL, json=PATIENT)
    httpx_mock.add_response(url=PATIENT_URL, status_code=503)
    httpx_mock.add_response(url=PATIENT_URL, json=PATIENT)
    httpx_mock.add_response(url=PATIENT_URL, status_code=401, json={"message": "Unauthorized"})
    httpx_mock.add_exception(httpx.ConnectError("refused"), url=PATIENT_URL)
    httpx_mock.add_exception(httpx.ReadTimeout("timed out"), url=PATIENT_URL)

    await hero.patients.get("1")
    await hero.patients.get("1")
    with pytest.raises(AuthenticationError):
        await hero.patients.get("1")
    with pytest.raises(APIConnectionError):
        await hero.patients.get("1", max_retries=0)
    with pytest.raises(APITimeoutError):
        await hero.patients.get("1", max_retries=0)

    assert len(hero_records(caplog)) >= 6
    logged = everything_logged(caplog)
    assert API_KEY not in logged
    # The key is sent, though: the test would prove nothing if it never left the client.
    assert all(r.headers["x-api-key"] == API_KEY for r in httpx_mock.get_requests())


async def test_repr_hides_api_key(hero: HeroHealth) -> None:
    assert API_KEY not in repr(hero)
    assert API_KEY not in str(hero)
    assert "***" in repr(hero)
    assert "pg_1" in repr(hero)
    copy = hero.with_options(api_key=OTHER_API_KEY, max_retries=0)
    assert API_KEY not in repr(copy)
    assert OTHER_API_KEY not in repr(copy)


async def test_repr_hides_credentials_in_the_base_url() -> None:
    # httpx sends a URL's user info as Basic auth (a gateway's): a credential like the key.
    base_url = "https://gateway:gw_SECRET_PASSWORD@hero.test/hero"
    async with HeroHealth(api_key=API_KEY, practice_group_id="pg_1", base_url=base_url) as hero:
        for shown in (repr(hero), str(hero), repr(hero.with_options(max_retries=0))):
            assert "gw_SECRET_PASSWORD" not in shown
            assert "base_url='https://***@hero.test/hero'" in shown
        assert hero.base_url == base_url  # hidden from repr only


async def test_repr_hides_api_key_from_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("HERO_API_KEY", API_KEY)
    monkeypatch.setenv("HERO_PRACTICE_GROUP_ID", "pg_env")
    async with HeroHealth(base_url=BASE_URL) as hero:
        assert API_KEY not in repr(hero)
        assert "pg_env" in repr(hero)


async def test_exceptions_never_show_api_key(
    hero: HeroHealth, httpx_mock: HTTPXMock, sleeps: list[float]
) -> None:
    httpx_mock.add_response(url=PATIENT_URL, status_code=401, json={"message": "Unauthorized"})
    httpx_mock.add_response(url=PATIENT_URL, status_code=500, json={"error": "boom"})
    httpx_mock.add_response(url=PATIENT_URL, status_code=404, text="Not Found")
    httpx_mock.add_response(url=PATIENT_URL, json={"id": "1"})
    httpx_mock.add_exception(httpx.ConnectError("refused"), url=PATIENT_URL)
    httpx_mock.add_exception(httpx.ReadTimeout("timed out"), url=PATIENT_URL)

    errors: list[Exception] = []
    for expected in (
        AuthenticationError,
        InternalServerError,
        NotFoundError,
        ResponseValidationError,
        APIConnectionError,
        APITimeoutError,
    ):
        with pytest.raises(expected) as caught:
            await hero.patients.get("1", max_retries=0)
        errors.append(caught.value)
    with pytest.raises(InvalidInputError) as invalid:
        await hero.patients.get("../admin")
    errors.append(invalid.value)

    for error in errors:
        assert API_KEY not in str(error)
        assert API_KEY not in repr(error)
        assert API_KEY not in repr(error.args)
