"""Synchronous fetching: `fetch_page` for one page, `SharedFetcher` for many pages checked from many threads."""

from __future__ import annotations

import asyncio
import threading
from collections.abc import Coroutine
from typing import TYPE_CHECKING, Any, TypeVar

from rights.config import Settings
from rights.urls import check_url
from rights.web.fetch.fetcher import HTML, Fetcher, RobotsCache
from rights.web.guard import parse_resolve
from rights.web.models import Fetched

if TYPE_CHECKING:
    from rights.page.models import Page
    from rights.web.site_ai import SiteAi, SiteReader

T = TypeVar("T")


def fetch_page(
    url: str, settings: Settings, *, cache: RobotsCache | None = None, accept: str = HTML
) -> Fetched:
    """Fetch one page through the crawler's rules. Bad input raises before any I/O."""
    url = check_url(url)
    parse_resolve(settings.resolve)

    async def run() -> Fetched:
        async with Fetcher(settings, cache=cache) as fetcher:
            return await fetcher.fetch(url, accept=accept)

    return asyncio.run(run())


class SharedFetcher:
    """One `Fetcher` for many synchronous callers, in any threads: one robots.txt cache, one slot per host.

        with SharedFetcher(settings) as shared:
            fetched = shared.fetch(url)       # from any thread; FetchError as with fetch_page

    The Fetcher lives in an event loop on a thread of its own, so callers in several threads share its
    politeness (one request per host at a time, the delay, Crawl-delay, the circuit breaker) and its
    robots.txt answers, exactly as the pages of one crawl do.
    """

    def __init__(self, settings: Settings, *, cache: RobotsCache | None = None) -> None:
        parse_resolve(settings.resolve)
        self.settings = settings
        self.cache = cache
        self._loop = asyncio.new_event_loop()
        self._thread = threading.Thread(target=self._loop.run_forever, name="rights-fetch", daemon=True)
        self._fetcher: Fetcher | None = None
        self._site: SiteReader | None = None

    @property
    def requests(self) -> int:
        """HTTP requests sent so far (robots.txt included)."""
        return self._fetcher.requests if self._fetcher is not None else 0

    def __enter__(self) -> SharedFetcher:
        self._thread.start()
        try:
            self._fetcher = self._run(self._open())
        except BaseException:
            self._stop()
            raise
        return self

    def __exit__(self, *exc: object) -> None:
        try:
            if self._fetcher is not None:
                self._run(self._fetcher.aclose())
            self._run(self._loop.shutdown_asyncgens())
        finally:
            self._stop()

    def _stop(self) -> None:
        self._loop.call_soon_threadsafe(self._loop.stop)
        self._thread.join()
        self._loop.close()

    def fetch(self, url: str, settings: Settings | None = None, *, accept: str = HTML) -> Fetched:
        """GET `url` through the shared Fetcher (`settings` is ignored: the fetcher's own apply)."""
        assert self._fetcher is not None, "use SharedFetcher as a context manager"
        return self._run(self._fetcher.fetch(check_url(url), accept=accept))

    def site_ai(self, page_url: str, page: Page | None = None) -> SiteAi:
        """The AI-usage preferences of the page's site (robots.txt, /.well-known/tdmrep.json, RSL documents),
        read through the shared fetcher; each origin's files are read once."""
        from rights.web.site_ai import SiteReader

        assert self._fetcher is not None, "use SharedFetcher as a context manager"
        if self._site is None:
            self._site = SiteReader(self._fetcher)
        return self._run(self._site.read(page_url, page))

    async def _open(self) -> Fetcher:
        fetcher = Fetcher(self.settings, cache=self.cache)
        return await fetcher.__aenter__()

    def _run(self, coro: Coroutine[Any, Any, T]) -> T:
        return asyncio.run_coroutine_threadsafe(coro, self._loop).result()
