"""Word-level diff of an original against its copy: every changed, added, removed or moved passage.

For no-derivatives licences: what did the copy change? The diff has to survive what republishers do to a
story: a new headline and intro, trimmed ends, paragraphs in another order. So it is anchored first:

1. the shared passages are tiled as in `rights.matching.align` (each word used once);
2. the heaviest chain of tiles in the same order in both texts (a weighted longest increasing subsequence)
   is the backbone; tiles outside it that follow each other form blocks, and a block of at least
   MIN_MOVED_WORDS words is reported as `moved` (with the edits inside it);
3. between consecutive backbone tiles, the words left over on each side are compared with rapidfuzz's
   word-level Levenshtein opcodes (never character-level), and each run of differences is one edit:
   `changed` (words on both sides), `added` (copy only), `removed` (original only). Differences separated
   by fewer than MIN_EQUAL_WORDS equal words are one edit ("will be able to hear it too" -> "will hear it
   as well" is one change, not three).

Offsets are characters into the two texts (as `prepare` returns them), end exclusive.
"""

from __future__ import annotations

from collections.abc import Collection
from itertools import pairwise

from rapidfuzz.distance import Levenshtein

from rights.matching.align import Tile, group_tiles, lay_tiles, seed_runs
from rights.matching.article import page_text
from rights.matching.compare import Source, make_source
from rights.matching.models import Edit
from rights.page.models import Page

SEED_WORDS = 3
MIN_TILE_WORDS = 3
MIN_MOVED_WORDS = 8
MIN_EQUAL_WORDS = 3
MAX_GAP_WORDS = 6  # tiles of a moved block may be this far apart (edits inside the block)
MAX_OPCODE_CELLS = 4_000_000  # larger gaps are one edit (Levenshtein is quadratic in the gap's words)


def diff_passages(original: str | Source, copy: str | Source) -> list[Edit]:
    """Every difference between `original` and `copy`, in copy order (removed passages at their place)."""
    b = original if isinstance(original, Source) else make_source(original, find_quotations=False)
    a = copy if isinstance(copy, Source) else make_source(copy, find_quotations=False)
    runs = seed_runs(a.tokens.hashes, b.tokens.hashes, SEED_WORDS)
    tiles = lay_tiles(runs, len(a.tokens), len(b.tokens), MIN_TILE_WORDS)
    backbone = _backbone(tiles)
    in_order = set(backbone)
    loose = [t for t in tiles if t not in in_order]
    blocks = [
        group
        for group in group_tiles(loose, MAX_GAP_WORDS)
        if sum(t.length for t in group) >= MIN_MOVED_WORDS
    ]
    copy_done = _covered(len(a.tokens), [(t.copy_first, t.copy_last) for t in backbone])
    original_done = _covered(len(b.tokens), [(t.original_first, t.original_last) for t in backbone])
    edits: list[Edit] = []
    for block in blocks:
        copy_span = range(block[0].copy_first, block[-1].copy_last)
        original_span = range(block[0].original_first, max(t.original_last for t in block))
        edits.append(_edit(a, b, "moved", copy_span, original_span))
        for before, after in pairwise(block):
            inner_copy = list(range(before.copy_last, after.copy_first))
            inner_original = list(range(before.original_last, after.original_first))
            edits.extend(_gap_edits(a, b, inner_copy, inner_original, before))
        copy_done[copy_span.start : copy_span.stop] = [True] * len(copy_span)
        original_done[original_span.start : original_span.stop] = [True] * len(original_span)
    previous = Tile(0, 0, 0)
    for tile in [*backbone, Tile(len(a.tokens), len(b.tokens), 0)]:
        copy_left = [i for i in range(previous.copy_last, tile.copy_first) if not copy_done[i]]
        original_left = [
            j for j in range(previous.original_last, tile.original_first) if not original_done[j]
        ]
        edits.extend(_gap_edits(a, b, copy_left, original_left, previous))
        previous = tile
    edits.sort(key=lambda e: (e.copy_start, e.original_start))
    return edits


def diff_pages(original: Page, copy: Page, copy_blocks: Collection[int] = ()) -> list[Edit]:
    """`diff_passages` of two pages' article texts (offsets index `page_text(page).text`).

    `copy_blocks` (a `Match.copy_blocks`: the copy was found outside the copy's article) diffs those blocks of
    the copy instead, so the page's chrome around them is not reported as added text."""
    if copy_blocks:
        held = set(copy_blocks)
        copy_text = "\n\n".join(b.text for b in copy.blocks if b.index in held)
        return diff_passages(page_text(original).text, copy_text)
    return diff_passages(page_text(original).text, page_text(copy).text)


def _covered(size: int, ranges: list[tuple[int, int]]) -> list[bool]:
    done = [False] * size
    for first, last in ranges:
        done[first:last] = [True] * (last - first)
    return done


def _backbone(tiles: list[Tile]) -> list[Tile]:
    """The heaviest chain of tiles increasing in both texts (tiles come sorted by copy position)."""
    if not tiles:
        return []
    size = max(t.original_last for t in tiles) + 1
    tree: list[tuple[int, int]] = [(0, -1)] * (size + 1)  # Fenwick tree of (best weight, tile) prefix maxima
    best: list[int] = []
    back: list[int] = []
    for index, tile in enumerate(tiles):
        weight, before = 0, -1
        position = tile.original_first  # chains ending at or before this original position
        while position > 0:
            if tree[position][0] > weight:
                weight, before = tree[position]
            position -= position & -position
        best.append(weight + tile.length)
        back.append(before)
        position = tile.original_last
        while position <= size:
            if tree[position][0] < best[index]:
                tree[position] = (best[index], index)
            position += position & -position
    chain = []
    index = max(range(len(tiles)), key=best.__getitem__)
    while index >= 0:
        chain.append(tiles[index])
        index = back[index]
    return chain[::-1]


def _gap_edits(
    a: Source, b: Source, copy_left: list[int], original_left: list[int], after: Tile
) -> list[Edit]:
    """Edits for the words left over between two backbone tiles."""
    if not copy_left and not original_left:
        return []
    if not copy_left or not original_left or len(copy_left) * len(original_left) > MAX_OPCODE_CELLS:
        kind = "changed" if copy_left and original_left else "added" if copy_left else "removed"
        return [_edit(a, b, kind, copy_left, original_left, after)]
    copy_words = a.tokens.hashes[copy_left].tolist()
    original_words = b.tokens.hashes[original_left].tolist()
    spans: list[list[int]] = []  # [original start, original end, copy start, copy end] into the left lists
    for op in Levenshtein.opcodes(original_words, copy_words):
        if op.tag == "equal":
            continue
        if spans and op.src_start - spans[-1][1] < MIN_EQUAL_WORDS:
            spans[-1][1], spans[-1][3] = op.src_end, op.dest_end
        else:
            spans.append([op.src_start, op.src_end, op.dest_start, op.dest_end])
    edits = []
    for o_start, o_end, c_start, c_end in spans:
        copy_tokens, original_tokens = copy_left[c_start:c_end], original_left[o_start:o_end]
        edits.append(_edit(a, b, _kind(copy_tokens, original_tokens), copy_tokens, original_tokens, after))
    return edits


def _kind(copy_tokens: list[int], original_tokens: list[int]) -> str:
    if copy_tokens and original_tokens:
        return "changed"
    return "added" if copy_tokens else "removed"


def _edit(
    a: Source,
    b: Source,
    kind: str,
    copy_tokens: range | list[int],
    original_tokens: range | list[int],
    after: Tile | None = None,
) -> Edit:
    copy_start, copy_end = _offsets(a, copy_tokens, after.copy_last if after else 0)
    original_start, original_end = _offsets(b, original_tokens, after.original_last if after else 0)
    return Edit(
        kind=kind,
        original_start=original_start,
        original_end=original_end,
        copy_start=copy_start,
        copy_end=copy_end,
        original_text=b.text[original_start:original_end],
        copy_text=a.text[copy_start:copy_end],
    )


def _offsets(source: Source, tokens: range | list[int], insertion_token: int) -> tuple[int, int]:
    """Character range of the tokens; for no tokens, an empty range where they would be inserted."""
    if len(tokens):
        return source.tokens.span(tokens[0], tokens[-1] + 1)
    if insertion_token <= 0 or not len(source.tokens):
        return 0, 0
    end = int(source.tokens.ends[min(insertion_token, len(source.tokens)) - 1])
    return end, end
