"""More of what a broken or hostile server can do, against the hostile loopback server.

Each test here failed before the fix it came with: a raw Python exception where a typed
`HeroError` was due, or memory far past `max_response_bytes`.
"""

from __future__ import annotations

import asyncio
import gzip
import json
import tracemalloc
import zlib
from collections.abc import Callable

import pytest

from herohealth import APIStatusError, InternalServerError, RateLimitError, ResponseTooLargeError
from tests.faults.test_hostile import BOUND, CAP, answer_with, get_patient, head, hostile
from tests.helpers import patient_json

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


@pytest.mark.parametrize("codings", ["gzip", "gzip, gzip"], ids=["gzip", "gzip-in-gzip"])
async def test_a_compressed_body_is_cut_off_at_the_cap_as_it_inflates(codings: str) -> None:
    # httpx inflates each network read whole: 64 KiB of gzip is 64 MiB, and gzip inside
    # gzip makes a few hundred bytes of body as large as the inner stream says.
    body = b"\0" * ZEROS
    for _ in codings.split(","):
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
