"""Async Python SDK for the Hero Health Public API.

Every model and enum of openapi.yaml is importable from here (`from herohealth import
Patient`); they are loaded on first use, so importing the SDK stays cheap.

```python
from herohealth import HeroHealth

async with HeroHealth() as hero:  # HERO_API_KEY, HERO_PRACTICE_GROUP_ID from the environment
    patient = await hero.patients.get("1234")
```
"""

from typing import TYPE_CHECKING

from herohealth._client import HeroHealth
from herohealth._config import DEFAULT_MAX_RETRIES, DEFAULT_TIMEOUT, NOT_GIVEN, NotGiven
from herohealth._errors import (
    APIConnectionError,
    APIStatusError,
    APITimeoutError,
    AuthenticationError,
    BadRequestError,
    ClientClosedError,
    ConflictError,
    EventLoopError,
    HeroError,
    InternalServerError,
    InvalidInputError,
    MergeTokenError,
    NotFoundError,
    PermissionDeniedError,
    RateLimitError,
    ResponseTooLargeError,
    ResponseValidationError,
    UnexpectedRedirectError,
    UnprocessableEntityError,
)
from herohealth._generated import UNSET, Environment, RequestOptions, Unset
from herohealth._response import RawResponse
from herohealth._version import __version__
from herohealth.merge import FieldChange, MergePreview
from herohealth.pagination import AsyncPaginator, Page, PaginationError

__all__ = [
    "DEFAULT_MAX_RETRIES",
    "DEFAULT_TIMEOUT",
    "NOT_GIVEN",
    "UNSET",
    "APIConnectionError",
    "APIStatusError",
    "APITimeoutError",
    "AsyncPaginator",
    "AuthenticationError",
    "BadRequestError",
    "ClientClosedError",
    "ConflictError",
    "Environment",
    "EventLoopError",
    "FieldChange",
    "HeroError",
    "HeroHealth",
    "InternalServerError",
    "InvalidInputError",
    "MergePreview",
    "MergeTokenError",
    "NotFoundError",
    "NotGiven",
    "Page",
    "PaginationError",
    "PermissionDeniedError",
    "RateLimitError",
    "RawResponse",
    "RequestOptions",
    "ResponseTooLargeError",
    "ResponseValidationError",
    "UnexpectedRedirectError",
    "UnprocessableEntityError",
    "Unset",
    "__version__",
]

if TYPE_CHECKING:
    from herohealth_openapi.models import *  # noqa: F403 - every generated model, by name
else:

    def __getattr__(name: str) -> object:
        # Models load on first use; an unknown name is an AttributeError, as usual.
        from herohealth._generated import models

        try:
            return getattr(models(), name)
        except AttributeError:
            raise AttributeError(f"module 'herohealth' has no attribute {name!r}") from None
