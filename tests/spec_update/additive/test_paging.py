"""Hero's page_index/page_size convention, on an operation that declares it (listBookings of
the additive release), and the ways a server's pages can fail to add up."""

from __future__ import annotations

import asyncio
import logging
from typing import Any

import httpx
import pytest
from pytest_httpx import HTTPXMock

from herohealth import HeroHealth, PaginationError
from herohealth.testing import FakeHero
from tests.helpers import fake_client
from tests.spec_update.additive.test_new_operations import SPEC_PATH, booking

LIST_URL = "https://hero.test/v1/bookings"


def envelope(ids: range | list[int], count: int) -> dict[str, Any]:
    return {"data": [booking(id=str(n)) for n in ids], "count": count}


def page_url(index: int, size: int) -> str:
    return f"{LIST_URL}?page_index={index}&page_size={size}"


async def test_pages_are_fetched_lazily_one_request_per_page(
    hero: HeroHealth, httpx_mock: HTTPXMock
) -> None:
    httpx_mock.add_response(url=page_url(0, 2), json=envelope([1, 2], 5))
    httpx_mock.add_response(url=page_url(1, 2), json=envelope([3, 4], 5))
    httpx_mock.add_response(url=page_url(2, 2), json=envelope([5], 5))
    seen = []
    async for b in hero.booking_hca.list_bookings(page_size=2):
        seen.append(b.id)
        # Lazy: the page holding item n is requested only when item n is reached.
        assert len(httpx_mock.get_requests()) == (len(seen) + 1) // 2
    assert seen == ["1", "2", "3", "4", "5"]


async def test_default_page_size_and_manual_paging(hero: HeroHealth, httpx_mock: HTTPXMock) -> None:
    httpx_mock.add_response(url=page_url(0, 100), json=envelope(range(1, 101), 101))
    httpx_mock.add_response(url=page_url(1, 100), json=envelope([101], 101))
    first = await hero.booking_hca.list_bookings()
    assert first.has_next_page()
    second = await first.next_page()
    assert ([b.id for b in second.data], second.index, second.has_next_page()) == (
        ["101"],
        1,
        False,
    )
    with pytest.raises(PaginationError):
        await second.next_page()


async def test_to_list_limit_stops_fetching(hero: HeroHealth, httpx_mock: HTTPXMock) -> None:
    httpx_mock.add_response(url=page_url(0, 2), json=envelope([1, 2], 9))
    httpx_mock.add_response(url=page_url(1, 2), json=envelope([3, 4], 9))
    assert [b.id for b in await hero.booking_hca.list_bookings(page_size=2).to_list(limit=3)] == [
        "1",
        "2",
        "3",
    ]
    assert len(httpx_mock.get_requests()) == 2


async def test_a_repeated_page_stops_with_a_clear_error(
    hero: HeroHealth, httpx_mock: HTTPXMock
) -> None:
    httpx_mock.add_response(url=page_url(0, 2), json=envelope([1, 2], 6))
    httpx_mock.add_response(url=page_url(1, 2), json=envelope([1, 2], 6))
    seen: list[str] = []

    async def iterate() -> None:
        async for b in hero.booking_hca.list_bookings(page_size=2):
            seen.append(b.id)

    with pytest.raises(PaginationError, match="repeats page 0"):
        await iterate()
    assert seen == ["1", "2"]


async def test_an_empty_page_before_count_is_reached_ends_the_pages_with_a_warning(
    hero: HeroHealth, httpx_mock: HTTPXMock, caplog: pytest.LogCaptureFixture
) -> None:
    # Asking for the next index could only repeat the emptiness (or loop): the items that
    # arrived are kept, the shortfall is logged, and `count` stays visible on the page.
    httpx_mock.add_response(url=page_url(0, 2), json=envelope([1, 2], 6))
    httpx_mock.add_response(url=page_url(1, 2), json=envelope([], 6))
    with caplog.at_level(logging.WARNING, logger="herohealth"):
        items = await hero.booking_hca.list_bookings(page_size=2).to_list()
    assert [b.id for b in items] == ["1", "2"]
    assert "reported 6 items but sent 2" in caplog.text
    assert len(httpx_mock.get_requests()) == 2


async def test_breaking_out_requests_nothing_more(hero: HeroHealth, httpx_mock: HTTPXMock) -> None:
    httpx_mock.add_response(url=page_url(0, 2), json=envelope([1, 2], 6))
    async for b in hero.booking_hca.list_bookings(page_size=2):
        if b.id == "1":
            break
    assert len(httpx_mock.get_requests()) == 1


async def test_cancelling_mid_iteration_closes_cleanly(
    hero: HeroHealth, httpx_mock: HTTPXMock
) -> None:
    second_page_requested = asyncio.Event()

    async def never_answers(request: httpx.Request) -> httpx.Response:
        second_page_requested.set()
        await asyncio.Event().wait()
        raise AssertionError("unreachable")

    httpx_mock.add_response(url=page_url(0, 2), json=envelope([1, 2], 4))
    httpx_mock.add_callback(never_answers, url=page_url(1, 2))
    seen: list[str] = []

    async def iterate() -> None:
        async for b in hero.booking_hca.list_bookings(page_size=2):
            seen.append(b.id)

    task = asyncio.create_task(iterate())
    async with asyncio.timeout(5):
        await second_page_requested.wait()
    task.cancel()
    with pytest.raises(asyncio.CancelledError):
        await task
    assert seen == ["1", "2"]
    # The client is still usable after the cancelled iteration.
    httpx_mock.add_response(url=page_url(0, 2), json=envelope([7], 1))
    assert [b.id async for b in hero.booking_hca.list_bookings(page_size=2)] == ["7"]


async def test_pages_over_the_fake_hero_with_a_plugged_handler() -> None:
    fake = FakeHero(spec=SPEC_PATH)
    bookings = [booking(id=str(n)) for n in range(1, 6)]

    def list_bookings(request: Any) -> dict[str, Any]:
        index, size = int(request.query["page_index"]), int(request.query["page_size"])
        return {"data": bookings[index * size : (index + 1) * size], "count": len(bookings)}

    fake.handle("listBookings", list_bookings)
    async with fake_client(fake) as hero:
        ids = [b.id async for b in hero.booking_hca.list_bookings(page_size=2)]
    assert ids == ["1", "2", "3", "4", "5"]
    pages = [r.query for r in fake.requests if r.operation == "listBookings"]
    assert [(q["page_index"], q["page_size"]) for q in pages] == [
        ("0", "2"),
        ("1", "2"),
        ("2", "2"),
    ]
