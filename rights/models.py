"""Frozen value objects shared by every layer: pages, signals, matches, policies, verdicts.

Nothing here does I/O. Each signal carries its `Evidence`: the text it came from, where in the page
(`zone`, a short CSS-like `path`), what kind of source (`text`, `link`, `meta`, `jsonld`, ...) and which
rule produced it.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any


class Zone(StrEnum):
    """Where in the page a piece of text sits."""

    MAIN = "main"  # the article body
    BYLINE = "byline"  # author / date line of the article
    HEADER = "header"  # page header (site chrome above the article)
    FOOTER = "footer"  # a footer (the article's, when `in_article`, else the site's)
    ASIDE = "aside"  # sidebars, related stories, share widgets, promos
    NAV = "nav"  # menus, breadcrumbs
    COMMENTS = "comments"  # reader comments, forum replies
    HTML_COMMENT = "html_comment"  # inside <!-- ... -->: never the page's own statement
    META = "meta"  # <head> metadata, JSON-LD, HTTP headers
    OTHER = "other"  # body text outside every recognised region


@dataclass(frozen=True, slots=True)
class Evidence:
    """Where a signal came from."""

    text: str
    zone: Zone
    path: str = ""
    source: str = "text"  # text | link | image | meta | jsonld | header | comment | url
    rule: str = ""
    in_article: bool = False


@dataclass(frozen=True, slots=True)
class TextBlock:
    """A run of text in one block element, in document order."""

    text: str
    zone: Zone
    path: str
    tag: str
    in_article: bool
    index: int
    quoted: bool = False  # inside <blockquote> or <q>


@dataclass(frozen=True, slots=True)
class Link:
    """An `<a href>` or `<link href>`, made absolute."""

    url: str
    text: str
    rel: tuple[str, ...]
    zone: Zone
    path: str
    tag: str  # "a" | "link"
    in_article: bool = False
    block: int | None = None  # index of the TextBlock holding the anchor
    title: str = ""
    type: str = ""
    image_src: str = ""  # for <a><img></a> badges: the first image inside the anchor


@dataclass(frozen=True, slots=True)
class Image:
    """An `<img>` with its alternative text."""

    src: str
    alt: str
    zone: Zone
    path: str
    in_article: bool = False
    title: str = ""
    link: str = ""  # href of the enclosing <a>, if any


@dataclass(frozen=True, slots=True)
class Page:
    """A parsed HTML page. Built by `rights.html.parse_page`; pure data, no parser handles."""

    url: str | None
    encoding: str
    encoding_source: str  # bom | header | meta | default
    replacement_chars: int = 0
    title: str | None = None
    lang: str | None = None
    blocks: tuple[TextBlock, ...] = ()
    links: tuple[Link, ...] = ()
    images: tuple[Image, ...] = ()
    meta: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    jsonld: tuple[Mapping[str, Any], ...] = ()
    jsonld_errors: int = 0
    canonical: str | None = None  # the first <link rel=canonical> (or HTTP Link header), as declared
    canonicals: tuple[str, ...] = ()  # every declared canonical; more than one is a conflict
    og_url: str | None = None
    authors: tuple[str, ...] = ()
    site_name: str | None = None
    published: str | None = None
    headers: Mapping[str, str] = field(default_factory=dict)
    warnings: tuple[str, ...] = ()

    @property
    def main_text(self) -> str:
        """The article body text, paragraphs separated by blank lines."""
        return "\n\n".join(b.text for b in self.blocks if b.in_article and b.zone is Zone.MAIN)

    @property
    def visible_text(self) -> str:
        """All visible text (everything but HTML comments)."""
        return "\n\n".join(b.text for b in self.blocks if b.zone is not Zone.HTML_COMMENT)

    def meta_first(self, *names: str) -> str | None:
        """The first non-empty value among the given meta names (lower case)."""
        for name in names:
            for value in self.meta.get(name, ()):
                if value.strip():
                    return value.strip()
        return None


@dataclass(frozen=True, slots=True)
class Fetched:
    """The outcome of fetching one URL (the body is the decoded, size-capped content)."""

    url: str  # as requested
    final_url: str  # after redirects
    status: int
    headers: Mapping[str, str]
    content: bytes
    redirects: tuple[str, ...] = ()
    elapsed: float = 0.0
    fetched_at: str = ""  # ISO 8601 UTC


# ---------------------------------------------------------------------------------------------- signals


@dataclass(frozen=True, slots=True)
class License:
    """A licence statement. `id` is lower case: `cc-by-nc-nd-3.0`, `cc0-1.0`, `pdm-1.0`, `cc-by-nc`."""

    id: str
    family: str  # cc | cc0 | pdm | other
    code: str  # by, by-sa, by-nc-nd, zero, mark, ...
    version: str | None
    jurisdiction: str | None
    url: str | None
    scope: str  # article | site | images | other
    evidence: tuple[Evidence, ...]


@dataclass(frozen=True, slots=True)
class CopyrightNotice:
    holder: str | None
    year: str | None
    scope: str  # article | site
    evidence: tuple[Evidence, ...]


@dataclass(frozen=True, slots=True)
class Attribution:
    """A statement that the page's text comes from elsewhere."""

    kind: str  # republished | wire | press_release | canonical_only | syndication_meta
    origin_name: str | None
    origin_url: str | None
    evidence: tuple[Evidence, ...]
    strength: int = 2  # 3 explicit statement, 2 credit or meta, 1 hint (e.g. canonical only)


@dataclass(frozen=True, slots=True)
class Rejected:
    """A phrase that looks like a signal but is not one (a trap), kept for transparency."""

    kind: str  # self_attribution | republish_widget | outbound_notice | forum_quote | date_note | ...
    reason: str
    evidence: Evidence


@dataclass(frozen=True, slots=True)
class Condition:
    """One concrete, checkable condition."""

    kind: str  # credit_source | include_copyright | link_original | noncommercial | no_edits | ...
    text: str
    value: str | None = None


@dataclass(frozen=True, slots=True)
class ReuseTerms:
    stance: str  # permissive | conditional | restrictive
    conditions: tuple[Condition, ...]
    contact: str | None
    evidence: tuple[Evidence, ...]


@dataclass(frozen=True, slots=True)
class Republication:
    is_republication: bool
    kind: str | None
    origin_name: str | None
    origin_url: str | None
    evidence: tuple[Evidence, ...] = ()


@dataclass(frozen=True, slots=True)
class Signals:
    """Everything the detectors found on one page, with the primary value of each chosen."""

    republication: Republication
    attributions: tuple[Attribution, ...]
    license: License | None
    licenses: tuple[License, ...]
    copyright: CopyrightNotice | None
    copyrights: tuple[CopyrightNotice, ...]
    reuse_terms: ReuseTerms | None
    rejected: tuple[Rejected, ...] = ()
    conflicts: tuple[str, ...] = ()


# --------------------------------------------------------------------------------------------- matching


@dataclass(frozen=True, slots=True)
class Passage:
    """A copied passage with character offsets into both normalised-source texts."""

    copy_start: int
    copy_end: int
    original_start: int
    original_end: int
    words: int
    copy_text: str
    original_text: str
    quoted: bool = False


@dataclass(frozen=True, slots=True)
class Match:
    verdict: str  # copy | partial | quote | unrelated
    copied_share_of_copy: float
    copied_share_of_original: float
    longest_passage_words: int
    passages: tuple[Passage, ...]


# ------------------------------------------------------------------------------------ policies, verdicts

USES = ("noncommercial", "commercial", "print", "excerpt")
VERDICTS = ("allowed", "allowed_with_conditions", "permission_required", "not_allowed", "unknown")
FINDING_STATUSES = ("pass", "fail", "warn", "not_checkable")


# ------------------------------------------------------------------------------------------------ crawl


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


@dataclass(frozen=True, slots=True)
class CrawlSummary:
    """What one `rights crawl` run did."""

    run_id: int
    fetched: int = 0  # new or changed pages stored
    unchanged: int = 0  # 304, or the same bytes as the stored copy
    not_html: int = 0
    skipped_robots: int = 0
    failed: Mapping[str, int] = field(default_factory=dict)  # by reason
    deferred: int = 0  # left queued for a later run (host rate-limited or failing, run stopped)
    resumed: bool = False
    status: str = "done"

    def as_dict(self) -> dict[str, Any]:
        return {
            "run_id": self.run_id,
            "status": self.status,
            "resumed": self.resumed,
            "fetched": self.fetched,
            "unchanged": self.unchanged,
            "not_html": self.not_html,
            "skipped_robots": self.skipped_robots,
            "failed": dict(self.failed),
            "deferred": self.deferred,
        }
