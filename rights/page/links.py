"""Links and images: `<a href>` anchors as the DOM walk meets them (text, block, first image), `<img>` with its
alternative text, `<meta>` and `<link>` in the head, JSON-LD scripts, and links from the HTTP `Link` header.
Every URL is made absolute against the page's address."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass

from selectolax.lexbor import LexborHTMLParser

from rights.models import Zone
from rights.page.decode import header_value
from rights.page.models import Image, Link
from rights.urls import absolute

MAX_LINK_TEXT = 300


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


class LinkCollector:
    """The anchors and images of one page, collected during the DOM walk.

    `link()` registers an anchor and returns its index (-1 for an anchor without a usable href); the walk appends
    the anchor's text pieces to `texts[index]` and sets `drafts[index].block` when the anchor's block is flushed.
    """

    def __init__(self, url: str | None) -> None:
        self.url = url
        self.drafts: list[_LinkDraft] = []
        self.texts: list[list[str]] = []
        self.images: list[Image] = []

    def link(
        self, attrs: Mapping[str, str | None], zone: Zone, segs: tuple[str, ...], in_article: bool
    ) -> int:
        href = attrs.get("href")
        url = absolute(self.url, href) if href else None
        if url is None:
            return -1
        rel = tuple((attrs.get("rel") or "").lower().split())
        path = " > ".join(segs)
        self.drafts.append(
            _LinkDraft(url, rel, zone, path, in_article, attrs.get("title") or "", attrs.get("type") or "")
        )
        self.texts.append([])
        return len(self.drafts) - 1

    def image(
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
        link = self.drafts[anchor].url if anchor >= 0 else ""
        if anchor >= 0 and not self.drafts[anchor].image_src:
            self.drafts[anchor].image_src = url
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

    def page_links(self) -> list[Link]:
        """The anchors as `Link`s, with their collected text (whitespace folded, cut at MAX_LINK_TEXT)."""
        out = []
        for d, parts in zip(self.drafts, self.texts, strict=True):
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


def head_metadata(
    tree: LexborHTMLParser, url: str | None
) -> tuple[dict[str, list[str]], list[Link], list[str]]:
    """The `<meta>` values by lower-case name, the `<link href>` elements, and the JSON-LD scripts' text."""
    meta: dict[str, list[str]] = {}
    for node in tree.css("meta"):
        attrs = node.attributes
        content = attrs.get("content")
        if content is None:
            content = attrs.get("value")  # a common mistake for `content`, read as browsers' readers do
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


def header_links(headers: Mapping[str, str] | None, url: str | None) -> list[Link]:
    """Links announced in the HTTP `Link` header (a canonical, a licence)."""
    links = []
    for match in _LINK_HEADER.finditer(header_value(headers, "link")):
        href = absolute(url, match.group(1))
        if href:
            links.append(
                Link(href, "", tuple(match.group(3).lower().split()), Zone.META, "HTTP Link header", "header")
            )
    return links
