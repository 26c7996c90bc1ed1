"""Licences beyond Creative Commons, by URL and by name in text: the GNU Free Documentation License, the UK
Open Government Licence, Etalab's Licence Ouverte / Open Licence, and public-domain statements in words.

Ids follow SPDX, lower-cased as the project writes every licence id: `gfdl-1.1` / `gfdl-1.2` / `gfdl-1.3`
(SPDX's `-only` / `-or-later` suffixes are aliases in the policies), `ogl-uk-1.0` / `-2.0` / `-3.0`,
`etalab-2.0` (and `etalab-1.0`, which SPDX does not list). A name without a version gives the unversioned id
(`gfdl`, `ogl-uk`, `etalab`), which the policies resolve to the newest version with a note; a URL without a
version is the licence's current text. A statement that this work is in (or dedicated to) the public domain
reads as the Public Domain Mark, `pdm-1.0`, and one that names CC0 as `cc0-1.0`. Canada's and its provinces'
Open Government Licences are not the UK's. A mention in prose ("entered the public domain in 1998",
"public-domain images", "all works published before 1927 are in the public domain") is not a statement about
the page. Pure.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# (code, URL pattern with an optional version group, version of the unversioned URL)
_URLS: tuple[tuple[str, re.Pattern[str], str], ...] = (
    ("gfdl", re.compile(r"gnu\.org/(?:licenses/(?:old-licenses/)?|copyleft/)fdl(?:-(?P<ver>1\.[123]))?"
                        r"(?:\.[a-z]+|/|$|[?#])", re.I), "1.3"),
    ("ogl-uk", re.compile(r"nationalarchives\.gov\.uk/doc/open-government-licen[cs]e(?:/version/(?P<ver>[123]))?",
                          re.I), "3.0"),
    ("etalab", re.compile(r"etalab\.gouv\.fr/(?:licence-ouverte-open-licence|wp-content/uploads/\d{4}/\d{2}/"
                          r"etalab-licence-ouverte-v(?P<ver>[12]\.0))|github\.com/etalab/licence-ouverte", re.I), "2.0"),
)  # fmt: skip
# (code, name pattern with optional version groups `ver` / `ver2` / `ver3`), several languages per row.
_NAMES: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("gfdl", re.compile(
        r"\bGNU\s+Free\s+Doc(?:umentation)?\.?\s+Licen[cs]e(?:[\s,(]+(?:v(?:ersion)?\.?\s*)?(?P<ver>1\.[123]))?"
        r"|\bGNU\s+FDL(?:[\s-]*v?(?P<ver2>1\.[123]))?|\bG?FDL[-\s]*v?(?P<ver3>1\.[123])\b|\bGFDL\b"
        r"|\blicen(?:ce|cia|ça|za)\s+(?:GNU\s+)?(?:de\s+|per\s+(?:la\s+)?)?documenta(?:tion|ci[óo]n|[çc][ãa]o|zione)\s+"
        r"li(?:bre|vre|bera)(?:\s+(?:de\s+|do\s+)?GNU)?(?:,?\s+(?:v(?:ersion|ersión|ersão|ersione)?\.?\s*)?"
        r"(?P<ver4>1\.[123]))?|\bGNU[-\s]Lizenz\s+f[üu]r\s+freie\s+Dokumentation(?:,?\s+(?:v(?:ersion)?\.?\s*)?"
        r"(?P<ver5>1\.[123]))?", re.I)),
    ("ogl-uk", re.compile(
        r"\bOpen\s+Government\s+Licen[cs]e(?!\s*[-–—,(]\s*(?:Canada|British\s+Columbia|Alberta|Ontario|Nova\s+Scotia"
        r"|New\s+Brunswick|Prince\s+Edward|Newfoundland|Saskatchewan|Manitoba|Yukon|Qu[ée]bec))"
        r"(?:\s+(?:for\s+public\s+sector\s+information\s+)?\(?(?:v(?:ersion)?\.?\s*)?(?P<ver>[123])(?:\.0)?)?"
        r"|\bOGL[-\s]UK[-\s](?P<ver2>[123])\.0\b|\bOGL\s*v?(?P<ver3>[123])(?:\.0)?\b", re.I)),
    ("etalab", re.compile(
        r"\bLicence\s+Ouverte(?:\s*/\s*Open\s+Licen[cs]e)?(?:\s+(?:d['’]Etalab\s+)?(?:v(?:ersion)?\.?\s*)?"
        r"(?P<ver>[12])(?:\.0)?)?|\bOpen\s+Licen[cs]e\s+(?:v(?:ersion)?\s*)?(?P<ver2>[12])\.0\s+(?:d.|of\s+|by\s+)?"
        r"Etalab|\bEtalab(?:\s+Open\s+Licen[cs]e)?[-\s]+v?(?P<ver3>[12])\.0\b|\bEtalab\s+Open\s+Licen[cs]e\b"
        r"|\blicence\s+(?:ouverte\s+)?(?:d['’])?Etalab\b", re.I)),
)  # fmt: skip
# A statement that this work is in the public domain: a verb phrase per language (the subject is checked apart).
_PUBLIC_DOMAIN = re.compile(
    r"\b(?:is|are|was|were|has\s+been|have\s+been)\s+(?:hereby\s+)?(?:(?:placed|released|dedicated|put|committed)"
    r"\s+)?(?:in|into|to)\s+the\s+public\s+domain\b"
    r"|\b(?:dedicat|releas|plac|put|committ)(?:e|es|ed|ing|s)?\s+(?:\w+\s+){0,4}?(?:in|into|to)\s+the\s+public\s+"
    r"domain\b"
    r"|\b(?:est|sont)\s+(?:plac[ée]e?s?\s+|vers[ée]e?s?\s+|mise?s?\s+)?(?:dans|sous)\s+le\s+domaine\s+public\b"
    r"|\b(?:je|nous)\s+(?:pla[çc]ons|pla[çc]e|versons|verse)\b[^.;]{0,60}?\bdans\s+le\s+domaine\s+public\b"
    r"|\b(?:ist|sind)\s+(?:hiermit\s+)?gemeinfrei\b|\bin\s+die\s+Gemeinfreiheit\s+entlassen\b"
    r"|\b(?:est[áa]n?|se\s+encuentran?)\s+en\s+(?:el\s+)?dominio\s+p[úu]blico\b"
    r"|\b(?:liberad|cedid|dedicad)[oa]s?\s+al\s+dominio\s+p[úu]blico\b"
    r"|\b(?:[èe]|sono)\s+(?:di|nel|in)\s+pubblico\s+dominio\b|\b(?:rilasciat|post|dedicat)[oaie]\s+(?:nel|al|in)\s+"
    r"pubblico\s+dominio\b"
    r"|\b(?:est[áa]|est[ãa]o|encontra-se|encontram-se)\s+em\s+dom[íi]nio\s+p[úu]blico\b"
    r"|\b(?:liberad|dedicad|colocad)[oa]s?\s+(?:em|no|ao)\s+dom[íi]nio\s+p[úu]blico\b"
    r"|\b(?:is|zijn)\s+(?:vrijgegeven\s+)?in\s+het\s+publieke?\s+domein\b",
    re.I,
)
# The statement must point at this work: a self-reference in the clause, or a first-person dedication.
_SELF = re.compile(
    r"\b(?:this|these|our|my|here|hereby|I|we|dieser|diese|dieses|unsere?[nmrs]?|ce|cet|cette|ces|notre|nos|je|nous"
    r"|este|esta|estos|estas|nuestr[oa]s?|questo|questa|questi|queste|nostr[oiae]|deze|dit|onze|ons)\b",
    re.I,
)
_CC0_NAMED = re.compile(r"\bCC0\b|\bCC\s+Zero\b|Creative\s+Commons\s+Zero", re.I)
# Cheap gate words: a block without any of them names none of these licences.
WORDS = ("gnu free", "gnu fdl", "gnu-lizenz", "gfdl", "fdl-1", "fdl 1", "documentation libre", "documentación libre",
         "documentação livre", "documentazione libera", "government licen", "ogl-uk", "ogl v", "ogl 1", "ogl 2",
         "ogl 3", "licence ouverte", "open licen", "etalab", "public domain", "domaine public", "gemeinfrei",
         "dominio público", "dominio publico", "pubblico dominio", "domínio público", "publieke domein",
         "publiek domein")  # fmt: skip


@dataclass(frozen=True, slots=True)
class OpenLicense:
    """A licence outside Creative Commons, as found; `start` / `end` span its name in the text read."""

    code: str  # gfdl | ogl-uk | etalab | mark (a public-domain statement) | zero (CC0 named in one)
    version: str | None
    url: str | None
    start: int = 0
    end: int = 0


def _version(match: re.Match[str]) -> str | None:
    for group in ("ver", "ver2", "ver3", "ver4", "ver5"):
        value = match.groupdict().get(group)
        if value:
            return value if "." in value else f"{value}.0"
    return None


def parse_open_license_url(url: str) -> OpenLicense | None:
    """The licence a URL points to (`https://www.gnu.org/licenses/fdl-1.3.html` -> GFDL 1.3)."""
    low = url.lower()
    if "gnu.org" not in low and "nationalarchives" not in low and "etalab" not in low:
        return None
    for code, pattern, latest in _URLS:
        match = pattern.search(url)
        if match:
            return OpenLicense(code, _version(match) or latest, url)
    return None


def find_open_names(text: str) -> list[OpenLicense]:
    """Every GNU FDL, Open Government Licence and Licence Ouverte named in `text`, and the public-domain
    statements about this work, in text order."""
    found = [
        OpenLicense(code, _version(match), None, match.start(), match.end())
        for code, pattern in _NAMES
        for match in pattern.finditer(text)
    ]
    for match in _PUBLIC_DOMAIN.finditer(text):
        head = text[max(0, match.start() - 120) : match.start()]
        clause = re.split(r"[.!?;]\s", head)[-1]
        if _SELF.search(clause + match.group(0)):
            code = "zero" if _CC0_NAMED.search(text[match.start() : match.end() + 80]) else "mark"
            found.append(OpenLicense(code, "1.0", None, match.start(), match.end()))
    return sorted(found, key=lambda f: f.start)


def parse_open_license_text(text: str) -> OpenLicense | None:
    """The first licence a text names, or a public-domain statement about this work."""
    found = find_open_names(text)
    return found[0] if found else None


def open_license_id(found: OpenLicense) -> str:
    """The project's id: SPDX lower-cased (`gfdl-1.3`, `ogl-uk-3.0`, `etalab-2.0`), or `pdm-1.0` / `cc0-1.0`."""
    if found.code == "mark":
        return "pdm-1.0"
    if found.code == "zero":
        return "cc0-1.0"
    return f"{found.code}-{found.version}" if found.version else found.code


def canonical_url(found: OpenLicense) -> str | None:
    """The licence's page: the version's own page, or the current one for an unversioned name."""
    if found.code == "gfdl":
        if found.version in ("1.1", "1.2"):
            return f"https://www.gnu.org/licenses/old-licenses/fdl-{found.version}.html"
        return f"https://www.gnu.org/licenses/fdl-{found.version}.html" if found.version else _LATEST["gfdl"]
    if found.code == "ogl-uk":
        if found.version is None:
            return _LATEST["ogl-uk"]
        return f"https://www.nationalarchives.gov.uk/doc/open-government-licence/version/{found.version[0]}/"
    if found.code == "etalab":
        return _LATEST["etalab"]
    return None


_LATEST = {
    "gfdl": "https://www.gnu.org/licenses/fdl.html",
    "ogl-uk": "https://www.nationalarchives.gov.uk/doc/open-government-licence/",
    "etalab": "https://www.etalab.gouv.fr/licence-ouverte-open-licence",
}
