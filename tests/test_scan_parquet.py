"""`rights scan --parquet DIR`: workers write one Parquet file per task, the driver records only that the task is
done, and the files are loaded into SQLite at the end (and by `rights scan --load DIR`), idempotently, leaving
the same rows as a scan without Parquet. Skipped without the `scale` extra."""

from __future__ import annotations

import functools
import json
import sqlite3
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

pytest.importorskip("dask.distributed")
pytest.importorskip("warcio")
pytest.importorskip("pyarrow")

from typer.testing import CliRunner

from rights import api
from rights.auditing.scan_parquet import read_task_file, task_files
from rights.auditing.scan_run import run_scan
from rights.cli import app
from rights.config import Settings, load_settings
from tests import scan_fixtures as fx

ARCHIVES = ("a.warc.gz", "b.warc.gz", "c.warc.gz", "d.wet.gz")


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Iterator[list[Path]]:
    folder = tmp_path_factory.mktemp("archives")
    fx.write_all(folder)
    fx.write_main(folder / "e.warc.gz", padding=30)  # split into ranges below
    yield [folder / name for name in (*ARCHIVES, "e.warc.gz")]


def _settings(db: Path, originals: bool = True) -> Settings:
    if originals:
        fx.store_originals(db)
    return load_settings(overrides={"db_path": db})


def _rows(db: Path) -> list[tuple[Any, ...]]:
    """The stored findings, without their run ids and times."""
    with sqlite3.connect(db) as conn:
        rows = conn.execute(
            "SELECT key, url, source_url, kind, status, site, text, data FROM findings ORDER BY key"
        ).fetchall()
    return [(*row[:7], json.loads(row[7])) for row in rows]


def _scalar(db: Path, sql: str) -> Any:
    with sqlite3.connect(db) as conn:
        return conn.execute(sql).fetchone()[0]


def test_parquet_files_load_the_same_rows_as_a_direct_scan(corpus: list[Path], tmp_path: Path) -> None:
    direct_db, parquet_db, folder = tmp_path / "direct.db", tmp_path / "parquet.db", tmp_path / "out"
    direct = api.scan(corpus, workers=2, split=20_000, settings=_settings(direct_db))
    via = api.scan(corpus, workers=2, split=20_000, parquet=folder, settings=_settings(parquet_db))
    assert via.tasks == direct.tasks > len(corpus) and via.parquet == str(folder.resolve())
    files = list(task_files(folder))
    assert len(files) == via.tasks and not [p for p in folder.iterdir() if p.name.startswith(".")]
    assert sum(len(read_task_file(p).findings) for p in files) == len(direct.findings) > 0
    assert _rows(parquet_db) == _rows(direct_db)
    assert via.counts == direct.counts and via.damaged == direct.damaged
    assert _scalar(parquet_db, "SELECT status FROM runs WHERE kind = 'scan'") == "done"

    again = api.load_scan(folder, settings=_settings(parquet_db, originals=False))
    assert [s.run_id for s in again] == [via.run_id] and not again[0].failed
    assert _rows(parquet_db) == _rows(direct_db)  # loading twice adds nothing

    rerun = api.scan(corpus, workers=2, split=20_000, parquet=folder, settings=_settings(parquet_db, False))
    assert rerun.run_id != via.run_id and sorted(task_files(folder)) == sorted(files)  # same names: rewritten
    assert len(rerun.findings) == len(direct.findings)


def test_rights_scan_load_puts_a_folder_into_another_database(corpus: list[Path], tmp_path: Path) -> None:
    """Loading a folder into a database that never ran the scan records a done scan run with every finding;
    a folder missing a task's file loads what is there and says the run is incomplete (exit 3)."""
    folder = tmp_path / "out"
    source_db, other_db = tmp_path / "scan.db", tmp_path / "other.db"
    summary = api.scan(corpus[:1], workers=1, parquet=folder, settings=_settings(source_db))
    runner = CliRunner()
    result = runner.invoke(app, ["scan", "--load", str(folder), "--db", str(other_db)])
    assert result.exit_code == 1, result.output  # findings
    lines = result.stdout.splitlines()
    assert lines[0] == (
        f"loaded 1 task file(s) of scan {summary.scan} from {folder} into run 1 (all tasks loaded)"
    )
    assert f"findings: {len(summary.findings)}" in lines
    assert _rows(other_db) == _rows(source_db)
    assert _scalar(other_db, "SELECT status FROM runs") == "done"

    many = tmp_path / "many"
    split = api.scan(corpus[4:], workers=1, split=20_000, parquet=many, settings=_settings(tmp_path / "m.db"))
    next(task_files(many)).unlink()
    result = runner.invoke(app, ["scan", "--load", str(many), "--db", str(tmp_path / "partial.db")])
    assert result.exit_code == 3
    assert result.stdout.splitlines()[0] == (
        f"loaded {split.tasks - 1} task file(s) of scan {split.scan} from {many} into run 1"
        f" (incomplete: 1 of {split.tasks} task(s) of this scan are not done yet)"
    )


def test_a_parquet_scan_with_failed_tasks_loads_what_is_done_and_resumes(
    corpus: list[Path], tmp_path: Path
) -> None:
    """Tasks that failed leave the run incomplete with the done tasks' findings loaded; the rerun runs only
    the failed tasks and ends with the rows of a direct scan."""
    from rights.auditing.scan_engine import run_on_dask
    from rights.auditing.scan_parquet import scan_to_parquet
    from rights.auditing.scan_run import scan_key
    from rights.policy import load_policies
    from rights.web.archive import resolve_archives, split_source
    from tests import scan_faults

    archive, folder = corpus[4], tmp_path / "out"
    direct = api.scan([archive], workers=1, split=5_000, settings=_settings(tmp_path / "direct.db"))
    settings = _settings(tmp_path / "parquet.db")
    sources = resolve_archives([str(archive)], settings)
    tasks = len(split_source(sources[0], 5_000))
    key = scan_key([sources[0].name], None, "noncommercial", split=5_000, parquet=str(folder))
    then = functools.partial(scan_to_parquet, folder=str(folder), scan=key, tasks=tasks)
    task = functools.partial(scan_faults.fail_ranges, split=5_000, every=2, then=then)
    engine = functools.partial(run_on_dask, workers=2, task=task, retries=0)
    policies = load_policies(list(settings.policy_dirs))
    failing = run_scan(sources, settings, policies, split=5_000, parquet=folder, engine=engine)
    assert failing.scan == key and len(failing.failed) == len(range(0, tasks, 2)) > 0
    assert len(list(task_files(folder))) == tasks - len(failing.failed)
    assert 0 < len(failing.findings) < len(direct.findings)
    rerun = api.scan([archive], workers=2, split=5_000, parquet=folder, settings=settings)
    assert rerun.run_id == failing.run_id and rerun.resumed == tasks - len(failing.failed)
    assert not rerun.failed and len(list(task_files(folder))) == tasks
    assert _rows(tmp_path / "parquet.db") == _rows(tmp_path / "direct.db")


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--load", "nowhere"], "error: --load nowhere: no such directory"),
        (["--load", "."], "error: --load .: no Parquet files of rights scan in this directory"),
        (["a.warc.gz", "--load", "."], "error: give ARCHIVE... to scan, or --load DIR to load a finished "
                                         "--parquet folder; not both"),
        ([], "error: name the archives to scan: ARCHIVE... (files, directories, globs, list files, URLs)"),
        (["a.warc.gz", "--split", "lots"], "error: --split 'lots' is not a size (e.g. 256MB, 1GB, 512MiB; 0 or "
                                             "off: do not split)"),
        (["a.warc.gz", "--parquet", "a.warc.gz"], "error: --parquet a.warc.gz: not a directory"),
    ],
)  # fmt: skip
def test_bad_parquet_and_load_arguments_are_one_line(
    corpus: list[Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch, args: list[str], message: str
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "a.warc.gz").write_bytes(corpus[0].read_bytes())
    db = tmp_path / "r.db"
    fx.store_originals(db)
    result = CliRunner().invoke(app, ["scan", *args, "--db", str(db)])
    assert (result.exit_code, result.stderr.strip()) == (2, message)


def test_without_pyarrow_parquet_says_what_to_install(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(sys.modules, "pyarrow.parquet", None)  # as if pyarrow were not installed
    result = CliRunner().invoke(app, ["scan", "--load", str(tmp_path), "--db", str(tmp_path / "r.db")])
    assert (result.exit_code, result.stderr.strip()) == (
        2,
        "error: install rights[scale] to write or load Parquet files (pyarrow)",
    )
