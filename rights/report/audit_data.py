"""The audit report for programs: JSON (complete) and CSV (one row per finding, safe to open in a spreadsheet).

JSON keeps every field of every finding (passages with their offsets, evidence with its zone), plus the
counts, with keys sorted and findings in report order, so two renderings of one report are byte-identical
and two runs diff cleanly. Its shape is versioned by `JSON_VERSION`.
"""

from __future__ import annotations

import csv
import io
import json
from dataclasses import fields
from typing import Any

from rights.auditing.models import AuditReport, ReportFinding
from rights.matching.models import Passage
from rights.models import Evidence
from rights.report.audit_common import sorted_findings, summarize, words_copied

JSON_FORMAT = "rights.audit-report"
JSON_VERSION = 1
CSV_COLUMNS = (
    "site",
    "post_url",
    "post_title",
    "kind",
    "state",
    "source_url",
    "text",
    "words_copied",
    "first_seen",
    "last_seen",
)
# A cell starting with one of these is a formula in Excel, LibreOffice or Google Sheets (OWASP: CSV
# injection). Tab and carriage return are on the list because some importers strip them first.
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


# --------------------------------------------------------------------------------------------------- json


def passage_dict(passage: Passage) -> dict[str, Any]:
    """Every field of a passage, under its model name: `copy_*` is the post, `original_*` the source."""
    return {field.name: getattr(passage, field.name) for field in fields(Passage)}


def evidence_dict(evidence: Evidence) -> dict[str, Any]:
    out = {field.name: getattr(evidence, field.name) for field in fields(Evidence)}
    out["zone"] = evidence.zone.value
    return out


def finding_dict(finding: ReportFinding) -> dict[str, Any]:
    """Every field of a finding, plus `words_copied` (see `words_copied`)."""
    return {
        "key": finding.key,
        "kind": finding.kind,
        "state": finding.state,
        "site": finding.site,
        "post_url": finding.post_url,
        "post_title": finding.post_title,
        "source_url": finding.source_url,
        "source_title": finding.source_title,
        "text": finding.text,
        "words_copied": words_copied(finding),
        "passages": [passage_dict(p) for p in finding.passages],
        "evidence": [evidence_dict(e) for e in finding.evidence],
        "first_seen": finding.first_seen,
        "last_seen": finding.last_seen,
        "capture": finding.capture,
    }


def report_dict(report: AuditReport) -> dict[str, Any]:
    """The JSON shape of an audit report (findings flat, in report order; counts under `summary`)."""
    summary = summarize(report)
    return {
        "format": JSON_FORMAT,
        "version": JSON_VERSION,
        "run_id": report.run_id,
        "kind": report.kind,
        "originals": report.originals,
        "previous_run_id": report.previous_run_id,
        "generated_at": report.generated_at,
        "sites": sorted(report.sites),
        "pages_checked": report.pages_checked,
        "summary": {
            "total": summary.total,
            "by_state": summary.by_state,
            "by_kind": summary.by_kind,
            "by_site": summary.by_site,
        },
        "findings": [finding_dict(f) for f in sorted_findings(report)],
        "ai_changes": [
            {
                k: getattr(c, k)
                for k in ("origin", "use", "old", "new", "because", "previous_at", "changed_at")
            }
            for c in report.ai_changes
        ],
    }


def render_json(report: AuditReport) -> str:
    """`report_dict` as indented JSON with sorted keys (UTF-8 text, not \\u escapes), ending in a newline."""
    return json.dumps(report_dict(report), indent=2, sort_keys=True, ensure_ascii=False) + "\n"


# ---------------------------------------------------------------------------------------------------- csv


def csv_cell(value: object) -> str:
    """A value as a CSV cell: None is empty; text that a spreadsheet would run as a formula gets a `'`."""
    if value is None:
        return ""
    text = str(value)
    if isinstance(value, str) and text.startswith(FORMULA_PREFIXES):
        return "'" + text
    return text


def render_csv(report: AuditReport) -> str:
    """One row per finding (columns `CSV_COLUMNS`), with a header row; RFC 4180 quoting and CRLF lines."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(CSV_COLUMNS)
    for finding in sorted_findings(report):
        row = finding_dict(finding)
        writer.writerow([csv_cell(row[column]) for column in CSV_COLUMNS])
    return out.getvalue()
