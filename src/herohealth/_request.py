"""The one request loop: check the arguments, build the request, send, retry, parse, log.

`APIRequester` is what every generated resource method calls (the `Requester` protocol
the generated package declares): it never names an operation; what it needs to know of
one comes from the operation's generated `Operation`.
"""

from __future__ import annotations

import asyncio
import logging
import random
import sys
import time
import weakref
import zlib
from collections.abc import AsyncIterator, Awaitable, Iterator, Mapping
from typing import Any, TypeVar, cast

import httpx
from attrs import define, field, frozen

from herohealth import _validation as check
from herohealth._config import (
    DEFAULT_MAX_IN_FLIGHT,
    DEFAULT_MAX_RESPONSE_BYTES,
    DEFAULT_TOTAL_TIMEOUT,
    INITIAL_RETRY_DELAY,
    MAX_RETRY_AFTER,
    MAX_RETRY_DELAY,
    RETRYABLE_STATUSES,
)
from herohealth._errors import (
    APIConnectionError,
    APIStatusError,
    APITimeoutError,
    ClientClosedError,
    EventLoopError,
    HeroError,
    InvalidInputError,
    ResponseTooLargeError,
    ResponseValidationError,
    UnexpectedRedirectError,
    status_error,
)
from herohealth._generated import (
    Envelope,
    Operation,
    PagedRequestOptions,
    RequestOptions,
    is_number,
    parse,
)
from herohealth._redact import forget_locals, hide_header_values, redact_base_url, redact_url
from herohealth._response import RawResponse
from herohealth._version import __version__
from herohealth.pagination import AsyncPaginator, PageParams, PageRule

logger = logging.getLogger("herohealth")

T = TypeVar("T")
Item = TypeVar("Item")

USER_AGENT = f"herohealth-sdk-python/{__version__}"
# What httpx sends when nobody set a User-Agent: not the user's, so not kept.
_HTTPX_USER_AGENT = f"python-httpx/{httpx.__version__}"


class _NoPlaceInTime(TimeoutError):
    """The call's total deadline passed while it waited for a place: nothing was sent."""


# Failures that prove the request never reached Hero: no connection to it was made (a
# proxy that refused or failed the tunnel has not passed a byte on either), or the call
# never got a place in flight to send it.
_NEVER_SENT = (
    httpx.ConnectError,
    httpx.ConnectTimeout,
    httpx.PoolTimeout,
    httpx.ProxyError,
    _NoPlaceInTime,
)

_OPTION_NAMES = frozenset(PagedRequestOptions.__optional_keys__)  # RequestOptions' and page_size

# What `Settings.plain_headers` is made once for: an operation's auth and its Accept header.
_PlainKey = tuple[tuple[tuple[str, str], ...], str]


@define
class Lifecycle:
    """Whether the client was closed; shared by its `with_options` copies.

    A pool passed as `http_client` stays open when the client closes (it is the user's),
    so its `is_closed` cannot say that the client was: this does.
    """

    closed: bool = False


@frozen
class Settings:
    """What every request needs from the client; immutable, shared by `with_options` copies."""

    api_key: str = field(repr=False)
    practice_group_id: str
    base_url: str = field(repr=redact_base_url)  # its user info is a credential
    timeout: httpx.Timeout
    max_retries: int
    # Not in the repr: a header may carry a token, a query value patient data.
    default_headers: Mapping[str, str] = field(factory=dict, repr=False)
    default_query: Mapping[str, Any] = field(factory=dict, repr=False)
    total_timeout: float | None = DEFAULT_TOTAL_TIMEOUT
    max_response_bytes: int = DEFAULT_MAX_RESPONSE_BYTES
    # Bounds the requests in flight on the client's pool; shared by its with_options copies.
    in_flight: asyncio.Semaphore = field(
        factory=lambda: asyncio.Semaphore(DEFAULT_MAX_IN_FLIGHT), repr=False, eq=False
    )
    lifecycle: Lifecycle = field(factory=Lifecycle, repr=False, eq=False)
    # `plain_headers`' answers per auth scheme and accepted media types, each beside the
    # client headers it was merged with. Not an init argument: a `with_options` copy
    # (attrs.evolve) starts with its own.
    _plain: dict[_PlainKey, tuple[list[tuple[bytes, bytes]], httpx.Headers]] = field(
        init=False, factory=dict, repr=False, eq=False
    )

    def headers(
        self,
        http: httpx.AsyncClient,
        operation: Operation[Any],
        params: Mapping[str, str],
        extra: Mapping[str, str],
    ) -> dict[str, str]:
        """SDK defaults < default_headers < the operation's header params < extra_headers.

        The credentials go in the headers the operation's security requirement names
        (openapi.yaml's schemes, mapped to these settings by sdk.yaml); no option replaces
        them. The SDK's User-Agent token follows one the user set, or stands alone.
        """
        # The credentials by header; their values are read only once the check has passed,
        # so that a traceback's locals at the refusal do not hold the key.
        auth = {header.lower(): credential for header, credential in operation.auth}
        for option, given in (("default_headers", self.default_headers), ("extra_headers", extra)):
            refused = next((name for name in given if name.lower() in auth), None)
            if refused is not None:
                raise InvalidInputError(
                    option, f"{refused!r} is an auth header, sent from the client's credentials"
                )
        # A plain dict keyed by lower-case name (names are case-insensitive): building
        # httpx.Headers layer by layer cost more than the rest of the request loop.
        # Only the codings `_body_chunks` inflates in bounded pieces: httpx's own default
        # adds br and zstd where their packages are installed, which it inflates whole.
        headers = {"accept": operation.accept, "accept-encoding": ACCEPTED_CODINGS}
        for layer in (self.default_headers, params, extra):
            headers.update((name.lower(), value) for name, value in layer.items())
        users = headers.get("user-agent") or http.headers.get("user-agent")
        kept = users and users != _HTTPX_USER_AGENT
        headers["user-agent"] = f"{users} {USER_AGENT}" if kept else USER_AGENT
        headers.update((header, getattr(self, credential)) for header, credential in auth.items())
        return headers

    def plain_headers(self, http: httpx.AsyncClient, operation: Operation[Any]) -> httpx.Headers:
        """What `http.build_request` sends for a call with no header params or extra_headers.

        That is the client's own headers, then `headers()`'s over them, merged as httpx
        merges them; the same for every such call of an auth scheme and accepted media
        types, so made once. The client's headers are compared each call (a user may change
        them on their client).
        """
        theirs = http.headers.raw
        key = (operation.auth, operation.accept)
        kept = self._plain.get(key)
        if kept is None or kept[0] != theirs:
            merged = httpx.Headers(http.headers)
            merged.update(self.headers(http, operation, {}, {}))
            kept = self._plain[key] = (theirs, merged)
        return kept[1]


class APIRequester:
    """Sends generated operations for one client: its pool and its settings.

    With `raw=True` (`raw()`, for `with_raw_response`) a call answers with its
    `RawResponse` (a list: its first page's) instead of the parsed result. The generated
    methods are annotated with the parsed result and the generated `with_raw_response`
    classes retype them (`raw_response`, `raw_page`): the casts here are where they differ.
    """

    def __init__(self, http: httpx.AsyncClient, settings: Settings, *, raw: bool = False) -> None:
        self._http = http
        self.settings = settings
        self._raw = raw

    def raw(self) -> APIRequester:
        """This loop for `with_raw_response`: calls answer with their `RawResponse`."""
        return APIRequester(self._http, self.settings, raw=True)

    async def request(
        self, operation: Operation[T], options: RequestOptions, arguments: Mapping[str, Any]
    ) -> T:
        """Check `arguments`, send `operation`, retrying as its idempotency allows; parse."""
        _check_options(options, paged=False)
        if operation.deprecation is not None or operation.deprecated:
            check.warn_deprecated(operation, arguments)
        response = await send(self._http, self.settings, operation, options, arguments)
        if self._raw:
            return cast(T, RawResponse(response, operation))
        return parse(operation, response)

    def paginate(
        self,
        operation: Operation[Envelope[Item]],
        options: RequestOptions | PagedRequestOptions,
        arguments: Mapping[str, Any],
    ) -> AsyncPaginator[Item]:
        """A paginator over a list operation; the page rule comes from the operation."""
        _check_options(options, paged=True)
        if operation.deprecation is not None or operation.deprecated:  # not again per page
            check.warn_deprecated(operation, arguments)
        # page_size (a PagedRequestOptions' key) is the paginator's, not the request loop's.
        paged = cast(PagedRequestOptions, options.copy())
        rule = PageRule.for_operation(operation.page_params, paged.pop("page_size", None))
        # Bad input fails here, before anything is awaited.
        check.prepare(operation, arguments, paged.get("extra_body"))

        def send_page(page: PageParams) -> Awaitable[httpx.Response]:
            return send(self._http, self.settings, operation, paged, arguments, page)

        if self._raw:  # the first page's answer: parse() gives its envelope, not a Page

            async def first_page() -> RawResponse[Envelope[Item]]:
                return RawResponse(await send_page(rule.first()), operation)

            return cast(AsyncPaginator[Item], first_page())

        async def fetch(page: PageParams) -> tuple[list[Item], int]:
            response = await send_page(page)
            envelope = parse(operation, response)
            return envelope.data, _count(envelope.count, operation, response)

        return AsyncPaginator(fetch, rule, name=operation.operation_id)


# The event loop each connection pool was first used in: its connections belong to it.
_pool_loops: weakref.WeakKeyDictionary[httpx.AsyncClient, asyncio.AbstractEventLoop] = (
    weakref.WeakKeyDictionary()
)


def _check_usable(http: httpx.AsyncClient, lifecycle: Lifecycle) -> None:
    """A typed error, before anything is sent, for a closed client or pool, or another loop."""
    if lifecycle.closed or http.is_closed:
        raise ClientClosedError
    loop = asyncio.get_running_loop()
    # get() first: setdefault makes a weak reference with a callback on every call.
    first = _pool_loops.get(http) or _pool_loops.setdefault(http, loop)
    if first is not loop:
        raise EventLoopError


def _check_options(options: Mapping[str, Any], *, paged: bool) -> None:
    if not options:  # most calls
        return
    unknown = sorted(set(options) - _OPTION_NAMES)
    if unknown:
        raise TypeError(f"unexpected keyword argument {unknown[0]!r}")
    if "page_size" in options and not paged:
        raise TypeError("page_size is an option of list methods only")


def _count(value: object, operation: Operation[Any], response: httpx.Response) -> int:
    """The envelope's `count`, a JSON number (openapi.yaml sets no bounds): its whole part.

    Not a number ("3", null, [1], true) or not finite (1e999): not a count. The generated
    envelope checks that already where its schema types `count`; this holds for any.
    """
    if is_number(value):
        return int(cast(float, value))
    where = f"the {operation.operation_id} response"
    raise ResponseValidationError(response, where, "count", "not a finite number")


async def send(
    http: httpx.AsyncClient,
    settings: Settings,
    operation: Operation[Any],
    options: RequestOptions,
    arguments: Mapping[str, Any],
    page: PageParams | None = None,
) -> httpx.Response:
    """Send `operation` with `arguments`, retrying as its idempotency allows: the 2xx answer."""
    outer = sys.exc_info()[1]  # what the caller is handling: its frames are not ours to clear
    _check_usable(http, settings.lifecycle)
    prepared = check.prepare(operation, arguments, options.get("extra_body"))
    # The client's own settings were checked when it was made; only a per-call one is new.
    max_retries = settings.max_retries
    if "max_retries" in options:
        max_retries = check.max_retries(options["max_retries"])
    timeout: float | httpx.Timeout = settings.timeout
    if "timeout" in options:
        timeout = check.timeout(options["timeout"])
    total_timeout = settings.total_timeout
    if "total_timeout" in options:
        total_timeout = check.total_timeout(options["total_timeout"])
    extra_headers = check.header_option(options.get("extra_headers"), "extra_headers")
    extra_query = check.mapping_option(options.get("extra_query"), "extra_query")
    # default_query < the operation's query params (and page) < extra_query.
    query = {**settings.default_query, **prepared.query, **(page or {}), **extra_query}
    request: httpx.Request | None
    try:
        request = _build_request(http, settings, operation, prepared, extra_headers, query, timeout)
    except httpx.InvalidURL:
        request = None  # all that can be wrong by now is its length: each part is checked
    if request is None:
        # Raised here, not within httpx's frames, whose locals hold the headers (the API key).
        problem = "is over httpx's length limit: a path or query value is too long"
        raise InvalidInputError("url", problem)
    # From here on the request's headers repr only allow-listed values: it travels in
    # httpx's exceptions (`error.__cause__.request`) as well as on the SDK's errors.
    hide_header_values(request)
    attempts = max_retries + 1
    limits = _Limits(
        _attempt_seconds(timeout),
        total_timeout,
        settings.max_response_bytes,
        settings.in_flight,
        settings.lifecycle,
    )
    # A plain loop rather than tenacity's: its callbacks cost about 30 microseconds a call,
    # 5% of a call to a loopback server, and the policy is these few lines.
    attempt = 1
    while True:
        try:
            return await _send_once(http, request, operation, limits, attempt, attempts)
        except HeroError as error:
            forget_locals(error, outer)
            wait = _wait(error, attempt)
            if (
                attempt >= attempts
                or not _should_retry(operation, error)
                or limits.past_deadline(error, wait)
            ):
                raise
            _log_retry(request, error, wait, attempt)
            await _sleep(wait)
            attempt += 1


def _build_request(
    http: httpx.AsyncClient,
    settings: Settings,
    operation: Operation[Any],
    prepared: check.Prepared,
    extra_headers: Mapping[str, str],
    query: Mapping[str, Any],
    timeout: float | httpx.Timeout,
) -> httpx.Request:
    """The request `http.build_request` makes, without most of its cost on a plain call.

    build_request merges the client's headers with the SDK's and normalises every one
    again, each call: over half the request loop's own cost (15 to 18 us a call timed
    alone, about 20 us within the loop). A call with no header params or
    extra_headers sends the same merged headers every time, so on a plain
    httpx.AsyncClient (a subclass may override build_request) with no cookies or query
    params of its own (build_request would add them), the request is made from
    `Settings.plain_headers` as build_request makes it: the URL is absolute, so the
    client's base_url plays no part. Anything else goes through build_request itself.
    """
    url = settings.base_url + prepared.path
    params = query or None
    if (
        not prepared.headers
        and not extra_headers
        and type(http) is httpx.AsyncClient
        and not http.params
        and not http.cookies
    ):
        headers = settings.plain_headers(http, operation)
        extensions = {"timeout": httpx.Timeout(timeout).as_dict()}
        return httpx.Request(
            operation.method,
            url,
            params=params,
            json=prepared.json,
            data=prepared.data,
            files=prepared.files,
            headers=headers,
            extensions=extensions,
        )
    return http.build_request(
        operation.method,
        url,
        params=params,
        json=prepared.json,
        data=prepared.data,
        files=prepared.files,
        headers=settings.headers(http, operation, prepared.headers, extra_headers),
        timeout=timeout,
    )


# herohealth.testing.no_retry_waits: while one is active, waits are recorded, not slept.
retry_wait_recorders: list[list[float]] = []


async def _sleep(seconds: float) -> None:
    if retry_wait_recorders:
        retry_wait_recorders[-1].append(seconds)
        seconds = 0
    await asyncio.sleep(seconds)


def _attempt_seconds(timeout: float | httpx.Timeout) -> float | None:
    """How long one attempt may take in all: the longest of httpx's per-phase timeouts."""
    if not isinstance(timeout, httpx.Timeout):
        return float(timeout)
    phases = [t for t in (timeout.connect, timeout.read, timeout.write, timeout.pool) if t]
    return max(phases, default=None)


@frozen
class _Limits:
    """One call's bounds: each attempt's, the whole call's (retry waits too), the body's."""

    attempt_seconds: float | None
    total_seconds: float | None
    max_response_bytes: int
    in_flight: asyncio.Semaphore
    lifecycle: Lifecycle
    started: float = field(factory=time.monotonic)

    def attempt_seconds_left(self) -> float | None:
        """How long the next attempt may take, or None for no bound."""
        if self.total_seconds is None:
            return self.attempt_seconds
        left = self.started + self.total_seconds - time.monotonic()
        return left if self.attempt_seconds is None else min(left, self.attempt_seconds)

    async def take_place(self) -> None:
        """A place in flight (`in_flight`), waited for within the call's total deadline.

        `_NoPlaceInTime` if the deadline passes first: a call queued behind slow ones
        ends at its deadline, and says that it was never sent.
        """
        if self.total_seconds is None:
            await self.in_flight.acquire()
            return
        left = self.started + self.total_seconds - time.monotonic()
        if left <= 0:
            raise _NoPlaceInTime
        if not self.in_flight.locked():  # a place is free: no timer to set and cancel
            await self.in_flight.acquire()
            return
        try:
            async with asyncio.timeout(left):
                await self.in_flight.acquire()
        except TimeoutError:
            raise _NoPlaceInTime from None

    def past_deadline(self, error: BaseException, wait: float) -> bool:
        """Stop retrying: the `wait` before the next attempt ends past the call's deadline.

        That is the total deadline where one is set. A Retry-After longer than one attempt
        may take is not waited out either: the call raises at once, and the error's
        `retry_after` lets the caller decide when to come back.
        """
        asked = error.retry_after if isinstance(error, APIStatusError) else None
        if asked is not None and self.attempt_seconds is not None and asked > self.attempt_seconds:
            return True
        if self.total_seconds is None:
            return False
        return time.monotonic() + wait >= self.started + self.total_seconds


async def _send_once(
    http: httpx.AsyncClient,
    request: httpx.Request,
    operation: Operation[Any],
    limits: _Limits,
    attempt: int,
    attempts: int,
) -> httpx.Response:
    started = time.perf_counter()
    try:
        # Waiting for a place is not part of the attempt: its deadline starts once it has one.
        await limits.take_place()
        try:
            # Closed while this call waited its turn, or a retry's wait.
            if limits.lifecycle.closed or http.is_closed:
                raise ClientClosedError
            async with asyncio.timeout(limits.attempt_seconds_left()):
                response = await _receive(http, request, limits.max_response_bytes)
        finally:
            limits.in_flight.release()
    except (httpx.TransportError, TimeoutError) as error:
        # Only a failed connect proves Hero never saw the request; after that, any
        # failure (a timeout, a dropped connection) may follow Hero acting on it.
        never_sent = isinstance(error, _NEVER_SENT)
        # A queue wait named as the log names httpx's pool wait (PoolTimeout), not by class.
        outcome = "QueueTimeout" if isinstance(error, _NoPlaceInTime) else type(error).__name__
        _log_attempt(request, outcome, started, attempt, attempts)
        message = None
        if not never_sent and not operation.idempotent:
            message = (
                f"{operation.operation_id} got no answer and Hero may have processed it; "
                "check the patient's state before sending it again"
            )
        timed_out = isinstance(error, httpx.TimeoutException | TimeoutError)
        error_type = APITimeoutError if timed_out else APIConnectionError
        raise error_type(
            request, may_have_been_processed=not never_sent, message=message
        ) from error
    _log_attempt(request, response.status_code, started, attempt, attempts)
    if response.is_success:
        return response
    body = _json_or_none(response)
    if 300 <= response.status_code < 400:
        raise UnexpectedRedirectError(response, body)
    raise status_error(response, body)


async def _receive(http: httpx.AsyncClient, request: httpx.Request, limit: int) -> httpx.Response:
    """Send `request` and read its whole body, up to `limit` bytes (decompressed).

    Redirects are never followed, whatever the `http_client` says: the next hop would
    get the API key. Over the limit, the connection is closed and the rest never read. A
    connection that holds bytes past the answer is closed too (RFC 9112 6.3: a client must
    not take them for another answer), the answer itself kept: it was complete and framed.
    """
    try:
        response = await http.send(request, stream=True, follow_redirects=False)
    except (httpx.RemoteProtocolError, httpx.InvalidURL, UnicodeError) as error:
        # httpx makes a 3xx's next request even when it will not follow it, and raises
        # for a Location it cannot make one of (a bad port or IDNA label, `mailto:`):
        # a raw InvalidURL or IDNAError, or a RemoteProtocolError read as a broken
        # connection (retried, or "may have processed" on a write). Hero answered: a 3xx.
        redirect = _redirect_being_built(error)
        if redirect is None:
            raise
        # httpx closed it unread: its body is taken as empty.
        return _with_body(redirect, b"")
    try:
        h11_state = _h11_state(response)
        if h11_state is not None:
            response.stream = _DropsAConnectionHoldingMore(response, h11_state)
        if _says_it_has_a_body_it_cannot(response):
            # Now, not once it is read: closing the answer hands its connection back to the
            # pool, which gives it to a request waiting for one there and then.
            await _drop_connection(response)
        chunks: list[bytes] = []
        size = 0
        async for chunk in _body_chunks(response):
            size += len(chunk)
            if size > limit:
                raise ResponseTooLargeError(response, limit)
            chunks.append(chunk)
    except (httpx.DecodingError, zlib.error):
        problem = "body does not decode as its Content-Encoding says"
        raise ResponseValidationError(response, "the response", None, problem) from None
    finally:
        await response.aclose()
    return _with_body(response, b"".join(chunks))


def _says_it_has_a_body_it_cannot(response: httpx.Response) -> bool:
    """A 204 or 304 with a Content-Length or Transfer-Encoding: a body HTTP does not allow.

    h11 reads none (rightly), so whatever the server sent as one waits in the pooled
    connection, and the next call on it would take those bytes for its own answer: another
    request's data, or a broken "connection" for a write Hero then never saw.
    """
    if response.status_code not in (204, 304):
        return False
    length = response.headers.get("content-length", "0").strip()
    return length != "0" or "transfer-encoding" in response.headers


def _h11_state(response: httpx.Response) -> Any:
    """h11's state of the HTTP/1.1 connection `response` came on, or None (another transport).

    Only it knows of bytes read off the socket past the answer (`trailing_data`, h11's public
    API): the `network_stream` extension cannot say, and httpcore's pool looks only at whether
    the socket is readable. Neither httpx nor httpcore hands it out, so it is reached through
    their private attributes (httpx's `BoundAsyncStream`, its transport's
    `AsyncResponseStream`, httpcore's `PoolByteStream`, `HTTP11ConnectionByteStream`,
    `AsyncHTTP11Connection`), each looked up with a default: an answer of an in-process
    transport (httpx.MockTransport, pytest-httpx, none of them pooled), over HTTP/2, or after
    an upgrade moved one, finds None and goes unchecked; the last of these fails
    `test_httpcore_still_hands_the_sdk_h11s_buffer` (tests/faults), by name. Five attribute
    lookups a call; no frame is read.
    """
    stream = getattr(response.stream, "_stream", None)
    stream = getattr(stream, "_httpcore_stream", None)
    stream = getattr(stream, "_stream", None)
    connection = getattr(stream, "_connection", None)
    return getattr(connection, "_h11_state", None)


class _DropsAConnectionHoldingMore(httpx.AsyncByteStream):
    """An answer's stream that, as it closes, drops its connection if bytes past the answer
    wait in it: a second answer in the same write, from a buggy or hostile server or proxy.

    h11 holds them in its buffer, so the socket is not readable and httpcore's pool takes
    the connection for clean: the next request on it would read them as its answer (another
    patient's record, to a request the server never read). The answer itself was complete
    and framed, so it stands; only the connection goes. Checked in `aclose`, which closing
    the answer calls before the pool gets the connection back: httpx closes an answer as its
    body ends, and the pool hands the connection to a request queued for one right then,
    before `_receive` runs again. Chunks pass straight through (no generator of its own).
    """

    __slots__ = ("_h11_state", "_network_stream", "_stream")

    def __init__(self, response: httpx.Response, h11_state: Any) -> None:
        self._stream = cast(httpx.AsyncByteStream, response.stream)
        self._h11_state = h11_state
        # Not the response: httpx's own stream refers back to it already (a cycle).
        self._network_stream = response.extensions.get("network_stream")

    def __aiter__(self) -> AsyncIterator[bytes]:
        return self._stream.__aiter__()

    async def aclose(self) -> None:
        # h11's (data, closed) pair; anything else is not h11's any more. Closed before its
        # body ended (an error, the size cap), h11 holds the rest of the body: that
        # connection is closed too, as httpcore closes it anyway.
        trailing = getattr(self._h11_state, "trailing_data", None)
        if type(trailing) is tuple and trailing[0] and self._network_stream is not None:
            # A closed socket reads as readable: the pool drops it as it takes it back.
            await self._network_stream.aclose()
        await self._stream.aclose()


async def _drop_connection(response: httpx.Response) -> None:
    """Close the connection `response` came on, so that the pool does not use it again.

    httpcore hands the socket out as the `network_stream` extension; a closed one is
    found unusable when the pool next looks, and a new connection opened instead.
    """
    stream = response.extensions.get("network_stream")
    if stream is not None:  # an in-process transport (httpx.MockTransport) has none
        await stream.aclose()


def _with_body(response: httpx.Response, content: bytes) -> httpx.Response:
    """`response` holding `content` as its body, as `response.aread()` would store it:
    `content`, `json()` and `text` read this."""
    response._content = content
    # httpx's stream refers back to its response (a reference cycle, body included, that
    # waits for the garbage collector); the body is read, so a plain stream over it, as
    # `httpx.Response(content=...)` has, lets the response go as soon as it is unused.
    response.stream = httpx.ByteStream(content)
    return response


def _redirect_being_built(error: BaseException) -> httpx.Response | None:
    """The 3xx answer httpx was making the next request of when it raised `error`, or None.

    httpx closes that answer and raises, with no reference to it but in its own frame
    (`_send_handling_redirects`, which the traceback keeps).
    """
    trace = error.__traceback__
    while trace is not None:
        frame = trace.tb_frame
        if frame.f_code.co_name == "_send_handling_redirects":
            response = frame.f_locals.get("response")
            if isinstance(response, httpx.Response) and response.is_redirect:
                return response
        trace = trace.tb_next
    return None


# How much one step of inflating a gzip or deflate body may make at a time.
_INFLATE_PIECE = 64 * 1024
# wbits for each zlib coding: gzip's header and trailer, or deflate's zlib wrapper.
_ZLIB_CODINGS = {"gzip": zlib.MAX_WBITS | 16, "deflate": zlib.MAX_WBITS}
# More codings than this on one body is refused, as urllib3 does: each takes a decompressor,
# and no server stacks more than one or two.
_MAX_CODINGS = 5
# What the SDK asks for (Accept-Encoding): the codings above.
ACCEPTED_CODINGS = ", ".join(_ZLIB_CODINGS)
# Codings httpx inflates itself (where brotli or zstandard is installed), a network read
# whole at once, past any bound: a body in one is refused, unread (the SDK never asks for one).
_UNBOUNDED_CODINGS = frozenset({"br", "zstd"})


def _body_chunks(response: httpx.Response) -> AsyncIterator[bytes]:
    """The body as decoded chunks, none of gzip or deflate larger than `_INFLATE_PIECE`.

    httpx inflates each network read whole (64 KiB of gzip is 64 MiB), and gzip inside
    gzip a few hundred bytes into gigabytes, before `_receive` can count a byte. So bodies
    in those codings are inflated here, a bounded piece at a time. br and zstd, which httpx
    would inflate whole, are refused; a coding httpx does not know is skipped, as httpx does.
    """
    if response.is_stream_consumed:
        # Handed over read already, by an in-process transport (httpx.MockTransport's
        # answers are): httpx decoded it then, and holds it.
        return response.aiter_bytes()
    codings = response.headers.get_list("content-encoding", split_commas=True)
    codings = [coding for coding in map(str.strip, map(str.lower, codings)) if coding != "identity"]
    if len(codings) > _MAX_CODINGS:
        problem = f"body has {len(codings)} content codings, more than {_MAX_CODINGS}"
        raise ResponseValidationError(response, "the response", None, problem)
    unbounded = next((coding for coding in codings if coding in _UNBOUNDED_CODINGS), None)
    if unbounded is not None:
        problem = f"body is in {unbounded}, a coding the SDK does not ask for or read"
        raise ResponseValidationError(response, "the response", None, problem)
    # A coding httpx does not know it skips, inflating the others whole: skipped here too.
    codings = [coding for coding in codings if coding in _ZLIB_CODINGS]
    if not codings:
        return response.aiter_bytes()
    # Listed in the order they were applied: undone last first.
    return _inflated(response, [_Inflater(coding) for coding in reversed(codings)])


async def _inflated(response: httpx.Response, steps: list[_Inflater]) -> AsyncIterator[bytes]:
    async for raw in response.aiter_raw():
        for piece in _through(steps, raw):
            yield piece
    for at, step in enumerate(steps):
        for piece in _through(steps[at + 1 :], step.flush()):
            yield piece


def _through(steps: list[_Inflater], data: bytes) -> Iterator[bytes]:
    """`data` undone by each step in turn, lazily: no step runs ahead of the reader."""
    if not steps:
        if data:
            yield data
        return
    for piece in steps[0].inflate(data):
        yield from _through(steps[1:], piece)


class _Inflater:
    """One gzip or deflate coding, undone at most `_INFLATE_PIECE` bytes at a time."""

    def __init__(self, coding: str) -> None:
        self._zlib = zlib.decompressobj(_ZLIB_CODINGS[coding])
        # "deflate" is meant to be zlib-wrapped but is often sent raw, as httpx allows.
        self._may_be_raw = coding == "deflate"

    def inflate(self, data: bytes) -> Iterator[bytes]:
        while True:
            try:
                piece = self._zlib.decompress(data, _INFLATE_PIECE)
            except zlib.error:
                if not self._may_be_raw:
                    raise
                self._zlib, self._may_be_raw = zlib.decompressobj(-zlib.MAX_WBITS), False
                continue
            self._may_be_raw = False
            data = self._zlib.unconsumed_tail
            if piece:
                yield piece
            elif not data:  # input used up and nothing more to give until the next read
                return

    def flush(self) -> bytes:
        return self._zlib.flush()


def _should_retry(operation: Operation[Any], error: BaseException) -> bool:
    if isinstance(error, APIConnectionError):
        return operation.idempotent or not error.may_have_been_processed
    if isinstance(error, APIStatusError):
        status = error.status_code
        return operation.idempotent and (status in RETRYABLE_STATUSES or status >= 500)
    return False


def _wait(error: BaseException, attempt: int) -> float:
    """Hero's Retry-After where it sent one (capped), else exponential backoff with jitter.

    The backoff after attempt n is a random wait up to 0.5 s * 2**(n - 1), capped at 8 s
    ("full jitter": clients that failed together do not come back together).
    """
    if isinstance(error, APIStatusError) and error.retry_after is not None:
        return min(error.retry_after, MAX_RETRY_AFTER)
    ceiling = min(MAX_RETRY_DELAY, INITIAL_RETRY_DELAY * 2 ** (attempt - 1))
    return random.uniform(0, ceiling)  # noqa: S311 - jitter, not a secret


def _json_or_none(response: httpx.Response) -> Any:
    try:
        return response.json()
    except (ValueError, RecursionError):
        return None


def _log_attempt(
    request: httpx.Request, outcome: int | str, started: float, attempt: int, attempts: int
) -> None:
    if not logger.isEnabledFor(logging.DEBUG):
        return
    elapsed_ms = (time.perf_counter() - started) * 1000
    url = redact_url(request.url)
    logger.debug(
        "%s %s -> %s in %.1f ms (attempt %d of %d)",
        request.method,
        url,
        outcome,
        elapsed_ms,
        attempt,
        attempts,
        extra={
            "hero_method": request.method,
            "hero_url": url,
            "hero_outcome": outcome,
            "hero_elapsed_ms": round(elapsed_ms, 1),
            "hero_attempt": attempt,
        },
    )


def _log_retry(request: httpx.Request, error: BaseException, wait: float, attempt: int) -> None:
    reason = error.status_code if isinstance(error, APIStatusError) else type(error).__name__
    logger.info(
        "retrying %s %s in %.2f s after %s (attempt %d failed)",
        request.method,
        redact_url(request.url),
        wait,
        reason,
        attempt,
    )
