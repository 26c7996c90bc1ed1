"""Copyright notices: "(c)/©/Copyright YEAR HOLDER" lines (article-level preferred over the site footer),
JSON-LD copyrightHolder / copyrightYear / copyrightNotice, `<meta name=copyright>` and Dublin Core rights.
Image credits ("Photo © Getty") and legal prose ("copyright law", "copyrighted material") are not notices.
Pure."""

from __future__ import annotations

import re

from rights.jsonld import names, types_of
from rights.metadata import ARTICLE_TYPES
from rights.models import CopyrightNotice, Evidence, Page, Rejected, TextBlock, Zone
from rights.signals.common import IMAGE_WORDS, block_evidence, clip, meta_evidence

_YEAR = r"(?:1[89]\d\d|20\d\d)"
_YEARS = rf"{_YEAR}(?:\s*[-–—/,]\s*(?:{_YEAR}|\d\d|present|heute|now))*"
_SIGN = r"(?:©|&copy;|\(c\)|\(C\)|Ⓒ|copyright\s*©?|copr\.|urheberrecht|derechos de autor)"
_NOTICE = re.compile(
    rf"(?P<sign>{_SIGN})\s*(?P<y1>{_YEARS})?\s*[,.:]?\s*(?:by\s+|von\s+|par\s+|por\s+)?(?P<rest>[^\n]{{0,160}})",
    re.I,
)
# Where a holder's name stops.
_STOP = re.compile(
    r"\s*(?:[.;|•·]\s|\.$|\ball rights reserved|\balle rechte|\btous droits|\btodos los derechos|\btutti i diritti"
    r"|\bsome rights reserved|\bpowered by|\bprivacy|\bterms of|\bimpressum|\bdatenschutz|\bcontact|\bdesign(?:ed)? by"
    r"|\bthis (?:material|article|work|site|website|content|page)|\bmay not\b|\bunless\b|\bexcept\b|\blicen[cs]ed\b"
    r"|\bunder (?:a|the)\b|\bunauthori[sz]ed|\bno part\b|\breproduction\b|\bsome images\b|\bwith permission"
    r"|\s[-–—]\s|\s\|)",
    re.I,
)
_PROSE = re.compile(
    r"copyright(?:ed)?\s+(?:law|laws|act|office|infringement|holder|holders|owner|owners|material|protection|"
    r"issues?|claims?|policy|notice|violation|term|status|directive|reform|free|-free)|copyright\s+(?:of|to|for)\s+"
    r"(?:the|this|these|their|its)\b|under copyright|in copyright|fair use|dmca",
    re.I,
)
_BAD_HOLDER = re.compile(
    r"^(?:the\s+)?(?:author|authors|owner|original|respective|individual|all|this|these|those|its|their|our|my)\b"
    r"|^(?:and|or|of|to|is|are|was|for|in|on|at|with|notice|information|info|policy)\b|^\W*$",
    re.I,
)
_TRAILING = re.compile(r"[\s,.;:–—\-|]+$")
_LEADING = re.compile(r"^[\s,.;:–—\-|©]+")


def _holder_year(text: str) -> tuple[str | None, str | None] | None:
    """Parse one notice line into (holder, year); None when it is not a notice."""
    match = _NOTICE.search(text)
    if not match:
        return None
    sign = match.group("sign").lower()
    year = match.group("y1")
    rest = match.group("rest") or ""
    if sign.startswith("copyright") and not year and "©" not in sign and match.start() > 0:
        if _PROSE.search(text[match.start() : match.start() + 60]):
            return None
    stop = _STOP.search(rest)
    holder = rest[: stop.start()] if stop else rest
    holder = _LEADING.sub("", holder)
    tail_year = re.search(rf"[,\s]+({_YEARS})\s*$", holder)
    if tail_year:
        year = year or tail_year.group(1)
        holder = holder[: tail_year.start()]
    holder = _TRAILING.sub("", re.sub(rf"^(?:{_YEARS})\s*", "", holder)).strip()
    if re.match(r"^(?:by|von|par|por)\s+", holder, re.I):
        holder = re.sub(r"^(?:by|von|par|por)\s+", "", holder, flags=re.I)
    if len(holder) > 90 or _BAD_HOLDER.search(holder) or (holder and not re.search(r"\w", holder)):
        holder = ""
    if not holder and not year:
        return None
    return (holder or None), year


def copyright_holders(text: str) -> list[str]:
    """Holders named by the notices in a piece of text."""
    holders = []
    for match in _NOTICE.finditer(text):
        parsed = _holder_year(text[match.start() : match.start() + 240])
        if parsed is not None and parsed[0]:
            holders.append(parsed[0])
    return holders


def _is_image_credit(block: TextBlock, text: str, start: int) -> bool:
    before = text[max(0, start - 40) : start]
    after = text[start : start + 80]
    return bool(IMAGE_WORDS.search(before) or re.search(r"^\S+\s+(?:getty|ap|reuters|afp|dpa|epa)\b", after, re.I)
                or block.tag in ("figcaption", "caption"))


def _from_blocks(page: Page, rejected: list[Rejected]) -> list[CopyrightNotice]:
    found = []
    for block in page.blocks:
        if block.zone in (Zone.HTML_COMMENT, Zone.COMMENTS, Zone.NAV) or len(block.text) > 2000:
            continue
        text = block.text
        low = text.lower()
        if "©" not in text and "copyright" not in low and "(c)" not in low and "urheberrecht" not in low:
            continue
        for match in _NOTICE.finditer(text):
            parsed = _holder_year(text[match.start() : match.start() + 240])
            if parsed is None:
                continue
            evidence = block_evidence(block, "copyright-line", text[max(0, match.start() - 20) : match.start() + 200])
            if _is_image_credit(block, text, match.start()):
                rejected.append(Rejected("image_credit", "copyright of a picture, not the text", evidence))
                continue
            holder, year = parsed
            scope = "article" if block.in_article and block.zone is not Zone.ASIDE else "site"
            found.append(CopyrightNotice(holder, year, scope, (evidence,)))
            break
    return found


def _from_metadata(page: Page) -> list[CopyrightNotice]:
    found = []
    for item in page.jsonld:
        if not types_of(item) & ARTICLE_TYPES:
            continue
        holders = names(item.get("copyrightHolder"))
        year = item.get("copyrightYear")
        notice = item.get("copyrightNotice")
        if isinstance(notice, str) and not holders:
            parsed = _holder_year(notice) or (notice.strip()[:90] or None, None)
            holders = [parsed[0]] if parsed[0] else []
            year = year or parsed[1]
        if holders or year:
            shown = f"copyrightHolder={holders[0] if holders else None} copyrightYear={year}"
            evidence = Evidence(clip(shown), Zone.META, "JSON-LD", "jsonld", "json-ld-copyright")
            found.append(CopyrightNotice(holders[0] if holders else None, str(year) if year else None, "article",
                                         (evidence,)))
    for name in ("copyright", "dc.rights", "dcterms.rights", "rights", "dcterms.rightsholder", "article:copyright"):
        for value in page.meta.get(name, ()):
            if value.startswith(("http://", "https://")) or len(value) > 300:
                continue
            parsed = _holder_year(value)
            if parsed is None and name in ("copyright", "dcterms.rightsholder") and len(value) < 90:
                parsed = (value.strip(" ©"), None)
            if parsed is not None and parsed[0]:
                found.append(CopyrightNotice(parsed[0], parsed[1], "site", (meta_evidence(name, value, "meta"),)))
    return found


def detect_copyrights(page: Page) -> tuple[list[CopyrightNotice], list[Rejected]]:
    """All copyright notices, most relevant first: article-level lines, JSON-LD, then site footers and meta."""
    rejected: list[Rejected] = []
    lines = _from_blocks(page, rejected)
    meta = _from_metadata(page)
    article = [n for n in lines if n.scope == "article" and n.holder]
    site = [n for n in lines if n.scope == "site" and n.holder]
    # The site footer's notice is usually the last one on the page.
    ordered = article + [n for n in meta if n.scope == "article"] + site[::-1] + [
        n for n in meta if n.scope == "site"] + [n for n in lines if not n.holder]
    return ordered, rejected
