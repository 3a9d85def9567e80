"""HeroHealth: settings, environment variables, connection pool ownership, with_options."""

from __future__ import annotations

from pathlib import Path

import httpx
import pytest
import yaml
from pytest_httpx import HTTPXMock

from herohealth import ClientClosedError, HeroHealth, InvalidInputError, __version__

PATIENT = {"id": "1", "dob": None, "data_source": "hero", "status": "unarchived",
           "identifiers": [], "ehr_registered": None}  # fmt: skip
SPEC = yaml.safe_load((Path(__file__).parent.parent / "openapi.yaml").read_text())


def test_credentials_fall_back_to_environment_variables(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("HERO_API_KEY", "env-key")
    monkeypatch.setenv("HERO_PRACTICE_GROUP_ID", "env-pg")
    hero = HeroHealth()
    assert hero.practice_group_id == "env-pg"
    assert hero.base_url == "https://api.herohealth.net"


@pytest.mark.parametrize(
    ("missing", "variable"),
    [("api_key", "HERO_API_KEY"), ("practice_group_id", "HERO_PRACTICE_GROUP_ID")],
)
def test_missing_credential_is_a_clear_error_naming_the_variable(
    monkeypatch: pytest.MonkeyPatch, missing: str, variable: str
) -> None:
    monkeypatch.delenv("HERO_API_KEY", raising=False)
    monkeypatch.delenv("HERO_PRACTICE_GROUP_ID", raising=False)
    given = {"api_key": "k", "practice_group_id": "pg"}
    del given[missing]
    with pytest.raises(InvalidInputError, match=variable) as caught:
        HeroHealth(**given)
    assert caught.value.field == missing


def test_environments_are_the_servers_openapi_yaml_lists() -> None:
    servers = {s["description"]: s["url"].rstrip("/") for s in SPEC["servers"]}
    for environment, description in [
        ("production", "Production"),
        ("staging", "Staging"),
        ("mock", "Mock server"),
    ]:
        hero = HeroHealth(api_key="k", practice_group_id="pg", environment=environment)  # type: ignore[arg-type]
        assert hero.base_url == servers[description]


def test_unknown_environment_is_rejected() -> None:
    with pytest.raises(InvalidInputError) as caught:
        HeroHealth(api_key="k", practice_group_id="pg", environment="prod")  # type: ignore[arg-type]
    assert caught.value.field == "environment"


def test_default_timeout_and_retries_are_explicit() -> None:
    hero = HeroHealth(api_key="k", practice_group_id="pg")
    assert hero.timeout == httpx.Timeout(30.0, connect=5.0)
    assert hero.max_retries == 2


def test_repr_never_shows_the_api_key() -> None:
    hero = HeroHealth(api_key="sk-secret-123", practice_group_id="pg")
    assert "sk-secret-123" not in repr(hero)
    assert "pg" in repr(hero)


async def test_user_agent_names_the_sdk_and_version(httpx_mock: HTTPXMock) -> None:
    httpx_mock.add_response(json=PATIENT)
    async with HeroHealth(api_key="k", practice_group_id="pg", base_url="https://hero.test") as h:
        await h.patients.get("1")
    assert httpx_mock.get_request().headers["user-agent"] == f"herohealth-sdk-python/{__version__}"


async def test_own_pool_is_closed_on_exit_but_a_users_client_is_not(
    httpx_mock: HTTPXMock,
) -> None:
    async with HeroHealth(api_key="k", practice_group_id="pg", base_url="https://hero.test") as h:
        pass
    with pytest.raises(ClientClosedError):
        await h.patients.get("1")

    users_client = httpx.AsyncClient()
    async with HeroHealth(
        api_key="k", practice_group_id="pg", base_url="https://hero.test", http_client=users_client
    ):
        pass
    assert not users_client.is_closed
    await users_client.aclose()


async def test_a_users_client_is_used_as_is(httpx_mock: HTTPXMock) -> None:
    httpx_mock.add_response(json=PATIENT)
    users_client = httpx.AsyncClient(headers={"x-tenant": "clinic-7"})
    async with (
        users_client,
        HeroHealth(
            api_key="k",
            practice_group_id="pg",
            base_url="https://hero.test",
            http_client=users_client,
        ) as hero,
    ):
        await hero.patients.get("1")
    request = httpx_mock.get_request()
    assert request.headers["x-tenant"] == "clinic-7"
    assert request.headers["x-api-key"] == "k"


async def test_with_options_changes_settings_and_shares_the_pool(httpx_mock: HTTPXMock) -> None:
    httpx_mock.add_response(json=PATIENT, is_reusable=True)
    async with HeroHealth(api_key="k", practice_group_id="pg-1", base_url="https://hero.test") as h:
        other = h.with_options(practice_group_id="pg-2", timeout=3, max_retries=0)
        await other.patients.get("1")
        await h.patients.get("1")
        assert (other.max_retries, other.timeout) == (0, httpx.Timeout(3))
        await other.aclose()  # closing a copy leaves the shared pool open
        await h.patients.get("1")
    sent = [r.headers["x-practice-group-id"] for r in httpx_mock.get_requests()]
    assert sent == ["pg-2", "pg-1", "pg-1"]
    with pytest.raises(ClientClosedError):  # the original closed the shared pool
        await other.patients.get("1")


@pytest.mark.parametrize(
    ("setting", "bounds"),
    [("max_retries", "from 0 to 10"), ("max_in_flight", "1 or more"),
     ("max_response_bytes", "1 or more")],
)  # fmt: skip
@pytest.mark.parametrize("value", [-1, 2.5, True, "3", 10**9])
def test_a_count_setting_says_its_bounds(setting: str, bounds: str, value: object) -> None:
    if value == 10**9 and setting != "max_retries":
        value = 0  # no upper bound: below the lower one instead
    with pytest.raises(InvalidInputError) as caught:
        HeroHealth(api_key="k", practice_group_id="pg", **{setting: value})
    assert caught.value.field == setting
    assert str(caught.value) == f"{setting}: must be a whole number {bounds}"


def test_with_options_validates_what_it_changes() -> None:
    hero = HeroHealth(api_key="k", practice_group_id="pg")
    with pytest.raises(InvalidInputError) as caught:
        hero.with_options(max_retries=-1)
    assert caught.value.field == "max_retries"


@pytest.mark.parametrize(
    ("settings", "field"),
    [
        ({"api_key": 123}, "api_key"),
        ({"practice_group_id": ["pg"]}, "practice_group_id"),
        ({"api_key": "  "}, "api_key"),
        ({"timeout": "30"}, "timeout"),
        ({"timeout": 0}, "timeout"),
        ({"max_retries": -1}, "max_retries"),
        ({"max_retries": True}, "max_retries"),
    ],
)
def test_bad_settings_are_invalid_input_naming_the_setting(
    settings: dict[str, object], field: str
) -> None:
    arguments: dict[str, object] = {"api_key": "k", "practice_group_id": "pg", **settings}
    with pytest.raises(InvalidInputError) as caught:
        HeroHealth(**arguments)  # type: ignore[arg-type]
    assert caught.value.field == field


async def test_a_bad_per_call_timeout_sends_nothing(httpx_mock: HTTPXMock) -> None:
    async with HeroHealth(api_key="k", practice_group_id="pg", base_url="https://hero.test") as h:
        with pytest.raises(InvalidInputError) as caught:
            await h.patients.get("1", timeout="soon")  # type: ignore[typeddict-item]
    assert caught.value.field == "timeout"
    assert httpx_mock.get_requests() == []
