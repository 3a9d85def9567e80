"""Peak memory while iterating 100,000 patients over pages, against one page and against 10,000.

Pages come from the canned server (another process) through the SDK's own request loop and
paginator: `list_patients` as a regenerated client would have it once Hero's spec declares
`page_index`/`page_size` (its Operation with `page_params=True`), 100 patients a page. Memory
is traced with tracemalloc (Python allocations of this process), from a collected heap: each
figure is the peak above what was allocated before, as a ratio to one page's peak (awaiting
the paginator: its first page, requested and decoded) in the same round.

    python -m bench.memory    figures as JSON, with a canned server of its own
"""

from __future__ import annotations

import asyncio
import gc
import tracemalloc
from collections.abc import Awaitable, Callable
from typing import Any

import attrs

from bench import harness
from bench.calls import facade
from bench.canned_server import PAGE_SIZE, CannedServer, serve
from bench.harness import Figure
from herohealth import AsyncPaginator, HeroHealth
from herohealth._generated import operation

TOTAL = 100_000
ROUNDS = 2  # tracemalloc slows the SDK's decoding about 7x: 100,000 patients take ~45 s


def paged_list(hero: HeroHealth) -> AsyncPaginator[Any]:
    """list_patients with Hero's page parameters, through the SDK's request loop."""
    paged = attrs.evolve(operation("list_patients"), page_params=True)
    return hero._requester.paginate(paged, {"page_size": PAGE_SIZE}, {})


async def _peak(run: Callable[[], Awaitable[None]]) -> float:
    """The traced peak while `run()` runs, above the traced memory before it, in KiB."""
    gc.collect()
    before = tracemalloc.get_traced_memory()[0]
    tracemalloc.reset_peak()
    await run()
    return (tracemalloc.get_traced_memory()[1] - before) / 1024


async def measure(server: CannedServer, total: int = TOTAL, rounds: int = ROUNDS) -> list[Figure]:
    tenth = total // 10
    async with facade(server.base_url) as hero:

        async def first_page() -> None:
            page = await paged_list(hero)
            if len(page.data) != PAGE_SIZE:
                raise RuntimeError(f"a page of {len(page.data)} patients")

        def iterate(items: int) -> Callable[[], Awaitable[None]]:
            # The server reports `total` patients in all: the paginator stops there by itself,
            # and is left after its first `items` patients for fewer.
            async def run() -> None:
                seen = 0
                async for _patient in paged_list(hero):
                    seen += 1
                    if seen == items:
                        break
                if seen != items:
                    raise RuntimeError(f"iterated {seen} patients, not {items}")

            return run

        def peak(run: Callable[[], Awaitable[None]]) -> harness.AsyncContender:
            return lambda: _peak(run)

        harness.progress(f"memory: iterating {total:,} patients over pages x {rounds} rounds")
        tracemalloc.start()
        try:
            # What the first call allocates for good (modules imported on first use, caches)
            # is allocated here, not in a figure; then no full warm-up round: that would
            # take as long as a round.
            await first_page()
            await iterate(2 * PAGE_SIZE)()
            peaks = await harness.interleave_async(
                {
                    "page": peak(first_page),
                    "tenth": peak(iterate(tenth)),
                    "all": peak(iterate(total)),
                },
                rounds,
                warmup=False,
            )
        finally:
            tracemalloc.stop()
    return [
        harness.ratio_figure(
            f"peak memory: {total:,} patients iterated over pages vs one page",
            peaks["all"],
            peaks["page"],
            at_most=1.5,
            unit="KiB",
            labels=(f"{total:,}", "one page"),
        ),
        harness.ratio_figure(
            f"peak memory: {total:,} vs {tenth:,} patients iterated (flat)",
            peaks["all"],
            peaks["tenth"],
            at_most=1.1,
            unit="KiB",
            labels=(f"{total:,}", f"{tenth:,}"),
        ),
    ]


def run(total: int = TOTAL, rounds: int = ROUNDS) -> list[Figure]:
    with serve(count=total) as server:
        return asyncio.run(measure(server, total, rounds))


if __name__ == "__main__":
    harness.print_figures(run())
