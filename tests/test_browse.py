"""The database as people browse it: views, full-text search and Datasette metadata, on a database built by a
real crawl, audit and checks of the fixture web on loopback."""

from __future__ import annotations

import json
import re
import sqlite3
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner

from rights.cli import app
from rights.store import MIGRATIONS, open_store
from rights.store.descriptions import TABLES
from rights.store.models import PageRecord
from rights.store.views import VIEWS, create_views
from tests.sitesrv import SiteServer

ROOT = Path(__file__).resolve().parents[1]
LEDGER = "http://coastline-ledger.test"
BLOG = "http://coastal-walker.test"
RAIL = f"{LEDGER}/nd/rail.html"
BUDGET = f"{LEDGER}/arr/budget.html"
NO_CREDIT = f"{BLOG}/posts/no-credit.html"
runner = CliRunner()


def _net(site: SiteServer, db: Path) -> list[str]:
    args = ["--db", str(db), "--allow-private", "--delay", "0"]
    for entry in site.resolve:
        args += ["--resolve", entry]
    return args


def _ok(args: list[str], codes: tuple[int, ...] = (0,)) -> str:
    result = runner.invoke(app, args)
    assert result.exit_code in codes, result.output
    return result.stdout


@pytest.fixture(scope="module")
def built(sites: SiteServer, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """A database after: a crawl of the Ledger, two audits of the blog (a post fixed in between), and checks of
    the Ledger's rail story before and after its licence changed from CC BY-ND to CC BY-SA."""
    sites.reset()
    db = tmp_path_factory.mktemp("browse") / "rights.db"
    net = _net(sites, db)
    with pytest.MonkeyPatch.context() as env:  # the Ledger's AI preferences read, then changed
        env.delenv("RIGHTS_OFFLINE", raising=False)
        env.setenv("RIGHTS_ROBOTS_TTL", "0")
        _ok(["crawl", f"{LEDGER}/", *net])
        gptbot = b"User-agent: GPTBot\nDisallow: /\n\nUser-agent: *\nAllow: /\n"
        with sites.route(
            "coastline-ledger.test", "/robots.txt", body=gptbot, headers={"Content-Type": "text/plain"}
        ):
            _ok(["crawl", f"{LEDGER}/", *net])
    _ok(["audit", f"{BLOG}/", "--format", "json", *net], (1,))
    fixed = (ROOT / "fixtures" / "audit" / "no-credit-fixed.html").read_bytes()
    html = {"Content-Type": "text/html; charset=utf-8"}
    with sites.route("coastal-walker.test", "/posts/no-credit.html", body=fixed, headers=html):
        _ok(["audit", f"{BLOG}/", "--format", "json", *net], (1,))
    rail = (ROOT / "fixtures" / "sites" / "coastline-ledger.test" / "nd" / "rail.html").read_bytes()
    relicensed = rail.replace(b"by-nd/4.0", b"by-sa/4.0").replace(b"CC BY-ND 4.0", b"CC BY-SA 4.0")
    with pytest.MonkeyPatch.context() as env:  # check and inspect read the network settings from RIGHTS_*
        env.setenv("RIGHTS_ALLOW_PRIVATE", "1")
        env.setenv("RIGHTS_RESOLVE", ",".join(sites.resolve))
        env.setenv("RIGHTS_DELAY", "0")
        _ok(["check", BUDGET, "--db", str(db)], (1,))
        _ok(["check", RAIL, "--use", "commercial", "--db", str(db)])
        with sites.route("coastline-ledger.test", "/nd/rail.html", body=relicensed, headers=html):
            _ok(["check", RAIL, "--use", "commercial", "--db", str(db)])
            _ok(["inspect", RAIL, "--db", str(db)])  # a second reading with no change: no new row
    sites.reset()
    yield db


def _rows(db: Path, sql: str, params: tuple[object, ...] = ()) -> list[dict[str, object]]:
    """Rows through the plain sqlite3 module: what any SQLite tool sees."""
    conn = sqlite3.connect(db)
    conn.row_factory = sqlite3.Row
    try:
        return [dict(row) for row in conn.execute(sql, params).fetchall()]
    finally:
        conn.close()


@pytest.mark.parametrize("view", sorted(VIEWS))
def test_every_view_answers_a_plain_sqlite3_query(built: Path, view: str) -> None:
    """Each view is there, readable without rights or sqlite-utils, and has rows on this database."""
    rows = _rows(built, f"SELECT * FROM {view}")
    assert rows, view
    assert list(rows[0]) == list(TABLES[view][1])  # the columns are the described ones, in order


def test_page_rights_is_the_latest_reading_of_each_page(built: Path) -> None:
    rows = {row["page"]: row for row in _rows(built, "SELECT * FROM page_rights")}
    assert set(rows) == {RAIL, BUDGET}  # one row per page, though the rail story was read three times
    rail = rows[RAIL]
    assert rail["licence"] == "cc-by-sa-4.0" and rail["licence_scope"] == "article"
    assert rail["licence_url"] == "https://creativecommons.org/licenses/by-sa/4.0/"
    assert rail["copyright_holder"] == "Coastline Ledger" and rail["copyright_year"] == "2024"
    assert rail["title"] == "A night train returns to the coast line" and rail["site"] == "Coastline Ledger"
    assert rail["is_republication"] == 0 and rail["origin_name"] is None
    assert rail["terms_stance"] == "conditional" and "credit" in str(rail["terms_conditions"])
    latest = _rows(built, "SELECT max(id) AS id, run_id, checked_at FROM signals WHERE url = ?", (RAIL,))[0]
    assert (rail["run_id"], rail["read_at"]) == (latest["run_id"], latest["checked_at"])
    assert rows[BUDGET]["licence"] is None and rows[BUDGET]["copyright_holder"] == "Coastline Ledger"


def test_latest_verdicts_one_row_per_page_and_use(built: Path) -> None:
    rows = {(row["page"], row["use"]): row for row in _rows(built, "SELECT * FROM latest_verdicts")}
    assert set(rows) == {(BUDGET, "noncommercial"), (RAIL, "commercial")}
    rail = rows[(RAIL, "commercial")]  # the second check, after the change to CC BY-SA
    assert rail["verdict"] == "allowed_with_conditions"
    assert rail["governing_policy_id"] == "cc-by-sa-4.0" and "BY-SA" in str(rail["governing_terms"])
    assert rail["rights_holder"] == "Coastline Ledger" and rail["original_url"] == RAIL
    conditions = str(rail["conditions"])
    assert "credit the author Tomasz Wierzbicki" in conditions and "; " in conditions
    assert "{" not in conditions  # readable text, not JSON
    assert str(rail["credit_line"]).startswith(
        "“A night train returns to the coast line” by Tomasz Wierzbicki"
    )
    budget = rows[(BUDGET, "noncommercial")]
    assert (
        budget["verdict"] == "permission_required" and budget["governing_policy_id"] == "all-rights-reserved"
    )


def test_open_findings_are_the_latest_audit_with_both_urls_and_the_share(built: Path) -> None:
    rows = _rows(built, "SELECT * FROM open_findings")
    found = {(row["copy_url"], row["kind"]) for row in rows}
    both = {
        (f"{BLOG}/posts/credit-no-link.html", "attribution_without_link"),
        (f"{BLOG}/posts/credit-no-link.html", "missing_required_credit"),
        (f"{BLOG}/posts/edited-nd.html", "licence_breach"),
    }
    # The post fixed before the second audit now credits its source, which gave no permission to copy: its
    # copied_without_attribution is gone, a licence_breach is new.
    assert found == both | {(NO_CREDIT, "licence_breach")}
    latest_audit = _rows(built, "SELECT max(id) AS id FROM runs WHERE kind = 'audit'")[0]["id"]
    for row in rows:
        assert str(row["original_url"]).startswith(f"{LEDGER}/")
        assert isinstance(row["copied_share"], float) and 0 < row["copied_share"] <= 1
        assert row["site"] == "coastal-walker.test" and row["run_id"] == latest_audit
        assert row["copy_title"] and row["original_title"] and row["finding"]
        if (row["copy_url"], row["kind"]) in both:
            assert str(row["first_seen"]) < str(row["last_seen"])  # found by both audits
        else:
            assert row["first_seen"] == row["last_seen"] and row["original_url"] == BUDGET
    link = next(row for row in rows if row["kind"] == "attribution_without_link")
    assert link["original_url"] == RAIL and f"{round(100 * float(link['copied_share']))}%" in str(
        link["finding"]
    )


def test_rights_changes_shows_the_licence_change_once(built: Path) -> None:
    rows = _rows(built, "SELECT * FROM rights_changes")
    assert len(rows) == 1
    (change,) = rows
    assert change["page"] == RAIL and change["what"] == "licence"
    assert (change["old_value"], change["new_value"]) == ("cc-by-nd-4.0", "cc-by-sa-4.0")
    assert change["change"] == "cc-by-nd-4.0 -> cc-by-sa-4.0"
    assert str(change["previous_reading_at"]) < str(change["changed_at"])


def test_the_documented_queries_run(built: Path) -> None:
    """Every SQL example of docs/database.md runs on a real database."""
    doc = (ROOT / "docs" / "database.md").read_text(encoding="utf-8")
    blocks = re.findall(r"```sql\n(.*?)```", doc, flags=re.S)
    statements = [s for block in blocks for s in block.split(";") if "SELECT" in s]
    inline = re.findall(r"`(SELECT [^`]+)`", doc)
    assert len(statements) >= 4 and inline
    for sql in [*statements, *inline]:
        _rows(built, sql)


def test_search_finds_a_page_by_a_word_of_its_text(built: Path) -> None:
    with open_store(built) as store:
        found = [row["url"] for row in store.search_pages("sleeper")]  # only in the rail story's text
        assert set(found) == {RAIL, f"{BLOG}/posts/credit-no-link.html"}
        assert store.search_pages("compartments sleeper")[0]["snippet"].count("[") >= 1
        assert store.search_pages("zeppelin") == []
    out = _ok(["db", "search", "sleeper", "--format", "json", "--db", str(built)])
    assert {row["url"] for row in json.loads(out)} == set(found)


def _page(url: str, title: str, text: str) -> PageRecord:
    return PageRecord(url=url, final_url=url, status=200, fetch_status="ok", fetched_at="2026-01-01", title=title,
                      text=text)  # fmt: skip


def test_saving_a_page_again_re_indexes_it(tmp_path: Path) -> None:
    url = "https://news.example.org/story"
    with open_store(tmp_path / "rights.db") as store:
        store.save_page(_page(url, "Harbour cranes", "The cranes arrived at dawn."))
        assert [r["url"] for r in store.search_pages("cranes")] == [url]
        store.save_page(_page(url, "Harbour ferries", "The ferries left at dusk."))
        assert store.search_pages("cranes") == []
        assert [r["url"] for r in store.search_pages("ferries dusk")] == [url]
        store.touch_page(url, run_id=None)  # a revisit that found the page unchanged keeps it findable
        assert [r["url"] for r in store.search_pages("ferry")] == [url]  # stemmed
        assert [r["url"] for r in store.search_pages("title:harbour", raw=True)] == [url]


def test_an_older_database_gains_the_views_and_indexes_its_pages(tmp_path: Path) -> None:
    path = tmp_path / "old.db"
    before = MIGRATIONS[: [name for name, _ in MIGRATIONS].index("0008_views_and_search")]
    with open_store(path, migrations=before) as store, store.transaction() as conn:  # a page as 0.7 wrote it
        conn.execute(
            "INSERT INTO pages (url, final_url, status, fetch_status, fetched_at, title, text)"
            " VALUES (?, ?, 200, 'ok', '2026-01-01T00:00:00+00:00', 'Night train', 'The sleeper returns.')",
            ("https://news.example.org/a", "https://news.example.org/a"),
        )
        assert not store.query("SELECT name FROM sqlite_master WHERE type = 'view'")
    with open_store(path) as store:
        old = store.get_page("https://news.example.org/a")
        assert old is not None and old.ai_usage is None  # stored before AI usage was read: not "not stated"
        assert store.site_ai_readings() == []
        assert {r["name"] for r in store.query("SELECT name FROM sqlite_master WHERE type = 'view'")} == set(
            VIEWS
        )
        assert [r["url"] for r in store.search_pages("sleeper")] == ["https://news.example.org/a"]
        with store.transaction():
            create_views(store.db)  # recreating the views is safe
        assert len(store.views()) == len(VIEWS)


def test_every_table_view_and_column_has_a_description(tmp_path: Path) -> None:
    """Fails when a table, view or column is added without saying what it means (rights/store/descriptions)."""
    with open_store(tmp_path / "fresh.db") as store:
        schema = store.schema()
    assert set(schema) == set(TABLES), "describe new tables in rights/store/descriptions.py, drop stale ones"
    for name, (_kind, columns) in schema.items():
        description, described = TABLES[name]
        assert description.strip(), name
        assert set(columns) == set(described), f"{name}: describe exactly its columns"
        assert all(text.strip() for text in described.values()), name


def test_db_metadata_is_datasette_metadata_for_this_file(tmp_path: Path) -> None:
    db = tmp_path / "archive.db"
    open_store(db).close()
    data = json.loads(_ok(["db", "metadata", "--db", str(db)]))
    tables = data["databases"]["archive"]["tables"]  # Datasette names a database after its file
    assert set(tables) == set(TABLES)
    assert tables["open_findings"]["columns"]["copied_share"].startswith("share of the original")
    out = tmp_path / "metadata.json"
    _ok(["db", "metadata", "-o", str(out), "--db", str(db)])
    assert json.loads(out.read_text()) == data
    views = _ok(["db", "views", "--db", str(db)])
    assert all(f"{name}:" in views for name in VIEWS)


def test_db_commands_fail_cleanly(tmp_path: Path) -> None:
    missing = runner.invoke(app, ["db", "metadata", "--db", str(tmp_path / "none.db")])
    assert missing.exit_code == 3 and "no database here yet" in missing.stderr
    assert not (tmp_path / "none.db").exists()
    open_store(tmp_path / "r.db").close()
    bad = runner.invoke(app, ["db", "search", '"unclosed', "--raw", "--db", str(tmp_path / "r.db")])
    assert bad.exit_code == 2 and bad.stderr.count("\n") == 1 and "FTS5 query syntax" in bad.stderr
    empty = runner.invoke(app, ["db", "search", "  ", "--db", str(tmp_path / "r.db")])
    assert empty.exit_code == 2 and "at least one word" in empty.stderr


def test_datasette_inspects_and_serves_the_database(built: Path, tmp_path: Path) -> None:
    """Only where Datasette is installed (the `datasette` extra)."""
    pytest.importorskip("datasette")
    datasette = [sys.executable, "-m", "datasette"]
    fresh = tmp_path / "fresh" / "rights.db"
    fresh.parent.mkdir()
    _ok(
        ["db", "metadata", "-o", str(fresh.parent / "metadata.json"), "--db", str(fresh)], (3,)
    )  # no file yet
    open_store(fresh).close()
    _ok(["db", "metadata", "-o", str(fresh.parent / "metadata.json"), "--db", str(fresh)])
    inspected = subprocess.run(
        [*datasette, "inspect", str(fresh)], capture_output=True, text=True, check=False
    )
    assert inspected.returncode == 0, inspected.stderr
    described = subprocess.run(  # the metadata beside the database: Datasette's configuration-directory mode
        [*datasette, str(fresh.parent), "--get", "/rights/open_findings"], capture_output=True, text=True, check=False
    )  # fmt: skip
    assert described.returncode == 0 and TABLES["open_findings"][0] in described.stdout.replace("&#39;", "'")
    metadata = tmp_path / "metadata.json"
    _ok(["db", "metadata", "-o", str(metadata), "--db", str(built)])
    inspected = subprocess.run(
        [*datasette, "inspect", str(built)], capture_output=True, text=True, check=False
    )
    assert inspected.returncode == 0, inspected.stderr
    assert {"pages", "findings", "pages_fts"} <= set(json.loads(inspected.stdout)["rights"]["tables"])
    served = subprocess.run(
        [*datasette, str(built), "--metadata", str(metadata), "--get", "/rights/open_findings.json?_shape=array"],
        capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert served.returncode == 0, served.stderr
    assert len(json.loads(served.stdout)) == 4
    searched = subprocess.run(
        [*datasette, str(built), "--get", "/rights/pages.json?_search=sleeper&_shape=array&_col=title"],
        capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert {row["url"] for row in json.loads(searched.stdout)} >= {RAIL}
