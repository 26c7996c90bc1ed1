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
    return _first(meta, "publisher", "dc.publisher", "dcterms.publisher", "citation_publisher", "copyright")


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


def _without_site_suffix(title: str | None, site: str | None) -> str | None:
    """ "Story | Example News" -> "Story" when the suffix is the site's name."""
    if not title or not site:
        return title
    for sep in (" | ", " - ", " — ", " – ", " :: ", " · "):
        head, _, tail = title.rpartition(sep)
        if head and tail.strip().casefold() == site.strip().casefold():
            return head.strip()
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
        "title": _without_site_suffix(_title(title_tag, meta, articles), site),
        "authors": _authors(meta, articles, links, blocks),
        "site_name": site,
        "published": _published(meta, articles),
        "canonical": canonicals[0] if canonicals else None,
        "canonicals": tuple(canonicals),
        "og_url": _first(meta, "og:url"),
    }
