"""Shared fixtures: the fixture web server (one per session) and settings that point the crawler at it."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from rights.config import Settings
from rights.store import Store, open_store
from tests.sitesrv import SiteServer

SHARED = Path(os.environ.get("RIGHTS_SHARED", Path(__file__).resolve().parent.parent.parent / "shared"))


@pytest.fixture(autouse=True)
def _never_the_users_database(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Commands run by tests record into a throw-away database, never the user's own (RIGHTS_DB), and fetch no
    site-level AI files from the internet (RIGHTS_OFFLINE)."""
    monkeypatch.setenv("RIGHTS_DB", str(tmp_path_factory.getbasetemp() / "default-rights.db"))
    monkeypatch.setenv(
        "RIGHTS_OFFLINE", "1"
    )  # commands read no site files from the internet unless a test asks


@pytest.fixture(scope="session")
def sites() -> Iterator[SiteServer]:
    """The fixture web, started once: `.port`, `.url(host, path)`, `.resolve`, `.requests()`, `.route()`."""
    with SiteServer() as server:
        yield server


@pytest.fixture
def site(sites: SiteServer) -> SiteServer:
    """The fixture web with an empty request log and no leftover routes."""
    sites.reset()
    return sites


@pytest.fixture
def settings(site: SiteServer, tmp_path: Path) -> Settings:
    """Fast, test-friendly settings: fixture hosts resolved to the server, guard off, no delays."""
    return Settings(
        resolve=site.resolve,
        allow_private=True,
        delay=0.0,
        connect_timeout=2.0,
        read_timeout=2.0,
        total_timeout=5.0,
        retries=1,
        max_bytes=1024 * 1024,
        db_path=tmp_path / "rights.db",
    )


@pytest.fixture
def store(settings: Settings) -> Iterator[Store]:
    """The test's database, open (on the throw-away path `settings` names)."""
    db = open_store(settings.database())
    yield db
    db.close()


@pytest.fixture(params=["aiohttp", "httpx"])
def transport(request: pytest.FixtureRequest) -> str:
    """Both transports the fetcher supports: limit and guard tests run against each."""
    return str(request.param)


@pytest.fixture
def shared() -> Path:
    """../shared (research, corpus); tests that need it skip when it is absent."""
    if not SHARED.is_dir():
        pytest.skip("../shared is not available")
    return SHARED


REPORTS = pytest.StashKey[list[str]]()


@pytest.fixture
def report(request: pytest.FixtureRequest) -> Callable[[str], None]:
    """Add a line to the end-of-run summary (e.g. the robots.txt conformance count)."""
    lines = request.config.stash.setdefault(REPORTS, [])
    return lines.append


def pytest_terminal_summary(terminalreporter: Any, exitstatus: int, config: pytest.Config) -> None:
    lines = config.stash.get(REPORTS, [])
    if lines:
        terminalreporter.section("rights reports")
        for line in lines:
            terminalreporter.write_line(line)
