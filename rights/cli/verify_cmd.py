"""`rights verify`: does our copy meet the original's terms?"""

from __future__ import annotations

from dataclasses import replace
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
    WARC_HELP,
    TableOrJson,
    checked_warc,
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
    warc: Path | None = typer.Option(
        None,
        "--warc",
        metavar="FILE",
        help=WARC_HELP.replace("(pages, robots.txt, sitemaps, feeds)", "(the copy and the original)")
        + " The findings point to the copy's record.",
    ),
) -> None:
    """Check a published copy against the original's terms: each condition is a finding (pass, fail, warn,
    not checkable) with evidence from the copy; every edit of a no-derivatives text is listed.

    Exit codes: 0 no condition fails, 1 a condition fails, 2 bad input, 3 could not evaluate.
    """
    from rights import api
    from rights.policy import load_policies
    from rights.report.verification import verification_dict, verification_table
    from rights.web.crawl.evidence import WarcEvidence
    from rights.web.target import validate_target

    validate_target(copy, url=url)
    settings = replace(settings_with_db(db, allow_private=allow_private), warc_path=checked_warc(warc))
    policy_set = load_policies([*settings.policy_dirs, *policies])
    args = {"copy": copy, "url": url, "original": original, "use": use.value}
    with recorded_run("verify", settings, args) as (store, run_id):
        evidence = WarcEvidence(settings, store, run_id, kind="verify") if settings.warc_path else None
        try:
            result = api.verify(
                copy,
                url=url,
                original=original,
                original_url=original_url,
                use=use.value,
                settings=settings,
                policies=policy_set,
                fetch=evidence.fetching() if evidence else None,
            )
            captures = _captures(evidence.captured if evidence else {}, copy)
            record = verification_dict(result) | ({"evidence": captures} if evidence else {})
            key = record_key(result.copy.page.url, copy)
            capture = {"capture": captures["copy"]} if captures["copy"] else {}
            rows = [
                {
                    **f,
                    "key": f"{key} {f['kind']} {result.original.url}",
                    "url": key,
                    "source_url": result.original.url,
                    **capture,
                }
                for f in record["findings"]
            ]
            store.save_findings(run_id, rows)
        finally:
            if evidence is not None:
                evidence.close()
    if format is TableOrJson.json:
        emit_json(record)
    else:
        typer.echo(verification_table(result))
        if evidence is not None:
            typer.echo("\n".join(_evidence_lines(captures)))
    raise typer.Exit(1 if result.failed else 0)


def _captures(captured: dict[str, dict[str, Any]], copy: str) -> dict[str, dict[str, Any] | None]:
    """The WARC records of the copy and of the original (None: read from a file, not fetched)."""
    original = next((capture for url, capture in captured.items() if url != copy), None)
    return {"copy": captured.get(copy), "original": original}


def _evidence_lines(captures: dict[str, dict[str, Any] | None]) -> list[str]:
    from rights.auditing.history import capture_line

    lines = ["Evidence (WARC records):"]
    for role, capture in captures.items():
        lines.append(f"  {role}: {capture_line(capture) or 'not fetched (read from a file)'}")
    return lines
