"""Every error the SDK raises.

    HeroError                      base of everything below
    ├── InvalidInputError          bad argument, caught before any request (also a ValueError)
    ├── ClientClosedError          the client, or the http_client it uses, was closed
    ├── EventLoopError             the client was used from another event loop than its own
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
    │   ├── MergeTokenError             Hero rejected a merge token (4xx): preview again
    │   └── UnexpectedRedirectError     3xx: redirects are never followed
    └── ResponseValidationError    Hero answered 2xx with a body the SDK cannot read
        └── ResponseTooLargeError  ... or any body over max_response_bytes (not read on)

No message or repr contains the API key or patient data: a message shows the status, the
method, the URL as `herohealth._redact` shows it (path and query values only for allow-listed
parameters), Hero's request id, and from Hero's error body only names (its `code`, a 422's
field names). Hero's free-text explanation, which may quote a name, a date of birth or an
NHS number, is on the error (`message`, `body`) for whoever asks, never in `str` or `repr`.
The headers of the request and response an error holds show only allow-listed values in
their repr, and the request's repr shows its URL as the message does.

A pickled error (multiprocessing, a task queue, pytest-xdist) is the same class with the same
message and named attributes, but holds only what its message may show: its `request` and
`response` are stand-ins with the redacted URL, masked header values and no body, and
`body` and `message` are None. `copy.copy` and `copy.deepcopy` keep everything: they stay
in the process.
"""

from __future__ import annotations

import copy
import email.utils
import math
import re
from datetime import UTC, datetime
from typing import Any, Self, TypeVar

import httpx

from herohealth._config import REQUEST_ID_HEADERS
from herohealth._redact import MASK, hide_header_values, redact_url, shown_header

__all__ = [
    "APIConnectionError",
    "APIStatusError",
    "APITimeoutError",
    "AuthenticationError",
    "BadRequestError",
    "ClientClosedError",
    "ConflictError",
    "EventLoopError",
    "HeroError",
    "InternalServerError",
    "InvalidInputError",
    "MergeTokenError",
    "NotFoundError",
    "PermissionDeniedError",
    "RateLimitError",
    "ResponseTooLargeError",
    "ResponseValidationError",
    "UnexpectedRedirectError",
    "UnprocessableEntityError",
]


class HeroError(Exception):
    """Base class of every error raised by the SDK."""

    def __reduce__(self) -> tuple[Any, ...]:
        # Exception's own reduce calls `type(self)(*args)`, which the subclasses' __init__
        # refuse, and pickles __dict__ whole: the x-api-key in request.headers, the NHS
        # number in a query, Hero's free text. Rebuild the class without __init__, from an
        # allow-list: the message (redacted already), names and numbers, and stand-ins.
        state = {name: value for name, value in vars(self).items() if name in _PICKLED}
        for name in _PICKLED_AS_NONE & vars(self).keys():
            state[name] = None
        request = vars(self).get("request")
        response = vars(self).get("response")
        if isinstance(request, httpx.Request):
            state["request"] = _stand_in_request(request)
        if isinstance(response, httpx.Response):
            stand_in = state.get("request", _stand_in_request(response.request))
            state["response"] = _stand_in_response(response, stand_in)
        return (_unpickled, (type(self), self.args), state)

    def __copy__(self) -> Self:
        twin = _unpickled(type(self), self.args)
        twin.__dict__.update(vars(self))
        return twin

    def __deepcopy__(self, memo: dict[int, Any]) -> Self:
        twin = _unpickled(type(self), copy.deepcopy(self.args, memo))
        memo[id(self)] = twin
        twin.__dict__.update(copy.deepcopy(vars(self), memo))
        return twin


_Error = TypeVar("_Error", bound=HeroError)

# What a pickled error keeps as it is: names, numbers and flags that its message may show.
_PICKLED = frozenset({
    "status_code", "request_id", "code", "fields", "retry_after", "may_have_been_processed",
    "field", "problem", "model", "limit", "location_host",
    "__notes__",  # the caller's own add_note(), as a plain exception's pickle keeps them
})  # fmt: skip
# What it keeps as None: Hero's parsed body and free text, which may quote patient data.
_PICKLED_AS_NONE = frozenset({"body", "message"})


def _unpickled(cls: type[_Error], args: tuple[Any, ...]) -> _Error:
    error = cls.__new__(cls)
    error.args = args
    return error


def _stand_in_request(request: httpx.Request) -> httpx.Request:
    """`request` as its error's message shows it: the redacted URL, masked header values,
    no body."""
    url = redact_url(request.url)
    try:
        stand_in = httpx.Request(request.method, url, headers=_masked(request.headers))
    except httpx.InvalidURL:  # a query key httpx will not parse back (a control character)
        url = f"{request.url.scheme}://{request.url.netloc.decode('ascii')}/{MASK}"
        stand_in = httpx.Request(request.method, url, headers=_masked(request.headers))
    hide_header_values(stand_in)
    return stand_in


def _stand_in_response(response: httpx.Response, request: httpx.Request) -> httpx.Response:
    stand_in = httpx.Response(
        response.status_code, headers=_masked(response.headers), request=request
    )
    hide_header_values(stand_in)
    return stand_in


def _masked(headers: httpx.Headers) -> list[tuple[str, str]]:
    return [(name, shown_header(name, value)) for name, value in headers.multi_items()]


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

    _default_message = "Connection error"

    def __init__(
        self, request: httpx.Request, *, may_have_been_processed: bool, message: str | None = None
    ) -> None:
        what = message or self._default_message
        super().__init__(f"{what}: {request.method} {redact_url(request.url)}")
        hide_header_values(request)
        self.request = request
        self.may_have_been_processed = may_have_been_processed


class APITimeoutError(APIConnectionError):
    """A timeout expired before Hero answered."""

    _default_message = "Request timed out"


class APIStatusError(HeroError):
    """Hero answered with a 4xx or 5xx status.

    Attributes: `status_code`, `body` (the parsed JSON body, or None), `response`
    and `request` (httpx objects), `request_id` (Hero's request id header, if sent),
    `message` (Hero's own explanation, or None), `code` (Hero's error code, or None),
    `fields` (the field names in a 422's `errors` list, in order) and `retry_after` (the
    seconds Hero's Retry-After header asked to wait, or None).

    `str()` shows the status, method, redacted URL, `code`, `fields` and request id,
    never `message`: Hero's free text may quote the patient's data, or the key it rejected.
    """

    status_code: int

    def __init__(self, response: httpx.Response, body: Any) -> None:
        self.response = response
        self.request = response.request
        self.status_code = response.status_code
        self.body = body
        self.request_id = request_id_from(response.headers)
        self.message = _error_detail(body)
        self.code = _error_code(body)
        self.fields = _error_fields(body)
        self.retry_after = retry_after_seconds(response)
        hide_header_values(response)
        hide_header_values(self.request)
        summary = f"{response.status_code} {response.reason_phrase}: {self.request.method} "
        summary += redact_url(self.request.url)
        if self.code:
            summary += f": code {self.code}"
        if self.fields:
            summary += f": invalid {', '.join(self.fields)}"
        if self.request_id:
            summary += f" (request id {self.request_id})"
        if self.message:
            summary += ". Hero's explanation is in .message (it may quote patient data)"
        super().__init__(summary)


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


class ClientClosedError(HeroError):
    """The `HeroHealth` client was closed (`aclose()`, the end of `async with`), or the
    `http_client` it was given was: nothing was sent. Create a new client."""

    def __init__(self) -> None:
        super().__init__(
            "this HeroHealth client is closed (aclose() or the end of `async with`, or its "
            "http_client was closed): nothing was sent; create a new HeroHealth"
        )


class EventLoopError(HeroError):
    """The client was used from an event loop other than the one it was first used in.

    Its pooled connections belong to that loop; nothing was sent. Create one client per
    event loop (per thread running asyncio, per test with its own loop).
    """

    def __init__(self) -> None:
        super().__init__(
            "this HeroHealth client was first used in another event loop, which its pooled "
            "connections belong to: nothing was sent; create one client per event loop"
        )


class ResponseValidationError(HeroError):
    """Hero answered 2xx, but the body does not match the API description.

    `field` names the field that could not be read, where known, by its path inside a
    nested model or a list (`data[3].identifiers[1].label`); None when the body is not
    JSON at all. The raw body is on `response`; it is not repeated
    in the message because it may hold patient data.
    """

    def __init__(self, response: httpx.Response, model: str, field: str | None, problem: str):
        where = f"field {field!r} of {model}" if field else model
        request = response.request
        super().__init__(
            f"Hero's answer to {request.method} {redact_url(request.url)} "
            f"does not match the API description: {where}: {problem}"
        )
        hide_header_values(response)
        hide_header_values(request)
        self.response = response
        self.model = model
        self.field = field


class ResponseTooLargeError(ResponseValidationError):
    """Hero's answer (of any status) has a body over the client's `max_response_bytes`.

    The body was not read past the limit and the connection was closed; `limit` is
    the limit in bytes, `response` the answer without its body.
    """

    def __init__(self, response: httpx.Response, limit: int) -> None:
        super().__init__(response, "the response", None, f"body is over {limit} bytes")
        self.limit = limit


class UnexpectedRedirectError(APIStatusError):
    """Hero answered 3xx: the SDK never follows a redirect (it would resend the API key).

    `location_host` is the host the answer pointed to (None without a usable Location);
    the full Location URL is left out of the message, as it may carry patient data.
    """

    def __init__(self, response: httpx.Response, body: Any) -> None:
        super().__init__(response, body)
        self.location_host = _location_host(response)
        where = f" to {self.location_host}" if self.location_host else ""
        self.args = (f"{self.args[0]}. Redirect{where} not followed",)


def _location_host(response: httpx.Response) -> str | None:
    location = response.headers.get("location")
    if not location:
        return None
    try:
        return response.request.url.join(location).host or None
    except (httpx.InvalidURL, ValueError):
        return None


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


def request_id_from(headers: httpx.Headers) -> str | None:
    """Hero's request id, from the first of `REQUEST_ID_HEADERS` it sent, or None."""
    return next((headers[name] for name in REQUEST_ID_HEADERS if name in headers), None)


def _error_detail(body: Any) -> str | None:
    """Hero's own explanation, where the body carries one."""
    if isinstance(body, dict):
        for key in ("message", "error", "detail"):
            value = body.get(key)
            if isinstance(value, str) and value:
                return value
    return None


# What a name looks like (an error code, a field path such as `patient.dob` or `items[0]`):
# no spaces, so free text that Hero might put where a name belongs is not shown.
_NAME = re.compile(r"[A-Za-z0-9_.\-\[\]/]{1,100}")


def _error_code(body: Any) -> str | None:
    """Hero's error code, where the body has a name-like one."""
    code = body.get("code") if isinstance(body, dict) else None
    if isinstance(code, int) and not isinstance(code, bool):
        code = str(code)
    return code if isinstance(code, str) and _NAME.fullmatch(code) else None


def _error_fields(body: Any) -> list[str]:
    """The names of the fields a 422's `errors` list blames (never their values)."""
    errors = body.get("errors") if isinstance(body, dict) else None
    if not isinstance(errors, list):
        return []
    names = (item.get("field") for item in errors if isinstance(item, dict))
    return [name for name in names if isinstance(name, str) and _NAME.fullmatch(name)]


def retry_after_seconds(response: httpx.Response) -> float | None:
    """The Retry-After header as seconds from now: delta-seconds or an HTTP date."""
    value = response.headers.get("retry-after")
    if value is None:
        return None
    try:
        seconds = float(value)
    except ValueError:
        try:
            when = email.utils.parsedate_to_datetime(value)
        except (TypeError, ValueError, OverflowError):  # a year past C's int: OverflowError
            return None
        if when.tzinfo is None:
            when = when.replace(tzinfo=UTC)
        seconds = (when - datetime.now(UTC)).total_seconds()
    return max(0.0, seconds) if math.isfinite(seconds) else None
