"""Whole sentences out of a policy note, for a condition that quotes it. Pure.

A note is cut at a sentence end, never inside an abbreviation ("U.S.", "Art. 10", "e.g.", "No. 5", initials),
so a condition never reads as a fragment.
"""

from __future__ import annotations

import re

# Words that end with a full stop without ending a sentence (compared without the stop, case-folded).
ABBREVIATIONS = frozenset(
    {
        "art", "arts", "no", "nos", "nr", "v", "vs", "cf", "al", "etc", "inc", "ltd", "co", "corp", "st",
        "mr", "mrs", "ms", "dr", "prof", "sec", "secs", "para", "paras", "p", "pp", "ch", "vol", "ed", "eds",
        "fig", "ibid", "approx", "dept", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept",
        "oct", "nov", "dec", "u.s", "u.k", "e.u", "e.g", "i.e", "a.m", "p.m",
    }
)  # fmt: skip
# A candidate end: a stop (or ! ?) with an optional closing quote or bracket, then space and a sentence start.
_END = re.compile(r"(?<=[.!?])([\"'”’)\]]?)\s+(?=[\"'“‘(\[]?[A-Z0-9])")
_CLOSERS = "\"'”’)]"
_LAST_WORD = re.compile(r"([\w.]+)\.[\"'”’)\]]?$")


def _ends_sentence(before: str) -> bool:
    if before.rstrip(_CLOSERS).endswith(("!", "?")):
        return True
    match = _LAST_WORD.search(before)
    if match is None:
        return True
    word = match.group(1)
    if "." in word or len(word) == 1:  # "U.S.", "e.g.", an initial "J."
        return False
    return word.casefold() not in ABBREVIATIONS


def sentences(text: str) -> list[str]:
    """The text's sentences, whole, in order."""
    text = " ".join(text.split())
    out: list[str] = []
    start = 0
    for match in _END.finditer(text):
        piece = text[start : match.end(1)]
        if piece and _ends_sentence(piece):
            out.append(piece.strip())
            start = match.end()
    tail = text[start:].strip()
    if tail:
        out.append(tail)
    return out


def first_sentence(text: str) -> str:
    """The first whole sentence of a note, ending with its stop."""
    found = sentences(text)
    if not found:
        return ""
    first = found[0]
    return first if first.rstrip(_CLOSERS).endswith((".", "!", "?")) else first + "."


_NOTICE = re.compile(r"©|\(c\)|copyright|all rights reserved|版权|著作権|저작권", re.I)


def notice_sentence(text: str) -> str:
    """The sentence of a block that holds its copyright notice (the whole block when none stands out)."""
    found = [s for s in sentences(text) if _NOTICE.search(s)]
    return found[0] if found else " ".join(text.split())
