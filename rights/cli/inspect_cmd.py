"""`rights inspect`: what does this page say about its own rights?"""

from __future__ import annotations

from typing import Any

import typer

from rights.cli.app import app
from rights.cli.common import URL_OPTION, TableOrJson, emit_json, fails_cleanly


@app.command()
@fails_cleanly
def inspect(
    target: str = typer.Argument(
        ..., metavar="URL_OR_FILE", help="A page URL (http/https) or a saved HTML file."
    ),
    url: Any = URL_OPTION,
    format: TableOrJson = typer.Option(TableOrJson.table, "--format", "-f", help="Output format."),
) -> None:
    """Read a page's rights signals: republication origin, licence, copyright line and reuse terms."""
    from rights.config import load_settings
    from rights.pipeline import inspect_target
    from rights.report import inspection_dict, inspection_table

    result = inspect_target(target, url=url, settings=load_settings())
    if format is TableOrJson.json:
        emit_json(inspection_dict(result))
    else:
        typer.echo(inspection_table(result))
