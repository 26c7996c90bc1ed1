"""The library: every command of the CLI as a call that returns the value objects the CLI renders.

    import rights

    result = rights.inspect("page.html", url="https://example.org/story")      # -> Inspection
    result = rights.check("https://example.org/story", use="commercial")       # -> Check
    for item in rights.check_many(["https://example.org/a", "b.html"]):       # -> BatchItem, as each is done
    result = rights.verify("https://partner.example/copy")                     # -> Verification
    result = rights.compare("copy.html", "https://example.org/story")          # -> Comparison
    report = rights.audit("https://blog.example.org/", max_pages=200)          # -> AuditReport

Settings are keyword-only. Each call takes `settings=` (a `rights.Settings`; by default the polite defaults;
`rights.load_settings()` reads rights.toml and the RIGHTS_* environment as the CLI does) and, where terms are
judged, `policies=` (folders of your own policy files, or a loaded `PolicySet`). Errors
are the tree of `rights.errors` (`InputError` for bad input, `FetchError` for a page that could not be fetched,
...); nothing here prints or exits. `audit` records its run in the database, as the CLI does; the others do not
touch the database (the CLI records them).
"""

from __future__ import annotations

import queue
import threading
from collections.abc import Callable, Generator, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from rights.auditing.models import AuditReport
from rights.config import DEFAULT_SPLIT, Settings, settings_from
from rights.errors import FetchError, InputError, RightsError, UsageError
from rights.matching import (
    DEFAULT_SETTINGS,
    MatchSettings,
    compare_pages,
    compare_texts,
    diff_pages,
    make_source,
)
from rights.matching.article import match_page, page_text, same_site
from rights.matching.compare import Source
from rights.matching.models import Match
from rights.page import check_html_bytes, parse_page, sniff_not_html
from rights.page.models import Page
from rights.policy import PolicySet, load_policies
from rights.policy.ai_verdict import evaluate_ai
from rights.policy.chain import Link, follow_chain
from rights.policy.compliance import diff_inputs, verify_copy
from rights.policy.models import USES, Finding, Verdict
from rights.policy.verdict import evaluate
from rights.signals import detect_signals
from rights.signals.ai_models import AI_USES, AiUsage
from rights.signals.ai_usage import combine, read_page_ai
from rights.signals.common import PageText
from rights.signals.models import Signals
from rights.urls import registrable_domain
from rights.web.fetch.sync import SharedFetcher, fetch_page

if TYPE_CHECKING:
    from rights.auditing.scan_run import ScanSummary
from rights.web.models import Fetched
from rights.web.target import (
    Loaded,
    TargetSpec,
    check_compare_target,
    decode_text,
    is_url,
    load_target,
    validate_target,
)

Fetch = Callable[[str, Settings], Fetched]
Policies = PolicySet | Sequence[Path] | None


@dataclass(frozen=True, slots=True)
class Inspection:
    """What one page says about its own rights: the parsed page and every signal found on it."""

    target: str
    source: str  # file | url
    page: Page
    signals: Signals
    fetched: Fetched | None = None
    ai_usage: AiUsage | None = None  # search / AI input / AI training preferences of the page and its site


@dataclass(frozen=True, slots=True)
class Check:
    """The answer to "can I republish this for my use?": the page read, the verdict, the origin chain."""

    inspection: Inspection
    verdict: Verdict
    chain: tuple[Link, ...]


@dataclass(frozen=True, slots=True)
class Verification:
    """A copy checked against its original's terms: one finding per condition."""

    copy: Inspection
    original: Link
    verdict: Verdict  # the original's terms for the use
    match: Match
    findings: tuple[Finding, ...]

    @property
    def failed(self) -> bool:
        return any(f.status == "fail" for f in self.findings)


@dataclass(frozen=True, slots=True, eq=False)
class Target:
    """A loaded `compare` target: the text compared, where it came from, and the parsed page for HTML."""

    spec: TargetSpec
    source: Source
    text_from: str  # article | body | page (every visible block) | text | none
    page: Page | None = None
    final_url: str | None = None


@dataclass(frozen=True, slots=True, eq=False)
class Comparison:
    """Two texts compared: the copied passages with offsets in both, the shares and a verdict."""

    copy: Target
    original: Target
    match: Match


def _settings(settings: Settings | None) -> Settings:
    return settings if settings is not None else Settings()


def _policies(policies: Policies, settings: Settings) -> PolicySet:
    if isinstance(policies, PolicySet):
        return policies
    return load_policies([*settings.policy_dirs, *(policies or ())])


CHECK_USES = (*USES, *AI_USES)


def _check_use(use: str) -> None:
    if use not in CHECK_USES:
        raise UsageError(f"unknown use {use!r}; choose one of {', '.join(CHECK_USES)}")


# ------------------------------------------------------------------------------------------------ inspect


def inspect_loaded(
    target: str,
    loaded: Loaded,
    settings: Settings,
    *,
    sites: bool = False,
    shared: SharedFetcher | None = None,
) -> Inspection:
    """Parse and read a page already loaded (with its site's AI-usage files when `sites`)."""
    page = parse_page(
        loaded.content, url=loaded.url, headers=loaded.headers, max_bytes=settings.max_parse_bytes
    )
    text = PageText(page)  # one pass over the page's words, for the rights detectors and the AI reader
    usage = ai_usage_of(page, settings, sites=sites, shared=shared, text=text)
    return Inspection(target, loaded.source, page, detect_signals(page, text), loaded.fetched, usage)


def ai_usage_of(
    page: Page,
    settings: Settings,
    *,
    sites: bool = True,
    shared: SharedFetcher | None = None,
    text: PageText | None = None,
) -> AiUsage:
    """Search, AI-input and AI-training preferences: the page's own signals, and (when `sites`, unless
    `settings.offline`) its site's robots.txt, /.well-known/tdmrep.json and RSL documents, fetched politely."""
    signals, unreadable = read_page_ai(page, text)
    not_read: list[str] = []
    files = "the site's robots.txt, /.well-known/tdmrep.json and RSL documents"
    if not sites:
        not_read.append(f"{files} (not asked for)")
    elif page.url is None:
        not_read.append(f"{files} (a saved file without its address: give it with --url)")
    elif settings.offline:
        not_read.append(f"{files} (offline)")
    else:
        if shared is not None:
            site = shared.site_ai(page.url, page)
        else:
            with SharedFetcher(settings) as own:
                site = own.site_ai(page.url, page)
        signals.extend(site.signals)
        unreadable.extend(site.unreadable)
        not_read.extend(site.not_read)
    return combine(signals, unreadable, not_read)


def _shared_of(fetch: Fetch | None) -> SharedFetcher | None:
    owner = getattr(fetch, "__self__", None)
    return owner if isinstance(owner, SharedFetcher) else None


def inspect(
    target: str,
    *,
    url: str | None = None,
    settings: Settings | None = None,
    fetch: Fetch | None = None,
    sites: bool = False,
) -> Inspection:
    """What does this page say about its own rights? `target` is a URL or a saved HTML file; for a file, `url`
    is the page's address (to resolve its links and recognise its own site). `fetch` replaces the network.
    `sites`: also read the site's AI-usage files (robots.txt, tdmrep.json, RSL; not with `settings.offline`);
    the page's own AI signals are always read."""
    settings = _settings(settings)
    shared = _shared_of(fetch)
    if sites and shared is None and fetch is None and not settings.offline and (is_url(target) or url):
        with SharedFetcher(settings) as own:
            loaded = load_target(target, url=url, settings=settings, fetch=own.fetch)
            return inspect_loaded(target, loaded, settings, sites=True, shared=own)
    loaded = load_target(target, url=url, settings=settings, fetch=fetch)
    return inspect_loaded(target, loaded, settings, sites=sites, shared=shared)


# -------------------------------------------------------------------------------------------------- check


def read_origin(url: str, settings: Settings, fetch: Fetch | None = None) -> Link:
    """Fetch, parse and read an original page; a failure is a Link that says why, never an exception."""
    try:
        fetched = (fetch or fetch_page)(url, settings)
        check_html_bytes(fetched.final_url, fetched.content)
    except (FetchError, InputError) as exc:
        return Link(url, "unreachable", detail=str(exc))
    page = parse_page(
        fetched.content, url=fetched.final_url, headers=fetched.headers, max_bytes=settings.max_parse_bytes
    )
    return Link(fetched.final_url, "fetched", page, detect_signals(page))


def check(
    target: str,
    *,
    url: str | None = None,
    use: str = "noncommercial",
    follow: bool = True,
    modified: bool = False,
    settings: Settings | None = None,
    policies: Policies = None,
    fetch: Fetch | None = None,
) -> Check:
    """Can I republish this page for `use` (noncommercial, commercial, print, excerpt), and how?

    Follows the origin chain (fetching the original a republished page names) unless `follow` is off;
    `modified` says you will edit the text. `policies`: extra policy folders, or a loaded `PolicySet`.
    `fetch` replaces the network (a batch passes its shared fetcher).
    """
    _check_use(use)
    settings = _settings(settings)
    policy_set = _policies(policies, settings)
    automated = use in AI_USES
    inspection = inspect(target, url=url, settings=settings, fetch=fetch, sites=automated)
    first = Link(inspection.page.url, "read", inspection.page, inspection.signals)
    chain = follow_chain(
        first, lambda u: read_origin(u, settings, fetch), follow=follow, max_hops=settings.follow_hops
    )
    if not automated:
        return Check(inspection, evaluate(chain, policy_set, use, modified=modified), tuple(chain))
    governing = chain[-1]
    if governing is first or governing.page is None:
        usage = inspection.ai_usage
        if governing is not first and usage is not None:  # the original named but not read
            usage = replace(usage, not_read=(*usage.not_read, "the original's own AI-usage preferences "
                                             "(the original was not read; the republisher's are shown)"))  # fmt: skip
    else:
        usage = ai_usage_of(governing.page, settings, shared=_shared_of(fetch))
    return Check(inspection, evaluate_ai(chain, policy_set, use, usage), tuple(chain))


# -------------------------------------------------------------------------------------------- check_many


@dataclass(frozen=True, slots=True)
class BatchItem:
    """One target of a batch: its place in the list, and its `Check`, or why it could not be checked."""

    index: int
    target: str
    check: Check | None
    error: str | None = None  # the reason, when `check` is None

    @property
    def verdict(self) -> str:
        return self.check.verdict.verdict if self.check is not None else "unknown"


def _lanes(targets: Sequence[str]) -> list[list[tuple[int, str]]]:
    """The targets grouped by host (saved files together), each group in the order given."""
    from rights.web.fetch import host_key

    lanes: dict[str, list[tuple[int, str]]] = {}
    for index, target in enumerate(targets):
        try:
            key = host_key(target) if is_url(target) else ""
        except ValueError:  # a malformed URL: it fails on its own in check()
            key = target
        lanes.setdefault(key, []).append((index, target))
    return list(lanes.values())


def check_many(
    targets: Sequence[str],
    *,
    use: str = "noncommercial",
    follow: bool = True,
    modified: bool = False,
    settings: Settings | None = None,
    policies: Policies = None,
) -> Generator[BatchItem, None, None]:
    """`check` for many pages (URLs or saved files), politely; yields a `BatchItem` per target as each is
    done (in completion order; `index` is its place in `targets`).

    One fetcher serves the whole batch: one request per host at a time with the delay, robots.txt read once
    per host, the guard and the circuit breaker, for the pages and the originals they name alike. Pages of
    different hosts are checked at once (up to `settings.concurrency` hosts); policies are loaded once. A
    target that cannot be checked (fetch error, not HTML, blocked address, no such file) is an item with
    its reason and the batch goes on.
    """
    from rights.web.fetch import SharedFetcher

    _check_use(use)
    settings = _settings(settings)
    policy_set = _policies(policies, settings)
    lanes = _lanes(targets)
    done: queue.Queue[BatchItem] = queue.Queue()
    stop = threading.Event()
    with SharedFetcher(settings) as shared:

        def one(index: int, target: str) -> BatchItem:
            try:
                result = check(target, use=use, follow=follow, modified=modified, settings=settings,
                               policies=policy_set, fetch=shared.fetch)  # fmt: skip
            except RightsError as exc:
                return BatchItem(index, target, None, str(exc))
            except Exception as exc:  # a bug on one page must not lose the others: reported on its row
                return BatchItem(index, target, None, f"internal error ({type(exc).__name__}: {exc})")
            return BatchItem(index, target, result)

        def lane(items: list[tuple[int, str]]) -> None:
            for index, target in items:
                if stop.is_set():
                    return
                done.put(one(index, target))

        with ThreadPoolExecutor(max_workers=max(1, min(settings.concurrency, len(lanes)))) as pool:
            for items in lanes:
                pool.submit(lane, items)
            try:
                for _ in targets:
                    yield done.get()
            finally:
                stop.set()


# ------------------------------------------------------------------------------------------------- verify


def find_original(signals: Signals, page: Page) -> str | None:
    """Where a copy says its original is: the attribution's link, syndication meta, or a cross-domain canonical."""
    rep = signals.republication
    if rep.origin_url:
        return rep.origin_url
    for attribution in signals.attributions:
        if attribution.origin_url:
            return attribution.origin_url
    if page.canonical and page.url and registrable_domain(page.canonical) != registrable_domain(page.url):
        return page.canonical
    return None


def _read_original(target: str, url: str | None, settings: Settings, fetch: Fetch | None = None) -> Link:
    if is_url(target):
        link = read_origin(target, settings, fetch)
        if link.page is None:
            raise RightsError(f"could not read the original: {link.detail}")
        return link
    inspection = inspect(target, url=url, settings=settings)
    return Link(url, "read", inspection.page, inspection.signals)


def verify(
    copy: str,
    *,
    url: str | None = None,
    original: str | None = None,
    original_url: str | None = None,
    use: str = "noncommercial",
    settings: Settings | None = None,
    policies: Policies = None,
    fetch: Fetch | None = None,
) -> Verification:
    """Does a published copy meet its original's terms? One finding per condition, with evidence.

    The original is the one the copy credits (its attribution link, syndication meta or canonical) unless
    `original` names it (a URL, or a saved file whose address is `original_url`). `fetch` replaces the network
    for both pages (the CLI's --warc passes one that also writes them to a WARC file).
    """
    _check_use(use)
    if original is not None:
        validate_target(original, url=original_url)
    settings = _settings(settings)
    policy_set = _policies(policies, settings)
    inspection = inspect(copy, url=url, settings=settings, fetch=fetch)
    target = original or find_original(inspection.signals, inspection.page)
    if target is None:
        raise RightsError(
            "the copy names no original (no attribution link, syndication meta or canonical); "
            "give it with --original URL"
        )
    source = _read_original(target, original_url or (target if is_url(target) else None), settings, fetch)
    assert source.page is not None and source.signals is not None
    holder = Link(source.url, "read", source.page, source.signals)
    verdict = evaluate([holder], policy_set, use)
    match = compare_pages(inspection.page, source.page)
    names = [next(iter(source.page.authors), None), verdict.origin_name, source.page.site_name]
    edits = diff_pages(*diff_inputs(source.page, inspection.page, names), match.copy_blocks)
    findings = verify_copy(inspection.page, source.page, source.signals, verdict, match, edits)
    return Verification(inspection, source, verdict, match, tuple(findings))


# ------------------------------------------------------------------------------------------------ compare


def _load_compared(spec: TargetSpec, settings: Settings, fetch: Fetch | None) -> Target:
    """Read (or fetch) and parse a checked target."""
    if spec.kind == "text":
        return Target(spec, make_source(decode_text(spec.data)), "text")
    final_url = None
    headers: dict[str, str] = {}
    data = spec.data
    if spec.kind == "url" and spec.url is not None:
        fetched = (fetch or fetch_page)(spec.url, settings)
        if fetched.status >= 400:
            raise FetchError(spec.url, f"http_{fetched.status}", "the server answered with an error status")
        final_url, headers, data = fetched.final_url, dict(fetched.headers), fetched.content
        what = sniff_not_html(data)
        if what == "text without HTML markup":
            return Target(spec, make_source(decode_text(data)), "text", final_url=final_url)
        if what is not None:
            raise FetchError(spec.url, "not_html", f"the page looks like {what}")
    page = parse_page(data, url=final_url, headers=headers, max_bytes=settings.max_parse_bytes)
    found = page_text(page)
    source = make_source(found.text, quoted_spans=found.quoted_spans)
    return Target(spec, source, found.origin, page, final_url)


def compare(
    copy: str,
    original: str,
    *,
    settings: Settings | None = None,
    fetch: Fetch | None = None,
    match_settings: MatchSettings = DEFAULT_SETTINGS,
) -> Comparison:
    """Which passages of `original` does `copy` reproduce? Each is a URL, an HTML file or a text file.

    Both are checked before anything is fetched, so a typo in the second fails at once (`InputError`). Pages
    are compared by their article text; a text file as it is. When the copy's article text holds no
    substantial copy, every visible block of the copy's page is compared (`text_from` "page"), and each passage
    names the zone it sits in. Passage offsets index those texts. `fetch` replaces the network (tests).
    """
    settings = _settings(settings)
    specs = check_compare_target(copy), check_compare_target(original)  # both checked before any request
    a, b = (_load_compared(spec, settings, fetch) for spec in specs)
    one_site = a.page is not None and b.page is not None and same_site(a.page, b.page)
    if a.page is None:
        return Comparison(a, b, compare_texts(a.source, b.source, match_settings, same_site=one_site))
    found = match_page(a.page, b.source, settings=match_settings, same_site=one_site)
    a = replace(a, source=found.source, text_from=found.text.origin)
    return Comparison(a, b, found.match)


# -------------------------------------------------------------------------------------------------- audit


def audit(
    site_url: str,
    *,
    use: str = "noncommercial",
    since: date | None = None,
    max_pages: int | None = None,
    settings: Settings | None = None,
    policies: Policies = None,
    progress: Callable[..., None] | None = None,
) -> AuditReport:
    """Which posts of a site copy text without proper attribution?

    Crawls the site into the database (`settings.db_path`, else RIGHTS_DB, else the user data directory),
    fetches the pages its posts cite, matches every post against them and against every page already stored,
    judges each copy against the source's terms, records the run and returns its findings marked new, open or
    fixed against the previous audit of the site. Raises `AlreadyRunningError` when another run holds the
    database.
    """
    from rights.auditing.run import run_audit

    _check_use(use)
    settings = _settings(settings)
    if max_pages is not None:
        settings = settings_from({"max_pages": max_pages}, settings)
    return run_audit(
        site_url, settings, _policies(policies, settings), use=use, since=since, progress=progress
    )


def scan(
    archives: Sequence[Path | str],
    *,
    site: str | None = None,
    originals: str = "db",
    use: str = "noncommercial",
    workers: int = 2,
    scheduler: str | None = None,
    split: int | str | None = DEFAULT_SPLIT,
    parquet: Path | str | None = None,
    settings: Settings | None = None,
    policies: Policies = None,
    progress: Callable[..., None] | None = None,
) -> ScanSummary:
    """Find copies of the pages stored in the database (optionally of one `site`, a domain or URL prefix) in
    WARC/WET archives, judge each copy's credit against the original's terms, and record a `scan` run.

    `archives` are files, directories, globs, list files (`@FILE`, `*.txt`, `*.lst`), http(s) URLs or fsspec
    URLs (see `rights.web.archive.sources`), all checked before any work. Gzip archives larger than `split`
    (bytes, or a size such as "256MB"; None: no splitting) are read as byte ranges, one task each. With
    `parquet` (a folder) the tasks write their findings to Parquet files there, loaded into the database at
    the end. Runs on a Dask `LocalCluster` of `workers` processes, or on the cluster at `scheduler`. Needs the
    optional extra (`pip install 'rights[scale]'`); raises `UsageError` without it. A killed scan of the same
    archives resumes at the tasks not yet done.
    """
    from rights.auditing.scan_engine import require_scale
    from rights.auditing.scan_run import run_scan
    from rights.web.archive import resolve_archives
    from rights.web.archive.parts import parse_size

    require_scale()
    if use not in USES:
        raise UsageError(f"unknown use {use!r}; choose one of {', '.join(USES)}")
    try:
        split_bytes = parse_size(split) if isinstance(split, str) else split
    except ValueError as exc:
        raise UsageError(f"--split {exc}") from exc
    settings = _settings(settings)
    sources = resolve_archives([str(a) for a in archives], settings)
    urls = None
    if originals != "db":
        from rights.auditing.scan_originals import fetch_originals, original_urls
        from rights.store import open_settings_store

        urls = original_urls(originals, settings)
        store = open_settings_store(settings)
        try:
            fetch_originals(urls, settings, store)
        finally:
            store.close()
    return run_scan(
        sources, settings, _policies(policies, settings), site=site, urls=urls, use=use, workers=workers,
        scheduler=scheduler, split=split_bytes, parquet=Path(parquet) if parquet else None, progress=progress,
    )  # fmt: skip


def load_scan(folder: Path | str, *, settings: Settings | None = None) -> list[ScanSummary]:
    """Load the Parquet files a `scan(..., parquet=folder)` wrote into the database (idempotent); one summary
    per scan found in the folder."""
    from rights.auditing.scan_run import load_parquet

    return load_parquet(Path(folder), _settings(settings))
