"""`--warc FILE` on the command line: kill -9 and resume into one clean file, bad paths and a missing warcio
refused before any request, and audit findings that point at the record of the post they judged."""

from __future__ import annotations

import gzip
import json
import re
import signal
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from rights.cli import app
from rights.store import open_store
from tests.sitesrv import SiteServer
from tests.test_crawl_cli import GEN, ROOT, command, committed, run, wait_for
from tests.test_crawl_warc import assert_addresses_resolve, read_warc, record_at

runner = CliRunner()


def test_kill_9_then_resume_leaves_one_clean_file_whose_addresses_all_resolve(
    site: SiteServer, tmp_path: Path
) -> None:
    """Kill -9 mid-crawl, leave a cut-short record at the end (as a kill in mid-write does), resume: the cut is
    removed and said so, the resumed run appends, the file reads end to end with every digest right, and every
    recorded address re-reads its record."""
    db, warc = tmp_path / "r.db", tmp_path / "crawl.warc.gz"
    args = (GEN, "--delay", "0.01", "--max-pages", "300", "--depth", "10", "--quiet", "--warc", str(warc))
    proc = subprocess.Popen(
        command(site, db, *args), cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE
    )
    wait_for(lambda: len(committed(db)) >= 60)
    proc.send_signal(signal.SIGKILL)
    proc.communicate()
    first = committed(db)
    assert 60 <= len(first) < 300
    cut = gzip.compress(b"WARC/1.1\r\nWARC-Type: response\r\n\r\n" + bytes(range(256)) * 64)
    with warc.open("ab") as stream:
        stream.write(cut[: len(cut) // 2])

    result = run(site, db, *args[:-1], str(warc))
    assert result.returncode == 0, result.stderr
    assert "resumed" in result.stdout
    assert f"WARC evidence: {300 - len(first)} responses written to {warc}" in result.stdout.splitlines()
    assert "WARC repaired: a record cut short by a killed run" in result.stdout
    records = read_warc(warc)  # digests checked, read to the last byte
    assert [r["type"] for r in records].count("warcinfo") == 1
    assert len(committed(db)) == 300
    with open_store(db) as store:
        # Records the killed run wrote after its last commit stay in the file without a row (those pages are
        # fetched again by the resumed run, and written again): never a row without its record.
        assert assert_addresses_resolve(store, warc) <= (len(records) - 1) // 2
        runs = {row["id"] for row in store.query("SELECT DISTINCT run_id AS id FROM warc_captures")}
        assert runs == {1, 2}  # both runs wrote to the one file


def test_crawl_prints_what_it_wrote(site: SiteServer, tmp_path: Path) -> None:
    warc = tmp_path / "blog.warc.gz"
    table = run(site, tmp_path / "r.db", "http://blog.crawl.test/", "--delay", "0", "--warc", str(warc))
    assert table.returncode == 0, table.stderr
    assert table.stdout.splitlines()[-1] == f"WARC evidence: 12 responses written to {warc}"
    again = run(
        site, tmp_path / "r.db", "http://blog.crawl.test/", "--delay", "0", "--warc", str(warc), "-f", "json"
    )
    data = json.loads(again.stdout)
    assert data["warc"] == {"file": str(warc), "responses": 11, "repaired_bytes": 0}  # robots.txt cached


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (lambda tmp: tmp, "is a directory"),
        (lambda tmp: tmp / "missing" / "a.warc.gz", "does not exist"),
        (
            lambda tmp: (tmp / "notes.txt", (tmp / "notes.txt").write_text("my notes"))[0],
            "not a gzipped WARC",
        ),
    ],
)
def test_a_bad_warc_path_is_one_line_before_any_request(
    site: SiteServer, tmp_path: Path, make: object, message: str
) -> None:
    path = make(tmp_path)  # type: ignore[operator]
    for verb in ("crawl", "audit"):
        cmd = command(site, tmp_path / "r.db", "http://blog.crawl.test/", "--warc", str(path))
        cmd[cmd.index("crawl")] = verb
        result = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True, timeout=120)
        assert result.returncode == 2 and message in result.stderr, result.stderr
        assert result.stderr.startswith("error: --warc ") and result.stderr.count("\n") == 1
        assert result.stdout == ""
    assert site.requests() == [] and not (tmp_path / "r.db").exists()
    if path.name == "notes.txt":
        assert path.read_text() == "my notes"


def test_without_warcio_warc_says_what_to_install(
    site: SiteServer, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(sys.modules, "warcio", None)  # as if warcio were not installed
    db = tmp_path / "r.db"
    result = runner.invoke(app, ["crawl", "http://blog.crawl.test/", "--warc", str(tmp_path / "a.warc.gz"),
                                 "--db", str(db), "--allow-private"])  # fmt: skip
    assert result.exit_code == 2
    assert (
        result.stderr
        == "error: writing WARC files needs warcio: pip install 'warcio>=1.7,<2' (or reinstall rights)\n"
    )
    assert site.requests() == [] and not db.exists()


SOURCE = "http://coastline-ledger.test/"
BLOG = "http://coastal-walker.test/"
CAPTURE = re.compile(
    r"^audit\.warc\.gz @ (\d+), (<urn:uuid:[0-9a-f-]+>), captured \d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$"
)


def test_audit_findings_point_at_the_record_of_the_post_they_judged(site: SiteServer, tmp_path: Path) -> None:
    db, warc = tmp_path / "rights.db", tmp_path / "audit.warc.gz"
    net = ["--db", str(db), "--allow-private", "--delay", "0"]
    for entry in site.resolve:
        net += ["--resolve", entry]
    assert runner.invoke(app, ["crawl", SOURCE, *net]).exit_code == 0  # the originals, without --warc
    result = runner.invoke(app, ["audit", BLOG, "--format", "json", "--warc", str(warc), *net])
    assert result.exit_code == 1, result.output
    findings = json.loads(result.stdout)["findings"]
    assert len(findings) == 4
    with open_store(db) as store:
        for finding in findings:
            match = CAPTURE.match(finding["capture"] or "")
            assert match, finding["capture"]
            record_id, uri, body = record_at(warc, int(match[1]))
            page = store.get_page(finding["post_url"])
            assert page is not None and (record_id, uri, body) == (match[2], page.final_url, page.html)
    read_warc(warc)

    text = runner.invoke(app, ["report", "--db", str(db)])
    captures = [line.strip() for line in text.stdout.splitlines() if line.strip().startswith("capture: ")]
    assert sorted(captures) == sorted(f"capture: {f['capture']}" for f in findings)
    report = json.loads(runner.invoke(app, ["report", "--format", "json", "--db", str(db)]).stdout)
    assert {f["capture"] for f in report["findings"]} == {f["capture"] for f in findings}
    conn = sqlite3.connect(db)
    rows = conn.execute("SELECT copy_url, capture_archive, capture_offset FROM open_findings").fetchall()
    conn.close()
    assert len(rows) == 4 and all(archive == str(warc) and offset for _, archive, offset in rows)

    again = runner.invoke(app, ["audit", BLOG, "--format", "json", *net])  # no --warc: unchanged posts
    assert {f["capture"] for f in json.loads(again.stdout)["findings"]} == {f["capture"] for f in findings}


def test_verify_writes_the_copy_and_the_original_and_its_findings_point_at_the_copy(
    site: SiteServer, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("RIGHTS_RESOLVE", ",".join(site.resolve))
    db, warc = tmp_path / "rights.db", tmp_path / "verify.warc.gz"
    copy, original = (
        "http://harbourside-partner.test/stories/harbour.html",
        "http://coastline-ledger.test/nd/harbour.html",
    )
    args = ["verify", copy, "--original", original, "--warc", str(warc), "--db", str(db), "--allow-private"]
    result = runner.invoke(app, [*args, "--format", "json"])
    assert result.exit_code == 0, result.output
    evidence = json.loads(result.stdout)["evidence"]
    for role, url in (("copy", copy), ("original", original)):
        record_id, uri, body = record_at(warc, evidence[role]["offset"])
        assert (record_id, uri) == (evidence[role]["record_id"], url) and b"<html" in body.lower()
    assert [r["type"] for r in read_warc(warc)] == ["warcinfo", *["request", "response"] * 2]
    with open_store(db) as store:
        captures = [json.loads(row["data"])["capture"] for row in store.query("SELECT data FROM findings")]
    assert captures and all(c == evidence["copy"] for c in captures)
    table = runner.invoke(app, args)
    lines = table.stdout.splitlines()
    start = lines.index("Evidence (WARC records):")
    assert re.fullmatch(
        r"  copy: verify\.warc\.gz @ \d+, <urn:uuid:[0-9a-f-]+>, captured \S+Z", lines[start + 1]
    )
    assert lines[start + 2].startswith("  original: verify.warc.gz @ ")
