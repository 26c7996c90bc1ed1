"""The use cases as library calls: `inspect_target` (and, later, check, verify, audit). The CLI only wires these."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from rights.config import Settings
from rights.errors import InputError
from rights.fetch import fetch_page
from rights.html import check_html_bytes, parse_page
from rights.models import Fetched, Page, Signals
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


def check_target(target: str, *, url: str | None = None) -> None:
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
    check_target(target, url=url)
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
