"""Keeping patient data and secrets out of logs and error messages: redaction by allow-list.

As azure-core's HttpLoggingPolicy does, a parameter's (path or query) or header's value is
shown only when its name is on `_config`'s allow-lists (`LOGGABLE_PARAMS`, `LOGGABLE_HEADERS`);
every other value is written `MASK`. Nothing is masked by its shape: a 10-digit Hero patient
id or an epoch-seconds value is shown whole where its name allows, and an NHS number is
hidden wherever its name does not.

A path's parameters are found by matching it against the paths of openapi.yaml's operations
(the generated index): `/v1/patients/{id}` shows the record id, which is allow-listed, while
a path parameter Hero adds (`/v1/pds/{nhs_number}`) is masked until someone lists it. A path
that matches no operation is masked whole.

`LogRedactor` applies the same rules to the records of the `herohealth`, `httpx` and
`httpcore.*` loggers, so that no level of any of them shows the API key or a patient value.
"""

from __future__ import annotations

import ast
import functools
import logging
import re
import traceback
from collections.abc import Iterable
from typing import Any

import httpx

from herohealth._config import LOGGABLE_HEADERS, LOGGABLE_PARAMS

MASK = "***"

# The loggers the SDK's requests write to: its own, httpx's, and httpcore's (one per module;
# a filter on a parent logger does not see its children's records).
REDACTED_LOGGERS = (
    "herohealth",
    "httpx",
    "httpcore",
    "httpcore.connection",
    "httpcore.http11",
    "httpcore.http2",
    "httpcore.proxy",
    "httpcore.socks",
    "hpack",
    "hpack.hpack",
)


def redact_url(url: httpx.URL) -> str:
    """The URL as logs and errors may show it.

    Scheme and host whole; no user info or fragment; the path as `redact_path` shows it;
    each query value only if its parameter is in `LOGGABLE_PARAMS` (`_shown`: an object's
    keys are its parameter's), else `MASK` (parameter names are shown).
    """
    path = url.raw_path.split(b"?", 1)[0].decode("ascii")
    text = f"{url.scheme}://{url.netloc.decode('ascii')}{redact_path(path)}"
    if url.params:
        pairs = [
            f"{key}={value if _shown(key, LOGGABLE_PARAMS) else MASK}"
            for key, value in url.params.multi_items()
        ]
        text += "?" + "&".join(pairs)
    return text


def redact_base_url(base_url: str) -> str:
    """`base_url` as the client's repr shows it: its user info, which httpx sends as Basic
    auth (a credential), is `MASK`; the rest whole, as the user configured it."""
    scheme, separator, rest = base_url.partition("://")
    authority = re.split(r"[/?#]", rest, maxsplit=1)[0]
    if "@" not in authority:
        return base_url
    return f"{scheme}{separator}{MASK}@{rest[authority.rindex('@') + 1 :]}"


def _shown(key: str, loggable: frozenset[str]) -> bool:
    """Whether the value of query key `key` may be shown.

    A key names its parameter, but for an object's: a `deepObject` sends `filter[status]`
    for `filter`, and an object in `form` style (exploded) each property under its own name
    (`status=done`). Such a name is shown where its object is allow-listed, and never where
    an object that is not sends it, whatever else is listed by that name.
    """
    name = key.partition("[")[0]
    hidden, listed = _exploded_properties(loggable)
    return (name in loggable or name in listed) and name not in hidden


@functools.cache
def _exploded_properties(loggable: frozenset[str]) -> tuple[frozenset[str], frozenset[str]]:
    """The property names that objects in exploded `form` style send as query keys: of the
    parameters not in `loggable`, and of those in it (from the generated index: no resource
    module is imported to redact a URL)."""
    from herohealth._generated import EXPLODED_PROPERTIES

    found: dict[bool, set[str]] = {False: set(), True: set()}
    for wire, names in EXPLODED_PROPERTIES.items():
        found[wire in loggable].update(names)
    return frozenset(found[False]), frozenset(found[True])


def redact_path(path: str) -> str:
    """`path` (percent-encoded) with each parameter's value `MASK` unless allow-listed.

    Its parameters are where it matches an operation's path in openapi.yaml, from the end
    (a base URL may add segments before it). Where several match (`/v1/bookings/search`
    and `/v1/bookings/{booking_id}`), the one with the most fixed segments is the request's,
    as a router picks it (a value equal to that fixed text is no secret); between equals,
    a segment any of them takes for a hidden parameter is masked. A path that matches none
    is masked whole, as nothing says what it holds.
    """
    segments = path.split("/")
    best = -1
    hidden: set[int] = set()
    for template in _path_templates(LOGGABLE_PARAMS):
        start = len(segments) - len(template)
        if start < 0 or not all(
            given if isinstance(part, bool) else part == given
            for part, given in zip(template, segments[start:], strict=True)
        ):
            continue
        fixed = sum(not isinstance(part, bool) for part in template)
        if fixed < best:
            continue
        if fixed > best:
            best, hidden = fixed, set()
        hidden.update(start + i for i, part in enumerate(template) if part is False)
    if best < 0:
        return "/" + MASK
    return "/".join(MASK if i in hidden else part for i, part in enumerate(segments))


@functools.cache
def _path_templates(loggable: frozenset[str]) -> tuple[tuple[str | bool, ...], ...]:
    """Each operation's path as segments: the literal text, or for a parameter whether its
    value may be shown (its name is in `loggable`)."""
    from herohealth._generated import OPERATIONS  # the generated index, already loaded

    def segment(part: str) -> str | bool:
        is_param = part.startswith("{") and part.endswith("}")
        return part[1:-1] in loggable if is_param else part

    # Without the empty segment before the first "/": a base URL's path may come before it.
    paths = sorted({located.path for located in OPERATIONS.values()})
    return tuple(tuple(segment(part) for part in path.split("/")[1:]) for path in paths)


def shown_header(name: str, value: str) -> str:
    """`value` if header `name` is in `LOGGABLE_HEADERS`, else `MASK`."""
    return value if name.lower() in LOGGABLE_HEADERS else MASK


class RedactedHeaders(httpx.Headers):
    """httpx.Headers whose repr shows only allow-listed values (httpx hides only Authorization).

    It is the same headers otherwise: `hide_header_values` makes every request's headers
    (and an error's response's) this class, so that `repr(error.request.headers)` cannot
    show `x-api-key`, while a retry of that request still sends every value.
    """

    def __repr__(self) -> str:
        shown = [(name, shown_header(name, value)) for name, value in self.multi_items()]
        as_dict = dict(shown)
        return f"{type(self).__name__}({as_dict if len(as_dict) == len(shown) else shown!r})"


class RedactedRequest(httpx.Request):
    """An httpx.Request whose repr shows its URL as `redact_url` does.

    httpx's repr shows the whole URL, query values included: `repr(error.request)` would
    show the NHS number a search was for. It is the same request otherwise.
    """

    def __repr__(self) -> str:
        return f"<{httpx.Request.__name__}({self.method!r}, {redact_url(self.url)!r})>"


def hide_header_values(message: httpx.Request | httpx.Response) -> None:
    """Make `message`'s headers RedactedHeaders, so their repr hides values; a request (of
    httpx's own class) becomes a RedactedRequest, so its repr hides its query."""
    headers = message.headers
    if type(headers) is httpx.Headers:
        # The same object, not a copy (which cost more than the rest of this function).
        headers.__class__ = RedactedHeaders
    elif not isinstance(headers, RedactedHeaders):
        message.headers = RedactedHeaders(headers)
    if type(message) is httpx.Request:
        # The same object, not a copy: httpx's exceptions and the response refer to it.
        message.__class__ = RedactedRequest


def forget_locals(error: BaseException, outer: BaseException | None) -> None:
    """Clear the variables of the finished frames in `error`'s traceback and its chain's,
    up to `outer`: the exception the caller was handling when the call began, whose frames
    are the caller's own (as is all that chains from it).

    Below the request loop the frames hold what no traceback may show: httpcore's the
    request's head (the API key) and body, the loop's and httpx's Hero's body as read so
    far; Sentry, rich and `pytest --showlocals` show every frame's locals. The frames
    (file, line, function) stay; frames still running (the caller's) are left as they are.
    """
    seen: set[int] = set()
    current: BaseException | None = error
    while current is not None and current is not outer and id(current) not in seen:
        seen.add(id(current))
        if current.__traceback__ is not None:
            traceback.clear_frames(current.__traceback__)
        current = current.__cause__ or current.__context__


# A (name, value) pair of bytes as httpcore's trace messages repr header lists:
# `[(b'Content-Type', b'application/json'), (b'x-api-key', b'...')]`.
_BYTES = r"""b'(?:[^'\\]|\\.)*'|b"(?:[^"\\]|\\.)*\""""
_HEADER_PAIR = re.compile(rf"\(\s*({_BYTES})\s*,\s*({_BYTES})\s*\)")


def _redact_header_pair(match: re.Match[str]) -> str:
    try:
        name = ast.literal_eval(match[1]).decode("latin-1")
    except (ValueError, SyntaxError):
        name = ""  # not a name the SDK can read: not on the allow-list
    if name.lower() in LOGGABLE_HEADERS:
        return match[0]
    return f"({match[1]}, b'{MASK}')"


def redact_header_lists(text: str) -> str:
    """`text` with the value of every repr'd bytes header pair not allow-listed masked."""
    return _HEADER_PAIR.sub(_redact_header_pair, text)


class LogRedactor(logging.Filter):
    """Redacts the records of the loggers in `REDACTED_LOGGERS` by the allow-lists.

    - Record args: an httpx.URL of a Hero host (httpx's INFO "HTTP Request: GET <url>")
      becomes `redact_url`'s form; an httpx.Request its method and redacted URL; headers
      (httpx.Headers, or lists of name/value pairs as hpack logs them) show only
      allow-listed values. URLs of other hosts are left alone.
    - httpcore's DEBUG trace messages are formatted before they are logged, with the
      response headers as a list of bytes pairs: each pair's value is masked unless
      allow-listed. httpcore's records do not name the host, so this holds for every
      request in the process, not only Hero's; it hides values, never drops a record.
    """

    def __init__(self) -> None:
        super().__init__("herohealth.redact")
        self.hero_hosts: set[str] = set()

    def filter(self, record: logging.LogRecord) -> bool:
        if isinstance(record.args, tuple) and record.args:
            record.args = tuple(self._redact_arg(arg) for arg in record.args)
        elif isinstance(record.args, dict) and record.args:
            record.args = {key: self._redact_arg(arg) for key, arg in record.args.items()}
        if isinstance(record.msg, str) and "(b" in record.msg:
            record.msg = redact_header_lists(record.msg)
        return True

    def _redact_arg(self, arg: Any) -> Any:
        if isinstance(arg, httpx.URL):
            return redact_url(arg) if arg.host in self.hero_hosts else arg
        if isinstance(arg, httpx.Request):
            return f"<Request({arg.method!r}, {self._redact_arg(arg.url)!r})>"
        if isinstance(arg, httpx.Headers):
            return repr(RedactedHeaders(arg))
        if isinstance(arg, list | tuple) and _is_header_list(arg):
            return [(name, _shown_raw_header(name, value)) for name, value in arg]
        return arg


def _is_header_list(value: Iterable[Any]) -> bool:
    items = list(value)
    return bool(items) and all(
        isinstance(item, tuple)
        and len(item) == 2
        and all(isinstance(part, str | bytes) for part in item)
        for item in items
    )


def _shown_raw_header(name: str | bytes, value: str | bytes) -> str | bytes:
    text = name.decode("latin-1") if isinstance(name, bytes) else name
    if text.lower() in LOGGABLE_HEADERS:
        return value
    return MASK.encode() if isinstance(value, bytes) else MASK


_log_redactor = LogRedactor()


def redact_httpx_logs_for(base_url: str) -> None:
    """Redact the SDK's, httpx's and httpcore's log records from now on (installed once).

    `base_url`'s host joins the hosts whose URLs are redacted in httpx's records.
    """
    _log_redactor.hero_hosts.add(httpx.URL(base_url).host)
    names = {*REDACTED_LOGGERS}
    names.update(
        name
        for name in logging.Logger.manager.loggerDict
        if name.startswith(("httpcore.", "hpack."))
    )
    for name in sorted(names):
        target = logging.getLogger(name)
        if _log_redactor not in target.filters:
            target.addFilter(_log_redactor)
