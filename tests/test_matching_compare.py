"""compare_texts: what republishers do to a story, and what quoting looks like."""

from __future__ import annotations

import random

import pytest

from rights.matching import compare_texts
from rights.matching.models import Match
from tests.test_matching_helpers import BODY, HEADLINE, ORIGINAL, OWN_WORDS, fixture


def check_offsets(match: Match, copy: str, original: str) -> None:
    for passage in match.passages:
        assert copy[passage.copy_start : passage.copy_end] == passage.copy_text
        assert original[passage.original_start : passage.original_end] == passage.original_text
        assert passage.matched_words <= passage.words


def test_identical_texts_are_a_copy() -> None:
    match = compare_texts(ORIGINAL, ORIGINAL)
    assert match.verdict == "copy"
    assert match.copied_share_of_copy == match.copied_share_of_original == 1.0
    assert len(match.passages) == 1
    assert match.longest_passage_words == match.copy_words == match.original_words > 400
    check_offsets(match, ORIGINAL, ORIGINAL)


def test_copy_with_new_headline_and_intro() -> None:
    copy = "\n\n".join(["A river comes back to the market square", OWN_WORDS, *BODY])
    match = compare_texts(copy, ORIGINAL)
    assert match.verdict == "copy"
    assert match.copied_share_of_original > 0.95
    assert 0.8 < match.copied_share_of_copy < 0.95
    first = match.passages[0]
    assert first.copy_text.startswith("The town council of Millbrook")
    check_offsets(match, copy, ORIGINAL)


def test_trimmed_copy() -> None:
    copy = "\n\n".join([HEADLINE, *BODY[:-3]])
    match = compare_texts(copy, ORIGINAL)
    assert match.verdict == "copy"
    assert match.copied_share_of_copy == 1.0
    assert 0.6 < match.copied_share_of_original < 0.8


def test_first_paragraphs_only_is_partial() -> None:
    copy = "\n\n".join([OWN_WORDS, *BODY[:2], "More on this story as it develops."])
    match = compare_texts(copy, ORIGINAL)
    assert match.verdict == "partial"
    assert match.copied_share_of_original < 0.3


def test_reordered_paragraphs() -> None:
    shuffled = BODY[:]
    random.Random(7).shuffle(shuffled)
    assert shuffled != BODY
    copy = "\n\n".join([HEADLINE, *shuffled])
    match = compare_texts(copy, ORIGINAL)
    assert match.verdict == "copy"
    assert match.copied_share_of_copy == match.copied_share_of_original == 1.0
    assert len(match.passages) >= 3
    check_offsets(match, copy, ORIGINAL)


def test_edited_sentences_still_one_passage() -> None:
    edited = [p.replace("four million euros", "4m euros").replace("Tuesday evening", "Tuesday") for p in BODY]
    copy = "\n\n".join([HEADLINE, *edited])
    match = compare_texts(copy, ORIGINAL)
    assert match.verdict == "copy"
    assert match.passages[0].matched_words < match.passages[0].words  # the edits are inside the passage


def test_post_quoting_two_sentences_with_credit_is_a_quote() -> None:
    two_sentences = BODY[1]  # "The brook was covered ... Six decades later ..."
    assert two_sentences.count(". ") == 1
    copy = (
        f"{OWN_WORDS}\n\nAs the Millbrook Courier reported on Wednesday: “{two_sentences}”\n\n"
        "I think the square deserves better than a car park, and I will be at the next council meeting "
        "to say so. Whatever happens, the debate has shown how much people care about the old town."
    )
    match = compare_texts(copy, ORIGINAL)
    assert match.verdict == "quote"
    assert all(p.quoted for p in match.passages)
    assert match.unquoted_share_of_copy == 0.0
    expected = len(two_sentences.split()) / match.original_words
    assert match.quoted_share_of_original == pytest.approx(expected, 0.1)


def test_report_sharing_only_a_spoken_quotation_is_a_quote() -> None:
    copy = (
        "Millbrook will dig up its market square to uncover a brook that was buried under concrete in the "
        "sixties, after a council vote this week. The work is planned for the next three summers.\n\n"
        '"We had to spend the money either way," councillor Maren Holt told the local paper. '
        '"We could pour it into a tunnel nobody sees, or we could give people a river they can sit '
        'beside on a warm evening."\n\n'
        "Traders are less happy: forty parking spaces will go, and the market moves during the works."
    )
    match = compare_texts(copy, ORIGINAL)
    assert match.verdict == "quote"


def test_unrelated_texts() -> None:
    match = compare_texts(fixture("unrelated.txt"), ORIGINAL)
    assert match.verdict == "unrelated"
    assert match.longest_passage_words < 8


@pytest.mark.parametrize(("copy", "original"), [("", ORIGINAL), (ORIGINAL, ""), ("", ""), ("  \n ", "...")])
def test_empty_texts(copy: str, original: str) -> None:
    match = compare_texts(copy, original)
    assert match.verdict == "unrelated"
    assert match.passages == ()
    assert match.copied_share_of_copy == match.copied_share_of_original == 0.0


def test_five_megabyte_text() -> None:
    rng = random.Random(5)
    endings = ("ar", "el", "in", "os", "um", "ette", "ing")
    vocabulary = [f"{a}{b}" for a in "bcdfghklmnprstvz" for b in endings]
    filler = " ".join(rng.choice(vocabulary) for _ in range(1_200_000))
    half = len(filler) // 2
    page = filler[:half] + "\n\n" + "\n\n".join(BODY[2:6]) + "\n\n" + filler[half:]
    assert len(page.encode()) > 5_000_000
    match = compare_texts(page, ORIGINAL)
    assert match.verdict == "partial"
    assert any(p.copy_text.startswith("We had to spend") and p.words > 200 for p in match.passages)
    check_offsets(match, page, ORIGINAL)


@pytest.mark.parametrize("language", ["ja", "zh", "ru", "hi", "ar", "th", "fr"])
def test_non_latin_scripts(language: str) -> None:
    original = fixture(f"original_{language}.txt").strip()
    intro = "Republished from a partner: "
    copy = intro + original
    match = compare_texts(copy, original)
    assert match.verdict == "copy", match.reason
    assert match.copied_share_of_original > 0.9
    check_offsets(match, copy, original)
    half = original[: len(original) // 2]
    assert compare_texts(half, original).copied_share_of_copy > 0.9
    other = fixture("original_ru.txt" if language != "ru" else "original_ja.txt")
    assert compare_texts(other, original).verdict == "unrelated"


def test_decomposed_accents_still_match() -> None:
    import unicodedata

    original = fixture("original_fr.txt").strip()
    copy = unicodedata.normalize("NFD", original)
    match = compare_texts(copy, original)
    assert match.verdict == "copy"
    assert match.copied_share_of_copy == 1.0


def test_shared_copyright_notice_is_boilerplate() -> None:
    notice = (
        "Copyright 2026 Courier Media. All rights reserved. This material may not be published, broadcast, "
        "rewritten or redistributed without permission."
    )
    match = compare_texts(f"{fixture('unrelated.txt')}\n\n{notice}", f"{ORIGINAL}\n\n{notice}")
    assert match.verdict == "unrelated"
    assert [p.boilerplate for p in match.passages] == [True]
    assert "boilerplate ignored" in match.reason


def test_a_short_wire_story_that_keeps_its_notice_is_still_a_copy() -> None:
    brief = (
        "MILLBROOK (Wire) - The town council voted on Tuesday to remove the concrete culvert over the "
        "Linden Brook and open the stream to daylight in the market square, a project expected to take "
        "three summers. Copyright 2026 The Wire. All rights reserved."
    )
    match = compare_texts("Short news from the valley.\n\n" + brief, brief)
    assert match.verdict == "copy"
    assert not any(p.boilerplate for p in match.passages)
