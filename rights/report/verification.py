"""`rights verify` for people (one line per checked condition, with evidence and edits) and programs. Pure."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from rights.models import plain
from rights.report.check import policy_ref
from rights.signals.common import clip

if TYPE_CHECKING:
    from rights.api import Verification


def verification_dict(result: Verification) -> dict[str, Any]:
    verdict = result.verdict
    return {
        "copy": {"url": result.copy.page.url, "title": result.copy.page.title},
        "original": {
            "url": result.original.url,
            "title": result.original.page.title if result.original.page else None,
            "site_name": verdict.origin_name,
        },
        "use": verdict.use,
        "governing_policy": policy_ref(verdict.governing_policy),
        "verdict_for_use": verdict.verdict,
        "match": {k: v for k, v in plain(result.match).items() if k != "passages"},
        "compliant": not result.failed,
        "findings": [plain(f) for f in result.findings],
    }


_MARK = {"pass": "PASS", "fail": "FAIL", "warn": "WARN", "not_checkable": "n/a "}


def verification_table(result: Verification) -> str:
    verdict = result.verdict
    lines = [
        f"Copy:      {result.copy.page.title or '?'} <{result.copy.page.url or result.copy.target}>",
        f"Original:  {result.original.page.title if result.original.page else '?'} <{result.original.url}>",
        f"Terms:     {verdict.governing_policy.name if verdict.governing_policy else verdict.governing_reason}"
        f" for {verdict.use} use: {verdict.verdict}",
        f"Text:      {result.match.verdict} ({result.match.copied_share_of_original:.0%} of the original in the copy)",
        "Findings:",
    ]
    for finding in result.findings:
        lines.append(f"  {_MARK.get(finding.status, finding.status)}  {finding.kind}: {finding.text}")
        for ev in finding.evidence[:1]:
            lines.append(f'        evidence [{ev.zone.value}]: "{ev.text}"')
        for edit in finding.edits[:10]:
            before = clip(edit.original_text, 90) or "(nothing)"
            after = clip(edit.copy_text, 90) or "(nothing)"
            lines.append(f"        {edit.kind}: {before!r} -> {after!r}")
        if len(finding.edits) > 10:
            lines.append(f"        ... and {len(finding.edits) - 10} more edits (see --format json)")
    lines.append("Result:    " + ("FAILS the original's terms" if result.failed else "no failed condition"))
    return "\n".join(lines)
