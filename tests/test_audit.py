"""`rights audit` and `rights report` end to end on the fixture web (several hosts on loopback)."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from typer.testing import CliRunner

from rights.cli import app
from tests.sitesrv import SiteServer

ROOT = Path(__file__).resolve().parents[1]
SOURCE = "http://coastline-ledger.test/"
BLOG = "http://coastal-walker.test/"
runner = CliRunner()
EXPECTED = {
    ("http://coastal-walker.test/posts/credit-no-link.html", "attribution_without_link"),
    ("http://coastal-walker.test/posts/credit-no-link.html", "missing_required_credit"),
    ("http://coastal-walker.test/posts/edited-nd.html", "licence_breach"),
    ("http://coastal-walker.test/posts/no-credit.html", "copied_without_attribution"),
}


def _net(site: SiteServer, db: Path) -> list[str]:
    args = ["--db", str(db), "--allow-private", "--delay", "0"]
    for entry in site.resolve:
        args += ["--resolve", entry]
    return args


def _audit(site: SiteServer, db: Path) -> tuple[int, dict[str, object]]:
    result = runner.invoke(app, ["audit", BLOG, "--format", "json", *_net(site, db)])
    assert result.exit_code in (0, 1), result.output
    return result.exit_code, json.loads(result.stdout)


def _found(report: dict[str, object]) -> dict[tuple[str, str], str]:
    return {(f["post_url"], f["kind"]): f["state"] for f in report["findings"]}  # type: ignore[index,union-attr]


def test_audit_reports_exactly_the_expected_findings_then_a_fix(site: SiteServer, tmp_path: Path) -> None:
    db = tmp_path / "rights.db"
    crawl = runner.invoke(app, ["crawl", SOURCE, *_net(site, db)])
    assert crawl.exit_code == 0, crawl.output
    code, first = _audit(site, db)
    assert code == 1
    assert set(_found(first)) == EXPECTED
    assert set(_found(first).values()) == {"new"}
    by_kind = {f["kind"]: f for f in first["findings"]}  # type: ignore[union-attr]
    copied = by_kind["copied_without_attribution"]
    assert copied["source_url"] == "http://coastline-ledger.test/arr/budget.html"
    assert copied["passages"] and "central library" in copied["passages"][0]["original_text"]
    assert len(by_kind["licence_breach"].get("passages", [])) >= 1

    fixed_post = (ROOT / "fixtures" / "audit" / "no-credit-fixed.html").read_bytes()
    with site.route(
        "coastal-walker.test",
        "/posts/no-credit.html",
        body=fixed_post,
        headers={"Content-Type": "text/html; charset=utf-8"},
    ):
        code, second = _audit(site, db)
    states = _found(second)
    assert (
        states[("http://coastal-walker.test/posts/no-credit.html", "copied_without_attribution")] == "fixed"
    )
    assert {k for k, v in states.items() if v == "open"} == EXPECTED - {
        ("http://coastal-walker.test/posts/no-credit.html", "copied_without_attribution")
    }
    assert code == 1  # other findings are still open

    html_out = tmp_path / "report.html"
    report = runner.invoke(
        app, ["report", "--since", "last", "--format", "html", "-o", str(html_out), "--db", str(db)]
    )
    assert report.exit_code == 0, report.output
    page = html_out.read_text()
    assert "fixed" in page and "<mark>" in page
    csv_out = runner.invoke(app, ["report", "--format", "csv", "--db", str(db)])
    assert csv_out.exit_code == 0 and "copied_without_attribution" in csv_out.stdout


def test_report_without_any_audit(tmp_path: Path) -> None:
    db = tmp_path / "rights.db"
    runner.invoke(app, ["inspect", str(ROOT / "fixtures" / "pages" / "plain.html"), "--db", str(db)])
    result = runner.invoke(app, ["report", "--db", str(db)])
    assert result.exit_code == 2 and "no finished audit run" in result.stderr


def test_bad_audit_input(tmp_path: Path) -> None:
    result = runner.invoke(app, ["audit", "coastal-walker.test", "--db", str(tmp_path / "r.db")])
    assert result.exit_code == 2
    assert not (tmp_path / "r.db").exists()


def test_killed_audit_resumes(site: SiteServer, tmp_path: Path) -> None:
    """SIGKILL during the crawl; the next run resumes the crawl and completes the audit."""
    db = tmp_path / "rights.db"
    args = [
        sys.executable,
        "-m",
        "rights",
        "audit",
        BLOG,
        "--format",
        "json",
        "--db",
        str(db),
        "--allow-private",
        "--delay",
        "0.3",
    ]
    for entry in site.resolve:
        args += ["--resolve", entry]
    proc = subprocess.Popen(
        args,
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )
    try:
        deadline = time.monotonic() + 60  # a hang guard, not a performance assertion
        while time.monotonic() < deadline and len(site.requests(host="coastal-walker.test")) < 3:
            time.sleep(0.05)
        proc.send_signal(signal.SIGKILL)
    finally:
        proc.wait()
    fetched_before = len(site.requests(host="coastal-walker.test"))
    code, report = _audit(site, db)
    assert code == 1 and report["findings"]
    import sqlite3

    with sqlite3.connect(db) as conn:
        statuses = [
            row[0] for row in conn.execute("SELECT status FROM runs WHERE kind = 'audit' ORDER BY id")
        ]
        site_crawls = [
            json.loads(row[0] or "{}")
            for row in conn.execute(
                "SELECT counts FROM runs WHERE kind = 'crawl' AND args LIKE '%\"audit\"%' ORDER BY id"
            )
        ]
    assert statuses == ["aborted", "done"]
    assert site_crawls[-1]["resumed"] is True
    assert fetched_before >= 3


def test_an_unchanged_site_is_not_re_analysed(site: SiteServer, tmp_path: Path) -> None:
    """The second audit gets 304s: posts and sources unchanged, their findings are carried over, not recomputed."""
    db = tmp_path / "rights.db"
    runner.invoke(app, ["crawl", SOURCE, *_net(site, db)])
    _, first = _audit(site, db)
    _, second = _audit(site, db)
    assert set(_found(second)) == set(_found(first)) == EXPECTED
    assert set(_found(second).values()) == {"open"}
    import sqlite3

    with sqlite3.connect(db) as conn:
        counts = [
            json.loads(row[0])
            for row in conn.execute("SELECT counts FROM runs WHERE kind = 'audit' ORDER BY id")
        ]
    assert counts[0]["reused"] == 0 and counts[1]["reused"] == counts[1]["posts"] > 0
