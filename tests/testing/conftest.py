"""Fixtures for the tests of `herohealth.testing.FakeHero`.

`fake` (a fresh FakeHero per test) and `sleeps` come from tests/conftest.py. Here `hero`
is the public SDK client talking to `fake` in process (retries off, so one call is one
request); `raw` is a plain httpx client with the default practice group's credentials, for
what the SDK refuses to send (it checks NHS numbers, ids and required fields itself) and for
status codes the SDK turns into errors.
"""

from __future__ import annotations

from collections.abc import AsyncIterator

import httpx
import pytest
from helpers import fake_client

from herohealth import HeroHealth
from herohealth.testing import FakeHero

NHS = "9434765919"  # valid (Modulus 11)
NHS_2 = "9434765927"
NHS_3 = "9434765935"
INVALID_NHS = "9434765918"  # NHS with a wrong check digit


@pytest.fixture
async def hero(fake: FakeHero) -> AsyncIterator[HeroHealth]:
    async with fake_client(fake, max_retries=0) as client:
        yield client


@pytest.fixture
async def raw(fake: FakeHero) -> AsyncIterator[httpx.AsyncClient]:
    headers = {"x-api-key": fake.api_key, "x-practice-group-id": fake.practice_group_id}
    async with fake.client(headers=headers) as client:
        yield client
