"""Pages over Hero's `{"data": [...], "count": N}` list envelopes.

Every list method returns an `AsyncPaginator`:

```python
async for patient in hero.patients.list():      # every item, one request per page, lazily
    ...
page = await hero.patients.list()               # the first Page: .data, .count
patients = await hero.patients.list().to_list(limit=500)
```

Which requests fetch which page is decided in one place, `PageRule`, from the
operation itself: an operation that declares Hero's `page_index`/`page_size` query
parameters is paged with them; one that declares none (every Patients operation in
Hero's reference today) answers with one envelope, and no further request is made.
`count` is the total across pages; when Hero reports more than it sent and there is
no way to ask for the rest (no paging parameters, or Hero sent an empty page), the page
shows it (`page.count > len(page.data)`) and a warning is logged, rather than raising,
silently truncating or looping.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import AsyncIterator, Awaitable, Callable, Generator, Iterator
from typing import Any, Generic, TypeVar

from attrs import field, frozen

from herohealth._config import DEFAULT_PAGE_SIZE
from herohealth._errors import HeroError, InvalidInputError
from herohealth._validation import whole_number

__all__ = ["AsyncPaginator", "Page", "PageRule", "PaginationError"]

logger = logging.getLogger("herohealth")

Item = TypeVar("Item")

# The page request: the query parameters to add for one page.
PageParams = dict[str, Any]
Fetch = Callable[[PageParams], Awaitable[tuple[list[Item], int]]]


class PaginationError(HeroError):
    """Hero's pages do not add up (a page repeated), or there is no next page to fetch."""


@frozen
class PageRule:
    """How an operation's pages are asked for.

    `page_size` None: the operation declares no paging parameters, and its first envelope
    is the whole answer. Otherwise Hero's convention: `page_index` (from 0) and `page_size`.
    """

    page_size: int | None = None

    @classmethod
    def for_operation(cls, page_params: bool, page_size: int | None = None) -> PageRule:
        """The rule for an operation that declares `page_index`/`page_size` (or does not)."""
        if not page_params:
            if page_size is not None:
                raise InvalidInputError("page_size", "this operation has no paging parameters")
            return cls()
        if page_size is None:
            return cls(DEFAULT_PAGE_SIZE)
        return cls(whole_number(page_size, "page_size", 1))

    def first(self) -> PageParams:
        return {} if self.page_size is None else {"page_index": 0, "page_size": self.page_size}

    def after(self, page: Page[Any], received: int) -> PageParams | None:
        # An empty page ends the pages even when `count` promised more: asking for the
        # next index could only repeat the emptiness (or loop). The paginator logs it.
        if self.page_size is None or received >= page.count or not page.data:
            return None
        return {"page_index": page.index + 1, "page_size": self.page_size}


@frozen
class Page(Generic[Item]):
    """One envelope: `data` (this page's items) and `count` (the total across pages)."""

    data: list[Item]
    count: int
    index: int = 0
    _paginator: AsyncPaginator[Item] | None = field(default=None, repr=False, eq=False)
    _received: int = field(default=0, repr=False, eq=False)

    def has_next_page(self) -> bool:
        """Whether another request would return more items."""
        return self._next_params() is not None

    async def next_page(self) -> Page[Item]:
        """The following page; `PaginationError` when there is none (see `has_next_page`)."""
        params = self._next_params()
        if params is None or self._paginator is None:
            raise PaginationError("there is no next page")
        return await self._paginator._fetch_page(params, _Trail.of(self))

    def _next_params(self) -> PageParams | None:
        if self._paginator is None:
            return None
        return self._paginator.rule.after(self, self._received)


@frozen
class _Trail:
    """What the next page is checked against: how far the pages got, and the last page's
    length, first and last item, rather than the page itself.

    Iterating keeps only this while the next page is fetched, so the previous page's items
    are freed first (unless the caller holds them). A page as long as the last one, that
    starts and ends with the same items, repeats it: in a listing each item comes once.
    """

    index: int
    received: int
    length: int
    first: Any
    last: Any

    @classmethod
    def of(cls, page: Page[Any]) -> _Trail:
        data = page.data
        first, last = (data[0], data[-1]) if data else (None, None)
        return cls(page.index, page._received, len(data), first, last)

    def repeated_by(self, data: list[Any]) -> bool:
        return bool(data) and (len(data), data[0], data[-1]) == (self.length, self.first, self.last)


class AsyncPaginator(Generic[Item]):
    """Items of a list operation across pages: `async for`, `await` (first page), `to_list`.

    Nothing is requested until it is awaited or iterated; iterating requests one
    page at a time and keeps only the current page in memory.
    """

    def __init__(self, fetch: Fetch[Item], rule: PageRule, *, name: str = "list") -> None:
        self._fetch = fetch
        self.rule = rule
        self._name = name

    def __await__(self) -> Generator[Any, None, Page[Item]]:
        return self._fetch_page(self.rule.first(), None).__await__()

    def __aiter__(self) -> AsyncIterator[Item]:
        return _Items(self)

    async def to_list(self, limit: int | None = None) -> list[Item]:
        """Collect the items, stopping after `limit` of them (no further page is fetched)."""
        if limit is not None and (isinstance(limit, bool) or not isinstance(limit, int)):
            raise InvalidInputError("limit", "must be a whole number")
        items: list[Item] = []
        if limit is not None and limit <= 0:
            return items
        async for item in self:
            items.append(item)
            if limit is not None and len(items) >= limit:
                break
        return items

    async def _fetch_page(self, params: PageParams, trail: _Trail | None) -> Page[Item]:
        if trail is not None:
            # A turn for the event loop between pages: other tasks run, and the loop drops
            # the cancelled timers of the last page's request, even over a transport that
            # answers without waiting (an in-process app or mock), where nothing else yields.
            await asyncio.sleep(0)
        data, count = await self._fetch(params)
        index = 0 if trail is None else trail.index + 1
        received = (trail.received if trail else 0) + len(data)
        if trail is not None and trail.repeated_by(data):
            raise PaginationError(
                f"{self._name}: page {index} repeats page {trail.index}; stopping"
            )
        page = Page(data, count, index, self, received)
        if received < count and page._next_params() is None:
            reason = (
                f"page {index} came back empty"
                if not data
                else "the operation has no paging parameters to ask for the rest"
            )
            logger.warning(
                "%s: Hero reported %d items but sent %d; stopping (%s; see page.count)",
                self._name,
                count,
                received,
                reason,
            )
        return page


class _Items(AsyncIterator[Item]):
    """`async for` over a paginator: the items of one page, then the next page's.

    It holds the current page's items and, for the next page, only its request and `_Trail`:
    the items of a page are freed (unless the caller keeps them) before the next page is
    fetched. A plain iterator rather than an async generator, so that a caller who stops
    early (`break`, `to_list(limit=...)`) frees the page by dropping it, where an abandoned
    generator keeps its page until the event loop gets round to finalizing it.
    """

    def __init__(self, paginator: AsyncPaginator[Item]) -> None:
        self._paginator = paginator
        self._items: Iterator[Item] = iter(())
        # The next page's request and what it is checked against; None: no page left.
        self._next: tuple[PageParams, _Trail | None] | None = (paginator.rule.first(), None)

    async def __anext__(self) -> Item:
        while True:
            for item in self._items:  # a list iterator lets go of its list when exhausted
                return item
            if self._next is None:
                raise StopAsyncIteration
            (params, trail), self._next = self._next, None  # a failed fetch ends the items
            page = await self._paginator._fetch_page(params, trail)
            following = page._next_params()
            self._next = None if following is None else (following, _Trail.of(page))
            self._items = iter(page.data)
