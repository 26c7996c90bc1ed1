"""The HTTP client under the fetcher: an `httpx.AsyncClient` whose connections all go through the guard.

Two transports keep the httpx API:

- `aiohttp` (default): `httpx_aiohttp.AiohttpTransport` over an aiohttp session whose connector uses
  `GuardResolver`, so the connector can only connect to addresses the guard vetted (one resolution per
  connection: no rebinding window). Measured several times faster than httpx's own pool, which slows down as
  concurrency rises (encode/httpx#3215). See bench/bench_crawl.py and docs/crawling.md.
- `httpx`: httpx's own transport with `GuardedBackend` installed as the httpcore network backend (private
  attribute `_pool._network_backend`, pinned by the httpx version range and tested).

Both: no proxies or CA bundle from the environment (`trust_env=False`), no cookies, no automatic
redirects, raw bodies (the fetcher decodes them with limits), certificates always verified. `Client` sends
httpx requests straight to the transport (see its docstring for why not `httpx.AsyncClient`).
"""

from __future__ import annotations

import asyncio
import contextlib
import socket
import ssl
from collections.abc import AsyncIterator, Iterator, Mapping
from dataclasses import dataclass
from typing import Any

import aiohttp
import httpcore
import httpx
from aiohttp.abc import AbstractResolver, ResolveResult
from httpx_aiohttp import AiohttpTransport

from rights.config import Settings
from rights.errors import ConfigError
from rights.web.guard import BlockedAddressError, Guard, ResolveError

TRANSPORTS = ("aiohttp", "httpx")


class GuardResolver(AbstractResolver):
    """aiohttp resolver: the guard's vetted addresses are the only ones the connector may use."""

    def __init__(self, guard: Guard) -> None:
        self.guard = guard

    async def resolve(
        self, host: str, port: int = 0, family: socket.AddressFamily = socket.AF_INET
    ) -> list[ResolveResult]:
        pairs = await self.guard.resolve(host, port)
        return [
            ResolveResult(
                hostname=host,
                host=address,
                port=mapped_port,
                family=socket.AF_INET6 if ":" in address else socket.AF_INET,
                proto=0,
                flags=socket.AI_NUMERICHOST,
            )
            for address, mapped_port in pairs
        ]

    async def close(self) -> None:
        return None


class GuardedBackend(httpcore.AsyncNetworkBackend):
    """httpcore network backend: resolve through the guard, connect to a vetted address only."""

    def __init__(self, guard: Guard) -> None:
        self.guard = guard
        self.inner = httpcore.AnyIOBackend()

    async def connect_tcp(
        self,
        host: str,
        port: int,
        timeout: float | None = None,
        local_address: str | None = None,
        socket_options: Any = None,
    ) -> httpcore.AsyncNetworkStream:
        error: Exception | None = None
        for address, mapped_port in await self.guard.resolve(host, port):
            try:
                return await self.inner.connect_tcp(
                    address,
                    mapped_port,
                    timeout=timeout,
                    local_address=local_address,
                    socket_options=socket_options,
                )
            except (httpcore.ConnectError, httpcore.ConnectTimeout) as exc:
                error = exc
        assert error is not None
        raise error

    async def connect_unix_socket(
        self, path: str, timeout: float | None = None, socket_options: Any = None
    ) -> httpcore.AsyncNetworkStream:
        raise httpcore.ConnectError("unix sockets are not used by the crawler")

    async def sleep(self, seconds: float) -> None:
        await self.inner.sleep(seconds)


class GuardedSyncBackend(httpcore.NetworkBackend):
    """`GuardedBackend` for synchronous clients (reading remote archives by range, `ranged.py`).

    The guard resolves asynchronously; each connection runs that resolution to completion first."""

    def __init__(self, guard: Guard) -> None:
        self.guard = guard
        self.inner = httpcore.SyncBackend()

    def connect_tcp(
        self,
        host: str,
        port: int,
        timeout: float | None = None,
        local_address: str | None = None,
        socket_options: Any = None,
    ) -> httpcore.NetworkStream:
        error: Exception | None = None
        for address, mapped in asyncio.run(self.guard.resolve(host, port)):
            try:
                return self.inner.connect_tcp(
                    address,
                    mapped,
                    timeout=timeout,
                    local_address=local_address,
                    socket_options=socket_options,
                )
            except (httpcore.ConnectError, httpcore.ConnectTimeout) as exc:
                error = exc
        assert error is not None
        raise error


class Client:
    """httpx requests and responses over one transport, and nothing else.

    `httpx.AsyncClient` adds what the fetcher must not have or does itself: it keeps cookies, builds (and
    parses the Location of) a redirect request even when not following it, which raises on a malformed
    target, and it costs about a third of the per-page CPU. The fetcher follows redirects by hand.
    """

    def __init__(self, transport: httpx.AsyncBaseTransport, settings: Settings) -> None:
        self.transport = transport
        self.headers = {
            "User-Agent": settings.user_agent,
            "Accept": "text/html,application/xhtml+xml;q=0.9,application/xml;q=0.8,*/*;q=0.5",
            "Accept-Encoding": "gzip, deflate, br",
        }
        timeout = httpx.Timeout(
            settings.read_timeout, connect=settings.connect_timeout, pool=settings.total_timeout
        )
        self.extensions = {"timeout": timeout.as_dict()}

    @contextlib.asynccontextmanager
    async def stream(self, url: str, headers: Mapping[str, str]) -> AsyncIterator[httpx.Response]:
        """GET `url`; the response body is read by the caller (raw), and closed on exit."""
        request = httpx.Request("GET", url, headers={**self.headers, **headers}, extensions=self.extensions)
        response = await self.transport.handle_async_request(request)
        try:
            yield response
        finally:
            await response.aclose()

    async def aclose(self) -> None:
        await self.transport.aclose()


def _aiohttp_session(guard: Guard, settings: Settings, context: ssl.SSLContext) -> aiohttp.ClientSession:
    connector = aiohttp.TCPConnector(
        resolver=GuardResolver(guard),
        use_dns_cache=False,
        ssl=context,
        limit=max(16, settings.concurrency * 4),
        keepalive_timeout=15,
    )
    return aiohttp.ClientSession(
        connector=connector, cookie_jar=aiohttp.DummyCookieJar(), trust_env=False, auto_decompress=False
    )


def build_client(settings: Settings, guard: Guard, *, transport: str | None = None) -> Client:
    """The client for one Fetcher. Call inside the event loop that will use it; `aclose()` it."""
    kind = transport or getattr(settings, "transport", "aiohttp")
    if kind not in TRANSPORTS:
        raise ConfigError(f"setting transport: {kind!r} is not one of {', '.join(TRANSPORTS)}", "transport")
    context = httpx.create_ssl_context(verify=True, trust_env=False)
    limits = httpx.Limits(max_connections=max(16, settings.concurrency * 4), keepalive_expiry=15)
    base: httpx.AsyncBaseTransport
    if kind == "aiohttp":
        session = _aiohttp_session(guard, settings, context)
        base = AiohttpTransport(client=session, limits=limits, verify=context, trust_env=False)
    else:
        native = httpx.AsyncHTTPTransport(verify=context, trust_env=False, limits=limits, retries=0)
        native._pool._network_backend = GuardedBackend(guard)
        base = native
    return Client(base, settings)


# ---------------------------------------------------------------------------------- error classification


@dataclass(frozen=True)
class Failure:
    """A transport failure, classified: a stable reason code, a detail, and how often it may be retried."""

    reason: str
    detail: str
    retries: int  # 0 never, 1 once, 9 up to the configured number


def _chain(exc: BaseException) -> Iterator[BaseException]:
    seen: set[int] = set()
    current: BaseException | None = exc
    while current is not None and id(current) not in seen:
        seen.add(id(current))
        yield current
        current = current.__cause__ or current.__context__


_RULES: list[tuple[tuple[type[BaseException], ...], str, str, int]] = [
    ((BlockedAddressError,), "blocked_address", "", 0),
    ((ResolveError, aiohttp.ClientConnectorDNSError), "network_error", "no such host", 0),
    ((ssl.SSLError, ssl.CertificateError, aiohttp.ClientSSLError), "tls_error", "", 0),
    (
        (aiohttp.ConnectionTimeoutError, httpx.ConnectTimeout, httpcore.ConnectTimeout),
        "timeout", "connect", 9,
    ),
    (
        (aiohttp.ServerTimeoutError, httpx.ReadTimeout, httpx.WriteTimeout, httpx.PoolTimeout),
        "timeout", "read", 9,
    ),
    ((aiohttp.ClientConnectorError, httpx.ConnectError, ConnectionRefusedError), "network_error", "", 1),
    (
        (aiohttp.ServerDisconnectedError, aiohttp.ClientPayloadError, aiohttp.ClientResponseError,
         httpx.RemoteProtocolError, httpx.LocalProtocolError, httpcore.RemoteProtocolError),
        "protocol_error", "", 1,
    ),
]  # fmt: skip


def classify(exc: BaseException) -> Failure:
    """Map any exception from the client to a Failure."""
    for link in reversed(list(_chain(exc))):  # the root cause first: wrappers may mislabel it
        for types, reason, detail, retries in _RULES:
            if isinstance(link, types):
                text = detail or str(link).strip() or type(link).__name__
                if reason in ("network_error", "protocol_error", "tls_error") and detail:
                    text = f"{detail}: {link}".strip(": ")
                return Failure(reason, text[:300], retries)
    return Failure("network_error", (str(exc) or type(exc).__name__)[:300], 1)
