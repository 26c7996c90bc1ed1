"""The command-line interface: the only module that uses typer. Each command lives in its own module."""

from __future__ import annotations

from rights.cli import (  # noqa: F401  (each import registers its command)
    audit_cmd,
    check_cmd,
    compare_cmd,
    crawl_cmd,
    db_cmd,
    history_cmd,
    inspect_cmd,
    policies_cmd,
    report_cmd,
    scan_cmd,
    verify_cmd,
)
from rights.cli.app import app


def main() -> None:
    app()


__all__ = ["app", "main"]
