"""Peak memory while iterating 100,000 patients over pages, against one page's worth.

Pages come from an in-process transport (no network noise), through the public SDK,
with the list operation given Hero's page_index/page_size parameters the way a
regenerated client would have them. Memory is traced with tracemalloc: the figure is
a ratio measured in the same run, never an absolute threshold.
"""

from __future__ import annotations

import asyncio
import json
import tracemalloc
from typing import Any

import attrs
import httpx

from herohealth import AsyncPaginator, HeroHealth
from herohealth._generated import operation

TOTAL = 100_000
PAGE_SIZE = 100


def _patient(n: int) -> dict[str, Any]:
    return {
        "id": str(n), "dob": "1989-04-11T00:00:00Z", "first_name": "Ada", "last_name": "Lovelace",
        "title": "Dr", "sex": "Female", "nhs_number": "9434765919", "email": "ada@example.org",
        "data_source": "emis", "status": "unarchived", "last_sync_at": "2019-08-24T14:15:22Z",
        "identifiers": [{"source": "nhs", "name": "nhs_number", "role": "main", "label": "NHS",
                         "value": "9434765919"}],
        "ehr_registered": True,
    }  # fmt: skip


def _pages_transport() -> httpx.MockTransport:
    def handler(request: httpx.Request) -> httpx.Response:
        index = int(request.url.params["page_index"])
        size = int(request.url.params["page_size"])
        start = index * size
        data = [_patient(n) for n in range(start + 1, min(start + size, TOTAL) + 1)]
        return httpx.Response(200, content=json.dumps({"data": data, "count": TOTAL}).encode())

    return httpx.MockTransport(handler)


def _paged_list(hero: HeroHealth) -> AsyncPaginator[Any]:
    # list_patients as a regenerated client would have it once Hero's spec declares
    # page_index/page_size (its Operation with the page parameters), through the SDK's own
    # request loop and paginator.
    paged = attrs.evolve(operation("list_patients"), page_params=True)
    return hero._requester.paginate(paged, {"page_size": PAGE_SIZE}, {})


async def _measure() -> list[dict[str, Any]]:
    async with (
        httpx.AsyncClient(transport=_pages_transport()) as http,
        HeroHealth(api_key="k", practice_group_id="pg", base_url="https://bench.test",
                   http_client=http) as hero,
    ):  # fmt: skip
        tracemalloc.start()
        base = tracemalloc.get_traced_memory()[0]
        tracemalloc.reset_peak()
        first = await _paged_list(hero)
        one_page = tracemalloc.get_traced_memory()[1] - base
        del first

        peaks = {}
        for items in (TOTAL // 10, TOTAL):
            tracemalloc.reset_peak()
            seen = 0
            async for _patient_model in _paged_list(hero):
                seen += 1
                if seen == items:
                    break
            peaks[items] = tracemalloc.get_traced_memory()[1] - base
        tracemalloc.stop()
    iterating = peaks[TOTAL]
    return [
        {
            "name": "peak memory: 100,000 vs 10,000 patients iterated (flat)",
            "measured": f"{iterating / peaks[TOTAL // 10]:.2f}x",
            "goal": "~1x",
            "met": iterating < 1.5 * peaks[TOTAL // 10],
        },
        {
            "name": "peak memory: 100,000 patients iterated vs one page",
            "measured": f"{iterating / one_page:.2f}x "
            f"({iterating // 1024} / {one_page // 1024} KiB)",
            "goal": "< 2x one page",
            "met": iterating < 2 * one_page,
        },
    ]


def run() -> list[dict[str, Any]]:
    return asyncio.run(_measure())
