"""`rights check --from FILE`: many pages over real HTTP on loopback, politely, one row per article.

The server here generates pages on several host names (all on one loopback port) and keeps, per host, the
number of requests in flight: the batch must never have two requests to one host at once, must read each
host's robots.txt once, and must go on past a page that answers 500 and a host that refuses connections.
"""

from __future__ import annotations

import csv
import io
import json
import socket
import sqlite3
import sys
import threading
import time
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from rights.api import check_many
from rights.cli import app
from rights.config import Settings
from rights.report.batch import COLUMNS
from rights.web.target import parse_target_list

runner = CliRunner()
HOSTS = tuple(f"www.news{n}.test" for n in range(4))  # four sites (registrable domains)
LICENCE = {
    "ccby": '<p>This article is licensed under <a rel="license" href="https://creativecommons.org/licenses/by/4.0/">'
    "CC BY 4.0</a>.</p>",
    "arr": "<footer><p>© 2024 Alpha News Ltd. All rights reserved.</p></footer>",
    "cc0": '<p><a rel="license" href="https://creativecommons.org/publicdomain/zero/1.0/">CC0 1.0</a></p>',
}
EXPECTED = {"ccby": "allowed_with_conditions", "arr": "permission_required", "cc0": "allowed"}
KINDS = ("ccby", "arr", "cc0")


def page_html(kind: str, number: int, note: str = "") -> bytes:
    body = "The council met on Tuesday to discuss the new bridge, and residents filled the hall. " * 12
    return (
        "<!DOCTYPE html><html><head><meta charset=utf-8>"
        f"<title>Story {number}</title></head><body><article><h1>Story {number}</h1>"
        f"<p class=byline>By Ann Writer</p><p>{body}</p>{note}{LICENCE[kind]}</article></body></html>"
    ).encode()


def copy_html(number: int) -> bytes:
    """A republished page: its original is the CC0 page of the same number on the last host."""
    note = (
        f'<p>This article was originally published by <a href="http://{HOSTS[-1]}/cc0/{number}.html">'
        "Origin Weekly</a>.</p>"
    )
    return page_html("arr", number, note)


@dataclass
class Watch:
    """What the server saw, per host: requests in flight now, the most ever in flight, every path asked."""

    lock: threading.Lock = field(default_factory=threading.Lock)
    in_flight: Counter[str] = field(default_factory=Counter)
    most: Counter[str] = field(default_factory=Counter)
    paths: list[tuple[str, str]] = field(default_factory=list)

    def enter(self, host: str, path: str) -> None:
        with self.lock:
            self.paths.append((host, path))
            self.in_flight[host] += 1
            self.most[host] = max(self.most[host], self.in_flight[host])

    def leave(self, host: str) -> None:
        with self.lock:
            self.in_flight[host] -= 1

    def count(self, path: str) -> Counter[str]:
        return Counter(host for host, p in self.paths if p == path)


class Handler(BaseHTTPRequestHandler):
    """`/robots.txt` allows all; `/<kind>/<n>.html` a page of that licence; `/broken/<n>.html` answers 500."""

    server: Server

    def log_message(self, format: str, *args: Any) -> None:
        pass

    def do_GET(self) -> None:
        host = (self.headers.get("Host") or "").split(":")[0]
        watch = self.server.watch
        watch.enter(host, self.path)
        try:
            time.sleep(0.002)  # a little time in flight, so overlapping requests would be seen
            status, body, content_type = self.answer()
        finally:
            # Out of flight once the answer is ready, before a byte of it is sent: the client cannot have
            # it sooner, so a request that arrives while another is counted was sent before its answer.
            watch.leave(host)
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def answer(self) -> tuple[int, bytes, str]:
        if self.path == "/robots.txt":
            return 200, b"User-agent: *\nAllow: /\n", "text/plain"
        if self.path.startswith("/copy/"):
            number = int(self.path.removeprefix("/copy/").removesuffix(".html"))
            return 200, copy_html(number), "text/html; charset=utf-8"
        if self.path.startswith("/broken/"):
            return 500, b"<html><body>oops</body></html>", "text/html"
        kind, _, name = self.path.strip("/").partition("/")
        if kind in LICENCE and name.endswith(".html"):
            return 200, page_html(kind, int(name.removesuffix(".html"))), "text/html; charset=utf-8"
        return 404, b"not found", "text/plain"


class Server(ThreadingHTTPServer):
    daemon_threads = True
    block_on_close = False
    request_queue_size = 128
    watch: Watch


@pytest.fixture
def server() -> Iterator[Server]:
    httpd = Server(("127.0.0.1", 0), Handler)
    httpd.watch = Watch()
    thread = threading.Thread(target=httpd.serve_forever, kwargs={"poll_interval": 0.05})
    thread.start()
    try:
        yield httpd
    finally:
        httpd.shutdown()
        httpd.server_close()
        thread.join(5)


def closed_port() -> int:
    """A loopback port nothing listens on (bound, then released): connections to it are refused."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.fixture
def resolve(server: Server) -> tuple[str, ...]:
    port = server.server_address[1]
    return (*(f"{host}=127.0.0.1:{port}" for host in HOSTS), f"www.down.test=127.0.0.1:{closed_port()}")


@pytest.fixture
def batch_settings(resolve: tuple[str, ...], tmp_path: Path) -> Settings:
    """Loopback is refused by the guard unless allow_private; no delay, one retry, a short backoff."""
    return Settings(
        resolve=resolve,
        allow_private=True,
        delay=0.0,
        connect_timeout=2.0,
        read_timeout=2.0,
        total_timeout=5.0,
        retries=1,
        db_path=tmp_path / "rights.db",
    )


@pytest.fixture
def env(monkeypatch: pytest.MonkeyPatch, resolve: tuple[str, ...], tmp_path: Path) -> Path:
    """The CLI's settings for the loopback hosts, through the RIGHTS_* environment; the database path."""
    monkeypatch.chdir(tmp_path)  # no rights.toml from the working directory
    monkeypatch.setenv("RIGHTS_RESOLVE", ",".join(resolve))
    monkeypatch.setenv("RIGHTS_ALLOW_PRIVATE", "1")
    monkeypatch.setenv("RIGHTS_DELAY", "0")
    monkeypatch.setenv("RIGHTS_RETRIES", "1")
    db = tmp_path / "rights.db"
    monkeypatch.setenv("RIGHTS_DB", str(db))
    return db


def targets(count: int) -> list[tuple[str, str]]:
    """(url, expected verdict) for `count` pages spread over the hosts and the three licences; some are copies
    whose originals are fetched from the last host while its own pages are checked (one slot per host)."""
    out = []
    for number in range(count):
        host = HOSTS[number % len(HOSTS)]
        if number % 5 == 1 and host != HOSTS[-1]:  # a copy whose original (CC0) lives on the last host
            out.append((f"http://{host}/copy/{number}.html", "allowed"))
            continue
        kind = KINDS[number % 3]
        out.append((f"http://{host}/{kind}/{number}.html", EXPECTED[kind]))
    return out


# ------------------------------------------------------------------------------------- 200 pages, CSV out


def test_200_pages_on_loopback_csv_out(server: Server, env: Path, tmp_path: Path) -> None:
    """200 rows with the right verdicts; a 500 and a refused connection in the middle are rows saying
    `unknown` with the reason; the exit code is the worst verdict; no host ever has two requests at once;
    robots.txt is read once per host; every check is recorded in one `check` run."""
    listed = targets(198)
    listed.insert(90, ("http://www.news1.test/broken/90.html", "unknown"))
    listed.insert(120, ("http://www.down.test/arr/1.html", "unknown"))
    source = tmp_path / "list.txt"
    source.write_text("\n".join(url for url, _ in listed) + "\n")
    out = tmp_path / "rows.csv"
    result = runner.invoke(app, ["check", "--from", str(source), "--format", "csv", "-o", str(out)])
    assert result.exit_code == 3, result.output  # unknown is the worst verdict
    with out.open(newline="", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    assert len(rows) == 200
    assert list(rows[0]) == list(COLUMNS)
    assert [(row["target"], row["verdict"]) for row in rows] == listed
    broken, down = rows[90], rows[120]
    assert "http_status (500)" in broken["error"]
    assert "network_error" in down["error"] and "www.down.test" in down["error"]
    good = [row for row in rows if row["verdict"] != "unknown"]
    assert all(row["error"] == "" and row["credit_line"] for row in good)
    ccby = rows[0]
    assert ccby["terms"].startswith("CC BY 4.0") and ccby["terms_source"].startswith(
        "https://creativecommons.org"
    )
    assert "credit the author Ann Writer" in ccby["conditions"].split("; ")
    watch = server.watch
    assert {host: watch.most[host] for host in HOSTS} == dict.fromkeys(HOSTS, 1)  # never two at once
    assert watch.count("/robots.txt") == Counter(dict.fromkeys(HOSTS, 1))
    assert watch.count("/broken/90.html")["www.news1.test"] == 2  # retried once, then reported
    with sqlite3.connect(env) as conn:
        runs = conn.execute("SELECT id, kind, status FROM runs").fetchall()
        assert [(kind, status) for _, kind, status in runs] == [("check", "done")]
        recorded = dict(
            conn.execute("SELECT url, verdict FROM verdicts WHERE run_id = ?", (runs[0][0],)).fetchall()
        )
    assert len(recorded) == 200
    assert recorded["http://www.news1.test/broken/90.html"] == "unknown"
    assert recorded["http://www.news0.test/ccby/0.html"] == "allowed_with_conditions"


def test_the_library_yields_each_page_as_it_is_done(server: Server, batch_settings: Settings) -> None:
    """check_many: one item per target, each with its place in the list; politeness holds across hosts."""
    listed = targets(24)
    items = list(check_many([url for url, _ in listed], settings=batch_settings))
    assert sorted(item.index for item in items) == list(range(24))
    assert {item.target: item.verdict for item in items} == dict(listed)
    assert max(server.watch.most.values()) == 1


def test_closing_the_batch_early_stops_it(server: Server, batch_settings: Settings) -> None:
    """A caller that stops reading (Ctrl-C in the CLI) stops the batch: each host finishes its current page."""
    batch = check_many([url for url, _ in targets(200)], settings=batch_settings, follow=False)
    first = next(batch)
    batch.close()
    assert first.check is not None
    pages = [path for _, path in server.watch.paths if path != "/robots.txt"]
    assert len(pages) < 100


def test_loopback_is_refused_without_allow_private(server: Server, batch_settings: Settings) -> None:
    """The guard's default holds in a batch: every row is unknown with blocked_address, nothing arrives."""
    listed = [url for url, _ in targets(3)]
    items = list(check_many(listed, settings=replace(batch_settings, allow_private=False)))
    assert {item.verdict for item in items} == {"unknown"}
    assert all(item.error and "blocked_address" in item.error for item in items)
    assert server.watch.paths == []


@pytest.mark.parametrize(
    ("kinds", "code"), [(("cc0",), 0), (("cc0", "ccby"), 0), (("ccby", "arr", "cc0"), 1)]
)
def test_the_exit_code_is_the_worst_verdict(
    server: Server, env: Path, kinds: tuple[str, ...], code: int
) -> None:
    lines = "".join(f"http://www.news0.test/{kind}/{n}.html\n" for n, kind in enumerate(kinds))
    result = runner.invoke(app, ["check", "--from", "-", "--format", "json"], input=lines)
    assert result.exit_code == code, result.output


# ---------------------------------------------------------------------------------------- list formats


def test_plain_lines_with_comments_and_blanks() -> None:
    text = "# to check this week\n\nhttps://a.example/1\n  # indented comment\n  b.html  \n\n"
    assert parse_target_list(text) == ["https://a.example/1", "b.html"]


def test_csv_with_a_url_column() -> None:
    text = 'title,url,desk\n"Cranes, ports",https://a.example/1,world\nNo link,,sport\nB,b.html,x\n'
    assert parse_target_list(text) == ["https://a.example/1", "b.html"]


def test_csv_header_is_case_insensitive_and_may_have_a_bom() -> None:
    assert parse_target_list("\ufeffURL\nhttps://a.example/1\n") == ["https://a.example/1"]


def test_a_url_with_a_comma_is_not_a_csv_header() -> None:
    assert parse_target_list("https://a.example/x,y\n") == ["https://a.example/x,y"]


@pytest.mark.parametrize("text", ["", "\n\n", "# only a comment\n", "url,title\n"])
def test_an_empty_list_is_an_input_error(text: str) -> None:
    from rights.errors import InputError

    with pytest.raises(InputError, match="holds no URL or file"):
        parse_target_list(text)


def test_csv_file_from_the_command_line(server: Server, env: Path, tmp_path: Path) -> None:
    source = tmp_path / "list.csv"
    source.write_text(
        "desk,url\nworld,http://www.news0.test/cc0/2.html\nsport,http://www.news1.test/ccby/3.html\n"
    )
    result = runner.invoke(app, ["check", "--from", str(source), "--format", "json"])
    assert result.exit_code == 0, result.output
    rows = json.loads(result.stdout)
    assert [(r["target"], r["verdict"]) for r in rows] == [
        ("http://www.news0.test/cc0/2.html", "allowed"),
        ("http://www.news1.test/ccby/3.html", "allowed_with_conditions"),
    ]
    assert set(rows[0]) == set(COLUMNS)


def test_stdin_and_saved_files(env: Path, tmp_path: Path) -> None:
    """`-` reads the list from stdin; saved files are checked without the network; a bad path is a row."""
    page = tmp_path / "story.html"
    page.write_bytes(page_html("arr", 7))
    result = runner.invoke(
        app, ["check", "--from", "-", "-f", "csv"], input=f"{page}\n{tmp_path / 'gone.html'}\n"
    )
    assert result.exit_code == 3, result.output
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert [row["verdict"] for row in rows] == ["permission_required", "unknown"]
    assert rows[1]["error"].endswith("gone.html: no such file")


def test_markdown_escapes_pipes(env: Path, tmp_path: Path) -> None:
    page = tmp_path / "a|b.html"
    page.write_bytes(page_html("cc0", 1))
    result = runner.invoke(app, ["check", "--from", "-", "-f", "markdown"], input=f"{page}\n")
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[0].startswith("| target | url | verdict |")
    row = lines[2]
    assert "a\\|b.html" in row and row.count(" | ") == len(lines[0].split(" | ")) - 1
    assert lines[-1] == "1 checked: 1 allowed"


def test_table_is_the_default(env: Path, tmp_path: Path) -> None:
    page = tmp_path / "s.html"
    page.write_bytes(page_html("ccby", 1))
    result = runner.invoke(app, ["check", "--from", "-", "--quiet"], input=f"{page}\n")
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines()[1].startswith("allowed with conditions")
    assert result.stderr == ""


# ------------------------------------------------------------------------------------------ bad input


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["page.html", "--from", "list.txt"], "give a page or --from FILE, not both"),
        (["--from", "empty.txt"], "holds no URL or file to check"),
        (["--from", "missing.txt"], "--from missing.txt: no such file"),
        ([], "give a page to check"),
        (["page.html", "-f", "csv"], "--format csv and -o are for batches"),
    ],
)
def test_bad_input_is_one_line_and_exit_2(env: Path, tmp_path: Path, args: list[str], message: str) -> None:
    (tmp_path / "empty.txt").write_text("# nothing yet\n\n")
    (tmp_path / "list.txt").write_text("page.html\n")
    (tmp_path / "page.html").write_bytes(page_html("cc0", 1))
    result = runner.invoke(app, ["check", *args])
    assert result.exit_code == 2, result.output
    assert result.stderr.strip().splitlines() == [result.stderr.strip()]
    assert message in result.stderr
    assert not env.exists() or not sqlite3.connect(env).execute("SELECT 1 FROM runs").fetchall()


def test_help_documents_from_and_the_exit_code() -> None:
    result = runner.invoke(app, ["check", "--help"], env={"COLUMNS": "200"})
    text = " ".join(result.stdout.split())
    assert "--from" in text and "worst verdict" in text and "csv" in text


# ---------------------------------------------------------------------------------- the shared fetcher


def test_shared_fetcher_serves_many_threads_one_request_per_host(
    server: Server, batch_settings: Settings
) -> None:
    """Eight threads asking one host at once: the server never sees two requests together; robots.txt once."""
    from concurrent.futures import ThreadPoolExecutor

    from rights.web.fetch import SharedFetcher

    urls = [f"http://{HOSTS[0]}/cc0/{n}.html" for n in range(16)]
    with SharedFetcher(batch_settings) as shared, ThreadPoolExecutor(8) as pool:
        fetched = list(pool.map(shared.fetch, urls))
    assert [f.status for f in fetched] == [200] * 16
    assert server.watch.most[HOSTS[0]] == 1
    assert server.watch.count("/robots.txt") == Counter({HOSTS[0]: 1})


# --------------------------------------------------------------------------------------------- progress


@pytest.mark.parametrize("quiet", [False, True])
def test_progress_on_a_terminal_unless_quiet(
    server: Server,
    batch_settings: Settings,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    tmp_path: Path,
    quiet: bool,
) -> None:
    from rights.cli.check_batch import run_batch
    from rights.policy import load_policies

    source = tmp_path / "list.txt"
    source.write_text(f"http://{HOSTS[0]}/cc0/2.html\nhttp://{HOSTS[1]}/arr/1.html\n")
    monkeypatch.setattr(sys.stderr, "isatty", lambda: True)
    options = {"use": "noncommercial", "follow": True, "modified": False}
    rows = run_batch(
        str(source), settings=batch_settings, policies=load_policies([]), options=options, quiet=quiet
    )
    assert [row["verdict"] for row in rows] == ["allowed", "permission_required"]  # in the order listed
    err = capsys.readouterr().err
    if quiet:
        assert err == ""
    else:
        assert "[2/2]" in err and "allowed 1" in err and "permission_required 1" in err


@pytest.mark.parametrize("flag", [False, True])
def test_allow_private_applies_to_the_batch(
    server: Server, env: Path, monkeypatch: pytest.MonkeyPatch, flag: bool
) -> None:
    """Without --allow-private every loopback page is an `unknown` row saying it was refused; with it, read."""
    monkeypatch.delenv("RIGHTS_ALLOW_PRIVATE")
    args = ["check", "--from", "-", "-f", "json", *(["--allow-private"] if flag else [])]
    result = runner.invoke(app, args, input=f"http://{HOSTS[0]}/cc0/2.html\nhttp://{HOSTS[1]}/arr/1.html\n")
    rows = json.loads(result.stdout)
    if flag:
        assert [row["verdict"] for row in rows] == ["allowed", "permission_required"]
        assert result.exit_code == 1
    else:
        assert [row["verdict"] for row in rows] == ["unknown", "unknown"]
        assert all("blocked_address" in row["error"] for row in rows)
        assert result.exit_code == 3 and server.watch.paths == []
