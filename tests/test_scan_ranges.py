"""Byte ranges of a gzip WARC as tasks: every record is read by exactly one range, whatever the cut points, from a
local file, over HTTP Range requests and through fsspec; a scan split into many small ranges finds exactly
what the unsplit scan finds, and resumes by range."""

from __future__ import annotations

import dataclasses
import functools
import gzip
import io
import random
from pathlib import Path
from typing import Any

import pytest

pytest.importorskip("warcio")

from rights.config import Settings, load_settings
from rights.web.archive import ArchivePart, ArchiveStats, read_archive, resolve_archives, split_source
from rights.web.archive.parts import first_member, is_member_start, parse_size
from tests import scan_fixtures as fx
from tests.archive_server import archive_settings, serving
from tests.sitesrv import SiteServer

MB = 1 << 20


@pytest.fixture(scope="module")
def big(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The main archive with 40 more pages: 52 records, about 70 KB."""
    path = tmp_path_factory.mktemp("ranges") / "big.warc.gz"
    fx.write_main(path, padding=40)
    return path


def _read(parts: list[ArchivePart]) -> tuple[list[tuple[int, str]], dict[str, int]]:
    records, totals = [], {"records": 0, "read": 0, "other_types": 0, "not_html": 0}
    for part in parts:
        stats = ArchiveStats()
        records += [(r.offset, r.record_id) for r in read_archive(part, stats, max_bytes=10 * MB)]
        assert stats.error is None, (part.name, stats.error)
        for name in totals:
            totals[name] += getattr(stats, name)
    return records, totals


def test_every_record_is_read_by_exactly_one_range(big: Path) -> None:
    source = resolve_archives([str(big)], Settings())[0]
    whole, counts = _read(split_source(source, None))
    assert len(whole) == 50 and counts["records"] == 52
    rng = random.Random(7)
    sizes = [97, 500, 1234, 4096, 20_000, *(rng.randint(50, 9000) for _ in range(5))]
    for size in sizes:
        parts = split_source(source, size)
        assert len(parts) == -(-big.stat().st_size // size) > 1
        records, totals = _read(parts)
        assert records == whole and totals == counts, size


def test_ranges_over_http_and_fsspec_read_the_same_records(
    big: Path, site: SiteServer, settings: Settings
) -> None:
    whole, counts = _read([ArchivePart(resolve_archives([str(big)], Settings())[0])])
    settings = archive_settings(site, settings)
    with serving(site, {"big.warc.gz": big}) as urls:
        remote = resolve_archives([urls["big.warc.gz"]], settings)[0]
        parts = split_source(remote, 3000)
        assert len(parts) > 10
        assert _read(parts) == (whole, counts)
        requests = site.requests(path="/big.warc.gz")
        assert {r.headers.get("range") for r in requests if r.method == "GET"} == {
            None,
            *(f"bytes={p.start}-" for p in parts[1:]),
        }
    pytest.importorskip("fsspec")
    objects = resolve_archives([f"file://{big}"], Settings())[0]
    assert _read(split_source(objects, 3000)) == (whole, counts)


def test_a_server_without_ranges_gets_whole_file_tasks(
    big: Path, site: SiteServer, settings: Settings
) -> None:
    settings = archive_settings(site, settings)
    with serving(site, {"big.warc.gz": big}, ranges=False) as urls:
        remote = resolve_archives([urls["big.warc.gz"]], settings)[0]
    assert not remote.ranges and split_source(remote, 3000) == [ArchivePart(remote)]


def test_a_server_that_ignores_a_range_fails_the_task(
    big: Path, site: SiteServer, settings: Settings
) -> None:
    """Reading the whole file for every range would read records twice: the task fails with one line instead
    (and Dask retries it, then reports it failed)."""
    from rights.errors import FetchError

    settings = archive_settings(site, settings)
    with serving(site, {"big.warc.gz": big}, ranges=False) as urls:
        source = dataclasses.replace(resolve_archives([urls["big.warc.gz"]], settings)[0], ranges=True)
        part = split_source(source, 3000)[1]
        with pytest.raises(FetchError, match=r"http_status \(200: the Range request was ignored\)"):
            list(read_archive(part, ArchiveStats(), max_bytes=10 * MB))


def test_uncompressed_and_small_archives_are_not_split(tmp_path: Path, big: Path) -> None:
    plain = tmp_path / "plain.warc"
    plain.write_bytes(gzip.decompress(big.read_bytes()))
    source = resolve_archives([str(plain)], Settings())[0]
    assert split_source(source, 1000) == [ArchivePart(source)]
    small = resolve_archives([str(big)], Settings())[0]
    assert split_source(small, 10 * MB) == [ArchivePart(small)]


def test_a_member_start_is_verified_by_decompressing_it(big: Path) -> None:
    data = big.read_bytes()
    assert is_member_start(data) is True
    assert is_member_start(data[:12]) is None  # too few bytes to tell
    assert is_member_start(gzip.compress(b"<html>not a record</html>")) is False
    assert is_member_start(b"\x1f\x8b\x08\x00\x00\x00\x00\x00\x00\x03garbage that is not deflate") is False
    # compressed-looking bytes before the real member are skipped; the stream resumes at the member
    fake = b"\x1f\x8b\x08\x00\x00\x00\x00\x00\x00\x03\xff\xff\xff"
    found = first_member(io.BytesIO(b"junk" + fake + data), 100, 10_000)
    assert found is not None and found.tell() == 100 + 4 + len(fake) and found.read(4) == data[:4]
    assert first_member(io.BytesIO(b"junk" + fake + data), 100, 104 + len(fake)) is None  # begins at the end


@pytest.mark.parametrize(
    ("text", "size"),
    [("256MB", 256_000_000), ("1GB", 10**9), ("512MiB", 512 * MB), ("1.5gb", 1_500_000_000),
     ("2000000", 2_000_000), ("0", None), ("off", None)],
)  # fmt: skip
def test_split_sizes(text: str, size: int | None) -> None:
    assert parse_size(text) == size


@pytest.mark.parametrize("text", ["lots", "12XB", "100KB", "-5MB"])
def test_bad_split_sizes(text: str) -> None:
    with pytest.raises(ValueError, match=r"size|small"):
        parse_size(text)


def _keys(findings: list[dict[str, Any]]) -> list[tuple[str, int]]:
    return sorted((f["key"], f["capture"]["offset"]) for f in findings)


def test_a_split_scan_finds_what_the_unsplit_scan_finds(big: Path, tmp_path: Path) -> None:
    """On Dask: 20+ range tasks of one archive give the same findings and counts as one whole-file task; a
    rerun after failed ranges resumes at exactly the ranges not done."""
    pytest.importorskip("dask.distributed")
    from rights import api
    from rights.auditing.scan_engine import run_on_dask
    from rights.auditing.scan_run import run_scan
    from rights.policy import load_policies
    from tests import scan_faults

    db = tmp_path / "rights.db"
    fx.store_originals(db)
    settings = load_settings(overrides={"db_path": db})
    whole = api.scan([big], workers=2, split=None, settings=settings)
    assert whole.tasks == 1 and len(whole.findings) == fx.MAIN_FINDINGS
    uncut = api.scan([big], workers=1, split=10 * MB, settings=settings)
    assert uncut.tasks == 1 and uncut.scan == whole.scan  # a split that cuts nothing does not rename the scan
    sources = resolve_archives([str(big)], settings)
    task = functools.partial(scan_faults.fail_ranges, split=3000, every=3)
    engine = functools.partial(run_on_dask, workers=2, task=task, retries=0)
    failing = run_scan(
        sources, settings, load_policies(list(settings.policy_dirs)), split=3000, engine=engine
    )
    assert failing.tasks > 20 and len(failing.failed) == len(range(0, failing.tasks, 3))
    assert all("#bytes=" in name for name in failing.failed)
    split = api.scan([big], workers=2, split=3000, settings=settings)
    assert split.run_id == failing.run_id and split.resumed == failing.tasks - len(failing.failed)
    assert not split.failed and _keys(split.findings) == _keys(whole.findings)
    assert split.counts == whole.counts
