"""`rights scan` on a Dask LocalCluster of two worker processes: exactly the expected copies with the audit's
finding kinds, a worker killed mid-task, a killed scan resumed. Skipped without the `scale` extra."""

from __future__ import annotations

import functools
import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

import pytest

pytest.importorskip("dask.distributed")
pytest.importorskip("warcio")

from warcio.archiveiterator import ArchiveIterator

from rights import api
from rights.auditing.scan_engine import run_on_dask
from rights.auditing.scan_run import run_scan
from rights.config import Settings, load_settings
from rights.policy import load_policies
from rights.store import open_store
from rights.web.archive import resolve_archives
from tests import scan_faults
from tests import scan_fixtures as fx

ROOT = Path(__file__).resolve().parents[1]
ARCHIVES = ("a.warc.gz", "b.warc.gz", "c.warc.gz", "d.wet.gz")


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Path, dict[str, str]]]:
    folder = tmp_path_factory.mktemp("archives")
    yield folder, fx.write_all(folder)


def _db(tmp_path: Path) -> tuple[Path, Settings]:
    db = tmp_path / "rights.db"
    fx.store_originals(db)
    return db, load_settings(overrides={"db_path": db})


def _found(findings: list[dict[str, Any]], ids: dict[str, str]) -> set[tuple[str, str]]:
    names = {rid: name for name, rid in ids.items()}
    return {(names[f["capture"]["record_id"]], f["kind"]) for f in findings}


class _Recorder:
    """A progress display that remembers what it was told."""

    def __init__(self) -> None:
        self.events: list[tuple[Any, ...]] = []

    def indexed(self, originals: int, seconds: float) -> None:
        self.events.append(("indexed", originals, seconds))

    def __call__(self, result: Any, finished: int, total: int) -> None:
        self.events.append(("task", finished, total))


def test_two_workers_find_exactly_the_expected_copies(
    corpus: tuple[Path, dict[str, str]], tmp_path: Path
) -> None:
    """Copies with and without credit, an excerpt, a copy in heavy chrome, a lying charset, a WET text copy
    and a copy before a truncated member are found with the audit's kinds; the publisher's own capture, the
    credited CC BY copy and unrelated pages are not; skipped records are counted."""
    folder, ids = corpus
    db, settings = _db(tmp_path)
    progress = _Recorder()
    summary = api.scan([folder / name for name in ARCHIVES], workers=2, settings=settings, progress=progress)
    assert _found(summary.findings, ids) == fx.EXPECTED
    assert progress.events[0][:2] == ("indexed", 3) and len(progress.events) == 1 + len(ARCHIVES)
    assert len({f["key"] for f in summary.findings}) == len(summary.findings)
    assert summary.counts["oversized"] == 1 and summary.counts["not_html"] == 1
    assert summary.counts["other_types"] == 1
    assert list(summary.damaged) == [str((folder / "c.warc.gz").resolve())]
    assert "cut short" in summary.damaged[str((folder / "c.warc.gz").resolve())]
    assert summary.originals == 3 and not summary.failed
    with open_store(db) as store:
        run = store.get_run(summary.run_id)
        assert run is not None and run.kind == "scan" and run.status == "done"
        assert len(store.findings_of_run(summary.run_id)) == len(summary.findings)


def test_a_finding_points_to_the_exact_capture(corpus: tuple[Path, dict[str, str]], tmp_path: Path) -> None:
    """Archive, offset, record id, target URI and capture date re-read the judged record."""
    folder, ids = corpus
    _, settings = _db(tmp_path)
    summary = api.scan([folder / "a.warc.gz"], workers=1, settings=settings)
    finding = next(f for f in summary.findings if f["capture"]["record_id"] == ids["excerpt"])
    capture = finding["capture"]
    assert capture["target_uri"] == "http://blog.test/notes" == finding["url"]
    assert capture["captured_at"] == "2026-03-01T12:00:00Z"
    with Path(capture["archive"]).open("rb") as handle:
        handle.seek(capture["offset"])
        record = next(iter(ArchiveIterator(handle)))
        assert record.rec_headers.get_header("WARC-Record-ID") == ids["excerpt"]
        assert b"My notes" in record.content_stream().read()


def test_a_worker_killed_mid_task_loses_and_duplicates_nothing(
    corpus: tuple[Path, dict[str, str]], tmp_path: Path
) -> None:
    folder, ids = corpus
    _, settings = _db(tmp_path)
    marker = tmp_path / "markers"
    marker.mkdir()
    task = functools.partial(scan_faults.die_once, marker_dir=str(marker), victim="a.warc.gz")
    engine = functools.partial(run_on_dask, workers=2, task=task)
    policies = load_policies(list(settings.policy_dirs))
    sources = resolve_archives([str(folder / name) for name in ARCHIVES], settings)
    summary = run_scan(sources, settings, policies, engine=engine)
    assert (marker / "a.warc.gz.died").exists()  # a worker did die on its first attempt
    assert _found(summary.findings, ids) == fx.EXPECTED
    assert len({f["key"] for f in summary.findings}) == len(summary.findings)


def _cli(db: Path, *args: str) -> list[str]:
    return [sys.executable, "-m", "rights", "scan", *args, "--db", str(db), "--quiet"]


def test_a_killed_scan_resumes_at_the_archives_not_done(tmp_path: Path) -> None:
    """Kill the CLI (and its workers) once the first archive is marked done; rerun: the same run goes on,
    reads only the rest, and every finding is stored once."""
    db, _ = _db(tmp_path)
    folder = tmp_path / "many"
    folder.mkdir()
    for i in range(8):
        fx.write_main(folder / f"a{i}.warc.gz", padding=300)
    env = {**os.environ, "RIGHTS_DB": str(db)}
    process = subprocess.Popen(
        _cli(db, str(folder), "--workers", "1"), cwd=ROOT, env=env, start_new_session=True,
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    done = 0
    try:
        deadline = time.monotonic() + 300  # a guard against a hang, not a speed requirement
        while done == 0 and process.poll() is None and time.monotonic() < deadline:
            time.sleep(0.01)
            done = _scalar(db, "SELECT count(*) FROM scan_archives")
    finally:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait()
    done = _scalar(db, "SELECT count(*) FROM scan_archives")
    assert 1 <= done < 8, "the scan was killed after its first archive and before its last"
    rerun = subprocess.run(
        [*_cli(db, str(folder), "--workers", "1"), "--format", "json"], cwd=ROOT, env=env,
        capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert rerun.returncode == 1, rerun.stderr
    result = json.loads(rerun.stdout)
    assert result["resumed"] == done
    assert len(result["findings"]) == 8 * fx.MAIN_FINDINGS
    assert len({f["key"] for f in result["findings"]}) == len(result["findings"])
    assert _scalar(db, "SELECT count(*) FROM findings") == 8 * fx.MAIN_FINDINGS
    assert _scalar(db, "SELECT count(DISTINCT id) FROM runs WHERE kind = 'scan'") == 1


def _scalar(db: Path, sql: str) -> int:
    try:
        with sqlite3.connect(db) as conn:
            return int(conn.execute(sql).fetchone()[0])
    except sqlite3.OperationalError:  # the table is not there yet
        return 0


def test_an_existing_cluster_is_used_through_its_scheduler_address(
    corpus: tuple[Path, dict[str, str]], tmp_path: Path
) -> None:
    from dask.distributed import LocalCluster

    folder, ids = corpus
    _, settings = _db(tmp_path)
    with LocalCluster(
        n_workers=1, processes=True, threads_per_worker=1, dashboard_address="127.0.0.1:0"
    ) as cluster:
        summary = api.scan(
            [folder / "a.warc.gz"], scheduler=str(cluster.scheduler_address), settings=settings
        )
    main = {"no_credit", "named_no_link", "credited_reserved", "excerpt", "chrome"}
    assert _found(summary.findings, ids) == {(n, k) for n, k in fx.EXPECTED if n in main}
    assert len(summary.findings) == fx.MAIN_FINDINGS


def test_rights_report_shows_a_scan_and_compares_it_with_the_previous_scan(
    corpus: tuple[Path, dict[str, str]], tmp_path: Path
) -> None:
    from typer.testing import CliRunner

    from rights.cli import app

    folder, _ = corpus
    db, settings = _db(tmp_path)
    first = api.scan([folder / "a.warc.gz"], workers=1, settings=settings)
    second = api.scan([folder / "a.warc.gz"], workers=1, settings=settings)
    assert second.run_id != first.run_id and second.resumed == 0  # a finished scan is not resumed: run anew
    result = CliRunner().invoke(app, ["report", "--format", "json", "--db", str(db)])
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    found = {(f["post_url"], f["kind"], f["state"]) for f in report["findings"]}
    assert ("http://blog.test/notes", "copied_without_attribution", "open") in found
    assert {state for _, _, state in found} == {"open"} and len(found) == fx.MAIN_FINDINGS
    assert all(
        f["capture"].startswith("a.warc.gz @ ") and "<urn:" in f["capture"] for f in report["findings"]
    )
    assert report["kind"] == "scan" and report["originals"] is None
    table = CliRunner().invoke(app, ["report", "--db", str(db)]).stdout
    assert "capture: a.warc.gz @ " in table and "captured 2026-03-01" in table
    heading, run_line = table.splitlines()[:2]
    assert heading.startswith("Scan report: copies of the stored originals on aggregator.test, blog.test,")
    assert run_line.endswith("; 10 captures read")  # the HTML responses (not the image or the request)
    assert (
        "harbour-times.test" not in heading
    )  # the originals' site is where copies were looked for, not found


def test_the_open_findings_view_lists_a_scans_findings_with_their_captures(
    corpus: tuple[Path, dict[str, str]], tmp_path: Path
) -> None:
    """Browsing the database: the scan's findings are open findings, each with the address of its capture."""
    import sqlite3

    folder, ids = corpus
    db, settings = _db(tmp_path)
    summary = api.scan([folder / "a.warc.gz"], workers=1, settings=settings)
    with sqlite3.connect(db) as conn:
        rows = conn.execute(
            "SELECT found_by, capture_archive, capture_offset, capture_record_id, copy_url FROM open_findings"
        ).fetchall()
    assert len(rows) == len(summary.findings) > 0
    assert {row[0] for row in rows} == {"scan"}
    excerpt = next(row for row in rows if row[3] == ids["excerpt"])
    assert (
        excerpt[1].endswith("a.warc.gz")
        and isinstance(excerpt[2], int)
        and excerpt[4] == "http://blog.test/notes"
    )


def test_the_index_built_on_the_workers_is_the_one_built_in_one_process(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Each original a chunk of its own: the chunks come back in order, and every original, its anchors and
    its site's boilerplate are what one process builds."""
    from rights.auditing import scan
    from rights.auditing.scan_engine import DaskCluster
    from rights.matching.fingerprint import fingerprint

    monkeypatch.setattr(scan, "PREPARE_CHUNK", 1)
    db, settings = _db(tmp_path)
    policies = load_policies(list(settings.policy_dirs))
    limits = {"max_bytes": settings.max_bytes, "max_parse_bytes": settings.max_parse_bytes}
    with open_store(db) as store:
        here = scan.build_index(store, policies, site=None, use="noncommercial", **limits)
        with DaskCluster(workers=2) as cluster:
            there = scan.build_index(store, policies, site=None, use="noncommercial", prepare=cluster.prepare,
                                     **limits)  # fmt: skip
    assert list(there.originals) == list(here.originals) and len(here.originals) == 3
    for url, original in here.originals.items():
        assert there.originals[url].unpack() == original.unpack()
        assert there.originals[url].verdict.verdict == original.verdict.verdict
    assert there.boilerplate.keys() == here.boilerplate.keys()
    _, paragraphs, _ = fx.ORIGINALS[f"{fx.SITE}/2026/library-tide"]
    query = fingerprint(" ".join(paragraphs))
    assert there.index.candidates(query) == here.index.candidates(query)


def test_a_worker_killed_while_the_index_is_built_loses_no_original(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from rights.auditing import scan
    from rights.auditing.scan_engine import DaskCluster

    monkeypatch.setattr(scan, "PREPARE_CHUNK", 1)
    db, settings = _db(tmp_path)
    policies = load_policies(list(settings.policy_dirs))
    marker = tmp_path / "markers"
    marker.mkdir()
    with open_store(db) as store, DaskCluster(workers=2) as cluster:

        def prepare(
            work: scan.Work, chunks: Iterable[list[scan.Stored]]
        ) -> Iterator[list[scan.Prepared | None]]:
            return cluster.prepare(scan_faults.DieOnce(work, str(marker)), chunks)

        index = scan.build_index(store, policies, site=None, use="noncommercial", max_bytes=settings.max_bytes,
                                 max_parse_bytes=settings.max_parse_bytes, prepare=prepare)  # fmt: skip
    assert (marker / "prepare.died").exists()  # a worker did die building the index
    assert sorted(index.originals) == sorted(fx.ORIGINALS) and len(index.index) == 3
