"""One crawl run: the frontier in memory and in the database, the host workers, the processors.

A crawl is identified by its seeds (`crawl_key`). Its frontier lives in the database, so a run that was killed
(left `running`, marked `aborted` by the next lock holder) or interrupted is resumed by the next run with the
same seeds: committed pages are kept, and no URL already done is fetched again. A run that finished starts the
next one afresh from the seeds, with conditional requests (a 304 keeps the stored page).

Scheduling: up to `concurrency` hosts at once, one request per host at a time (the Fetcher's host slots and
delays); each host has its own queue. Fetching and processing overlap: host workers hand responses to the
processors, which have the page parsed (in a worker process, see `parse`), discover links, feeds and
sitemaps, and commit everything about that page (page row, visit, frontier updates) in one transaction.
"""

from __future__ import annotations

import asyncio
import contextlib
import hashlib
import json
from collections import Counter, deque
from collections.abc import Callable, Iterable
from dataclasses import asdict, dataclass
from typing import Any

from rights.config import Settings
from rights.errors import FetchError
from rights.signals.ai_usage import combine, usage_record
from rights.store import Store
from rights.store.models import FrontierItem
from rights.urls import check_url, normalize
from rights.web.crawl.evidence import WarcEvidence
from rights.web.crawl.workers import (
    Parsed,
    ParseError,
    ParseJob,
    ParsePool,
    ParseRestartedError,
    ParseTimeoutError,
    page_record,
)
from rights.web.discover import MAX_SITEMAP_DEPTH, Scope, parse_feed, parse_sitemap
from rights.web.fetch import ANY, HTML, Fetcher, host_key, origin_of
from rights.web.models import CrawlSummary, Fetched
from rights.web.site_ai import SiteReader

# Pages are committed in groups of up to GROUP_UNITS, at least every GROUP_AGE seconds; each page is still
# all-or-nothing (a savepoint), so a kill loses at most the last fraction of a second of pages, never half of
# one, and never anything committed.
GROUP_UNITS = 64
GROUP_AGE = 0.2
RESULTS_WAITING = 256  # fetched pages waiting to be processed, at most
# Reasons that say "not now" about a whole host: its URLs stay queued for a later run.
HOST_LEVEL = frozenset({"host_deferred", "host_failing", "robots_unreachable", "crawl_delay_too_long"})
_SITE_FILES = "robots.txt, /.well-known/tdmrep.json and RSL documents not read"


@dataclass(frozen=True)
class CrawlEvent:
    """Progress: one frontier item handled."""

    kind: str  # fetched | unchanged | not_html | skipped | failed | deferred
    url: str
    reason: str = ""
    done: int = 0  # pages attempted so far (this crawl, across resumed runs)
    budget: int = 0  # max_pages


Progress = Callable[[CrawlEvent], None]


@dataclass
class _Outcome:
    item: FrontierItem
    fetched: Fetched | None = None
    error: FetchError | None = None
    old_hash: str | None = None
    request: tuple[tuple[str, str], ...] = ()  # the conditional headers sent (for the WARC request record)


def crawl_key(seeds: Iterable[str]) -> str:
    """The identity of a crawl: its normalised, sorted seeds."""
    text = json.dumps(sorted({normalize(seed) for seed in seeds}))
    return hashlib.sha256(text.encode()).hexdigest()[:16]


def run_crawl(seeds: Iterable[str], settings: Settings, store: Store, **options: Any) -> CrawlSummary:
    """The synchronous entry point (a thin wrapper around `crawl`)."""
    return asyncio.run(crawl(seeds, settings, store, **options))


async def crawl(
    seeds: Iterable[str],
    settings: Settings,
    store: Store,
    *,
    scope: Scope | None = None,
    progress: Progress | None = None,
    args: dict[str, Any] | None = None,
    fetcher: Fetcher | None = None,
) -> CrawlSummary:
    """Discover and fetch from `seeds` into `store`; holds the run lock for the duration."""
    seeds = [normalize(check_url(seed)) for seed in seeds]
    scope = scope or Scope.for_seeds(seeds, max_depth=settings.max_depth, max_pages=settings.max_pages)
    owns_lock = not store.holds_lock
    store.acquire_lock()
    try:
        run = _Run(seeds, settings, store, scope, progress)
        return await run.execute(args or {"urls": seeds}, fetcher)
    finally:
        if owns_lock:
            store.release_lock()


class _Run:
    """One crawl run: the in-memory view of the frontier, the workers and the tallies."""

    def __init__(
        self, seeds: list[str], settings: Settings, store: Store, scope: Scope, progress: Progress | None
    ) -> None:
        self.seeds, self.settings, self.store, self.scope = seeds, settings, store, scope
        self.progress = progress
        self.key = crawl_key(seeds)
        self.queues: dict[str, deque[FrontierItem]] = {}
        self.counts: Counter[str] = Counter()
        self.failed: Counter[str] = Counter()
        # Fetched pages waiting for a processor. Bounded, so that fetching cannot run far ahead of parsing and
        # storing (memory stays flat on a fast site): a full queue holds the host lanes back.
        self.results: asyncio.Queue[_Outcome] = asyncio.Queue(maxsize=RESULTS_WAITING)
        self.wake = asyncio.Event()
        self.pending = 0  # items handed to a worker and not yet processed
        self.attempted = 0  # page items fetched or failed, this crawl (resumed runs included)
        self.run_id = 0
        self.resumed = False
        self.known: set[str] = set()
        self.fetcher: Fetcher
        self.evidence: WarcEvidence | None = None  # --warc
        self.parser = ParsePool(settings.parse_workers, settings.parse_timeout)

    # ----------------------------------------------------------------------------------------- run

    async def execute(self, args: dict[str, Any], fetcher: Fetcher | None) -> CrawlSummary:
        last = self.store.last_run(kind="crawl", crawl=self.key)
        self.resumed = bool(last and last.status != "done" and self.store.frontier_queued(self.key, limit=1))
        if not self.resumed:
            self.store.frontier_reset(self.key)
        settings = {
            k: str(v) if not isinstance(v, int | float | bool) else v
            for k, v in asdict(self.settings).items()
        }
        self.run_id = self.store.start_run("crawl", settings, args, crawl=self.key)
        status = "failed"
        try:
            async with contextlib.AsyncExitStack() as stack:
                if self.settings.warc_path is not None:
                    self.evidence = WarcEvidence(self.settings, self.store, self.run_id)
                    stack.callback(self.evidence.close)
                await self.parser.start()
                if fetcher is None:
                    fetcher = await stack.enter_async_context(Fetcher(self.settings, cache=self.store))
                self.fetcher = fetcher
                if self.evidence is not None:
                    fetcher.on_robots = self._record_robots
                    stack.callback(setattr, fetcher, "on_robots", None)
                if not self.resumed:
                    await self._seed()
                sites = asyncio.create_task(self._read_sites())
                try:
                    await self._loop()
                    await sites
                finally:
                    sites.cancel()
            status = "done"
        except (asyncio.CancelledError, KeyboardInterrupt):
            status = "aborted"
            raise
        finally:
            await self.parser.aclose(kill=status != "done")
            summary = self._summary(status)
            self.store.finish_run(self.run_id, status, summary.as_dict())
        return summary

    def _record_robots(self, fetched: Fetched) -> None:
        if self.evidence is not None:
            self.evidence.record("robots", fetched.url, fetched)

    async def _seed(self) -> None:
        items = [FrontierItem(seed, 0, "page") for seed in self.seeds]
        for origin in dict.fromkeys(origin_of(seed) for seed in self.seeds):
            rules = await self.fetcher.robots(origin + "/")
            sitemaps = list(rules.sitemaps) or [origin + "/sitemap.xml"]
            items += [FrontierItem(normalize(url), 0, "sitemap", "robots.txt") for url in sitemaps]
        self.store.frontier_add(self.key, self._in_scope(items), run_id=self.run_id)  # _loop queues them

    async def _read_sites(self) -> None:
        """Each seed origin's AI-usage preferences (robots.txt, tdmrep.json, RSL), read once per run through
        this crawl's fetcher (robots.txt is the one it obeys) beside the page fetches, up to `concurrency`
        origins at once, and recorded; offline, or when the reading fails, that is what is recorded. Never
        fatal to the crawl."""
        slots = asyncio.Semaphore(max(1, self.settings.concurrency))

        async def read(origin: str) -> None:
            async with slots:
                await self._read_site(origin)

        await asyncio.gather(*(read(o) for o in dict.fromkeys(origin_of(seed) for seed in self.seeds)))

    async def _read_site(self, origin: str) -> None:
        error = ""
        if self.settings.offline:
            usage, complete = combine((), (), [f"{origin}: {_SITE_FILES} (offline)"]), False
        else:
            try:
                site = await SiteReader(self.fetcher).read(origin + "/", None)
                usage = combine(site.signals, site.unreadable, site.not_read)
                complete = not any(what.startswith(origin + "/robots.txt") for what in site.not_read)
            except Exception as exc:  # a reader's bug must not stop the crawl: it is this reading's failure
                error = f"{type(exc).__name__}: {exc}"[:500]
                usage, complete = combine((), (), [f"{origin}: {_SITE_FILES} ({error})"]), False
        with self.store.unit():
            self.store.save_site_ai(origin, self.run_id, usage_record(usage), complete=complete, error=error)

    async def _loop(self) -> None:
        self.attempted = self.store.frontier_pages_attempted(self.key)
        self.known = self.store.frontier_urls(self.key)
        self.store.start_grouping()
        for item in self.store.frontier_queued(self.key):
            self.queues.setdefault(host_key(item.url), deque()).append(item)
        # Four pages per parser in flight: the event loop is busy fetching, so a parser with only one page
        # queued behind the one it parses would often sit idle waiting for the loop to hand it the next.
        lanes = 4 * max(1, self.settings.parse_workers)
        processors = [asyncio.create_task(self._process_all()) for _ in range(lanes)]
        workers: dict[str, asyncio.Task[None]] = {}
        try:
            while True:
                for host in [h for h, task in workers.items() if task.done()]:
                    workers.pop(host).result()
                for processor in processors:
                    if processor.done():
                        processor.result()  # a processor never ends by itself: re-raise what stopped it
                for host, queue in self.queues.items():
                    if len(workers) >= self.settings.concurrency or not self._budget_left():
                        break
                    if queue and host not in workers:
                        workers[host] = asyncio.create_task(self._host_worker(host))
                if not workers and self.pending == 0 and not self._startable():
                    break
                with contextlib.suppress(TimeoutError):
                    await asyncio.wait_for(self.wake.wait(), GROUP_AGE)
                self.wake.clear()
                self.store.commit_group(max_units=GROUP_UNITS, max_age=GROUP_AGE)
        finally:
            for task in [*workers.values(), *processors]:
                task.cancel()
            await asyncio.gather(*workers.values(), *processors, return_exceptions=True)
            self.store.commit_group(stop=True)  # the completed units are kept whatever stopped the loop

    def _startable(self) -> bool:
        return self._budget_left() and any(self.queues.values())

    def _budget_left(self) -> bool:
        return self.attempted < self.scope.max_pages

    # ------------------------------------------------------------------------------------- workers

    async def _host_worker(self, host: str) -> None:
        """Drain one host's queue: one lane (one request at a time) unless `max_per_host` says more."""
        try:
            await asyncio.gather(*(self._host_lane(host) for _ in range(self.settings.max_per_host)))
        finally:
            self.wake.set()

    async def _host_lane(self, host: str) -> None:
        queue = self.queues[host]
        while queue and self._budget_left():
            item = queue.popleft()
            if item.kind == "page":
                self.attempted += 1
            self.pending += 1
            await self.results.put(await self._fetch(item))
            if self._host_stopped(host, queue):
                break

    def _host_stopped(self, host: str, queue: deque[FrontierItem]) -> bool:
        state = self.fetcher.host("http://" + host + "/")
        if state.broken or state.deferred_for() > 0:
            self.counts["deferred"] += len(queue)
            for item in queue:
                self._emit("deferred", item.url, "host_failing" if state.broken else "host_deferred")
            queue.clear()
            return True
        return False

    async def _fetch(self, item: FrontierItem) -> _Outcome:
        etag = last_modified = old_hash = None
        if item.kind == "page":
            etag, last_modified, old_hash = self.store.get_validators(item.url)
        accept = HTML if item.kind == "page" else ANY
        try:
            fetched = await self.fetcher.fetch(
                item.url, etag=etag, last_modified=last_modified, accept=accept
            )
        except FetchError as exc:
            return _Outcome(item, error=exc)
        sent: tuple[tuple[str, str], ...] = (("If-None-Match", etag),) if etag else ()
        sent += (("If-Modified-Since", last_modified),) if last_modified else ()
        return _Outcome(item, fetched=fetched, old_hash=old_hash, request=sent)

    async def _process_all(self) -> None:
        while True:
            outcome = await self.results.get()
            try:
                await self._process(outcome)
            finally:
                self.pending -= 1
                self.wake.set()
                self.store.commit_group(max_units=GROUP_UNITS, max_age=GROUP_AGE)

    # ---------------------------------------------------------------------------------- processing

    async def _process(self, outcome: _Outcome) -> None:
        item = outcome.item
        if outcome.fetched is not None and self.evidence is not None:
            self.evidence.record(item.kind, item.url, outcome.fetched, outcome.request)
        if outcome.error is not None:
            self._record_failure(item, outcome.error)
        elif outcome.fetched is not None and item.kind == "page":
            await self._record_page(item, outcome.fetched, outcome.old_hash)
        elif outcome.fetched is not None:
            self._record_discovery(item, outcome.fetched)

    def _record_failure(self, item: FrontierItem, error: FetchError) -> None:
        reason = f"http_{error.detail}" if error.reason == "http_status" else error.reason
        store, run_id = self.store, self.run_id
        with store.unit():
            if error.reason == "robots_disallowed":
                store.frontier_mark(self.key, item.url, "skipped", reason=reason, run_id=run_id)
                store.add_visit(item.url, "skipped", run_id=run_id, reason=reason)
            elif error.reason in HOST_LEVEL:  # stays queued: a later run tries again
                store.add_visit(item.url, "skipped", run_id=run_id, reason=reason, detail=error.detail)
            elif error.reason == "not_html" and item.kind == "page":
                store.save_page(page_record(item.url, None, self.run_id, not_html=error.detail))
                store.frontier_mark(self.key, item.url, "done", reason=reason, run_id=run_id)
                store.add_visit(item.url, "skipped", run_id=run_id, reason=reason, detail=error.detail)
            else:
                store.frontier_mark(self.key, item.url, "failed", reason=reason, run_id=run_id)
                store.add_visit(item.url, "failed", run_id=run_id, reason=error.reason, detail=error.detail)
        if item.kind != "page":
            return
        if error.reason == "robots_disallowed":
            self._tally("skipped_robots", item.url, reason)
        elif error.reason in HOST_LEVEL:
            self.attempted -= 1
            self._tally("deferred", item.url, reason)
        elif error.reason == "not_html":
            self._tally("not_html", item.url, error.detail)
        else:
            self.failed[reason] += 1
            self._emit("failed", item.url, reason)

    async def _parse(self, item: FrontierItem, fetched: Fetched, body: bytes) -> Parsed:
        scope = self.scope if item.depth < self.scope.max_depth else None
        job = ParseJob(body, fetched.final_url, dict(fetched.headers), self.settings.max_parse_bytes, scope,
                       self.settings.max_links_per_page)  # fmt: skip
        try:
            return await self.parser.parse(job)
        except ParseRestartedError:  # queued behind a page whose parse timed out: once more
            return await self.parser.parse(job)

    async def _record_page(self, item: FrontierItem, fetched: Fetched, old_hash: str | None) -> None:
        body = fetched.content
        if fetched.status == 304:
            stored = self.store.get_page(item.url)
            body = stored.html if stored is not None else b""
        try:
            parsed = await self._parse(item, fetched, body)
        except ParseTimeoutError as exc:
            self._record_failure(item, FetchError(item.url, "parse_timeout", str(exc)))
            return
        except ParseError as exc:
            self._record_failure(item, FetchError(item.url, "parse_error", str(exc)))
            return
        found = self._discovered(item, parsed)
        unchanged = fetched.status == 304 or old_hash == parsed.content_hash
        with self.store.unit():
            if unchanged:
                ai_usage = parsed.ai_usage if fetched.status != 304 else None  # a 304 may omit headers
                self.store.touch_page(
                    item.url, run_id=self.run_id, headers=fetched.headers, ai_usage=ai_usage
                )
            else:
                self.store.save_page(page_record(item.url, fetched, self.run_id, parsed=parsed))
            status = "unchanged" if unchanged else "fetched"
            self.store.add_visit(item.url, status, run_id=self.run_id, http_status=fetched.status)
            self.store.frontier_mark(self.key, item.url, "done", reason=status, run_id=self.run_id)
            self._add(found)
        self._tally(status, item.url)

    def _discovered(self, item: FrontierItem, parsed: Parsed) -> list[FrontierItem]:
        # The parser kept only in-scope links (`in_site_links`) and only below the maximum depth; feeds are
        # announced by the page and may lie anywhere, so they are checked here.
        found = [FrontierItem(url, item.depth + 1, "page", item.url) for url in parsed.links]
        return found + self._in_scope(
            [FrontierItem(url, item.depth, "feed", item.url) for url in parsed.feeds]
        )

    def _record_discovery(self, item: FrontierItem, fetched: Fetched) -> None:
        if item.kind == "sitemap":
            result = parse_sitemap(fetched.content, fetched.final_url, max_bytes=self.settings.max_bytes)
            found = [FrontierItem(url, 1, "page", item.url) for url in result.urls]
            if item.depth < MAX_SITEMAP_DEPTH:
                found += [FrontierItem(url, item.depth + 1, "sitemap", item.url) for url in result.sitemaps]
            reason = result.errors[0][:200] if result.errors else "sitemap"
        else:
            entries = parse_feed(fetched.content, fetched.final_url, max_bytes=self.settings.max_bytes)
            found = [FrontierItem(e.url, item.depth + 1, "page", item.url) for e in entries]
            reason = "feed"
        found = self._in_scope(found)[: self.settings.max_links_per_page * 10]
        with self.store.unit():
            self.store.add_visit(
                item.url, "fetched", run_id=self.run_id, reason=reason, http_status=fetched.status
            )
            self.store.frontier_mark(self.key, item.url, "done", reason=reason, run_id=self.run_id)
            self._add(found)

    # ------------------------------------------------------------------------------------- helpers

    def _in_scope(self, items: list[FrontierItem]) -> list[FrontierItem]:
        return [
            i
            for i in items
            if self.scope.allows(i.url) and (i.kind != "page" or i.depth <= self.scope.max_depth)
        ]

    def _add(self, items: list[FrontierItem]) -> None:
        """Queue the items this crawl has not seen, in the database (inside the caller's transaction) and in
        their hosts' queues. This run holds the lock, so `known` is the whole truth about the frontier."""
        new = []
        for item in items:
            if item.url not in self.known:
                self.known.add(item.url)
                new.append(item)
                self.queues.setdefault(host_key(item.url), deque()).append(item)
        if new:
            self.store.frontier_insert(self.key, new, run_id=self.run_id)
            self.wake.set()

    def _tally(self, kind: str, url: str, reason: str = "") -> None:
        self.counts[kind] += 1
        self._emit(kind, url, reason)

    def _emit(self, kind: str, url: str, reason: str = "") -> None:
        if self.progress is not None:
            self.progress(CrawlEvent(kind, url, reason, self.attempted, self.scope.max_pages))

    def _summary(self, status: str) -> CrawlSummary:
        warc = self.evidence.counts() if self.evidence is not None else None
        return CrawlSummary(
            run_id=self.run_id,
            fetched=self.counts["fetched"],
            unchanged=self.counts["unchanged"],
            not_html=self.counts["not_html"],
            skipped_robots=self.counts["skipped_robots"],
            failed=dict(sorted(self.failed.items())),
            deferred=self.counts["deferred"],
            resumed=self.resumed,
            status=status,
            warc=warc.archive if warc else "",
            warc_responses=warc.responses if warc else 0,
            warc_repaired=warc.repaired if warc else 0,
        )


__all__ = ["CrawlEvent", "Progress", "crawl", "crawl_key", "run_crawl"]
