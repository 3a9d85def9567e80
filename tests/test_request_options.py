"""Headers and query parameters users add: default_* on the client, extra_* per call.

Precedence: the SDK's defaults < default_headers/default_query < the operation's own
parameters < extra_headers/extra_query. The auth headers are never replaced; the SDK's
User-Agent token follows one the user set.
"""

from __future__ import annotations

import datetime
import json
import logging
from typing import Any

import httpx
import pytest
from helpers import NHS_NUMBER, PATIENT
from pytest_httpx import HTTPXMock

from herohealth import NULL, HeroHealth, InvalidInputError, __version__

BASE = "https://hero.test"
SDK_AGENT = f"herohealth-sdk-python/{__version__}"
LIST = {"data": [PATIENT], "count": 1}


def client(**options: Any) -> HeroHealth:
    return HeroHealth(
        api_key="test-key", practice_group_id="pg-1", base_url=BASE, max_retries=0, **options
    )


async def test_default_and_extra_headers_are_sent_and_extra_wins(httpx_mock: HTTPXMock) -> None:
    httpx_mock.add_response(json=PATIENT, is_reusable=True)
    async with client(default_headers={"X-Trace": "from-default", "x-tenant": "t1"}) as hero:
        await hero.patients.get("1")
        await hero.patients.get("1", extra_headers={"x-trace": "from-call", "x-job": "7"})

    plain, extra = httpx_mock.get_requests()
    assert (plain.headers["x-trace"], plain.headers["x-tenant"]) == ("from-default", "t1")
    assert "x-job" not in plain.headers
    assert extra.headers.get_list("x-trace") == ["from-call"]  # replaced, whatever its case
    assert (extra.headers["x-tenant"], extra.headers["x-job"]) == ("t1", "7")


async def test_default_headers_win_over_the_sdks_defaults(httpx_mock: HTTPXMock) -> None:
    httpx_mock.add_response(json=PATIENT)
    async with client(default_headers={"Accept": "application/json; v=2"}) as hero:
        await hero.patients.get("1")
    assert httpx_mock.get_request().headers.get_list("accept") == ["application/json; v=2"]


async def test_query_precedence_default_then_operation_then_extra(httpx_mock: HTTPXMock) -> None:
    httpx_mock.add_response(json=LIST, is_reusable=True)
    async with client(default_query={"field": "dob", "region": "north"}) as hero:
        await hero.patients.list()
        await hero.patients.list(field="nhs_number", search=NHS_NUMBER)
        await hero.patients.list(field="nhs_number", extra_query={"field": "emis_id", "v": 2})

    defaults, operation, extra = (r.url.params for r in httpx_mock.get_requests())
    assert dict(defaults) == {"field": "dob", "region": "north"}
    assert dict(operation) == {"field": "nhs_number", "region": "north", "search": NHS_NUMBER}
    assert dict(extra) == {"field": "emis_id", "region": "north", "v": "2"}


async def test_with_options_adds_to_the_defaults_and_leaves_the_original(
    httpx_mock: HTTPXMock,
) -> None:
    httpx_mock.add_response(json=PATIENT, is_reusable=True)
    async with client(default_headers={"x-tenant": "t1"}, default_query={"a": "1"}) as hero:
        copy = hero.with_options(default_headers={"X-Tenant": "t2", "x-app": "ui"},
                                 default_query={"b": "2"})  # fmt: skip
        await copy.patients.get("1")
        await hero.patients.get("1")

    from_copy, from_original = httpx_mock.get_requests()
    assert from_copy.headers.get_list("x-tenant") == ["t2"]
    assert from_copy.headers["x-app"] == "ui"
    assert dict(from_copy.url.params) == {"a": "1", "b": "2"}
    assert from_original.headers["x-tenant"] == "t1"
    assert "x-app" not in from_original.headers
    assert dict(from_original.url.params) == {"a": "1"}


@pytest.mark.parametrize("header", ["x-api-key", "X-Practice-Group-Id"])
async def test_an_auth_header_in_default_headers_is_refused_and_nothing_is_sent(
    httpx_mock: HTTPXMock, header: str
) -> None:
    async with client(default_headers={header: "someone-else"}) as hero:
        with pytest.raises(InvalidInputError, match=header) as caught:
            await hero.patients.get("1")
    assert caught.value.field == "default_headers"
    assert httpx_mock.get_requests() == []


@pytest.mark.parametrize("header", ["X-API-KEY", "x-practice-group-id"])
async def test_an_auth_header_in_extra_headers_is_refused_and_nothing_is_sent(
    hero: HeroHealth, httpx_mock: HTTPXMock, header: str
) -> None:
    with pytest.raises(InvalidInputError, match=header) as caught:
        await hero.patients.get("1", extra_headers={header: "someone-else"})
    assert caught.value.field == "extra_headers"
    with pytest.raises(InvalidInputError):
        await hero.patients.list(extra_headers={header: "someone-else"})
    with pytest.raises(InvalidInputError):
        await hero.patients.with_raw_response.get("1", extra_headers={header: "someone-else"})
    assert httpx_mock.get_requests() == []


async def test_the_sdk_agent_follows_a_user_agent_set_on_the_users_client(
    httpx_mock: HTTPXMock,
) -> None:
    httpx_mock.add_response(json=PATIENT, is_reusable=True)
    async with (
        httpx.AsyncClient(headers={"User-Agent": "clinic-app/2.1"}) as http,
        HeroHealth(api_key="k", practice_group_id="pg", base_url=BASE, http_client=http) as hero,
    ):
        await hero.patients.get("1")
        await hero.patients.get("1", extra_headers={"user-agent": "nightly-job/3"})

    on_client, per_call = httpx_mock.get_requests()
    assert on_client.headers.get_list("user-agent") == [f"clinic-app/2.1 {SDK_AGENT}"]
    assert per_call.headers.get_list("user-agent") == [f"nightly-job/3 {SDK_AGENT}"]


async def test_the_sdk_agent_follows_one_from_default_or_extra_headers(
    httpx_mock: HTTPXMock,
) -> None:
    httpx_mock.add_response(json=PATIENT, is_reusable=True)
    async with client(default_headers={"User-Agent": "billing-service/1.4"}) as hero:
        await hero.patients.get("1")
        await hero.patients.get("1", extra_headers={"User-Agent": "backfill/0.1"})

    default, extra = (r.headers["user-agent"] for r in httpx_mock.get_requests())
    assert default == f"billing-service/1.4 {SDK_AGENT}"
    assert extra == f"backfill/0.1 {SDK_AGENT}"


async def test_without_a_users_agent_it_is_the_sdks_alone(httpx_mock: HTTPXMock) -> None:
    httpx_mock.add_response(json=PATIENT)
    async with (
        httpx.AsyncClient() as http,  # httpx's own "python-httpx/..." is not the user's
        HeroHealth(api_key="k", practice_group_id="pg", base_url=BASE, http_client=http) as hero,
    ):
        await hero.patients.get("1")
    assert httpx_mock.get_request().headers.get_list("user-agent") == [SDK_AGENT]


async def test_an_unknown_option_is_a_type_error_naming_it(
    hero: HeroHealth, httpx_mock: HTTPXMock
) -> None:
    with pytest.raises(TypeError, match="'extra_header'"):
        await hero.patients.get("1", extra_header={"a": "b"})  # type: ignore[call-arg]
    with pytest.raises(TypeError, match="'headers'"):
        await hero.patients.with_raw_response.get("1", headers={"a": "b"})  # type: ignore[call-arg]
    assert httpx_mock.get_requests() == []


@pytest.mark.parametrize(
    ("options", "field"),
    [
        ({"default_headers": {"x-count": 1}}, "default_headers"),
        ({"default_headers": [("x-a", "b")]}, "default_headers"),
        ({"default_query": "a=1"}, "default_query"),
        ({"default_headers": []}, "default_headers"),
    ],
)
def test_bad_defaults_are_invalid_input_at_construction(
    options: dict[str, object], field: str
) -> None:
    with pytest.raises(InvalidInputError) as caught:
        client(**options)
    assert caught.value.field == field


async def test_bad_extra_options_are_invalid_input_and_nothing_is_sent(
    hero: HeroHealth, httpx_mock: HTTPXMock
) -> None:
    with pytest.raises(InvalidInputError) as caught:
        await hero.patients.get("1", extra_headers={"x-a": None})  # type: ignore[dict-item]
    assert caught.value.field == "extra_headers"
    with pytest.raises(InvalidInputError) as caught:
        await hero.patients.get("1", extra_query="search=1")  # type: ignore[arg-type]
    assert caught.value.field == "extra_query"
    assert httpx_mock.get_requests() == []


async def test_extra_query_values_are_masked_in_logs(
    hero: HeroHealth, httpx_mock: HTTPXMock, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    httpx_mock.add_response(json=PATIENT)

    await hero.patients.get("1", extra_query={"lookup": NHS_NUMBER, "page_size": 5})

    assert httpx_mock.get_request().url.params["lookup"] == NHS_NUMBER
    logged = "\n".join(r.getMessage() for r in caplog.records)
    assert "lookup=***" in logged
    assert "page_size=5" in logged
    assert NHS_NUMBER not in logged


# ---- the request as httpx's build_request makes it ---------------------------------------
# The request loop makes a plain call's request from merged headers it keeps (see
# `_request._build_request`); any other client goes through `AsyncClient.build_request`,
# and a subclass of httpx.AsyncClient always does. What reaches the wire must not differ.


class _BuildsItsOwn(httpx.AsyncClient):
    """An httpx.AsyncClient the request loop sends through `build_request` itself."""


async def _calls(http: httpx.AsyncClient, **options: Any) -> None:
    async with HeroHealth(
        api_key="test-key", practice_group_id="pg-1", base_url=BASE, max_retries=0,
        http_client=http, **options,
    ) as hero:  # fmt: skip
        await hero.patients.get("1")
        await hero.patients.get("1", timeout=httpx.Timeout(7, connect=2))
        await hero.patients.list(field="nhs_number", search=NHS_NUMBER)
        await hero.patients.register(
            dob="1989-04-11", first_name="Ada", last_name="Lovelace", mobile="07700900123"
        )
        copy = hero.with_options(api_key="other-key", default_headers={"x-tenant": "t2"})
        await copy.patients.get("1")


@pytest.mark.parametrize(
    ("client_options", "options"),
    [
        ({}, {}),
        ({"headers": {"User-Agent": "clinic-app/2.1", "X-Tenant": "t1"}}, {}),
        # The SDK's own headers replace the client's, whatever their case.
        ({"headers": {"ACCEPT": "text/html", "X-Api-Key": "someone-else"}}, {}),
        ({}, {"default_headers": {"Accept": "application/json; v=2", "x-trace": "t"}}),
        ({"timeout": 3, "base_url": "https://elsewhere.test"}, {"default_query": {"v": 2}}),
    ],
)
async def test_every_call_sends_what_httpxs_build_request_would(
    httpx_mock: HTTPXMock, client_options: dict[str, Any], options: dict[str, Any]
) -> None:
    bodies = {"/v1/patients": LIST, "/v1/patients/register": {"patient_id": "1"}}

    def answer(request: httpx.Request) -> httpx.Response:
        return httpx.Response(200, json=bodies.get(request.url.path, PATIENT))

    httpx_mock.add_callback(answer, is_reusable=True)
    async with httpx.AsyncClient(**client_options) as http:
        await _calls(http, **options)
    async with _BuildsItsOwn(**client_options) as http:
        await _calls(http, **options)

    requests = httpx_mock.get_requests()
    fast, built = requests[: len(requests) // 2], requests[len(requests) // 2 :]
    assert len(fast) == len(built) == 5
    for ours, httpxs in zip(fast, built, strict=True):
        assert (ours.method, ours.url, ours.content) == (httpxs.method, httpxs.url, httpxs.content)
        assert ours.headers.raw == httpxs.headers.raw  # same names, case, order and values
        assert ours.extensions == httpxs.extensions  # the timeout
    assert fast[0].headers.get_list("x-api-key") == ["test-key"]
    assert fast[-1].headers.get_list("x-api-key") == ["other-key"]


async def test_headers_changed_on_the_users_client_are_sent_from_then_on(
    httpx_mock: HTTPXMock,
) -> None:
    httpx_mock.add_response(json=PATIENT, is_reusable=True)
    async with (
        httpx.AsyncClient(headers={"x-tenant": "t1"}) as http,
        HeroHealth(api_key="k", practice_group_id="pg", base_url=BASE, http_client=http) as hero,
    ):
        await hero.patients.get("1")
        http.headers["x-tenant"] = "t2"
        http.headers["User-Agent"] = "clinic-app/2.1"
        await hero.patients.get("1")
        del http.headers["x-tenant"]
        await hero.patients.get("1")
        http.headers = httpx.Headers({"x-api-key": "someone-else", "x-shift": "night"})
        await hero.patients.get("1")

    first, changed, removed, replaced = httpx_mock.get_requests()
    assert first.headers.get_list("x-tenant") == ["t1"]
    assert changed.headers.get_list("x-tenant") == ["t2"]
    assert changed.headers["user-agent"] == f"clinic-app/2.1 {SDK_AGENT}"
    assert "x-tenant" not in removed.headers
    assert replaced.headers.get_list("x-api-key") == ["k"]  # never the client's
    assert replaced.headers["x-shift"] == "night"
    assert replaced.headers["user-agent"] == SDK_AGENT


async def test_with_options_copies_each_send_their_own_headers(httpx_mock: HTTPXMock) -> None:
    httpx_mock.add_response(json=PATIENT, is_reusable=True)
    async with client(default_headers={"x-tenant": "t1"}) as hero:
        other_key = hero.with_options(api_key="other-key")
        other_group = hero.with_options(practice_group_id="pg-2")
        other_tenant = hero.with_options(default_headers={"x-tenant": "t2"})
        for each in (hero, other_key, other_group, other_tenant, hero, other_key):
            await each.patients.get("1")
            await each.patients.with_raw_response.get("1")

    sent = [
        (r.headers["x-api-key"], r.headers["x-practice-group-id"], r.headers["x-tenant"])
        for r in httpx_mock.get_requests()
    ]
    mine, key, group, tenant = (
        ("test-key", "pg-1", "t1"),
        ("other-key", "pg-1", "t1"),
        ("test-key", "pg-2", "t1"),
        ("test-key", "pg-1", "t2"),
    )
    assert sent == [c for c in (mine, key, group, tenant, mine, key) for _ in range(2)]


async def test_cookies_and_params_on_the_users_client_are_sent(httpx_mock: HTTPXMock) -> None:
    httpx_mock.add_response(json=PATIENT, is_reusable=True)
    async with (
        httpx.AsyncClient(cookies={"session": "s1"}, params={"region": "north"}) as http,
        HeroHealth(api_key="k", practice_group_id="pg", base_url=BASE, http_client=http) as hero,
    ):
        await hero.patients.get("1")
        await hero.patients.get("1", extra_query={"v": "2"})

    plain, extra = httpx_mock.get_requests()
    assert plain.headers["cookie"] == "session=s1"
    assert dict(plain.url.params) == {"region": "north"}
    assert dict(extra.url.params) == {"region": "north", "v": "2"}


# ---- extra_body: body properties openapi.yaml does not describe yet -------------------------

REGISTER = {
    "dob": "1989-04-11",
    "first_name": "Ada",
    "last_name": "Lovelace",
    "mobile": "07700900123",
}
REGISTERED = {"patient_id": "1234"}


async def test_extra_body_adds_properties_as_json_and_wins_like_extra_query(
    httpx_mock: HTTPXMock,
) -> None:
    httpx_mock.add_response(method="POST", json=REGISTERED)
    extra = {
        "preferred_name": "Ada",
        "first_name": "Augusta",  # over the argument, as extra_query is over a parameter
        "seen_at": datetime.datetime(2026, 12, 1, 9, 30, tzinfo=datetime.UTC),
        "flags": ("a", "b"),
        "note": NULL,  # JSON null, sent on purpose
        "left_out": None,  # not sent, as an argument of None is not
    }
    async with client() as hero:
        await hero.patients.register(**REGISTER, extra_body=extra)

    sent = json.loads(httpx_mock.get_request().content)  # type: ignore[union-attr]
    assert sent == {
        **REGISTER,
        "first_name": "Augusta",
        "preferred_name": "Ada",
        "seen_at": "2026-12-01T09:30:00+00:00",
        "flags": ["a", "b"],
        "note": None,
    }


@pytest.mark.parametrize(
    ("call", "extra_body", "problem"),
    [
        ("get", {"x": 1}, "get_patient sends no body"),
        ("list", {"x": 1}, "sends no body"),  # a paged list: refused before it is awaited
        ("register", ["x"], "must be a mapping"),
        ("register", {1: "x"}, "must be a mapping"),
        ("register", {"x": "\ud83d"}, "UTF-8"),
        ("register", {"x": datetime.datetime(2026, 12, 1)}, "timezone-aware"),
    ],
    ids=["no-body", "paged-no-body", "not-a-mapping", "key-not-text", "surrogate", "naive"],
)
async def test_extra_body_that_cannot_be_sent_is_refused_before_any_request(
    httpx_mock: HTTPXMock, call: str, extra_body: Any, problem: str
) -> None:
    async def calling(hero: HeroHealth) -> object:
        if call == "get":
            return await hero.patients.get("1234", extra_body=extra_body)
        if call == "list":
            return hero.patients.list(extra_body=extra_body)  # not awaited: refused already
        return await hero.patients.register(**REGISTER, extra_body=extra_body)

    async with client() as hero:
        with pytest.raises(InvalidInputError) as caught:
            await calling(hero)

    assert caught.value.field == "extra_body"
    assert problem in str(caught.value)
    assert httpx_mock.get_requests() == []
