"""Keeping patient data and secrets out of logs and error messages."""

from __future__ import annotations

import logging
import re

import httpx

from herohealth._config import LOGGABLE_QUERY_PARAMS

# An NHS number as people write it (943 476 5919, 943-476-5919, 9434765919).
_NHS_NUMBER = re.compile(r"(?<!\d)\d{3}[ -]?\d{3}[ -]?\d{4}(?!\d)")
_EMAIL = re.compile(r"[^\s@/?&=]+@[^\s@/?&=]+")
MASK = "***"


def mask_pii(text: str) -> str:
    """Mask NHS numbers and email addresses in free text."""
    return _EMAIL.sub(MASK, _NHS_NUMBER.sub(MASK, text))


def redact_url(url: httpx.URL) -> str:
    """The URL as logs may show it.

    Query values are shown only for parameters known to hold no patient data
    (enums, paging); every other value, such as `search`, is masked whatever it
    holds. NHS numbers and emails in the path are masked too.
    """
    shown = url.copy_with(query=None, fragment=None)
    text = mask_pii(str(shown))
    if url.params:
        pairs = [
            f"{key}={value if key in LOGGABLE_QUERY_PARAMS else MASK}"
            for key, value in url.params.multi_items()
        ]
        text += "?" + "&".join(pairs)
    return text


class HttpxLogRedactor(logging.Filter):
    """Masks the query string of Hero requests in httpx's own log records.

    httpx logs every request's full URL at INFO ("HTTP Request: GET https://...
    ?search=9434765919"). For requests to a host a HeroHealth client talks to,
    the URL is replaced by `redact_url`'s form; other hosts are left alone.
    """

    def __init__(self) -> None:
        super().__init__("herohealth.redact")
        self.hero_hosts: set[str] = set()

    def filter(self, record: logging.LogRecord) -> bool:
        if isinstance(record.args, tuple) and any(self._is_hero(a) for a in record.args):
            record.args = tuple(
                redact_url(a) if isinstance(a, httpx.URL) and self._is_hero(a) else a
                for a in record.args
            )
        return True

    def _is_hero(self, value: object) -> bool:
        return isinstance(value, httpx.URL) and value.host in self.hero_hosts


_httpx_log_redactor = HttpxLogRedactor()


def redact_httpx_logs_for(base_url: str) -> None:
    """Mask Hero URLs in httpx's logger from now on (installed once, on first use)."""
    _httpx_log_redactor.hero_hosts.add(httpx.URL(base_url).host)
    httpx_logger = logging.getLogger("httpx")
    if _httpx_log_redactor not in httpx_logger.filters:
        httpx_logger.addFilter(_httpx_log_redactor)
