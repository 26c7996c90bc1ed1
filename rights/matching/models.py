"""What matching produces: copied passages, the comparison of two texts, and word-level edits."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Passage:
    """A copied passage with character offsets (end exclusive) into the two compared texts.

    `words` counts the copy's words from the first to the last matched word (small edits inside included);
    `matched_words` counts only the words found in both. `quoted` is true when most of the matched words are
    inside a quotation (quotation marks, block quotation, "said"-framing) in either text. `boilerplate` marks
    shared text that is not the article's (a copyright notice, a site's author box): listed, never counted.
    `copy_zone` says where the copy's words sit on its page: `article`, or a zone outside it (`main`, `aside`,
    `comments`, `footer`, `header`, `nav`, `byline`, `other`); empty when the copy is plain text.
    """

    copy_start: int
    copy_end: int
    original_start: int
    original_end: int
    words: int
    copy_text: str
    original_text: str
    quoted: bool = False
    matched_words: int = 0
    quoted_words: int = 0
    boilerplate: bool = False
    copy_zone: str = ""


@dataclass(frozen=True, slots=True)
class Match:
    """The comparison of a copy with an original: shares, passages and a verdict with its reason."""

    verdict: str  # copy | partial | quote | unrelated
    copied_share_of_copy: float
    copied_share_of_original: float
    longest_passage_words: int
    passages: tuple[Passage, ...]
    copy_words: int = 0
    original_words: int = 0
    unquoted_share_of_copy: float = 0.0  # what the verdict is based on: copied words outside quotations
    unquoted_share_of_original: float = 0.0
    quoted_share_of_original: float = 0.0  # words of the original the copy reproduces inside quotations
    reason: str = ""
    copy_text_from: str = ""  # article | body | page (every visible block) for a page; empty for plain text
    copy_blocks: tuple[
        int, ...
    ] = ()  # for a whole page: the blocks (TextBlock.index) holding counted passages


@dataclass(frozen=True, slots=True)
class Edit:
    """One difference between an original and its copy, word-level, with offsets in both texts.

    kind: `changed` (words replaced), `added` (only in the copy), `removed` (only in the original), `moved`
    (the same passage at another place in the copy). Offsets are character offsets, end exclusive; an added
    passage has an empty original range at the point where it was inserted, and vice versa.
    """

    kind: str  # changed | added | removed | moved
    original_start: int
    original_end: int
    copy_start: int
    copy_end: int
    original_text: str
    copy_text: str
