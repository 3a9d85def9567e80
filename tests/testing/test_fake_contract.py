"""Every answer the fake sends validates against openapi.yaml.

A workflow through the public SDK touches all 13 operations FakeHero models (both
register_pds answers); an httpx event hook captures every response, and each 2xx body is
validated, with format
checks (date-time), against the operation's response schema (JSON Schema 2020-12, the
spec's `components` embedded so `$ref`s resolve). Body-less operations must send no body.
"""

from __future__ import annotations

import datetime
import re
from pathlib import Path
from typing import Any

import httpx
import yaml
from helpers import fake_client
from jsonschema import Draft202012Validator

from herohealth import HeroHealth, PdsLoginRequired, RegisteredPatient
from herohealth.testing import FakeHero
from herohealth.testing._state import OPERATIONS as STATEFUL

from .conftest import NHS, NHS_2, NHS_3

SPEC = yaml.safe_load((Path(__file__).resolve().parents[2] / "openapi.yaml").read_text())
FORMATS = Draft202012Validator.FORMAT_CHECKER


def operation_for(method: str, path: str) -> tuple[str, dict[str, Any]]:
    """The openapi.yaml operation a request went to: (operationId, operation)."""
    for template, item in SPEC["paths"].items():
        pattern = "^" + re.sub(r"\{[^}]+\}", "[^/]+", template) + "$"
        if re.match(pattern, path) and method.lower() in item:
            operation = item[method.lower()]
            return operation["operationId"], operation
    raise AssertionError(f"no operation in openapi.yaml for {method} {path}")


def response_schema(operation: dict[str, Any]) -> dict[str, Any] | None:
    content = operation["responses"]["200"].get("content")
    if content is None:
        return None
    return {**content["application/json"]["schema"], "components": SPEC["components"]}


class Captured:
    """Every response the client received, with its body read."""

    def __init__(self) -> None:
        self.responses: list[httpx.Response] = []

    async def __call__(self, response: httpx.Response) -> None:
        await response.aread()
        self.responses.append(response)


async def run_workflow(hero: HeroHealth, fake: FakeHero) -> None:
    dob = datetime.date(1989, 4, 11)
    ada = await hero.patients.register(
        first_name="Ada",
        last_name="Lovelace",
        dob=dob,
        mobile="07700900123",
        nhs_number=NHS,
        title="Dr",
        sex="Female",
        email="ada@example.com",
        postcode="SW1A 1AA",
        address_line_1="1 Street",
    )
    twin = await hero.patients.register(
        first_name="Ada",
        last_name="Lovelace",
        dob=dob,
        mobile="07700900999",
        nhs_number=NHS_2,
        landline="02000000000",
        title="Lord",  # outside the enum: accepted, read back as null
    )
    traced = await hero.patients.register_pds(dob=dob, nhs_number=NHS)
    assert isinstance(traced, RegisteredPatient)
    created = await hero.patients.register_pds(dob=datetime.date(1950, 1, 2), nhs_number=NHS_3)
    assert isinstance(created, RegisteredPatient)
    found = await hero.patients.register_pds(
        dob=dob, postcode="sw1a1aa", forename="ADA", surname="lovelace"
    )
    assert found == RegisteredPatient(patient_id=ada.patient_id)
    login = await hero.patients.register_pds(
        dob=dob, postcode="N1 1AA", forename="Nobody", surname="Known"
    )
    assert isinstance(login, PdsLoginRequired)

    ehr_id = fake.add_ehr_record(
        first_name="Ada",
        last_name="Lovelace",
        dob=dob,
        nhs_number=NHS,
        emis_id="500123",
        line_1="1 Street",
        last_sync_at=datetime.datetime(2024, 1, 2, 3, 4, 5, tzinfo=datetime.UTC),
    )
    fake.add_ehr_record(
        first_name="Grace", last_name="Hopper", dob="1906-12-09", data_source="systm_one"
    )
    fake.add_attachment(ada.patient_id, file_name="letter.pdf")
    fake.set_billing_info(ada.patient_id, external_billing_id="cus_123", insurer="Bupa")
    fake.add_payment_method(ada.patient_id)

    await hero.patients.list()
    await hero.patients.list(field="nhs_number", search=NHS)
    await hero.patients.list(field="dob", search="1989-04-11")
    await hero.patients.list_v2()
    await hero.patients.list_v2(data_source="ehr", field="last_name", search="Hopper")
    await hero.patients.get(ada.patient_id)
    await hero.patients.get_v2(twin.patient_id, data_source="hero")
    await hero.patients.ehr.candidates(ada.patient_id)
    await hero.patients.ehr.connect(ada.patient_id, ehr_partner_id=ehr_id)
    await hero.patients.get_v2(ada.patient_id, data_source="ehr")
    await hero.patients.attachments(ada.patient_id)
    await hero.patients.billing_info(ada.patient_id)
    await hero.patients.billing_info(twin.patient_id)  # the default record
    await hero.patients.payment_methods(ada.patient_id)
    await hero.patients.payment_methods(twin.patient_id)  # none: an empty list
    preview = await hero.patients.merge_preview(ada.patient_id, twin.patient_id)
    await hero.patients.merge(preview)
    await hero.patients.get(twin.patient_id)  # archived


async def test_every_response_of_a_full_workflow_matches_openapi_yaml(fake: FakeHero) -> None:
    assert "date-time" in FORMATS.checkers, "date-time format checks need rfc3339-validator"
    captured = Captured()
    async with fake_client(fake, transport={"event_hooks": {"response": [captured]}}) as hero:
        await run_workflow(hero, fake)

    seen: set[str] = set()
    for response in captured.responses:
        assert response.status_code == 200, response.text
        operation_id, operation = operation_for(response.request.method, response.url.path)
        seen.add(operation_id)
        schema = response_schema(operation)
        if schema is None:
            assert response.content == b"", operation_id
            continue
        assert response.headers["content-type"] == "application/json"
        validator = Draft202012Validator(schema, format_checker=FORMATS)
        errors = [error.message for error in validator.iter_errors(response.json())]
        assert errors == [], f"{operation_id}: {errors}"
    # Every operation the fake models statefully; the rest answer openapi.yaml's examples
    # (tests/testing/test_fake_spec.py), and a release may add any number of those.
    assert seen == set(STATEFUL)


async def test_both_register_pds_answers_were_validated_as_their_variant(fake: FakeHero) -> None:
    # oneOf: each answer must match exactly one of RegisteredPatient / PdsLoginRequired.
    schema = response_schema(operation_for("POST", "/v1/patients/register_pds")[1])
    assert schema is not None
    validator = Draft202012Validator(schema, format_checker=FORMATS)
    headers = {"x-api-key": fake.api_key, "x-practice-group-id": fake.practice_group_id}
    async with fake.client(headers=headers) as raw:
        by_nhs = await raw.post(
            "/v1/patients/register_pds", json={"nhs_number": NHS, "dob": "1989-04-11"}
        )
        login = await raw.post(
            "/v1/patients/register_pds",
            json={"dob": "1989-04-11", "postcode": "X", "forename": "A", "surname": "B"},
        )
    assert set(by_nhs.json()) == {"patient_id"}
    assert set(login.json()) == {"message", "login_url"}
    for response in (by_nhs, login):
        assert list(validator.iter_errors(response.json())) == []
