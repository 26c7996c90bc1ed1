"""Scan tasks that fail on purpose: one that kills its own worker process the first time it reads one archive
(a marker file remembers), one that does so while the index is built, and failing byte ranges."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from rights.auditing.scan import ArchiveResult, Prepared, ScanIndex, Stored, Work, scan_archive
from rights.auditing.scan_engine import Task
from rights.web.archive import ArchivePart


def die_once(archive: ArchivePart, index: ScanIndex, *, marker_dir: str, victim: str) -> ArchiveResult:
    name = Path(archive.source.name).name
    marker = Path(marker_dir) / f"{name}.died"
    if name == victim and not marker.exists():
        marker.write_text(str(os.getpid()))
        os._exit(1)  # the worker process dies mid-task, as a killed or crashed process would
    return scan_archive(archive, index)


def fail_ranges(
    archive: ArchivePart, index: ScanIndex, *, split: int, every: int, then: Task = scan_archive
) -> ArchiveResult:
    """Fail the task of every `every`-th byte range (of `split` bytes) of an archive, the first included, as
    a failing disk would; run `then` for the others."""
    if archive.end is not None and (archive.start // split) % every == 0:
        raise OSError(f"cannot read {archive.name}")
    return then(archive, index)


@dataclass(frozen=True, slots=True)
class DieOnce:
    """Preparing originals (`build_index`'s work) that kills its worker process at its first chunk."""

    work: Work
    marker_dir: str

    def __call__(self, chunk: list[Stored]) -> list[Prepared | None]:
        marker = Path(self.marker_dir) / "prepare.died"
        if not marker.exists():
            marker.write_text(str(os.getpid()))
            os._exit(1)
        return self.work(chunk)
