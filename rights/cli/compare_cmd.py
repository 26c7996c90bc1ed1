"""`rights compare`: which passages of ORIGINAL does COPY reproduce, and is it a copy?"""

from __future__ import annotations

import typer

from rights.cli.app import app
from rights.cli.common import TableOrJson, emit_json, fails_cleanly

_COPY = typer.Argument(..., metavar="COPY", help="The suspected copy: a URL, an .html file or a .txt file.")
_ORIGINAL = typer.Argument(..., metavar="ORIGINAL", help="The original: a URL, an .html file or a .txt file.")
_FORMAT = typer.Option(TableOrJson.table, "--format", "-f", help="Output format.")


@app.command()
@fails_cleanly
def compare(copy: str = _COPY, original: str = _ORIGINAL, format: TableOrJson = _FORMAT) -> None:
    """Compare two texts: copied passages with offsets in both, shares, and a verdict
    (copy, partial, quote or unrelated). Pages are compared by their article text; quotations
    (quotation marks, block quotes, "said" framing) are not counted as copying."""
    from rights import api
    from rights.config import load_settings
    from rights.report.comparison import comparison_dict, comparison_table

    result = api.compare(copy, original, settings=load_settings())
    if format is TableOrJson.json:
        emit_json(comparison_dict(result))
    else:
        typer.echo(comparison_table(result))
