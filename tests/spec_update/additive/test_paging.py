"""Hero's page_index/page_size convention, on an operation that declares it (listBookings of
the additive release), and the ways a server's pages can fail to add up."""

from __future__ import annotations

import asyncio
import gc
import logging
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import httpx
import pytest
from herohealth_openapi.models import Booking
from pytest_httpx import HTTPXMock

from herohealth import HeroHealth, Page, PaginationError
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


# ---- memory: what iterating keeps alive (counted with the garbage collector off) ----


@contextmanager
def collector_off() -> Iterator[None]:
    """Only reference counting frees objects here: whatever is in a cycle stays, and shows."""
    gc.collect()
    gc.disable()
    try:
        yield
    finally:
        gc.enable()


def alive(*kinds: type) -> tuple[int, ...]:
    counts = dict.fromkeys(kinds, 0)
    for thing in gc.get_objects():
        if type(thing) in counts:
            counts[type(thing)] += 1
    return tuple(counts.values())


async def test_iterating_frees_each_page_before_the_next_without_the_garbage_collector(
    hero: HeroHealth, httpx_mock: HTTPXMock
) -> None:
    # However many pages, one page's items at most are alive, and no page's httpx response
    # or Page waits in a reference cycle (the response's stream, the retry state) for the
    # collector: memory stays flat with the number of pages.
    pages, size = 30, 3
    for index in range(pages):
        ids = range(index * size + 1, (index + 1) * size + 1)
        httpx_mock.add_response(url=page_url(index, size), json=envelope(ids, pages * size))
    during = []
    with collector_off():
        async for b in hero.booking_hca.list_bookings(page_size=size):
            if int(b.id) % size == 1:  # the first item of each page
                during.append(alive(httpx.Response, Page, Booking))
        del b
        after = alive(httpx.Response, Page, Booking)
    assert len(during) == pages
    assert max(r for r, _, _ in during) == 0
    assert max(p for _, p, _ in during) == 0
    assert max(items for _, _, items in during) == size  # this page's, not the last one's
    assert after == (0, 0, 0)


async def test_stopping_early_frees_the_page_at_once(
    hero: HeroHealth, httpx_mock: HTTPXMock
) -> None:
    # Not when the event loop gets round to finalizing an abandoned iterator: at once.
    httpx_mock.add_response(url=page_url(0, 3), json=envelope([1, 2, 3], 9))
    with collector_off():
        first = await hero.booking_hca.list_bookings(page_size=3).to_list(limit=1)
        assert alive(Booking) == (1,)
    assert [b.id for b in first] == ["1"]


async def test_other_tasks_run_between_pages_even_when_the_transport_never_waits(
    hero: HeroHealth, httpx_mock: HTTPXMock
) -> None:
    # pytest-httpx answers without suspending, as an in-process app may: the paginator still
    # gives the event loop a turn between pages (where it also drops the last request's
    # cancelled timeout).
    for index in range(3):
        httpx_mock.add_response(url=page_url(index, 1), json=envelope([index + 1], 3))
    turns = 0

    async def count_turns() -> None:
        nonlocal turns
        while True:
            turns += 1
            await asyncio.sleep(0)

    counting = asyncio.create_task(count_turns())
    await asyncio.sleep(0)
    seen = [turns async for _ in hero.booking_hca.list_bookings(page_size=1)]
    counting.cancel()
    assert seen[0] < seen[1] < seen[2]
