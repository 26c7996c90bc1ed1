"""`rights check --from FILE`: one row per article, as CSV, JSON, Markdown or a terminal table. Pure.

A row holds the answer an editor files: the verdict, the governing terms (name and where they were read),
the rights holder, the conditions joined with "; ", the credit line, and for a page that could not be
checked, why (its verdict is then `unknown`).
"""

from __future__ import annotations

import csv
import io
import json
from collections import Counter
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from rights.report.audit_common import clean, shorten
from rights.report.audit_data import csv_cell
from rights.report.audit_text import md

if TYPE_CHECKING:
    from rights.api import BatchItem

COLUMNS = (
    "target", "url", "verdict", "terms", "terms_source", "holder", "holder_url", "conditions", "credit_line",
    "error",
)  # fmt: skip
VERDICT_ORDER = ("allowed", "allowed_with_conditions", "permission_required", "not_allowed", "unknown")


def batch_row(item: BatchItem) -> dict[str, str]:
    """The row of one target; every value is text (empty when there is none)."""
    row = dict.fromkeys(COLUMNS, "")
    row["target"] = item.target
    row["verdict"] = item.verdict
    if item.check is None:
        row["error"] = item.error or "could not be checked"
        return row
    verdict = item.check.verdict
    policy = verdict.governing_policy
    row["url"] = item.check.inspection.page.url or ""
    row["terms"] = policy.name if policy is not None else verdict.governing_reason
    row["terms_source"] = (policy.source or policy.url or "") if policy is not None else ""
    row["holder"] = verdict.origin_name or ""
    row["holder_url"] = verdict.origin_url or ""
    row["conditions"] = "; ".join(clean(c.text) for c in verdict.conditions)
    row["credit_line"] = clean(verdict.attribution_line.text) if verdict.attribution_line is not None else ""
    return row


def batch_rows(items: Sequence[BatchItem]) -> list[dict[str, str]]:
    """The rows in the order the targets were given."""
    return [batch_row(item) for item in sorted(items, key=lambda item: item.index)]


# How a verdict reads in a table or a tally (CSV and JSON keep the values programs compare).
_VERDICT_WORDS = {
    "allowed": "allowed",
    "allowed_with_conditions": "allowed with conditions",
    "permission_required": "permission required",
    "not_allowed": "not allowed",
    "unknown": "unknown",
}


def render_csv(rows: Sequence[dict[str, str]]) -> str:
    """A header row, then one row per target (RFC 4180 quoting; a cell a spreadsheet would run gets a `'`)."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(COLUMNS)
    for row in rows:
        writer.writerow([csv_cell(row[column]) for column in COLUMNS])
    return out.getvalue()


def render_json(rows: Sequence[dict[str, str]]) -> str:
    """A JSON list of objects, one per target, with the keys of `COLUMNS`."""
    return json.dumps(list(rows), indent=2, ensure_ascii=False) + "\n"


def render_markdown(rows: Sequence[dict[str, str]]) -> str:
    """A Markdown table, every cell escaped (pipes included), then the tally."""
    columns = [c for c in COLUMNS if c != "holder_url"]
    lines = ["| " + " | ".join(columns) + " |", "|" + "---|" * len(columns)]
    lines.extend(
        "| "
        + " | ".join(md(_VERDICT_WORDS.get(row[c], row[c]) if c == "verdict" else row[c]) for c in columns)
        + " |"
        for row in rows
    )
    return "\n".join([*lines, "", tally(rows)]) + "\n"


def render_table(rows: Sequence[dict[str, str]]) -> str:
    """For a terminal: a line per target (verdict, terms, holder, target), a failure's reason under it."""
    lines = [f"{'VERDICT':<24} {'TERMS':<32} {'HOLDER':<22} TARGET"]
    for row in rows:
        terms = shorten(row["terms"], 32)
        lines.append(
            f"{_VERDICT_WORDS.get(row['verdict'], row['verdict']):<24} {terms:<32} "
            f"{shorten(row['holder'], 22) or '-':<22} {row['target']}"
        )
        if row["error"]:
            lines.append(f"  {clean(row['error'])}")
    return "\n".join([*lines, "", tally(rows)]) + "\n"


def tally(rows: Sequence[dict[str, str]]) -> str:
    """`200 checked: 67 allowed, ..., 1 unknown`."""
    counts = Counter(row["verdict"] for row in rows)
    parts = [f"{counts[v]} {_VERDICT_WORDS.get(v, v)}" for v in VERDICT_ORDER if counts[v]]
    return f"{len(rows)} checked: " + ", ".join(parts)


FORMATS: dict[str, Any] = {
    "table": render_table,
    "csv": render_csv,
    "json": render_json,
    "markdown": render_markdown,
}
