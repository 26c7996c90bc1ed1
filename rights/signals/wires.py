"""News agencies and press-release wires: the credit patterns (datelines, bylines, trailers, copyright
lines, photo credits) built from the names table (`rights.signals.names`: canonical name, the spellings used in
credits, and the agency's own domains, where a wire story is not a republication)."""

from __future__ import annotations

import re
from dataclasses import dataclass

from rights.signals.names import outlets


@dataclass(frozen=True, slots=True)
class Wire:
    name: str
    credits: tuple[str, ...]  # case-sensitive spellings used in datelines and bylines
    domains: tuple[str, ...]
    kind: str = "wire"  # wire | press_release


AGENCIES: tuple[Wire, ...] = tuple(
    Wire(outlet.name, outlet.credits, outlet.domains, outlet.kind)
    for outlet in outlets()
    if outlet.kind in ("wire", "press_release")
)

BY_CREDIT: dict[str, Wire] = {credit: wire for wire in AGENCIES for credit in wire.credits}
# Prefilter words: short credits ("AP", "dpa") case-sensitively, longer ones in lower case.
SHORT_CREDITS: tuple[str, ...] = tuple(
    sorted({c for c in BY_CREDIT if len(c) <= 5} | {c.upper() for c in BY_CREDIT if len(c) <= 5})
)
LONG_CREDITS: tuple[str, ...] = tuple(sorted({c.lower() for c in BY_CREDIT if len(c) > 5} | {"agencia"}))
_ALT = "|".join(sorted((re.escape(c) for c in BY_CREDIT), key=len, reverse=True))
_AGENCY_ALT = "|".join(
    sorted((re.escape(c) for w in AGENCIES if w.kind == "wire" for c in w.credits), key=len, reverse=True)
)
_PR_ALT = "|".join(
    sorted(
        (re.escape(c) for w in AGENCIES if w.kind == "press_release" for c in w.credits),
        key=len,
        reverse=True,
    )
)

# "NEW YORK (AP) —", "Hamburg (dpa/lno) –", "(Reuters) -", "Beijing (PTI):"
DATELINE = re.compile(
    rf"^\W{{0,3}}(?:[A-ZÀ-Ý][\w.'’ ,-]{{0,60}}?\s*)?\(\s*(?P<credit>{_AGENCY_ALT})(?:\s*/\s*[\w-]+)*\s*\)\s*[-–—:]"
)
# "... after the hooter had sounded. - Sapa", "... (AFP)" at the end of a story
TRAILER = re.compile(rf"(?:[.!?\"”]\s*[-–—]\s*|\(\s*)(?P<credit>{_AGENCY_ALT})(?:\s*/\s*[\w-]+)*\s*\)?\s*$")
# German sign-offs closing the text: "... gesagt. dpa/lno", "... berichtet. (KNA)", "epd/mh", "AgE"
SIGNOFF = re.compile(rf"(?:^|[.!?\"”)]\s+|\s{{2,}})\(?(?P<credit>{_AGENCY_ALT})(?:/[a-zäöü]{{1,6}})+\)?\s*$")
# A press office's sign-off: "PM Stadt Musterhausen/ab", "Pressemitteilung Universität Beispielstadt"
PRESS_SIGNOFF = re.compile(
    r"(?:^|[.!?\"”)]\s+)(?:PM|Pressemitteilung|Pressemeldung|Presseinformation)\s+(?:der\s+|des\s+|von\s+)?"
    r"(?P<org>[A-ZÄÖÜ][^/\n.!?]{1,60}?)\s*(?:/\s*[a-zäöü]{1,6})?\s*$"
)
# A listed company in a press release: "Acme Corp. (NASDAQ: ACME) today announced"
TICKER = re.compile(
    r"(?P<org>[A-Z][\w&.,' -]{1,60}?)\s*\((?:NYSE|NASDAQ|Nasdaq|AMEX|NYSE American|NYSE Arca|TSX|TSX-V|TSXV|LSE"
    r"|AIM|OTCQX|OTCQB|OTC|ASX|Euronext|XETRA|FWB|SIX|SWX)\s*:\s*[A-Z0-9.]{1,8}\)(?:\s*\([^)]{2,20}\))*"
    r"\s*(?:,?\s*(?:today|has|announced|reported|launched|introduced|unveiled|said))"
)
# "(BUSINESS WIRE)--", "/PRNewswire/ --", "/GLOBE NEWSWIRE/ --", "(ots) -"
PR_DATELINE = re.compile(rf"[(/](?P<credit>{_PR_ALT})(?:-\w+)?[)/]\s*(?:--|[-–—:])")
# "07/01/2008 20:12:00 Business Wire Magellan RoadMate ..." (a press-release wire's timestamp line)
PR_STAMP = re.compile(
    rf"^\W*(?:\d{{1,2}}[./-]\d{{1,2}}[./-]\d{{2,4}}\s+(?:\d{{1,2}}:\d{{2}}(?::\d{{2}})?\s+)?)(?P<credit>{_PR_ALT})\b"
)
# "By Associated Press", "By AP", "| Reuters", "Source: AFP", "Quelle: dpa", "Article from: Agence France-Presse"
BYLINE = re.compile(
    rf"^(?:(?:by|von|por|par|source|quelle|fuente|from|article from|mit material (?:von|vom|der))\s*:?\s+(?:the\s+)?"
    rf"|[|•]\s*|\(|—\s*|-\s*)?(?:for\s+)?(?:the\s+)?(?P<credit>{_ALT})(?:\s+(?:staff|writer|news|newswire|wire"
    rf"|reporter|correspondent))?\s*[).]?$",
    re.I,
)
WITH_STAFF = re.compile(
    rf"\b(?:[Ss]taff and|and|with|[Mm]it [Mm]aterial (?:von|vom|der)|[Ff]ür|[Ff]or|[Ff]rom)\s+(?:[Tt]he\s+)?"
    rf"(?P<credit>{_AGENCY_ALT})\b(?:\s+(?:writers?|reporters?))?"
)
AGENCY_COPYRIGHT = re.compile(
    rf"(?:©|\(c\)|copyright)\s*(?:©\s*)?(?:\d{{4}}\s*)?(?:by\s+)?(?:the\s+)?"
    rf"(?P<credit>{_AGENCY_ALT}|{_PR_ALT})\b",
    re.I,
)
# Photo credits are not story credits: "(AP Photo/Jane Doe)", "REUTERS/Name", "AFP via Getty Images".
PHOTO_CREDIT = re.compile(
    rf"\b(?:{_AGENCY_ALT})\s*(?:photo|foto|images?|pictures?|video|graphic)\b|\b(?:{_AGENCY_ALT})/[A-Z]"
    rf"|\b(?:{_AGENCY_ALT})\s+via\s+getty|(?:photo|foto|image|bild|picture|credit)s?\s*:?\s*(?:\w+\s+){{0,3}}"
    rf"(?:{_AGENCY_ALT})\b",
    re.I,
)
# Every branch of PHOTO_CREDIT needs one of these (or a "/"): without them the costly search cannot match.
_PHOTO_WORDS = ("photo", "foto", "image", "picture", "video", "graphic", "bild", "credit", "via")


def photo_credit(text: str) -> re.Match[str] | None:
    """`PHOTO_CREDIT.search(text)`, skipped when the text lacks every word the pattern needs."""
    if "/" not in text:
        low = text.lower()
        if not any(word in low for word in _PHOTO_WORDS):
            return None
    return PHOTO_CREDIT.search(text)


def wire_for(credit: str) -> Wire | None:
    found = BY_CREDIT.get(credit)
    if found is not None:
        return found
    low = credit.lower()
    return next((w for w in AGENCIES if any(c.lower() == low for c in w.credits)), None)
