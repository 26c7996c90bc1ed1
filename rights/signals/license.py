"""Licence detection: Creative Commons by URL (every family and version, ports, deeds, legal code, CC0, the
Public Domain Mark, the retired licences), badge images and icon sets, `rel=license` (a token list) on `<a>` and
`<link>`, JSON-LD `license`, Dublin Core, and licences named in words (`license_names`: CC in 16 languages;
`open_licenses`: the GNU FDL, the UK OGL, Etalab's Licence Ouverte, public-domain statements). Each licence gets a
scope from the words around it (`license_scope`): `article`, `site` (a site-wide footer or sidebar), `images` (a
caption, a photo credit, a statement about the pictures) or `other` (a linked report, a dataset, a quoted source).
A licence inside an HTML comment, or in a reader's comment, is not the page's licence. Pure.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from rights.models import Evidence, Zone
from rights.page.jsonld import types_of, urls
from rights.page.metadata import ARTICLE_TYPES
from rights.page.models import Page
from rights.signals import license_names, open_licenses
from rights.signals.common import (
    PageText,
    block_evidence,
    clip,
    in_media,
    link_evidence,
    meta_evidence,
    minimal_words,
    window,
)
from rights.signals.license_scope import (
    Subject,
    in_picture,
    link_scope,
    read_subject,
    statement_scope,
    subject_of,
)
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

_OPEN_CODES = {"gfdl": "gnu", "ogl-uk": "ogl", "etalab": "etalab"}  # licences beyond CC, and their family
_KNOWN_CODES = {"by", "by-sa", "by-nd", "by-nc", "by-nc-sa", "by-nc-nd", "nd", "nc", "sa", "nc-nd", "nc-sa"}
_RETIRED_CODES = license_names.RETIRED_CODES  # retired CC licences: named exactly, no policy describes them
normalize_code = license_names.normalize_code


def license_id(code: str, version: str | None) -> str:
    if code in _OPEN_CODES:
        return f"{code}-{version}" if version else code
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
    text, url = url, url.strip()
    if any(c.isspace() for c in url):
        url = ""  # a sentence naming the licence's address: the licence's canonical URL is given instead
    match = _CC_LICENSE.search(text)
    if match:
        code = normalize_code(match.group("code"))
        if code in _KNOWN_CODES or code in _RETIRED_CODES or code.startswith(("by", "nc", "nd", "sa")):
            jur = match.group("jur")
            return _Parsed(code, match.group("ver"), jur.lower() if jur else None, url or None)
        return None
    match = _CC_PUBLIC.search(text)
    if match:
        return _Parsed(match.group("kind").lower(), match.group("ver"), None, url or None)
    if _CC_RETIRED_PD.search(text):
        return _Parsed("publicdomain", None, None, url or None)
    match = _CC_BADGE.search(text)
    if match:
        jur = match.group("jur")
        return _Parsed(
            normalize_code(match.group("code")), match.group("ver"), jur.lower() if jur else None, None
        )
    match = _PRESSKIT_BUTTON.search(text)
    if match:
        code = match.group("code").lower().replace("cc-", "")
        return _Parsed(normalize_code(code), None, None, None)
    return None


# ----------------------------------------------------------------------------------------- text forms

_CC_URL_IN_TEXT = re.compile(r"creativecommons\.org/(?:licen[cs]es|publicdomain)/[\w+\-./]+", re.I)


def _from_name(name: license_names.NamedLicense) -> _Parsed:
    return _Parsed(name.code, name.version, name.jurisdiction, None)


def parse_license_text(text: str) -> _Parsed | None:
    """Read a licence named in words: 'licensed under a Creative Commons Attribution-ShareAlike 3.0 License',
    'CC BY-NC-ND 4.0', 'GNU Free Documentation License 1.3', 'this work is in the public domain'."""
    named = _named(text)
    return named[0][0] if named else None


def _named(text: str) -> list[tuple[_Parsed, int, int, str]]:
    """Every licence a text names, with its span and the rule that read it, in text order."""
    found = [(_from_name(n), n.start, n.end, "cc-statement") for n in license_names.find_names(text)]
    for match in _CC_URL_IN_TEXT.finditer(text):
        parsed = parse_license_url(match.group(0))
        if parsed is not None:
            found.append((parsed, match.start(), match.end(), "cc-url-in-text"))
    for item in open_licenses.find_open_names(text):
        rule = "public-domain-statement" if item.code in ("mark", "zero") else "open-licence-statement"
        found.append((_from_open(item), item.start, item.end, rule))
    return sorted(found, key=lambda f: f[1])


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


_NOT_THE_PAGE = (Zone.HTML_COMMENT, Zone.COMMENTS)


def _from_links(page: Page, out: _Collector) -> None:
    blocks = {b.index: b for b in page.blocks}
    for link in page.links:
        parsed = parse_license_url(link.url) or _open_url(link.url)
        if parsed is None and link.image_src:
            parsed = parse_license_url(link.image_src)
        if parsed is None:
            continue
        licensed = "license" in link.rel or "licence" in link.rel or "cc:license" in link.rel
        rule = "rel=license" if licensed else "licence-link"
        if link.tag in ("link", "header"):
            out.add(parsed, "article", link_evidence(link, rule), 3)
            continue
        if link.zone in _NOT_THE_PAGE:
            out.add(parsed, None, link_evidence(link, rule), 1)
            continue
        block = blocks.get(link.block) if link.block is not None else None
        context = block.text if block is not None else link.text
        at = context.find(link.text) if link.text else -1
        start, end = (at, at + len(link.text)) if at >= 0 else (len(context), len(context))
        subject = read_subject(context, start, end)
        if subject.kind is None:  # the anchor may name the work itself ("Flickr CC", title="Photo licence")
            named = subject_of(link.text) or subject_of(link.title)
            subject = Subject("images", True) if named == "images" else subject
        body = link.in_article and link.zone is Zone.MAIN
        stated = subject.granted or (not body and bool(license_names.find_names(link.text)))
        weight = 3 if licensed else 2 if (link.image_src or stated) else 1
        if weight == 1 and body:
            continue  # a CC link cited in the article body is a reference, not a statement
        media = in_picture(link.path) or (block is not None and (in_media(block) or block.quoted))
        scope = link_scope(subject, link.zone, link.in_article, in_media=media)
        out.add(parsed, scope, link_evidence(link, rule), weight)


def _from_images(page: Page, out: _Collector) -> None:
    linked = {link.image_src for link in page.links if link.image_src}
    groups: dict[str, list[str]] = {}
    for image in page.images:
        if image.src in linked:
            continue  # read through its link already
        parsed = parse_license_url(image.src)
        if parsed is not None:
            scope = _image_scope(image.zone, image.in_article, image.alt + " " + image.title, image.path)
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
            out.add(parsed, _image_scope(image.zone, image.in_article, image.alt, path), ev, 2)


def _image_scope(zone: Zone, in_article: bool, alt: str, path: str) -> str | None:
    if zone in _NOT_THE_PAGE:
        return None
    return link_scope(Subject(subject_of(alt), True), zone, in_article, in_media=in_picture(path))


# JSON-LD types whose `license` covers something other than the article: pictures, or another work.
_JSONLD_SCOPES = (
    (frozenset({"ImageObject", "Photograph", "VideoObject", "ImageGallery", "Barcode"}), "images"),
    (frozenset({"Dataset", "DataCatalog", "SoftwareApplication", "SoftwareSourceCode", "WebApplication",
                "MobileApplication", "Book", "Course", "Product", "MusicRecording", "MusicAlbum", "Movie",
                "AudioObject", "Podcast", "PodcastEpisode", "Map", "Game", "VideoGame"}), "other"),
)  # fmt: skip


def _jsonld_scope(kinds: set[str]) -> str:
    for types, scope in _JSONLD_SCOPES:
        if kinds & types:
            return scope
    return "article" if kinds & ARTICLE_TYPES else "site"


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
            parsed = parse_license_url(value) or _open_url(value) or parse_license_text(value)
            if parsed is not None:
                out.add(parsed, "article", meta_evidence(name, value, "dublin-core"), 3)
    for item in page.jsonld:
        raw = item.get("license")
        if raw is None:
            continue
        scope = _jsonld_scope(types_of(item))
        for url in urls(raw) or ([raw] if isinstance(raw, str) else []):
            parsed = parse_license_url(url) or _open_url(url) or parse_license_text(url)
            if parsed is not None:
                out.add(parsed, scope, meta_evidence("JSON-LD license", url, "json-ld", "jsonld"), 3)


_WORDS = minimal_words((*license_names.WORDS, *open_licenses.WORDS, "creativecommons.org"))
_COMMENT_GATE = re.compile(r"creative\s?commons|licen[cs]|gnu\.org|public\s+domain", re.I)
_SHORT = 160  # a footer or byline this short is a licence line ("Ann Lee 2010 · CC BY-SA"), not prose


def _from_text(page: Page, text: PageText, out: _Collector) -> None:
    for block in page.blocks:
        if block.zone is Zone.HTML_COMMENT and len(block.text) <= 3000 and _COMMENT_GATE.search(block.text):
            parsed = parse_license_url(block.text) or parse_license_text(block.text)
            if parsed is not None:
                out.add(parsed, None, block_evidence(block, "cc-text"), 1)
    for block in text.having(_WORDS):
        if len(block.text) > 3000:
            continue
        for parsed, start, end, rule in _named(block.text):
            subject = read_subject(block.text, start, end, statement=rule == "public-domain-statement")
            scope = statement_scope(
                subject,
                block.zone,
                block.in_article,
                short=len(block.text) <= _SHORT and block.zone in (Zone.FOOTER, Zone.BYLINE),
                in_media=in_media(block),
                quoted=block.quoted,
            )
            if scope is None:
                continue
            evidence = block_evidence(block, rule, window(block.text, start, end))
            out.add(parsed, None if block.zone in _NOT_THE_PAGE else scope, evidence, 2)


def _from_open(found: open_licenses.OpenLicense) -> _Parsed:
    return _Parsed(found.code, found.version, None, found.url or open_licenses.canonical_url(found))


def _open_url(url: str) -> _Parsed | None:
    found = open_licenses.parse_open_license_url(url)
    return _from_open(found) if found is not None else None


_STATEMENT_RULES = ("cc-statement", "open-licence-statement", "public-domain-statement")


def _rescope_to_statements(found: list[_Found]) -> None:
    """A site whose own statement says a licence covers its pictures or another work ("All photos are published
    under ...", "All our projects are licensed under ...") does not license its text by repeating that licence
    as a bare link or badge with no words of its own."""
    stated = {
        f.parsed.code: f.scope
        for f in found
        if f.scope in ("images", "other") and f.evidence.rule in _STATEMENT_RULES
    }
    for f in found:
        scope = stated.get(f.parsed.code)
        if (
            scope
            and f.scope == "site"
            and f.evidence.rule != "rel=license"
            and subject_of(f.evidence.text) not in ("own", "site")
            and not _TEXT_WORDS.search(f.evidence.text)
        ):
            f.scope = scope


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
    _rescope_to_statements(out.found)
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
