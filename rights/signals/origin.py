"""Reading an origin's name out of the words that follow a republication phrase, and out of bylines. Pure."""

from __future__ import annotations

import re

_MONTHS = (
    "january|february|march|april|may|june|july|august|september|october|november|december|jan|feb|mar|apr|jun"
    "|jul|aug|sep|sept|oct|nov|dec|januar|februar|märz|mai|juni|juli|oktober|dezember|janvier|février|mars|avril"
    "|juin|juillet|août|septembre|octobre|novembre|décembre|enero|febrero|marzo|abril|mayo|junio|julio|agosto"
    "|septiembre|octubre|noviembre|diciembre"
)
_DAYS = (
    "monday|tuesday|wednesday|thursday|friday|saturday|sunday|montag|dienstag|mittwoch|donnerstag|freitag|samstag"
    "|sonntag|lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche|lunes|martes|miércoles|jueves|viernes|sábado"
    "|domingo"
)
_DATE_START = re.compile(
    rf"^\W*(?:(?:the\s+)?\d|(?:{_DAYS})\b|(?:{_MONTHS})\b\.?\s*\d|(?:{_MONTHS})\s+\d|today|yesterday|date\b"
    rf"|this (?:date|day|week|month|year)|(?:last|earlier this|next) (?:week|month|year)|(?:le|el|am|den)\s+\d)",
    re.I,
)
_PREFIX = re.compile(
    r"^(?:(?:adapted|excerpted|reprinted|taken|abridged)\s+from|(?:on\s+)?page\s+\w+\s+of|the\s+\w+\s+(?:\d{4}\s+)?(?:issue|edition)\s+of|issue\s+\S+\s+of"
    r"|an?\s+(?:earlier|shorter|longer|different|slightly different|edited|abridged)\s+(?:version|form)\s+(?:in|on|at|by)"
    r"|the\s+(?:website|site|blog|pages)\s+of|the\s+(?:online\s+)?(?:website|site|blog)|our\s+(?:partner|friends)\s+(?:at|from)"
    r"|(?:our|his|her|their)\s+(?:partners?|friends|colleagues)\s+(?:at|from)|(?:the\s+)?(?:partner\s+)?site)\s+",
    re.I,
)
_CUT = re.compile(
    rf"\s*(?:(?<!\b[A-Z])(?<!\bInc)(?<!\bLtd)(?<!\bCo)(?<!\bSt)(?<!\bJr)(?<!\bMr)(?<!\bDr)[.;!?](?:\s|$)|:\s|,\s|\s[-–—|]\s|\s*[(\[]|\s+and\s+(?:is|has|was|are|were|republished|reprinted|reproduced"
    rf"|appears|used|shared|it|its|we|can|may|has been)\b|\s+under\b|\s+(?:on|in|at)\s+(?:(?:{_DAYS})|(?:{_MONTHS})|\d"
    rf"|the\s+\d|page)\b|\s+with\s+(?:the\s+)?(?:kind\s+)?permission|\s+by\s+permission|\s+as\s+part\s+of|\s+where\b"
    rf"|\s+which\b|\s+who\b|\s+titled\b|\s+entitled\b|\s+before\b|\s+after\b|\s+and\s+(?:has\s+been|is)\s+"
    rf"|\s+(?:19|20)\d\d\b|\s+(?:here|below)\b|\s+click\b|\s+read\b|\s+(?:is|was|are|were)\s+|\s+\d)",
    re.I,
)
_URL = re.compile(r"^(?:https?://|www\.)[^\s<>\"')\]]+", re.I)
_NEWSY = re.compile(
    r"\b(?:news|times|post|journal|tribune|herald|insider|magazine|daily|press|media|review|gazette|telegraph"
    r"|guardian|chronicle|observer|wire|radio|tv|network|report|today|weekly|monitor|standard|express|mail|star"
    r"|record|register|bulletin|courier|dispatch|inquirer|examiner|independent|nation|globe|atlantic|economist"
    r"|conversation|futurism|vox|wired|forbes|verge|axios|politico|bloomberg|zeit|spiegel|welt|monde|figaro"
    r"|país|mundo|stern|focus|handelsblatt|agency|agencies|service|zdnet|cnet|engadget|gizmodo|mashable"
    r"|techcrunch|slate|salon|quartz|medium|blog|online|\.com|\.org|\.net)\b",
    re.I,
)
_ROLES = re.compile(
    r"\b(?:staff|writer|reporter|editor|correspondent|columnist|contributor|contributing|senior|freelance|guest"
    r"|author|special|intern|fellow|producer|photographer|analyst|professor|phd|md|ceo|cto|founder|director"
    r"|manager|student|assistant|associate|chief|head|executive|president|lecturer|researcher|expert)\b",
    re.I,
)
_BYLINE = re.compile(
    r"^(?:by\s+|von\s+|par\s+|por\s+)?(?P<person>[A-ZÀ-Ý][\w'’.\-]+(?:\s+(?:[A-ZÀ-Ý][\w'’.\-]+|de|van|von|da|del|der"
    r"|la|le|bin|al)){1,3})\s*(?:,|\||—|–|\s-\s|/)\s*(?:for\s+)?(?P<outlet>[^,|]{2,50}?)\s*$"
)


def is_date_like(rest: str) -> bool:
    return bool(_DATE_START.match(rest.strip()))


def clean_origin(rest: str) -> tuple[str | None, str | None]:
    """(name, url) from the words after a republication phrase: 'The Cradle. Read more' -> ('The Cradle', None)."""
    rest = rest.strip().strip("\"'“”‘’«»")
    url_match = _URL.match(rest)
    if url_match:
        url = url_match.group(0).rstrip(".,;:")
        if not url.lower().startswith("http"):
            return url.split("/")[0], None
        return None, url
    rest = _PREFIX.sub("", rest)
    cut = _CUT.search(rest)
    name = rest[: cut.start()] if cut else rest
    name = name.strip().strip("\"'“”‘’«».,:;)]")
    if name.startswith("the ") and len(name) > 4 and name[4:5].isupper():
        name = name[4:]  # "from the Official Maps Blog": a lower-case article is not part of the name
    words = name.split()
    if len(words) > 8:
        name = " ".join(words[:8])
    if not name or is_date_like(name) or len(name) < 2:
        return None, None
    if name.lower() in (
        "here",
        "this site",
        "this website",
        "this blog",
        "our site",
        "our website",
        "us",
        "me",
        "my blog",
        "the web",
        "the internet",
        "line",
        "online",
        "paper",
        "print",
    ):
        return None, None
    return name, None


def outlet_of_byline(text: str) -> str | None:
    """'By Sandee LaMotte, CNN' -> 'CNN'; None for roles and places ('Jane Doe, Staff Writer')."""
    match = _BYLINE.match(text.strip())
    if not match:
        return None
    outlet = match.group("outlet").strip(" .")
    if not outlet or _ROLES.search(outlet) or any(ch.isdigit() for ch in outlet) or is_date_like(outlet):
        return None
    words = outlet.split()
    if len(words) > 5 or not outlet[0].isupper():
        return None
    acronym = re.fullmatch(r"[A-Z]{3,5}", outlet) is not None and outlet not in (
        "USA",
        "AND",
        "THE",
        "LLC",
        "INC",
    )
    if not (acronym or _NEWSY.search(outlet)):
        return None
    return outlet
