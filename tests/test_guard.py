"""The SSRF guard: address classes, numeric spellings, and blocking proven against real loopback servers.

The fixture server listens on 127.0.0.1. A second server on 127.0.0.2 plays "the public internet": tests
give the guard a classifier that calls 127.0.0.2 public and everything else by the real rules, so redirects,
rebinding and mixed answers can be exercised without leaving the machine. Every blocking test checks the
server's request log: the request must never have arrived.
"""

from __future__ import annotations

import asyncio
import ipaddress
from collections.abc import Iterator
from dataclasses import replace

import pytest

from rights.config import Settings
from rights.errors import ConfigError, FetchError
from rights.web.fetch import Fetcher, fetch_page
from rights.web.guard import (
    BlockedAddressError,
    Guard,
    IPAddress,
    ResolveError,
    check_target,
    forbidden_reason,
    literal_address,
    parse_resolve,
)
from tests.sitesrv import SiteServer

PUBLIC = ipaddress.ip_address("127.0.0.2")


def pretend_public(ip: IPAddress) -> str | None:
    """The real rules, except that 127.0.0.2 counts as a public address."""
    return None if ip == PUBLIC else forbidden_reason(ip)


@pytest.fixture(scope="module")
def public() -> Iterator[SiteServer]:
    with SiteServer(address="127.0.0.2") as server:
        yield server


def guarded(settings: Settings, transport: str) -> Settings:
    return replace(settings, allow_private=False, transport=transport, retries=0)


def fetch(url: str, settings: Settings, guard: Guard | None = None) -> FetchError:
    async def run() -> None:
        async with Fetcher(settings, guard=guard) as fetcher:
            await fetcher.fetch(url)

    with pytest.raises(FetchError) as info:
        asyncio.run(run())
    return info.value


# ------------------------------------------------------------------------------------------- units


@pytest.mark.parametrize(
    ("address", "why"),
    [
        ("127.0.0.1", "loopback"),
        ("127.255.0.9", "loopback"),
        ("10.1.2.3", "private"),
        ("172.16.0.1", "private"),
        ("192.168.1.1", "private"),
        ("169.254.169.254", "link-local"),
        ("100.64.0.1", "CGNAT"),
        ("224.0.0.1", "multicast"),
        ("0.0.0.0", "unspecified"),
        ("255.255.255.255", "reserved"),
        ("198.18.0.1", "benchmarking"),
        ("192.0.2.1", "documentation"),
        ("::1", "loopback"),
        ("::", "unspecified"),
        ("fe80::1", "link-local"),
        ("fc00::1", "private"),
        ("fd12:3456::1", "private"),
        ("ff02::1", "multicast"),
        ("::ffff:127.0.0.1", "loopback (IPv4-mapped)"),
        ("::ffff:10.0.0.1", "private (IPv4-mapped)"),
        ("::127.0.0.1", "loopback (IPv4-compatible 127.0.0.1)"),
        ("64:ff9b::a9fe:a9fe", "link-local (NAT64 169.254.169.254)"),
        ("64:ff9b::808:808", "translated (NAT64 8.8.8.8)"),
        ("2002:a9fe:a9fe::1", "link-local (6to4 169.254.169.254)"),
        ("2001:0:4136:e378:8000:63bf:3fff:fdd2", "documentation (Teredo 192.0.2.45)"),
        ("8.8.8.8", None),
        ("93.184.216.34", None),
        ("2606:4700::1111", None),
        ("::ffff:8.8.8.8", None),
    ],
)
def test_address_classes(address: str, why: str | None) -> None:
    """Every forbidden class is refused with its name; public unicast addresses pass."""
    reason = forbidden_reason(ipaddress.ip_address(address))
    if why is None:
        assert reason is None
    else:
        assert reason is not None and reason.startswith(why.split(" (")[0])
        assert reason == why or "(" not in why


@pytest.mark.parametrize(
    "host", ["2130706433", "0x7f.1", "017700000001", "127.1", "0x7f000001", "0177.0.0.1"]
)
def test_numeric_spellings_are_loopback(host: str) -> None:
    """Odd spellings the C resolver accepts are read as the address they denote."""
    assert literal_address(host) == ipaddress.ip_address("127.0.0.1")
    with pytest.raises(BlockedAddressError, match="loopback"):
        check_target(f"http://{host}/", allow_private=False)


@pytest.mark.parametrize("host", ["example.com", "dead.beef", "1e100.net", "blog.crawl.test"])
def test_names_are_not_addresses(host: str) -> None:
    assert literal_address(host) is None


@pytest.mark.parametrize(
    ("url", "why"),
    [
        ("http://localhost/", "internal-only"),
        ("http://printer.local/", "internal-only"),
        ("http://metadata.google.internal/", "internal-only"),
        ("http://example.com:22/", "non-standard port"),
        ("http://[::1]/", "loopback"),
        ("http://169.254.169.254/latest/meta-data/", "link-local"),
        ("ftp://example.com/", "non-web"),
    ],
)
def test_check_target_refuses_before_io(url: str, why: str) -> None:
    with pytest.raises(BlockedAddressError, match=why):
        check_target(url, allow_private=False)
    if not url.startswith("ftp"):
        check_target(url, allow_private=True)  # the switch turns the guard off


def test_parse_resolve() -> None:
    table = parse_resolve(["a.test=127.0.0.1", "B.test=127.0.0.1:8080", "c.test=[::1]:81", "d.test=::1"])
    assert table == {
        "a.test": ("127.0.0.1", None),
        "b.test": ("127.0.0.1", 8080),
        "c.test": ("::1", 81),
        "d.test": ("::1", None),
    }
    for bad in [
        "a.test",
        "a.test=",
        "=1.2.3.4",
        "a.test=not-an-ip",
        "a.test=1.2.3.4:99999",
        "a.test=1.2.3.4:x",
    ]:
        with pytest.raises(ConfigError, match="resolve"):
            parse_resolve([bad])


def test_guard_refuses_a_host_with_any_private_address() -> None:
    """Mixed public and private answers: the whole host is refused, not the public address picked."""

    async def lookup(host: str, port: int) -> list[str]:
        return ["8.8.8.8", "10.0.0.7"]

    guard = Guard(lookup=lookup)
    with pytest.raises(BlockedAddressError, match=r"10\.0\.0\.7"):
        asyncio.run(guard.resolve("mixed.example", 80))
    assert asyncio.run(Guard(lookup=lookup, allow_private=True).resolve("mixed.example", 80)) == [
        ("8.8.8.8", 80),
        ("10.0.0.7", 80),
    ]


# ------------------------------------------------------------------------------- against a server


def test_resolved_to_loopback_is_refused(site: SiteServer, settings: Settings, transport: str) -> None:
    """A fixture host mapped to 127.0.0.1 by `resolve` is refused without allow_private: nothing arrives."""
    error = fetch(site.url("blog.crawl.test", "/about.html"), guarded(settings, transport))
    assert error.reason == "blocked_address" and "loopback" in error.detail
    assert site.requests() == []


def test_allow_private_lets_it_through(site: SiteServer, settings: Settings, transport: str) -> None:
    page = fetch_page(site.url("blog.crawl.test", "/about.html"), replace(settings, transport=transport))
    assert page.status == 200 and site.requests(path="/about.html")


@pytest.mark.parametrize("host", ["127.0.0.1", "2130706433", "0x7f.1", "017700000001", "[::ffff:127.0.0.1]"])
def test_direct_and_numeric_loopback_are_refused(
    site: SiteServer, settings: Settings, transport: str, host: str
) -> None:
    """Direct loopback in any spelling, with the server's real port: refused, never connected."""
    error = fetch(f"http://{host}:{site.port}/", guarded(settings, transport))
    assert error.reason == "blocked_address" and "loopback" in error.detail
    assert site.requests() == []


def test_redirect_to_private_is_refused(
    site: SiteServer, public: SiteServer, settings: Settings, transport: str
) -> None:
    """A public page redirecting to an internal address: the hop is refused, the internal server untouched."""
    public.reset()
    target = f"http://127.0.0.1:{site.port}/about.html"
    settings = replace(
        guarded(settings, transport), resolve=(*site.resolve, f"pub.crawl.test=127.0.0.2:{public.port}")
    )
    guard = Guard(resolve=settings.resolve, classify=pretend_public)
    for location in (target, "http://blog.crawl.test/about.html", "http://2130706433/"):
        with public.route("pub.crawl.test", "/go", status=302, headers={"Location": location}):
            error = fetch("http://pub.crawl.test/go", settings, guard)
        assert error.reason == "blocked_address", location
    assert [r.path for r in public.requests()].count("/go") == 3
    assert site.requests() == []


def test_redirect_to_private_is_refused_by_the_connection_check(
    site: SiteServer, public: SiteServer, settings: Settings, transport: str
) -> None:
    """Same, for a name that only the resolver knows is private: the connection-level check catches it."""
    public.reset()
    settings = replace(
        guarded(settings, transport),
        resolve=(f"pub.crawl.test=127.0.0.2:{public.port}", f"intranet.crawl.test=127.0.0.1:{site.port}"),
    )
    guard = Guard(resolve=settings.resolve, classify=pretend_public)
    with public.route(
        "pub.crawl.test", "/go", status=302, headers={"Location": "http://intranet.crawl.test/"}
    ):
        error = fetch("http://pub.crawl.test/go", settings, guard)
    assert error.reason == "blocked_address" and "loopback" in error.detail
    assert site.requests() == []


def test_dns_rebinding_cannot_switch_the_address(
    site: SiteServer, public: SiteServer, settings: Settings, transport: str
) -> None:
    """A resolver answering public first, private afterwards: one resolution serves check and connect."""
    public.reset()
    answers: list[str] = []

    async def rebinding(host: str, port: int) -> list[str]:
        answer = "127.0.0.2" if not answers else "127.0.0.1"
        answers.append(answer)
        return [answer]

    settings = replace(guarded(settings, transport), resolve=())
    guard = Guard(lookup=rebinding, classify=pretend_public, ports=frozenset({public.port}))
    url = f"http://rebind.crawl.test:{public.port}/page"

    async def run() -> bytes:
        async with Fetcher(settings, guard=guard) as fetcher:
            try:
                return (await fetcher.fetch(url)).content
            except FetchError as exc:
                return exc.reason.encode()

    with public.route("rebind.crawl.test", "*", body=b"<html><p>public page</p></html>"):
        body = asyncio.run(run())
    assert body in (b"<html><p>public page</p></html>", b"blocked_address")
    assert answers[0] == "127.0.0.2"
    assert not site.requests(host="rebind.crawl.test")  # never reached the "private" server


def test_mixed_resolution_is_refused_end_to_end(
    site: SiteServer, public: SiteServer, settings: Settings, transport: str
) -> None:
    public.reset()

    async def mixed(host: str, port: int) -> list[str]:
        return ["127.0.0.2", "127.0.0.1"]

    guard = Guard(lookup=mixed, classify=pretend_public, ports=frozenset({public.port}))
    error = fetch(
        f"http://mixed.crawl.test:{public.port}/", replace(guarded(settings, transport), resolve=()), guard
    )
    assert error.reason == "blocked_address" and "127.0.0.1" in error.detail
    assert not public.requests() and not site.requests()


def test_unresolvable_host_is_not_retried(settings: Settings, transport: str) -> None:
    calls: list[str] = []

    async def nxdomain(host: str, port: int) -> list[str]:
        calls.append(host)
        raise ResolveError(f"{host} does not resolve")

    settings = replace(settings, resolve=(), retries=2, obey_robots=False, transport=transport)
    error = fetch("http://nowhere.crawl.test/", settings, Guard(lookup=nxdomain, allow_private=True))
    assert error.reason == "network_error" and "resolve" in error.detail
    assert calls == ["nowhere.crawl.test"]
