"""A real HTTP server on loopback that serves the fixture web (`fixtures/sites/<host>/`) by Host header.

    with SiteServer(FIXTURE_SITES) as server:
        server.url("blog.crawl.test", "/posts/")       # http://blog.crawl.test:PORT/posts/
        settings = Settings(resolve=server.resolve, allow_private=True)

What it serves, for any folder under `fixtures/sites/` (no code change needed to add a host):
- files, with content types from the extension, `/dir/` -> `dir/index.html`, `/dir` -> 301 to `/dir/`;
- ETag and Last-Modified on every file, and 304 for a matching If-None-Match / If-Modified-Since;
- `<file>.http` sidecars: first line `STATUS [reason]`, then `Header: value` lines; the file, if any, is the
  body;
- fault endpoints on every host under `/_fault/<name>?params` (see `FAULTS`; bombs are generated in memory);
- generated hosts `gen<N>.crawl.test`: a tree of N pages (`/p/<i>.html` links to its children);
- runtime routes for one test: `with server.route(host, path, status=503, headers=..., body=...): ...`.

Every request is logged (`server.requests(host=..., path=...)`), so tests can prove what was (not) fetched.
See docs/testing.md.
"""

from __future__ import annotations

import contextlib
import gzip
import hashlib
import ssl
import threading
import time
import zlib
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from email.utils import format_datetime, parsedate_to_datetime
from functools import lru_cache
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import parse_qsl, urlsplit

import brotli

FIXTURE_SITES = Path(__file__).resolve().parent.parent / "fixtures" / "sites"
MIB = 1 << 20
TYPES = {
    ".html": "text/html; charset=utf-8", ".htm": "text/html; charset=utf-8",
    ".txt": "text/plain; charset=utf-8",
    ".xml": "application/xml", ".rss": "application/rss+xml", ".atom": "application/atom+xml",
    ".json": "application/json", ".gz": "application/gzip", ".pdf": "application/pdf", ".png": "image/png",
    ".jpg": "image/jpeg", ".css": "text/css", ".js": "text/javascript",
}  # fmt: skip


@dataclass(frozen=True)
class Request:
    host: str
    path: str  # with the query string
    method: str
    headers: Mapping[str, str]
    at: float = field(default_factory=time.monotonic)


@dataclass
class Route:
    status: int = 200
    headers: Mapping[str, str] = field(default_factory=dict)
    body: bytes = b""
    handler: Callable[[Handler], None] | None = None


# ------------------------------------------------------------------------------------------ bombs


@lru_cache(maxsize=8)
def bomb(kind: str, size: int) -> bytes:
    """`size` zero bytes compressed as gzip, deflate (zlib) or br: a few KB that expand enormously."""
    zeros = bytes(MIB)
    if kind == "br":
        compressor = brotli.Compressor(quality=5)
        return b"".join(compressor.process(zeros) for _ in range(size // MIB)) + compressor.finish()
    packer = zlib.compressobj(9, zlib.DEFLATED, 31 if kind == "gzip" else 15)
    return b"".join(packer.compress(zeros) for _ in range(size // MIB)) + packer.flush()


# ----------------------------------------------------------------------------------------- faults

FAULTS: dict[str, Callable[[Handler, dict[str, str]], None]] = {}


def fault(name: str) -> Callable[[Callable[[Handler, dict[str, str]], None]], Callable[..., None]]:
    def register(func: Callable[[Handler, dict[str, str]], None]) -> Callable[..., None]:
        FAULTS[name] = func
        return func

    return register


@fault("bomb")
def _bomb(h: Handler, q: dict[str, str]) -> None:
    """?enc=gzip|deflate|br&mb=N: an N MiB body of zeros, compressed; `as=file` sends it as a .gz file."""
    enc = q.get("enc", "gzip")
    body = bomb(enc, int(q.get("mb", "256")) * MIB)
    if q.get("as") == "file":
        h.send(200, body, {"Content-Type": "application/gzip"})
    else:
        h.send(200, body, {"Content-Type": q.get("type", "text/html"), "Content-Encoding": enc})


@fault("drip")
def _drip(h: Handler, q: dict[str, str]) -> None:
    """?bytes=N&every=S: announce N bytes, then send one byte every S seconds."""
    total, every = int(q.get("bytes", "100")), float(q.get("every", "0.2"))
    h.head(200, {"Content-Type": "text/html", "Content-Length": str(total)})
    for _ in range(total):
        if h.server.stopping.wait(every) or not h.write(b"x"):  # type: ignore[attr-defined]
            return


@fault("endless")
def _endless(h: Handler, q: dict[str, str]) -> None:
    """A body without length that never ends (chunks of 64 KiB of HTML-ish text) until the client goes."""
    h.head(200, {"Content-Type": "text/html", "Connection": "close"})
    h.close_connection = True
    chunk = b"<p>" + b"more " * 13000 + b"</p>\n"
    while not h.server.stopping.is_set() and h.write(chunk):  # type: ignore[attr-defined]
        pass


@fault("hang")
def _hang(h: Handler, q: dict[str, str]) -> None:
    """Read the request, never answer (until ?for=S seconds pass or the server stops)."""
    h.server.stopping.wait(float(q.get("for", "30")))  # type: ignore[attr-defined]
    h.close_connection = True


@fault("truncated")
def _truncated(h: Handler, q: dict[str, str]) -> None:
    """Announce 1000 bytes, send 500, close."""
    h.head(200, {"Content-Type": "text/html", "Content-Length": "1000"})
    h.write(b"<html><body>" + b"a" * 488)
    h.close_connection = True


@fault("bad-chunks")
def _bad_chunks(h: Handler, q: dict[str, str]) -> None:
    h.head(200, {"Content-Type": "text/html", "Transfer-Encoding": "chunked"})
    h.write(b"5\r\n<html\r\nZZZ-not-hex\r\nbroken\r\n0\r\n\r\n")
    h.close_connection = True


@fault("http09")
def _http09(h: Handler, q: dict[str, str]) -> None:
    """No status line at all: the body straight away."""
    h.write(b"<html><body>HTTP/0.9 style</body></html>\n")
    h.close_connection = True


@fault("huge-header")
def _huge_header(h: Handler, q: dict[str, str]) -> None:
    h.send(
        200, b"<html></html>", {"Content-Type": "text/html", "X-Filler": "a" * int(q.get("size", "200000"))}
    )


@fault("redirect")
def _redirect(h: Handler, q: dict[str, str]) -> None:
    """?to=LOCATION (sent verbatim) &code=302."""
    h.send(int(q.get("code", "302")), b"", {"Location": q.get("to", "/")})


@fault("chain")
def _chain(h: Handler, q: dict[str, str]) -> None:
    """?n=N: N redirects, then a page. `loop=1`: redirect forever between two URLs."""
    n = int(q.get("n", "3"))
    if q.get("loop"):
        h.send(302, b"", {"Location": f"/_fault/chain?loop=1&n={1 - n % 2}"})
    elif n > 0:
        h.send(302, b"", {"Location": f"/_fault/chain?n={n - 1}"})
    else:
        h.send(200, b"<html><title>end of chain</title><p>arrived</p></html>", {"Content-Type": "text/html"})


@fault("status")
def _status(h: Handler, q: dict[str, str]) -> None:
    """?code=N&retry_after=V&fail=K: fail K times (per URL) with N, then answer 200."""
    key = (h.host, h.path)
    fails = h.server.counter(key)  # type: ignore[attr-defined]
    if fails < int(q.get("fail", "1000000")):
        headers = {"Retry-After": q["retry_after"]} if "retry_after" in q else {}
        h.send(int(q.get("code", "503")), b"busy", {"Content-Type": "text/plain", **headers})
    else:
        h.send(200, b"<html><title>ok now</title><p>recovered</p></html>", {"Content-Type": "text/html"})


@fault("typed")
def _typed(h: Handler, q: dict[str, str]) -> None:
    """?what=pdf|png|sjis|latin1-meta|utf8-bom|nul&type=CONTENT-TYPE: tricky bodies under a chosen type."""
    what = q.get("what", "pdf")
    bodies = {
        "pdf": b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj<<>>endobj\n" + bytes(range(256)) * 20,
        "png": b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 20,
        "sjis": "<html><title>日本語</title><p>著作権①～</p></html>".encode("cp932"),
        "latin1-meta": b'<html><meta charset="iso-8859-1"><title>caf\xe9</title><p>d\xe9j\xe0</p></html>',
        "nul": b"<html><title>nul</title><p>a\x00b</p></html>",
    }
    h.send(200, bodies[what], {"Content-Type": q.get("type", "text/html")})


@fault("raw-encoding")
def _raw_encoding(h: Handler, q: dict[str, str]) -> None:
    """A plain body under a false or unknown Content-Encoding (?enc=gzip|x-unknown)."""
    body = b"<html><title>plain</title><p>not compressed at all</p></html>"
    h.send(200, body, {"Content-Type": "text/html", "Content-Encoding": q.get("enc", "x-unknown")})


@fault("gzip")
def _gzip(h: Handler, q: dict[str, str]) -> None:
    """A small, honest compressed page (?enc=gzip|deflate|br|raw-deflate)."""
    body = b"<html><title>compressed</title><p>" + b"word " * 2000 + b"</p></html>"
    enc = q.get("enc", "gzip")
    packed = {
        "gzip": gzip.compress(body),
        "deflate": zlib.compress(body),
        "raw-deflate": zlib.compress(body)[2:-4],
        "br": brotli.compress(body),
    }[enc]
    h.send(200, packed, {"Content-Type": "text/html", "Content-Encoding": enc.removeprefix("raw-")})


@fault("big")
def _big(h: Handler, q: dict[str, str]) -> None:
    """?mb=N: an honest N MiB page; `length=0` sends it without Content-Length (close-delimited)."""
    body = b"<html><p>" + b"x" * (int(float(q.get("mb", "20")) * MIB)) + b"</p></html>"
    headers = {"Content-Type": "text/html"}
    if q.get("length") == "0":
        h.head(200, {**headers, "Connection": "close"})
        h.close_connection = True
        h.write(body)
    else:
        h.send(200, body, headers)


# ---------------------------------------------------------------------------------- generated host


def generated_page(host: str, path: str) -> bytes | None:
    """`gen<N>.crawl.test`: pages 0..N-1 at /p/<i>.html, page i links to 3i+1..3i+3 (a tree), plus /."""
    size = int(host.split(".")[0][3:] or "100")
    if path in ("/", "/index.html"):
        path = "/p/0.html"
    if not (path.startswith("/p/") and path.endswith(".html") and path[3:-5].isdigit()):
        return None
    i = int(path[3:-5])
    if i >= size:
        return None
    kids = "".join(
        f'<li><a href="/p/{k}.html">page {k}</a></li>' for k in range(3 * i + 1, 3 * i + 4) if k < size
    )
    text = " ".join(f"Paragraph {i}.{n} of the generated page." for n in range(20))
    return (
        f"<!doctype html><html><head><title>Page {i}</title></head><body><main><article>"
        f"<h1>Page {i}</h1><p>{text}</p></article></main><nav><ul>{kids}</ul></nav></body></html>"
    ).encode()


# ----------------------------------------------------------------------------------------- handler


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server_version = "sitesrv/1"
    timeout = 30  # an idle keep-alive connection is dropped after this many seconds
    disable_nagle_algorithm = True  # headers and body go out in separate writes: no 40 ms stalls

    def log_message(self, format: str, *args: Any) -> None:
        pass

    def handle_one_request(self) -> None:
        with contextlib.suppress(ConnectionError, TimeoutError):
            super().handle_one_request()

    # helpers --------------------------------------------------------------------------------------

    def head(self, status: int, headers: Mapping[str, str]) -> None:
        self.send_response(status)
        for name, value in headers.items():
            self.send_header(name, value)
        self.end_headers()

    def write(self, data: bytes) -> bool:
        try:
            self.wfile.write(data)
            self.wfile.flush()
        except OSError:
            self.close_connection = True
            return False
        return True

    def send(self, status: int, body: bytes, headers: Mapping[str, str] | None = None) -> None:
        self.head(status, {**(headers or {}), "Content-Length": str(len(body))})
        if self.command != "HEAD" and body:
            self.write(body)

    # dispatch -------------------------------------------------------------------------------------

    def do_HEAD(self) -> None:
        self.do_GET()

    def do_GET(self) -> None:
        server: SiteServer = self.server.owner  # type: ignore[attr-defined]
        self.host = (self.headers.get("Host") or "").rsplit(":", 1)[0].lower().rstrip(".")
        server.log.append(
            Request(self.host, self.path, self.command, {k.lower(): v for k, v in self.headers.items()})
        )
        parts = urlsplit(self.path)
        route = server.routes.get((self.host, parts.path)) or server.routes.get((self.host, "*"))
        if route is not None:
            if route.handler is not None:
                route.handler(self)
            else:
                self.send(route.status, route.body, route.headers)
        elif parts.path.startswith("/_fault/") and parts.path[8:] in FAULTS:
            FAULTS[parts.path[8:]](self, dict(parse_qsl(parts.query)))
        elif self.host.startswith("gen") and self.host.endswith(".crawl.test"):
            body = generated_page(self.host, parts.path)
            if body is None:
                self.send(404, b"not found", {"Content-Type": "text/plain"})
            else:
                self.send(200, body, {"Content-Type": "text/html; charset=utf-8"})
        else:
            self.serve_file(server.root, parts.path)

    def serve_file(self, root: Path, path: str) -> None:
        site = (root / self.host).resolve()
        if not self.host or not site.is_dir():
            self.send(404, f"no fixture host {self.host!r}".encode(), {"Content-Type": "text/plain"})
            return
        target = (site / path.lstrip("/")).resolve()
        if site not in target.parents and target != site:
            self.send(403, b"outside the site", {"Content-Type": "text/plain"})
            return
        if target.is_dir():
            if not path.endswith("/"):
                self.send(301, b"", {"Location": path + "/"})
                return
            target = target / "index.html"
        sidecar = target.with_name(target.name + ".http")
        if sidecar.is_file():
            self.send_sidecar(sidecar, target)
        elif target.is_file():
            self.send_static(target)
        else:
            self.send(
                404,
                b"<html><title>Not found</title><p>no such page</p></html>",
                {"Content-Type": "text/html"},
            )

    def send_sidecar(self, sidecar: Path, target: Path) -> None:
        lines = sidecar.read_text(encoding="utf-8").splitlines()
        status = int(lines[0].split()[0])
        headers = dict(line.split(":", 1) for line in lines[1:] if ":" in line)
        body = target.read_bytes() if target.is_file() else b""
        self.send(status, body, {k.strip(): v.strip() for k, v in headers.items()})

    def send_static(self, target: Path) -> None:
        body = target.read_bytes()
        etag = '"' + hashlib.sha1(body).hexdigest()[:16] + '"'
        mtime = int(target.stat().st_mtime)
        modified = format_datetime(datetime.fromtimestamp(mtime, UTC), usegmt=True)
        headers = {
            "ETag": etag,
            "Last-Modified": modified,
            "Content-Type": TYPES.get(target.suffix, "text/plain"),
        }
        if self.headers.get("If-None-Match") == etag or _not_modified_since(
            self.headers.get("If-Modified-Since"), mtime
        ):
            self.head(304, {"ETag": etag, "Last-Modified": modified, "Content-Length": "0"})
            return
        self.send(200, body, headers)


def _not_modified_since(value: str | None, mtime: int) -> bool:
    if not value:
        return False
    try:
        return parsedate_to_datetime(value).timestamp() >= mtime
    except (TypeError, ValueError):
        return False


# ------------------------------------------------------------------------------------------ server


class _HTTPServer(ThreadingHTTPServer):
    daemon_threads = True
    block_on_close = False
    request_queue_size = 128


class SiteServer:
    """The fixture web on one loopback port. Use as a context manager, or start()/stop()."""

    def __init__(
        self, root: Path = FIXTURE_SITES, *, address: str = "127.0.0.1", tls: ssl.SSLContext | None = None
    ) -> None:
        self.root = root
        self.address = address
        self.tls = tls is not None
        self.log: list[Request] = []
        self.routes: dict[tuple[str, str], Route] = {}
        self.stopping = threading.Event()
        self._counts: dict[Any, int] = {}
        self._lock = threading.Lock()
        self._httpd = _HTTPServer((address, 0), Handler)
        if tls is not None:
            self._httpd.socket = tls.wrap_socket(self._httpd.socket, server_side=True)
        self._httpd.owner = self  # type: ignore[attr-defined]
        self._httpd.stopping = self.stopping  # type: ignore[attr-defined]
        self._httpd.counter = self.counter  # type: ignore[attr-defined]
        self._thread = threading.Thread(target=self._httpd.serve_forever, kwargs={"poll_interval": 0.05})

    @property
    def port(self) -> int:
        return int(self._httpd.server_address[1])

    @property
    def hosts(self) -> list[str]:
        return sorted(p.name for p in self.root.iterdir() if p.is_dir())

    @property
    def resolve(self) -> tuple[str, ...]:
        """`Settings.resolve` entries mapping every fixture host (and the generated ones) to this server."""
        generated = [f"gen{n}.crawl.test" for n in (10, 100, 300, 1000, 5000)]
        return tuple(f"{host}={self.address}:{self.port}" for host in [*self.hosts, *generated])

    def url(self, host: str, path: str = "/") -> str:
        """The URL of `path` on a fixture host; the port is implied by `resolve`, so it is not in the URL."""
        return f"http://{host}{path}"

    def direct_url(self, path: str = "/") -> str:
        return f"http://{self.address}:{self.port}{path}"

    def counter(self, key: Any) -> int:
        with self._lock:
            value = self._counts.get(key, 0)
            self._counts[key] = value + 1
            return value

    def requests(self, host: str | None = None, path: str | None = None) -> list[Request]:
        return [
            r
            for r in list(self.log)
            if (host is None or r.host == host) and (path is None or r.path.split("?")[0] == path)
        ]

    def reset(self) -> None:
        self.log.clear()
        self.routes.clear()
        self._counts.clear()

    @contextlib.contextmanager
    def route(
        self,
        host: str,
        path: str,
        *,
        status: int = 200,
        headers: Mapping[str, str] | None = None,
        body: bytes = b"",
        handler: Callable[[Handler], None] | None = None,
    ) -> Iterator[Route]:
        """Serve a fixed answer (or call `handler`) for `host` + `path` ("*": any path) within the block."""
        route = Route(status, dict(headers or {}), body, handler)
        self.routes[(host, path)] = route
        try:
            yield route
        finally:
            self.routes.pop((host, path), None)

    def start(self) -> SiteServer:
        self._thread.start()
        return self

    def stop(self) -> None:
        self.stopping.set()
        self._httpd.shutdown()
        self._httpd.server_close()
        self._thread.join(5)

    def __enter__(self) -> SiteServer:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()
