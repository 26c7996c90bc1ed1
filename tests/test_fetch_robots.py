"""Politeness end to end: robots.txt statuses and caching, Crawl-delay, one request per host at a time."""

from __future__ import annotations

import asyncio
import itertools
import threading
import time
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from rights.config import Settings
from rights.errors import FetchError
from rights.store import open_store
from rights.web.fetch import Fetcher, fetch_page
from rights.web.models import Fetched
from tests.sitesrv import Handler, SiteServer, bomb

HOST = "norobots.crawl.test"


def outcome(site: SiteServer, settings: Settings, path: str = "/page.html", host: str = HOST) -> str:
    try:
        fetch_page(site.url(host, path), settings)
    except FetchError as exc:
        return exc.reason
    return "ok"


@pytest.mark.parametrize(("status", "expected"), [(404, "ok"), (410, "ok"), (401, "ok"), (403, "ok")])
def test_robots_4xx_allows(site: SiteServer, settings: Settings, status: int, expected: str) -> None:
    with site.route(HOST, "/robots.txt", status=status):
        assert outcome(site, settings) == expected


def test_robots_403_can_disallow(site: SiteServer, settings: Settings) -> None:
    with site.route(HOST, "/robots.txt", status=403):
        assert outcome(site, replace(settings, robots_auth_disallows=True)) == "robots_disallowed"


@pytest.mark.parametrize("status", [429, 500, 503])
def test_robots_5xx_disallows_the_host_and_is_not_cached(
    site: SiteServer, settings: Settings, tmp_path: Path, status: int
) -> None:
    """RFC 9309: an unreachable robots.txt means "disallow everything" for now; nothing else is requested."""
    with open_store(tmp_path / "r.db") as store:
        with (
            site.route(HOST, "/robots.txt", status=status, headers={"Retry-After": "1"}),
            pytest.raises(FetchError) as info,
        ):
            asyncio.run(_fetch(settings, site.url(HOST, "/page.html"), store))
        assert info.value.reason == "robots_unreachable" and str(status) in info.value.detail
        assert not site.requests(path="/page.html")
        assert store.get_robots(f"http://{HOST}") is None  # asked again next run
        assert isinstance(asyncio.run(_fetch(settings, site.url(HOST, "/page.html"), store)), Fetched)


def test_robots_timeout_disallows(site: SiteServer, settings: Settings) -> None:
    settings = replace(settings, read_timeout=0.3)
    with site.route(HOST, "/robots.txt", handler=lambda h: h.server.stopping.wait(2)):  # type: ignore[attr-defined]
        assert outcome(site, settings) == "robots_unreachable"
    assert not site.requests(path="/page.html")


def test_robots_soft_404_html_allows(site: SiteServer, settings: Settings) -> None:
    body = b"<!doctype html><html><body><h1>Not found</h1></body></html>"
    with site.route(HOST, "/robots.txt", body=body, headers={"Content-Type": "text/html"}):
        assert outcome(site, settings) == "ok"


def test_robots_redirect_across_hosts_applies_to_the_original_origin(
    site: SiteServer, settings: Settings
) -> None:
    """robots.txt redirected to another host's file: those rules govern the original host."""
    with site.route(
        HOST, "/robots.txt", status=301, headers={"Location": "http://blog.crawl.test/robots.txt"}
    ):
        assert outcome(site, settings, "/private/x.html") == "robots_disallowed"
        assert outcome(site, settings, "/page.html") == "ok"


def test_robots_redirect_loop_means_unavailable(site: SiteServer, settings: Settings) -> None:
    with site.route(HOST, "/robots.txt", status=302, headers={"Location": "/robots.txt"}):
        assert outcome(site, settings) == "ok"
    assert len(site.requests(path="/robots.txt")) == 6


def test_robots_bomb_is_parsed_up_to_512_kib(site: SiteServer, settings: Settings) -> None:
    body = bomb("gzip", 64 << 20)
    with site.route(HOST, "/robots.txt", body=body, headers={"Content-Encoding": "gzip"}):
        assert outcome(site, settings) == "ok"


def test_exact_product_token_groups(site: SiteServer, settings: Settings) -> None:
    """news.crawl.test: `rightsbot` and `*` may fetch nothing; our own `RIGHTS` group only not /drafts/."""
    assert outcome(site, settings, "/articles/ferry.html", "news.crawl.test") == "ok"
    assert outcome(site, settings, "/drafts/storm.html", "news.crawl.test") == "robots_disallowed"
    assert not site.requests(path="/drafts/storm.html")


async def _fetch(settings: Settings, url: str, store: object = None) -> Fetched:
    async with Fetcher(settings, cache=store) as fetcher:  # type: ignore[arg-type]
        return await fetcher.fetch(url)


def test_robots_cached_in_the_store_for_24h(site: SiteServer, settings: Settings, tmp_path: Path) -> None:
    clock = [datetime.now(UTC)]
    with open_store(tmp_path / "r.db", clock=lambda: clock[0]) as store:
        asyncio.run(_fetch(settings, site.url("blog.crawl.test", "/about.html"), store))
        record = store.get_robots("http://blog.crawl.test")
        assert record is not None and record.status == 200 and "Disallow: /private/" in record.body
        asyncio.run(_fetch(settings, site.url("blog.crawl.test", "/about.html"), store))
        assert len(site.requests(path="/robots.txt")) == 1  # second run used the cache
        clock[0] += timedelta(hours=25)
        asyncio.run(_fetch(settings, site.url("blog.crawl.test", "/about.html"), store))
        assert len(site.requests(path="/robots.txt")) == 2  # expired: fetched again


def test_crawl_delay_is_honoured(site: SiteServer, settings: Settings) -> None:
    """news.crawl.test asks for 0.2 s between requests; the host's requests are spaced accordingly."""
    urls = [
        site.url("news.crawl.test", p) for p in ("/", "/articles/ferry.html", "/articles/lighthouse.html")
    ]

    async def run() -> None:
        async with Fetcher(settings) as fetcher:
            await fetcher.fetch_many(urls)

    asyncio.run(run())
    times = [r.at for r in site.requests(host="news.crawl.test")]
    assert len(times) == 4  # robots.txt + 3 pages
    assert all(b - a >= 0.19 for a, b in itertools.pairwise(times[1:]))


def test_crawl_delay_above_the_cap_skips_the_host(site: SiteServer, settings: Settings) -> None:
    with site.route(HOST, "/robots.txt", body=b"User-agent: *\nCrawl-delay: 1e9\n"):
        assert outcome(site, settings) == "crawl_delay_too_long"
    assert not site.requests(path="/page.html")


def test_one_request_per_host_at_a_time(site: SiteServer, settings: Settings) -> None:
    """Many URLs on two hosts at once: never two requests in flight to one host, but the hosts overlap."""
    lock = threading.Lock()
    in_flight: dict[str, int] = {"a.crawl.test": 0, "b.crawl.test": 0}
    peak: dict[str, int] = dict(in_flight)
    both = [0]

    def slow(h: Handler) -> None:
        with lock:
            in_flight[h.host] += 1
            peak[h.host] = max(peak[h.host], in_flight[h.host])
            both[0] = max(both[0], sum(in_flight.values()))
        time.sleep(0.05)
        with lock:
            in_flight[h.host] -= 1
        h.send(200, b"<html><p>slow page</p></html>", {"Content-Type": "text/html"})

    resolve = (*settings.resolve, *(f"{h}=127.0.0.1:{site.port}" for h in in_flight))
    urls = [f"http://{host}/p{i}.html" for i in range(5) for host in in_flight]

    async def run() -> list[Fetched | FetchError]:
        async with Fetcher(replace(settings, resolve=resolve, obey_robots=False)) as fetcher:
            return await fetcher.fetch_many(urls)

    with site.route("a.crawl.test", "*", handler=slow), site.route("b.crawl.test", "*", handler=slow):
        results = asyncio.run(run())
    assert all(isinstance(r, Fetched) for r in results)
    assert peak == {"a.crawl.test": 1, "b.crawl.test": 1}
    assert both[0] == 2


def test_max_per_host_allows_exactly_that_many(site: SiteServer, settings: Settings) -> None:
    """Raising max_per_host (for one's own servers) allows that many requests in flight, no more."""
    lock = threading.Lock()
    state = {"now": 0, "peak": 0}

    def slow(h: Handler) -> None:
        with lock:
            state["now"] += 1
            state["peak"] = max(state["peak"], state["now"])
        time.sleep(0.05)
        with lock:
            state["now"] -= 1
        h.send(200, b"<html><p>slow page</p></html>", {"Content-Type": "text/html"})

    urls = [f"http://{HOST}/p{i}.html" for i in range(8)]

    async def run() -> list[Fetched | FetchError]:
        async with Fetcher(replace(settings, max_per_host=3, obey_robots=False)) as fetcher:
            return await fetcher.fetch_many(urls)

    with site.route(HOST, "*", handler=slow):
        results = asyncio.run(run())
    assert all(isinstance(r, Fetched) for r in results) and state["peak"] == 3


def test_delay_between_requests_to_one_host(site: SiteServer, settings: Settings) -> None:
    urls = [site.url(HOST, "/"), site.url(HOST, "/page.html")]

    async def run() -> None:
        async with Fetcher(replace(settings, delay=0.3)) as fetcher:
            await fetcher.fetch_many(urls)

    asyncio.run(run())
    times = [r.at for r in site.requests(host=HOST)]
    assert len(times) == 3 and all(b - a >= 0.29 for a, b in itertools.pairwise(times))
