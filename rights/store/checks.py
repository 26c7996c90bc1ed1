"""Recorded conclusions: page signals, verdicts and findings, each row tied to its run."""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from typing import Any

from rights.matching.fingerprint import FINGERPRINT_VERSION, Prints
from rights.matching.index import Candidate
from rights.store.db import Connection
from rights.store.fingerprints import StoredPrints, find_candidates, get_prints, save_prints
from rights.urls import registrable_domain


def _json(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, sort_keys=True, default=str)


class Checks(Connection):
    """Signals, verdicts and findings. Callers group a command's rows in one `transaction()`."""

    def save_signals(self, run_id: int, url: str, record: Mapping[str, Any]) -> None:
        """One page's signals (`record` is the JSON of `rights inspect`)."""
        rep = record.get("republication") or {}
        lic = record.get("license") or {}
        notice = record.get("copyright") or {}
        terms = record.get("reuse_terms") or {}
        with self.transaction() as conn:
            conn.execute(
                "INSERT INTO signals (run_id, url, checked_at, title, site_name, is_republication, origin_name,"
                " origin_url, license, copyright_holder, terms, data) VALUES (?,?,?,?,?,?,?,?,?,?,?,?)",
                (run_id, url, self.now(), record.get("title"), record.get("site_name"),
                 int(bool(rep.get("is_republication"))), rep.get("origin_name"), rep.get("origin_url"),
                 lic.get("id"), notice.get("holder"), terms.get("stance"), _json(record)),
            )  # fmt: skip

    def save_verdict(self, run_id: int, url: str, record: Mapping[str, Any]) -> None:
        """One verdict (`record` is the JSON of `rights check`)."""
        policy = record.get("governing_policy") or {}
        origin = record.get("origin") or {}
        with self.transaction() as conn:
            conn.execute(
                "INSERT INTO verdicts (run_id, url, use, verdict, policy, origin_name, origin_url, checked_at, data)"
                " VALUES (?,?,?,?,?,?,?,?,?)",
                (run_id, url, record["use"], record["verdict"], policy.get("id"), origin.get("name"),
                 origin.get("url"), self.now(), _json(record)),
            )  # fmt: skip

    def save_findings(self, run_id: int, findings: Sequence[Mapping[str, Any]]) -> None:
        """Findings of a verify or audit run; each needs key, url, kind and status."""
        rows = [
            (run_id, f["key"], f["url"], f.get("source_url"), f["kind"], f["status"], f.get("site"), f.get("text"),
             self.now(), _json(f))
            for f in findings
        ]  # fmt: skip
        with self.transaction() as conn:
            conn.executemany(
                "INSERT INTO findings (run_id, key, url, source_url, kind, status, site, text, found_at, data)"
                " VALUES (?,?,?,?,?,?,?,?,?,?)",
                rows,
            )

    def history(self, url: str, *, limit: int = 50) -> list[dict[str, Any]]:
        """Past verdicts for a URL, newest first."""
        return self.query(
            "SELECT v.id, v.run_id, v.checked_at, v.use, v.verdict, v.policy, v.origin_name, v.origin_url,"
            " r.kind AS run_kind FROM verdicts v JOIN runs r ON r.id = v.run_id WHERE v.url = ?"
            " ORDER BY v.id DESC LIMIT ?",
            (url, limit),
        )

    def findings_of_run(self, run_id: int) -> list[dict[str, Any]]:
        rows = self.query("SELECT data FROM findings WHERE run_id = ? ORDER BY id", (run_id,))
        return [json.loads(row["data"]) for row in rows]

    # ------------------------------------------------------------------------------------ fingerprints

    def save_page_prints(self, pages: Sequence[StoredPrints]) -> int:
        with self.transaction():
            return save_prints(self.db, pages)

    def page_prints(self, url: str) -> StoredPrints | None:
        return get_prints(self.db, url)

    def copy_candidates(self, prints: Prints, *, exclude_site: str = "", limit: int = 20) -> list[Candidate]:
        """Stored pages the printed text shares passages with, outside `exclude_site`."""
        found = find_candidates(self.db, prints, limit=limit + 10)
        return [c for c in found if not exclude_site or c.site != exclude_site][:limit]

    def stored_pages(self, site: str | None = None) -> list[dict[str, Any]]:
        """Stored HTML pages (url, final_url, fetched_at, title), optionally of one registrable domain."""
        rows = self.query(
            "SELECT url, final_url, fetched_at, title FROM pages WHERE fetch_status = 'ok' ORDER BY url"
        )
        return [r for r in rows if site is None or registrable_domain(r["url"]) == site]

    def unprinted_pages(self) -> list[str]:
        """Stored HTML pages that have no fingerprints yet (or only under an older scheme)."""
        rows = self.query(
            "SELECT p.url FROM pages p LEFT JOIN fingerprint_pages f ON f.url = p.url AND f.scheme = ?"
            " WHERE p.fetch_status = 'ok' AND f.url IS NULL ORDER BY p.url",
            (FINGERPRINT_VERSION,),
        )
        return [row["url"] for row in rows]
