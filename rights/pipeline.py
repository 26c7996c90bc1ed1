"""The use cases as library calls: `inspect_target` (and, later, check, verify, audit). The CLI only wires these."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from rights.chain import follow_chain
from rights.config import Settings
from rights.engine import Link, evaluate
from rights.errors import FetchError, InputError, RightsError, UsageError
from rights.fetch import fetch_page
from rights.html import check_html_bytes, parse_page
from rights.models import USES, Fetched, Finding, Match, Page, Signals, Verdict
from rights.policies import PolicySet, load_policies
from rights.signals import detect_signals
from rights.urls import check_url, registrable_domain

_URLISH_SCHEMES = (
    "http:",
    "https:",
    "ftp:",
    "ftps:",
    "file:",
    "javascript:",
    "mailto:",
    "data:",
    "ws:",
    "wss:",
)


@dataclass(frozen=True, slots=True)
class Loaded:
    """A page's bytes and where they came from."""

    content: bytes
    url: str | None
    headers: dict[str, str]
    source: str  # file | url
    fetched: Fetched | None = None


@dataclass(frozen=True, slots=True)
class Inspection:
    target: str
    source: str
    page: Page
    signals: Signals
    fetched: Fetched | None = None


def is_url(target: str) -> bool:
    low = target.strip().lower()
    return "://" in low or low.startswith(_URLISH_SCHEMES)


def validate_target(target: str, *, url: str | None = None) -> None:
    """Validate a URL-or-file argument before any I/O on the network."""
    if url is not None:
        check_url(url)
    if is_url(target):
        check_url(target)
        return
    path = Path(target)
    if path.is_dir():
        raise InputError(f"{target} is a directory; give an HTML file or a URL")
    if not path.exists():
        looks_like_host = (
            "/" not in target.split(".")[0] and "." in target and not target.endswith((".html", ".htm"))
        )
        if looks_like_host:
            raise InputError(
                f"{target}: no such file; to fetch a page give its full URL, e.g. https://{target}"
            )
        raise InputError(f"{target}: no such file")


def load_target(target: str, *, url: str | None, settings: Settings) -> Loaded:
    """Read a saved file or fetch a URL (checked first: bad input fails before any network I/O)."""
    validate_target(target, url=url)
    if is_url(target):
        fetched = fetch_page(target, settings)
        check_html_bytes(fetched.final_url, fetched.content)
        return Loaded(fetched.content, url or fetched.final_url, dict(fetched.headers), "url", fetched)
    path = Path(target)
    try:
        with path.open("rb") as handle:
            content = handle.read(settings.max_bytes + 1)
    except OSError as exc:
        raise InputError(f"{target}: cannot read ({exc.strerror or exc})") from exc
    check_html_bytes(target, content)
    return Loaded(content, url, {}, "file")


def inspect_loaded(target: str, loaded: Loaded, settings: Settings) -> Inspection:
    page = parse_page(
        loaded.content, url=loaded.url, headers=loaded.headers, max_bytes=settings.max_parse_bytes
    )
    return Inspection(target, loaded.source, page, detect_signals(page), loaded.fetched)


def inspect_target(target: str, *, url: str | None = None, settings: Settings | None = None) -> Inspection:
    """What does this page say about its own rights?"""
    settings = settings or Settings()
    return inspect_loaded(target, load_target(target, url=url, settings=settings), settings)


@dataclass(frozen=True, slots=True)
class Check:
    inspection: Inspection
    verdict: Verdict
    chain: tuple[Link, ...]


def read_origin(url: str, settings: Settings) -> Link:
    """Fetch, parse and read an original page; a failure is a Link that says why, never an exception."""
    try:
        fetched = fetch_page(url, settings)
        check_html_bytes(fetched.final_url, fetched.content)
    except (FetchError, InputError) as exc:
        return Link(url, "unreachable", detail=str(exc))
    page = parse_page(
        fetched.content, url=fetched.final_url, headers=fetched.headers, max_bytes=settings.max_parse_bytes
    )
    return Link(fetched.final_url, "fetched", page, detect_signals(page))


def check_target(
    target: str,
    *,
    url: str | None = None,
    use: str = "noncommercial",
    follow: bool = True,
    modified: bool = False,
    settings: Settings | None = None,
    policies: PolicySet | None = None,
) -> Check:
    """Can I republish this page for `use`, and how? Follows the origin chain unless `follow` is off."""
    if use not in USES:
        raise UsageError(f"unknown use {use!r}; choose one of {', '.join(USES)}")
    settings = settings or Settings()
    policies = policies if policies is not None else load_policies(settings.policy_dirs)
    inspection = inspect_target(target, url=url, settings=settings)
    first = Link(inspection.page.url, "read", inspection.page, inspection.signals)
    chain = follow_chain(
        first, lambda u: read_origin(u, settings), follow=follow, max_hops=settings.follow_hops
    )
    verdict = evaluate(chain, policies, use, modified=modified)
    return Check(inspection, verdict, tuple(chain))


@dataclass(frozen=True, slots=True)
class Verification:
    copy: Inspection
    original: Link
    verdict: Verdict  # the original's terms for the use
    match: Match
    findings: tuple[Finding, ...]

    @property
    def failed(self) -> bool:
        return any(f.status == "fail" for f in self.findings)


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


def _read_original(target: str, url: str | None, settings: Settings) -> Link:
    if is_url(target):
        link = read_origin(target, settings)
        if link.page is None:
            raise RightsError(f"could not read the original: {link.detail}")
        return link
    inspection = inspect_target(target, url=url, settings=settings)
    return Link(url, "read", inspection.page, inspection.signals)


def verify_target(
    copy: str,
    *,
    url: str | None = None,
    original: str | None = None,
    original_url: str | None = None,
    use: str = "noncommercial",
    settings: Settings | None = None,
    policies: PolicySet | None = None,
) -> Verification:
    """Check a published copy against its original's terms: one finding per condition."""
    from rights.matching import compare_pages, diff_pages
    from rights.verify import diff_inputs, verify_copy

    if use not in USES:
        raise UsageError(f"unknown use {use!r}; choose one of {', '.join(USES)}")
    if original is not None:
        validate_target(original, url=original_url)
    settings = settings or Settings()
    policies = policies if policies is not None else load_policies(settings.policy_dirs)
    inspection = inspect_target(copy, url=url, settings=settings)
    target = original or find_original(inspection.signals, inspection.page)
    if target is None:
        raise RightsError(
            "the copy names no original (no attribution link, syndication meta or canonical); "
            "give it with --original URL"
        )
    source = _read_original(target, original_url or (target if is_url(target) else None), settings)
    assert source.page is not None and source.signals is not None
    holder = Link(source.url, "read", source.page, source.signals)
    verdict = evaluate([holder], policies, use)
    match = compare_pages(inspection.page, source.page)
    names = [next(iter(source.page.authors), None), verdict.origin_name, source.page.site_name]
    edits = diff_pages(*diff_inputs(source.page, inspection.page, names))
    findings = verify_copy(inspection.page, source.page, source.signals, verdict, match, edits)
    return Verification(inspection, source, verdict, match, tuple(findings))
