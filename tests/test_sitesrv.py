"""The fixture web server itself: Host dispatch, conditional requests, sidecars, faults, routes."""

from __future__ import annotations

import http.client
import zlib

from tests.sitesrv import SiteServer, bomb


def get(
    site: SiteServer, host: str, path: str, headers: dict[str, str] | None = None
) -> http.client.HTTPResponse:
    conn = http.client.HTTPConnection("127.0.0.1", site.port, timeout=5)
    conn.request("GET", path, headers={"Host": host, **(headers or {})})
    response = conn.getresponse()
    response.body = response.read()  # type: ignore[attr-defined]
    conn.close()
    return response


def test_dispatches_on_host_header(site: SiteServer) -> None:
    """The same path on two hosts gives each host's own file; an unknown host is a 404."""
    blog = get(site, "blog.crawl.test", "/")
    news = get(site, "news.crawl.test", "/")
    assert b"Field Notes" in blog.body and b"Harbour Gazette" in news.body  # type: ignore[attr-defined]
    assert get(site, "nowhere.crawl.test", "/").status == 404
    assert [r.host for r in site.requests()] == ["blog.crawl.test", "news.crawl.test", "nowhere.crawl.test"]


def test_directory_index_and_redirect(site: SiteServer) -> None:
    assert get(site, "blog.crawl.test", "/posts").status == 301
    assert get(site, "blog.crawl.test", "/../../etc/passwd").status in (403, 404)


def test_conditional_requests(site: SiteServer) -> None:
    """ETag and Last-Modified are sent, and each gives a 304 when replayed."""
    first = get(site, "blog.crawl.test", "/about.html")
    etag, modified = first.getheader("ETag"), first.getheader("Last-Modified")
    assert etag and modified
    assert get(site, "blog.crawl.test", "/about.html", {"If-None-Match": etag}).status == 304
    assert get(site, "blog.crawl.test", "/about.html", {"If-Modified-Since": modified}).status == 304
    assert get(site, "blog.crawl.test", "/about.html", {"If-None-Match": '"other"'}).status == 200


def test_sidecar_sets_status_and_headers(site: SiteServer) -> None:
    response = get(site, "blog.crawl.test", "/old-page.html")
    assert response.status == 301 and response.getheader("Location") == "/about.html"


def test_runtime_route(site: SiteServer) -> None:
    with site.route("blog.crawl.test", "/robots.txt", status=503, headers={"Retry-After": "5"}):
        assert get(site, "blog.crawl.test", "/robots.txt").status == 503
    assert get(site, "blog.crawl.test", "/robots.txt").status == 200


def test_bombs_are_small_and_expand(site: SiteServer) -> None:
    payload = bomb("gzip", 16 << 20)
    assert len(payload) < 64 * 1024
    assert len(zlib.decompressobj(31).decompress(payload)) == 16 << 20
    assert len(bomb("br", 64 << 20)) < 4096


def test_generated_host(site: SiteServer) -> None:
    page = get(site, "gen10.crawl.test", "/p/2.html")
    assert b'href="/p/7.html"' in page.body  # type: ignore[attr-defined]
    assert get(site, "gen10.crawl.test", "/p/10.html").status == 404


def test_status_fault_recovers_after_k_failures(site: SiteServer) -> None:
    path = "/_fault/status?code=503&fail=2&retry_after=1"
    assert [get(site, "blog.crawl.test", path).status for _ in range(3)] == [503, 503, 200]
