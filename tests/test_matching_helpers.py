"""Fixture texts for the matching tests (our own writing, in fixtures/matching/)."""

from __future__ import annotations

from pathlib import Path

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "matching"


def fixture(name: str) -> str:
    return (FIXTURES / name).read_text(encoding="utf-8")


def paragraphs(name: str = "original.txt") -> list[str]:
    return [p.strip() for p in fixture(name).strip().split("\n\n")]


ORIGINAL = fixture("original.txt").strip()
HEADLINE, *BODY = paragraphs()
OWN_WORDS = (
    "Our valley has waited a long time for good news about the town centre, and readers have written to us "
    "about the square for years. Here is what happened this week, as reported by our partner newspaper."
)
