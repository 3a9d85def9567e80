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

import logging
from collections.abc import AsyncIterator, Awaitable, Callable, Generator
from typing import Any, Generic, TypeVar

from attrs import field, frozen

from herohealth._config import DEFAULT_PAGE_SIZE
from herohealth._errors import HeroError, InvalidInputError

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
        if isinstance(page_size, bool) or not isinstance(page_size, int) or page_size < 1:
            raise InvalidInputError("page_size", "must be a whole number, 1 or more")
        return cls(page_size)

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
        return await self._paginator._fetch_page(params, self.index + 1, self)

    def _next_params(self) -> PageParams | None:
        if self._paginator is None:
            return None
        return self._paginator.rule.after(self, self._received)


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
        return self._fetch_page(self.rule.first(), 0, None).__await__()

    async def __aiter__(self) -> AsyncIterator[Item]:
        page: Page[Item] | None = await self
        while page is not None:
            for item in page.data:
                yield item
            page = await page.next_page() if page.has_next_page() else None

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

    async def _fetch_page(
        self, params: PageParams, index: int, previous: Page[Item] | None
    ) -> Page[Item]:
        data, count = await self._fetch(params)
        received = (previous._received if previous else 0) + len(data)
        if previous is not None and data and data == previous.data:
            raise PaginationError(
                f"{self._name}: page {index} repeats page {previous.index}; stopping"
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
