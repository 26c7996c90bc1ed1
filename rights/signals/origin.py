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
    rf"^\W*(?:(?:the\s+)?\d{{1,2}}(?:st|nd|rd|th)?\s+(?:of\s+)?(?:{_MONTHS})\b|\d{{1,4}}\s*[./-]\s*\d|(?:19|20)\d\d\b"
    rf"|\d{{1,2}}(?:st|nd|rd|th)?\s*(?:[,.]|$)|(?:{_DAYS})\b|(?:{_MONTHS})\b\.?\s*\d|(?:{_MONTHS})\s+\d"
    rf"|(?:{_MONTHS})\s*(?:[,.]|$)|today|yesterday|date\b|\d{{1,2}}:\d\d|\d{{1,2}}\s*[ap]\.?m\b|noon|midnight"
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
    rf"\s*(?:(?<!\b[A-Z])(?<!\bInc)(?<!\bLtd)(?<!\bCo)(?<!\bSt)(?<!\bJr)(?<!\bMr)(?<!\bDr)[.;!?](?:\s|$)|:\s|,\s|\s[-–—|]\s|\s*[(\[]|\s+and\s+(?:is|has|was|are|were|republished|reprinted|reproduced|copyright|©|all rights"
    rf"|appears|used|shared|it|its|we|can|may|has been)\b|\s+under\b|\s+(?:on|in|at)\s+(?:(?:{_DAYS})|(?:{_MONTHS})|\d"
    rf"|the\s+\d|page)\b|\s+with\s+(?:the\s+)?(?:kind\s+)?permission|\s+by\s+permission|\s+as\s+part\s+of|\s+where\b"
    rf"|\s+which\b|\s+who\b|\s+titled\b|\s+entitled\b|\s+before\b|\s+after\b|\s+and\s+(?:has\s+been|is)\s+"
    rf"|\s+(?:19|20)\d\d\b|\s+(?:here|below)\b|\s+click\b|\s+read\b|\s+(?:is|was|are|were)\s+|\s+\d"
    rf"|\s+(?:last|this|next|earlier|later)\s+(?:week|month|year|spring|summer|autumn|fall|winter|season|morning"
    rf"|evening|night|\w+day)\b)",
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


# "the 'Ask Kytka' column at W.I.S.H.", "his weekly column in The Times": the column is not the publication.
_COLUMN = re.compile(
    r"^(?:the\s+)?(?:[\"“‘'«][^\"”’'»]{1,80}[\"”’'»]\s*|(?:a|an|the|his|her|their|our|its)\s+(?:[\w’'-]+\s+){0,3}?)"
    r"column\s+(?:at|in|of|on|for|with)\s+",
    re.I,
)
# "published in Spanish by X": the language of the original is not the publisher.
_LANGUAGE_BY = re.compile(
    r"^(?:english|spanish|french|german|italian|portuguese|dutch|polish|russian|chinese|japanese|arabic|korean"
    r"|turkish|hebrew|greek|swedish|danish|norwegian|finnish|czech|hungarian|romanian|ukrainian|persian|hindi"
    r"|catalan)\s+(?:by|on|in|at)\s+",
    re.I,
)
# A description rather than a name: an article or possessive followed by a lower-case word ("a talk first
# given at ...", "a not-for-profit press or scholarly society", "his blog").
_DESCRIPTION = re.compile(r"^(?:an?|the|his|her|their|its|one|some|several)\s+(?-i:[a-z])", re.I)
# Inside a description, the publication it names: "a talk ... published by X", "a newsletter run by X".
_NESTED = re.compile(
    r"\b(?:published|issued|released|produced|hosted|run|edited|printed|distributed|founded)\s+(?:by|in|on|at)"
    r"\s+(?P<rest>(?:the\s+)?(?-i:[A-Z0-9]).{1,120})",
    re.I,
)
# Origins that point at a site without naming it; the link they sit in says which.
GENERIC = frozenset(
    {
        "his blog", "her blog", "their blog", "the author's blog", "the author’s blog", "the authors blog",
        "his website", "her website", "their website", "his site", "her site", "his substack", "her substack",
        "the original", "the original article", "the original story", "the original post", "original article",
        "original story", "original post", "the source", "source", "the blog", "a blog", "here", "this link",
        "the link", "link", "the website", "website", "the site", "read more", "click here", "his newsletter",
        "her newsletter", "their newsletter", "his personal blog", "her personal blog", "the author's website",
        "the author’s website", "the author's site", "the author’s site", "my blog", "the book", "a book", "book",
    }
)  # fmt: skip
_NOT_A_NAME = frozenset(
    {
        "here", "this site", "this website", "this blog", "our site", "our website", "us", "me", "my blog",
        "the web", "the internet", "line", "online", "paper", "print", "the web site", "the site", "the page",
        "issue", "archive", "archives", "the archive", "the archives", "vault", "the vault", "the print edition",
        "其它媒体", "其他媒体", "其它网站", "其他网站", "网络", "互联网", "網路", "其他媒體", "他のメディア",
    }
)  # fmt: skip
_QUOTED = re.compile(r"^[\"“„«「『]([^\"”“»」』]{2,120})[\"”“»」』]")
_CJK_CUT = re.compile(r"[。，、；：！？（）()「」【】『』|｜]|\s[-–—]\s|\s{2,}")
_CJK_LEAD = re.compile(r"^(?:本文|本記事|この記事|この文章|本稿|本コラム|文章)(?:は|は、|、)?")


_ORGANISATION = re.compile(
    r"\b(?:radio|television|tv|institute|university|college|foundation|press|society|association|council|agency"
    r"|ministry|department|network|cent(?:er|re)|museum|library|magazine|journal|review|newspaper|bureau|office"
    r"|project|initiative|trust|fund|union|organi[sz]ation|commission|service|group)\b",
    re.I,
)


def looks_like_publication(name: str) -> bool:
    """A name that reads as a publication or an organisation, not a person ("Forests News", "Radio Brunei")."""
    return bool(_NEWSY.search(name) or _ORGANISATION.search(name) or "." in name)


def is_generic(name: str | None) -> bool:
    """Whether an origin is a pointer ("his blog", "the original article") that only its link can name."""
    return bool(name) and " ".join((name or "").lower().split()) in GENERIC


def clean_origin(rest: str, *, lang: str = "en") -> tuple[str | None, str | None]:
    """(name, url) from the words after a republication phrase: 'The Cradle. Read more' -> ('The Cradle', None).

    The name stops at the first clause boundary; a column named before the publication is skipped; a
    description ("a talk first given at ...") yields the publication it names further on, if any; a pointer
    ("his blog") is returned as written for the caller to resolve through its link.
    """
    rest = rest.strip()
    quoted = _QUOTED.match(rest)
    if quoted:  # a quoted title or name: "Pragmatic Unit Testing," by ... -> the words inside the quotes
        rest = quoted.group(1).strip(" ,.;:")
    rest = rest.strip("\"'“”‘’«»")
    url_match = _URL.match(rest)
    if url_match:
        url = url_match.group(0).rstrip(".,;:")
        if not url.lower().startswith("http"):
            return url.split("/")[0], None
        return None, url
    if lang in ("zh", "ja"):
        rest = _CJK_LEAD.sub("", rest)
        name = _CJK_CUT.split(rest, maxsplit=1)[0].strip()
        ok = 2 <= len(name) <= 40 and not is_date_like(name) and name not in _NOT_A_NAME
        return (name, None) if ok else (None, None)
    rest = _PREFIX.sub("", rest)
    rest = _LANGUAGE_BY.sub("", rest, count=1)
    rest = _COLUMN.sub("", rest, count=1)
    cut = _CUT.search(rest)
    name = rest[: cut.start()] if cut else rest
    name = name.strip().strip("\"'“”‘’«».,:;)]")
    if is_generic(name):
        return name, None
    if _DESCRIPTION.match(name):
        nested = _NESTED.search(rest)
        return clean_origin(nested.group("rest"), lang=lang) if nested else (None, None)
    if name.startswith("the ") and len(name) > 4 and name[4:5].isupper():
        name = name[4:]  # "from the Official Maps Blog": a lower-case article is not part of the name
    words = name.split()
    if len(words) > 8:
        name = " ".join(words[:8])
    if not name or is_date_like(name) or len(name) < 2 or name.lower() in _NOT_A_NAME:
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
