"""Constants, response bodies and SDK clients shared by several test modules.

The clients here are plain context managers, not fixtures, for the tests that need a
client configured differently from conftest.py's `hero` (retries on, a secret-looking key,
event hooks on the transport).
"""

from __future__ import annotations

import os
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

from herohealth import HeroHealth
from herohealth.testing import FakeHero
from herohealth.testing._spec import _METHODS as HTTP_METHODS
from herohealth.testing._spec import operation_id_of

ROOT = Path(__file__).resolve().parents[1]
BASE_URL = "https://hero.test"
API_KEY = "sk_test_SECRET_e3b0c44298fc1c149afbf4c8"  # looks like a key, so a leak would show
PATIENT_URL = f"{BASE_URL}/v1/patients/1"
NHS_NUMBER = "9434765919"  # valid (Modulus 11)

PATIENT: dict[str, Any] = {
    "id": "1",
    "dob": "1989-04-11",
    "data_source": "hero",
    "status": "unarchived",
    "identifiers": [],
    "ehr_registered": True,
}


def spec_operations(spec: dict[str, Any]) -> dict[str, tuple[str, str, dict[str, Any]]]:
    """Every operation of an OpenAPI description: its id -> (method, path, operation).

    Keys of a path item other than methods (`parameters`, `summary`) are not operations; an
    operation without an operationId is known by the name the SDK gives it.
    """
    return {
        operation_id_of(method, path, op): (method, path, op)
        for path, item in spec["paths"].items()
        for method, op in item.items()
        if method in HTTP_METHODS
    }


def patient_json(**overrides: Any) -> dict[str, Any]:
    """A Patient body with every required field (`PATIENT`), with `overrides` applied."""
    return {**PATIENT, **overrides}


def secret_client(**options: Any) -> HeroHealth:
    """A client of https://hero.test with `API_KEY`; `options` go to `HeroHealth`."""
    return HeroHealth(api_key=API_KEY, practice_group_id="pg_1", base_url=BASE_URL, **options)


@asynccontextmanager
async def fake_client(
    fake: FakeHero, *, transport: dict[str, Any] | None = None, **options: Any
) -> AsyncIterator[HeroHealth]:
    """An SDK client of `fake`, in process, with the fake's credentials.

    `transport` goes to `fake.client` (e.g. `event_hooks`), `options` to `HeroHealth`
    (e.g. `max_retries=0`).
    """
    async with (
        fake.client(**(transport or {})) as http,
        HeroHealth(
            api_key=fake.api_key,
            practice_group_id=fake.practice_group_id,
            base_url=fake.base_url,
            http_client=http,
            **options,
        ) as client,
    ):
        yield client


@asynccontextmanager
async def served_client(fake: FakeHero, **options: Any) -> AsyncIterator[HeroHealth]:
    """An SDK client of `fake` served on a loopback port, with its own connection pool (no
    `http_client`) and the fake's credentials; `options` go to `HeroHealth`."""
    async with (
        fake.serve() as base_url,
        HeroHealth(
            api_key=fake.api_key,
            practice_group_id=fake.practice_group_id,
            base_url=base_url,
            **options,
        ) as client,
    ):
        yield client


def checkout_pythonpath(*first: Path) -> str:
    """PYTHONPATH for a subprocess that imports the SDK: `first` (a regenerated package's
    directory), then this checkout's src/, generated/ and root. Without them the installed
    editable SDK would be imported, which in a git worktree is another checkout's."""
    return os.pathsep.join(str(path) for path in (*first, ROOT / "src", ROOT / "generated", ROOT))
