"""The open database: `Store`, with every table's methods, and `open_store` / `open_settings_store`."""

from __future__ import annotations

from pathlib import Path

from rights.config import Settings
from rights.store.aiprefs import AiPrefs
from rights.store.browse import Browse
from rights.store.captures import Captures
from rights.store.checks import Checks
from rights.store.db import Clock, check_database_file, connect, sqlite_errors, utc_now
from rights.store.frontier import Frontier
from rights.store.migrations import Migration, migrate, pending
from rights.store.pages import Pages
from rights.store.robots import Robots
from rights.store.runs import Runs
from rights.store.scans import Scans


class Store(Runs, Pages, Frontier, Robots, Checks, Scans, Browse, AiPrefs, Captures):
    """An open database. Close it (or use it as a context manager) when done."""

    def __enter__(self) -> Store:
        return self


def open_store(
    path: Path,
    *,
    create: bool = True,
    make_parents: bool = False,
    clock: Clock = utc_now,
    migrations: list[Migration] | None = None,
) -> Store:
    """Open (and migrate) the database at `path`.

    `create=False` refuses a missing file. A missing parent directory is an error unless `make_parents`
    (used for the default per-user path, not for an explicit `--db`). A file that is not SQLite is never
    touched; a file written by a newer rights (an unknown migration) is refused.
    """
    path = Path(path).expanduser()
    check_database_file(path, create=create, make_parents=make_parents)
    store = Store(path, connect(path), clock=clock)
    try:
        with sqlite_errors(path):
            if not pending(store.db, migrations):
                return store  # up to date: no write lock needed to open
        with store.transaction(), sqlite_errors(path):
            migrate(store.db, now=store.now(), migrations=migrations)
    except BaseException:
        store.close()
        raise
    return store


def open_settings_store(settings: Settings, *, create: bool = True) -> Store:
    """Open the database named by the settings; the default location gets its directory created."""
    return open_store(settings.database(), create=create, make_parents=settings.db_path is None)
