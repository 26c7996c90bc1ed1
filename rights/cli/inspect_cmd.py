"""`rights inspect`: what does this page say about its own rights?"""

from __future__ import annotations

from typing import Any

import typer

from rights.cli.app import app
from rights.cli.common import (
    ALLOW_PRIVATE_OPTION,
    DB_OPTION,
    OFFLINE_OPTION,
    URL_OPTION,
    TableOrJson,
    emit_json,
    fails_cleanly,
    record_key,
    recorded_run,
    settings_with_db,
)


@app.command()
@fails_cleanly
def inspect(
    target: str = typer.Argument(
        ..., metavar="URL_OR_FILE", help="A page URL (http/https) or a saved HTML file."
    ),
    url: Any = URL_OPTION,
    format: TableOrJson = typer.Option(TableOrJson.table, "--format", "-f", help="Output format."),
    db: Any = DB_OPTION,
    allow_private: bool = ALLOW_PRIVATE_OPTION,
    offline: bool = OFFLINE_OPTION,
) -> None:
    """Read a page's rights signals: republication origin, licence, copyright line and reuse terms.

    The result is recorded in the database (see `rights history`).
    """
    from rights import api
    from rights.report.inspection import inspection_dict, inspection_table
    from rights.web.target import validate_target

    validate_target(target, url=url)
    settings = settings_with_db(db, allow_private=allow_private, offline=offline)
    with recorded_run("inspect", settings, {"target": target, "url": url}) as (store, run_id):
        result = api.inspect(target, url=url, settings=settings, sites=True)
        record = inspection_dict(result)
        store.save_signals(run_id, record_key(result.page.url, target), record)
    if format is TableOrJson.json:
        emit_json(record)
    else:
        typer.echo(inspection_table(result))
