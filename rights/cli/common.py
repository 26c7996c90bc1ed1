"""What every command shares: output formats, error conversion, shared options."""

from __future__ import annotations

import functools
import json
import sys
from collections.abc import Callable
from enum import StrEnum
from pathlib import Path
from typing import Any, ParamSpec, TypeVar

import typer

from rights.errors import RightsError

P = ParamSpec("P")
R = TypeVar("R")


class TableOrJson(StrEnum):
    table = "table"
    json = "json"


def fails_cleanly(func: Callable[P, R]) -> Callable[P, R]:
    """Turn a RightsError into one line on stderr and the error's exit code."""

    @functools.wraps(func)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        try:
            return func(*args, **kwargs)
        except RightsError as exc:
            typer.echo(f"error: {exc}", err=True)
            raise typer.Exit(exc.exit_code) from None
        except KeyboardInterrupt:
            typer.echo("interrupted", err=True)
            raise typer.Exit(130) from None

    return wrapper


def emit_json(data: Any) -> None:
    json.dump(data, sys.stdout, ensure_ascii=False, indent=2, default=str)
    sys.stdout.write("\n")


DB_OPTION: Any = typer.Option(
    None,
    "--db",
    help="SQLite database file (default: RIGHTS_DB, else the user data directory).",
    dir_okay=False,
)
URL_OPTION: Any = typer.Option(
    None,
    "--url",
    help="The page's address, when reading a saved file (resolves links, spots self-attribution).",
)


def db_path(value: Path | None) -> Path | None:
    return value
