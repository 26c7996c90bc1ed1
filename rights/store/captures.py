"""The `warc_captures` table: every response a crawl wrote to a WARC file (`--warc`), and where it sits.

One row per response record: the URL the crawl asked for, the kind of fetch (page, robots, sitemap, feed), the
HTTP status, the sha256 of the stored payload, and the record's address (file, byte offset of its gzip
member, WARC-Record-ID) and WARC-Date. The row is written after the record is flushed to the file, so a row
never points at a record that is not all there. A page's evidence is its latest capture whose payload hash is
the stored copy's (`page_capture`): the bytes the page row holds and an audit judged.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from rights.store.db import Connection

CAPTURE_KINDS = ("page", "robots", "sitemap", "feed")
_COLUMNS = ("url", "target_uri", "kind", "http_status", "captured_at", "content_hash", "archive", "offset",
            "record_id", "run_id")  # fmt: skip


class Captures(Connection):
    """WARC records written by crawls."""

    def save_capture(self, row: Mapping[str, Any]) -> None:
        """Record one written response (inside the caller's unit or transaction)."""
        with self.unit() as conn:
            conn.execute(
                f"INSERT INTO warc_captures ({', '.join(_COLUMNS)}) VALUES ({', '.join('?' * len(_COLUMNS))})",
                tuple(row.get(column) for column in _COLUMNS),
            )

    def page_capture(self, url: str) -> dict[str, Any] | None:
        """The address of the latest WARC record holding the page's stored copy (same payload hash); `url` is
        the page's address or the one that answered it (after redirects). `{archive, offset, record_id,
        captured_at}`, the shape of a scan finding's capture; None without one."""
        rows = self.query(
            "SELECT c.archive, c.offset, c.record_id, c.captured_at FROM warc_captures AS c"
            " JOIN pages AS p ON p.url = c.url AND p.content_hash = c.content_hash"
            " WHERE c.url = ? OR c.target_uri = ? ORDER BY c.id DESC LIMIT 1",
            (url, url),
        )
        return dict(rows[0]) if rows else None

    def captures_of(self, url: str) -> list[dict[str, Any]]:
        """Every recorded capture of `url`, oldest first."""
        return self.query("SELECT * FROM warc_captures WHERE url = ? ORDER BY id", (url,))

    def capture_boundary(self, archive: str) -> int:
        """The offset of the last record recorded in `archive`: the file is whole up to there (0: unknown)."""
        value = self.scalar("SELECT max(offset) FROM warc_captures WHERE archive = ?", (archive,))
        return int(value or 0)
