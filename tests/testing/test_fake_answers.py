"""A plugged handler's answer is checked against openapi.yaml: one Hero could never give is
not sent, and the test fails, naming the operation, the status and the field, never the value.

The SDK talks to the fake as a user's service would (in process, and on a loopback port);
`raw` is plain httpx, to see the 500 the fake answers in its place.
"""

from __future__ import annotations

import asyncio
import datetime
import importlib.resources
import os
import pickle
import subprocess
import sys
import textwrap
from pathlib import Path
from typing import Any

import httpx
import pytest
import yaml
from helpers import fake_client, served_client

from herohealth import InternalServerError, ResponseValidationError
from herohealth.testing import Answer, FakeHero, FakeRequest, OffSpecAnswer
from tests.helpers import checkout_pythonpath

from .conftest import NHS

PATIENT: dict[str, Any] = {
    "id": "1234", "dob": "1989-04-11T00:00:00Z", "first_name": "Ada", "last_name": "Lovelace",
    "nhs_number": NHS, "data_source": "hero", "status": "unarchived", "identifiers": [],
    "ehr_registered": None,
}  # fmt: skip


def answering(body: Any) -> Any:
    return lambda request: body


async def off_spec(fake: FakeHero, raw: httpx.AsyncClient, path: str) -> tuple[int, str, str]:
    """The status and message the client got, and the OffSpecAnswer the fake then raises."""
    response = await raw.get(path)
    with pytest.raises(OffSpecAnswer) as raised:
        fake.check_answers()
    return response.status_code, response.json()["message"], str(raised.value)


@pytest.mark.parametrize(
    ("body", "field", "rule"),
    [
        ({k: v for k, v in PATIENT.items() if k != "status"}, "status", "is required"),
        ({**PATIENT, "nhs_number": int(NHS)}, "nhs_number", "must be a string or None"),
        ({**PATIENT, "status": "deleted"}, "status", "must be one of"),
        ({**PATIENT, "dob": "11/04/1989"}, "dob", "must be an ISO 8601 date-time"),
        ({**PATIENT, "identifiers": [{"label": NHS}]}, "identifiers[0].", "is required"),
        ([PATIENT], "body", "must be an object"),
    ],
    ids=["missing", "type", "enum", "format", "nested", "not-an-object"],
)
async def test_an_answer_the_schema_refuses_is_a_500_and_raised_naming_the_field(
    fake: FakeHero, raw: httpx.AsyncClient, body: Any, field: str, rule: str
) -> None:
    fake.handle("get_patient", answering(body))

    status, message, raised = await off_spec(fake, raw, "/v1/patients/1234")

    assert status == 500
    assert message == raised
    assert raised.startswith(
        "FakeHero: the handler plugged for get_patient (GET /v1/patients/{id}) answered 200 "
        f"off spec (openapi.yaml): field {field}"
    )
    assert rule in raised
    assert "Answer(status, body, off_spec=True)" in raised
    for value in (NHS, "deleted", "11/04/1989", "Lovelace"):  # patient data is never quoted
        assert value not in raised
    assert fake.requests[-1].status == 500
    fake.check_answers()  # raised once, then forgotten


async def test_a_success_status_the_operation_does_not_document_is_off_spec(
    fake: FakeHero, raw: httpx.AsyncClient
) -> None:
    fake.handle("get_patient", answering(Answer(201, PATIENT)))

    status, _, raised = await off_spec(fake, raw, "/v1/patients/1234")

    assert status == 500
    assert (
        "answered 201 off spec (openapi.yaml): the operation documents no 201 (only 200)" in raised
    )


@pytest.mark.parametrize(
    ("operation", "path", "body", "rule"),
    [
        ("get_patient", "/v1/patients/1234", None, "it has no body: the operation documents"),
        ("get_patient", "/v1/patients/1234", b"{}", "the body must be JSON, not bytes"),
        ("get_patient", "/v1/patients/1234", {**PATIENT, "x": float("nan")}, "NaN or infinity"),
        ("get_patient", "/v1/patients/1234", {**PATIENT, "at": datetime.date(2020, 1, 1)},
         "the body is not JSON (Object of type date is not JSON serializable)"),
        ("get_patient", "/v1/patients/1234", Answer("200", PATIENT),  # type: ignore[arg-type]
         "its status is not an HTTP status code"),
    ],
    ids=["none", "bytes", "nan", "date", "status-text"],
)  # fmt: skip
async def test_a_body_that_is_not_what_the_operation_answers_is_off_spec(
    fake: FakeHero, raw: httpx.AsyncClient, operation: str, path: str, body: Any, rule: str
) -> None:
    fake.handle(operation, answering(body))

    status, _, raised = await off_spec(fake, raw, path)

    assert status == 500
    assert rule in raised


async def test_a_body_where_the_operation_documents_none_is_off_spec(
    fake: FakeHero, raw: httpx.AsyncClient
) -> None:
    patient_id = fake.add_patient(first_name="Ada", last_name="Lovelace", dob="1989-04-11")
    fake.handle("connect_patient_ehr", answering({"connected": True}))

    response = await raw.post(
        f"/v1/patients/{patient_id}/ehr/connect", json={"ehr_partner_id": "e"}
    )
    with pytest.raises(OffSpecAnswer, match="documents no content for its 200, and it has a body"):
        fake.check_answers()

    assert response.status_code == 500


async def test_an_error_answer_and_an_answer_that_fits_are_sent_as_they_are(
    fake: FakeHero, raw: httpx.AsyncClient
) -> None:
    def get(request: FakeRequest) -> object:
        if request.path_params["id"] == "1234":
            return PATIENT
        if request.path_params["id"] == "1":
            return Answer(200, PATIENT, headers={"x-extra": "1"})
        return Answer(410, {"gone": True})  # an error Hero does not document: any body

    fake.handle("get_patient", get)

    fits, answered, gone = [await raw.get(f"/v1/patients/{i}") for i in ("1234", "1", "2")]

    assert (fits.status_code, fits.json()) == (200, PATIENT)
    assert (answered.json(), answered.headers["x-extra"]) == (PATIENT, "1")
    assert (gone.status_code, gone.json()) == (410, {"gone": True})
    assert fake.off_spec_answers == []


async def test_off_spec_true_sends_an_answer_unchecked_for_testing_the_sdks_own_checks(
    fake: FakeHero,
) -> None:
    fake.handle("get_patient", answering(Answer(200, {**PATIENT, "status": 7}, off_spec=True)))

    async with fake_client(fake, max_retries=0) as hero:
        with pytest.raises(ResponseValidationError, match="status"):
            await hero.patients.get("1234")

    assert fake.requests[-1].status == 200
    fake.check_answers()  # nothing recorded: sent on purpose


async def test_faults_still_break_a_plugged_answer_that_fits(fake: FakeHero) -> None:
    fake.handle("get_patient", answering(PATIENT))
    fake.malform_next("missing_field", field="status")

    async with fake_client(fake, max_retries=0) as hero:
        with pytest.raises(ResponseValidationError, match="status"):
            await hero.patients.get("1234")
        assert (await hero.patients.get("1234")).first_name == "Ada"

    assert [r.fault for r in fake.requests] == ["malform:missing_field", None]
    assert fake.off_spec_answers == []


async def test_check_answers_raises_the_first_and_notes_the_others(
    fake: FakeHero, raw: httpx.AsyncClient
) -> None:
    fake.handle("get_patient", answering({**PATIENT, "status": "deleted"}))
    fake.handle("list_patients", answering({"data": "none", "count": 0}))

    await raw.get("/v1/patients/1")
    await raw.get("/v1/patients/2")
    await raw.get("/v1/patients")
    with pytest.raises(OffSpecAnswer) as raised:
        fake.check_answers()

    error = raised.value
    assert (error.operation, error.status) == ("get_patient", 200)
    assert [field for field, _ in error.problems] == ["status"]
    notes = error.__notes__
    assert notes[0] == "and 2 more off-spec answers since the last check:"
    assert len(notes) == 3  # the same problem twice is listed once
    assert "list_patients" in notes[2]
    assert "field data: must be a list" in notes[2]
    assert fake.off_spec_answers == []
    copied = pickle.loads(pickle.dumps(error))  # noqa: S301 - the test's own pickle
    assert (str(copied), copied.operation, copied.status) == (str(error), "get_patient", 200)
    assert (copied.problems, copied.__notes__) == (error.problems, notes)


async def test_with_fake_hero_raises_on_exit_once_the_sdk_gave_up_retrying(
    sleeps: list[float],
) -> None:
    async def a_test() -> None:
        with FakeHero() as fake:  # raises on exit
            fake.handle("get_patient", answering({**PATIENT, "status": "deleted"}))
            async with fake_client(fake, max_retries=1) as hero:
                with pytest.raises(InternalServerError):
                    await hero.patients.get("1234")

    with pytest.raises(OffSpecAnswer, match="get_patient") as raised:
        await a_test()

    assert raised.value.__notes__[0] == "and 1 more off-spec answers since the last check:"
    assert len(sleeps) == 1  # the 500 was retried once


async def test_serve_raises_on_exit_over_a_real_port_even_when_the_500_was_swallowed(
    fake: FakeHero,
) -> None:
    fake.handle("get_patient", answering({**PATIENT, "identifiers": None}))

    async def service_lookup() -> str | None:  # a service that shrugs off Hero's errors
        async with served_client(fake, max_retries=0) as hero:
            try:
                return (await hero.patients.get("1234")).first_name
            except InternalServerError:
                return None

    async with asyncio.timeout(15):
        with pytest.raises(OffSpecAnswer, match=r"field identifiers: must be a list"):
            assert await service_lookup() is None


async def test_serve_chains_the_off_spec_answer_to_the_error_it_caused(fake: FakeHero) -> None:
    fake.handle("get_patient", answering({}))

    async with asyncio.timeout(15):
        with pytest.raises(OffSpecAnswer) as raised:
            async with served_client(fake, max_retries=0) as hero:
                await hero.patients.get("1234")

    assert isinstance(raised.value.__context__, InternalServerError)
    assert "field id: is required" in str(raised.value)


TESTS = """
from herohealth import HeroHealth, InternalServerError
from herohealth.testing import FakeHero
import pytest


async def test_swallowed(fake_hero: FakeHero, hero: HeroHealth) -> None:
    fake_hero.handle("get_patient", lambda request: {"id": "1"})
    with pytest.raises(InternalServerError):
        await hero.patients.get("1")


async def test_fits(fake_hero: FakeHero, hero: HeroHealth) -> None:
    fake_hero.handle("get_patient", lambda request: {"id": "1", "dob": None,
        "data_source": "hero", "status": "unarchived", "identifiers": [],
        "ehr_registered": None})
    assert (await hero.patients.get("1")).id == "1"
"""


def test_the_fake_hero_fixture_fails_the_test_at_teardown(tmp_path: Path) -> None:
    (tmp_path / "conftest.py").write_text('pytest_plugins = ["herohealth.testing.fixtures"]\n')
    (tmp_path / "test_service.py").write_text(textwrap.dedent(TESTS))
    (tmp_path / "pytest.ini").write_text(
        "[pytest]\nasyncio_mode = auto\nasyncio_default_fixture_loop_scope = function\n"
    )
    result = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "-W", "error"],
        cwd=tmp_path,
        env={**os.environ, "PYTHONPATH": checkout_pythonpath()},
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 1, result.stdout + result.stderr
    assert "2 passed, 1 error" in result.stdout
    assert "ERROR at teardown of test_swallowed" in result.stdout
    assert "OffSpecAnswer: FakeHero: the handler plugged for get_patient" in result.stdout


# ---- what a spec can document: ranges, error schemas, other media types, variants ----------

REF = "#/components/schemas/"
LETTERS: dict[str, Any] = {
    "/v1/letters/{letter_id}": {
        "parameters": [{"name": "letter_id", "in": "path", "required": True,
                        "schema": {"type": "string"}}],
        "get": {
            "operationId": "getLetter",
            "responses": {
                "2XX": {"description": "The letter",
                        "content": {"application/json": {"schema": {"$ref": REF + "Letter"}}}},
                "4XX": {"description": "Hero's error",
                        "content": {"application/json": {"schema": {"$ref": REF + "Error"}}}},
            },
        },
    },
    "/v1/letters/{letter_id}/pdf": {
        "parameters": [{"name": "letter_id", "in": "path", "required": True,
                        "schema": {"type": "string"}}],
        "get": {
            "operationId": "downloadLetter",
            "responses": {"200": {"description": "The PDF",
                                  "content": {"application/pdf": {"schema": {
                                      "type": "string", "format": "binary"}}}}},
        },
    },
}  # fmt: skip
SCHEMAS: dict[str, Any] = {
    "Error": {"type": "object", "required": ["message"],
              "properties": {"message": {"type": "string"}}},
    "Letter": {"oneOf": [{"$ref": REF + "Typed"}, {"$ref": REF + "Scanned"}],
               "discriminator": {"propertyName": "kind",
                                 "mapping": {"typed": REF + "Typed", "scanned": REF + "Scanned"}}},
    "Typed": {"type": "object", "required": ["kind"],
              "properties": {"kind": {"type": "string"}, "text": {"type": "string"}}},
    "Scanned": {"type": "object", "required": ["kind"],
                "properties": {"kind": {"type": "string"}, "pages": {"type": "integer"}}},
}  # fmt: skip


@pytest.fixture
def letters(tmp_path: Path) -> FakeHero:
    spec = yaml.safe_load(
        (importlib.resources.files("herohealth_openapi") / "openapi.yaml").read_text()
    )
    spec["paths"].update(LETTERS)
    spec["components"]["schemas"].update(SCHEMAS)
    (tmp_path / "openapi.yaml").write_text(yaml.safe_dump(spec), encoding="utf-8")
    return FakeHero(spec=tmp_path / "openapi.yaml")


@pytest.mark.parametrize(
    ("operation", "answer", "problem"),
    [
        ("getLetter", {"kind": "scanned", "pages": 2}, None),  # a Typed would accept it too
        ("getLetter", Answer(203, {"kind": "typed"}), None),  # 2XX
        ("getLetter", {"kind": "scanned", "pages": "two"}, "200 off spec (openapi.yaml): "
         "field pages: must be a whole number"),
        ("getLetter", {"kind": "fax"}, "field kind: must be one of 'scanned', 'typed'"),
        ("getLetter", Answer(404, {"message": "No such letter"}), None),
        ("getLetter", Answer(404, {"error": "No such letter"}), "404 off spec (openapi.yaml): "
         "field message: is required"),
        ("getLetter", Answer(500, "anything"), None),  # an error the operation leaves open
        ("getLetter", Answer(302, None), "the operation documents no 302 (only 2XX, 4XX)"),
        ("downloadLetter", b"%PDF-1.7", None),
        ("downloadLetter", "%PDF-1.7", "the body must be bytes: the operation documents "
         "application/pdf for it"),
    ],
    ids=["variant", "range", "variant-field", "discriminator", "error", "error-schema",
         "undocumented-error", "redirect", "pdf", "pdf-as-text"],
)  # fmt: skip
async def test_each_answer_is_checked_against_what_its_status_documents(
    letters: FakeHero, operation: str, answer: Any, problem: str | None
) -> None:
    letters.handle(operation, answering(answer))
    path = "/v1/letters/7" + ("/pdf" if operation == "downloadLetter" else "")
    headers = {"x-api-key": letters.api_key, "x-practice-group-id": letters.practice_group_id}

    async with letters.client(headers=headers) as client:
        response = await client.get(path)

    if problem is None:
        letters.check_answers()
        sent = answer if isinstance(answer, Answer) else Answer(200, answer)
        assert response.status_code == sent.status
        return
    assert response.status_code == 500
    with pytest.raises(OffSpecAnswer) as raised:
        letters.check_answers()
    assert problem in str(raised.value)
