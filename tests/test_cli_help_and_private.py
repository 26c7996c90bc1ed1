"""`--help` names values as people do (URL, PATH, FOLDER, the choices), shell completion is offered, and
pages on private addresses are refused with what to do, or read with --allow-private."""

from __future__ import annotations

import re
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from typer.testing import CliRunner

from rights.cli import app

runner = CliRunner()
COMMANDS = ["check", "inspect", "verify", "compare", "crawl", "audit", "report", "history"]
PAGE = b"<html><head><title>Staff memo</title></head><body><article><h1>Staff memo</h1><p>Canteen hours change.</p></article></body></html>"


@pytest.mark.parametrize("command", COMMANDS)
def test_help_shows_no_python_type_placeholders(command: str) -> None:
    result = runner.invoke(app, [command, "--help"], terminal_width=120)
    assert result.exit_code == 0
    placeholders = re.findall(r"<(?:str|Any|int|file|list\[[^>]*\]|Path|int range)>", result.stdout)
    assert placeholders == [], result.stdout


def test_help_names_the_shared_values() -> None:
    out = runner.invoke(app, ["check", "--help"], terminal_width=120).stdout
    assert "--url URL" in out and "--db PATH" in out and "--policies FOLDER" in out
    assert "<noncommercial|commercial|print|excerpt|search|ai-input|ai-train>" in out


def test_shell_completion_is_offered() -> None:
    out = runner.invoke(app, ["--help"], terminal_width=120).stdout
    assert "--install-completion" in out and "--show-completion" in out


class _Memo(BaseHTTPRequestHandler):
    def do_GET(self) -> None:
        self.send_response(200)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(PAGE)))
        self.end_headers()
        self.wfile.write(PAGE)

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def intranet() -> Iterator[str]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Memo)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/memo"
    finally:
        server.shutdown()
        server.server_close()


@pytest.mark.parametrize("command", ["inspect", "check"])
def test_a_loopback_page_is_refused_with_what_to_do(command: str, intranet: str) -> None:
    result = runner.invoke(
        app, [command, intranet, "--no-follow"] if command == "check" else [command, intranet]
    )
    assert result.exit_code == 3
    (line,) = result.stderr.strip().splitlines()
    assert "loopback" in line and line.endswith("add --allow-private")


@pytest.mark.parametrize("command", ["inspect", "check"])
def test_allow_private_reads_an_intranet_page(command: str, intranet: str) -> None:
    args = [command, intranet, "--allow-private", "--format", "json"]
    result = runner.invoke(app, [*args, "--no-follow"] if command == "check" else args)
    assert result.exit_code in (0, 1), result.output
    assert '"title": "Staff memo"' in result.stdout


def test_verify_offers_allow_private() -> None:
    assert "--allow-private" in runner.invoke(app, ["verify", "--help"], terminal_width=120).stdout
