"""The README's worked example of `rights scan`, run as written: its console block's commands are executed in
order (the example site served on loopback, the archive generated, the crawl and the scan on a real Dask
LocalCluster) and each command's output must be the lines the README shows under it. Skipped without the
`scale` extra."""

from __future__ import annotations

import contextlib
import functools
import http.server
import re
import shlex
import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

pytest.importorskip("dask.distributed")

from typer.testing import CliRunner

from rights.cli import app

ROOT = Path(__file__).resolve().parents[1]
SECTION = "### Scanning web archives"


def _example() -> list[tuple[str, list[str]]]:
    """(command, expected output lines) of the console block in the README's scan section."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme[readme.index(SECTION) :]
    block = re.search(r"```console\n(.*?)```", section, re.S)
    assert block is not None, "the scan section has no console example"
    steps: list[tuple[str, list[str]]] = []
    for line in block.group(1).splitlines():
        if line.startswith("$ "):
            steps.append((line[2:], []))
        else:
            steps[-1][1].append(line)
    return steps


@contextlib.contextmanager
def _serve(directory: Path, port: int) -> Iterator[None]:
    handler = functools.partial(_QuietHandler, directory=str(directory))
    try:
        server = http.server.ThreadingHTTPServer(("127.0.0.1", port), handler)
    except OSError as exc:
        pytest.fail(f"the README example serves its site on 127.0.0.1:{port}, which is taken: {exc}")
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield
    finally:
        server.shutdown()
        server.server_close()


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


def test_the_readme_scan_example_prints_what_the_readme_shows(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    db = tmp_path / "rights.db"
    steps = _example()
    with contextlib.ExitStack() as stack:
        for command, expected in steps:
            words = shlex.split(command.removesuffix("&").strip())
            if words[:3] == ["python3", "-m", "http.server"]:  # the example site, served in the background
                port = int(words[3])
                site = ROOT / words[words.index("--directory") + 1]
                stack.enter_context(_serve(site, port))
                continue
            if words[0] == "python3":  # the archive generator
                script = ROOT / words[1]
                done = subprocess.run(
                    [sys.executable, str(script), *words[2:]], capture_output=True, text=True, check=True
                )
                assert done.stdout.splitlines() == expected, command
                continue
            assert words[0] == "rights", command
            result = CliRunner().invoke(app, [*words[1:], "--db", str(db)])
            assert result.exit_code in (0, 1), result.output
            assert result.stdout.splitlines() == expected, command
