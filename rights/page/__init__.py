"""The page stage: bytes (+ HTTP headers) -> `Page`, the only package that uses selectolax.

    page = parse_page(data, url="https://example.org/story", headers=response_headers)
    page.blocks        # text blocks in document order, each with its zone (main, byline, footer, aside, ...)
    page.links         # anchors, <link> elements and HTTP Link headers, absolute
    page.title, page.authors, page.site_name, page.published, page.canonical

Modules: `decode` (WHATWG encoding order), `sniff` (is it HTML at all?), `zones` (where the article is, which
region an element belongs to), `walk` (the DOM walk: text blocks), `links` (anchors, images, head metadata),
`metadata` and `jsonld` (title, authors, dates, site name), `parse` (the entry points), `models` (the values).
"""

from __future__ import annotations

from rights.page.decode import codec_for_label, decode_html
from rights.page.models import Image, Link, Page, TextBlock
from rights.page.parse import DEFAULT_MAX_PARSE_BYTES, parse_links, parse_page, visible_words
from rights.page.sniff import check_html_bytes, sniff_not_html

__all__ = [
    "DEFAULT_MAX_PARSE_BYTES",
    "Image",
    "Link",
    "Page",
    "TextBlock",
    "check_html_bytes",
    "codec_for_label",
    "decode_html",
    "parse_links",
    "parse_page",
    "sniff_not_html",
    "visible_words",
]
