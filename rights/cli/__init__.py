"""The command-line interface: the only module that uses typer. Each command lives in its own module."""

from __future__ import annotations

from rights.cli import crawl_cmd, inspect_cmd  # noqa: F401  (registers the commands)
from rights.cli.app import app


def main() -> None:
    app()


__all__ = ["app", "main"]
