"""Reading the database the way people browse it: its tables and views, full-text search, Datasette metadata."""

from __future__ import annotations

import sqlite3
from typing import Any

from rights.errors import UsageError
from rights.store.db import Connection
from rights.store.descriptions import TABLES, datasette_metadata
from rights.store.views import FTS_TABLE

# The storage tables of an FTS5 index: SQLite's business (Datasette hides them), not described.
_FTS_SHADOWS = tuple(f"{FTS_TABLE}_{part}" for part in ("data", "idx", "docsize", "config", "content"))


class Browse(Connection):
    """Search, the schema with its descriptions, and Datasette metadata."""

    def search_pages(self, query: str, *, limit: int = 20, raw: bool = False) -> list[dict[str, Any]]:
        """Stored pages whose title or text match `query`, best first: url, title, snippet, fetched_at.

        Words are searched as words (all of them, in any order, stemmed: "trains" finds "train"); `raw`
        passes FTS5 query syntax through (`"night train"`, `budget OR library`, `libr*`, `title:budget`).
        """
        words = query if raw else self.db.quote_fts(query)
        if not words.strip():
            raise UsageError("give at least one word to search for")
        sql = (
            f"SELECT p.url, p.title, snippet({FTS_TABLE}, 1, '[', ']', '…', 12) AS snippet, p.fetched_at"
            f" FROM {FTS_TABLE} JOIN pages AS p ON p.rowid = {FTS_TABLE}.rowid"
            f" WHERE {FTS_TABLE} MATCH ? ORDER BY bm25({FTS_TABLE}, 5.0, 1.0) LIMIT ?"
        )
        try:
            return [dict(zip(("url", "title", "snippet", "fetched_at"), row, strict=True))
                    for row in self.conn.execute(sql, (words, limit)).fetchall()]  # fmt: skip
        except sqlite3.OperationalError as exc:
            raise UsageError(f"cannot search for {query!r}: {exc}; check the FTS5 query syntax") from exc

    def schema(self) -> dict[str, tuple[str, list[str]]]:
        """Every table and view a person browses: name -> (table | view, column names)."""
        rows = self.conn.execute(
            "SELECT name, type FROM sqlite_master WHERE type IN ('table', 'view')"
            " AND name NOT LIKE 'sqlite_%' ORDER BY type, name"
        ).fetchall()
        return {
            name: (kind, [c[1] for c in self.conn.execute("SELECT * FROM pragma_table_info(?)", (name,))])
            for name, kind in rows
            if name not in _FTS_SHADOWS
        }

    def views(self) -> list[dict[str, str]]:
        """The views with their descriptions."""
        return [
            {"name": name, "description": TABLES.get(name, ("", {}))[0], "columns": ", ".join(columns)}
            for name, (kind, columns) in self.schema().items()
            if kind == "view"
        ]

    def datasette_metadata(self) -> dict[str, Any]:
        """Datasette metadata for this file (Datasette names the database after the file's stem)."""
        return datasette_metadata(self.path.stem)
