"""What every command shares: output formats, error conversion, shared options."""

from __future__ import annotations

import functools
import json
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import asdict
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Any, ParamSpec, TypeVar

import typer

from rights.config import Settings, load_settings
from rights.errors import RightsError
from rights.urls import normalize

if TYPE_CHECKING:
    from rights.store import Store

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
    metavar="PATH",
    help="SQLite database file (default: RIGHTS_DB, else the user data directory).",
    dir_okay=False,
)
URL_OPTION: Any = typer.Option(
    None,
    "--url",
    metavar="URL",
    help="The page's address, when reading a saved file (resolves links, spots self-attribution).",
)


def settings_with_db(db: Path | None, *, allow_private: bool = False, offline: bool = False) -> Settings:
    """Settings from rights.toml and the environment, with --db (and --allow-private, --offline) on top."""
    overrides: dict[str, Any] = {}
    if db is not None:
        overrides["db_path"] = db
    if allow_private:
        overrides["allow_private"] = True
    if offline:
        overrides["offline"] = True
    return load_settings(overrides=overrides or None)


OFFLINE_OPTION: Any = typer.Option(
    False,
    "--offline",
    help="Read the page only: no robots.txt, tdmrep.json or RSL fetches for AI-usage preferences (those are "
    "then reported as not read).",
)
ALLOW_PRIVATE_OPTION: Any = typer.Option(
    False,
    "--allow-private",
    help="Read pages on private and loopback addresses (an intranet, this machine); refused by default.",
)


def record_key(url: str | None, target: str) -> str:
    """How a checked page is keyed in the database: its URL, else the file's absolute file:// URI."""
    if url:
        return normalize(url)
    return target if "://" in target else Path(target).resolve().as_uri()


@contextmanager
def recorded_run(kind: str, settings: Settings, args: dict[str, Any]) -> Iterator[tuple[Store, int]]:
    """Open the database and record a run around the command; a failure marks the run failed."""
    from rights.store import open_settings_store

    store = open_settings_store(settings)
    try:
        run_id = store.start_run(kind, asdict(settings), args)
        try:
            yield store, run_id
        except BaseException:
            store.finish_run(run_id, "failed")
            raise
        store.finish_run(run_id, "done")
    finally:
        store.close()


POLICIES_OPTION: Any = typer.Option(
    [],
    "--policies",
    metavar="FOLDER",
    help="A folder of your own policy files (repeatable).",
    file_okay=False,
    exists=True,
)

WARC_HELP = (
    "Also write every response fetched (pages, robots.txt, sitemaps, feeds) to this WARC file as request and "
    "response records (gzip, WARC/1.1; appended to an existing file); each page records where its record sits."
)


def checked_warc(path: Path | None) -> Path | None:
    """--warc FILE, checked before anything is fetched (a one-line `UsageError`), as an absolute path."""
    if path is None:
        return None
    from rights.web.archive import check_warc_path

    return check_warc_path(path)
