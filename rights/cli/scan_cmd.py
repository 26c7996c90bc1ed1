"""`rights scan`: find copies of our stored articles in web archives (WARC, WET), on a Dask cluster."""

from __future__ import annotations

import sys
import time
from pathlib import Path
from typing import TYPE_CHECKING, Any

import typer

from rights.cli.app import app
from rights.cli.common import (
    ALLOW_PRIVATE_OPTION,
    DB_OPTION,
    POLICIES_OPTION,
    TableOrJson,
    emit_json,
    fails_cleanly,
    settings_with_db,
)
from rights.config import DEFAULT_SPLIT
from rights.errors import UsageError

if TYPE_CHECKING:
    from rights.auditing.scan import ArchiveResult
    from rights.auditing.scan_run import ScanSummary


def summary_lines(summary: ScanSummary) -> list[str]:
    ranges = f" in {summary.tasks} tasks" if summary.tasks != summary.archives else ""
    lines = [
        f"scan {'done' if not summary.failed else 'incomplete'} (run {summary.run_id}"
        f"{f', resumed: {summary.resumed} task(s) already done' if summary.resumed else ''})",
        f"originals: {summary.originals}",
        f"archives: {summary.archives}{ranges} ({len(summary.damaged)} damaged, {len(summary.failed)} failed)",
        *_count_lines(summary),
    ]
    if summary.parquet:
        lines.insert(3, f"parquet: {summary.parquet} (one file per task, loaded into the database)")
    return lines + _detail_lines(summary)


def load_lines(folder: str, summary: ScanSummary) -> list[str]:
    complete = (
        "all tasks loaded" if not summary.failed else "incomplete: " + next(iter(summary.failed.values()))
    )
    return [
        f"loaded {summary.loaded} task file(s) of scan {summary.scan} from {folder}"
        f" into run {summary.run_id} ({complete})",
        *_count_lines(summary),
        *_detail_lines(summary, failed=False),
    ]


def _count_lines(summary: ScanSummary) -> list[str]:
    c = summary.counts
    return [
        f"records: {c.get('records', 0)}; read {c.get('read', 0)}; skipped: not html {c.get('not_html', 0)},"
        f" too large {c.get('oversized', 0)}, other types {c.get('other_types', 0)},"
        f" unreadable {c.get('unreadable', 0)}, over the time limit {c.get('timed_out', 0)}",
        f"copies: {c.get('copies', 0)}",
        f"findings: {len(summary.findings)}",
    ]


def _detail_lines(summary: ScanSummary, *, failed: bool = True) -> list[str]:
    lines = [f"  damaged: {archive}: {error}" for archive, error in summary.damaged.items()]
    if failed:
        lines += [
            f"  failed (rerun to retry): {archive}: {error}" for archive, error in summary.failed.items()
        ]
    from rights.report.audit_common import kind_label

    for f in summary.findings:
        capture = f.get("capture") or {}
        lines.append(
            f"  {kind_label(f['kind'])}: {f['url']}, from {f.get('source_url')}"
            f" [{_base(str(capture.get('archive', '')))} @ {capture.get('offset')}]"
        )
    return lines


def _base(archive: str) -> str:
    """An archive's file name (of a path or a URL)."""
    return archive.split("?", 1)[0].rstrip("/").rsplit("/", 1)[-1]


class _Progress:
    """On a terminal: a line when the originals' index is ready, then a line per finished task: tasks,
    records, MB/s, copies so far, and the time left (from the tasks' average time so far)."""

    def __init__(self, enabled: bool, unit: str = "archives") -> None:
        self.enabled, self.unit = enabled, unit
        self.started = time.monotonic()
        self.records = self.copies = self.bytes = 0

    def indexed(self, originals: int, seconds: float) -> None:
        """The index is ready: say so, and measure the tasks' rate from now."""
        self.started = time.monotonic()
        if self.enabled:
            sys.stderr.write(f"[index] {originals:,} originals read and indexed in {seconds:.1f} s\n")
            sys.stderr.flush()

    def __call__(self, result: ArchiveResult, finished: int, total: int) -> None:
        self.records += int(result.stats.get("records", 0))
        self.copies += result.copies
        self.bytes += result.size
        if not self.enabled:
            return
        elapsed = max(time.monotonic() - self.started, 1e-6)
        rate = self.bytes / elapsed / 1e6
        left = (total - finished) * (elapsed / finished) if finished else 0.0
        eta = (
            f", about {left / 60:.0f} min left"
            if left >= 90
            else f", about {left:.0f} s left"
            if left
            else ""
        )
        sys.stderr.write(
            f"[{finished}/{total} {self.unit}] {self.records:,} records, {rate:.1f} MB/s, "
            f"{self.copies} copies so far{eta}  ({_base(result.archive)})\n"
        )
        sys.stderr.flush()


ARCHIVE_HELP = (
    "WARC or WET files (.warc, .warc.gz, .wet, .wet.gz), directories of them (searched recursively), globs "
    "(quoted: 'crawl/*.warc.gz'), list files (@FILE, or a name ending in .txt or .lst: one path or URL per "
    "line, # comments), Common Crawl path lists (warc.paths.gz, wet.paths.gz, *.paths), http(s) URLs, or "
    "object-store URLs (s3://, gs://, ... through fsspec and its backend)."
)


@app.command()
@fails_cleanly
def scan(
    archives: list[str] | None = typer.Argument(
        None, metavar="ARCHIVE", help=ARCHIVE_HELP, show_default=False
    ),
    originals: str = typer.Option(
        "db",
        "--originals",
        metavar="db|FILE|URL",
        help="The articles to look for: db (the pages stored in the database), a file of URLs (one per line, "
        "or a CSV with a url column; - for stdin), or the URL of a sitemap or feed. Listed originals are "
        "fetched first, politely.",
    ),
    site: str | None = typer.Option(
        None, "--site", metavar="SITE", help="Only originals of this site (a domain) or URL prefix."
    ),
    workers: int = typer.Option(2, "--workers", metavar="N", help="Worker processes of the local cluster."),
    scheduler: str | None = typer.Option(
        None, "--scheduler", metavar="ADDRESS", help="Use an existing Dask cluster (tcp://host:8786)."
    ),
    split: str = typer.Option(
        DEFAULT_SPLIT,
        "--split",
        metavar="SIZE",
        help="Read gzip archives larger than SIZE as byte ranges of SIZE, one task each (256MB, 1GB, 512MiB; "
        "0 or off: one task per file). Uncompressed .warc files are never split.",
    ),
    parquet: Path | None = typer.Option(
        None,
        "--parquet",
        metavar="DIR",
        help="Workers write each task's findings to a Parquet file in DIR (shared by all workers), loaded "
        "into the database at the end: for very large runs.",
    ),
    load: Path | None = typer.Option(
        None,
        "--load",
        metavar="DIR",
        help="Scan nothing: load the Parquet files of an earlier --parquet DIR into the database.",
    ),
    use: str = typer.Option("noncommercial", "--use", metavar="USE", help="How the copies use the text."),
    format: TableOrJson = typer.Option(TableOrJson.table, "--format", "-f", help="Output format."),
    quiet: bool = typer.Option(False, "--quiet", help="No progress lines on stderr."),
    allow_private: bool = ALLOW_PRIVATE_OPTION,
    policies: list[Path] = POLICIES_OPTION,
    db: Any = DB_OPTION,
) -> None:
    """Find copies of the originals stored in the database in web archives, and judge each copy's credit
    against the original's terms (the audit's finding kinds). Records a `scan` run; a killed scan resumes at
    the tasks (archives, byte ranges) not yet done.

    Exit codes: 0 no finding, 1 findings, 2 bad input, 3 could not run, 75 another run holds the lock.
    """
    from rights import api

    if load is not None:
        if archives:
            raise UsageError(
                "give ARCHIVE... to scan, or --load DIR to load a finished --parquet folder; not both"
            )
        _load(load, db, format)
        return
    if not archives:
        raise UsageError(
            "name the archives to scan: ARCHIVE... (files, directories, globs, list files, URLs)"
        )
    if workers < 1:
        raise UsageError("--workers takes a number of at least 1")
    summary = api.scan(
        archives, site=site, originals=originals, use=use, workers=workers, scheduler=scheduler, split=split,
        parquet=parquet, settings=settings_with_db(db, allow_private=allow_private), policies=policies,
        progress=_Progress(not quiet and sys.stderr.isatty(), "tasks"),
    )  # fmt: skip
    if format == TableOrJson.json:
        emit_json(_json(summary))
    else:
        typer.echo("\n".join(summary_lines(summary)))
    raise typer.Exit(3 if summary.failed else 1 if summary.findings else 0)


def _json(summary: ScanSummary) -> dict[str, Any]:
    return {"run_id": summary.run_id, "scan": summary.scan, "originals": summary.originals,
            "archives": summary.archives, "tasks": summary.tasks, "resumed": summary.resumed,
            "counts": summary.counts, "damaged": summary.damaged, "failed": summary.failed,
            "parquet": summary.parquet, "findings": summary.findings}  # fmt: skip


def _load(folder: Path, db: Any, format: TableOrJson) -> None:
    from rights import api

    summaries = api.load_scan(folder, settings=settings_with_db(db))
    if format == TableOrJson.json:
        emit_json([_json(s) for s in summaries])
    else:
        typer.echo("\n".join(line for s in summaries for line in load_lines(str(folder), s)))
    incomplete = any(s.failed for s in summaries)
    raise typer.Exit(3 if incomplete else 1 if any(s.findings for s in summaries) else 0)
