"""Recorded conclusions: page signals, verdicts and findings, each row tied to its run."""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from typing import Any

from rights.store.db import Connection


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
