"""A parsed page: text blocks with their zones, links, images, metadata. Built by `rights.page.parse_page`."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from rights.models import Zone


@dataclass(frozen=True, slots=True)
class TextBlock:
    """A run of text in one block element, in document order."""

    text: str
    zone: Zone
    path: str
    tag: str
    in_article: bool
    index: int
    quoted: bool = False  # inside <blockquote> or <q>


@dataclass(frozen=True, slots=True)
class Link:
    """An `<a href>` or `<link href>`, made absolute."""

    url: str
    text: str
    rel: tuple[str, ...]
    zone: Zone
    path: str
    tag: str  # "a" | "link"
    in_article: bool = False
    block: int | None = None  # index of the TextBlock holding the anchor
    title: str = ""
    type: str = ""
    image_src: str = ""  # for <a><img></a> badges: the first image inside the anchor


@dataclass(frozen=True, slots=True)
class Image:
    """An `<img>` with its alternative text."""

    src: str
    alt: str
    zone: Zone
    path: str
    in_article: bool = False
    title: str = ""
    link: str = ""  # href of the enclosing <a>, if any


@dataclass(frozen=True, slots=True)
class Page:
    """A parsed HTML page. Built by `rights.html.parse_page`; pure data, no parser handles."""

    url: str | None
    encoding: str
    encoding_source: str  # bom | header | meta | default
    replacement_chars: int = 0
    title: str | None = None
    lang: str | None = None
    blocks: tuple[TextBlock, ...] = ()
    links: tuple[Link, ...] = ()
    images: tuple[Image, ...] = ()
    meta: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    jsonld: tuple[Mapping[str, Any], ...] = ()
    jsonld_errors: int = 0
    canonical: str | None = None  # the first <link rel=canonical> (or HTTP Link header), as declared
    canonicals: tuple[str, ...] = ()  # every declared canonical; more than one is a conflict
    og_url: str | None = None
    authors: tuple[str, ...] = ()
    site_name: str | None = None
    published: str | None = None
    headers: Mapping[str, str] = field(default_factory=dict)
    warnings: tuple[str, ...] = ()

    @property
    def main_text(self) -> str:
        """The article body text, paragraphs separated by blank lines."""
        return "\n\n".join(b.text for b in self.blocks if b.in_article and b.zone is Zone.MAIN)

    @property
    def visible_text(self) -> str:
        """All visible text (everything but HTML comments)."""
        return "\n\n".join(b.text for b in self.blocks if b.zone is not Zone.HTML_COMMENT)

    def meta_first(self, *names: str) -> str | None:
        """The first non-empty value among the given meta names (lower case)."""
        for name in names:
            for value in self.meta.get(name, ()):
                if value.strip():
                    return value.strip()
        return None
