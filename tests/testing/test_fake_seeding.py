"""FakeHero's seeding helpers and defaults."""

from __future__ import annotations

import datetime

import pytest

from herohealth.testing import FakeHero

from .conftest import NHS

DOB = datetime.date(1989, 4, 11)


def test_defaults() -> None:
    fake = FakeHero()

    assert (fake.api_key, fake.practice_group_id) == ("test-key", "pg-1")
    assert fake.base_url.startswith("http://")
    assert fake.requests == []
    assert "test-key" not in repr(fake)


def test_other_default_credentials() -> None:
    fake = FakeHero(practice_group_id="clinic-7", api_key="k7")

    patient_id = fake.add_patient(first_name="A", last_name="B", dob=DOB)

    assert (fake.api_key, fake.practice_group_id) == ("k7", "clinic-7")
    assert fake.patient(patient_id)["id"] == patient_id


def test_add_patient_returns_increasing_digit_ids_and_keeps_every_field(fake: FakeHero) -> None:
    first = fake.add_patient(
        first_name="Ada",
        last_name="Lovelace",
        dob="1989-04-11",
        nhs_number=NHS,
        mobile="07700900123",
        emails=["a@example.com"],
        deceased_at=datetime.datetime(2020, 1, 2, 3, 4, 5, tzinfo=datetime.UTC),
        sex="Female",
    )
    second = fake.add_patient(first_name="Bob", last_name=None, dob=None)

    assert first.isdigit()
    assert second.isdigit()
    assert int(second) > int(first)
    patient = fake.patient(first)
    assert (patient["dob"], patient["mobile"], patient["emails"], patient["sex"]) == (
        "1989-04-11T00:00:00Z",
        "07700900123",
        ["a@example.com"],
        "Female",
    )
    assert patient["deceased_at"] == "2020-01-02T03:04:05Z"
    assert patient["data_source"] == "hero"
    assert fake.patient(second)["dob"] is None


def test_seeding_refuses_unknown_fields_and_values_outside_the_enums(fake: FakeHero) -> None:
    with pytest.raises(TypeError, match="shoe_size"):
        fake.add_patient(first_name="A", last_name="B", dob=DOB, shoe_size=9)
    with pytest.raises(ValueError, match="sex"):
        fake.add_patient(first_name="A", last_name="B", dob=DOB, sex="male")
    with pytest.raises(ValueError, match="data_source"):
        fake.add_ehr_record(first_name="A", last_name="B", dob=DOB, data_source="paper")
    with pytest.raises(KeyError, match="pg-9"):
        fake.add_patient(first_name="A", last_name="B", dob=DOB, practice_group_id="pg-9")
    with pytest.raises(KeyError, match="404"):
        fake.add_attachment("404")
    with pytest.raises(TypeError, match="dob"):
        fake.add_patient(first_name="A", last_name="B", dob=datetime.datetime(2000, 1, 1))


@pytest.mark.parametrize("dob", ["1990-13-01", "11/04/1989", ""])
def test_a_date_of_birth_that_is_no_date_is_refused_naming_dob(fake: FakeHero, dob: str) -> None:
    with pytest.raises(ValueError, match=r"^dob must be an ISO date such as '1989-04-11': "):
        fake.add_patient(first_name="A", last_name="B", dob=dob)
    with pytest.raises(ValueError, match=r"^dob must be an ISO date"):
        fake.add_ehr_record(first_name="A", last_name="B", dob=dob)
    patient_id = fake.add_patient(first_name="A", last_name="B", dob=DOB)
    with pytest.raises(ValueError, match=r"^dob must be an ISO date"):
        fake.update_patient(patient_id, dob=dob)


def test_update_patient_changes_fields(fake: FakeHero) -> None:
    patient_id = fake.add_patient(first_name="A", last_name="B", dob=DOB)

    fake.update_patient(patient_id, mobile="07000000000", dob="1990-01-01")

    assert fake.patient(patient_id)["mobile"] == "07000000000"
    assert fake.patient(patient_id)["dob"] == "1990-01-01T00:00:00Z"


def test_add_ehr_record_generates_ids(fake: FakeHero) -> None:
    first = fake.add_ehr_record(first_name="A", last_name="B", dob=DOB)
    second = fake.add_ehr_record(first_name="C", last_name="D", dob=DOB, ehr_partner_id="E-9")

    assert (first, second) == ("ehr-1", "E-9")


def test_add_practice_group_needs_a_key(fake: FakeHero) -> None:
    with pytest.raises(ValueError, match="api_key"):
        fake.add_practice_group("pg-2", api_key="")
