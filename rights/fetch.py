"""Fetching pages over HTTP(S). The only module that uses httpx.

This is the minimal safe fetch used by `inspect`: http/https only, connect/read timeouts plus a total
deadline, at most `max_redirects` redirects with every hop's scheme checked, a Content-Length check before
reading, and a cap on the body size. Compression is not requested (`Accept-Encoding: identity`), so a
compressed bomb cannot expand in memory.
"""

from __future__ import annotations

import time
from datetime import UTC, datetime

import httpx

from rights.config import Settings
from rights.errors import FetchError, InputError
from rights.models import Fetched
from rights.urls import absolute, check_url

_REDIRECTS = (301, 302, 303, 307, 308)


def _client(settings: Settings) -> httpx.Client:
    timeout = httpx.Timeout(settings.read_timeout, connect=settings.connect_timeout)
    return httpx.Client(
        timeout=timeout,
        follow_redirects=False,
        trust_env=False,
        headers={
            "User-Agent": settings.user_agent,
            "Accept-Encoding": "identity",
            "Accept": "text/html,application/xhtml+xml;q=0.9,*/*;q=0.5",
        },
    )


def _read_body(response: httpx.Response, url: str, settings: Settings, deadline: float) -> bytes:
    length = response.headers.get("content-length", "")
    if length.isdigit() and int(length) > settings.max_bytes:
        raise FetchError(url, "too_large", f"Content-Length {length} exceeds {settings.max_bytes} bytes")
    chunks: list[bytes] = []
    size = 0
    for chunk in response.iter_raw(65536):
        size += len(chunk)
        if size > settings.max_bytes:
            raise FetchError(url, "too_large", f"body exceeds {settings.max_bytes} bytes")
        if time.monotonic() > deadline:
            raise FetchError(url, "timeout_total", f"no complete answer within {settings.total_timeout:g} s")
        chunks.append(chunk)
    return b"".join(chunks)


def fetch_page(url: str, settings: Settings) -> Fetched:
    """GET one page, following at most `settings.max_redirects` redirects."""
    start = time.monotonic()
    deadline = start + settings.total_timeout
    current = check_url(url)
    redirects: list[str] = []
    with _client(settings) as client:
        while True:
            try:
                with client.stream("GET", current) as response:
                    if response.status_code in _REDIRECTS and "location" in response.headers:
                        target = absolute(current, response.headers["location"])
                        if target is None:
                            raise FetchError(
                                url, "bad_redirect", f"redirect to {response.headers['location']!r}"
                            )
                        try:
                            check_url(target)
                        except InputError as exc:
                            raise FetchError(url, "bad_redirect", str(exc)) from exc
                        if len(redirects) >= settings.max_redirects:
                            raise FetchError(url, "too_many_redirects", f"more than {settings.max_redirects}")
                        redirects.append(current)
                        current = target
                        continue
                    body = _read_body(response, url, settings, deadline)
                    return Fetched(
                        url=url,
                        final_url=current,
                        status=response.status_code,
                        headers=dict(response.headers),
                        content=body,
                        redirects=tuple(redirects),
                        elapsed=time.monotonic() - start,
                        fetched_at=datetime.now(UTC).isoformat(timespec="seconds"),
                    )
            except httpx.TimeoutException as exc:
                raise FetchError(url, "timeout", type(exc).__name__) from exc
            except httpx.TransportError as exc:
                raise FetchError(url, "network_error", str(exc) or type(exc).__name__) from exc
            except httpx.HTTPError as exc:
                raise FetchError(url, "http_error", str(exc) or type(exc).__name__) from exc
