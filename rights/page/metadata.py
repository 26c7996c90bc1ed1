"""Page metadata from meta tags, JSON-LD, links and byline blocks: title, authors, site name, published date,
and the declared canonical (kept apart from og:url and from the page's own URL). Pure."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from typing import Any

from rights.models import Zone
from rights.page.jsonld import names, types_of
from rights.page.models import Link, TextBlock

ARTICLE_TYPES = frozenset(
    {"Article", "NewsArticle", "BlogPosting", "Report", "ScholarlyArticle", "TechArticle", "AnalysisNewsArticle",
     "OpinionNewsArticle", "ReportageNewsArticle", "ReviewNewsArticle", "BackgroundNewsArticle", "LiveBlogPosting",
     "SocialMediaPosting", "DiscussionForumPosting", "WebPage", "CreativeWork", "Blog", "MediaObject",
     "PressRelease", "Posting"}
)  # fmt: skip
_BYLINE = re.compile(r"^\s*(?:by|von|par|por|di|door|av|af)\s+([^|•·,;\n]{3,80})", re.I)
_URLISH = re.compile(r"^(?:https?:|www\.|/)|\.(?:com|org|net)\b", re.I)


def _first(meta: Mapping[str, Sequence[str]], *keys: str) -> str | None:
    for key in keys:
        for value in meta.get(key, ()):
            if value and value.strip():
                return " ".join(value.split())
    return None


def article_items(jsonld: Sequence[Mapping[str, Any]]) -> list[Mapping[str, Any]]:
    """JSON-LD items that describe the page's content, articles first."""
    ranked = []
    for item in jsonld:
        kinds = types_of(item)
        if kinds & ARTICLE_TYPES:
            rank = 0 if kinds & {"Article", "NewsArticle", "BlogPosting", "Report", "ScholarlyArticle"} else 1
            if "WebPage" in kinds or "Blog" in kinds:
                rank = 2
            ranked.append((rank, item))
    return [item for _, item in sorted(ranked, key=lambda r: r[0])]


def _add_names(out: list[str], values: list[str]) -> None:
    for value in values:
        clean = " ".join(value.split())
        if (
            clean
            and not _URLISH.search(clean)
            and clean.lower() not in (a.lower() for a in out)
            and len(clean) < 100
        ):
            out.append(clean)


def _authors(
    meta: Mapping[str, Sequence[str]],
    articles: list[Mapping[str, Any]],
    links: Sequence[Link],
    blocks: Sequence[TextBlock],
) -> tuple[str, ...]:
    out: list[str] = []
    for item in articles[:2]:
        _add_names(out, names(item.get("author")) + names(item.get("creator")))
    for key in (
        "author",
        "article:author",
        "dc.creator",
        "dcterms.creator",
        "parsely-author",
        "sailthru.author",
        "byl",
        "citation_author",
    ):
        _add_names(out, [v.removeprefix("By ").removeprefix("by ") for v in meta.get(key, ())])
    if not out:
        _add_names(out, [ln.text for ln in links if "author" in ln.rel and ln.text][:3])
    if not out:
        for block in blocks:
            if block.zone is Zone.BYLINE or (block.in_article and block.index < 40):
                match = _BYLINE.match(block.text)
                if match and len(block.text) < 120:
                    _add_names(out, [match.group(1).strip()])
                    break
    return tuple(out[:10])


def _site_name(
    meta: Mapping[str, Sequence[str]], jsonld: Sequence[Mapping[str, Any]], articles: list[Mapping[str, Any]]
) -> str | None:
    name = _first(meta, "og:site_name", "application-name", "al:ios:app_name", "twitter:app:name:iphone")
    if name:
        return name
    for item in articles:
        found = names(item.get("publisher"))
        if found:
            return found[0]
    for item in jsonld:
        if types_of(item) & {"WebSite", "NewsMediaOrganization", "Organization"}:
            found = names(item)
            if found:
                return found[0]
    for key in ("publisher", "dc.publisher", "dcterms.publisher", "citation_publisher", "copyright"):
        name = _plain_name(_first(meta, key))
        if name:
            return name
    return None


_NOTICE_HEAD = re.compile(r"^(?:(?:copyright|\(c\)|©|&copy;)\s*)+(?:[\d\s,–-]+\b)?(?:by\s+)?", re.I)
_YEARS_HEAD = re.compile(r"^(?:\d{4}\s*[-–,]?\s*)+")


def _plain_name(value: str | None) -> str | None:
    """A publisher named in a free-text meta tag, as a name: "Copyright (c) 2006 X.com. Portions ..." -> "X.com",
    "https://www.x.in" -> "x.in"; None when what is left is not a short name."""
    if not value:
        return None
    value = _YEARS_HEAD.sub("", _NOTICE_HEAD.sub("", value.strip())).strip()
    if re.match(r"https?://", value, re.I):
        value = re.sub(r"^https?://(?:www\.)?", "", value, flags=re.I).split("/")[0]
    value = re.split(r"\.\s|[,;|]\s*|\s+all rights reserved", value, maxsplit=1, flags=re.I)[0].strip(" .")
    if not value or len(value) > 60 or len(value.split()) > 6:
        return None
    return value


def _published(meta: Mapping[str, Sequence[str]], articles: list[Mapping[str, Any]]) -> str | None:
    value = _first(
        meta,
        "article:published_time",
        "og:article:published_time",
        "datepublished",
        "pubdate",
        "publishdate",
        "publish-date",
        "dc.date.issued",
        "dcterms.issued",
        "dc.date",
        "dcterms.date",
        "date",
        "citation_publication_date",
        "sailthru.date",
        "parsely-pub-date",
    )
    if value:
        return value
    for item in articles:
        raw = item.get("datePublished") or item.get("dateCreated")
        if isinstance(raw, str) and raw.strip():
            return raw.strip()
    return None


def _title(
    title_tag: str | None, meta: Mapping[str, Sequence[str]], articles: list[Mapping[str, Any]]
) -> str | None:
    value = _first(meta, "og:title", "twitter:title", "dc.title", "citation_title")
    if value:
        return value
    for item in articles:
        headline = item.get("headline") or item.get("name")
        if isinstance(headline, str) and headline.strip():
            return " ".join(headline.split())
    return title_tag


_SEPARATORS = (" | ", " - ", " — ", " – ", " :: ", " · ", " « ", " » ", " • ", " / ")
_DECORATION = " \t»«|·•:–—-…/"
_NOT_STORY = frozenset({Zone.NAV, Zone.ASIDE, Zone.FOOTER, Zone.COMMENTS, Zone.HTML_COMMENT, Zone.META})
_HEADINGS = ("h1", "h2")


def _key(text: str) -> str:
    """Letters and digits only, case-folded: "News Nation" and "newsnation" agree."""
    return "".join(c for c in text.casefold() if c.isalnum())


def _site_keys(site: str | None, url: str | None) -> set[str]:
    keys = {_key(site)} if site else set()
    if site and _DOMAIN.fullmatch(site.strip()):  # "Nintendo.com": its name is its first label too
        keys.update(_key(label) for label in site.strip().split(".")[:-1] if len(label) >= 4)
    host = re.sub(r"^(?:https?://)?(?:www\d?\.)?", "", url or "", flags=re.I).split("/")[0].split(":")[0]
    if host:
        keys.add(_key(host))
        keys.update(_key(label) for label in host.split(".")[:-1] if len(label) >= 4)
    return keys - {""}


_DOMAIN = re.compile(r"(?:www\.)?[\w-]+(?:\.[a-z]{2,13})+", re.I)


def _strip_decoration(title: str) -> str:
    """Separators and bullets around a title go; an opening guillemet closed inside stays ("»Title« - Site")."""
    stripped = title.strip(_DECORATION)
    first = title.lstrip()[:1]
    if first in ("»", "«"):
        closing = "«" if first == "»" else "»"
        if closing in title.lstrip()[1:].rstrip(_DECORATION):
            stripped = first + stripped
    return stripped


def _is_home(url: str | None) -> bool:
    path = re.sub(r"^[a-z][a-z0-9+.-]*://[^/?#]*", "", url or "", flags=re.I)
    return bool(url) and path.split("?")[0].split("#")[0].strip("/") == ""


def _names_site(segment: str, keys: set[str]) -> bool:
    """A title segment that is the site's name: its name or host, a bare domain ("wnyt.com"), or a short
    segment that the site's name starts ("MDN" for "MDN Web Docs", "Nintendo Official Site" for "Nintendo")."""
    key = _key(segment)
    if not key:
        return False
    if key in keys or _DOMAIN.fullmatch(segment.strip()):
        return True
    if len(segment.split()) > 4:
        return False
    return any((len(k) >= 5 and key.startswith(k)) or (len(key) >= 3 and k.startswith(key)) for k in keys)


def _is_heading(block: TextBlock) -> bool:
    """An h1/h2, or a link or span inside one ("h1 > a")."""
    if block.tag in _HEADINGS:
        return True
    return any(re.split(r"[.#]", seg, maxsplit=1)[0] in _HEADINGS for seg in block.path.split(" > ")[-3:])


def _headings(blocks: Sequence[TextBlock]) -> tuple[list[str], list[str]]:
    """The first headings of the page: the story's (article, byline, body) and the site's (in the header)."""
    story: list[str] = []
    site: list[str] = []
    for block in blocks:
        if not _is_heading(block) or block.zone in _NOT_STORY:
            continue
        text = " ".join(block.text.split()).strip(_DECORATION)
        if text:
            (site if block.zone is Zone.HEADER else story).append(text)
        if len(story) + len(site) >= 10:
            break
    return story, site


def _heading_in_title(title: str, story: Sequence[str], keys: set[str]) -> str | None:
    """The story's heading when the title is that heading plus the site's name or tagline: "Story | Site",
    "Site » Story", "Story … Site: tagline" (the rest starts with a separator or the site's name)."""
    for heading in story:
        if len(heading) < 12 or len(heading.split()) < 2 or heading == title or _names_site(heading, keys):
            continue
        if title.startswith(heading):
            rest = title[len(heading) :].strip()
            if any(_key(rest).startswith(k) for k in keys if len(k) >= 5):
                return heading  # "Story … Site: tagline"
            if rest[:1] in _DECORATION and len(heading) >= len(rest.strip(_DECORATION)):
                return heading  # "Story | Site"; not "Blog name: Story", where the heading is the blog's name
        elif title.endswith(heading):
            rest = title[: -len(heading)].rstrip()
            if rest[-1:] in _DECORATION and len(heading) >= len(rest.strip(_DECORATION)):
                return heading  # "Site » Story"
    return None


def article_title(
    title: str | None, site: str | None, url: str | None, blocks: Sequence[TextBlock] = ()
) -> str | None:
    """The article's own title: "Story | Example News" -> "Story" when the suffix (or prefix) is the site's
    name or its host; "» Story … Site: tagline" -> "Story" when the page's heading says so."""
    if not title:
        return title
    title = _strip_decoration(" ".join(title.split())) or title
    story, site_headings = _headings(blocks)
    keys = _site_keys(site, url)
    heading = _heading_in_title(title, story, keys | {_key(h) for h in site_headings} - {""})
    if heading:
        return heading
    for sep in _SEPARATORS:
        head, _, tail = title.rpartition(sep)
        if head and _names_site(tail, keys):
            return head.strip(_DECORATION)
        first, _, rest = title.partition(sep)
        if rest and _names_site(first, keys) and not _is_home(url):  # "Site - tagline" on a home page stays
            return rest.strip(_DECORATION)
    return title


def page_metadata(
    title_tag: str | None,
    meta: Mapping[str, Sequence[str]],
    jsonld: Sequence[Mapping[str, Any]],
    links: Sequence[Link],
    blocks: Sequence[TextBlock],
    url: str | None,
) -> dict[str, Any]:
    """Fields of `Page` derived from metadata: title, authors, site_name, published, canonical(s), og_url."""
    articles = article_items(jsonld)
    canonicals: list[str] = []
    for link in links:
        if "canonical" in link.rel and link.tag in ("link", "header") and link.url not in canonicals:
            canonicals.append(link.url)
    site = _site_name(meta, jsonld, articles)
    return {
        "title": article_title(
            _title(title_tag, meta, articles), site, url or _first(meta, "og:url"), blocks
        ),
        "authors": _authors(meta, articles, links, blocks),
        "site_name": site,
        "published": _published(meta, articles),
        "canonical": canonicals[0] if canonicals else None,
        "canonicals": tuple(canonicals),
        "og_url": _first(meta, "og:url"),
    }
