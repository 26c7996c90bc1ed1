"""News agencies and press-release wires, as data: canonical name, the spellings used in credits, and the
agency's own domains (a wire story on the agency's own site is not a republication)."""

from __future__ import annotations

import re
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Wire:
    name: str
    credits: tuple[str, ...]  # case-sensitive spellings used in datelines and bylines
    domains: tuple[str, ...]
    kind: str = "wire"  # wire | press_release


AGENCIES: tuple[Wire, ...] = (
    Wire(
        "Associated Press",
        ("AP", "The Associated Press", "Associated Press", "ASSOCIATED PRESS"),
        ("apnews.com", "ap.org"),
    ),
    Wire("Reuters", ("Reuters", "REUTERS", "Thomson Reuters"), ("reuters.com", "thomsonreuters.com")),
    Wire("Agence France-Presse", ("AFP", "Agence France-Presse", "Agence France Presse"), ("afp.com",)),
    Wire("EFE", ("EFE", "Agencia EFE"), ("efe.com",)),
    Wire("dpa", ("dpa", "DPA", "Deutsche Presse-Agentur"), ("dpa.com", "dpa.de")),
    Wire("Press Trust of India", ("PTI", "Press Trust of India"), ("ptinews.com",)),
    Wire("ANI", ("ANI",), ("aninews.in",)),
    Wire("IANS", ("IANS",), ("ians.in",)),
    Wire("United Press International", ("UPI", "United Press International"), ("upi.com",)),
    Wire("Australian Associated Press", ("AAP", "Australian Associated Press"), ("aap.com.au",)),
    Wire("The Canadian Press", ("The Canadian Press", "Canadian Press"), ("thecanadianpress.com",)),
    Wire("PA Media", ("PA Media", "Press Association", "PA Wire"), ("pa.media",)),
    Wire("Sapa", ("Sapa", "SAPA", "South African Press Association"), ()),
    Wire("Xinhua", ("Xinhua", "XINHUA"), ("xinhuanet.com", "news.cn", "chinaview.cn")),
    Wire("Kyodo News", ("Kyodo", "Kyodo News"), ("kyodonews.net",)),
    Wire("ANSA", ("ANSA",), ("ansa.it",)),
    Wire("APA", ("APA", "APA-OTS"), ("apa.at",)),
    Wire("KNA", ("KNA",), ("kna.de",)),
    Wire("epd", ("epd",), ("epd.de",)),
    Wire("SDA", ("SDA", "Keystone-SDA", "ATS"), ("keystone-sda.ch",)),
    Wire("TASS", ("TASS", "ITAR-TASS"), ("tass.com", "tass.ru")),
    Wire("RIA Novosti", ("RIA Novosti",), ("ria.ru",)),
    Wire("Interfax", ("Interfax",), ("interfax.com", "interfax.ru")),
    Wire("Yonhap", ("Yonhap",), ("yna.co.kr",)),
    Wire("Anadolu Agency", ("Anadolu Agency", "Anadolu"), ("aa.com.tr",)),
    Wire("Bernama", ("Bernama", "BERNAMA"), ("bernama.com",)),
    Wire("Antara", ("Antara",), ("antaranews.com",)),
    Wire("Europa Press", ("Europa Press",), ("europapress.es",)),
    Wire("Lusa", ("Lusa",), ("lusa.pt",)),
    Wire("Belga", ("Belga",), ("belganewsagency.eu",)),
    Wire("Bloomberg News", ("Bloomberg News",), ("bloomberg.com",)),
    Wire("IDG News Service", ("IDG News Service",), ("idg.com",)),
    Wire("Thomson Financial News", ("Thomson Financial", "Thomson Financial News"), ()),
    Wire("Agencies", ("Agencies", "agencies", "AGENCIES", "Agencias", "agencias", "Agenturen"), ()),
    Wire(
        "Business Wire",
        ("Business Wire", "BUSINESS WIRE", "BusinessWire"),
        ("businesswire.com",),
        "press_release",
    ),
    Wire(
        "PR Newswire",
        ("PR Newswire", "PRNewswire", "PRNewswire-FirstCall", "PRNewswire-USNewswire"),
        ("prnewswire.com", "prnewswire.co.uk"),
        "press_release",
    ),
    Wire(
        "GlobeNewswire",
        ("GLOBE NEWSWIRE", "GlobeNewswire", "Globe Newswire"),
        ("globenewswire.com",),
        "press_release",
    ),
    Wire("Marketwired", ("Marketwired", "Marketwire", "MARKET WIRE"), ("marketwired.com",), "press_release"),
    Wire("PRWeb", ("PRWeb", "PRWEB"), ("prweb.com",), "press_release"),
    Wire("ACCESSWIRE", ("ACCESSWIRE", "Accesswire"), ("accesswire.com",), "press_release"),
    Wire("EIN Presswire", ("EIN Presswire", "EINPresswire"), ("einpresswire.com",), "press_release"),
    Wire("news aktuell", ("news aktuell", "ots"), ("presseportal.de", "newsaktuell.de"), "press_release"),
    Wire("Newsfile", ("Newsfile Corp.", "Newsfile"), ("newsfilecorp.com",), "press_release"),
    Wire("Canada NewsWire", ("CNW", "Canada NewsWire", "CNW Group"), ("newswire.ca",), "press_release"),
    Wire("JCN Newswire", ("JCN Newswire", "JCN"), ("jcnnewswire.com",), "press_release"),
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
    rf"(?P<credit>{_AGENCY_ALT})\b",
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
