"""The distributed engine of `rights scan`: Dask distributed, the only module that uses it.

The originals' index is built on the workers first (`DaskCluster.prepare`: chunks of stored originals
parsed, judged and fingerprinted, the results back in order), then scattered once to every worker
(`broadcast=True`). One archive file, or one byte range of a large one (`ArchivePart`), is one task; the
tasks' results stream back as they complete (`as_completed`) to the caller, the single SQLite writer.
By default a `LocalCluster` of `workers` processes with one thread each; `scheduler` names an existing
cluster (`dask-scheduler` / `dask-worker`, Kubernetes, HPC) instead. A task that raises is retried
(`retries`); a task whose worker process dies is rescheduled on another worker by Dask itself. Writes are
keyed by record id, so a task that runs twice stores its findings once. See docs/scale.md.
"""

from __future__ import annotations

import logging
import uuid
from collections.abc import Callable, Iterable, Iterator

from rights.auditing.scan import ArchiveResult, Prepared, ScanIndex, Stored, Work, scan_archive
from rights.errors import UsageError
from rights.web.archive import ArchivePart

MISSING_EXTRA = "install rights[scale] to scan archives"
RETRIES = 2
WORKERS_TIMEOUT = 120  # seconds to wait for the cluster's workers before scattering anything to them
Task = Callable[[ArchivePart, ScanIndex], ArchiveResult]


def require_scale() -> None:
    """Raise `UsageError` with one line when the optional `scale` extra is not installed."""
    try:
        import dask.distributed  # noqa: F401
        import warcio  # noqa: F401  # the archive reader's library (used in rights/web/archive/)
    except ImportError as exc:
        raise UsageError(MISSING_EXTRA) from exc


class DaskCluster:
    """A Dask cluster for one scan: a `LocalCluster` of `workers` processes with one thread each, or the
    cluster at `scheduler`. `prepare` builds the originals' index on its workers; `run` runs the archive
    tasks. Use it as a context manager (the local cluster is stopped at the end)."""

    def __init__(self, *, workers: int = 2, scheduler: str | None = None) -> None:
        require_scale()
        from dask.distributed import Client, LocalCluster

        self.cluster = None
        if scheduler:
            self.client = Client(scheduler)
        else:
            self.cluster = LocalCluster(
                n_workers=workers,
                processes=True,
                threads_per_worker=1,
                dashboard_address="127.0.0.1:0",  # a free loopback port: never 8787 taken by another cluster
                silence_logs=logging.ERROR,
            )
            self.client = Client(self.cluster)
        try:  # data is scattered to the workers up at the time: all of them, so one may die and none is lost
            self.client.wait_for_workers(1 if scheduler else workers, timeout=WORKERS_TIMEOUT)
        except TimeoutError as exc:
            self.close()
            where = scheduler or "the local cluster"
            raise UsageError(f"no Dask worker joined {where} in {WORKERS_TIMEOUT} s") from exc
        self.batch = uuid.uuid4().hex[:12]

    def __enter__(self) -> DaskCluster:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        self.client.close()
        if self.cluster is not None:
            self.cluster.close()

    def prepare(self, work: Work, chunks: Iterable[list[Stored]]) -> Iterator[list[Prepared | None]]:
        """`work(chunk)` for every chunk of stored originals on the workers, the results in chunk order. At
        most two chunks per worker are in flight, so the driver never holds every original's body at once."""
        from dask.distributed import CancelledError, as_completed

        shared = self.client.scatter(work, broadcast=True, hash=False)
        window = 2 * max(1, len(self.client.scheduler_info().get("workers", {})))
        pending: dict[str, tuple[int, list[Stored], int]] = {}  # task key -> (chunk number, chunk, attempt)
        done: dict[int, list[Prepared | None]] = {}
        ahead = as_completed()
        chunks = iter(chunks)
        submitted = emitted = 0

        def submit(number: int, chunk: list[Stored], attempt: int) -> None:
            key = f"rights-originals-{self.batch}-{number}-{attempt}"
            future = self.client.submit(_apply, shared, chunk, key=key, retries=RETRIES, pure=False)
            pending[key] = (number, chunk, attempt)
            ahead.add(future)

        while True:
            while len(pending) < window and (chunk := next(chunks, None)) is not None:
                submit(submitted, chunk, 0)
                submitted += 1
            if not pending:
                return
            future = next(ahead)
            number, chunk, attempt = pending.pop(str(future.key))
            try:
                done[number] = future.result()
            except CancelledError:  # every worker holding the scattered work died: send it again
                if attempt >= RETRIES:
                    raise
                shared = self.client.scatter(work, broadcast=True, hash=False)
                submit(number, chunk, attempt + 1)
            while emitted in done:
                yield done.pop(emitted)
                emitted += 1

    def run(
        self,
        archives: list[ArchivePart],
        index: ScanIndex,
        *,
        task: Task = scan_archive,
        retries: int = RETRIES,
    ) -> Iterator[ArchiveResult]:
        """Run `task(part, index)` for every archive part; yield results as they complete. A task that fails
        for good is yielded as an `ArchiveResult` with `failed` set."""
        from dask.distributed import as_completed

        shared = self.client.scatter(index, broadcast=True, hash=False)
        futures = {
            self.client.submit(
                task, archive, shared, key=f"rights-scan-{self.batch}-{i}", retries=retries, pure=False
            ): archive
            for i, archive in enumerate(archives)
        }
        for future in as_completed(futures):
            try:
                yield future.result()
            except Exception as exc:  # the task failed on every attempt, or its workers kept dying
                part = futures[future]
                yield ArchiveResult(part.name, {}, [], failed=f"{type(exc).__name__}: {exc}", size=part.size)


def _apply(work: Work, chunk: list[Stored]) -> list[Prepared | None]:
    return work(chunk)


def run_on_dask(
    archives: list[ArchivePart],
    index: ScanIndex,
    *,
    workers: int = 2,
    scheduler: str | None = None,
    task: Task = scan_archive,
    retries: int = RETRIES,
) -> Iterator[ArchiveResult]:
    """`DaskCluster.run` on a cluster of its own, for an index built beforehand."""
    with DaskCluster(workers=workers, scheduler=scheduler) as cluster:
        yield from cluster.run(archives, index, task=task, retries=retries)
