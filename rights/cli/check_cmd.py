"""`rights check`: can I republish this page for my use, and how?"""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import Any

import typer

from rights.cli.app import app
from rights.cli.common import (
    ALLOW_PRIVATE_OPTION,
    DB_OPTION,
    POLICIES_OPTION,
    URL_OPTION,
    emit_json,
    fails_cleanly,
    record_key,
    recorded_run,
    settings_with_db,
)

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


class CheckFormat(StrEnum):
    table = "table"
    json = "json"
    markdown = "markdown"


@app.command()
@fails_cleanly
def check(
    target: str = typer.Argument(
        ..., metavar="URL_OR_FILE", help="A page URL (http/https) or a saved HTML file."
    ),
    url: Any = URL_OPTION,
    use: Use = typer.Option(Use.noncommercial, "--use", help="What you want to do with the text."),
    format: CheckFormat = typer.Option(CheckFormat.table, "--format", "-f", help="Output format."),
    follow: bool = typer.Option(
        True, "--follow/--no-follow", help="Fetch the original a republished page names."
    ),
    modified: bool = typer.Option(
        False, "--modified", help="You will edit the text (changes must be indicated)."
    ),
    policies: list[Path] = POLICIES_OPTION,
    db: Any = DB_OPTION,
    allow_private: bool = ALLOW_PRIVATE_OPTION,
) -> None:
    """Answer "can I republish this?" for a use: a verdict, its conditions, the evidence and the credit line.

    Exit codes: 0 allowed (with or without conditions), 1 permission required or not allowed, 2 bad input,
    3 could not evaluate.
    """
    from rights import api
    from rights.policy import load_policies
    from rights.report.check import verdict_dict, verdict_markdown, verdict_table
    from rights.report.inspection import inspection_dict
    from rights.web.target import validate_target

    validate_target(target, url=url)
    settings = settings_with_db(db, allow_private=allow_private)
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
