"""Rows of the database: stored pages, frontier entries, cached robots.txt answers and runs."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True, slots=True)
class PageRecord:
    """One stored page: a row of the `pages` table (`html` is the raw body, uncompressed)."""

    url: str  # normalised
    final_url: str
    status: int
    fetch_status: str  # ok | not_html
    fetched_at: str
    checked_at: str = ""
    reason: str = ""
    etag: str | None = None
    last_modified: str | None = None
    content_hash: str = ""
    content_type: str = ""
    encoding: str = ""
    size: int = 0
    title: str | None = None
    canonical: str | None = None
    metadata: Mapping[str, Any] = field(default_factory=dict)
    text: str = ""
    html: bytes = b""
    run_id: int | None = None
    html_zlib: bytes = b""  # the body already zlib-compressed (the crawl compresses in its parser process)
    ai_usage: Mapping[str, Any] | None = None  # the page's own AI-usage preferences (JSON); None: not read


@dataclass(frozen=True, slots=True)
class FrontierItem:
    """A URL waiting in (or taken from) a crawl's frontier."""

    url: str  # normalised
    depth: int = 0
    kind: str = "page"  # page | sitemap | feed
    discovered_from: str | None = None


@dataclass(frozen=True, slots=True)
class RobotsRecord:
    """A cached robots.txt answer for one origin (`scheme://host[:port]`)."""

    origin: str
    fetched_at: str
    status: int  # HTTP status of robots.txt (the body is kept for 2xx only)
    body: str
    expires: str
    note: str = ""


@dataclass(frozen=True, slots=True)
class RunRecord:
    """A row of the `runs` table."""

    id: int
    kind: str  # crawl | check | inspect | verify | audit
    status: str  # running | done | aborted | failed
    started_at: str
    finished_at: str | None = None
    settings: Mapping[str, Any] = field(default_factory=dict)
    counts: Mapping[str, Any] = field(default_factory=dict)
    args: Mapping[str, Any] = field(default_factory=dict)
    crawl: str | None = None
