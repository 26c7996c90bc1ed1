"""`rights history`: what did earlier checks of this page conclude?"""

from __future__ import annotations

from typing import Any

import typer

from rights.cli.app import app
from rights.cli.common import DB_OPTION, TableOrJson, emit_json, fails_cleanly, record_key, settings_with_db


@app.command()
@fails_cleanly
def history(
    target: str = typer.Argument(..., metavar="URL_OR_FILE", help="The page (as given to `rights check`)."),
    format: TableOrJson = typer.Option(TableOrJson.table, "--format", "-f", help="Output format."),
    limit: int = typer.Option(
        50, "--limit", min=1, metavar="N", help="At most this many verdicts, newest first."
    ),
    db: Any = DB_OPTION,
) -> None:
    """List past verdicts for a page, newest first."""
    from rights.store import open_settings_store

    settings = settings_with_db(db)
    key = record_key(target if "://" in target else None, target)
    store = open_settings_store(settings, create=False)
    try:
        rows = store.history(key, limit=limit)
    finally:
        store.close()
    if format is TableOrJson.json:
        emit_json({"url": key, "verdicts": rows})
        return
    if not rows:
        typer.echo(f"no verdicts recorded for {key}")
        return
    typer.echo(f"Verdicts for {key}:")
    for row in rows:
        origin = f" (rights: {row['origin_name']})" if row["origin_name"] else ""
        typer.echo(
            f"  {row['checked_at']}  run {row['run_id']:<5} {row['use']:<13} {row['verdict']:<24}"
            f" {row['policy'] or '-'}{origin}"
        )
