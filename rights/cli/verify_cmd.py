"""`rights verify`: does our copy meet the original's terms?"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import typer

from rights.cli.app import app
from rights.cli.check_cmd import Use
from rights.cli.common import (
    ALLOW_PRIVATE_OPTION,
    DB_OPTION,
    POLICIES_OPTION,
    URL_OPTION,
    TableOrJson,
    emit_json,
    fails_cleanly,
    record_key,
    recorded_run,
    settings_with_db,
)


@app.command()
@fails_cleanly
def verify(
    copy: str = typer.Argument(
        ..., metavar="COPY_URL", help="The published copy: a URL or a saved HTML file."
    ),
    url: Any = URL_OPTION,
    original: str | None = typer.Option(
        None,
        "--original",
        metavar="URL_OR_FILE",
        help="The original (URL or file); default: the one "
        "the copy credits, its syndication meta or its canonical.",
    ),
    original_url: str | None = typer.Option(
        None, "--original-url", metavar="URL", help="The original's address, when --original is a saved file."
    ),
    use: Use = typer.Option(Use.noncommercial, "--use", help="How the copy uses the text."),
    format: TableOrJson = typer.Option(TableOrJson.table, "--format", "-f", help="Output format."),
    policies: list[Path] = POLICIES_OPTION,
    db: Any = DB_OPTION,
    allow_private: bool = ALLOW_PRIVATE_OPTION,
) -> None:
    """Check a published copy against the original's terms: each condition is a finding (pass, fail, warn,
    not checkable) with evidence from the copy; every edit of a no-derivatives text is listed.

    Exit codes: 0 no condition fails, 1 a condition fails, 2 bad input, 3 could not evaluate.
    """
    from rights import api
    from rights.policy import load_policies
    from rights.report.verification import verification_dict, verification_table
    from rights.web.target import validate_target

    validate_target(copy, url=url)
    settings = settings_with_db(db, allow_private=allow_private)
    policy_set = load_policies([*settings.policy_dirs, *policies])
    args = {"copy": copy, "url": url, "original": original, "use": use.value}
    with recorded_run("verify", settings, args) as (store, run_id):
        result = api.verify(
            copy,
            url=url,
            original=original,
            original_url=original_url,
            use=use.value,
            settings=settings,
            policies=policy_set,
        )
        record = verification_dict(result)
        key = record_key(result.copy.page.url, copy)
        rows = [
            {
                **f,
                "key": f"{key} {f['kind']} {result.original.url}",
                "url": key,
                "source_url": result.original.url,
            }
            for f in record["findings"]
        ]
        store.save_findings(run_id, rows)
    if format is TableOrJson.json:
        emit_json(record)
    else:
        typer.echo(verification_table(result))
    raise typer.Exit(1 if result.failed else 0)
