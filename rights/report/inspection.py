"""`rights inspect` for people (a table with the evidence) and programs (a JSON-ready dict). Pure."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from rights.models import Evidence, plain
from rights.page.models import Page
from rights.signals.ai_models import AiUsage
from rights.signals.ai_usage import USE_NAMES
from rights.signals.license_names import license_name
from rights.signals.models import Signals

if TYPE_CHECKING:
    from rights.api import Inspection


# How each kind of republication signal and each scope reads in a sentence.
_KIND_WORDS = {
    "republished": "republished from",
    "wire": "a wire story from",
    "press_release": "a press release from",
    "canonical_only": "its canonical address points to",
    "syndication_meta": "its syndication metadata names",
}
_SCOPE_WORDS = {
    "article": " (for the article)",
    "site": " (for the whole site)",
    "images": " (for the pictures)",
    "other": " (for another work on the page)",
}


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
    out["ai_usage"] = ai_usage_dict(result.ai_usage) if result.ai_usage is not None else None
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
    lines = [f"Page:          {page.title or 'a page without a title'}"]
    if page.url:
        lines.append(f"URL:           {page.url}")
    lines.append(f"Site:          {page.site_name or '-'}")
    lines.append(f"Authors:       {', '.join(page.authors) or '-'}")
    lines.append(f"Published:     {page.published or '-'}")
    lines.append(f"Canonical:     {page.canonical or '-'}")
    rep = sig.republication
    if rep.is_republication:
        origin = rep.origin_name or rep.origin_url or "a source it does not name"
        if rep.origin_name and rep.origin_url:
            origin += f" <{rep.origin_url}>"
        kind = rep.kind or "republished"
        lines.append(f"Republication: yes, {_KIND_WORDS.get(kind, kind.replace('_', ' '))} {origin}")
        lines += _ev(rep.evidence)
    else:
        lines.append("Republication: no sign that this text comes from elsewhere")
    if sig.license:
        lic = sig.license
        jur = f" ({lic.jurisdiction} port)" if lic.jurisdiction else ""
        lines.append(
            f"Licence:       {license_name(lic.id)}{jur}{_SCOPE_WORDS.get(lic.scope, '')}"
            + (f" <{lic.url}>" if lic.url else "")
        )
        lines += _ev(lic.evidence)
    else:
        lines.append("Licence:       none found for the page")
    for lic in sig.licenses:
        if lic is not sig.license:
            lines.append(f"  also:        {license_name(lic.id)}{_SCOPE_WORDS.get(lic.scope, '')}")
    if sig.copyright:
        cr = sig.copyright
        lines.append(
            f"Copyright:     {cr.holder or 'a notice that names no holder'}{', ' + cr.year if cr.year else ''}"
            f"{_SCOPE_WORDS.get(cr.scope, '')}"
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
        lines.append(f"Ignored:       {item.kind.replace('_', ' ')}: {item.reason}")
        lines.append(f'    "{item.evidence.text[:140]}"')
    if result.ai_usage is not None:
        lines += ai_usage_lines(result.ai_usage)
    for warning in page.warnings:
        lines.append(f"Warning:       {warning}")
    return "\n".join(lines)


def ai_usage_dict(usage: AiUsage) -> dict[str, Any]:
    return {
        "preferences": dict(usage.preferences),
        "signals": plain(usage.signals),
        "conflicts": list(usage.conflicts),
        "unreadable": plain(usage.unreadable),
        "not_read": list(usage.not_read),
    }


def ai_usage_lines(usage: AiUsage) -> list[str]:
    """Per use, the preference and every signal behind it; conflicts, unreadable and unread sources."""
    lines = ["AI usage:"]
    for use, preference in usage.preferences:
        lines.append(f"  {USE_NAMES.get(use, use)}: {preference}")
        for signal in usage.signals:
            if signal.use == use:
                verb = "allows" if signal.preference == "allowed" else "reserves"
                lines.append(f"      {signal.where}: {signal.detail} ({verb})")
    for conflict in usage.conflicts:
        lines.append(f"  Conflict: {conflict}")
    for item in usage.unreadable:
        lines.append(f"  Unreadable: {item.where}: {item.reason}")
    for what in usage.not_read:
        lines.append(f"  Not read: {what}")
    return lines
