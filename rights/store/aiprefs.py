"""The `site_ai` table: what each site said about search and AI use, read once per origin by every crawl run.

A reading is the site-level sources of one origin (robots.txt AI crawler groups, Content-Usage and
Content-Signal lines, `/.well-known/tdmrep.json`, RSL documents) combined into a preference per use, with the
signals and their evidence as JSON. A reading that could not be made (offline, robots.txt unreachable, an
error) is recorded too, with `complete = 0` and what was not read, so that "nothing stated" is never confused
with "nothing read"; changes between runs are computed over complete readings only.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

from rights.signals.ai_models import AI_USES
from rights.store.db import Connection
from rights.urls import registrable_domain

COLUMNS = {"search": "search", "ai-input": "ai_input", "ai-train": "ai_train"}  # use -> column


def _json(value: Any) -> str | None:
    return json.dumps(value, ensure_ascii=False, sort_keys=True, default=str) if value else None


def summary_of(signals: list[Mapping[str, Any]]) -> str:
    """The signals in one line: "ai-train disallowed by robots.txt line 3 (GPTBot); ..."."""
    parts = [
        f"{s.get('use')} {s.get('preference')} by {s.get('where')} ({s.get('detail')})"
        for s in signals
        if s.get("scope") != "images"
    ]
    return "; ".join(dict.fromkeys(parts))


def site_of(site: str) -> str:
    """A site as the user names it (`example.org`, `https://www.example.org/`) -> its registrable domain."""
    return registrable_domain(site.strip())


class AiPrefs(Connection):
    """Site-level AI-usage readings, one row per origin and run."""

    def save_site_ai(
        self, origin: str, run_id: int | None, record: Mapping[str, Any], *, complete: bool, error: str = ""
    ) -> None:
        """One origin's reading (`record` is `signals.ai_usage.usage_record` of the combined site signals)."""
        signals = list(record.get("signals") or ())
        with self.transaction() as conn:
            conn.execute(
                "INSERT INTO site_ai (origin, site, run_id, read_at, complete, search, ai_input, ai_train,"
                " summary, signals, conflicts, unreadable, not_read, error) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
                (origin, site_of(origin), run_id, self.now(), int(complete),
                 *(record.get(use, "not stated") for use in AI_USES), summary_of(signals) or None,
                 _json(signals), _json(record.get("conflicts")), _json(record.get("unreadable")),
                 _json(record.get("not_read")), error or None),
            )  # fmt: skip

    def site_ai_readings(self, site: str | None = None, *, complete: bool = False) -> list[dict[str, Any]]:
        """Every reading, oldest first, of one site (a registrable domain or an origin) or of all; the JSON
        columns decoded."""
        where, params = ["1"], []
        if site:
            where.append("(site = ? OR origin = ?)")
            params += [site_of(site), site.rstrip("/")]
        if complete:
            where.append("complete = 1")
        rows = self.query(f"SELECT * FROM site_ai WHERE {' AND '.join(where)} ORDER BY id", tuple(params))
        for row in rows:
            for key in ("signals", "conflicts", "unreadable", "not_read"):
                row[key] = json.loads(row[key]) if row[key] else []
        return rows

    def page_ai_counts(self, origin: str) -> dict[tuple[str, str], tuple[int, str]]:
        """Over the stored pages of `origin` whose own AI-usage was read: (use, preference) -> (pages, one
        of them), for the preferences their headers and tags state."""
        counts: dict[tuple[str, str], tuple[int, str]] = {}
        rows = self.query(
            "SELECT url, ai_usage FROM pages WHERE ai_usage IS NOT NULL AND (url = ? OR url LIKE ?) ORDER BY url",
            (origin, origin + "/%"),
        )
        for row in rows:
            usage = json.loads(row["ai_usage"])
            for use in AI_USES:
                preference = usage.get(use, "not stated")
                if preference != "not stated":
                    count, example = counts.get((use, preference), (0, row["url"]))
                    counts[(use, preference)] = (count + 1, example)
        counts[("", "")] = (len(rows), "")  # pages read
        return counts


__all__ = ["COLUMNS", "AiPrefs", "site_of", "summary_of"]
