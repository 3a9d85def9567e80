"""What the environment decides: HERO_BASE_URL and HERO_LOG; and the NOT_GIVEN default."""

from __future__ import annotations

import inspect
import logging
import pydoc
from collections.abc import Iterator

import pytest
from helpers import API_KEY, NHS_NUMBER, PATIENT, secret_client
from pytest_httpx import HTTPXMock

from herohealth import NOT_GIVEN, HeroHealth, NotGiven
from herohealth._client import _log_from_environment
from herohealth._generated import ENVIRONMENTS

ENV_URL = "https://hero-sandbox.test"


@pytest.fixture(autouse=True)
def no_hero_env(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("HERO_BASE_URL", "HERO_LOG"):
        monkeypatch.delenv(name, raising=False)


# ---- HERO_BASE_URL: base_url= > HERO_BASE_URL > environment= ---------------------------


def test_hero_base_url_is_used_when_base_url_is_not_given(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("HERO_BASE_URL", ENV_URL + "/")
    assert HeroHealth(api_key="k", practice_group_id="pg").base_url == ENV_URL


def test_base_url_wins_over_hero_base_url(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("HERO_BASE_URL", ENV_URL)
    hero = HeroHealth(api_key="k", practice_group_id="pg", base_url="https://hero.test")
    assert hero.base_url == "https://hero.test"


def test_hero_base_url_wins_over_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("HERO_BASE_URL", ENV_URL)
    hero = HeroHealth(api_key="k", practice_group_id="pg", environment="staging")
    assert hero.base_url == ENV_URL


def test_without_either_the_environment_decides(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("HERO_BASE_URL", "")  # empty: as if unset
    hero = HeroHealth(api_key="k", practice_group_id="pg", environment="staging")
    assert hero.base_url == ENVIRONMENTS["staging"]
    assert HeroHealth(api_key="k", practice_group_id="pg").base_url == ENVIRONMENTS["production"]


async def test_requests_go_to_hero_base_url(
    monkeypatch: pytest.MonkeyPatch, httpx_mock: HTTPXMock
) -> None:
    monkeypatch.setenv("HERO_BASE_URL", ENV_URL)
    httpx_mock.add_response(url=f"{ENV_URL}/v1/patients/1", json=PATIENT)
    async with HeroHealth(api_key="k", practice_group_id="pg") as hero:
        patient = await hero.patients.get("1")
    assert patient.id == "1"


# ---- HERO_LOG: a stderr handler on the "herohealth" logger, once per process -----------


@pytest.fixture
def first_client() -> Iterator[logging.Logger]:
    """As if no client had been created in this process yet; the logger restored after."""
    logger = logging.getLogger("herohealth")
    handlers, level = list(logger.handlers), logger.level
    _log_from_environment.cache_clear()
    yield logger
    _log_from_environment.cache_clear()
    logger.handlers[:] = handlers
    logger.setLevel(level)


async def test_hero_log_debug_writes_each_attempt_to_stderr_once_redacted(
    monkeypatch: pytest.MonkeyPatch,
    httpx_mock: HTTPXMock,
    capsys: pytest.CaptureFixture[str],
    first_client: logging.Logger,
) -> None:
    monkeypatch.setenv("HERO_LOG", "debug")
    handlers_before = len(first_client.handlers)
    httpx_mock.add_response(json={"data": [PATIENT], "count": 1})

    async with secret_client() as hero, secret_client():
        await hero.patients.list(field="nhs_number", search=NHS_NUMBER)

    assert len(first_client.handlers) == handlers_before + 1  # two clients, one handler
    err = capsys.readouterr().err
    [line] = [line for line in err.splitlines() if "herohealth" in line]
    assert "herohealth DEBUG GET https://hero.test/v1/patients?field=nhs_number" in line
    assert "search=***" in line
    assert "-> 200" in line
    assert NHS_NUMBER not in err
    assert API_KEY not in err


async def test_hero_log_info_shows_retries_but_not_each_attempt(
    monkeypatch: pytest.MonkeyPatch,
    httpx_mock: HTTPXMock,
    capsys: pytest.CaptureFixture[str],
    sleeps: list[float],
    first_client: logging.Logger,
) -> None:
    monkeypatch.setenv("HERO_LOG", "INFO")
    httpx_mock.add_response(status_code=503)
    httpx_mock.add_response(json=PATIENT)

    async with secret_client() as hero:
        await hero.patients.get("1")

    err = capsys.readouterr().err
    [line] = [line for line in err.splitlines() if "herohealth" in line]
    assert "herohealth INFO retrying GET https://hero.test/v1/patients/1" in line
    assert "after 503" in line
    assert "attempt 1 of" not in err
    assert first_client.level == logging.INFO


def test_an_invalid_hero_log_is_ignored_with_a_warning(
    monkeypatch: pytest.MonkeyPatch, first_client: logging.Logger
) -> None:
    monkeypatch.setenv("HERO_LOG", "verbose")
    handlers_before = list(first_client.handlers)

    with pytest.warns(UserWarning, match=r"HERO_LOG='verbose' is ignored: use info or debug"):
        HeroHealth(api_key="k", practice_group_id="pg")
    HeroHealth(api_key="k", practice_group_id="pg")  # warned once, not per client

    assert first_client.handlers == handlers_before


# ---- NOT_GIVEN ---------------------------------------------------------------------------


def test_not_given_reads_as_such() -> None:
    assert repr(NOT_GIVEN) == "NOT_GIVEN"
    assert not NOT_GIVEN
    assert isinstance(NOT_GIVEN, NotGiven)


def test_with_options_shows_not_given_in_its_signature_and_help() -> None:
    signature = inspect.signature(HeroHealth.with_options)
    for name in ("api_key", "practice_group_id", "timeout", "max_retries", "default_headers"):
        assert signature.parameters[name].default is NOT_GIVEN
    assert "timeout: 'float | httpx.Timeout | NotGiven' = NOT_GIVEN" in str(signature)
    shown = pydoc.render_doc(HeroHealth.with_options, renderer=pydoc.plaintext)  # type: ignore[attr-defined]
    assert "= NOT_GIVEN" in shown
    assert "object at 0x" not in shown


def test_with_options_changes_only_what_is_given() -> None:
    hero = HeroHealth(api_key="k", practice_group_id="pg", timeout=7, max_retries=1)
    copy = hero.with_options(max_retries=NOT_GIVEN)
    assert (copy.practice_group_id, copy.timeout, copy.max_retries) == (
        "pg",
        hero.timeout,
        1,
    )
