"""Copyright notices: "(c)/©/Copyright YEAR HOLDER" lines (article-level preferred over the site footer),
JSON-LD copyrightHolder / copyrightYear / copyrightNotice, `<meta name=copyright>` and Dublin Core rights.
Image credits ("Photo © Getty") and legal prose ("copyright law", "copyrighted material") are not notices.
Pure."""

from __future__ import annotations

import re
from collections.abc import Iterator

from rights.models import Evidence, Zone
from rights.page.jsonld import names, types_of
from rights.page.metadata import ARTICLE_TYPES
from rights.page.models import Page, TextBlock
from rights.signals.common import IMAGE_WORDS, PageText, block_evidence, clip, in_media, meta_evidence
from rights.signals.models import CopyrightNotice, Rejected
from rights.signals.wires import AGENCY_COPYRIGHT

_YEAR = r"(?:1[89]\d\d|20\d\d)"
_MONTH_NAMES = (
    "january|february|march|april|may|june|july|august|september|october|november|december"
    "|jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec"
)
# "2002-2006", "2002, 2003", "1998-09", "2000-5", "2019-present"
_YEARS = rf"{_YEAR}(?:\s*[-–—/,]\s*(?:{_YEAR}|\d\d\b|present|heute|now)|[-–—]\d\b)*"
# "(c)" is not a sign inside "501(c)(3)"; "Â©" is © read in the wrong encoding.
_ONE_SIGN = (
    r"(?:Â?©|&copy;|(?<![\w)])\(c\)(?![a-z(])|[Ⓒⓒ]|copyright(?![a-z])|copr\.|urheberrecht|derechos de autor)"
)
_SIGN = rf"(?:{_ONE_SIGN}(?:\s*{_ONE_SIGN})?)"
# A date before the year: "August 2000", "May 3, 2015", "12 May 2015"; "C2004" is © typed as a letter.
_DATE = (
    rf"(?:(?:{_MONTH_NAMES})\.?\s+(?:\d{{1,2}},?\s+)?|\d{{1,2}}\.?\s+(?:{_MONTH_NAMES})\.?,?\s+|c(?={_YEAR}))"
)
_NOTICE = re.compile(
    rf"(?P<sign>{_SIGN})\s*(?:{_DATE}(?={_YEAR}))?(?P<y1>{_YEARS})?\s*[,.:]?\s*(?:by\s+|von\s+|par\s+|por\s+)?(?P<rest>[^\n]{{0,160}})",
    re.I,
)
# Where a holder's name stops.
_STOP = re.compile(
    r"\s*(?:(?-i:(?<!\b[A-Z]))(?<!\bCo)(?<!\bSt)(?<!\bJr)[.;|•·]\s(?!\s*(?:1[89]|20)\d\d\b)|\.$|\ball rights? reserved|\balle rechte|\btous droits|\btodos los derechos|\btutti i diritti"
    r"|\bsome rights reserved|\bpowered by|\bprivacy|\bterms of|\bimpressum|\bdatenschutz|\bcontact|\bdesign(?:ed)? by"
    r"|\bthis (?:material|article|work|site|website|content|page)|\bmay not\b|\bunless\b|\bexcept\b|\blicen[cs]ed\b"
    r"|\bunder (?:a|the)\b|\bunauthori[sz]ed|\bno part\b|\breproduction\b|\bsome images\b|\bwith permission"
    r"|\s[-–—]\s|\s\|"
    # an address, a company register, links and credits that run on after the name
    r"|,?\s+\d{1,5}\s+(?:\w+\s+){0,2}(?:street|st|road|rd|avenue|ave|lane|way|drive|boulevard|blvd|place|square|floor)\b"
    r"|,?\s+(?:registered|incorporated)\s+(?:in|office)\b|\s+in\s+(?:england|scotland|wales|northern ireland)\b"
    r"|,?\s+(?:company|registration|reg\.)\s+(?:no|number)\b|\s+(?:ABN|ACN|HRB|KvK|RCS|SIRET|CIN)\s"
    r"|\s+reprints?\b|\s+about us\b|\s+advertis|\s+site ?map\b|\s+(?:wordpress\s+)?theme by\b|\s+hosted by\b"
    r"|(?-i:(?<=[a-z]{2}|[A-Z]{2})\.(?=[A-Z][a-z]))"
    # a second notice joined on: the first holder
    r"|\s+(?:und|and|et|y|e)\s+(?=©|\(c\)|copyright)"
    r"|版權所有|版权所有|著作権|無断転載|무단|저작권|\s+all right reserved)",
    re.I,
)
# Words before the noun "copyright" in a sentence ("the Copyright Royalty Board", "its own copyright regime").
_PROSE_BEFORE = re.compile(
    r"\b(?:the|a|an|its|their|his|her|our|your|own|of|on|about|for|with|any|no|and|or|to|from|that|this|these"
    r"|those|such|under|in|new|strict|current|international|federal)\s*$",
    re.I,
)
_PROSE = re.compile(
    r"copyright(?:ed)?\s+(?:law|laws|act|office|infringement|holder|holders|owner|owners|material|protection|"
    r"issues?|claims?|policy|notice|violation|term|status|directive|reform|free|-free|registration|statement|info"
    r"|information|page|terms|reasons|purposes|agent|complaint|question|lawyer)|copyright\s+(?:of|to|for)\s+"
    r"(?:the|this|these|their|its)\b|under copyright|in copyright|fair use|dmca",
    re.I,
)
_BAD_HOLDER = re.compile(
    r"^(?:the\s+)?(?:author|authors|owner|original|respective|all|this|these|those|its|their|our|my)\b"
    r"|^(?:and|or|of|to|is|are|was|for|in|on|at|with)\b|^(?:notice|information|info|policy)(?![\w-])|^\W*$"
    r"|^(?:photos?|images?|pictures?|(?:parts?|portions?|some|most|much) of)\b"
    r"|^(?:it|this|that|there|we|you|he|she|they)\s+(?:is|was|are|were|has|have|may|can)\b",
    re.I,
)
_OWNED_BY = re.compile(r"^\s*(?:owned by|(?:the )?property of)(?: or licensed to)?\s+", re.I)
_CONNECTOR = re.compile(r"\s+(?:and|or|but|which|who)\s*$", re.I)
_TRAILING = re.compile(r"[\s,.;:–—\-|]+$")
_LEADING = re.compile(r"^[\s,.;:–—\-|©]+")


_ROMAN_YEAR = re.compile(r"^\s*M{1,2}(?:CM|D?C{0,3})(?:XC|L?X{0,3})(?:IX|V?I{0,3})\b[,.]?\s*")
_BEFORE = re.compile(r"(?:^|[|·•»]\s*)(?P<holder>[^|·•»©]{2,70}?)[,\s]*(?:(?P<year>" + _YEARS + r")\s*)?$")
# "... a guide, by Rosa Delgado, Copyright 2013": the author named just before the sign
_BY_BEFORE = re.compile(r"\bby\s+(?P<holder>[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*){0,3})[,\s]*$")
_RESERVED = re.compile(r"\s*(?:all|some) rights reserved\.?\s*$", re.I)
_HOLDER_IS = re.compile(
    r"copyright (?:holder|owner) (?:for|of) [^.]{0,40}? is (?P<holder>[^,.;]{2,60})", re.I
)
_NO_SIGN = re.compile(
    rf"(?P<holder>[A-Z][\w&.,'’ -]{{2,60}}?),?\s+(?P<year>{_YEARS})\.?\s+(?:all|some) rights reserved", re.I
)


def _clean_holder(holder: str) -> str:
    holder = re.sub(r"^0\s+", "", _LEADING.sub("", holder))  # "© 0 Name": a year a script never filled in
    holder = _ROMAN_YEAR.sub("", holder)
    holder = _TRAILING.sub("", _LEADING.sub("", re.sub(rf"^(?:{_YEARS})\s*", "", holder))).strip()
    holder = re.sub(r"^(?:by|von|par|por)\s+", "", holder, flags=re.I)
    holder = _CONNECTOR.sub("", _OWNED_BY.sub("", holder))
    if len(holder) > 90 or _BAD_HOLDER.search(holder) or (holder and not re.search(r"\w", holder)):
        return ""
    return holder


def _holder_year(text: str, before: str = "", *, glued: bool = False) -> tuple[str | None, str | None] | None:
    """Parse one notice into (holder, year); `before` is the text preceding the sign on its line, `glued` says
    the sign touches the word before it."""
    match = _NOTICE.search(text)
    if not match:
        return None
    sign = match.group("sign").lower()
    year = match.group("y1")
    rest = match.group("rest") or ""
    if _not_a_sign(sign, year, rest, before, glued=glued):
        return None
    if sign.startswith("copyright") and not year and match.start() == 0 and not before.strip():
        if _PROSE.search(text[:60]):
            return None
    elif sign.startswith("copyright") and not year and "©" not in sign and _PROSE.search(text[:60]):
        return None
    rest = _OWNED_BY.sub("", rest)
    stop = _STOP.search(rest)
    holder = _CONNECTOR.sub("", rest[: stop.start()] if stop else rest)
    tail_year = re.search(rf"[,\s]+({_YEARS})\s*$", holder)
    if tail_year:
        year = year or tail_year.group(1)
        holder = holder[: tail_year.start()]
    if _lower_case_noun(sign, year, holder):
        return None
    holder = _clean_holder(holder)
    if holder and stop and re.fullmatch(r"\s+(?:und|and|et|y|e)\s+", stop.group(0), re.I):
        joint = _holder_year(rest[stop.end() :])  # "© 2019 X und © 2019 Y": both hold it
        if joint and joint[0] and joint[0] != holder:
            holder = f"{holder}; {joint[0]}"
    if not holder and before.strip():
        prior = _BEFORE.search(_RESERVED.sub("", before.rstrip())) or _BY_BEFORE.search(before)
        if prior:
            holder = _clean_holder(prior.group("holder"))
            year = year or prior.groupdict().get("year")
    if not holder and not year:
        if "©" in sign and re.search(r"rights reserved|rechte vorbehalten", before + rest, re.I):
            return None, None  # a bare "All rights reserved ©": the holder may sit in the block next to it
        return None
    return (holder or None), year


def _not_a_sign(sign: str, year: str | None, rest: str, before: str, *, glued: bool) -> bool:
    """A © glued to a word ("Aquila© Water Fund", "Article 12.4©"), or the noun "copyright" in a sentence
    ("the Copyright Royalty Board", "copyright release forms", a "copyright matters" link)."""
    if "©" in sign and glued and not year and not rest[:1].isdigit():
        return True
    if not sign.startswith("copyright") or year or "©" in sign or "(c)" in sign:
        return False
    return bool(_PROSE_BEFORE.search(before))


def _lower_case_noun(sign: str, year: str | None, holder: str) -> bool:
    """ "copyright release forms", a "copyright matters" link: the word copyright, no year, a lower-case word
    after it that is not a domain name."""
    if not sign.startswith("copyright") or year or "©" in sign or "(c)" in sign:
        return False
    return bool(re.match(r"[a-z]", holder.strip()) and not re.match(r"\S+\.[a-z]{2,}\b", holder.strip()))


def _signs(text: str) -> Iterator[re.Match[str]]:
    """Each sign in the text with what follows it; a sign inside the words after another is found too."""
    pos = 0
    while match := _NOTICE.search(text, pos):
        yield match
        pos = match.end("sign")


def copyright_holders(text: str) -> list[str]:
    """Holders named by the notices in a piece of text."""
    holders = []
    for match in _signs(text):
        parsed = _parse_at(text, match.start())
        if parsed is not None and parsed[0]:
            holders.append(parsed[0])
    return holders


def _parse_at(text: str, start: int) -> tuple[str | None, str | None] | None:
    glued = start > 0 and (text[start - 1].isalnum() or text[start - 1] == ".")
    return _holder_year(text[start : start + 240], _line_before(text, start), glued=glued)


def _line_before(text: str, start: int) -> str:
    """The words before a sign on its line; the previous short sentence when the sign starts a sentence."""
    left = text[max(0, start - 80) : start]
    for sep in (". ", "! ", "? ", "\n"):
        if sep in left:
            head, tail = left.rsplit(sep, 1)
            if tail.strip():
                return tail
            previous = re.split(r"[.!?]\s", head)[-1]
            return previous if len(previous) <= 60 else ""
    return left


def _is_image_credit(block: TextBlock, text: str, start: int, holder: str | None, year: str | None) -> bool:
    before = text[max(0, start - 40) : start]
    if in_media(block) or IMAGE_WORDS.search(before) or re.search(r"\bart\b|\bmasthead\b", before, re.I):
        return True
    head = text[start : start + 45]
    if not year and (IMAGE_WORDS.search(head) or re.search(r"^\S+\s*[\w.'’\- ]{2,40}/[A-Z]", head)):
        return True
    # "© Alamy" alone in the article body: a picture credit
    text_words = re.search(r"\b(?:text|article|story|content|words|post|is|are|remains?)\s*$", before, re.I)
    return bool(block.zone is Zone.MAIN and not year and len(block.text) < 60 and not text_words)


_CODE = re.compile(r"function\s*\(|\bvar\s+\w+\s*=|[{};]\s*[{};]|=>|\*/")


# A block holding none of these cannot hold a copyright line.
_WORDS = ("©", "copyright", "(c)", "urheberrecht", "rights reserved", "ⓒ", "Ⓒ")

# Rights-holder statements without a sign: "Copyrights are owned by X", "content on this site is the property
# of X", "All content 2006/2007 X", a footer "2009-2020 by X", "X版权所有", "版权属X所有", "ถือสิทธิโดย X".
_OWNER_WORDS = ("owned by", "property of", "all content", "版权", "版權", "ถือสิทธิ", "帰属")
_OWNERSHIP = (
    (
        "owned-by",
        re.compile(
            r"\b(?:copyrights?|content|contents|material|materials|text|articles|posts|items)"
            r"(?:\s[^.;\n]{0,40}?)?\s+(?:is|are|remains?)\s+(?:the\s+)?"
            r"(?:(?:exclusive|sole)\s+)?(?:owned by|(?:copyright\s+)?property of)\s+(?P<holder>[^\n]{2,160})",
            re.I,
        ),
    ),
    (
        "all-content-year",
        re.compile(
            rf"^\s*(?:all\s+)?(?:content|contents|material|text)\s+(?:is\s+)?(?P<year>{_YEARS})\s+(?:by\s+)?"
            r"(?P<holder>[^\n]{2,160})",
            re.I,
        ),
    ),
    ("cjk-all-rights", re.compile(r"(?:^|[\s|｜:：])(?P<holder>[^\s，。,:：|｜]{2,30}?)版[权權]所有")),
    (
        "cjk-belongs",
        re.compile(
            r"版[权權][归属歸屬](?P<holder>[^，。,（(\s]{2,30}?)(?:[（(][^）)]*[）)])?(?:独家|獨家)?所有"
        ),
    ),
    ("ja-belongs", re.compile(r"著作権は(?P<holder>[^、。\s]{2,30}?)に帰属")),
    ("th-held-by", re.compile(r"ถือสิทธิ์?โดย\s*[\"“]?(?P<holder>[^\"”\s]{2,40})")),
)
# A footer line, or one item of it, that is only "2009-2020 by Name".
_YEARS_BY = re.compile(rf"(?:^|\s[|·•–—-]\s)\s*(?P<year>{_YEARS})\s+by\s+(?P<holder>[A-Z][^\n]{{1,80}})")
# Holders that name nobody in particular.
_NOBODY = re.compile(
    r"^(?:me|us|you|the poster|the user|(?:情報提供者|各権利者|権利者|著作者|執筆者))$", re.I
)


def _from_blocks(
    page: Page, text_of: PageText, rejected: list[Rejected]
) -> list[tuple[int, CopyrightNotice]]:
    found: list[tuple[int, CopyrightNotice]] = []
    for block in text_of.having(_WORDS):
        order = block.index
        if block.zone in (Zone.HTML_COMMENT, Zone.COMMENTS) or len(block.text) > 2000:
            continue
        text = block.text
        low = text.lower()
        if not re.search(r"©|copyright|\(c\)|urheberrecht|ⓒ|Ⓒ", low):
            if "rights reserved" in low:
                _no_sign(block, found, order)
            continue
        if _CODE.search(text):
            continue
        holder_is = _HOLDER_IS.search(text)
        if holder_is:
            found.append(
                (
                    order,
                    CopyrightNotice(
                        holder_is.group("holder").strip(),
                        None,
                        "article" if block.in_article else "site",
                        (block_evidence(block, "copyright-holder-is"),),
                    ),
                )
            )
            continue
        for match in _signs(text):
            parsed = _parse_at(text, match.start())
            if parsed is None:
                continue
            holder, year = parsed
            if holder is None and (len(text) <= 60 or match.start() == 0):
                holder = _neighbour_holder(page, order, block, after=len(text) <= 60)
            evidence = block_evidence(
                block, "copyright-line", text[max(0, match.start() - 40) : match.start() + 200]
            )
            if _is_image_credit(block, text, match.start(), holder, year):
                rejected.append(Rejected("image_credit", "copyright of a picture, not the text", evidence))
                continue
            article = (block.in_article and block.zone is not Zone.ASIDE) or bool(
                holder and AGENCY_COPYRIGHT.search(text[match.start() : match.start() + 80])
            )
            found.append(
                (order, CopyrightNotice(holder, year, "article" if article else "site", (evidence,)))
            )
            break
    return found


# Link labels that sit next to a bare "© 2008" in footers and are not names.
_NAV_LABELS = frozenset(
    ("home", "contact", "links", "counter", "menu", "search", "top", "back", "sitemap", "login", "archive",
     "archives", "about", "imprint", "impressum", "リンク", "ホーム", "トップ", "首页", "홈")
)  # fmt: skip


def _ownership(page: Page, text_of: PageText) -> list[tuple[int, CopyrightNotice]]:
    """Holders named without a sign (see `_OWNERSHIP`); a short footer "2009-2020 by Name" line."""
    found: list[tuple[int, CopyrightNotice]] = []
    blocks = text_of.having(_OWNER_WORDS)
    seen = {b.index for b in blocks}
    blocks += [
        b
        for b in page.blocks
        if b.zone is Zone.FOOTER and b.index not in seen and len(b.text) <= 200 and _YEARS_BY.search(b.text)
    ]
    for block in blocks:
        if block.zone in (Zone.HTML_COMMENT, Zone.COMMENTS) or len(block.text) > 2000:
            continue
        shapes = _OWNERSHIP if block.zone is not Zone.FOOTER else (*_OWNERSHIP, ("years-by", _YEARS_BY))
        for rule, pattern in shapes:
            match = pattern.search(block.text)
            if not match:
                continue
            rest = match.group("holder")
            stop = _STOP.search(rest)
            holder = _clean_holder(
                re.sub(r"\s+or (?:its|their)\b.*$", "", rest[: stop.start()] if stop else rest)
            )
            if not holder or _NOBODY.match(holder) or len(holder.split()) > 10:
                continue
            year = match.groupdict().get("year")
            evidence = block_evidence(
                block, f"ownership-{rule}", block.text[match.start() : match.end()][:200]
            )
            scope = "article" if block.in_article and block.zone is not Zone.ASIDE else "site"
            found.append((block.index, CopyrightNotice(holder, year, scope, (evidence,))))
            break
    return found


def _neighbour_holder(page: Page, order: int, block: TextBlock, *, after: bool) -> str | None:
    """A holder split off into the short block just before (or after) a bare "© 2008" notice."""
    steps = (-1, 1) if after else (-1,)
    for step in steps:
        i = order + step
        while 0 <= i < len(page.blocks) and page.blocks[i].zone is Zone.HTML_COMMENT:
            i += step
        if 0 <= i < len(page.blocks):
            near = page.blocks[i]
            if (
                near.zone is block.zone
                and len(near.text) <= 60
                and not re.search(r"\d{3,}|@|\bpowered\b|[|·•»]", near.text)
                and near.text.strip().lower() not in _NAV_LABELS
                and not near.text.rstrip().endswith(":")
            ):
                holder = _clean_holder(_RESERVED.sub("", near.text))
                if holder:
                    return holder
    return None


def _no_sign(block: TextBlock, found: list[tuple[int, CopyrightNotice]], order: int) -> None:
    match = _NO_SIGN.search(block.text)
    if match:
        holder = _clean_holder(match.group("holder"))
        if holder:
            evidence = block_evidence(block, "rights-reserved-line", match.group(0))
            found.append((order, CopyrightNotice(holder, match.group("year"), "site", (evidence,))))


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
            found.append(
                CopyrightNotice(
                    holders[0] if holders else None, str(year) if year else None, "article", (evidence,)
                )
            )
    for name in (
        "copyright",
        "dc.rights",
        "dcterms.rights",
        "rights",
        "dcterms.rightsholder",
        "article:copyright",
    ):
        for value in page.meta.get(name, ()):
            if value.startswith(("http://", "https://")) or len(value) > 300:
                continue
            notice = _holder_year(value)
            if notice is None and name in ("copyright", "dcterms.rightsholder") and len(value) < 90:
                notice = _bare_meta_notice(value)
            if notice is not None and notice[0]:
                meta_ev = (meta_evidence(name, value, "meta"),)
                found.append(CopyrightNotice(notice[0], notice[1], "site", meta_ev))
    return found


def _bare_meta_notice(value: str) -> tuple[str | None, str | None]:
    """A meta copyright value without a sign: "2003 Bluefield Studio", "Name: what we do | more 2016"."""
    value = value.strip(" ©")
    year = None
    dated = re.match(rf"^({_YEARS})\s+(.+)$", value) or re.match(rf"^(.+?)[,\s]+({_YEARS})$", value)
    if dated:
        first, second = dated.groups()
        year, value = (first, second) if re.match(_YEAR, first) else (second, first)
    holder = _clean_holder(re.split(r"\s+[|·•]\s+|:\s", value)[0])
    return (holder or None), year


def _known(notice: CopyrightNotice, lines: list[tuple[int, CopyrightNotice]]) -> bool:
    return any(n.holder == notice.holder for _, n in lines)


def _rank(order: int, notice: CopyrightNotice, last: int) -> tuple[int, int, int]:
    """Article-level notices first (a bare "© Name" in the body only after dated site notices); then site notices
    with a year and a reserved-rights phrase, last on the page first."""
    text = notice.evidence[0].text.lower() if notice.evidence else ""
    reserved = "reserved" in text or "vorbehalten" in text or "réservés" in text or "reservados" in text
    quality = (2 if notice.year else 0) + (2 if reserved else 0)
    quality += 1 if notice.evidence and notice.evidence[0].zone is Zone.FOOTER else 0
    quality += 1 if notice.holder and "; " in notice.holder else 0  # names every holder of a joint notice
    tier = (
        0 if notice.scope == "article" and (notice.year or reserved) else 1 if notice.scope == "site" else 2
    )
    return (tier, -quality, last - order if notice.scope == "site" else order)


def detect_copyrights(
    page: Page, text: PageText | None = None
) -> tuple[list[CopyrightNotice], list[Rejected]]:
    """All copyright notices, most relevant first: article-level lines, JSON-LD, then site footers and meta."""
    rejected: list[Rejected] = []
    text_of = text or PageText(page)
    lines = _from_blocks(page, text_of, rejected)
    lines += [item for item in _ownership(page, text_of) if not _known(item[1], lines)]
    last = len(page.blocks)
    ranked = sorted((n for n in lines if n[1].holder), key=lambda item: _rank(item[0], item[1], last))
    meta = [n for n in _from_metadata(page) if n.holder]
    ordered = [n for _, n in ranked]
    firm = sum(1 for i, n in ranked if _rank(i, n, last)[0] == 0)
    ordered[firm:firm] = [n for n in meta if n.scope == "article"]
    ordered += [n for n in meta if n.scope == "site"]
    ordered += [n for _, n in lines if not n.holder]
    return ordered, rejected
