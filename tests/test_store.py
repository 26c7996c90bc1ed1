"""The storage core: opening, refusing bad files, migrations, transactions and the run lock."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import textwrap
import threading
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from rights.config import Settings
from rights.errors import AlreadyRunningError, StoreError
from rights.store import MIGRATIONS, open_settings_store, open_store
from rights.store.models import PageRecord, RobotsRecord

ROOT = Path(__file__).resolve().parent.parent


def run_python(code: str, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", textwrap.dedent(code), *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_open_creates_wal_database_with_migrations(tmp_path: Path) -> None:
    """A new file is SQLite in WAL mode, with a long busy timeout and every migration recorded."""
    path = tmp_path / "r.db"
    with open_store(path) as store:
        assert store.scalar("PRAGMA journal_mode") == "wal"
        assert store.scalar("PRAGMA busy_timeout") >= 5000
        names = [row["name"] for row in store.query("SELECT name FROM migrations ORDER BY rowid")]
        assert names == [name for name, _ in MIGRATIONS]
        tables = {row["name"] for row in store.query("SELECT name FROM sqlite_master WHERE type = 'table'")}
        assert {"runs", "pages", "frontier", "robots", "visits", "migrations"} <= tables
    with open_store(path) as store:  # reopening applies nothing new
        assert store.scalar("SELECT count(*) FROM migrations") == len(MIGRATIONS)


def test_not_a_database_is_refused_and_untouched(tmp_path: Path) -> None:
    """A text file given as the database is never overwritten."""
    path = tmp_path / "notes.txt"
    path.write_text("my precious notes\n")
    with pytest.raises(StoreError, match="file is not a database") as info:
        open_store(path)
    assert str(path) in str(info.value)
    assert path.read_text() == "my precious notes\n"


def test_corrupt_sqlite_file_gives_clear_error(tmp_path: Path) -> None:
    """A file with the SQLite header but garbage after it fails with a one-line StoreError."""
    path = tmp_path / "bad.db"
    path.write_bytes(b"SQLite format 3\x00" + os.urandom(4096))
    with pytest.raises(StoreError) as info:
        open_store(path)
    assert str(path) in str(info.value)
    assert "\n" not in str(info.value)


def test_directory_as_database_is_refused(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="is a directory"):
        open_store(tmp_path)


def test_missing_directory_for_explicit_db_is_an_error(tmp_path: Path) -> None:
    """`--db` in a directory that does not exist: a clear error, nothing created."""
    path = tmp_path / "nope" / "r.db"
    with pytest.raises(StoreError, match="does not exist"):
        open_store(path)
    assert not path.parent.exists()


def test_default_path_gets_its_directory(tmp_path: Path) -> None:
    path = tmp_path / "data" / "rights" / "rights.db"
    with open_store(path, make_parents=True):
        pass
    assert path.is_file()


def test_settings_store_creates_default_dir_only(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The default location is created; an explicit db_path in a missing directory is refused."""
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))
    with open_settings_store(Settings()) as store:
        assert store.path == tmp_path / "xdg" / "rights" / "rights.db"
    with pytest.raises(StoreError, match="does not exist"):
        open_settings_store(Settings(db_path=tmp_path / "missing" / "x.db"))


def test_create_false_refuses_missing_file(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="no database"):
        open_store(tmp_path / "r.db", create=False)


def test_newer_schema_is_refused(tmp_path: Path) -> None:
    """A migration name this code does not know means a newer rights wrote the file."""
    path = tmp_path / "r.db"
    open_store(path).close()
    conn = sqlite3.connect(path)
    conn.execute("INSERT INTO migrations VALUES ('9999_from_the_future', '2030-01-01')")
    conn.commit()
    conn.close()
    with pytest.raises(StoreError, match="newer version"):
        open_store(path)


def test_migration_list_is_extensible(tmp_path: Path) -> None:
    """Appending a migration applies it once, on the next open."""
    path = tmp_path / "r.db"
    open_store(path).close()
    calls: list[str] = []

    def add_notes(db: object) -> None:
        calls.append("notes")
        db.execute("CREATE TABLE notes (id INTEGER PRIMARY KEY, text TEXT)")  # type: ignore[attr-defined]

    extended = [*MIGRATIONS, ("0100_notes", add_notes)]
    open_store(path, migrations=extended).close()
    open_store(path, migrations=extended).close()
    assert calls == ["notes"]


def test_failed_migration_rolls_back(tmp_path: Path) -> None:
    """A migration that fails leaves no half-applied schema and no record."""
    path = tmp_path / "r.db"

    def broken(db: object) -> None:
        db.execute("CREATE TABLE half (id INTEGER)")  # type: ignore[attr-defined]
        raise RuntimeError("boom")

    with pytest.raises(RuntimeError):
        open_store(path, migrations=[*MIGRATIONS, ("0100_broken", broken)])
    with open_store(path) as store:
        assert not store.query("SELECT name FROM sqlite_master WHERE name = 'half'")


def test_concurrent_first_opens_migrate_once(tmp_path: Path) -> None:
    """Several processes opening one fresh file at once: all succeed, each migration recorded once."""
    path = tmp_path / "r.db"
    code = (
        "import sys; from pathlib import Path; from rights.store import open_store;"
        " open_store(Path(sys.argv[1])).close()"
    )
    procs = [
        subprocess.Popen([sys.executable, "-c", code, str(path)], cwd=ROOT, stderr=subprocess.PIPE, text=True)
        for _ in range(4)
    ]
    for proc in procs:
        _, err = proc.communicate(timeout=60)
        assert proc.returncode == 0, err
    with open_store(path) as store:
        assert store.scalar("SELECT count(*) FROM migrations") == len(MIGRATIONS)


def test_transaction_rolls_back_on_error(tmp_path: Path) -> None:
    with open_store(tmp_path / "r.db") as store:
        with pytest.raises(RuntimeError), store.transaction():
            store.save_page(PageRecord("https://a.test/", "https://a.test/", 200, "ok", "2026-01-01"))
            raise RuntimeError("stop")
        assert store.get_page("https://a.test/") is None


def test_writers_wait_instead_of_failing(tmp_path: Path) -> None:
    """Writer contention under WAL: the second writer waits for the first (BEGIN IMMEDIATE + busy timeout)."""
    path = tmp_path / "r.db"
    first, second = open_store(path), open_store(path)
    holding, release = threading.Event(), threading.Event()

    def hold() -> None:
        with first.transaction() as conn:
            conn.execute("INSERT INTO runs (kind, started_at, status) VALUES ('check', 'x', 'done')")
            holding.set()
            release.wait(10)

    # `first` was opened in this thread; let the helper thread use it.
    first.conn.close()
    first.conn = sqlite3.connect(str(path), timeout=10, isolation_level=None, check_same_thread=False)
    first.db.conn = first.conn
    thread = threading.Thread(target=hold)
    thread.start()
    holding.wait(10)
    assert second.query("SELECT count(*) AS n FROM runs")[0]["n"] == 0  # a read while the other writes
    timer = threading.Timer(0.3, release.set)
    timer.start()
    run_id = second.start_run("check")  # blocks until the first commits, then succeeds
    thread.join()
    timer.join()
    assert run_id == 2
    first.close()
    second.close()


def test_page_round_trip_and_validators(tmp_path: Path) -> None:
    with open_store(tmp_path / "r.db") as store:
        body = b"<html><title>T</title>" + b"x" * 10_000 + b"</html>"
        record = PageRecord(
            url="https://a.test/p", final_url="https://a.test/p?x=1", status=200, fetch_status="ok",
            fetched_at="2026-01-01T00:00:00+00:00", etag='"v1"',
            last_modified="Mon, 01 Jan 2026 00:00:00 GMT",
            content_hash="abc", content_type="text/html", encoding="utf-8", size=len(body), title="T",
            metadata={"lang": "en"}, text="hello", html=body, run_id=None,
        )  # fmt: skip
        store.save_page(record)
        got = store.get_page("https://a.test/p")
        assert got is not None
        assert got.html == body and got.metadata == {"lang": "en"} and got.title == "T"
        stored = store.scalar("SELECT length(html) FROM pages")
        assert stored < len(body) // 10  # compressed
        assert store.get_validators("https://a.test/p") == ('"v1"', "Mon, 01 Jan 2026 00:00:00 GMT", "abc")
        assert store.get_validators("https://a.test/other") == (None, None, None)
        store.touch_page("https://a.test/p", run_id=None)
        touched = store.get_page("https://a.test/p", with_html=False)
        assert touched is not None and touched.checked_at > touched.fetched_at and touched.html == b""


def test_visits_are_logged(tmp_path: Path) -> None:
    with open_store(tmp_path / "r.db") as store:
        run_id = store.start_run("crawl", {"delay": 1}, {"urls": ["https://a.test/"]})
        store.add_visit("https://a.test/", "fetched", run_id=run_id, http_status=200)
        store.add_visit("https://a.test/x", "failed", run_id=run_id, reason="http_status", detail="404")
        assert [v["status"] for v in store.visits(run_id=run_id)] == ["fetched", "failed"]
        with pytest.raises(ValueError):
            store.add_visit("https://a.test/", "weird", run_id=run_id)


def test_runs_lifecycle(tmp_path: Path) -> None:
    with open_store(tmp_path / "r.db") as store:
        run_id = store.start_run("crawl", {"delay": 1.0}, {"urls": ["u"]}, crawl="k")
        assert store.get_run(run_id).status == "running"  # type: ignore[union-attr]
        store.finish_run(run_id, "done", {"fetched": 3})
        run = store.last_run(crawl="k")
        assert run is not None and run.status == "done" and run.counts == {"fetched": 3}
        assert run.settings == {"delay": 1.0} and run.finished_at
        with pytest.raises(ValueError):
            store.start_run("dance")


def test_frontier_queue(tmp_path: Path) -> None:
    from rights.store.models import FrontierItem

    with open_store(tmp_path / "r.db") as store:
        new = store.frontier_add(
            "k", [FrontierItem("https://a.test/2", 1), FrontierItem("https://a.test/", 0)]
        )
        assert new == ["https://a.test/2", "https://a.test/"]
        assert store.frontier_add("k", [FrontierItem("https://a.test/", 3)]) == []  # already known
        assert [i.url for i in store.frontier_queued("k")] == ["https://a.test/", "https://a.test/2"]
        store.frontier_mark("k", "https://a.test/", "done")
        assert store.frontier_counts("k")["done"] == 1
        assert store.frontier_pages_attempted("k") == 1
        store.frontier_add("other", [FrontierItem("https://a.test/", 0)])  # another crawl has its own queue
        store.frontier_reset("k")
        assert store.frontier_queued("k") == [] and len(store.frontier_queued("other")) == 1


def test_robots_cache_expires(tmp_path: Path) -> None:
    now = datetime(2026, 1, 1, tzinfo=UTC)
    clock = [now]
    with open_store(tmp_path / "r.db", clock=lambda: clock[0]) as store:
        expires = (now + timedelta(hours=24)).isoformat(timespec="microseconds")
        store.save_robots(RobotsRecord("https://a.test", store.now(), 200, "User-agent: *", expires))
        assert store.get_robots("https://a.test") is not None
        clock[0] = now + timedelta(hours=25)
        assert store.get_robots("https://a.test") is None


def test_second_lock_holder_is_refused(tmp_path: Path) -> None:
    """Two runs on one database: the second gets AlreadyRunningError (exit 75) naming the holder."""
    path = tmp_path / "r.db"
    with open_store(path) as first, open_store(path) as second, first.lock():
        with pytest.raises(AlreadyRunningError) as info:
            second.acquire_lock()
        assert info.value.exit_code == 75
        assert f"pid {os.getpid()}" in str(info.value)
        assert "another rights run is using" in str(info.value)
    with open_store(path) as third, third.lock():  # released on exit
        pass


def test_lock_is_released_by_the_kernel_on_sigkill(tmp_path: Path) -> None:
    """A killed lock holder leaves no stale lock, and its `running` run is marked aborted."""
    path = tmp_path / "r.db"
    code = """
        import os, sys, time
        from pathlib import Path
        from rights.store import open_store
        store = open_store(Path(sys.argv[1]))
        store.acquire_lock()
        store.start_run("crawl")
        print("locked", flush=True)
        time.sleep(60)
    """
    proc = subprocess.Popen(
        [sys.executable, "-c", textwrap.dedent(code), str(path)], cwd=ROOT, stdout=subprocess.PIPE, text=True
    )
    assert proc.stdout is not None
    assert proc.stdout.readline().strip() == "locked"
    with open_store(path) as store:
        with pytest.raises(AlreadyRunningError, match=f"pid {proc.pid}"):
            store.acquire_lock()
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait()
        proc.stdout.close()
        assert store.last_run().status == "running"  # type: ignore[union-attr]
        with store.lock():
            assert store.last_run().status == "aborted"  # type: ignore[union-attr]


def test_sigkill_mid_transaction_keeps_committed_pages(tmp_path: Path) -> None:
    """Killed inside an open transaction: committed pages remain, the open one vanishes, the file is sound."""
    path = tmp_path / "r.db"
    code = """
        import os, signal, sys
        from pathlib import Path
        from rights.store.models import PageRecord
        from rights.store import open_store
        store = open_store(Path(sys.argv[1]))
        for i in range(5):
            url = f"https://a.test/{i}"
            store.save_page(PageRecord(url, url, 200, "ok", "t", html=b"x" * 100))
        with store.transaction():
            for i in range(5, 500):
                store.save_page(PageRecord(f"https://a.test/{i}", f"https://a.test/{i}", 200, "ok", "t"))
            os.kill(os.getpid(), signal.SIGKILL)
    """
    result = run_python(code, str(path))
    assert result.returncode == -signal.SIGKILL
    with open_store(path) as store:
        assert store.count_pages() == 5
        assert store.scalar("PRAGMA integrity_check") == "ok"
