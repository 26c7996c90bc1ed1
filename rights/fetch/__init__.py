"""Fetching over HTTP(S): the only package that uses httpx (and aiohttp, as httpx's transport).

- `Fetcher` (async, in `fetcher`): the crawler's fetch, for every pipeline. Robots.txt, one request per host
  with a delay, SSRF guard on every connection, size and time limits, redirects checked hop by hop, retries
  that honour Retry-After, a per-host circuit breaker, conditional requests.
- `fetch_page(url, settings)`: the same for one page, synchronously (a thin wrapper).
- `decode` (bounded decompression), `policy` (retry/backoff/host state), `transport` (client + guard hooks).

Failures raise `FetchError(url, reason, detail)` with a stable reason code: bad_url, blocked_address,
robots_disallowed, robots_unreachable, crawl_delay_too_long, too_large, timeout, timeout_total,
too_many_redirects, bad_redirect, not_html, bad_encoding, http_status (detail: the status), network_error,
tls_error, protocol_error, host_deferred, host_failing.
"""

from __future__ import annotations

import asyncio

from rights.config import Settings
from rights.errors import InputError
from rights.fetch.fetcher import ANY, HTML, Fetcher, RobotsCache, host_key, origin_of
from rights.guard import parse_resolve
from rights.models import Fetched
from rights.urls import check_url


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


__all__ = ["ANY", "HTML", "Fetcher", "InputError", "RobotsCache", "fetch_page", "host_key", "origin_of"]
