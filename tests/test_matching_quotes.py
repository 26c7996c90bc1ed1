"""Quotations in plain text: marks of many languages, paragraphs, framing."""

from __future__ import annotations

import pytest

from rights.matching import make_source, quotation_spans
from rights.matching.quotes import merge_spans


def quoted(text: str) -> list[str]:
    return [text[a:b] for a, b in quotation_spans(text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ('He said "we will win this" and left.', ['"we will win this"']),
        ("He said “we will win this” and left.", ["“we will win this”"]),
        ("Er sagte „wir werden gewinnen“ und ging.", ["„wir werden gewinnen“"]),
        ("Er sagte »wir werden gewinnen« und ging.", ["»wir werden gewinnen«"]),
        ("Il a dit « nous allons gagner » hier.", ["« nous allons gagner »"]),
        ("彼は「必ず勝つ」と言った。", ["「必ず勝つ」"]),
        ("``We will win,'' he said.", ["``We will win,''"]),
        ('A 5" screen and a 7" one.', []),  # inch marks do not open a quotation
        ("It's the bank's money.", []),  # apostrophes are not quotation marks
        ('"Open to the end of the paragraph\nNext paragraph.', ['"Open to the end of the paragraph']),
        ("The minister said: we will build it.\nNext.", ["we will build it."]),
        ("According to the agency: prices will rise.", ["prices will rise."]),
    ],
)
def test_quotation_spans(text: str, expected: list[str]) -> None:
    assert quoted(text) == expected


def test_merge_spans() -> None:
    assert merge_spans([(5, 9), (0, 3), (2, 4), (9, 12)]) == [(0, 4), (5, 12)]


def test_framing_joins_the_quotation() -> None:
    text = '"We had to spend the money either way," said councillor Maren Holt, who chairs the committee.'
    text += " Next."
    source = make_source(text)
    spans = zip(source.tokens.starts.tolist(), source.tokens.ends.tolist(), strict=True)
    words = [text[s:e] for s, e in spans]
    flags = dict(zip(words, source.quoted.tolist(), strict=True))
    assert flags["money"] and flags["said"] and flags["Holt"] and flags["committee"]
    assert not flags["Next"]


def test_framing_needs_a_cue_word() -> None:
    text = '"We had to spend the money either way," which surprised the committee members. Next.'
    source = make_source(text)
    assert source.quoted.sum() == 8


def test_short_quoted_titles_are_not_quotations() -> None:
    source = make_source('The film "Great River" won the prize for best documentary this year.')
    assert not source.quoted.any()


def test_a_colon_at_the_end_of_a_line_frames_the_next_paragraph() -> None:
    text = "Our take is below.\n\nFrom the article:\n\nThe council voted to open the brook.\n\nWe agree."
    assert quoted(text) == ["The council voted to open the brook."]
