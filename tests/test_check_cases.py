"""Whole cases for `rights check`, from saved pages of our own writing (no network: --no-follow)."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from rights.api import check
from rights.cli import app

ROOT = Path(__file__).resolve().parents[1]
SEED = str(ROOT / "fixtures" / "pages" / "republished-seed.html")
SEED_URL = "https://www.globalresearch.ca/harbour-cranes-new-trade-map/5770001"
runner = CliRunner()


def _check(name: str, url: str | None, use: str = "noncommercial", **kwargs: object):  # type: ignore[no-untyped-def]
    folder = "policies" if (ROOT / "fixtures" / "policies" / name).exists() else "pages"
    return check(str(ROOT / "fixtures" / folder / name), url=url, use=use, follow=False, **kwargs).verdict  # type: ignore[arg-type]


@pytest.mark.parametrize("use", ["noncommercial", "commercial"])
def test_seed_case_without_the_original(use: str) -> None:
    """The republisher's grant does not cover The Cradle's article: ask The Cradle or the author."""
    verdict = check(SEED, url=SEED_URL, use=use, follow=False).verdict
    assert verdict.verdict == "permission_required"
    assert verdict.governing_policy is not None and verdict.governing_policy.id == "the-cradle"
    assert verdict.origin_name == "The Cradle"
    assert [hop.status for hop in verdict.chain] == ["read", "not_followed"]
    assert verdict.conditions[0].kind == "ask_permission" and "The Cradle" in verdict.conditions[0].text
    assert any("own terms cover only what it owns" in step.text for step in verdict.steps)
    assert verdict.republisher_policy is not None and verdict.republisher_policy.id == "global-research"
    kinds = {c.kind for c in verdict.republisher_conditions}
    if use == "noncommercial":
        assert kinds == {"credit_publisher", "keep_copyright_notice", "link_original"}
    else:
        assert "contact" in kinds
    assert verdict.attribution_line is not None
    assert (
        "The Cradle" in verdict.attribution_line.text and "Mira Castellanos" in verdict.attribution_line.text
    )
    assert (
        '<a href="https://thecradle.co/articles/harbour-cranes-new-trade-map">'
        in verdict.attribution_line.html
    )


def test_seed_case_excerpt_is_quotation_with_credit() -> None:
    verdict = check(SEED, url=SEED_URL, use="excerpt", follow=False).verdict
    assert verdict.verdict == "allowed_with_conditions"
    assert {c.kind for c in verdict.conditions} >= {"quotation", "credit_author", "credit_publisher"}
    notes = " ".join(c.value or "" for c in verdict.conditions if c.kind == "quotation")
    assert "no safe number of words" in notes  # never a word-count promise
    assert "not law" in notes


def test_cc_by_nd_with_house_rules() -> None:
    verdict = _check("the-conversation-article.html", "https://theconversation.com/tides-and-towns-123456")
    assert verdict.verdict == "allowed_with_conditions"
    kinds = {c.kind for c in verdict.conditions}
    assert {"no_images", "tracking_pixel", "credit_author", "link_original"} <= kinds


def test_cc_by_blog_post() -> None:
    verdict = _check("licence-cc-by-4.0-blog.html", "https://fieldnotes.example.net/2025/moss")
    assert verdict.verdict == "allowed_with_conditions"
    assert verdict.governing_policy is not None and verdict.governing_policy.id == "cc-by-4.0"
    assert {"credit_author", "name_license", "indicate_changes"} <= {c.kind for c in verdict.conditions}
    line = verdict.attribution_line
    assert (
        line is not None and "CC BY 4.0" in line.text and "creativecommons.org/licenses/by/4.0" in line.html
    )


def test_cc_by_nc_sa_for_commercial_use() -> None:
    verdict = _check(
        "licence-cc-by-nc-sa-3.0-us-blog.html", "https://quietgardens.example.org/post/7", use="commercial"
    )
    assert verdict.verdict == "permission_required"


def test_wire_story_is_all_rights_reserved() -> None:
    verdict = _check("wire-story.html", "https://valleycourier.example/news/flood-barriers")
    assert verdict.verdict == "permission_required"
    assert verdict.origin_name == "The Associated Press"
    assert verdict.governing_policy is not None and verdict.governing_policy.id == "associated-press"


def test_footer_licence_conflicting_with_the_article_notice() -> None:
    result = check(
        str(ROOT / "fixtures" / "pages" / "conflicting-licences.html"),
        url="https://coastline.example/tides",
        follow=False,
    )
    assert (
        result.verdict.governing_policy is not None and result.verdict.governing_policy.id == "cc-by-nd-4.0"
    )
    assert any(
        "differs from the site-wide licence cc-by-4.0" in c for c in result.inspection.signals.conflicts
    )
    assert "no_derivatives" in {c.kind for c in result.verdict.conditions}


def test_page_with_no_signals_is_all_rights_reserved() -> None:
    verdict = _check("plain.html", "https://garden-club.example/notes")
    assert verdict.verdict == "permission_required"
    assert verdict.governing_policy is not None and verdict.governing_policy.id == "all-rights-reserved"


@pytest.mark.parametrize(("use", "code"), [("noncommercial", 1), ("excerpt", 0)])
def test_cli_exit_codes_and_json(use: str, code: int) -> None:
    result = runner.invoke(
        app, ["check", SEED, "--url", SEED_URL, "--no-follow", "--use", use, "--format", "json"]
    )
    assert result.exit_code == code, result.output
    import json

    data = json.loads(result.stdout)
    assert {
        "verdict",
        "use",
        "governing_policy",
        "origin",
        "conditions",
        "attribution_line",
        "evidence",
        "warnings",
    } <= set(data)
    assert set(data["governing_policy"]) >= {"id", "name", "source", "status"}
    assert data["origin"]["chain"][0]["status"] == "read"
    assert data["evidence"] and data["evidence"][0]["text"]


def test_cli_markdown() -> None:
    result = runner.invoke(app, ["check", SEED, "--url", SEED_URL, "--no-follow", "--format", "markdown"])
    assert result.exit_code == 1
    assert result.stdout.startswith("## PERMISSION REQUIRED")


def test_cli_unknown_use() -> None:
    result = runner.invoke(app, ["check", SEED, "--use", "resale"])
    assert result.exit_code == 2


def _terms_page(tmp_path: Path, terms: str) -> str:
    page = tmp_path / "terms.html"
    page.write_text(
        "<html><head><title>Bridge notes</title></head><body><article><h1>Bridge notes</h1><p>"
        + "The footbridge reopened after the winter repairs, and walkers were back on it by noon. " * 4
        + f"</p></article><footer class='site-footer'><p>{terms}</p></footer></body></html>"
    )
    return str(page)


def test_terms_stated_on_a_page_without_a_policy_file(tmp_path: Path) -> None:
    target = _terms_page(
        tmp_path, "You may republish this article for free if you credit the author and link to the original."
    )
    verdict = check(target, url="https://bridgenotes.test/a", follow=False).verdict
    assert verdict.verdict == "allowed_with_conditions"
    assert verdict.governing_policy is None and verdict.governing_reason == "terms stated on the page"
    assert {"credit_publisher", "link_original"} <= {c.kind for c in verdict.conditions}


def test_non_commercial_page_terms_for_commercial_use(tmp_path: Path) -> None:
    target = _terms_page(tmp_path, "May be reprinted or distributed for non-profit purposes only.")
    verdict = check(target, url="https://bridgenotes.test/a", use="commercial", follow=False).verdict
    assert verdict.verdict == "permission_required"
