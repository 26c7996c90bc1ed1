"""The typer application object; command modules register on it."""

from __future__ import annotations

import typer

from rights import __version__

app = typer.Typer(
    name="rights",
    help=(
        "Can I republish this article, and how? Reads a page's rights signals (licence, copyright, "
        "attribution, reuse terms) and answers with evidence."
    ),
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"rights {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    version: bool = typer.Option(
        False, "--version", callback=_version, is_eager=True, help="Show the version."
    ),
) -> None:
    """rights: republication rights, attribution and copies, with evidence."""
