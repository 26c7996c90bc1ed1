"""Scheduled work from a watchlist (`rights crawl --watchlist rights.toml`): sites to audit, feeds to follow,
and our own articles with the addresses where partners republished them (each copy verified against our terms).

```toml
[settings]                 # optional: any setting (delay, max_pages, ...)
delay = 1.0

[[audit]]                  # a site to audit for copied text
site = "https://blog.example.org/"
max_pages = 200            # optional
use = "noncommercial"      # optional

[[feeds]]                  # a feed to follow: its entries are fetched (and kept for later matching)
url = "https://news.example.org/feed.xml"

[[articles]]               # one of our articles, and where partners republished it
original = "https://ours.example.org/2026/story"
republished = ["https://partner.example.net/story"]
use = "noncommercial"      # optional
```

A run holds the database's run lock for its whole duration (a second one exits with "already running"), is
incremental (conditional requests; the stored copy of an unchanged page is reused), survives a kill (the next run
resumes its crawls), and records every sub-run with its settings and counts. When a crawled site's AI-usage
preference for a use changed since its previous reading (robots.txt now disallows GPTBot, a tdmrep.json
appeared), the run says so, with the signal that changed it (`ai_watch`).
"""

from __future__ import annotations

import tomllib
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from rights.auditing.ai_watch import AiChange, changes_after, last_reading
from rights.config import Settings, settings_from
from rights.errors import ConfigError, RightsError
from rights.policy.models import USES
from rights.urls import check_url

Echo = Callable[[str], None]


@dataclass(frozen=True, slots=True)
class AuditEntry:
    site: str
    max_pages: int | None = None
    use: str = "noncommercial"


@dataclass(frozen=True, slots=True)
class ArticleEntry:
    original: str
    republished: tuple[str, ...]
    use: str = "noncommercial"


@dataclass(frozen=True, slots=True)
class Watchlist:
    path: Path
    settings: dict[str, Any] = field(default_factory=dict)
    audits: tuple[AuditEntry, ...] = ()
    feeds: tuple[str, ...] = ()
    articles: tuple[ArticleEntry, ...] = ()


def _url(path: Path, key: str, value: Any) -> str:
    if not isinstance(value, str):
        raise ConfigError(f"{path}: {key}: expected a URL string, got {type(value).__name__}", key)
    try:
        return check_url(value)
    except RightsError as exc:
        raise ConfigError(f"{path}: {key}: {exc}", key) from None


def _use(path: Path, key: str, value: Any) -> str:
    if value not in USES:
        raise ConfigError(f"{path}: {key}: expected one of {', '.join(USES)}, got {value!r}", key)
    return str(value)


def _tables(path: Path, data: dict[str, Any], name: str) -> list[dict[str, Any]]:
    value = data.get(name, [])
    if not isinstance(value, list) or not all(isinstance(item, dict) for item in value):
        raise ConfigError(f"{path}: {name}: expected an array of tables ([[{name}]])", name)
    return value


def _keys(path: Path, key: str, table: dict[str, Any], allowed: set[str]) -> None:
    unknown = sorted(set(table) - allowed)
    if unknown:
        raise ConfigError(
            f"{path}: {key}.{unknown[0]}: unknown key; expected {', '.join(sorted(allowed))}", key
        )


def load_watchlist(path: Path) -> Watchlist:
    """Read and validate a watchlist; every problem is `FILE: key: what was expected` (exit code 2)."""
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ConfigError(f"{path}: watchlist not found") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"{path}: cannot read the watchlist ({exc})") from None
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path}: not valid TOML ({exc})") from None
    _keys(path, "watchlist", data, {"settings", "audit", "feeds", "articles"})
    audits = []
    for i, table in enumerate(_tables(path, data, "audit")):
        key = f"audit[{i}]"
        _keys(path, key, table, {"site", "max_pages", "use"})
        max_pages = table.get("max_pages")
        if max_pages is not None and (not isinstance(max_pages, int) or max_pages < 1):
            raise ConfigError(f"{path}: {key}.max_pages: expected a positive integer, got {max_pages!r}", key)
        audits.append(
            AuditEntry(
                _url(path, f"{key}.site", table.get("site")),
                max_pages,
                _use(path, f"{key}.use", table.get("use", "noncommercial")),
            )
        )
    feeds = []
    for i, table in enumerate(_tables(path, data, "feeds")):
        _keys(path, f"feeds[{i}]", table, {"url"})
        feeds.append(_url(path, f"feeds[{i}].url", table.get("url")))
    articles = []
    for i, table in enumerate(_tables(path, data, "articles")):
        key = f"articles[{i}]"
        _keys(path, key, table, {"original", "republished", "use"})
        copies = table.get("republished", [])
        if not isinstance(copies, list) or not copies:
            raise ConfigError(f"{path}: {key}.republished: expected a non-empty array of URLs", key)
        articles.append(
            ArticleEntry(
                _url(path, f"{key}.original", table.get("original")),
                tuple(_url(path, f"{key}.republished[{j}]", u) for j, u in enumerate(copies)),
                _use(path, f"{key}.use", table.get("use", "noncommercial")),
            )
        )
    settings = data.get("settings", {})
    if not isinstance(settings, dict):
        raise ConfigError(f"{path}: settings: expected a table", "settings")
    return Watchlist(path, settings, tuple(audits), tuple(feeds), tuple(articles))


def watch_settings(watchlist: Watchlist, base: Settings) -> Settings:
    """The run's settings: the watchlist's [settings] over the caller's."""
    try:
        return settings_from(watchlist.settings, base)
    except ConfigError as exc:
        raise ConfigError(f"{watchlist.path}: settings: {exc}", exc.key) from None


def entry_settings(settings: Settings, max_pages: int | None) -> Settings:
    return replace(settings, max_pages=max_pages) if max_pages else settings


@dataclass
class WatchSummary:
    audits: list[dict[str, Any]] = field(default_factory=list)
    feeds: list[dict[str, Any]] = field(default_factory=list)
    articles: list[dict[str, Any]] = field(default_factory=list)
    ai_changes: list[AiChange] = field(default_factory=list)  # a crawled site's AI-usage preference changed

    @property
    def open_findings(self) -> int:
        return int(sum(a["findings"] for a in self.audits) + sum(a["failed"] for a in self.articles))


def run_watchlist(
    watchlist: Watchlist,
    settings: Settings,
    store: Any,
    policies: Any,
    *,
    echo: Echo = lambda line: None,
    progress: Any = None,
) -> WatchSummary:
    """Every entry of the watchlist, under the run lock; each audit, feed and verification is its own run."""
    summary = WatchSummary()
    with store.lock():
        before = last_reading(store)
        for entry in watchlist.audits:
            summary.audits.append(_audit(entry, settings, store, policies, watchlist.path, progress))
            echo(
                f"audit {entry.site}: {summary.audits[-1]['posts']} posts, "
                f"{summary.audits[-1]['findings']} findings (run {summary.audits[-1]['run_id']})"
            )
        for url in watchlist.feeds:
            summary.feeds.append(_follow_feed(url, settings, store, progress))
            echo(f"feed {url}: {summary.feeds[-1]}")
        for article in watchlist.articles:
            for copy in article.republished:
                summary.articles.append(_verify(article, copy, settings, store, policies))
                echo(
                    f"verify {copy}: {summary.articles[-1]['failed']} failed condition(s)"
                    f" (run {summary.articles[-1]['run_id']})"
                )
        for change in changes_after(store, before):
            summary.ai_changes.append(change)
            echo(f"AI-usage preference changed: {change.line()}")
    return summary


def _audit(
    entry: AuditEntry, settings: Settings, store: Any, policies: Any, path: Path, progress: Any
) -> dict[str, Any]:
    from rights.auditing.run import audit_site, finding_rows
    from rights.urls import registrable_domain

    site = registrable_domain(entry.site)
    run_id = store.start_run(
        "audit",
        {"max_pages": entry.max_pages or settings.max_pages},
        {"site": site, "url": entry.site, "use": entry.use, "watchlist": str(path)},
    )
    try:
        result = audit_site(
            entry.site,
            entry_settings(settings, entry.max_pages),
            store,
            policies,
            run_id=run_id,
            use=entry.use,
            progress=progress,
        )
        store.save_findings(run_id, finding_rows(result))
    except BaseException:
        store.finish_run(run_id, "failed")
        raise
    counts = {
        "posts": result.posts,
        "findings": len(result.findings) + len(result.reused_rows),
        "pairs": result.pairs,
        "reused": result.reused,
        "timings": result.timings,
        "hashes": result.hashes,
    }
    store.finish_run(run_id, "done", counts)
    return {"site": entry.site, "run_id": run_id, **counts}


def _follow_feed(url: str, settings: Settings, store: Any, progress: Any) -> dict[str, Any]:
    import asyncio

    from rights.errors import FetchError
    from rights.web.crawl import crawl
    from rights.web.discover import Scope, parse_feed
    from rights.web.fetch import ANY, fetch_page

    try:
        fetched = fetch_page(url, settings, accept=ANY)
    except FetchError as exc:
        return {"url": url, "error": exc.reason}
    entries = [e.url for e in parse_feed(fetched.content, fetched.final_url)][: settings.max_pages]
    if not entries:
        return {"url": url, "entries": 0}
    scope = Scope.for_seeds(entries, max_depth=0, max_pages=len(entries))
    crawled = asyncio.run(crawl(entries, settings, store, scope=scope, progress=progress, args={"feed": url}))
    return {"url": url, "entries": len(entries), **crawled.as_dict()}


def _verify(
    article: ArticleEntry, copy: str, settings: Settings, store: Any, policies: Any
) -> dict[str, Any]:
    from rights.api import verify
    from rights.report.verification import verification_dict

    run_id = store.start_run("verify", {}, {"copy": copy, "original": article.original, "use": article.use})
    try:
        result = verify(
            copy, original=article.original, use=article.use, settings=settings, policies=policies
        )
        record = verification_dict(result)
        rows = [
            {
                **f,
                "key": f"{copy} {f['kind']} {article.original}",
                "url": copy,
                "source_url": article.original,
            }
            for f in record["findings"]
        ]
        store.save_findings(run_id, rows)
    except RightsError as exc:
        store.finish_run(run_id, "failed", {"error": str(exc)})
        return {"copy": copy, "run_id": run_id, "failed": 0, "error": str(exc)}
    failed = sum(1 for f in result.findings if f.status == "fail")
    store.finish_run(run_id, "done", {"failed": failed, "findings": len(result.findings)})
    return {"copy": copy, "run_id": run_id, "failed": failed}
