"""`rights audit`: which posts of a site copy text without proper attribution?

1. crawl the site (sitemaps, feeds, in-site links) into the database, politely and resumably;
2. read each post: its attributions and the pages it cites on other sites;
3. fetch the cited pages, one hop, politely (a second crawl of depth 0);
4. fingerprint every post and source, and find for each post the stored pages it shares passages with
   (the cited ones and any page already in the database, from any earlier run);
5. align each post with each candidate source and judge it against the source's terms (`audit_rules`);
6. record the findings with the run; `rights report` compares runs (new, still open, fixed).

Each stage is timed (fetch, parse, detect, fingerprint, store) for the benchmark.
"""

from __future__ import annotations

import asyncio
import time
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date
from typing import Any

import numpy as np

from rights.auditing.history import audit_runs, build_report
from rights.auditing.models import AuditReport
from rights.auditing.rules import DEFAULT_MAX_QUOTE_SHARE, Source, judge
from rights.config import Settings
from rights.matching import compare_pages, diff_pages, prints
from rights.matching.article import page_text
from rights.models import plain
from rights.page import parse_page
from rights.page.models import Page
from rights.policy import PolicySet
from rights.policy.chain import Link
from rights.policy.compliance import diff_inputs
from rights.policy.models import Finding
from rights.policy.verdict import evaluate
from rights.signals import detect_signals
from rights.signals.models import Signals
from rights.store import Store, open_settings_store
from rights.store.fingerprints import StoredPrints
from rights.urls import check_url, normalize, registrable_domain
from rights.web.crawl import CrawlEvent, crawl
from rights.web.discover import Scope, is_asset

MIN_POST_WORDS = 80
MAX_CITED_PER_POST = 30
SOCIAL = frozenset(
    {
        "facebook.com",
        "twitter.com",
        "x.com",
        "linkedin.com",
        "reddit.com",
        "pinterest.com",
        "whatsapp.com",
        "t.me",
        "telegram.me",
        "instagram.com",
        "youtube.com",
        "tiktok.com",
        "mastodon.social",
        "bsky.app",
        "threads.net",
        "tumblr.com",
        "flipboard.com",
        "wa.me",
    }
)
Progress = Callable[[CrawlEvent], None]


@dataclass
class Timings:
    """Seconds spent per stage."""

    seconds: dict[str, float] = field(default_factory=lambda: defaultdict(float))

    @contextmanager
    def stage(self, name: str) -> Iterator[None]:
        start = time.perf_counter()
        try:
            yield
        finally:
            self.seconds[name] += time.perf_counter() - start


@dataclass
class AuditSummary:
    run_id: int
    site: str
    posts: int = 0
    sources: int = 0
    pairs: int = 0
    findings: list[Finding] = field(default_factory=list)
    crawl: dict[str, Any] = field(default_factory=dict)
    cited_crawl: dict[str, Any] = field(default_factory=dict)
    timings: dict[str, float] = field(default_factory=dict)
    titles: dict[str, str | None] = field(default_factory=dict)
    reused: int = 0  # posts not re-analysed: they and their sources are unchanged since the previous audit
    reused_rows: list[dict[str, Any]] = field(default_factory=list)
    hashes: dict[str, str] = field(
        default_factory=dict
    )  # content hash of every page analysed (for the next run)
    # --warc: each post with a finding -> the WARC record of its stored copy (the evidence the finding points to)
    captures: dict[str, dict[str, Any]] = field(default_factory=dict)


@dataclass
class _Read:
    page: Page
    signals: Signals


class _Audit:
    def __init__(
        self,
        site_url: str,
        settings: Settings,
        store: Store,
        policies: PolicySet,
        *,
        use: str,
        since: date | None,
        progress: Progress | None,
        max_quote_share: float,
    ) -> None:
        self.site_url = normalize(check_url(site_url))
        self.site = registrable_domain(self.site_url)
        self.settings, self.store, self.policies = settings, store, policies
        self.use, self.since, self.progress, self.max_quote_share = use, since, progress, max_quote_share
        self.timings = Timings()
        self.cache: dict[str, _Read | None] = {}
        self.sources: dict[str, Source | None] = {}
        self.prints: dict[str, Any] = {}

    def read(self, url: str) -> _Read | None:
        """A stored page, parsed and read (cached for the run)."""
        if url in self.cache:
            return self.cache[url]
        with self.timings.stage("store"):
            record = self.store.get_page(url)
        read = None
        if record is not None and record.html:
            with self.timings.stage("parse"):
                page = parse_page(record.html, url=record.final_url, max_bytes=self.settings.max_parse_bytes)
            with self.timings.stage("detect"):
                read = _Read(page, detect_signals(page))
        self.cache[url] = read
        return read

    def is_post(self, read: _Read) -> bool:
        words = len(read.page.main_text.split())
        if words < MIN_POST_WORDS:
            return False
        if self.since is not None and read.page.published:
            try:
                return date.fromisoformat(read.page.published[:10]) >= self.since
            except ValueError:
                return True
        return True

    def cited(self, post: Page) -> list[str]:
        """Pages on other sites that the post links to from its article."""
        out = []
        for link in post.links:
            if link.tag != "a" or not link.in_article or is_asset(link.url):
                continue
            domain = registrable_domain(link.url)
            if not domain or domain == self.site or domain in SOCIAL:
                continue
            out.append(normalize(link.url))
        return list(dict.fromkeys(out))[:MAX_CITED_PER_POST]

    def fingerprint(self, urls: Iterable[str]) -> None:
        """Store the prints of pages not printed yet (or printed from an older copy)."""
        batch = []
        for url in urls:
            read = self.read(url)
            if read is None:
                continue
            with self.timings.stage("fingerprint"):
                batch.append(StoredPrints(url, prints(page_text(read.page).text), registrable_domain(url)))
        with self.timings.stage("store"):
            self.store.save_page_prints(batch)

    def source(self, url: str) -> Source | None:
        """A candidate source with the verdict its terms give (cached: many posts cite the same page)."""
        if url in self.sources:
            return self.sources[url]
        read = self.read(url)
        found = None
        if read is not None:
            with self.timings.stage("judge"):
                verdict = evaluate(
                    [Link(read.page.url, "read", read.page, read.signals)], self.policies, self.use
                )
            found = Source(read.page, read.signals, verdict)
        self.sources[url] = found
        return found

    def shares_text(self, post_url: str, source_url: str) -> bool:
        """Whether two stored pages share at least one fingerprint (else no passage of 8+ words is shared)."""
        with self.timings.stage("match"):
            a, b = self.prints_of(post_url), self.prints_of(source_url)
            return a is None or b is None or bool(np.intersect1d(a, b, assume_unique=True).size)

    def prints_of(self, url: str) -> Any:
        if url not in self.prints:
            with self.timings.stage("store"):
                stored = self.store.page_prints(url)
            self.prints[url] = stored.prints.fingerprints if stored is not None else None
        return self.prints[url]

    def judge_post(self, url: str, post: _Read, candidates: list[str]) -> list[Finding]:
        findings = []
        for source_url in candidates:
            if not self.shares_text(url, source_url):
                continue
            source = self.source(source_url)
            if source is None:
                continue
            with self.timings.stage("match"):
                match = compare_pages(post.page, source.page)
                edits = []
                if match.verdict in ("copy", "partial") and any(
                    c.kind == "no_derivatives" for c in source.verdict.conditions
                ):
                    names = [next(iter(source.page.authors), None), source.page.site_name]
                    edits = diff_pages(*diff_inputs(source.page, post.page, names), match.copy_blocks)
            with self.timings.stage("judge"):
                findings.extend(
                    judge(post.page, post.signals, source, match, edits, max_quote_share=self.max_quote_share)
                )
        return findings


async def _crawl(
    seeds: list[str],
    settings: Settings,
    store: Store,
    scope: Scope,
    progress: Progress | None,
    args: dict[str, Any],
    timings: Timings,
) -> dict[str, Any]:
    start = time.perf_counter()
    summary = await crawl(seeds, settings, store, scope=scope, progress=progress, args=args)
    timings.seconds["fetch"] += time.perf_counter() - start
    return summary.as_dict()


def audit_site(
    site_url: str,
    settings: Settings,
    store: Store,
    policies: PolicySet,
    *,
    run_id: int,
    use: str = "noncommercial",
    since: date | None = None,
    progress: Progress | None = None,
    max_quote_share: float = DEFAULT_MAX_QUOTE_SHARE,
) -> AuditSummary:
    """Audit one site; the caller opened the store, holds its lock and started run `run_id`."""
    audit = _Audit(
        site_url,
        settings,
        store,
        policies,
        use=use,
        since=since,
        progress=progress,
        max_quote_share=max_quote_share,
    )
    summary = AuditSummary(run_id, audit.site)
    scope = Scope.for_seeds([audit.site_url], max_depth=settings.max_depth, max_pages=settings.max_pages)
    summary.crawl = asyncio.run(
        _crawl([audit.site_url], settings, store, scope, progress, {"audit": audit.site_url}, audit.timings)
    )
    posts: dict[str, _Read] = {}
    for row in store.stored_pages(audit.site):
        read = audit.read(row["url"])
        if read is not None and audit.is_post(read):
            posts[row["url"]] = read
    cited = {url: audit.cited(read.page) for url, read in posts.items()}
    every_cited = sorted({u for urls in cited.values() for u in urls})
    if every_cited:
        cited_scope = Scope.for_seeds(every_cited, max_depth=0, max_pages=len(every_cited))
        summary.cited_crawl = asyncio.run(
            _crawl(
                every_cited,
                settings,
                store,
                cited_scope,
                progress,
                {"audit_cited": audit.site_url},
                audit.timings,
            )
        )
    with audit.timings.stage("store"):
        unprinted = store.unprinted_pages()
    audit.fingerprint(dict.fromkeys([*posts, *every_cited, *unprinted]))
    previous = _previous_findings(store, audit.site, run_id)
    for url, post in posts.items():
        with audit.timings.stage("store"):
            own = store.page_prints(url)
        candidates = list(cited[url])
        if own is not None:
            found = store.copy_candidates(own.prints, exclude_site=audit.site)
            candidates += [c.key for c in found if c.key not in candidates]
        summary.pairs += len(candidates)
        with audit.timings.stage("store"):
            hashes = _hashes(store, [url, *candidates])
        summary.hashes.update(hashes)
        if previous is not None and all(previous[0].get(u) == h for u, h in hashes.items()):
            summary.reused += 1
            summary.reused_rows.extend(row for row in previous[1] if row.get("url") == url)
            continue
        summary.findings.extend(audit.judge_post(url, post, candidates))
    for url in {f.url for f in summary.findings if f.url} | {
        r["url"] for r in summary.reused_rows if r.get("url")
    }:
        capture = store.page_capture(url)
        if capture is not None:
            summary.captures[url] = capture
    summary.posts = len(posts)
    summary.sources = len({f.source_url for f in summary.findings} | set(every_cited))
    summary.timings = dict(audit.timings.seconds)
    summary.titles = {url: read.page.title for url, read in audit.cache.items() if read is not None}
    return summary


def _previous_findings(
    store: Store, site: str, run_id: int
) -> tuple[dict[str, str], list[dict[str, Any]]] | None:
    """The content hashes the site's previous finished audit analysed, and its findings."""
    earlier = [r for r in audit_runs(store, site) if r.id < run_id]
    if not earlier:
        return None
    hashes = earlier[-1].counts.get("hashes") if earlier[-1].counts else None
    return dict(hashes or {}), store.findings_of_run(earlier[-1].id)


def _hashes(store: Store, urls: Iterable[str]) -> dict[str, str]:
    """The stored content hash of each page (a recrawl answered with 304 keeps the hash)."""
    out = {}
    for url in urls:
        record = store.get_page(url, with_html=False)
        out[url] = record.content_hash if record is not None else ""
    return out


def finding_rows(summary: AuditSummary) -> list[dict[str, Any]]:
    """Findings as stored rows: a stable key (post, kind, source) and the whole finding as data."""
    rows = []
    for finding in summary.findings:
        data = plain(finding)
        data["key"] = f"{finding.url} {finding.kind} {finding.source_url or ''}".strip()
        data["site"] = summary.site
        data["post_title"] = summary.titles.get(finding.url or "")
        data["source_title"] = summary.titles.get(finding.source_url or "")
        if finding.url in summary.captures:
            data["capture"] = summary.captures[finding.url]
        rows.append(data)
    for row in summary.reused_rows:  # an unchanged post: its stored copy's capture, if this run has one
        capture = summary.captures.get(row.get("url") or "")
        rows.append({**row, "capture": capture} if capture else dict(row))
    return rows


def run_audit(
    site_url: str,
    settings: Settings,
    policies: PolicySet,
    *,
    use: str = "noncommercial",
    since: date | None = None,
    progress: Progress | None = None,
) -> AuditReport:
    """Audit a site as one recorded run: open the database, hold its lock (`AlreadyRunningError` for a second
    run), record the run with its counts and findings, and report them against the site's previous audit."""
    check_url(site_url)
    site = registrable_domain(site_url)
    store = open_settings_store(settings)
    try:
        with store.lock():
            run_id = store.start_run(
                "audit", {"max_pages": settings.max_pages}, {"site": site, "url": site_url, "use": use}
            )
            try:
                summary = audit_site(
                    site_url,
                    settings,
                    store,
                    policies,
                    run_id=run_id,
                    use=use,
                    since=since,
                    progress=progress,
                )
                store.save_findings(run_id, finding_rows(summary))
            except BaseException:
                store.finish_run(run_id, "failed")
                raise
            store.finish_run(
                run_id,
                "done",
                {
                    "posts": summary.posts,
                    "findings": len(summary.findings) + len(summary.reused_rows),
                    "reused": summary.reused,
                    "hashes": summary.hashes,
                    "pairs": summary.pairs,
                    "timings": summary.timings,
                },
            )
            return build_report(store, run_id=run_id)
    finally:
        store.close()
