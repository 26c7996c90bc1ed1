"""Verdicts for automated uses from saved pages (page-level signals only, site files not read): the licence's
conditions, a publisher's AI terms, a reservation in words, and what was not read."""

from __future__ import annotations

from pathlib import Path

import pytest

from rights import api
from rights.config import Settings

ROOT = Path(__file__).resolve().parents[1]
OFFLINE = Settings(offline=True)
PAGE = """<!doctype html><html lang="en"><head><title>Harbour lights</title>
<meta property="og:site_name" content="Quay Weekly">{head}</head>
<body><article><h1>Harbour lights</h1><p>By Ines Moreau</p>
<p>The harbour lights were switched to a warmer colour this winter, after years of complaints.</p></article>
<footer>{footer}</footer></body></html>"""
URL = "https://quayweekly.example/2026/harbour-lights"


def _check(
    tmp_path: Path, use: str, *, head: str = "", footer: str = "", policies: Path | None = None
) -> api.Check:
    page = tmp_path / "page.html"
    page.write_text(PAGE.format(head=head, footer=footer), encoding="utf-8")
    return api.check(str(page), url=URL, use=use, settings=OFFLINE, policies=[policies] if policies else None)


@pytest.mark.parametrize(
    ("licence", "kinds"),
    [
        ("by", {"credit_author"}),
        ("by-nc", {"credit_author", "noncommercial"}),
        ("by-nd", {"credit_author", "no_derivatives"}),
        ("by-sa", {"credit_author", "share_alike"}),
    ],
)
def test_a_cc_licence_covers_training_on_its_conditions(
    tmp_path: Path, licence: str, kinds: set[str]
) -> None:
    head = f'<link rel="license" href="https://creativecommons.org/licenses/{licence}/4.0/">'
    verdict = _check(tmp_path, "ai-train", head=head).verdict
    assert verdict.verdict == "allowed_with_conditions"
    assert {c.kind for c in verdict.conditions} == kinds
    assert verdict.attribution_line is not None and "Ines Moreau" in verdict.attribution_line.text


def test_cc0_allows_without_conditions(tmp_path: Path) -> None:
    head = '<link rel="license" href="https://creativecommons.org/publicdomain/zero/1.0/">'
    assert _check(tmp_path, "ai-train", head=head).verdict.verdict == "allowed"


def test_a_reservation_in_words_decides_over_the_licence(tmp_path: Path) -> None:
    head = '<link rel="license" href="https://creativecommons.org/licenses/by/4.0/">'
    footer = "<p>The content of this site may not be used to train artificial intelligence systems.</p>"
    verdict = _check(tmp_path, "ai-train", head=head, footer=footer).verdict
    assert verdict.verdict == "permission_required"
    assert any(step.text.startswith("The reservation decides") and "although CC BY 4.0" in step.text
               for step in verdict.steps)  # fmt: skip
    assert verdict.conditions[0].text == "ask Quay Weekly for a licence for training an AI model"


def test_site_files_not_read_are_named(tmp_path: Path) -> None:
    verdict = _check(tmp_path, "ai-input").verdict
    assert any("not read:" in w and "(offline)" in w for w in verdict.warnings)


POLICY = """id = "quay-weekly"
name = "Quay Weekly"
kind = "publisher"
domains = ["quayweekly.example"]
extends = "cc-by-4.0"
source = "https://quayweekly.example/terms"
checked = 2026-12-01
status = "verified"

[[rules]]
kind = "ai_terms"
uses = ["ai-train"]
stance = "permission_required"
contact = "licensing@quayweekly.example"
source = "https://quayweekly.example/terms#ai"
note = "Training needs a licence agreement"

[[rules]]
kind = "ai_terms"
uses = ["search", "ai-input"]
stance = "allowed"
source = "https://quayweekly.example/terms#ai"
"""


def test_a_publishers_ai_terms_decide_before_the_licence(tmp_path: Path) -> None:
    folder = tmp_path / "policies"
    folder.mkdir()
    (folder / "quay-weekly.toml").write_text(POLICY, encoding="utf-8")
    train = _check(tmp_path, "ai-train", policies=folder).verdict
    assert train.verdict == "permission_required"
    assert any("licensing@quayweekly.example" in c.text for c in train.conditions)
    assert any("Training needs a licence agreement" in s.text for s in train.steps)
    assert _check(tmp_path, "ai-input", policies=folder).verdict.verdict == "allowed"


def test_a_publisher_extending_a_licence_is_judged_by_that_licence(tmp_path: Path) -> None:
    folder = tmp_path / "policies"
    folder.mkdir()
    (folder / "quay-weekly.toml").write_text(POLICY.split("[[rules]]")[0], encoding="utf-8")
    verdict = _check(tmp_path, "ai-train", policies=folder).verdict
    assert verdict.verdict == "allowed_with_conditions"
    assert any("whose terms are those of CC BY 4.0" in s.text for s in verdict.steps)


def test_an_unknown_use_is_a_usage_error(tmp_path: Path) -> None:
    from rights.errors import UsageError

    with pytest.raises(UsageError, match="ai-train"):
        _check(tmp_path, "ai-training")
