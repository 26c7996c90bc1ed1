"""Judging the captures of one web archive against our originals (`rights scan`'s task). Pure but for
reading the archive file.

The driver builds a `ScanIndex` once (`build_index`): every original's anchors in a `PackedIndex` (arrays,
no Python object per posting), its page packed without what judging never reads, its signals and the
verdict its terms give. The engine ships the index to every worker; `scan_archive(path, index)` reads one
archive and, for each HTML response (or WET text): the words it shows -> fingerprints -> candidate originals
(at least `MIN_ANCHORS` shared anchors) -> only then a full parse and, per candidate, the alignment of
`rights compare` (`match_page`, the same thresholds and quotation/boilerplate rules) -> for each copy, the
capture's signals judged with the audit rules (`rules.judge`), so findings are the audit's kinds. Each
finding carries its evidence address (archive, record offset, WARC-Record-ID, target URI, capture date) and
is keyed by the record id. A capture that takes longer than the per-record limit is counted and skipped.

A capture on an original's own site (registrable domain) is the publisher's page, not a copy: skipped.
"""

from __future__ import annotations

import html
import pickle
import time
import zlib
from collections import OrderedDict
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from typing import Any

import numpy as np

from rights.auditing.rules import DEFAULT_MAX_QUOTE_SHARE, SUBSTANTIAL, Source, judge
from rights.errors import RightsError, UsageError
from rights.matching import diff_pages, fingerprint
from rights.matching.article import match_page, page_source, page_text, same_site
from rights.matching.compare import Source as MatchSource
from rights.matching.fingerprint import Prints, prints
from rights.matching.index import PackedIndex, site_boilerplate
from rights.matching.text import U64
from rights.models import Zone, plain
from rights.page import parse_page, visible_words
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

MAX_CANDIDATES = 10  # originals aligned per capture, most shared anchors first
UNPACKED_ORIGINALS = 1000  # originals a worker keeps unpacked (the ones it used last)
# A capture sharing fewer than MIN_ANCHORS of an original's anchors (about 35 words of text) is not aligned
# with it; one is enough for an original of fewer than SHORT_ORIGINAL anchors (about 140 words), whose
# excessive quotation (a quarter of it) may hold only one.
MIN_ANCHORS = 2
SHORT_ORIGINAL = 16


class RecordTimeout(RightsError):
    """A capture took longer than the per-record time limit; it is counted and the scan goes on."""


@dataclass(frozen=True, slots=True)
class Original:
    """One of our articles as the workers need it: its page without what judging never reads (pickled and
    compressed), its signals and the verdict its terms give."""

    url: str
    final_url: str
    site: str
    packed: bytes  # zlib(pickle((page, signals))): unpacked on a worker when a capture needs it
    verdict: Verdict
    title: str | None = None

    @classmethod
    def pack(
        cls, url: str, final_url: str, site: str, page: Page, signals: Signals, verdict: Verdict
    ) -> Original:
        packed = zlib.compress(pickle.dumps((slim_page(page), signals), pickle.HIGHEST_PROTOCOL), 6)
        return cls(url, final_url, site, packed, verdict, page.title)

    def unpack(self) -> tuple[Page, Signals]:
        unpacked: tuple[Page, Signals] = pickle.loads(zlib.decompress(self.packed))
        return unpacked


@dataclass
class ScanIndex:
    """What every worker holds: the originals' anchors in a `PackedIndex`, each site's boilerplate among the
    originals, the originals, and the limits."""

    index: PackedIndex
    originals: dict[str, Original]
    boilerplate: dict[str, U64]  # per site: fingerprints on many of its originals (left out of comparisons)
    use: str
    max_bytes: int  # per record (the crawler's cap on a body)
    max_parse_bytes: int
    max_quote_share: float = DEFAULT_MAX_QUOTE_SHARE
    record_seconds: float = 30.0  # the per-record time limit (the crawler's parse_timeout)
    _sources: OrderedDict[str, tuple[Source, MatchSource]] = field(default_factory=OrderedDict, repr=False)

    def __getstate__(self) -> dict[str, Any]:
        state = dict(self.__dict__)
        state["_sources"] = OrderedDict()  # unpacked on each worker, as its captures need them
        return state

    def __setstate__(self, state: dict[str, Any]) -> None:
        self.__dict__.update(state)

    def source(self, url: str) -> tuple[Source, MatchSource]:
        """An original, unpacked, with its article text ready to align. A worker keeps the
        `UNPACKED_ORIGINALS` it used last (about 0.2 MB each), so its memory stays bounded however many
        originals its captures meet."""
        found = self._sources.get(url)
        if found is not None:
            self._sources.move_to_end(url)
        else:
            original = self.originals[url]
            page, signals = original.unpack()
            found = (
                Source(page, signals, original.verdict),
                page_source(page, self.boilerplate.get(original.site)),
            )
            self._sources[url] = found
            if len(self._sources) > UNPACKED_ORIGINALS:
                self._sources.popitem(last=False)
        return found


def slim_page(page: Page) -> Page:
    """The page as judging a copy reads it: its text blocks, images and article links, title, names and
    addresses; not its other links, meta tags, JSON-LD or headers (the signals are read before)."""
    article_links = tuple(ln for ln in page.links if ln.tag == "a" and ln.in_article and ln.zone is Zone.MAIN)
    return replace(page, links=article_links, meta={}, jsonld=(), headers={})


Stored = tuple[str, str, bytes]  # an original as the database holds it: (url, final url, body)
Prepared = tuple[Original, Prints]
Work = Callable[[list[Stored]], list[Prepared | None]]
Prepare = Callable[[Work, Iterable[list[Stored]]], Iterable[list[Prepared | None]]]
PREPARE_CHUNK = 25  # originals per preparing task (about 0.2 s of work)


@dataclass(frozen=True, slots=True)
class Preparer:
    """Reads stored originals into what the index holds: parsed, signals read, judged, fingerprinted, packed.
    Pure; a chunk at a time, so the work can be spread over the cluster (`build_index`'s `prepare`)."""

    policies: PolicySet
    use: str
    max_parse_bytes: int

    def __call__(self, chunk: list[Stored]) -> list[Prepared | None]:
        return [self.one(*stored) for stored in chunk]

    def one(self, url: str, final_url: str, body: bytes) -> Prepared | None:
        """None for a page with too little text to be found in another (no anchors)."""
        page = parse_page(body, url=final_url, max_bytes=self.max_parse_bytes)
        article = prints(page_text(page).text)
        if not len(article.anchors):
            return None
        signals = detect_signals(page)
        verdict = evaluate([Link(page.url, "read", page, signals)], self.policies, self.use)
        return Original.pack(url, final_url, registrable_domain(url), page, signals, verdict), article


def in_process(work: Work, chunks: Iterable[list[Stored]]) -> Iterable[list[Prepared | None]]:
    return map(work, chunks)


def stored_originals(store: Store, site: str | None, urls: Sequence[str] | None) -> Iterator[list[Stored]]:
    """The stored originals to look for, in chunks of `PREPARE_CHUNK` (read as they are needed)."""
    prefix = site if site and "://" in site else None
    domain = registrable_domain(site) if site and prefix is None else None
    rows = store.stored_pages(domain)
    if prefix is not None:
        rows = [r for r in rows if r["url"].startswith(normalize(prefix))]
    if urls is not None:  # --originals listed them: exactly those (fetched just before)
        wanted = set(urls)
        rows = [r for r in rows if r["url"] in wanted]
    chunk: list[Stored] = []
    for row in rows:
        record = store.get_page(row["url"])
        if record is not None and record.html:
            chunk.append((record.url, record.final_url, record.html))
        if len(chunk) >= PREPARE_CHUNK:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


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
    record_seconds: float = 30.0,
    prepare: Prepare = in_process,
) -> ScanIndex:
    """Our originals from the database (optionally one site, or a URL prefix when `site` has a scheme),
    fingerprinted and judged once. Raises `UsageError` when there are none.

    `prepare(work, chunks)` runs `work` on every chunk of stored originals and yields the results in order:
    in this process by default; the scan's engine passes one that runs the chunks on its workers.

    The index holds each original's anchors (`rights.matching.fingerprint.Prints`): a shared passage of 20
    words or more always shares one. Fingerprints that recur on many originals of one site (a newsletter
    box, a standing disclaimer) are that site's boilerplate: they are not indexed and not counted when a
    capture is aligned with an original of that site."""
    work = Preparer(policies, use, max_parse_bytes)
    originals: dict[str, Original] = {}
    found: dict[str, Prints] = {}
    for results in prepare(work, stored_originals(store, site, urls)):
        for prepared in results:
            if prepared is not None:
                original, article = prepared
                originals[original.url], found[original.url] = original, article
    if not originals:
        where = f" of {site}" if site else ""
        raise UsageError(f"no originals{where} in the database; store them first (`rights crawl SITE_URL`)")
    by_site: dict[str, list[U64]] = {}
    for url, original in originals.items():
        by_site.setdefault(original.site, []).append(found[url].fingerprints)
    boilerplate = {s: common for s, pages in by_site.items() if len(common := site_boilerplate(pages))}
    index = PackedIndex()
    for url, original in originals.items():
        anchors = found[url].anchors
        if original.site in boilerplate:
            anchors = np.setdiff1d(anchors, boilerplate[original.site], assume_unique=True)
        index.add(url, anchors, original.site)
    return ScanIndex(
        index.freeze(),
        originals,
        boilerplate,
        use,
        max_bytes,
        max_parse_bytes,
        max_quote_share,
        record_seconds,
    )


@dataclass
class ArchiveResult:
    """One archive read and judged: what reading met, the copies, and the findings as stored rows."""

    archive: str  # the task's name: the archive, with `#bytes=START-END` for a byte range of it
    stats: dict[str, Any]
    findings: list[dict[str, Any]]
    copies: int = 0
    unreadable: int = 0  # records that could not be parsed
    timed_out: int = 0  # records past the per-record time limit
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
            "timed_out": self.timed_out,
            "seconds": round(self.seconds, 3),
        }


def _page(record: ArchiveRecord, max_parse_bytes: int) -> Page:
    if record.kind == "text":  # a WET conversion: plain text, one block per line
        text = record.body.decode("utf-8", errors="replace")
        lines = "".join(f"<p>{html.escape(line)}</p>" for line in text.splitlines() if line.strip())
        return parse_page(f"<html><body><article>{lines}</article></body></html>", url=record.target_uri)
    return parse_page(record.body, url=record.target_uri, headers=record.headers, max_bytes=max_parse_bytes)


def _words(record: ArchiveRecord, max_parse_bytes: int) -> str:
    if record.kind == "text":
        return record.body.decode("utf-8", errors="replace")
    return visible_words(record.body, headers=record.headers, max_bytes=max_parse_bytes)


class _Clock:
    """The per-record time limit, checked between the steps of judging a capture (a step in C, like one
    parse, is bounded by the parse size limit instead)."""

    def __init__(self, seconds: float) -> None:
        self.seconds = seconds
        self.deadline = time.monotonic() + seconds

    def check(self, step: str) -> None:
        if time.monotonic() >= self.deadline:
            raise RecordTimeout(f"took longer than {self.seconds:g} s (stopped {step})")


def judge_record(record: ArchiveRecord, index: ScanIndex) -> tuple[int, list[Finding], str | None]:
    """(copies found, findings, the capture's title) for one capture.

    Every capture is looked up by the words it shows (`visible_words`, no DOM walk); only a capture that
    shares at least `MIN_ANCHORS` anchors with an original (one with a short original) is parsed in full
    and aligned, so the cost of the great majority of captures, which copy nothing of ours, is a fraction
    of a full parse."""
    clock = _Clock(index.record_seconds)
    site = registrable_domain(record.target_uri)
    found = index.index.candidates(
        fingerprint(_words(record, index.max_parse_bytes)),
        min_shared=MIN_ANCHORS,
        limit=MAX_CANDIDATES,
        exclude_site=site,
        short=SHORT_ORIGINAL,
    )
    if not found:
        return 0, [], None
    clock.check("after the lookup")
    page = _page(record, index.max_parse_bytes)
    copies, findings = 0, []
    signals: Signals | None = None
    for candidate in found:
        clock.check("aligning")
        source, original_text = index.source(candidate.key)
        match = match_page(page, original_text, same_site=same_site(page, source.page)).match
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
        except RecordTimeout:
            result.timed_out += 1
            continue
        except (RightsError, ValueError, UnicodeError):
            result.unreadable += 1
            continue
        result.copies += copies
        result.findings.extend(finding_row(f, record, index, title) for f in findings)
    result.stats, result.error = stats.as_dict(), stats.error
    result.seconds = time.perf_counter() - start
    return result
