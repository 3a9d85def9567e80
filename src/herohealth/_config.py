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

# Retries: 2 means up to 3 attempts. Backoff is "full jitter" exponential
# (a random wait up to 0.5 s, 1 s, 2 s, ... capped at 8 s), so many clients
# retrying together do not hit Hero in step.
DEFAULT_MAX_RETRIES: Final = 2
INITIAL_RETRY_DELAY: Final = 0.5
MAX_RETRY_DELAY: Final = 8.0
# A Retry-After longer than this is not waited out in full: the wait is capped.
MAX_RETRY_AFTER: Final = 60.0
RETRYABLE_STATUSES: Final = frozenset({408, 429})  # and every status >= 500

# Items per page where an operation accepts Hero's page_index/page_size parameters.
DEFAULT_PAGE_SIZE: Final = 100

# Response headers that may carry a request id for Hero's support, in order of preference.
REQUEST_ID_HEADERS: Final = ("x-request-id", "request-id", "x-amzn-requestid")

# Query parameters whose values are safe to log: enums and paging, never patient data.
LOGGABLE_QUERY_PARAMS: Final = frozenset(
    {
        "field",
        "data_source",
        "dataSource",
        "page_index",
        "page_size",
        "order_by",
        "order_descending",
    }
)
