"""The use cases as library calls: `inspect_target` (and, later, check, verify, audit). The CLI only wires these."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from rights.chain import follow_chain
from rights.config import Settings
from rights.engine import Link, evaluate
from rights.errors import FetchError, InputError, UsageError
from rights.fetch import fetch_page
from rights.html import check_html_bytes, parse_page
from rights.models import USES, Fetched, Page, Signals, Verdict
from rights.policies import PolicySet, load_policies
from rights.signals import detect_signals
from rights.urls import check_url

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
