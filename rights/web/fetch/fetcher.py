"""`Fetcher`: the one async implementation every pipeline fetches through.

    async with Fetcher(settings, cache=store) as fetcher:
        page = await fetcher.fetch(url, etag=..., last_modified=...)   # Fetched, or raises FetchError

Per request, in order: URL checks and the SSRF pre-check (every hop), robots.txt for the hop's origin (cached
per run, and in `cache` for `robots_ttl`), the host's single slot and delay, then one HTTP exchange under a
total deadline (httpx's timeouts are per read: a slow drip passes them), with the body read raw and decoded
under the size limit, and redirects followed by hand (at most `max_redirects`, each target checked). Around
that: retries with backoff on 429/5xx and transient network errors, Retry-After honoured or the host deferred,
and the per-host circuit breaker.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from functools import lru_cache
from typing import Protocol
from urllib.parse import urlsplit

import httpx

from rights.config import PRODUCT_TOKEN, Settings
from rights.errors import FetchError, InputError
from rights.page import sniff_not_html
from rights.store.models import RobotsRecord
from rights.urls import absolute, check_url, normalize
from rights.web.fetch.compression import BadEncodingError, BodyReader, TooLargeError
from rights.web.fetch.politeness import RETRY_STATUSES, HostState, backoff, parse_retry_after
from rights.web.fetch.transport import Client, Failure, build_client, classify
from rights.web.guard import BlockedAddressError, Guard
from rights.web.models import Fetched
from rights.web.robots_txt import MAX_ROBOTS_BYTES, RobotsRules, rules_for_response, unreachable

REDIRECTS = frozenset({301, 302, 303, 307, 308})
HTML, ANY = "html", "any"
_BINARY_TYPES = (
    "image/", "audio/", "video/", "font/", "application/pdf", "application/zip", "application/gzip",
    "application/x-gzip", "application/octet-stream", "application/vnd.", "application/msword",
)  # fmt: skip


class RobotsCache(Protocol):
    """Where robots.txt answers outlive the run (the Store implements it)."""

    def get_robots(self, origin: str) -> RobotsRecord | None: ...

    def save_robots(self, record: RobotsRecord) -> None: ...


class TransportFailure(Exception):
    def __init__(self, failure: Failure) -> None:
        super().__init__(f"{failure.reason}: {failure.detail}")
        self.failure = failure


@dataclass(frozen=True)
class _Hop:
    status: int
    headers: Mapping[str, str]
    body: bytes = b""
    location: str | None = None


@lru_cache(maxsize=8192)
def origin_of(url: str) -> str:
    """`scheme://host[:port]`, normalised (lower case, punycode, default port dropped)."""
    parts = urlsplit(normalize(url))
    return f"{parts.scheme}://{parts.netloc}"


def without_userinfo(url: str) -> str:
    """Credentials in a URL are dropped, never sent, stored or logged."""
    parts = urlsplit(url)
    if "@" not in parts.netloc:
        return url
    return parts._replace(netloc=parts.netloc.rsplit("@", 1)[1]).geturl()


@lru_cache(maxsize=8192)
def host_key(url: str) -> str:
    return urlsplit(normalize(url)).hostname or ""


def _now() -> datetime:
    return datetime.now(UTC)


class Fetcher:
    """Polite, guarded, size- and time-limited fetching. Use as an async context manager."""

    def __init__(
        self,
        settings: Settings,
        *,
        cache: RobotsCache | None = None,
        guard: Guard | None = None,
        transport: str | None = None,
        token: str = PRODUCT_TOKEN,
    ) -> None:
        self.settings = settings
        self.cache = cache
        self.guard = guard or Guard(allow_private=settings.allow_private, resolve=settings.resolve)
        self.transport = transport or settings.transport
        self.token = token
        self.requests = 0  # HTTP requests sent (robots.txt included)
        self._client: Client | None = None
        self._hosts: dict[str, HostState] = {}
        self._robots: dict[str, RobotsRules] = {}
        self._robots_raw: dict[
            str, tuple[int, bytes]
        ] = {}  # origin -> (status, body): read for AI preferences
        self._robots_locks: dict[str, asyncio.Lock] = {}
        # Told of every robots.txt response fetched (not of one read from the cache): a crawl's WARC evidence.
        self.on_robots: Callable[[Fetched], None] | None = None

    async def __aenter__(self) -> Fetcher:
        self._client = build_client(self.settings, self.guard, transport=self.transport)
        return self

    async def __aexit__(self, *exc: object) -> None:
        await self.aclose()

    async def aclose(self) -> None:
        client, self._client = self._client, None
        if client is not None:
            await client.aclose()
            await asyncio.sleep(0)  # let the transports finish closing

    def host(self, url: str) -> HostState:
        key = host_key(url)
        state = self._hosts.get(key)
        if state is None:
            state = self._hosts[key] = HostState(limit=self.settings.max_per_host)
        return state

    # --------------------------------------------------------------------------------------- public

    async def fetch(
        self, url: str, *, etag: str | None = None, last_modified: str | None = None, accept: str = HTML
    ) -> Fetched:
        """GET `url` politely: a 2xx (or 304 for a conditional request), else raises FetchError."""
        try:
            url = without_userinfo(check_url(url))
        except InputError as exc:
            raise FetchError(url, "bad_url", str(exc)) from None
        headers = {}
        if etag:
            headers["If-None-Match"] = etag
        if last_modified:
            headers["If-Modified-Since"] = last_modified
        attempt = 0
        while True:
            host = self.host(url)
            self._check_host(url, host)
            try:
                fetched = await self._exchange(url, headers, accept, self.settings.max_bytes, robots=True)
            except TransportFailure as exc:
                host.failed()
                if attempt < min(exc.failure.retries, self.settings.retries) and not host.broken:
                    await asyncio.sleep(backoff(attempt))
                    attempt += 1
                    continue
                raise FetchError(url, exc.failure.reason, exc.failure.detail) from None
            if fetched.status in RETRY_STATUSES:
                wait = self._retry_wait(url, host, fetched, attempt)
                if attempt < self.settings.retries:
                    host.wait_at_least(wait)
                    attempt += 1
                    continue
                host.failed()
                raise FetchError(url, "http_status", str(fetched.status))
            host.succeeded()
            if fetched.status == 304 or 200 <= fetched.status < 300:
                return fetched
            raise FetchError(url, "http_status", str(fetched.status))

    async def fetch_many(self, urls: Iterable[str], *, accept: str = HTML) -> list[Fetched | FetchError]:
        """Fetch several URLs concurrently (still one request per host at a time); errors are returned."""

        async def one(url: str) -> Fetched | FetchError:
            try:
                return await self.fetch(url, accept=accept)
            except FetchError as exc:
                return exc

        return list(await asyncio.gather(*(one(url) for url in urls)))

    async def robots(self, url: str) -> RobotsRules:
        """The robots.txt rules for `url`'s origin (fetched once per run, cached for `robots_ttl`)."""
        origin = origin_of(url)
        rules = self._robots.get(origin)
        if rules is not None:
            return rules
        lock = self._robots_locks.setdefault(origin, asyncio.Lock())
        async with lock:
            rules = self._robots.get(origin)
            if rules is None:
                rules = self._cached_robots(origin) or await self._fetch_robots(origin)
                self._robots[origin] = rules
        return rules

    async def robots_response(self, url: str) -> tuple[int, bytes]:
        """The robots.txt response of `url`'s origin as (status after redirects, body); status 0 when it could
        not be fetched. Fetched (or read from the cache) once, with the rules."""
        await self.robots(url)
        return self._robots_raw.get(origin_of(url), (0, b""))

    # -------------------------------------------------------------------------------------- helpers

    def _check_host(self, url: str, host: HostState) -> None:
        if host.broken:
            raise FetchError(url, "host_failing", f"{host.failures} consecutive failures on this host")
        deferred = host.deferred_for()
        if deferred > 0:
            raise FetchError(url, "host_deferred", f"the host asked us to come back in {deferred:.0f} s")

    def _retry_wait(self, url: str, host: HostState, fetched: Fetched, attempt: int) -> float:
        wait = parse_retry_after(fetched.headers.get("retry-after"), cap=self.settings.max_retry_after)
        wait = backoff(attempt) if wait is None else wait
        if wait > self.settings.max_retry_wait:
            host.defer(wait)
            raise FetchError(url, "host_deferred", f"HTTP {fetched.status}, Retry-After {wait:.0f} s")
        return wait

    async def _obey_robots(self, url: str, hop: str) -> None:
        if not self.settings.obey_robots:
            return
        rules = await self.robots(hop)
        if rules.status == 0 and rules.disallow_all:
            detail = rules.note.removeprefix("unreachable: ")
            if detail.startswith("blocked_address "):  # the guard refused the origin: say so
                raise FetchError(url, "blocked_address", detail.removeprefix("blocked_address "))
            raise FetchError(url, "robots_unreachable", detail)
        if not rules.allows(hop):
            raise FetchError(url, "robots_disallowed", hop)
        delay = rules.crawl_delay or 0.0
        if delay > self.settings.max_crawl_delay:
            raise FetchError(
                url, "crawl_delay_too_long", f"Crawl-delay {delay:g} s > {self.settings.max_crawl_delay:g}"
            )
        self.host(hop).crawl_delay = delay

    def _cached_robots(self, origin: str) -> RobotsRules | None:
        record = self.cache.get_robots(origin) if self.cache is not None else None
        if record is None:
            return None
        self._robots_raw[origin] = (record.status, record.body.encode())
        return rules_for_response(
            record.status,
            record.body.encode(),
            token=self.token,
            auth_disallows=self.settings.robots_auth_disallows,
            note=record.note,
        )

    async def _fetch_robots(self, origin: str) -> RobotsRules:
        url = origin + "/robots.txt"
        try:
            fetched = await self._exchange(url, {}, ANY, MAX_ROBOTS_BYTES, robots=False, truncate=True)
        except FetchError as exc:
            if exc.reason in ("too_many_redirects", "bad_redirect"):
                self._robots_raw[origin] = (404, b"")
                return RobotsRules(status=404, allow_all=True, note=f"unavailable: {exc.reason}")
            return unreachable(f"{exc.reason} {exc.detail}".strip())
        except TransportFailure as exc:
            return unreachable(f"{exc.failure.reason} {exc.failure.detail}".strip())
        self._robots_raw[origin] = (fetched.status, fetched.content)
        if self.on_robots is not None:
            self.on_robots(fetched)
        rules = rules_for_response(fetched.status, fetched.content, token=self.token,
                                   auth_disallows=self.settings.robots_auth_disallows)  # fmt: skip
        if rules.cacheable and self.cache is not None:
            now = _now()
            text = fetched.content.decode("utf-8", "replace") if 200 <= fetched.status < 300 else ""
            expires = now + timedelta(seconds=self.settings.robots_ttl)
            record = RobotsRecord(
                origin,
                now.isoformat(timespec="microseconds"),
                fetched.status,
                text,
                expires.isoformat(timespec="microseconds"),
                rules.note,
            )
            self.cache.save_robots(record)
        return rules

    async def _exchange(
        self,
        url: str,
        headers: Mapping[str, str],
        accept: str,
        limit: int,
        *,
        robots: bool,
        truncate: bool = False,
    ) -> Fetched:
        """One request, redirects followed by hand; every hop vetted, robots-checked and deadline-bound."""
        started = time.monotonic()
        current, chain = url, list[str]()
        while True:
            try:
                self.guard.check_target(current)
            except BlockedAddressError as exc:
                raise FetchError(url, "blocked_address", str(exc)) from None
            if robots:
                await self._obey_robots(url, current)
            hop = await self._hop(url, current, headers, accept, limit, truncate)
            if hop.location is None:
                return Fetched(url=url, final_url=current, status=hop.status, headers=hop.headers,
                               content=hop.body, redirects=tuple(chain), elapsed=time.monotonic() - started,
                               fetched_at=_now().isoformat(timespec="seconds"))  # fmt: skip
            if len(chain) >= self.settings.max_redirects:
                raise FetchError(
                    url, "too_many_redirects", f"more than {self.settings.max_redirects} redirects"
                )
            chain.append(current)
            current = self._redirect_target(url, current, hop.location)

    @staticmethod
    def _redirect_target(url: str, current: str, location: str) -> str:
        target = absolute(current, location)
        if target is None:
            raise FetchError(url, "bad_redirect", f"redirect to {location[:200]!r}")
        try:
            return without_userinfo(check_url(target))
        except InputError as exc:
            raise FetchError(url, "bad_redirect", str(exc)) from None

    async def _hop(
        self, url: str, current: str, headers: Mapping[str, str], accept: str, limit: int, truncate: bool
    ) -> _Hop:
        assert self._client is not None, "use Fetcher as an async context manager"
        async with self.host(current).slot(self.settings.delay):
            deadline = asyncio.timeout(self.settings.total_timeout)
            try:
                async with deadline, self._client.stream(current, headers) as response:
                    self.requests += 1
                    return await self._answer(url, response, accept, limit, truncate)
            except FetchError:
                raise
            except TimeoutError as exc:
                if deadline.expired():
                    detail = f"no complete answer within {self.settings.total_timeout:g} s"
                    raise FetchError(url, "timeout_total", detail) from None
                raise TransportFailure(classify(exc)) from None
            except Exception as exc:  # anything else from the client: classified, maybe retried
                raise TransportFailure(classify(exc)) from None

    async def _answer(
        self, url: str, response: httpx.Response, accept: str, limit: int, truncate: bool
    ) -> _Hop:
        headers = {key.lower(): value for key, value in response.headers.items()}
        status = response.status_code
        if status in REDIRECTS and "location" in headers:
            return _Hop(status, headers, location=headers["location"])
        if not 200 <= status < 300:
            return _Hop(status, headers)
        content_type = headers.get("content-type", "").lower()
        if accept == HTML and content_type.startswith(_BINARY_TYPES):
            raise FetchError(url, "not_html", content_type.split(";")[0])
        length = headers.get("content-length", "")
        if not truncate and length.isdigit() and int(length) > limit:
            raise FetchError(url, "too_large", f"Content-Length {length} exceeds the limit of {limit} bytes")
        body = await self._read(url, response, headers.get("content-encoding"), limit, truncate)
        if accept == HTML:
            what = sniff_not_html(body)
            if what is not None:
                raise FetchError(url, "not_html", what)
        return _Hop(status, headers, body)

    @staticmethod
    async def _read(
        url: str, response: httpx.Response, encoding: str | None, limit: int, truncate: bool
    ) -> bytes:
        try:
            reader = BodyReader(encoding, limit, truncate=truncate)
            async for chunk in response.aiter_raw():
                reader.feed(chunk)
                if reader.truncated:
                    break
            return reader.finish()
        except TooLargeError as exc:
            raise FetchError(url, "too_large", str(exc)) from None
        except BadEncodingError as exc:
            raise FetchError(url, "bad_encoding", str(exc)) from None
