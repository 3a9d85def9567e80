"""`make bench`: every benchmark, one table, bench/results.json.

    python -m bench.run              run them all (about 4 minutes on 2 cores)
    python -m bench.run --markdown   the table of the last results.json, for README.md

Each group runs in a fresh interpreter (`python -m bench.<group>`, figures as JSON on its
stdout), with its own canned server where it needs one: no group's heap, connections or
collector work reaches another's figures, and a group that crashes is reported as such
while the others still run. A goal missed is a figure, not a failure: `make bench` fails
only when a benchmark could not run.
"""

from __future__ import annotations

import argparse
import datetime
import json
import os
import platform
import subprocess
import sys
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from bench import harness
from bench.harness import Figure

RESULTS = Path(__file__).resolve().parent / "results.json"
GROUPS = ("calls", "scale", "decoding", "memory", "imports")


HEADINGS = ("benchmark", "median", "IQR (q1 - q3)", "range (min - max)", "goal", "met")
MARKDOWN_HEADINGS = ("Benchmark", "Median", "IQR (q1 - q3)", "Range (min - max)", "Goal", "Met")


def _met(figure: Figure) -> str:
    if not figure.values:
        return "skipped"
    return {True: "yes", False: "NO", None: "-"}[figure.met]


def _cells(figure: Figure) -> tuple[str, ...]:
    if not figure.values:
        return figure.name, "skipped", "-", "-", figure.goal, _met(figure)
    if len(figure.values) == 1:
        iqr = spread = "-"
    else:
        iqr = " - ".join(map(figure.shown, figure.iqr))
        spread = " - ".join(map(figure.shown, figure.spread))
    return figure.name, figure.shown(figure.median), iqr, spread, figure.goal, _met(figure)


def _note(figure: Figure) -> str:
    if figure.errors is None:
        return figure.note
    errors = f"errors {figure.errors}"
    # A note may break the errors down by contender, in brackets first.
    if figure.note.startswith("("):
        return f"{errors} {figure.note}"
    return f"{errors}; {figure.note}" if figure.note else errors


def table(figures: Sequence[Figure]) -> str:
    """The figures as a plain table, then each figure's note."""
    rows = [HEADINGS, *(_cells(figure) for figure in figures)]
    widths = [max(len(row[column]) for row in rows) for column in range(len(HEADINGS))]
    lines = [
        "  ".join(
            cell.ljust(width) if column == 0 else cell.rjust(width)
            for column, (cell, width) in enumerate(zip(row, widths, strict=True))
        ).rstrip()
        for row in rows
    ]
    lines.insert(1, "-" * len(lines[0]))
    notes = [f"  {figure.name.strip()}: {_note(figure)}" for figure in figures if _note(figure)]
    return "\n".join([*lines, "", "notes:", *notes])


def markdown(figures: Sequence[Figure]) -> str:
    """The figures as README.md's table."""
    lines = ["| " + " | ".join(MARKDOWN_HEADINGS) + " |", "| --- " * len(HEADINGS) + "|"]
    for figure in figures:
        cells = list(_cells(figure))
        cells[0] = cells[0].strip()
        cells[-1] = "**no**" if cells[-1] == "NO" else cells[-1]
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines)


def _machine() -> dict[str, Any]:
    return {
        "python": platform.python_version(),
        "implementation": platform.python_implementation(),
        "platform": platform.platform(),
        "cpu_count": os.cpu_count(),
        "load_average_at_start": list(os.getloadavg()),
    }


def run_all(groups: Sequence[str] = GROUPS) -> tuple[list[Figure], dict[str, Any], bool]:
    """Every group's figures, the run's description, and whether every group ran."""
    machine = _machine()
    started = time.perf_counter()
    figures: list[Figure] = []
    durations: dict[str, float] = {}
    ran = True
    for group in groups:
        group_started = time.perf_counter()
        try:
            figures += [Figure.from_json(record) for record in harness.child(group)]
        except (subprocess.SubprocessError, json.JSONDecodeError) as error:
            ran = False
            figures.append(Figure(f"{group}: did not run ({error})", [], "x", "runs", False))
        durations[group] = time.perf_counter() - group_started
    machine["load_average_at_end"] = list(os.getloadavg())
    run = {
        "date": datetime.datetime.now(datetime.UTC).isoformat(timespec="seconds"),
        "machine": machine,
        "seconds": time.perf_counter() - started,
        "group_seconds": durations,
    }
    return figures, run, ran


def main(arguments: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.run", description=__doc__)
    parser.add_argument("--markdown", action="store_true", help="the last results as Markdown")
    options = parser.parse_args(arguments)
    if options.markdown:
        results = json.loads(RESULTS.read_text())
        print(markdown([Figure.from_json(record) for record in results["figures"]]))
        return 0
    figures, run, ran = run_all()
    print(table(figures))
    machine = run["machine"]
    print(
        f"\nPython {machine['python']}, {machine['cpu_count']} CPUs, load average "
        f"{machine['load_average_at_start'][0]:.2f} at start, "
        f"{machine['load_average_at_end'][0]:.2f} at end; {run['seconds']:.0f} s"
    )
    RESULTS.write_text(
        json.dumps({**run, "figures": [figure.as_json() for figure in figures]}, indent=2) + "\n"
    )
    print(f"written to {RESULTS}")
    return 0 if ran else 1


if __name__ == "__main__":
    sys.exit(main())
