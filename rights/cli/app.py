"""The typer application object; command modules register on it."""

from __future__ import annotations

import click
import typer
from typer.core import TyperArgument

from rights import __version__


def _no_type_after_argument(self: TyperArgument, ctx: click.Context) -> str | None:
    """Arguments are named by their metavar (URL_OR_FILE, SITE_URL); typer would add a Python type ("<str>")."""
    return None


TyperArgument.display_type_rich = _no_type_after_argument  # type: ignore[method-assign,assignment]

app = typer.Typer(
    name="rights",
    help=(
        "Can I republish this article, and how? Reads a page's rights signals (licence, copyright, "
        "attribution, reuse terms) and answers with evidence."
    ),
    no_args_is_help=True,
    add_completion=True,
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
