"""JSON by other media types than application/json (the additive release's updateBooking):
an application/merge-patch+json body, answered as application/vnd.hero.v2+json with a
charset. Through `HeroHealth`, the answer is the generated model as for application/json,
with every guarantee; nothing in src/ names the operation or its media types.
"""

from __future__ import annotations

import json
from typing import Any

import pytest
from herohealth_openapi.models import Booking
from pytest_httpx import HTTPXMock

from herohealth import (
    NULL,
    HeroHealth,
    InvalidInputError,
    NotFoundError,
    ResponseValidationError,
)
from herohealth._generated import operation
from herohealth.testing import Answer, FakeHero, FakeRequest
from tests.helpers import fake_client
from tests.spec_update.additive.test_new_operations import AUTH, BASE, SPEC_PATH, booking
from tests.spec_update.additive_release import BOOKING_V2, MERGE_PATCH

URL = f"{BASE}/v1/bookings/7"
ACCEPT = f"{BOOKING_V2}, application/json;q=0.9"  # JSON stays, for Hero's error answers


def answer(httpx_mock: HTTPXMock, body: object, content_type: str = BOOKING_V2) -> None:
    content = body if isinstance(body, bytes) else json.dumps(body).encode()
    httpx_mock.add_response(
        method="PATCH", url=URL, content=content, headers={"content-type": content_type}
    )


def test_the_media_types_come_from_the_spec() -> None:
    update = operation("updateBooking")
    assert update.accept == ACCEPT
    assert update.body is not None
    assert update.body.media_type == MERGE_PATCH
    assert update.media_types == ()  # JSON: read into the model, not returned as bytes
    assert operation("getBooking").accept == "application/json"  # a PDF beside: JSON read


async def test_the_answer_is_the_model_and_the_body_goes_as_its_media_type(
    hero: HeroHealth, httpx_mock: HTTPXMock
) -> None:
    answer(httpx_mock, booking(note="Ramp at the side door"))
    updated = await hero.booking_hca.update_booking("7", note="Ramp at the side door")
    assert type(updated) is Booking
    assert (updated.id, updated.status, updated.note) == ("7", "booked", "Ramp at the side door")
    sent = httpx_mock.get_request()
    assert sent is not None
    assert sent.headers["content-type"] == MERGE_PATCH
    assert sent.headers["accept"] == ACCEPT
    assert json.loads(sent.content) == {"note": "Ramp at the side door"}
    assert {k: sent.headers[k] for k in AUTH} == AUTH


@pytest.mark.parametrize(
    "content_type", ["application/vnd.hero.v2+json", "application/json", "application/hal+json"]
)
async def test_any_json_answer_is_read_as_json(
    hero: HeroHealth, httpx_mock: HTTPXMock, content_type: str
) -> None:
    answer(httpx_mock, booking(), content_type)
    assert (await hero.booking_hca.update_booking("7", status="booked")).id == "7"


@pytest.mark.parametrize(
    ("body", "field", "problem"),
    [
        (booking(starts_at="soon"), "starts_at", "invalid value"),
        ({k: v for k, v in booking().items() if k != "patient_id"}, "patient_id", "required"),
        (b"<html>502 Bad Gateway</html>", None, "body is not JSON"),
    ],
)
async def test_a_body_that_does_not_fit_is_a_response_validation_error(
    hero: HeroHealth, httpx_mock: HTTPXMock, body: object, field: str | None, problem: str
) -> None:
    answer(httpx_mock, body)
    with pytest.raises(ResponseValidationError, match=problem) as caught:
        await hero.booking_hca.update_booking("7", note="x")
    assert caught.value.field == field


async def test_an_argument_is_checked_against_the_patch_schema_before_sending(
    hero: HeroHealth, httpx_mock: HTTPXMock
) -> None:
    with pytest.raises(InvalidInputError) as caught:
        await hero.booking_hca.update_booking("7", note="x" * 201)
    assert caught.value.field == "note"
    assert httpx_mock.get_requests() == []


async def test_null_clears_a_field_and_none_sends_nothing(
    hero: HeroHealth, httpx_mock: HTTPXMock
) -> None:
    answer(httpx_mock, booking(note=None))
    answer(httpx_mock, booking())
    assert (await hero.booking_hca.update_booking("7", note=NULL)).note is None
    await hero.booking_hca.update_booking("7", status="booked", note=None)
    sent = [json.loads(r.content) for r in httpx_mock.get_requests()]
    assert sent == [{"note": None}, {"status": "booked"}]


async def test_a_required_property_that_may_be_null_takes_null_not_none(
    hero: HeroHealth, httpx_mock: HTTPXMock
) -> None:
    quote = {"patient_id": "1234", "starts_at": "2026-12-01T09:30:00Z"}
    with pytest.raises(InvalidInputError, match="is required") as caught:
        await hero.booking_hca.quote_booking(**quote, discount_code=None)  # type: ignore[arg-type]
    assert caught.value.field == "discount_code"
    assert httpx_mock.get_requests() == []
    httpx_mock.add_response(method="POST", url=f"{BASE}/v1/bookings/quote", json=booking())
    await hero.booking_hca.quote_booking(**quote, discount_code=NULL)
    assert json.loads(httpx_mock.get_requests()[0].content)["discount_code"] is None
    fake = FakeHero(spec=SPEC_PATH)  # it takes the null, and refuses the body without it
    async with fake_client(fake) as served:
        await served.booking_hca.quote_booking(**quote, discount_code=NULL)
    async with fake.client() as http:
        headers = {"x-api-key": fake.api_key, "x-practice-group-id": fake.practice_group_id}
        refused = await http.post(f"{fake.base_url}/v1/bookings/quote", json=quote, headers=headers)
    assert (refused.status_code, "discount_code" in refused.text) == (422, True)


@pytest.mark.parametrize(
    ("call", "field", "problem"),
    [
        # openapi.yaml does not let `status` be null: NULL is refused, naming it.
        (lambda hero: hero.booking_hca.update_booking("7", status=NULL), "status", "not allow"),
        # A nullable query parameter: a query string has no null to send; nor has an
        # object's property in a query, or a form field.
        (lambda hero: hero.booking_hca.search_bookings(room=NULL), "room", "only a JSON value"),
        (
            lambda hero: hero.booking_hca.search_bookings(filter_={"status": NULL}),
            "filter_",
            "only a JSON value",
        ),
        (
            lambda hero: hero.attachments.upload_attachment("1", file=b"%PDF", label=NULL),
            "label",
            "only a JSON value",
        ),
    ],
)
async def test_null_where_it_cannot_be_sent_is_refused_before_sending(
    hero: HeroHealth, httpx_mock: HTTPXMock, call: Any, field: str, problem: str
) -> None:
    with pytest.raises(InvalidInputError, match=problem) as caught:
        await call(hero)
    assert caught.value.field == field
    assert httpx_mock.get_requests() == []


async def test_a_nullable_query_parameter_takes_a_value() -> None:
    fake = FakeHero(spec=SPEC_PATH)
    async with fake_client(fake) as hero:
        await hero.booking_hca.search_bookings(room="2")
        await hero.booking_hca.search_bookings(room=None)
    assert [r.query.get("room") for r in fake.requests] == ["2", None]


async def test_a_problem_json_error_is_typed_with_its_detail(
    hero: HeroHealth, httpx_mock: HTTPXMock
) -> None:
    problem = {"type": "about:blank", "title": "Not Found", "detail": "No such booking"}
    httpx_mock.add_response(
        method="PATCH",
        url=URL,
        status_code=404,
        json=problem,
        headers={"content-type": "application/problem+json"},
    )
    with pytest.raises(NotFoundError) as caught:
        await hero.booking_hca.update_booking("7", note="x")
    assert caught.value.message == "No such booking"


async def test_with_raw_response_parses_the_model(hero: HeroHealth, httpx_mock: HTTPXMock) -> None:
    answer(httpx_mock, booking())
    raw = await hero.booking_hca.with_raw_response.update_booking("7", status="cancelled")
    assert raw.headers["content-type"] == BOOKING_V2
    assert type(raw.parse()) is Booking


async def test_fake_hero_reads_the_body_and_answers_the_spec_media_type() -> None:
    fake = FakeHero(spec=SPEC_PATH)
    async with fake_client(fake) as hero:
        raw = await hero.booking_hca.with_raw_response.update_booking("7", note="Interpreter")
        assert raw.headers["content-type"] == BOOKING_V2
        assert type(raw.parse()) is Booking
        fake.malform_next("missing_field", path="/v1/bookings/7")
        with pytest.raises(ResponseValidationError, match="required field missing"):
            await hero.booking_hca.update_booking("7", note="x")

        def update(request: FakeRequest) -> object:
            if request.path_params["booking_id"] != "7":
                return Answer(404, {"message": "No such booking"})
            return booking(note=request.body["note"])

        fake.handle("updateBooking", update)
        assert (await hero.booking_hca.update_booking("7", note="Wheelchair")).note == "Wheelchair"
        with pytest.raises(NotFoundError):
            await hero.booking_hca.update_booking("8", note="x")
    assert [(r.operation, r.status, r.json) for r in fake.requests] == [
        ("updateBooking", 200, {"note": "Interpreter"}),
        ("updateBooking", 200, {"note": "x"}),
        ("updateBooking", 200, {"note": "Wheelchair"}),
        ("updateBooking", 404, {"note": "x"}),
    ]


@pytest.mark.parametrize(
    ("content_type", "body", "status"),
    [
        (MERGE_PATCH, {"note": 5}, 422),  # checked against the merge patch's schema
        ("application/json", {"note": "x"}, 415),  # not the media type Hero documents
        (f"{MERGE_PATCH}; charset=utf-8", {"note": "x"}, 200),
    ],
)
async def test_fake_hero_checks_a_json_body_by_its_media_type(
    content_type: str, body: object, status: int
) -> None:
    fake = FakeHero(spec=SPEC_PATH)
    headers = {
        "content-type": content_type,
        "x-api-key": fake.api_key,
        "x-practice-group-id": fake.practice_group_id,
    }
    async with fake.client() as http:
        response = await http.patch(
            f"{fake.base_url}/v1/bookings/7", content=json.dumps(body), headers=headers
        )
    assert response.status_code == status, response.text


async def test_a_media_type_in_upper_case_is_the_same_media_type(
    hero: HeroHealth, httpx_mock: HTTPXMock
) -> None:
    quote = operation("quoteBooking")  # Application/JSON in, APPLICATION/json out
    assert (quote.accept, quote.media_types) == ("application/json", ())
    assert quote.body is not None
    assert quote.body.media_type is None  # httpx's application/json
    httpx_mock.add_response(method="POST", url=f"{BASE}/v1/bookings/quote", json=booking())
    arguments = {"patient_id": "1234", "starts_at": "2026-12-01T09:30:00Z", "discount_code": "XMAS"}
    assert type(await hero.booking_hca.quote_booking(**arguments)) is Booking
    sent = httpx_mock.get_request()
    assert sent is not None
    assert sent.headers["content-type"] == "application/json"
    fake = FakeHero(spec=SPEC_PATH)
    async with fake_client(fake) as served:
        assert type(await served.booking_hca.quote_booking(**arguments)) is Booking
    assert [(r.operation, r.status) for r in fake.requests] == [("quoteBooking", 200)]
