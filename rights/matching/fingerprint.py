"""Word k-gram shingles with a stable 64-bit hash, and winnowing (Schleimer, Wilkerson & Aiken 2003).

`fingerprint(text)` is what the index stores: the sorted, distinct winnowed hashes of the text's word
5-grams. Winnowing keeps the minimum hash of every window of `window` consecutive shingles, so any passage
shared by two texts that is at least `window + k - 1` words long shares at least one fingerprint, whatever
surrounds it; about 2 / (window + 1) of the shingles are kept.

Hashes are plain unsigned 64-bit arithmetic over the token hashes of `rights.matching.text` and are the same
in every process and release: `FINGERPRINT_VERSION` names the scheme and must change if a value would.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from numpy.lib.stride_tricks import as_strided

from rights.matching.text import I64, TOKEN_VERSION, U64, Tokens, mix64, prepare, tokenize

SHINGLE_WORDS = 5
WINDOW = 4
ANCHOR_WINDOW = 16  # anchors: the sparser winnowing used as lookup keys in SQLite (a subset of fingerprints)
FINGERPRINT_VERSION = f"t{TOKEN_VERSION}-k{SHINGLE_WORDS}-w{WINDOW}-a{ANCHOR_WINDOW}"
_Q = np.uint64(0x9E3779B97F4A7C15)  # odd multiplier that chains the token hashes of a shingle


@dataclass(frozen=True, slots=True)
class FingerprintParams:
    """Shingle length (words) and winnowing window (shingles)."""

    k: int = SHINGLE_WORDS
    window: int = WINDOW

    def __post_init__(self) -> None:
        if not 1 <= self.k <= 64 or not 1 <= self.window <= 256:
            raise ValueError(f"fingerprint parameters out of range: k={self.k}, window={self.window}")

    @property
    def guarantee(self) -> int:
        """A shared passage of at least this many words always shares a fingerprint."""
        return self.window + self.k - 1


DEFAULT_PARAMS = FingerprintParams()


def shingle_hashes(token_hashes: U64, k: int) -> U64:
    """The hash of every run of k consecutive tokens (len(tokens) - k + 1 values; none if too short)."""
    n = len(token_hashes) - k + 1
    if n <= 0:
        return np.zeros(0, dtype=np.uint64)
    acc = token_hashes[:n].copy()
    for j in range(1, k):
        acc *= _Q
        acc += token_hashes[j : j + n]
    return mix64(acc)


def winnow(hashes: U64, window: int) -> I64:
    """Positions selected by winnowing: the minimum of each window of `window` hashes (leftmost on ties)."""
    n = len(hashes) - window + 1
    if n <= 1:
        return np.array([int(np.argmin(hashes))] if len(hashes) else [], dtype=np.int64)
    step = hashes.strides[0]
    windows = as_strided(hashes, shape=(n, window), strides=(step, step), writeable=False)
    picks: I64 = windows.argmin(axis=1).astype(np.int64)
    picks += np.arange(n, dtype=np.int64)
    keep = np.empty(n, dtype=bool)
    keep[0] = True
    np.not_equal(picks[1:], picks[:-1], out=keep[1:])
    return picks[keep]


def distinct(values: U64) -> U64:
    """Sorted distinct values (np.unique without its overhead on small arrays)."""
    ordered = np.sort(values)
    keep = np.empty(len(ordered), dtype=bool)
    if len(ordered):
        keep[0] = True
        np.not_equal(ordered[1:], ordered[:-1], out=keep[1:])
    result: U64 = ordered[keep]
    return result


def fingerprint_tokens(tokens: Tokens, params: FingerprintParams = DEFAULT_PARAMS) -> U64:
    """Sorted distinct winnowed shingle hashes of already tokenised text."""
    shingles = shingle_hashes(tokens.hashes, params.k)
    if not len(shingles):
        return shingles
    return distinct(shingles[winnow(shingles, params.window)])


def fingerprint(text: str, params: FingerprintParams = DEFAULT_PARAMS) -> U64:
    """Sorted distinct winnowed fingerprints of a text (empty for texts shorter than k words)."""
    return fingerprint_tokens(tokenize(prepare(text)), params)


@dataclass(frozen=True, slots=True, eq=False)
class Prints:
    """What is stored for a document: its fingerprints, its anchors and its length in words.

    Anchors are winnowed with a window of ANCHOR_WINDOW shingles, so every anchor is also a fingerprint and
    any shared passage of at least ANCHOR_WINDOW + k - 1 words (20) shares an anchor. They are the keys of
    the persistent lookup table: about 2 / 17 of the words, a quarter of the fingerprints.
    """

    fingerprints: U64
    anchors: U64
    words: int


def prints_of_tokens(tokens: Tokens, params: FingerprintParams = DEFAULT_PARAMS) -> Prints:
    """Fingerprints and anchors of tokenised text."""
    shingles = shingle_hashes(tokens.hashes, params.k)
    if not len(shingles):
        empty = np.zeros(0, dtype=np.uint64)
        return Prints(empty, empty, len(tokens))
    fingerprints = distinct(shingles[winnow(shingles, params.window)])
    anchors = distinct(shingles[winnow(shingles, max(params.window, ANCHOR_WINDOW))])
    return Prints(fingerprints, anchors, len(tokens))


def prints(text: str, params: FingerprintParams = DEFAULT_PARAMS) -> Prints:
    """Fingerprints and anchors of a text."""
    return prints_of_tokens(tokenize(prepare(text)), params)


def to_blob(fingerprints: U64) -> bytes:
    """Pack fingerprints as little-endian unsigned 64-bit integers (8 bytes each)."""
    return np.asarray(fingerprints, dtype="<u8").tobytes()


def from_blob(blob: bytes) -> U64:
    """Inverse of `to_blob`."""
    if len(blob) % 8:
        raise ValueError(f"fingerprint blob of {len(blob)} bytes is not a multiple of 8")
    return np.frombuffer(blob, dtype="<u8").astype(np.uint64)
