"""The `pages` table (one row per normalised URL: the latest stored copy) and the `visits` log.

A page is saved as a unit: callers wrap `save_page`, `add_visit` and the frontier update for that page in one
`transaction()`, so a killed process leaves either all of it or none. Bodies are stored zlib-compressed.
"""

from __future__ import annotations

import json
import zlib
from collections.abc import Mapping
from typing import Any

from rights.store.db import Connection, sqlite_errors
from rights.store.migrations import VISIT_STATUSES
from rights.store.models import PageRecord

_PAGE_COLUMNS = (
    "url", "final_url", "status", "fetch_status", "reason", "fetched_at", "checked_at", "etag",
    "last_modified", "content_hash", "content_type", "encoding", "size", "title", "canonical", "metadata",
    "text", "html", "run_id", "ai_usage",
)  # fmt: skip
_UPSERT_PAGE = (
    f"INSERT INTO pages ({', '.join(_PAGE_COLUMNS)}) VALUES ({', '.join('?' * len(_PAGE_COLUMNS))})"
    f" ON CONFLICT(url) DO UPDATE SET "
    + ", ".join(f"{col} = excluded.{col}" for col in _PAGE_COLUMNS if col != "url")
)


def _page_row(page: PageRecord) -> tuple[Any, ...]:
    html = page.html_zlib or (zlib.compress(page.html, 1) if page.html else None)  # level 1: 4x faster than 6
    metadata = json.dumps(dict(page.metadata), ensure_ascii=False, default=str, sort_keys=True)
    ai_usage = None if page.ai_usage is None else json.dumps(dict(page.ai_usage), ensure_ascii=False)
    return (
        page.url, page.final_url, page.status, page.fetch_status, page.reason or None, page.fetched_at,
        page.checked_at or page.fetched_at, page.etag, page.last_modified, page.content_hash or None,
        page.content_type or None, page.encoding or None, page.size, page.title, page.canonical, metadata,
        page.text or None, html, page.run_id, ai_usage,
    )  # fmt: skip


def page_record(row: Mapping[str, Any], *, with_html: bool = True) -> PageRecord:
    html = zlib.decompress(row["html"]) if with_html and row.get("html") else b""
    return PageRecord(
        url=row["url"],
        final_url=row["final_url"],
        status=row["status"],
        fetch_status=row["fetch_status"],
        fetched_at=row["fetched_at"],
        checked_at=row["checked_at"] or "",
        reason=row["reason"] or "",
        etag=row["etag"],
        last_modified=row["last_modified"],
        content_hash=row["content_hash"] or "",
        content_type=row["content_type"] or "",
        encoding=row["encoding"] or "",
        size=row["size"] or 0,
        title=row["title"],
        canonical=row["canonical"],
        metadata=json.loads(row["metadata"] or "{}"),
        text=row["text"] or "",
        html=html,
        run_id=row["run_id"],
        ai_usage=json.loads(row["ai_usage"]) if row.get("ai_usage") else None,
    )


class Pages(Connection):
    """Stored pages, conditional-request data and the visit log."""

    def save_page(self, page: PageRecord) -> None:
        """Insert or replace the stored copy of `page.url`."""
        with self.transaction() as conn:
            conn.execute(_UPSERT_PAGE, _page_row(page))

    def get_page(self, url: str, *, with_html: bool = True) -> PageRecord | None:
        rows = self.query("SELECT * FROM pages WHERE url = ?", (url,))
        return page_record(rows[0], with_html=with_html) if rows else None

    def get_validators(self, url: str) -> tuple[str | None, str | None, str | None]:
        """(etag, last_modified, content_hash) of the stored copy, for a conditional request."""
        with sqlite_errors(self.path):  # once per crawled page: the bare cursor, not sqlite-utils' dict rows
            row = self.conn.execute(
                "SELECT etag, last_modified, content_hash FROM pages WHERE url = ? AND fetch_status = 'ok'",
                (url,),
            ).fetchone()
        return (row[0], row[1], row[2]) if row is not None else (None, None, None)

    def touch_page(
        self,
        url: str,
        *,
        run_id: int | None,
        headers: Mapping[str, str] | None = None,
        ai_usage: Mapping[str, Any] | None = None,
    ) -> None:
        """A visit found the stored copy unchanged (304 or same bytes): move `checked_at` (and take any new
        validators from the response `headers`, and the page's AI-usage reading when given: its headers may
        have changed), keep the content."""
        headers = headers or {}
        usage = None if ai_usage is None else json.dumps(dict(ai_usage), ensure_ascii=False)
        with self.transaction() as conn:
            conn.execute(
                "UPDATE pages SET checked_at = ?, run_id = ?, etag = coalesce(?, etag),"
                " last_modified = coalesce(?, last_modified), ai_usage = coalesce(?, ai_usage) WHERE url = ?",
                (self.now(), run_id, headers.get("etag"), headers.get("last-modified"), usage, url),
            )

    def count_pages(self) -> int:
        return int(self.scalar("SELECT count(*) FROM pages") or 0)

    def add_visit(
        self,
        url: str,
        status: str,
        *,
        run_id: int | None,
        reason: str | None = None,
        detail: str | None = None,
        http_status: int | None = None,
    ) -> None:
        if status not in VISIT_STATUSES:
            raise ValueError(f"unknown visit status {status!r}; expected one of {', '.join(VISIT_STATUSES)}")
        with self.transaction() as conn:
            conn.execute(
                "INSERT INTO visits (url, run_id, at, status, reason, detail, http_status)"
                " VALUES (?, ?, ?, ?, ?, ?, ?)",
                (url, run_id, self.now(), status, reason, detail or None, http_status),
            )

    def visits(self, *, run_id: int | None = None, url: str | None = None) -> list[dict[str, Any]]:
        where: list[str] = []
        params: list[object] = []
        if run_id is not None:
            where.append("run_id = ?")
            params.append(run_id)
        if url is not None:
            where.append("url = ?")
            params.append(url)
        clause = f"WHERE {' AND '.join(where)}" if where else ""
        return self.query(f"SELECT * FROM visits {clause} ORDER BY id", tuple(params))
