"""FakeHero served on a loopback port (`fake.serve()`), with the SDK's own HTTP client.

Every test is bounded by `asyncio.timeout`, so a server that fails to start or stop
fails the test instead of hanging it.
"""

from __future__ import annotations

import asyncio
import datetime
from contextlib import AbstractAsyncContextManager

import pytest
from helpers import served_client

from herohealth import (
    APIConnectionError,
    APITimeoutError,
    HeroHealth,
    NotFoundError,
    RegisteredPatient,
)
from herohealth.testing import FakeHero

DOB = datetime.date(1989, 4, 11)
BOUND = 15  # seconds any test here may take


def served(fake: FakeHero, max_retries: int = 0) -> AbstractAsyncContextManager[HeroHealth]:
    """A HeroHealth talking to the fake on a loopback port, retrying only when told to."""
    return served_client(fake, max_retries=max_retries)


async def test_the_sdk_works_against_the_fake_over_real_http(fake: FakeHero) -> None:
    async with asyncio.timeout(BOUND), served(fake) as hero:
        assert hero.base_url.startswith("http://127.0.0.1:")
        registered = await hero.patients.register(
            first_name="Ada", last_name="Lovelace", dob=DOB, mobile="07700900123"
        )
        patient = await hero.patients.get(registered.patient_id)
        listed = await hero.patients.list()
        traced = await hero.patients.register_pds(dob=DOB, nhs_number="9434765919")
        with pytest.raises(NotFoundError):
            await hero.patients.get("999")

    assert patient.first_name == "Ada"
    assert listed.count == 1
    assert isinstance(traced, RegisteredPatient)
    assert [r.status for r in fake.requests] == [200, 200, 200, 200, 404]


async def test_the_server_stops_on_exit(fake: FakeHero) -> None:
    async with asyncio.timeout(BOUND):
        async with fake.serve() as base_url:
            pass
        async with HeroHealth(
            api_key=fake.api_key,
            practice_group_id=fake.practice_group_id,
            base_url=base_url,
            max_retries=0,
        ) as hero:
            with pytest.raises(APIConnectionError) as raised:
                await hero.patients.list()

    assert not raised.value.may_have_been_processed  # refused: nothing listens any more


async def test_two_fakes_serve_side_by_side(fake: FakeHero) -> None:
    other = FakeHero()
    other.add_patient(first_name="B", last_name="C", dob=DOB)

    async with asyncio.timeout(BOUND), fake.serve() as first, other.serve() as second:
        assert first != second
        async with HeroHealth(
            api_key=other.api_key, practice_group_id=other.practice_group_id, base_url=second
        ) as hero:
            assert (await hero.patients.list()).count == 1
    assert fake.requests == []


async def test_a_dropped_connection_is_a_connection_error(fake: FakeHero) -> None:
    fake.drop_next(path="/v1/patients/register")

    async with asyncio.timeout(BOUND), served(fake, max_retries=2) as hero:
        with pytest.raises(APIConnectionError) as raised:
            await hero.patients.register(
                first_name="Ada", last_name="L", dob=DOB, mobile="07700900123"
            )
        assert (await hero.patients.list()).count == 1  # it was processed

    assert raised.value.may_have_been_processed
    assert [r.fault for r in fake.requests] == ["drop", None]


async def test_a_slow_answer_times_out_and_the_server_still_stops(fake: FakeHero) -> None:
    fake.delay_next(30)

    async with asyncio.timeout(BOUND), served(fake) as hero:
        with pytest.raises(APITimeoutError):
            await hero.patients.list(timeout=0.2)
        assert (await hero.patients.list()).count == 0


async def test_retry_after_over_real_http(fake: FakeHero, sleeps: list[float]) -> None:
    fake.fail_next(429, retry_after=3)

    async with asyncio.timeout(BOUND), served(fake, max_retries=1) as hero:
        listed = await hero.patients.list()

    assert listed.count == 0
    assert sleeps == [3.0]


async def test_a_taken_port_raises_oserror(fake: FakeHero) -> None:
    async with asyncio.timeout(BOUND), fake.serve() as base_url:
        port = int(base_url.rsplit(":", 1)[1])
        with pytest.raises(OSError, match="in use"):
            async with FakeHero().serve(port=port):
                pass
