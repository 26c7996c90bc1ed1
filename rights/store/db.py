"""Opening the database: file checks, pragmas, write transactions, migrations and the run lock.

One SQLite file in WAL mode. Every write runs inside `BEGIN IMMEDIATE` (a deferred `BEGIN` that reads and
then writes fails at once with "database is locked" under WAL contention, whatever the busy timeout).
Migrations run inside one such transaction, so two processes opening a fresh file at once migrate it exactly
once. The run lock is an `flock` on `<db>.lock`: the kernel releases it when the holder dies, so a killed run
never leaves a stale lock behind.
"""

from __future__ import annotations

import contextlib
import fcntl
import json
import os
import sqlite3
import threading
import time
from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import IO, Any

from sqlite_utils import Database

from rights.errors import AlreadyRunningError, StoreError

BUSY_TIMEOUT_MS = 10_000
WAL_AUTOCHECKPOINT = 1000  # SQLite's default, restored after a crawl's grouped writes
SQLITE_MAGIC = b"SQLite format 3\x00"

Clock = Callable[[], datetime]


def utc_now() -> datetime:
    return datetime.now(UTC)


def iso(moment: datetime) -> str:
    """The one timestamp format of the database: ISO 8601 UTC with microseconds (sorts as text)."""
    return moment.astimezone(UTC).isoformat(timespec="microseconds")


def check_database_file(path: Path, *, create: bool, make_parents: bool) -> None:
    """Refuse paths that cannot hold our database, before SQLite touches them."""
    if path.is_dir():
        raise StoreError(str(path), "is a directory; give a database file path")
    if path.exists():
        with path.open("rb") as handle:
            head = handle.read(len(SQLITE_MAGIC))
        if head and head != SQLITE_MAGIC:
            raise StoreError(str(path), "file is not a database; refusing to overwrite it")
        return
    if not create:
        raise StoreError(str(path), "no database here yet; run `rights crawl` (or give --db) first")
    parent = path.parent
    if not parent.is_dir():
        if not make_parents:
            raise StoreError(
                str(path), f"directory {parent} does not exist; create it or choose another --db"
            )
        try:
            parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise StoreError(str(path), f"cannot create directory {parent} ({exc.strerror})") from exc


@contextlib.contextmanager
def sqlite_errors(path: Path) -> Iterator[None]:
    """Turn sqlite3 errors into one-line StoreErrors naming the file."""
    try:
        yield
    except sqlite3.DatabaseError as exc:
        raise StoreError(str(path), _explain(exc)) from exc


def _explain(exc: sqlite3.Error) -> str:
    text = str(exc)
    if "readonly" in text or "read-only" in text:
        return f"{text}; the database (or its directory) is read-only"
    if "locked" in text or "busy" in text:
        return f"{text}; another process kept the database busy for over {BUSY_TIMEOUT_MS // 1000} s"
    if "full" in text:
        return f"{text}; free some disk space"
    return text


class Connection:
    """The low layer every store module builds on: a connection, a clock, transactions and the run lock."""

    def __init__(self, path: Path, conn: sqlite3.Connection, *, clock: Clock = utc_now) -> None:
        self.path = path
        self.conn = conn
        self.db = Database(conn)
        self.clock = clock
        self._lock_handle: IO[str] | None = None
        self._depth = 0
        self._grouping = False  # commit_group() mode: units share one transaction
        self._checkpointer: Checkpointer | None = None
        self._group_units = 0
        self._group_started = 0.0
        # Called just before each COMMIT: what must be durable before the rows that point at it (a crawl's WARC
        # file, `--warc`). None: nothing.
        self.before_commit: Callable[[], None] | None = None

    # ----------------------------------------------------------------------------------------- basics

    def now(self) -> str:
        return iso(self.clock())

    def close(self) -> None:
        self.release_lock()
        self.conn.close()

    def __enter__(self) -> Connection:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def query(self, sql: str, params: tuple[Any, ...] | dict[str, Any] = ()) -> list[dict[str, Any]]:
        with sqlite_errors(self.path):
            return list(self.db.query(sql, params))

    def scalar(self, sql: str, params: tuple[Any, ...] = ()) -> Any:
        with sqlite_errors(self.path):
            row = self.conn.execute(sql, params).fetchone()
        return None if row is None else row[0]

    # ------------------------------------------------------------------------------------ transactions

    @contextlib.contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """A write transaction (`BEGIN IMMEDIATE`); nested calls join the outer one."""
        if self._depth:
            self._depth += 1
            try:
                yield self.conn
            finally:
                self._depth -= 1
            return
        with sqlite_errors(self.path):
            self.conn.execute("BEGIN IMMEDIATE")
            self._depth = 1
            try:
                yield self.conn
                self._before_commit()
            except BaseException:
                if self.conn.in_transaction:
                    self.conn.execute("ROLLBACK")
                raise
            else:
                self.conn.execute("COMMIT")
            finally:
                self._depth = 0

    @contextlib.contextmanager
    def unit(self) -> Iterator[sqlite3.Connection]:
        """All-or-nothing writes for one item (a crawled page). Alone, it is one transaction; in grouping mode
        it is a savepoint inside the group's transaction, which `commit_group` ends (a kill loses at most the
        group's last uncommitted units, never part of one)."""
        if not self._grouping:
            with self.transaction() as conn:
                yield conn
            return
        if not self._depth:
            with sqlite_errors(self.path):
                self.conn.execute("BEGIN IMMEDIATE")
            self._depth, self._group_started = 1, time.monotonic()
        with sqlite_errors(self.path):
            self.conn.execute("SAVEPOINT unit")
            self._depth += 1
            try:
                yield self.conn
            except BaseException:
                self.conn.execute("ROLLBACK TO unit")
                self.conn.execute("RELEASE unit")
                raise
            else:
                self.conn.execute("RELEASE unit")
                self._group_units += 1
            finally:
                self._depth -= 1

    def _before_commit(self) -> None:
        if self.before_commit is not None:
            self.before_commit()

    def start_grouping(self) -> None:
        """From now on `unit()`s share transactions until `commit_group()`: fewer commits, same atomicity.
        WAL checkpoints move to a thread of their own meanwhile (`Checkpointer`)."""
        self._grouping = True
        if self._checkpointer is None:
            with sqlite_errors(self.path):
                self.conn.execute("PRAGMA wal_autocheckpoint = 0")
            self._checkpointer = Checkpointer(self.path)

    def commit_group(self, *, max_units: int = 0, max_age: float = 0.0, stop: bool = False) -> None:
        """Commit the open group when it holds at least `max_units` units or is `max_age` seconds old (both 0:
        always); `stop` also leaves grouping mode."""
        if self._grouping and self._depth == 1:
            due = self._group_units >= max_units or time.monotonic() - self._group_started >= max_age
            if due or stop:
                try:
                    self._before_commit()
                except BaseException:  # what the rows point at is not safe: they are not committed
                    self.conn.execute("ROLLBACK")
                    self._depth, self._group_units = 0, 0
                    raise
                with sqlite_errors(self.path):
                    self.conn.execute("COMMIT")
                self._depth, self._group_units = 0, 0
                if self._checkpointer is not None:
                    self._checkpointer.poke()
        if stop:
            if self._depth == 1:
                self.conn.execute("ROLLBACK")
                self._depth = 0
            self._grouping = False
            if self._checkpointer is not None:
                self._checkpointer.stop()
                self._checkpointer = None
                with sqlite_errors(self.path):
                    self.conn.execute(f"PRAGMA wal_autocheckpoint = {WAL_AUTOCHECKPOINT}")

    # ---------------------------------------------------------------------------------------- run lock

    @property
    def lock_path(self) -> Path:
        return self.path.with_name(self.path.name + ".lock")

    @property
    def holds_lock(self) -> bool:
        return self._lock_handle is not None

    @contextlib.contextmanager
    def lock(self) -> Iterator[None]:
        """Hold the run lock for the block; raise AlreadyRunningError when another process holds it."""
        self.acquire_lock()
        try:
            yield
        finally:
            self.release_lock()

    def acquire_lock(self) -> None:
        if self._lock_handle is not None:
            return
        try:
            handle = self.lock_path.open("a+", encoding="utf-8")
        except OSError as exc:
            raise StoreError(str(self.lock_path), f"cannot open the lock file ({exc.strerror})") from exc
        try:
            fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            holder = _read_holder(handle)
            handle.close()
            raise AlreadyRunningError(
                str(self.path), f"another rights run is using this database ({holder}); try again later"
            ) from None
        handle.seek(0)
        handle.truncate()
        handle.write(json.dumps({"pid": os.getpid(), "since": self.now()}))
        handle.flush()
        self._lock_handle = handle
        self.on_lock_acquired()

    def release_lock(self) -> None:
        handle, self._lock_handle = self._lock_handle, None
        if handle is not None:
            fcntl.flock(handle.fileno(), fcntl.LOCK_UN)
            handle.close()

    def on_lock_acquired(self) -> None:
        """Hook for subclasses: what the new lock holder tidies up (killed runs)."""


class Checkpointer:
    """Passive WAL checkpoints on a thread with its own connection, woken after each commit.

    Left to SQLite, a commit that takes the WAL past 1,000 pages copies them into the database file and
    syncs it, inside that commit: about three quarters of a crawl's time in SQLite. Here that work runs
    beside the event loop (the sqlite3 module releases the GIL while SQLite works). A PASSIVE checkpoint never
    waits for the writer, and crash safety is SQLite's own: a checkpoint only copies committed frames.
    """

    def __init__(self, path: Path) -> None:
        self.path = path
        self._wake = threading.Event()
        self._stopping = False
        self._thread = threading.Thread(target=self._run, name="rights-wal-checkpoint", daemon=True)
        self._thread.start()

    def poke(self) -> None:
        self._wake.set()

    def stop(self) -> None:
        self._stopping = True
        self._wake.set()
        self._thread.join()

    def _run(self) -> None:
        # A checkpoint that fails (or a connection that cannot open) costs nothing but a longer WAL: the next
        # checkpoint, or SQLite's own once grouping stops, copies those pages.
        try:
            conn = sqlite3.connect(str(self.path), timeout=BUSY_TIMEOUT_MS / 1000, isolation_level=None)
        except sqlite3.Error:
            return
        try:
            while not self._stopping:
                self._wake.wait()
                self._wake.clear()
                if not self._stopping:
                    with contextlib.suppress(sqlite3.Error):
                        conn.execute("PRAGMA wal_checkpoint(PASSIVE)")
        finally:
            conn.close()


def _read_holder(handle: IO[str]) -> str:
    try:
        handle.seek(0)
        data = json.loads(handle.read() or "{}")
        return f"pid {int(data['pid'])} since {data['since']}"
    except (OSError, ValueError, KeyError, TypeError):
        return "holder unknown"


def connect(path: Path) -> sqlite3.Connection:
    """Open the file in autocommit mode (transactions are explicit) with WAL and a long busy timeout."""
    with sqlite_errors(path):
        conn = sqlite3.connect(str(path), timeout=BUSY_TIMEOUT_MS / 1000, isolation_level=None)
        try:
            conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
            mode = conn.execute("PRAGMA journal_mode = WAL").fetchone()[0]
            if str(mode).lower() != "wal":
                raise sqlite3.OperationalError(f"cannot switch to WAL mode (journal mode is {mode})")
            conn.execute("PRAGMA synchronous = NORMAL")
            conn.execute("PRAGMA foreign_keys = ON")
        except BaseException:
            conn.close()
            raise
    return conn
