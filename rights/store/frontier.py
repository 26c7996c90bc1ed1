"""The `frontier` table: each crawl's queue of URLs, kept in the database so a killed crawl can resume.

Rows are keyed by (crawl key, normalised URL), so a URL is queued once per crawl however often it is linked.
States: `queued` -> `done` | `failed` | `skipped`. Order of work: lower depth first, then discovery order.
"""

from __future__ import annotations

from collections.abc import Iterable

from rights.store.db import Connection
from rights.store.migrations import FRONTIER_STATES
from rights.store.models import FrontierItem


class Frontier(Connection):
    """Frontier operations."""

    def frontier_add(
        self, crawl: str, items: Iterable[FrontierItem], *, run_id: int | None = None
    ) -> list[str]:
        """Queue the URLs not yet known to this crawl; returns the URLs that were new."""
        added: list[str] = []
        now = self.now()
        with self.transaction() as conn:
            for item in items:
                cursor = conn.execute(
                    "INSERT OR IGNORE INTO frontier"
                    " (crawl, url, depth, kind, state, discovered_from, run_id, updated_at)"
                    " VALUES (?, ?, ?, ?, 'queued', ?, ?, ?)",
                    (crawl, item.url, item.depth, item.kind, item.discovered_from, run_id, now),
                )
                if cursor.rowcount:
                    added.append(item.url)
        return added

    def frontier_insert(
        self, crawl: str, items: Iterable[FrontierItem], *, run_id: int | None = None
    ) -> None:
        """Queue items in one statement, ignoring known URLs (for callers that track what is known)."""
        now = self.now()
        with self.transaction() as conn:
            conn.executemany(
                "INSERT OR IGNORE INTO frontier"
                " (crawl, url, depth, kind, state, discovered_from, run_id, updated_at)"
                " VALUES (?, ?, ?, ?, 'queued', ?, ?, ?)",
                [(crawl, i.url, i.depth, i.kind, i.discovered_from, run_id, now) for i in items],
            )

    def frontier_urls(self, crawl: str) -> set[str]:
        """Every URL this crawl has queued, in any state."""
        return {row[0] for row in self.conn.execute("SELECT url FROM frontier WHERE crawl = ?", (crawl,))}

    def frontier_mark(
        self, crawl: str, url: str, state: str, *, reason: str | None = None, run_id: int | None = None
    ) -> None:
        if state not in FRONTIER_STATES:
            raise ValueError(
                f"unknown frontier state {state!r}; expected one of {', '.join(FRONTIER_STATES)}"
            )
        with self.transaction() as conn:
            conn.execute(
                "UPDATE frontier SET state = ?, reason = ?, run_id = ?, updated_at = ?"
                " WHERE crawl = ? AND url = ?",
                (state, reason, run_id, self.now(), crawl, url),
            )

    def frontier_queued(self, crawl: str, *, limit: int | None = None) -> list[FrontierItem]:
        """Queued items in work order (depth, then discovery order)."""
        sql = (
            "SELECT url, depth, kind, discovered_from FROM frontier WHERE crawl = ? AND state = 'queued'"
            " ORDER BY depth, rowid"
        )
        params: tuple[object, ...] = (crawl,)
        if limit is not None:
            sql += " LIMIT ?"
            params = (crawl, limit)
        return [
            FrontierItem(row["url"], row["depth"], row["kind"], row["discovered_from"])
            for row in self.query(sql, params)
        ]

    def frontier_counts(self, crawl: str) -> dict[str, int]:
        """Count of items per state (`page` items only count toward `pages_*`)."""
        counts = dict.fromkeys(FRONTIER_STATES, 0)
        for row in self.query(
            "SELECT state, count(*) AS n FROM frontier WHERE crawl = ? GROUP BY state", (crawl,)
        ):
            counts[row["state"]] = row["n"]
        return counts

    def frontier_pages_attempted(self, crawl: str) -> int:
        """Pages of this crawl already fetched or failed (they count against max_pages on resume)."""
        return int(
            self.scalar(
                "SELECT count(*) FROM frontier"
                " WHERE crawl = ? AND kind = 'page' AND state IN ('done', 'failed')",
                (crawl,),
            )
            or 0
        )

    def frontier_states(self, crawl: str) -> dict[str, str]:
        return {
            row["url"]: row["state"]
            for row in self.query("SELECT url, state FROM frontier WHERE crawl = ?", (crawl,))
        }

    def frontier_reset(self, crawl: str) -> None:
        """Forget a finished crawl's queue so the next run starts from its seeds again."""
        with self.transaction() as conn:
            conn.execute("DELETE FROM frontier WHERE crawl = ?", (crawl,))
