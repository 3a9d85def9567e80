"""Fixtures shared by the test modules."""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator

import pytest

from herohealth import HeroHealth
from herohealth.testing import FakeHero, no_retry_waits


@pytest.fixture
async def hero() -> AsyncIterator[HeroHealth]:
    """A client for the fake host https://hero.test, which pytest-httpx answers.

    Retries are off (`max_retries=0`), so one call sends exactly one request. A test
    about retrying can ask for more with `hero.with_options(max_retries=...)`.
    """
    async with HeroHealth(
        api_key="test-key",
        practice_group_id="pg-1",
        base_url="https://hero.test",
        max_retries=0,
    ) as client:
        yield client


@pytest.fixture
def fake() -> Iterator[FakeHero]:
    """A fresh, empty FakeHero (the stateful in-process fake of Hero); at teardown it
    raises what a handler a test plugged in answered off spec."""
    with FakeHero() as fake:
        yield fake


@pytest.fixture
def sleeps() -> Iterator[list[float]]:
    """The seconds the SDK asked to sleep between retries, in order; nothing really waits."""
    with no_retry_waits() as waits:
        yield waits
