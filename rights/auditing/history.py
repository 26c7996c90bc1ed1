"""Building an audit report from the database: one run's findings against the previous run's.

`new` = found now, not before; `open` = found in both runs; `fixed` = found before, not now. `first_seen` is
the first run that found the finding, `last_seen` the latest (for a fixed one: the last run that still found it).
"""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import PurePath
from typing import Any

from rights.auditing.ai_watch import changes_during
from rights.auditing.models import AuditReport, ReportFinding
from rights.errors import UsageError
from rights.matching.models import Passage
from rights.models import Evidence, Zone
from rights.store import Store
from rights.store.models import RunRecord


def _passage(data: dict[str, Any]) -> Passage:
    fields = Passage.__dataclass_fields__
    return Passage(**{k: v for k, v in data.items() if k in fields})


def _evidence(data: dict[str, Any]) -> Evidence:
    return Evidence(
        data.get("text", ""),
        Zone(data.get("zone", "other")),
        data.get("path", ""),
        data.get("source", "text"),
        data.get("rule", ""),
        bool(data.get("in_article")),
    )


REPORTED_KINDS = ("audit", "scan")  # runs whose findings `rights report` shows


def audit_runs(store: Store, site: str | None = None, kinds: tuple[str, ...] = ("audit",)) -> list[RunRecord]:
    """Finished runs of `kinds` (audits by default), oldest first, optionally of one site (the `site`
    argument the run was given)."""
    runs = [r for r in reversed(store.list_runs(limit=100_000)) if r.kind in kinds and r.status == "done"]
    return [r for r in runs if site is None or r.args.get("site") == site]


def pick_runs(
    store: Store, *, run_id: int | None = None, since: str | None = None
) -> tuple[RunRecord, RunRecord | None]:
    """The run to report (an audit or a scan) and the run it is compared with (the previous run of the same
    kind and site)."""
    runs = audit_runs(store, kinds=REPORTED_KINDS)
    if not runs:
        raise UsageError("no finished audit run in this database; run `rights audit SITE_URL` first")
    if run_id is not None:
        current = next((r for r in runs if r.id == run_id), None)
        if current is None:
            raise UsageError(f"run {run_id} is not a finished audit run; see the runs table")
    else:
        current = runs[-1]
    same_site = [
        r
        for r in runs
        if r.kind == current.kind and r.args.get("site") == current.args.get("site") and r.id < current.id
    ]
    if since in (None, "last"):
        return current, same_site[-1] if same_site else None
    try:
        moment = (
            datetime.fromisoformat(str(since)).replace(tzinfo=UTC)
            if "T" not in str(since)
            else (datetime.fromisoformat(str(since)))
        )
    except ValueError as exc:
        raise UsageError(f"--since takes 'last' or a date (YYYY-MM-DD), not {since!r}") from exc
    before = [r for r in same_site if datetime.fromisoformat(r.started_at) < moment]
    return current, before[-1] if before else None


def capture_line(capture: Any) -> str | None:
    """A finding's capture address, as a person re-reads it: file @ offset, record id, capture date. A scan's
    is the record it read; an audit's the record its crawl wrote with --warc for the post's stored copy."""
    if not isinstance(capture, dict) or not capture.get("archive"):
        return None
    name = PurePath(str(capture["archive"])).name
    parts = [f"{name} @ {capture.get('offset')}", str(capture.get("record_id") or "")]
    if capture.get("captured_at"):
        parts.append(f"captured {capture['captured_at']}")
    return ", ".join(part for part in parts if part)


def build_report(
    store: Store, *, run_id: int | None = None, since: str | None = None, now: datetime | None = None
) -> AuditReport:
    current, previous = pick_runs(store, run_id=run_id, since=since)
    found_now = {f["key"]: f for f in store.findings_of_run(current.id)}
    found_before = {f["key"]: f for f in store.findings_of_run(previous.id)} if previous else {}
    seen = {
        row["key"]: row
        for row in store.query(
            "SELECT key, min(found_at) AS first, max(found_at) AS last FROM findings GROUP BY key"
        )
    }
    findings = []
    for key, data in [*found_now.items(), *((k, v) for k, v in found_before.items() if k not in found_now)]:
        state = "fixed" if key not in found_now else "open" if key in found_before else "new"
        findings.append(ReportFinding(
            key=key, kind=data["kind"], state=state, site=data.get("site") or "",
            post_url=data.get("url") or "", post_title=data.get("post_title"),
            source_url=data.get("source_url"), source_title=data.get("source_title"), text=data.get("text", ""),
            passages=tuple(_passage(p) for p in data.get("passages") or ()),
            evidence=tuple(_evidence(e) for e in data.get("evidence") or ()),
            first_seen=seen.get(key, {}).get("first"), last_seen=seen.get(key, {}).get("last"),
            capture=capture_line(data.get("capture")),
        ))  # fmt: skip
    scan = current.kind == "scan"  # a scan's `site` names its originals, not a site it read
    site_arg = str(current.args.get("site") or "")
    sites = tuple(sorted({f.site for f in findings} | ({site_arg} if not scan else set()) - {""}))
    moment = (now or datetime.now(UTC)).isoformat(timespec="seconds")
    pages = int(current.counts.get("posts", current.counts.get("read", 0))) if current.counts else 0
    changes = changes_during(store, current.started_at, current.finished_at) if previous is not None else []
    return AuditReport(
        current.id, previous.id if previous else None, moment, sites, pages, tuple(findings), tuple(changes),
        kind=current.kind, originals=(site_arg or None) if scan else None,
    )  # fmt: skip
