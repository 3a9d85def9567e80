"""Defaults, in one place. Everything a user can override starts here."""

from __future__ import annotations

import logging
from typing import Final, Literal

import httpx


class NotGiven:
    """The default of a setting left out, as in `with_options(timeout=NOT_GIVEN)`.

    Unlike None, it cannot be a value a user means; it shows as NOT_GIVEN in `help()`.
    """

    def __bool__(self) -> Literal[False]:
        return False

    def __repr__(self) -> str:
        return "NOT_GIVEN"


NOT_GIVEN: Final = NotGiven()

# Hero's servers are openapi.yaml's (`herohealth._generated.ENVIRONMENTS`, named in sdk.yaml).
DEFAULT_ENVIRONMENT: Final = "production"

API_KEY_ENV: Final = "HERO_API_KEY"
PRACTICE_GROUP_ID_ENV: Final = "HERO_PRACTICE_GROUP_ID"
# Used when `base_url=` is not given, before `environment=`.
BASE_URL_ENV: Final = "HERO_BASE_URL"
# "info" or "debug": a stderr handler on the "herohealth" logger, added by the first client.
LOG_ENV: Final = "HERO_LOG"
LOG_LEVELS: Final = {"info": logging.INFO, "debug": logging.DEBUG}

# 30 s for a whole request, but give up on an unreachable host after 5 s.
DEFAULT_TIMEOUT: Final = httpx.Timeout(30.0, connect=5.0)
DEFAULT_CONNECTION_LIMITS: Final = httpx.Limits(max_connections=100, max_keepalive_connections=20)
# Requests in flight at once on one client (its copies share the bound): the rest wait in an
# asyncio.Semaphore, cheaply, rather than in httpcore's pool, which slows down with thousands
# of waiters. Measured against a loopback server in another process: throughput at 10,000
# concurrent calls 0.97x of 500 with 50 (0.89x with 100; 0.69x at 5,000 with no bound).
DEFAULT_MAX_IN_FLIGHT: Final = 50
# The timeout bounds each attempt as a whole, from connect to the last body byte (the
# longest of its phases), not only the gaps between bytes: a server dripping a byte a
# second cannot keep a call alive. A total deadline over all attempts and their retry
# waits is off unless `total_timeout=` is given.
DEFAULT_TOTAL_TIMEOUT: Final = None

# A response body larger than this (after decompression) is not read to the end: the
# call raises ResponseTooLargeError and the connection is closed. Hero's pages are far
# smaller; the cap keeps a broken or hostile server from filling memory.
DEFAULT_MAX_RESPONSE_BYTES: Final = 50 * 1024 * 1024

# Plain http:// is refused unless the host is this machine (a fake Hero in tests), or
# the client is created with allow_insecure_http=True: the API key would travel in clear.
LOOPBACK_HOSTS: Final = frozenset({"localhost"})

# Retries: 2 means up to 3 attempts. Backoff is "full jitter" exponential
# (a random wait up to 0.5 s, 1 s, 2 s, ... capped at 8 s), so many clients
# retrying together do not hit Hero in step.
DEFAULT_MAX_RETRIES: Final = 2
# More retries than this is a mistake (a loop, or seconds taken for attempts): refused.
MAX_RETRIES: Final = 10
INITIAL_RETRY_DELAY: Final = 0.5
MAX_RETRY_DELAY: Final = 8.0
# A Retry-After longer than this is not waited out in full: the wait is capped.
MAX_RETRY_AFTER: Final = 60.0
RETRYABLE_STATUSES: Final = frozenset({408, 429})  # and every status >= 500

# Items per page where an operation accepts Hero's page_index/page_size parameters.
DEFAULT_PAGE_SIZE: Final = 100

# Response headers that may carry a request id for Hero's support, in order of preference.
REQUEST_ID_HEADERS: Final = ("x-request-id", "request-id", "x-amzn-requestid")

# What logs and error messages may show (herohealth._redact), by allow-list as azure-core's
# HttpLoggingPolicy does: a value is shown only when its name is listed here; every other
# value is written "***" (`_redact.MASK`). A parameter or header Hero adds later is hidden
# until someone decides it is safe and lists it. Names are always shown; values are not.
#
# Parameters (path and query, by their names in openapi.yaml) whose values hold no patient
# data: the record `id` in Patients paths (sdk.yaml has the SDK check it is a Hero patient
# id, digits only: opaque, and what makes a log line or an error actionable), enums (which
# field a search is on, where the records come from), ordering and paging. `search` is
# never listed: it holds the NHS number, name or email being looked for.
LOGGABLE_PARAMS: Final = frozenset(
    {
        "id",
        "field",
        "data_source",
        "dataSource",
        "page_index",
        "page_size",
        "order_by",
        "order_descending",
    }
)
# Headers (request or response, lower case) whose values hold no secret and no patient
# data: request ids (for Hero's support), content negotiation and framing, Retry-After.
# x-practice-group-id is listed: it names the practice group (a tenant, not a person), is
# not a credential, and `repr(hero)` shows it already; support needs it next to the
# request id. x-api-key is never listed, nor authorization, cookie, set-cookie, location
# (a redirect's URL may carry patient data in its query), nor HTTP/2's :path (the query).
LOGGABLE_HEADERS: Final = frozenset(
    {
        *REQUEST_ID_HEADERS,
        ":status",
        ":method",
        ":scheme",
        ":authority",
        "x-practice-group-id",
        "accept",
        "accept-encoding",
        "content-type",
        "content-length",
        "content-encoding",
        "transfer-encoding",
        "connection",
        "date",
        "retry-after",
        "user-agent",
    }
)
