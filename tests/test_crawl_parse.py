"""Parsing in worker processes: same result as in-process, hard timeout, dead workers; grouped commits."""

from __future__ import annotations

import asyncio
import io
import pickle
import struct
import subprocess
import sys
import time
from dataclasses import replace
from pathlib import Path

import pytest

from rights.config import Settings
from rights.store import open_store
from rights.store.models import PageRecord
from rights.web.crawl import run_crawl
from rights.web.crawl.workers import (
    ParseJob,
    ParsePool,
    ParseRestartedError,
    ParseTimeoutError,
    parse_for_crawl,
    serve,
)
from rights.web.discover import Scope
from tests.sitesrv import FIXTURE_SITES, SiteServer

INDEX = (FIXTURE_SITES / "blog.crawl.test" / "index.html").read_bytes()
JOB = ParseJob(
    INDEX, "http://blog.crawl.test/", {}, 1 << 20, Scope.for_seeds(["http://blog.crawl.test/"]), 100
)


def test_worker_gives_the_in_process_result() -> None:
    async def run() -> tuple[object, object]:
        pool = ParsePool(1, 30)
        try:
            return await pool.parse(JOB), await ParsePool(0, 30).parse(JOB)
        finally:
            await pool.aclose()

    remote, local = asyncio.run(run())
    assert remote == local == parse_for_crawl(JOB)
    assert "http://blog.crawl.test/posts/first-post.html" in local.links  # type: ignore[attr-defined]


def test_started_workers_are_the_ones_that_parse() -> None:
    """`start` spawns the workers before any page (their imports overlap the first requests)."""

    async def run() -> tuple[list[int], list[int], object]:
        pool = ParsePool(2, 30)
        try:
            await pool.start()
            started = [w.process.pid for w in pool._live]
            parsed = [await pool.parse(JOB) for _ in range(3)]
            return started, [w.process.pid for w in pool._live], parsed[-1]
        finally:
            await pool.aclose()

    started, used, parsed = asyncio.run(run())
    assert len(started) == 2 and used == started and parsed == parse_for_crawl(JOB)


def test_a_parser_process_imports_no_http_client_and_no_store() -> None:
    """The worker imports `rights.web.crawl.workers` alone: the packages above it load their modules lazily."""
    heavy = (
        "httpx",
        "aiohttp",
        "sqlite_utils",
        "numpy",
        "rights.store.database",
        "rights.web.crawl.run",
        "rights.api",
    )
    code = f"import sys, rights.web.crawl.workers; print([m for m in {heavy!r} if m in sys.modules])"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"


def test_lazy_package_attributes_resolve_and_unknown_names_fail() -> None:
    import rights.web.crawl
    import rights.web.fetch
    from rights.web.crawl.run import run_crawl as direct
    from rights.web.fetch.sync import fetch_page

    assert rights.web.crawl.run_crawl is direct and rights.web.fetch.fetch_page is fetch_page
    with pytest.raises(AttributeError, match="no attribute 'nothing'"):
        _ = rights.web.fetch.nothing  # type: ignore[attr-defined]


def test_timeout_kills_the_worker_and_a_new_one_takes_over() -> None:
    async def run() -> tuple[ParsePool, object]:
        pool = ParsePool(1, 0.001)
        with pytest.raises(ParseTimeoutError):
            await pool.parse(JOB)
        pool.timeout = 30
        try:
            return pool, await pool.parse(JOB)
        finally:
            await pool.aclose()

    pool, parsed = asyncio.run(run())
    assert pool.restarts == 1 and parsed == parse_for_crawl(JOB)


def test_jobs_queued_on_a_dead_worker_can_be_retried() -> None:
    async def run() -> object:
        pool = ParsePool(1, 30)
        try:
            await pool.parse(JOB)
            pool._live[0].process.kill()
            with pytest.raises(ParseRestartedError):
                await pool.parse(JOB)
            return await pool.parse(JOB)
        finally:
            await pool.aclose()

    assert asyncio.run(run()) == parse_for_crawl(JOB)


def test_a_parser_exception_is_an_answer_not_a_crash() -> None:
    data = pickle.dumps(replace(JOB, headers=42))  # type: ignore[arg-type]
    stdin, stdout = io.BytesIO(struct.pack("!I", len(data)) + data), io.BytesIO()
    serve(stdin, stdout)
    status, message = pickle.loads(stdout.getvalue()[4:])
    assert status == "error" and "AttributeError" in message


def test_crawl_survives_parse_timeouts(site: SiteServer, settings: Settings, tmp_path: Path) -> None:
    with open_store(tmp_path / "t.db") as store:
        summary = run_crawl(["http://norobots.crawl.test/"], replace(settings, parse_timeout=0.001), store)
        assert summary.status == "done" and summary.failed == {"parse_timeout": 1}
        later = run_crawl(["http://norobots.crawl.test/"], settings, store)
        assert later.fetched == 2


def test_in_process_parsing_gives_the_same_crawl(
    site: SiteServer, settings: Settings, tmp_path: Path
) -> None:
    results = []
    for workers in (0, 2):
        with open_store(tmp_path / f"w{workers}.db") as store:
            run_crawl(["http://blog.crawl.test/"], replace(settings, parse_workers=workers), store)
            results.append(
                store.query("SELECT url, title, text, content_hash, metadata FROM pages ORDER BY url")
            )
    assert results[0] == results[1] and len(results[0]) == 7


def test_units_in_a_group_are_atomic_one_by_one(tmp_path: Path) -> None:
    """Grouped commits: a failing unit is rolled back alone; the others are committed with the group."""
    with open_store(tmp_path / "g.db") as store, open_store(tmp_path / "g.db") as reader:
        store.start_grouping()
        for i in range(3):
            try:
                with store.unit():
                    store.save_page(PageRecord(f"https://a.test/{i}", f"https://a.test/{i}", 200, "ok", "t"))
                    if i == 1:
                        raise RuntimeError("half-done page")
            except RuntimeError:
                pass
        assert reader.count_pages() == 0  # nothing visible before the group commits
        store.commit_group(stop=True)
        assert sorted(r["url"] for r in store.query("SELECT url FROM pages")) == [
            "https://a.test/0",
            "https://a.test/2",
        ]


def test_group_commits_when_full(tmp_path: Path) -> None:
    with open_store(tmp_path / "g.db") as store, open_store(tmp_path / "g.db") as reader:
        store.start_grouping()
        for i in range(5):
            with store.unit():
                store.save_page(PageRecord(f"https://a.test/{i}", f"https://a.test/{i}", 200, "ok", "t"))
            store.commit_group(max_units=3, max_age=3600)
        assert reader.count_pages() == 3
        store.commit_group(stop=True)
        assert reader.count_pages() == 5


def test_grouped_writes_are_checkpointed_beside_the_writer(tmp_path: Path) -> None:
    """While grouping, SQLite's own checkpoint (inside a commit) is off and a thread copies committed pages
    into the database file; afterwards SQLite's default comes back."""
    path = tmp_path / "c.db"
    with open_store(path) as store:
        store.start_grouping()
        assert store.scalar("PRAGMA wal_autocheckpoint") == 0
        before = path.stat().st_size
        for i in range(300):
            with store.unit():
                page = PageRecord(
                    f"https://a.test/{i}", f"https://a.test/{i}", 200, "ok", "t", text=f"{i} " * 2000
                )
                store.save_page(page)
        store.commit_group()
        deadline = time.monotonic() + 30
        while path.stat().st_size < before + 1_000_000 and time.monotonic() < deadline:
            time.sleep(0.01)
        assert path.stat().st_size >= before + 1_000_000  # the pages reached the file, not only the WAL
        store.commit_group(stop=True)
        assert store.scalar("PRAGMA wal_autocheckpoint") == 1000
        assert store.count_pages() == 300
