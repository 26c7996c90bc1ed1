"""`rights check`: can I republish this page for my use, and how?"""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Any

import typer

from rights.cli.app import app
from rights.cli.common import (
    ALLOW_PRIVATE_OPTION,
    DB_OPTION,
    OFFLINE_OPTION,
    POLICIES_OPTION,
    URL_OPTION,
    emit_json,
    fails_cleanly,
    record_key,
    recorded_run,
    settings_with_db,
)

if TYPE_CHECKING:
    from rights.config import Settings

EXIT_CODES = {
    "allowed": 0,
    "allowed_with_conditions": 0,
    "permission_required": 1,
    "not_allowed": 1,
    "unknown": 3,
}


class Use(StrEnum):
    noncommercial = "noncommercial"
    commercial = "commercial"
    print = "print"
    excerpt = "excerpt"
    search = "search"
    ai_input = "ai-input"
    ai_train = "ai-train"


class CheckFormat(StrEnum):
    table = "table"
    json = "json"
    markdown = "markdown"
    csv = "csv"  # batches only (--from)


@app.command()
@fails_cleanly
def check(
    target: str | None = typer.Argument(
        None, metavar="URL_OR_FILE", help="A page URL (http/https) or a saved HTML file."
    ),
    from_file: str | None = typer.Option(
        None,
        "--from",
        metavar="FILE",
        help="Check every page listed in FILE (- for stdin): one URL or path per line (# comments),"
        " or a CSV with a url column. One row per article; exit code: the worst verdict.",
    ),
    url: Any = URL_OPTION,
    use: Use = typer.Option(
        Use.noncommercial,
        "--use",
        help="What you want to do with the text: republish it (noncommercial, commercial, print), quote it "
        "(excerpt), or an automated use: index it for search, use it as AI input (retrieval, grounding), "
        "train an AI model on it (ai-train).",
    ),
    format: CheckFormat = typer.Option(
        CheckFormat.table, "--format", "-f", help="Output format (csv: with --from only)."
    ),
    follow: bool = typer.Option(
        True, "--follow/--no-follow", help="Fetch the original a republished page names."
    ),
    modified: bool = typer.Option(
        False, "--modified", help="You will edit the text (changes must be indicated)."
    ),
    policies: list[Path] = POLICIES_OPTION,
    db: Any = DB_OPTION,
    allow_private: bool = ALLOW_PRIVATE_OPTION,
    offline: bool = OFFLINE_OPTION,
    output: Path | None = typer.Option(
        None,
        "-o",
        "--output",
        metavar="FILE",
        dir_okay=False,
        help="With --from: write the rows to this file.",
    ),
    quiet: bool = typer.Option(False, "--quiet", "-q", help="With --from: no progress line on stderr."),
) -> None:
    """Answer "can I republish this?" for a use: a verdict, its conditions, the evidence and the credit line.

    With --from FILE, every page listed is checked (one request per host at a time, robots.txt read once per
    host); a page that cannot be read is a row with verdict unknown and the reason, and the batch goes on.
    Formats: table, csv, json, markdown.

    Exit codes: 0 allowed (with or without conditions), 1 permission required or not allowed, 2 bad input
    (for --from: an unusable list), 3 could not evaluate. For --from, the worst verdict of the batch:
    unknown (3) over permission required or not allowed (1) over allowed (0).
    """
    from rights import api
    from rights.errors import UsageError
    from rights.policy import load_policies
    from rights.report.check import verdict_dict, verdict_markdown, verdict_table
    from rights.report.inspection import inspection_dict
    from rights.web.target import validate_target

    if from_file is not None:
        if target is not None or url is not None:
            raise UsageError("give a page or --from FILE, not both (--url is for one saved page)")
        options = {"use": use.value, "follow": follow, "modified": modified}
        settings = settings_with_db(db, allow_private=allow_private, offline=offline)
        _check_batch(from_file, settings, policies, options, format=format, output=output, quiet=quiet)
    if target is None:
        raise UsageError("give a page to check (a URL or a saved HTML file), or --from FILE")
    if format is CheckFormat.csv or output is not None:
        raise UsageError("--format csv and -o are for batches: give --from FILE")
    validate_target(target, url=url)
    settings = settings_with_db(db, allow_private=allow_private, offline=offline)
    policy_set = load_policies([*settings.policy_dirs, *policies])
    args = {"target": target, "url": url, "use": use.value, "follow": follow}
    with recorded_run("check", settings, args) as (store, run_id):
        result = api.check(
            target,
            url=url,
            use=use.value,
            follow=follow,
            modified=modified,
            settings=settings,
            policies=policy_set,
        )
        record = verdict_dict(result)
        key = record_key(result.inspection.page.url, target)
        with store.transaction():
            store.save_signals(run_id, key, inspection_dict(result.inspection))
            store.save_verdict(run_id, key, record)
    if format is CheckFormat.json:
        emit_json(record)
    elif format is CheckFormat.markdown:
        typer.echo(verdict_markdown(result))
    else:
        typer.echo(verdict_table(result))
    raise typer.Exit(EXIT_CODES[result.verdict.verdict])


def _check_batch(
    source: str,
    settings: Settings,
    policies: list[Path],
    options: dict[str, Any],
    *,
    format: CheckFormat,
    output: Path | None,
    quiet: bool,
) -> None:
    """`--from FILE`: check every page listed, write one row each, exit with the worst verdict's code."""
    from rights.cli.check_batch import run_batch, write_output
    from rights.policy import load_policies
    from rights.report.batch import FORMATS

    policy_set = load_policies([*settings.policy_dirs, *policies])
    rows = run_batch(source, settings=settings, policies=policy_set, options=options, quiet=quiet)
    write_output(FORMATS[format.value](rows), output)
    raise typer.Exit(max(EXIT_CODES[row["verdict"]] for row in rows))  # the codes rank the verdicts
