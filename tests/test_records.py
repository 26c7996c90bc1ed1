"""Every inspect, check and verify is recorded in the SQLite database; `rights history` reads it back."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

from typer.testing import CliRunner

from rights.cli import app

ROOT = Path(__file__).resolve().parents[1]
SEED = str(ROOT / "fixtures" / "pages" / "republished-seed.html")
SEED_URL = "https://www.globalresearch.ca/harbour-cranes-new-trade-map/5770001"
runner = CliRunner()


def _rows(db: Path, sql: str) -> list[tuple[object, ...]]:
    with sqlite3.connect(db) as conn:
        return conn.execute(sql).fetchall()


def test_check_records_run_signals_and_verdict(tmp_path: Path) -> None:
    db = tmp_path / "rights.db"
    for use in ("noncommercial", "excerpt"):
        result = runner.invoke(
            app, ["check", SEED, "--url", SEED_URL, "--no-follow", "--use", use, "--db", str(db)]
        )
        assert result.exit_code in (0, 1), result.output
    assert _rows(db, "SELECT kind, status FROM runs ORDER BY id") == [("check", "done"), ("check", "done")]
    assert _rows(db, "SELECT use, verdict, policy FROM verdicts ORDER BY id") == [
        ("noncommercial", "permission_required", "the-cradle"),
        ("excerpt", "allowed_with_conditions", "the-cradle"),
    ]
    assert _rows(db, "SELECT origin_name, copyright_holder FROM signals")[0] == (
        "The Cradle",
        "Mira Castellanos, Global Research",
    )
    history = runner.invoke(app, ["history", SEED_URL, "--db", str(db), "--format", "json"])
    assert history.exit_code == 0
    verdicts = json.loads(history.stdout)["verdicts"]
    assert [v["use"] for v in verdicts] == ["excerpt", "noncommercial"]


def test_inspect_is_recorded_under_the_file_uri_without_url(tmp_path: Path) -> None:
    db = tmp_path / "rights.db"
    assert runner.invoke(app, ["inspect", SEED, "--db", str(db)]).exit_code == 0
    assert _rows(db, "SELECT url FROM signals") == [(Path(SEED).resolve().as_uri(),)]


def test_a_failed_check_leaves_a_failed_run_and_no_half_record(tmp_path: Path) -> None:
    db = tmp_path / "rights.db"
    page = tmp_path / "page.html"
    page.write_text(
        "<p>This article was originally published on <a href='https://origin.invalid/x'>Origin</a>.</p>"
    )
    result = runner.invoke(app, ["check", str(page), "--url", "https://copy.invalid/a", "--db", str(db)])
    # following the unreachable original is reported, not fatal: the check itself completes
    assert result.exit_code == 1, result.output
    assert _rows(db, "SELECT status FROM runs") == [("done",)]
    assert _rows(db, "SELECT count(*) FROM verdicts") == [(1,)]


def test_bad_input_touches_no_database(tmp_path: Path) -> None:
    db = tmp_path / "rights.db"
    result = runner.invoke(app, ["check", "example.com", "--db", str(db)])
    assert result.exit_code == 2
    assert not db.exists()


def test_a_file_that_is_not_a_database_is_refused_and_kept(tmp_path: Path) -> None:
    db = tmp_path / "notes.db"
    db.write_text("my notes")
    result = runner.invoke(app, ["check", SEED, "--no-follow", "--db", str(db)])
    assert result.exit_code == 3
    assert "file is not a database" in result.stderr
    assert db.read_text() == "my notes"


def test_history_of_an_unknown_page(tmp_path: Path) -> None:
    db = tmp_path / "rights.db"
    runner.invoke(app, ["inspect", SEED, "--db", str(db)])
    result = runner.invoke(app, ["history", "https://nowhere.example/x", "--db", str(db)])
    assert result.exit_code == 0 and "no verdicts recorded" in result.stdout
