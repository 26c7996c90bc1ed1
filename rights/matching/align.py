"""Alignment: shared word k-grams -> maximal common runs -> non-overlapping tiles -> passages.

Both texts are tokenised; every k-gram of the copy that also occurs in the original is a seed. Seeds on
the same diagonal (consecutive in both texts) join into runs. Runs are laid as tiles, longest first, so no
token of either text belongs to two tiles (greedy string tiling, as in Wise's GST): a copy with reordered
paragraphs still aligns paragraph by paragraph, and a sentence repeated in one text is matched once. Tiles
that follow each other in both texts with small gaps between them (an edited word, an inserted clause) form
one passage.

Everything is token indices here; `rights.matching.compare` turns them into character offsets.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from rights.matching.fingerprint import shingle_hashes
from rights.matching.text import I64, U64

SEED_WORDS = 3
MAX_OCCURRENCES = 50  # a k-gram more frequent than this in either text seeds nothing (lists, tables, chrome)


@dataclass(frozen=True, slots=True)
class Tile:
    """`length` tokens that are the same in both texts, from `copy_first` and `original_first`."""

    copy_first: int
    original_first: int
    length: int

    @property
    def copy_last(self) -> int:
        """One past the last copy token."""
        return self.copy_first + self.length

    @property
    def original_last(self) -> int:
        return self.original_first + self.length


def expand_ranges(starts: I64, counts: I64) -> I64:
    """Concatenate the ranges start..start+count-1."""
    nonempty = counts > 0
    firsts, sizes = starts[nonempty], counts[nonempty]
    if not len(sizes):
        return np.zeros(0, dtype=np.int64)
    steps = np.ones(int(sizes.sum()), dtype=np.int64)
    steps[0] = firsts[0]
    steps[np.cumsum(sizes)[:-1]] = firsts[1:] - (firsts[:-1] + sizes[:-1] - 1)
    return np.cumsum(steps)


def _occurrences(values: U64) -> I64:
    """For each element, how often its value occurs in the array."""
    _, inverse, counts = np.unique(values, return_inverse=True, return_counts=True)
    return counts[inverse].astype(np.int64)


def seed_runs(
    copy_hashes: U64,
    original_hashes: U64,
    k: int = SEED_WORDS,
    copy_mask: np.ndarray | None = None,
    original_mask: np.ndarray | None = None,
    max_occurrences: int = MAX_OCCURRENCES,
) -> tuple[I64, I64, I64]:
    """Maximal runs of shared k-grams: (copy token index, original token index, length in tokens) arrays.

    A token whose mask entry is True (boilerplate, excluded text) is never part of a seed.
    """
    a = shingle_hashes(copy_hashes, k)
    b = shingle_hashes(original_hashes, k)
    empty = np.zeros(0, dtype=np.int64)
    if not len(a) or not len(b):
        return empty, empty, empty
    a_ok = _usable(a, copy_mask, k, max_occurrences)
    b_ok = _usable(b, original_mask, k, max_occurrences)
    b_positions = np.flatnonzero(b_ok)
    order = b_positions[np.argsort(b[b_positions], kind="stable")]
    sorted_b = b[order]
    a_positions = np.flatnonzero(a_ok)
    a_positions = a_positions[np.argsort(a[a_positions], kind="stable")]  # sorted needles: cache-friendly
    a_values = a[a_positions]
    low = np.searchsorted(sorted_b, a_values, side="left")
    counts = (np.searchsorted(sorted_b, a_values, side="right") - low).astype(np.int64)
    if not counts.any():
        return empty, empty, empty
    i = np.repeat(a_positions, counts)
    j = order[expand_ranges(low.astype(np.int64), counts)]
    diagonal = j - i
    by = np.lexsort((i, diagonal))
    i, diagonal = i[by], diagonal[by]
    new_run = np.ones(len(i), dtype=bool)
    new_run[1:] = (diagonal[1:] != diagonal[:-1]) | (i[1:] != i[:-1] + 1)
    run_starts = np.flatnonzero(new_run)
    run_shingles = np.diff(np.append(run_starts, len(i)))
    first_i = i[run_starts]
    return first_i, first_i + diagonal[run_starts], run_shingles + (k - 1)


def _usable(shingles: U64, mask: np.ndarray | None, k: int, max_occurrences: int) -> np.ndarray:
    ok = _occurrences(shingles) <= max_occurrences
    if mask is not None and mask.any():
        touched = np.convolve(mask.astype(np.int8), np.ones(k, dtype=np.int8), mode="valid") > 0
        ok &= ~touched
    return ok


def lay_tiles(runs: tuple[I64, I64, I64], copy_len: int, original_len: int, min_tokens: int) -> list[Tile]:
    """Greedy string tiling of the runs, longest first; pieces shorter than min_tokens are dropped."""
    first_i, first_j, lengths = runs
    if not len(lengths):
        return []
    copy_free = np.ones(copy_len + 1, dtype=bool)
    original_free = np.ones(original_len + 1, dtype=bool)
    copy_free[copy_len] = original_free[original_len] = False  # sentinels end every stretch
    tiles: list[Tile] = []
    order = np.lexsort((first_i, -lengths))
    for index in order[lengths[order] >= min_tokens].tolist():
        i, j, n = int(first_i[index]), int(first_j[index]), int(lengths[index])
        free = copy_free[i : i + n] & original_free[j : j + n]
        pieces = [(0, n)] if free.all() else _stretches(free, min_tokens)
        for offset, size in pieces:
            tiles.append(Tile(i + offset, j + offset, size))
            copy_free[i + offset : i + offset + size] = False
            original_free[j + offset : j + offset + size] = False
    tiles.sort(key=lambda t: t.copy_first)
    return tiles


def _stretches(free: np.ndarray, min_tokens: int) -> list[tuple[int, int]]:
    """(offset, length) of each run of True at least min_tokens long."""
    edges = np.diff(free.view(np.int8), prepend=np.int8(0), append=np.int8(0))
    starts, ends = np.flatnonzero(edges == 1), np.flatnonzero(edges == -1)
    return [(int(s), int(e - s)) for s, e in zip(starts, ends, strict=True) if e - s >= min_tokens]


def group_tiles(tiles: list[Tile], max_gap: int) -> list[list[Tile]]:
    """Join tiles (sorted by copy position) that follow each other in both texts with gaps <= max_gap."""
    groups: list[list[Tile]] = []
    for tile in tiles:
        if groups:
            last = groups[-1][-1]
            copy_gap = tile.copy_first - last.copy_last
            original_gap = tile.original_first - last.original_last
            if 0 <= copy_gap <= max_gap and 0 <= original_gap <= max_gap:
                groups[-1].append(tile)
                continue
        groups.append([tile])
    return groups
