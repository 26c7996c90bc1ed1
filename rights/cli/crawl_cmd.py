"""`rights crawl`: discover and fetch a site (or several) into the database, politely; print a summary."""

from __future__ import annotations

import sys
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from rights.cli.app import app
from rights.cli.common import WARC_HELP, TableOrJson, checked_warc, emit_json, fails_cleanly
from rights.cli.progress import Progress

if TYPE_CHECKING:
    from rights.web.models import CrawlSummary


def summary_lines(summary: CrawlSummary) -> list[str]:
    failed = sum(summary.failed.values())
    detail = ", ".join(f"{reason} {n}" for reason, n in summary.failed.items())
    return [
        f"crawl {summary.status} (run {summary.run_id}{', resumed' if summary.resumed else ''})",
        f"fetched: {summary.fetched}",
        f"unchanged: {summary.unchanged}",
        f"not html: {summary.not_html}",
        f"skipped by robots.txt: {summary.skipped_robots}",
        f"failed: {failed}" + (f" ({detail})" if detail else ""),
        f"deferred to a later run: {summary.deferred}",
        *warc_lines(summary),
    ]


def warc_lines(summary: CrawlSummary) -> list[str]:
    """The WARC evidence a crawl wrote (--warc), in words."""
    if not summary.warc:
        return []
    lines = [f"WARC evidence: {summary.warc_responses} responses written to {summary.warc}"]
    if summary.warc_repaired:
        lines.append(
            f"WARC repaired: a record cut short by a killed run ({summary.warc_repaired} bytes) was removed "
            "from the end of the file before appending"
        )
    return lines


@app.command()
@fails_cleanly
def crawl(
    urls: Annotated[
        list[str] | None, typer.Argument(metavar="URL...", help="Start pages (http or https).")
    ] = None,
    max_pages: Annotated[
        int | None, typer.Option("--max-pages", metavar="N", help="Fetch at most N pages (default 500).")
    ] = None,
    depth: Annotated[
        int | None,
        typer.Option(
            "--depth",
            metavar="D",
            help=(
                "Follow links at most D hops from the start pages (default 100, so the page budget, "
                "--max-pages, decides: pages nearer the start come first, and a paginated archive is followed "
                "to its last post)."
            ),
        ),
    ] = None,
    delay: Annotated[
        float | None, typer.Option("--delay", metavar="S", help="Seconds between requests to one host (1).")
    ] = None,
    concurrency: Annotated[
        int | None, typer.Option("--concurrency", metavar="C", help="Hosts fetched at once (8).")
    ] = None,
    per_host: Annotated[
        int | None,
        typer.Option(
            "--per-host", metavar="N", help="Requests in flight per host (1; more only for your own sites)."
        ),
    ] = None,
    allow_private: Annotated[
        bool, typer.Option("--allow-private", help="Allow private and loopback addresses (intranets, tests).")
    ] = False,
    db: Annotated[
        Path | None,
        typer.Option(
            "--db", dir_okay=False, metavar="PATH", help="Database file (default: RIGHTS_DB or user data)."
        ),
    ] = None,
    resolve: Annotated[
        list[str] | None,
        typer.Option("--resolve", metavar="HOST=ADDR[:PORT]", help="Connect to ADDR for HOST (like curl)."),
    ] = None,
    include: Annotated[
        list[str] | None, typer.Option("--include", metavar="REGEX", help="Only URLs matching this regex.")
    ] = None,
    exclude: Annotated[
        list[str] | None, typer.Option("--exclude", metavar="REGEX", help="Skip URLs matching this regex.")
    ] = None,
    prefix: Annotated[
        list[str] | None, typer.Option("--prefix", metavar="URL", help="Stay under this URL prefix.")
    ] = None,
    output: Annotated[
        TableOrJson, typer.Option("--format", "-f", help="Summary format.")
    ] = TableOrJson.table,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No progress display.")] = False,
    offline: Annotated[
        bool,
        typer.Option(
            "--offline",
            help="Do not read the sites' robots.txt AI rules, tdmrep.json or RSL documents for AI-usage "
            "preferences (recorded as not read); pages are still fetched.",
        ),
    ] = False,
    warc: Annotated[Path | None, typer.Option("--warc", metavar="FILE", help=WARC_HELP)] = None,
    watchlist: Annotated[
        Path | None,
        typer.Option(
            "--watchlist",
            dir_okay=False,
            metavar="FILE",
            help="Run a watchlist instead (rights.toml: sites to audit, feeds, our articles).",
        ),
    ] = None,
) -> None:
    """Discover and fetch pages into the database: robots.txt, sitemaps, feeds and in-site links, politely.

    Run it again with the same URLs to resume a crawl that was killed, or (after one that finished) to
    re-check every page with conditional requests. Exit 75 when another run holds the database.
    """
    from rights.config import load_settings
    from rights.errors import ConfigError
    from rights.store import open_settings_store
    from rights.urls import check_url
    from rights.web.crawl import run_crawl
    from rights.web.discover import Scope
    from rights.web.guard import parse_resolve

    overrides: dict[str, Any] = {
        "max_pages": max_pages, "max_depth": depth, "delay": delay, "concurrency": concurrency, "db_path": db,
        "max_per_host": per_host,
        "resolve": tuple(resolve) if resolve else None, "allow_private": True if allow_private else None,
        "offline": True if offline else None, "warc_path": warc,
    }  # fmt: skip
    settings = load_settings(overrides=overrides)
    settings = replace(
        settings, warc_path=checked_warc(settings.warc_path)
    )  # --warc, rights.toml or RIGHTS_*
    if watchlist is not None:
        from rights.cli.watch_cmd import run_watch

        raise typer.Exit(run_watch(watchlist, settings, output.value, quiet))
    if not urls:
        raise ConfigError("give at least one URL to crawl, or --watchlist FILE", "urls")
    if settings.db_path is not None and not settings.db_path.parent.is_dir():
        raise ConfigError(
            f"--db {settings.db_path}: directory {settings.db_path.parent} does not exist", "db"
        )
    seeds = [check_url(url) for url in urls]
    parse_resolve(settings.resolve)
    scope = Scope.for_seeds(
        seeds, prefixes=[check_url(p) for p in prefix or ()], include=tuple(include or ()),
        exclude=tuple(exclude or ()), max_depth=settings.max_depth, max_pages=settings.max_pages,
    )  # fmt: skip
    progress = Progress(enabled=not quiet and sys.stderr.isatty())
    with open_settings_store(settings) as store:
        try:
            summary = run_crawl(seeds, settings, store, scope=scope, progress=progress, args={"urls": seeds})
        finally:
            progress.close()
    if output is TableOrJson.json:
        emit_json(summary.as_dict())
    else:
        typer.echo("\n".join(summary_lines(summary)))
