"""`rights crawl` as a real subprocess: kill -9 and resume, overlapping runs, output, bad input."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.sitesrv import SiteServer

ROOT = Path(__file__).resolve().parent.parent
GEN = "http://gen300.crawl.test/p/0.html"


def command(site: SiteServer, db: Path, *args: str) -> list[str]:
    resolve = [part for entry in site.resolve for part in ("--resolve", entry)]
    return [sys.executable, "-m", "rights", "crawl", *args, "--db", str(db), "--allow-private", *resolve]


def run(site: SiteServer, db: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(command(site, db, *args), cwd=ROOT, capture_output=True, text=True, timeout=120)


def committed(db: Path) -> set[str]:
    """URLs of pages committed so far (read while the crawler writes: WAL allows it)."""
    if not db.exists():
        return set()
    conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=10)
    try:
        return {row[0] for row in conn.execute("SELECT url FROM pages")}
    except sqlite3.OperationalError:
        return set()
    finally:
        conn.close()


def children(pid: int) -> list[int]:
    path = Path(f"/proc/{pid}/task/{pid}/children")
    return [int(p) for p in path.read_text().split()] if path.exists() else []


def running(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except (FileNotFoundError, IndexError):
        return False
    return state != "Z"


def wait_for(predicate: object, timeout: float = 60.0) -> None:
    """Poll until `predicate()` is true (a bound on a hang, not a performance assertion)."""
    deadline = time.monotonic() + timeout
    while not predicate():  # type: ignore[operator]
        assert time.monotonic() < deadline, "condition not reached"
        time.sleep(0.05)


def test_sigkill_then_resume_loses_nothing_and_fetches_nothing_twice(
    site: SiteServer, tmp_path: Path
) -> None:
    """Kill -9 mid-crawl; the next run resumes: every committed page kept, none of them requested again."""
    db = tmp_path / "r.db"
    args = (GEN, "--delay", "0.01", "--max-pages", "300", "--depth", "10", "--quiet")
    proc = subprocess.Popen(
        command(site, db, *args), cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE
    )
    wait_for(lambda: len(committed(db)) >= 60)
    parsers = children(proc.pid)
    assert parsers  # the parser worker process
    proc.send_signal(signal.SIGKILL)
    proc.communicate()
    assert proc.returncode == -signal.SIGKILL
    wait_for(lambda: not any(running(pid) for pid in parsers))  # no orphan keeps running
    first = committed(db)
    assert 60 <= len(first) < 300
    first_requests = {r.path for r in site.requests(host="gen300.crawl.test")}
    site.reset()

    result = run(site, db, *args)
    assert result.returncode == 0, result.stderr
    assert "resumed" in result.stdout
    second_requests = [r.path for r in site.requests(host="gen300.crawl.test")]
    again = {f"http://gen300.crawl.test{path}" for path in second_requests} & first
    assert again == set(), f"{len(again)} committed pages fetched twice"
    assert len(second_requests) == len(set(second_requests))  # and nothing twice within the run
    final = committed(db)
    assert first <= final and len(final) == 300
    assert first_requests  # the first run did reach the server

    conn = sqlite3.connect(db)
    statuses = [row[0] for row in conn.execute("SELECT status FROM runs ORDER BY id")]
    assert statuses == ["aborted", "done"]
    assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    conn.close()


def test_second_run_on_the_same_database_exits_75(site: SiteServer, tmp_path: Path) -> None:
    db = tmp_path / "r.db"
    slow = subprocess.Popen(
        command(site, db, GEN, "--delay", "0.2", "--quiet"),
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    try:
        wait_for(lambda: len(committed(db)) >= 1)
        second = run(site, db, GEN, "--quiet")
        assert second.returncode == 75
        assert "another rights run is using" in second.stderr and f"pid {slow.pid}" in second.stderr
        assert second.stderr.count("\n") == 1
    finally:
        slow.kill()
        slow.communicate()


def test_summary_output_table_and_json(site: SiteServer, tmp_path: Path) -> None:
    db = tmp_path / "r.db"
    table = run(site, db, "http://blog.crawl.test/", "--delay", "0")
    assert table.returncode == 0, table.stderr
    lines = table.stdout.splitlines()
    assert lines[0].startswith("crawl done (run 1")
    assert "fetched: 7" in lines and "skipped by robots.txt: 1" in lines and "failed: 0" in lines
    assert table.stderr == ""  # not a terminal: no progress display
    again = run(site, db, "http://blog.crawl.test/", "--delay", "0", "--format", "json")
    data = json.loads(again.stdout)
    assert data["unchanged"] == 7 and data["fetched"] == 0 and data["status"] == "done"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("blog.crawl.test/",), "no scheme"),
        (("http://blog.crawl.test/", "--max-pages", "0"), "max_pages"),
        (("http://blog.crawl.test/", "--depth", "-1"), "max_depth"),
        (("http://blog.crawl.test/", "--include", "(("), "--include"),
        (("http://blog.crawl.test/", "--resolve", "nonsense"), "resolve"),
    ],
)
def test_bad_input_exits_2_before_any_request(
    site: SiteServer, tmp_path: Path, args: tuple[str, ...], message: str
) -> None:
    result = run(site, tmp_path / "r.db", *args)
    assert result.returncode == 2 and message in result.stderr
    assert result.stderr.startswith("error: ") and result.stderr.count("\n") == 1
    assert site.requests() == []


def test_missing_db_directory_is_a_usage_error(site: SiteServer, tmp_path: Path) -> None:
    result = run(site, tmp_path / "missing" / "r.db", "http://blog.crawl.test/")
    assert result.returncode == 2 and "does not exist" in result.stderr
    assert site.requests() == []


def test_resolve_from_the_environment(site: SiteServer, tmp_path: Path) -> None:
    env = {**os.environ, "RIGHTS_RESOLVE": ",".join(site.resolve), "RIGHTS_DB": str(tmp_path / "env.db")}
    cmd = [
        sys.executable,
        "-m",
        "rights",
        "crawl",
        "http://news.crawl.test/",
        "--allow-private",
        "--delay",
        "0",
    ]
    result = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True, timeout=120, env=env)
    assert result.returncode == 0, result.stderr
    assert "fetched: 3" in result.stdout and (tmp_path / "env.db").exists()


def test_help_documents_every_option() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "rights", "crawl", "--help"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
    )
    for option in (
        "--max-pages",
        "--depth",
        "--delay",
        "--concurrency",
        "--allow-private",
        "--db",
        "--resolve",
    ):
        assert option in result.stdout
