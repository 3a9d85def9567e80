"""Parameters serialized as openapi.yaml says (OpenAPI 3.1 `style`/`explode`): searchBookings
of the additive release takes a `deepObject` filter, a list sent comma-joined (`explode:
false`), one sent pipe-joined (`pipeDelimited`) and an object sent as its properties
(`form`, exploded), and an object described by `content: application/json` (its JSON text).
The SDK writes them, FakeHero reads them back the same way."""

from __future__ import annotations

import datetime
import logging
from typing import Any

import pytest
from herohealth_openapi.models import (
    SearchBookingsFilter,
    SearchBookingsWhere,
    SearchBookingsWindow,
)
from pytest_httpx import HTTPXMock

from herohealth import HeroHealth, InvalidInputError, NotFoundError, _redact
from herohealth.testing import FakeHero
from tests.helpers import fake_client
from tests.spec_update.additive.test_new_operations import SPEC_PATH, booking

SEARCH_URL = "https://hero.test/v1/bookings/search"
NINE = datetime.datetime(2026, 12, 1, 9, 0, tzinfo=datetime.UTC)


def sent_query(httpx_mock: HTTPXMock) -> str:
    (request,) = httpx_mock.get_requests()
    return request.url.query.decode("ascii")


async def test_each_style_is_written_as_openapi_defines_it(
    hero: HeroHealth, httpx_mock: HTTPXMock
) -> None:
    httpx_mock.add_response(json=[booking()])
    found = await hero.booking_hca.search_bookings(
        filter_={"status": "booked", "patient_id": "1234"},
        ids=["1", "2", "3"],
        tags=["urgent", "home visit"],
        window={"starts_after": NINE},
    )
    assert [b.id for b in found] == ["7"]
    # httpx percent-encodes brackets and delimiters; decoded, they are OpenAPI's forms:
    # filter[status]=booked, ids=1,2,3, tags=urgent|home visit, starts_after=...
    assert sent_query(httpx_mock) == (
        "filter%5Bstatus%5D=booked&filter%5Bpatient_id%5D=1234"
        "&ids=1%2C2%2C3&tags=urgent%7Chome+visit&starts_after=2026-12-01T09%3A00%3A00%2B00%3A00"
    )


async def test_an_object_may_be_the_generated_model(
    hero: HeroHealth, httpx_mock: HTTPXMock
) -> None:
    httpx_mock.add_response(json=[])
    await hero.booking_hca.search_bookings(
        filter_=SearchBookingsFilter(status="cancelled"),
        window=SearchBookingsWindow(starts_after=NINE, starts_before=NINE),
    )
    assert sent_query(httpx_mock) == (
        "filter%5Bstatus%5D=cancelled"
        "&starts_after=2026-12-01T09%3A00%3A00%2B00%3A00"
        "&starts_before=2026-12-01T09%3A00%3A00%2B00%3A00"
    )


async def test_a_parameter_described_by_json_content_is_sent_as_its_json_text(
    hero: HeroHealth, httpx_mock: HTTPXMock
) -> None:
    httpx_mock.add_response(json=[])
    await hero.booking_hca.search_bookings(where={"room": "2 (annex)", "floors": [0, 1]})
    (request,) = httpx_mock.get_requests()
    assert request.url.params["where"] == '{"room":"2 (annex)","floors":[0,1]}'


async def test_a_list_of_one_and_an_empty_object(hero: HeroHealth, httpx_mock: HTTPXMock) -> None:
    httpx_mock.add_response(json=[])
    await hero.booking_hca.search_bookings(ids=["5"], filter_={})
    assert sent_query(httpx_mock) == "ids=5"


@pytest.mark.parametrize(
    ("arguments", "field", "problem"),
    [
        ({"filter_": {"status": "maybe"}}, "filter_", "'booked', 'cancelled'"),
        ({"filter_": {"patient_id": "12a"}}, "filter_", "must match"),
        ({"filter_": "status=booked"}, "filter_", "must be an object"),
        ({"ids": ["1", "x"]}, "ids", "item 1: must match"),
        ({"window": {"starts_after": "soon"}}, "window", "date-time"),
        ({"tags": ["a|b"]}, "tags", "must not contain '|'"),
        ({"where": {"floors": [1]}}, "where", "property room: is required"),
        ({"where": {"room": "2", "floors": ["one"]}}, "where", "property floors: item 0: must be"),
    ],
)
async def test_values_are_checked_before_anything_is_sent(
    hero: HeroHealth, arguments: dict[str, Any], field: str, problem: str
) -> None:
    # No response is registered: pytest-httpx fails the test if anything is sent.
    with pytest.raises(InvalidInputError) as caught:
        await hero.booking_hca.search_bookings(**arguments)
    assert caught.value.field == field
    assert problem in str(caught.value)


async def test_an_objects_keys_are_masked_unless_its_parameter_is_allow_listed(
    hero: HeroHealth, httpx_mock: HTTPXMock, monkeypatch: pytest.MonkeyPatch
) -> None:
    httpx_mock.add_response(status_code=404, json={"message": "none"}, is_reusable=True)
    call = hero.booking_hca.search_bookings(
        filter_={"status": "booked", "patient_id": "9434765919"}, window={"starts_after": NINE}
    )
    with pytest.raises(NotFoundError) as caught:
        await call
    # `filter[status]` is filter's; `starts_after` is window's, not a parameter of its own.
    assert "?filter[status]=***&filter[patient_id]=***&starts_after=***." in str(caught.value)
    assert "9434765919" not in str(caught.value)
    # Listing a property's name alone shows nothing: its object is not listed.
    monkeypatch.setattr(_redact, "LOGGABLE_PARAMS", frozenset({"filter", "starts_after"}))
    with pytest.raises(NotFoundError) as caught:
        await hero.booking_hca.search_bookings(
            filter_={"status": "booked"}, window={"starts_after": NINE}
        )
    assert "?filter[status]=booked&starts_after=***." in str(caught.value)
    monkeypatch.setattr(_redact, "LOGGABLE_PARAMS", frozenset({"window"}))
    with pytest.raises(NotFoundError) as caught:
        await hero.booking_hca.search_bookings(window={"starts_after": NINE})
    assert "?starts_after=2026-12-01T09:00:00+00:00." in str(caught.value)


async def test_the_log_line_masks_a_deep_objects_keys(
    hero: HeroHealth, httpx_mock: HTTPXMock, caplog: pytest.LogCaptureFixture
) -> None:
    httpx_mock.add_response(json=[])
    with caplog.at_level(logging.DEBUG):
        await hero.booking_hca.search_bookings(filter_={"patient_id": "9434765919"})
    assert "filter[patient_id]=***" in caplog.text
    assert "9434765919" not in caplog.text


async def test_fakehero_reads_each_style_back_for_a_plugged_handler() -> None:
    fake = FakeHero(spec=SPEC_PATH)
    seen: list[dict[str, Any]] = []

    def search(request: Any) -> list[dict[str, Any]]:
        seen.append(dict(request.query))
        return [booking()]

    fake.handle("searchBookings", search)
    async with fake_client(fake) as hero:
        found = await hero.booking_hca.search_bookings(
            filter_={"status": "booked", "patient_id": "1234"},
            ids=["1", "2"],
            tags=["urgent", "home visit"],
            window=SearchBookingsWindow(starts_after=NINE),
            where=SearchBookingsWhere(room="2", floors=[0, 1]),
        )
    assert [b.id for b in found] == ["7"]
    assert seen == [
        {
            "filter": {"status": "booked", "patient_id": "1234"},
            "ids": ["1", "2"],
            "tags": ["urgent", "home visit"],
            "window": {"starts_after": "2026-12-01T09:00:00+00:00"},
            "where": {"room": "2", "floors": [0, 1]},
        }
    ]


@pytest.mark.parametrize(
    ("query", "field"),
    [
        ("filter[status]=maybe", "filter"),
        ("ids=1,x", "ids"),
        ("starts_after=soon", "window"),
        ('where={"floors":[1]}', "where"),
        ("where=room", "where"),  # not JSON
    ],
)
async def test_fakehero_refuses_a_styled_value_that_does_not_fit_naming_it(
    query: str, field: str
) -> None:
    fake = FakeHero(spec=SPEC_PATH)
    async with fake.client() as http:
        answer = await http.get(
            f"/v1/bookings/search?{query}",
            headers={"x-api-key": fake.api_key, "x-practice-group-id": fake.practice_group_id},
        )
    assert answer.status_code == 422
    assert [e["field"] for e in answer.json()["errors"]] == [field]
