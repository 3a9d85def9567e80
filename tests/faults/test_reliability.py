"""More of what a broken or hostile server can do, against the hostile loopback server.

Each test here failed before the fix it came with (a raw Python exception where a typed
`HeroError` was due, memory far past `max_response_bytes`, a call past its deadline), but
the compressed answers that read, which guard the SDK's own inflating.
"""

from __future__ import annotations

import asyncio
import gzip
import json
import logging
import time
import tracemalloc
import zlib
from collections.abc import Callable

import h11
import httpcore
import httpx
import pytest

from herohealth import (
    APIStatusError,
    APITimeoutError,
    BadRequestError,
    ClientClosedError,
    HeroHealth,
    InternalServerError,
    InvalidInputError,
    RateLimitError,
    ResponseTooLargeError,
    ResponseValidationError,
    UnexpectedRedirectError,
)
from herohealth._request import _h11_state
from tests.faults.test_hostile import (
    BOUND,
    CAP,
    Answer,
    answer_with,
    client,
    get_patient,
    head,
    hostile,
    json_answer,
    register_ada,
)
from tests.helpers import NHS_NUMBER, patient_json

# 64 MiB of zeros: gzip makes 64 KiB of it, gzip again about 200 bytes.
ZEROS = 64 * 1024 * 1024


@pytest.mark.parametrize(
    ("status", "error"),
    [("429 Too Many Requests", RateLimitError), ("503 Service Unavailable", InternalServerError)],
)
async def test_a_retry_after_date_whose_year_overflows_is_ignored(
    status: str, error: type[APIStatusError]
) -> None:
    # parsedate_to_datetime raises OverflowError (not ValueError) for this year.
    retry_after = "Mon, 01 Jan 99999999999 00:00:00 GMT"
    data = head(status, Retry_After=retry_after, Content_Length=0)
    async with asyncio.timeout(BOUND), hostile(answer_with(data)) as server:
        with pytest.raises(error) as caught:
            await get_patient(server.url)

    assert caught.value.retry_after is None


@pytest.mark.parametrize(
    "codings",
    # httpx skips a coding it does not know and inflates the rest itself, each read whole.
    ["gzip", "gzip, gzip", "gzip, x-unknown, gzip"],
    ids=["gzip", "gzip-in-gzip", "gzip-beside-an-unknown-coding"],
)
async def test_a_compressed_body_is_cut_off_at_the_cap_as_it_inflates(codings: str) -> None:
    # httpx inflates each network read whole: 64 KiB of gzip is 64 MiB, and gzip inside
    # gzip makes a few hundred bytes of body as large as the inner stream says.
    body = b"\0" * ZEROS
    for _ in range(codings.count("gzip")):
        body = gzip.compress(body)
    data = head(Content_Encoding=codings, Content_Length=len(body)) + body
    async with asyncio.timeout(BOUND), hostile(answer_with(data)) as server:
        tracemalloc.start()
        try:
            with pytest.raises(ResponseTooLargeError):
                await get_patient(server.url)
            peak = tracemalloc.get_traced_memory()[1]
        finally:
            tracemalloc.stop()

    assert peak < 3 * CAP


@pytest.mark.parametrize("codings", ["br", "zstd", "gzip, br", "BR"])
async def test_a_body_in_a_coding_httpx_would_inflate_whole_is_refused(codings: str) -> None:
    # Where brotli or zstandard is installed, httpx inflates br and zstd a network read at
    # a time, whole: a few KiB could be gigabytes before the SDK counts a byte.
    data = head(Content_Encoding=codings, Content_Length=4) + b"\x1b\x00\x00\x00"
    async with asyncio.timeout(BOUND), hostile(answer_with(data)) as server:
        with pytest.raises(ResponseValidationError) as caught:
            await get_patient(server.url)

    coding = codings.rpartition(" ")[2].lower()
    assert f"body is in {coding}, a coding the SDK does not ask for" in str(caught.value)


@pytest.mark.parametrize(
    ("asked", "sent"),
    [
        ({}, b"gzip, deflate"),
        # httpx's own default where brotli and zstandard are installed.
        ({"http_client": {"accept-encoding": "gzip, deflate, br, zstd"}}, b"gzip, deflate"),
        ({"default_headers": {"Accept-Encoding": "gzip"}}, b"gzip"),
        ({"extra_headers": {"Accept-Encoding": "identity"}}, b"identity"),
    ],
    ids=["default", "http-client-asks-for-br", "default-headers", "extra-headers"],
)
async def test_only_codings_the_sdk_inflates_in_bounded_pieces_are_asked_for(
    asked: dict[str, dict[str, str]], sent: bytes
) -> None:
    body = json.dumps(patient_json(id="1234")).encode()
    async with (
        asyncio.timeout(BOUND),
        hostile(json_answer(body)) as server,
        httpx.AsyncClient(headers=asked.get("http_client")) as http,
        client(server.url, http_client=http, default_headers=asked.get("default_headers")) as hero,
    ):
        await hero.patients.get("1234", extra_headers=asked.get("extra_headers"))

    lines = server.heads[0].lower().split(b"\r\n")
    assert [line for line in lines if line.startswith(b"accept-encoding:")] == [
        b"accept-encoding: " + sent
    ]


def _raw_deflate(data: bytes) -> bytes:
    compressor = zlib.compressobj(wbits=-zlib.MAX_WBITS)
    return compressor.compress(data) + compressor.flush()


@pytest.mark.parametrize(
    ("codings", "encode"),
    [
        ("gzip", gzip.compress),
        ("deflate", zlib.compress),
        ("deflate", _raw_deflate),  # deflate sent without its zlib wrapper, as servers do
        ("gzip, identity, gzip", lambda data: gzip.compress(gzip.compress(data))),
    ],
    ids=["gzip", "deflate", "raw-deflate", "gzip-in-gzip"],
)
async def test_a_compressed_answer_reads_as_the_json_it_holds(
    codings: str, encode: Callable[[bytes], bytes]
) -> None:
    # Larger than one inflated piece, so the body is read in several.
    patient = patient_json(id="1234", notes="x" * 300_000)
    body = encode(json.dumps(patient).encode())
    data = head(Content_Encoding=codings, Content_Length=len(body)) + body
    async with asyncio.timeout(BOUND), hostile(answer_with(data)) as server:
        got = await get_patient(server.url)

    assert got.to_dict()["notes"] == patient["notes"]


async def test_a_body_in_gzip_a_thousand_times_over_is_refused() -> None:
    # Each layer takes a decompressor (and a level of nesting to undo it); urllib3 reads at
    # most 5 codings. Before, a raw RecursionError out of the inflating.
    body = b"{}"
    for _ in range(1000):
        body = gzip.compress(body)
    data = head(Content_Encoding=", ".join(["gzip"] * 1000), Content_Length=len(body)) + body
    async with asyncio.timeout(BOUND), hostile(answer_with(data)) as server:
        with pytest.raises(ResponseValidationError) as caught:
            await get_patient(server.url)

    assert "content codings" in str(caught.value)


@pytest.mark.parametrize("codings", [None, "gzip"])
async def test_an_answer_an_in_process_transport_read_already_is_read(codings: str | None) -> None:
    # httpx.MockTransport answers with responses read (and decoded) already.
    body = json.dumps(patient_json(id="1234")).encode()
    headers = {"content-type": "application/json"}
    if codings:
        body, headers["content-encoding"] = gzip.compress(body), codings

    def answer(request: httpx.Request) -> httpx.Response:
        return httpx.Response(200, content=body, headers=headers)

    async with httpx.AsyncClient(transport=httpx.MockTransport(answer)) as http:
        hero = HeroHealth(
            api_key="test-key", practice_group_id="pg-1", base_url="https://hero.test",
            http_client=http,
        )  # fmt: skip
        patient = await hero.patients.get("1234")

    assert patient.id == "1234"


def heard(answer: Answer) -> tuple[Answer, asyncio.Event]:
    """`answer`, and an event set as it is first called: a request's head has been read."""
    event = asyncio.Event()

    async def answering(writer: asyncio.StreamWriter) -> None:
        event.set()
        await answer(writer)

    return answering, event


async def test_a_call_whose_total_deadline_passes_while_it_waits_its_turn_ends_unsent(
    caplog: pytest.LogCaptureFixture,
) -> None:
    async def slow(writer: asyncio.StreamWriter) -> None:
        await asyncio.sleep(1.5)
        writer.write(head("400 Bad Request", Content_Length=2) + b"{}")
        await writer.drain()

    answer, answered = heard(slow)
    async with (
        asyncio.timeout(BOUND),
        hostile(answer) as server,
        client(server.url, timeout=5, max_in_flight=1) as hero,
    ):
        caplog.set_level(logging.DEBUG, logger="herohealth")
        holder = asyncio.create_task(hero.patients.get("1234"))  # the only place
        await answered.wait()
        started = time.monotonic()
        with pytest.raises(APITimeoutError) as caught:
            await register_ada(hero, total_timeout=0.3)
        elapsed = time.monotonic() - started
        with pytest.raises(BadRequestError):
            await holder

    assert elapsed < 1  # its deadline, not the call ahead of it (1.5 s)
    assert caught.value.may_have_been_processed is False  # it never left the queue
    assert "may have processed" not in str(caught.value)
    assert len(server.heads) == 1
    # The debug log names the wait as it names httpx's (PoolTimeout), not by a private class.
    outcomes = [getattr(record, "hero_outcome", None) for record in caplog.records]
    assert outcomes == ["QueueTimeout", 400]


BAD_HEADERS = [
    {"x-note": "Zoë"},  # httpx encodes a header as ASCII: a bare UnicodeEncodeError
    {"x-note": "one\r\nx-api-key: other"},
    {"x-note": " padded"},
    {"x-note": "a\x00b"},
    {"x note": "1"},
    {"x-note:": "1"},
]


@pytest.mark.parametrize("headers", BAD_HEADERS)
async def test_a_header_http_cannot_carry_is_refused_before_sending(
    headers: dict[str, str],
) -> None:
    # h11 refuses it as the request is written: it was reported as a connection error
    # after which "Hero may have processed" the registration, though nothing was sent.
    async with (
        asyncio.timeout(BOUND),
        hostile(answer_with(head(Content_Length=2) + b"{}")) as server,
    ):
        async with client(server.url) as hero:
            with pytest.raises(InvalidInputError) as caught:
                await register_ada(hero, extra_headers=headers)
        with pytest.raises(InvalidInputError) as at_construction:
            client(server.url, default_headers=headers)

    assert caught.value.field == "extra_headers"
    assert at_construction.value.field == "default_headers"
    assert server.heads == []


async def test_calls_waiting_their_turn_when_the_client_closes_raise_client_closed() -> None:
    # Shutting down with calls queued behind max_in_flight: each queued call then met
    # httpx's bare RuntimeError ("the client has been closed").
    async def slow(writer: asyncio.StreamWriter) -> None:
        await asyncio.sleep(0.5)
        writer.write(head("400 Bad Request", Content_Length=2) + b"{}")
        await writer.drain()

    answer, answered = heard(slow)
    async with asyncio.timeout(BOUND), hostile(answer) as server:
        hero = client(server.url, timeout=5, max_in_flight=1)
        calls = [asyncio.create_task(hero.patients.get("1234")) for _ in range(3)]
        await answered.wait()
        await hero.aclose()
        outcomes = await asyncio.gather(*calls, return_exceptions=True)

    assert [type(outcome) for outcome in outcomes[1:]] == [ClientClosedError] * 2
    assert len(server.heads) == 1


async def test_a_retry_after_the_client_closed_raises_client_closed() -> None:
    data = head("503 Service Unavailable", Retry_After="1", Content_Length=0)
    answer, answered = heard(answer_with(data))
    async with asyncio.timeout(BOUND), hostile(answer) as server:
        hero = client(server.url, timeout=5, max_retries=2)
        call = asyncio.create_task(hero.patients.get("1234"))
        await answered.wait()
        await asyncio.sleep(0.3)  # the first attempt answered, the retry waiting (1 s)
        await hero.aclose()
        with pytest.raises(ClientClosedError):
            await call

    assert len(server.heads) == 1


@pytest.mark.parametrize(
    "location",
    [
        "http://[::1/p",  # httpx: "Invalid port" as a RemoteProtocolError
        "http://999.1.1.1/p",  # "Invalid IPv4 address", the same
        "http://xn--zz/p",  # a bare idna.IDNAError
        "mailto:ada@example.test",  # a bare httpx.InvalidURL
    ],
)
async def test_a_redirect_to_a_location_httpx_cannot_parse_is_an_unexpected_redirect(
    location: str,
) -> None:
    # httpx builds a 3xx's next request even when not following it, and raised building
    # it: a raw exception, or a "connection error" that a get retried and a register
    # reported as "may have been processed"; Hero had answered with a redirect.
    data = head("302 Found", Location=f"{location}?nhs={NHS_NUMBER}", Content_Length=0)
    async with (
        asyncio.timeout(BOUND),
        hostile(answer_with(data)) as server,
        client(server.url, max_retries=2) as hero,
    ):
        with pytest.raises(UnexpectedRedirectError) as got:
            await hero.patients.get("1234")
        with pytest.raises(UnexpectedRedirectError) as registered:
            await register_ada(hero)

    assert len(server.heads) == 2  # neither retried
    for caught in (got, registered):
        assert caught.value.status_code == 302
        assert caught.value.location_host is None
        assert NHS_NUMBER not in str(caught.value)
        assert "may have processed" not in str(caught.value)


def in_turn(*answers: bytes) -> Answer:
    """Each request its own answer, in the order they come on any connection; the last
    answer for every request after."""
    served = 0

    async def answer(writer: asyncio.StreamWriter) -> None:
        nonlocal served
        writer.write(answers[min(served, len(answers) - 1)])
        served += 1
        await writer.drain()

    return answer


@pytest.mark.parametrize(
    ("status", "framing", "error"),
    [
        ("204 No Content", "Content-Length", ResponseValidationError),
        ("304 Not Modified", "Content-Length", UnexpectedRedirectError),
        ("204 No Content", "Transfer-Encoding", ResponseValidationError),
    ],
)
async def test_a_body_on_a_bodyless_answer_is_not_read_as_the_next_calls_answer(
    status: str, framing: str, error: type[Exception]
) -> None:
    # HTTP gives a 204 or 304 no body, whatever its headers say, so h11 reads none: the
    # bytes sent as one stayed in the pooled connection, and the next call returned them
    # (here another patient) as its answer, to a request the server never read.
    other = json.dumps(patient_json(id="1234", first_name="Other")).encode()
    smuggled = head(keep_alive=True, Content_Length=len(other)) + other
    mine = json.dumps(patient_json(id="1234", first_name="Ada")).encode()
    length = len(smuggled) if framing == "Content-Length" else "chunked"
    answer = in_turn(
        head(status, keep_alive=True, **{framing.replace("-", "_"): length}) + smuggled,
        head(keep_alive=True, Content_Length=len(mine)) + mine,
    )

    async with (
        asyncio.timeout(BOUND),
        hostile(answer, keep_alive=True) as server,
        client(server.url) as hero,
    ):
        with pytest.raises(error):
            await hero.patients.get("1234")
        patient = await hero.patients.get("1234")

    assert patient.first_name == "Ada"
    assert len(server.heads) == 2
    assert server.connections == 2


def _framed(body: bytes, framing: str) -> bytes:
    """A keep-alive 200 carrying `body`, framed by its Content-Length or chunked."""
    if framing == "Content-Length":
        return head(keep_alive=True, Content_Length=len(body)) + body
    chunks = b"%x\r\n%s\r\n" % (len(body), body) + b"0\r\n\r\n"
    return head(keep_alive=True, Transfer_Encoding="chunked") + chunks


def _patient_body(first_name: str) -> bytes:
    return json.dumps(patient_json(id="1234", first_name=first_name)).encode()


@pytest.mark.parametrize("framing", ["Content-Length", "chunked"])
async def test_bytes_after_a_complete_answer_are_not_read_as_the_next_calls_answer(
    framing: str,
) -> None:
    # A whole answer, well framed, and in the same write a second one nobody asked for
    # (another patient). h11 holds those bytes in its buffer, so the socket is not
    # readable and httpcore's pool took the connection for idle and clean: the next call
    # on it returned them as its answer, to a request the server had not yet read.
    answer = in_turn(
        _framed(_patient_body("Ada"), framing) + _framed(_patient_body("Other"), framing),
        _framed(_patient_body("Grace"), framing),
    )

    async with (
        asyncio.timeout(BOUND),
        hostile(answer, keep_alive=True) as server,
        client(server.url) as hero,
    ):
        # The answer itself was complete and framed: the call that got it succeeds.
        first = await hero.patients.get("1234")
        second = await hero.patients.get("1234")

    assert (first.first_name, second.first_name) == ("Ada", "Grace")
    assert len(server.heads) == 2
    assert server.connections == 2  # the first connection was not used again


@pytest.mark.parametrize("first", ["complete", "204"])
async def test_bytes_after_an_answer_are_not_read_by_a_call_queued_for_its_connection(
    first: str,
) -> None:
    # A pool of one connection (an `http_client` of the user's): the second call waits in
    # httpcore's pool, which hands it the connection as the first call's answer closes,
    # before the SDK had looked at it. Closing the socket then was too late: h11 still held
    # the bytes, and the queued call read them as its answer.
    other = _framed(_patient_body("Other"), "Content-Length")
    if first == "complete":
        answered = _framed(_patient_body("Ada"), "Content-Length") + other
    else:
        answered = head("204 No Content", keep_alive=True, Content_Length=len(other)) + other
    answer = in_turn(answered, _framed(_patient_body("Grace"), "Content-Length"))

    async with (
        asyncio.timeout(BOUND),
        hostile(answer, keep_alive=True) as server,
        httpx.AsyncClient(limits=httpx.Limits(max_connections=1)) as http,
        client(server.url, http_client=http) as hero,
    ):
        outcomes = await asyncio.gather(
            hero.patients.get("1234"), hero.patients.get("1234"), return_exceptions=True
        )

    if first == "complete":
        assert getattr(outcomes[0], "first_name", None) == "Ada"
    else:
        assert isinstance(outcomes[0], ResponseValidationError)
    assert getattr(outcomes[1], "first_name", None) == "Grace"
    assert len(server.heads) == 2
    assert server.connections == 2


async def test_httpcore_still_hands_the_sdk_h11s_buffer() -> None:
    # The two tests above rest on `_h11_state`, which reaches h11 through private attributes
    # of httpx and httpcore, each looked up with a default: if an upgrade moves one, the
    # check turns itself off and the SDK still works, so this says it, by name. Fix the
    # chain in `_h11_state` (or find what the new version offers) before upgrading.
    body = _patient_body("Ada")
    async with (
        asyncio.timeout(BOUND),
        hostile(answer_with(_framed(body, "Content-Length") + b"extra"), keep_alive=True) as server,
        httpx.AsyncClient() as http,
        http.stream("GET", server.url) as response,
    ):
        state = _h11_state(response)
        assert isinstance(state, h11.Connection), (
            f"httpx {httpx.__version__} / httpcore {httpcore.__version__} moved the attributes "
            "_request._h11_state follows: the SDK no longer sees bytes past an answer"
        )
        assert await response.aread() == body
        assert state.trailing_data == (b"extra", False)
