"""Archive files served over loopback by the fixture web server, with HEAD, Accept-Ranges and Range requests
(`bytes=START-` and `bytes=START-END`), as an object store or a web server serves them."""

from __future__ import annotations

import contextlib
import dataclasses
import re
from collections.abc import Callable, Iterator
from pathlib import Path

from rights.config import Settings
from tests.sitesrv import Handler, SiteServer

HOST = "archives.crawl.test"
_RANGE = re.compile(r"bytes=(\d+)-(\d*)$")


def ranged(body: bytes, *, ranges: bool = True, head: bool = True) -> Callable[[Handler], None]:
    """A route handler that serves `body` whole, or the byte range a Range header asks for (and refuses HEAD
    with 405 when not `head`, as some object stores do)."""

    def handle(h: Handler) -> None:
        if h.command == "HEAD" and not head:
            h.send(405, b"", {"Allow": "GET"})
            return
        headers = {"Content-Type": "application/warc", **({"Accept-Ranges": "bytes"} if ranges else {})}
        asked = _RANGE.match(h.headers.get("Range", "")) if ranges else None
        if asked is None:
            h.send(200, body, headers)
            return
        start = int(asked.group(1))
        end = int(asked.group(2)) + 1 if asked.group(2) else len(body)
        if start >= len(body):
            h.send(416, b"", {"Content-Range": f"bytes */{len(body)}"})
            return
        part = body[start:end]
        h.send(206, part, {**headers, "Content-Range": f"bytes {start}-{start + len(part) - 1}/{len(body)}"})

    return handle


@contextlib.contextmanager
def serving(
    site: SiteServer, files: dict[str, Path], *, ranges: bool = True, head: bool = True
) -> Iterator[dict[str, str]]:
    """Serve each file at `http://archives.crawl.test/<name>`; yields name -> URL."""
    with contextlib.ExitStack() as stack:
        for name, path in files.items():
            handler = ranged(path.read_bytes(), ranges=ranges, head=head)
            stack.enter_context(site.route(HOST, f"/{name}", handler=handler))
        yield {name: f"http://{HOST}/{name}" for name in files}


def archive_settings(site: SiteServer, settings: Settings) -> Settings:
    """The test settings, with the archive host resolved to the fixture server."""
    return dataclasses.replace(settings, resolve=(*settings.resolve, f"{HOST}={site.address}:{site.port}"))
