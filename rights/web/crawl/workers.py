"""Parsing fetched pages for the crawl, in worker processes with a hard timeout.

The HTML reader is pure Python around lexbor and takes about as much CPU as everything else a crawl does per
page; lexbor can also go quadratic on hostile markup, and a signal cannot interrupt it (reliability.md #41).
So pages are parsed in `ParsePool` worker processes: the event loop keeps fetching while a page is parsed on
another core, and a parse that runs past `parse_timeout` is abandoned by killing that worker (a new one
starts). A worker is `python -c "...serve(...)"`; jobs and results travel as length-prefixed pickles over
its stdin/stdout, which the event loop reads directly (multiprocessing.Pool relays results through threads
that wait for the GIL behind the busy loop, which made the crawl slower, not faster). With
`parse_workers = 0` pages are parsed in-process.

A worker returns only what the crawl stores and follows (`Parsed`): title, text, metadata, in-scope links,
announced feeds and the page's own AI-usage preferences (headers and tags: `read_page_ai(words=False)`), which
keeps what crosses the process boundary small.
"""

from __future__ import annotations

import asyncio
import contextlib
import hashlib
import os
import pickle
import struct
import sys
import zlib
from asyncio.subprocess import PIPE
from collections import deque
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, BinaryIO

from rights.page import parse_links
from rights.signals.ai_usage import combine, read_page_ai, usage_record
from rights.store.models import PageRecord
from rights.web.discover import Scope, find_feeds, in_site_links
from rights.web.models import Fetched


class ParseTimeoutError(Exception):
    """A page took longer than `parse_timeout` to parse; its worker was killed."""


@dataclass(frozen=True)
class ParseJob:
    body: bytes
    url: str
    headers: Mapping[str, str]
    max_bytes: int
    scope: Scope | None  # None: do not collect links (the page is at the maximum depth)
    max_links: int


@dataclass(frozen=True)
class Parsed:
    """What the crawl keeps from a parsed page."""

    title: str | None
    canonical: str | None
    encoding: str
    text: str
    metadata: dict[str, Any] = field(default_factory=dict)
    links: tuple[str, ...] = ()
    feeds: tuple[str, ...] = ()
    content_hash: str = ""  # sha256 of the body
    html_zlib: bytes = b""  # the body, compressed for storage
    ai_usage: dict[str, Any] = field(default_factory=dict)  # the page's own AI-usage reading (`usage_record`)


def parse_for_crawl(job: ParseJob) -> Parsed:
    """Read one page's links, feeds and metadata (runs in a worker process); the full read with zones and
    signals is left to whoever analyses the stored page."""
    page = parse_links(job.body, url=job.url, headers=job.headers, max_bytes=job.max_bytes)
    signals, unreadable = read_page_ai(page, words=False)  # headers and tags: the light parse has no zones
    metadata = {
        "lang": page.lang, "authors": list(page.authors), "site_name": page.site_name,
        "published": page.published, "og_url": page.og_url, "canonicals": list(page.canonicals),
        "encoding_source": page.encoding_source, "replacement_chars": page.replacement_chars,
        "warnings": list(page.warnings), "links": len(page.links),
    }  # fmt: skip
    return Parsed(
        title=page.title,
        canonical=page.canonical,
        encoding=page.encoding,
        text=page.main_text or page.visible_text,
        metadata={k: v for k, v in metadata.items() if v not in (None, [], "")},
        links=tuple(in_site_links(page, job.scope, limit=job.max_links)) if job.scope is not None else (),
        feeds=tuple(find_feeds(page)),
        content_hash=hashlib.sha256(job.body).hexdigest(),
        html_zlib=zlib.compress(job.body, 1),
        ai_usage=usage_record(combine(signals, unreadable)),
    )


def page_record(
    url: str, fetched: Fetched | None, run_id: int | None, *, parsed: Parsed | None = None, not_html: str = ""
) -> PageRecord:
    """The row to store for a fetched page (or for a URL that turned out not to be HTML)."""
    if fetched is None or parsed is None:
        return PageRecord(
            url=url,
            final_url=fetched.final_url if fetched else url,
            status=200,
            fetch_status="not_html",
            fetched_at=datetime.now(UTC).isoformat(timespec="seconds"),
            reason=not_html,
            content_type=not_html,
            run_id=run_id,
        )
    headers = fetched.headers
    metadata = dict(parsed.metadata)
    if fetched.redirects:
        metadata["redirects"] = list(fetched.redirects)
    return PageRecord(
        url=url,
        final_url=fetched.final_url,
        status=fetched.status,
        fetch_status="ok",
        fetched_at=fetched.fetched_at,
        etag=headers.get("etag"),
        last_modified=headers.get("last-modified"),
        content_hash=parsed.content_hash or hashlib.sha256(fetched.content).hexdigest(),
        content_type=headers.get("content-type", ""),
        encoding=parsed.encoding,
        size=len(fetched.content),
        title=parsed.title,
        canonical=parsed.canonical,
        metadata=metadata,
        text=parsed.text,
        html=b"" if parsed.html_zlib else fetched.content,
        html_zlib=parsed.html_zlib,
        run_id=run_id,
        ai_usage=parsed.ai_usage,
    )


_LENGTH = struct.Struct("!I")
_WORKER = "import sys; from rights.web.crawl.workers import serve; serve(sys.stdin.buffer, sys.stdout.buffer)"


def serve(stdin: BinaryIO, stdout: BinaryIO) -> None:
    """A parser process: length-prefixed pickled jobs in, pickled results out, until stdin closes."""
    while True:
        head = stdin.read(4)
        if len(head) < 4:
            return
        job = pickle.loads(stdin.read(_LENGTH.unpack(head)[0]))
        try:
            answer: tuple[str, Any] = ("ok", parse_for_crawl(job))
        except Exception as exc:  # a parser bug must not kill the crawl: it is this page's failure
            answer = ("error", f"{type(exc).__name__}: {exc}")
        data = pickle.dumps(answer, pickle.HIGHEST_PROTOCOL)
        stdout.write(_LENGTH.pack(len(data)) + data)
        stdout.flush()


class ParseError(Exception):
    """The parser raised on this page, or its process died."""


class ParseRestartedError(ParseError):
    """The worker was killed (another page's parse timed out) while this page waited: parse it again."""


class _Worker:
    """One parser process (`serve`). Jobs are pipelined: written at once, answered in order, and matched to
    their callers by one reader task. The pipes are read by the event loop (no threads, and no
    multiprocessing: spawn would re-import the caller's __main__, which breaks scripts without a guard)."""

    def __init__(self, process: asyncio.subprocess.Process) -> None:
        self.process = process
        self.waiting: deque[asyncio.Future[Parsed]] = deque()
        self.dead = False
        self.reader = asyncio.create_task(self._read_answers())

    @classmethod
    async def start(cls) -> _Worker:
        root = str(Path(__file__).resolve().parents[2])  # the directory holding the `rights` package
        env = {
            **os.environ,
            "PYTHONPATH": os.pathsep.join(p for p in (root, os.environ.get("PYTHONPATH")) if p),
        }
        process = await asyncio.create_subprocess_exec(
            sys.executable, "-c", _WORKER, stdin=PIPE, stdout=PIPE, env=env
        )
        return cls(process)

    async def run(self, job: ParseJob) -> Parsed:
        stdin = self.process.stdin
        assert stdin is not None
        if self.dead:
            raise ParseRestartedError("the parser process stopped")
        future: asyncio.Future[Parsed] = asyncio.get_running_loop().create_future()
        self.waiting.append(future)
        data = pickle.dumps(job, pickle.HIGHEST_PROTOCOL)
        try:
            stdin.write(_LENGTH.pack(len(data)) + data)
            await stdin.drain()
        except (OSError, RuntimeError) as exc:
            self.dead = True
            raise ParseRestartedError(f"the parser process stopped ({type(exc).__name__})") from None
        return await future

    async def _read_answers(self) -> None:
        stdout = self.process.stdout
        assert stdout is not None
        try:
            while True:
                size = _LENGTH.unpack(await stdout.readexactly(4))[0]
                status, value = pickle.loads(await stdout.readexactly(size))
                future = self.waiting.popleft()
                if not future.done():
                    future.set_result(value) if status == "ok" else future.set_exception(
                        ParseError(str(value))
                    )
        except (asyncio.IncompleteReadError, OSError, IndexError):
            self.dead = True
            self._fail_waiting(ParseRestartedError("the parser process stopped"))

    def _fail_waiting(self, error: ParseError) -> None:
        while self.waiting:
            future = self.waiting.popleft()
            if not future.done():
                future.set_exception(error)

    async def stop(self, *, kill: bool = False) -> None:
        if kill and self.process.returncode is None:
            self.process.kill()
        if self.process.stdin is not None:
            self.process.stdin.close()
            with contextlib.suppress(OSError):
                await self.process.stdin.wait_closed()
        await self.process.wait()
        await self.reader
        self._fail_waiting(ParseRestartedError("the parser process stopped"))


class ParsePool:
    """Up to `workers` parser processes (started by `start`, or on first use); each parse bounded by `timeout`
    seconds.

    Callers may run more parses than there are workers: each worker keeps its queue of jobs, so it never waits
    for the event loop between pages.
    """

    def __init__(self, workers: int, timeout: float) -> None:
        self.workers = workers
        self.timeout = timeout
        self.restarts = 0
        self._live: list[_Worker] = []
        self._starting = asyncio.Lock()

    async def start(self) -> None:
        """Start the worker processes now, so that their imports overlap the caller's first requests."""
        async with self._starting:
            while len(self._live) < self.workers:
                self._live.append(await _Worker.start())

    async def parse(self, job: ParseJob) -> Parsed:
        """Parse `job`. Raises ParseTimeoutError (the worker is killed and replaced), ParseRestartedError
        (this job was queued on a worker killed for another page's timeout: try again) or ParseError."""
        if self.workers == 0:
            return parse_for_crawl(job)
        worker = await self._worker()
        try:
            return await asyncio.wait_for(worker.run(job), self.timeout)
        except TimeoutError:
            self.restarts += 1
            await self._discard(worker)
            raise ParseTimeoutError(f"no result within {self.timeout:g} s") from None
        except ParseRestartedError:
            await self._discard(worker)
            raise

    async def _worker(self) -> _Worker:
        async with self._starting:
            for worker in [w for w in self._live if w.dead]:
                await self._discard(worker)
            if len(self._live) < self.workers:
                self._live.append(await _Worker.start())
        return min(self._live, key=lambda w: len(w.waiting))

    async def _discard(self, worker: _Worker) -> None:
        if worker in self._live:
            self._live.remove(worker)
            await worker.stop(kill=True)

    async def aclose(self, *, kill: bool = False) -> None:
        """Stop every worker: each exits when its stdin closes (`kill` for a run that was interrupted)."""
        workers, self._live = self._live, []
        for worker in workers:
            await worker.stop(kill=kill)
