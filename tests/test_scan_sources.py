"""`rights scan`'s ARCHIVE arguments: files, directories, globs, list files, http(s) URLs on loopback and fsspec
URLs resolve to one stable, de-duplicated list of sources before any work; every bad argument is one line."""

from __future__ import annotations

import dataclasses
import gzip
import sys
from pathlib import Path
from typing import Any

import pytest

pytest.importorskip("warcio")

from rights.config import Settings
from rights.errors import UsageError
from rights.web.archive import ArchiveStats, read_archive, resolve_archives, split_source
from rights.web.archive.sources import list_entries
from tests import scan_fixtures as fx
from tests.archive_server import HOST, archive_settings, serving
from tests.sitesrv import SiteServer


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    """a.warc.gz and d.wet.gz at the top, sub/b.warc.gz below, and a file that is not an archive."""
    fx.write_main(tmp_path / "a.warc.gz")
    fx.write_wet(tmp_path / "d.wet.gz")
    (tmp_path / "sub").mkdir()
    fx.write_main(tmp_path / "sub" / "b.warc.gz")
    (tmp_path / "notes.md").write_text("x")
    return tmp_path


def _names(arguments: list[str], settings: Settings | None = None) -> list[str]:
    return [s.name for s in resolve_archives(arguments, settings or Settings())]


def test_files_directories_and_globs_resolve_sorted_and_once(folder: Path) -> None:
    a, d, b = (str(folder / n) for n in ("a.warc.gz", "d.wet.gz", "sub/b.warc.gz"))
    assert _names([str(folder)]) == [a, d, b]
    assert _names([str(folder / "*.gz")]) == [a, d]
    assert _names([str(folder / "**" / "*.warc.gz")]) == [a, b]
    assert _names([d, str(folder), a, str(folder / "sub" / ".." / "a.warc.gz")]) == [d, a, b]
    sources = resolve_archives([a], Settings())
    assert sources[0].kind == "file" and sources[0].size == (folder / "a.warc.gz").stat().st_size


def test_a_relative_path_is_resolved(folder: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(folder)
    assert _names(["a.warc.gz", "./sub/../a.warc.gz"]) == [str(folder / "a.warc.gz")]


def test_a_list_file_names_paths_globs_and_urls(folder: Path, site: SiteServer, settings: Settings) -> None:
    """One entry a line, # comments and blank lines skipped, relative paths from the list file's folder;
    `.txt`, `.lst` and `@FILE` are list files."""
    settings = archive_settings(site, settings)
    listing = folder / "archives.txt"
    with serving(site, {"remote.warc.gz": folder / "a.warc.gz"}) as urls:
        listing.write_text(
            f"# this month's crawl\n\nsub/b.warc.gz\n  {urls['remote.warc.gz']}  \n{folder}/*.wet.gz\n"
            "a.warc.gz  # the main one\n"
        )
        expected = [str(folder / "sub/b.warc.gz"), f"http://{HOST}/remote.warc.gz", str(folder / "d.wet.gz"),
                    str(folder / "a.warc.gz")]  # fmt: skip
        assert _names([str(listing)], settings) == expected
        other = folder / "list"
        other.write_text(listing.read_text())
        assert _names([f"@{other}"], settings) == expected
        assert _names([str(listing), str(folder / "a.warc.gz")], settings) == expected
        remote = resolve_archives([urls["remote.warc.gz"]], settings)[0]
    assert remote.kind == "http" and remote.size == (folder / "a.warc.gz").stat().st_size and remote.ranges


def test_a_common_crawl_path_list_names_files_on_its_data_host(
    folder: Path, site: SiteServer, settings: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    """warc.paths.gz as Common Crawl publishes it: gzipped, one path a line, relative to its data host
    (here the fixture server stands in for it); a plain `.paths` file and a full URL in one work too."""
    from rights.web.archive import sources

    settings = archive_settings(site, settings)
    assert sources.COMMON_CRAWL == "https://data.commoncrawl.org/"
    monkeypatch.setattr(sources, "COMMON_CRAWL", f"http://{HOST}/")
    files = {"crawl-data/CC-MAIN-2026-40/segments/1/warc/a.warc.gz": folder / "a.warc.gz",
             "crawl-data/CC-MAIN-2026-40/segments/2/wet/d.wet.gz": folder / "d.wet.gz"}  # fmt: skip
    with serving(site, files) as urls:
        (folder / "warc.paths.gz").write_bytes(gzip.compress("\n".join(files).encode() + b"\n"))
        assert _names([str(folder / "warc.paths.gz")], settings) == list(urls.values())
        (folder / "sample.paths").write_text(f"{next(iter(files))}\n{urls[list(files)[1]]}\n")
        assert _names([str(folder / "sample.paths")], settings) == list(urls.values())
    (folder / "broken.paths.gz").write_bytes(gzip.compress(b"x")[:10])
    with pytest.raises(UsageError, match=r"broken.paths.gz: cannot read this list file \("):
        resolve_archives([str(folder / "broken.paths.gz")], settings)
    assert sources.is_path_list("wet.paths.gz") and not sources.is_path_list("paths.txt")


def test_list_entries_skip_comments_and_blank_lines() -> None:
    text = "# head\n\n a.warc.gz \nb.warc.gz # note\n   # indented\nhttp://x.test/c.warc.gz#part\n"
    assert list_entries(text) == ["a.warc.gz", "b.warc.gz", "http://x.test/c.warc.gz#part"]


def test_an_http_archive_is_read_as_a_stream(folder: Path, site: SiteServer, settings: Settings) -> None:
    """The records read over HTTP are the ones read from the file, at the same offsets; nothing on disk."""
    settings = archive_settings(site, settings)
    path = folder / "a.warc.gz"
    with serving(site, {"a.warc.gz": path}) as urls:
        source = resolve_archives([urls["a.warc.gz"]], settings)[0]
        remote = [(r.offset, r.record_id) for r in read_archive(split_source(source, None)[0], ArchiveStats(),
                                                                   max_bytes=1 << 24)]  # fmt: skip
    local = [(r.offset, r.record_id) for r in read_archive(path, ArchiveStats(), max_bytes=1 << 24)]
    assert remote == local and len(local) == 10


def test_many_urls_are_asked_about_together_and_keep_their_order(
    folder: Path, site: SiteServer, settings: Settings
) -> None:
    """A list of URLs is probed a few at a time, each once; the sources keep the list's order, and the first
    bad URL in that order is the one reported."""
    settings = archive_settings(site, settings)
    names = [f"part-{i:02d}.warc.gz" for i in range(20)]
    with serving(site, dict.fromkeys(names, folder / "a.warc.gz")) as urls:
        listing = folder / "many.txt"
        listing.write_text("\n".join(urls[n] for n in reversed(names)))
        sources = resolve_archives([str(listing)], settings)
        heads = [r for r in site.requests() if r.method == "HEAD"]
        listing.write_text(f"{urls[names[0]]}\nhttp://{HOST}/gone-1.warc.gz\nhttp://{HOST}/gone-2.warc.gz\n")
        with pytest.raises(UsageError, match=r"many.txt: could not fetch http://archives.crawl.test/gone-1"):
            resolve_archives([str(listing)], settings)
    assert [s.name for s in sources] == [urls[n] for n in reversed(names)]
    assert sorted(r.path for r in heads) == sorted(f"/{n}" for n in names)


def test_a_server_that_refuses_head_is_asked_for_its_first_byte(
    folder: Path, site: SiteServer, settings: Settings
) -> None:
    settings = archive_settings(site, settings)
    with serving(site, {"a.warc.gz": folder / "a.warc.gz"}, head=False) as urls:
        source = resolve_archives([urls["a.warc.gz"]], settings)[0]
        asked = [r.headers.get("range") for r in site.requests(path="/a.warc.gz")]
    assert source.size == (folder / "a.warc.gz").stat().st_size and source.ranges
    assert asked == [None, "bytes=0-0"]


def test_a_scan_reads_a_list_of_local_files_and_urls(
    folder: Path, site: SiteServer, settings: Settings
) -> None:
    """On Dask: the workers stream the URL (byte ranges of it, too) and find what the local scan finds, with
    the URL as the capture's archive."""
    pytest.importorskip("dask.distributed")
    from rights import api

    settings = archive_settings(site, settings)
    fx.store_originals(settings.database())
    local = api.scan([folder / "a.warc.gz", folder / "d.wet.gz"], workers=2, settings=settings)
    listing = folder / "mixed.lst"
    with serving(site, {"remote.warc.gz": folder / "a.warc.gz"}) as urls:
        listing.write_text(f"{urls['remote.warc.gz']}\nd.wet.gz\n")
        mixed = api.scan([listing], workers=2, split=5_000, settings=settings)
    assert mixed.archives == 2 and mixed.tasks > 3 and not mixed.failed
    remote = urls["remote.warc.gz"]
    assert {f["capture"]["archive"] for f in mixed.findings} == {remote, str(folder / "d.wet.gz")}

    def where(findings: list[dict[str, Any]]) -> list[tuple[str, int]]:
        return sorted((f["key"], f["capture"]["offset"]) for f in findings)

    assert where(mixed.findings) == where(local.findings) and mixed.counts == local.counts


def test_an_fsspec_url_is_read_through_fsspec(folder: Path) -> None:
    pytest.importorskip("fsspec")
    url = f"file://{folder}/sub"
    sources = resolve_archives([url, f"file://{folder}/*.warc.gz"], Settings())
    assert [(s.name, s.kind) for s in sources] == [
        (f"file://{folder}/sub/b.warc.gz", "fsspec"),
        (f"file://{folder}/a.warc.gz", "fsspec"),
    ]
    records = list(read_archive(split_source(sources[0], None)[0], ArchiveStats(), max_bytes=1 << 24))
    assert len(records) == 10 and records[0].archive == f"file://{folder}/sub/b.warc.gz"


@pytest.mark.parametrize(
    ("argument", "message"),
    [
        ("missing.warc.gz", "missing.warc.gz: no such file or directory"),
        ("empty", "empty: no WARC or WET files in this directory"),
        ("*.arc.gz", "*.arc.gz: no WARC or WET file matches this pattern"),
        ("notes.md", "notes.md: not a WARC or WET file name (.warc, .warc.gz, .wet, .wet.gz, .arc.gz); "
                     "a list of archives is named @FILE or ends in .txt, .lst or .paths"),
        ("fake.warc.gz", "fake.warc.gz: not a WARC or WET file (it starts with neither gzip nor 'WARC/')"),
        ("@nolist.txt", "nolist.txt: no such list file"),
        ("blank.lst", "blank.lst: the list file names no archive"),
        ("bad.txt", "bad.txt: missing.warc.gz: no such file or directory"),
        ("nested.txt", "nested.txt: blank.lst: a list file cannot name another list file"),
        ("s3://bucket/crawl/a.warc.gz", "s3://bucket/crawl/a.warc.gz: reading s3:// needs s3fs: pip install s3fs"),
        ("nosuch://x/a.warc.gz", "nosuch://x/a.warc.gz: unknown protocol nosuch:// (not an fsspec protocol)"),
        ("file:///no/such/dir/a.warc.gz", "file:///no/such/dir/a.warc.gz: no such object or folder"),
        ("http://archives.crawl.test/page.html", "http://archives.crawl.test/page.html: not a WARC or WET URL "
                                                  "(its path should end in .warc.gz, .wet.gz, ...)"),
    ],
)  # fmt: skip
def test_each_bad_argument_is_one_line(
    folder: Path, monkeypatch: pytest.MonkeyPatch, argument: str, message: str
) -> None:
    if "://" in argument and not argument.startswith("http"):
        pytest.importorskip("fsspec")  # the scale extra (without it: the next test)
    if argument.startswith("s3://"):
        monkeypatch.setitem(sys.modules, "s3fs", None)  # as if s3fs were not installed
    monkeypatch.chdir(folder)
    (folder / "empty").mkdir()
    (folder / "fake.warc.gz").write_text("<html>")
    (folder / "blank.lst").write_text("# nothing yet\n\n")
    (folder / "bad.txt").write_text("a.warc.gz\nmissing.warc.gz\n")
    (folder / "nested.txt").write_text("blank.lst\n")
    with pytest.raises(UsageError) as caught:
        resolve_archives([argument], Settings())
    assert str(caught.value) == message


def test_an_unreachable_or_blocked_url_is_one_line(
    site: SiteServer, settings: Settings, tmp_path: Path
) -> None:
    settings = archive_settings(site, settings)
    with pytest.raises(
        UsageError, match=r"^could not fetch http://archives.crawl.test/gone.warc.gz: http_status"
    ):
        resolve_archives([f"http://{HOST}/gone.warc.gz"], settings)
    guarded = dataclasses.replace(settings, allow_private=False)
    with pytest.raises(UsageError, match=r"blocked_address .*loopback"):
        resolve_archives([f"http://127.0.0.1:{site.port}/a.warc.gz"], guarded)


def test_a_backend_that_fails_to_open_is_one_line() -> None:
    """fsspec's github:// needs an org and a repo the URL does not give (and the requests package, which the
    scale extra does not install): either failure becomes one line."""
    pytest.importorskip("fsspec")
    failure = r"(cannot open it \(TypeError: |fsspec cannot read github:// here \(Install the requests)"
    with pytest.raises(UsageError, match=rf"^github://x/a.warc.gz: {failure}"):
        resolve_archives(["github://x/a.warc.gz"], Settings())


def test_without_fsspec_an_object_store_path_says_what_to_install(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "fsspec", None)  # as if fsspec were not installed
    monkeypatch.setitem(sys.modules, "fsspec.core", None)
    with pytest.raises(UsageError) as caught:
        resolve_archives(["gs://bucket/a.warc.gz"], Settings())
    assert (
        str(caught.value)
        == "gs://bucket/a.warc.gz: object-store paths need fsspec: pip install 'rights[scale]' gcsfs"
    )


def test_nothing_is_recorded_for_bad_input(tmp_path: Path) -> None:
    """The scan command refuses a bad argument among good ones before it opens the database."""
    pytest.importorskip("dask.distributed")
    from typer.testing import CliRunner

    from rights.cli import app

    fx.write_main(tmp_path / "a.warc.gz")
    db = tmp_path / "r.db"
    result = CliRunner().invoke(
        app, ["scan", str(tmp_path / "a.warc.gz"), str(tmp_path / "b.warc.gz"), "--db", str(db)]
    )
    assert result.exit_code == 2 and result.stderr.strip().endswith("b.warc.gz: no such file or directory")
    assert not db.exists()
    assert [p.name for p in tmp_path.iterdir()] == ["a.warc.gz"]
