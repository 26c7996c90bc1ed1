"""rights compare: the library call and the command (targets, errors before any request, output)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from rights.api import compare
from rights.cli import app
from rights.config import Settings
from rights.errors import FetchError, InputError
from rights.report.comparison import comparison_dict, comparison_table, shorten
from rights.web.models import Fetched
from rights.web.target import check_compare_target, decode_text
from tests.test_matching_helpers import BODY, FIXTURES, ORIGINAL

STORY = str(FIXTURES / "courier_story.html")
REPOST = str(FIXTURES / "valley_repost.html")
runner = CliRunner()


class RecordingFetch:
    """A stand-in for rights.web.fetch.fetch_page that serves one page and records every call."""

    def __init__(self, content: bytes, status: int = 200) -> None:
        self.content, self.status, self.calls = content, status, []

    def __call__(self, url: str, settings: Settings) -> Fetched:
        self.calls.append(url)
        return Fetched(url, url, self.status, {"content-type": "text/html; charset=utf-8"}, self.content)


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (lambda d: str(d / "missing.html"), "no such file"),
        (lambda d: str(d), "is a directory"),
        (lambda d: "courier.example/story", "did you mean https://courier.example/story"),
        (lambda d: "ftp://courier.example/story", "unsupported URL scheme"),
        (lambda d: "https://", "has no host"),
    ],
)
def test_bad_targets(tmp_path: Path, make: object, message: str) -> None:
    with pytest.raises(InputError, match=message):
        check_compare_target(make(tmp_path))  # type: ignore[operator]


def test_binary_files_are_refused(tmp_path: Path) -> None:
    image = tmp_path / "photo.html"
    image.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(200))
    with pytest.raises(InputError, match="PNG image"):
        check_compare_target(str(image))
    blob = tmp_path / "data.txt"
    blob.write_bytes(b"abc\x00\x00\x00\x01\x02" * 100)
    with pytest.raises(InputError, match="binary"):
        check_compare_target(str(blob))


def test_kinds_of_files(tmp_path: Path) -> None:
    notes = tmp_path / "notes"
    notes.write_text("Plain words without any markup at all.")
    empty = tmp_path / "empty.html"
    empty.write_bytes(b"")
    assert check_compare_target(str(notes)).kind == "text"
    assert check_compare_target(str(empty)).kind == "text"
    assert check_compare_target(STORY).kind == "html"
    assert check_compare_target(str(FIXTURES / "original.txt")).kind == "text"
    assert check_compare_target("https://courier.example/story").kind == "url"


def test_decode_text() -> None:
    assert decode_text("café".encode()) == "café"
    assert decode_text(b"\xef\xbb\xbfcaf\xc3\xa9") == "café"
    assert decode_text("café".encode("cp1252")) == "café"
    assert decode_text("café".encode("utf-16")) == "café"


def test_nothing_is_fetched_when_an_argument_is_bad(tmp_path: Path) -> None:
    fetch = RecordingFetch(b"<html></html>")
    with pytest.raises(InputError):
        compare("https://valley.example/story", str(tmp_path / "missing.txt"), fetch=fetch)
    assert fetch.calls == []


def test_url_against_file() -> None:
    fetch = RecordingFetch(Path(REPOST).read_bytes())
    result = compare("https://valley.example/story", STORY, fetch=fetch)
    assert fetch.calls == ["https://valley.example/story"]
    assert result.match.verdict == "copy"
    assert result.copy.final_url == "https://valley.example/story"
    assert result.copy.text_from == "article"


def test_http_errors_are_fetch_errors() -> None:
    with pytest.raises(FetchError, match="http_404"):
        compare("https://valley.example/gone", STORY, fetch=RecordingFetch(b"", status=404))
    with pytest.raises(FetchError, match=r"not_html.*PDF"):
        compare("https://valley.example/paper.pdf", STORY, fetch=RecordingFetch(b"%PDF-1.7 ..."))


def test_fetched_plain_text_is_compared_as_text() -> None:
    fetch = RecordingFetch("\n\n".join(BODY).encode())
    result = compare("https://valley.example/story.txt", STORY, fetch=fetch)
    assert result.copy.text_from == "text"
    assert result.match.verdict == "copy"


def test_text_file_against_page(tmp_path: Path) -> None:
    copy = tmp_path / "copy.txt"
    copy.write_text("\n\n".join(["Republished with permission.", *BODY]), encoding="utf-8")
    result = compare(str(copy), STORY)
    assert result.match.verdict == "copy"
    data = comparison_dict(result)
    passage = data["passages"][0]
    text = copy.read_text(encoding="utf-8")
    assert text[passage["copy"]["start"] : passage["copy"]["end"]] == passage["copy"]["text"]
    assert data["copy"]["kind"] == "text" and data["original"]["kind"] == "html"


def test_shorten() -> None:
    assert shorten("short  text", 20) == "short text"
    line = shorten(ORIGINAL, 40)
    assert len(line) == 40 and "…" in line
    assert line.startswith("Millbrook votes") and line.endswith('hear it too."')


def test_table_output() -> None:
    table = comparison_table(compare(REPOST, STORY), width=100)
    lines = table.splitlines()
    assert lines[0].startswith("verdict:  copy")
    assert any(line.startswith("  1 ") and "The town council" in line for line in lines)
    assert all(len(line) <= 100 for line in lines)


def test_cli_json() -> None:
    result = runner.invoke(app, ["compare", REPOST, STORY, "--format", "json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["verdict"] == "copy"
    for key in ("copied_share_of_copy", "copied_share_of_original", "longest_passage_words", "reason"):
        assert key in data
    passage = data["passages"][0]
    assert set(passage) >= {"words", "quoted", "copy", "original"}
    assert set(passage["copy"]) == {"start", "end", "text"}


def test_cli_table_and_quote() -> None:
    result = runner.invoke(app, ["compare", str(FIXTURES / "blog_quote.html"), STORY])
    assert result.exit_code == 0
    assert result.stdout.startswith("verdict:  quote")


@pytest.mark.parametrize("bad", ["missing-file.html", "courier.example/story", "."])
def test_cli_bad_input_is_one_line_and_exit_2(bad: str) -> None:
    result = runner.invoke(app, ["compare", bad, STORY])
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr.startswith("error: ") and result.stderr.count("\n") == 1


def test_cli_help_documents_the_command() -> None:
    result = runner.invoke(app, ["compare", "--help"])
    assert result.exit_code == 0
    assert "COPY" in result.stdout and "ORIGINAL" in result.stdout and "--format" in result.stdout
