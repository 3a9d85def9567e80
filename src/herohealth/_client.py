"""HeroHealth: the client users create, hold for the life of their service, and close.

`import herohealth` loads this module with httpx and the resource index only: the request
loop (`_request`: asyncio, attrs) loads with the first client, the resources with
their first use, the models and jsonschema with the first call that needs them.
"""

from __future__ import annotations

import functools
import logging
import os
import warnings
from collections.abc import Mapping
from functools import cached_property
from types import TracebackType
from typing import TYPE_CHECKING, Any, Self

import httpx

from herohealth import _validation as check
from herohealth._config import (
    API_KEY_ENV,
    BASE_URL_ENV,
    DEFAULT_CONNECTION_LIMITS,
    DEFAULT_ENVIRONMENT,
    DEFAULT_MAX_IN_FLIGHT,
    DEFAULT_MAX_RESPONSE_BYTES,
    DEFAULT_MAX_RETRIES,
    DEFAULT_TIMEOUT,
    DEFAULT_TOTAL_TIMEOUT,
    LOG_ENV,
    LOG_LEVELS,
    LOOPBACK_HOSTS,
    NOT_GIVEN,
    PRACTICE_GROUP_ID_ENV,
    NotGiven,
)
from herohealth._errors import ClientClosedError, InvalidInputError
from herohealth._generated import ENVIRONMENTS, Environment, Resources
from herohealth._redact import redact_base_url, redact_httpx_logs_for

if TYPE_CHECKING:
    from herohealth._request import Settings
    from herohealth.merge import TokenLedger
    from herohealth.resources.patients import Patients


class HeroHealth(Resources):
    """An async client for the Hero Health Public API.

    Create one per service and reuse it: it holds a connection pool.

    ```python
    async with HeroHealth(api_key="...", practice_group_id="...") as hero:
        patient = await hero.patients.get("1234")
        print(patient.first_name, patient.dob)
    ```

    `api_key` and `practice_group_id` default to the environment variables
    HERO_API_KEY and HERO_PRACTICE_GROUP_ID. `environment` picks Hero's server
    ("production", "staging" or "mock"); `base_url` overrides it (e.g. a fake
    Hero in tests), and so does HERO_BASE_URL when `base_url` is not given.
    `timeout` is seconds or an `httpx.Timeout`, and bounds each attempt as a whole,
    from connect to the last body byte (an `httpx.Timeout`'s longest phase; its
    per-phase limits apply too); `max_retries` is how many times a failed request
    may be retried. `total_timeout` (seconds, default None: no bound) bounds a call
    with all its attempts and retry waits: a retry whose wait would end past it is
    not attempted, and the last error is raised at once. A response body over
    `max_response_bytes` (default 50 MiB) raises `ResponseTooLargeError`. At most
    `max_in_flight` requests (default 50) are in flight at once on this client and its
    `with_options` copies; more calls wait their turn cheaply, before their deadline starts.
    `api_key` and `practice_group_id` must be printable ASCII without whitespace.
    `base_url` must be https:// unless its host is this machine (localhost,
    127.0.0.0/8, ::1); `allow_insecure_http=True` lifts that rule, e.g. for a test
    server on another host. Redirects are never followed: a 3xx raises
    `UnexpectedRedirectError`. `default_headers` and `default_query` go
    with every request (a call's `extra_headers`/`extra_query` win over them;
    the auth headers cannot be set this way). Pass `http_client` to use your own
    `httpx.AsyncClient` (it is used as is, and not closed by `aclose`).
    HERO_LOG=info|debug logs the SDK's lines to stderr (set up by the first client).

    Every tag of openapi.yaml is a resource (`hero.patients`, ...), generated with a
    method per operation; see sdk.yaml for their names.
    """

    def __init__(
        self,
        *,
        api_key: str | None = None,
        practice_group_id: str | None = None,
        environment: Environment = DEFAULT_ENVIRONMENT,
        base_url: str | None = None,
        timeout: float | httpx.Timeout = DEFAULT_TIMEOUT,
        max_retries: int = DEFAULT_MAX_RETRIES,
        default_headers: Mapping[str, str] | None = None,
        default_query: Mapping[str, object] | None = None,
        http_client: httpx.AsyncClient | None = None,
        total_timeout: float | None = DEFAULT_TOTAL_TIMEOUT,
        max_response_bytes: int = DEFAULT_MAX_RESPONSE_BYTES,
        allow_insecure_http: bool = False,
        max_in_flight: int = DEFAULT_MAX_IN_FLIGHT,
    ) -> None:
        # With the first client, not with `import herohealth` (see the module docstring).
        import asyncio

        from herohealth._request import Settings
        from herohealth.merge import TokenLedger

        _log_from_environment()
        if base_url is None:
            base_url = os.environ.get(BASE_URL_ENV) or None
        if base_url is None:
            if environment not in ENVIRONMENTS:
                choices = ", ".join(map(repr, ENVIRONMENTS))
                raise InvalidInputError("environment", f"must be one of {choices}")
            base_url = ENVIRONMENTS[environment]
        settings = Settings(
            api_key=_setting(api_key, "api_key", API_KEY_ENV),
            practice_group_id=_setting(
                practice_group_id, "practice_group_id", PRACTICE_GROUP_ID_ENV
            ),
            base_url=_base_url(base_url, allow_insecure_http=allow_insecure_http),
            timeout=_timeout(timeout),
            max_retries=check.max_retries(max_retries),
            default_headers=check.header_option(default_headers, "default_headers"),
            default_query=check.mapping_option(default_query, "default_query"),
            total_timeout=check.total_timeout(total_timeout),
            max_response_bytes=check.whole_number(max_response_bytes, "max_response_bytes", 1),
            in_flight=asyncio.Semaphore(check.whole_number(max_in_flight, "max_in_flight", 1)),
        )
        redact_httpx_logs_for(settings.base_url)
        owns_http = http_client is None
        if http_client is None:
            http_client = httpx.AsyncClient(
                timeout=DEFAULT_TIMEOUT, limits=DEFAULT_CONNECTION_LIMITS, follow_redirects=False
            )
        self._init(settings, http_client, TokenLedger(), owns_http=owns_http, original=True)

    def _init(
        self,
        settings: Settings,
        http: httpx.AsyncClient,
        merge_tokens: TokenLedger,
        *,
        owns_http: bool,
        original: bool,
    ) -> None:
        from herohealth._request import APIRequester

        self._settings = settings
        self._http = http
        self._owns_http = owns_http
        self._original = original  # not a with_options copy: closing it closes the copies
        self._requester = APIRequester(http, settings)
        # Merge tokens this client received, and whether each is spent (see merge.py).
        self._merge_tokens = merge_tokens

    @cached_property
    def patients(self) -> Patients:
        """Patients: look up, register (directly or by PDS trace), merge, billing, EHR."""
        # The generated resource, extended by the handwritten merge workflow.
        from herohealth.resources.patients import Patients

        return Patients(self._requester, self._merge_tokens)

    @property
    def base_url(self) -> str:
        return self._settings.base_url

    @property
    def practice_group_id(self) -> str:
        return self._settings.practice_group_id

    @property
    def timeout(self) -> httpx.Timeout:
        return self._settings.timeout

    @property
    def max_retries(self) -> int:
        return self._settings.max_retries

    def with_options(
        self,
        *,
        api_key: str | NotGiven = NOT_GIVEN,
        practice_group_id: str | NotGiven = NOT_GIVEN,
        timeout: float | httpx.Timeout | NotGiven = NOT_GIVEN,
        max_retries: int | NotGiven = NOT_GIVEN,
        default_headers: Mapping[str, str] | NotGiven = NOT_GIVEN,
        default_query: Mapping[str, object] | NotGiven = NOT_GIVEN,
        total_timeout: float | NotGiven | None = NOT_GIVEN,
        max_response_bytes: int | NotGiven = NOT_GIVEN,
    ) -> HeroHealth:
        """A copy with other settings that shares this client's connection pool.

        ```python
        other_group = hero.with_options(practice_group_id="pg_2")
        patient = await hero.with_options(timeout=5, max_retries=0).patients.get("1234")
        ```

        `default_headers` and `default_query` are added to this client's (a name given
        again replaces its value). One call takes `timeout`, `max_retries` and
        `total_timeout` itself: `await hero.patients.get("1234", total_timeout=10)`. Closing the
        copy does not close the pool; closing the original does.
        """
        from attrs import evolve

        settings = self._settings
        changes: dict[str, Any] = {}
        if not isinstance(api_key, NotGiven):
            changes["api_key"] = _setting(api_key, "api_key", API_KEY_ENV)
        if not isinstance(practice_group_id, NotGiven):
            changes["practice_group_id"] = _setting(
                practice_group_id, "practice_group_id", PRACTICE_GROUP_ID_ENV
            )
        if not isinstance(timeout, NotGiven):
            changes["timeout"] = _timeout(timeout)
        if not isinstance(max_retries, NotGiven):
            changes["max_retries"] = check.max_retries(max_retries)
        if not isinstance(default_headers, NotGiven):
            headers = httpx.Headers(settings.default_headers)
            headers.update(check.header_option(default_headers, "default_headers"))
            changes["default_headers"] = dict(headers.items())
        if not isinstance(default_query, NotGiven):
            added = check.mapping_option(default_query, "default_query")
            changes["default_query"] = {**settings.default_query, **added}
        if not isinstance(total_timeout, NotGiven):
            changes["total_timeout"] = check.total_timeout(total_timeout)
        if not isinstance(max_response_bytes, NotGiven):
            changes["max_response_bytes"] = check.whole_number(
                max_response_bytes, "max_response_bytes", 1
            )
        copy = object.__new__(HeroHealth)
        copy._init(
            evolve(settings, **changes),
            self._http,
            self._merge_tokens,
            owns_http=False,
            original=False,
        )
        return copy

    async def aclose(self) -> None:
        """Close the client and its connection pool, unless the pool was passed in as
        `http_client` (that stays open, yours to close).

        Closing twice is harmless. A closed client, and every `with_options` copy of it,
        raises `ClientClosedError` when used; closing a copy closes nothing.
        """
        if self._original:
            self._settings.lifecycle.closed = True
        if self._owns_http and not self._http.is_closed:
            await self._http.aclose()

    async def __aenter__(self) -> Self:
        if self._settings.lifecycle.closed or self._http.is_closed:
            raise ClientClosedError
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        await self.aclose()

    def __repr__(self) -> str:
        return (
            f"HeroHealth(base_url={redact_base_url(self.base_url)!r}, "
            f"practice_group_id={self.practice_group_id!r}, api_key='***')"
        )


def _timeout(value: object) -> httpx.Timeout:
    checked = check.timeout(value)
    return checked if isinstance(checked, httpx.Timeout) else httpx.Timeout(checked)


def _setting(value: str | None, name: str, env: str) -> str:
    """An explicit value, else the environment variable; a clear error when neither is set."""
    if value is None:
        value = os.environ.get(env)
    if value is None:
        raise InvalidInputError(name, f"is required: pass {name}=... or set {env}")
    if not isinstance(value, str):
        raise InvalidInputError(name, f"must be a string, not {type(value).__name__}")
    if not value.strip():
        raise InvalidInputError(name, f"is required: pass {name}=... or set {env}")
    # A header value: a space, CR/LF or non-ASCII character would be refused by httpx
    # with the value in its message, or split the header. The value is never echoed.
    if not all("!" <= char <= "~" for char in value):
        raise InvalidInputError(name, "must be printable ASCII with no whitespace")
    return value


def _base_url(value: str, *, allow_insecure_http: bool) -> str:
    """https://, or http:// to this machine; any http:// with `allow_insecure_http`."""
    try:
        url = httpx.URL(value)
    except (httpx.InvalidURL, TypeError):
        raise InvalidInputError("base_url", "is not a valid URL") from None
    if url.scheme not in ("http", "https") or not url.host:
        raise InvalidInputError("base_url", "must be an https:// URL")
    if url.scheme == "http" and not allow_insecure_http and not _is_loopback(url.host):
        raise InvalidInputError(
            "base_url",
            "must be https:// (the API key would travel in clear); http:// is allowed to "
            "localhost, or anywhere with allow_insecure_http=True",
        )
    return value.rstrip("/")


def _is_loopback(host: str) -> bool:
    import ipaddress  # only for a plain http:// base URL

    if host.lower() in LOOPBACK_HOSTS:
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


@functools.cache
def _log_from_environment() -> None:
    """HERO_LOG=info|debug: the "herohealth" logger to stderr, once per process."""
    value = os.environ.get(LOG_ENV)
    if not value:
        return
    level = LOG_LEVELS.get(value.strip().lower())
    if level is None:
        choices = " or ".join(LOG_LEVELS)
        warnings.warn(f"{LOG_ENV}={value!r} is ignored: use {choices}", stacklevel=3)
        return
    handler = logging.StreamHandler()
    handler.setFormatter(logging.Formatter("%(asctime)s %(name)s %(levelname)s %(message)s"))
    logger = logging.getLogger("herohealth")
    logger.addHandler(handler)
    logger.setLevel(level)
