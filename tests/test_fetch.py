"""Fetching limits and faults (reliability.md §8, network cases) on the fixture server, both transports."""

from __future__ import annotations

import asyncio
import shutil
import ssl
import subprocess
import tracemalloc
from collections.abc import Iterator
from dataclasses import replace

import pytest

from rights.config import Settings
from rights.errors import FetchError, InputError
from rights.web.fetch import Fetcher, fetch_page
from rights.web.models import Fetched
from tests.sitesrv import SiteServer, bomb

MIB = 1 << 20


@pytest.fixture
def cfg(settings: Settings, transport: str) -> Settings:
    return replace(settings, transport=transport)


def failure(site: SiteServer, path: str, settings: Settings, host: str = "norobots.crawl.test") -> FetchError:
    with pytest.raises(FetchError) as info:
        fetch_page(site.url(host, path).replace("http://", "https://" if site.tls else "http://"), settings)
    return info.value


def hits(site: SiteServer, path: str) -> int:
    return len(site.requests(path=path))


# ----------------------------------------------------------------------------------------- sizes


@pytest.mark.parametrize(("enc", "mb"), [("gzip", 256), ("deflate", 256), ("br", 1024)])
def test_compression_bombs_do_not_expand(site: SiteServer, cfg: Settings, enc: str, mb: int) -> None:
    """A few KB that would expand to hundreds of MB: stopped at the 1 MiB limit, memory stays small."""
    payload = bomb(enc, mb * MIB)  # generate before measuring
    assert len(payload) < 300_000
    tracemalloc.start()
    try:
        error = failure(site, f"/_fault/bomb?enc={enc}&mb={mb}", cfg)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert error.reason == "too_large" and "decoded" in error.detail
    assert peak < 24 * MIB, f"peak {peak / MIB:.1f} MiB while decoding a {mb} MiB bomb"


def test_content_length_over_limit_is_refused_before_reading(site: SiteServer, cfg: Settings) -> None:
    error = failure(site, "/_fault/big?mb=20", cfg)
    assert error.reason == "too_large" and "Content-Length" in error.detail


def test_endless_body_is_cut(site: SiteServer, cfg: Settings) -> None:
    """No Content-Length and no end: raw bytes are counted and the read stops at the limit."""
    error = failure(site, "/_fault/endless", cfg)
    assert error.reason == "too_large"


def test_big_page_without_length_is_cut(site: SiteServer, cfg: Settings) -> None:
    error = failure(site, "/_fault/big?mb=3&length=0", cfg)
    assert error.reason == "too_large"


def test_honest_compression_is_decoded(site: SiteServer, cfg: Settings) -> None:
    for enc in ("gzip", "deflate", "raw-deflate", "br"):
        page = fetch_page(site.url("norobots.crawl.test", f"/_fault/gzip?enc={enc}"), cfg)
        assert page.content.startswith(b"<html><title>compressed") and len(page.content) == 10045


# ----------------------------------------------------------------------------------------- time


def test_slow_drip_hits_the_total_deadline(site: SiteServer, cfg: Settings) -> None:
    """1 byte every 0.2 s passes every per-read timeout; the total deadline stops it."""
    cfg = replace(cfg, total_timeout=1.0, read_timeout=2.0)
    error = failure(site, "/_fault/drip?bytes=100&every=0.2", cfg)
    assert error.reason == "timeout_total"
    assert hits(site, "/_fault/drip") == 1  # not retried: a drip would only drip again


def test_silent_server_times_out_and_is_retried(site: SiteServer, cfg: Settings) -> None:
    cfg = replace(cfg, read_timeout=0.3, total_timeout=5.0, retries=2)
    error = failure(site, "/_fault/hang?for=3", cfg)
    assert error.reason == "timeout" and "read" in error.detail
    assert hits(site, "/_fault/hang") == 3


def test_connection_refused_is_retried_once(site: SiteServer, cfg: Settings) -> None:
    closed = replace(cfg, resolve=("closed.crawl.test=127.0.0.1:9",), retries=3, obey_robots=False)
    error = failure(site, "/", closed, host="closed.crawl.test")
    assert error.reason == "network_error"


# ------------------------------------------------------------------------------------ framing


@pytest.mark.parametrize("fault", ["truncated", "bad-chunks", "http09", "huge-header"])
def test_broken_framing_is_a_protocol_error_retried_once(site: SiteServer, cfg: Settings, fault: str) -> None:
    """Never stored as complete; retried once. (aiohttp's C parser can stall on a bad chunk-size line
    after the server closes; the total deadline ends that wait, so `timeout_total` is accepted there.)"""
    cfg = replace(cfg, retries=3, total_timeout=2.0)
    error = failure(site, f"/_fault/{fault}", cfg)
    stalls = fault == "bad-chunks" and cfg.transport == "aiohttp"
    assert error.reason == "protocol_error" or (stalls and error.reason == "timeout_total")
    assert hits(site, f"/_fault/{fault}") in ((1, 2) if stalls else (2,))


@pytest.mark.parametrize("enc", ["gzip", "x-unknown", "compress"])
def test_false_or_unknown_encoding(site: SiteServer, cfg: Settings, enc: str) -> None:
    error = failure(site, f"/_fault/raw-encoding?enc={enc}", cfg)
    assert error.reason == "bad_encoding"


# ----------------------------------------------------------------------------------- redirects


def test_redirect_chain_within_limit_is_recorded(site: SiteServer, cfg: Settings) -> None:
    page = fetch_page(site.url("norobots.crawl.test", "/_fault/chain?n=5"), cfg)
    assert page.status == 200 and len(page.redirects) == 5
    assert page.final_url.endswith("/_fault/chain?n=0")


@pytest.mark.parametrize("path", ["/_fault/chain?n=6", "/_fault/chain?loop=1"])
def test_too_many_redirects(site: SiteServer, cfg: Settings, path: str) -> None:
    assert failure(site, path, cfg).reason == "too_many_redirects"
    assert hits(site, "/_fault/chain") == 6  # the original request and five hops, then stop


@pytest.mark.parametrize(
    "location",
    ["file:///etc/passwd", "javascript:alert(1)", "ftp://example.test/x", "http://:99999/", "http://a b/"],
)
def test_bad_redirect_targets_are_refused(site: SiteServer, cfg: Settings, location: str) -> None:
    with site.route("norobots.crawl.test", "/go", status=302, headers={"Location": location}):
        assert failure(site, "/go", cfg).reason == "bad_redirect"


def test_cross_host_redirect_is_followed_and_checked(site: SiteServer, cfg: Settings) -> None:
    with site.route(
        "norobots.crawl.test", "/go", status=301, headers={"Location": "http://blog.crawl.test/about.html"}
    ):
        page = fetch_page(site.url("norobots.crawl.test", "/go"), cfg)
    assert page.final_url == "http://blog.crawl.test/about.html"
    assert site.requests(host="blog.crawl.test", path="/robots.txt")  # robots of the target origin consulted
    with site.route(
        "norobots.crawl.test", "/go", status=301, headers={"Location": "http://blog.crawl.test/private/x"}
    ):
        assert failure(site, "/go", cfg).reason == "robots_disallowed"


# ----------------------------------------------------------------------------- statuses, retries


def test_404_is_an_http_status_error(site: SiteServer, cfg: Settings) -> None:
    error = failure(site, "/missing.html", cfg)
    assert (error.reason, error.detail) == ("http_status", "404")


@pytest.mark.parametrize("code", [429, 503])
def test_retry_after_seconds_is_honoured(site: SiteServer, cfg: Settings, code: int) -> None:
    path = f"/_fault/status?code={code}&retry_after=0.3&fail=1"
    page = fetch_page(site.url("norobots.crawl.test", path), cfg)
    assert page.status == 200
    first, second = site.requests(path="/_fault/status")
    assert second.at - first.at >= 0.29


def test_retry_after_date_and_garbage(site: SiteServer, cfg: Settings) -> None:
    for value in ("Wed, 21 Oct 2015 07:28:00 GMT", "soon", "-5"):
        site.reset()
        page = fetch_page(
            site.url("norobots.crawl.test", f"/_fault/status?code=503&retry_after={value}&fail=1"), cfg
        )
        assert page.status == 200 and hits(site, "/_fault/status") == 2


def test_huge_retry_after_defers_the_host_without_waiting(site: SiteServer, cfg: Settings) -> None:
    """`Retry-After: 1e9` is clamped, longer than we wait in a run: the host is deferred, others go on."""

    async def run() -> list[Fetched | FetchError]:
        async with Fetcher(replace(cfg, retries=5)) as fetcher:
            first = await fetcher.fetch_many(
                [site.url("norobots.crawl.test", "/_fault/status?code=429&retry_after=1e9")]
            )
            later = await fetcher.fetch_many(
                [site.url("norobots.crawl.test", "/page.html"), site.url("blog.crawl.test", "/about.html")]
            )
            return first + later

    rate_limited, same_host, other_host = asyncio.run(run())
    assert isinstance(rate_limited, FetchError) and rate_limited.reason == "host_deferred"
    assert "3600" in rate_limited.detail  # clamped to max_retry_after
    assert isinstance(same_host, FetchError) and same_host.reason == "host_deferred"
    assert isinstance(other_host, Fetched) and other_host.status == 200
    assert hits(site, "/_fault/status") == 1 and hits(site, "/page.html") == 0


def test_retries_exhausted_give_http_status(site: SiteServer, cfg: Settings) -> None:
    error = failure(site, "/_fault/status?code=503&retry_after=0", replace(cfg, retries=2))
    assert (error.reason, error.detail) == ("http_status", "503")
    assert hits(site, "/_fault/status") == 3


def test_breaker_drops_a_failing_host_and_spares_others(site: SiteServer, cfg: Settings) -> None:
    async def run() -> tuple[list[Fetched | FetchError], list[Fetched | FetchError]]:
        async with Fetcher(replace(cfg, retries=0)) as fetcher:
            bad = [
                await fetcher.fetch_many([site.url("norobots.crawl.test", f"/_fault/truncated?i={i}")])
                for i in range(8)
            ]
            good = await fetcher.fetch_many([site.url("blog.crawl.test", "/about.html")])
            return [b[0] for b in bad], good

    bad, good = asyncio.run(run())
    reasons = [e.reason for e in bad if isinstance(e, FetchError)]
    assert reasons == ["protocol_error"] * 5 + ["host_failing"] * 3
    assert hits(site, "/_fault/truncated") == 5
    assert isinstance(good[0], Fetched)


# ----------------------------------------------------------------------------------- content


@pytest.mark.parametrize("what", ["pdf", "png"])
def test_binary_served_as_html_is_not_html(site: SiteServer, cfg: Settings, what: str) -> None:
    error = failure(site, f"/_fault/typed?what={what}&type=text/html", cfg)
    assert error.reason == "not_html" and what.upper() in error.detail


def test_declared_binary_is_not_read(site: SiteServer, cfg: Settings) -> None:
    error = failure(site, "/_fault/typed?what=pdf&type=application/pdf", cfg)
    assert (error.reason, error.detail) == ("not_html", "application/pdf")


def test_wrong_charset_bytes_are_kept_as_sent(site: SiteServer, cfg: Settings) -> None:
    """The fetcher hands over bytes and headers untouched; decoding (WHATWG order) is rights.page's job."""
    from rights.page import parse_page

    fetched = fetch_page(
        site.url("norobots.crawl.test", "/_fault/typed?what=latin1-meta&type=text/html"), cfg
    )
    page = parse_page(fetched.content, url=fetched.final_url, headers=fetched.headers)
    assert page.title == "café" and page.encoding_source == "meta"


# ------------------------------------------------------------------------------- conditional, UA


def test_conditional_request_gives_304(site: SiteServer, cfg: Settings) -> None:
    first = fetch_page(site.url("blog.crawl.test", "/about.html"), cfg)

    async def again() -> Fetched:
        async with Fetcher(cfg) as fetcher:
            return await fetcher.fetch(first.final_url, etag=first.headers["etag"])

    second = asyncio.run(again())
    assert second.status == 304 and second.content == b""
    assert site.requests(path="/about.html")[-1].headers["if-none-match"] == first.headers["etag"]


def test_user_agent_names_tool_version_and_contact(site: SiteServer, cfg: Settings) -> None:
    fetch_page(site.url("blog.crawl.test", "/about.html"), cfg)
    for request in site.requests(host="blog.crawl.test"):
        assert request.headers["user-agent"].startswith("rights/0.1.0 (+https://")
        assert "br" in request.headers["accept-encoding"]


def test_proxy_environment_is_ignored(
    site: SiteServer, cfg: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    for name in ("HTTP_PROXY", "http_proxy", "ALL_PROXY", "HTTPS_PROXY"):
        monkeypatch.setenv(name, "http://127.0.0.1:9")
    assert fetch_page(site.url("blog.crawl.test", "/about.html"), cfg).status == 200


def test_credentials_in_urls_are_never_sent(site: SiteServer, cfg: Settings) -> None:
    page = fetch_page("http://user:secret@blog.crawl.test/about.html", cfg)
    assert "secret" not in page.url and "secret" not in page.final_url
    assert all("authorization" not in r.headers for r in site.requests())


@pytest.mark.parametrize(
    "url", ["blog.crawl.test/a", " ", "javascript:alert(1)", "http://a\r\nb/", "ftp://x.test/"]
)
def test_bad_input_fails_before_any_request(site: SiteServer, cfg: Settings, url: str) -> None:
    with pytest.raises(InputError):
        fetch_page(url, cfg)
    assert site.requests() == []


def test_bad_resolve_setting_fails_before_any_request(site: SiteServer, cfg: Settings) -> None:
    from rights.errors import ConfigError

    with pytest.raises(ConfigError, match="resolve"):
        fetch_page(site.url("blog.crawl.test", "/"), replace(cfg, resolve=("blog.crawl.test=nowhere",)))
    assert site.requests() == []


# --------------------------------------------------------------------------------------------- TLS


@pytest.fixture(scope="module")
def tls_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[SiteServer]:
    """An HTTPS fixture server with a self-signed certificate (needs the openssl command)."""
    if shutil.which("openssl") is None:
        pytest.skip("openssl is not installed")
    folder = tmp_path_factory.mktemp("tls")
    key, cert = folder / "key.pem", folder / "cert.pem"
    subprocess.run(
        ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", str(key), "-out", str(cert),
         "-days", "2", "-subj", "/CN=tls.crawl.test", "-addext", "subjectAltName=DNS:tls.crawl.test"],
        check=True, capture_output=True, timeout=60,
    )  # fmt: skip
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(cert, key)
    with SiteServer(tls=context) as server:
        yield server


def test_self_signed_certificate_fails_closed(tls_site: SiteServer, cfg: Settings) -> None:
    """An untrusted certificate is a tls_error, never fetched anyway (no verify=False anywhere)."""
    cfg = replace(cfg, resolve=(f"tls.crawl.test=127.0.0.1:{tls_site.port}",), obey_robots=False, retries=2)
    error = failure(tls_site, "/", cfg, host="tls.crawl.test")
    assert error.reason == "tls_error" and "certificate" in error.detail.lower()
