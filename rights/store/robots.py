"""The `robots` table: robots.txt answers cached per origin until they expire (default 24 h).

Only definitive answers are cached (2xx with its body, 4xx meaning "allow all"). A 5xx, 429 or network failure
means "disallow for this run" and is never written, so the next run asks again.
"""

from __future__ import annotations

from rights.store.db import Connection
from rights.store.models import RobotsRecord


class Robots(Connection):
    """robots.txt cache."""

    def get_robots(self, origin: str) -> RobotsRecord | None:
        """The cached answer for `origin`, or None when there is none or it has expired."""
        rows = self.query("SELECT * FROM robots WHERE origin = ? AND expires > ?", (origin, self.now()))
        if not rows:
            return None
        row = rows[0]
        return RobotsRecord(
            row["origin"],
            row["fetched_at"],
            row["status"],
            row["body"] or "",
            row["expires"],
            row["note"] or "",
        )

    def save_robots(self, record: RobotsRecord) -> None:
        with self.transaction() as conn:
            conn.execute(
                "INSERT INTO robots (origin, fetched_at, status, body, expires, note)"
                " VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT(origin) DO UPDATE SET"
                " fetched_at = excluded.fetched_at, status = excluded.status, body = excluded.body,"
                " expires = excluded.expires, note = excluded.note",
                (record.origin, record.fetched_at, record.status, record.body, record.expires, record.note),
            )
