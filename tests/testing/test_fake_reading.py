"""Lists with their filters, and the v1 and v2 shapes of a patient, on the fake."""

from __future__ import annotations

import datetime

import httpx
import pytest

from herohealth import HeroHealth, Identifier, NotFoundError
from herohealth.testing import FakeHero

from .conftest import NHS, NHS_2

DOB = datetime.date(1989, 4, 11)


@pytest.fixture
def people(fake: FakeHero) -> dict[str, str]:
    return {
        "ada": fake.add_patient(
            first_name="Ada", last_name="Lovelace", dob=DOB, nhs_number=NHS, emis_id="500"
        ),
        "grace": fake.add_patient(
            first_name="Grace",
            last_name="Hopper",
            dob="1906-12-09",
            nhs_number=NHS_2,
            email="grace@navy.example",
        ),
        "alan": fake.add_patient(first_name="Alan", last_name="Turing", dob=DOB),
    }


async def ids(hero: HeroHealth, **filters: str) -> list[str]:
    return [patient.id for patient in (await hero.patients.list(**filters)).data]  # type: ignore[arg-type]


async def test_list_without_filters_returns_every_patient_with_the_count(
    hero: HeroHealth, people: dict[str, str]
) -> None:
    listed = await hero.patients.list()

    assert [p.id for p in listed.data] == list(people.values())
    assert listed.count == 3


async def test_list_filters_by_field_and_search(hero: HeroHealth, people: dict[str, str]) -> None:
    assert await ids(hero, field="nhs_number", search=NHS) == [people["ada"]]
    assert await ids(hero, field="nhs_number", search="943 476 5927") == [people["grace"]]
    assert await ids(hero, field="emis_id", search="500") == [people["ada"]]
    assert await ids(hero, field="dob", search="1989-04-11") == [people["ada"], people["alan"]]
    assert await ids(hero, field="dob", search="1989-04-11T00:00:00Z") == [
        people["ada"],
        people["alan"],
    ]
    assert await ids(hero, field="dob", search="not a date") == []
    assert await ids(hero, field="emis_id", search="999") == []


async def test_list_search_alone_looks_in_names_numbers_and_contacts(
    hero: HeroHealth, people: dict[str, str]
) -> None:
    assert await ids(hero, search="hop") == [people["grace"]]
    assert await ids(hero, search="navy") == [people["grace"]]
    assert await ids(hero, search=NHS) == [people["ada"]]
    assert await ids(hero, field="dob") == list(people.values())  # no search: no filter


async def test_list_refuses_an_unknown_field_with_422(raw: httpx.AsyncClient) -> None:
    response = await raw.get("/v1/patients", params={"field": "first_name", "search": "Ada"})

    assert response.status_code == 422
    assert response.json()["errors"][0]["field"] == "field"


async def test_list_v2_reads_hero_by_default_and_the_ehr_on_request(
    hero: HeroHealth, fake: FakeHero, people: dict[str, str]
) -> None:
    record = fake.add_ehr_record(first_name="Ada", last_name="Lovelace", dob=DOB, postcode="N1")

    from_hero = await hero.patients.list_v2()
    from_ehr = await hero.patients.list_v2(data_source="ehr")

    assert [p.hero_id for p in from_hero.data] == list(people.values())
    assert from_hero.count == 3
    assert [p.ehr_partner_id for p in from_ehr.data] == [record]
    assert from_ehr.data[0].hero_id is None  # not connected to a Hero patient
    assert from_ehr.data[0].data_source == "emis"
    assert fake.requests[-1].query == {"dataSource": "ehr"}


async def test_list_v2_filters_by_any_v2_field(
    hero: HeroHealth, fake: FakeHero, people: dict[str, str]
) -> None:
    fake.add_ehr_record(first_name="Grace", last_name="Hopper", dob=DOB, postcode="N1 1AA")
    fake.add_ehr_record(first_name="Alan", last_name="Turing", dob=DOB)

    hero_hit = await hero.patients.list_v2(field="hero_id", search=people["alan"])
    ehr_hit = await hero.patients.list_v2(data_source="ehr", field="postcode", search="N1 1AA")
    text_hit = await hero.patients.list_v2(data_source="ehr", search="turing")

    assert [p.hero_id for p in hero_hit.data] == [people["alan"]]
    assert [p.last_name for p in ehr_hit.data] == ["Hopper"]
    assert [p.last_name for p in text_hit.data] == ["Turing"]


@pytest.mark.parametrize("params", [{"dataSource": "paper"}, {"field": "shoe_size", "search": "9"}])
async def test_list_v2_refuses_an_unknown_source_or_field(
    raw: httpx.AsyncClient, params: dict[str, str]
) -> None:
    response = await raw.get("/v2/patients", params=params)

    assert response.status_code == 422


async def test_get_returns_the_v1_shape_with_identifiers(
    hero: HeroHealth, raw: httpx.AsyncClient, people: dict[str, str]
) -> None:
    patient = await hero.patients.get(people["ada"])
    body = (await raw.get(f"/v1/patients/{people['ada']}")).json()

    assert patient.id == people["ada"]
    assert patient.uid
    assert patient.emis_id == "500"
    assert body["dob"] == "1989-04-11T00:00:00Z"
    assert (body["status"], body["ehr_registered"], body["restricted"]) == (
        "unarchived",
        False,
        False,
    )
    assert patient.identifiers == [
        Identifier(source="nhs", name="nhs_number", role="main", label="NHS", value=NHS),
        Identifier(source="hero", name="hero_id", role="main", label="Hero", value=people["ada"]),
    ]
    assert set(body) >= {"uid", "emails", "notes", "verification_credentials", "sex_changed_at"}


async def test_get_v2_returns_the_v2_shape(
    hero: HeroHealth, fake: FakeHero, raw: httpx.AsyncClient
) -> None:
    patient_id = fake.add_patient(
        first_name="Ada",
        last_name="Lovelace",
        dob=DOB,
        address_line_1="1 Street",
        address_line_2="Flat 2",
        town="London",
    )

    patient = await hero.patients.get_v2(patient_id)
    body = (await raw.get(f"/v2/patients/{patient_id}", params={"data_source": "hero"})).json()

    assert (patient.hero_id, patient.line_1, patient.line_2, patient.town) == (
        patient_id,
        "1 Street",
        "Flat 2",
        "London",
    )
    assert patient.hero_uid == fake.patient(patient_id)["uid"]
    assert "id" not in body
    assert "address_line_1" not in body
    assert "status" not in body


async def test_get_v2_from_the_ehr_needs_a_connected_record(
    hero: HeroHealth, people: dict[str, str]
) -> None:
    with pytest.raises(NotFoundError) as raised:
        await hero.patients.get_v2(people["ada"], data_source="ehr")

    assert "not connected" in raised.value.body["message"]


async def test_an_unknown_patient_is_a_404_with_a_message(hero: HeroHealth) -> None:
    with pytest.raises(NotFoundError) as raised:
        await hero.patients.get("999")

    assert raised.value.body == {"message": "Patient 999 not found"}
    assert raised.value.request_id is not None


async def test_an_id_holding_an_encoded_slash_is_looked_up_decoded(raw: httpx.AsyncClient) -> None:
    # One path segment, as a server reads it: routed to get_patient, which sees "12/34".
    response = await raw.get("/v1/patients/12%2F34")

    assert response.status_code == 404
    assert response.json() == {"message": "Patient 12/34 not found"}


@pytest.mark.parametrize(
    ("method", "path", "status", "message"),
    [
        ("GET", f"/v1/patinets/{NHS}", 404, "No operation of openapi.yaml at /v1/***/***"),
        ("GET", f"/v1/patients/{NHS}/xyzzy", 404,
         "No operation of openapi.yaml at /v1/patients/***/***"),
        ("GET", f"/v1/patients/{NHS}/attachments/", 404,
         "No operation of openapi.yaml at /v1/patients/***/attachments/"),
        ("GET", f"/v3/patients?nhs_number={NHS}", 404,
         "No operation of openapi.yaml at /***/patients"),
        ("DELETE", f"/v1/patients/{NHS}", 405,
         "Method DELETE is not allowed on /v1/patients/{id} (it takes GET)"),
        ("GET", f"/v1/patients/{NHS}/merge", 405,
         "Method GET is not allowed on /v1/patients/{id}/merge (it takes POST)"),
    ],
)  # fmt: skip
async def test_a_path_no_operation_takes_is_answered_without_its_values(
    raw: httpx.AsyncClient, fake: FakeHero, method: str, path: str, status: int, message: str
) -> None:
    # A path may hold patient data: the message shows the spec's own text, never a value.
    response = await raw.request(method, path)
    if status == 404:
        message += " (***: a segment none of its paths has)"

    assert (response.status_code, response.json()) == (status, {"message": message})
    assert NHS in fake.requests[-1].path + str(fake.requests[-1].query)  # the test's own log


async def test_a_patient_or_record_a_body_names_is_a_404_that_does_not_quote_it(
    raw: httpx.AsyncClient, fake: FakeHero
) -> None:
    ada = fake.add_patient(first_name="Ada", last_name="Lovelace", dob=DOB)

    merge = await raw.post(f"/v1/patients/{ada}/merge/preview", json={"patient_id": NHS})
    connect = await raw.post(f"/v1/patients/{ada}/ehr/connect", json={"ehr_partner_id": NHS})

    assert (merge.status_code, merge.json()) == (
        404,
        {"message": "Patient not found (the patient_id sent)"},
    )
    assert (connect.status_code, connect.json()) == (
        404,
        {"message": "No EHR record with this ehr_partner_id in this practice group"},
    )


@pytest.mark.parametrize("path", ["/v1/patients/abc", "/v1/patients/%EF%BC%91", "/v2/patients/x1"])
async def test_a_non_digit_id_is_a_404(raw: httpx.AsyncClient, path: str) -> None:
    response = await raw.get(path)

    assert response.status_code == 404
    assert response.json()["message"]


async def test_a_title_outside_the_enum_reads_as_null(hero: HeroHealth, fake: FakeHero) -> None:
    patient_id = fake.add_patient(first_name="A", last_name="B", dob=DOB, title="Lord")

    assert (await hero.patients.get(patient_id)).title is None
    assert (await hero.patients.get_v2(patient_id)).title is None
