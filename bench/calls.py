"""What a call costs through the facade against bare httpx + json.loads: alone, and 500 at once.

Both contenders talk to the canned server (bench/canned_server.py, another process), with the
facade's connection limits, timeouts and headers, and both decode the body: the facade into
its typed Patient (argument checks, the request loop, the generated parser), bare httpx with
`json.loads(response.content)`. The figure is the facade's time per call over bare httpx's,
round by round. Bare httpx gets the absolute URL, as the facade builds one: joining a
relative path to a client's `base_url` costs httpx a second URL parse (about 20 us a call),
so the sequential race also shows the facade against that way of using httpx, without a
goal. (Not named http.py: bench/canned_server.py runs as a script, with bench/ first on
sys.path, and would import that module as the standard library's `http`.)

    python -m bench.calls    figures as JSON, with a canned server of its own
"""

from __future__ import annotations

import asyncio
import json
import statistics
import time
from collections.abc import Awaitable, Callable
from typing import Any

import httpx

from bench import harness
from bench.canned_server import CannedServer, serve
from bench.harness import Figure
from herohealth import HeroHealth
from herohealth._config import DEFAULT_CONNECTION_LIMITS, DEFAULT_TIMEOUT
from herohealth._request import USER_AGENT

API_KEY = "sk_bench_key"
PRACTICE_GROUP_ID = "pg_bench"
PATIENT_ID = "1"
# Short rounds, many of them: a burst of another process's work lands in few of them.
SEQUENTIAL = 50
SEQUENTIAL_ROUNDS = 41
CONCURRENT = 500
CONCURRENT_ROUNDS = 13  # the least steady figure: more rounds


def facade(base_url: str, **options: Any) -> HeroHealth:
    """The SDK client as a user creates it, with the bench's credentials."""
    return HeroHealth(
        api_key=API_KEY, practice_group_id=PRACTICE_GROUP_ID, base_url=base_url, **options
    )


def bare(base_url: str) -> httpx.AsyncClient:
    """httpx as the facade configures it, sending the headers the facade sends."""
    headers = {
        "accept": "application/json",
        "user-agent": USER_AGENT,
        "x-api-key": API_KEY,
        "x-practice-group-id": PRACTICE_GROUP_ID,
    }
    return httpx.AsyncClient(
        base_url=base_url,
        headers=headers,
        limits=DEFAULT_CONNECTION_LIMITS,
        timeout=DEFAULT_TIMEOUT,
        follow_redirects=False,
    )


class Errors:
    """Calls that raised, per contender: a benchmark must show none, on either side."""

    def __init__(self) -> None:
        self.counts: dict[str, int] = {}

    def guard(self, name: str, call: Callable[[], Awaitable[object]]) -> Awaitable[None]:
        self.counts.setdefault(name, 0)

        async def guarded() -> None:
            try:
                await call()
            except Exception:
                self.counts[name] += 1

        return guarded()


async def measure(
    server: CannedServer,
    *,
    sequential: int = SEQUENTIAL,
    sequential_rounds: int = SEQUENTIAL_ROUNDS,
    concurrent: int = CONCURRENT,
    concurrent_rounds: int = CONCURRENT_ROUNDS,
) -> list[Figure]:
    errors = Errors()
    # This process's CPU per call, each round (kept beside the wall-clock figure: time the
    # machine gave to other processes is in the wall clock, not in the CPU time).
    cpu: dict[str, list[float]] = {}
    path = f"/v1/patients/{PATIENT_ID}"
    url = f"{server.base_url}{path}"
    async with facade(server.base_url) as hero, bare(server.base_url) as http:

        async def facade_get() -> None:
            await hero.patients.get(PATIENT_ID)

        async def bare_get() -> None:
            json.loads((await http.get(url)).content)

        async def bare_relative_get() -> None:
            json.loads((await http.get(path)).content)

        def contender(
            kind: str, name: str, get: Callable[[], Awaitable[None]]
        ) -> harness.AsyncContender:
            count = sequential if kind == "sequential" else concurrent

            async def run() -> float:
                calls = [errors.guard(f"{kind} {name}", get) for _ in range(count)]
                cpu_started, started = time.process_time(), time.perf_counter()
                if kind == "sequential":
                    for call in calls:
                        await call
                else:
                    await asyncio.gather(*calls)
                wall = time.perf_counter() - started
                cpu.setdefault(f"{kind} {name}", []).append(
                    (time.process_time() - cpu_started) / count * 1e6
                )
                return wall / count * 1e6

            return run

        def race(kind: str, rounds: int) -> Awaitable[dict[str, list[float]]]:
            contenders = {
                "facade": contender(kind, "facade", facade_get),
                "bare": contender(kind, "bare", bare_get),
            }
            if kind == "sequential":
                contenders["base_url"] = contender(kind, "base_url", bare_relative_get)
            return harness.interleave_async(contenders, rounds)

        harness.progress(f"calls: {sequential} sequential GETs x {sequential_rounds} rounds")
        sequential_times = await race("sequential", sequential_rounds)
        harness.progress(f"calls: {concurrent} concurrent GETs x {concurrent_rounds} rounds")
        before, cpu_before, wall_before = server.stats(), time.process_time(), time.perf_counter()
        concurrent_times = await race("concurrent", concurrent_rounds)
        wall = time.perf_counter() - wall_before
        client_cpu = time.process_time() - cpu_before
        server_cpu = server.stats()["cpu_seconds"] - before["cpu_seconds"]

    def figure(
        kind: str,
        title: str,
        times: dict[str, list[float]],
        goal: float | None,
        note: str,
        bare: str = "bare",
    ) -> Figure:
        rounds = len(times["facade"])  # the warm-up round's CPU times come first: left out
        facade_cpu, bare_cpu = (cpu[f"{kind} {name}"][-rounds:] for name in ("facade", bare))
        counts = {
            "facade": errors.counts[f"{kind} facade"],
            "bare": errors.counts[f"{kind} {bare}"],
        }
        cpu_ratio = statistics.median(harness.ratios(facade_cpu, bare_cpu))
        return harness.ratio_figure(
            title,
            times["facade"],
            times[bare],
            at_most=goal,
            unit="us",
            labels=("facade", "bare"),
            errors=sum(counts.values()),
            note=(
                f"(facade {counts['facade']}, bare {counts['bare']}); client CPU per call: "
                f"facade {statistics.median(facade_cpu):.0f} us vs bare "
                f"{statistics.median(bare_cpu):.0f} us ({cpu_ratio:.2f}x){note}"
            ),
        )

    shares = (
        f"; CPU while concurrent: server {harness.cpu_share(server_cpu, wall)}, "
        f"client {harness.cpu_share(client_cpu, wall)} of wall time"
    )
    head = "per call, {}: facade vs bare httpx + json.loads"
    return [
        figure("sequential", head.format("sequential"), sequential_times, 1.05, ""),
        figure(
            "sequential",
            "  the same, bare httpx joining a relative path to its base_url",
            sequential_times,
            None,
            "",
            bare="base_url",
        ),
        figure(
            "concurrent", head.format(f"{concurrent} concurrent"), concurrent_times, 1.10, shares
        ),
    ]


def run(**sizes: int) -> list[Figure]:
    """Both figures, against a canned server started (and stopped) here."""
    with serve() as server:
        return asyncio.run(measure(server, **sizes))


if __name__ == "__main__":
    harness.print_figures(run())
