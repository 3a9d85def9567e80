"""The new operations of an additive release, through `HeroHealth`, with every guarantee.

Nothing in src/ names them: they come from the regenerated package alone.
"""

from __future__ import annotations

import datetime
import json
import logging
import os
from pathlib import Path
from typing import Any

import herohealth_openapi
import httpx
import pytest
import yaml
from pytest_httpx import HTTPXMock

from herohealth import (
    NULL,
    APITimeoutError,
    AsyncPaginator,
    HeroHealth,
    InternalServerError,
    InvalidInputError,
    NotFoundError,
    Page,
)
from herohealth._generated import OPERATIONS, operation
from herohealth.testing import FakeHero, FakeRequest
from tests.helpers import fake_client, patient_json

SPEC_PATH = Path(os.environ["HERO_ADDITIVE_SPEC"])
SPEC = yaml.safe_load(SPEC_PATH.read_text())
BASE = "https://hero.test"
BOOKING = {"id": "7", "patient_id": "1234", "starts_at": "2026-12-01T09:30:00Z", "status": "booked"}
AUTH = {"x-api-key": "test-key", "x-practice-group-id": "pg-1"}


def booking(**overrides: Any) -> dict[str, Any]:
    return {**BOOKING, **overrides}


def test_this_run_uses_the_regenerated_package() -> None:
    assert str(SPEC_PATH.parent) in herohealth_openapi.__file__


def test_every_operation_of_the_release_is_a_method() -> None:
    methods = {"get", "put", "post", "delete", "patch"}
    ids = {
        op.get("operationId", "delete_v1_bookings_booking_id")  # the one without an id
        for item in SPEC["paths"].values()
        for method, op in item.items()
        if method in methods
    }
    assert set(OPERATIONS) == ids
    assert OPERATIONS["listBookings"][:2] == ("booking_hca", "list_bookings")
    assert OPERATIONS["getBooking"][:2] == ("booking_hca", "get_booking")
    assert OPERATIONS["createBooking"][:2] == ("booking_hca", "create_booking")
    assert OPERATIONS["quoteBooking"][:2] == ("booking_hca", "quote_booking")
    assert OPERATIONS["delete_v1_bookings_booking_id"][:2] == (
        "booking_hca",
        "delete_v1_bookings_booking_id",
    )


async def test_a_body_that_is_not_an_object_is_the_body_argument(
    hero: HeroHealth, httpx_mock: HTTPXMock
) -> None:
    from herohealth_openapi.models import BookingNote

    httpx_mock.add_response(method="PUT", status_code=204)
    notes = [BookingNote(text="Wheelchair access"), BookingNote(text="Interpreter: Welsh")]
    assert await hero.booking_hca.put_booking_notes(body=notes) is None
    sent = httpx_mock.get_request()
    assert sent is not None
    assert json.loads(sent.content) == [
        {"text": "Wheelchair access"},
        {"text": "Interpreter: Welsh"},
    ]
    # The body's own schema is checked before anything is sent.
    with pytest.raises(InvalidInputError) as caught:
        await hero.booking_hca.put_booking_notes(body=notes * 2)  # maxItems: 3
    assert caught.value.field == "body"
    with pytest.raises(InvalidInputError, match="body: is required"):
        await hero.booking_hca.put_booking_notes(body=None)  # type: ignore[arg-type]
    assert len(httpx_mock.get_requests()) == 1


async def test_a_parameter_declared_on_the_path_is_an_argument_of_each_operation(
    hero: HeroHealth, httpx_mock: HTTPXMock
) -> None:
    httpx_mock.add_response(method="GET", json=booking())
    httpx_mock.add_response(method="DELETE", status_code=204)
    assert (await hero.booking_hca.get_booking("7")).id == "7"
    assert await hero.booking_hca.delete_v1_bookings_booking_id("7") is None
    assert [r.url.path for r in httpx_mock.get_requests()] == ["/v1/bookings/7"] * 2
    # Its rule is the path's declaration's: checked before anything is sent.
    with pytest.raises(InvalidInputError) as caught:
        await hero.booking_hca.delete_v1_bookings_booking_id("seven")
    assert caught.value.field == "booking_id"


def test_retry_policy_comes_from_the_http_method_or_x_idempotent() -> None:
    assert operation("listBookings").idempotent
    assert operation("getBooking").idempotent
    assert not operation("createBooking").idempotent
    assert operation("quoteBooking").idempotent  # a POST marked x-idempotent in the spec


async def test_a_post_marked_x_idempotent_is_retried_after_a_5xx(
    hero: HeroHealth, httpx_mock: HTTPXMock, sleeps: list[float]
) -> None:
    httpx_mock.add_response(url=f"{BASE}/v1/bookings/quote", method="POST", status_code=502)
    httpx_mock.add_response(url=f"{BASE}/v1/bookings/quote", method="POST", json=booking())
    quoted = await hero.with_options(max_retries=1).booking_hca.quote_booking(
        patient_id="1234", starts_at="2026-12-01T09:30:00Z", discount_code=NULL
    )
    assert quoted.id == "7"
    assert len(httpx_mock.get_requests()) == 2


async def test_paged_list_sends_page_index_and_page_size_with_auth(
    hero: HeroHealth, httpx_mock: HTTPXMock
) -> None:
    for index, items in enumerate([["1", "2"], ["3", "4"], ["5"]]):
        httpx_mock.add_response(
            url=f"{BASE}/v1/bookings?status=booked&page_index={index}&page_size=2",
            json={"data": [booking(id=i) for i in items], "count": 5},
        )
    listing = hero.booking_hca.list_bookings(status="booked", page_size=2)
    assert isinstance(listing, AsyncPaginator)
    ids = [b.id async for b in listing]
    assert ids == ["1", "2", "3", "4", "5"]
    requests = httpx_mock.get_requests()
    assert len(requests) == 3
    for request in requests:
        assert {k: request.headers[k] for k in AUTH} == AUTH


async def test_default_page_size_and_first_page(hero: HeroHealth, httpx_mock: HTTPXMock) -> None:
    httpx_mock.add_response(json={"data": [booking()], "count": 1})
    page = await hero.booking_hca.list_bookings()
    assert isinstance(page, Page)
    assert page.count == 1
    assert page.data[0].starts_at.tzinfo is not None
    assert not page.has_next_page()
    sent = httpx_mock.get_request()
    assert sent is not None
    assert sent.url.params["page_index"] == "0"
    assert int(sent.url.params["page_size"]) >= 1


async def test_an_empty_page_with_a_count_ends_the_pages_without_raising(
    hero: HeroHealth, httpx_mock: HTTPXMock, caplog: pytest.LogCaptureFixture
) -> None:
    httpx_mock.add_response(json={"data": [], "count": 1}, is_reusable=True)
    with caplog.at_level(logging.WARNING, logger="herohealth"):
        page = await hero.booking_hca.list_bookings()
        assert (page.data, page.count) == ([], 1)
        assert page.has_next_page() is False
        assert [b async for b in hero.booking_hca.list_bookings()] == []
    assert "came back empty" in caplog.text
    assert len(httpx_mock.get_requests()) == 2  # one per call: nothing more was asked


async def test_a_path_id_is_checked_against_its_pattern_before_sending(hero: HeroHealth) -> None:
    with pytest.raises(InvalidInputError) as caught:
        await hero.booking_hca.get_booking("12/../3")
    assert caught.value.field == "booking_id"
    # pytest-httpx fails the test if any request was sent.


@pytest.mark.parametrize("digits", ["\uff11\uff12", "\u0661\u0662"])  # fullwidth, Arabic-Indic
async def test_a_pattern_means_what_it_means_in_openapi_yaml(hero: HeroHealth, digits: str) -> None:
    # `^\d+$` is ECMA-262: 0-9 only. Python's `\d` would take these, and Hero would not.
    assert digits.isdigit()
    with pytest.raises(InvalidInputError, match=r"must match \^\\d\+\$") as caught:
        await hero.booking_hca.create_booking(patient_id=digits, starts_at="2026-12-01T09:30:00Z")
    assert caught.value.field == "patient_id"
    assert digits not in str(caught.value)


async def test_a_bad_query_enum_is_refused_before_sending(hero: HeroHealth) -> None:
    with pytest.raises(InvalidInputError) as caught:
        await hero.booking_hca.list_bookings(status="maybe")  # type: ignore[arg-type]
    assert caught.value.field == "status"


async def test_errors_are_typed(hero: HeroHealth, httpx_mock: HTTPXMock) -> None:
    httpx_mock.add_response(status_code=404, json={"message": "No such booking"})
    with pytest.raises(NotFoundError) as caught:
        await hero.booking_hca.get_booking("99")
    assert caught.value.status_code == 404


async def test_a_get_is_retried_after_a_5xx_and_a_post_is_not(
    hero: HeroHealth, httpx_mock: HTTPXMock, sleeps: list[float]
) -> None:
    retrying = hero.with_options(max_retries=2)
    httpx_mock.add_response(url=f"{BASE}/v1/bookings/7", status_code=503)
    httpx_mock.add_response(url=f"{BASE}/v1/bookings/7", json=booking())
    assert (await retrying.booking_hca.get_booking("7")).id == "7"
    httpx_mock.add_response(url=f"{BASE}/v1/bookings", method="POST", status_code=503)
    with pytest.raises(InternalServerError):
        await retrying.booking_hca.create_booking(
            patient_id="1234", starts_at=datetime.datetime(2026, 12, 1, 9, 30, tzinfo=datetime.UTC)
        )
    methods = [r.method for r in httpx_mock.get_requests()]
    assert methods == ["GET", "GET", "POST"]
    assert len(sleeps) == 1


async def test_a_post_is_retried_only_when_it_never_left(
    hero: HeroHealth, httpx_mock: HTTPXMock, sleeps: list[float]
) -> None:
    retrying = hero.with_options(max_retries=2)
    httpx_mock.add_exception(httpx.ConnectError("refused"))
    httpx_mock.add_response(method="POST", json=booking())
    created = await retrying.booking_hca.create_booking(
        patient_id="1234", starts_at="2026-12-01T09:30:00Z"
    )
    assert created.id == "7"
    httpx_mock.add_exception(httpx.ReadTimeout("no answer"))
    with pytest.raises(APITimeoutError) as caught:
        await retrying.booking_hca.create_booking(
            patient_id="1234", starts_at="2026-12-01T09:30:00Z"
        )
    assert caught.value.may_have_been_processed
    assert len(httpx_mock.get_requests()) == 3


async def test_the_body_and_header_are_sent_as_the_spec_says(
    hero: HeroHealth, httpx_mock: HTTPXMock
) -> None:
    httpx_mock.add_response(method="POST", json=booking(note="first visit"))
    when = datetime.datetime(2026, 12, 1, 9, 30, tzinfo=datetime.UTC)
    created = await hero.booking_hca.create_booking(
        patient_id="1234", starts_at=when, note="first visit", x_correlation_id="corr-1"
    )
    assert created.note == "first visit"
    sent = httpx_mock.get_request()
    assert sent is not None
    assert json.loads(sent.content) == {
        "patient_id": "1234",
        "starts_at": "2026-12-01T09:30:00+00:00",
        "note": "first visit",
    }
    assert sent.headers["x-correlation-id"] == "corr-1"
    assert {k: sent.headers[k] for k in AUTH} == AUTH


async def test_a_plugged_handler_reads_the_header_parameters_the_operation_declares() -> None:
    fake = FakeHero(spec=SPEC_PATH)
    seen: list[dict[str, Any]] = []

    def create(request: FakeRequest) -> dict[str, Any]:
        seen.append(dict(request.headers))
        return booking(**request.body)

    fake.handle("createBooking", create)
    async with fake_client(fake) as hero:
        await hero.booking_hca.create_booking(
            patient_id="1234", starts_at="2026-12-01T09:30:00Z", x_correlation_id="corr-1"
        )
        await hero.booking_hca.create_booking(patient_id="1234", starts_at="2026-12-01T09:30:00Z")
    # Declared header parameters only: not the auth headers, nor the SDK's User-Agent.
    assert seen == [{"x-correlation-id": "corr-1"}, {}]


@pytest.mark.parametrize(
    ("arguments", "field"),
    [
        ({"patient_id": "1234", "starts_at": "tomorrow"}, "starts_at"),
        ({"patient_id": "1234", "starts_at": datetime.datetime(2026, 12, 1, 9, 30)}, "starts_at"),
        ({"patient_id": "12a", "starts_at": "2026-12-01T09:30:00Z"}, "patient_id"),
        ({"patient_id": "1234", "starts_at": "2026-12-01T09:30:00Z", "note": "x" * 201}, "note"),
        (
            {"patient_id": "1", "starts_at": "2026-12-01T09:30:00Z", "x_correlation_id": "a\nb"},
            "x_correlation_id",
        ),
    ],
)
async def test_bad_input_is_refused_locally_naming_the_field(
    hero: HeroHealth, arguments: dict[str, Any], field: str
) -> None:
    with pytest.raises(InvalidInputError) as caught:
        await hero.booking_hca.create_booking(**arguments)
    assert caught.value.field == field


async def test_a_nested_object_is_checked_property_by_property_before_sending(
    hero: HeroHealth, httpx_mock: HTTPXMock
) -> None:
    from herohealth_openapi.models import BookingLocation

    httpx_mock.add_response(method="POST", json=booking())
    arrive_by = datetime.datetime(2026, 12, 1, 9, 15, tzinfo=datetime.UTC)
    await hero.booking_hca.create_booking(
        patient_id="1234",
        starts_at="2026-12-01T09:30:00Z",
        location=BookingLocation(postcode="LS1 4AP", arrive_by=arrive_by),
    )
    sent = httpx_mock.get_request()
    assert sent is not None
    assert json.loads(sent.content)["location"] == {
        "postcode": "LS1 4AP",
        "arrive_by": "2026-12-01T09:15:00+00:00",
    }
    # BookingLocation is `allOf` Place and its own part: the rules of both hold.
    bad = [
        (BookingLocation(postcode="ls1 4ap!"), "property postcode: must match ^[A-Z0-9 ]+$"),
        (BookingLocation(postcode="LS1", room="r" * 21), "property room: must be at most 20"),
        (
            BookingLocation(postcode="LS1", arrive_by=datetime.datetime(2026, 12, 1, 9, 15)),
            "property arrive_by: must be an ISO 8601 date-time with a time zone",
        ),
        ({"room": "2"}, "property postcode: is required"),  # a dict, as an untyped caller may
    ]
    for location, problem in bad:
        with pytest.raises(InvalidInputError) as caught:
            await hero.booking_hca.create_booking(
                patient_id="1234",
                starts_at="2026-12-01T09:30:00Z",
                location=location,  # type: ignore[arg-type]
            )
        assert caught.value.field == "location"
        assert caught.value.problem.startswith(problem), caught.value.problem
        assert "ls1 4ap" not in str(caught.value)  # the value itself is never quoted
    assert len(httpx_mock.get_requests()) == 1


async def test_the_items_of_a_bulk_body_are_checked_property_by_property(
    hero: HeroHealth,
) -> None:
    # BookingNote requires `text` and allows no other property (additionalProperties: false).
    for notes, problem in [
        ([{"text": "ok"}, {}], "item 1: property text: is required"),
        ([{"text": "ok", "colour": "red"}], "item 0: property colour: is not one"),
        ([{"text": "t" * 201}], "item 0: property text: must be at most 200 characters"),
    ]:
        with pytest.raises(InvalidInputError) as caught:
            await hero.booking_hca.put_booking_notes(body=notes)  # type: ignore[arg-type]
        assert caught.value.field == "body"
        assert caught.value.problem.startswith(problem), caught.value.problem


async def test_unknown_options_are_refused(hero: HeroHealth) -> None:
    with pytest.raises(TypeError, match="timeot"):
        await hero.booking_hca.get_booking("7", timeot=3)  # type: ignore[call-arg]


async def test_a_per_call_timeout_reaches_the_request(
    hero: HeroHealth, httpx_mock: HTTPXMock
) -> None:
    httpx_mock.add_response(json=booking())
    await hero.booking_hca.get_booking("7", timeout=2.5)
    sent = httpx_mock.get_request()
    assert sent is not None
    assert sent.extensions["timeout"]["read"] == 2.5


async def test_query_values_not_on_the_allow_list_are_not_logged(
    hero: HeroHealth, httpx_mock: HTTPXMock, caplog: pytest.LogCaptureFixture
) -> None:
    httpx_mock.add_response(json={"data": [], "count": 0})
    with caplog.at_level(logging.DEBUG):
        await hero.booking_hca.list_bookings(status="cancelled")
    assert "/v1/bookings" in caplog.text
    assert "cancelled" not in caplog.text  # a new parameter is hidden until allow-listed
    assert "test-key" not in caplog.text


async def test_a_new_path_parameter_is_masked_in_errors_and_logs(
    hero: HeroHealth, httpx_mock: HTTPXMock, caplog: pytest.LogCaptureFixture
) -> None:
    # `booking_id` is not on the allow-list (`_config.LOGGABLE_PARAMS`): hidden until listed.
    httpx_mock.add_response(status_code=404, json={"message": "No such booking"})
    with caplog.at_level(logging.DEBUG), pytest.raises(NotFoundError) as caught:
        await hero.booking_hca.get_booking("90210555")
    assert httpx_mock.get_request().url.path == "/v1/bookings/90210555"  # sent as given
    assert f"GET {BASE}/v1/bookings/***." in str(caught.value)
    assert "/v1/bookings/***" in caplog.text
    for shown in (str(caught.value), repr(caught.value.request), caplog.text):
        assert "90210555" not in shown


async def test_the_new_field_and_enum_value_reach_the_models(
    hero: HeroHealth, httpx_mock: HTTPXMock
) -> None:
    httpx_mock.add_response(json=patient_json(title="Mx", preferred_name="Ada"))
    patient = await hero.patients.get("1234")
    assert patient.title == "Mx"
    assert patient.preferred_name == "Ada"


async def test_fake_hero_answers_the_new_operations(tmp_path: Path) -> None:
    fake = FakeHero(spec=SPEC_PATH)
    async with fake_client(fake) as hero:
        bookings = await hero.booking_hca.list_bookings().to_list()
        assert bookings
        assert all(b.starts_at.tzinfo is not None for b in bookings)
        got = await hero.booking_hca.get_booking("1")
        assert got.status in {"booked", "cancelled"}
        from herohealth_openapi.models import BookingLocation

        created = await hero.booking_hca.create_booking(
            patient_id="1234",
            starts_at="2026-12-01T09:30:00Z",
            location=BookingLocation(postcode="LS1 4AP", room="2"),
        )
        assert created.id.isdigit()
        # An operation without an operationId is known to the fake by the SDK's name for it.
        assert await hero.booking_hca.delete_v1_bookings_booking_id("1") is None
        # The fake checks requests as Hero would: a bad id is a 422 naming the field.
        other = hero.with_options(max_retries=0)
        patient_id = fake.add_patient(first_name="Ada", last_name="Lovelace", dob="1989-04-11")
        registered = await other.patients.register(
            first_name="Ada",
            last_name="Lovelace",
            dob="1989-04-11",
            mobile="07700900123",
            title="Mx",
        )
        assert registered.patient_id == patient_id or registered.patient_id.isdigit()
    assert [r.operation for r in fake.requests][:4] == [
        "listBookings",
        "getBooking",
        "createBooking",
        "delete_v1_bookings_booking_id",
    ]


async def test_a_cookie_parameter_is_a_keyword_argument(
    hero: HeroHealth, httpx_mock: HTTPXMock
) -> None:
    httpx_mock.add_response(json=booking())
    await hero.booking_hca.get_booking("7", locale="cy-GB")
    sent = httpx_mock.get_request()
    assert sent is not None
    assert sent.headers["cookie"] == "locale=cy-GB"
    with pytest.raises(InvalidInputError) as caught:
        await hero.booking_hca.get_booking("7", locale="fr-FR")  # type: ignore[arg-type]
    assert caught.value.field == "locale"


async def test_the_new_tag_has_raw_responses_a_paged_list_answers_its_first_page(
    hero: HeroHealth, httpx_mock: HTTPXMock
) -> None:
    httpx_mock.add_response(
        url=f"{BASE}/v1/bookings?page_index=0&page_size=2",
        json={"data": [booking(id="1"), booking(id="2")], "count": 5},
        headers={"x-request-id": "req_7"},
    )
    raw = await hero.booking_hca.with_raw_response.list_bookings(page_size=2)
    assert (raw.status_code, raw.request_id) == (200, "req_7")
    envelope = raw.parse()
    assert type(envelope).__name__ == "BookingList"
    assert [b.id for b in envelope.data] == ["1", "2"]
    assert envelope.count == 5
    assert len(httpx_mock.get_requests()) == 1  # the first page only


async def test_a_header_parameter_sits_between_default_and_extra_headers(
    httpx_mock: HTTPXMock,
) -> None:
    httpx_mock.add_response(method="POST", json=booking(), is_reusable=True)
    async with HeroHealth(
        api_key="test-key",
        practice_group_id="pg-1",
        base_url=BASE,
        default_headers={"X-Correlation-Id": "from-default"},
    ) as hero:
        create = hero.booking_hca.create_booking
        await create(patient_id="1234", starts_at="2026-12-01T09:30:00Z")
        await create(patient_id="1234", starts_at="2026-12-01T09:30:00Z", x_correlation_id="op")
        await create(
            patient_id="1234",
            starts_at="2026-12-01T09:30:00Z",
            x_correlation_id="op",
            extra_headers={"x-correlation-id": "from-call"},
        )
    sent = [r.headers.get_list("x-correlation-id") for r in httpx_mock.get_requests()]
    assert sent == [["from-default"], ["op"], ["from-call"]]
