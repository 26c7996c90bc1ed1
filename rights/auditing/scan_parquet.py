"""`rights scan --parquet DIR`: each task writes its findings to a Parquet file of its own (the only module
that uses pyarrow).

For very large runs the findings do not travel back through the scheduler to the driver: the worker writes
`DIR/<scan>-<task hash>.parquet` (a temporary name, then an atomic rename; a task that runs again writes the
same name), and returns only its counts. The file holds one row per finding (`key`, `url`, `source_url`,
`kind`, `status`, `site`, `text`, and `data`: the whole finding as JSON, as in the `findings` table) and, in
its schema metadata under `rights`, the scan key, the task's name, its counts and error. DIR must be one
folder every worker and the driver see (a shared or network file system on a cluster).
"""

from __future__ import annotations

import hashlib
import json
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from rights.auditing.scan import ArchiveResult, ScanIndex, scan_archive
from rights.errors import UsageError
from rights.web.archive import ArchivePart

COLUMNS = ("key", "url", "source_url", "kind", "status", "site", "text")
FORMAT = 1
MISSING = "install rights[scale] to write or load Parquet files (pyarrow)"


@dataclass(frozen=True)
class TaskFile:
    """One task's Parquet file, read back."""

    path: Path
    scan: str
    task: str
    tasks: int  # how many tasks the scan has
    counts: dict[str, Any]
    error: str | None
    findings: list[dict[str, Any]]


def require_pyarrow() -> None:
    try:
        import pyarrow.parquet  # noqa: F401
    except ImportError as exc:
        raise UsageError(MISSING) from exc


def task_file(folder: Path, scan: str, task: str) -> Path:
    """Where a task's findings go: the same name every time the task runs."""
    return folder / f"{scan}-{hashlib.sha256(task.encode()).hexdigest()[:20]}.parquet"


def write_task_file(folder: Path, scan: str, result: ArchiveResult, *, tasks: int) -> Path:
    """Write one task's findings and counts; atomic (a temporary file renamed into place)."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    rows = result.findings
    columns: dict[str, list[Any]] = {name: [_text(row.get(name)) for row in rows] for name in COLUMNS}
    columns["data"] = [json.dumps(row, ensure_ascii=False, sort_keys=True, default=str) for row in rows]
    meta = {"format": FORMAT, "scan": scan, "task": result.archive, "tasks": tasks, "counts": result.counts,
            "error": result.error}  # fmt: skip
    schema = pa.schema([(name, pa.string()) for name in (*COLUMNS, "data")]).with_metadata(
        {"rights": json.dumps(meta, sort_keys=True, default=str)}
    )
    table = pa.table(columns, schema=schema)
    target = task_file(folder, scan, result.archive)
    temporary = folder / f".{target.name}.{uuid.uuid4().hex}.tmp"
    try:
        pq.write_table(table, temporary)
        temporary.replace(target)
    finally:
        temporary.unlink(missing_ok=True)
    return target


def _text(value: Any) -> str | None:
    return None if value is None else str(value)


def scan_to_parquet(
    archive: ArchivePart, index: ScanIndex, *, folder: str, scan: str, tasks: int
) -> ArchiveResult:
    """The scan task of `--parquet`: judge the archive, write its findings to its file, return the counts."""
    result = scan_archive(archive, index)
    write_task_file(Path(folder), scan, result, tasks=tasks)
    result.written, result.findings = len(result.findings), []
    return result


def read_task_file(path: Path) -> TaskFile:
    """A task's file: its scan, task, counts, error and findings (as the finding dicts the store takes)."""
    import pyarrow.parquet as pq

    try:
        table = pq.read_table(path)
        meta = json.loads((table.schema.metadata or {})[b"rights"])
    except (OSError, KeyError, ValueError) as exc:
        raise UsageError(f"{path}: not a Parquet file of rights scan ({exc})") from exc
    findings = [json.loads(data) for data in table.column("data").to_pylist()]
    return TaskFile(
        path, meta["scan"], meta["task"], int(meta["tasks"]), meta["counts"], meta.get("error"), findings
    )


def task_files(folder: Path) -> Iterator[Path]:
    """The task files in a folder, sorted (temporary files of tasks still writing are not)."""
    return iter(sorted(p for p in folder.glob("*.parquet") if not p.name.startswith(".")))
