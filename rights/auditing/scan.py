"""Judging the captures of one web archive against our originals (`rights scan`'s task). Pure but for
reading the archive file.

The driver builds a `ScanIndex` once (`build_index`): every original's fingerprints in a
`FingerprintIndex`, its stored body (zlib) and the verdict its terms give for the use. The engine ships the
index to every worker; `scan_archive(path, index)` reads one archive and, for each HTML response (or WET
text): parse -> visible text -> fingerprints -> candidate originals -> `compare_pages` (the thresholds and
quotation/boilerplate rules of `rights compare`) -> for each copy, the capture's signals judged with the
audit rules (`rules.judge`), so findings are the audit's kinds. Each finding carries its evidence address
(archive, record offset, WARC-Record-ID, target URI, capture date) and is keyed by the record id.

A capture on an original's own site (registrable domain) is the publisher's page, not a copy: skipped.
"""

from __future__ import annotations

import html
import time
import zlib
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from rights.auditing.rules import DEFAULT_MAX_QUOTE_SHARE, SUBSTANTIAL, Source, judge
from rights.errors import RightsError, UsageError
from rights.matching import compare_pages, diff_pages, fingerprint
from rights.matching.article import page_text
from rights.matching.index import FingerprintIndex
from rights.models import plain
from rights.page import parse_page
from rights.page.models import Page
from rights.policy import PolicySet
from rights.policy.chain import Link
from rights.policy.compliance import diff_inputs
from rights.policy.models import Finding, Verdict
from rights.policy.verdict import evaluate
from rights.signals import detect_signals
from rights.signals.models import Signals
from rights.store import Store
from rights.urls import normalize, registrable_domain
from rights.web.archive import ArchivePart, ArchiveRecord, ArchiveStats, read_archive

MAX_CANDIDATES = 10  # originals aligned per capture, most shared fingerprints first


@dataclass(frozen=True, slots=True)
class Original:
    """One of our articles as the workers need it: the stored body and the verdict its terms give."""

    url: str
    final_url: str
    site: str
    html_zlib: bytes
    verdict: Verdict
    title: str | None = None


@dataclass
class ScanIndex:
    """What every worker holds: the originals' fingerprint index, the originals, and the limits."""

    index: FingerprintIndex
    originals: dict[str, Original]
    use: str
    max_bytes: int  # per record (the crawler's cap on a body)
    max_parse_bytes: int
    max_quote_share: float = DEFAULT_MAX_QUOTE_SHARE
    _sources: dict[str, Source] = field(default_factory=dict, repr=False)  # parsed on a worker, on demand

    def __getstate__(self) -> dict[str, Any]:
        state = dict(self.__dict__)
        state["_sources"] = {}
        return state

    def __setstate__(self, state: dict[str, Any]) -> None:
        self.__dict__.update(state)

    def source(self, url: str) -> Source:
        """An original, parsed and read (once per worker)."""
        found = self._sources.get(url)
        if found is None:
            original = self.originals[url]
            page = parse_page(
                zlib.decompress(original.html_zlib), url=original.final_url, max_bytes=self.max_parse_bytes
            )
            found = self._sources[url] = Source(page, detect_signals(page), original.verdict)
        return found


def build_index(
    store: Store,
    policies: PolicySet,
    *,
    site: str | None,
    use: str,
    max_bytes: int,
    urls: Sequence[str] | None = None,
    max_parse_bytes: int,
    max_quote_share: float = DEFAULT_MAX_QUOTE_SHARE,
) -> ScanIndex:
    """Our originals from the database (optionally one site, or a URL prefix when `site` has a scheme),
    fingerprinted and judged once. Raises `UsageError` when there are none."""
    prefix = site if site and "://" in site else None
    domain = registrable_domain(site) if site and prefix is None else None
    rows = store.stored_pages(domain)
    if prefix is not None:
        rows = [r for r in rows if r["url"].startswith(normalize(prefix))]
    if urls is not None:  # --originals listed them: exactly those (fetched just before)
        wanted = set(urls)
        rows = [r for r in rows if r["url"] in wanted]
    index, originals = FingerprintIndex(), {}
    for row in rows:
        record = store.get_page(row["url"])
        if record is None or not record.html:
            continue
        page = parse_page(record.html, url=record.final_url, max_bytes=max_parse_bytes)
        prints = fingerprint(page_text(page).text)
        if not len(prints):
            continue
        signals = detect_signals(page)
        verdict = evaluate([Link(page.url, "read", page, signals)], policies, use)
        own_site = registrable_domain(record.url)
        index.add(record.url, prints, own_site)
        originals[record.url] = Original(
            record.url, record.final_url, own_site, zlib.compress(record.html, 1), verdict, page.title
        )
    if not originals:
        where = f" of {site}" if site else ""
        raise UsageError(f"no originals{where} in the database; store them first (`rights crawl SITE_URL`)")
    return ScanIndex(index, originals, use, max_bytes, max_parse_bytes, max_quote_share)


@dataclass
class ArchiveResult:
    """One archive read and judged: what reading met, the copies, and the findings as stored rows."""

    archive: str  # the task's name: the archive, with `#bytes=START-END` for a byte range of it
    stats: dict[str, Any]
    findings: list[dict[str, Any]]
    copies: int = 0
    unreadable: int = 0  # records that could not be parsed
    seconds: float = 0.0
    error: str | None = None  # the archive is truncated or corrupt: read up to the damage
    failed: str | None = None  # the task itself failed (no result): the archive stays to do
    size: int = 0  # the bytes the task covered (the archive, or its range), for progress
    written: int = 0  # findings the task wrote to its Parquet file instead of returning them (--parquet)

    @property
    def counts(self) -> dict[str, Any]:
        return {
            **self.stats,
            "copies": self.copies,
            "findings": len(self.findings) + self.written,
            "unreadable": self.unreadable,
            "seconds": round(self.seconds, 3),
        }


def _page(record: ArchiveRecord, max_parse_bytes: int) -> Page:
    if record.kind == "text":  # a WET conversion: plain text, one block per line
        text = record.body.decode("utf-8", errors="replace")
        lines = "".join(f"<p>{html.escape(line)}</p>" for line in text.splitlines() if line.strip())
        return parse_page(f"<html><body><article>{lines}</article></body></html>", url=record.target_uri)
    return parse_page(record.body, url=record.target_uri, headers=record.headers, max_bytes=max_parse_bytes)


def judge_record(record: ArchiveRecord, index: ScanIndex) -> tuple[int, list[Finding], str | None]:
    """(copies found, findings, the capture's title) for one capture."""
    page = _page(record, index.max_parse_bytes)
    prints = fingerprint(page_text(page, whole=True).text)
    if not len(prints):
        return 0, [], page.title
    site = registrable_domain(record.target_uri)
    copies, findings = 0, []
    signals: Signals | None = None
    for candidate in index.index.candidates(prints, limit=MAX_CANDIDATES):
        if site and candidate.site == site:
            continue
        source = index.source(candidate.key)
        match = compare_pages(page, source.page)
        if match.verdict == "unrelated":
            continue
        copies += match.verdict in SUBSTANTIAL
        signals = signals or detect_signals(page)
        edits = []
        if match.verdict in SUBSTANTIAL and any(
            c.kind == "no_derivatives" for c in source.verdict.conditions
        ):
            names = [next(iter(source.page.authors), None), source.page.site_name]
            edits = diff_pages(*diff_inputs(source.page, page, names), match.copy_blocks)
        findings.extend(judge(page, signals, source, match, edits, max_quote_share=index.max_quote_share))
    return copies, findings, page.title


def finding_row(
    finding: Finding, record: ArchiveRecord, index: ScanIndex, title: str | None
) -> dict[str, Any]:
    """A finding as stored: keyed by the capture's record id, with its evidence address."""
    data: dict[str, Any] = plain(finding)
    data["key"] = f"{record.record_id} {finding.kind} {finding.source_url or ''}".strip()
    data["site"] = registrable_domain(record.target_uri)
    data["post_title"] = title
    original = index.originals.get(finding.source_url or "")
    data["source_title"] = original.title if original else None
    data["capture"] = {
        "archive": record.archive,
        "offset": record.offset,
        "record_id": record.record_id,
        "target_uri": record.target_uri,
        "captured_at": record.captured_at,
    }
    return data


def scan_archive(archive: ArchivePart, index: ScanIndex) -> ArchiveResult:
    """Read one archive (or the records of a byte range of one) and judge every HTML (or WET text) capture
    in it against the originals."""
    start = time.perf_counter()
    stats = ArchiveStats()
    result = ArchiveResult(archive.name, {}, [], size=archive.size)
    for record in read_archive(archive, stats, max_bytes=index.max_bytes):
        try:
            copies, findings, title = judge_record(record, index)
        except (RightsError, ValueError, UnicodeError):
            result.unreadable += 1
            continue
        result.copies += copies
        result.findings.extend(finding_row(f, record, index, title) for f in findings)
    result.stats, result.error = stats.as_dict(), stats.error
    result.seconds = time.perf_counter() - start
    return result
