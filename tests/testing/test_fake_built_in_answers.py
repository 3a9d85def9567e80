"""Every answer FakeHero builds itself fits openapi.yaml, for every operation of the spec.

The fake checks a plugged handler's answers at run time (`_verdicts.AnswerChecks`), never
its own (the 13 stateful Patients operations of `_state.py`, and the answers `_answers.py`
builds from the spec for every other operation): they are checked here instead, by the
same `AnswerChecks`, so each is judged as a plugged handler's would be (its status one the
operation documents, its body what that status documents, a `discriminator` read as
OpenAPI reads it), and its Content-Type must be the media type documented for its status.

Two specs: the shipped openapi.yaml, and a release that adds much (tests/spec_update's
additive release: +json media types, a PDF, a CSV, forms, arrays, allOf, readOnly and
nullable fields; tests/testing/test_fake_spec.py's referrals, which make a new Patient field
required; and here a discriminated `oneOf` answered by a `2XX` range, and an answer
documented only by `default` as `application/health+json`). The SDK's workflow
(tests/testing/test_fake_contract.py) reaches every stateful operation; plain httpx sends
each other operation one valid request. Every operation of the spec must be answered.
"""

from __future__ import annotations

import copy
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
import yaml
from helpers import fake_client

from herohealth.testing import Answer, FakeHero
from herohealth.testing._spec import Spec, is_json, load
from herohealth.testing._verdicts import AnswerChecks
from tests.spec_update.additive_release import (
    BOOKING_V2,
    MERGE_PATCH,
    SCAN_ID,
    SETTINGS_ID,
    additive_release,
)

from .test_fake_contract import run_workflow
from .test_fake_spec import REQUESTS as REFERRAL_REQUESTS
from .test_fake_spec import extend

REF = "#/components/schemas/"
EXTRA_PATHS: dict[str, Any] = {
    "/v1/mail/{mail_id}": {"get": {
        "operationId": "getMail",
        "parameters": [{"name": "mail_id", "in": "path", "required": True,
                        "schema": {"type": "string", "pattern": r"^\d+$"}}],
        "responses": {"2XX": {"description": "Ok", "content": {
            "application/json": {"schema": {"$ref": REF + "Mail"}}}}},
    }},
    "/v1/health": {"get": {
        "operationId": "getHealth",
        "responses": {"default": {"description": "Ok", "content": {
            "application/health+json": {"schema": {"$ref": REF + "Health"}}}}},
    }},
}  # fmt: skip
EXTRA_SCHEMAS: dict[str, Any] = {
    # The first variant (Letter) would accept a Parcel too: its `kind` must name it.
    "Mail": {"oneOf": [{"$ref": REF + "Letter"}, {"$ref": REF + "Parcel"}],
             "discriminator": {"propertyName": "kind",
                               "mapping": {"letter": REF + "Letter", "parcel": "Parcel"}}},
    "Letter": {"type": "object", "required": ["kind"],
               "properties": {"kind": {"type": "string"}, "text": {"type": "string"}}},
    "Parcel": {"type": "object", "required": ["kind", "grams"],
               "properties": {"kind": {"type": "string"}, "grams": {"type": "integer"}}},
    "Health": {"type": "object", "required": ["status", "token"],
               "properties": {"status": {"type": "string", "enum": ["pass", "fail"]},
                              "token": {"type": "string", "writeOnly": True}}},
}  # fmt: skip
FILE = ("scan.pdf", b"%PDF-1.7", "application/pdf")
NAVIGATOR = "00000000-0000-4000-8000-000000000001"
# operationId: (method, path, keyword arguments of httpx's request): one valid request each
# for the release's operations FakeHero answers from the spec.
RELEASE_REQUESTS: dict[str, tuple[str, str, dict[str, Any]]] = {
    "listBookings": ("GET", "/v1/bookings", {}),
    "createBooking": ("POST", "/v1/bookings",
                      {"json": {"patient_id": "1234", "starts_at": "2026-12-01T09:30:00Z"}}),
    "searchBookings": ("GET", "/v1/bookings/search", {"params": {"filter[status]": "booked"}}),
    "quoteBooking": ("POST", "/v1/bookings/quote", {"json": {
        "patient_id": "1234", "starts_at": "2026-12-01T09:30:00Z", "discount_code": None}}),
    "putBookingNotes": ("PUT", "/v1/bookings/notes", {"json": [{"text": "Ramp"}]}),
    "listRoomBookings": ("GET", "/v1/bookings/rooms/2,3", {}),
    "getBooking": ("GET", "/v1/bookings/7", {}),
    "updateBooking": ("PATCH", "/v1/bookings/7", {
        "content": b'{"note": "Ramp"}', "headers": {"content-type": MERGE_PATCH}}),
    # No operationId, and the shipped SDK has no name for it: the fake's "METHOD path".
    "DELETE /v1/bookings/{booking_id}": ("DELETE", "/v1/bookings/7", {}),
    "getBookingDetails": ("GET", "/v1/booking-details/7", {}),
    "downloadLetter": ("GET", "/v1/letters/L1/pdf", {}),
    "exportLetters": ("GET", "/v1/letters/export", {}),
    "uploadAttachment": ("POST", "/v1/patients/1/attachments/upload",
                         {"files": {"file": FILE}, "data": {"label": "Referral"}}),
    "replaceAttachmentFile": ("PUT", "/v1/attachments/3/file", {"files": {"file": FILE}}),
    "labelAttachment": ("PATCH", "/v1/attachments/3/label", {"data": {"label": "Referral"}}),
    SETTINGS_ID: ("PUT", f"/v1/care-navigation/{NAVIGATOR}/settings", {"json": {"sms": True}}),
    SCAN_ID: ("POST", "/v1/care-navigation/scans", {"files": {"file": FILE}}),
    "getMail": ("GET", "/v1/mail/7", {}),
    "getHealth": ("GET", "/v1/health", {}),
    **{operation: (method, path, {"json": body} if body is not None else {})
       for operation, (method, path, body) in REFERRAL_REQUESTS.items()},
}  # fmt: skip


def requests_for(spec: Spec) -> list[tuple[str, str, dict[str, Any]]]:
    """The requests of RELEASE_REQUESTS for operations `spec` has: all of them for the release;
    for the shipped spec, those an earlier release already brought (none today). An operation
    without an operationId is keyed "METHOD path", whatever name the fake knows it by."""
    return [request for key, request in RELEASE_REQUESTS.items() if key in keys(spec)]


def keys(spec: Spec) -> set[str]:
    """What RELEASE_REQUESTS may key an operation of `spec` by."""
    return {*spec.operations, *(f"{op.method} {op.path}" for op in spec.operations.values())}


def release() -> dict[str, Any]:
    spec = extend(additive_release())
    spec["paths"].update(copy.deepcopy(EXTRA_PATHS))
    spec["components"]["schemas"].update(copy.deepcopy(EXTRA_SCHEMAS))
    return spec


@pytest.fixture(scope="module")
def release_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("release") / "openapi.yaml"
    path.write_text(yaml.safe_dump(release(), sort_keys=False), encoding="utf-8")
    return path


class Captured:
    """Every response a client received, read."""

    def __init__(self) -> None:
        self.responses: list[httpx.Response] = []

    async def __call__(self, response: httpx.Response) -> None:
        await response.aread()
        self.responses.append(response)


def as_answer(response: httpx.Response) -> Answer:
    """The answer a response carried, as a handler would have given it."""
    if not response.content:
        return Answer(response.status_code)
    if is_json(response.headers.get("content-type", "")):
        return Answer(response.status_code, response.json())
    return Answer(response.status_code, response.content)


def off_spec_answers(
    fake: FakeHero, spec_path: Path | None, responses: list[httpx.Response]
) -> Iterator[str]:
    """Why each answer is not one openapi.yaml allows its operation: its status or body
    (by `AnswerChecks`), or its Content-Type."""
    spec = load(None if spec_path is None else str(spec_path))
    checks = AnswerChecks(spec)
    for recorded, response in zip(fake.requests, responses, strict=True):
        assert recorded.operation is not None, (recorded.method, recorded.path)
        op = spec.operations[recorded.operation]
        off_spec = checks.off_spec(op, as_answer(response))
        if off_spec is not None:
            yield f"{op.id} answered {off_spec.status}: {off_spec.problems}"
        documented = op.documented(response.status_code)
        media = documented.media_type if documented is not None else None
        sent = response.headers.get("content-type")
        if media is None and sent is not None and response.content:
            yield f"{op.id}: sent as {sent}, where openapi.yaml documents no content"
        if media is not None and sent != media:  # as written there, parameters and all
            yield f"{op.id}: sent as {sent}, not as {media}, which openapi.yaml documents"


@pytest.mark.parametrize("spec_name", ["shipped", "release"])
async def test_every_built_in_answer_of_every_operation_fits_openapi_yaml(
    spec_name: str, release_path: Path
) -> None:
    spec_path = None if spec_name == "shipped" else release_path
    fake = FakeHero(spec=spec_path)
    captured = Captured()
    hooks = {"event_hooks": {"response": [captured]}}
    async with fake_client(fake, transport=hooks) as hero:
        await run_workflow(hero, fake)
    asked = requests_for(load(None if spec_path is None else str(spec_path)))
    headers = {"x-api-key": fake.api_key, "x-practice-group-id": fake.practice_group_id}
    async with fake.client(headers=headers, event_hooks=hooks["event_hooks"]) as raw:
        for method, path, request in asked:
            await raw.request(method, path, **request)

    problems = list(off_spec_answers(fake, spec_path, captured.responses))

    assert problems == []
    answered = {r.operation for r in fake.requests if r.status is not None and r.status < 300}
    assert answered == fake.operations  # every operation of the spec, each with a success


def test_the_release_adds_operations_of_every_kind_the_fake_answers(release_path: Path) -> None:
    spec = load(str(release_path))
    media = {op.answer_media_type for op in spec.operations.values()}

    # Each request is for one of its operations (that every operation is asked, and answered,
    # the test above checks, whatever openapi.yaml already holds).
    assert set(RELEASE_REQUESTS) <= keys(spec)
    assert {BOOKING_V2, "application/pdf", "application/health+json"} <= media
    assert {key for op in spec.operations.values() for key in op.responses} >= {"2XX", "default"}
