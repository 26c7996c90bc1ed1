"""`rights scan` as one recorded run: build the originals' index, run the archives on the engine, write.

The driver holds the database's run lock and is its single writer: each archive's findings and its done
marker go in one transaction (`Store.save_scanned_archive`). A scan is named by its key (the archives, the
originals' filter and the use); a rerun of a scan that did not finish (killed, or with failed tasks)
resumes its run and reads only the archives not yet done.
"""

from __future__ import annotations

import functools
import hashlib
import json
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from rights.auditing.scan import ArchiveResult, ScanIndex, build_index
from rights.config import Settings
from rights.policy import PolicySet
from rights.store import open_settings_store

Engine = Callable[[list[str], ScanIndex], Iterator[ArchiveResult]]
Progress = Callable[[ArchiveResult, int, int], None]  # (result, archives finished, archives to do)
_SUMMED = ("records", "read", "other_types", "not_html", "oversized", "unreadable", "timed_out", "copies",
           "findings")  # fmt: skip


@dataclass
class ScanSummary:
    """What a scan did (the archives of a resumed run included)."""

    run_id: int
    scan: str
    originals: int
    archives: int
    resumed: int = 0  # archives an earlier, interrupted run of this scan had finished
    counts: dict[str, int] = field(default_factory=dict)
    damaged: dict[str, str] = field(default_factory=dict)  # archive -> where reading stopped
    failed: dict[str, str] = field(default_factory=dict)  # archive -> why its task failed (still to do)
    findings: list[dict[str, Any]] = field(default_factory=list)
    seconds: float = 0.0


def scan_key(archives: list[str], site: str | None, use: str, urls: Sequence[str] | None = None) -> str:
    asked: dict[str, Any] = {"archives": sorted(archives), "site": site, "use": use}
    if urls is not None:
        asked["originals"] = sorted(urls)
    data = json.dumps(asked, sort_keys=True)
    return hashlib.sha256(data.encode()).hexdigest()[:16]


def run_scan(
    archives: list[Path],
    settings: Settings,
    policies: PolicySet,
    *,
    site: str | None = None,
    urls: Sequence[str] | None = None,
    use: str = "noncommercial",
    workers: int = 2,
    scheduler: str | None = None,
    progress: Progress | None = None,
    engine: Engine | None = None,
) -> ScanSummary:
    """Scan the archives for copies of the originals stored in the database (see the module docstring)."""
    from rights.auditing.scan_engine import run_on_dask

    start = time.perf_counter()
    names = [str(p.resolve()) for p in archives]
    key = scan_key(names, site, use, urls)
    run = engine or functools.partial(run_on_dask, workers=workers, scheduler=scheduler)
    store = open_settings_store(settings)
    try:
        with store.lock():
            index = build_index(
                store, policies, site=site, urls=urls, use=use, max_bytes=settings.max_bytes,
                max_parse_bytes=settings.max_parse_bytes, record_seconds=settings.parse_timeout,
            )  # fmt: skip
            run_id = store.unfinished_scan(key)
            if run_id is None:
                args = {"archives": names, "site": site, "use": use, "originals": "db"}
                run_id = store.start_run(
                    "scan", {"workers": workers, "scheduler": scheduler}, args, crawl=key
                )
            else:
                store.resume_run(run_id)
            summary = ScanSummary(run_id, key, len(index.originals), len(names))
            try:
                done = store.scanned_archives(key, run_id)
                todo = [name for name in names if name not in done]
                summary.resumed = len(names) - len(todo)
                for finished, result in enumerate(run(todo, index), start=1):
                    if result.failed:
                        summary.failed[result.archive] = result.failed
                    else:
                        store.save_scanned_archive(
                            run_id, key, result.archive, result.findings, result.counts, result.error
                        )
                    if progress is not None:
                        progress(result, finished, len(todo))
            except BaseException:
                store.finish_run(run_id, "failed")
                raise
            _totals(summary, store.scanned_archives(key, run_id))
            summary.findings = store.findings_of_run(run_id)
            summary.seconds = time.perf_counter() - start
            counts = {**summary.counts, "archives": summary.archives, "resumed": summary.resumed,
                      "failed": len(summary.failed), "originals": summary.originals}  # fmt: skip
            store.finish_run(run_id, "failed" if summary.failed else "done", counts)
            return summary
    finally:
        store.close()


def _totals(summary: ScanSummary, done: dict[str, dict[str, Any]]) -> None:
    summary.counts = {name: sum(int(c.get(name) or 0) for c in done.values()) for name in _SUMMED}
    summary.damaged = {archive: str(c["error"]) for archive, c in done.items() if c.get("error")}
