"""Redaction by allow-list: what logs and error messages may show (herohealth._redact).

A path, query or header value is shown only when its name is allow-listed
(`_config.LOGGABLE_PARAMS`, `LOGGABLE_HEADERS`); everything else is `***`, whatever
its shape. Errors keep Hero's free text on the error, out of `str` and `repr`.
"""

from __future__ import annotations

import asyncio
import json
import logging
import math
import traceback
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from decimal import Decimal
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
    HeroHealth,
    InvalidInputError,
    NotFoundError,
    ResponseTooLargeError,
    ResponseValidationError,
    UnprocessableEntityError,
    _redact,
)
from herohealth._config import LOGGABLE_HEADERS, LOGGABLE_PARAMS
from herohealth._redact import MASK, RedactedHeaders, redact_url
from herohealth.testing import FakeHero

pytestmark = pytest.mark.usefixtures("sleeps")

# What Hero may echo back in its explanation of an error.
PATIENT_VALUES = (
    "Ada",
    "Lovelace",
    "1989-04-11",
    "07700 900123",
    "SW1A 1AA",
    "943.476.5919",
    "9434 765 919",
    NHS_NUMBER,
)
ECHOING_MESSAGE = (
    "Patient Ada Lovelace, dob 1989-04-11, mobile 07700 900123, postcode SW1A 1AA, "
    "NHS 943.476.5919 (9434 765 919) not found"
)
TEN_DIGIT_ID = "1234567890"  # a Hero patient id: digits, here ten of them
EPOCH_SECONDS = "1764620000"


@pytest.fixture
async def hero() -> AsyncIterator[HeroHealth]:
    async with secret_client(max_retries=0) as client:
        yield client


def everything_logged(caplog: pytest.LogCaptureFixture) -> str:
    """Every record's formatted message and all of its attributes, as one text."""
    return "\n".join(f"{r.getMessage()}\n{r.__dict__!r}" for r in caplog.records)


def assert_shows_none(text: str, values: tuple[str, ...] = PATIENT_VALUES) -> None:
    shown = [value for value in values if value in text]
    assert not shown, f"{shown} in {text!r}"


# ---------------------------------------------------------------------------------------
# Errors: no patient data in str() or repr(); Hero's explanation kept on the error
# ---------------------------------------------------------------------------------------


async def test_404_echoing_patient_data_keeps_it_out_of_str_and_repr(
    hero: HeroHealth, httpx_mock: HTTPXMock
) -> None:
    body = {"message": ECHOING_MESSAGE, "code": "patient_not_found"}
    httpx_mock.add_response(
        url=PATIENT_URL, status_code=404, json=body, headers={"x-request-id": "req_0123456789"}
    )

    with pytest.raises(NotFoundError) as caught:
        await hero.patients.get("1")

    error = caught.value
    for text in (str(error), repr(error), repr(error.args)):
        assert_shows_none(text)
        assert API_KEY not in text
        assert "404 Not Found: GET https://hero.test/v1/patients/1" in text
        assert "code patient_not_found" in text
        assert "req_0123456789" in text  # a request id is shown whole, digits and all
    assert error.message == ECHOING_MESSAGE
    assert error.body == body
    assert error.code == "patient_not_found"


async def test_422_shows_field_names_never_their_values(
    hero: HeroHealth, httpx_mock: HTTPXMock
) -> None:
    body = {
        "message": ECHOING_MESSAGE,
        "errors": [
            {"field": "dob", "message": "1989-04-11 is not a date Hero accepts"},
            {"field": "nhs_number", "message": "943.476.5919 does not match the name Ada"},
            {"field": "Ada Lovelace", "message": "free text where a name belongs"},
        ],
    }
    httpx_mock.add_response(url=PATIENT_URL, status_code=422, json=body)

    with pytest.raises(UnprocessableEntityError) as caught:
        await hero.patients.get("1")

    error = caught.value
    assert error.fields == ["dob", "nhs_number"]  # a "name" with a space is not a name
    for text in (str(error), repr(error)):
        assert "invalid dob, nhs_number" in text
        assert_shows_none(text)
    assert error.body == body


async def test_error_code_that_is_not_a_name_is_not_shown(
    hero: HeroHealth, httpx_mock: HTTPXMock
) -> None:
    body = {"message": "no", "code": "Ada Lovelace 943 476 5919"}
    httpx_mock.add_response(url=PATIENT_URL, status_code=404, json=body)

    with pytest.raises(NotFoundError) as caught:
        await hero.patients.get("1")

    assert caught.value.code is None
    assert_shows_none(str(caught.value), ("Ada", "943 476 5919"))


async def test_error_headers_repr_shows_only_allow_listed_values(
    hero: HeroHealth, httpx_mock: HTTPXMock
) -> None:
    httpx_mock.add_response(
        url=PATIENT_URL,
        status_code=401,
        json={"message": f"Invalid API key {API_KEY}"},
        headers={"x-request-id": "req_1", "set-cookie": "session=s3cr3t", "x-hero-new": "Ada"},
    )

    with pytest.raises(AuthenticationError) as caught:
        await hero.patients.get("1")

    error = caught.value
    request_headers = repr(error.request.headers)
    assert API_KEY not in request_headers
    assert f"'x-api-key': '{MASK}'" in request_headers
    assert "'x-practice-group-id': 'pg_1'" in request_headers  # allow-listed: not a secret
    response_headers = repr(error.response.headers)
    assert "req_1" in response_headers
    assert "s3cr3t" not in response_headers
    assert "Ada" not in response_headers  # a header Hero adds is hidden until allow-listed
    # Hidden from repr only: the values are all still there.
    assert error.request.headers["x-api-key"] == API_KEY
    assert error.response.headers["set-cookie"] == "session=s3cr3t"
    for text in (str(error), repr(error), repr(error.request)):
        assert API_KEY not in text


async def test_connection_error_hides_key_in_headers_repr(
    hero: HeroHealth, httpx_mock: HTTPXMock
) -> None:
    httpx_mock.add_exception(httpx.ConnectError("refused"))

    with pytest.raises(APIConnectionError) as caught:
        await hero.patients.list(field="nhs_number", search=NHS_NUMBER)

    error = caught.value
    assert API_KEY not in repr(error.request.headers)
    assert NHS_NUMBER not in str(error)
    assert f"search={MASK}" in str(error)
    # The request the error holds, and the one httpx's own exception holds (the same one).
    for request in (error.request, error.__cause__.request):  # type: ignore[union-attr]
        assert NHS_NUMBER not in repr(request)
        assert f"search={MASK}" in repr(request)
        assert repr(request).startswith("<Request('GET', ")
        assert isinstance(request, httpx.Request)
        assert request.url.params["search"] == NHS_NUMBER  # hidden from repr only


async def test_a_raw_response_hides_the_query_in_the_request_repr(
    hero: HeroHealth, httpx_mock: HTTPXMock
) -> None:
    # (A status error's request: tests/test_errors.py, with the message's URL.)
    httpx_mock.add_response(json={"data": [], "count": 0})
    raw = await hero.patients.with_raw_response.list(field="nhs_number", search=NHS_NUMBER)
    assert NHS_NUMBER not in repr(raw.http_response.request)
    assert API_KEY not in repr(raw.http_response.request.headers)


async def test_a_raw_response_hides_its_headers_values_as_an_errors_response_does(
    hero: HeroHealth, httpx_mock: HTTPXMock
) -> None:
    # As test_error_headers_repr_shows_only_allow_listed_values, for a 2xx answer.
    headers = {"x-request-id": "req_1", "set-cookie": "session=s3cr3t", "x-hero-new": "Ada"}
    httpx_mock.add_response(json={"data": [], "count": 0}, headers=headers, is_reusable=True)

    raws = [
        await hero.patients.with_raw_response.get("1"),
        await hero.patients.with_raw_response.list(field="nhs_number"),
    ]

    for raw in raws:
        for shown in (repr(raw.headers), repr(raw.http_response.headers)):
            assert "req_1" in shown
            assert_shows_none(shown, ("s3cr3t", "Ada"))
        assert raw.headers["set-cookie"] == "session=s3cr3t"  # hidden from repr only


class _BuildsItsOwn(httpx.AsyncClient):
    """A client subclass: the request loop builds its requests with `build_request`."""


@pytest.mark.parametrize("client_class", [httpx.AsyncClient, _BuildsItsOwn])
async def test_request_headers_hide_the_key_however_the_request_was_built(
    httpx_mock: HTTPXMock, client_class: type[httpx.AsyncClient]
) -> None:
    httpx_mock.add_exception(httpx.ReadTimeout("slow"))
    httpx_mock.add_response(url=PATIENT_URL, json={"id": "1"})
    async with client_class() as http, secret_client(http_client=http, max_retries=0) as hero:
        with pytest.raises(APIConnectionError) as caught:
            await hero.patients.get("1")
        raw = await hero.patients.with_raw_response.get("1")

    cause = caught.value.__cause__
    assert isinstance(cause, httpx.ReadTimeout)
    for request in (caught.value.request, cause.request, raw.http_response.request):
        assert API_KEY not in repr(request.headers)
        assert request.headers["x-api-key"] == API_KEY  # hidden from repr only


# A token for a gateway in front of Hero, read from a file with its newline: httpx takes it,
# h11 refuses it on the wire with the whole value in its message (the error's __cause__).
GATEWAY_TOKEN = "Bearer gw_SECRET_7c4a8d09ca3762af61e59520943dc264"


@pytest.mark.parametrize(
    "value",
    [
        GATEWAY_TOKEN + "\n",
        GATEWAY_TOKEN + "\r\nx-other: 1",
        " " + GATEWAY_TOKEN,
        GATEWAY_TOKEN + "\x0b",
        GATEWAY_TOKEN + "\u00e9",
    ],
    ids=["newline", "crlf", "leading-space", "vertical-tab", "non-ascii"],
)
async def test_a_header_option_that_cannot_be_sent_is_refused_without_its_value(value: str) -> None:
    fake = FakeHero(api_key=API_KEY)
    header = {"authorization": value}
    refused: list[tuple[InvalidInputError, str]] = []
    async with fake.serve() as base_url:
        with pytest.raises(InvalidInputError) as caught:
            HeroHealth(
                api_key=API_KEY, practice_group_id="pg-1", base_url=base_url, default_headers=header
            )
        refused.append((caught.value, "default_headers"))
        async with HeroHealth(api_key=API_KEY, practice_group_id="pg-1", base_url=base_url) as hero:
            with pytest.raises(InvalidInputError) as caught:
                hero.with_options(default_headers=header)
            refused.append((caught.value, "default_headers"))
            with pytest.raises(InvalidInputError) as caught:
                await hero.patients.get("1", extra_headers=header)
            refused.append((caught.value, "extra_headers"))

    for error, option in refused:
        assert error.field == option
        assert "'authorization'" in str(error)  # the header, by name
        assert "gw_SECRET" not in "".join(traceback.format_exception(error))
    assert fake.requests == []  # refused before sending


@pytest.mark.parametrize(
    "headers",
    [{"X-API-Key": "someone-else"}, {"x-patient-\u00e9": "1"}, {"x patient": "1"}],
    ids=["auth-header", "non-ascii-name", "space-in-name"],
)
async def test_a_refused_header_option_leaves_the_key_out_of_the_tracebacks_locals(
    headers: dict[str, str],
) -> None:
    # What pytest --showlocals, structlog's dict tracebacks or rich show: each frame's locals.
    fake = FakeHero(api_key=API_KEY)
    async with (
        fake.serve() as base_url,
        HeroHealth(
            api_key=fake.api_key, practice_group_id=fake.practice_group_id, base_url=base_url
        ) as hero,
    ):
        with pytest.raises(InvalidInputError) as caught:
            await hero.patients.get("1", extra_headers=headers)

    assert caught.value.field == "extra_headers"
    shown = traceback.TracebackException.from_exception(caught.value, capture_locals=True)
    assert API_KEY not in "".join(shown.format())
    assert fake.requests == []


def locals_shown(error: BaseException) -> str:
    """Every frame's locals in `error`'s traceback and chain, each repr'd as pytest's
    --showlocals does (a repr that raises is shown as such, not fatal); but this module's."""
    shown = []
    current: BaseException | None = error
    while current is not None:
        tb = current.__traceback__
        while tb is not None:
            if tb.tb_frame.f_code.co_filename == __file__:  # the test's own values
                tb = tb.tb_next
                continue
            for name, value in tb.tb_frame.f_locals.items():
                try:
                    shown.append(f"{name} = {value!r}")
                except Exception as failed:
                    shown.append(f"{name} = <{type(failed).__name__} raised in repr()>")
            tb = tb.tb_next
        current = current.__cause__ or current.__context__
    return "\n".join(shown)


async def test_a_base_urls_credentials_are_not_in_an_errors_locals(httpx_mock: HTTPXMock) -> None:
    # httpx sends the user info as Basic auth; the client's settings are in every frame's locals.
    httpx_mock.add_response(status_code=404, json={})
    base_url = "https://gateway:gw_SECRET_PASSWORD@hero.test"
    async with HeroHealth(api_key=API_KEY, practice_group_id="pg_1", base_url=base_url) as hero:
        with pytest.raises(NotFoundError) as caught:
            await hero.patients.get("1", max_retries=0)

    shown = locals_shown(caught.value)
    assert "Settings(" in shown
    assert "gw_SECRET_PASSWORD" not in shown
    assert API_KEY not in shown


# Half of an emoji, as a JSON "\ud83d" escape or surrogateescape decoding leaves it: not text
# UTF-8 can encode, so httpx raised UnicodeEncodeError with the SDK's headers in its locals.
LONE_SURROGATE = "Ada \ud83d"


@pytest.mark.parametrize(
    ("call", "field"),
    [
        (
            lambda hero: hero.patients.register(
                first_name=LONE_SURROGATE, last_name="L", dob="1989-04-11", mobile="07700900123"
            ),
            "first_name",
        ),
        (lambda hero: hero.patients.list(field="nhs_number", search=LONE_SURROGATE), "search"),
        (lambda hero: hero.patients.get("1", extra_query={"note": LONE_SURROGATE}), "extra_query"),
        (
            lambda hero: hero.with_options(default_query={LONE_SURROGATE: "1"}).patients.get("1"),
            "default_query",
        ),
    ],
    ids=["body", "query", "extra_query", "default_query"],
)
async def test_text_utf8_cannot_encode_is_invalid_input_with_no_key_in_the_locals(
    hero: HeroHealth, httpx_mock: HTTPXMock, call: Any, field: str
) -> None:
    with pytest.raises(InvalidInputError) as caught:
        await call(hero)

    assert caught.value.field == field
    assert API_KEY not in locals_shown(caught.value)
    assert httpx_mock.get_requests() == []


REGISTER = {"first_name": "Ada", "last_name": "L", "dob": "1989-04-11", "mobile": "07700900123"}


@pytest.mark.parametrize(
    ("call", "field", "problem"),
    [
        (
            lambda hero: hero.patients.register(**REGISTER, extra_body={"x": Decimal("1.5")}),
            "extra_body",
            "'x': must be a JSON value, not Decimal",
        ),
        (
            lambda hero: hero.patients.register(**REGISTER, extra_body={"x": {"a", "b"}}),
            "extra_body",
            "'x': must be a JSON value, not set",
        ),
        (
            lambda hero: hero.patients.register(**REGISTER, extra_body={"x": [math.nan]}),
            "extra_body",
            "'x': must be a finite number (JSON has no NaN or infinity)",
        ),
        (
            lambda hero: hero.patients.register(**REGISTER, extra_body={"x": {(1, 2): "a"}}),
            "extra_body",
            "'x': must have text as its property names",
        ),
        (
            lambda hero: hero.patients.list(field="nhs_number", search="9" * 70_000),
            "url",
            "is over httpx's length limit: a path or query value is too long",
        ),
        (
            lambda hero: hero.patients.get("1", extra_query={"note": "x" * 70_000}),
            "url",
            "is over httpx's length limit: a path or query value is too long",
        ),
    ],
    ids=["decimal", "set", "nan", "tuple-key", "long-search", "long-extra-query"],
)
async def test_what_httpx_cannot_send_is_invalid_input_with_no_key_in_the_locals(
    hero: HeroHealth, httpx_mock: HTTPXMock, call: Any, field: str, problem: str
) -> None:
    # httpx refused these (TypeError, ValueError, InvalidURL) from frames whose locals hold
    # the request's headers, the API key among them.
    with pytest.raises(InvalidInputError) as caught:
        await call(hero)

    assert str(caught.value) == f"{field}: {problem}"
    assert API_KEY not in locals_shown(caught.value)
    assert httpx_mock.get_requests() == []


@asynccontextmanager
async def raw_server(answer: bytes | None) -> AsyncIterator[str]:
    """A loopback server that reads each request head and writes `answer`, then closes;
    with None it reads nothing and holds the connection open (a writer's send fills up)."""

    async def handle(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        try:
            if answer is None:
                await asyncio.sleep(BOUND)
            else:
                await reader.readuntil(b"\r\n\r\n")
                writer.write(answer)
                await writer.drain()
        finally:
            writer.close()

    server = await asyncio.start_server(handle, "127.0.0.1", 0)
    try:
        yield f"http://127.0.0.1:{server.sockets[0].getsockname()[1]}"
    finally:
        server.close()


BOUND = 10  # seconds a raw server holds a connection at most
ECHOING_BODY = json.dumps({"id": "1", "notes": ECHOING_MESSAGE}).encode()


@pytest.mark.parametrize(
    ("answer", "options", "expected", "raised_in"),
    [
        (
            b"HTTP/1.1 404 Not Found\r\ncontent-type: application/json\r\n"
            b"content-length: %d\r\n\r\n%s" % (len(ECHOING_BODY), ECHOING_BODY),
            {},
            NotFoundError,
            "_send_once",
        ),
        (  # the connection drops after part of the body
            b"HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: 9999\r\n"
            b"\r\n" + ECHOING_BODY,
            {},
            APIConnectionError,
            "_send_once",
        ),
        (
            b"HTTP/1.1 200 OK\r\ncontent-type: application/json\r\n"
            b"content-length: %d\r\n\r\n%s" % (len(ECHOING_BODY), ECHOING_BODY),
            {"max_response_bytes": 100},
            ResponseTooLargeError,
            "_send_once",
        ),
        (  # no Patient: the parser's frames, under the error's hidden context, held it decoded
            b"HTTP/1.1 200 OK\r\ncontent-type: application/json\r\n"
            b"content-length: %d\r\n\r\n%s" % (len(ECHOING_BODY), ECHOING_BODY),
            {},
            ResponseValidationError,
            "parse",
        ),
    ],
    ids=["status-error", "dropped-mid-body", "too-large", "not-a-patient"],
)
async def test_heros_answer_is_not_in_an_errors_locals(
    answer: bytes, options: dict[str, Any], expected: type[Exception], raised_in: str
) -> None:
    # The request loop's frames, httpx's and httpcore's held Hero's body (or what of it was
    # read) in their locals, in the error's traceback or its cause's: Sentry shows them.
    async with (
        raw_server(answer) as base_url,
        HeroHealth(
            api_key=API_KEY, practice_group_id="pg_1", base_url=base_url, max_retries=0, **options
        ) as hero,
    ):
        with pytest.raises(expected) as caught:
            await hero.patients.get("1")

    shown = locals_shown(caught.value)
    assert "Lovelace" in ECHOING_BODY.decode()
    assert_shows_none(shown)
    assert f"in {raised_in}\n" in "".join(traceback.format_exception(caught.value))  # kept


async def test_a_page_that_does_not_fit_is_not_in_the_errors_locals(
    hero: HeroHealth, httpx_mock: HTTPXMock
) -> None:
    # A count JSON reads as infinity is refused by the generated envelope, under the
    # paginator: the parser's frames held the page decoded.
    body = json.dumps(patient_json(last_name="Lovelace")).encode()
    page = b'{"data": [%s], "count": 1e999}' % body
    httpx_mock.add_response(content=page, headers={"content-type": "application/json"})
    with pytest.raises(ResponseValidationError, match="count") as caught:
        await hero.patients.list()

    assert_shows_none(locals_shown(caught.value))


async def test_a_write_timeout_leaves_the_request_head_out_of_the_locals() -> None:
    # httpcore's frames writing the head (bytes_to_send, the h11 event) hold the API key; a
    # head larger than the socket's buffers, to a server that reads nothing, times out there.
    async with (
        raw_server(None) as base_url,
        HeroHealth(
            api_key=API_KEY,
            practice_group_id="pg_1",
            base_url=base_url,
            max_retries=0,
            timeout=httpx.Timeout(BOUND, write=0.2),
        ) as hero,
    ):
        with pytest.raises(APITimeoutError) as caught:
            await hero.patients.get("1", extra_headers={"x-padding": "x" * 16_000_000})

    assert isinstance(caught.value.__cause__, httpx.WriteTimeout)
    assert API_KEY not in locals_shown(caught.value)


async def test_the_callers_own_exception_keeps_its_locals(
    hero: HeroHealth, httpx_mock: HTTPXMock
) -> None:
    # An error raised while the caller handles its own chains to it (__context__): the
    # frames the SDK clears stop there.
    httpx_mock.add_response(url=PATIENT_URL, status_code=404, json={"message": ECHOING_MESSAGE})

    def callers_code() -> None:
        kept = "the caller's local"
        raise KeyError(kept)

    try:
        callers_code()
    except KeyError:
        with pytest.raises(NotFoundError) as caught:
            await hero.patients.get("1")

    handled = caught.value.__context__
    assert isinstance(handled, KeyError)
    frames = traceback.walk_tb(handled.__traceback__)
    assert [frame.f_locals for frame, _ in frames][-1] == {"kept": "the caller's local"}
    assert_shows_none(locals_shown(caught.value))


# ---------------------------------------------------------------------------------------
# URLs: allow-listed parameter values (path and query) whole, every other value masked
# ---------------------------------------------------------------------------------------


def test_ten_digit_id_and_epoch_seconds_are_shown_whole() -> None:
    url = httpx.URL(
        f"https://hero.test/v1/patients/{TEN_DIGIT_ID}"
        f"?page_index={EPOCH_SECONDS}&field=nhs_number&search={NHS_NUMBER}"
    )

    assert redact_url(url) == (
        f"https://hero.test/v1/patients/{TEN_DIGIT_ID}"
        f"?page_index={EPOCH_SECONDS}&field=nhs_number&search={MASK}"
    )


@pytest.mark.parametrize(
    ("path", "shown"),
    [
        # `id` is allow-listed: a Hero patient id, checked as digits only before sending.
        (f"/v1/patients/{TEN_DIGIT_ID}/merge", f"/v1/patients/{TEN_DIGIT_ID}/merge"),
        # A literal path that another operation's `{id}` also matches: shown as it is.
        ("/v1/patients/register_pds", "/v1/patients/register_pds"),
        # A base URL's own path comes before the operation's.
        (f"/api/v1/patients/{TEN_DIGIT_ID}", f"/api/v1/patients/{TEN_DIGIT_ID}"),
        # A path of no operation in openapi.yaml: nothing says what its segments hold.
        (f"/v1/people/{NHS_NUMBER}", f"/{MASK}"),
        (f"/v1/patients/{TEN_DIGIT_ID}/", f"/{MASK}"),
    ],
)
def test_a_path_shows_allow_listed_parameters_of_openapi_yaml_paths(path: str, shown: str) -> None:
    assert (
        redact_url(httpx.URL(f"https://hero.test:8443{path}")) == f"https://hero.test:8443{shown}"
    )


def test_a_path_parameter_is_hidden_until_allow_listed(monkeypatch: pytest.MonkeyPatch) -> None:
    url = httpx.URL(f"https://hero.test/v2/patients/{TEN_DIGIT_ID}")
    monkeypatch.setattr(_redact, "LOGGABLE_PARAMS", LOGGABLE_PARAMS - {"id"})

    assert redact_url(url) == f"https://hero.test/v2/patients/{MASK}"
    # A fixed path that `{id}` also matches is the fixed one's: nothing in it to hide.
    register = httpx.URL("https://hero.test/v1/patients/register_pds")
    assert redact_url(register) == "https://hero.test/v1/patients/register_pds"


def test_url_drops_user_info_and_fragment() -> None:
    url = httpx.URL("https://user:p4ssw0rd@hero.test/v1/patients#Ada")

    assert redact_url(url) == "https://hero.test/v1/patients"


async def test_ten_digit_patient_id_is_whole_in_errors_and_logs(
    hero: HeroHealth, httpx_mock: HTTPXMock, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG, logger="herohealth")
    httpx_mock.add_response(status_code=404, json={"message": "not found"})

    with pytest.raises(NotFoundError) as caught:
        await hero.patients.get(TEN_DIGIT_ID)

    assert f"/v1/patients/{TEN_DIGIT_ID}" in str(caught.value)
    (record,) = [r for r in caplog.records if r.name == "herohealth"]
    assert f"/v1/patients/{TEN_DIGIT_ID} -> 404" in record.getMessage()


async def test_unlisted_query_params_are_masked_in_logs_and_errors(
    hero: HeroHealth, httpx_mock: HTTPXMock, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    httpx_mock.add_response(status_code=404, json={"message": "not found"})

    with pytest.raises(NotFoundError) as caught:
        # `search`, and a parameter Hero might add tomorrow: neither is allow-listed.
        await hero.patients.list(
            field="nhs_number", search=NHS_NUMBER, extra_query={"birth_name": "Lovelace"}
        )

    (request,) = httpx_mock.get_requests()
    assert request.url.params["search"] == NHS_NUMBER  # sent as given
    shown = [str(caught.value), everything_logged(caplog)]
    for text in shown:
        assert f"search={MASK}" in text
        assert f"birth_name={MASK}" in text
        assert "field=nhs_number" in text
        assert_shows_none(text, (NHS_NUMBER, "Lovelace"))


def test_a_new_header_or_param_is_hidden_until_allow_listed(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    headers = httpx.Headers({"x-hero-trace": "t-42", "x-request-id": "req_1"})
    url = httpx.URL("https://hero.test/v1/patients?cursor=c-42")

    assert "t-42" not in repr(RedactedHeaders(headers))
    assert "req_1" in repr(RedactedHeaders(headers))
    assert redact_url(url).endswith(f"cursor={MASK}")

    # Listing a name is what shows its value: one place, a deliberate decision.
    monkeypatch.setattr(_redact, "LOGGABLE_HEADERS", LOGGABLE_HEADERS | {"x-hero-trace"})
    monkeypatch.setattr(_redact, "LOGGABLE_PARAMS", LOGGABLE_PARAMS | {"cursor"})
    assert "t-42" in repr(RedactedHeaders(headers))
    assert redact_url(url).endswith("cursor=c-42")


# ---------------------------------------------------------------------------------------
# Logs of every level, from herohealth, httpx and httpcore
# ---------------------------------------------------------------------------------------


async def test_nothing_secret_is_logged_at_debug(
    hero: HeroHealth, httpx_mock: HTTPXMock, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)  # every logger
    httpx_mock.add_response(json={"data": [], "count": 0})
    httpx_mock.add_response(url=PATIENT_URL, status_code=404, json={"message": ECHOING_MESSAGE})
    httpx_mock.add_response(url=PATIENT_URL, status_code=401, json={"message": API_KEY})
    httpx_mock.add_exception(httpx.ReadTimeout("timed out"), url=PATIENT_URL)

    await hero.patients.list(field="nhs_number", search=NHS_NUMBER)
    for _ in range(3):
        with pytest.raises((APIStatusError, APIConnectionError)):
            await hero.patients.get("1")

    assert {"herohealth", "httpx"} <= {r.name for r in caplog.records}
    logged = everything_logged(caplog)
    assert API_KEY not in logged
    assert_shows_none(logged)


def test_httpcore_header_lists_show_only_allow_listed_values(
    caplog: pytest.LogCaptureFixture,
) -> None:
    secret_client()  # a client installs the filters
    caplog.set_level(logging.DEBUG)
    headers = [
        (b"Content-Type", b"application/json"),
        (b"x-request-id", b"req_9434765919"),
        (b"x-api-key", API_KEY.encode()),
        (b"Set-Cookie", b"name='Ada Lovelace'"),
        (b"X-Hero-New", b'"SW1A 1AA"'),
    ]
    # As httpcore's Trace formats it: the message is built before it is logged.
    status_line_and_headers = (b"HTTP/1.1", 200, b"OK", headers)
    message = f"receive_response_headers.complete return_value={status_line_and_headers!r}"

    logging.getLogger("httpcore.http11").debug(message)

    (record,) = caplog.records
    logged = record.getMessage()
    assert "(b'Content-Type', b'application/json')" in logged
    assert "(b'x-request-id', b'req_9434765919')" in logged  # a request id is shown whole
    assert f"(b'x-api-key', b'{MASK}')" in logged
    assert API_KEY not in logged
    assert_shows_none(logged, ("Ada", "SW1A 1AA"))


def test_hpack_style_header_args_are_redacted(caplog: pytest.LogCaptureFixture) -> None:
    secret_client()
    caplog.set_level(logging.DEBUG)
    headers: list[tuple[Any, Any]] = [(":status", "200"), ("x-api-key", API_KEY)]

    logging.getLogger("hpack.hpack").debug("Decoded %s", headers)

    (record,) = caplog.records
    assert API_KEY not in record.getMessage()
    assert "(':status', '200')" in record.getMessage()


async def test_nothing_secret_is_logged_over_a_real_socket(
    caplog: pytest.LogCaptureFixture,
) -> None:
    fake = FakeHero(api_key=API_KEY)
    patient_id = fake.add_patient(
        first_name="Ada", last_name="Lovelace", dob="1989-04-11", nhs_number=NHS_NUMBER
    )
    caplog.set_level(logging.DEBUG)  # httpcore logs every step at DEBUG on a real socket
    async with (
        fake.serve() as base_url,
        HeroHealth(
            api_key=fake.api_key, practice_group_id=fake.practice_group_id, base_url=base_url
        ) as hero,
    ):
        fake.fail_next(503)  # a retry: the key is still sent (the fake checks it)
        found = await hero.patients.list(field="nhs_number", search=NHS_NUMBER)
        patient = await hero.patients.get(patient_id)
        with pytest.raises(NotFoundError):
            await hero.patients.get("999999")

    assert [p.id for p in found.data] == [patient_id]
    assert patient.nhs_number == NHS_NUMBER
    names = {r.name for r in caplog.records}
    assert {"herohealth", "httpx", "httpcore.http11", "httpcore.connection"} <= names
    assert any("receive_response_headers.complete" in r.getMessage() for r in caplog.records)
    logged = everything_logged(caplog)
    assert API_KEY not in logged
    assert_shows_none(logged, (NHS_NUMBER, "Lovelace"))
