"""`fetch_page`: the crawler's fetch for one page, synchronously."""

from __future__ import annotations

import asyncio

from rights.config import Settings
from rights.urls import check_url
from rights.web.fetch.fetcher import HTML, Fetcher, RobotsCache
from rights.web.guard import parse_resolve
from rights.web.models import Fetched


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
