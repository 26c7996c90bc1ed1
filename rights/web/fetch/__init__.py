"""Fetching over HTTP(S): the only package that uses httpx (and aiohttp, as httpx's transport).

- `Fetcher` (async, in `fetcher`): the crawler's fetch, for every pipeline. Robots.txt, one request per host
  with a delay, SSRF guard on every connection, size and time limits, redirects checked hop by hop, retries
  that honour Retry-After, a per-host circuit breaker, conditional requests.
- `fetch_page(url, settings)`: the same for one page, synchronously (a thin wrapper); `SharedFetcher`: one
  Fetcher for many synchronous callers in several threads (batch checks share its politeness and robots.txt).
- `compression` (bounded decompression), `politeness` (retry/backoff/host state), `transport` (client +
  guard hooks), `sync` (`fetch_page`, `SharedFetcher`).

Failures raise `FetchError(url, reason, detail)` with a stable reason code: bad_url, blocked_address,
robots_disallowed, robots_unreachable, crawl_delay_too_long, too_large, timeout, timeout_total,
too_many_redirects, bad_redirect, not_html, bad_encoding, http_status (detail: the status), network_error,
tls_error, protocol_error, host_deferred, host_failing.

The names below are loaded on first use (PEP 562), so that `rights.web.fetch.compression`, which the parser processes
need, does not bring httpx and aiohttp with it (about 150 ms of imports for each worker process).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from rights import lazy_attributes

if TYPE_CHECKING:
    from rights.errors import InputError
    from rights.web.fetch.fetcher import ANY, HTML, Fetcher, RobotsCache, host_key, origin_of
    from rights.web.fetch.sync import SharedFetcher, fetch_page

_FETCHER = "rights.web.fetch.fetcher"
__getattr__ = lazy_attributes(__name__, {
    "ANY": _FETCHER, "HTML": _FETCHER, "Fetcher": _FETCHER, "RobotsCache": _FETCHER, "host_key": _FETCHER,
    "origin_of": _FETCHER, "fetch_page": "rights.web.fetch.sync",
    "SharedFetcher": "rights.web.fetch.sync", "InputError": "rights.errors",
})  # fmt: skip

__all__ = [
    "ANY",
    "HTML",
    "Fetcher",
    "InputError",
    "RobotsCache",
    "SharedFetcher",
    "fetch_page",
    "host_key",
    "origin_of",
]
