"""`rights verify`: does our copy meet the original's terms?"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import typer

from rights.cli.app import app
from rights.cli.check_cmd import Use
from rights.cli.common import URL_OPTION, TableOrJson, emit_json, fails_cleanly


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
        help="The original (URL or file); default: the one "
        "the copy credits, its syndication meta or its canonical.",
    ),
    original_url: str | None = typer.Option(
        None, "--original-url", help="The original's address, when --original is a saved file."
    ),
    use: Use = typer.Option(Use.noncommercial, "--use", help="How the copy uses the text."),
    format: TableOrJson = typer.Option(TableOrJson.table, "--format", "-f", help="Output format."),
    policies: list[Path] = typer.Option(
        [], "--policies", help="A folder of your own policy files (repeatable).", file_okay=False, exists=True
    ),
) -> None:
    """Check a published copy against the original's terms: each condition is a finding (pass, fail, warn,
    not checkable) with evidence from the copy; every edit of a no-derivatives text is listed.

    Exit codes: 0 no condition fails, 1 a condition fails, 2 bad input, 3 could not evaluate.
    """
    from rights.config import load_settings
    from rights.pipeline import verify_target
    from rights.policies import load_policies
    from rights.report import verification_dict, verification_table

    settings = load_settings()
    result = verify_target(
        copy,
        url=url,
        original=original,
        original_url=original_url,
        use=use.value,
        settings=settings,
        policies=load_policies([*settings.policy_dirs, *policies]),
    )
    if format is TableOrJson.json:
        emit_json(verification_dict(result))
    else:
        typer.echo(verification_table(result))
    raise typer.Exit(1 if result.failed else 0)
