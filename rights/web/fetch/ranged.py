"""Web archives over HTTP(S): the size of a remote file, and a byte range of it as a stream (synchronous).

`probe(url, settings)` sends one HEAD and returns the file's size and whether the server takes Range
requests; `open_range(url, settings, start)` streams the file from byte `start` to its end (`Range:
bytes=START-`) as a file object with `read(n)` and `tell()` (the absolute offset), which warcio reads
record by record: nothing is written to disk and the caller stops reading (closes) when its range is done.

Every connection goes through the SSRF guard (`Guard.resolve` on the connection itself; `check_target` on
every URL and redirect hop), as the crawler's do, with `Settings.allow_private` and `Settings.resolve`. Not
the crawler's politeness: these are data files the user named, read once each, like `curl URL`; robots.txt
is not consulted. No cookies, no environment proxies, certificates verified, `Accept-Encoding: identity`
(a `.warc.gz` is read as the bytes it is).
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from dataclasses import dataclass

import httpx

from rights.config import Settings
from rights.errors import FetchError
from rights.web.fetch.transport import GuardedSyncBackend
from rights.web.guard import BlockedAddressError, Guard, ResolveError


@dataclass(frozen=True, slots=True)
class Probe:
    """What a HEAD says about a remote archive."""

    url: str  # after redirects
    size: int | None  # Content-Length, if given
    ranges: bool  # Accept-Ranges: bytes


def _client(settings: Settings) -> httpx.Client:
    guard = Guard(allow_private=settings.allow_private, resolve=settings.resolve)
    transport = httpx.HTTPTransport(verify=True, trust_env=False, retries=1)
    transport._pool._network_backend = GuardedSyncBackend(guard)

    def vet(request: httpx.Request) -> None:
        guard.check_target(str(request.url))

    return httpx.Client(
        transport=transport, trust_env=False, follow_redirects=True, max_redirects=settings.max_redirects,
        timeout=httpx.Timeout(settings.read_timeout, connect=settings.connect_timeout),
        headers={"User-Agent": settings.user_agent, "Accept-Encoding": "identity"},
        event_hooks={"request": [vet]},
    )  # fmt: skip


@contextlib.contextmanager
def _failures(url: str) -> Iterator[None]:
    """Transport errors as `FetchError(url, reason)`."""
    try:
        yield
    except BlockedAddressError as exc:
        raise FetchError(url, "blocked_address", str(exc)) from exc
    except ResolveError as exc:
        raise FetchError(url, "network_error", str(exc)) from exc
    except httpx.TooManyRedirects as exc:
        raise FetchError(url, "too_many_redirects") from exc
    except httpx.TimeoutException as exc:
        raise FetchError(url, "timeout", type(exc).__name__) from exc
    except httpx.HTTPError as exc:
        raise FetchError(url, "network_error", str(exc) or type(exc).__name__) from exc


def probe(url: str, settings: Settings) -> Probe:
    """HEAD the archive: its size and whether it can be read by ranges. A server that refuses HEAD (405, or
    403 as signed object-store URLs do) is asked for its first byte instead. Raises `FetchError`."""
    with _failures(url), _client(settings) as client:
        response = client.head(url)
        if response.status_code in (403, 405, 501):
            with client.stream("GET", url, headers={"Range": "bytes=0-0"}) as first:
                response = first
    if response.status_code == 206:  # Content-Range: bytes 0-0/SIZE
        total = response.headers.get("content-range", "").rpartition("/")[2]
        return Probe(str(response.url), int(total) if total.isdigit() else None, True)
    if response.status_code != 200:
        raise FetchError(url, "http_status", str(response.status_code))
    length = response.headers.get("content-length", "")
    ranges = response.headers.get("accept-ranges", "").strip().lower() == "bytes"
    return Probe(str(response.url), int(length) if length.isdigit() else None, ranges)


class RangeStream:
    """The body of a GET from `start` on, read as a file: `read(n)`, `tell()` (absolute), `close()`."""

    def __init__(self, chunks: Iterator[bytes], start: int) -> None:
        self._chunks = chunks
        self._chunk, self._at = b"", 0  # the chunk being read, and how far
        self._position = start

    def read(self, size: int = -1) -> bytes:
        out = bytearray()
        while size < 0 or len(out) < size:
            if self._at >= len(self._chunk):
                chunk = next(self._chunks, None)
                if chunk is None:
                    break
                self._chunk, self._at = chunk, 0
                continue
            take = (
                len(self._chunk) - self._at if size < 0 else min(size - len(out), len(self._chunk) - self._at)
            )
            out += self._chunk[self._at : self._at + take]
            self._at += take
        self._position += len(out)
        return bytes(out)

    def tell(self) -> int:
        return self._position

    def close(self) -> None:
        self._chunks = iter(())


@contextlib.contextmanager
def open_range(url: str, settings: Settings, start: int = 0) -> Iterator[RangeStream]:
    """Stream `url` from byte `start` to its end. Raises `FetchError` (a server that ignores the Range of a
    `start` > 0 is one: reading its whole file for each range would be wrong, not just slow)."""
    headers = {"Range": f"bytes={start}-"} if start else {}
    with _failures(url), _client(settings) as client, client.stream("GET", url, headers=headers) as response:
        expected = 206 if start else 200
        if response.status_code != expected and not (start == 0 and response.status_code == 206):
            ignored = start and response.is_success
            detail = (
                f"{response.status_code}: the Range request was ignored"
                if ignored
                else f"{response.status_code}"
            )
            raise FetchError(url, "http_status", detail)
        yield RangeStream(_guarded(url, response.iter_raw(1 << 16)), start)


def _guarded(url: str, chunks: Iterator[bytes]) -> Iterator[bytes]:
    with _failures(url):
        yield from chunks
