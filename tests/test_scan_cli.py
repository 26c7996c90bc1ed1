"""`rights scan` refuses bad input with one line and a non-zero exit, and says what to install without the
`scale` extra (these tests run with or without it)."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from rights.cli import app

runner = CliRunner()


def _scan(*args: str) -> tuple[int, str]:
    result = runner.invoke(app, ["scan", *args])
    return result.exit_code, result.stderr.strip()


def test_without_the_extra_the_scan_says_what_to_install(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setitem(sys.modules, "dask.distributed", None)  # as if dask were not installed
    archive = tmp_path / "a.warc"
    archive.write_bytes(b"WARC/1.1\r\n")
    code, err = _scan(str(archive), "--db", str(tmp_path / "r.db"))
    assert code == 2
    assert err == "error: install rights[scale] to scan archives"


def test_bad_input_is_one_line_and_exit_2(tmp_path: Path) -> None:
    pytest.importorskip("dask.distributed")
    pytest.importorskip("warcio")
    db = str(tmp_path / "r.db")
    code, err = _scan(str(tmp_path / "missing.warc.gz"), "--db", db)
    assert (code, err) == (2, f"error: {tmp_path / 'missing.warc.gz'}: no such file or directory")
    page = tmp_path / "page.html"
    page.write_text("<html><body>not an archive</body></html>")
    code, err = _scan(str(page), "--db", db)
    assert code == 2 and err.endswith("page.html: not a WARC or WET file name (.warc, .warc.gz, .wet, .wet.gz, "
                                      ".arc.gz); a list of archives is named @FILE or ends in .txt, .lst or .paths")  # fmt: skip
    fake = tmp_path / "fake.warc.gz"
    fake.write_text("<html><body>not an archive</body></html>")
    code, err = _scan(str(fake), "--db", db)
    assert code == 2 and err.endswith("not a WARC or WET file (it starts with neither gzip nor 'WARC/')")
    assert len(err.splitlines()) == 1
    archive = tmp_path / "a.warc"
    archive.write_bytes(b"WARC/1.1\r\n")
    code, err = _scan(str(archive), "--db", db)
    assert code == 2 and err.startswith("error: no originals in the database")
    code, err = _scan(str(archive), "--db", db, "--originals", "sitemap.xml")
    assert (
        code == 2
        and err
        == "error: --originals sitemap.xml: no such file (give db, a file of URLs, or a sitemap or feed URL)"
    )


def test_the_progress_line_counts_records_speed_copies_and_time_left(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from rights.auditing.scan import ArchiveResult
    from rights.cli.scan_cmd import _Progress

    first, second = tmp_path / "a.warc.gz", tmp_path / "b.warc.gz"
    first.write_bytes(b"x" * 2_000_000)
    second.write_bytes(b"x" * 1_000_000)
    progress = _Progress(enabled=True)
    progress.indexed(12_500, 3.25)
    assert capsys.readouterr().err == "[index] 12,500 originals read and indexed in 3.2 s\n"
    progress(ArchiveResult(str(first), {"records": 120}, [], copies=2), 1, 3)
    progress(ArchiveResult(str(second), {"records": 80}, [], copies=1), 2, 3)
    lines = capsys.readouterr().err.splitlines()
    assert lines[0].startswith("[1/3 archives] 120 records, ") and "2 copies so far" in lines[0]
    assert lines[1].startswith("[2/3 archives] 200 records, ") and "3 copies so far" in lines[1]
    assert " MB/s, " in lines[1] and "left" in lines[1] and lines[1].endswith("(b.warc.gz)")
    quiet = _Progress(enabled=False)
    quiet.indexed(3, 0.1)
    quiet(ArchiveResult(str(first), {"records": 5}, []), 1, 1)
    assert capsys.readouterr().err == "" and quiet.records == 5
