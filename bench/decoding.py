"""Decoding a 10,000-patient list envelope: the facade's parser against json.loads, with anchors.

Every contender decodes the same bytes (`canned_server.envelope_bytes`, what the canned
server's pages are made of):

- the facade: `herohealth._generated.parse(operation("list_patients"), response)`, what a
  list call does with a 2xx answer (json.loads, the generated `from_dict`, type checks);
- the baseline: `json.loads` of the bytes;
- anchors, where installed (`pip install -e '.[bench]'`, which `make bench` does): pydantic
  v2 `TypeAdapter.validate_json` and a `msgspec.json.Decoder` into models with the generated
  Patient's fields and types (bench/anchors.py). They show what decoding into typed models
  costs elsewhere, so the ratio can be judged; they have no goal. One not importable is
  reported as skipped.

    python -m bench.decoding    figures as JSON
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

import httpx

from bench import harness
from bench.anchors import msgspec_decoder, pydantic_decoder
from bench.canned_server import envelope_bytes
from bench.harness import Figure
from herohealth._generated import operation, parse

PATIENTS = 10_000
ROUNDS = 25  # a round is under half a second; its median moved most between runs at 9


def run(patients: int = PATIENTS, rounds: int = ROUNDS) -> list[Figure]:
    content = envelope_bytes(1, patients, patients)
    request = httpx.Request("GET", "http://127.0.0.1/v1/patients")
    list_patients = operation("list_patients")

    def facade() -> object:
        return parse(list_patients, httpx.Response(200, content=content, request=request))

    decoded: Any = facade()
    if len(decoded.data) != patients or decoded.data[-1].id != str(patients):
        raise RuntimeError("the facade did not decode every patient")

    contenders: dict[str, Callable[[], object]] = {
        "facade": facade,
        "json.loads": lambda: json.loads(content),
    }
    skipped = []
    for name, decoder in (("pydantic", pydantic_decoder), ("msgspec", msgspec_decoder)):
        try:
            contenders[name] = decoder(content)
        except ImportError as error:
            skipped.append(f"{name} anchor skipped: {error}")

    harness.progress(f"decoding: {patients:,} patients x {rounds} rounds, {', '.join(contenders)}")
    times = harness.interleave(
        {name: _timing(decode) for name, decode in contenders.items()}, rounds
    )
    ms = {name: [seconds * 1000 for seconds in values] for name, values in times.items()}
    size = f"{len(content) / 1e6:.1f} MB"
    figures = [
        harness.ratio_figure(
            f"decode {patients:,} patients ({size}): facade parse vs json.loads",
            ms["facade"],
            ms["json.loads"],
            at_most=1.5,
            unit="ms",
            labels=("facade", "json.loads"),
            note="the issue's bar to call it done: 2x",
        )
    ]
    for anchor in ("pydantic", "msgspec"):
        if anchor in ms:
            figures.append(
                harness.ratio_figure(
                    f"  anchor: {anchor} into models vs json.loads",
                    ms[anchor],
                    ms["json.loads"],
                    unit="ms",
                    labels=(anchor, "json.loads"),
                )
            )
    # A row with no rounds: the table shows it as skipped, so a missing anchor is seen.
    figures += [Figure(f"  {reason}", [], "x") for reason in skipped]
    return figures


def _timing(decode: Callable[[], object]) -> harness.Contender:
    return lambda: harness.timed(decode)


if __name__ == "__main__":
    harness.print_figures(run())
