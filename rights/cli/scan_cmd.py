"""`rights scan`: find copies of our stored articles in web archives (WARC, WET), on a Dask cluster."""

from __future__ import annotations

import contextlib
import sys
import time
from pathlib import Path
from typing import TYPE_CHECKING, Any

import typer

from rights.cli.app import app
from rights.cli.common import (
    DB_OPTION,
    POLICIES_OPTION,
    TableOrJson,
    emit_json,
    fails_cleanly,
    settings_with_db,
)
from rights.errors import UsageError

if TYPE_CHECKING:
    from rights.auditing.scan import ArchiveResult
    from rights.auditing.scan_run import ScanSummary


def summary_lines(summary: ScanSummary) -> list[str]:
    c = summary.counts
    lines = [
        f"scan {'done' if not summary.failed else 'incomplete'} (run {summary.run_id}"
        f"{f', resumed: {summary.resumed} archive(s) already done' if summary.resumed else ''})",
        f"originals: {summary.originals}",
        f"archives: {summary.archives} ({len(summary.damaged)} damaged, {len(summary.failed)} failed)",
        f"records: {c.get('records', 0)}; read {c.get('read', 0)}; skipped: not html {c.get('not_html', 0)},"
        f" too large {c.get('oversized', 0)}, other types {c.get('other_types', 0)},"
        f" unreadable {c.get('unreadable', 0)}",
        f"copies: {c.get('copies', 0)}",
        f"findings: {len(summary.findings)}",
    ]
    lines += [f"  damaged: {archive}: {error}" for archive, error in summary.damaged.items()]
    lines += [f"  failed (rerun to retry): {archive}: {error}" for archive, error in summary.failed.items()]
    for f in summary.findings:
        capture = f.get("capture") or {}
        lines.append(
            f"  {f['kind']}: {f['url']} <- {f.get('source_url')}"
            f" [{Path(str(capture.get('archive', ''))).name} @{capture.get('offset')}]"
        )
    return lines


class _Progress:
    """A line per finished archive on a terminal: archives, records, MB/s, copies so far, and the time left
    (from the archives' average size at the rate so far)."""

    def __init__(self, enabled: bool) -> None:
        self.enabled = enabled
        self.started = time.monotonic()
        self.records = self.copies = self.bytes = 0

    def __call__(self, result: ArchiveResult, finished: int, total: int) -> None:
        self.records += int(result.stats.get("records", 0))
        self.copies += result.copies
        with contextlib.suppress(OSError):
            self.bytes += Path(result.archive).stat().st_size
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
            f"[{finished}/{total} archives] {self.records:,} records, {rate:.1f} MB/s, "
            f"{self.copies} copies so far{eta}  ({Path(result.archive).name})\n"
        )
        sys.stderr.flush()


@app.command()
@fails_cleanly
def scan(
    archives: list[str] = typer.Argument(
        ..., metavar="ARCHIVE...", help="WARC or WET files (.warc, .warc.gz, .wet.gz) or directories of them."
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
    workers: int = typer.Option(
        2, "--workers", metavar="N", help="Worker processes of the local cluster (2)."
    ),
    scheduler: str | None = typer.Option(
        None, "--scheduler", metavar="ADDRESS", help="Use an existing Dask cluster (tcp://host:8786)."
    ),
    use: str = typer.Option("noncommercial", "--use", metavar="USE", help="How the copies use the text."),
    format: TableOrJson = typer.Option(TableOrJson.table, "--format", "-f", help="Output format."),
    quiet: bool = typer.Option(False, "--quiet", help="No progress lines on stderr."),
    policies: list[Path] = POLICIES_OPTION,
    db: Any = DB_OPTION,
) -> None:
    """Find copies of the originals stored in the database in web archives, and judge each copy's credit
    against the original's terms (the audit's finding kinds). Records a `scan` run; a killed scan resumes.

    Exit codes: 0 no finding, 1 findings, 2 bad input, 3 could not run, 75 another run holds the lock.
    """
    from rights import api

    if workers < 1:
        raise UsageError("--workers takes a number of at least 1")
    summary = api.scan(
        archives, site=site, originals=originals, use=use, workers=workers, scheduler=scheduler, settings=settings_with_db(db),
        policies=policies, progress=_Progress(not quiet and sys.stderr.isatty()),
    )  # fmt: skip
    if format == TableOrJson.json:
        emit_json(
            {"run_id": summary.run_id, "scan": summary.scan, "originals": summary.originals,
             "archives": summary.archives, "resumed": summary.resumed, "counts": summary.counts,
             "damaged": summary.damaged, "failed": summary.failed, "findings": summary.findings}
        )  # fmt: skip
    else:
        typer.echo("\n".join(summary_lines(summary)))
    raise typer.Exit(3 if summary.failed else 1 if summary.findings else 0)
