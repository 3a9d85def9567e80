"""Async Python SDK for the Hero Health Public API.

Every model and enum of openapi.yaml is importable from here (`from herohealth import
Patient`). They, and the names below whose modules need attrs or the models' types
(pages, merge previews, raw responses, `UNSET`, `RequestOptions`...), are loaded on first
use, so importing the SDK costs little more than importing httpx.

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
from herohealth._generated import Environment
from herohealth._validation import NULL, Null
from herohealth._version import __version__

__all__ = [
    "DEFAULT_MAX_RETRIES",
    "DEFAULT_TIMEOUT",
    "NOT_GIVEN",
    "NULL",
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
    "Null",
    "Page",
    "PagedRequestOptions",
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

# Public names loaded on first use, by the module that defines them.
_LAZY = {
    **dict.fromkeys(("AsyncPaginator", "Page", "PaginationError"), "herohealth.pagination"),
    **dict.fromkeys(("FieldChange", "MergePreview"), "herohealth.merge"),
    **dict.fromkeys(
        ("PagedRequestOptions", "RequestOptions", "UNSET", "Unset"), "herohealth._generated"
    ),
    "RawResponse": "herohealth._response",
}

if TYPE_CHECKING:
    import herohealth_openapi.models as _models
    from herohealth_openapi.models import *  # noqa: F403 - every generated model, by name

    # Public to type checkers that read `__all__` as the whole interface (pyright, Pylance):
    # without it, `from herohealth import Patient` is a private import there. The
    # `import ... as` form: pyright does not follow `from herohealth_openapi import models`
    # here, the package's own `__all__` not naming the submodule.
    __all__ += _models.__all__

    from herohealth._generated import UNSET, PagedRequestOptions, RequestOptions, Unset
    from herohealth._response import RawResponse
    from herohealth.merge import FieldChange, MergePreview
    from herohealth.pagination import AsyncPaginator, Page, PaginationError
else:

    def __getattr__(name: str) -> object:
        # An unknown name is an AttributeError, as usual.
        import importlib

        from herohealth._generated import models

        module = importlib.import_module(_LAZY[name]) if name in _LAZY else models()
        try:
            value = getattr(module, name)
        except AttributeError:
            raise AttributeError(f"module 'herohealth' has no attribute {name!r}") from None
        globals()[name] = value  # found directly from now on
        return value

    def __dir__() -> list[str]:
        return sorted({*globals(), *__all__})
