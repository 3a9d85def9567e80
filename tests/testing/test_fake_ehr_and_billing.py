"""EHR candidates and connect, attachments, billing info and payment methods on the fake."""

from __future__ import annotations

import datetime

import httpx
import pytest

from herohealth import (
    Attachment,
    BillingInfo,
    HeroHealth,
    Identifier,
    Insurance,
    NotFoundError,
)
from herohealth.testing import FakeHero

from .conftest import NHS, NHS_2

DOB = datetime.date(1989, 4, 11)


@pytest.fixture
def ada(fake: FakeHero) -> str:
    return fake.add_patient(first_name="Ada", last_name="Lovelace", dob=DOB, nhs_number=NHS)


async def test_candidates_are_ehr_records_with_the_nhs_number_or_dob_and_last_name(
    hero: HeroHealth, fake: FakeHero, ada: str
) -> None:
    by_nhs = fake.add_ehr_record(first_name="A", last_name="King", dob="1990-01-01", nhs_number=NHS)
    by_name = fake.add_ehr_record(first_name="Augusta", last_name="LOVELACE", dob=DOB)
    fake.add_ehr_record(first_name="Ada", last_name="Byron", dob=DOB, nhs_number=NHS_2)
    fake.add_ehr_record(first_name="Ada", last_name="Lovelace", dob="1989-04-12")
    fake.add_practice_group("pg-2", api_key="key-2")
    fake.add_ehr_record(
        first_name="Ada", last_name="Lovelace", dob=DOB, nhs_number=NHS, practice_group_id="pg-2"
    )

    candidates = await hero.patients.ehr.candidates(ada)

    assert [c.ehr_partner_id for c in candidates.data] == [by_nhs, by_name]
    assert candidates.count == 2
    assert all(c.ehr_registered is True and c.hero_id is None for c in candidates.data)


async def test_connect_links_the_patient_to_the_ehr_record(
    hero: HeroHealth, fake: FakeHero, ada: str
) -> None:
    record = fake.add_ehr_record(
        first_name="Ada", last_name="Lovelace", dob=DOB, emis_id="500123", data_source="systm_one"
    )

    answer = await hero.patients.ehr.connect(ada, ehr_partner_id=record)

    assert answer is None
    patient = await hero.patients.get(ada)
    assert (patient.ehr_partner_id, patient.ehr_registered, patient.emis_id) == (
        record,
        True,
        "500123",
    )
    assert Identifier(
        source="ehr_partner", name="ehr_partner_id", role="secondary", label="Systm One",
        value=record,
    ) in patient.identifiers  # fmt: skip
    from_ehr = await hero.patients.get_v2(ada, data_source="ehr")
    assert (from_ehr.ehr_partner_id, from_ehr.hero_id) == (record, ada)
    listed = await hero.patients.list_v2(data_source="ehr", field="hero_id", search=ada)
    assert [p.ehr_partner_id for p in listed.data] == [record]


async def test_connect_answers_200_with_no_content(
    raw: httpx.AsyncClient, fake: FakeHero, ada: str
) -> None:
    record = fake.add_ehr_record(first_name="Ada", last_name="Lovelace", dob=DOB)

    response = await raw.post(f"/v1/patients/{ada}/ehr/connect", json={"ehr_partner_id": record})

    assert (response.status_code, response.content) == (200, b"")


async def test_connect_to_an_unknown_ehr_record_is_a_404(
    hero: HeroHealth, fake: FakeHero, ada: str
) -> None:
    fake.add_practice_group("pg-2", api_key="key-2")
    elsewhere = fake.add_ehr_record(
        first_name="Ada", last_name="Lovelace", dob=DOB, practice_group_id="pg-2"
    )

    for record in ("ehr-missing", elsewhere):
        with pytest.raises(NotFoundError):
            await hero.patients.ehr.connect(ada, ehr_partner_id=record)
    assert fake.patient(ada)["ehr_registered"] is False


async def test_connect_checks_its_body(raw: httpx.AsyncClient, ada: str) -> None:
    response = await raw.post(f"/v1/patients/{ada}/ehr/connect", json={"ehr_partner_id": 5})

    assert response.status_code == 422


async def test_attachments_are_listed_as_seeded(hero: HeroHealth, fake: FakeHero, ada: str) -> None:
    when = datetime.datetime(2024, 5, 6, 7, 8, 9, tzinfo=datetime.UTC)
    letter = fake.add_attachment(ada, file_name="letter.pdf", created_at=when)
    scan = fake.add_attachment(ada, file_name="scan", file_extension="png")

    listed = await hero.patients.attachments(ada)

    assert listed.count == 2
    assert listed.data[0] == Attachment(
        ehr_partner_file_id=letter, file_name="letter.pdf", file_extension="pdf", created_at=when
    )
    assert (listed.data[1].ehr_partner_file_id, listed.data[1].file_extension) == (scan, "png")


async def test_billing_info_defaults_to_an_empty_record(hero: HeroHealth, ada: str) -> None:
    billing = await hero.patients.billing_info(ada)

    assert billing == BillingInfo(
        id=ada,
        external_billing_id="",
        insurance=Insurance(insurer=None, membership_number=None, auth_code=None),
        billing_note=None,
        confidential=None,
    )


async def test_billing_info_is_returned_as_set(hero: HeroHealth, fake: FakeHero, ada: str) -> None:
    fake.set_billing_info(
        ada,
        external_billing_id="cus_123",
        insurer="Bupa",
        membership_number="M1",
        auth_code="A1",
        billing_note="self-pay",
        confidential=True,
    )

    billing = await hero.patients.billing_info(ada)

    assert (billing.external_billing_id, billing.billing_note, billing.confidential) == (
        "cus_123",
        "self-pay",
        True,
    )
    assert billing.insurance == Insurance(insurer="Bupa", membership_number="M1", auth_code="A1")


async def test_payment_methods_are_listed_as_seeded(
    hero: HeroHealth, fake: FakeHero, ada: str
) -> None:
    assert (await hero.patients.payment_methods(ada)).count == 0
    card = fake.add_payment_method(ada, brand="mastercard", last4="4444", funding="debit")

    listed = await hero.patients.payment_methods(ada)

    assert listed.count == 1
    method = listed.data[0]
    assert (method.id, method.brand, method.last4, method.funding) == (
        card,
        "mastercard",
        "4444",
        "debit",
    )
    assert (method.exp_month, method.exp_year, method.type_) == (12, 2030, "card")


@pytest.mark.parametrize("what", ["attachments", "billing_info", "payment_methods"])
async def test_per_patient_data_of_an_unknown_patient_is_a_404(hero: HeroHealth, what: str) -> None:
    with pytest.raises(NotFoundError):
        await getattr(hero.patients, what)("404")
