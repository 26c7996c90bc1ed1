"""A scan task that kills its own worker process the first time it reads one archive (a marker file
remembers), for the test that a dead worker loses and duplicates nothing."""

from __future__ import annotations

import os
from pathlib import Path

from rights.auditing.scan import ArchiveResult, ScanIndex, scan_archive


def die_once(archive: str, index: ScanIndex, *, marker_dir: str, victim: str) -> ArchiveResult:
    marker = Path(marker_dir) / f"{Path(archive).name}.died"
    if Path(archive).name == victim and not marker.exists():
        marker.write_text(str(os.getpid()))
        os._exit(1)  # the worker process dies mid-task, as a killed or crashed process would
    return scan_archive(archive, index)
