"""`hero.<resource>.with_raw_response.<method>(...)`: the HTTP answer, then `parse()`."""

from __future__ import annotations

import json
from datetime import timedelta
from typing import assert_type

import httpx
import pytest
from helpers import NHS_NUMBER, PATIENT
from pytest_httpx import HTTPXMock

from herohealth import (
    HeroHealth,
    InternalServerError,
    InvalidInputError,
    NotFoundError,
    Patient,
    PatientList,
    PatientV2List,
    RawResponse,
    ResponseValidationError,
)

BASE = "https://hero.test"


async def test_a_get_answers_with_status_headers_request_id_and_a_typed_parse(
    hero: HeroHealth, httpx_mock: HTTPXMock
) -> None:
    httpx_mock.add_response(
        url=f"{BASE}/v1/patients/1", json=PATIENT, headers={"x-request-id": "req_42"}
    )

    raw = await hero.patients.with_raw_response.get("1")

    assert_type(raw, RawResponse[Patient])
    assert isinstance(raw, RawResponse)
    assert raw.status_code == 200
    assert raw.request_id == "req_42"
    assert raw.headers["content-type"] == "application/json"
    assert isinstance(raw.http_response, httpx.Response)
    assert raw.http_response.json() == PATIENT
    assert isinstance(raw.elapsed, timedelta)
    assert raw.elapsed >= timedelta(0)
    patient = raw.parse()
    assert_type(patient, Patient)
    assert isinstance(patient, Patient)
    assert patient.id == "1"
    assert "req_42" not in repr(raw)
    assert repr(raw) == "RawResponse[get_patient](status_code=200)"


async def test_the_same_call_without_raw_still_returns_the_model(
    hero: HeroHealth, httpx_mock: HTTPXMock
) -> None:
    httpx_mock.add_response(url=f"{BASE}/v1/patients/1", json=PATIENT, is_reusable=True)

    raw = await hero.patients.with_raw_response.get("1")
    plain = await hero.patients.get("1")

    assert isinstance(plain, Patient)
    assert plain.to_dict() == raw.parse().to_dict()
    [first, second] = httpx_mock.get_requests()
    assert first.headers["x-api-key"] == second.headers["x-api-key"] == "test-key"
    assert first.url == second.url


async def test_a_list_answers_with_its_first_page_and_parses_to_the_envelope(
    hero: HeroHealth, httpx_mock: HTTPXMock
) -> None:
    url = f"{BASE}/v1/patients?field=nhs_number&search={NHS_NUMBER}"
    httpx_mock.add_response(url=url, json={"data": [PATIENT], "count": 1})

    raw = await hero.patients.with_raw_response.list(field="nhs_number", search=NHS_NUMBER)

    assert_type(raw, RawResponse[PatientList])
    assert raw.status_code == 200
    envelope = raw.parse()
    assert isinstance(envelope, PatientList)
    assert envelope.count == 1
    assert [p.id for p in envelope.data] == ["1"]
    assert len(httpx_mock.get_requests()) == 1


async def test_a_sub_resource_has_raw_responses_both_ways(
    hero: HeroHealth, httpx_mock: HTTPXMock
) -> None:
    url = f"{BASE}/v1/patients/1234/ehr/candidates"
    httpx_mock.add_response(url=url, json={"data": [], "count": 0}, is_reusable=True)

    via_parent = await hero.patients.with_raw_response.ehr.candidates("1234")
    via_child = await hero.patients.ehr.with_raw_response.candidates("1234")

    assert_type(via_parent, RawResponse[PatientV2List])
    for raw in (via_parent, via_child):
        assert isinstance(raw.parse(), PatientV2List)
        assert raw.parse().count == 0
    assert len(httpx_mock.get_requests()) == 2


async def test_a_no_content_operation_answers_with_its_status_and_parses_to_none(
    hero: HeroHealth, httpx_mock: HTTPXMock
) -> None:
    url = f"{BASE}/v1/patients/1234/ehr/connect"
    httpx_mock.add_response(method="POST", url=url, status_code=200)

    raw = await hero.patients.ehr.with_raw_response.connect("1234", ehr_partner_id="500999")

    assert_type(raw, RawResponse[None])
    assert raw.status_code == 200
    assert raw.request_id is None
    assert raw.parse() is None
    [request] = httpx_mock.get_requests()
    assert json.loads(request.content) == {"ehr_partner_id": "500999"}


async def test_a_404_raises_not_found_through_the_raw_call(
    hero: HeroHealth, httpx_mock: HTTPXMock
) -> None:
    httpx_mock.add_response(
        url=f"{BASE}/v1/patients/9", status_code=404, json={"message": "Patient not found"}
    )

    with pytest.raises(NotFoundError) as caught:
        await hero.patients.with_raw_response.get("9")

    assert caught.value.status_code == 404


async def test_the_raw_call_is_retried_like_any_other(
    hero: HeroHealth, httpx_mock: HTTPXMock, sleeps: list[float]
) -> None:
    url = f"{BASE}/v1/patients/1"
    httpx_mock.add_response(url=url, status_code=503)
    httpx_mock.add_response(url=url, json=PATIENT)

    raw = await hero.with_options(max_retries=1).patients.with_raw_response.get("1")

    assert raw.status_code == 200
    assert len(httpx_mock.get_requests()) == 2
    assert len(sleeps) == 1


async def test_a_non_idempotent_raw_call_is_not_retried_after_a_5xx(
    hero: HeroHealth, httpx_mock: HTTPXMock, sleeps: list[float]
) -> None:
    url = f"{BASE}/v1/patients/1234/ehr/connect"
    httpx_mock.add_response(method="POST", url=url, status_code=503)

    with pytest.raises(InternalServerError):
        await hero.with_options(max_retries=2).patients.ehr.with_raw_response.connect(
            "1234", ehr_partner_id="500999"
        )

    assert len(httpx_mock.get_requests()) == 1
    assert sleeps == []


async def test_arguments_are_checked_before_anything_is_sent(
    hero: HeroHealth, httpx_mock: HTTPXMock
) -> None:
    with pytest.raises(InvalidInputError) as caught:
        await hero.patients.with_raw_response.get("../admin")
    assert caught.value.field == "id"
    with pytest.raises(TypeError, match="page_size"):
        await hero.patients.with_raw_response.get("1", page_size=5)
    with pytest.raises(InvalidInputError) as page_error:
        await hero.patients.with_raw_response.list(page_size=5)  # no paging parameters
    assert page_error.value.field == "page_size"
    assert httpx_mock.get_requests() == []


async def test_a_body_that_does_not_fit_fails_in_parse_not_before(
    hero: HeroHealth, httpx_mock: HTTPXMock
) -> None:
    httpx_mock.add_response(url=f"{BASE}/v1/patients/1", json={"id": "1"})

    raw = await hero.patients.with_raw_response.get("1")

    assert raw.status_code == 200
    assert raw.http_response.json() == {"id": "1"}
    with pytest.raises(ResponseValidationError):
        raw.parse()


def test_every_generated_method_but_the_workflows_has_a_raw_form(hero: HeroHealth) -> None:
    raw = hero.patients.with_raw_response
    for name in ("get", "get_v2", "list", "list_v2", "register", "register_pds",
                 "billing_info", "payment_methods", "attachments"):  # fmt: skip
        assert callable(getattr(raw, name)), name
    assert callable(raw.ehr.candidates)
    assert callable(raw.ehr.connect)
    # The handwritten workflows (token binding) are left out.
    for name in ("merge_preview", "merge", "merge_patients", "_merge"):
        assert not hasattr(raw, name), name
    assert hero.patients.with_raw_response is raw  # built once per resource
