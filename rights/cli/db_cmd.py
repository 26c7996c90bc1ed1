"""`rights db`: the database as something to browse: its views, full-text search, Datasette metadata.

rights db metadata > metadata.json && datasette rights.db --metadata metadata.json
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import typer

from rights.cli.app import app
from rights.cli.common import DB_OPTION, TableOrJson, emit_json, fails_cleanly, settings_with_db

db_app = typer.Typer(
    name="db",
    help="Browse the database: its views, full-text search of stored pages, Datasette metadata.",
    no_args_is_help=True,
)
app.add_typer(db_app, name="db")

FORMAT_OPTION: Any = typer.Option(TableOrJson.table, "--format", "-f", help="Output format.")


def _open(db: Path | None) -> Any:
    """The existing database (migrated, so an older file gains the views and the search index)."""
    from rights.store import open_settings_store

    return open_settings_store(settings_with_db(db), create=False)


@db_app.command()
@fails_cleanly
def metadata(
    output: Path | None = typer.Option(
        None, "--output", "-o", metavar="FILE", dir_okay=False, help="Write to FILE instead of stdout."
    ),
    db: Any = DB_OPTION,
) -> None:
    """Print Datasette metadata (descriptions of every table, view and column) as JSON.

    Use it with `datasette rights.db --metadata metadata.json`.
    """
    with _open(db) as store:
        data = store.datasette_metadata()
    if output is None:
        emit_json(data)
        return
    try:
        output.write_text(json.dumps(data, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    except OSError as exc:
        from rights.errors import InputError

        raise InputError(f"cannot write {output}: {exc.strerror}") from exc
    typer.echo(f"wrote {output}", err=True)


@db_app.command()
@fails_cleanly
def views(format: TableOrJson = FORMAT_OPTION, db: Any = DB_OPTION) -> None:
    """List the views (plain-named tables to browse) with what they show and their columns."""
    with _open(db) as store:
        rows = store.views()
    if format is TableOrJson.json:
        emit_json(rows)
        return
    for row in rows:
        typer.echo(f"{row['name']}: {row['description']}\n  columns: {row['columns']}")


@db_app.command()
@fails_cleanly
def search(
    query: str = typer.Argument(..., metavar="WORDS", help="Words to find in stored pages' titles and text."),
    limit: int = typer.Option(20, "--limit", min=1, help="At most this many pages, best first."),
    raw: bool = typer.Option(
        False, "--raw", help='Use FTS5 query syntax ("a phrase", OR, NOT, prefix*, title:word).'
    ),
    format: TableOrJson = FORMAT_OPTION,
    db: Any = DB_OPTION,
) -> None:
    """Find stored pages (crawled or audited) by words of their title or text."""
    with _open(db) as store:
        rows = store.search_pages(query, limit=limit, raw=raw)
    if format is TableOrJson.json:
        emit_json(rows)
        return
    if not rows:
        typer.echo(f"no stored page matches {query!r}")
        return
    for row in rows:
        typer.echo(f"{row['url']}\n  {row['title'] or '(no title)'}\n  {row['snippet']}")
