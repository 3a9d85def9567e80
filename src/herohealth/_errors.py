"""Every error the SDK raises.

    HeroError                      base of everything below
    ├── InvalidInputError          bad argument, caught before any request (also a ValueError)
    ├── APIConnectionError         Hero could not be reached, or the connection broke
    │   └── APITimeoutError        ... because a timeout expired
    ├── APIStatusError             Hero answered 4xx or 5xx
    │   ├── BadRequestError             400
    │   ├── AuthenticationError         401
    │   ├── PermissionDeniedError       403
    │   ├── NotFoundError               404
    │   ├── ConflictError               409
    │   ├── UnprocessableEntityError    422
    │   ├── RateLimitError              429
    │   ├── InternalServerError         >= 500
    │   └── MergeTokenError             Hero rejected a merge token (4xx): preview again
    └── ResponseValidationError    Hero answered 2xx with a body the SDK cannot read

No message or repr contains the API key; patient data (NHS numbers, emails) is masked.
"""

from __future__ import annotations

from typing import Any

import httpx

from herohealth._config import REQUEST_ID_HEADERS
from herohealth._redact import mask_pii, redact_url

__all__ = [
    "APIConnectionError",
    "APIStatusError",
    "APITimeoutError",
    "AuthenticationError",
    "BadRequestError",
    "ConflictError",
    "HeroError",
    "InternalServerError",
    "InvalidInputError",
    "MergeTokenError",
    "NotFoundError",
    "PermissionDeniedError",
    "RateLimitError",
    "ResponseValidationError",
    "UnprocessableEntityError",
]


class HeroError(Exception):
    """Base class of every error raised by the SDK."""


class InvalidInputError(HeroError, ValueError):
    """An argument is invalid; nothing was sent to Hero.

    `field` names the argument (as the API names it, e.g. `nhs_number`).
    """

    def __init__(self, field: str, problem: str) -> None:
        super().__init__(f"{field}: {problem}")
        self.field = field
        self.problem = problem


class APIConnectionError(HeroError):
    """The request did not get a complete answer from Hero.

    `may_have_been_processed` is False only when the SDK knows the request never
    reached Hero (the connection could not be opened); otherwise Hero may have
    acted on it.
    """

    def __init__(
        self, request: httpx.Request, *, may_have_been_processed: bool, message: str | None = None
    ) -> None:
        what = message or "Connection error"
        super().__init__(f"{what}: {request.method} {redact_url(request.url)}")
        self.request = request
        self.may_have_been_processed = may_have_been_processed


class APITimeoutError(APIConnectionError):
    """A timeout expired before Hero answered."""

    def __init__(
        self, request: httpx.Request, *, may_have_been_processed: bool, message: str | None = None
    ) -> None:
        super().__init__(
            request,
            may_have_been_processed=may_have_been_processed,
            message=message or "Request timed out",
        )


class APIStatusError(HeroError):
    """Hero answered with a 4xx or 5xx status.

    Attributes: `status_code`, `body` (the parsed JSON body, or None), `response`
    and `request` (httpx objects), `request_id` (Hero's request id header, if sent).
    """

    status_code: int

    def __init__(self, response: httpx.Response, body: Any) -> None:
        self.response = response
        self.request = response.request
        self.status_code = response.status_code
        self.body = body
        self.request_id = next(
            (response.headers[h] for h in REQUEST_ID_HEADERS if h in response.headers), None
        )
        request = response.request
        message = f"{response.status_code} {response.reason_phrase}: {request.method} "
        message += redact_url(request.url)
        detail = _error_detail(body)
        if detail:
            # Hero's message may quote patient data, or even the key it rejected.
            api_key = request.headers.get("x-api-key")
            if api_key:
                detail = detail.replace(api_key, "***")
            message += f": {mask_pii(detail)}"
        if self.request_id:
            message += f" (request id {self.request_id})"
        super().__init__(message)


class BadRequestError(APIStatusError):
    status_code = 400


class AuthenticationError(APIStatusError):
    status_code = 401


class PermissionDeniedError(APIStatusError):
    status_code = 403


class NotFoundError(APIStatusError):
    status_code = 404


class ConflictError(APIStatusError):
    status_code = 409


class UnprocessableEntityError(APIStatusError):
    status_code = 422


class RateLimitError(APIStatusError):
    status_code = 429


class InternalServerError(APIStatusError):
    pass


class MergeTokenError(APIStatusError):
    """Hero refused a merge token (a 400, 409, 410 or 422 answer to a merge).

    The token is expired, already used, or one of the patients changed since the
    preview. Nothing was merged: preview the merge again and confirm the new changes.
    """

    def __init__(self, response: httpx.Response, body: Any) -> None:
        super().__init__(response, body)
        self.args = (f"{self.args[0]}. Hero refused the merge token: preview the merge again",)


class ResponseValidationError(HeroError):
    """Hero answered 2xx, but the body does not match the API description.

    `field` names the field that could not be read, where known (None when the
    body is not JSON at all). The raw body is on `response`; it is not repeated
    in the message because it may hold patient data.
    """

    def __init__(self, response: httpx.Response, model: str, field: str | None, problem: str):
        where = f"field {field!r} of {model}" if field else model
        request = response.request
        super().__init__(
            f"Hero's answer to {request.method} {redact_url(request.url)} "
            f"does not match the API description: {where}: {problem}"
        )
        self.response = response
        self.model = model
        self.field = field


_STATUS_ERRORS: dict[int, type[APIStatusError]] = {
    400: BadRequestError,
    401: AuthenticationError,
    403: PermissionDeniedError,
    404: NotFoundError,
    409: ConflictError,
    422: UnprocessableEntityError,
    429: RateLimitError,
}


def status_error(response: httpx.Response, body: Any) -> APIStatusError:
    """The error for a 4xx/5xx response (a status not listed maps to its class's base)."""
    if response.status_code >= 500:
        return InternalServerError(response, body)
    return _STATUS_ERRORS.get(response.status_code, APIStatusError)(response, body)


def _error_detail(body: Any) -> str | None:
    """Hero's own explanation, where the body carries one."""
    if isinstance(body, dict):
        for key in ("message", "error", "detail"):
            value = body.get(key)
            if isinstance(value, str) and value:
                return value
    return None
