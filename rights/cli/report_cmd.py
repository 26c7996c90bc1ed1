"""`rights report`: what changed since the last audit? New, still open and fixed findings; with `--ai`, sites'
AI-usage preferences and their changes."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import typer

from rights.cli.app import app
from rights.cli.common import DB_OPTION, fails_cleanly, settings_with_db


@app.command()
@fails_cleanly
def report(
    site: str | None = typer.Argument(
        None, metavar="SITE", help="With --ai: one site (example.org or its address); default every site."
    ),
    ai: bool = typer.Option(
        False,
        "--ai",
        help="Sites' search / AI-input / AI-training preferences and what changed, not findings.",
    ),
    run: int | None = typer.Option(
        None, "--run", metavar="ID", help="Report this audit run (default: the last)."
    ),
    since: str | None = typer.Option(
        None,
        "--since",
        metavar="last|DATE",
        help="Compare with the previous run (last) or the state on DATE.",
    ),
    format: str = typer.Option(
        "table", "--format", "-f", metavar="table|markdown|html|json|csv", help="Output format."
    ),
    output: Path | None = typer.Option(
        None, "-o", "--output", metavar="FILE", dir_okay=False, help="Write to this file."
    ),
    db: Any = DB_OPTION,
) -> None:
    """Findings grouped by site and post, marked new, still open or fixed compared with an earlier run; with
    --ai, each site's AI-usage preferences with the signals behind them and their changes."""
    from rights.errors import UsageError
    from rights.store import open_settings_store

    if site is not None and not ai:
        raise UsageError("a SITE is read only with --ai (findings are chosen with --run or --since)")
    if ai and run is not None:
        raise UsageError("--run chooses an audit run; with --ai, use --since last|DATE")
    store = open_settings_store(settings_with_db(db), create=False)
    try:
        text = _ai_report(store, site, since, format) if ai else _audit_report(store, run, since, format)
    finally:
        store.close()
    if output is None:
        typer.echo(text)
        return
    tmp = output.with_name(output.name + ".part")
    tmp.write_text(text, encoding="utf-8")
    tmp.replace(output)  # never a half-written report
    typer.echo(f"wrote {output}")


def _audit_report(store: Any, run: int | None, since: str | None, format: str) -> str:
    from rights.auditing.history import build_report
    from rights.errors import UsageError
    from rights.report.audit import FORMATS, render

    if format not in FORMATS:
        raise UsageError(f"unknown format {format!r}; choose one of {', '.join(FORMATS)}")
    return render(build_report(store, run_id=run, since=since), format)


def _ai_report(store: Any, site: str | None, since: str | None, format: str) -> str:
    from rights.auditing.ai_watch import ai_report
    from rights.report.ai_prefs import render

    return render(ai_report(store, site=site, since=since), format)
