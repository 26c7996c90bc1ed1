"""Discovery: which URLs a crawl should visit. Sitemaps, feeds, in-site links, and the scope rules.

Pure: bytes and parsed pages in, URLs out (the crawler does the fetching).

- `parse_sitemap(data, base_url)`: `<urlset>` and `<sitemapindex>` (plain-text sitemaps too), gzipped ones
  decoded under the same decoded-size cap as pages; at most 50,000 URLs per file.
- `parse_feed(data, base_url)`: RSS 2.0, RSS 1.0 (RDF), Atom and JSON Feed entries with title and date.
- `find_feeds(page)`: `<link rel=alternate>` feeds; `WELL_KNOWN_FEEDS` are the paths to try otherwise.
- `in_site_links(page, scope)`: the page's `<a>` links inside the scope, normalised and de-duplicated.

XML is parsed with expat as a stream, refusing any document that declares entities (billion laughs) or
refers to external ones (XXE): nothing is ever expanded or fetched.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from typing import Any
from urllib.parse import urlsplit
from xml.parsers import expat

from rights.errors import InputError
from rights.page.models import Page
from rights.urls import absolute, normalize, registrable_domain
from rights.web.fetch.compression import BadEncodingError, TooLargeError, decode_bounded

MAX_SITEMAP_URLS = 50_000
MAX_FEED_ENTRIES = 10_000
MAX_SITEMAP_DEPTH = 3  # sitemap index -> sitemap -> ... (deeper nesting is ignored)
DEFAULT_MAX_BYTES = 50 * 1024 * 1024
FEED_TYPES = frozenset(
    {"application/rss+xml", "application/atom+xml", "application/rdf+xml", "application/feed+json",
     "application/x.atom+xml", "application/x-rss+xml"}
)  # fmt: skip
WELL_KNOWN_FEEDS = ("/feed", "/rss.xml", "/atom.xml", "/feed.xml", "/index.xml")
ASSET_SUFFIXES = (
    ".pdf", ".jpg", ".jpeg", ".png", ".gif", ".webp", ".svg", ".ico", ".bmp", ".tif", ".tiff", ".css",
    ".js", ".json", ".xml", ".rss", ".atom", ".zip", ".gz", ".tgz", ".tar", ".7z", ".rar", ".mp3", ".mp4",
    ".m4a", ".wav", ".ogg", ".avi", ".mov", ".webm", ".mkv", ".woff", ".woff2", ".ttf", ".otf", ".eot",
    ".exe", ".dmg", ".iso", ".apk", ".doc", ".docx", ".xls", ".xlsx", ".ppt", ".pptx", ".csv",
)  # fmt: skip


class UnsafeXMLError(ValueError):
    """The document declares or references entities; it is refused, never expanded."""


@dataclass(frozen=True)
class SitemapResult:
    urls: tuple[str, ...] = ()  # pages
    sitemaps: tuple[str, ...] = ()  # nested sitemaps (from a sitemap index)
    errors: tuple[str, ...] = ()


@dataclass(frozen=True)
class FeedEntry:
    url: str
    title: str | None = None
    published: str | None = None


# ------------------------------------------------------------------------------------------- scope


@dataclass(frozen=True)
class Scope:
    """Which URLs belong to a crawl: registrable domains, optional URL prefixes and patterns, and limits."""

    domains: frozenset[str]
    prefixes: tuple[str, ...] = ()  # normalised URL prefixes; when given, a URL must start with one
    include: tuple[str, ...] = ()  # regular expressions; when given, one must match (re.search)
    exclude: tuple[str, ...] = ()  # regular expressions; a match excludes the URL
    max_depth: int = 100
    max_pages: int = 500

    def __post_init__(self) -> None:
        _ = self._include, self._exclude  # compile now: a bad pattern fails before any I/O

    @classmethod
    def for_seeds(cls, seeds: Iterable[str], **options: Any) -> Scope:
        """The default scope: the seeds' registrable domains (plus any options given)."""
        domains = frozenset(registrable_domain(seed) for seed in seeds)
        prefixes = tuple(normalize(p) for p in options.pop("prefixes", ()))
        return cls(domains=domains, prefixes=prefixes, **options)

    @cached_property
    def _include(self) -> list[re.Pattern[str]]:
        return _compile(self.include, "--include")

    @cached_property
    def _exclude(self) -> list[re.Pattern[str]]:
        return _compile(self.exclude, "--exclude")

    def allows(self, url: str) -> bool:
        """Whether `url` (normalised) is inside the scope."""
        if not url.startswith(("http://", "https://")) or _site_of(_host(url)) not in self.domains:
            return False
        if self.prefixes and not url.startswith(self.prefixes):
            return False
        if self._include and not any(p.search(url) for p in self._include):
            return False
        return not any(p.search(url) for p in self._exclude)


def _host(url: str) -> str:
    """The host of a normalised absolute URL, cheaply (no userinfo, lower case already)."""
    netloc = url.split("/", 3)[2]
    if netloc.startswith("["):
        return netloc[1 : netloc.find("]")]
    return netloc.split(":", 1)[0]


@lru_cache(maxsize=4096)
def _site_of(host: str) -> str:
    return registrable_domain(host)


@lru_cache(maxsize=65536)
def _normalized(url: str) -> str:
    return normalize(url)


def _compile(patterns: Iterable[str], option: str) -> list[re.Pattern[str]]:
    compiled = []
    for pattern in patterns:
        try:
            compiled.append(re.compile(pattern))
        except re.error as exc:
            raise InputError(f"{option} {pattern!r} is not a valid regular expression ({exc})") from None
    return compiled


def is_asset(url: str) -> bool:
    """URLs that name files rather than pages (images, archives, media, documents)."""
    return urlsplit(url).path.lower().endswith(ASSET_SUFFIXES)


def in_site_links(page: Page, scope: Scope, *, limit: int = 1000) -> list[str]:
    """The page's `<a href>` targets in `scope`: normalised, de-duplicated, in page order, at most `limit`."""
    seen: dict[str, None] = {}
    for link in page.links:
        if link.tag != "a":
            continue
        url = _normalized(link.url)
        if url not in seen and scope.allows(url) and not is_asset(url):
            seen[url] = None
            if len(seen) >= limit:
                break
    return list(seen)


def find_feeds(page: Page) -> list[str]:
    """Feeds the page announces with `<link rel="alternate" type="application/rss+xml" ...>`."""
    feeds: dict[str, None] = {}
    for link in page.links:
        if "alternate" in link.rel and link.type.split(";")[0].strip().lower() in FEED_TYPES:
            feeds.setdefault(normalize(link.url), None)
    return list(feeds)


# ------------------------------------------------------------------------------------------ XML


@dataclass
class _Walker:
    """A streaming expat walk that reports (path of local names, attributes, text) for each element end."""

    on_end: Callable[[list[str], dict[str, str], str], None]
    stack: list[str] = field(default_factory=list)
    attrs: list[dict[str, str]] = field(default_factory=list)
    text: list[list[str]] = field(default_factory=list)

    def start(self, name: str, attrs: dict[str, str]) -> None:
        self.stack.append(name.rsplit(" ", 1)[-1].lower())
        self.attrs.append({k.rsplit(" ", 1)[-1].lower(): v for k, v in attrs.items()})
        self.text.append([])

    def data(self, text: str) -> None:
        if self.text:
            self.text[-1].append(text)

    def end(self, name: str) -> None:
        text = "".join(self.text.pop()).strip()
        self.on_end(self.stack, self.attrs.pop(), text)
        self.stack.pop()


def _refuse_entities(*args: object) -> None:
    raise UnsafeXMLError("the document declares entities; refused (no entity expansion)")


def _refuse_external(*args: object) -> int:
    raise UnsafeXMLError("the document references an external entity; refused")


def _make_parser(walker: _Walker) -> expat.XMLParserType:
    parser = expat.ParserCreate(namespace_separator=" ")
    parser.SetParamEntityParsing(expat.XML_PARAM_ENTITY_PARSING_NEVER)
    parser.EntityDeclHandler = _refuse_entities
    parser.UnparsedEntityDeclHandler = _refuse_entities
    parser.ExternalEntityRefHandler = _refuse_external
    parser.StartElementHandler = walker.start
    parser.EndElementHandler = walker.end
    parser.CharacterDataHandler = walker.data
    parser.buffer_text = True
    return parser


_DECLARED = re.compile(rb"""^\s*<\?xml[^>]*encoding\s*=\s*["']([A-Za-z0-9._-]+)["']""")


def walk_xml(data: bytes, on_end: Callable[[list[str], dict[str, str], str], None]) -> str | None:
    """Stream `data` through `on_end`; returns None, or a one-line error (what came before it is kept).

    Leading blank lines are skipped; an encoding expat lacks (windows-1252, ...) is decoded here, and bytes
    that are not UTF-8 in an undeclared document are read as windows-1252.
    """
    if not data.startswith(b"\xef\xbb\xbf"):
        data = data.lstrip(b" \t\r\n")
    try:
        _make_parser(_Walker(on_end)).Parse(data, True)
    except UnsafeXMLError as exc:
        return str(exc)
    except expat.ExpatError as exc:
        recoded = _recode(data, str(exc))
        if recoded is not None:
            return walk_xml(recoded, on_end)
        return f"XML error: {exc}"
    return None


def _recode(data: bytes, error: str) -> bytes | None:
    declared = _DECLARED.match(data[:200])
    if declared and "unknown encoding" in error:
        label = declared.group(1).decode("ascii")
    elif not declared and "invalid token" in error and not _is_utf8(data):
        label = "cp1252"
    else:
        return None
    try:
        text = data.decode(label, errors="replace")
    except LookupError:
        return None
    body = _DECLARED.sub(b"", text.encode("utf-8"), 1)
    return b'<?xml version="1.0" encoding="utf-8"?>' + body.split(b"?>", 1)[-1] if declared else body


def _is_utf8(data: bytes) -> bool:
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


def _unpack(data: bytes, max_bytes: int) -> bytes:
    """Gunzip `.xml.gz` files under the decoded-size cap. Raises ValueError with a one-line reason."""
    if data[:2] == b"\x1f\x8b":
        try:
            return decode_bounded(data, "gzip", max_bytes)
        except TooLargeError as exc:
            raise ValueError(f"too_large: {exc}") from None
        except BadEncodingError as exc:
            raise ValueError(f"bad_encoding: {exc}") from None
    return data[:max_bytes]


def _absolute(base_url: str, href: str) -> str | None:
    url = absolute(base_url, href.strip())
    return normalize(url) if url else None


# ---------------------------------------------------------------------------------------- sitemaps


def parse_sitemap(
    data: bytes, base_url: str, *, max_bytes: int = DEFAULT_MAX_BYTES, max_urls: int = MAX_SITEMAP_URLS
) -> SitemapResult:
    """A sitemap or sitemap index (XML, gzipped XML, or plain text) -> page URLs and nested sitemaps.

    Never raises: problems (a gzip bomb past `max_bytes`, unsafe or broken XML) are listed in `errors`, with
    whatever was read before them kept.
    """
    try:
        data = _unpack(data, max_bytes)
    except ValueError as exc:
        return SitemapResult(errors=(str(exc),))
    if not data.lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"<"):
        lines = data.decode("utf-8", "replace").splitlines()
        found = [u for line in lines if (u := _absolute(base_url, line)) and line.strip().startswith("http")]
        return SitemapResult(urls=tuple(dict.fromkeys(found))[:max_urls])
    urls: dict[str, None] = {}
    sitemaps: dict[str, None] = {}

    def on_end(path: list[str], attrs: dict[str, str], text: str) -> None:
        if len(path) >= 2 and path[-1] == "loc" and text and len(urls) + len(sitemaps) < max_urls:
            url = _absolute(base_url, text)
            if url is not None:
                (sitemaps if path[-2] == "sitemap" else urls).setdefault(url, None)

    error = walk_xml(data, on_end)
    return SitemapResult(tuple(urls), tuple(sitemaps), (error,) if error else ())


# ------------------------------------------------------------------------------------------- feeds


def _entry_link(entry: dict[str, Any]) -> str | None:
    return entry.get("alternate") or entry.get("link") or entry.get("about") or entry.get("guid")


def parse_feed(
    data: bytes, base_url: str, *, max_entries: int = MAX_FEED_ENTRIES, max_bytes: int = DEFAULT_MAX_BYTES
) -> list[FeedEntry]:
    """RSS 2.0 / RSS 1.0 / Atom / JSON Feed -> entries (URL, title, date), in feed order, de-duplicated."""
    try:
        data = _unpack(data, max_bytes)
    except ValueError:
        return []
    if data.lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"{"):
        return _json_feed(data, base_url, max_entries)
    entries: list[dict[str, Any]] = []
    current: dict[str, Any] = {}

    def on_end(path: list[str], attrs: dict[str, str], text: str) -> None:
        nonlocal current
        name = path[-1]
        parent = path[-2] if len(path) >= 2 else ""
        if name in ("item", "entry") and len(entries) < max_entries:
            current["about"] = attrs.get("about")
            entries.append(current)
            current = {}
        elif parent in ("item", "entry"):
            _entry_field(current, name, attrs, text)

    walk_xml(data, on_end)
    return _dedupe(
        FeedEntry(url, e.get("title") or None, e.get("published")) for e in entries
        if (link := _entry_link(e)) and (url := _absolute(base_url, link))
    )  # fmt: skip


def _entry_field(entry: dict[str, Any], name: str, attrs: dict[str, str], text: str) -> None:
    if name == "link":
        href = attrs.get("href")
        if href is None and text:
            entry.setdefault("link", text)  # RSS: <link>URL</link>
        elif href and attrs.get("rel", "alternate") == "alternate":
            entry.setdefault("alternate", href)  # Atom: <link rel="alternate" href=...>
    elif name == "guid" and text.startswith("http") and attrs.get("ispermalink", "true").lower() != "false":
        entry.setdefault("guid", text)
    elif name == "title":
        entry.setdefault("title", " ".join(text.split()))
    elif name in ("pubdate", "published", "updated", "date", "issued"):
        entry.setdefault("published", text)


def _json_feed(data: bytes, base_url: str, max_entries: int) -> list[FeedEntry]:
    try:
        doc = json.loads(data.decode("utf-8", "replace"))
    except ValueError:
        return []
    items = doc.get("items") if isinstance(doc, dict) else None
    out = []
    for item in (items if isinstance(items, list) else [])[:max_entries]:
        if not isinstance(item, dict):
            continue
        link = item.get("url") or item.get("external_url")
        url = _absolute(base_url, link) if isinstance(link, str) else None
        if url:
            out.append(FeedEntry(url, item.get("title") or None, item.get("date_published") or None))
    return _dedupe(out)


def _dedupe(entries: Iterable[FeedEntry]) -> list[FeedEntry]:
    seen: dict[str, FeedEntry] = {}
    for entry in entries:
        seen.setdefault(entry.url, entry)
    return list(seen.values())
