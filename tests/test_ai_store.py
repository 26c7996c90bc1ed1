"""AI-usage preferences stored by crawls: each page's own (headers and tags) in `pages.ai_usage`, each site's
(robots.txt, tdmrep.json, RSL) once per run in `site_ai`, the `ai_preferences` and `ai_preference_changes`
views, `rights report --ai` and the change between two runs; served by real HTTP servers on loopback into real
SQLite files."""

from __future__ import annotations

import csv
import io
import json
import sqlite3
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import replace
from pathlib import Path

import pytest
from typer.testing import CliRunner

from rights.cli import app
from rights.config import Settings
from rights.store import open_store
from rights.web.crawl import run_crawl
from tests.sitesrv import SiteServer

HOST = "norobots.crawl.test"
ORIGIN = f"http://{HOST}"
HTML = {"Content-Type": "text/html; charset=utf-8"}
TEXT = {"Content-Type": "text/plain"}
HOME = (
    b"<!doctype html><html><head><title>Harbour notes</title></head><body><article><h1>Harbour notes</h1>"
    b'<p>The ferry runs twice a day.</p><a href="/story.html">A story</a></article></body></html>'
)
STORY = b"<!doctype html><html><head><title>A story</title></head><body><p>Gulls and tides.</p></body></html>"
OPEN_ROBOTS = b"User-agent: *\nAllow: /\n"
GPT_ROBOTS = b"User-agent: GPTBot\nDisallow: /\n\nUser-agent: *\nAllow: /\n"
runner = CliRunner()


@contextmanager
def served(site: SiteServer, robots: bytes) -> Iterator[None]:
    """The site: a home page that links to a story carrying `X-Robots-Tag: noai`, and `robots`."""
    with ExitStack() as stack:
        stack.enter_context(site.route(HOST, "/robots.txt", headers=TEXT, body=robots))
        stack.enter_context(site.route(HOST, "/", headers=HTML, body=HOME))
        stack.enter_context(
            site.route(HOST, "/story.html", headers={**HTML, "X-Robots-Tag": "noai"}, body=STORY)
        )
        yield


def _online(settings: Settings) -> Settings:
    return replace(settings, offline=False, robots_ttl=0)  # robots.txt read afresh by each run


def _rows(db: Path, sql: str) -> list[dict[str, object]]:
    conn = sqlite3.connect(db)
    conn.row_factory = sqlite3.Row
    try:
        return [dict(row) for row in conn.execute(sql).fetchall()]
    finally:
        conn.close()


def _crawl(settings: Settings) -> int:
    with open_store(settings.database()) as store:
        return run_crawl([ORIGIN + "/"], settings, store).run_id


def test_a_crawl_stores_the_pages_tags_and_the_sites_robots_groups(
    site: SiteServer, settings: Settings
) -> None:
    """robots.txt disallowing GPTBot is the site's ai-train reservation; `X-Robots-Tag: noai` the story's."""
    settings = _online(settings)
    with served(site, GPT_ROBOTS):
        run_id = _crawl(settings)
    db = settings.database()
    story = _rows(db, f"SELECT ai_usage FROM pages WHERE url = '{ORIGIN}/story.html'")[0]
    usage = json.loads(str(story["ai_usage"]))
    assert usage["ai-train"] == "disallowed" and usage["ai-input"] == "disallowed"
    assert {s["family"] for s in usage["signals"]} == {"robots_meta"}
    assert usage["signals"][0]["where"].startswith("HTTP header X-Robots-Tag")
    home = json.loads(str(_rows(db, f"SELECT ai_usage FROM pages WHERE url = '{ORIGIN}/'")[0]["ai_usage"]))
    assert home == {"search": "not stated", "ai-input": "not stated", "ai-train": "not stated"}
    [reading] = _rows(db, "SELECT * FROM site_ai")
    assert reading["origin"] == ORIGIN and reading["run_id"] == run_id and reading["complete"] == 1
    assert reading["ai_train"] == "disallowed" and reading["search"] == "not stated"
    signals = json.loads(str(reading["signals"]))
    gpt = next(s for s in signals if "GPTBot" in s["detail"])
    assert gpt["where"] == "robots.txt line 2" and gpt["evidence"]["text"] == "Disallow: /"
    assert "robots.txt line 2" in str(reading["summary"])
    [view] = _rows(db, "SELECT * FROM ai_preferences")
    assert view["origin"] == ORIGIN and view["ai_train"] == "disallowed" and view["complete"] == 1
    pages = {r["page"]: r for r in _rows(db, "SELECT * FROM page_ai_usage")}
    assert pages[f"{ORIGIN}/story.html"]["ai_train"] == "disallowed"
    assert "ai-train disallowed by HTTP header X-Robots-Tag" in str(pages[f"{ORIGIN}/story.html"]["signals"])
    assert pages[f"{ORIGIN}/"]["ai_train"] == "not stated" and pages[f"{ORIGIN}/"]["signals"] is None
    assert len(site.requests(host=HOST, path="/robots.txt")) == 1  # the crawl's robots.txt, read once
    assert len(site.requests(host=HOST, path="/.well-known/tdmrep.json")) == 1


def test_an_offline_crawl_records_that_the_site_was_not_read(site: SiteServer, settings: Settings) -> None:
    settings = replace(settings, offline=True)
    with served(site, GPT_ROBOTS):
        _crawl(settings)
    [reading] = _rows(settings.database(), "SELECT * FROM site_ai")
    assert reading["complete"] == 0 and reading["ai_train"] == "not stated"
    assert "not read (offline)" in json.loads(str(reading["not_read"]))[0]
    assert not site.requests(host=HOST, path="/.well-known/tdmrep.json")
    story = _rows(settings.database(), f"SELECT ai_usage FROM pages WHERE url = '{ORIGIN}/story.html'")[0]
    assert json.loads(str(story["ai_usage"]))["ai-train"] == "disallowed"  # the page's own tags still count


def test_a_change_between_two_runs_is_a_row_of_ai_preference_changes(
    site: SiteServer, settings: Settings
) -> None:
    settings = _online(settings)
    with served(site, OPEN_ROBOTS):
        _crawl(settings)
    with served(site, b"User-agent: *\nDisallow: /private/\n"):
        _crawl(replace(settings, offline=True))  # not read: no change either way
    with served(site, GPT_ROBOTS):
        second = _crawl(settings)
    changes = _rows(settings.database(), "SELECT * FROM ai_preference_changes")
    assert [(c["use"], c["change"], c["run_id"]) for c in changes] == [
        ("ai-train", "not stated -> disallowed", second)
    ]
    assert "GPTBot" in str(changes[0]["signals"])


def _cli(args: list[str], db: Path, code: int = 0) -> str:
    result = runner.invoke(app, [*args, "--db", str(db)])
    assert result.exit_code == code, result.output
    return result.stdout


def test_report_ai_lists_a_sites_preferences_with_their_signals_and_changes(
    site: SiteServer, settings: Settings
) -> None:
    settings = _online(settings)
    with served(site, OPEN_ROBOTS):
        _crawl(settings)
    with served(site, GPT_ROBOTS):
        _crawl(settings)
    db = settings.database()
    table = _cli(["report", "--ai", HOST], db)
    assert f"{ORIGIN}  read " in table
    assert "AI training: disallowed" in table and "search: not stated" in table
    assert "robots.txt line 2: GPTBot: Disallow: / (a group names GPTBot) (reserves)" in table
    assert f"{ORIGIN}: ai-train not stated -> disallowed (robots.txt line 2: GPTBot: Disallow: /" in table
    assert (
        f"Pages read: 2; their own headers and tags: ai-input disallowed on 1 (e.g. {ORIGIN}/story.html);"
        f" ai-train disallowed on 1 (e.g. {ORIGIN}/story.html)" in table
    )
    old = _cli(["report", "--ai", "--since", "2000-01-01"], db)  # no reading that old: nothing to compare
    assert "Changes since the last reading before 2000-01-01: none" in old
    assert (
        "takes 'last' or a date"
        in runner.invoke(app, ["report", "--ai", "--since", "May", "--db", str(db)]).output
    )
    data = json.loads(_cli(["report", "--ai", "--format", "json"], db))
    [entry] = data["sites"]
    assert entry["preferences"]["ai-train"] == "disallowed" and entry["complete"] is True
    assert [(c["use"], c["old"], c["new"]) for c in data["changes"]] == [
        ("ai-train", "not stated", "disallowed")
    ]
    rows = list(csv.DictReader(io.StringIO(_cli(["report", "--ai", "-f", "csv"], db))))
    assert {(r["kind"], r["use"], r["preference"]) for r in rows} >= {
        ("preference", "ai-train", "disallowed"),
        ("change", "ai-train", "disallowed"),
    }
    markdown = _cli(["report", "--ai", "-f", "markdown"], db)
    assert (
        "| AI training | disallowed | robots.txt line 2: GPTBot: Disallow: / (a group names GPTBot) (reserves) |"
        in markdown
    )
    assert (
        "unknown format 'html' for --ai"
        in runner.invoke(app, ["report", "--ai", "-f", "html", "--db", str(db)]).output
    )
    assert (
        "no AI-usage reading of other.example"
        in runner.invoke(app, ["report", "--ai", "other.example", "--db", str(db)]).output
    )


def test_report_ai_says_when_the_site_was_not_read(
    site: SiteServer, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`rights crawl --offline` fetches the pages but not the site's AI-usage files, and says so."""
    monkeypatch.delenv("RIGHTS_OFFLINE")
    db = tmp_path / "rights.db"
    args = ["crawl", f"{ORIGIN}/", "--offline", "--allow-private", "--delay", "0", "--quiet"]
    for entry in site.resolve:
        args += ["--resolve", entry]
    with served(site, GPT_ROBOTS):
        _cli(args, db)
    assert not site.requests(host=HOST, path="/.well-known/tdmrep.json")
    assert site.requests(host=HOST, path="/story.html")
    table = _cli(["report", "--ai"], db)
    assert "(the site's files were not read: nothing is known)" in table
    assert "not read (offline)" in table and "Changes since the previous reading: none" in table


def test_the_watchlist_reports_a_site_that_starts_reserving_ai_training(
    site: SiteServer, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("RIGHTS_OFFLINE")
    monkeypatch.setenv("RIGHTS_ROBOTS_TTL", "0")
    path = tmp_path / "rights.toml"
    path.write_text(f'[settings]\ndelay = 0.0\n\n[[audit]]\nsite = "{ORIGIN}/"\nmax_pages = 5\n')
    db = tmp_path / "rights.db"
    args = ["crawl", "--watchlist", str(path), "--db", str(db), "--allow-private"]
    for entry in site.resolve:
        args += ["--resolve", entry]
    with served(site, OPEN_ROBOTS):
        first = runner.invoke(app, args)
    assert "AI-usage preference changed" not in first.output, first.output
    with served(site, GPT_ROBOTS):
        second = runner.invoke(app, args)
    assert (
        f"AI-usage preference changed: {ORIGIN}: ai-train not stated -> disallowed (robots.txt line 2: GPTBot:"
        in second.output
    ), second.output
    with served(site, GPT_ROBOTS):
        third = runner.invoke(app, [*args, "--format", "json"])
    assert json.loads(third.stdout)["ai_changes"] == []  # unchanged since: nothing to report


def test_report_since_last_names_a_site_whose_preferences_changed_between_audits(
    site: SiteServer, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("RIGHTS_OFFLINE")
    monkeypatch.setenv("RIGHTS_ROBOTS_TTL", "0")
    db = tmp_path / "rights.db"
    args = ["audit", f"{ORIGIN}/", "--allow-private", "--delay", "0"]
    for entry in site.resolve:
        args += ["--resolve", entry]
    with served(site, OPEN_ROBOTS):
        _cli(args, db)
    assert "AI-usage" not in _cli(["report", "--since", "last"], db)  # one audit: nothing to compare
    with served(site, GPT_ROBOTS):
        _cli(args, db)
    table = _cli(["report", "--since", "last"], db)
    assert "AI-usage preferences changed since the previous audit: 1" in table
    assert f"{ORIGIN}: ai-train not stated -> disallowed (robots.txt line 2: GPTBot" in table
    data = json.loads(_cli(["report", "--since", "last", "-f", "json"], db))
    assert [(c["origin"], c["use"], c["new"]) for c in data["ai_changes"]] == [
        (ORIGIN, "ai-train", "disallowed")
    ]
    html = _cli(["report", "--since", "last", "-f", "html"], db)
    assert 'id="ai-changes"' in html and "not stated &rarr; <strong>disallowed</strong>" in html
    assert "## AI-usage preferences changed since the previous audit" in _cli(
        ["report", "--since", "last", "-f", "markdown"], db
    )


def test_a_failing_site_reading_is_recorded_and_the_crawl_goes_on(
    site: SiteServer, settings: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    async def broken(self: object, page_url: str, page: object = None) -> object:
        raise RuntimeError("reader bug")

    monkeypatch.setattr("rights.web.crawl.run.SiteReader.read", broken)
    settings = _online(settings)
    with served(site, GPT_ROBOTS), open_store(settings.database()) as store:
        summary = run_crawl([ORIGIN + "/"], settings, store)
    assert summary.status == "done" and summary.fetched == 2
    [reading] = _rows(settings.database(), "SELECT * FROM site_ai")
    assert reading["complete"] == 0 and reading["error"] == "RuntimeError: reader bug"
    assert "(RuntimeError: reader bug)" in json.loads(str(reading["not_read"]))[0]
