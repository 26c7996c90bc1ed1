"""Which words of a post's passage and of its source's passage are the same words, in the same order.

Word-level alignment of the two texts: both are split into the matching tokens (`rights.matching.tokenize`:
case- and width-folded words; one token per character in scripts written without spaces), the common
prefix and suffix are taken as they are, and the rest is aligned with rapidfuzz's word-level Levenshtein
opcodes (never character-level). Each run of equal words becomes one marked span, from the first word's
first character to the last word's last character, so the spaces and punctuation between copied words are
marked with them. Offsets are characters into `prepare(text)` (NFC), which is what `spans` returns.
"""

from __future__ import annotations

from dataclasses import dataclass

from rapidfuzz.distance import Levenshtein

from rights.matching import prepare, tokenize

# Levenshtein is quadratic in the words left after the common prefix and suffix are taken off; beyond this
# many cells the middle is left unmarked (passages come from the aligner, so this is a guard, not a case).
MAX_OPCODE_CELLS = 4_000_000

Span = tuple[int, int]  # character offsets, end exclusive


@dataclass(frozen=True, slots=True)
class Marked:
    """A text (NFC) and the spans of it to mark."""

    text: str
    spans: tuple[Span, ...]

    def segments(self) -> list[tuple[str, bool]]:
        """The text cut into (piece, marked) pieces, in order, covering all of it."""
        pieces: list[tuple[str, bool]] = []
        at = 0
        for start, end in self.spans:
            if start > at:
                pieces.append((self.text[at:start], False))
            pieces.append((self.text[start:end], True))
            at = end
        if at < len(self.text):
            pieces.append((self.text[at:], False))
        return pieces

    @property
    def marked_text(self) -> list[str]:
        return [self.text[start:end] for start, end in self.spans]


def _word_runs(a: list[int], b: list[int]) -> list[tuple[int, int, int, int]]:
    """Runs of equal words as (a_first, a_last, b_first, b_last), last exclusive, in order."""
    prefix = 0
    while prefix < min(len(a), len(b)) and a[prefix] == b[prefix]:
        prefix += 1
    suffix = 0
    while suffix < min(len(a), len(b)) - prefix and a[-1 - suffix] == b[-1 - suffix]:
        suffix += 1
    runs = [(0, prefix, 0, prefix)] if prefix else []
    middle_a, middle_b = a[prefix : len(a) - suffix], b[prefix : len(b) - suffix]
    if middle_a and middle_b and len(middle_a) * len(middle_b) <= MAX_OPCODE_CELLS:
        for op in Levenshtein.opcodes(middle_a, middle_b):
            if op.tag == "equal":
                runs.append(
                    (prefix + op.src_start, prefix + op.src_end, prefix + op.dest_start, prefix + op.dest_end)
                )
    if suffix:
        runs.append((len(a) - suffix, len(a), len(b) - suffix, len(b)))
    return _join(runs)


def _join(runs: list[tuple[int, int, int, int]]) -> list[tuple[int, int, int, int]]:
    """Adjacent runs in both texts as one run (the prefix can meet the first equal opcode)."""
    joined: list[tuple[int, int, int, int]] = []
    for run in runs:
        if joined and joined[-1][1] == run[0] and joined[-1][3] == run[2]:
            last = joined[-1]
            joined[-1] = (last[0], run[1], last[2], run[3])
        else:
            joined.append(run)
    return joined


def highlight(post_text: str, source_text: str) -> tuple[Marked, Marked]:
    """The words the two passages share in the same order, marked in each (post first, then source)."""
    post, source = prepare(post_text), prepare(source_text)
    post_tokens, source_tokens = tokenize(post), tokenize(source)
    runs = _word_runs(post_tokens.hashes.tolist(), source_tokens.hashes.tolist())
    post_spans = tuple(post_tokens.span(first, last) for first, last, _, _ in runs)
    source_spans = tuple(source_tokens.span(first, last) for _, _, first, last in runs)
    return Marked(post, post_spans), Marked(source, source_spans)
