"""Compare pages rather than texts: the article body, block quotations as quotes, site boilerplate removed.

The text of a page is its article body (`Page` blocks in the article region, main zone). When the parser found
no article, or one too short to be the story, the body text outside navigation, footers, comments, sidebars
and headers is used instead. Blocks that are mostly link text (lists of related headlines, galleries, tags)
are left out. `<blockquote>` and `<q>` blocks are quotations.

Boilerplate: fingerprints that recur on many pages of one site (counted by `rights.index`) are passed in;
every word covered by them is excluded from matching and from the shares.

Copies outside the article: when the copy's article text shares no substantial passage with the original (the
extractor picked the wrong region of a page heavy with chrome, or the copy sits in a sidebar, a comment or a
footer), every visible block of the copy's page is compared instead. Each passage says which zone of the copy's
page it sits in (`Passage.copy_zone`); a copy in a comment is still a copy. Two pages of one site are compared by
their article texts only: a site's chrome quoting its own stories is not copying.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterable
from dataclasses import dataclass, replace

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
_HIDDEN = frozenset({Zone.HTML_COMMENT, Zone.META})  # not shown to a reader: never compared
SUBSTANTIAL = frozenset({"copy", "partial"})
_SEPARATOR = "\n\n"


@dataclass(frozen=True, slots=True)
class PageText:
    """The text of a page used for matching, where its quotations are, and which blocks it came from."""

    text: str
    quoted_spans: tuple[Span, ...]
    origin: str  # article | body | page (every visible block) | none
    blocks: tuple[int, ...]  # TextBlock.index of each block joined into the text
    zones: tuple[str, ...] = ()  # the zone of each block: `article`, else the block's page zone
    starts: tuple[int, ...] = ()  # where each block starts in `text`

    def zone_at(self, start: int, end: int) -> str:
        """The zone holding most of the characters `start:end` of the text."""
        if not self.starts:
            return ""
        first = max(0, bisect_right(self.starts, start) - 1)
        last = max(0, bisect_right(self.starts, max(start, end - 1)) - 1)
        counts: dict[str, int] = {}
        for i in range(first, last + 1):
            block_end = self.starts[i + 1] if i + 1 < len(self.starts) else len(self.text)
            covered = min(end, block_end) - max(start, self.starts[i])
            counts[self.zones[i]] = counts.get(self.zones[i], 0) + max(covered, 0)
        return max(counts, key=lambda zone: counts[zone])

    def blocks_at(self, start: int, end: int) -> tuple[int, ...]:
        """The blocks (TextBlock.index) the characters `start:end` of the text come from."""
        if not self.starts:
            return ()
        first = max(0, bisect_right(self.starts, start) - 1)
        last = max(0, bisect_right(self.starts, max(start, end - 1)) - 1)
        return self.blocks[first : last + 1]


def block_zone(block: TextBlock) -> str:
    """Where a block sits, as a passage reports it: `article` for the article body, else its page zone."""
    return "article" if block.in_article and block.zone is Zone.MAIN else block.zone.value


def _join(blocks: list[TextBlock], origin: str) -> PageText:
    parts: list[str] = []
    quoted: list[Span] = []
    starts: list[int] = []
    offset = 0
    for block in blocks:
        if parts:
            offset += len(_SEPARATOR)
        if block.quoted:
            quoted.append((offset, offset + len(block.text)))
        starts.append(offset)
        parts.append(block.text)
        offset += len(block.text)
    return PageText(
        _SEPARATOR.join(parts),
        tuple(quoted),
        origin,
        tuple(b.index for b in blocks),
        tuple(block_zone(b) for b in blocks),
        tuple(starts),
    )


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


def page_text(page: Page, min_article_words: int = MIN_ARTICLE_WORDS, *, whole: bool = False) -> PageText:
    """The article body of a page, or its body text without chrome when no usable article was found.

    Blocks that are mostly link text (related headlines, galleries, tag lists) are left out either way. With
    `whole`, every visible block of the page instead (chrome, sidebars, comments and link lists included).
    """
    if whole:
        return _join([b for b in page.blocks if b.zone not in _HIDDEN], "page")
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


def text_source(
    found: PageText, boilerplate: U64 | None = None, params: FingerprintParams = DEFAULT_PARAMS
) -> Source:
    """A `Source` for a page's text: quotations (marks and block quotations) and excluded boilerplate."""
    source = make_source(found.text, quoted_spans=found.quoted_spans)
    if boilerplate is None or not len(boilerplate):
        return source
    excluded = boilerplate_spans(source.tokens, boilerplate, params)
    return make_source(found.text, quoted_spans=found.quoted_spans, excluded_spans=excluded)


def page_source(
    page: Page, boilerplate: U64 | None = None, params: FingerprintParams = DEFAULT_PARAMS
) -> Source:
    """A `Source` for a page's article text (see `page_text`) with its quotations and excluded boilerplate."""
    return text_source(page_text(page), boilerplate, params)


@dataclass(frozen=True, slots=True, eq=False)
class PageMatch:
    """A page compared with an original: the match, and the copy's text it was found in (offsets index it)."""

    match: Match
    text: PageText
    source: Source


def match_page(
    copy: Page,
    original: Source,
    *,
    copy_boilerplate: U64 | None = None,
    settings: MatchSettings = DEFAULT_SETTINGS,
    same_site: bool = False,
) -> PageMatch:
    """Compare a page's article text with an original; when that finds no substantial copy, every visible
    block of the page (kept when it finds a copy, or a quotation where the article text found nothing). Not
    for two pages of one site: there the text around the article (author boxes, teasers of other stories,
    recent posts) is the site's own template. Passages carry the zone of the copy's page they sit in."""
    found = page_text(copy)
    source = text_source(found, copy_boilerplate)
    match = compare_texts(source, original, settings, same_site=same_site)
    if match.verdict not in SUBSTANTIAL and not same_site:
        whole = page_text(copy, whole=True)
        if len(whole.blocks) > len(found.blocks):
            whole_source = text_source(whole, copy_boilerplate)
            wider = compare_texts(whole_source, original, settings, same_site=same_site)
            if wider.verdict in SUBSTANTIAL or (wider.verdict == "quote" and match.verdict == "unrelated"):
                found, source, match = whole, whole_source, wider
    return PageMatch(_placed(match, found), found, source)


def _placed(match: Match, found: PageText) -> Match:
    """The match with each passage's zone, the text it indexes and (for a whole page) the blocks it holds."""
    passages = tuple(replace(p, copy_zone=found.zone_at(p.copy_start, p.copy_end)) for p in match.passages)
    blocks: tuple[int, ...] = ()
    reason = match.reason
    if found.origin == "page":
        counted = [p for p in passages if not p.boilerplate]
        blocks = tuple(sorted({i for p in counted for i in found.blocks_at(p.copy_start, p.copy_end)}))
        zones = sorted({p.copy_zone for p in counted}, key=_ZONE_ORDER.index)
        reason += f"; the copied text sits outside the copy's article, in {' and '.join(_ZONE_WORDS[z] for z in zones)}"
    return replace(match, passages=passages, copy_text_from=found.origin, copy_blocks=blocks, reason=reason)


# How a reason names the zones a copy outside the article sits in.
_ZONE_WORDS = {
    "article": "the article",
    "main": "the main text",
    "byline": "the byline",
    "aside": "a sidebar",
    "comments": "the comments",
    "header": "the page header",
    "nav": "the navigation",
    "footer": "the footer",
    "other": "a block outside the page's regions",
}
_ZONE_ORDER = list(_ZONE_WORDS)


def compare_pages(
    copy: Page,
    original: Page,
    *,
    copy_boilerplate: U64 | None = None,
    original_boilerplate: U64 | None = None,
    settings: MatchSettings = DEFAULT_SETTINGS,
) -> Match:
    """Compare two pages: the copy's article text, else its whole page, with the original's article text (see
    the module docstring)."""
    b = page_source(original, original_boilerplate)
    one_site = same_site(copy, original)
    return match_page(copy, b, copy_boilerplate=copy_boilerplate, settings=settings, same_site=one_site).match


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
