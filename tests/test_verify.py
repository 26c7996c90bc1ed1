"""`rights verify`: copies that comply, and copies that break each kind of condition."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from rights.api import Verification, verify
from rights.cli import app
from rights.config import Settings
from rights.errors import RightsError

ROOT = Path(__file__).resolve().parents[1]
V = ROOT / "fixtures" / "verify"
ORIGINAL_URL = "https://tidewatch.test/2025/new-cranes"
runner = CliRunner()


def _verify(name: str, **kwargs: str) -> Verification:
    return verify(
        str(V / f"{name}.html"),
        url=f"https://harbourweekly.test/{name}",
        original=str(V / "nd-original.html"),
        original_url=ORIGINAL_URL,
        **kwargs,
    )


def _status(result: Verification) -> dict[str, str]:
    return {f.kind: f.status for f in result.findings}


def test_compliant_copy_passes_every_checkable_condition() -> None:
    result = _verify("nd-copy-ok")
    assert (
        result.verdict.governing_policy is not None and result.verdict.governing_policy.id == "cc-by-nd-4.0"
    )
    assert not result.failed
    assert {k: v for k, v in _status(result).items() if v != "not_checkable"} == {
        "credit_author": "pass",
        "keep_copyright_notice": "pass",
        "link_original": "pass",
        "name_license": "pass",
        "indicate_changes": "pass",
        "no_derivatives": "pass",
    }


def test_edited_nd_copy_reports_every_edit() -> None:
    result = _verify("nd-copy-edited")
    assert result.failed
    (finding,) = [f for f in result.findings if f.kind == "no_derivatives"]
    assert finding.status == "fail"
    kinds = [e.kind for e in finding.edits]
    assert "added" in kinds and "changed" in kinds and len(kinds) >= 3
    assert any("Our region has been waiting" in e.copy_text for e in finding.edits)
    assert any("two-year argument" in e.original_text for e in finding.edits)
    assert _status(result)["indicate_changes"] == "fail"


def test_uncredited_copy_fails_each_credit_condition() -> None:
    result = _verify("nd-copy-uncredited")
    status = _status(result)
    for kind in ("credit_author", "link_original", "name_license", "keep_copyright_notice"):
        assert status[kind] == "fail", kind
    assert status["no_derivatives"] == "pass"


def test_house_rules_images_and_pixel() -> None:
    original = ROOT / "fixtures" / "policies" / "the-conversation-article.html"
    result = verify(
        str(V / "conversation-copy.html"),
        url="https://shoreline.test/tides",
        original=str(original),
        original_url="https://theconversation.com/why-tide-gauges-disagree-with-satellites-231456",
    )
    status = _status(result)
    assert status["no_images"] == "fail"
    assert status["tracking_pixel"] == "fail"
    assert status["link_original"] == "pass"
    (images,) = [f for f in result.findings if f.kind == "no_images"]
    assert "gauge.jpg" in images.evidence[0].text


def test_the_original_is_found_from_the_copy_s_attribution() -> None:
    """Without --original, the copy's attribution link names the original (here: unreachable file-less URL)."""
    settings = Settings(total_timeout=2, connect_timeout=1)
    with pytest.raises(RightsError, match="could not read the original"):
        verify(str(V / "nd-copy-ok.html"), url="https://harbourweekly.test/x", settings=settings)


def test_cli_json_and_exit_codes() -> None:
    args = [
        "verify",
        str(V / "nd-copy-edited.html"),
        "--url",
        "https://harbourweekly.test/e",
        "--original",
        str(V / "nd-original.html"),
        "--original-url",
        ORIGINAL_URL,
        "--format",
        "json",
    ]
    result = runner.invoke(app, args)
    assert result.exit_code == 1, result.output
    data = json.loads(result.stdout)
    assert data["compliant"] is False
    assert {f["kind"] for f in data["findings"] if f["status"] == "fail"} == {
        "no_derivatives",
        "indicate_changes",
    }
    ok = runner.invoke(
        app,
        [
            "verify",
            str(V / "nd-copy-ok.html"),
            "--url",
            "https://harbourweekly.test/o",
            "--original",
            str(V / "nd-original.html"),
            "--original-url",
            ORIGINAL_URL,
        ],
    )
    assert ok.exit_code == 0 and "no failed condition" in ok.stdout


def test_copy_without_any_pointer_to_an_original() -> None:
    result = runner.invoke(app, ["verify", str(ROOT / "fixtures" / "pages" / "plain.html")])
    assert result.exit_code == 3
    assert "names no original" in result.stderr
