"""Quotations in plain text: spans inside quotation marks, and the framing around them.

A copied passage that sits inside quotation marks (in either text) is a quotation, not a copy: two reports of
one press conference share the speaker's words and nothing else. Recognised here:

- quotation marks of many languages: "...", “...”, „...“, «...», »...«, 「...」, 『...』, ``...'' (wire copy);
  whether a mark opens or closes is read from its neighbours, and a quotation still open at the end of a
  paragraph runs to the end of that paragraph (the English convention for quotations over several
  paragraphs). Spans of fewer than MIN_QUOTE_WORDS words are titles or scare quotes, not quotations;
- framing: a cue such as "said", "told", "according to", "excerpt" followed by a colon introduces a
  quotation that runs to the end of the paragraph (or over the next paragraph, when the colon ends a line);
  and a short run of words between or beside quotations that holds such a cue
  ("...," the minister said in a statement. "...") belongs to the quotation.

Block quotations (`<blockquote>`, `<q>`) come from the HTML and are passed in as spans by
`rights.matching.page`.
"""

from __future__ import annotations

import re

import numpy as np

from rights.matching.text import Tokens, prepare, tokenize

Span = tuple[int, int]

_OPEN_ONLY = frozenset("„「『‹")
_CLOSE_ONLY = frozenset("」』›")
_QUOTE_CHARS = '"“”„«»「」『』‹›'
_QUOTE = re.compile(f"``|''|[{_QUOTE_CHARS}]")
_BEFORE_OPEN = frozenset(" \t\u00a0\u202f([{—–-/:" + _QUOTE_CHARS)
_AFTER_CLOSE = frozenset(" \t\u00a0\u202f)]}—–-/.,;:!?…" + _QUOTE_CHARS)
_PARAGRAPH = re.compile(r"\n")

CUE_WORDS = (
    "said says say saying told tells wrote writes added adds stated states explained explains noted notes "
    "announced announces asked replied replies continued commented comments insisted argued argues warned "
    "recalled admitted acknowledged according quoted quoting statement tweeted posted "
    "sagte sagt erklärte betonte laut dit déclaré affirmé selon dijo afirmó según detto secondo zei volgens "
    "disse segundo сказал заявил"
)  # fmt: skip
MAX_FRAME_WORDS = 20
MIN_QUOTE_WORDS = 4
_CUE_BEFORE_COLON = re.compile(
    r"\b(?:said|says|told|wrote|writes|stated|states|added|explained|announced|noted|reported|reports|reads"
    r"|according to [^:\n]{1,80}|in (?:a|the|his|her|their) (?:statement|words)|statement|article|excerpt"
    r"|quote|as follows|sagte|erklärte|a déclaré|dijo|ha detto)\s*$",
    re.IGNORECASE,
)
_COLON = re.compile(r":[ \t\u00a0]*(?:\n\s*)?(?=\S)")


def _kind(text: str, at: int, reversed_guillemets: bool) -> tuple[bool, bool]:
    """Whether the quotation mark at `at` can open and can close a quotation, from its neighbours."""
    char = text[at]
    if text.startswith("``", at):
        return True, False
    if text.startswith("''", at):
        return False, True
    if char in "«»":  # French « ... » (spaces inside allowed); German and Danish »...«
        opens = (char == "«") != reversed_guillemets
        return opens, not opens
    if char in _OPEN_ONLY:
        return True, False
    if char in _CLOSE_ONLY:
        return False, True
    before = text[at - 1] if at > 0 else " "
    after = text[at + 1] if at + 1 < len(text) else " "  # (the marks handled here are one character long)
    can_open = (before in _BEFORE_OPEN or before in "\n\r") and not after.isspace()
    can_close = not before.isspace() and (after in _AFTER_CLOSE or after.isspace())
    return can_open, can_close


def quotation_spans(text: str) -> list[Span]:
    """Character spans of the quotations in marks (the marks included), in text order."""
    spans: list[Span] = []
    start = 0
    for paragraph_end in [m.start() for m in _PARAGRAPH.finditer(text)] + [len(text)]:
        opened = -1
        first_left, first_right = text.find("«", start, paragraph_end), text.find("»", start, paragraph_end)
        reversed_guillemets = first_right >= 0 and (first_left < 0 or first_right < first_left)
        for match in _QUOTE.finditer(text, start, paragraph_end):
            can_open, can_close = _kind(text, match.start(), reversed_guillemets)
            if opened < 0:
                if can_open:
                    opened = match.start()
            elif can_close:
                spans.append((opened, match.end()))
                opened = -1
        if opened >= 0 and paragraph_end - opened > 1:
            spans.append((opened, paragraph_end))
        start = paragraph_end + 1
    spans.extend(_framed(text))
    return merge_spans(spans)


def _framed(text: str) -> list[Span]:
    """'X said: ...', 'according to X: ...', 'From the article:' introduce a quotation that runs to the end
    of the paragraph (the next paragraph, when the colon ends a line)."""
    spans = []
    for match in _COLON.finditer(text):
        if not _CUE_BEFORE_COLON.search(text, max(0, match.start() - 100), match.start()):
            continue
        if text[match.end()] in _QUOTE_CHARS:
            continue  # the quotation marks say where it ends
        end = text.find("\n", match.end())
        spans.append((match.end(), len(text) if end < 0 else end))
    return spans


def merge_spans(spans: list[Span]) -> list[Span]:
    """Sorted, non-overlapping union of the spans."""
    merged: list[Span] = []
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


def token_mask(tokens: Tokens, spans: list[Span], min_words: int = 1) -> np.ndarray:
    """True for each token starting inside one of the (sorted, disjoint) spans of >= min_words tokens."""
    mask = np.zeros(len(tokens), dtype=bool)
    if not spans or not len(tokens):
        return mask
    bounds = np.array(spans, dtype=np.int64)
    inside = np.searchsorted(bounds[:, 0], tokens.starts, side="right") - 1
    valid = inside >= 0
    valid[valid] = tokens.starts[valid] < bounds[inside[valid], 1]
    if min_words > 1:
        sizes = np.bincount(inside[valid], minlength=len(bounds))
        valid[valid] = sizes[inside[valid]] >= min_words
    mask[valid] = True
    return mask


def cue_hashes() -> np.ndarray:
    """Token hashes of the framing cue words."""
    words = prepare(CUE_WORDS)
    return np.unique(tokenize(words).hashes)


def add_framing(tokens: Tokens, quoted: np.ndarray, cues: np.ndarray) -> np.ndarray:
    """Quoted mask extended over the framing of each quotation: the words between it and the sentence's start
    or end, when they are few (at most MAX_FRAME_WORDS) and hold a cue word ("...," the mayor said.)."""
    if not quoted.any():
        return quoted
    out = quoted.copy()
    is_cue = np.isin(tokens.hashes, cues)
    breaks = sentence_breaks(tokens)
    n = len(quoted)
    edges = np.diff(quoted.view(np.int8), prepend=np.int8(0), append=np.int8(0))
    for start, end in zip(
        np.flatnonzero(edges == 1).tolist(), np.flatnonzero(edges == -1).tolist(), strict=True
    ):
        stop = end  # forward: to the next sentence break or quotation
        while stop < n and stop - end <= MAX_FRAME_WORDS and not breaks[stop] and not quoted[stop]:
            stop += 1
        if stop - end <= MAX_FRAME_WORDS and is_cue[end:stop].any():
            out[end:stop] = True
        begin = start  # backward: to the previous sentence break or quotation
        while begin > 0 and start - begin <= MAX_FRAME_WORDS and not breaks[begin] and not quoted[begin - 1]:
            begin -= 1
        if start - begin <= MAX_FRAME_WORDS and is_cue[begin:start].any():
            out[begin:start] = True
    return out


_SENTENCE_END = re.compile(r"[.!?。！？…]|\n")


def sentence_breaks(tokens: Tokens) -> np.ndarray:
    """True for each token that starts a sentence or paragraph (a full stop or line break precedes it)."""
    breaks = np.ones(len(tokens), dtype=bool)
    marks = np.array([m.start() for m in _SENTENCE_END.finditer(tokens.text)], dtype=np.int64)
    if len(tokens) > 1:
        after = np.searchsorted(marks, tokens.starts[1:])  # marks before each token start
        before = np.searchsorted(marks, tokens.ends[:-1])  # marks before the previous token's end
        breaks[1:] = after != before
    return breaks
