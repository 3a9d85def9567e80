"""Authentication and practice-group isolation on the fake, and the request log."""

from __future__ import annotations

import datetime

import httpx
import pytest
from helpers import fake_client

from herohealth import AuthenticationError, HeroHealth, NotFoundError, PermissionDeniedError
from herohealth.testing import FakeHero, QueryValues

DOB = datetime.date(1989, 4, 11)


@pytest.mark.parametrize(
    "headers",
    [
        {},
        {"x-api-key": "test-key"},
        {"x-practice-group-id": "pg-1"},
        {"x-api-key": "", "x-practice-group-id": "pg-1"},
    ],
)
async def test_missing_credentials_are_a_401(fake: FakeHero, headers: dict[str, str]) -> None:
    async with fake.client(headers=headers) as client:
        response = await client.get("/v1/patients")

    assert response.status_code == 401
    assert "header is required" in response.json()["message"]


async def test_a_key_for_another_group_is_a_403(hero: HeroHealth, fake: FakeHero) -> None:
    fake.add_practice_group("pg-2", api_key="key-2")

    for client in (
        hero.with_options(api_key="wrong-key"),
        hero.with_options(practice_group_id="pg-2"),  # test-key is pg-1's
        hero.with_options(practice_group_id="pg-unknown"),
    ):
        with pytest.raises(PermissionDeniedError) as raised:
            await client.patients.list()
        assert raised.value.body == {"message": "The API key is not valid for this practice group"}


async def test_the_sdk_reports_a_401_as_an_authentication_error(fake: FakeHero) -> None:
    # A client that strips the SDK's key header, to see the SDK's side of a 401.
    async def strip_key(request: httpx.Request) -> None:
        del request.headers["x-api-key"]

    async with fake_client(
        fake, transport={"event_hooks": {"request": [strip_key]}}, max_retries=0
    ) as hero:
        with pytest.raises(AuthenticationError):
            await hero.patients.list()


async def test_patients_of_one_group_are_invisible_to_another(
    hero: HeroHealth, fake: FakeHero
) -> None:
    fake.add_practice_group("pg-2", api_key="key-2")
    mine = fake.add_patient(first_name="Ada", last_name="L", dob=DOB)
    theirs = fake.add_patient(first_name="Bob", last_name="B", dob=DOB, practice_group_id="pg-2")
    other = hero.with_options(api_key="key-2", practice_group_id="pg-2")

    assert [p.id for p in (await hero.patients.list()).data] == [mine]
    assert [p.id for p in (await other.patients.list()).data] == [theirs]
    for client, patient_id in ((hero, theirs), (other, mine)):
        with pytest.raises(NotFoundError):
            await client.patients.get(patient_id)
        with pytest.raises(NotFoundError):
            await client.patients.get_v2(patient_id)
        with pytest.raises(NotFoundError):
            await client.patients.billing_info(patient_id)


async def test_unknown_routes_and_methods_answer_json_errors(raw: httpx.AsyncClient) -> None:
    unknown = await raw.get("/v1/practice_groups")
    wrong_method = await raw.delete("/v1/patients/1")

    assert (unknown.status_code, wrong_method.status_code) == (404, 405)
    assert unknown.json()["message"]
    assert wrong_method.json()["message"]


async def test_the_log_records_each_request_without_the_api_key(
    hero: HeroHealth, fake: FakeHero
) -> None:
    fake.add_practice_group("pg-2", api_key="secret-key-2")
    registered = await hero.patients.register(
        first_name="Ada", last_name="L", dob=DOB, mobile="07700900123"
    )
    await hero.patients.list(field="dob", search="1989-04-11")
    with pytest.raises(PermissionDeniedError):
        await hero.with_options(practice_group_id="pg-2").patients.get(registered.patient_id)

    first, second, third = fake.requests
    assert (first.method, first.path, first.status, first.operation) == (
        "POST",
        "/v1/patients/register",
        200,
        "register_patient",
    )
    assert first.json == {
        "dob": "1989-04-11",
        "first_name": "Ada",
        "last_name": "L",
        "mobile": "07700900123",
    }
    assert (second.query, second.json) == ({"field": "dob", "search": "1989-04-11"}, None)
    assert (third.status, third.practice_group_id) == (403, "pg-2")
    assert all(r.practice_group_id for r in fake.requests[:2])
    logged = repr(fake.requests) + repr(fake)
    assert fake.api_key not in logged
    assert "secret-key-2" not in logged
    assert [r.request_id for r in fake.requests] == ["fake-1", "fake-2", "fake-3"]


async def test_the_log_records_the_headers_sent_but_the_api_key(
    hero: HeroHealth, fake: FakeHero
) -> None:
    await hero.patients.get(fake.add_patient(first_name="A", last_name="B", dob=DOB))
    with pytest.raises(PermissionDeniedError):  # a wrong key is logged masked too
        await hero.with_options(api_key="other-key").patients.list(
            extra_headers={"X-Correlation-Id": "c-42"}
        )

    first, second = (request.headers for request in fake.requests)
    assert first["x-practice-group-id"] == "pg-1"
    assert first["user-agent"].startswith("herohealth-sdk-python/")
    assert second["x-correlation-id"] == "c-42"  # what a test of extra_headers asserts on
    assert first["x-api-key"] == second["x-api-key"] == "***"
    assert fake.api_key not in repr(fake.requests)
    assert "other-key" not in repr(fake.requests)


async def test_the_log_keeps_every_value_of_a_repeated_query_parameter(
    hero: HeroHealth, fake: FakeHero, raw: httpx.AsyncClient
) -> None:
    await hero.patients.list(field="dob", search="1989-04-11", extra_query={"tag": ["a", "b"]})
    await raw.get("/v1/patients?ids=1&field=dob&ids=2")  # httpx would group a name's values

    sdk, repeated = (request.query for request in fake.requests)
    assert sdk.getlist("tag") == ["a", "b"]
    assert repeated.getlist("ids") == ["1", "2"]
    assert repeated.getlist("missing") == []
    assert repeated.multi_items() == [("ids", "1"), ("field", "dob"), ("ids", "2")]
    # As a mapping, each name's last value, as before: assertions on one value still hold.
    assert repeated == {"ids": "2", "field": "dob"}
    assert (repeated["ids"], repeated.get("field"), list(repeated)) == (
        "2",
        "dob",
        ["ids", "field"],
    )
    assert isinstance(repeated, QueryValues)
    assert repeated != QueryValues([("ids", "2"), ("field", "dob")])  # not the same pairs
    assert "('ids', '1')" in repr(repeated)


def test_recorded_requests_are_immutable(fake: FakeHero) -> None:
    from herohealth.testing import RecordedRequest

    record = RecordedRequest(
        method="GET",
        path="/v1/patients",
        query={"search": "x"},
        json=None,
        status=200,
        practice_group_id="pg-1",
        operation="list_patients",
        request_id="fake-1",
    )

    with pytest.raises(AttributeError):
        record.status = 500  # type: ignore[misc]
    with pytest.raises(TypeError):
        record.query["search"] = "y"  # type: ignore[index]
