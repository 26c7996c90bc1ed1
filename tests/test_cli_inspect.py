"""`rights inspect` on the command line: output formats and clear errors for bad input."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from rights.cli import app

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "pages"
SEED_URL = "https://www.globalresearch.ca/harbour-cranes-new-trade-map/5770001"
runner = CliRunner()


def test_json_has_the_keys_the_evaluation_reads() -> None:
    result = runner.invoke(
        app, ["inspect", str(FIXTURES / "republished-seed.html"), "--url", SEED_URL, "--format", "json"]
    )
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert set(data["republication"]) >= {"is_republication", "kind", "origin_name", "origin_url", "evidence"}
    assert data["republication"]["origin_name"] == "The Cradle"
    assert data["license"] is None
    assert set(data["copyright"]) >= {"holder", "year", "scope", "evidence"}
    assert set(data["reuse_terms"]) >= {"stance", "conditions", "contact", "evidence"}
    for key in ("title", "authors", "site_name", "published", "canonical", "signals"):
        assert key in data


def test_table_shows_conclusions_with_evidence() -> None:
    result = runner.invoke(app, ["inspect", str(FIXTURES / "republished-seed.html"), "--url", SEED_URL])
    assert result.exit_code == 0
    assert "Republication: yes, republished from The Cradle" in result.stdout
    assert 'evidence [main, text]: "This article was originally published on The Cradle."' in result.stdout
    assert "contact:     publications@globalresearch.ca" in result.stdout


def _one_line_error(args: list[str]) -> str:
    result = runner.invoke(app, args)
    assert result.exit_code == 2, result.output
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: ")
    return lines[0]


def test_missing_file(tmp_path: Path) -> None:
    assert "no such file" in _one_line_error(["inspect", str(tmp_path / "nope.html")])


def test_directory(tmp_path: Path) -> None:
    assert "is a directory" in _one_line_error(["inspect", str(tmp_path)])


def test_host_without_scheme() -> None:
    assert "https://example.com" in _one_line_error(["inspect", "example.com"])


@pytest.mark.parametrize(
    "url",
    [
        "ftp://example.com/a.html",
        "javascript:alert(1)",
        "mailto:a@example.com",
        "http://exa mple.com/",
        "http://example.com:99999/",
    ],
)
def test_unfetchable_urls(url: str) -> None:
    _one_line_error(["inspect", url])


def test_non_html_file(tmp_path: Path) -> None:
    png = tmp_path / "picture.html"
    png.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(100))
    assert "not an HTML page (it looks like a PNG image)" in _one_line_error(["inspect", str(png)])


def test_bad_page_url_option() -> None:
    _one_line_error(["inspect", str(FIXTURES / "plain.html"), "--url", "not a url"])


def test_every_command_has_help() -> None:
    """Each command documents itself."""
    for command in app.registered_commands:
        name = command.name or (command.callback.__name__ if command.callback else "")
        result = runner.invoke(app, [name.replace("_", "-"), "--help"])
        assert result.exit_code == 0 and "Usage" in result.stdout
