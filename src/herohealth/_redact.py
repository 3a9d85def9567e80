"""Keeping patient data and secrets out of logs and error messages."""

from __future__ import annotations

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
