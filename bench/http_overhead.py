"""What the facade costs: per request, per decoded patient, and under concurrency.

All against `FakeHero` on a loopback port in this process (the fake's own work is in
every figure alike, so ratios compare the client sides). Each figure is the best of a
few rounds, reported as a ratio to its baseline measured in the same run.
"""

from __future__ import annotations

import asyncio
import json
import time
from collections.abc import Awaitable, Callable
from datetime import date
from typing import Any

import httpx
from herohealth_openapi.api.patients import get_patient
from herohealth_openapi.client import Client

from herohealth import HeroHealth
from herohealth._config import DEFAULT_CONNECTION_LIMITS, DEFAULT_TIMEOUT
from herohealth._generated import operation, parse
from herohealth.testing import FakeHero

SEQUENTIAL = 300
CONCURRENT = 1_000
DECODED = 10_000
ROUNDS = 3


async def _best(run: Callable[[], Awaitable[Any]]) -> float:
    times = []
    for _ in range(ROUNDS):
        started = time.perf_counter()
        await run()
        times.append(time.perf_counter() - started)
    return min(times)


def _patient_json(n: int) -> dict[str, Any]:
    return {
        "id": str(n), "dob": "1989-04-11T00:00:00Z", "first_name": "Ada", "last_name": "Lovelace",
        "title": "Dr", "sex": "Female", "nhs_number": "9434765919", "email": "ada@example.org",
        "data_source": "emis", "status": "unarchived", "last_sync_at": "2019-08-24T14:15:22Z",
        "deceased_at": None, "identifiers": [{"source": "nhs", "name": "nhs_number",
        "role": "main", "label": "NHS", "value": "9434765919"}], "ehr_registered": True,
    }  # fmt: skip


async def _requests(base_url: str, fake: FakeHero, patient_id: str) -> list[dict[str, Any]]:
    headers = {"x-api-key": fake.api_key, "x-practice-group-id": fake.practice_group_id}
    # The bare client gets the facade's connection limits and timeouts, for a fair race.
    async with (
        httpx.AsyncClient(
            base_url=base_url,
            headers=headers,
            limits=DEFAULT_CONNECTION_LIMITS,
            timeout=DEFAULT_TIMEOUT,
        ) as bare,
        HeroHealth(api_key=fake.api_key, practice_group_id=fake.practice_group_id,
                   base_url=base_url) as hero,
    ):  # fmt: skip
        raw = Client(base_url=base_url, headers=headers)
        raw.set_async_httpx_client(httpx.AsyncClient(base_url=base_url, headers=headers))

        async def bare_get() -> None:
            for _ in range(SEQUENTIAL):
                json.loads((await bare.get(f"/v1/patients/{patient_id}")).content)

        async def raw_get() -> None:
            for _ in range(SEQUENTIAL):
                await get_patient.asyncio(patient_id, client=raw)

        async def facade_get() -> None:
            for _ in range(SEQUENTIAL):
                await hero.patients.get(patient_id)

        bare_t, raw_t, facade_t = [await _best(f) for f in (bare_get, raw_get, facade_get)]
        await raw.get_async_httpx_client().aclose()

        errors = 0

        async def one(get: Callable[[], Awaitable[Any]]) -> None:
            nonlocal errors
            try:
                await get()
            except Exception:
                errors += 1

        async def bare_many() -> None:
            await asyncio.gather(*(one(lambda: bare.get(f"/v1/patients/{patient_id}"))
                                   for _ in range(CONCURRENT)))  # fmt: skip

        async def facade_many() -> None:
            await asyncio.gather(*(one(lambda: hero.patients.get(patient_id))
                                   for _ in range(CONCURRENT)))  # fmt: skip

        # One round each: a thousand requests is long enough to even out noise.
        started = time.perf_counter()
        await bare_many()
        bare_many_t, bare_errors, errors = time.perf_counter() - started, errors, 0
        started = time.perf_counter()
        await facade_many()
        facade_many_t = time.perf_counter() - started

    return [
        {
            "name": f"GET patient x{SEQUENTIAL}: facade vs raw generated call",
            "measured": f"{facade_t / raw_t:.2f}x",
            "goal": "<= 1.10x",
            "met": facade_t / raw_t <= 1.10,
        },
        {
            "name": f"GET patient x{SEQUENTIAL}: facade vs bare httpx + json.loads",
            "measured": f"{facade_t / bare_t:.2f}x",
            "goal": "<= 1.25x",
            "met": facade_t / bare_t <= 1.25,
        },
        {
            "name": f"{CONCURRENT} concurrent GETs on one client: errors",
            "measured": f"{errors} (bare httpx: {bare_errors})",
            "goal": "0",
            "met": errors == 0,
        },
        {
            "name": f"{CONCURRENT} concurrent GETs: throughput vs bare httpx",
            "measured": f"{bare_many_t / facade_many_t:.2f}x",
            "goal": ">= 0.9x",
            "met": bare_many_t / facade_many_t >= 0.9,
        },
    ]


def _decoding() -> dict[str, Any]:
    body = json.dumps({"data": [_patient_json(n) for n in range(DECODED)], "count": DECODED})
    content = body.encode()
    request = httpx.Request("GET", "https://bench.test/v1/patients")

    def best(run: Callable[[], Any]) -> float:
        times = []
        for _ in range(ROUNDS):
            started = time.perf_counter()
            run()
            times.append(time.perf_counter() - started)
        return min(times)

    loads = best(lambda: json.loads(content))
    models = best(
        lambda: parse(
            operation("list_patients"), httpx.Response(200, content=content, request=request)
        )
    )
    return {
        "name": f"decode a {DECODED:,}-patient envelope into models vs json.loads",
        "measured": f"{models / loads:.2f}x",
        "goal": "<= 3x",
        "met": models / loads <= 3,
    }


async def _measure() -> list[dict[str, Any]]:
    fake = FakeHero()
    patient_id = fake.add_patient(
        first_name="Ada", last_name="Lovelace", dob=date(1989, 4, 11), nhs_number="9434765919"
    )
    async with fake.serve() as base_url:
        return await _requests(base_url, fake, patient_id)


def run() -> list[dict[str, Any]]:
    # Decoding first, on a fresh heap: after the HTTP runs the collector has more to scan.
    decoding = _decoding()
    return [*asyncio.run(_measure()), decoding]
