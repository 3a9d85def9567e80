"""Path parameters as a server reads them: the raw segment split by its style, then each
item decoded. listRoomBookings of the additive release takes a list in its path (`simple`:
`/v1/bookings/rooms/2%2Cannex,B`); downloadLetter a free string id. The SDK encodes each
item before joining, so a comma or a slash inside one reaches FakeHero's handler as sent,
in process, over a loopback port, and under an ASGI server that writes `raw_path` otherwise.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import httpx
import pytest
from pytest_httpx import HTTPXMock

from herohealth import HeroHealth
from herohealth.testing import FakeHero, FakeRequest
from tests.helpers import fake_client, served_client
from tests.spec_update.additive.test_new_operations import SPEC_PATH, booking

ROOMS = ["2,annex", "B/1", "50% off", "a=b"]
LETTER_ID = "L/1"
REACH = {"in-process": fake_client, "loopback": served_client}  # the fake, by ASGI or uvicorn


def recording(fake: FakeHero, operation_id: str, answer: Any) -> list[Mapping[str, Any]]:
    """The path parameters each call of `operation_id` reached its plugged handler with."""
    seen: list[Mapping[str, Any]] = []

    def handler(request: FakeRequest) -> Any:
        seen.append(request.path_params)
        return answer

    fake.handle(operation_id, handler)
    return seen


async def test_a_path_list_is_sent_simple_each_item_encoded(
    hero: HeroHealth, httpx_mock: HTTPXMock
) -> None:
    httpx_mock.add_response(json=[booking()])
    await hero.booking_hca.list_room_bookings(ROOMS)
    (request,) = httpx_mock.get_requests()
    assert request.url.raw_path == b"/v1/bookings/rooms/2%2Cannex,B%2F1,50%25%20off,a%3Db"


@pytest.mark.parametrize("reach", list(REACH))
async def test_fakehero_reads_path_list_items_holding_commas_and_slashes_as_sent(
    reach: str,
) -> None:
    fake = FakeHero(spec=SPEC_PATH)
    seen = recording(fake, "listRoomBookings", [booking()])
    async with REACH[reach](fake) as hero:
        found = await hero.booking_hca.list_room_bookings(ROOMS)
        await hero.booking_hca.list_room_bookings(["2"])
    assert [b.id for b in found] == ["7"]
    assert seen == [{"rooms": ROOMS}, {"rooms": ["2"]}]


@pytest.mark.parametrize("reach", list(REACH))
async def test_fakehero_routes_an_id_holding_an_encoded_slash_to_its_operation(
    reach: str,
) -> None:
    fake = FakeHero(spec=SPEC_PATH)
    seen = recording(fake, "downloadLetter", b"%PDF-1.7")
    async with REACH[reach](fake) as hero:
        assert await hero.letters.download_letter(LETTER_ID) == b"%PDF-1.7"
    assert seen == [{"letter_id": LETTER_ID}]
    assert fake.requests[-1].operation == "downloadLetter"


def _with_query_in_raw_path(app: Any) -> Any:
    # As httpx's ASGITransport wrote raw_path before 0.28: the query string included.
    async def asgi(scope: dict[str, Any], receive: Any, send: Any) -> None:
        if scope["type"] == "http":
            scope = {**scope, "raw_path": scope["raw_path"] + b"?" + scope["query_string"]}
        await app(scope, receive, send)

    return asgi


def _without_raw_path(app: Any) -> Any:
    # `raw_path` is optional in ASGI: a server may leave it out.
    async def asgi(scope: dict[str, Any], receive: Any, send: Any) -> None:
        await app({k: v for k, v in scope.items() if k != "raw_path"}, receive, send)

    return asgi


async def test_fakehero_reads_the_path_whatever_the_asgi_server_puts_in_raw_path() -> None:
    fake = FakeHero(spec=SPEC_PATH)
    seen = recording(fake, "listRoomBookings", [])
    headers = {"x-api-key": fake.api_key, "x-practice-group-id": fake.practice_group_id}
    for wrap in (_with_query_in_raw_path, _without_raw_path):
        transport = httpx.ASGITransport(app=wrap(fake.app))
        async with httpx.AsyncClient(
            transport=transport, base_url=fake.base_url, headers=headers
        ) as http:
            answer = await http.get("/v1/bookings/rooms/2%2Cannex,B?ignored=1")
        assert answer.status_code == 200, answer.text
    # Without the raw path the encoded comma cannot be told from the others.
    assert seen == [{"rooms": ["2,annex", "B"]}, {"rooms": ["2", "annex", "B"]}]


async def test_fakehero_checks_the_decoded_path_value_naming_the_parameter() -> None:
    fake = FakeHero(spec=SPEC_PATH)
    headers = {"x-api-key": fake.api_key, "x-practice-group-id": fake.practice_group_id}
    async with fake.client(headers=headers) as http:
        refused = await http.get("/v1/bookings/1%2F2")  # "1/2": not digits
        fits = await http.get("/v1/bookings/%31%32")  # "12"
    assert refused.status_code == 422, refused.text
    assert [e["field"] for e in refused.json()["errors"]] == ["booking_id"]
    assert fits.status_code == 200, fits.text
