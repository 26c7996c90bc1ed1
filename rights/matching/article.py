"""Compare pages rather than texts: the article body, block quotations as quotes, site boilerplate removed.

The text of a page is its article body (`Page` blocks in the article region, main zone). When the parser found
no article, or one too short to be the story, the body text outside navigation, footers, comments, sidebars
and headers is used instead. Blocks that are mostly link text (lists of related headlines, galleries, tags)
are left out. `<blockquote>` and `<q>` blocks are quotations.

Boilerplate: fingerprints that recur on many pages of one site (counted by `rights.index`) are passed in;
every word covered by them is excluded from matching and from the shares.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

import numpy as np

from rights.matching.compare import DEFAULT_SETTINGS, MatchSettings, Source, compare_texts, make_source
from rights.matching.fingerprint import DEFAULT_PARAMS, FingerprintParams, shingle_hashes
from rights.matching.models import Match
from rights.matching.quotes import Span
from rights.matching.text import U64, Tokens
from rights.models import Zone
from rights.page.models import Page, TextBlock
from rights.urls import registrable_domain

MIN_ARTICLE_WORDS = 50  # an article body shorter than this is not trusted: the page body is used instead
MAX_LINK_DENSITY = 0.5  # a block whose text is mostly link text is a list of links (related stories, tags)
_CHROME = frozenset({Zone.NAV, Zone.FOOTER, Zone.COMMENTS, Zone.HTML_COMMENT, Zone.META, Zone.HEADER})
_SEPARATOR = "\n\n"


@dataclass(frozen=True, slots=True)
class PageText:
    """The text of a page used for matching, where its quotations are, and which blocks it came from."""

    text: str
    quoted_spans: tuple[Span, ...]
    origin: str  # article | body | none
    blocks: tuple[int, ...]  # TextBlock.index of each block joined into the text


def _join(blocks: list[TextBlock], origin: str) -> PageText:
    parts: list[str] = []
    quoted: list[Span] = []
    offset = 0
    for block in blocks:
        if parts:
            offset += len(_SEPARATOR)
        if block.quoted:
            quoted.append((offset, offset + len(block.text)))
        parts.append(block.text)
        offset += len(block.text)
    return PageText(_SEPARATOR.join(parts), tuple(quoted), origin, tuple(b.index for b in blocks))


def _words(blocks: list[TextBlock]) -> int:
    return sum(len(b.text.split()) for b in blocks)


def _linked_blocks(page: Page) -> set[int]:
    """Blocks whose text is mostly the text of links: lists of headlines, tags, galleries, share buttons."""
    linked: dict[int, int] = {}
    for link in page.links:
        if link.block is not None:
            linked[link.block] = linked.get(link.block, 0) + len(link.text)
    return {
        block.index
        for block in page.blocks
        if block.index in linked and linked[block.index] >= MAX_LINK_DENSITY * len(block.text)
    }


def page_text(page: Page, min_article_words: int = MIN_ARTICLE_WORDS) -> PageText:
    """The article body of a page, or its body text without chrome when no usable article was found.

    Blocks that are mostly link text (related headlines, galleries, tag lists) are left out either way.
    """
    linked = _linked_blocks(page)
    article = [b for b in page.blocks if b.in_article and b.zone is Zone.MAIN and b.index not in linked]
    if _words(article) >= min_article_words:
        return _join(article, "article")
    body = [
        b
        for b in page.blocks
        if b.zone not in _CHROME and (b.zone is not Zone.ASIDE or b.in_article) and b.index not in linked
    ]
    if _words(body) > _words(article):
        return _join(body, "body")
    return _join(article, "article" if article else "none")


def boilerplate_spans(
    tokens: Tokens, boilerplate: U64, params: FingerprintParams = DEFAULT_PARAMS
) -> list[Span]:
    """Character spans covered by boilerplate fingerprints (as stored by the index, same parameters).

    Winnowing keeps at least one fingerprint in every `window` consecutive shingles, so inside a boilerplate
    passage the hits are at most `window` shingles apart; the gaps between such hits are covered too.
    """
    shingles = shingle_hashes(tokens.hashes, params.k)
    if not len(shingles) or not len(boilerplate):
        return []
    hits = np.flatnonzero(np.isin(shingles, boilerplate))
    if not len(hits):
        return []
    spans: list[Span] = []
    first = last = int(hits[0])
    for hit in hits[1:].tolist():
        if hit - last <= params.window:
            last = hit
            continue
        spans.append(tokens.span(first, last + params.k))
        first = last = hit
    spans.append(tokens.span(first, last + params.k))
    return spans


def page_source(
    page: Page, boilerplate: U64 | None = None, params: FingerprintParams = DEFAULT_PARAMS
) -> Source:
    """A `Source` for a page: its text, quotations (marks and block quotations) and excluded boilerplate."""
    found = page_text(page)
    source = make_source(found.text, quoted_spans=found.quoted_spans)
    if boilerplate is None or not len(boilerplate):
        return source
    excluded = boilerplate_spans(source.tokens, boilerplate, params)
    return make_source(found.text, quoted_spans=found.quoted_spans, excluded_spans=excluded)


def compare_pages(
    copy: Page,
    original: Page,
    *,
    copy_boilerplate: U64 | None = None,
    original_boilerplate: U64 | None = None,
    settings: MatchSettings = DEFAULT_SETTINGS,
) -> Match:
    """Compare the article texts of two pages (see the module docstring)."""
    a, b = page_source(copy, copy_boilerplate), page_source(original, original_boilerplate)
    return compare_texts(a, b, settings, same_site=same_site(copy, original))


def page_site(page: Page) -> str:
    """The registrable domain of a page: from its address, else its canonical or og:url ('' if unknown)."""
    for url in (page.url, page.canonical, page.og_url):
        if url:
            site = registrable_domain(url)
            if site:
                return site
    return ""


def same_site(a: Page, b: Page) -> bool:
    """Both pages are known to be on one site (registrable domain)."""
    site = page_site(a)
    return bool(site) and site == page_site(b)


def as_fingerprints(values: Iterable[int] | U64) -> U64:
    """Fingerprint values (ints or an array) as a sorted distinct uint64 array."""
    return np.unique(np.fromiter(values, dtype=np.uint64) if not isinstance(values, np.ndarray) else values)
