"""Audit reports: an `AuditReport` (findings with their state against the previous run) -> text.

Pure: data in, strings out; no I/O and no clock (the report carries its `generated_at`). Formats:

- `table`: plain text for a terminal (passages shortened);
- `markdown`: a document with a counts table and each finding's passages as quotations;
- `html`: one self-contained page (inline CSS, no script, a strict Content-Security-Policy) with each
  passage of the post and of the source side by side, the shared words marked;
- `json`: every field, keys sorted, findings in report order;
- `csv`: one row per finding, cells that a spreadsheet would run as formulas neutralised.

Findings are grouped by site, then post, and ordered by site, post URL, kind, source URL in every format.
See docs/reports.md.
"""

from __future__ import annotations

from collections.abc import Callable

from rights.auditing.models import AuditReport
from rights.errors import UsageError
from rights.report.audit_data import render_csv, render_json, report_dict
from rights.report.audit_html import render_html
from rights.report.audit_text import render_markdown, render_table

RENDERERS: dict[str, Callable[[AuditReport], str]] = {
    "table": render_table,
    "markdown": render_markdown,
    "html": render_html,
    "json": render_json,
    "csv": render_csv,
}
FORMATS = tuple(RENDERERS)


def render(report: AuditReport, fmt: str) -> str:
    """The report in format `fmt` (one of `FORMATS`)."""
    try:
        renderer = RENDERERS[fmt]
    except KeyError:
        raise UsageError(f"unknown report format {fmt!r}: use one of {', '.join(FORMATS)}") from None
    return renderer(report)


__all__ = [
    "FORMATS",
    "RENDERERS",
    "render",
    "render_csv",
    "render_html",
    "render_json",
    "render_markdown",
    "render_table",
    "report_dict",
]
