"""Pages over `{"data", "count"}` envelopes of today's operations: one envelope each.

Hero's page_index/page_size convention, and the ways a server's pages can fail to add up,
are tested on an operation that declares it, in a regenerated additive release
(tests/spec_update/additive/test_paging.py).
"""

from __future__ import annotations

import logging
from typing import Any

import pytest
from helpers import BASE_URL
from pytest_httpx import HTTPXMock

from herohealth import HeroHealth, InvalidInputError, Page

LIST_URL = f"{BASE_URL}/v1/patients"


def patient(n: int) -> dict[str, Any]:
    return {"id": str(n), "dob": None, "data_source": "hero", "status": "unarchived",
            "identifiers": [], "ehr_registered": None}  # fmt: skip


def envelope(ids: range | list[int], count: int) -> dict[str, Any]:
    return {"data": [patient(n) for n in ids], "count": count}


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
