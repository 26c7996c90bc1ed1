"""`rights compare` for people (verdict, shares, passages side by side) and programs (every offset). Pure."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from rights.api import Comparison, Target


def _side(target: Target) -> dict[str, Any]:
    return {
        "target": target.spec.raw,
        "kind": target.spec.kind,
        "url": target.final_url,
        "text_from": target.text_from,
        "words": target.source.words,
    }


def comparison_dict(result: Comparison) -> dict[str, Any]:
    """The JSON form: verdict, shares, both targets and every passage with offsets and text on both sides."""
    match = result.match
    return {
        "verdict": match.verdict,
        "reason": match.reason,
        "copied_share_of_copy": match.copied_share_of_copy,
        "copied_share_of_original": match.copied_share_of_original,
        "unquoted_share_of_copy": match.unquoted_share_of_copy,
        "unquoted_share_of_original": match.unquoted_share_of_original,
        "quoted_share_of_original": match.quoted_share_of_original,
        "longest_passage_words": match.longest_passage_words,
        "copy": _side(result.copy),
        "original": _side(result.original),
        "passages": [
            {
                "words": p.words,
                "matched_words": p.matched_words,
                "quoted": p.quoted,
                "boilerplate": p.boilerplate,
                "zone": p.copy_zone or None,
                "copy": {"start": p.copy_start, "end": p.copy_end, "text": p.copy_text},
                "original": {"start": p.original_start, "end": p.original_end, "text": p.original_text},
            }
            for p in match.passages
        ],
    }


def shorten(text: str, width: int) -> str:
    """One line of at most `width` characters: the start and the end of the text around an ellipsis."""
    line = " ".join(text.split())
    if len(line) <= width:
        return line
    head = (width - 1) * 3 // 5
    return line[:head].rstrip() + "…" + line[len(line) - (width - 1 - head) :].lstrip()


# How each side's text was taken, as the table says it.
_TEXT_FROM = {
    "article": "article text",
    "body": "body text, no article found",
    "page": "every visible block of the page",
    "text": "text file",
    "none": "no text found",
}


def comparison_table(result: Comparison, width: int = 110) -> str:
    """The table form: verdict and shares, then the passages side by side, shortened."""
    match = result.match
    lines = [
        f"verdict:  {match.verdict} ({match.reason})",
        *(
            f"{label}{t.spec.raw} ({_TEXT_FROM.get(t.text_from, t.text_from)}, {t.source.words} words)"
            for label, t in (("copy:     ", result.copy), ("original: ", result.original))
        ),
        f"copied:   {match.copied_share_of_copy:.0%} of the copy, "
        f"{match.copied_share_of_original:.0%} of the original; "
        f"longest passage {match.longest_passage_words} words; "
        f"{len(match.passages)} passage{'s' if len(match.passages) != 1 else ''}",
    ]
    if not match.passages:
        return "\n".join(lines)
    zones = any(p.copy_zone for p in match.passages)
    where = max((len(p.copy_zone) for p in match.passages), default=0) + 1 if zones else 0
    column = max(20, (width - 14 - where) // 2)
    head = f"{'where':<{where}}" if zones else ""
    lines += ["", f"{'#':>3} {'words':>5} {'q':1} {head}{'copy':<{column}} original"]
    for number, p in enumerate(match.passages, 1):
        left = shorten(p.copy_text, column)
        right = shorten(p.original_text, column)
        flag = "b" if p.boilerplate else "q" if p.quoted else " "
        zone = f"{p.copy_zone:<{where}}" if zones else ""
        lines.append(f"{number:>3} {p.words:>5} {flag} {zone}{left:<{column}} {right}")
    lines.append("(q: quotation, b: boilerplate, not counted; offsets and full text with --format json)")
    return "\n".join(lines)
