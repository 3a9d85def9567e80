"""`RawResponse`: what a call through `with_raw_response` answers, before parsing."""

from __future__ import annotations

from datetime import timedelta
from typing import Generic, TypeVar

import httpx
from attrs import field, frozen

from herohealth._errors import request_id_from
from herohealth._generated import Operation, parse
from herohealth._redact import hide_header_values

T = TypeVar("T")


@frozen
class RawResponse(Generic[T]):
    """Hero's HTTP answer to one call, with `parse()` for the result the method returns.

    ```python
    raw = await hero.patients.with_raw_response.get("1234")
    print(raw.status_code, raw.request_id, raw.headers["content-type"], raw.elapsed)
    patient = raw.parse()  # a Patient, as `hero.patients.get("1234")` returns
    ```

    The call went through the same checks, retries and errors as any other: a 4xx or 5xx
    raised its `APIStatusError`. Only `parse()` reads the body, so a body that does not
    fit the API description raises `ResponseValidationError` there, not before. For a list
    method it is the first page's answer, and `parse()` is the `{"data", "count"}` envelope
    model (`PatientList` for `patients.list`). `http_response` is the `httpx.Response`.
    """

    http_response: httpx.Response
    _operation: Operation[T] = field(alias="operation")

    def __attrs_post_init__(self) -> None:
        # Its headers repr only allow-listed values, as an error's response's do (see _redact).
        hide_header_values(self.http_response)

    @property
    def status_code(self) -> int:
        return self.http_response.status_code

    @property
    def headers(self) -> httpx.Headers:
        return self.http_response.headers

    @property
    def request_id(self) -> str | None:
        """Hero's request id header, if it sent one (quote it to Hero's support)."""
        return request_id_from(self.headers)

    @property
    def elapsed(self) -> timedelta:
        """From sending the answered attempt to reading its whole response."""
        return self.http_response.elapsed

    def parse(self) -> T:
        """The typed result, as the method without `with_raw_response` returns it."""
        return parse(self._operation, self.http_response)

    def __repr__(self) -> str:
        # No URL: its query may hold patient data (see _redact).
        return f"RawResponse[{self._operation.operation_id}](status_code={self.status_code})"
