"""`hero.patients`: what each operation sends to Hero, what it returns, what it refuses.

Everything goes through the public API (`from herohealth import ...`) against the fake
host https://hero.test, answered by pytest-httpx. The `hero` fixture (conftest.py) has
retries off, so each call sends exactly one request. pytest-httpx fails a test that
sends a request no response was registered for, or leaves a registered response unused.

Response bodies follow openapi.yaml's schemas. 9434765919 is a valid NHS number
(`nhs_number.is_valid`); 9434765918 is the same number with a wrong check digit.
"""

from __future__ import annotations

import datetime
import json
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any

import pytest
from pytest_httpx import HTTPXMock

from herohealth import (
    Attachment,
    BillingInfo,
    HeroError,
    HeroHealth,
    Identifier,
    Insurance,
    InvalidInputError,
    MergePreview,
    Page,
    Patient,
    PatientV2,
    PaymentMethod,
    PdsLoginRequired,
    RegisteredPatient,
    __version__,
)
from herohealth._generated import OPERATIONS

UTC = datetime.UTC
NHS = "9434765919"
DOB = datetime.date(1989, 4, 11)

# ---- response bodies, as openapi.yaml describes them --------------------------------

IDENTIFIERS = [
    {"source": "nhs", "name": "nhs_number", "role": "main", "label": "NHS", "value": NHS},
    {"source": "ehr_partner", "name": "ehr_partner_id", "role": "secondary", "label": "EMIS",
     "value": "500123"},
    {"source": "hero", "name": "hero_id", "role": "secondary", "label": "Hero", "value": "1234"},
]  # fmt: skip

PATIENT: dict[str, Any] = {
    "id": "1234",
    "uid": "7f7c2a4e-3b1d-4c55-9a3e-2f1b6c0d9e11",
    "emis_id": "500123",
    "ehr_partner_id": "500123",
    "dob": "1989-04-11",
    "deceased_at": None,
    "title": "Dr",
    "first_name": "Ada",
    "last_name": "Lovelace",
    "sex": "Female",
    "nhs_number": NHS,
    "email": "ada@example.com",
    "emails": ["ada@example.com"],
    "mobile": "07700900123",
    "last_sync_at": "2024-05-01T09:30:00Z",
    "address_line_1": "1 High Street",
    "address_line_2": None,
    "address_line_3": None,
    "country": "United Kingdom",
    "postcode": "LS6 3AA",
    "town": "Leeds",
    "county": "West Yorkshire",
    "notes": None,
    "verification_credentials": [],
    "data_source": "emis",
    "restricted": False,
    "sex_changed_at": None,
    "status": "unarchived",
    "identifiers": IDENTIFIERS,
    "ehr_registered": True,
}

OTHER_PATIENT: dict[str, Any] = {
    **PATIENT,
    "id": "5678",
    "uid": "0b6f4d8e-9c2a-4f3b-8e1d-5a7c3b2e1f00",
    "emis_id": None,
    "ehr_partner_id": None,
    "first_name": "Augusta",
    "email": None,
    "emails": None,
    "data_source": "hero",
    "identifiers": [
        {"source": "hero", "name": "hero_id", "role": "main", "label": "Hero", "value": "5678"}
    ],
    "ehr_registered": False,
}

PATIENT_V2: dict[str, Any] = {
    "ehr_partner_id": "500123",
    "emis_id": "500123",
    "deceased_at": None,
    "dob": "1989-04-11",
    "title": "Dr",
    "first_name": "Ada",
    "last_name": "Lovelace",
    "sex": "Female",
    "nhs_number": NHS,
    "email": "ada@example.com",
    "mobile": "07700900123",
    "last_sync_at": "2024-05-01T09:30:00Z",
    "data_source": "emis",
    "restricted": False,
    "line_1": "1 High Street",
    "line_2": None,
    "line_3": None,
    "town": "Leeds",
    "county": "West Yorkshire",
    "postcode": "LS6 3AA",
    "hero_id": "1234",
    "hero_uid": "7f7c2a4e-3b1d-4c55-9a3e-2f1b6c0d9e11",
    "identifiers": IDENTIFIERS,
    "ehr_registered": True,
}

# An EHR record not (yet) linked to a Hero patient.
EHR_CANDIDATE: dict[str, Any] = {
    **PATIENT_V2,
    "ehr_partner_id": "500999",
    "emis_id": "500999",
    "first_name": "Ada M.",
    "hero_id": None,
    "hero_uid": None,
    "identifiers": [
        {"source": "ehr_partner", "name": "ehr_partner_id", "role": "main", "label": "EMIS",
         "value": "500999"}
    ],
    "ehr_registered": None,
}  # fmt: skip

BILLING_INFO = {
    "id": "1234",
    "external_billing_id": "cus_PfQ2mD4xZ8aB1c",
    "insurance": {"insurer": "Bupa", "membership_number": "BUP-778812", "auth_code": None},
    "billing_note": "Invoice the employer",
    "confidential": False,
}

PAYMENT_METHODS = {
    "data": [
        {
            "id": "pm_1Nv0cW2eZvKYlo2CpH0xZ7mQ",
            "type": "card",
            "brand": "visa",
            "last4": "4242",
            "checks": {"cvc_check": "pass", "address_postal_code_check": "pass"},
            "wallet": None,
            "country": "GB",
            "funding": "credit",
            "exp_year": 2027,
            "exp_month": 8,
            "networks": {"available": ["visa"], "preferred": None},
            "display_brand": "visa",
            "generated_from": None,
            "fingerprint": "Xt5EWLLDS7FJjR1c",
            "regulated_status": "unregulated",
            "three_d_secure_usage": {"supported": True},
        }
    ],
    "count": 1,
}

ATTACHMENTS = {
    "data": [
        {
            "ehr_partner_file_id": "F-881",
            "file_name": "discharge-letter",
            "file_extension": "pdf",
            "created_at": "2024-03-02T10:15:00Z",
        },
        {
            "ehr_partner_file_id": "F-882",
            "file_name": "referral",
            "file_extension": "docx",
            "created_at": None,
        },
    ],
    "count": 2,
}

MERGE_PREVIEW = {
    "main_patient": PATIENT,
    "incoming_patient": OTHER_PATIENT,
    "result_patient": PATIENT,
    "merge_token": "mt_9b1e6c2f4a",
}

REGISTERED = {"patient_id": "1234"}
LOGIN_REQUIRED = {
    "message": "Log in with your NHS smartcard to trace patients on PDS",
    "login_url": "https://app.herohealth.net/pds/login?state=3f9c",
}

# ---- the typed results a user should see ---------------------------------------------


def check_identifiers(identifiers: list[Identifier], expected: list[dict[str, str]]) -> None:
    assert all(isinstance(identifier, Identifier) for identifier in identifiers)
    assert [
        {"source": i.source, "name": i.name, "role": i.role, "label": i.label, "value": i.value}
        for i in identifiers
    ] == expected


def check_ada(patient: Patient) -> None:
    assert isinstance(patient, Patient)
    assert patient.id == "1234"
    assert patient.first_name == "Ada"
    assert patient.last_name == "Lovelace"
    assert patient.title == "Dr"
    assert patient.sex == "Female"
    assert patient.nhs_number == NHS
    assert patient.dob == datetime.datetime(1989, 4, 11, tzinfo=UTC)
    assert patient.last_sync_at == datetime.datetime(2024, 5, 1, 9, 30, tzinfo=UTC)
    assert patient.deceased_at is None
    assert patient.emails == ["ada@example.com"]
    assert patient.postcode == "LS6 3AA"
    assert patient.data_source == "emis"
    assert patient.status == "unarchived"
    assert patient.restricted is False
    assert patient.ehr_registered is True
    check_identifiers(patient.identifiers, IDENTIFIERS)


def check_patient(result: Any) -> None:
    check_ada(result)


def check_patient_v2(result: Any) -> None:
    assert isinstance(result, PatientV2)
    assert result.hero_id == "1234"
    assert result.first_name == "Ada"
    assert result.last_name == "Lovelace"
    assert result.dob == datetime.datetime(1989, 4, 11, tzinfo=UTC)
    assert result.nhs_number == NHS
    assert result.line_1 == "1 High Street"
    assert result.line_2 is None
    assert result.data_source == "emis"
    assert result.ehr_registered is True
    check_identifiers(result.identifiers, IDENTIFIERS)


def check_patient_list(result: Any) -> None:
    assert isinstance(result, Page)
    assert result.count == 2
    assert isinstance(result.count, int)
    assert [p.id for p in result.data] == ["1234", "5678"]
    check_ada(result.data[0])
    other = result.data[1]
    assert isinstance(other, Patient)
    assert other.first_name == "Augusta"
    assert other.email is None
    assert other.emails is None
    assert other.ehr_registered is False


def check_patient_v2_list(result: Any) -> None:
    assert isinstance(result, Page)
    assert result.count == 2
    assert all(isinstance(p, PatientV2) for p in result.data)
    assert [p.hero_id for p in result.data] == ["1234", None]
    assert [p.ehr_partner_id for p in result.data] == ["500123", "500999"]


def check_candidates(result: Any) -> None:
    assert isinstance(result, Page)
    assert result.count == 1
    [candidate] = result.data
    assert isinstance(candidate, PatientV2)
    assert candidate.ehr_partner_id == "500999"
    assert candidate.first_name == "Ada M."
    assert candidate.hero_id is None
    assert candidate.ehr_registered is None
    check_identifiers(candidate.identifiers, EHR_CANDIDATE["identifiers"])


def check_registered(result: Any) -> None:
    assert isinstance(result, RegisteredPatient)
    assert result.patient_id == "1234"


def check_login_required(result: Any) -> None:
    assert isinstance(result, PdsLoginRequired)
    assert not isinstance(result, RegisteredPatient)
    assert result.message == LOGIN_REQUIRED["message"]
    assert result.login_url == "https://app.herohealth.net/pds/login?state=3f9c"


def check_billing_info(result: Any) -> None:
    assert isinstance(result, BillingInfo)
    assert result.id == "1234"
    assert result.external_billing_id == "cus_PfQ2mD4xZ8aB1c"
    assert isinstance(result.insurance, Insurance)
    assert result.insurance.insurer == "Bupa"
    assert result.insurance.membership_number == "BUP-778812"
    assert result.insurance.auth_code is None
    assert result.billing_note == "Invoice the employer"
    assert result.confidential is False


def check_payment_methods(result: Any) -> None:
    assert isinstance(result, Page)
    assert result.count == 1
    [card] = result.data
    assert isinstance(card, PaymentMethod)
    assert card.id == "pm_1Nv0cW2eZvKYlo2CpH0xZ7mQ"
    # The generated model names the `type` field `type_`.
    assert (card.type_, card.brand, card.last4) == ("card", "visa", "4242")
    assert (card.exp_month, card.exp_year) == (8, 2027)
    assert card.country == "GB"
    assert card.funding == "credit"
    assert card.wallet is None
    assert card.fingerprint == "Xt5EWLLDS7FJjR1c"
    assert card.checks["cvc_check"] == "pass"
    assert card.three_d_secure_usage["supported"] is True


def check_attachments(result: Any) -> None:
    assert isinstance(result, Page)
    assert result.count == 2
    assert all(isinstance(a, Attachment) for a in result.data)
    first, second = result.data
    assert (first.ehr_partner_file_id, first.file_name, first.file_extension) == (
        "F-881",
        "discharge-letter",
        "pdf",
    )
    assert first.created_at == datetime.datetime(2024, 3, 2, 10, 15, tzinfo=UTC)
    assert second.file_extension == "docx"
    assert second.created_at is None


def check_merge_preview(result: Any) -> None:
    assert isinstance(result, MergePreview)
    assert (result.main_id, result.incoming_id) == ("1234", "5678")
    assert result.token == "mt_9b1e6c2f4a"
    check_ada(result.main)
    check_ada(result.result)
    assert isinstance(result.incoming, Patient)
    assert result.incoming.id == "5678"
    assert result.incoming.first_name == "Augusta"
    # The result is the main patient unchanged, so nothing is listed as changing.
    assert result.changes == ()


def check_none(result: Any) -> None:
    assert result is None


# ---- the operations table ------------------------------------------------------------


@dataclass(frozen=True)
class Case:
    """One call, the request it must send, Hero's answer, and the result it must give."""

    call: Callable[[HeroHealth], Awaitable[Any]]
    method: str
    url: str
    body: dict[str, Any] | None  # None: a request without a body
    answer: dict[str, Any] | None  # None: 200 with no body
    check: Callable[[Any], None]


REGISTER_ALL_FIELDS = {
    "ehr_partner_id": "500123",
    "sex": "Female",
    "title": "Dr",
    "landline": "0113 496 0000",
    "address_line_1": "1 High Street",
    "address_line_2": "Flat 2",
    "address_line_3": "Headingley",
    "country": "United Kingdom",
    "postcode": "LS6 3AA",
    "town": "Leeds",
    "county": "West Yorkshire",
    "data_source": "emis",
    "caller": "booking-portal",
    "email": "ada@example.com",
}

CASES = [
    pytest.param(
        Case(
            lambda hero: hero.patients.get("1234"),
            "GET", "https://hero.test/v1/patients/1234", None, PATIENT, check_patient,
        ),
        id="get",
    ),
    pytest.param(
        Case(
            lambda hero: hero.patients.get_v2("1234"),
            "GET", "https://hero.test/v2/patients/1234", None, PATIENT_V2, check_patient_v2,
        ),
        id="get_v2",
    ),
    pytest.param(
        Case(
            lambda hero: hero.patients.get_v2("1234", data_source="hero"),
            "GET", "https://hero.test/v2/patients/1234?data_source=hero", None, PATIENT_V2,
            check_patient_v2,
        ),
        id="get_v2-data_source",
    ),
    pytest.param(
        Case(
            lambda hero: hero.patients.list(),
            "GET", "https://hero.test/v1/patients", None,
            {"data": [PATIENT, OTHER_PATIENT], "count": 2}, check_patient_list,
        ),
        id="list",
    ),
    pytest.param(
        Case(
            lambda hero: hero.patients.list(field="nhs_number", search=NHS),
            "GET", f"https://hero.test/v1/patients?field=nhs_number&search={NHS}", None,
            {"data": [PATIENT, OTHER_PATIENT], "count": 2}, check_patient_list,
        ),
        id="list-search",
    ),
    pytest.param(
        Case(
            lambda hero: hero.patients.list_v2(data_source="ehr"),
            "GET", "https://hero.test/v2/patients?dataSource=ehr", None,
            {"data": [PATIENT_V2, EHR_CANDIDATE], "count": 2}, check_patient_v2_list,
        ),
        id="list_v2-dataSource",
    ),
    pytest.param(
        Case(
            lambda hero: hero.patients.list_v2(
                field="last_name", search="Lovelace", data_source="hero"
            ),
            "GET", "https://hero.test/v2/patients?field=last_name&search=Lovelace&dataSource=hero",
            None, {"data": [PATIENT_V2, EHR_CANDIDATE], "count": 2}, check_patient_v2_list,
        ),
        id="list_v2-search",
    ),
    pytest.param(
        Case(
            lambda hero: hero.patients.register(
                first_name="Ada", last_name="Lovelace", dob=DOB, mobile="07700900123",
                nhs_number="943 476 5919",
            ),
            "POST", "https://hero.test/v1/patients/register",
            {"dob": "1989-04-11", "first_name": "Ada", "last_name": "Lovelace",
             "mobile": "07700900123", "nhs_number": NHS},
            REGISTERED, check_registered,
        ),
        id="register",
    ),
    pytest.param(
        Case(
            lambda hero: hero.patients.register(
                dob="1989-04-11", first_name="Ada", last_name="Lovelace", mobile="07700900123",
                nhs_number=NHS, **REGISTER_ALL_FIELDS,
            ),
            "POST", "https://hero.test/v1/patients/register",
            {"dob": "1989-04-11", "first_name": "Ada", "last_name": "Lovelace",
             "mobile": "07700900123", "nhs_number": NHS, **REGISTER_ALL_FIELDS},
            REGISTERED, check_registered,
        ),
        id="register-all-fields",
    ),
    pytest.param(
        Case(
            lambda hero: hero.patients.register_pds(nhs_number=NHS, dob=DOB),
            "POST", "https://hero.test/v1/patients/register_pds",
            {"nhs_number": NHS, "dob": "1989-04-11T00:00:00+00:00"},
            REGISTERED, check_registered,
        ),
        id="register_pds-nhs_number-registered",
    ),
    pytest.param(
        Case(
            lambda hero: hero.patients.register_pds(
                nhs_number="943 476 5919", dob="1989-04-11", ehr_partner="emis",
                ehr_partner_id="500123",
            ),
            "POST", "https://hero.test/v1/patients/register_pds",
            {"nhs_number": NHS, "dob": "1989-04-11T00:00:00+00:00", "ehr_partner": "emis",
             "ehr_partner_id": "500123"},
            LOGIN_REQUIRED, check_login_required,
        ),
        id="register_pds-nhs_number-login_required",
    ),
    pytest.param(
        Case(
            lambda hero: hero.patients.register_pds(
                dob=DOB, postcode="LS6 3AA", forename="Ada", surname="Lovelace"
            ),
            "POST", "https://hero.test/v1/patients/register_pds",
            {"dob": "1989-04-11T00:00:00+00:00", "postcode": "LS6 3AA", "forename": "Ada",
             "surname": "Lovelace"},
            REGISTERED, check_registered,
        ),
        id="register_pds-demographics-registered",
    ),
    pytest.param(
        Case(
            lambda hero: hero.patients.register_pds(
                dob=DOB, postcode="LS6 3AA", forename="Ada", surname="Lovelace",
                ehr_partner="emis",
            ),
            "POST", "https://hero.test/v1/patients/register_pds",
            {"dob": "1989-04-11T00:00:00+00:00", "postcode": "LS6 3AA", "forename": "Ada",
             "surname": "Lovelace", "ehr_partner": "emis"},
            LOGIN_REQUIRED, check_login_required,
        ),
        id="register_pds-demographics-login_required",
    ),
    pytest.param(
        Case(
            lambda hero: hero.patients.billing_info("1234"),
            "GET", "https://hero.test/v1/patients/1234/billing_info", None, BILLING_INFO,
            check_billing_info,
        ),
        id="billing_info",
    ),
    pytest.param(
        Case(
            lambda hero: hero.patients.payment_methods("1234"),
            "GET", "https://hero.test/v1/patients/1234/payment_methods", None, PAYMENT_METHODS,
            check_payment_methods,
        ),
        id="payment_methods",
    ),
    pytest.param(
        Case(
            lambda hero: hero.patients.attachments("1234"),
            "GET", "https://hero.test/v1/patients/1234/attachments", None, ATTACHMENTS,
            check_attachments,
        ),
        id="attachments",
    ),
    pytest.param(
        Case(
            lambda hero: hero.patients.ehr.candidates("1234"),
            "GET", "https://hero.test/v1/patients/1234/ehr/candidates", None,
            {"data": [EHR_CANDIDATE], "count": 1}, check_candidates,
        ),
        id="ehr.candidates",
    ),
    pytest.param(
        Case(
            lambda hero: hero.patients.ehr.connect("1234", ehr_partner_id="500999"),
            "POST", "https://hero.test/v1/patients/1234/ehr/connect",
            {"ehr_partner_id": "500999"}, None, check_none,
        ),
        id="ehr.connect",
    ),
    pytest.param(
        Case(
            lambda hero: hero.patients.merge_preview("1234", "5678"),
            "POST", "https://hero.test/v1/patients/1234/merge/preview",
            {"patient_id": "5678"}, MERGE_PREVIEW, check_merge_preview,
        ),
        id="merge_preview",
    ),
    pytest.param(
        Case(
            lambda hero: hero.patients.merge("1234", "5678", token="mt_9b1e6c2f4a"),
            "POST", "https://hero.test/v1/patients/1234/merge",
            {"merge_token": "mt_9b1e6c2f4a", "patient_id": "5678"}, None, check_none,
        ),
        id="merge",
    ),
]  # fmt: skip


async def _call(hero: HeroHealth, httpx_mock: HTTPXMock, case: Case) -> Any:
    """Answer `case` once, make the call, and return its result."""
    if case.answer is None:
        httpx_mock.add_response(method=case.method, url=case.url, status_code=200)
    else:
        httpx_mock.add_response(method=case.method, url=case.url, json=case.answer)
    return await case.call(hero)


@pytest.mark.parametrize("case", CASES)
async def test_sends_the_method_url_and_body(
    hero: HeroHealth, httpx_mock: HTTPXMock, case: Case
) -> None:
    await _call(hero, httpx_mock, case)

    [request] = httpx_mock.get_requests()
    assert request.method == case.method
    assert str(request.url) == case.url
    if case.body is None:
        assert request.content == b""
    else:
        assert request.headers["content-type"] == "application/json"
        assert json.loads(request.content) == case.body


@pytest.mark.parametrize("case", CASES)
async def test_sends_both_auth_headers_and_the_user_agent(
    hero: HeroHealth, httpx_mock: HTTPXMock, case: Case
) -> None:
    await _call(hero, httpx_mock, case)

    [request] = httpx_mock.get_requests()
    assert request.headers["x-api-key"] == "test-key"
    assert request.headers["x-practice-group-id"] == "pg-1"
    assert request.headers["user-agent"].startswith("herohealth-sdk-python/")
    assert request.headers["user-agent"] == f"herohealth-sdk-python/{__version__}"
    assert request.headers["accept"] == "application/json"


@pytest.mark.parametrize("case", CASES)
async def test_returns_the_typed_result(
    hero: HeroHealth, httpx_mock: HTTPXMock, case: Case
) -> None:
    result = await _call(hero, httpx_mock, case)

    case.check(result)


def test_the_table_covers_every_patients_operation() -> None:
    names = {param.id.split("-")[0] for param in CASES}
    methods = {
        ".".join([*located.resource.split(".")[1:], located.method])
        for located in OPERATIONS.values()
        if located.resource.split(".")[0] == "patients"
    }
    assert names == methods


# ---- NHS numbers as people write them -------------------------------------------------


@pytest.mark.parametrize("written", ["943 476 5919", "943-476-5919", " 9434765919 "])
async def test_register_accepts_a_spaced_nhs_number_and_sends_ten_digits(
    hero: HeroHealth, httpx_mock: HTTPXMock, written: str
) -> None:
    httpx_mock.add_response(
        method="POST", url="https://hero.test/v1/patients/register", json=REGISTERED
    )

    registered = await hero.patients.register(
        first_name="Ada", last_name="Lovelace", dob=DOB, mobile="07700900123", nhs_number=written
    )

    [request] = httpx_mock.get_requests()
    assert json.loads(request.content)["nhs_number"] == "9434765919"
    assert registered.patient_id == "1234"


async def test_register_pds_accepts_a_spaced_nhs_number_and_sends_ten_digits(
    hero: HeroHealth, httpx_mock: HTTPXMock
) -> None:
    httpx_mock.add_response(
        method="POST", url="https://hero.test/v1/patients/register_pds", json=REGISTERED
    )

    registered = await hero.patients.register_pds(nhs_number="943 476 5919", dob=DOB)

    [request] = httpx_mock.get_requests()
    assert json.loads(request.content) == {
        "nhs_number": "9434765919",
        "dob": "1989-04-11T00:00:00+00:00",
    }
    assert isinstance(registered, RegisteredPatient)
    assert registered.patient_id == "1234"


# ---- path injection: ids are refused before anything is sent --------------------------

BAD_IDS = ["1/merge", "../admin", "1?x=1", "", "abc", " 1", "1#frag", "12 34", "-1"]

ID_CALLS = [
    pytest.param(lambda hero, id: hero.patients.get(id), "id", id="get"),
    pytest.param(lambda hero, id: hero.patients.get_v2(id, data_source="ehr"), "id", id="get_v2"),
    pytest.param(lambda hero, id: hero.patients.billing_info(id), "id", id="billing_info"),
    pytest.param(lambda hero, id: hero.patients.payment_methods(id), "id", id="payment_methods"),
    pytest.param(lambda hero, id: hero.patients.attachments(id), "id", id="attachments"),
    pytest.param(lambda hero, id: hero.patients.ehr.candidates(id), "id", id="ehr.candidates"),
    pytest.param(
        lambda hero, id: hero.patients.ehr.connect(id, ehr_partner_id="500999"),
        "id",
        id="ehr.connect",
    ),
    # The merge operations name their path id after its role: the main patient.
    pytest.param(
        lambda hero, id: hero.patients.merge_preview(id, "5678"), "main_id", id="merge_preview"
    ),
    pytest.param(
        lambda hero, id: hero.patients.merge(id, "5678", token="mt_1"), "main_id", id="merge"
    ),
]


@pytest.mark.parametrize("bad_id", BAD_IDS)
@pytest.mark.parametrize(("call", "field"), ID_CALLS)
async def test_a_path_id_that_is_not_a_hero_id_is_refused_and_nothing_is_sent(
    hero: HeroHealth,
    httpx_mock: HTTPXMock,
    call: Callable[[HeroHealth, str], Awaitable[Any]],
    field: str,
    bad_id: str,
) -> None:
    with pytest.raises(InvalidInputError) as caught:
        await call(hero, bad_id)

    assert caught.value.field == field
    assert httpx_mock.get_requests() == []


@pytest.mark.parametrize("bad_id", ["1/merge", "../admin", "1?x=1", "", "abc", " 1"])
@pytest.mark.parametrize(
    "call",
    [
        pytest.param(
            lambda hero, id: hero.patients.merge_preview("1234", id),
            id="merge_preview",
        ),
        pytest.param(
            lambda hero, id: hero.patients.merge("1234", id, token="mt_1"),
            id="merge",
        ),
    ],
)
async def test_a_body_patient_id_that_is_not_a_hero_id_is_refused(
    hero: HeroHealth,
    httpx_mock: HTTPXMock,
    call: Callable[[HeroHealth, str], Awaitable[Any]],
    bad_id: str,
) -> None:
    # The incoming patient's id is sent as the body's `patient_id`.
    with pytest.raises(InvalidInputError) as caught:
        await call(hero, bad_id)

    assert caught.value.field == "incoming_id"
    assert httpx_mock.get_requests() == []


# ---- local validation: a bad argument is an InvalidInputError naming it ---------------

ADA = {"first_name": "Ada", "last_name": "Lovelace", "dob": DOB, "mobile": "07700900123"}


def register(**changes: Any) -> Callable[[HeroHealth], Awaitable[Any]]:
    """A register call with Ada's valid arguments, except `changes`."""
    return lambda hero: hero.patients.register(**{**ADA, **changes})


def tomorrow() -> datetime.date:
    return datetime.date.today() + datetime.timedelta(days=1)


INVALID = [
    # NHS numbers
    pytest.param(register(nhs_number="9434765918"), "nhs_number", id="nhs-wrong-check-digit"),
    pytest.param(register(nhs_number="943476591"), "nhs_number", id="nhs-9-digits"),
    pytest.param(register(nhs_number="94347659190"), "nhs_number", id="nhs-11-digits"),
    pytest.param(register(nhs_number="94347659AB"), "nhs_number", id="nhs-letters"),
    pytest.param(register(nhs_number="943 4765919"), "nhs_number", id="nhs-odd-spacing"),
    pytest.param(register(nhs_number=""), "nhs_number", id="nhs-empty"),
    pytest.param(register(nhs_number=9434765919), "nhs_number", id="nhs-int"),
    pytest.param(
        lambda hero: hero.patients.register_pds(nhs_number="9434765918", dob=DOB),
        "nhs_number",
        id="register_pds-nhs-wrong-check-digit",
    ),
    # dates of birth
    pytest.param(register(dob="not a date"), "dob", id="dob-not-a-date"),
    pytest.param(register(dob="11/04/1989"), "dob", id="dob-uk-format"),
    pytest.param(register(dob="1989-02-30"), "dob", id="dob-no-such-day"),
    pytest.param(register(dob="1989-04-11T00:00:00Z"), "dob", id="dob-datetime-string"),
    pytest.param(
        register(dob=datetime.datetime(1989, 4, 11, tzinfo=UTC)), "dob", id="dob-datetime"
    ),
    pytest.param(
        lambda hero: hero.patients.register(**{**ADA, "dob": tomorrow()}), "dob", id="dob-future"
    ),
    pytest.param(register(dob=19890411), "dob", id="dob-int"),
    pytest.param(
        lambda hero: hero.patients.register_pds(nhs_number=NHS, dob="11/04/1989"),
        "dob",
        id="register_pds-dob-uk-format",
    ),
    pytest.param(
        lambda hero: hero.patients.register_pds(nhs_number=NHS, dob=tomorrow()),
        "dob",
        id="register_pds-dob-future",
    ),
    # required strings
    pytest.param(register(first_name=""), "first_name", id="first_name-empty"),
    pytest.param(register(last_name="   "), "last_name", id="last_name-blank"),
    pytest.param(register(mobile=""), "mobile", id="mobile-empty"),
    pytest.param(register(first_name=123), "first_name", id="first_name-int"),
    pytest.param(register(last_name=None), "last_name", id="last_name-none"),
    pytest.param(register(email=42), "email", id="email-int"),
    pytest.param(register(caller=""), "caller", id="caller-empty"),
    # sdk.yaml's non_empty for the Patients resource's postcode (a PDS trace matches on it).
    pytest.param(register(postcode="  "), "postcode", id="register-postcode-blank"),
    pytest.param(
        lambda hero: hero.patients.list(search=9434765919), "search", id="list-search-int"
    ),
    # enum values
    pytest.param(register(sex="M"), "sex", id="sex-M"),
    pytest.param(register(sex="female"), "sex", id="sex-lowercase"),
    pytest.param(register(data_source="x"), "data_source", id="register-data_source-x"),
    pytest.param(lambda hero: hero.patients.list(field="name"), "field", id="list-field-name"),
    pytest.param(
        lambda hero: hero.patients.get_v2("1234", data_source="pds"),
        "data_source",
        id="get_v2-data_source-pds",
    ),
    pytest.param(
        lambda hero: hero.patients.list_v2(data_source="x"),
        "data_source",
        id="list_v2-data_source-x",
    ),
    # register_pds: one way of tracing, complete
    pytest.param(
        lambda hero: hero.patients.register_pds(nhs_number=NHS, dob=DOB, postcode="LS6 3AA"),
        "postcode",
        id="register_pds-nhs_number-and-postcode",
    ),
    pytest.param(
        lambda hero: hero.patients.register_pds(dob=DOB, postcode="LS6 3AA", forename="Ada"),
        "surname",
        id="register_pds-no-nhs_number-no-surname",
    ),
    pytest.param(
        lambda hero: hero.patients.register_pds(dob=DOB),
        "nhs_number",
        id="register_pds-nothing-to-trace-by",
    ),
    pytest.param(
        lambda hero: hero.patients.register_pds(
            dob=DOB, postcode="LS6 3AA", forename="", surname="Lovelace"
        ),
        "forename",
        id="register_pds-empty-forename",
    ),
    pytest.param(
        lambda hero: hero.patients.register_pds(nhs_number=NHS, dob=DOB, ehr_partner=""),
        "ehr_partner",
        id="register_pds-empty-ehr_partner",
    ),
    pytest.param(
        lambda hero: hero.patients.register_pds(nhs_number=NHS, dob=DOB, ehr_partner_id=""),
        "ehr_partner_id",
        id="register_pds-empty-ehr_partner_id",
    ),
    # merge and EHR
    pytest.param(
        lambda hero: hero.patients.merge("1234", "1234", token="mt_1"),
        "incoming_id",
        id="merge-into-itself",
    ),
    pytest.param(
        lambda hero: hero.patients.merge_preview("1234", "1234"),
        "incoming_id",
        id="merge_preview-into-itself",
    ),
    pytest.param(
        lambda hero: hero.patients.merge("1234", "5678", token=""),
        "merge_token",
        id="merge-empty-merge_token",
    ),
    pytest.param(
        lambda hero: hero.patients.ehr.connect("1234", ehr_partner_id=""),
        "ehr_partner_id",
        id="ehr.connect-empty-ehr_partner_id",
    ),
    pytest.param(
        lambda hero: hero.patients.ehr.connect("1234", ehr_partner_id="  "),
        "ehr_partner_id",
        id="ehr.connect-blank-ehr_partner_id",
    ),
    # per-call options
    pytest.param(
        lambda hero: hero.patients.get("1234", max_retries=-1),
        "max_retries",
        id="max_retries-negative",
    ),
]


@pytest.mark.parametrize(("call", "field"), INVALID)
async def test_invalid_input_is_refused_locally(
    hero: HeroHealth,
    httpx_mock: HTTPXMock,
    call: Callable[[HeroHealth], Awaitable[Any]],
    field: str,
) -> None:
    with pytest.raises(InvalidInputError) as caught:
        await call(hero)

    error = caught.value
    assert isinstance(error, ValueError)
    assert isinstance(error, HeroError)
    assert error.field == field
    assert str(error).startswith(f"{field}: ")
    assert httpx_mock.get_requests() == []


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        # The closest variant: fewest arguments to add or drop, then fewest to drop.
        ({"postcode": "LS6 3AA"}, "forename: is required"),
        ({"postcode": "LS6 3AA", "forename": "Ada"}, "surname: is required"),
        ({}, "nhs_number: is required"),
        # The conflicting arguments are named, not the dob both variants take.
        ({"nhs_number": NHS, "postcode": "LS6 3AA"}, "postcode: cannot be sent together with "
         "nhs_number"),
        ({"nhs_number": NHS, "postcode": "LS6 3AA", "forename": "Ada", "surname": "Lovelace"},
         "nhs_number: cannot be sent together with forename, postcode, surname"),
        ({"postcode": " ", "forename": "Ada", "surname": "Lovelace"}, "postcode: must not be "
         "empty"),
        ({"postcode": "LS6 3AA", "forename": "", "surname": "Lovelace"}, "forename: must not be "
         "empty"),
        ({"postcode": "LS6 3AA", "forename": "Ada", "surname": "\t"}, "surname: must not be empty"),
    ],
)  # fmt: skip
async def test_register_pds_says_which_trace_the_arguments_miss_or_mix(
    hero: HeroHealth, httpx_mock: HTTPXMock, arguments: dict[str, Any], message: str
) -> None:
    # By NHS number, or by postcode, forename and surname: the body's oneOf, checked before
    # sending; the message names arguments only, never a value.
    with pytest.raises(InvalidInputError) as caught:
        await hero.patients.register_pds(dob=DOB, **arguments)
    assert str(caught.value) == message
    assert httpx_mock.get_requests() == []


async def test_register_pds_has_a_raw_form(hero: HeroHealth, httpx_mock: HTTPXMock) -> None:
    httpx_mock.add_response(
        method="POST", url="https://hero.test/v1/patients/register_pds", json=REGISTERED
    )
    raw = await hero.patients.with_raw_response.register_pds(nhs_number=NHS, dob=DOB)
    assert raw.status_code == 200
    assert isinstance(raw.parse(), RegisteredPatient)


@pytest.mark.parametrize(
    ("value", "problem"),
    [
        (42, "must be a string"),
        (True, "must be a string"),
        (b"ada@example.org", "must be a string"),
        (["ada@example.org"], "must be a string"),
    ],
)
async def test_a_value_a_type_only_rule_refuses_gets_the_schemas_problem(
    hero: HeroHealth, httpx_mock: HTTPXMock, value: object, problem: str
) -> None:
    # email's rule is {"type": ["string"]}: a str is accepted at once, anything else is
    # left to jsonschema, which names the field and the fault.
    with pytest.raises(InvalidInputError) as caught:
        await hero.patients.register(**{**ADA, "email": value})
    assert str(caught.value) == f"email: {problem}"
    assert httpx_mock.get_requests() == []


async def test_a_str_subclass_fits_a_string_rule(hero: HeroHealth, httpx_mock: HTTPXMock) -> None:
    class Email(str):
        pass

    httpx_mock.add_response(
        method="POST", url="https://hero.test/v1/patients/register", json=REGISTERED
    )
    await hero.patients.register(**{**ADA, "email": Email("ada@example.org")})
    assert json.loads(httpx_mock.get_request().content)["email"] == "ada@example.org"


async def test_a_date_of_birth_of_today_is_accepted(
    hero: HeroHealth, httpx_mock: HTTPXMock
) -> None:
    httpx_mock.add_response(
        method="POST", url="https://hero.test/v1/patients/register", json=REGISTERED
    )
    today = datetime.date.today()

    await hero.patients.register(**{**ADA, "dob": today})

    [request] = httpx_mock.get_requests()
    assert json.loads(request.content)["dob"] == today.isoformat()


async def test_a_title_outside_the_enum_is_sent_as_given(
    hero: HeroHealth, httpx_mock: HTTPXMock
) -> None:
    # openapi.yaml: register's `title` is a free string or a Title.
    httpx_mock.add_response(
        method="POST", url="https://hero.test/v1/patients/register", json=REGISTERED
    )

    await hero.patients.register(**ADA, title="Mx")

    [request] = httpx_mock.get_requests()
    assert json.loads(request.content)["title"] == "Mx"


# ---- bugs in src/: these fail until fixed ----------------------------------------------


@pytest.mark.parametrize(
    "non_ascii_id",
    [
        pytest.param("\uff11\uff12\uff13", id="fullwidth-123"),
        pytest.param("\u0661\u0662\u0663", id="arabic-indic-123"),
    ],
)
async def test_a_path_id_of_non_ascii_digits_is_refused(
    hero: HeroHealth, httpx_mock: HTTPXMock, non_ascii_id: str
) -> None:
    # Hero ids are `^\d+$` in openapi.yaml (an ECMA-262 pattern: ASCII 0-9 only) and
    # "digits only, e.g. '1234'" in the error message. _validation.PATIENT_ID_PATTERN
    # uses Python's Unicode `\d`, so fullwidth "123" passes and is sent as
    # /v1/patients/%EF%BC%91%EF%BC%92%EF%BC%93.
    httpx_mock.add_response(json=PATIENT, is_optional=True)  # answers the request, if sent

    with pytest.raises(InvalidInputError) as caught:
        await hero.patients.get(non_ascii_id)

    assert caught.value.field == "id"
    assert httpx_mock.get_requests() == []


async def test_an_nhs_number_of_non_ascii_digits_is_refused(
    hero: HeroHealth, httpx_mock: HTTPXMock
) -> None:
    # check.nhs_number promises "the 10 digits Hero stores"; nhs_number's format regex
    # uses Unicode `\d`, so 9434765919 in Arabic-Indic digits passes the Modulus 11
    # check and is sent to Hero in those digits.
    arabic_indic = NHS.translate({ord("0") + d: 0x0660 + d for d in range(10)})
    assert arabic_indic == "\u0669\u0664\u0663\u0664\u0667\u0666\u0665\u0669\u0661\u0669"
    httpx_mock.add_response(json=REGISTERED, is_optional=True)  # answers the request, if sent

    with pytest.raises(InvalidInputError) as caught:
        await hero.patients.register(**ADA, nhs_number=arabic_indic)

    assert caught.value.field == "nhs_number"
    assert httpx_mock.get_requests() == []


@pytest.mark.parametrize(
    ("call", "field"),
    [
        pytest.param(register(sex=["Female"]), "sex", id="register-sex-list"),
        pytest.param(lambda hero: hero.patients.list(field={}), "field", id="list-field-dict"),
        pytest.param(
            lambda hero: hero.patients.list_v2(data_source=["ehr"]),
            "data_source",
            id="list_v2-data_source-list",
        ),
    ],
)
async def test_an_enum_argument_of_an_unhashable_type_is_invalid_input(
    hero: HeroHealth,
    httpx_mock: HTTPXMock,
    call: Callable[[HeroHealth], Awaitable[Any]],
    field: str,
) -> None:
    # _validation promises every check raises InvalidInputError naming the field;
    # check.one_of does `value not in allowed` on a set, which raises
    # TypeError("unhashable type: 'list'") for a list or dict.
    with pytest.raises(InvalidInputError) as caught:
        await call(hero)

    assert caught.value.field == field
    assert httpx_mock.get_requests() == []
