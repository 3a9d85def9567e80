"""`make bench`: run the benchmarks, print a table, write bench/results.json."""

from __future__ import annotations

import json
import platform
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import http_overhead
import pagination_memory

RESULTS = Path(__file__).resolve().parent / "results.json"


def main() -> None:
    results = [*http_overhead.run(), *pagination_memory.run()]
    print(f"{'benchmark':<58} {'measured':>26} {'goal':>14}  met")
    for r in results:
        met = "yes" if r["met"] else "NO"
        print(f"{r['name']:<58} {r['measured']:>26} {r['goal']:>14}  {met}")
    RESULTS.write_text(
        json.dumps({"python": platform.python_version(), "results": results}, indent=2) + "\n"
    )
    print(f"written to {RESULTS}")


if __name__ == "__main__":
    main()
