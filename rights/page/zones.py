"""Zones: which region of a page an element belongs to (article body, byline, footer, aside, nav, comments,
header), from its tag, ARIA role, itemprop, id and class; and where the article body is.

Attribution and copyright lines often sit outside the main text, so every text block carries its zone. The
classification of an element is memoised by (tag, id, class, role, itemprop): class strings repeat within and
across pages.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from functools import lru_cache

from selectolax.lexbor import LexborHTMLParser, LexborNode

from rights.models import Zone

SKIP_TAGS = frozenset(
    {"script", "style", "noscript", "template", "svg", "math", "iframe", "object", "canvas", "head"}
)
BLOCK_TAGS = frozenset(
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


def wrappers_inside(main: LexborNode) -> set[int]:
    """Elements inside the article body that look like chrome by name but hold most of its text
    (a `sidebar-and-content` wrapper): they are layout, not a zone."""
    total = -1  # the body's text length, measured at the first chrome-named element
    found = set()
    for node in main.css("[class], [id]"):
        attrs = node.attributes
        zone = kind_of(
            node.tag or "", attrs.get("id"), attrs.get("class"), attrs.get("role"), attrs.get("itemprop")
        )[0]
        if zone in (Zone.ASIDE, Zone.NAV, Zone.FOOTER, Zone.HEADER, Zone.COMMENTS):
            if total < 0:
                total = _text_len(main)
            if _text_len(node) * 2 > total:
                found.add(node.mem_id)
    return found


def find_main(tree: LexborHTMLParser) -> tuple[LexborNode | None, LexborNode | None]:
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


_NO_DIGITS = str.maketrans("", "", "0123456789")


@lru_cache(maxsize=16384)
def _zone_cached(tag: str, ident: str, role: str | None, itemprop: str | None) -> Zone | None:
    """`_zone_of`, memoised: class and id strings repeat within and across pages (digits are removed)."""
    return _zone_of(tag, {"role": role, "itemprop": itemprop}, ident)


# (tag, id, class, role, itemprop) -> (the zone the element names, its path segment); cleared when full.
_KINDS: dict[tuple[str, str | None, str | None, str | None, str | None], tuple[Zone | None, str]] = {}
_MAX_KINDS = 65536


def kind_of(
    tag: str, ident: str | None, cls: str | None, role: str | None, itemprop: str | None
) -> tuple[Zone | None, str]:
    """The zone an element names (or None) and its path segment; memoised in `_KINDS`."""
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
