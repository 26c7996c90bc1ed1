"""`rights report`: what changed since the last audit? New, still open and fixed findings."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import typer

from rights.cli.app import app
from rights.cli.common import DB_OPTION, fails_cleanly, settings_with_db


@app.command()
@fails_cleanly
def report(
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
    """Findings grouped by site and post, marked new, still open or fixed compared with an earlier run."""
    from rights.auditing.history import build_report
    from rights.errors import UsageError
    from rights.report.audit import FORMATS, render
    from rights.store import open_settings_store

    if format not in FORMATS:
        raise UsageError(f"unknown format {format!r}; choose one of {', '.join(FORMATS)}")
    store = open_settings_store(settings_with_db(db), create=False)
    try:
        text = render(build_report(store, run_id=run, since=since), format)
    finally:
        store.close()
    if output is None:
        typer.echo(text)
        return
    tmp = output.with_name(output.name + ".part")
    tmp.write_text(text, encoding="utf-8")
    tmp.replace(output)  # never a half-written report
    typer.echo(f"wrote {output}")
