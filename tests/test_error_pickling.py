"""An SDK error crosses a process boundary (multiprocessing, a task queue, pytest-xdist) as a
pickle: it must come back as the same error, and the pickle must hold nothing the error's
message may not show (the API key, an NHS number, Hero's free text).

Errors come from real calls: pytest-httpx at https://hero.test, or FakeHero for a merge.
"""

from __future__ import annotations

import copy
import datetime
import pickle
from collections.abc import AsyncIterator
from typing import Any

import httpx
import pytest
from helpers import API_KEY, BASE_URL, NHS_NUMBER, fake_client, secret_client
from pytest_httpx import HTTPXMock

from herohealth import (
    APIConnectionError,
    APIStatusError,
    APITimeoutError,
    ClientClosedError,
    HeroError,
    HeroHealth,
    InvalidInputError,
    MergeTokenError,
    NotFoundError,
    RateLimitError,
    ResponseTooLargeError,
    ResponseValidationError,
    UnexpectedRedirectError,
    UnprocessableEntityError,
)
from herohealth.testing import FakeHero

pytestmark = pytest.mark.usefixtures("sleeps")

SEARCH_URL = f"{BASE_URL}/v1/patients?field=nhs_number&search={NHS_NUMBER}"
# Hero's free text, which may quote what it was sent.
EXPLANATION = f"no patient has NHS number {NHS_NUMBER}; key {API_KEY} is on a trial plan"


@pytest.fixture
async def hero() -> AsyncIterator[HeroHealth]:
    async with secret_client(max_retries=0) as client:
        yield client


async def raised(call: Any) -> HeroError:
    with pytest.raises(HeroError) as caught:
        await call
    return caught.value


def round_trip(error: HeroError) -> HeroError:
    """`error` pickled and unpickled, after checking what the pickle holds."""
    pickled = pickle.dumps(error)
    for secret in (API_KEY, NHS_NUMBER, "trial plan"):
        assert secret.encode() not in pickled, secret
    return pickle.loads(pickled)  # noqa: S301 - the test's own pickle


async def search(hero: HeroHealth) -> Any:
    return await hero.patients.list(field="nhs_number", search=NHS_NUMBER)


async def test_a_status_error_comes_back_as_itself_without_secrets(
    hero: HeroHealth, httpx_mock: HTTPXMock
) -> None:
    httpx_mock.add_response(
        url=SEARCH_URL,
        status_code=404,
        json={"message": EXPLANATION, "code": "patient_not_found"},
        headers={"x-request-id": "req_1", "x-echo-key": API_KEY},
    )
    error = await raised(search(hero))
    assert API_KEY in error.request.headers["x-api-key"]  # the original still holds it
    error.add_note("while importing the practice's list")

    back = round_trip(error)

    assert type(back) is NotFoundError
    assert isinstance(back, NotFoundError)
    assert str(back) == str(error)
    assert repr(back) == repr(error)
    assert (back.status_code, back.code, back.request_id) == (404, "patient_not_found", "req_1")
    assert (back.fields, back.retry_after) == ([], None)
    assert back.body is None
    assert back.message is None
    assert back.__notes__ == ["while importing the practice's list"]
    # The request and response are stand-ins: what the message shows, no more.
    assert back.request.method == "GET"
    assert str(back.request.url) == f"{BASE_URL}/v1/patients?field=nhs_number&search=***"
    assert back.request.headers["x-api-key"] == "***"
    assert back.request.headers["x-practice-group-id"] == "pg_1"  # allow-listed
    assert back.request.content == b""
    assert back.response.status_code == 404
    assert back.response.request is back.request
    assert back.response.headers["x-request-id"] == "req_1"
    assert back.response.headers["x-echo-key"] == "***"
    assert back.response.content == b""
    assert API_KEY not in repr(back.request.headers)
    # And it pickles again.
    assert str(round_trip(back)) == str(error)


async def test_a_422_keeps_the_field_names(hero: HeroHealth, httpx_mock: HTTPXMock) -> None:
    httpx_mock.add_response(
        status_code=422,
        json={"message": EXPLANATION, "errors": [{"field": "dob", "message": EXPLANATION}]},
    )
    back = round_trip(await raised(search(hero)))
    assert type(back) is UnprocessableEntityError
    assert isinstance(back, UnprocessableEntityError)
    assert back.fields == ["dob"]
    assert "invalid dob" in str(back)


async def test_a_429_keeps_retry_after(hero: HeroHealth, httpx_mock: HTTPXMock) -> None:
    httpx_mock.add_response(status_code=429, headers={"retry-after": "7"})
    back = round_trip(await raised(search(hero)))
    assert type(back) is RateLimitError
    assert isinstance(back, RateLimitError)
    assert back.retry_after == 7.0
    assert back.response.headers["retry-after"] == "7"


async def test_a_redirect_keeps_the_host_it_pointed_to(
    hero: HeroHealth, httpx_mock: HTTPXMock
) -> None:
    httpx_mock.add_response(
        status_code=302, headers={"location": f"https://elsewhere.test/find?nhs={NHS_NUMBER}"}
    )
    back = round_trip(await raised(search(hero)))
    assert type(back) is UnexpectedRedirectError
    assert isinstance(back, UnexpectedRedirectError)
    assert back.location_host == "elsewhere.test"
    assert back.response.headers["location"] == "***"


@pytest.mark.parametrize(
    ("exception", "error_class", "processed"),
    [
        (httpx.ConnectError("refused"), APIConnectionError, False),
        (httpx.ReadTimeout("timed out"), APITimeoutError, True),
    ],
)
async def test_a_connection_error_keeps_whether_hero_may_have_acted(
    hero: HeroHealth,
    httpx_mock: HTTPXMock,
    exception: Exception,
    error_class: type[APIConnectionError],
    processed: bool,
) -> None:
    httpx_mock.add_exception(exception)
    error = await raised(search(hero))
    back = round_trip(error)
    assert type(back) is error_class
    assert isinstance(back, APIConnectionError)
    assert back.may_have_been_processed is processed
    assert str(back) == str(error)
    assert back.__cause__ is None  # httpx's exception, with its own request, stays behind


async def test_a_response_validation_error_keeps_model_and_field(
    hero: HeroHealth, httpx_mock: HTTPXMock
) -> None:
    httpx_mock.add_response(json={"id": "1", "dob": f"born {NHS_NUMBER}"})
    back = round_trip(await raised(hero.patients.get("1")))
    assert type(back) is ResponseValidationError
    assert isinstance(back, ResponseValidationError)
    assert (back.model, back.field) == ("the get_patient response", "dob")
    assert back.response.content == b""


async def test_a_response_too_large_keeps_the_limit(httpx_mock: HTTPXMock) -> None:
    httpx_mock.add_response(content=NHS_NUMBER.encode() * 100)
    async with secret_client(max_retries=0, max_response_bytes=64) as hero:
        back = round_trip(await raised(hero.patients.get("1")))
    assert type(back) is ResponseTooLargeError
    assert isinstance(back, ResponseTooLargeError)
    assert back.limit == 64


async def test_a_merge_token_error_comes_back_as_itself(fake: FakeHero) -> None:
    dob = datetime.date(1989, 4, 11)
    main = fake.add_patient(first_name="Ada", last_name="L", dob=dob, nhs_number=NHS_NUMBER)
    incoming = fake.add_patient(first_name="Ada", last_name="L", dob=dob)
    async with fake_client(fake, max_retries=0) as hero:
        preview = await hero.patients.merge_preview(main, incoming)
        fake.update_patient(incoming, mobile="07700900999")
        error = await raised(hero.patients.merge(preview))
    back = pickle.loads(pickle.dumps(error))  # noqa: S301 - the test's own pickle
    assert type(back) is MergeTokenError
    assert isinstance(back, MergeTokenError)
    assert str(back) == str(error)
    assert "preview the merge again" in str(back)
    assert preview.token.encode() not in pickle.dumps(error)


async def test_errors_raised_before_sending_come_back(hero: HeroHealth) -> None:
    wrong_check_digit = NHS_NUMBER[:-1] + "0"
    register = hero.patients.register(
        dob="1989-04-11", first_name="Ada", last_name="L", mobile="07700900001",
        nhs_number=wrong_check_digit,
    )  # fmt: skip
    invalid = await raised(register)
    await hero.aclose()
    closed = await raised(hero.patients.get("1"))

    back = round_trip(invalid)
    assert type(back) is type(invalid)
    assert isinstance(back, InvalidInputError)
    assert isinstance(back, ValueError)
    assert back.field == "nhs_number"
    assert wrong_check_digit.encode() not in pickle.dumps(invalid)
    assert (back.field, back.problem) == (invalid.field, invalid.problem)
    assert type(round_trip(closed)) is ClientClosedError


async def test_a_query_key_httpx_cannot_parse_back_masks_the_whole_path(
    hero: HeroHealth, httpx_mock: HTTPXMock
) -> None:
    httpx_mock.add_response(status_code=404)
    error = await raised(hero.patients.get("1", extra_query={"a\nb": NHS_NUMBER}))
    back = round_trip(error)
    assert isinstance(back, APIStatusError)
    assert str(back.request.url) == f"{BASE_URL}/***"


async def test_a_copy_keeps_everything(hero: HeroHealth, httpx_mock: HTTPXMock) -> None:
    # Copies stay in the process: nothing to hide from it.
    httpx_mock.add_response(status_code=404, json={"message": EXPLANATION})
    error = await raised(search(hero))
    assert isinstance(error, APIStatusError)
    for twin in (copy.copy(error), copy.deepcopy(error)):
        assert type(twin) is NotFoundError
        assert isinstance(twin, APIStatusError)
        assert str(twin) == str(error)
        assert twin.message == EXPLANATION
        assert twin.body == {"message": EXPLANATION}
        assert twin.request.headers["x-api-key"] == API_KEY
    assert copy.copy(error).response is error.response
    assert copy.deepcopy(error).response is not error.response
