"""Licences beyond Creative Commons, by URL and by name in text: the GNU Free Documentation License, the UK
Open Government Licence, Etalab's Licence Ouverte / Open Licence, and public-domain statements in words.

Ids follow SPDX, lower-cased as the project writes every licence id: `gfdl-1.3`, `ogl-uk-3.0`, `etalab-2.0`;
a statement that the work is in (or dedicated to) the public domain reads as the Public Domain Mark,
`pdm-1.0`, and one that names CC0 as `cc0-1.0`. A mention in prose ("entered the public domain in 1998",
"public-domain images") is not a statement about the page. Pure.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# (code, URL pattern with an optional version group, default version)
_URLS: tuple[tuple[str, re.Pattern[str], str], ...] = (
    ("gfdl", re.compile(r"gnu\.org/(?:licenses|copyleft)/fdl(?:-(?P<ver>1\.[123]))?(?:\.html|\.txt)?", re.I), "1.3"),
    ("ogl-uk", re.compile(r"nationalarchives\.gov\.uk/doc/open-government-licen[cs]e(?:/version/(?P<ver>[123]))?",
                          re.I), "3.0"),
    ("etalab", re.compile(r"etalab\.gouv\.fr/(?:licence-ouverte-open-licence|wp-content/uploads/\d{4}/\d{2}/"
                          r"etalab-licence-ouverte-v(?P<ver>[12]\.0))|github\.com/etalab/licence-ouverte", re.I), "2.0"),
)  # fmt: skip
# (code, name pattern with an optional version group, default version)
_NAMES: tuple[tuple[str, re.Pattern[str], str], ...] = (
    ("gfdl", re.compile(r"\bGNU\s+Free\s+Documentation\s+Licen[cs]e(?:[\s,]+(?:v(?:ersion)?\.?\s*)?(?P<ver>1\.[123]))?"
                        r"|\bGNU\s+FDL(?:\s*v?(?P<ver2>1\.[123]))?|\bGFDL(?:[-\s]*v?(?P<ver3>1\.[123]))?", re.I), "1.3"),
    ("ogl-uk", re.compile(r"\bOpen\s+Government\s+Licen[cs]e(?:\s+(?:for\s+public\s+sector\s+information\s+)?"
                          r"(?:v(?:ersion)?\s*)?(?P<ver>[123])(?:\.0)?)?|\bOGL(?:\s*v?(?P<ver2>[123])(?:\.0)?)\b"),
     "3.0"),
    ("etalab", re.compile(r"\bLicence\s+Ouverte(?:\s*/\s*Open\s+Licen[cs]e)?(?:\s+(?:v(?:ersion)?\.?\s*)?"
                          r"(?P<ver>[12])(?:\.0)?)?|\bOpen\s+Licen[cs]e\s+(?:v(?:ersion)?\s*)?(?P<ver2>[12])\.0\s+"
                          r"(?:d.|of\s+)?Etalab|\bEtalab(?:[-\s]+(?P<ver3>[12])\.0)?\b", re.I), "2.0"),
)  # fmt: skip
_DEFAULT_LABEL = {"gfdl": "GNU Free Documentation License", "ogl-uk": "Open Government Licence",
                  "etalab": "Licence Ouverte / Open Licence"}  # fmt: skip
# "This work is in the public domain", "dedicated to the public domain", "released into the public domain",
# "Ce texte est dans le domaine public", "gemeinfrei" (in a claim about this work).
_PUBLIC_DOMAIN = re.compile(
    r"\b(?:this|the|these|our|all)\s+(?:\w+\s+){0,3}?(?:work|works|article|articles|text|texts|post|posts|story"
    r"|content|contents|site|website|blog|material|materials|page|pages|essay|transcript|document)s?\s+"
    r"(?:is|are|has been|have been)\s+(?:hereby\s+)?(?:placed\s+|released\s+|dedicated\s+|put\s+)?(?:in|into|to)\s+"
    r"the\s+public\s+domain"
    r"|\b(?:I|we|the author|the authors)\s+(?:hereby\s+)?(?:dedicate|release|place|put)s?\s+(?:this\s+\w+|it|them"
    r"|the\s+\w+|all\s+\w+)\s+(?:in|into|to)\s+the\s+public\s+domain"
    r"|\b(?:released|dedicated|placed)\s+(?:in|into|to)\s+the\s+public\s+domain\s+(?:by|under)\b"
    r"|\bpublic\s+domain\s+dedication\b"
    r"|\b(?:ce|cet|cette|les)\s+(?:\w+\s+){0,2}(?:texte|article|œuvre|contenu)s?\s+(?:est|sont)\s+(?:placée?s?\s+)?"
    r"dans\s+le\s+domaine\s+public"
    r"|\b(?:dieser|diese|dieses|alle)\s+(?:\w+\s+){0,2}(?:text|artikel|werk|inhalte?|beitrag)e?\s+(?:ist|sind)\s+"
    r"gemeinfrei",
    re.I,
)
_CC0_NAMED = re.compile(r"\bCC0\b|\bCC\s+Zero\b|Creative\s+Commons\s+Zero", re.I)
# A block holding none of these names no licence above ("ogl" alone is in every "Google").
WORDS = ("gnu free", "gnu fdl", "gfdl", "government licen", " ogl", "licence ouverte", "open licen", "etalab",
         "public domain", "domaine public", "gemeinfrei")  # fmt: skip


@dataclass(frozen=True, slots=True)
class OpenLicense:
    """A licence outside Creative Commons, as found."""

    code: str  # gfdl | ogl-uk | etalab | mark (a public-domain statement)
    version: str
    url: str | None


def _version(match: re.Match[str], default: str) -> str:
    for group in ("ver", "ver2", "ver3"):
        value = match.groupdict().get(group)
        if value:
            return value if "." in value else f"{value}.0"
    return default


# Every licence URL above holds one of these (checked first, as plain substrings: most links hold none, and a
# case-insensitive regex alternation over a page's addresses costs a hundred times more).
_URL_HOSTS = ("gnu.org", "nationalarchives.gov.uk", "etalab")


def mentions_license_host(urls: str) -> bool:
    """Whether any of some addresses (joined) is on a host of the licences above."""
    low = urls.lower()
    return any(host in low for host in _URL_HOSTS)


def parse_open_license_url(url: str) -> OpenLicense | None:
    """The licence a URL points to (`https://www.gnu.org/licenses/fdl-1.3.html` -> GFDL 1.3)."""
    if not mentions_license_host(url):
        return None
    for code, pattern, default in _URLS:
        match = pattern.search(url)
        if match:
            return OpenLicense(code, _version(match, default), url)
    return None


def parse_open_license_text(text: str) -> OpenLicense | None:
    """The licence a statement names, or a public-domain statement about this work."""
    for code, pattern, default in _NAMES:
        match = pattern.search(text)
        if match:
            return OpenLicense(code, _version(match, default), None)
    if _PUBLIC_DOMAIN.search(text):
        return OpenLicense("zero" if _CC0_NAMED.search(text) else "mark", "1.0", None)
    return None


def open_license_id(found: OpenLicense) -> str:
    """The project's id: SPDX lower-cased (`gfdl-1.3`, `ogl-uk-3.0`, `etalab-2.0`), or `pdm-1.0` / `cc0-1.0`."""
    if found.code == "mark":
        return "pdm-1.0"
    if found.code == "zero":
        return "cc0-1.0"
    return f"{found.code}-{found.version}"


def canonical_url(found: OpenLicense) -> str | None:
    if found.code == "gfdl":
        return f"https://www.gnu.org/licenses/fdl-{found.version}.html"
    if found.code == "ogl-uk":
        return f"https://www.nationalarchives.gov.uk/doc/open-government-licence/version/{found.version[0]}/"
    if found.code == "etalab":
        return "https://www.etalab.gouv.fr/licence-ouverte-open-licence"
    return None
