"""One client under load (issue 15): throughput at 500, 2,000 and 10,000 concurrent calls,
memory per waiting call, and how fast 5,000 calls in flight or queued settle when cancelled.

Each throughput measurement runs in a fresh interpreter (`python -m bench.scale --child`), on
one new `HeroHealth` client against the canned server, after a warm-up of WARMUP concurrent
calls; N concurrent calls are made at once as many times as MIN_CALLS calls take (500 four
times, 2,000 and 10,000 once), and throughput is the calls over the time their gathers took.
A fresh process per measurement keeps one size's heap (and the collector's work on it) out
of the next, and lets memory be read as a user sees it: the process's peak resident set
(`ru_maxrss`, KiB on Linux) at the end, less its resident set after the warm-up, per
concurrent call. (Few calls can show the interpreter's start-up peak instead; thousands
rise far above it.)
Sizes take turns round after round, so the ratio 10,000 vs 500 is taken between
measurements made next to each other. Every call's result is dropped as it completes: the
memory measured is the client's per call, not the caller's list of results.

Cancellation runs here, against the server's never-answering route: the calls fill the
client's `max_in_flight` places and queue behind them; once the server holds a request per
place, and HOLD seconds more, all are cancelled, and the figure is the time until every task
has settled (`asyncio.wait`), then the time `aclose()` takes.

    python -m bench.scale    figures as JSON, with a canned server of its own
"""

from __future__ import annotations

import argparse
import asyncio
import json
import resource
import statistics
import sys
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from bench import harness
from bench.calls import PATIENT_ID, Errors, facade
from bench.canned_server import CannedServer, serve
from bench.harness import Figure
from herohealth._config import DEFAULT_MAX_IN_FLIGHT

SIZES = (500, 2_000, 10_000)
ROUNDS = 3
WARMUP = 100
# Each throughput measurement makes at least this many calls (500 at once, four times over):
# a second of 500 calls alone is at the mercy of whatever else the machine does then.
MIN_CALLS = 2_000
CANCELLED = 5_000
CANCEL_ROUNDS = 3
HOLD = 0.5
IN_FLIGHT_TIMEOUT = 60.0


async def _throughput(base_url: str, calls: int, warmup: int, min_calls: int) -> dict[str, Any]:
    errors = Errors()
    async with facade(base_url) as hero:

        async def get() -> None:
            await hero.patients.get(PATIENT_ID)

        await asyncio.gather(*(errors.guard("warm-up", get) for _ in range(warmup)))
        rss_before = _resident_kib()
        cpu_before = time.process_time()
        seconds = 0.0
        # A few seconds at least: `calls` at once, as many times as MIN_CALLS takes.
        batches = max(1, -(-min_calls // calls))
        for _ in range(batches):
            pending = [errors.guard("calls", get) for _ in range(calls)]
            started = time.perf_counter()
            await asyncio.gather(*pending)
            seconds += time.perf_counter() - started
            del pending
        cpu = time.process_time() - cpu_before
        rss_growth = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - rss_before
    return {
        "calls_per_second": batches * calls / seconds,
        "calls": batches * calls,
        "seconds": seconds,
        "client_cpu_seconds": cpu,
        "errors": errors.counts["calls"] + errors.counts["warm-up"],
        "rss_growth_kib_per_call": rss_growth / calls,
    }


def _resident_kib() -> int:
    """The resident set now, in KiB (the peak so far where /proc is not there)."""
    try:
        resident_pages = int(Path("/proc/self/statm").read_text().split()[1])
    except OSError:
        return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return resident_pages * resource.getpagesize() // 1024


def _child(arguments: Sequence[str]) -> None:
    parser = argparse.ArgumentParser(prog="python -m bench.scale --child")
    parser.add_argument("--child", action="store_true")
    parser.add_argument("--base-url", required=True)
    parser.add_argument("--calls", type=int, required=True)
    parser.add_argument("--warmup", type=int, default=WARMUP)
    parser.add_argument("--min-calls", type=int, default=MIN_CALLS)
    options = parser.parse_args(arguments)
    result = asyncio.run(
        _throughput(options.base_url, options.calls, options.warmup, options.min_calls)
    )
    json.dump(result, sys.stdout)


def throughput(
    server: CannedServer,
    sizes: Sequence[int] = SIZES,
    rounds: int = ROUNDS,
    warmup: int = WARMUP,
    min_calls: int = MIN_CALLS,
) -> list[Figure]:
    """Throughput per size, 10,000 vs 500, and memory per call at 10,000 vs 2,000 (by size)."""
    small, middle, large = sizes
    runs: dict[int, list[dict[str, Any]]] = {size: [] for size in sizes}
    server_cpu = wall = 0.0

    def one(size: int) -> harness.Contender:
        def measure() -> float:
            nonlocal server_cpu, wall
            before = server.stats()["cpu_seconds"]
            result = harness.child(
                "scale", "--child", "--base-url", server.base_url, "--calls", str(size),
                "--warmup", str(warmup), "--min-calls", str(min_calls),
            )  # fmt: skip
            # The server's CPU over the whole child (start-up and warm-up: an upper bound).
            server_cpu += server.stats()["cpu_seconds"] - before
            wall += result["seconds"]
            runs[size].append(result)
            return float(result["calls_per_second"])

        return measure

    harness.progress(f"scale: {' / '.join(map(str, sizes))} concurrent calls x {rounds} rounds")
    # No warm-up round: each measurement warms its own fresh process up.
    per_size = harness.interleave({str(size): one(size) for size in sizes}, rounds, warmup=False)
    errors = sum(result["errors"] for results in runs.values() for result in results)
    memory = {size: [r["rss_growth_kib_per_call"] for r in runs[size]] for size in sizes}
    client_cpu = sum(r["client_cpu_seconds"] for results in runs.values() for r in results)
    # Calls per second of the client's own CPU: what another process's load leaves out.
    per_cpu = {size: [r["calls"] / r["client_cpu_seconds"] for r in runs[size]] for size in sizes}
    cpu_ratio = statistics.median(harness.ratios(per_cpu[large], per_cpu[small]))
    figures = [
        Figure(
            f"throughput, one client, {size:,} concurrent get",
            per_size[str(size)],
            "/s",
            errors=sum(r["errors"] for r in runs[size]),
        )
        for size in sizes
    ]
    figures.append(
        harness.ratio_figure(
            f"throughput {large:,} vs {small:,} concurrent",
            per_size[str(large)],
            per_size[str(small)],
            at_least=0.9,
            unit="/s",
            labels=(f"{large:,}", f"{small:,}"),
            errors=errors,
            note=(
                f"per client CPU second: {cpu_ratio:.2f}x; CPU during the calls: server at "
                f"most {harness.cpu_share(server_cpu, wall)}, client "
                f"{harness.cpu_share(client_cpu, wall)} of wall time"
            ),
        )
    )
    figures.append(
        harness.ratio_figure(
            f"memory per concurrent call (RSS peak growth), {large:,} vs {middle:,}",
            memory[large],
            memory[middle],
            at_most=1.2,
            unit="KiB",
            labels=(f"{large:,}", f"{middle:,}"),
        )
    )
    return figures


async def _cancel_once(server: CannedServer, calls: int, hold: float) -> dict[str, float]:
    async with facade(server.hold_url) as hero:
        held_before = server.stats()["held"]
        started = time.perf_counter()
        tasks = [asyncio.create_task(hero.patients.get(PATIENT_ID)) for _ in range(calls)]
        # In flight: the server holds a request per place (or every call, for fewer), which
        # also means every task has started; a fixed sleep alone could cancel calls that
        # had not been started yet on a slow machine.
        in_flight = min(calls, DEFAULT_MAX_IN_FLIGHT)
        while server.stats()["held"] - held_before < in_flight:
            if time.perf_counter() - started > IN_FLIGHT_TIMEOUT:
                raise RuntimeError(f"{in_flight} calls did not reach the server in time")
            await asyncio.sleep(0.05)
        in_flight_after = time.perf_counter() - started
        await asyncio.sleep(hold)
        reached_server = server.stats()["held"] - held_before
        started = time.perf_counter()
        for task in tasks:
            task.cancel()
        await asyncio.wait(tasks)
        settled = time.perf_counter() - started
        started = time.perf_counter()
        await hero.aclose()
        closed = time.perf_counter() - started
        places = hero._settings.in_flight._value  # every place given back
    return {
        "in_flight_after": in_flight_after,
        "settled": settled,
        "aclose": closed,
        "cancelled": sum(task.cancelled() for task in tasks),
        "failed": sum(not task.cancelled() and task.exception() is not None for task in tasks),
        "reached_server": reached_server,
        "places_back": places,
    }


async def cancellation(
    server: CannedServer, calls: int = CANCELLED, rounds: int = CANCEL_ROUNDS, hold: float = HOLD
) -> list[Figure]:
    """Cancelling `calls` calls on one client: time to settle, then aclose()."""
    harness.progress(f"scale: cancelling {calls:,} calls x {rounds} rounds")
    results = [await _cancel_once(server, calls, hold) for _ in range(rounds)]
    cancelled = min(r["cancelled"] for r in results)
    places = min(r["places_back"] for r in results)
    reached = max(r["reached_server"] for r in results)
    started = max(r["in_flight_after"] for r in results)
    failed = sum(r["failed"] for r in results)
    all_cancelled = cancelled == calls and places == DEFAULT_MAX_IN_FLIGHT
    settled = [r["settled"] for r in results]
    return [
        Figure(
            f"cancel {calls:,} calls in flight or queued: all settled",
            settled,
            "s",
            "<= 1 s, every round",
            max(settled) <= 1.0 and all_cancelled and not failed,
            f"{reached} in flight at the server (max_in_flight {DEFAULT_MAX_IN_FLIGHT}) after "
            f"at most {started:.2f} s, the rest queued, then {hold} s more; cancelled "
            f"{cancelled}/{calls}; places given back {places}",
            errors=int(failed),
        ),
        Figure(
            f"aclose() after cancelling {calls:,} calls",
            [r["aclose"] for r in results],
            "s",
        ),
    ]


def run(
    sizes: Sequence[int] = SIZES,
    rounds: int = ROUNDS,
    cancelled: int = CANCELLED,
    cancel_rounds: int = CANCEL_ROUNDS,
    warmup: int = WARMUP,
    hold: float = HOLD,
) -> list[Figure]:
    with serve() as server:
        figures = throughput(server, sizes, rounds, warmup)
        figures += asyncio.run(cancellation(server, cancelled, cancel_rounds, hold))
    return figures


if __name__ == "__main__":
    if "--child" in sys.argv[1:]:
        _child(sys.argv[1:])
    else:
        harness.print_figures(run())
