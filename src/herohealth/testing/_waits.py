"""`no_retry_waits`: retries in your tests without waiting out their backoff."""

from __future__ import annotations

import functools
import inspect
from collections.abc import Callable
from types import TracebackType
from typing import Any, TypeVar, cast

from herohealth._request import retry_wait_recorders

F = TypeVar("F", bound=Callable[..., Any])


class no_retry_waits:  # lower case: used like a function, `with no_retry_waits():`
    """While active, the SDK's retries do not wait: each wait is recorded instead.

    The retries themselves happen as in production (same attempts, same errors); only
    the backoff or Retry-After wait between them is skipped. A context manager that
    gives the list of the seconds each retry would have waited, a decorator (of a sync
    or async function), or a pytest fixture:

    ```python
    from herohealth.testing import no_retry_waits

    async def test_retries_twice(hero):
        with no_retry_waits() as waits:
            await hero.patients.get("1234")  # after two 503s
        assert len(waits) == 2

    @no_retry_waits()
    async def test_gives_up(hero): ...

    @pytest.fixture
    def waits():
        with no_retry_waits() as waits:
            yield waits
    ```
    """

    def __init__(self) -> None:
        self.waits: list[float] = []

    def __enter__(self) -> list[float]:
        retry_wait_recorders.append(self.waits)
        return self.waits

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        # By identity: another block's list may hold the same waits.
        retry_wait_recorders[:] = [r for r in retry_wait_recorders if r is not self.waits]

    def __call__(self, function: F) -> F:
        if inspect.iscoroutinefunction(function):

            @functools.wraps(function)
            async def run_async(*args: Any, **kwargs: Any) -> Any:
                with self:
                    return await function(*args, **kwargs)

            return cast(F, run_async)

        @functools.wraps(function)
        def run(*args: Any, **kwargs: Any) -> Any:
            with self:
                return function(*args, **kwargs)

        return cast(F, run)
