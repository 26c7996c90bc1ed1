"""`rights check` for people (a table or Markdown: verdict, reasons, conditions, credit line) and programs. Pure."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from rights.models import plain
from rights.report.inspection import signals_dict

if TYPE_CHECKING:
    from rights.api import Check


def policy_ref(policy: Any) -> dict[str, Any] | None:
    """The short JSON form of a policy: id, name, source, status, date checked, kind."""
    if policy is None:
        return None
    return {
        "id": policy.id,
        "name": policy.name,
        "source": policy.source,
        "status": policy.status,
        "checked": policy.checked,
        "kind": policy.kind,
    }


def verdict_dict(check: Check) -> dict[str, Any]:
    """The JSON shape of `rights check`."""
    verdict = check.verdict
    evidence = [plain(e) for step in verdict.steps for e in step.evidence]
    return {
        "target": check.inspection.target,
        "url": check.inspection.page.url,
        "title": check.inspection.page.title,
        "verdict": verdict.verdict,
        "use": verdict.use,
        "governing_policy": policy_ref(verdict.governing_policy),
        "governing_reason": verdict.governing_reason,
        "origin": {
            "name": verdict.origin_name,
            "url": verdict.origin_url,
            "rights_holder": verdict.rights_holder,
            "chain": [plain(hop) for hop in verdict.chain],
        },
        "conditions": [plain(c) for c in verdict.conditions],
        "attribution_line": plain(verdict.attribution_line),
        "steps": [plain(step) for step in verdict.steps],
        "evidence": evidence,
        "warnings": list(verdict.warnings),
        "republisher": {
            "policy": policy_ref(verdict.republisher_policy),
            "conditions": [plain(c) for c in verdict.republisher_conditions],
        }
        if verdict.republisher_policy is not None
        else None,
        "signals": signals_dict(check.inspection.signals),
    }


_HEADLINE = {
    "allowed": "ALLOWED",
    "allowed_with_conditions": "ALLOWED, WITH CONDITIONS",
    "permission_required": "PERMISSION REQUIRED",
    "not_allowed": "NOT ALLOWED",
    "unknown": "UNKNOWN (could not evaluate)",
}


def as_sentence(text: str) -> str:
    """A condition printed as a sentence: capital first letter, a closing stop."""
    text = text.strip()
    if not text:
        return text
    text = text[0].upper() + text[1:]
    last = text.rsplit(maxsplit=1)[-1]
    if text.endswith((".", "!", "?")) or "://" in last or "@" in last:  # no stop glued to an address
        return text
    return text + "."


def verdict_lines(check: Check, *, markdown: bool = False) -> list[str]:
    verdict = check.verdict
    page = check.inspection.page
    bullet = "- " if markdown else "  - "
    head = "## " if markdown else ""
    lines = [
        f"{head}{_HEADLINE[verdict.verdict]}: {verdict.use} use of {page.title or page.url or 'this page'}"
    ]
    policy = verdict.governing_policy
    if policy is not None:
        lines.append(f"Governing terms: {policy.name} [{policy.status}] ({verdict.governing_reason})")
        if policy.source:
            lines.append(
                f"  source: {policy.source}" + (f", checked {policy.checked}" if policy.checked else "")
            )
    else:
        lines.append(f"Governing terms: {verdict.governing_reason}")
    if verdict.rights_holder:
        where = f"; published by {verdict.origin_name}" if verdict.origin_name else ""
        address = f" <{verdict.origin_url}>" if verdict.origin_url else ""
        lines.append(
            f"Rights holder: {verdict.rights_holder}, per the page's copyright notice{where}{address}"
        )
    elif verdict.origin_name or verdict.origin_url:
        lines.append(
            f"Rights holder: {verdict.origin_name or verdict.origin_url}"
            + (f" <{verdict.origin_url}>" if verdict.origin_name and verdict.origin_url else "")
        )
    lines.append(f"{head}Why" if markdown else "Why:")
    for step in verdict.steps:
        lines.append(f"{bullet}{step.text}")
        for ev in step.evidence[:1]:
            lines.append(f'{"  " if markdown else "      "}evidence [{ev.zone.value}]: "{ev.text}"')
    if verdict.conditions:
        lines.append(f"{head}Conditions" if markdown else "Conditions:")
        for cond in verdict.conditions:
            status = f" [{cond.status}]" if cond.status and cond.status != "verified" else ""
            lines.append(f"{bullet}{as_sentence(cond.text)}{status}")
    if verdict.republisher_policy is not None and verdict.republisher_conditions:
        name = verdict.republisher_policy.name.split(" (")[0]
        lines.append(
            f"{head}{name}'s own conditions (for what it owns)"
            if markdown
            else f"{name}'s own conditions (for what it owns):"
        )
        for cond in verdict.republisher_conditions:
            lines.append(f"{bullet}{as_sentence(cond.text)}")
    if verdict.attribution_line is not None:
        lines.append(f"{head}Attribution line" if markdown else "Attribution line:")
        lines.append(f"  {verdict.attribution_line.text}")
    for warning in verdict.warnings:
        lines.append(f"Warning: {warning}")
    return lines


def verdict_table(check: Check) -> str:
    return "\n".join(verdict_lines(check))


def verdict_markdown(check: Check) -> str:
    return "\n\n".join(verdict_lines(check, markdown=True))
