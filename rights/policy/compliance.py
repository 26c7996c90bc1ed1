"""Verifying a republished copy against its original's terms: every condition becomes a finding. Pure.

`verify_copy(copy, original, verdict, match, edits)` takes the two pages (already fetched and read), the
verdict of the original's governing policy for the intended use, and the text alignment; it returns one
`Finding` per condition (`pass`, `fail`, `warn` or `not_checkable`), each with the evidence from the copy.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import replace

from rights.matching.models import Edit, Match
from rights.models import Condition, Evidence, Zone
from rights.page.models import Page, TextBlock
from rights.policy.models import Finding, Verdict
from rights.signals.common import block_evidence, clip, fold, link_evidence
from rights.signals.models import Signals
from rights.urls import normalize, registrable_domain

_CHANGES_NOTE = re.compile(
    r"\b(?:changes? (?:were|have been) made|edited|adapted|abridged|condensed|modified"
    r"|updated for|trimmed)\b",
    re.I,
)
_AD_HOSTS = (
    "doubleclick.net",
    "googlesyndication.com",
    "googleadservices.com",
    "adnxs.com",
    "taboola.com",
    "outbrain.com",
    "amazon-adsystem.com",
    "criteo.com",
    "pubmatic.com",
    "rubiconproject.com",
)
_SHOP = re.compile(r"\b(?:buy now|add to cart|subscribe now|sponsored|advertisement|shop now)\b", re.I)
MAX_LISTED_EDITS = 50


def _text_of(page: Page) -> str:
    return "\n".join(b.text for b in page.blocks if b.zone is not Zone.HTML_COMMENT)


def _find(page: Page, needle: str) -> Evidence | None:
    """The first block of the copy that holds `needle` (case- and accent-insensitive)."""
    wanted = fold(needle)
    if not wanted:
        return None
    for block in page.blocks:
        if block.zone is not Zone.HTML_COMMENT and wanted in fold(block.text):
            return block_evidence(block, "verify")
    for author in page.authors:
        if wanted in fold(author):
            return Evidence(clip(f"author: {author}"), Zone.META, "meta[name=author]", "meta", "verify")
    return None


def _finding(
    condition: Condition,
    status: str,
    text: str,
    evidence: Sequence[Evidence] = (),
    edits: Sequence[Edit] = (),
) -> Finding:
    return Finding(
        condition.kind, status, text, condition=condition.text, evidence=tuple(evidence), edits=tuple(edits)
    )


def _credit(name: str | None, what: str) -> Callable[[Condition, Page], Finding]:
    def check(condition: Condition, copy: Page) -> Finding:
        if not name:
            return _finding(condition, "not_checkable", f"the original does not name its {what}")
        found = _find(copy, name)
        if found is None:
            return _finding(condition, "fail", f"the copy does not name the {what} {name!r}")
        return _finding(condition, "pass", f"the copy names the {what} {name!r}", [found])

    return check


def _link_original(original_url: str | None, homepage_ok: bool) -> Callable[[Condition, Page], Finding]:
    def check(condition: Condition, copy: Page) -> Finding:
        if not original_url:
            return _finding(condition, "not_checkable", "the original's address is not known")
        target = normalize(original_url)
        domain = registrable_domain(original_url)
        near = None
        for link in copy.links:
            if link.tag != "a":
                continue
            if normalize(link.url) == target:
                return _finding(
                    condition,
                    "pass",
                    f"the copy links to the original: {link.url}",
                    [link_evidence(link, "verify")],
                )
            if near is None and registrable_domain(link.url) == domain:
                near = link
        if near is not None:
            status = "pass" if homepage_ok else "warn"
            return _finding(
                condition,
                status,
                f"the copy links to {near.url}, not to the article {original_url}",
                [link_evidence(near, "verify")],
            )
        canonical = copy.canonical and normalize(copy.canonical) == target
        text = "the copy does not link to the original" + (
            " (only its canonical points there)" if canonical else ""
        )
        return _finding(condition, "fail", text)

    return check


def _license(original: Signals) -> Callable[[Condition, Page], Finding]:
    from rights.signals.license_names import license_name

    def check(condition: Condition, copy: Page) -> Finding:
        lic = original.license
        if lic is None:
            return _finding(condition, "not_checkable", "the original's licence is not known")
        for link in copy.links:
            if lic.url and normalize(link.url).rstrip("/").startswith(normalize(lic.url).rstrip("/")[:60]):
                return _finding(
                    condition,
                    "pass",
                    f"the copy links to the licence {lic.id}",
                    [link_evidence(link, "verify")],
                )
        name = license_name(lic.id) or lic.id
        found = _find(copy, name)
        if found is not None:
            return _finding(condition, "warn", f"the copy names {name} but does not link to it", [found])
        return _finding(condition, "fail", f"the copy neither names nor links the licence {name}")

    return check


def _copyright(original: Signals) -> Callable[[Condition, Page], Finding]:
    def check(condition: Condition, copy: Page) -> Finding:
        notice = original.copyright
        if notice is None or not notice.holder:
            return _finding(condition, "not_checkable", "the original shows no copyright line")
        for block in copy.blocks:
            text = block.text
            if ("©" in text or "copyright" in text.lower()) and fold(notice.holder) in fold(text):
                return _finding(
                    condition,
                    "pass",
                    f"the copy keeps the copyright line of {notice.holder}",
                    [block_evidence(block, "verify")],
                )
        return _finding(condition, "fail", f"the copy has no copyright line naming {notice.holder}")

    return check


def _no_edits(edits: Sequence[Edit]) -> Callable[[Condition, Page], Finding]:
    def check(condition: Condition, copy: Page) -> Finding:
        if not edits:
            return _finding(condition, "pass", "the copy reproduces the original's text without edits")
        counts: dict[str, int] = {}
        for edit in edits:
            counts[edit.kind] = counts.get(edit.kind, 0) + 1
        summary = ", ".join(f"{n} {kind}" for kind, n in sorted(counts.items()))
        return _finding(
            condition, "fail", f"the copy edits the text: {summary} passage(s)", (), edits[:MAX_LISTED_EDITS]
        )

    return check


def _indicate_changes(edits: Sequence[Edit]) -> Callable[[Condition, Page], Finding]:
    def check(condition: Condition, copy: Page) -> Finding:
        if not edits:
            return _finding(condition, "pass", "no changes to indicate")
        for block in copy.blocks:
            if _CHANGES_NOTE.search(block.text):
                return _finding(
                    condition, "pass", "the copy says it was changed", [block_evidence(block, "verify")]
                )
        return _finding(condition, "fail", f"the copy changed {len(edits)} passage(s) without saying so")

    return check


def _no_images(original: Page) -> Callable[[Condition, Page], Finding]:
    def check(condition: Condition, copy: Page) -> Finding:
        theirs = {img.src.rsplit("/", 1)[-1].split("?")[0] for img in original.images if img.in_article}
        reused = [
            img
            for img in copy.images
            if img.in_article and img.src.rsplit("/", 1)[-1].split("?")[0] in theirs
        ]
        if reused:
            ev = [
                Evidence(clip(f"image {img.src}"), img.zone, img.path, "image", "verify", img.in_article)
                for img in reused[:3]
            ]
            return _finding(condition, "fail", f"the copy reuses {len(reused)} of the original's images", ev)
        others = [img for img in copy.images if img.in_article]
        if others:
            return _finding(
                condition,
                "warn",
                f"the copy shows {len(others)} image(s) in the article; check they are its own",
            )
        return _finding(condition, "pass", "the copy shows none of the original's images")

    return check


def _canonical(original_url: str | None, mode: str) -> Callable[[Condition, Page], Finding]:
    def check(condition: Condition, copy: Page) -> Finding:
        robots = " ".join(copy.meta.get("robots", ())).lower()
        points = bool(
            original_url and copy.canonical and normalize(copy.canonical) == normalize(original_url)
        )
        noindex = "noindex" in robots
        ok = points if mode == "canonical" else noindex if mode == "noindex" else points or noindex
        found = f"canonical {copy.canonical or 'none'}, robots {robots or 'none'}"
        return _finding(condition, "pass" if ok else "fail", f"asked for {mode}; the copy has {found}")

    return check


def _noncommercial(condition: Condition, copy: Page) -> Finding:
    ads = [ln for ln in copy.links if any(host in ln.url for host in _AD_HOSTS)]
    ads += [img for img in copy.images if any(host in img.src for host in _AD_HOSTS)]  # type: ignore[misc]
    shop = _SHOP.search(_text_of(copy))
    if ads or shop:
        what = "advertising links" if ads else f"commercial wording ({shop.group(0) if shop else ''})"
        return _finding(condition, "warn", f"the copy's page shows {what}: check the use is non-commercial")
    return _finding(
        condition,
        "not_checkable",
        "no commercial signals seen on the page; the use itself cannot be judged from the page",
    )


def _keep_links(original: Page, copy: Page) -> tuple[str, str]:
    theirs = {
        normalize(ln.url) for ln in original.links if ln.tag == "a" and ln.in_article and ln.zone is Zone.MAIN
    }
    mine = {normalize(ln.url) for ln in copy.links if ln.tag == "a"}
    missing = sorted(theirs - mine)
    if not theirs:
        return "pass", "the original's text has no links"
    if missing:
        return "fail", f"{len(missing)} of the original's {len(theirs)} links are missing, e.g. {missing[0]}"
    return "pass", f"all {len(theirs)} links of the original are kept"


_NOTICE = re.compile(
    r"\blicen[cs]ed under\b|\bcreative commons\b|©|\bcopyright\b|\ball rights reserved\b", re.I
)
_CREDIT_WORDS = re.compile(
    r"\b(?:published|republished|reprinted|licen[cs]ed|originally|courtesy|copyright"
    r"|appeared|source)\b|©",
    re.I,
)


def text_edits(edits: Sequence[Edit], original: Page, names: Sequence[str | None]) -> list[Edit]:
    """The edits that change the article: not the credit line the copy adds, not the captions of pictures it
    leaves out (pictures are licensed apart)."""
    captions = [
        fold(b.text) for b in original.blocks if b.tag in ("figcaption", "caption") or "figure" in b.path
    ]
    folded_names = [fold(n) for n in names if n]
    kept = []
    for edit in edits:
        if (
            edit.kind == "added"
            and _CREDIT_WORDS.search(edit.copy_text)
            and any(n and n in fold(edit.copy_text) for n in folded_names)
        ):
            continue
        if edit.kind == "removed" and any(fold(edit.original_text) in c for c in captions if c):
            continue
        kept.append(edit)
    return kept


def diff_inputs(original: Page, copy: Page, names: Sequence[str | None]) -> tuple[Page, Page]:
    """The two pages as the diff should see them: without picture captions, licence and copyright notices, and
    without the credit line the copy adds (none of them is an edit of the licensed text)."""
    folded = [fold(n) for n in names if n]

    def caption(block: TextBlock) -> bool:
        return (
            block.tag in ("figcaption", "caption")
            or " > figure" in block.path
            or block.path.startswith("figure")
        )

    def credit(block: TextBlock) -> bool:
        low = fold(block.text)
        return (
            bool(_CREDIT_WORDS.search(block.text))
            and any(n and n in low for n in folded)
            and len(block.text) < 400
        )

    def notice(block: TextBlock) -> bool:
        return len(block.text) < 300 and bool(_NOTICE.search(block.text))

    return (
        replace(original, blocks=tuple(b for b in original.blocks if not caption(b) and not notice(b))),
        replace(
            copy, blocks=tuple(b for b in copy.blocks if not credit(b) and not caption(b) and not notice(b))
        ),
    )


def _tracking_pixel(original_url: str | None, original: Page) -> Callable[[Condition, Page], Finding]:
    def check(condition: Condition, copy: Page) -> Finding:
        if not original_url:
            return _finding(condition, "not_checkable", "the original's address is not known")
        domain = registrable_domain(original_url)
        article_images = {img.src for img in original.images}
        pixels = [
            img
            for img in copy.images
            if registrable_domain(img.src) == domain and img.src not in article_images
        ]
        if pixels:
            img = pixels[0]
            ev = Evidence(clip(f"image {img.src}"), img.zone, img.path, "image", "verify", img.in_article)
            return _finding(condition, "pass", f"the copy loads {img.src} from {domain}", [ev])
        return _finding(condition, "fail", f"no tracking image from {domain} on the copy")

    return check


def verify_copy(
    copy: Page,
    original: Page,
    original_signals: Signals,
    verdict: Verdict,
    match: Match,
    edits: Sequence[Edit],
) -> list[Finding]:
    """One finding per condition of `verdict`, checked on the copy."""
    author = next(iter(original.authors), None)
    publisher = verdict.origin_name or original.site_name
    edits = text_edits(edits, original, [author, publisher, original.site_name])
    checks: dict[str, Callable[[Condition, Page], Finding]] = {
        "credit_author": _credit(author, "author"),
        "credit_publisher": _credit(publisher, "publisher"),
        "include_title": _credit(original.title, "title"),
        "link_original": _link_original(original.url, homepage_ok=False),
        "name_license": _license(original_signals),
        "keep_copyright_notice": _copyright(original_signals),
        "no_derivatives": _no_edits(edits),
        "indicate_changes": _indicate_changes(edits),
        "no_images": _no_images(original),
        "noncommercial": _noncommercial,
        "tracking_pixel": _tracking_pixel(original.url, original),
    }
    findings: list[Finding] = []
    for condition in verdict.conditions:
        if condition.kind == "canonical":
            mode = "either"
            checker = _canonical(original.url, mode)
        elif condition.kind == "keep_links":
            status, text = _keep_links(original, copy)
            findings.append(_finding(condition, status, text))
            continue
        elif condition.kind == "edits":
            findings.append(
                _finding(
                    condition,
                    "warn" if edits else "pass",
                    f"{len(edits)} edit(s) found; check they are of the allowed kinds"
                    if edits
                    else "no edits",
                    (),
                    edits[:MAX_LISTED_EDITS],
                )
            )
            continue
        else:
            checker = checks.get(condition.kind)  # type: ignore[assignment]
        if checker is None:
            findings.append(_finding(condition, "not_checkable", "this condition cannot be seen on the page"))
            continue
        findings.append(checker(condition, copy))
    if match.verdict in ("unrelated", "quote"):
        findings.insert(
            0,
            Finding(
                "same_text",
                "warn",
                f"the copy does not reproduce the original ({match.verdict}:"
                f" {match.copied_share_of_original:.0%} of the original found)",
            ),
        )
    return findings
