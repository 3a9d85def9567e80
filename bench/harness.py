"""What every benchmark shares: interleaved rounds, per-round ratios, medians and spreads.

A contender is a callable that runs its work once and returns the figure it measured (seconds,
bytes...), timing only the work itself. `interleave` runs the contenders in turn, round after
round (A B, B A, A B...: each contender goes first as often as the others, so a machine that
drifts slower or faster during the run weighs on all alike), after a warm-up round it drops.
A ratio is taken within each round, against the baseline measured in that same round, and a
figure reports the median of the rounds, their interquartile range and their range
(min-max); results.json has every round.
"""

from __future__ import annotations

import gc
import json
import math
import statistics
import subprocess
import sys
import time
from collections.abc import Awaitable, Callable, Iterator, Mapping, Sequence
from dataclasses import asdict, dataclass, field
from typing import Any

Contender = Callable[[], float]
AsyncContender = Callable[[], Awaitable[float]]


@dataclass(frozen=True)
class Figure:
    """One row of the table: a named measurement, its rounds, its goal and whether it is met.

    `values` are the per-round figures (ratios for a ratio), `unit` how to show them: "x",
    "s", "ms", "/s" (calls per second), "KiB". `met` is None for a figure without a goal
    (reported for context, such as an anchor). `note` carries what the reader needs to judge
    the figure: raw values behind a ratio, the server's CPU share. `errors`: calls that
    raised, every contender and round together (None where nothing is called that could
    fail); a figure with errors is not met. A figure with no values is a measurement that
    could not be made (the table says "skipped").
    """

    name: str
    values: Sequence[float]
    unit: str
    goal: str = "-"
    met: bool | None = None
    note: str = ""
    extra: Mapping[str, Any] = field(default_factory=dict)
    errors: int | None = None

    @property
    def median(self) -> float:
        return statistics.median(self.values)

    @property
    def spread(self) -> tuple[float, float]:
        return min(self.values), max(self.values)

    @property
    def iqr(self) -> tuple[float, float]:
        if len(self.values) < 2:
            return self.spread
        q1, _, q3 = statistics.quantiles(self.values, n=4, method="inclusive")
        return q1, q3

    def shown(self, value: float) -> str:
        return show(value, self.unit)

    def as_json(self) -> dict[str, Any]:
        record = asdict(self)
        record["values"] = list(self.values)
        if self.values:
            record.update(median=self.median, spread=list(self.spread), iqr=list(self.iqr))
        return record

    @classmethod
    def from_json(cls, record: Mapping[str, Any]) -> Figure:
        names = ("name", "values", "unit", "goal", "met", "note", "extra", "errors")
        return cls(**{name: record[name] for name in names})


# How a figure of each unit is shown.
FORMATS = {
    "x": "{:.2f}x",
    "s": "{:.3f} s",
    "ms": "{:.1f} ms",
    "us": "{:.0f} us",
    "/s": "{:,.0f}/s",
    "KiB": "{:,.1f} KiB",
}


def show(value: float, unit: str) -> str:
    if unit == "s" and value < 0.01:  # a tenth of a millisecond still shows
        return FORMATS["ms"].format(value * 1000)
    return FORMATS[unit].format(value)


def schedule(names: Sequence[str], rounds: int, *, warmup: bool) -> Iterator[tuple[bool, str]]:
    """(kept, name) in the order the contenders run: round r starts with contender r mod n,
    so each goes first, second... equally often; the warm-up round's figures are not kept."""
    for round_index in range(-1 if warmup else 0, rounds):
        shift = round_index % len(names)
        for name in [*names[shift:], *names[:shift]]:
            yield round_index >= 0, name


def interleave(
    contenders: Mapping[str, Contender], rounds: int, *, warmup: bool = True
) -> dict[str, list[float]]:
    """Each contender's figure in each of `rounds` rounds, after one warm-up round.

    Garbage from one contender is collected before the next starts (outside its timing), so
    none pays for another's. `warmup=False`: for contenders that warm themselves up.
    """
    values: dict[str, list[float]] = {name: [] for name in contenders}
    for kept, name in schedule(list(contenders), rounds, warmup=warmup):
        gc.collect()
        value = contenders[name]()
        if kept:
            values[name].append(value)
    return values


async def interleave_async(
    contenders: Mapping[str, AsyncContender], rounds: int, *, warmup: bool = True
) -> dict[str, list[float]]:
    """`interleave` for contenders that run on the event loop."""
    values: dict[str, list[float]] = {name: [] for name in contenders}
    for kept, name in schedule(list(contenders), rounds, warmup=warmup):
        gc.collect()
        value = await contenders[name]()
        if kept:
            values[name].append(value)
    return values


def ratios(values: Sequence[float], baseline: Sequence[float]) -> list[float]:
    """Round-by-round ratios: round r of `values` over round r of `baseline` (NaN over 0)."""
    return [
        value / base if base else math.nan for value, base in zip(values, baseline, strict=True)
    ]


def timed(run: Callable[[], object]) -> float:
    """Seconds `run()` took."""
    started = time.perf_counter()
    run()
    return time.perf_counter() - started


def ratio_figure(
    name: str,
    values: Sequence[float],
    baseline: Sequence[float],
    *,
    at_most: float | None = None,
    at_least: float | None = None,
    unit: str = "s",
    labels: tuple[str, str] = ("", "baseline"),
    ok: bool = True,
    errors: int | None = None,
    note: str = "",
) -> Figure:
    """The per-round ratio of `values` to `baseline`, with its goal; `ok` False, or errors,
    fail it too.

    The note shows both medians in `unit`, so a ratio can be read back to what it divides.
    """
    per_round = ratios(values, baseline)
    median = statistics.median(per_round)
    if at_most is not None:
        goal, met = f"<= {at_most:.2f}x", median <= at_most
    elif at_least is not None:
        goal, met = f">= {at_least:.2f}x", median >= at_least
    else:
        goal, met = "-", None
    if met is not None:
        met = met and ok and not errors
    label, base_label = labels
    medians = (
        f"{label or 'median'} {show(statistics.median(values), unit)}"
        f" vs {base_label} {show(statistics.median(baseline), unit)}"
    )
    return Figure(
        name,
        per_round,
        "x",
        goal,
        met,
        "; ".join(part for part in (medians, note) if part),
        {"values": list(values), "baseline": list(baseline)},
        errors,
    )


def cpu_share(cpu_seconds: float, wall_seconds: float) -> str:
    return f"{100 * cpu_seconds / wall_seconds:.0f}%" if wall_seconds > 0 else "-"


def child(module: str, *arguments: str, timeout: float = 600) -> Any:
    """Run `python -m bench.<module> *arguments` in a fresh interpreter; its stdout as JSON.

    Its stderr (progress lines) passes through. A child that fails raises, with its exit code.
    """
    result = subprocess.run(  # noqa: S603 - this interpreter, our own module
        [sys.executable, "-m", f"bench.{module}", *arguments],
        stdout=subprocess.PIPE,
        text=True,
        timeout=timeout,
        check=True,
    )
    return json.loads(result.stdout)


def print_figures(figures: Sequence[Figure]) -> None:
    """Figures as JSON on stdout: what `bench.run` reads from a module run as a child."""
    json.dump([figure.as_json() for figure in figures], sys.stdout)
    sys.stdout.write("\n")


def progress(message: str) -> None:
    print(f"bench: {message}", file=sys.stderr, flush=True)
