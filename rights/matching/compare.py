"""Compare two texts: copied passages with offsets in both, shares, and a verdict.

`compare_texts(copy, original)` is the pure core behind `rights compare`, `verify` and `audit`. Each side is a
`Source`: the text, its tokens, which tokens are quoted (quotation marks, framing, block quotations) and
which are excluded (site boilerplate). Passages are found by `rights.matching.align`; a passage is `quoted`
when most of its words are quoted in either text.

Verdicts (see `MatchSettings` for the numbers):
- `copy`: most of the copy comes from the original and most of the original is in the copy;
- `partial`: a substantial part is copied (a long unquoted passage, or a large share of either text);
- `quote`: the only shared text of any length is quotation;
- `unrelated`: nothing shared beyond common phrases.

Shared boilerplate is listed but never counted: a short passage holding a copyright notice ("All rights
reserved"), and, for two pages of one site, a passage that starts or ends both texts and is less than half
of either (the site's author box or newsletter call).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field

import numpy as np

from rights.matching.align import SEED_WORDS, Tile, group_tiles, lay_tiles, seed_runs
from rights.matching.models import Match, Passage
from rights.matching.quotes import (
    MIN_QUOTE_WORDS,
    Span,
    add_framing,
    cue_hashes,
    merge_spans,
    quotation_spans,
    token_mask,
)
from rights.matching.text import Tokens, prepare, tokenize


@dataclass(frozen=True, slots=True)
class MatchSettings:
    """The knobs of the comparison. Shares count words outside quotations, of the words not excluded."""

    seed_words: int = SEED_WORDS  # k-gram length that seeds a match
    min_tile_words: int = 4  # shorter common runs are ignored
    max_gap_words: int = 6  # tiles this close in both texts form one passage
    copy_share: float = 0.5  # copy: at least this share of both texts
    long_passage_words: int = 15  # partial: passages at least this long ...
    long_passages_total: int = 40  # ... adding up to at least this many words
    most_of_original: float = 0.5  # partial: at least this share of the original
    spread_share_of_copy: float = 0.15  # partial: copied phrases spread over the copy (paraphrase) ...
    spread_share_of_original: float = 0.06  # ... and covering this share of the original
    quote_min_words: int = 8  # quote: at least one quoted passage this long


DEFAULT_SETTINGS = MatchSettings()
EDGE_WORDS = 5
MAX_LEGAL_WORDS = 30  # a longer passage that ends with a notice is a copy that kept the notice
_LEGAL = re.compile(
    r"all rights reserved|may not be (?:published|reproduced|copied|redistributed)|tous droits réservés"
    r"|alle rechte vorbehalten|todos los derechos reservados|\(c\) ?\d{4}|© ?\d{4}|copyright ©? ?\d{4}",
    re.IGNORECASE,
)


@dataclass(frozen=True, slots=True, eq=False)
class Source:
    """A text ready to be compared."""

    tokens: Tokens
    quoted: np.ndarray  # bool per token
    excluded: np.ndarray  # bool per token
    words: int = field(default=0)

    @property
    def text(self) -> str:
        return self.tokens.text


def make_source(
    text: str,
    *,
    quoted_spans: Iterable[Span] = (),
    excluded_spans: Iterable[Span] = (),
    find_quotations: bool = True,
) -> Source:
    """Tokenise a text and mark its quotations (marks and framing, plus `quoted_spans`) and exclusions.

    Spans are character offsets into `prepare(text)`, which is the text itself for NFC input.
    """
    text = prepare(text)
    tokens = tokenize(text)
    spans = list(quoted_spans)
    if find_quotations:
        spans.extend(quotation_spans(text))
    quoted = token_mask(tokens, merge_spans(spans), MIN_QUOTE_WORDS)
    quoted = add_framing(tokens, quoted, cue_hashes())
    excluded = token_mask(tokens, merge_spans(list(excluded_spans)))
    return Source(tokens, quoted, excluded, int(len(tokens) - excluded.sum()))


def compare_texts(
    copy: str | Source,
    original: str | Source,
    settings: MatchSettings = DEFAULT_SETTINGS,
    *,
    same_site: bool = False,
) -> Match:
    """Find the passages of `original` reproduced in `copy`, and judge the pair.

    With `same_site` (two pages of one site), a passage that ends both texts, or starts both, and is less
    than half of either is the site's template (an author box, a newsletter call), not copying.
    """
    a = copy if isinstance(copy, Source) else make_source(copy)
    b = original if isinstance(original, Source) else make_source(original)
    runs = seed_runs(a.tokens.hashes, b.tokens.hashes, settings.seed_words, a.excluded, b.excluded)
    tiles = lay_tiles(runs, len(a.tokens), len(b.tokens), settings.min_tile_words)
    passages, quoted_in_copy = [], 0
    for group in group_tiles(tiles, settings.max_gap_words):
        boilerplate = (same_site and _template(group, a, b)) or _LEGAL.search(_text(group, a)) is not None
        passages.append(_passage(group, a, b, boilerplate))
        if not boilerplate:
            quoted_in_copy += sum(int(a.quoted[t.copy_first : t.copy_last].sum()) for t in group)
    return judge(passages, a.words, b.words, quoted_in_copy, settings)


def _text(tiles: list[Tile], a: Source) -> str:
    start, end = a.tokens.span(tiles[0].copy_first, tiles[-1].copy_last)
    return a.text[start:end] if tiles[-1].copy_last - tiles[0].copy_first <= MAX_LEGAL_WORDS else ""


def _template(tiles: list[Tile], a: Source, b: Source) -> bool:
    """A passage at the very start or the very end of both texts, and less than half of either."""
    matched = sum(t.length for t in tiles)
    if matched * 2 >= min(a.words, b.words):
        return False
    copy_first, copy_last = tiles[0].copy_first, tiles[-1].copy_last
    original_first, original_last = tiles[0].original_first, max(t.original_last for t in tiles)
    at_start = copy_first <= EDGE_WORDS and original_first <= EDGE_WORDS
    at_end = copy_last >= len(a.tokens) - EDGE_WORDS and original_last >= len(b.tokens) - EDGE_WORDS
    return at_start or at_end


def _passage(tiles: list[Tile], a: Source, b: Source, boilerplate: bool = False) -> Passage:
    """One passage from a group of tiles that follow each other in both texts."""
    first, last = tiles[0], tiles[-1]
    copy_start, copy_end = a.tokens.span(first.copy_first, last.copy_last)
    original_last = max(t.original_last for t in tiles)
    original_start, original_end = b.tokens.span(first.original_first, original_last)
    matched = quoted = 0
    for tile in tiles:
        either = (
            a.quoted[tile.copy_first : tile.copy_last] | b.quoted[tile.original_first : tile.original_last]
        )
        matched += tile.length
        quoted += int(either.sum())
    return Passage(
        copy_start=copy_start,
        copy_end=copy_end,
        original_start=original_start,
        original_end=original_end,
        words=last.copy_last - first.copy_first,
        copy_text=a.text[copy_start:copy_end],
        original_text=b.text[original_start:original_end],
        quoted=quoted * 2 >= matched,
        matched_words=matched,
        quoted_words=quoted,
        boilerplate=boilerplate,
    )


def _share(part: int, whole: int) -> float:
    return round(min(1.0, part / whole), 4) if whole else 0.0


def judge(
    passages: list[Passage],
    copy_words: int,
    original_words: int,
    quoted_in_copy: int = 0,
    settings: MatchSettings = DEFAULT_SETTINGS,
) -> Match:
    """Shares, verdict and reason from the passages of one comparison."""
    counted = [p for p in passages if not p.boilerplate]
    matched = sum(p.matched_words for p in counted)
    free = [p for p in counted if not p.quoted]
    unquoted = sum(p.matched_words for p in free)
    long_words = sum(p.matched_words for p in free if p.words >= settings.long_passage_words)
    free_copy, free_original = _share(unquoted, copy_words), _share(unquoted, original_words)
    longest_quote = max((p.words for p in counted if p.quoted), default=0)
    both = f"{free_copy:.0%} of the copy and {free_original:.0%} of the original"
    if free_copy >= settings.copy_share and free_original >= settings.copy_share:
        verdict, reason = "copy", f"{both} are the same text"
    elif long_words >= settings.long_passages_total:
        verdict, reason = "partial", f"{long_words} words are copied in passages outside quotations ({both})"
    elif free_original >= settings.most_of_original:
        verdict, reason = "partial", f"most of the original is copied ({both})"
    elif free_copy >= settings.spread_share_of_copy and free_original >= settings.spread_share_of_original:
        verdict, reason = "partial", f"copied phrases run through the copy ({both})"
    elif longest_quote >= settings.quote_min_words:
        verdict, reason = "quote", f"the shared text is quotation (longest passage {longest_quote} words)"
    else:
        verdict = "unrelated"
        reason = "no shared passage beyond common phrases" if counted else "no shared passage"
        if len(counted) < len(passages):
            reason += " (shared boilerplate ignored)"
    return Match(
        verdict=verdict,
        copied_share_of_copy=_share(matched, copy_words),
        copied_share_of_original=_share(matched, original_words),
        longest_passage_words=max((p.words for p in counted), default=0),
        passages=tuple(passages),
        copy_words=copy_words,
        original_words=original_words,
        unquoted_share_of_copy=free_copy,
        unquoted_share_of_original=free_original,
        quoted_share_of_original=_share(quoted_in_copy, original_words),
        reason=reason,
    )
