"""Licence detection: Creative Commons by URL (every family and version, ports, deeds, legal code, CC0, the
Public Domain Mark), badge images and icon sets, `rel=license` (a token list) on `<a>` and `<link>`, JSON-LD
`license`, Dublin Core, and licence statements in text (several languages). Each licence gets a scope:
`article`, `site` (a site-wide footer or sidebar), `images` (a caption or a badge next to a picture) or `other`.
A licence inside an HTML comment, or in a reader's comment, is not the page's licence. Pure.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from rights.models import Evidence, Zone
from rights.page.jsonld import types_of, urls
from rights.page.metadata import ARTICLE_TYPES
from rights.page.models import Page, TextBlock
from rights.signals import open_licenses
from rights.signals.common import IMAGE_WORDS, PageText, block_evidence, clip, link_evidence, meta_evidence
from rights.signals.models import License, Rejected

# ------------------------------------------------------------------------------------------ URL forms

_CC_LICENSE = re.compile(
    r"creativecommons\.org/licen[cs]es/(?P<code>[a-z+\-]+)/(?P<ver>\d\.\d)(?:/(?P<jur>[a-z]{2}(?:-[a-z]{2})?|igo"
    r"|scotland)(?=/|$|[?#]))?",
    re.I,
)
_CC_PUBLIC = re.compile(r"creativecommons\.org/publicdomain/(?P<kind>zero|mark)/(?P<ver>\d\.\d)", re.I)
_CC_RETIRED_PD = re.compile(r"creativecommons\.org/licen[cs]es/publicdomain", re.I)
_CC_BADGE = re.compile(
    r"(?:i\.creativecommons\.org|licensebuttons\.net|creativecommons\.org/images/public)/(?P<lp>[lp])/"
    r"(?P<code>[a-z+\-]+)/(?P<ver>\d\.\d)(?:/(?P<jur>[a-z]{2}(?:-[a-z]{2})?))?/",
    re.I,
)
_PRESSKIT_BUTTON = re.compile(r"presskit/buttons/\d+x\d+/(?:svg|png)/(?P<code>[a-z\-]+)\.(?:svg|png)", re.I)
_PRESSKIT_ICON = re.compile(r"presskit/icons/(?P<el>cc|by|nc|nc-eu|nc-jp|nd|sa|zero|pd)\.(?:svg|png)", re.I)

_CODE_ORDER = {"by": 0, "nc": 1, "nd": 2, "sa": 3}
_OPEN_CODES = {"gfdl": "gnu", "ogl-uk": "ogl", "etalab": "etalab"}  # licences beyond CC, and their family
_KNOWN_CODES = {"by", "by-sa", "by-nd", "by-nc", "by-nc-sa", "by-nc-nd", "nd", "nc", "sa", "nc-nd", "nc-sa"}


def normalize_code(code: str) -> str:
    """`by-nd-nc` (CC 1.0's spelling) -> `by-nc-nd`; elements in canonical order."""
    parts = [p for p in code.lower().split("-") if p]
    if all(p in _CODE_ORDER for p in parts):
        parts = sorted(set(parts), key=_CODE_ORDER.__getitem__)
    return "-".join(parts)


def license_id(code: str, version: str | None) -> str:
    if code in _OPEN_CODES:
        return f"{code}-{version}"
    code = normalize_code(code)
    if code in ("zero", "cc0"):
        return f"cc0-{version or '1.0'}"
    if code in ("mark", "pdm"):
        return f"pdm-{version or '1.0'}"
    return f"cc-{code}-{version}" if version else f"cc-{code}"


@dataclass(frozen=True, slots=True)
class _Parsed:
    code: str
    version: str | None
    jurisdiction: str | None
    url: str | None


def parse_license_url(url: str) -> _Parsed | None:
    """Read a Creative Commons licence, deed, legal code or badge URL."""
    low = url.lower()
    if "creativecommons" not in low and "licensebuttons" not in low:
        return None
    match = _CC_LICENSE.search(url)
    if match:
        code = normalize_code(match.group("code"))
        if code in _KNOWN_CODES or code.startswith(("by", "nc", "nd", "sa")):
            jur = match.group("jur")
            return _Parsed(code, match.group("ver"), jur.lower() if jur else None, url)
        return None
    match = _CC_PUBLIC.search(url)
    if match:
        return _Parsed(match.group("kind").lower(), match.group("ver"), None, url)
    if _CC_RETIRED_PD.search(url):
        return _Parsed("publicdomain", None, None, url)
    match = _CC_BADGE.search(url)
    if match:
        jur = match.group("jur")
        return _Parsed(
            normalize_code(match.group("code")), match.group("ver"), jur.lower() if jur else None, None
        )
    match = _PRESSKIT_BUTTON.search(url)
    if match:
        code = match.group("code").lower().replace("cc-", "")
        return _Parsed(normalize_code(code), None, None, None)
    return None


# ----------------------------------------------------------------------------------------- text forms

_ELEMENT_WORDS: tuple[tuple[str, str], ...] = (
    ("nc", r"non-?\s?commercial|noncommercial|nicht[-\s]?kommerziell|pas d.utilisation commerciale|no\s?comercial"
           r"|non\s?commerciale|n[ãa]o\s?comercial|niet\s?commercieel|非営利|非商業|非商业|niekomercyjne|\bnc\b"),
    ("nd", r"no\s?deriv\w*|no derivative works|keine bearbeitung\w*|pas de modification|sin\s?obra\s?derivada"
           r"|sin\s?derivadas|non opere derivate|sem\s?deriva\w+|geen\s?afgeleide\s?werken|改変禁止|禁止改作|禁止演绎"
           r"|bez utworów zależnych|\bnd\b"),
    ("sa", r"share[-\s]?alike|weitergabe unter gleichen bedingungen|partage dans les m[êe]mes conditions"
           r"|compartir\s?igual|condividi allo stesso modo|compartilha\s?igual|gelijk\s?delen|継承|相同方式共享"
           r"|na tych samych warunkach|\bsa\b"),
    ("by", r"attribution|namensnennung|paternit[ée]|reconocimiento|atribuci[óo]n|atribui[çc][ãa]o|attribuzione"
           r"|naamsvermelding|uznanie autorstwa|表示|姓名標示|署名|\bby\b"),
)  # fmt: skip
_ELEMENTS = [(code, re.compile(pattern, re.I)) for code, pattern in _ELEMENT_WORDS]
_CC_TEXT = re.compile(
    r"creative\s?commons|クリエイティブ・コモンズ|創用CC|知识共享|\(cc\)\s?by|\bcc[-\s]?(?:by|0\b|zero)", re.I
)
_CC0_TEXT = re.compile(r"\bcc[-\s]?(?:0|zero)\b|public domain dedication", re.I)
_PDM_TEXT = re.compile(r"public domain mark", re.I)
_VERSION = re.compile(r"(?:\bv(?:ersion)?\s?)?\b([1-4]\.[05])\b")
_JURISDICTIONS = {
    "united states": "us", "deutschland": "de", "germany": "de", "österreich": "at", "austria": "at",
    "schweiz": "ch", "switzerland": "ch", "france": "fr", "españa": "es", "spain": "es", "italia": "it",
    "italy": "it", "nederland": "nl", "netherlands": "nl", "england": "uk", "scotland": "scotland",
    "japan": "jp", "australia": "au", "canada": "ca", "brasil": "br", "brazil": "br", "polska": "pl",
    "igo": "igo",
}  # fmt: skip
_JUR_TEXT = re.compile(r"\b(" + "|".join(_JURISDICTIONS) + r")\b", re.I)
_STATEMENT = re.compile(
    r"licen[cs]ed|licen[cs]e|lizen[sz]|สัญญาอนุญาต|\b(?:cc|creative commons)\W{0,3}(?:by|0|zero)\b|licencia|licence|lisenssi|ライセンス|授權|许可|under a|unter (?:der|einer)|sous"
    r"|bajo|some rights reserved|einige rechte vorbehalten|available under|published under|veröffentlicht unter",
    re.I,
)


# A licence statement about another work on the page: a report, a dataset, slides, a photo, a map.
_OTHER_WORK = re.compile(
    r"\b(?:the|our|these|that|those|its|their)\s+(?:[\w-]+\s+){0,2}(?:report|dataset|data\s*set|data|slides?"
    r"|maps?|photos?|photographs?|images?|pictures?|videos?|book|paper|study|software|code|font|template|podcast"
    r"|episode|graphic|illustrations?|charts?|toolkit|database|designs?|models?|files?)s?\b[^.;]{0,60}"
    r"\b(?:is|are|was|were)\s+(?:\w+\s+)?(?:available|licen[cs]ed|released|published|distributed|shared|made available)"
    r"\s+under",
    re.I,
)
# In the article body a licence link must come with a claim about this work, not a mere mention.
_CLAIM = re.compile(
    r"licen[cs]ed under|(?:is|are)\s+(?:available\s+|published\s+|released\s+|distributed\s+|made available\s+)?"
    r"under|this (?:work|article|post|story|content|text|piece|essay)|some rights reserved|veröffentlicht unter"
    r"|lizenziert|steht unter|sous (?:la )?licence|bajo (?:una |la )?licencia|republished under|shared under",
    re.I,
)


def parse_license_text(text: str) -> _Parsed | None:
    """Read a licence statement such as 'licensed under a Creative Commons Attribution-ShareAlike 3.0 License'."""
    match = _CC_TEXT.search(text)
    if not match:
        return None
    tail = text[match.start() : match.start() + 220]
    if _PDM_TEXT.search(tail):
        return _Parsed("mark", "1.0", None, None)
    if _CC0_TEXT.search(tail[:40]):
        return _Parsed("zero", "1.0", None, None)
    found = {code for code, pattern in _ELEMENTS if pattern.search(tail)}
    if not found:
        return None
    found.add("by")
    code = normalize_code("-".join(found))
    version = _VERSION.search(tail)
    jur = _JUR_TEXT.search(tail)
    return _Parsed(
        code,
        version.group(1) if version else None,
        _JURISDICTIONS[jur.group(1).lower()] if jur else None,
        None,
    )


def _icon_set(srcs: Iterable[str]) -> _Parsed | None:
    """A licence drawn as separate icons (cc, by, nc, sa ...)."""
    elements = set()
    for src in srcs:
        match = _PRESSKIT_ICON.search(src)
        if match:
            elements.add(match.group("el").lower().split("-")[0])
    if "zero" in elements:
        return _Parsed("zero", "1.0", None, None)
    if "pd" in elements:
        return _Parsed("mark", "1.0", None, None)
    if "by" not in elements:
        return None
    return _Parsed(normalize_code("-".join(elements - {"cc"})), None, None, None)


# -------------------------------------------------------------------------------------------- scope


def _scope(zone: Zone, in_article: bool, context: str) -> str | None:
    """Scope of a licence found in `zone`; None when it is not the page's statement at all."""
    if zone in (Zone.HTML_COMMENT, Zone.COMMENTS):
        return None
    if IMAGE_WORDS.search(context) and not re.search(
        r"\b(?:article|text|content|post|site|blog|work)\b", context, re.I
    ):
        return "images"
    if in_article or zone is Zone.MAIN:
        return "article"
    return "site"


@dataclass(slots=True)
class _Found:
    parsed: _Parsed
    scope: str
    evidence: Evidence
    weight: int  # 3 explicit (rel, JSON-LD, DC, statement+link), 2 badge / statement, 1 bare link


class _Collector:
    def __init__(self) -> None:
        self.found: list[_Found] = []
        self.rejected: list[Rejected] = []

    def add(self, parsed: _Parsed, scope: str | None, evidence: Evidence, weight: int) -> None:
        if scope is None:
            why = "in an HTML comment" if evidence.zone is Zone.HTML_COMMENT else "in a reader's comment"
            self.rejected.append(
                Rejected("license_not_page", f"licence {why}: not the page's licence", evidence)
            )
            return
        self.found.append(_Found(parsed, scope, evidence, weight))


def _from_links(page: Page, out: _Collector) -> None:
    block_text = {b.index: b.text for b in page.blocks}
    # one look at every address at once: most pages link to no licence outside Creative Commons
    open_urls = open_licenses.mentions_license_host("\n".join(link.url for link in page.links))
    for link in page.links:
        parsed = parse_license_url(link.url) or (_open_url(link.url) if open_urls else None)
        licensed = "license" in link.rel or "licence" in link.rel or "cc:license" in link.rel
        if parsed is None:
            if link.image_src:
                parsed = parse_license_url(link.image_src)
            if parsed is None:
                continue
        context = " ".join(
            (block_text.get(link.block, "") if link.block is not None else "", link.text, link.title)
        )
        if link.tag in ("link", "header"):
            scope: str | None = "article"
            weight = 3
        else:
            scope = _scope(link.zone, link.in_article, context)
            claim = _CLAIM if link.in_article and link.zone is Zone.MAIN else _STATEMENT
            has_statement = bool(claim.search(context) or (claim is _STATEMENT and _CC_TEXT.search(context)))
            weight = 3 if licensed else 2 if (link.image_src or has_statement) else 1
            if weight == 1 and link.in_article and link.zone is Zone.MAIN:
                continue  # a CC link cited in the article body is a reference, not a statement
        out.add(parsed, scope, link_evidence(link, "rel=license" if licensed else "cc-link"), weight)


def _from_images(page: Page, out: _Collector) -> None:
    linked = {link.image_src for link in page.links if link.image_src}
    groups: dict[str, list[str]] = {}
    for image in page.images:
        if image.src in linked:
            continue  # read through its link already
        parsed = parse_license_url(image.src)
        if parsed is not None:
            scope = _scope(image.zone, image.in_article, image.alt + " " + image.title)
            ev = Evidence(
                clip(f"badge {image.src}"), image.zone, image.path, "image", "cc-badge", image.in_article
            )
            out.add(parsed, scope, ev, 2)
        elif _PRESSKIT_ICON.search(image.src):
            groups.setdefault(image.path, []).append(image.src)
    for path, srcs in groups.items():
        parsed = _icon_set(srcs)
        if parsed is not None:
            image = next(i for i in page.images if i.path == path)
            ev = Evidence(
                clip("icons " + " ".join(s.rsplit("/", 1)[-1] for s in srcs)),
                image.zone,
                path,
                "image",
                "cc-icons",
                image.in_article,
            )
            out.add(parsed, _scope(image.zone, image.in_article, image.alt), ev, 2)


def _from_metadata(page: Page, out: _Collector) -> None:
    for name in (
        "dcterms.license",
        "dc.license",
        "dc.rights",
        "dcterms.rights",
        "license",
        "rights",
        "dc.rights.license",
        "citation_license",
        "prism.copyright",
    ):
        for value in page.meta.get(name, ()):
            parsed = (
                parse_license_url(value) or parse_license_text(value) or _open_url(value) or _open_text(value)
            )
            if parsed is not None:
                out.add(parsed, "article", meta_evidence(name, value, "dublin-core"), 3)
    for item in page.jsonld:
        raw = item.get("license")
        if raw is None:
            continue
        kinds = types_of(item)
        scope = (
            "images"
            if kinds & {"ImageObject", "Photograph", "VideoObject"}
            else ("article" if kinds & ARTICLE_TYPES else "site")
        )
        for url in urls(raw) or ([raw] if isinstance(raw, str) else []):
            parsed = parse_license_url(url) or parse_license_text(url) or _open_url(url) or _open_text(url)
            if parsed is not None:
                out.add(parsed, scope, meta_evidence("JSON-LD license", url, "json-ld", "jsonld"), 3)


_CC_WORDS = (
    "creative",
    "cc-by",
    "cc by",
    "ccby",
    "(cc)",
    "cc0",
    "cc-0",
    "cc zero",
    "cc-zero",
    "クリエイティブ",
    "創用",
    "知识共享",
)


def _from_text(page: Page, text: PageText, out: _Collector) -> None:
    comments = [b for b in page.blocks if b.zone is Zone.HTML_COMMENT]
    for block in [*text.having(_CC_WORDS), *comments]:
        if len(block.text) > 1500 or not _CC_TEXT.search(block.text):
            continue
        if block.zone is Zone.HTML_COMMENT:
            parsed = parse_license_url(block.text) or parse_license_text(block.text)
            if parsed is not None:
                out.add(parsed, None, block_evidence(block, "cc-text"), 1)
            continue
        if not _STATEMENT.search(block.text) or not _claims_here(block):
            continue
        parsed = parse_license_text(block.text)
        if parsed is not None:
            out.add(parsed, _statement_scope(block), block_evidence(block, "cc-statement"), 2)
    for block in text.having(open_licenses.WORDS):
        if len(block.text) > 1500 or block.zone is Zone.HTML_COMMENT:
            continue
        found = open_licenses.parse_open_license_text(block.text)
        if found is None:
            continue
        named = found.code not in ("mark", "zero")
        if named and not (_STATEMENT.search(block.text) and _claims_here(block)):
            continue
        out.add(
            _from_open(found), _statement_scope(block), block_evidence(block, "open-licence-statement"), 2
        )


def _claims_here(block: TextBlock) -> bool:
    """A licence named in the article body must come with a claim about a work ("licensed under", "this
    work is"): a mention in prose ("Why not CC BY-NC?") is not the page's licence."""
    if not (block.in_article and block.zone is Zone.MAIN):
        return True
    return bool(
        _CLAIM.search(block.text) or IMAGE_WORDS.search(block.text)
    )  # a picture credit: scope `images`


def _statement_scope(block: TextBlock) -> str | None:
    """A statement's scope; one about another work ("the report is available under ...") is `other`."""
    if _OTHER_WORK.search(block.text) and not _TEXT_WORDS.search(block.text.split(" under ")[0][-60:]):
        return "other"
    return _scope(block.zone, block.in_article, block.text)


def _from_open(found: open_licenses.OpenLicense) -> _Parsed:
    return _Parsed(found.code, found.version, None, found.url or open_licenses.canonical_url(found))


def _open_url(url: str) -> _Parsed | None:
    found = open_licenses.parse_open_license_url(url)
    return _from_open(found) if found is not None else None


def _open_text(text: str) -> _Parsed | None:
    found = open_licenses.parse_open_license_text(text)
    return _from_open(found) if found is not None else None


def _rescope_picture_sites(found: list[_Found]) -> None:
    """A site whose own statement says its licence covers the pictures ("All photos are published under ...")
    does not license its text by repeating that licence as a bare footer link."""
    pictures = {f.parsed.code for f in found if f.scope == "images" and f.evidence.rule == "cc-statement"}
    for f in found:
        if f.scope == "site" and f.parsed.code in pictures and not _TEXT_WORDS.search(f.evidence.text):
            f.scope = "images"


def _merge(found: list[_Found]) -> list[License]:
    """One License per (id, jurisdiction, scope), the strongest evidence first; text fills in the version."""
    # A statement without a version takes the version of a link in the same scope.
    versions = {(f.parsed.code, f.scope): f.parsed for f in found if f.parsed.version}
    merged: dict[tuple[str, str | None, str], tuple[int, _Parsed, list[Evidence]]] = {}
    for f in sorted(found, key=lambda f: -f.weight):
        parsed = f.parsed
        if parsed.version is None and (parsed.code, f.scope) in versions:
            parsed = versions[(parsed.code, f.scope)]
        key = (license_id(parsed.code, parsed.version), parsed.jurisdiction, f.scope)
        if key in merged:
            weight, first, evidence = merged[key]
            merged[key] = (weight, first if first.url else parsed, [*evidence, f.evidence])
        else:
            merged[key] = (f.weight, parsed, [f.evidence])
    out = []
    for (lid, jur, scope), (_, parsed, evidence) in merged.items():
        family = "cc0" if lid.startswith("cc0") else "pdm" if lid.startswith("pdm") else "cc"
        family = _OPEN_CODES.get(parsed.code, family)
        if parsed.code == "publicdomain":
            family = "pd"
        out.append(
            License(
                lid,
                family,
                parsed.code,
                parsed.version,
                jur,
                parsed.url or _canonical_url(parsed),
                scope,
                tuple(evidence[:4]),
            )
        )
    return out


def _canonical_url(parsed: _Parsed) -> str | None:
    if parsed.code in _OPEN_CODES:
        return parsed.url
    if parsed.code == "zero":
        return f"https://creativecommons.org/publicdomain/zero/{parsed.version or '1.0'}/"
    if parsed.code == "mark":
        return f"https://creativecommons.org/publicdomain/mark/{parsed.version or '1.0'}/"
    if parsed.version is None or parsed.code == "publicdomain":
        return None
    code = "by-nd-nc" if parsed.code == "by-nc-nd" and parsed.version == "1.0" else parsed.code
    jur = f"{parsed.jurisdiction}/" if parsed.jurisdiction else ""
    return f"https://creativecommons.org/licenses/{code}/{parsed.version}/{jur}"


_TEXT_WORDS = re.compile(
    r"\b(?:articles?|texts?|content|posts?|blog|inhalte?|artikel|beitr[äa]ge|textes?|contenus?"
    r"|art[íi]culos?|contenidos?|writings?|essays?|stories)\b",
    re.I,
)
_SCOPE_RANK = {"article": 0, "site": 1, "images": 2, "other": 3}


def detect_licenses(page: Page, text: PageText | None = None) -> tuple[list[License], list[Rejected]]:
    """Every licence on the page, the page's own first (article, then site), and the rejected look-alikes."""
    out = _Collector()
    _from_metadata(page, out)
    _from_links(page, out)
    _from_images(page, out)
    _from_text(page, text or PageText(page), out)
    _rescope_picture_sites(out.found)
    weights = {id(f.evidence): f.weight for f in out.found}
    licenses = _merge(out.found)
    licenses.sort(
        key=lambda lic: (
            _SCOPE_RANK[lic.scope],
            -max(weights.get(id(e), 0) for e in lic.evidence),
            lic.version is None,
        )
    )
    return licenses, out.rejected


def primary_license(licenses: list[License]) -> tuple[License | None, list[str]]:
    """The licence that covers the article text, and conflicts between page-level licences."""
    page_level = [lic for lic in licenses if lic.scope in ("article", "site")]
    if not page_level:
        return None, []
    first = page_level[0]
    conflicts = []
    same_scope = {lic.id for lic in page_level if lic.scope == first.scope}
    versioned = {i for i in same_scope if i[-1].isdigit()}
    if len(versioned) > 1:
        conflicts.append(f"several {first.scope}-level licences: {', '.join(sorted(versioned))}")
    if first.scope == "article":
        site = [lic.id for lic in page_level if lic.scope == "site" and not _compatible(lic.id, first.id)]
        if site:
            conflicts.append(
                f"article licence {first.id} differs from the site-wide licence {site[0]}"
                " (the article-level notice is used)"
            )
    return first, conflicts


def _compatible(a: str, b: str) -> bool:
    return a == b or a.startswith(b) or b.startswith(a)
