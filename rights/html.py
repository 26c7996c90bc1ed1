"""Bytes (+ HTTP headers) -> `Page`. The only module that uses selectolax.

Decoding follows the WHATWG order: BOM > Content-Type charset > `<meta>` prescan of the first 1024 bytes >
(strict UTF-8 if the bytes are valid UTF-8) > windows-1252. The encoding used and where it came from are
recorded. NUL bytes are removed, undecodable bytes become U+FFFD and are counted.

Every text block carries its DOM zone (article body, byline, footer, aside, nav, comments, HTML comment),
because attribution and copyright lines often sit outside the main text. Inputs that would make the parser
quadratic (very deep nesting, tags with huge attribute lists) or huge are cut to a bounded size first, and the
cut is recorded in `Page.warnings`.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache

from selectolax.lexbor import LexborHTMLParser, LexborNode

from rights.errors import InputError
from rights.jsonld import parse_jsonld
from rights.metadata import page_metadata
from rights.models import Image, Link, Page, TextBlock, Zone
from rights.urls import absolute

DEFAULT_MAX_PARSE_BYTES = 8 * 1024 * 1024
MAX_DEPTH = 3000  # lexbor is quadratic in nesting depth: 20k levels take 0.4 s, 100k take 10 s
MAX_TAG_CHARS = 65536  # a single tag longer than this (an attribute bomb) is cut
MAX_COMMENT_CHARS = 4000
MAX_LINK_TEXT = 300

# ------------------------------------------------------------------------------------------- decoding

_BOMS = ((b"\xef\xbb\xbf", "utf-8"), (b"\xff\xfe", "utf-16-le"), (b"\xfe\xff", "utf-16-be"))

# WHATWG encoding labels -> Python codecs (the common ones; labels are matched lower-case).
_LABELS: dict[str, str] = {}
for _codec, _labels in {
    "utf-8": "utf-8 utf8 unicode-1-1-utf-8 unicode11utf8 unicode20utf8 x-unicode20utf8",
    "cp1252": "windows-1252 cp1252 x-cp1252 iso-8859-1 iso8859-1 iso88591 iso_8859-1 iso_8859-1:1987 latin1 "
    "l1 ascii us-ascii ansi_x3.4-1968 cp819 ibm819 csisolatin1 iso-ir-100",
    "iso8859_2": "iso-8859-2 iso8859-2 iso88592 iso_8859-2 latin2 l2 csisolatin2",
    "iso8859_3": "iso-8859-3 iso8859-3 latin3 l3",
    "iso8859_4": "iso-8859-4 iso8859-4 latin4 l4",
    "iso8859_5": "iso-8859-5 iso8859-5 iso88595 cyrillic csisolatincyrillic",
    "iso8859_6": "iso-8859-6 iso8859-6 arabic",
    "iso8859_7": "iso-8859-7 iso8859-7 greek greek8",
    "iso8859_8": "iso-8859-8 iso8859-8 hebrew iso-8859-8-i visual",
    "iso8859_10": "iso-8859-10 iso8859-10 latin6",
    "iso8859_13": "iso-8859-13 iso8859-13",
    "iso8859_14": "iso-8859-14 iso8859-14",
    "iso8859_15": "iso-8859-15 iso8859-15 iso885915 latin9 latin-9 l9",
    "iso8859_16": "iso-8859-16 iso8859-16",
    "cp1254": "windows-1254 cp1254 iso-8859-9 iso8859-9 latin5 l5",
    "cp874": "windows-874 iso-8859-11 iso8859-11 tis-620 dos-874",
    "cp1250": "windows-1250 cp1250 x-cp1250",
    "cp1251": "windows-1251 cp1251 x-cp1251",
    "cp1253": "windows-1253 cp1253",
    "cp1255": "windows-1255 cp1255",
    "cp1256": "windows-1256 cp1256",
    "cp1257": "windows-1257 cp1257",
    "cp1258": "windows-1258 cp1258",
    "koi8_r": "koi8-r koi8_r koi8 cskoi8r",
    "koi8_u": "koi8-u koi8-ru",
    "cp866": "ibm866 cp866 866 csibm866",
    "mac_roman": "macintosh mac x-mac-roman csmacintosh",
    "mac_cyrillic": "x-mac-cyrillic x-mac-ukrainian",
    "gb18030": "gb18030 gbk gb2312 gb_2312 gb_2312-80 chinese csgb2312 iso-ir-58 x-gbk csiso58gb231280",
    "big5hkscs": "big5 big5-hkscs cn-big5 csbig5 x-x-big5",
    "euc_jp": "euc-jp cseucpkdfmtjapanese x-euc-jp",
    "iso2022_jp": "iso-2022-jp csiso2022jp",
    "cp932": "shift_jis shift-jis sjis ms_kanji x-sjis windows-31j csshiftjis ms932",
    "cp949": "euc-kr ks_c_5601-1987 ks_c_5601-1989 ksc5601 ksc_5601 korean windows-949 csksc56011987 cseuckr",
    "utf-16-le": "utf-16 utf-16le",
    "utf-16-be": "utf-16be",
}.items():
    for _label in _labels.split():
        _LABELS[_label] = _codec

_META_CHARSET = re.compile(rb"""<meta[^>]{0,512}?charset\s*=\s*["']?\s*([A-Za-z0-9._:\-]+)""", re.I)
_HEADER_CHARSET = re.compile(r"""charset\s*=\s*["']?\s*([A-Za-z0-9._:\-]+)""", re.I)


def codec_for_label(label: str) -> str | None:
    """Python codec for a WHATWG encoding label, or None when the label is unknown."""
    return _LABELS.get(label.strip().lower())


def _header(headers: Mapping[str, str] | None, name: str) -> str:
    if not headers:
        return ""
    for key, value in headers.items():
        if key.lower() == name:
            return value
    return ""


def decode_html(data: bytes, headers: Mapping[str, str] | None = None) -> tuple[str, str, str, list[str]]:
    """Decode page bytes. Returns (text, codec, source, warnings); source is bom|header|meta|detected|default."""
    warnings: list[str] = []
    codec, source = None, ""
    for bom, name in _BOMS:
        if data.startswith(bom):
            codec, source, data = name, "bom", data[len(bom) :]
            break
    if codec is None:
        match = _HEADER_CHARSET.search(_header(headers, "content-type"))
        if match:
            codec = codec_for_label(match.group(1))
            source = "header"
            if codec is None:
                warnings.append(f"unknown charset {match.group(1)!r} in Content-Type; ignored")
    if codec is None:
        meta = _META_CHARSET.search(data[:1024])
        if meta:
            label = meta.group(1).decode("ascii", "replace")
            codec = codec_for_label(label)
            if codec is not None and codec.startswith("utf-16"):
                codec = "utf-8"  # WHATWG: a <meta> cannot declare UTF-16 (the bytes would not be ASCII)
            source = "meta"
            if codec is None:
                warnings.append(f"unknown charset {label!r} in <meta>; ignored")
    if codec is None:
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError:
            codec, source = "cp1252", "default"
        else:
            return text.replace("\x00", ""), "utf-8", "detected", warnings
    if source == "meta" and codec in _SINGLE_BYTE_WESTERN and _is_utf8_with_multibyte(data):
        warnings.append(f"<meta> declares {codec} but the bytes are valid UTF-8; read as UTF-8")
        return data.decode("utf-8").replace("\x00", ""), "utf-8", "detected", warnings
    text = data.decode(codec, errors="replace")
    return text.replace("\x00", ""), codec, source, warnings


_SINGLE_BYTE_WESTERN = frozenset({"cp1252", "iso8859_15", "iso8859_2", "cp1250"})


def _is_utf8_with_multibyte(data: bytes) -> bool:
    """Valid UTF-8 holding at least one multi-byte sequence (a saved page whose <meta> was never updated)."""
    if data.isascii():
        return False
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


# -------------------------------------------------------------------------------------------- sniffing

_MAGIC = (
    (b"%PDF-", "a PDF document"),
    (b"\x89PNG\r\n\x1a\n", "a PNG image"),
    (b"GIF87a", "a GIF image"),
    (b"GIF89a", "a GIF image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"PK\x03\x04", "a ZIP archive (or office document)"),
    (b"\x1f\x8b", "gzip-compressed data"),
    (b"RIFF", "a RIFF media file (WebP, WAV, AVI)"),
    (b"\x00\x00\x01\x00", "an icon"),
    (b"ID3", "an MP3 file"),
    (b"OggS", "an Ogg media file"),
    (b"\x7fELF", "an executable"),
    (b"BZh", "bzip2-compressed data"),
    (b"\xfd7zXZ", "xz-compressed data"),
    (b"SQLite format 3\x00", "an SQLite database"),
)
_NOT_CONTROL = bytes(range(32, 256)) + b"\t\n\x0c\r"
_MARKUP = re.compile(rb"<\s*(?:!doctype|html|head|body|meta|title|div|p|a|span|table|article|!--)\b", re.I)


def sniff_not_html(data: bytes) -> str | None:
    """Describe what the bytes are when they are clearly not an HTML page (binary, or no markup at all)."""
    head = data[:4096]
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        return None  # UTF-16 text: NULs are expected
    for magic, what in _MAGIC:
        if head.startswith(magic):
            return what
    controls = len(head.translate(None, _NOT_CONTROL))
    if controls > len(head) // 20 + 1:
        return "binary data"
    if not head.strip():
        return "an empty file"
    if not _MARKUP.search(data[:65536]):
        return "text without HTML markup"
    return None


# ------------------------------------------------------------------------------------------ defusing

_TAG_TOKEN = re.compile(r"<(/?)([a-zA-Z][a-zA-Z0-9]*)")
_NO_DEPTH = frozenset(
    [
        "area",
        "base",
        "br",
        "col",
        "embed",
        "hr",
        "img",
        "input",
        "link",
        "meta",
        "param",
        "source",
        "track",
        "wbr",
        "p",
        "li",
        "td",
        "th",
        "tr",
        "dt",
        "dd",
        "option",
    ]
)
_LONG_TAG = re.compile(rf"<[a-zA-Z][^<>]{{{MAX_TAG_CHARS},}}")


def _depth_cut(text: str) -> int | None:
    """Offset where element nesting first exceeds MAX_DEPTH, or None."""
    depth = 0
    for match in _TAG_TOKEN.finditer(text):
        if match.group(2).lower() in _NO_DEPTH:
            continue
        if match.group(1):
            depth = max(0, depth - 1)
        else:
            depth += 1
            if depth > MAX_DEPTH:
                return match.start()
    return None


def _defuse(text: str, warnings: list[str]) -> str:
    tags = text.count("<")  # fewer opening tags than MAX_DEPTH cannot nest deeper
    if tags > MAX_DEPTH and tags - text.count("</") > MAX_DEPTH:
        cut = _depth_cut(text)
        if cut is not None:
            warnings.append(f"elements nested deeper than {MAX_DEPTH} levels; page cut at character {cut}")
            text = text[:cut]
    if text.count("=") > MAX_TAG_CHARS // 4 and _LONG_TAG.search(text):
        warnings.append(f"tags longer than {MAX_TAG_CHARS} characters shortened (attribute flood)")
        text = _LONG_TAG.sub(lambda m: m.group(0)[:1024], text)
    return text


# ------------------------------------------------------------------------------------------------ zones

_SKIP = frozenset(
    {"script", "style", "noscript", "template", "svg", "math", "iframe", "object", "canvas", "head"}
)
_BLOCKS = frozenset(
    [
        "address",
        "article",
        "aside",
        "blockquote",
        "body",
        "caption",
        "center",
        "dd",
        "details",
        "dialog",
        "div",
        "dl",
        "dt",
        "fieldset",
        "figcaption",
        "figure",
        "footer",
        "form",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "header",
        "hgroup",
        "hr",
        "html",
        "legend",
        "li",
        "main",
        "menu",
        "nav",
        "ol",
        "p",
        "pre",
        "section",
        "summary",
        "table",
        "tbody",
        "td",
        "tfoot",
        "th",
        "thead",
        "tr",
        "ul",
        "br",
        "label",
        "option",
        "select",
        "button",
    ]
)
_TAG_ZONES = {"footer": Zone.FOOTER, "nav": Zone.NAV, "aside": Zone.ASIDE, "header": Zone.HEADER}
_ROLE_ZONES = {
    "contentinfo": Zone.FOOTER,
    "navigation": Zone.NAV,
    "complementary": Zone.ASIDE,
    "banner": Zone.HEADER,
    "search": Zone.NAV,
}
# Class / id patterns, tried in this order (first match wins).
_ATTR_ZONES: tuple[tuple[Zone, re.Pattern[str]], ...] = (
    (Zone.COMMENTS, re.compile(r"comment|disqus|respond\b|(?:^|[\s_-])replies")),
    (Zone.FOOTER, re.compile(r"footer|(?:^|[\s_-])foot(?:$|[\s_-])|colophon|copyright|site-?info|bottom-?bar"
                             r"|(?:^|[\s_-])legal(?:$|[\s_-])|disclaimer|imprint|impressum")),
    (Zone.NAV, re.compile(r"(?:^|[\s_-])nav|menu|breadcrumb|pagination|skip-?link|(?:^|[\s_-])tabs?(?:$|[\s_-])")),
    (Zone.ASIDE, re.compile(r"sidebar|(?:^|[\s_-])aside|related|widget|recommend|promo|(?:^|[\s_-])ads?(?:$|[\s_-])"
                            r"|advert|sponsor|(?:^|[\s_-])share|sharing|social|newsletter|subscri|popular|trending"
                            r"|most-?read|more-?stories|outbrain|taboola|(?:^|[\s_-])rail(?:$|[\s_-])|tags?-?(?:list|cloud)")),
    (Zone.BYLINE, re.compile(r"byline|by-line|(?:^|[\s_-])author|contributor|dateline|post-?meta|entry-?meta"
                             r"|article-?meta|posted-?on|pubdate|timestamp|(?:^|[\s_-])credits?(?:$|[\s_-])")),
    (Zone.HEADER, re.compile(r"(?:^|[\s_-])header|masthead|(?:^|[\s_-])top-?bar|branding")),
)  # fmt: skip
# Cheap substring prefilter: a class/id string holding none of these cannot name a zone.
_ZONE_WORDS = (
    "comment", "disqus", "respond", "repl", "foot", "colophon", "copyright", "info", "bottom", "legal", "disclaim",
    "impr", "nav", "menu", "breadcrumb", "pagination", "skip", "tab", "side", "related", "widget", "recommend",
    "promo", "ad", "sponsor", "shar", "social", "newsletter", "subscri", "popular", "trending", "read", "stor",
    "outbrain", "taboola", "rail", "tag", "by", "author", "contributor", "meta", "posted", "pubdate",
    "timestamp", "credit", "head", "masthead", "top", "branding",
)  # fmt: skip
_NOT_ZONE = re.compile(r"(?:^|[\s_])(?:has|with|no|without|show|hide)-[\w-]+")  # layout flags on wrappers
_BODY_CLASS = re.compile(
    r"(?:entry|post|article|story|blog|news|text)[-_]?(?:content|body|text|copy|inner|main)\b"
    r"|articlebody|article__body|storybody|story__body|main-?content|content-?main|(?:^|[\s_-])article-?text"
)
_ARTICLE_TYPE = re.compile(
    r"schema\.org/(?:News|Blog|Scholarly|Tech|Report)?(?:Article|Posting|Posting)", re.I
)
_ARTICLE_CLASS = re.compile(r"(?:^|\s)(?:hentry|h-entry|type-post|single-post|post|article)(?:$|\s)")


@dataclass(slots=True)
class _Info:
    """What a node inherits from its ancestors. Inline elements share their parent's _Info."""

    zone: Zone
    in_article: bool
    skip: bool
    block: int  # mem_id of the element that opened this _Info
    tag: str
    segs: tuple[str, ...]  # the last path segments, outermost first
    quoted: bool
    anchor: int  # index into links of the enclosing <a>, or -1
    q: int = -1  # mem_id of the innermost enclosing <q>, or -1


def _attr_text(node: LexborNode) -> str:
    attrs = node.attributes
    return f"{attrs.get('id') or ''} {attrs.get('class') or ''}".lower()


def _zone_of(tag: str, attrs: Mapping[str, str | None], ident: str) -> Zone | None:
    if attrs.get("itemprop") == "author":
        return Zone.BYLINE
    role = (attrs.get("role") or "").lower()
    if role in _ROLE_ZONES:
        return _ROLE_ZONES[role]
    if tag in _TAG_ZONES:
        return _TAG_ZONES[tag]
    if ident.strip() and any(word in ident for word in _ZONE_WORDS):
        cleaned = _NOT_ZONE.sub(" ", ident)
        for zone, pattern in _ATTR_ZONES:
            if pattern.search(cleaned):
                return zone
    return None


def _text_len(node: LexborNode) -> int:
    return len(node.text(deep=True, separator=" ", strip=True))


def _deepest_holding(best: LexborNode, size: int, candidates: list[tuple[int, LexborNode]]) -> LexborNode:
    """The deepest candidate inside `best` that still holds 70% of its text (e.g. the body inside an article)."""
    chosen, depth = best, 0
    for other_size, node in candidates:
        if node.mem_id == best.mem_id or other_size < size * 0.7:
            continue
        level, up = 0, node.parent
        while up is not None and level < 12:
            level += 1
            if up.mem_id == best.mem_id:
                if level > depth:
                    chosen, depth = node, level
                break
            up = up.parent
    return chosen


def _wrappers_inside(main: LexborNode) -> set[int]:
    """Elements inside the article body that look like chrome by name but hold most of its text
    (a `sidebar-and-content` wrapper): they are layout, not a zone."""
    total = -1  # the body's text length, measured at the first chrome-named element
    found = set()
    for node in main.css("[class], [id]"):
        attrs = node.attributes
        zone = _kind_of(
            node.tag or "", attrs.get("id"), attrs.get("class"), attrs.get("role"), attrs.get("itemprop")
        )[0]
        if zone in (Zone.ASIDE, Zone.NAV, Zone.FOOTER, Zone.HEADER, Zone.COMMENTS):
            if total < 0:
                total = _text_len(main)
            if _text_len(node) * 2 > total:
                found.add(node.mem_id)
    return found


def _find_main(tree: LexborHTMLParser) -> tuple[LexborNode | None, LexborNode | None]:
    """The article body element and the article element around it (which holds title, byline, footer)."""
    body = tree.body
    if body is None:
        return None, None
    candidates: list[tuple[int, LexborNode]] = []
    for node in tree.css('[itemprop="articleBody"], [itemprop="articlebody"]'):
        candidates.append((_text_len(node), node))
    if not candidates:
        # `:is()` keeps document order (a selector list would group the matches by selector)
        for node in tree.css(":is(div, section, article, td):is([class], [id])"):
            if _BODY_CLASS.search(_attr_text(node)):
                candidates.append((_text_len(node), node))
    if not candidates:
        for node in tree.css("article, main, [role=main]"):
            candidates.append((_text_len(node), node))
    # The densest paragraph parent, as a fallback and as a sanity check of the explicit candidates.
    scores: dict[int, int] = {}
    parents: dict[int, LexborNode] = {}
    for para in tree.css("p"):
        parent = para.parent
        if parent is None:
            continue
        scores[parent.mem_id] = scores.get(parent.mem_id, 0) + len(para.text(strip=True))
        parents[parent.mem_id] = parent
    best_p = max(scores.items(), key=lambda kv: kv[1]) if scores else None
    main: LexborNode | None = None
    if candidates:
        size, main = max(candidates, key=lambda c: c[0])
        main = _deepest_holding(main, size, candidates)
        if best_p is not None and size < best_p[1] // 4:
            main = parents[best_p[0]]
    elif best_p is not None and best_p[1] >= 200:
        main = parents[best_p[0]]
    if main is None or main.tag in ("body", "html"):
        return None, None
    article = main
    up: LexborNode | None = main
    for _ in range(6):
        if up is None or up.tag in ("body", "html"):
            break
        attrs = up.attributes
        if (
            up.tag == "article"
            or _ARTICLE_TYPE.search(attrs.get("itemtype") or "")
            or _ARTICLE_CLASS.search((attrs.get("class") or "").lower())
        ):
            article = up
            break
        up = up.parent
    return main, article


# ---------------------------------------------------------------------------------------------- parsing


_INLINE_PLAIN = frozenset(
    [
        "b",
        "i",
        "em",
        "strong",
        "u",
        "s",
        "small",
        "sub",
        "sup",
        "abbr",
        "code",
        "mark",
        "strike",
        "tt",
        "big",
        "font",
        "wbr",
        "bdi",
        "bdo",
        "kbd",
        "samp",
        "var",
        "ins",
        "del",
        "dfn",
        "cite",
        "time",
        "data",
        "ruby",
        "rt",
        "rp",
    ]
)


_SPECIAL = frozenset({"a", "img", "blockquote", "q"})
_NO_DIGITS = str.maketrans("", "", "0123456789")


@lru_cache(maxsize=16384)
def _zone_cached(tag: str, ident: str, role: str | None, itemprop: str | None) -> Zone | None:
    """`_zone_of`, memoised: class and id strings repeat within and across pages (digits are removed)."""
    return _zone_of(tag, {"role": role, "itemprop": itemprop}, ident)


# (tag, id, class, role, itemprop) -> (the zone the element names, its path segment); cleared when full.
_KINDS: dict[tuple[str, str | None, str | None, str | None, str | None], tuple[Zone | None, str]] = {}
_MAX_KINDS = 65536


def _kind_of(
    tag: str, ident: str | None, cls: str | None, role: str | None, itemprop: str | None
) -> tuple[Zone | None, str]:
    """`_kind`, memoised in `_KINDS`."""
    key = (tag, ident, cls, role, itemprop)
    kind = _KINDS.get(key)
    if kind is None:
        if len(_KINDS) >= _MAX_KINDS:
            _KINDS.clear()
        kind = _KINDS[key] = _kind(tag, ident, cls, role, itemprop)
    return kind


def _kind(
    tag: str, ident: str | None, cls: str | None, role: str | None, itemprop: str | None
) -> tuple[Zone | None, str]:
    found = None
    if (ident or cls or tag in _TAG_ZONES or role is not None or itemprop is not None) and tag not in (
        "html",
        "body",
    ):
        text = f"{ident or ''} {cls or ''}".lower().translate(_NO_DIGITS)
        found = _zone_cached(tag, text, role, itemprop)
    if ident:
        seg = f"{tag}#{ident.strip()[:40]}"
    elif cls and cls.split():
        seg = f"{tag}.{cls.split()[0][:40]}"
    else:
        seg = tag
    return found, seg


# `<q>` quotation marks, as private-use stand-ins while a block's text is collected (so that the whitespace
# next to them can be dropped when the block is flushed), then typographic quotes.
_Q_OPEN, _Q_CLOSE = "\ue000", "\ue001"
_Q_MARKS = re.compile("\ue000\\s*|\\s*\ue001")


@dataclass(slots=True)
class _LinkDraft:
    """An `<a href>` while the walk is still collecting its text, block and first image."""

    url: str
    rel: tuple[str, ...]
    zone: Zone
    path: str
    in_article: bool
    title: str
    type: str
    block: int | None = None
    image_src: str = ""


class _Builder:
    """One pre-order pass over the DOM, memoising each element's inherited _Info by mem_id."""

    def __init__(self, url: str | None, main: LexborNode | None, article: LexborNode | None) -> None:
        self.url = url
        self.article_id = article.mem_id if article is not None else -1
        self.guarded: set[int] = set()  # the article body and its ancestors: never a chrome zone
        node = main
        while node is not None:
            self.guarded.add(node.mem_id)
            node = node.parent
        if main is not None:
            self.guarded.update(_wrappers_inside(main))
        self.blocks: list[TextBlock] = []
        self.links: list[_LinkDraft] = []
        self.images: list[Image] = []
        self.run: list[str] = []
        self.run_info: _Info | None = None
        self.run_anchors: list[int] = []
        self.link_text: list[list[str]] = []
        self.open_quotes: list[tuple[int, int]] = []  # open <q>s: (mem_id, block)

    def flush(self) -> None:
        info = self.run_info
        if info is not None and self.run:
            text = " ".join("".join(self.run).split())
            if _Q_OPEN in text or _Q_CLOSE in text:
                text = _Q_MARKS.sub(lambda m: "“" if m.group(0).strip() == _Q_OPEN else "”", text)
            if text:
                index = len(self.blocks)
                self.blocks.append(
                    TextBlock(
                        text, info.zone, " > ".join(info.segs), info.tag, info.in_article, index, info.quoted
                    )
                )
                for anchor in self.run_anchors:
                    draft = self.links[anchor]
                    if draft.block is None:
                        draft.block = index
        self.run, self.run_info, self.run_anchors = [], None, []

    def element(self, node: LexborNode, parent: _Info) -> _Info:
        """The _Info of an element: its zone, block and path, from its own attributes and its parent's."""
        if parent.skip:
            return parent
        tag = node.tag or ""
        if tag in _INLINE_PLAIN:
            return parent
        if tag in _SKIP:
            return _Info(
                parent.zone,
                parent.in_article,
                True,
                parent.block,
                tag,
                parent.segs,
                parent.quoted,
                -1,
                parent.q,
            )
        attrs = node.attributes
        mem_id = node.mem_id
        in_article = parent.in_article or mem_id == self.article_id
        zone = parent.zone
        ident, cls, role, itemprop = (
            attrs.get("id"),
            attrs.get("class"),
            attrs.get("role"),
            attrs.get("itemprop"),
        )
        found, seg = _kind_of(tag, ident, cls, role, itemprop)
        if found is not None and mem_id not in self.guarded:
            zone = Zone.BYLINE if found is Zone.HEADER and in_article else found
        if in_article and (zone is Zone.OTHER or zone is Zone.HEADER):
            zone = Zone.MAIN
        is_block = tag in _BLOCKS
        if not is_block and tag not in _SPECIAL and zone is parent.zone and in_article is parent.in_article:
            return parent
        segs = (*parent.segs[-3:], seg)
        quoted = parent.quoted or tag == "blockquote" or tag == "q"
        anchor = parent.anchor
        if tag == "a":
            anchor = self._link(attrs, zone, segs, in_article)
        elif tag == "img":
            self._image(attrs, zone, segs, in_article, anchor)
        if is_block and self.run:
            self.flush()
        block = mem_id if is_block or zone is not parent.zone else parent.block
        if tag != "q":
            return _Info(zone, in_article, False, block, tag, segs, quoted, anchor, parent.q)
        info = _Info(zone, in_article, False, block, tag, segs, quoted, anchor, mem_id)
        self._open_quote(info)
        return info

    def _open_quote(self, info: _Info) -> None:
        """A `<q>` renders with quotation marks: put them into the block text, so the matcher sees a quote."""
        if self.run_info is None or self.run_info.block != info.block:
            self.flush()
            self.run_info = info
        self.run.append(_Q_OPEN)
        self.open_quotes.append((info.q, info.block))

    def _close_quotes(self, inside: int) -> None:
        """Close the `<q>`s the walk has left (all but `inside` and its ancestors)."""
        while self.open_quotes and self.open_quotes[-1][0] != inside:
            _, block = self.open_quotes.pop()
            if self.run_info is not None and self.run_info.block == block:
                self.run.append(_Q_CLOSE)

    def _link(
        self, attrs: Mapping[str, str | None], zone: Zone, segs: tuple[str, ...], in_article: bool
    ) -> int:
        href = attrs.get("href")
        url = absolute(self.url, href) if href else None
        if url is None:
            return -1
        rel = tuple((attrs.get("rel") or "").lower().split())
        path = " > ".join(segs)
        self.links.append(
            _LinkDraft(url, rel, zone, path, in_article, attrs.get("title") or "", attrs.get("type") or "")
        )
        self.link_text.append([])
        return len(self.links) - 1

    def _image(
        self,
        attrs: Mapping[str, str | None],
        zone: Zone,
        segs: tuple[str, ...],
        in_article: bool,
        anchor: int,
    ) -> None:
        src = attrs.get("src") or attrs.get("data-src") or attrs.get("data-lazy-src") or ""
        url = absolute(self.url, src) if src else None
        if url is None:
            return
        link = self.links[anchor].url if anchor >= 0 else ""
        if anchor >= 0 and not self.links[anchor].image_src:
            self.links[anchor].image_src = url
        self.images.append(
            Image(
                url,
                (attrs.get("alt") or "").strip(),
                zone,
                " > ".join(segs),
                in_article,
                (attrs.get("title") or "").strip(),
                link,
            )
        )

    def comment(self, content: str, info: _Info) -> None:
        content = " ".join(content.split())
        if len(content) < 4:
            return
        self.flush()
        self.blocks.append(
            TextBlock(
                content[:MAX_COMMENT_CHARS],
                Zone.HTML_COMMENT,
                " > ".join(info.segs),
                "#comment",
                info.in_article,
                len(self.blocks),
            )
        )

    def walk(self, root: LexborNode) -> None:
        root_info = _Info(Zone.OTHER, False, False, root.mem_id, "", (), False, -1)
        memo: dict[int, _Info] = {}
        run = self.run
        link_text = self.link_text
        for node in root.traverse(include_text=True):
            if node.is_text_node:
                content = node.text_content or ""
                if not content or content.isspace():
                    if run:  # keeps words apart; whitespace collapses when the block is flushed
                        run.append(" ")
                    continue
                parent = node.parent
                info = memo.get(parent.mem_id, root_info) if parent is not None else root_info
                if info.skip:
                    continue
                if self.open_quotes and info.q != self.open_quotes[-1][0]:
                    self._close_quotes(info.q)
                if info.anchor >= 0:
                    link_text[info.anchor].append(content)
                if self.run_info is not info and (self.run_info is None or self.run_info.block != info.block):
                    self.flush()
                    run = self.run
                    self.run_info = info
                run.append(content)
                if info.anchor >= 0 and (not self.run_anchors or self.run_anchors[-1] != info.anchor):
                    self.run_anchors.append(info.anchor)
            elif node.is_element_node:
                parent = node.parent
                info = memo.get(parent.mem_id, root_info) if parent is not None else root_info
                if self.open_quotes and info.q != self.open_quotes[-1][0]:
                    self._close_quotes(info.q)
                memo[node.mem_id] = self.element(node, info)
                run = self.run
            elif node.is_comment_node:
                parent = node.parent
                info = memo.get(parent.mem_id, root_info) if parent is not None else root_info
                if not info.skip:
                    self.comment(node.comment_content or "", info)
                run = self.run
        self._close_quotes(-2)
        self.flush()

    def page_links(self) -> list[Link]:
        out = []
        for d, parts in zip(self.links, self.link_text, strict=True):
            text = " ".join("".join(parts).split())[:MAX_LINK_TEXT]
            out.append(
                Link(
                    d.url,
                    text,
                    d.rel,
                    d.zone,
                    d.path,
                    "a",
                    d.in_article,
                    d.block,
                    d.title,
                    d.type,
                    d.image_src,
                )
            )
        return out


def _meta_and_head(
    tree: LexborHTMLParser, url: str | None
) -> tuple[dict[str, list[str]], list[Link], list[str]]:
    meta: dict[str, list[str]] = {}
    for node in tree.css("meta"):
        attrs = node.attributes
        content = attrs.get("content")
        if content is None:
            continue
        for key in ("name", "property", "itemprop", "http-equiv"):
            name = attrs.get(key)
            if name:
                meta.setdefault(name.strip().lower(), []).append(content.strip())
    links: list[Link] = []
    for node in tree.css("link[href]"):
        attrs = node.attributes
        href = absolute(url, attrs.get("href") or "")
        if href is None:
            continue
        links.append(
            Link(
                href,
                (attrs.get("title") or "").strip(),
                tuple((attrs.get("rel") or "").lower().split()),
                Zone.META,
                "head > link",
                "link",
                False,
                None,
                (attrs.get("title") or "").strip(),
                (attrs.get("type") or "").strip().lower(),
            )
        )
    scripts = [node.text(deep=True) or "" for node in tree.css('script[type*="ld+json" i]')]
    return meta, links, scripts


_LINK_HEADER = re.compile(r"<([^>]*)>\s*;([^,]*?rel\s*=\s*\"?([^\";,]+)\"?[^,]*)", re.I)


def _header_links(headers: Mapping[str, str] | None, url: str | None) -> list[Link]:
    links = []
    for match in _LINK_HEADER.finditer(_header(headers, "link")):
        href = absolute(url, match.group(1))
        if href:
            links.append(
                Link(href, "", tuple(match.group(3).lower().split()), Zone.META, "HTTP Link header", "header")
            )
    return links


def _prepare(
    data: bytes | str, headers: Mapping[str, str] | None, max_bytes: int
) -> tuple[LexborHTMLParser, str, str, int, list[str]]:
    """Cut, decode and defuse the input, then parse it: (tree, codec, source, replacement count, warnings)."""
    size_warning = []
    if len(data) > max_bytes:
        size_warning.append(f"page truncated to its first {max_bytes} bytes (of {len(data)})")
        data = data[:max_bytes]
    if isinstance(data, bytes):
        text, codec, source, warnings = decode_html(data, headers)
    else:
        text, codec, source, warnings = data.replace("\x00", ""), "utf-8", "str", []
    warnings = size_warning + warnings
    replacements = text.count("\ufffd")
    text = _defuse(text, warnings)
    return LexborHTMLParser(text), codec, source, replacements, warnings


def parse_page(
    data: bytes | str,
    *,
    url: str | None = None,
    headers: Mapping[str, str] | None = None,
    max_bytes: int = DEFAULT_MAX_PARSE_BYTES,
) -> Page:
    """Parse a page. Bytes are decoded by the WHATWG order; str is taken as already decoded."""
    tree, codec, source, replacements, warnings = _prepare(data, headers, max_bytes)
    meta, head_links, scripts = _meta_and_head(tree, url)
    main, article = _find_main(tree)
    builder = _Builder(url, main, article)
    if tree.root is not None:
        builder.walk(tree.root)
    links = [*head_links, *_header_links(headers, url), *builder.page_links()]
    jsonld, jsonld_errors = parse_jsonld(scripts)
    fields = page_metadata(tree_title(tree), meta, jsonld, links, builder.blocks, url)
    lang = tree.root.attributes.get("lang") if tree.root is not None else None
    return Page(
        url=url,
        encoding=codec,
        encoding_source=source,
        replacement_chars=replacements,
        lang=(lang or None),
        blocks=tuple(builder.blocks),
        links=tuple(links),
        images=tuple(builder.images),
        meta={k: tuple(v) for k, v in meta.items()},
        jsonld=tuple(jsonld),
        jsonld_errors=jsonld_errors,
        headers=dict(headers or {}),
        warnings=tuple(warnings),
        **fields,
    )


_NOT_TEXT = ["script", "style", "noscript", "template", "svg", "math", "iframe", "object", "canvas", "select"]
MAX_LIGHT_TEXT = 200_000


def parse_links(
    data: bytes | str,
    *,
    url: str | None = None,
    headers: Mapping[str, str] | None = None,
    max_bytes: int = DEFAULT_MAX_PARSE_BYTES,
) -> Page:
    """A light read for crawling: the same decoding, metadata and absolute links as `parse_page`, but no zones.

    The visible text comes back as one block (zone OTHER) and links carry no zone; the crawler needs only links,
    feeds, title and canonical, and this costs a fraction of the full read (no per-node Python walk).
    """
    tree, codec, source, replacements, warnings = _prepare(data, headers, max_bytes)
    meta, head_links, scripts = _meta_and_head(tree, url)
    links: list[Link] = [*head_links, *_header_links(headers, url)]
    for node in tree.css("a[href]"):
        attrs = node.attributes
        href = absolute(url, attrs.get("href") or "")
        if href is not None:
            links.append(
                Link(
                    href,
                    " ".join(node.text(deep=True, separator=" ").split())[:MAX_LINK_TEXT],
                    tuple((attrs.get("rel") or "").lower().split()),
                    Zone.OTHER,
                    "",
                    "a",
                )
            )
    tree.strip_tags(_NOT_TEXT)
    body = tree.body
    visible = " ".join((body.text(deep=True, separator=" ") if body is not None else "").split())
    blocks = (TextBlock(visible[:MAX_LIGHT_TEXT], Zone.OTHER, "body", "body", False, 0),) if visible else ()
    jsonld, jsonld_errors = parse_jsonld(scripts)
    fields = page_metadata(tree_title(tree), meta, jsonld, links, blocks, url)
    lang = tree.root.attributes.get("lang") if tree.root is not None else None
    return Page(
        url=url, encoding=codec, encoding_source=source, replacement_chars=replacements, lang=(lang or None),
        blocks=blocks, links=tuple(links), meta={k: tuple(v) for k, v in meta.items()}, jsonld=tuple(jsonld),
        jsonld_errors=jsonld_errors, headers=dict(headers or {}), warnings=tuple(warnings), **fields,
    )  # fmt: skip


def tree_title(tree: LexborHTMLParser) -> str | None:
    node = tree.css_first("title")
    if node is None:
        return None
    title = " ".join((node.text() or "").split())
    return title or None


def check_html_bytes(path: str, data: bytes) -> None:
    """Refuse bytes that are clearly not an HTML page, naming what they look like."""
    what = sniff_not_html(data)
    if what is not None:
        raise InputError(f"{path} is not an HTML page (it looks like {what}); give an .html file or a URL")
