"""Pages over `{"data", "count"}` envelopes: single envelopes today, Hero's page_index/page_size
convention where an operation declares it, and the ways a server's pages can fail to add up."""

from __future__ import annotations

import asyncio
import datetime
import logging
from typing import Any

import herohealth_openapi.api.patients.list_patients as generated_list_patients
import httpx
import pytest
from helpers import BASE_URL, fake_client
from pytest_httpx import HTTPXMock

from herohealth import HeroHealth, InvalidInputError, Page, PaginationError
from herohealth.testing import FakeHero

LIST_URL = f"{BASE_URL}/v1/patients"


def patient(n: int) -> dict[str, Any]:
    return {"id": str(n), "dob": None, "data_source": "hero", "status": "unarchived",
            "identifiers": [], "ehr_registered": None}  # fmt: skip


def envelope(ids: range | list[int], count: int) -> dict[str, Any]:
    return {"data": [patient(n) for n in ids], "count": count}


@pytest.fixture
def paged(monkeypatch: pytest.MonkeyPatch) -> None:
    """A test-only variant of the generated list_patients that declares Hero's paging
    parameters, as a regenerated client would once Hero's spec adds them."""
    original = generated_list_patients._get_kwargs

    def _get_kwargs(*, page_index: int, page_size: int, **arguments: Any) -> dict[str, Any]:
        kwargs = original(**arguments)
        kwargs["params"] = {**kwargs["params"], "page_index": page_index, "page_size": page_size}
        return kwargs

    monkeypatch.setattr(generated_list_patients, "_get_kwargs", _get_kwargs)


def page_url(index: int, size: int) -> str:
    return f"{LIST_URL}?page_index={index}&page_size={size}"


# ---- today's operations: one envelope is the whole answer ----


async def test_single_envelope_is_one_request(hero: HeroHealth, httpx_mock: HTTPXMock) -> None:
    httpx_mock.add_response(url=LIST_URL, json=envelope(range(1, 4), 3))
    page = await hero.patients.list()
    assert isinstance(page, Page)
    assert ([p.id for p in page.data], page.count, page.has_next_page()) == (
        ["1", "2", "3"],
        3,
        False,
    )

    httpx_mock.add_response(url=LIST_URL, json=envelope(range(1, 4), 3))
    assert [p.id async for p in hero.patients.list()] == ["1", "2", "3"]
    assert len(httpx_mock.get_requests()) == 2  # one per listing, never a second page


async def test_empty_list(hero: HeroHealth, httpx_mock: HTTPXMock) -> None:
    httpx_mock.add_response(url=LIST_URL, json=envelope([], 0), is_reusable=True)
    assert [p async for p in hero.patients.list()] == []
    assert await hero.patients.list().to_list() == []
    page = await hero.patients.list()
    assert (page.data, page.count, page.has_next_page()) == ([], 0, False)


async def test_count_above_what_arrived_is_visible_and_warned_never_looped(
    hero: HeroHealth, httpx_mock: HTTPXMock, caplog: pytest.LogCaptureFixture
) -> None:
    httpx_mock.add_response(url=LIST_URL, json=envelope([1, 2], 5), is_reusable=True)
    with caplog.at_level(logging.WARNING, logger="herohealth"):
        page = await hero.patients.list()
    assert (len(page.data), page.count, page.has_next_page()) == (2, 5, False)
    assert "reported 5 items but sent 2" in caplog.text
    assert [p.id async for p in hero.patients.list()] == ["1", "2"]
    assert len(httpx_mock.get_requests()) == 2


async def test_page_size_for_an_operation_hero_does_not_page_is_refused(
    hero: HeroHealth, httpx_mock: HTTPXMock
) -> None:
    with pytest.raises(InvalidInputError) as caught:
        hero.patients.list(page_size=10)
    assert caught.value.field == "page_size"
    assert httpx_mock.get_requests() == []


async def test_every_list_method_returns_a_paginator(
    hero: HeroHealth, httpx_mock: HTTPXMock
) -> None:
    attachment = {"ehr_partner_file_id": "f1", "file_name": "a", "file_extension": "pdf",
                  "created_at": None}  # fmt: skip
    httpx_mock.add_response(url=f"{BASE_URL}/v1/patients/1/attachments",
                            json={"data": [attachment], "count": 1})  # fmt: skip
    httpx_mock.add_response(url=f"{BASE_URL}/v1/patients/1/payment_methods",
                            json={"data": [], "count": 0})  # fmt: skip
    httpx_mock.add_response(url=f"{BASE_URL}/v1/patients/1/ehr/candidates",
                            json={"data": [], "count": 0})  # fmt: skip
    httpx_mock.add_response(url=f"{BASE_URL}/v2/patients", json={"data": [], "count": 0})
    assert [a.file_name async for a in hero.patients.attachments("1")] == ["a"]
    assert await hero.patients.payment_methods("1").to_list() == []
    assert await hero.patients.ehr.candidates("1").to_list() == []
    assert await hero.patients.list_v2().to_list() == []


# ---- Hero's page_index / page_size convention ----


@pytest.mark.usefixtures("paged")
async def test_pages_are_fetched_lazily_one_request_per_page(
    hero: HeroHealth, httpx_mock: HTTPXMock
) -> None:
    httpx_mock.add_response(url=page_url(0, 2), json=envelope([1, 2], 5))
    httpx_mock.add_response(url=page_url(1, 2), json=envelope([3, 4], 5))
    httpx_mock.add_response(url=page_url(2, 2), json=envelope([5], 5))
    seen = []
    async for p in hero.patients.list(page_size=2):
        seen.append(p.id)
        # Lazy: the page holding item n is requested only when item n is reached.
        assert len(httpx_mock.get_requests()) == (len(seen) + 1) // 2
    assert seen == ["1", "2", "3", "4", "5"]


@pytest.mark.usefixtures("paged")
async def test_default_page_size_and_manual_paging(hero: HeroHealth, httpx_mock: HTTPXMock) -> None:
    httpx_mock.add_response(url=page_url(0, 100), json=envelope(range(1, 101), 101))
    httpx_mock.add_response(url=page_url(1, 100), json=envelope([101], 101))
    first = await hero.patients.list()
    assert first.has_next_page()
    second = await first.next_page()
    assert ([p.id for p in second.data], second.index, second.has_next_page()) == (
        ["101"],
        1,
        False,
    )
    with pytest.raises(PaginationError):
        await second.next_page()


@pytest.mark.usefixtures("paged")
async def test_to_list_limit_stops_fetching(hero: HeroHealth, httpx_mock: HTTPXMock) -> None:
    httpx_mock.add_response(url=page_url(0, 2), json=envelope([1, 2], 9))
    httpx_mock.add_response(url=page_url(1, 2), json=envelope([3, 4], 9))
    assert [p.id for p in await hero.patients.list(page_size=2).to_list(limit=3)] == ["1", "2", "3"]
    assert len(httpx_mock.get_requests()) == 2


@pytest.mark.usefixtures("paged")
async def test_a_repeated_page_stops_with_a_clear_error(
    hero: HeroHealth, httpx_mock: HTTPXMock
) -> None:
    httpx_mock.add_response(url=page_url(0, 2), json=envelope([1, 2], 6))
    httpx_mock.add_response(url=page_url(1, 2), json=envelope([1, 2], 6))
    seen: list[str] = []

    async def iterate() -> None:
        async for p in hero.patients.list(page_size=2):
            seen.append(p.id)

    with pytest.raises(PaginationError, match="repeats page 0"):
        await iterate()
    assert seen == ["1", "2"]


@pytest.mark.usefixtures("paged")
async def test_an_empty_page_before_count_is_reached_stops(
    hero: HeroHealth, httpx_mock: HTTPXMock
) -> None:
    httpx_mock.add_response(url=page_url(0, 2), json=envelope([1, 2], 6))
    httpx_mock.add_response(url=page_url(1, 2), json=envelope([], 6))
    with pytest.raises(PaginationError, match="only 2 of 6"):
        await hero.patients.list(page_size=2).to_list()


@pytest.mark.usefixtures("paged")
async def test_breaking_out_requests_nothing_more(hero: HeroHealth, httpx_mock: HTTPXMock) -> None:
    httpx_mock.add_response(url=page_url(0, 2), json=envelope([1, 2], 6))
    async for p in hero.patients.list(page_size=2):
        if p.id == "1":
            break
    assert len(httpx_mock.get_requests()) == 1


@pytest.mark.usefixtures("paged")
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
        async for p in hero.patients.list(page_size=2):
            seen.append(p.id)

    task = asyncio.create_task(iterate())
    async with asyncio.timeout(5):
        await second_page_requested.wait()
    task.cancel()
    with pytest.raises(asyncio.CancelledError):
        await task
    assert seen == ["1", "2"]
    # The client is still usable after the cancelled iteration.
    httpx_mock.add_response(url=page_url(0, 2), json=envelope([7], 1))
    assert [p.id async for p in hero.patients.list(page_size=2)] == ["7"]


@pytest.mark.usefixtures("paged")
async def test_pages_over_the_fake_hero(fake: FakeHero) -> None:
    for n in range(5):
        fake.add_patient(first_name=f"P{n}", last_name="Paged", dob=datetime.date(1990, 1, n + 1))
    async with fake_client(fake) as hero:
        names = [p.first_name async for p in hero.patients.list(page_size=2)]
    assert names == ["P0", "P1", "P2", "P3", "P4"]
    pages = [r.query for r in fake.requests if r.operation == "list_patients"]
    assert [(q["page_index"], q["page_size"]) for q in pages] == [
        ("0", "2"),
        ("1", "2"),
        ("2", "2"),
    ]
