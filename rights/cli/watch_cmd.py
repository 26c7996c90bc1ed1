"""`rights crawl --watchlist FILE`: the scheduled job (see rights.watch and the README's cron set-up)."""

from __future__ import annotations

import sys
from dataclasses import replace
from pathlib import Path

import typer

from rights.config import Settings
from rights.errors import ConfigError


def run_watch(path: Path, settings: Settings, output: str, quiet: bool) -> int:
    """Run every entry of the watchlist; returns the exit code (1 when findings are open)."""
    from rights.auditing.watchlist import load_watchlist, run_watchlist, watch_settings
    from rights.cli.common import checked_warc, emit_json
    from rights.cli.progress import Progress
    from rights.models import plain
    from rights.policy import load_policies
    from rights.store import open_settings_store

    watchlist = load_watchlist(path)
    if not (watchlist.audits or watchlist.feeds or watchlist.articles):
        raise ConfigError(f"{path}: nothing to do: add [[audit]], [[feeds]] or [[articles]] entries")
    settings = watch_settings(watchlist, settings)
    settings = replace(settings, warc_path=checked_warc(settings.warc_path))  # [settings] warc_path, too
    if settings.db_path is not None and not settings.db_path.parent.is_dir():
        raise ConfigError(
            f"--db {settings.db_path}: directory {settings.db_path.parent} does not exist", "db"
        )
    policies = load_policies(settings.policy_dirs)
    progress = Progress(enabled=not quiet and sys.stderr.isatty())
    line = (lambda text: None) if output == "json" else typer.echo
    with open_settings_store(settings) as store:
        try:
            summary = run_watchlist(watchlist, settings, store, policies, echo=line, progress=progress)
        finally:
            progress.close()
    if output == "json":
        emit_json(
            {
                "audits": [{k: v for k, v in a.items() if k != "hashes"} for a in summary.audits],
                "feeds": summary.feeds,
                "articles": summary.articles,
                "ai_changes": [plain(change) for change in summary.ai_changes],
            }
        )
    else:
        typer.echo(f"watchlist done: {summary.open_findings} open finding(s); see `rights report`")
    return 1 if summary.open_findings else 0
