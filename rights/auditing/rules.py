"""Judging one post against one source it copies from. Pure: pages, signals, terms and alignment in, findings out.

Finding kinds:
- `copied_without_attribution`: a substantial passage from a source the post neither names nor links.
- `attribution_without_link`: the post names the source but does not link to it.
- `attribution_to_wrong_source`: the post credits X, but the text comes from Y.
- `excessive_quotation`: quotations take a larger share of the source than the limit allows.
- `licence_breach`: ND text modified, NC text on a page with commercial signals, SA text not shared alike, or a
  text whose terms give no permission to republish at all.
- `missing_required_credit`: a credit the source's terms require is missing (author, copyright line, licence,
  link to the article itself).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from rights.matching.models import Edit, Match
from rights.models import Zone
from rights.page.models import Page
from rights.policy.compliance import verify_copy
from rights.policy.models import Finding, Verdict
from rights.signals.common import fold
from rights.signals.models import Signals
from rights.urls import normalize, registrable_domain

SUBSTANTIAL = ("copy", "partial")
DEFAULT_MAX_QUOTE_SHARE = 0.25  # of the source's words, quoted; a guideline, not law (no safe number exists)
_CREDIT_KINDS = (
    "credit_author",
    "credit_publisher",
    "keep_copyright_notice",
    "name_license",
    "include_title",
    "canonical",  # the terms ask the copy to point search engines to the original (or not to be indexed)
)


@dataclass(frozen=True, slots=True)
class Source:
    """A page a post may copy from, read and judged: its signals and the verdict its terms give for the use."""

    page: Page
    signals: Signals
    verdict: Verdict


def _names(source: Source) -> list[str]:
    page = source.page
    names = [page.site_name, source.verdict.origin_name, registrable_domain(page.url or "")]
    return [n for n in dict.fromkeys(names) if n and len(n) >= 3]


def _credited(post: Page, post_signals: Signals, source: Source) -> bool:
    """Whether the post names the source (its site, or an attribution pointing there)."""
    domain = registrable_domain(source.page.url or "")
    for attribution in post_signals.attributions:
        if attribution.kind == "canonical_only":  # told to search engines only: `_search_engine_note`
            continue
        if attribution.origin_url and registrable_domain(attribution.origin_url) == domain:
            return True
        if attribution.origin_name and any(fold(attribution.origin_name) == fold(n) for n in _names(source)):
            return True
    text = fold(" ".join(b.text for b in post.blocks if b.in_article or b.zone in (Zone.BYLINE, Zone.MAIN)))
    return any(fold(name) in text for name in _names(source))


def _links_to(post: Page, source: Source) -> bool:
    domain = registrable_domain(source.page.url or "")
    return any(link.tag == "a" and registrable_domain(link.url) == domain for link in post.links)


def _search_engine_note(post: Page, source: Source) -> str:
    """What the copy tells search engines, when it defers to the source: its canonical link points there, or
    it asks not to be indexed. Neither is a credit readers see, so neither changes a finding; both say the
    copy may be an arranged syndication."""
    notes = []
    if post.canonical and source.page.url and normalize(post.canonical) == normalize(source.page.url):
        notes.append("its canonical link points to the source")
    if any("noindex" in value.lower() for value in post.meta.get("robots", ())):
        notes.append("it asks search engines not to index it")
    return f"; {' and '.join(notes)} (search engines see this, readers do not)" if notes else ""


def _wrong_credit(post_signals: Signals, source: Source) -> str | None:
    """The origin the post claims, when it is not the source the text comes from."""
    rep = post_signals.republication
    if not rep.is_republication:
        return None
    domain = registrable_domain(source.page.url or "")
    if rep.origin_url and registrable_domain(rep.origin_url) == domain:
        return None
    if rep.origin_name and any(fold(rep.origin_name) == fold(n) for n in _names(source)):
        return None
    return rep.origin_name or rep.origin_url


def _commercial_signals(post: Page) -> list[str]:
    hosts = (
        "doubleclick.net",
        "googlesyndication.com",
        "adnxs.com",
        "taboola.com",
        "outbrain.com",
        "amazon-adsystem.com",
        "criteo.com",
    )
    found = [ln.url for ln in post.links if any(h in ln.url for h in hosts)]
    found += [img.src for img in post.images if any(h in img.src for h in hosts)]
    return found


def _finding(kind: str, text: str, post: Page, source: Source, match: Match, **extra: object) -> Finding:
    url = normalize(post.url) if post.url else ""
    source_url = normalize(source.page.url) if source.page.url else None
    passages = tuple(p for p in match.passages if not p.boilerplate)
    return Finding(
        kind, "open", text, url=url, source_url=source_url, passages=passages,
        copied_share=round(match.copied_share_of_original, 4), **extra,  # type: ignore[arg-type]
    )  # fmt: skip


def _licence_findings(
    post: Page, post_signals: Signals, source: Source, match: Match, edits: Sequence[Edit]
) -> list[Finding]:
    kinds = {c.kind for c in source.verdict.conditions}
    name = source.verdict.governing_policy.name if source.verdict.governing_policy else "its terms"
    if source.verdict.verdict in ("permission_required", "not_allowed"):
        return [
            _finding(
                "licence_breach",
                f"copies a text whose terms ({name}) give no permission to republish it",
                post,
                source,
                match,
            )
        ]
    out = []
    if "no_derivatives" in kinds and edits:
        out.append(
            _finding(
                "licence_breach",
                f"modifies a no-derivatives text ({name}): {len(edits)} edit(s)",
                post,
                source,
                match,
                edits=tuple(edits[:50]),
            )
        )
    if "noncommercial" in kinds:
        ads = _commercial_signals(post)
        if ads:
            out.append(
                _finding(
                    "licence_breach",
                    f"reuses a non-commercial text ({name}) on a page with advertising ({ads[0]})",
                    post,
                    source,
                    match,
                )
            )
    theirs = source.signals.license.id if source.signals.license else None
    mine = post_signals.license.id if post_signals.license else None
    if "share_alike" in kinds and edits and theirs and mine != theirs:
        out.append(
            _finding(
                "licence_breach",
                f"adapts a share-alike text ({theirs}) but is not shared under the "
                f"same licence (the post shows {mine or 'none'})",
                post,
                source,
                match,
            )
        )
    return out


def judge(
    post: Page,
    post_signals: Signals,
    source: Source,
    match: Match,
    edits: Sequence[Edit],
    *,
    max_quote_share: float = DEFAULT_MAX_QUOTE_SHARE,
) -> list[Finding]:
    """Every finding of one post against one source."""
    if match.verdict == "quote":
        if match.quoted_share_of_original > max_quote_share:
            return [
                _finding(
                    "excessive_quotation",
                    f"quotes {match.quoted_share_of_original:.0%} of the source "
                    f"(limit {max_quote_share:.0%}); quotation must stay within what the purpose needs",
                    post,
                    source,
                    match,
                )
            ]
        return []
    if match.verdict not in SUBSTANTIAL:
        return []
    share = f"{match.copied_share_of_original:.0%} of the source ({match.longest_passage_words}-word passage)"
    note = _search_engine_note(post, source)
    credited, linked = _credited(post, post_signals, source), _links_to(post, source)
    wrong = _wrong_credit(post_signals, source)
    if not credited and not linked:
        if wrong:
            return [
                _finding(
                    "attribution_to_wrong_source",
                    f"credits {wrong}, but the text ({share}) comes from "
                    f"{source.page.site_name or source.page.url}{note}",
                    post,
                    source,
                    match,
                )
            ]
        return [
            _finding(
                "copied_without_attribution",
                f"copies {share} without naming or linking the source{note}",
                post,
                source,
                match,
            )
        ]
    findings: list[Finding] = []
    if not linked:
        findings.append(
            _finding(
                "attribution_without_link",
                f"names the source but does not link to it; copies {share}{note}",
                post,
                source,
                match,
            )
        )
    findings.extend(_licence_findings(post, post_signals, source, match, edits))
    missing = _missing_credits(post, source, match, edits, skip_link=not linked)
    if missing:
        findings.append(
            _finding(
                "missing_required_credit",
                "the source's terms require: " + "; ".join(missing),
                post,
                source,
                match,
            )
        )
    return findings


def _missing_credits(
    post: Page, source: Source, match: Match, edits: Sequence[Edit], *, skip_link: bool
) -> list[str]:
    results = verify_copy(post, source.page, source.signals, source.verdict, match, edits)
    missing = []
    for result in results:
        if result.status != "fail":
            continue
        if result.kind in _CREDIT_KINDS or (result.kind == "link_original" and not skip_link):
            missing.append(result.condition or result.text)
    return missing
