"""register (upsert on NHS number + dob) and register_pds (both variants) on the fake."""

from __future__ import annotations

import datetime
from typing import Any

import httpx
import pytest

from herohealth import HeroHealth, PdsLoginRequired, RegisteredPatient
from herohealth.testing import FakeHero

from .conftest import INVALID_NHS, NHS, NHS_2

DOB = datetime.date(1989, 4, 11)
ADA: dict[str, Any] = {
    "first_name": "Ada",
    "last_name": "Lovelace",
    "dob": DOB,
    "mobile": "07700900123",
    "nhs_number": NHS,
}


# ---- register -----------------------------------------------------------------------------


async def test_register_creates_a_patient_with_a_digit_id(hero: HeroHealth, fake: FakeHero) -> None:
    registered = await hero.patients.register(**ADA, email="ada@example.com", sex="Female")

    assert registered.patient_id.isdigit()
    patient = await hero.patients.get(registered.patient_id)
    assert (patient.first_name, patient.last_name, patient.nhs_number) == ("Ada", "Lovelace", NHS)
    assert patient.dob == datetime.datetime(1989, 4, 11, tzinfo=datetime.UTC)
    assert (patient.email, patient.sex, patient.mobile) == (
        "ada@example.com",
        "Female",
        ADA["mobile"],
    )
    assert patient.data_source == "emis"  # openapi.yaml's default for register
    assert patient.status == "unarchived"


async def test_register_with_the_same_nhs_number_and_dob_updates_that_patient(
    hero: HeroHealth,
) -> None:
    first = await hero.patients.register(**ADA, email="ada@example.com")
    again = await hero.patients.register(**{**ADA, "mobile": "07700900999", "last_name": "King"})

    assert again.patient_id == first.patient_id
    patient = await hero.patients.get(first.patient_id)
    assert (patient.mobile, patient.last_name) == ("07700900999", "King")
    assert patient.email == "ada@example.com"  # not sent again: kept
    assert (await hero.patients.list()).count == 1


@pytest.mark.parametrize(
    "change",
    [
        {"dob": datetime.date(1989, 4, 12)},  # same NHS number, another dob
        {"nhs_number": NHS_2},  # same dob, another NHS number
        {"nhs_number": None},  # no NHS number: nothing to match on
    ],
)
async def test_register_without_a_match_creates_another_patient(
    hero: HeroHealth, change: dict[str, Any]
) -> None:
    first = await hero.patients.register(**ADA)
    second = await hero.patients.register(**{**ADA, **change})

    assert second.patient_id != first.patient_id
    assert (await hero.patients.list()).count == 2


async def test_register_never_updates_an_archived_patient(hero: HeroHealth, fake: FakeHero) -> None:
    archived = fake.add_patient(
        first_name="Ada", last_name="L", dob=DOB, nhs_number=NHS, status="archived"
    )

    registered = await hero.patients.register(**ADA)

    assert registered.patient_id != archived
    assert fake.patient(archived)["mobile"] is None


async def test_register_matches_only_within_the_practice_group(
    hero: HeroHealth, fake: FakeHero
) -> None:
    fake.add_practice_group("pg-2", api_key="key-2")
    other = fake.add_patient(
        first_name="Ada", last_name="L", dob=DOB, nhs_number=NHS, practice_group_id="pg-2"
    )

    registered = await hero.patients.register(**ADA)

    assert registered.patient_id != other


@pytest.mark.parametrize(
    ("body", "fields"),
    [
        ({}, {"dob", "first_name", "last_name", "mobile"}),
        (
            {"dob": "1989-04-11", "first_name": " ", "last_name": "", "mobile": "1"},
            {"first_name", "last_name"},
        ),
        (
            {"dob": "11/04/1989", "first_name": "A", "last_name": "B", "mobile": "1"},
            {"dob"},
        ),
        (
            {"dob": "1989-04-11", "first_name": "A", "last_name": "B", "mobile": "1",
             "sex": "male", "data_source": "paper", "nhs_number": INVALID_NHS},
            {"sex", "data_source", "nhs_number"},
        ),
        (
            {"dob": "1989-04-11", "first_name": 1, "last_name": "B", "mobile": "1", "email": None},
            {"first_name", "email"},
        ),
        ([], {"body"}),
    ],
)  # fmt: skip
async def test_register_answers_422_listing_every_problem(
    raw: httpx.AsyncClient, fake: FakeHero, body: Any, fields: set[str]
) -> None:
    response = await raw.post("/v1/patients/register", json=body)

    assert response.status_code == 422
    answer = response.json()
    assert answer["message"]
    assert {error["field"] for error in answer["errors"]} >= fields
    assert all(error["message"] for error in answer["errors"])
    assert fake.requests[-1].status == 422


async def test_a_422_says_what_each_rule_asks_never_the_value_sent(raw: httpx.AsyncClient) -> None:
    # Values a user's test may log: the 422 names the field and the rule, as the SDK's own
    # InvalidInputError does, not jsonschema's message ("'07700 900123' is not of type ...").
    body = {"dob": "1989-04-11", "first_name": ["Ada"], "last_name": "Lovelace",
            "mobile": "07700900123", "sex": "Robot-07700900123", "email": 7700900123}  # fmt: skip
    response = await raw.post("/v1/patients/register", json=body)

    assert response.status_code == 422
    problems = {error["field"]: error["message"] for error in response.json()["errors"]}
    assert problems["first_name"] == "must be a string"
    assert problems["sex"].startswith("must be one of 'Not known', ")
    assert problems["email"].startswith("must be a string")
    assert "Ada" not in response.text
    assert "7700900123" not in response.text


async def test_a_body_that_is_not_json_is_a_400(raw: httpx.AsyncClient) -> None:
    response = await raw.post("/v1/patients/register", content=b"{not json")

    assert response.status_code == 400
    assert "JSON" in response.json()["message"]


# ---- register_pds ---------------------------------------------------------------------------


async def test_register_pds_by_nhs_number_returns_the_existing_patient(
    hero: HeroHealth, fake: FakeHero
) -> None:
    existing = fake.add_patient(first_name="Ada", last_name="L", dob=DOB, nhs_number=NHS)

    answer = await hero.patients.register_pds(dob=DOB, nhs_number=NHS)

    assert answer == RegisteredPatient(patient_id=existing)


async def test_register_pds_by_nhs_number_creates_a_patient_traced_from_pds(
    hero: HeroHealth,
) -> None:
    answer = await hero.patients.register_pds(dob=DOB, nhs_number=NHS)

    assert isinstance(answer, RegisteredPatient)
    patient = await hero.patients.get(answer.patient_id)
    assert (patient.nhs_number, patient.data_source) == (NHS, "pds")
    assert patient.dob is not None
    assert patient.dob.date() == DOB
    again = await hero.patients.register_pds(dob=DOB, nhs_number=NHS)
    assert again == answer  # traced once, found after


async def test_register_pds_refuses_an_invalid_nhs_number_with_422(
    raw: httpx.AsyncClient, fake: FakeHero
) -> None:
    # The SDK checks NHS numbers itself, so this goes around it.
    response = await raw.post(
        "/v1/patients/register_pds", json={"nhs_number": INVALID_NHS, "dob": "1989-04-11"}
    )

    assert response.status_code == 422
    assert [error["field"] for error in response.json()["errors"]] == ["nhs_number"]
    assert fake.requests[-1].operation == "register_patient_pds"
    listed = await raw.get("/v1/patients")
    assert listed.json()["count"] == 0  # nothing created


async def test_register_pds_by_demographics_finds_the_matching_patient(
    hero: HeroHealth, fake: FakeHero
) -> None:
    ada = fake.add_patient(first_name="Ada", last_name="Lovelace", dob=DOB, postcode="SW1A 1AA")
    fake.add_patient(first_name="Ada", last_name="Lovelace", dob=DOB, postcode="N1 1AA")

    answer = await hero.patients.register_pds(
        dob=DOB, postcode="sw1a1aa", forename="ada", surname="LOVELACE"
    )

    assert answer == RegisteredPatient(patient_id=ada)


@pytest.mark.parametrize("twins", [0, 2])
async def test_register_pds_by_demographics_without_one_match_asks_to_log_in(
    hero: HeroHealth, fake: FakeHero, twins: int
) -> None:
    for _ in range(twins):
        fake.add_patient(first_name="Ada", last_name="Lovelace", dob=DOB, postcode="SW1A 1AA")

    answer = await hero.patients.register_pds(
        dob=DOB, postcode="SW1A 1AA", forename="Ada", surname="Lovelace"
    )

    assert isinstance(answer, PdsLoginRequired)
    assert answer.message
    assert answer.login_url.startswith(fake.base_url)
    assert (await hero.patients.list()).count == twins  # nothing created


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"nhs_number": NHS, "dob": "1989-04-11", "surname": "L"}, "surname"),
        ({"dob": "1989-04-11", "forename": "A", "surname": "B"}, "postcode"),
        ({"nhs_number": NHS}, "dob"),
        ({"nhs_number": NHS, "dob": "1989-04-11", "ehr_partner": ""}, "ehr_partner"),
    ],
)
async def test_register_pds_answers_422_for_a_body_matching_neither_variant(
    raw: httpx.AsyncClient, body: dict[str, Any], field: str
) -> None:
    response = await raw.post("/v1/patients/register_pds", json=body)

    assert response.status_code == 422
    assert field in {error["field"] for error in response.json()["errors"]}
