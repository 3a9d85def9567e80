"""A client's life: closing, event loops, and settings refused up front."""

from __future__ import annotations

import asyncio
import math
import os
import signal
import subprocess
import sys
import textwrap
import time
from typing import Any

import httpx
import pytest
from pytest_httpx import HTTPXMock

from herohealth import ClientClosedError, EventLoopError, HeroHealth, InvalidInputError
from tests.helpers import checkout_pythonpath

CREDENTIALS = {"api_key": "test-key", "practice_group_id": "pg-1"}


async def test_a_closed_client_raises_a_typed_error_and_sends_nothing(hero: HeroHealth) -> None:
    await hero.aclose()
    await hero.aclose()  # closing twice is harmless
    with pytest.raises(ClientClosedError, match="closed"):
        await hero.patients.get("1")
    with pytest.raises(ClientClosedError):
        await hero.patients.list()
    with pytest.raises(ClientClosedError):
        async with hero:
            pass
    # pytest-httpx fails the test if anything was sent.


async def test_a_copy_of_a_closed_client_is_closed_too(hero: HeroHealth) -> None:
    copy = hero.with_options(timeout=5)
    await hero.aclose()
    with pytest.raises(ClientClosedError):
        await copy.patients.get("1")


async def test_a_closed_http_client_of_the_users_is_reported_the_same_way() -> None:
    http = httpx.AsyncClient()
    await http.aclose()
    hero = HeroHealth(**CREDENTIALS, base_url="https://hero.test", http_client=http)
    with pytest.raises(ClientClosedError):
        await hero.patients.get("1")


async def test_a_client_closed_over_the_users_http_client_is_closed_and_the_pool_open(
    httpx_mock: HTTPXMock,
) -> None:
    async with httpx.AsyncClient() as http:
        async with HeroHealth(
            **CREDENTIALS, base_url="https://hero.test", http_client=http
        ) as hero:
            copy = hero.with_options(max_retries=0)
            await copy.aclose()  # closing a copy closes nothing
            httpx_mock.add_response(
                url="https://hero.test/v1/patients?", json={"data": [], "count": 0}
            )
            await copy.patients.list()

        for client in (hero, copy):  # the end of `async with`, as aclose(): nothing is sent
            with pytest.raises(ClientClosedError, match="nothing was sent"):
                await client.patients.get("1")
            with pytest.raises(ClientClosedError):
                await client.patients.list()
        with pytest.raises(ClientClosedError):
            async with hero:
                pass
        assert not http.is_closed  # the user's, to close
        httpx_mock.add_response(url="https://hero.test/elsewhere")
        await http.get("https://hero.test/elsewhere")


async def test_a_call_waiting_its_turn_when_a_client_over_the_users_pool_closes_sends_nothing(
    httpx_mock: HTTPXMock,
) -> None:
    release = asyncio.Event()

    async def slow(request: httpx.Request) -> httpx.Response:
        await release.wait()
        return httpx.Response(200, json={"data": [], "count": 0})

    httpx_mock.add_callback(slow, url="https://hero.test/v1/patients?")
    async with httpx.AsyncClient() as http:
        hero = HeroHealth(
            **CREDENTIALS, base_url="https://hero.test", http_client=http, max_in_flight=1
        )
        busy = asyncio.ensure_future(hero.patients.list())
        queued = asyncio.ensure_future(hero.patients.get("1"))
        await asyncio.sleep(0.05)  # busy holds the one place, queued waits for it
        await hero.aclose()
        release.set()
        await busy  # in flight when it closed: answered
        with pytest.raises(ClientClosedError):
            await queued
    assert len(httpx_mock.get_requests()) == 1  # never the queued one


async def test_async_with_twice_closes_once(httpx_mock: HTTPXMock) -> None:
    hero = HeroHealth(**CREDENTIALS, base_url="https://hero.test")
    async with hero:
        pass
    await hero.aclose()
    with pytest.raises(ClientClosedError):
        await hero.patients.get("1")


def test_a_client_used_from_a_second_event_loop_raises_a_typed_error(
    httpx_mock: HTTPXMock,
) -> None:
    httpx_mock.add_response(json={"data": [], "count": 0})
    hero = HeroHealth(**CREDENTIALS, base_url="https://hero.test", max_retries=0)

    async def first() -> int:
        return (await hero.patients.list()).count

    async def second() -> None:
        await hero.patients.get("1")

    assert asyncio.run(first()) == 0
    with pytest.raises(EventLoopError, match="event loop"):
        asyncio.run(second())
    assert len(httpx_mock.get_requests()) == 1  # the second loop sent nothing


@pytest.mark.parametrize(
    ("settings", "field"),
    [
        pytest.param({"timeout": math.nan}, "timeout", id="timeout-nan"),
        pytest.param({"timeout": math.inf}, "timeout", id="timeout-inf"),
        pytest.param({"timeout": 0}, "timeout", id="timeout-zero"),
        pytest.param({"timeout": httpx.Timeout(5, read=math.nan)}, "timeout", id="timeout-phase"),
        pytest.param({"max_retries": -1}, "max_retries", id="retries-negative"),
        pytest.param({"max_retries": 1000}, "max_retries", id="retries-huge"),
        pytest.param({"max_retries": 2.0}, "max_retries", id="retries-float"),
        pytest.param({"total_timeout": math.inf}, "total_timeout", id="total-inf"),
        pytest.param({"base_url": "api.herohealth.net"}, "base_url", id="url-no-scheme"),
        pytest.param({"base_url": "https://"}, "base_url", id="url-no-host"),
        pytest.param({"base_url": "ftp://api.herohealth.net"}, "base_url", id="url-ftp"),
    ],
)
def test_bad_settings_are_refused_at_construction(settings: dict[str, Any], field: str) -> None:
    options = {"base_url": "https://hero.test", **settings}
    with pytest.raises(InvalidInputError) as caught:
        HeroHealth(**CREDENTIALS, **options)
    assert caught.value.field == field


@pytest.mark.parametrize(
    ("settings", "field"),
    [
        pytest.param({"timeout": math.nan}, "timeout", id="timeout-nan"),
        pytest.param({"max_retries": 50}, "max_retries", id="retries-huge"),
        pytest.param({"total_timeout": -1}, "total_timeout", id="total-negative"),
    ],
)
async def test_bad_settings_are_refused_by_with_options(
    hero: HeroHealth, settings: dict[str, Any], field: str
) -> None:
    with pytest.raises(InvalidInputError) as caught:
        hero.with_options(**settings)
    assert caught.value.field == field


SERVING = textwrap.dedent(
    """
    import asyncio, signal
    import httpx
    from herohealth.testing import FakeHero

    async def main():
        loop = asyncio.get_running_loop()
        got = asyncio.Event()
        # The process's own SIGTERM handling, as a service under test would have it.
        signal.signal(signal.SIGTERM, lambda *_: loop.call_soon_threadsafe(got.set))
        async with FakeHero().serve() as base_url:
            print("serving", flush=True)
            await asyncio.wait_for(got.wait(), 20)
            async with httpx.AsyncClient() as client:
                answer = await client.get(base_url + "/v1/patients")
            print("handled; the fake still answers", answer.status_code, flush=True)

    asyncio.run(main())
    """
)


def _sigterm_while_serving(script: str) -> tuple[int, str, str, float]:
    """Run `script` until it prints "serving", send it SIGTERM: its code, out, err, seconds."""
    with subprocess.Popen(  # noqa: S603 - our own interpreter, fixed script
        [sys.executable, "-c", script],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, "PYTHONPATH": checkout_pythonpath()},
    ) as process:
        try:
            assert process.stdout is not None
            assert process.stdout.readline().strip() == "serving"
            started = time.monotonic()
            process.send_signal(signal.SIGTERM)
            out, err = process.communicate(timeout=20)
        finally:
            process.kill()
    return process.returncode, out, err, time.monotonic() - started


def test_serving_fake_hero_leaves_the_process_signal_handling_alone() -> None:
    code, out, err, seconds = _sigterm_while_serving(SERVING)
    # The process's handler ran, not uvicorn's: the fake was not stopped by the signal.
    assert out.strip() == "handled; the fake still answers 401", err
    assert code == 0
    assert seconds < 20


def test_a_process_serving_fake_hero_stops_on_sigterm_as_without_it() -> None:
    script = "import asyncio\nfrom herohealth.testing import FakeHero\n" + (
        "async def main():\n    async with FakeHero().serve():\n"
        "        print('serving', flush=True)\n        await asyncio.sleep(60)\n"
        "asyncio.run(main())\n"
    )
    code, _, err, seconds = _sigterm_while_serving(script)
    assert code == -signal.SIGTERM, err
    assert seconds < 10


async def test_at_most_max_in_flight_requests_are_in_flight(httpx_mock: HTTPXMock) -> None:
    active, peak = 0, 0
    release, full = asyncio.Event(), asyncio.Event()

    async def slow(request: httpx.Request) -> httpx.Response:
        nonlocal active, peak
        active += 1
        peak = max(peak, active)
        if active == 5:
            full.set()
        await release.wait()
        active -= 1
        return httpx.Response(200, json={"data": [], "count": 0})

    httpx_mock.add_callback(slow, is_reusable=True)
    async with HeroHealth(**CREDENTIALS, base_url="https://hero.test", max_in_flight=5) as hero:
        calls = [asyncio.ensure_future(hero.patients.list()) for _ in range(40)]
        copy = hero.with_options(timeout=5)  # copies share the bound
        calls += [asyncio.ensure_future(copy.patients.list()) for _ in range(10)]
        async with asyncio.timeout(10):
            await full.wait()
            await asyncio.sleep(0.05)  # time for a sixth to slip in, were the bound broken
            assert peak == 5
            release.set()
            pages = await asyncio.gather(*calls)
    assert len(pages) == 50
    assert peak == 5


async def test_cancelling_thousands_of_waiting_calls_settles_and_leaves_the_client_usable(
    httpx_mock: HTTPXMock,
) -> None:
    never = asyncio.Event()

    async def hang(request: httpx.Request) -> httpx.Response:
        await never.wait()
        raise AssertionError("unreachable")

    httpx_mock.add_callback(hang, is_reusable=True)
    async with HeroHealth(**CREDENTIALS, base_url="https://hero.test", max_in_flight=50) as hero:
        calls = [asyncio.ensure_future(hero.patients.get("1")) for _ in range(2_000)]
        await asyncio.sleep(0.1)
        for call in calls:
            call.cancel()
        async with asyncio.timeout(10):  # a bound, not a benchmark
            results = await asyncio.gather(*calls, return_exceptions=True)
        assert all(isinstance(r, asyncio.CancelledError) for r in results)
        httpx_mock.reset()
        httpx_mock.add_response(json={"data": [], "count": 0})
        assert (await hero.patients.list()).count == 0  # every place was given back


def test_max_in_flight_must_be_a_positive_whole_number() -> None:
    for bad in (0, -1, 2.5, True):
        with pytest.raises(InvalidInputError) as caught:
            HeroHealth(**CREDENTIALS, base_url="https://hero.test", max_in_flight=bad)
        assert caught.value.field == "max_in_flight"
