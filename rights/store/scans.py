"""`rights scan` bookkeeping: per-archive done markers (the resume points) and idempotent findings.

A scan's findings and its archive's done marker are written in one transaction, so a killed scan has either
both or neither for each archive. A finding's key starts with the WARC-Record-ID of the capture it is about,
and a key is stored once per run: an archive read twice (a task retried after its worker died, a resumed
scan) adds nothing.
"""

from __future__ import annotations

import json
import os
from collections.abc import Mapping, Sequence
from typing import Any

from rights.store.db import Connection


def _json(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, sort_keys=True, default=str)


class Scans(Connection):
    """Archive markers and findings of scan runs."""

    def unfinished_scan(self, scan: str) -> int | None:
        """The latest run of this scan key that did not finish (killed or failed), to resume; else None."""
        row = self.query(
            "SELECT id, status FROM runs WHERE kind = 'scan' AND crawl = ? ORDER BY id DESC LIMIT 1", (scan,)
        )
        return int(row[0]["id"]) if row and row[0]["status"] != "done" else None

    def resume_run(self, run_id: int) -> None:
        """Mark an unfinished run as running again, in this process."""
        with self.transaction() as conn:
            conn.execute(
                "UPDATE runs SET status = 'running', finished_at = NULL, pid = ?, locked = ? WHERE id = ?",
                (os.getpid(), int(self.holds_lock), run_id),
            )

    def scanned_archives(self, scan: str, run_id: int) -> dict[str, dict[str, Any]]:
        """The archives run `run_id` of this scan key has finished, with their counts and errors."""
        rows = self.query(
            "SELECT archive, status, counts, error FROM scan_archives WHERE scan = ? AND run_id = ?",
            (scan, run_id),
        )
        return {
            r["archive"]: {**json.loads(r["counts"] or "{}"), "status": r["status"], "error": r["error"]}
            for r in rows
        }

    def save_scanned_archive(
        self,
        run_id: int,
        scan: str,
        archive: str,
        findings: Sequence[Mapping[str, Any]],
        counts: Mapping[str, Any],
        error: str | None = None,
    ) -> int:
        """One archive's findings and its done marker, together; returns how many findings were new."""
        added = 0
        with self.transaction() as conn:
            for f in findings:
                exists = conn.execute(
                    "SELECT 1 FROM findings WHERE run_id = ? AND key = ?", (run_id, f["key"])
                ).fetchone()
                if exists:
                    continue
                conn.execute(
                    "INSERT INTO findings (run_id, key, url, source_url, kind, status, site, text, found_at,"
                    " data) VALUES (?,?,?,?,?,?,?,?,?,?)",
                    (run_id, f["key"], f["url"], f.get("source_url"), f["kind"], f["status"], f.get("site"),
                     f.get("text"), self.now(), _json(f)),
                )  # fmt: skip
                added += 1
            conn.execute(
                "INSERT INTO scan_archives (scan, archive, run_id, status, finished_at, counts, error)"
                " VALUES (?,?,?,?,?,?,?) ON CONFLICT(scan, archive) DO UPDATE SET run_id = excluded.run_id,"
                " status = excluded.status, finished_at = excluded.finished_at, counts = excluded.counts,"
                " error = excluded.error",
                (
                    scan,
                    archive,
                    run_id,
                    "failed" if error else "done",
                    self.now(),
                    _json(dict(counts)),
                    error,
                ),
            )
        return added

    def forget_scanned_archive(self, scan: str, archive: str) -> None:
        """Remove an archive's done marker (its task is to run again)."""
        with self.transaction() as conn:
            conn.execute("DELETE FROM scan_archives WHERE scan = ? AND archive = ?", (scan, archive))
