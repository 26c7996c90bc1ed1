"""diff_passages: every edit of a no-derivatives copy, robust to new intros, trims and reordering."""

from __future__ import annotations

from rights.matching.diff import diff_passages
from rights.matching.models import Edit
from tests.test_matching_helpers import BODY, HEADLINE, ORIGINAL, OWN_WORDS


def summary(edits: list[Edit]) -> list[tuple[str, str, str]]:
    return [(e.kind, e.original_text, e.copy_text) for e in edits]


def check_offsets(edits: list[Edit], original: str, copy: str) -> None:
    for edit in edits:
        assert original[edit.original_start : edit.original_end] == edit.original_text
        assert copy[edit.copy_start : edit.copy_end] == edit.copy_text


def test_identical_texts_have_no_edits() -> None:
    assert diff_passages(ORIGINAL, ORIGINAL) == []


def test_each_edited_sentence_is_reported() -> None:
    edits_made = [
        ("seven to two", "7-2"),
        ("about four million euros", "roughly 4m euros"),
        ("Trees will replace forty parking spaces, and", ""),
        ("Seoul, Sheffield and Zurich", "Seoul and Zurich"),
    ]
    copy = ORIGINAL
    for old, new in edits_made:
        assert old in copy
        copy = copy.replace(old, new)
    edits = diff_passages(ORIGINAL, copy)
    check_offsets(edits, ORIGINAL, copy)
    assert summary(edits) == [
        ("changed", "seven to two", "7-2"),
        ("changed", "about four million", "roughly 4m"),
        ("removed", "Trees will replace forty parking spaces, and", ""),
        ("removed", "Sheffield", ""),
    ]


def test_added_sentence_and_changed_ending() -> None:
    added = "obstacle to traffic. Few residents objected at the time."
    copy = ORIGINAL.replace("obstacle to traffic.", added)
    copy = copy.replace("will be able to hear it too", "will hear it as well")
    edits = diff_passages(ORIGINAL, copy)
    check_offsets(edits, ORIGINAL, copy)
    assert summary(edits) == [
        ("added", "", "Few residents objected at the time"),
        ("changed", "be able to hear it too", "hear it as well"),
    ]
    added = edits[0]
    assert (
        added.original_start
        == added.original_end
        == ORIGINAL.index("obstacle to traffic") + len("obstacle to traffic")
    )


def test_new_headline_intro_and_trimmed_end() -> None:
    copy = "\n\n".join(["A river returns", OWN_WORDS, *BODY[:-2]])
    edits = diff_passages(ORIGINAL, copy)
    check_offsets(edits, ORIGINAL, copy)
    kinds = [e.kind for e in edits]
    assert kinds == ["changed", "removed"]
    assert edits[0].original_text == HEADLINE
    assert edits[0].copy_text.startswith("A river returns")
    assert edits[0].copy_text.endswith("partner newspaper")
    assert edits[1].original_text.startswith("Local schools")
    assert edits[1].original_text.endswith("hear it too")


def test_reordered_paragraphs_are_moves_not_rewrites() -> None:
    moved = [BODY[0], BODY[1], BODY[5], BODY[2], BODY[3], BODY[4], *BODY[6:]]
    copy = "\n\n".join([HEADLINE, *moved])
    edits = diff_passages(ORIGINAL, copy)
    check_offsets(edits, ORIGINAL, copy)
    assert [e.kind for e in edits] == ["moved"]
    assert edits[0].copy_text == edits[0].original_text == BODY[5].rstrip(".")


def test_edit_inside_a_moved_paragraph() -> None:
    moved = [BODY[0], BODY[5].replace("far more water", "much more water"), *BODY[1:5], *BODY[6:]]
    copy = "\n\n".join([HEADLINE, *moved])
    edits = diff_passages(ORIGINAL, copy)
    check_offsets(edits, ORIGINAL, copy)
    assert "moved" in {e.kind for e in edits}
    assert ("changed", "far", "much") in summary(edits)


def test_completely_different_texts() -> None:
    edits = diff_passages("one two three four five", "six seven eight")
    assert summary(edits) == [("changed", "one two three four five", "six seven eight")]
    assert summary(diff_passages("", "new text here")) == [("added", "", "new text here")]
    assert summary(diff_passages("old text here", "")) == [("removed", "old text here", "")]


def test_diff_pages_uses_article_texts() -> None:
    from rights.matching import diff_pages, page_text
    from rights.page import parse_page
    from tests.test_matching_helpers import FIXTURES

    original = parse_page((FIXTURES / "courier_story.html").read_bytes())
    copy = parse_page((FIXTURES / "valley_repost.html").read_bytes())
    edits = diff_pages(original, copy)
    kinds = [e.kind for e in edits]
    assert kinds == ["changed", "removed"]  # new headline and intro; the last paragraph is cut
    assert page_text(original).text[edits[-1].original_start : edits[-1].original_end].startswith("My grand")
