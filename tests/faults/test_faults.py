"""Faults, end to end: the SDK's own HTTP client against FakeHero on a real loopback port.

Every test is bounded by `asyncio.timeout`. Retries skip their backoff
(`herohealth.testing.no_retry_waits`, through conftest.py's `sleeps` fixture), so no test
waits for a retry; only the read timeouts below really take (a fraction of) a second.
Attempts are counted in `fake.requests`.

A few answers the fake cannot send (an HTML 502 page; unknown enum values and extra
fields in a patient) are crafted with pytest-httpx instead, against https://hero.test.
"""

from __future__ import annotations

import asyncio
import datetime
import email.utils
import socket
from collections.abc import AsyncIterator
from typing import Any

import pytest
from pytest_httpx import HTTPXMock

from herohealth import (
    APIConnectionError,
    APITimeoutError,
    HeroHealth,
    InternalServerError,
    InvalidInputError,
    RateLimitError,
    ResponseValidationError,
)
from herohealth.testing import FakeHero
from tests.helpers import served_client as served

BOUND = 10  # seconds any test here may take
DOB = datetime.date(1989, 4, 11)
MERGE_PATH = "/v1/patients/*/merge"
MOCK_URL = "https://hero.test"


@pytest.fixture
def fake() -> FakeHero:
    return FakeHero()


@pytest.fixture
def ada(fake: FakeHero) -> str:
    return fake.add_patient(first_name="Ada", last_name="Lovelace", dob=DOB)


@pytest.fixture
def pair(fake: FakeHero) -> tuple[str, str]:
    """A main patient with empty fields, and an incoming one that fills them."""
    main = fake.add_patient(first_name="Ada", last_name="Lovelace", dob=DOB)
    incoming = fake.add_patient(
        first_name="Ada", last_name="Lovelace", dob=DOB, mobile="07700900123", postcode="N1 9GU"
    )
    return main, incoming


def merge_requests(fake: FakeHero) -> list[Any]:
    return [r for r in fake.requests if r.operation == "merge_patients"]


def closed_port() -> int:
    """A loopback port nothing listens on: bound, then closed."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
    return port


# ---- 5xx answers ---------------------------------------------------------------------------


@pytest.mark.parametrize("status", [500, 502, 503])
async def test_a_5xx_then_success_is_retried(
    fake: FakeHero, ada: str, sleeps: list[float], status: int
) -> None:
    fake.fail_next(status)

    async with asyncio.timeout(BOUND), served(fake) as hero:
        patient = await hero.patients.get(ada)

    assert patient.first_name == "Ada"
    assert [(r.status, r.fault) for r in fake.requests] == [(status, "fail"), (200, None)]
    assert len(sleeps) == 1


async def test_500_502_503_in_a_row_then_success(
    fake: FakeHero, ada: str, sleeps: list[float]
) -> None:
    for status in (500, 502, 503):
        fake.fail_next(status)

    async with asyncio.timeout(BOUND), served(fake, max_retries=3) as hero:
        patient = await hero.patients.get(ada)

    assert patient.id == ada
    assert [r.status for r in fake.requests] == [500, 502, 503, 200]
    assert len(sleeps) == 3


async def test_503_forever_gives_up_after_max_retries(
    fake: FakeHero, ada: str, sleeps: list[float]
) -> None:
    fake.fail_next(503, times=50)

    async with asyncio.timeout(BOUND), served(fake) as hero:
        with pytest.raises(InternalServerError) as raised:
            await hero.patients.get(ada)

    assert raised.value.status_code == 503
    assert len(fake.requests) == 3  # 1 + the default 2 retries
    assert len(sleeps) == 2
    assert all(0 <= s <= 8 for s in sleeps)


# ---- 429 and Retry-After -------------------------------------------------------------------


async def test_429_retry_after_in_seconds_is_waited(
    fake: FakeHero, ada: str, sleeps: list[float]
) -> None:
    fake.fail_next(429, retry_after=7)

    async with asyncio.timeout(BOUND), served(fake) as hero:
        patient = await hero.patients.get(ada)

    assert patient.id == ada
    assert sleeps == [7.0]
    assert [r.status for r in fake.requests] == [429, 200]


async def test_429_retry_after_as_an_http_date_is_waited(
    fake: FakeHero, ada: str, sleeps: list[float]
) -> None:
    when = datetime.datetime.now(datetime.UTC) + datetime.timedelta(seconds=30)
    fake.fail_next(429, retry_after=email.utils.format_datetime(when, usegmt=True))

    async with asyncio.timeout(BOUND), served(fake) as hero:
        patient = await hero.patients.get(ada)

    assert patient.id == ada
    assert len(sleeps) == 1
    assert 27 <= sleeps[0] <= 30  # the date has whole seconds; some time passed
    assert [r.status for r in fake.requests] == [429, 200]


async def test_429_forever_is_a_rate_limit_error(
    fake: FakeHero, ada: str, sleeps: list[float]
) -> None:
    fake.fail_next(429, retry_after=1, times=50)

    async with asyncio.timeout(BOUND), served(fake, max_retries=1) as hero:
        with pytest.raises(RateLimitError):
            await hero.patients.get(ada)

    assert sleeps == [1.0]
    assert len(fake.requests) == 2


# ---- connection refused --------------------------------------------------------------------


async def test_connection_refused_is_retried_then_a_connection_error(
    sleeps: list[float],
) -> None:
    base_url = f"http://127.0.0.1:{closed_port()}"

    async with (
        asyncio.timeout(BOUND),
        HeroHealth(api_key="test-key", practice_group_id="pg-1", base_url=base_url) as hero,
    ):
        with pytest.raises(APIConnectionError) as raised:
            await hero.patients.get("1")

    assert type(raised.value) is APIConnectionError
    assert raised.value.may_have_been_processed is False
    assert len(sleeps) == 2  # three attempts, all refused


async def test_connection_refused_is_retried_even_for_a_register(
    sleeps: list[float],
) -> None:
    base_url = f"http://127.0.0.1:{closed_port()}"

    async with (
        asyncio.timeout(BOUND),
        HeroHealth(api_key="test-key", practice_group_id="pg-1", base_url=base_url) as hero,
    ):
        with pytest.raises(APIConnectionError) as raised:
            await hero.patients.register(
                first_name="Ada", last_name="Lovelace", dob=DOB, mobile="07700900123"
            )

    assert raised.value.may_have_been_processed is False  # never sent: safe to retry
    assert len(sleeps) == 2


# ---- dropped connections -------------------------------------------------------------------


async def test_a_dropped_get_is_retried(fake: FakeHero, ada: str, sleeps: list[float]) -> None:
    fake.drop_next(method="GET")

    async with asyncio.timeout(BOUND), served(fake) as hero:
        patient = await hero.patients.get(ada)

    assert patient.id == ada
    assert [(r.status, r.fault) for r in fake.requests] == [(None, "drop"), (200, None)]
    assert len(sleeps) == 1


async def test_a_dropped_merge_is_sent_once(
    fake: FakeHero, pair: tuple[str, str], sleeps: list[float]
) -> None:
    main, incoming = pair
    fake.drop_next(path=MERGE_PATH)

    async with asyncio.timeout(BOUND), served(fake) as hero:
        preview = await hero.patients.merge_preview(main, incoming)
        with pytest.raises(APIConnectionError) as raised:
            await hero.patients.merge(preview)

    assert not isinstance(raised.value, APITimeoutError)
    assert raised.value.may_have_been_processed is True
    assert "check the patient's state" in str(raised.value)
    assert len(merge_requests(fake)) == 1
    assert sleeps == []
    assert fake.patient(incoming)["status"] == "archived"  # it was processed


# ---- read timeouts -------------------------------------------------------------------------


async def test_a_slow_get_times_out_and_is_retried(
    fake: FakeHero, ada: str, sleeps: list[float]
) -> None:
    fake.delay_next(2, method="GET")

    async with asyncio.timeout(BOUND), served(fake, timeout=0.3) as hero:
        patient = await hero.patients.get(ada)

    assert patient.id == ada
    assert [r.fault for r in fake.requests] == ["delay", None]
    assert len(sleeps) == 1


async def test_a_get_that_always_times_out_is_a_timeout_error(
    fake: FakeHero, ada: str, sleeps: list[float]
) -> None:
    fake.delay_next(2, times=2, method="GET")

    async with asyncio.timeout(BOUND), served(fake, timeout=0.3, max_retries=1) as hero:
        with pytest.raises(APITimeoutError) as raised:
            await hero.patients.get(ada)

    assert raised.value.may_have_been_processed is True
    assert len(fake.requests) == 2
    assert len(sleeps) == 1


async def test_a_merge_that_times_out_is_sent_once_and_its_preview_is_spent(
    fake: FakeHero, pair: tuple[str, str], sleeps: list[float]
) -> None:
    main, incoming = pair
    fake.delay_next(2, path=MERGE_PATH)

    async with asyncio.timeout(BOUND), served(fake) as hero:
        preview = await hero.patients.merge_preview(main, incoming)
        with pytest.raises(APITimeoutError) as raised:
            await hero.patients.merge(preview, timeout=0.3)
        with pytest.raises(InvalidInputError) as again:
            await hero.patients.merge(preview)

    assert raised.value.may_have_been_processed is True
    assert "check the patient's state before sending it again" in str(raised.value)
    assert again.value.field == "merge_token"
    assert "check the patients' state" in str(again.value)
    assert len(merge_requests(fake)) == 1  # neither retried nor sent again
    assert sleeps == []


async def test_a_merge_refused_before_sending_leaves_its_preview_usable(
    fake: FakeHero, pair: tuple[str, str]
) -> None:
    main, incoming = pair

    async with asyncio.timeout(BOUND), served(fake) as hero:
        preview = await hero.patients.merge_preview(main, incoming)
        with pytest.raises(InvalidInputError) as refused:
            await hero.patients.merge(preview, total_timeout=0)  # a bad option: nothing sent
        await hero.patients.merge(preview)  # not "Hero may have merged"

    assert refused.value.field == "total_timeout"
    assert len(merge_requests(fake)) == 1


async def test_a_merge_answered_503_is_not_retried(
    fake: FakeHero, pair: tuple[str, str], sleeps: list[float]
) -> None:
    main, incoming = pair
    fake.fail_next(503, path=MERGE_PATH)

    async with asyncio.timeout(BOUND), served(fake) as hero:
        preview = await hero.patients.merge_preview(main, incoming)
        with pytest.raises(InternalServerError):
            await hero.patients.merge(preview)
        with pytest.raises(InvalidInputError):
            await hero.patients.merge(preview)  # a 5xx leaves the outcome unknown

    assert len(merge_requests(fake)) == 1
    assert sleeps == []


# ---- broken 2xx bodies ---------------------------------------------------------------------


@pytest.mark.parametrize("kind", ["truncated_json", "html", "empty"])
async def test_a_2xx_body_that_is_not_json_is_a_validation_error(
    fake: FakeHero, ada: str, sleeps: list[float], kind: Any
) -> None:
    fake.malform_next(kind)

    async with asyncio.timeout(BOUND), served(fake) as hero:
        with pytest.raises(ResponseValidationError) as raised:
            await hero.patients.get(ada)

    assert raised.value.field is None
    assert raised.value.response.status_code == 200
    assert "Ada" not in str(raised.value)  # the body is not quoted
    assert [r.fault for r in fake.requests] == [f"malform:{kind}"]  # not retried
    assert sleeps == []


async def test_a_2xx_body_missing_a_required_field_names_it(
    fake: FakeHero, ada: str, sleeps: list[float]
) -> None:
    fake.malform_next("missing_field", field="dob")

    async with asyncio.timeout(BOUND), served(fake) as hero:
        with pytest.raises(ResponseValidationError) as raised:
            await hero.patients.get(ada)

    assert raised.value.field == "dob"
    assert "'dob'" in str(raised.value)
    assert "required field missing" in str(raised.value)
    assert len(fake.requests) == 1


async def test_a_patient_with_every_nullable_field_null_parses(
    fake: FakeHero, sleeps: list[float]
) -> None:
    patient_id = fake.add_patient(
        first_name=None, last_name=None, dob=None, nhs_number=None, ehr_registered=None
    )
    sent = fake.patient(patient_id)
    nulls = {name for name, value in sent.items() if value is None}
    assert {"dob", "first_name", "last_name", "nhs_number", "ehr_registered"} <= nulls

    async with asyncio.timeout(BOUND), served(fake) as hero:
        patient = await hero.patients.get(patient_id)

    for name in nulls:
        assert getattr(patient, name) is None, name
    assert patient.id == patient_id


# ---- crafted answers (pytest-httpx: the fake cannot send these) ----------------------------


@pytest.fixture
async def mocked_hero() -> AsyncIterator[HeroHealth]:
    async with HeroHealth(api_key="test-key", practice_group_id="pg-1", base_url=MOCK_URL) as hero:
        yield hero


HTML_502 = b"<!DOCTYPE html><html><body><h1>502 Bad Gateway</h1></body></html>"


async def test_an_html_502_page_is_retried_then_an_internal_server_error(
    mocked_hero: HeroHealth, httpx_mock: HTTPXMock, sleeps: list[float]
) -> None:
    # fail_next always answers JSON, so this HTML error page comes from pytest-httpx.
    httpx_mock.add_response(
        url=f"{MOCK_URL}/v1/patients/1",
        status_code=502,
        content=HTML_502,
        headers={"content-type": "text/html"},
        is_reusable=True,
    )

    async with asyncio.timeout(BOUND):
        with pytest.raises(InternalServerError) as raised:
            await mocked_hero.patients.get("1")

    assert raised.value.status_code == 502
    assert raised.value.body is None
    assert len(httpx_mock.get_requests()) == 3
    assert len(sleeps) == 2


async def test_unknown_enum_values_and_extra_fields_are_kept(
    mocked_hero: HeroHealth, httpx_mock: HTTPXMock, sleeps: list[float]
) -> None:
    httpx_mock.add_response(
        url=f"{MOCK_URL}/v1/patients/1",
        json={
            "id": "1",
            "dob": "1989-04-11",
            "data_source": "new_ehr",
            "status": "quarantined",
            "title": "Archduke",
            "sex": "other_new",
            "identifiers": [],
            "ehr_registered": True,
            "favourite_colour": "teal",
            "nested_extra": {"a": [1, 2]},
        },
    )

    async with asyncio.timeout(BOUND):
        patient = await mocked_hero.patients.get("1")

    assert patient.data_source == "new_ehr"
    assert patient.status == "quarantined"
    assert patient.title == "Archduke"
    assert patient.sex == "other_new"
    assert patient.additional_properties["favourite_colour"] == "teal"
    assert patient["nested_extra"] == {"a": [1, 2]}
