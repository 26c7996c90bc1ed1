"""`rights report --ai [SITE]`: sites' search / AI-input / AI-training preferences, the signals behind each,
and what changed since an earlier reading. Pure: an `AiReport` in, text out.

Formats: `table` (for a terminal), `markdown`, `json` (every field), `csv` (one row per site and use, then one
per change, with a `kind` column; cells a spreadsheet would run as formulas neutralised).
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable
from typing import Any

from rights.auditing.ai_watch import AiReport, SitePreferences
from rights.errors import UsageError
from rights.models import plain
from rights.report.audit_data import csv_cell
from rights.report.audit_text import md
from rights.signals.ai_usage import USE_NAMES

CSV_COLUMNS = ("kind", "origin", "use", "preference", "signals", "old", "new", "read_at", "not_read")


def _signals(site: SitePreferences, use: str) -> list[str]:
    """Each signal about `use` as "where: detail (allows|reserves)"."""
    lines = []
    for s in site.signals:
        if s.get("use") == use:
            verb = "allows" if s.get("preference") == "allowed" else "reserves"
            scope = ", images only" if s.get("scope") == "images" else ""
            lines.append(f"{s.get('where')}: {s.get('detail')} ({verb}{scope})")
    return list(dict.fromkeys(lines))


def _pages_line(site: SitePreferences) -> str:
    """What the site's stored pages say for themselves (headers and tags)."""
    said = [f"{use} {pref} on {n} (e.g. {example})" for use, pref, n, example in site.page_preferences]
    return f"Pages read: {site.pages_read}; their own headers and tags: {'; '.join(said) or 'nothing stated'}"


def _status(site: SitePreferences) -> str:
    return "" if site.complete else " (the site's files were not read: nothing is known)"


def render_table(report: AiReport) -> str:
    lines: list[str] = []
    for site in report.sites:
        lines.append(f"{site.origin}  read {site.read_at} (run {site.run_id}){_status(site)}")
        for use, preference in site.preferences:
            lines.append(f"  {USE_NAMES.get(use, use)}: {preference}")
            lines += [f"      {line}" for line in _signals(site, use)]
        lines += [f"  Conflict: {c}" for c in site.conflicts]
        lines += [f"  Unreadable: {u.get('where')}: {u.get('reason')}" for u in site.unreadable]
        lines += [f"  Not read: {what}" for what in site.not_read]
        lines.append(f"  {_pages_line(site)}")
        lines.append("")
    if not report.sites:
        lines.append("No AI-usage reading in this database; `rights crawl` or `rights audit` a site first.")
    lines.append(_changes_heading(report) + ("" if report.changes else " none"))
    lines += [f"  {change.line()}" for change in report.changes]
    return "\n".join(lines)


def _changes_heading(report: AiReport) -> str:
    against = "the previous reading" if report.since == "last" else f"the last reading before {report.since}"
    return f"Changes since {against}:"


def render_markdown(report: AiReport) -> str:
    lines = ["# AI-usage preferences", ""]
    for site in report.sites:
        lines += [
            f"## {md(site.origin)}",
            "",
            f"Read {md(site.read_at)} (run {site.run_id}){md(_status(site))}",
            "",
        ]
        lines += ["| use | preference | signals |", "|---|---|---|"]
        for use, preference in site.preferences:
            said = "<br>".join(md(line) for line in _signals(site, use))
            lines.append(f"| {md(USE_NAMES.get(use, use))} | {preference} | {said} |")
        lines.append("")
        lines += [f"- Conflict: {md(c)}" for c in site.conflicts]
        lines += [f"- Not read: {md(what)}" for what in site.not_read]
        lines += [f"- {md(_pages_line(site))}", ""]
    lines += [f"## {md(_changes_heading(report).rstrip(':'))}", ""]
    lines += [f"- {md(change.line())}" for change in report.changes] or ["None."]
    return "\n".join(lines) + "\n"


def report_data(report: AiReport) -> dict[str, Any]:
    return {
        "sites": [{**plain(site), "preferences": dict(site.preferences)} for site in report.sites],
        "changes": plain(report.changes),
        "since": report.since,
    }


def render_json(report: AiReport) -> str:
    return json.dumps(report_data(report), ensure_ascii=False, indent=2, sort_keys=True)


def render_csv(report: AiReport) -> str:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(CSV_COLUMNS)
    for site in report.sites:
        for use, preference in site.preferences:
            row = ("preference", site.origin, use, preference, "; ".join(_signals(site, use)), "", "",
                   site.read_at, "; ".join(site.not_read))  # fmt: skip
            writer.writerow([csv_cell(str(cell)) for cell in row])
    for change in report.changes:
        row = ("change", change.origin, change.use, change.new, change.because, change.old, change.new,
               change.changed_at, "")  # fmt: skip
        writer.writerow([csv_cell(str(cell)) for cell in row])
    return out.getvalue()


RENDERERS: dict[str, Callable[[AiReport], str]] = {
    "table": render_table,
    "markdown": render_markdown,
    "json": render_json,
    "csv": render_csv,
}
FORMATS = tuple(RENDERERS)


def render(report: AiReport, fmt: str) -> str:
    try:
        return RENDERERS[fmt](report)
    except KeyError:
        raise UsageError(f"unknown format {fmt!r} for --ai: use one of {', '.join(FORMATS)}") from None
