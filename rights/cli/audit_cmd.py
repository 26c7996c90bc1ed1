"""`rights audit`: which posts of a site copy text without proper attribution?"""

from __future__ import annotations

import sys
from datetime import date
from pathlib import Path
from typing import Any

import typer

from rights.cli.app import app
from rights.cli.check_cmd import Use
from rights.cli.common import DB_OPTION, POLICIES_OPTION, WARC_HELP, checked_warc, fails_cleanly
from rights.cli.progress import Progress
from rights.errors import UsageError


@app.command()
@fails_cleanly
def audit(
    site_url: str = typer.Argument(..., metavar="SITE_URL", help="The site (or blog) to audit."),
    max_pages: int | None = typer.Option(
        None, "--max-pages", metavar="N", help="Read at most N pages (500)."
    ),
    since: str | None = typer.Option(
        None, "--since", metavar="DATE", help="Only posts published since DATE."
    ),
    use: Use = typer.Option(Use.noncommercial, "--use", help="How the site uses what it copies."),
    format: str = typer.Option(
        "table", "--format", "-f", metavar="table|json|markdown", help="Output format."
    ),
    delay: float | None = typer.Option(
        None, "--delay", metavar="S", help="Seconds between requests to a host."
    ),
    allow_private: bool = typer.Option(
        False, "--allow-private", help="Allow private and loopback addresses."
    ),
    resolve: list[str] = typer.Option(
        [], "--resolve", metavar="HOST=ADDR[:PORT]", help="Fixed name resolution."
    ),
    offline: bool = typer.Option(
        False,
        "--offline",
        help="Do not read the sites' robots.txt AI rules, tdmrep.json or RSL documents (recorded as not read).",
    ),
    warc: Path | None = typer.Option(
        None,
        "--warc",
        metavar="FILE",
        help=WARC_HELP + " Findings point to the record of the post they judged.",
    ),
    policies: list[Path] = POLICIES_OPTION,
    db: Any = DB_OPTION,
) -> None:
    """Crawl a site, fetch the pages its posts cite, find copied passages and check each copy's attribution
    against the source's terms. Prints every finding (new ones marked) and records the run.

    Exit codes: 0 no open finding, 1 findings open, 2 bad input, 3 could not run, 75 another run holds the lock.
    """
    from rights import api
    from rights.config import load_settings
    from rights.report.audit import render
    from rights.urls import check_url

    check_url(site_url)
    if format not in ("table", "json", "markdown"):
        raise UsageError(f"unknown format {format!r}; choose table, json or markdown")
    since_date = _date(since)
    overrides: dict[str, Any] = {
        "db_path": db,
        "max_pages": max_pages,
        "delay": delay,
        "resolve": tuple(resolve) or None,
        "warc_path": checked_warc(warc),
    }
    if allow_private:
        overrides["allow_private"] = True
    if offline:
        overrides["offline"] = True
    settings = load_settings(overrides={k: v for k, v in overrides.items() if v is not None})
    progress = Progress(True) if sys.stderr.isatty() else None
    report = api.audit(
        site_url, use=use.value, since=since_date, settings=settings, policies=policies, progress=progress
    )
    typer.echo(render(report, format))
    raise typer.Exit(1 if any(f.state != "fixed" for f in report.findings) else 0)


def _date(value: str | None) -> date | None:
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError as exc:
        raise UsageError(f"--since takes a date (YYYY-MM-DD), not {value!r}") from exc
