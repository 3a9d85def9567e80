"""Every error the SDK raises, as a user meets it through the public API.

Hero is faked with pytest-httpx at https://hero.test; the client here never retries
(max_retries=0), so each test registers exactly the one response it expects.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Any

import httpx
import pytest
from helpers import API_KEY, NHS_NUMBER, PATIENT_URL, patient_json, secret_client
from pytest_httpx import HTTPXMock

from herohealth import (
    APIConnectionError,
    APIStatusError,
    APITimeoutError,
    AuthenticationError,
    BadRequestError,
    ConflictError,
    HeroError,
    HeroHealth,
    InternalServerError,
    NotFoundError,
    PermissionDeniedError,
    RateLimitError,
    ResponseValidationError,
    UnprocessableEntityError,
)

# Never really sleep, should anything here be retried.
pytestmark = pytest.mark.usefixtures("sleeps")


@pytest.fixture
async def hero() -> AsyncIterator[HeroHealth]:
    """A client whose key looks like a secret, so that a leak into an error would show."""
    async with secret_client(max_retries=0) as client:
        yield client


# ---------------------------------------------------------------------------------------
# 4xx / 5xx: APIStatusError and its subclasses
# ---------------------------------------------------------------------------------------

STATUS_CLASSES = [
    (400, BadRequestError),
    (401, AuthenticationError),
    (403, PermissionDeniedError),
    (404, NotFoundError),
    (409, ConflictError),
    (422, UnprocessableEntityError),
    (429, RateLimitError),
    (500, InternalServerError),
    (502, InternalServerError),
    (503, InternalServerError),
    (418, APIStatusError),  # a 4xx with no class of its own
]


@pytest.mark.parametrize(("status", "error_class"), STATUS_CLASSES)
async def test_status_maps_to_its_error_class(
    hero: HeroHealth, httpx_mock: HTTPXMock, status: int, error_class: type[APIStatusError]
) -> None:
    body = {"message": "something went wrong"}
    httpx_mock.add_response(
        url=PATIENT_URL, status_code=status, json=body, headers={"x-request-id": "req_abc123"}
    )

    with pytest.raises(error_class) as caught:
        await hero.patients.get("1")

    error = caught.value
    assert type(error) is error_class
    assert isinstance(error, APIStatusError)
    assert isinstance(error, HeroError)
    assert error.status_code == status
    assert error.body == body
    assert isinstance(error.response, httpx.Response)
    assert error.response.status_code == status
    assert error.request.method == "GET"
    assert error.request_id == "req_abc123"

    message = str(error)
    assert str(status) in message
    assert "GET" in message
    assert "/v1/patients/1" in message
    # Hero's free text may quote patient data: on the error, not in its message.
    assert "something went wrong" not in message
    assert error.message == "something went wrong"
    assert "req_abc123" in message
    assert API_KEY not in message
    assert API_KEY not in repr(error)


@pytest.mark.parametrize(("status", "error_class"), STATUS_CLASSES)
async def test_html_error_body_is_none_and_request_id_absent(
    hero: HeroHealth, httpx_mock: HTTPXMock, status: int, error_class: type[APIStatusError]
) -> None:
    httpx_mock.add_response(
        url=PATIENT_URL, status_code=status, html="<html><body>Bad Gateway</body></html>"
    )

    with pytest.raises(error_class) as caught:
        await hero.patients.get("1")

    error = caught.value
    assert error.status_code == status
    assert error.body is None
    assert error.request_id is None
    assert error.response.text.startswith("<html>")
    assert str(status) in str(error)
    assert "request id" not in str(error)


def test_status_error_classes_are_hero_errors() -> None:
    for _, error_class in STATUS_CLASSES:
        assert issubclass(error_class, APIStatusError)
        assert issubclass(error_class, HeroError)


@pytest.mark.parametrize(
    ("body", "secret"),
    [
        ({"message": f"No patient with NHS number {NHS_NUMBER}"}, NHS_NUMBER),
        ({"message": "No patient with NHS number 943 476 5919"}, "943 476 5919"),
        ({"error": "Patient ada.lovelace@example.com not found"}, "ada.lovelace@example.com"),
        ({"detail": f"No patient {NHS_NUMBER}, email ada@example.com"}, "ada@example.com"),
    ],
    ids=["nhs-number", "nhs-number-spaced", "email", "both"],
)
async def test_patient_data_echoed_by_hero_is_left_out(
    hero: HeroHealth, httpx_mock: HTTPXMock, body: dict[str, str], secret: str
) -> None:
    httpx_mock.add_response(url=PATIENT_URL, status_code=404, json=body)

    with pytest.raises(NotFoundError) as caught:
        await hero.patients.get("1")

    message = str(caught.value)
    assert secret not in message
    assert NHS_NUMBER not in message
    assert ".message" in message  # where to find Hero's explanation
    assert secret not in repr(caught.value)
    # The parsed body and Hero's explanation are the caller's to inspect, whole.
    assert caught.value.body == body
    assert caught.value.message is not None
    assert secret in caught.value.message


async def test_search_value_in_url_is_masked_in_error(
    hero: HeroHealth, httpx_mock: HTTPXMock
) -> None:
    httpx_mock.add_response(status_code=404, json={"message": "not found"})

    with pytest.raises(NotFoundError) as caught:
        await hero.patients.list(field="nhs_number", search=NHS_NUMBER)

    message = str(caught.value)
    assert NHS_NUMBER not in message
    assert "field=nhs_number" in message
    assert "search=***" in message
    # The request the error holds shows its URL the same way in its repr.
    for shown in (repr(caught.value.request), repr(caught.value.response.request)):
        assert NHS_NUMBER not in shown
        assert "field=nhs_number" in shown  # allow-listed: an enum, not patient data


async def test_api_key_is_never_in_status_error(hero: HeroHealth, httpx_mock: HTTPXMock) -> None:
    httpx_mock.add_response(url=PATIENT_URL, status_code=401, json={"message": "Unauthorized"})

    with pytest.raises(AuthenticationError) as caught:
        await hero.patients.get("1")

    assert API_KEY not in str(caught.value)
    assert API_KEY not in repr(caught.value)
    assert API_KEY not in str(caught.value.args)


async def test_api_key_echoed_by_hero_is_not_in_error(
    hero: HeroHealth, httpx_mock: HTTPXMock
) -> None:
    # _errors' docstring: "No message or repr contains the API key", even when
    # Hero quotes the rejected key back in its explanation.
    httpx_mock.add_response(
        url=PATIENT_URL, status_code=401, json={"message": f"Invalid API key {API_KEY}"}
    )

    with pytest.raises(AuthenticationError) as caught:
        await hero.patients.get("1")

    assert API_KEY not in str(caught.value)
    assert API_KEY not in repr(caught.value)


# ---------------------------------------------------------------------------------------
# 2xx with a body the SDK cannot read: ResponseValidationError
# ---------------------------------------------------------------------------------------


async def test_missing_required_field_is_named(hero: HeroHealth, httpx_mock: HTTPXMock) -> None:
    body = patient_json()
    del body["dob"]
    httpx_mock.add_response(url=PATIENT_URL, json=body)

    with pytest.raises(ResponseValidationError) as caught:
        await hero.patients.get("1")

    error = caught.value
    assert isinstance(error, HeroError)
    assert error.field == "dob"
    assert "'dob'" in str(error)
    assert "GET" in str(error)
    assert "/v1/patients/1" in str(error)
    assert error.response.status_code == 200


@pytest.mark.parametrize(
    "response_kwargs",
    [
        {"html": "<html><body>Hello from a proxy</body></html>"},
        {"content": b""},
        {"text": "not json at all"},
    ],
    ids=["html", "empty", "plain-text"],
)
async def test_non_json_success_body(
    hero: HeroHealth, httpx_mock: HTTPXMock, response_kwargs: dict[str, Any]
) -> None:
    httpx_mock.add_response(url=PATIENT_URL, status_code=200, **response_kwargs)

    with pytest.raises(ResponseValidationError) as caught:
        await hero.patients.get("1")

    assert caught.value.field is None
    assert "not JSON" in str(caught.value)
    assert API_KEY not in str(caught.value)


@pytest.mark.parametrize("bad_value", ["yesterday", "2020-13-45", "not-a-date", "2020-01-01Tnope"])
async def test_bad_date_time_in_nullable_field_is_named_but_not_quoted(
    hero: HeroHealth, httpx_mock: HTTPXMock, bad_value: str
) -> None:
    httpx_mock.add_response(url=PATIENT_URL, json=patient_json(deceased_at=bad_value))

    with pytest.raises(ResponseValidationError) as caught:
        await hero.patients.get("1")

    assert caught.value.field == "deceased_at"
    assert "deceased_at" in str(caught.value)
    assert bad_value not in str(caught.value)
    assert bad_value not in repr(caught.value)
    # Chained exceptions would show the value in a traceback: the SDK suppresses them.
    assert caught.value.__cause__ is None
    assert caught.value.__suppress_context__


async def test_wrong_type_in_nullable_field_is_named(
    hero: HeroHealth, httpx_mock: HTTPXMock
) -> None:
    httpx_mock.add_response(url=PATIENT_URL, json=patient_json(deceased_at=12345))

    with pytest.raises(ResponseValidationError) as caught:
        await hero.patients.get("1")

    assert caught.value.field == "deceased_at"
    assert "12345" not in str(caught.value)


# ---------------------------------------------------------------------------------------
# No (complete) answer: APIConnectionError / APITimeoutError
# ---------------------------------------------------------------------------------------


def test_timeout_error_is_a_connection_error() -> None:
    assert issubclass(APITimeoutError, APIConnectionError)
    assert issubclass(APIConnectionError, HeroError)
    assert not issubclass(APIConnectionError, APIStatusError)


async def test_connect_error(hero: HeroHealth, httpx_mock: HTTPXMock) -> None:
    httpx_mock.add_exception(httpx.ConnectError("refused"), url=PATIENT_URL)

    with pytest.raises(APIConnectionError) as caught:
        await hero.patients.get("1")

    error = caught.value
    assert type(error) is APIConnectionError
    assert isinstance(error, HeroError)
    assert error.may_have_been_processed is False
    assert error.request.method == "GET"
    assert isinstance(error.__cause__, httpx.ConnectError)
    assert "GET" in str(error)
    assert "/v1/patients/1" in str(error)
    assert API_KEY not in str(error)
    assert API_KEY not in repr(error)


async def test_read_timeout(hero: HeroHealth, httpx_mock: HTTPXMock) -> None:
    httpx_mock.add_exception(httpx.ReadTimeout("timed out"), url=PATIENT_URL)

    with pytest.raises(APITimeoutError) as caught:
        await hero.patients.get("1")

    error = caught.value
    assert isinstance(error, APIConnectionError)
    assert error.may_have_been_processed is True
    assert isinstance(error.__cause__, httpx.ReadTimeout)
    assert "timed out" in str(error).lower()
    assert "/v1/patients/1" in str(error)
    assert API_KEY not in str(error)


async def test_connect_timeout_was_never_processed(hero: HeroHealth, httpx_mock: HTTPXMock) -> None:
    httpx_mock.add_exception(httpx.ConnectTimeout("connect timed out"), url=PATIENT_URL)

    with pytest.raises(APITimeoutError) as caught:
        await hero.patients.get("1")

    assert caught.value.may_have_been_processed is False


async def test_dropped_connection_may_have_been_processed(
    hero: HeroHealth, httpx_mock: HTTPXMock
) -> None:
    httpx_mock.add_exception(httpx.RemoteProtocolError("peer closed"), url=PATIENT_URL)

    with pytest.raises(APIConnectionError) as caught:
        await hero.patients.get("1")

    assert type(caught.value) is APIConnectionError
    assert caught.value.may_have_been_processed is True


async def test_connection_error_url_masks_search(hero: HeroHealth, httpx_mock: HTTPXMock) -> None:
    httpx_mock.add_exception(httpx.ConnectError("refused"))

    with pytest.raises(APIConnectionError) as caught:
        await hero.patients.list(field="nhs_number", search=NHS_NUMBER)

    assert NHS_NUMBER not in str(caught.value)
    assert "search=***" in str(caught.value)
