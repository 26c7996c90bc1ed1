"""What `rights check` prints for the README's demo and the worked examples, line for line, and read as a
rights editor would: no fragment, no placeholder, no machine word, no site name in a title.

Regenerate after an intended change with `RIGHTS_UPDATE_GOLDEN=1 pytest tests/test_golden_check.py`, then read
the diff of fixtures/golden/check/ before committing.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from rights.cli import app

ROOT = Path(__file__).resolve().parents[1]
GOLDEN = ROOT / "fixtures" / "golden" / "check"
SEED_URL = "https://www.globalresearch.ca/harbour-cranes-new-trade-map/5770001"
CASES = {
    # the README's first command, and the same without --use excerpt (its next sentence)
    "readme-excerpt": ["republished-seed", "--url", SEED_URL, "--use", "excerpt"],
    "readme-republish": ["republished-seed", "--url", SEED_URL],
    "cc-blog": ["cc-blog", "--url", "https://orcharddiary.example/2024/02/winter-pruning"],
    "wire-story": ["wire-story", "--url", "https://valleycourier.example/news/flood-barriers"],
    "conflicting-licences": ["conflicting-licences"],
    "plain": ["plain"],
}
INSPECTED = {
    "inspect-republished-seed": ["republished-seed", "--url", SEED_URL],
    "inspect-cc-blog": ["cc-blog", "--url", "https://orcharddiary.example/2024/02/winter-pruning"],
    "inspect-wire-story": ["wire-story"],
}
runner = CliRunner()


def _check(name: str) -> str:
    page, *options = CASES[name]
    result = runner.invoke(
        app, ["check", str(ROOT / "fixtures" / "pages" / f"{page}.html"), *options, "--no-follow"]
    )
    assert result.exit_code in (0, 1), result.output
    return result.stdout


def _matches_golden(name: str, got: str) -> None:
    path = GOLDEN / f"{name}.txt"
    if os.environ.get("RIGHTS_UPDATE_GOLDEN"):
        path.write_text(got, encoding="utf-8")
    assert got == path.read_text(encoding="utf-8")


@pytest.mark.parametrize("name", CASES)
def test_check_output_matches_the_reviewed_golden_text(name: str) -> None:
    _matches_golden(name, _check(name))


_PLACEHOLDER = re.compile(r"\bunknown\)|\(\w+ unknown|\bNone\b|\{\w+\}")
_MACHINE_WORD = re.compile(r"(?<![\w/.:-])[a-z]+_[a-z_]+(?![\w/.-])")  # not_followed, credit_author
_CUT_AT_ABBREVIATION = re.compile(r"\b(?:U\.S|U\.K|Art|No|e\.g|i\.e|v)\.$")
_SITE_IN_TITLE = re.compile(r" [|»«] | :: ")


@pytest.mark.parametrize("name", CASES)
def test_every_printed_line_reads_whole(name: str) -> None:
    lines = _check(name).splitlines()
    for line in lines:
        if line.lstrip().startswith("evidence ["):
            continue  # quoted page text, shown as written
        assert not _PLACEHOLDER.search(line), line
        assert not _MACHINE_WORD.search(line), line
        assert not _CUT_AT_ABBREVIATION.search(line.rstrip()), line
    assert not _SITE_IN_TITLE.search(lines[0]), lines[0]
    for line in lines:
        if line.startswith("  - ") and not line.startswith("      "):
            assert line[4:5].isupper() or line[4:5] in '“"', line  # every condition is a sentence


def _inspect(name: str) -> str:
    page, *options = INSPECTED[name]
    result = runner.invoke(app, ["inspect", str(ROOT / "fixtures" / "pages" / f"{page}.html"), *options])
    assert result.exit_code == 0, result.output
    return result.stdout


@pytest.mark.parametrize("name", INSPECTED)
def test_inspect_output_matches_the_reviewed_golden_text(name: str) -> None:
    got = _inspect(name)
    _matches_golden(name, got)
    for line in got.splitlines():
        if line.startswith("    "):
            continue  # quoted evidence
        assert not _PLACEHOLDER.search(line) and not _MACHINE_WORD.search(line), line
        assert "scope " not in line, line


def test_an_edited_text_under_a_no_derivatives_licence_needs_permission() -> None:
    page = str(ROOT / "fixtures" / "pages" / "conflicting-licences.html")
    unchanged = runner.invoke(app, ["check", page, "--no-follow"])
    edited = runner.invoke(app, ["check", page, "--no-follow", "--modified"])
    assert unchanged.exit_code == 0 and edited.exit_code == 1
    assert edited.stdout.startswith("PERMISSION REQUIRED") and "allows no edits" in edited.stdout
