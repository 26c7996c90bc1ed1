"""Scheduled crawls from a watchlist: validation, a full run, the lock, incremental re-runs."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from rights.auditing.watchlist import load_watchlist
from rights.cli import app
from rights.errors import ConfigError
from rights.store import open_store
from tests.sitesrv import SiteServer

runner = CliRunner()
WATCHLIST = """
[settings]
delay = 0.0

[[audit]]
site = "http://coastal-walker.test/"
max_pages = 50

[[feeds]]
url = "http://blog.crawl.test/feed.xml"

[[articles]]
original = "http://coastline-ledger.test/nd/harbour.html"
republished = ["http://harbourside-partner.test/stories/harbour.html"]
"""


def _args(site: SiteServer, db: Path, path: Path) -> list[str]:
    args = ["crawl", "--watchlist", str(path), "--db", str(db), "--allow-private", "--format", "json"]
    for entry in site.resolve:
        args += ["--resolve", entry]
    return args


def test_watchlist_runs_audits_feeds_and_verifications(site: SiteServer, tmp_path: Path) -> None:
    path = tmp_path / "rights.toml"
    path.write_text(WATCHLIST)
    db = tmp_path / "rights.db"
    result = runner.invoke(app, _args(site, db, path))
    assert result.exit_code == 1, result.output  # the audited blog has open findings
    data = json.loads(result.stdout)
    assert data["audits"][0]["posts"] == 6 and data["audits"][0]["findings"] >= 2
    assert data["feeds"][0]["entries"] >= 1
    assert data["articles"] == [
        {
            "copy": "http://harbourside-partner.test/stories/harbour.html",
            "run_id": data["articles"][0]["run_id"],
            "failed": 0,
        }
    ]
    with open_store(db) as store:
        kinds = [run.kind for run in reversed(store.list_runs())]
    assert kinds.count("audit") == 1 and kinds.count("verify") == 1 and "crawl" in kinds

    again = runner.invoke(app, _args(site, db, path))
    assert json.loads(again.stdout)["audits"][0]["reused"] == 6  # nothing changed: nothing re-analysed


def test_a_second_run_while_one_holds_the_lock_exits_75(site: SiteServer, tmp_path: Path) -> None:
    path = tmp_path / "rights.toml"
    path.write_text(WATCHLIST)
    db = tmp_path / "rights.db"
    with open_store(db) as store, store.lock():
        result = runner.invoke(app, _args(site, db, path))
    assert result.exit_code == 75
    assert "already" in result.stderr or "another rights run" in result.stderr


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("[[audit]]\nsite = 'blog.example'\n", "audit[0].site: "),
        ("[[audit]]\nsite = 'https://a.example/'\nuse = 'resale'\n", "audit[0].use: expected one of"),
        (
            "[[audit]]\nsite = 'https://a.example/'\nmax_pages = 0\n",
            "audit[0].max_pages: expected a positive",
        ),
        ("[[audit]]\nsite = 'https://a.example/'\nsurprise = 1\n", "audit[0].surprise: unknown key"),
        ("[[articles]]\noriginal = 'https://a.example/x'\n", "articles[0].republished: expected a non-empty"),
        ("[[feeds]]\nurl = 'ftp://a.example/feed'\n", "feeds[0].url: "),
        ("[[audit]\n", "not valid TOML"),
        ("[watch]\n", "watchlist.watch: unknown key"),
    ],
)
def test_watchlist_errors_name_the_file_and_key(tmp_path: Path, text: str, message: str) -> None:
    path = tmp_path / "rights.toml"
    path.write_text(text)
    with pytest.raises(ConfigError, match=re.escape(message)):
        load_watchlist(path)
    result = runner.invoke(app, ["crawl", "--watchlist", str(path), "--db", str(tmp_path / "r.db")])
    assert result.exit_code == 2 and str(path) in result.stderr
    assert not (tmp_path / "r.db").exists()


def test_crawl_needs_urls_or_a_watchlist(tmp_path: Path) -> None:
    result = runner.invoke(app, ["crawl", "--db", str(tmp_path / "r.db")])
    assert result.exit_code == 2


def test_a_watchlist_with_warc_writes_what_its_crawls_fetch(site: SiteServer, tmp_path: Path) -> None:
    """`warc_path` in the watchlist's [settings] (or --warc): the audit's and the feed's crawls write to it,
    and the audit's findings point at their posts' records."""
    warc = tmp_path / "evidence.warc.gz"
    path = tmp_path / "rights.toml"
    path.write_text(WATCHLIST.replace("delay = 0.0", f"delay = 0.0\nwarc_path = {json.dumps(str(warc))}"))
    db = tmp_path / "rights.db"
    result = runner.invoke(app, _args(site, db, path))
    assert result.exit_code == 1, result.output
    with open_store(db) as store:
        captured = {row["url"] for row in store.query("SELECT url FROM warc_captures")}
        assert "http://coastal-walker.test/posts/no-credit.html" in captured  # the audit's crawl
        assert "http://blog.crawl.test/posts/first-post.html" in captured  # the feed's
        captures = [
            json.loads(row["data"]).get("capture") for row in store.query("SELECT data FROM findings")
        ]
        audited = [c for c in captures if c]
        assert audited and all(c["archive"] == str(warc) for c in audited)
    bad = tmp_path / "bad.toml"
    bad.write_text(WATCHLIST.replace("delay = 0.0", f"delay = 0.0\nwarc_path = {json.dumps(str(tmp_path))}"))
    result = runner.invoke(app, _args(site, tmp_path / "other.db", bad))
    assert result.exit_code == 2 and "is a directory" in result.stderr
    assert not (tmp_path / "other.db").exists()
