"""Text -> word tokens with stable 64-bit hashes and character offsets. Pure and vectorised (numpy).

Normalisation is per code point, so offsets stay valid: Unicode letters, digits and combining marks form
words; everything else (punctuation, symbols, spaces) separates them. Each code point is folded to one code
point (NFKC where that gives one character, then lower case), so "Ａ", "A" and "a" are the same letter.
Format characters (soft hyphen, zero-width joiners) are ignored inside words. Scripts written without spaces
between words (Han, kana, Thai, Lao, Khmer, Myanmar) give one token per character, with its combining marks.

A token's hash is a polynomial over its folded code points, finished with the splitmix64 mixer: plain
unsigned 64-bit arithmetic, so the value is the same in every process, platform and release. Change
`TOKEN_VERSION` whenever a change here would change a hash: fingerprints are stored across runs.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from functools import lru_cache

import numpy as np
from numpy.typing import NDArray

TOKEN_VERSION = 1

U64 = NDArray[np.uint64]
I64 = NDArray[np.int64]

_NONE, _WORD, _SOLO, _MARK, _IGNORE = 0, 1, 2, 3, 4
_TABLE_SIZE = 0x110000
_BUILT_UPTO = 0x32400  # the end of CJK Extension H; higher code points are symbols or private use
_SOLO_RANGES = (
    (0x0E00, 0x0EFF),  # Thai, Lao
    (0x1000, 0x109F),  # Myanmar
    (0x1780, 0x17FF),  # Khmer
    (0x19E0, 0x19FF),  # Khmer symbols
    (0x2E80, 0x2FDF),  # CJK radicals
    (0x3005, 0x3007),  # 々 〆 〇
    (0x3040, 0x30FF),  # Hiragana, Katakana
    (0x31F0, 0x31FF),  # Katakana extensions
    (0x3400, 0x4DBF),  # CJK Extension A
    (0x4E00, 0x9FFF),  # CJK Unified Ideographs
    (0xF900, 0xFAFF),  # CJK compatibility ideographs
    (0xFF66, 0xFF9F),  # half-width Katakana
    (0x20000, 0x323AF),  # CJK Extensions B-H
)
_SEPARATING_FORMAT = frozenset({0x200B, 0xFEFF})  # zero-width space, BOM: break words like a space

_P = 0x100000001B3  # FNV-64 prime: odd, so every power is invertible mod 2**64
_P_INVERSE = pow(_P, -1, 2**64)
_M1 = np.uint64(0xBF58476D1CE4E5B9)
_M2 = np.uint64(0x94D049BB133111EB)


@lru_cache(maxsize=1)
def _tables() -> tuple[NDArray[np.uint8], NDArray[np.uint32]]:
    """Per code point: its class and its folded code point. Built once per process (about 0.1 s)."""
    cls = np.zeros(_TABLE_SIZE, dtype=np.uint8)
    fold = np.arange(_TABLE_SIZE, dtype=np.uint32)
    category = unicodedata.category
    normalize = unicodedata.normalize
    for cp in range(_BUILT_UPTO):
        if 0xD800 <= cp < 0xE000:
            continue
        char = chr(cp)
        major = category(char)
        if major[0] in "LN":
            cls[cp] = _WORD
        elif major[0] == "M":
            cls[cp] = _MARK
        elif major == "Cf" and cp not in _SEPARATING_FORMAT:
            cls[cp] = _IGNORE
            continue
        else:
            continue
        folded = normalize("NFKC", char).lower()
        if len(folded) != 1:
            folded = char.lower()
        if len(folded) == 1:
            fold[cp] = ord(folded)
    for low, high in _SOLO_RANGES:
        block = cls[low : high + 1]
        block[block == _WORD] = _SOLO
    return cls, fold


@dataclass(frozen=True, slots=True, eq=False)
class Tokens:
    """The word tokens of `text`: hash, start and end offset (characters, end exclusive) of each."""

    text: str
    hashes: U64
    starts: I64
    ends: I64

    def __len__(self) -> int:
        return len(self.hashes)

    def span(self, first: int, last: int) -> tuple[int, int]:
        """Character offsets covering tokens first..last-1 (last exclusive)."""
        return int(self.starts[first]), int(self.ends[last - 1])


def prepare(text: str) -> str:
    """The form of a text that offsets refer to: NFC (already the case for almost all web text)."""
    if text.isascii() or unicodedata.is_normalized("NFC", text):
        return text
    return unicodedata.normalize("NFC", text)


def mix64(values: U64) -> U64:
    """splitmix64's finaliser, element-wise (a bijection on 64-bit values with full avalanche)."""
    x = values ^ (values >> np.uint64(30))
    x = x * _M1
    x ^= x >> np.uint64(27)
    x *= _M2
    x ^= x >> np.uint64(31)
    return x


def _shift_right(mask: NDArray[np.bool_], fill: bool) -> NDArray[np.bool_]:
    out = np.empty_like(mask)
    if len(mask):
        out[0] = fill
        out[1:] = mask[:-1]
    return out


def _boundaries(cls: NDArray[np.uint8]) -> tuple[I64, I64]:
    """Start and end (exclusive) positions of the tokens in a code point class array."""
    word = cls != _NONE
    solo = cls == _SOLO
    if not solo.any():  # runs of word characters (a mark after a space starts a token, as below)
        edges = np.diff(word.view(np.int8), prepend=np.int8(0), append=np.int8(0))
        return np.flatnonzero(edges == 1).astype(np.int64), np.flatnonzero(edges == -1).astype(np.int64)
    mark = cls == _MARK
    solo_run = solo.copy()  # a solo character with the marks that follow it
    for _ in range(3):
        solo_run[1:] |= mark[1:] & solo_run[:-1]
    prev_word = _shift_right(word, False)
    start = word & (~prev_word | (~mark & (solo | _shift_right(solo_run, False))))
    after = np.ones_like(word)
    after[:-1] = ~word[1:] | start[1:]
    end = word & after
    return np.flatnonzero(start).astype(np.int64), np.flatnonzero(end).astype(np.int64) + 1


def _powers(size: int) -> tuple[U64, U64]:
    """P**i and P**-i (mod 2**64) for i < size."""
    forward = np.full(size, np.uint64(_P), dtype=np.uint64)
    forward[0] = 1
    np.cumprod(forward, out=forward)
    inverse = np.full(size, np.uint64(_P_INVERSE), dtype=np.uint64)
    inverse[0] = 1
    np.cumprod(inverse, out=inverse)
    return forward, inverse


_cached_powers = lru_cache(maxsize=8)(_powers)


def _token_hashes(values: U64, lengths: I64) -> U64:
    """Polynomial hash of each run of `values` (runs laid end to end, with the given lengths).

    sum(v[i] * P**(i - first)) for the run starting at `first`, computed for all runs at once as
    (sum(v[i] * P**i)) * P**-first: P is odd, so it has an inverse modulo 2**64.
    """
    if not len(lengths):
        return np.zeros(0, dtype=np.uint64)
    firsts = np.empty(len(lengths), dtype=np.int64)
    firsts[0] = 0
    np.cumsum(lengths[:-1], out=firsts[1:])
    size = 1 << max(10, (len(values) - 1).bit_length())
    forward, inverse = _cached_powers(size) if size <= 1 << 16 else _powers(len(values))
    return mix64(np.add.reduceat(values * forward[: len(values)], firsts) * inverse[firsts])


@lru_cache(maxsize=1)
def _ascii_tables() -> tuple[NDArray[np.bool_], NDArray[np.uint64]]:
    """The first 128 entries of the tables, as a word mask and folded values (the fast path for ASCII)."""
    cls, fold = _tables()
    word = np.zeros(256, dtype=bool)
    word[:128] = cls[:128] != _NONE
    values = np.zeros(256, dtype=np.uint64)
    values[:128] = fold[:128]
    return word, values


def _tokenize_ascii(text: str) -> Tokens:
    word_table, fold_table = _ascii_tables()
    points = np.frombuffer(text.encode("ascii"), dtype=np.uint8)
    word = word_table[points]
    edges = np.diff(word.view(np.int8), prepend=np.int8(0), append=np.int8(0))
    starts = np.flatnonzero(edges == 1).astype(np.int64)
    ends = np.flatnonzero(edges == -1).astype(np.int64)
    return Tokens(text, _token_hashes(fold_table[points[word]], ends - starts), starts, ends)


def tokenize(text: str) -> Tokens:
    """Split a text into word tokens (see the module docstring). `text` should come from `prepare`."""
    if not text:
        empty = np.zeros(0, dtype=np.int64)
        return Tokens(text, np.zeros(0, dtype=np.uint64), empty, empty)
    if text.isascii():
        return _tokenize_ascii(text)
    cls_table, fold_table = _tables()
    points = np.frombuffer(text.encode("utf-32-le"), dtype="<u4")
    cls = cls_table[points]
    ignorable = cls == _IGNORE
    if ignorable.any():
        kept = np.flatnonzero(~ignorable)
        starts, ends = _boundaries(cls[kept])
        lengths = ends - starts
        values = fold_table[points[kept]]
        word_values = values[cls[kept] != _NONE]
        starts, ends = kept[starts], kept[ends - 1] + 1
    else:
        starts, ends = _boundaries(cls)
        lengths = ends - starts
        word_values = fold_table[points[cls != _NONE]]
    hashes = _token_hashes(word_values.astype(np.uint64), lengths)
    return Tokens(text, hashes, starts, ends)
