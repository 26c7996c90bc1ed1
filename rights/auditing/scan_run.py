"""`rights scan` as one recorded run: build the originals' index, run the archives' tasks on the engine, write.

The tasks are the archives, the large gzip ones cut into byte ranges (`split`, see `rights.web.archive.parts`).
The driver holds the database's run lock and is its single writer: each task's findings and its done marker
go in one transaction (`Store.save_scanned_archive`, keyed by the task's name: the archive, with
`#bytes=START-END` for a range). With `parquet` (a folder), each task writes its findings to a Parquet file
of its own (`scan_parquet`) and the driver records only that the task is done; once every task is done the
files are loaded into the database, idempotently (`load_parquet` loads a folder later). A scan is named by its
key (the archives, the originals' filter, the use, the split size if it cut any archive, and the Parquet
folder); a rerun of a scan
that did not finish (killed, or with failed tasks) resumes its run and runs only the tasks not yet done.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import json
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol, runtime_checkable

from rights.auditing.scan import ArchiveResult, Prepare, ScanIndex, build_index, in_process, scan_archive
from rights.config import Settings
from rights.errors import UsageError
from rights.policy import PolicySet
from rights.store import Store, open_settings_store
from rights.web.archive import ArchivePart, ArchiveSource, split_source

if TYPE_CHECKING:
    from rights.auditing.scan_engine import DaskCluster

Engine = Callable[[list[ArchivePart], ScanIndex], Iterator[ArchiveResult]]
Progress = Callable[[ArchiveResult, int, int], None]  # (result, tasks finished, tasks to do)


@runtime_checkable
class IndexProgress(Protocol):
    """A progress display that is also told when the originals' index is ready (before the first task)."""

    def indexed(self, originals: int, seconds: float) -> None: ...


_SUMMED = ("records", "read", "other_types", "not_html", "oversized", "unreadable", "timed_out", "copies",
           "findings")  # fmt: skip


@dataclass
class ScanSummary:
    """What a scan did (the tasks of a resumed run included)."""

    run_id: int
    scan: str
    originals: int
    archives: int
    tasks: int = 0  # archives and byte ranges of archives
    resumed: int = 0  # tasks an earlier, interrupted run of this scan had finished
    counts: dict[str, int] = field(default_factory=dict)
    damaged: dict[str, str] = field(default_factory=dict)  # task -> where reading stopped
    failed: dict[str, str] = field(default_factory=dict)  # task -> why it failed (still to do)
    findings: list[dict[str, Any]] = field(default_factory=list)
    seconds: float = 0.0
    parquet: str | None = None  # the folder of the tasks' Parquet files
    loaded: int = 0  # task files loaded by `load_parquet`


def scan_key(
    archives: list[str],
    site: str | None,
    use: str,
    urls: Sequence[str] | None = None,
    *,
    split: int | None = None,
    parquet: str | None = None,
) -> str:
    asked: dict[str, Any] = {"archives": sorted(archives), "site": site, "use": use}
    if urls is not None:
        asked["originals"] = sorted(urls)
    if split:
        asked["split"] = split
    if parquet:
        asked["parquet"] = parquet
    data = json.dumps(asked, sort_keys=True)
    return hashlib.sha256(data.encode()).hexdigest()[:16]


def run_scan(
    archives: list[ArchiveSource],
    settings: Settings,
    policies: PolicySet,
    *,
    site: str | None = None,
    urls: Sequence[str] | None = None,
    use: str = "noncommercial",
    workers: int = 2,
    scheduler: str | None = None,
    split: int | None = None,
    parquet: Path | None = None,
    progress: Progress | None = None,
    engine: Engine | None = None,
) -> ScanSummary:
    """Scan the archives for copies of the originals stored in the database (see the module docstring)."""
    start = time.perf_counter()
    names = [source.name for source in archives]
    parts = [part for source in archives for part in split_source(source, split)]
    folder = _parquet_folder(parquet) if parquet is not None else None
    cut = split if len(parts) > len(names) else None  # the split size names the scan only if it cut a file
    key = scan_key(names, site, use, urls, split=cut, parquet=str(folder) if folder else None)
    store = open_settings_store(settings)
    try:
        with store.lock(), contextlib.ExitStack() as stack:
            prepare: Prepare = in_process  # a given engine: the index is built here
            if engine is None:  # our own cluster: it builds the index, then runs the tasks
                cluster = stack.enter_context(_cluster(workers, scheduler))
                engine, prepare = _engine(cluster, key, len(parts), folder), cluster.prepare
            index = build_index(
                store, policies, site=site, urls=urls, use=use, max_bytes=settings.max_bytes,
                max_parse_bytes=settings.max_parse_bytes, record_seconds=settings.parse_timeout,
                prepare=prepare,
            )  # fmt: skip
            if isinstance(progress, IndexProgress):
                progress.indexed(len(index.originals), time.perf_counter() - start)
            run_id = store.unfinished_scan(key)
            if run_id is None:
                args = {"archives": names, "site": site, "use": use, "originals": "db", "split": split,
                        "parquet": str(folder) if folder else None, "tasks": len(parts)}  # fmt: skip
                run_id = store.start_run(
                    "scan", {"workers": workers, "scheduler": scheduler}, args, crawl=key
                )
            else:
                store.resume_run(run_id)
            summary = ScanSummary(run_id, key, len(index.originals), len(names), len(parts))
            summary.parquet = str(folder) if folder else None
            try:
                done = store.scanned_archives(key, run_id)
                todo = [part for part in parts if part.name not in done]
                summary.resumed = len(parts) - len(todo)
                for finished, result in enumerate(engine(todo, index), start=1):
                    if result.failed:
                        summary.failed[result.archive] = result.failed
                    else:
                        store.save_scanned_archive(
                            run_id, key, result.archive, result.findings, result.counts, result.error
                        )
                    if progress is not None:
                        progress(result, finished, len(todo))
                if folder is not None:  # the tasks done so far (all of them, unless some failed)
                    loaded = [part.name for part in parts if part.name not in summary.failed]
                    _load_tasks(store, run_id, key, folder, loaded, summary)
            except BaseException:
                store.finish_run(run_id, "failed")
                raise
            return _finish(store, summary, start)
    finally:
        store.close()


def _cluster(workers: int, scheduler: str | None) -> DaskCluster:
    from rights.auditing.scan_engine import DaskCluster

    return DaskCluster(workers=workers, scheduler=scheduler)


def _engine(cluster: DaskCluster, key: str, tasks: int, folder: Path | None) -> Engine:
    if folder is None:
        return functools.partial(cluster.run, task=scan_archive)
    from rights.auditing.scan_parquet import scan_to_parquet

    task = functools.partial(scan_to_parquet, folder=str(folder), scan=key, tasks=tasks)
    return functools.partial(cluster.run, task=task)


def _parquet_folder(parquet: Path) -> Path:
    from rights.auditing.scan_parquet import require_pyarrow

    require_pyarrow()
    if parquet.exists() and not parquet.is_dir():
        raise UsageError(f"--parquet {parquet}: not a directory")
    try:
        parquet.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise UsageError(f"--parquet {parquet}: cannot create this directory ({exc.strerror})") from exc
    return parquet.resolve()


def _load_tasks(
    store: Store, run_id: int, key: str, folder: Path, tasks: list[str], summary: ScanSummary
) -> None:
    """Load the Parquet file of every task of the run into the database (idempotent: keyed by record id)."""
    from rights.auditing.scan_parquet import read_task_file, task_file

    for name in tasks:
        path = task_file(folder, key, name)
        if not path.exists():
            store.forget_scanned_archive(key, name)
            summary.failed[name] = (
                f"its Parquet file {path.name} is not in {folder} (a folder the workers do not share with "
                "this machine?); rerun to redo it"
            )
            continue
        found = read_task_file(path)
        store.save_scanned_archive(run_id, key, name, found.findings, found.counts, found.error)


def _finish(store: Store, summary: ScanSummary, start: float) -> ScanSummary:
    _totals(summary, store.scanned_archives(summary.scan, summary.run_id))
    summary.findings = store.findings_of_run(summary.run_id)
    summary.seconds = time.perf_counter() - start
    counts = {**summary.counts, "archives": summary.archives, "tasks": summary.tasks, "resumed": summary.resumed,
              "failed": len(summary.failed), "originals": summary.originals}  # fmt: skip
    store.finish_run(summary.run_id, "failed" if summary.failed else "done", counts)
    return summary


def load_parquet(folder: Path, settings: Settings) -> list[ScanSummary]:
    """Load a `--parquet` folder's task files into the database, one scan run per scan key found (the
    latest run of that scan, else a new one); idempotent. A run is done when all its tasks are loaded."""
    from rights.auditing.scan_parquet import read_task_file, require_pyarrow, task_files

    require_pyarrow()
    if not folder.is_dir():
        raise UsageError(f"--load {folder}: no such directory")
    files = [read_task_file(path) for path in task_files(folder)]
    if not files:
        raise UsageError(f"--load {folder}: no Parquet files of rights scan in this directory")
    summaries = []
    store = open_settings_store(settings)
    try:
        with store.lock():
            for key in sorted({f.scan for f in files}):
                start = time.perf_counter()
                mine = [f for f in files if f.scan == key]
                last = store.last_run(kind="scan", crawl=key)
                if last is None:
                    args = {"loaded_from": str(folder.resolve()), "tasks": mine[0].tasks}
                    run_id = store.start_run("scan", {}, args, crawl=key)
                else:
                    run_id = last.id
                    store.resume_run(run_id)
                for found in mine:
                    store.save_scanned_archive(
                        run_id, key, found.task, found.findings, found.counts, found.error
                    )
                done = store.scanned_archives(key, run_id)
                summary = ScanSummary(run_id, key, 0, 0, mine[0].tasks, loaded=len(mine))
                missing = mine[0].tasks - len(done)
                if missing > 0:
                    summary.failed["tasks"] = (
                        f"{missing} of {mine[0].tasks} task(s) of this scan are not done yet"
                    )
                summaries.append(_finish(store, summary, start))
    finally:
        store.close()
    return summaries


def _totals(summary: ScanSummary, done: dict[str, dict[str, Any]]) -> None:
    summary.counts = {name: sum(int(c.get(name) or 0) for c in done.values()) for name in _SUMMED}
    summary.damaged = {archive: str(c["error"]) for archive, c in done.items() if c.get("error")}
