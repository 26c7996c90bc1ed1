"""The `runs` table: one row per command run, with its settings, arguments and final counts.

A run that takes the run lock is recorded with `locked = 1`. Only one such run can be alive at a time, so the
next lock holder marks any other `running` locked run as `aborted`: its process was killed. Unlocked runs
(one-page commands such as `check`) are marked aborted when their process no longer exists.
"""

from __future__ import annotations

import json
import os
from collections.abc import Mapping
from dataclasses import asdict, is_dataclass
from typing import Any

from rights.store.db import Connection
from rights.store.migrations import RUN_KINDS, RUN_STATUSES
from rights.store.models import RunRecord


def _json(value: Any) -> str:
    if is_dataclass(value) and not isinstance(value, type):
        value = asdict(value)
    return json.dumps(value, default=str, sort_keys=True, ensure_ascii=False)


def _pid_alive(pid: int | None) -> bool:
    if not pid:
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def run_record(row: Mapping[str, Any]) -> RunRecord:
    return RunRecord(
        id=row["id"],
        kind=row["kind"],
        status=row["status"],
        started_at=row["started_at"],
        finished_at=row["finished_at"],
        settings=json.loads(row["settings"] or "{}"),
        counts=json.loads(row["counts"] or "{}"),
        args=json.loads(row["args"] or "{}"),
        crawl=row["crawl"],
    )


class Runs(Connection):
    """Run bookkeeping."""

    def start_run(
        self, kind: str, settings: Any = None, args: Any = None, *, crawl: str | None = None
    ) -> int:
        """Record a new run as `running`; returns its id."""
        if kind not in RUN_KINDS:
            raise ValueError(f"unknown run kind {kind!r}; expected one of {', '.join(RUN_KINDS)}")
        with self.transaction() as conn:
            cursor = conn.execute(
                "INSERT INTO runs (kind, started_at, status, settings, args, crawl, pid, locked)"
                " VALUES (?, ?, 'running', ?, ?, ?, ?, ?)",
                (kind, self.now(), _json(settings or {}), _json(args or {}), crawl, os.getpid(),
                 int(self.holds_lock)),
            )  # fmt: skip
        return int(cursor.lastrowid or 0)

    def finish_run(self, run_id: int, status: str, counts: Mapping[str, Any] | None = None) -> None:
        if status not in RUN_STATUSES or status == "running":
            raise ValueError(f"a run finishes as done, aborted or failed, not {status!r}")
        with self.transaction() as conn:
            conn.execute(
                "UPDATE runs SET status = ?, finished_at = ?, counts = ? WHERE id = ?",
                (status, self.now(), _json(dict(counts or {})), run_id),
            )

    def mark_aborted(self) -> int:
        """Mark runs whose process is gone as aborted; returns how many. Safe to call at any time."""
        rows = self.query("SELECT id, pid, locked FROM runs WHERE status = 'running'")
        me = os.getpid()
        dead = [
            row["id"]
            for row in rows
            if row["pid"] != me and ((row["locked"] and self.holds_lock) or not _pid_alive(row["pid"]))
        ]
        if dead:
            with self.transaction() as conn:
                conn.executemany(
                    "UPDATE runs SET status = 'aborted', finished_at = ? WHERE id = ? AND status = 'running'",
                    [(self.now(), run_id) for run_id in dead],
                )
        return len(dead)

    def on_lock_acquired(self) -> None:
        self.mark_aborted()

    def get_run(self, run_id: int) -> RunRecord | None:
        rows = self.query("SELECT * FROM runs WHERE id = ?", (run_id,))
        return run_record(rows[0]) if rows else None

    def last_run(self, *, kind: str | None = None, crawl: str | None = None) -> RunRecord | None:
        """The most recent run, optionally of one kind or one crawl key."""
        where: list[str] = []
        params: list[object] = []
        if kind is not None:
            where.append("kind = ?")
            params.append(kind)
        if crawl is not None:
            where.append("crawl = ?")
            params.append(crawl)
        clause = f"WHERE {' AND '.join(where)}" if where else ""
        rows = self.query(f"SELECT * FROM runs {clause} ORDER BY id DESC LIMIT 1", tuple(params))
        return run_record(rows[0]) if rows else None

    def list_runs(self, limit: int = 20) -> list[RunRecord]:
        return [
            run_record(row) for row in self.query("SELECT * FROM runs ORDER BY id DESC LIMIT ?", (limit,))
        ]
