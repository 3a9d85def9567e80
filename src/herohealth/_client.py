"""HeroHealth: the client users create, hold for the life of their service, and close."""

from __future__ import annotations

import os
from functools import cached_property
from types import TracebackType
from typing import TYPE_CHECKING, Any, Self

import httpx
from attrs import evolve

from herohealth import _validation as check
from herohealth._config import (
    API_KEY_ENV,
    DEFAULT_CONNECTION_LIMITS,
    DEFAULT_ENVIRONMENT,
    DEFAULT_MAX_RETRIES,
    DEFAULT_TIMEOUT,
    PRACTICE_GROUP_ID_ENV,
)
from herohealth._errors import InvalidInputError
from herohealth._generated import ENVIRONMENTS, Environment, Resources
from herohealth._redact import redact_httpx_logs_for
from herohealth._request import APIRequester, Settings
from herohealth.merge import TokenLedger

if TYPE_CHECKING:
    from herohealth.resources.patients import Patients

_UNCHANGED: Any = object()


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
    Hero in tests). `timeout` is seconds or an `httpx.Timeout`; `max_retries`
    is how many times a failed request may be retried. Pass `http_client` to
    use your own `httpx.AsyncClient` (it is used as is, and not closed by
    `aclose`).

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
        http_client: httpx.AsyncClient | None = None,
    ) -> None:
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
            base_url=base_url.rstrip("/"),
            timeout=_timeout(timeout),
            max_retries=check.max_retries(max_retries),
        )
        redact_httpx_logs_for(settings.base_url)
        owns_http = http_client is None
        if http_client is None:
            http_client = httpx.AsyncClient(
                timeout=DEFAULT_TIMEOUT, limits=DEFAULT_CONNECTION_LIMITS, follow_redirects=False
            )
        self._init(settings, http_client, TokenLedger(), owns_http=owns_http)

    def _init(
        self,
        settings: Settings,
        http: httpx.AsyncClient,
        merge_tokens: TokenLedger,
        *,
        owns_http: bool,
    ) -> None:
        self._settings = settings
        self._http = http
        self._owns_http = owns_http
        self._requester = APIRequester(http, settings)
        # Merge tokens this client received, and whether each is spent (see merge.py).
        self._merge_tokens = merge_tokens

    @cached_property
    def patients(self) -> Patients:
        """Patients: look up, register (directly or by PDS trace), merge, billing, EHR."""
        # The generated resource, extended by the handwritten merge and PDS workflows.
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
        api_key: str = _UNCHANGED,
        practice_group_id: str = _UNCHANGED,
        timeout: float | httpx.Timeout = _UNCHANGED,
        max_retries: int = _UNCHANGED,
    ) -> HeroHealth:
        """A copy with other settings that shares this client's connection pool.

        ```python
        other_group = hero.with_options(practice_group_id="pg_2")
        patient = await hero.with_options(timeout=5, max_retries=0).patients.get("1234")
        ```

        Closing the copy does not close the pool; closing the original does.
        """
        changes: dict[str, Any] = {}
        if api_key is not _UNCHANGED:
            changes["api_key"] = _setting(api_key, "api_key", API_KEY_ENV)
        if practice_group_id is not _UNCHANGED:
            changes["practice_group_id"] = _setting(
                practice_group_id, "practice_group_id", PRACTICE_GROUP_ID_ENV
            )
        if timeout is not _UNCHANGED:
            changes["timeout"] = _timeout(timeout)
        if max_retries is not _UNCHANGED:
            changes["max_retries"] = check.max_retries(max_retries)
        copy = object.__new__(HeroHealth)
        copy._init(
            evolve(self._settings, **changes), self._http, self._merge_tokens, owns_http=False
        )
        return copy

    async def aclose(self) -> None:
        """Close the connection pool, unless it was passed in as `http_client`."""
        if self._owns_http:
            await self._http.aclose()

    async def __aenter__(self) -> Self:
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
            f"HeroHealth(base_url={self.base_url!r}, "
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
    return value
