"""Fault injection on the fake (in process), and how the SDK meets each fault.

`sleeps` (conftest.py) replaces the SDK's retry sleep, so no test waits for a backoff;
timeouts are a fraction of a second.
"""

from __future__ import annotations

import datetime

import pytest

from herohealth import (
    APIConnectionError,
    APITimeoutError,
    HeroHealth,
    InternalServerError,
    NotFoundError,
    RateLimitError,
    ResponseValidationError,
)
from herohealth.testing import FakeHero

DOB = datetime.date(1989, 4, 11)
REGISTER = {"first_name": "Ada", "last_name": "L", "dob": DOB, "mobile": "07700900123"}


@pytest.fixture
def ada(fake: FakeHero) -> str:
    return fake.add_patient(first_name="Ada", last_name="Lovelace", dob=DOB)


# ---- fail_next ------------------------------------------------------------------------------


async def test_fail_next_with_retry_after_is_honoured_by_the_sdks_retry(
    hero: HeroHealth, fake: FakeHero, ada: str, sleeps: list[float]
) -> None:
    fake.fail_next(503, retry_after=7)

    patient = await hero.with_options(max_retries=2).patients.get(ada)

    assert patient.id == ada
    assert sleeps == [7.0]
    assert [(r.status, r.fault) for r in fake.requests] == [(503, "fail"), (200, None)]


async def test_fail_next_answers_the_status_with_a_message_and_retry_after(
    hero: HeroHealth, fake: FakeHero, ada: str
) -> None:
    fake.fail_next(429, retry_after="Wed, 21 Oct 2015 07:28:00 GMT")

    with pytest.raises(RateLimitError) as raised:
        await hero.patients.get(ada)

    assert raised.value.response.headers["retry-after"] == "Wed, 21 Oct 2015 07:28:00 GMT"
    assert raised.value.body == {"message": "Injected fault: 429 Too Many Requests"}


async def test_fail_next_times_fails_that_many_requests(
    hero: HeroHealth, fake: FakeHero, ada: str, sleeps: list[float]
) -> None:
    fake.fail_next(500, times=2)

    await hero.with_options(max_retries=2).patients.get(ada)

    assert [r.status for r in fake.requests] == [500, 500, 200]
    assert len(sleeps) == 2


async def test_a_failed_request_is_not_processed_and_register_is_not_retried(
    hero: HeroHealth, fake: FakeHero, sleeps: list[float]
) -> None:
    fake.fail_next(503)

    with pytest.raises(InternalServerError):
        await hero.with_options(max_retries=2).patients.register(**REGISTER)

    assert sleeps == []  # a 503 may follow processing: the SDK never repeats a register
    assert (await hero.patients.list()).count == 0


async def test_fail_next_matches_path_globs_and_methods(
    hero: HeroHealth, fake: FakeHero, ada: str
) -> None:
    fake.fail_next(502, path="/v1/patients/*/billing_info")
    fake.fail_next(500, method="POST")

    await hero.patients.get(ada)
    await hero.patients.list()
    with pytest.raises(InternalServerError) as billing:
        await hero.patients.billing_info(ada)
    with pytest.raises(InternalServerError) as register:
        await hero.patients.register(**REGISTER)
    await hero.patients.billing_info(ada)  # each fault fired once

    assert (billing.value.status_code, register.value.status_code) == (502, 500)


async def test_faults_apply_before_authentication(fake: FakeHero, ada: str) -> None:
    fake.fail_next(503)

    async with fake.client() as client:  # no credentials at all
        response = await client.get(f"/v1/patients/{ada}")

    assert response.status_code == 503


# ---- delay_next -----------------------------------------------------------------------------


async def test_delay_next_slows_the_answer(hero: HeroHealth, fake: FakeHero, ada: str) -> None:
    fake.delay_next(0.05)

    patient = await hero.patients.get(ada)

    assert patient.id == ada
    assert fake.requests[-1].fault == "delay"


async def test_a_delay_longer_than_the_timeout_times_out_in_process(
    hero: HeroHealth, fake: FakeHero, ada: str
) -> None:
    fake.delay_next(10)

    with pytest.raises(APITimeoutError):
        await hero.patients.get(ada, timeout=0.1)

    await hero.patients.get(ada, timeout=1)  # only the next request was slow


async def test_a_delayed_register_is_processed_even_when_the_client_gives_up(
    hero: HeroHealth, fake: FakeHero, sleeps: list[float]
) -> None:
    fake.delay_next(10, path="/v1/patients/register")

    with pytest.raises(APITimeoutError) as raised:
        await hero.with_options(max_retries=2).patients.register(**REGISTER, timeout=0.1)

    assert raised.value.may_have_been_processed
    assert sleeps == []
    assert (await hero.patients.list()).count == 1


# ---- malform_next ---------------------------------------------------------------------------


@pytest.mark.parametrize("kind", ["truncated_json", "html", "empty", "missing_field"])
async def test_a_malformed_answer_is_a_response_validation_error(
    hero: HeroHealth, fake: FakeHero, ada: str, kind: str
) -> None:
    fake.malform_next(kind)  # type: ignore[arg-type]

    with pytest.raises(ResponseValidationError):
        await hero.patients.get(ada)

    assert (fake.requests[-1].status, fake.requests[-1].fault) == (200, f"malform:{kind}")
    assert (await hero.patients.get(ada)).id == ada


async def test_missing_field_drops_the_first_required_field_or_the_one_named(
    hero: HeroHealth, fake: FakeHero, ada: str
) -> None:
    fake.malform_next("missing_field")
    fake.malform_next("missing_field", field="ehr_registered")

    with pytest.raises(ResponseValidationError) as first:
        await hero.patients.get(ada)
    with pytest.raises(ResponseValidationError) as named:
        await hero.patients.get(ada)

    assert (first.value.field, named.value.field) == ("id", "ehr_registered")


async def test_html_and_empty_answers_are_200s_with_those_bodies(
    fake: FakeHero, raw_answers: list[tuple[int, str, bytes]]
) -> None:
    assert raw_answers[0][:2] == (200, "text/html; charset=utf-8")
    assert raw_answers[0][2].startswith(b"<!DOCTYPE html>")
    assert raw_answers[1] == (200, "application/json", b"")


@pytest.fixture
async def raw_answers(fake: FakeHero, ada: str) -> list[tuple[int, str, bytes]]:
    fake.malform_next("html")
    fake.malform_next("empty")
    headers = {"x-api-key": fake.api_key, "x-practice-group-id": fake.practice_group_id}
    answers = []
    async with fake.client(headers=headers) as client:
        for _ in range(2):
            response = await client.get(f"/v1/patients/{ada}")
            answers.append(
                (response.status_code, response.headers["content-type"], response.content)
            )
    return answers


async def test_malform_waits_for_a_successful_answer(
    hero: HeroHealth, fake: FakeHero, ada: str
) -> None:
    fake.malform_next("html", times=1)

    with pytest.raises(NotFoundError):
        await hero.patients.get("999")  # an error answer is left alone
    with pytest.raises(ResponseValidationError):
        await hero.patients.get(ada)


async def test_a_malformed_register_answer_still_registered(
    hero: HeroHealth, fake: FakeHero
) -> None:
    fake.malform_next("truncated_json", path="/v1/patients/register")

    with pytest.raises(ResponseValidationError):
        await hero.patients.register(**REGISTER)

    assert (await hero.patients.list()).count == 1


# ---- drop_next ------------------------------------------------------------------------------


async def test_a_dropped_get_is_retried(
    hero: HeroHealth, fake: FakeHero, ada: str, sleeps: list[float]
) -> None:
    fake.drop_next()

    patient = await hero.with_options(max_retries=1).patients.get(ada)

    assert patient.id == ada
    assert [(r.status, r.fault) for r in fake.requests] == [(None, "drop"), (200, None)]
    assert len(sleeps) == 1


@pytest.mark.parametrize(("processed", "created"), [(True, 1), (False, 0)])
async def test_a_dropped_register_may_have_been_processed(
    hero: HeroHealth, fake: FakeHero, sleeps: list[float], processed: bool, created: int
) -> None:
    fake.drop_next(processed=processed, method="POST")

    with pytest.raises(APIConnectionError) as raised:
        await hero.with_options(max_retries=2).patients.register(**REGISTER)

    assert raised.value.may_have_been_processed
    assert "check the patient's state" in str(raised.value)
    assert sleeps == []
    assert (await hero.patients.list()).count == created


# ---- arming ---------------------------------------------------------------------------------


async def test_faults_combine_and_clear(hero: HeroHealth, fake: FakeHero, ada: str) -> None:
    fake.delay_next(0.01)
    fake.fail_next(500)
    fake.fail_next(500, path="/never")

    with pytest.raises(InternalServerError):
        await hero.patients.get(ada)
    fake.clear_faults()
    await hero.patients.get(ada)

    assert [r.fault for r in fake.requests] == ["delay+fail", None]


def test_arming_checks_its_arguments(fake: FakeHero) -> None:
    with pytest.raises(ValueError, match="status"):
        fake.fail_next(200)
    with pytest.raises(ValueError, match="times"):
        fake.fail_next(503, times=0)
    with pytest.raises(ValueError, match="kind"):
        fake.malform_next("xml")  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="seconds"):
        fake.delay_next(-1)
