"""Reading WARC and WET files (rights.web.archive): what is read, what is skipped and counted, damage reported
per file. Skipped without the `scale` extra."""

from __future__ import annotations

from pathlib import Path

import pytest

pytest.importorskip("warcio")

from rights.config import Settings
from rights.errors import UsageError
from rights.web.archive import ArchiveStats, check_archive, read_archive, resolve_archives
from tests import scan_fixtures as fx

MB = 1 << 20


def test_html_responses_are_read_and_the_rest_counted(tmp_path: Path) -> None:
    ids = fx.write_main(tmp_path / "a.warc.gz")
    stats = ArchiveStats()
    records = list(read_archive(tmp_path / "a.warc.gz", stats, max_bytes=10 * MB))
    assert [r.record_id for r in records][:2] == [ids["no_credit"], ids["credited"]]
    assert {r.kind for r in records} == {"html"}
    assert (stats.records, stats.read, stats.other_types, stats.not_html, stats.error) == (12, 10, 1, 1, None)
    assert records[0].charset == "utf-8" and records[0].captured_at == "2026-03-01T12:00:00Z"


def test_the_size_cap_applies_per_record(tmp_path: Path) -> None:
    fx.write_odd(tmp_path / "b.warc.gz")
    stats = ArchiveStats()
    records = list(read_archive(tmp_path / "b.warc.gz", stats, max_bytes=10 * MB))
    assert [r.target_uri for r in records] == ["http://liar.test/night"]
    assert stats.oversized == 1
    assert records[0].charset == "iso-8859-1"  # the lie is passed on; the page decoder weighs it
    stats = ArchiveStats()
    assert list(read_archive(tmp_path / "b.warc.gz", stats, max_bytes=1024)) == []
    assert stats.oversized == 2


def test_a_truncated_member_ends_the_file_with_its_reason(tmp_path: Path) -> None:
    ids = fx.write_truncated(tmp_path / "c.warc.gz")
    stats = ArchiveStats()
    records = list(read_archive(tmp_path / "c.warc.gz", stats, max_bytes=10 * MB))
    assert [r.record_id for r in records] == [ids["before_damage"]]
    assert stats.error is not None and "cut short" in stats.error


def test_a_file_cut_between_members_is_read_whole_and_garbage_after_it_is_reported(tmp_path: Path) -> None:
    fx.write_main(tmp_path / "a.warc.gz")
    path = tmp_path / "a.warc.gz"
    path.write_bytes(path.read_bytes() + b"\x1f\x8b\x08\x00garbage")
    stats = ArchiveStats()
    assert len(list(read_archive(path, stats, max_bytes=10 * MB))) == 10
    assert stats.error is not None


def test_wet_conversion_records_are_text(tmp_path: Path) -> None:
    ids = fx.write_wet(tmp_path / "d.wet.gz")
    records = list(read_archive(tmp_path / "d.wet.gz", ArchiveStats(), max_bytes=10 * MB))
    assert [(r.record_id, r.kind) for r in records] == [(ids["wet"], "text")]
    assert records[0].body.startswith(b"The night train returns")


def test_arguments_are_files_or_folders_of_archives(tmp_path: Path) -> None:
    fx.write_wet(tmp_path / "d.wet.gz")
    (tmp_path / "sub").mkdir()
    fx.write_main(tmp_path / "sub" / "a.warc.gz")
    (tmp_path / "notes.txt").write_text("x")
    found = resolve_archives([str(tmp_path)], Settings())
    assert [s.name for s in found] == [str(tmp_path / "d.wet.gz"), str(tmp_path / "sub" / "a.warc.gz")]
    (tmp_path / "empty").mkdir()
    with pytest.raises(UsageError, match="no WARC or WET files"):
        resolve_archives([str(tmp_path / "empty")], Settings())
    (tmp_path / "fake.warc.gz").write_bytes(b"<html>")
    with pytest.raises(UsageError, match="not a WARC or WET file"):
        check_archive(tmp_path / "fake.warc.gz")
