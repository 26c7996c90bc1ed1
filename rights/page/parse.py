"""Bytes (+ HTTP headers) -> `Page`. The entry points of the page stage (selectolax's only user is this package).

`parse_page` decodes the bytes (`rights.page.decode`, WHATWG order), cuts inputs that would make the parser
quadratic (very deep nesting, tags with huge attribute lists) or huge to a bounded size and records the cut in
`Page.warnings`, finds the article body (`rights.page.zones`), walks the DOM once for text blocks with their
zones (`rights.page.walk`) and links and images (`rights.page.links`), and reads the metadata
(`rights.page.metadata`, `rights.page.jsonld`). `parse_links` is the crawler's light read: no zones.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from selectolax.lexbor import LexborHTMLParser

from rights.models import Zone
from rights.page.decode import decode_html
from rights.page.jsonld import parse_jsonld
from rights.page.links import MAX_LINK_TEXT, head_metadata, header_links
from rights.page.metadata import page_metadata
from rights.page.models import Link, Page, TextBlock
from rights.page.walk import DomWalk
from rights.page.zones import find_main
from rights.urls import absolute

DEFAULT_MAX_PARSE_BYTES = 8 * 1024 * 1024
MAX_DEPTH = 3000  # lexbor is quadratic in nesting depth: 20k levels take 0.4 s, 100k take 10 s
MAX_TAG_CHARS = 65536  # a single tag longer than this (an attribute bomb) is cut

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
    meta, head_links, scripts = head_metadata(tree, url)
    walk = _walk(tree, url)
    if _words(walk) < NOSCRIPT_FALLBACK_WORDS and _noscript_words(tree) >= NOSCRIPT_FALLBACK_WORDS:
        # a page that renders its text with JavaScript and serves it to readers without it in <noscript>
        # (Discourse forums, some single-page apps): that text is the page
        tree.unwrap_tags(["noscript"])
        walk = _walk(tree, url)
        warnings = [
            *warnings,
            "the page's text is inside <noscript> (shown without JavaScript); read from there",
        ]
    links = [*head_links, *header_links(headers, url), *walk.links.page_links()]
    jsonld, jsonld_errors = parse_jsonld(scripts)
    fields = page_metadata(tree_title(tree), meta, jsonld, links, walk.blocks, url)
    lang = tree.root.attributes.get("lang") if tree.root is not None else None
    return Page(
        url=url,
        encoding=codec,
        encoding_source=source,
        replacement_chars=replacements,
        lang=(lang or None),
        blocks=tuple(walk.blocks),
        links=tuple(links),
        images=tuple(walk.links.images),
        meta={k: tuple(v) for k, v in meta.items()},
        jsonld=tuple(jsonld),
        jsonld_errors=jsonld_errors,
        headers=dict(headers or {}),
        warnings=tuple(warnings),
        **fields,
    )


NOSCRIPT_FALLBACK_WORDS = 50


def _walk(tree: LexborHTMLParser, url: str | None) -> DomWalk:
    main, article = find_main(tree)
    walk = DomWalk(url, main, article)
    if tree.root is not None:
        walk.walk(tree.root)
    return walk


def _words(walk: DomWalk) -> int:
    """The words of the walked text, counted only up to the fallback's threshold (most pages pass it at once)."""
    words = 0
    for block in walk.blocks:
        words += block.text.count(" ") + 1
        if words >= NOSCRIPT_FALLBACK_WORDS:
            break
    return words


def _noscript_words(tree: LexborHTMLParser) -> int:
    return sum(len(node.text(separator=" ").split()) for node in tree.css("body noscript"))


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
    meta, head_links, scripts = head_metadata(tree, url)
    links: list[Link] = [*head_links, *header_links(headers, url)]
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


def visible_words(
    data: bytes | str, *, headers: Mapping[str, str] | None = None, max_bytes: int = DEFAULT_MAX_PARSE_BYTES
) -> str:
    """Every word a reader could see on the page (noscript included), in document order, cheaply: the same
    decoding as `parse_page`, then the parser's own text of the body, without the DOM walk, zones or links.
    A superset of `parse_page(...).visible_text` up to word breaks at inline tags; `rights scan` looks up
    every capture with it and parses fully only those that share text with an original."""
    tree, *_ = _prepare(data, headers, max_bytes)
    tree.strip_tags([tag for tag in _NOT_TEXT if tag != "noscript"])
    body = tree.body
    return body.text(deep=True, separator=" ") if body is not None else ""


def tree_title(tree: LexborHTMLParser) -> str | None:
    node = tree.css_first("title")
    if node is None:
        return None
    title = " ".join((node.text() or "").split())
    return title or None
