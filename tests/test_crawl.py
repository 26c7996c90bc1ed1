"""Crawling the fixture web: discovery, scope, politeness outcomes, recrawls and the summary."""

from __future__ import annotations

import contextlib
from dataclasses import replace
from pathlib import Path

from rights.config import Settings
from rights.store import Store, open_store
from rights.web.crawl import CrawlEvent, crawl_key, run_crawl
from rights.web.discover import Scope
from rights.web.models import CrawlSummary
from tests.sitesrv import SiteServer

BLOG = "http://blog.crawl.test/"


def crawl(site: SiteServer, settings: Settings, store: Store, *seeds: str, **options: object) -> CrawlSummary:
    return run_crawl(list(seeds) or [BLOG], settings, store, **options)  # type: ignore[arg-type]


def stored(store: Store) -> dict[str, str]:
    return {row["url"]: row["fetch_status"] for row in store.query("SELECT url, fetch_status FROM pages")}


def test_discovers_links_sitemaps_and_feeds(site: SiteServer, settings: Settings, store: Store) -> None:
    """Pages only a sitemap (third) or only the feed (fourth) knows are found; robots rules are obeyed."""
    summary = crawl(site, settings, store)
    pages = stored(store)
    assert set(pages) == {
        BLOG, BLOG + "about.html", BLOG + "old-page.html", BLOG + "posts/first-post.html",
        BLOG + "posts/second-post.html", BLOG + "posts/third-post.html", BLOG + "posts/fourth-post.html",
    }  # fmt: skip
    assert (summary.fetched, summary.skipped_robots, summary.failed, summary.status) == (7, 1, {}, "done")
    assert not site.requests(path="/private/secret.html")  # disallowed by robots.txt
    assert not site.requests(path="/files/plot-plan.pdf")  # a file, not a page
    assert not site.requests(host="elsewhere.test")  # another site
    assert len(site.requests(path="/posts/second-post.html")) == 1  # #comments and utm_* variants merged
    assert len(site.requests(path="/robots.txt")) == 1


def test_page_rows_hold_text_and_metadata(site: SiteServer, settings: Settings, store: Store) -> None:
    crawl(site, settings, store)
    page = store.get_page(BLOG + "posts/first-post.html")
    assert page is not None and page.title == "Starting over" and "fork and patience" in page.text
    assert page.etag and page.last_modified and page.content_hash and page.html.startswith(b"<!doctype html>")
    assert page.encoding == "utf-8" and page.content_type.startswith("text/html")
    moved = store.get_page(BLOG + "old-page.html")
    assert moved is not None and moved.final_url == BLOG + "about.html"
    assert moved.metadata["redirects"] == [BLOG + "old-page.html"]


def test_recrawl_uses_conditional_requests(site: SiteServer, settings: Settings, store: Store) -> None:
    """The second run of a finished crawl re-checks every page; 304s keep the stored copies."""
    first = crawl(site, settings, store)
    before = {url: store.get_page(url) for url in stored(store)}
    site.reset()
    second = crawl(site, settings, store)
    assert (second.fetched, second.unchanged, second.resumed) == (0, first.fetched, False)
    conditional = [r for r in site.requests() if r.path.endswith(".html") or r.path == "/"]
    assert conditional and all("if-none-match" in r.headers for r in conditional)
    for url, page in before.items():
        after = store.get_page(url)
        assert after is not None and page is not None
        assert after.html == page.html and after.checked_at > page.checked_at
    visits = store.visits(run_id=second.run_id)
    assert {v["status"] for v in visits if v["url"] in before} == {"unchanged"}


def test_not_html_and_failures_are_recorded_by_reason(
    site: SiteServer, settings: Settings, store: Store
) -> None:
    hub = (
        b'<html><body><a href="/_fault/typed?what=pdf&type=text/html">report</a>'
        b'<a href="/missing.html">gone</a><a href="/_fault/truncated">cut</a>'
        b'<a href="/_fault/bomb?enc=br&mb=64">bomb</a></body></html>'
    )
    with site.route("norobots.crawl.test", "/hub.html", body=hub, headers={"Content-Type": "text/html"}):
        summary = crawl(site, settings, store, "http://norobots.crawl.test/hub.html")
    assert summary.not_html == 1
    assert summary.failed == {"http_404": 1, "protocol_error": 1, "too_large": 1}
    pdf = store.get_page("http://norobots.crawl.test/_fault/typed?type=text%2Fhtml&what=pdf")
    assert pdf is not None and pdf.fetch_status == "not_html" and "PDF" in pdf.reason and pdf.html == b""
    reasons = {v["reason"] for v in store.visits(run_id=summary.run_id) if v["status"] == "failed"}
    assert {"http_status", "protocol_error", "too_large"} <= reasons


def test_max_pages_and_depth(site: SiteServer, settings: Settings, store: Store) -> None:
    """gen100 is a tree (page i links to 3i+1..3i+3): depth 2 reaches 1 + 3 + 9 pages; max_pages caps it."""
    seed = "http://gen100.crawl.test/p/0.html"
    deep = crawl(site, replace(settings, max_depth=2), store, seed)
    assert deep.fetched == 13
    other = open_store(settings.database().with_name("other.db"))
    capped = run_crawl([seed], replace(settings, max_pages=5), other)
    assert capped.fetched == 5 and other.count_pages() == 5
    other.close()


def test_scope_patterns(site: SiteServer, settings: Settings, store: Store) -> None:
    scope = Scope.for_seeds([BLOG], exclude=[r"/posts/"], max_depth=3, max_pages=50)
    crawl(site, settings, store, scope=scope)
    assert not any("/posts/" in url for url in stored(store))
    assert not site.requests(path="/posts/first-post.html")


def test_unreachable_robots_defers_the_host(site: SiteServer, settings: Settings, store: Store) -> None:
    """robots.txt answering 503: nothing else is requested; the URLs stay queued (a killed run would resume
    them; after a finished run the next one starts from the seeds and finds them again)."""
    with site.route("norobots.crawl.test", "/robots.txt", status=503):
        summary = crawl(site, settings, store, "http://norobots.crawl.test/")
    assert summary.deferred == 1 and summary.fetched == 0
    assert [r.path for r in site.requests(host="norobots.crawl.test")] == ["/robots.txt"]
    key = crawl_key(["http://norobots.crawl.test/"])
    assert [i.url for i in store.frontier_queued(key) if i.kind == "page"] == ["http://norobots.crawl.test/"]
    later = crawl(site, settings, store, "http://norobots.crawl.test/")  # robots.txt is back: a fresh run
    assert not later.resumed and later.fetched == 2


def test_rate_limited_host_is_deferred_others_continue(
    site: SiteServer, settings: Settings, store: Store
) -> None:
    hub = b'<html><body><a href="/busy">busy</a><a href="/page.html">page</a></body></html>'
    with (
        site.route("norobots.crawl.test", "/", body=hub, headers={"Content-Type": "text/html"}),
        site.route("norobots.crawl.test", "/busy", status=429, headers={"Retry-After": "86400"}),
    ):
        summary = crawl(site, settings, store, "http://norobots.crawl.test/", BLOG)
    assert summary.deferred == 2  # /busy itself, and /page.html still queued behind it
    assert summary.fetched == 8  # the hub, and the whole blog
    assert not site.requests(path="/page.html")


def test_outlinks_per_page_are_capped(site: SiteServer, settings: Settings, store: Store) -> None:
    """A page with 5,000 links queues only max_links_per_page of them (reliability #16)."""
    links = "".join(f'<a href="/p{i}.html">{i}</a>' for i in range(5000)).encode()
    with site.route("norobots.crawl.test", "/", body=b"<html><body>" + links + b"</body></html>",
                    headers={"Content-Type": "text/html"}):  # fmt: skip
        summary = crawl(
            site, replace(settings, max_links_per_page=50, max_depth=1), store, "http://norobots.crawl.test/"
        )
    assert summary.fetched == 1 and summary.failed == {"http_404": 50}
    queued = store.query("SELECT count(*) AS n FROM frontier WHERE kind = 'page'")[0]["n"]
    assert queued == 51


def test_guard_applies_to_crawls(site: SiteServer, settings: Settings, store: Store) -> None:
    summary = crawl(site, replace(settings, allow_private=False), store)
    assert summary.failed == {"blocked_address": 1} and summary.fetched == 0
    assert site.requests() == []


def test_progress_events(site: SiteServer, settings: Settings, store: Store) -> None:
    events: list[CrawlEvent] = []
    crawl(site, settings, store, progress=events.append)
    kinds = [e.kind for e in events]
    assert kinds.count("fetched") == 7 and kinds.count("skipped_robots") == 1
    assert events[-1].budget == settings.max_pages


def test_runs_are_recorded(site: SiteServer, settings: Settings, store: Store) -> None:
    summary = crawl(site, settings, store)
    run = store.get_run(summary.run_id)
    assert run is not None and run.kind == "crawl" and run.status == "done" and run.finished_at
    assert run.counts["fetched"] == 7 and run.args == {"urls": [BLOG]}
    assert run.settings["delay"] == 0.0 and run.crawl == crawl_key([BLOG])


def test_db_missing_is_created_next_to_settings(settings: Settings, tmp_path: Path) -> None:
    assert settings.database().parent == tmp_path


def _archive_page(n: int, last: int) -> bytes:
    posts = "".join(f'<li><a href="/posts/{n}-{i}.html">Post {n}.{i}</a></li>' for i in (1, 2))
    older = f'<a href="/page/{n + 1}/">Older posts</a>' if n < last else ""
    return f"<!doctype html><html><body><ul>{posts}</ul>{older}</body></html>".encode()


def test_default_depth_follows_a_paginated_archive_to_its_last_post(
    site: SiteServer, settings: Settings, store: Store
) -> None:
    """A blog's archive of 12 pages: posts of the last page sit 13 hops from the start; the default depth
    leaves the page budget to decide, so every post is reached."""
    host, last = "news.crawl.test", 12
    html = {"Content-Type": "text/html; charset=utf-8"}
    with contextlib.ExitStack() as routes:
        routes.enter_context(site.route(host, "/", body=_archive_page(1, last), headers=html))
        for n in range(2, last + 1):
            routes.enter_context(site.route(host, f"/page/{n}/", body=_archive_page(n, last), headers=html))
        for n in range(1, last + 1):
            for i in (1, 2):
                body = f"<!doctype html><html><body><p>Post {n}.{i}</p></body></html>".encode()
                routes.enter_context(site.route(host, f"/posts/{n}-{i}.html", body=body, headers=html))
        crawl(site, replace(settings, max_depth=Settings().max_depth), store, f"http://{host}/")
    pages = stored(store)
    assert all(f"http://{host}/posts/{n}-{i}.html" in pages for n in range(1, last + 1) for i in (1, 2))


def test_a_missing_sitemap_is_asked_for_once(site: SiteServer, settings: Settings, store: Store) -> None:
    """A 404 sitemap, also linked from the pages: one request in the whole crawl."""
    host = "news.crawl.test"
    html = {"Content-Type": "text/html; charset=utf-8"}
    home = (
        b'<!doctype html><html><body><a href="/sitemap.xml">Site map</a><a href="/a.html">A</a></body></html>'
    )
    page = b'<!doctype html><html><body><p>A</p><a href="/sitemap.xml">Site map</a></body></html>'
    with (
        site.route(host, "/sitemap.xml", status=404, body=b"not here"),
        site.route(host, "/", body=home, headers=html),
        site.route(host, "/a.html", body=page, headers=html),
    ):
        crawl(site, settings, store, f"http://{host}/", f"http://{host}/a.html")
    assert len(site.requests(host=host, path="/sitemap.xml")) == 1
