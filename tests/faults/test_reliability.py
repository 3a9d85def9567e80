"""More of what a broken or hostile server can do, against the hostile loopback server.

Each test here failed before the fix it came with: a raw Python exception where a typed
`HeroError` was due, or memory far past `max_response_bytes`.
"""

from __future__ import annotations

import asyncio

import pytest

from herohealth import APIStatusError, InternalServerError, RateLimitError
from tests.faults.test_hostile import BOUND, answer_with, get_patient, head, hostile


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
