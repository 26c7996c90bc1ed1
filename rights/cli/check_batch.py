"""`rights check --from FILE`: many pages checked politely, one row per article, each recorded like a check."""

from __future__ import annotations

import sys
from collections.abc import Mapping
from contextlib import closing
from pathlib import Path
from typing import TYPE_CHECKING, Any

import typer

from rights.cli.common import record_key, recorded_run
from rights.errors import InputError

if TYPE_CHECKING:
    from rights.api import BatchItem
    from rights.config import Settings
    from rights.policy import PolicySet
    from rights.store import Store


def read_targets(source: str) -> list[str]:
    """The targets listed in FILE (`-`: standard input): one per line, or a CSV with a `url` column."""
    from rights.web.target import parse_target_list

    if source == "-":
        return parse_target_list(sys.stdin.read(), name="standard input")
    path = Path(source)
    if path.is_dir():
        raise InputError(f"--from {source} is a directory; give a file with one URL or path per line")
    try:
        text = path.read_text(encoding="utf-8-sig", errors="replace")
    except FileNotFoundError:
        raise InputError(f"--from {source}: no such file") from None
    except OSError as exc:
        raise InputError(f"--from {source}: cannot read ({exc.strerror or exc})") from None
    return parse_target_list(text, name=source)


def _key(item: BatchItem) -> str:
    """The database key of a target, as a single check would record it."""
    if item.check is not None:
        return record_key(item.check.inspection.page.url, item.target)
    try:
        return record_key(item.target if "://" in item.target else None, item.target)
    except (ValueError, OSError, InputError):
        return item.target


def _record(store: Store, run_id: int, item: BatchItem, use: str) -> None:
    from rights.report.check import verdict_dict
    from rights.report.inspection import inspection_dict

    key = _key(item)
    with store.transaction():
        if item.check is None:
            record = {
                "target": item.target,
                "url": None,
                "verdict": "unknown",
                "use": use,
                "error": item.error,
            }
            store.save_verdict(run_id, key, record)
            return
        store.save_signals(run_id, key, inspection_dict(item.check.inspection))
        store.save_verdict(run_id, key, verdict_dict(item.check))


def run_batch(
    source: str,
    *,
    settings: Settings,
    policies: PolicySet,
    options: Mapping[str, Any],
    quiet: bool,
) -> list[dict[str, str]]:
    """Check every target listed in `source`, record each in one `check` run; the rows, in the given order.

    `options`: use, follow, modified (as `api.check_many` takes them).
    """
    from rights import api
    from rights.cli.progress import Progress
    from rights.report.batch import batch_row
    from rights.web.crawl import CrawlEvent

    targets = read_targets(source)
    progress = Progress(enabled=not quiet and sys.stderr.isatty())
    rows: list[tuple[int, dict[str, str]]] = []  # rows only: the pages read are not kept
    args = {"from": source, "targets": len(targets), **options}
    try:
        with (
            recorded_run("check", settings, args) as (store, run_id),
            closing(api.check_many(targets, settings=settings, policies=policies, **options)) as items,
        ):
            for item in items:
                _record(store, run_id, item, str(options["use"]))
                rows.append((item.index, batch_row(item)))
                progress(CrawlEvent(item.verdict, item.target, item.error or "", len(rows), len(targets)))
    finally:
        progress.close()
    return [row for _, row in sorted(rows, key=lambda pair: pair[0])]


def write_output(text: str, output: Path | None) -> None:
    """Print, or write FILE in one step (never half-written)."""
    if output is None:
        typer.echo(text, nl=False)
        return
    tmp = output.with_name(output.name + ".part")
    tmp.write_text(text, encoding="utf-8", newline="")
    tmp.replace(output)
    typer.echo(f"wrote {output}", err=True)
