"""`rights scan --originals`: the articles to look for, when they are not simply the pages already stored.

- `db`: the pages stored in the database (a crawl made them), optionally one site (`--site`).
- a file listing URLs (one per line, `#` comments; or a CSV with a `url` column), or `-` for standard input;
- the URL of a sitemap (or sitemap index, one level of nested sitemaps read) or of a feed (RSS, Atom, JSON
  Feed).

Listed originals are fetched first, politely, as a crawl of depth 0 over exactly those URLs (robots.txt, one
request per host at a time, the guard, the size limits; pages already stored and unchanged are revalidated,
not refetched). The scan's index is then built from exactly those pages.
"""

from __future__ import annotations

import asyncio
import sys
from pathlib import Path

from rights.config import Settings
from rights.errors import FetchError, InputError
from rights.store import Store
from rights.urls import normalize
from rights.web.crawl import crawl
from rights.web.discover import Scope, parse_feed, parse_sitemap
from rights.web.fetch import ANY, fetch_page
from rights.web.models import CrawlSummary
from rights.web.target import is_url, parse_target_list

MAX_NESTED_SITEMAPS = 20


def _listed(source: str) -> list[str]:
    if source == "-":
        return parse_target_list(sys.stdin.read(), name="standard input")
    path = Path(source)
    if path.is_dir():
        raise InputError(
            f"--originals {source} is a directory; give db, a file of URLs, or a sitemap or feed URL"
        )
    try:
        text = path.read_text(encoding="utf-8-sig", errors="replace")
    except FileNotFoundError:
        raise InputError(
            f"--originals {source}: no such file (give db, a file of URLs, or a sitemap or feed URL)"
        ) from None
    except OSError as exc:
        raise InputError(f"--originals {source}: cannot read ({exc.strerror or exc})") from None
    return parse_target_list(text, name=source)


def _from_url(url: str, settings: Settings) -> list[str]:
    """The page URLs a sitemap (index) or a feed lists."""
    try:
        fetched = fetch_page(url, settings, accept=ANY)
    except FetchError as exc:
        raise InputError(f"--originals {url}: could not be fetched ({exc.reason})") from None
    entries = [entry.url for entry in parse_feed(fetched.content, fetched.final_url)]
    if entries:
        return entries
    found = parse_sitemap(fetched.content, fetched.final_url, max_bytes=settings.max_bytes)
    urls = list(found.urls)
    for nested in found.sitemaps[:MAX_NESTED_SITEMAPS]:
        try:
            inner = fetch_page(nested, settings, accept=ANY)
        except FetchError:
            continue
        urls.extend(parse_sitemap(inner.content, inner.final_url, max_bytes=settings.max_bytes).urls)
    if not urls:
        raise InputError(f"--originals {url}: neither a feed nor a sitemap listing pages")
    return urls


def original_urls(source: str, settings: Settings) -> list[str]:
    """The originals `source` names (a file of URLs, `-`, or a sitemap or feed URL), normalised, in order,
    at most `settings.max_pages`. Bad input raises `InputError` with one line."""
    raw = _from_url(source, settings) if is_url(source) else _listed(source)
    urls: list[str] = []
    for item in raw:
        if not is_url(item):
            raise InputError(
                f"--originals: {item!r} is not an http(s) URL (originals are fetched, not files)"
            )
        url = normalize(item)
        if url not in urls:
            urls.append(url)
    return urls[: settings.max_pages]


def fetch_originals(urls: list[str], settings: Settings, store: Store) -> CrawlSummary:
    """Fetch (or revalidate) exactly these pages into the database, as a crawl of depth 0 does."""
    scope = Scope.for_seeds(urls, max_depth=0, max_pages=len(urls))
    return asyncio.run(crawl(urls, settings, store, scope=scope, args={"originals": len(urls)}))
