"""Rendering results for people (table) and programs (JSON). Pure: returns strings and dicts."""

from __future__ import annotations

from dataclasses import asdict, is_dataclass
from enum import Enum
from typing import Any

from rights.models import Evidence, Page, Signals
from rights.pipeline import Check, Inspection, Verification
from rights.signals.common import clip


def plain(value: Any) -> Any:
    """Dataclasses, enums and tuples -> JSON-ready values."""
    if is_dataclass(value) and not isinstance(value, type):
        return {k: plain(v) for k, v in asdict(value).items()}
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, dict):
        return {str(k): plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [plain(v) for v in value]
    return value


def page_dict(page: Page) -> dict[str, Any]:
    og = {k: v[0] if len(v) == 1 else list(v) for k, v in page.meta.items() if k.startswith("og:")}
    dc = {
        k: v[0] if len(v) == 1 else list(v) for k, v in page.meta.items() if k.startswith(("dc.", "dcterms."))
    }
    return {
        "url": page.url,
        "title": page.title,
        "authors": list(page.authors),
        "site_name": page.site_name,
        "published": page.published,
        "canonical": page.canonical,
        "canonicals": list(page.canonicals),
        "og_url": page.og_url,
        "lang": page.lang,
        "encoding": page.encoding,
        "encoding_source": page.encoding_source,
        "replacement_chars": page.replacement_chars,
        "og": og,
        "dublin_core": dc,
        "jsonld_items": len(page.jsonld),
        "jsonld_errors": page.jsonld_errors,
        "warnings": list(page.warnings),
    }


def signals_dict(signals: Signals) -> dict[str, Any]:
    return {
        "republication": plain(signals.republication),
        "license": plain(signals.license),
        "copyright": plain(signals.copyright),
        "reuse_terms": plain(signals.reuse_terms),
        "signals": {
            "attributions": plain(signals.attributions),
            "licenses": plain(signals.licenses),
            "copyrights": plain(signals.copyrights),
            "rejected": plain(signals.rejected),
        },
        "conflicts": list(signals.conflicts),
    }


def inspection_dict(result: Inspection) -> dict[str, Any]:
    page = page_dict(result.page)
    out: dict[str, Any] = {"target": result.target, "source": result.source}
    out.update({k: page[k] for k in ("url", "title", "authors", "site_name", "published", "canonical")})
    out.update(signals_dict(result.signals))
    out["page"] = page
    if result.fetched is not None:
        out["fetch"] = {
            "final_url": result.fetched.final_url,
            "status": result.fetched.status,
            "redirects": list(result.fetched.redirects),
            "fetched_at": result.fetched.fetched_at,
        }
    return out


def _ev(evidence: tuple[Evidence, ...], indent: str = "    ") -> list[str]:
    lines = []
    for item in evidence[:2]:
        where = item.zone.value + (" (article)" if item.in_article and item.zone.value != "main" else "")
        lines.append(f'{indent}evidence [{where}, {item.source}]: "{item.text}"')
    return lines


def inspection_table(result: Inspection) -> str:
    """A readable summary with the evidence for each conclusion."""
    page, sig = result.page, result.signals
    lines = [f"Page:          {page.title or '(no title)'}"]
    if page.url:
        lines.append(f"URL:           {page.url}")
    lines.append(f"Site:          {page.site_name or '-'}")
    lines.append(f"Authors:       {', '.join(page.authors) or '-'}")
    lines.append(f"Published:     {page.published or '-'}")
    lines.append(f"Canonical:     {page.canonical or '-'}")
    rep = sig.republication
    if rep.is_republication:
        origin = rep.origin_name or "?"
        if rep.origin_url:
            origin += f" <{rep.origin_url}>"
        lines.append(f"Republication: yes ({rep.kind}) from {origin}")
        lines += _ev(rep.evidence)
    else:
        lines.append("Republication: no sign that this text comes from elsewhere")
    if sig.license:
        lic = sig.license
        jur = f" ({lic.jurisdiction} port)" if lic.jurisdiction else ""
        lines.append(
            f"Licence:       {lic.id}{jur}, scope {lic.scope}" + (f" <{lic.url}>" if lic.url else "")
        )
        lines += _ev(lic.evidence)
    else:
        lines.append("Licence:       none found for the page")
    for lic in sig.licenses:
        if lic is not sig.license:
            lines.append(f"  also:        {lic.id} (scope {lic.scope})")
    if sig.copyright:
        cr = sig.copyright
        lines.append(
            f"Copyright:     {cr.holder or '?'}{', ' + cr.year if cr.year else ''} (scope {cr.scope})"
        )
        lines += _ev(cr.evidence)
    else:
        lines.append("Copyright:     no notice found")
    if sig.reuse_terms:
        terms = sig.reuse_terms
        conds = "; ".join(c.text for c in terms.conditions) or "none stated"
        lines.append(f"Reuse terms:   {terms.stance} (conditions: {conds})")
        if terms.contact:
            lines.append(f"  contact:     {terms.contact}")
        lines += _ev(terms.evidence)
    else:
        lines.append("Reuse terms:   none stated")
    for conflict in sig.conflicts:
        lines.append(f"Conflict:      {conflict}")
    for item in sig.rejected[:6]:
        lines.append(f"Ignored:       {item.kind}: {item.reason}")
        lines.append(f'    "{item.evidence.text[:140]}"')
    for warning in page.warnings:
        lines.append(f"Warning:       {warning}")
    return "\n".join(lines)


# ------------------------------------------------------------------------------------------------ verdicts


def _policy_ref(policy: Any) -> dict[str, Any] | None:
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
        "governing_policy": _policy_ref(verdict.governing_policy),
        "governing_reason": verdict.governing_reason,
        "origin": {
            "name": verdict.origin_name,
            "url": verdict.origin_url,
            "chain": [plain(hop) for hop in verdict.chain],
        },
        "conditions": [plain(c) for c in verdict.conditions],
        "attribution_line": plain(verdict.attribution_line),
        "steps": [plain(step) for step in verdict.steps],
        "evidence": evidence,
        "warnings": list(verdict.warnings),
        "republisher": {
            "policy": _policy_ref(verdict.republisher_policy),
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
    if verdict.origin_name or verdict.origin_url:
        lines.append(
            f"Rights holder: {verdict.origin_name or '?'}"
            + (f" <{verdict.origin_url}>" if verdict.origin_url else "")
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
            lines.append(f"{bullet}{cond.text}{status}")
    if verdict.republisher_policy is not None and verdict.republisher_conditions:
        name = verdict.republisher_policy.name.split(" (")[0]
        lines.append(
            f"{head}{name}'s own conditions (for what it owns)"
            if markdown
            else f"{name}'s own conditions (for what it owns):"
        )
        for cond in verdict.republisher_conditions:
            lines.append(f"{bullet}{cond.text}")
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


# ------------------------------------------------------------------------------------------------- verify


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
        "governing_policy": _policy_ref(verdict.governing_policy),
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
