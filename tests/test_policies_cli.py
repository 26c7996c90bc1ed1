"""`rights policies list / show / validate`: output, formats, user folders and exit codes."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from rights.cli import app

runner = CliRunner()

USER_POLICY = """\
id = "my-paper"
name = "My Paper"
kind = "publisher"
domains = ["mypaper.example"]
extends = "cc-by-nd-4.0"
source = "https://mypaper.example/republish"
checked = 2026-11-24
status = "verified"
summary = "A test publisher that extends a bundled licence and adds one rule of its own."

[[rules]]
kind = "no_images"
"""


@pytest.fixture(autouse=True)
def _isolated(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """No rights.toml and no RIGHTS_* settings leak into these tests."""
    monkeypatch.chdir(tmp_path)
    for name in ("RIGHTS_POLICY_DIRS", "RIGHTS_DB"):
        monkeypatch.delenv(name, raising=False)


def _user_dir(tmp_path: Path, text: str = USER_POLICY, name: str = "my-paper.toml") -> Path:
    folder = tmp_path / "mine"
    folder.mkdir(exist_ok=True)
    (folder / name).write_text(text, encoding="utf-8")
    return folder


def test_help_lists_the_subcommands() -> None:
    """`rights policies --help` names list, show and validate."""
    result = runner.invoke(app, ["policies", "--help"])
    assert result.exit_code == 0
    for name in ("list", "show", "validate"):
        assert name in result.stdout


def test_list_table() -> None:
    """The table lists every policy with kind, status and date, and ends with a count."""
    result = runner.invoke(app, ["policies", "list"])
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert lines[-1] == f"{len(lines) - 1} policies"
    row = next(line for line in lines if line.startswith("global-research "))
    assert "publisher" in row and "verified" in row and "globalresearch.ca < all-rights-reserved" in row


def test_list_json_by_kind() -> None:
    """`--kind license --format json` returns licence rows only."""
    result = runner.invoke(app, ["policies", "list", "--kind", "license", "--format", "json"])
    assert result.exit_code == 0
    rows = json.loads(result.stdout)
    assert len(rows) == 42
    assert {row["kind"] for row in rows} == {"license"}
    assert {"cc-by-4.0", "cc0-1.0", "pdm-1.0", "all-rights-reserved"} <= {row["id"] for row in rows}


def test_list_with_user_folder_marks_overrides(tmp_path: Path) -> None:
    """`--policies DIR` adds a folder; a policy that replaces a bundled one is marked."""
    cradle = USER_POLICY.replace('id = "my-paper"', 'id = "the-cradle"').replace(
        "mypaper.example", "thecradle.co"
    )
    folder = _user_dir(tmp_path, cradle, "the-cradle.toml")
    result = runner.invoke(app, ["policies", "list", "--policies", str(folder), "--format", "json"])
    assert result.exit_code == 0
    row = next(r for r in json.loads(result.stdout) if r["id"] == "the-cradle")
    assert row["path"] == str(folder / "the-cradle.toml")
    assert row["overrides"].endswith("the-cradle.toml")
    table = runner.invoke(app, ["policies", "list", "--policies", str(folder)]).stdout
    assert "(overrides " in next(line for line in table.splitlines() if line.startswith("the-cradle "))


def test_configured_policy_dirs_are_read(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Folders from the policy_dirs setting (here RIGHTS_POLICY_DIRS) are loaded too."""
    monkeypatch.setenv("RIGHTS_POLICY_DIRS", str(_user_dir(tmp_path)))
    result = runner.invoke(app, ["policies", "show", "my-paper", "--format", "json"])
    assert result.exit_code == 0, result.stderr
    assert json.loads(result.stdout)["chain"] == ["cc-by-nd-4.0", "my-paper"]


def test_show_table_marks_inherited_rules() -> None:
    """`show` prints the resolved rules; inherited ones carry `*` and their origin."""
    result = runner.invoke(app, ["policies", "show", "the-cradle"])
    assert result.exit_code == 0
    out = result.stdout
    assert out.startswith("the-cradle: The Cradle\n")
    assert "status: unverified" in out and "extends: all-rights-reserved" in out
    assert any(
        line.startswith(" * quotation") and "from all-rights-reserved" in line for line in out.splitlines()
    )
    assert any(line.startswith("   requires_permission") for line in out.splitlines())


def test_show_json() -> None:
    """The JSON form carries every resolved rule with status, source and an inherited flag."""
    result = runner.invoke(app, ["policies", "show", "global-research", "--format", "json"])
    assert result.exit_code == 0
    data = json.loads(result.stdout)
    assert data["id"] == "global-research" and data["chain"] == ["all-rights-reserved", "global-research"]
    contact = next(r for r in data["rules"] if r["kind"] == "contact")
    assert contact["params"] == {"address": "publications@globalresearch.ca"}
    assert contact["status"] == "verified" and contact["inherited"] is False
    assert any(r["inherited"] and r["kind"] == "quotation" for r in data["rules"])
    assert data["examples"][0]["expect"] == "allowed_with_conditions"


@pytest.mark.parametrize(
    ("query", "expected"), [("www.propublica.org", "propublica"), ("cc-by-nc", "cc-by-nc-4.0")]
)
def test_show_by_domain_or_licence_id(query: str, expected: str) -> None:
    """`show` also accepts a publisher's host or a licence id (unversioned ids map to the newest)."""
    result = runner.invoke(app, ["policies", "show", query, "--format", "json"])
    assert result.exit_code == 0
    assert json.loads(result.stdout)["id"] == expected


def test_show_unknown_id_is_a_usage_error() -> None:
    """An unknown id exits 2 with one line on stderr."""
    result = runner.invoke(app, ["policies", "show", "no-such-outlet"])
    assert result.exit_code == 2
    assert (
        result.stderr.strip()
        == "error: unknown policy 'no-such-outlet'; `rights policies list` shows the ids"
    )


def test_validate_bundled_ok() -> None:
    """With no path, everything bundled validates: exit 0 and a one-line count."""
    result = runner.invoke(app, ["policies", "validate"])
    assert result.exit_code == 0
    assert result.stdout.startswith("ok: ") and result.stdout.count("\n") == 1
    assert "(42 licenses, " in result.stdout


def test_validate_user_file_ok(tmp_path: Path) -> None:
    """A valid user file that extends a bundled licence validates."""
    folder = _user_dir(tmp_path)
    result = runner.invoke(app, ["policies", "validate", str(folder / "my-paper.toml")])
    assert result.exit_code == 0
    assert result.stdout.startswith("ok: ")


def test_validate_reports_every_problem(tmp_path: Path) -> None:
    """Broken files exit 2 and print `FILE: key: problem` lines, then a count on stderr."""
    broken = USER_POLICY.replace('status = "verified"', 'status = "maybe"').replace(
        '"no_images"', '"no_photos"'
    )
    folder = _user_dir(tmp_path, broken)
    (folder / "loop.toml").write_text(
        USER_POLICY.replace("my-paper", "loop").replace('extends = "cc-by-nd-4.0"', 'extends = "loop-two"'),
        encoding="utf-8",
    )
    result = runner.invoke(app, ["policies", "validate", str(folder)])
    assert result.exit_code == 2
    path = folder / "my-paper.toml"
    assert result.stdout.splitlines() == [
        f"{path}: status: 'maybe' is not one of: verified, secondary, unverified",
        f"{path}: rules[0].kind: unknown rule kind 'no_photos'; expected one of: " + _kinds(),
        f"{folder / 'loop.toml'}: extends: unknown policy 'loop-two'",
    ]
    assert result.stderr.strip() == "3 problem(s) in 2 file(s)"


def test_validate_missing_path(tmp_path: Path) -> None:
    """A path that does not exist is a problem like any other."""
    result = runner.invoke(app, ["policies", "validate", str(tmp_path / "nope.toml")])
    assert result.exit_code == 2
    assert result.stdout.strip() == f"{tmp_path / 'nope.toml'}: path: no such file or folder"


def test_list_with_broken_user_folder_fails_cleanly(tmp_path: Path) -> None:
    """Commands that load policies stop with the first problem and exit 2."""
    folder = _user_dir(tmp_path, 'id = "x"\n')
    result = runner.invoke(app, ["policies", "list", "--policies", str(folder)])
    assert result.exit_code == 2
    assert result.stderr.startswith(f"error: {folder / 'my-paper.toml'}: name: missing (required)")


def _kinds() -> str:
    from rights.policy import RULE_KINDS

    return ", ".join(RULE_KINDS)
