"""The distributed engine of `rights scan`: Dask distributed, the only module that uses it.

One archive file, or one byte range of a large one (`ArchivePart`), is one task. The originals' index is scattered once to every worker (`broadcast=True`);
the tasks' results stream back as they complete (`as_completed`) to the caller, the single SQLite writer.
By default a `LocalCluster` of `workers` processes with one thread each; `scheduler` names an existing
cluster (`dask-scheduler` / `dask-worker`, Kubernetes, HPC) instead. A task that raises is retried
(`retries`); a task whose worker process dies is rescheduled on another worker by Dask itself. Writes are
keyed by record id, so a task that runs twice stores its findings once. See docs/scale.md.
"""

from __future__ import annotations

import logging
import uuid
from collections.abc import Callable, Iterator

from rights.auditing.scan import ArchiveResult, ScanIndex, scan_archive
from rights.errors import UsageError
from rights.web.archive import ArchivePart

MISSING_EXTRA = "install rights[scale] to scan archives"
RETRIES = 2
Task = Callable[[ArchivePart, ScanIndex], ArchiveResult]


def require_scale() -> None:
    """Raise `UsageError` with one line when the optional `scale` extra is not installed."""
    try:
        import dask.distributed  # noqa: F401
        import warcio  # noqa: F401  # the archive reader's library (used in rights/web/archive/)
    except ImportError as exc:
        raise UsageError(MISSING_EXTRA) from exc


def run_on_dask(
    archives: list[ArchivePart],
    index: ScanIndex,
    *,
    workers: int = 2,
    scheduler: str | None = None,
    task: Task = scan_archive,
    retries: int = RETRIES,
) -> Iterator[ArchiveResult]:
    """Run `task(part, index)` for every archive part on a Dask cluster; yield results as they complete. A
    task that fails for good is yielded as an `ArchiveResult` with `failed` set."""
    require_scale()
    from dask.distributed import Client, LocalCluster, as_completed

    cluster = None
    if scheduler:
        client = Client(scheduler)
    else:
        cluster = LocalCluster(
            n_workers=workers,
            processes=True,
            threads_per_worker=1,
            dashboard_address="127.0.0.1:0",  # a free loopback port: never 8787 taken by another cluster
            silence_logs=logging.ERROR,
        )
        client = Client(cluster)
    try:
        shared = client.scatter(index, broadcast=True, hash=False)
        batch = uuid.uuid4().hex[:12]
        futures = {
            client.submit(
                task, archive, shared, key=f"rights-scan-{batch}-{i}", retries=retries, pure=False
            ): archive
            for i, archive in enumerate(archives)
        }
        for future in as_completed(futures):
            try:
                yield future.result()
            except Exception as exc:  # the task failed on every attempt, or its workers kept dying
                part = futures[future]
                yield ArchiveResult(part.name, {}, [], failed=f"{type(exc).__name__}: {exc}", size=part.size)
    finally:
        client.close()
        if cluster is not None:
            cluster.close()
