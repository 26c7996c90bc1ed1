"""The SSRF guard: which addresses the crawler may connect to, decided on the address actually connected to.

Two checks, both on by default and both switched off by `Settings.allow_private`:

1. `check_target(url)`, before any I/O (and on every redirect hop): http/https only, an allowed port, no
   internal-looking names (`localhost`, `*.local`, `*.internal`, ...), and no forbidden literal address in
   any spelling (`127.0.0.1`, `[::1]`, `2130706433`, `0x7f.1`, `017700000001`, `127.1`).
2. `Guard.resolve(host, port)`, called by the transport for every new connection: one resolution, every
   address vetted, the host refused if *any* address is forbidden (never "pick the public one"), and the
   vetted addresses are the only ones the transport connects to. Redirects and DNS rebinding cannot get
   around a check that sits on the connection itself.

Forbidden: loopback, private, link-local, CGNAT (100.64/10), multicast, unspecified, documentation and other
reserved ranges, and IPv6 forms that embed IPv4 (IPv4-mapped, IPv4-compatible, NAT64, 6to4, Teredo).
`Settings.resolve` entries ("host=address[:port]", like curl --resolve) replace DNS for named hosts; their
addresses are vetted like any other.
"""

from __future__ import annotations

import asyncio
import ipaddress
import socket
from collections.abc import Awaitable, Callable, Iterable
from urllib.parse import urlsplit

from rights.errors import ConfigError

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address
Lookup = Callable[[str, int], Awaitable[list[str]]]
Classify = Callable[[IPAddress], str | None]

ALLOWED_PORTS = frozenset({80, 443, 8080, 8443})
INTERNAL_NAMES = ("localhost", "localdomain", "local", "internal", "intranet", "lan", "home.arpa", "corp")

_V4 = [
    ("0.0.0.0/8", "unspecified"), ("10.0.0.0/8", "private"), ("100.64.0.0/10", "CGNAT"),
    ("127.0.0.0/8", "loopback"), ("169.254.0.0/16", "link-local"), ("172.16.0.0/12", "private"),
    ("192.0.0.0/24", "reserved"), ("192.0.2.0/24", "documentation"), ("192.88.99.0/24", "reserved"),
    ("192.168.0.0/16", "private"), ("198.18.0.0/15", "benchmarking"), ("198.51.100.0/24", "documentation"),
    ("203.0.113.0/24", "documentation"), ("224.0.0.0/4", "multicast"), ("240.0.0.0/4", "reserved"),
]  # fmt: skip
_V6 = [
    ("::/128", "unspecified"), ("::1/128", "loopback"), ("100::/64", "discard"),
    ("2001:db8::/32", "documentation"), ("fc00::/7", "private"), ("fe80::/10", "link-local"),
    ("fec0::/10", "site-local"), ("ff00::/8", "multicast"),
]  # fmt: skip
_V4_NETS = [(ipaddress.IPv4Network(net), why) for net, why in _V4]
_V6_NETS = [(ipaddress.IPv6Network(net), why) for net, why in _V6]
_NAT64 = (ipaddress.IPv6Network("64:ff9b::/96"), ipaddress.IPv6Network("64:ff9b:1::/48"))
_6TO4 = ipaddress.IPv6Network("2002::/16")
_IETF = ipaddress.IPv6Network("2001::/23")  # includes Teredo (2001::/32)
_COMPAT = ipaddress.IPv6Network("::/96")
_NUMERIC = frozenset("0123456789abcdefxABCDEFX.")


class BlockedAddressError(Exception):
    """The guard refused a host or address (`reason` says why)."""

    def __init__(self, host: str, address: str, reason: str) -> None:
        text = (
            f"{host} is {address}, a {reason} address" if address != host else f"{host} is a {reason} address"
        )
        super().__init__(text)
        self.host = host
        self.address = address
        self.reason = reason


class ResolveError(Exception):
    """The host name does not resolve."""


def _v4_reason(ip: ipaddress.IPv4Address) -> str | None:
    for net, why in _V4_NETS:
        if ip in net:
            return why
    return None if ip.is_global else "reserved"


def _embedded_v4(ip: ipaddress.IPv6Address) -> tuple[ipaddress.IPv4Address, str] | None:
    if ip.ipv4_mapped is not None:
        return ip.ipv4_mapped, "IPv4-mapped"
    if any(ip in net for net in _NAT64):
        return ipaddress.IPv4Address(int(ip) & 0xFFFFFFFF), "NAT64"
    if ip.sixtofour is not None:
        return ip.sixtofour, "6to4"
    if ip.teredo is not None:
        return ip.teredo[1], "Teredo"
    if ip in _COMPAT and int(ip) > 1:
        return ipaddress.IPv4Address(int(ip) & 0xFFFFFFFF), "IPv4-compatible"
    return None


def forbidden_reason(ip: IPAddress) -> str | None:
    """Why the crawler must not connect to `ip`, or None when it is a public unicast address."""
    if isinstance(ip, ipaddress.IPv4Address):
        return _v4_reason(ip)
    embedded = _embedded_v4(ip)
    if embedded is not None:
        inner, form = embedded
        if form == "IPv4-mapped":
            why = _v4_reason(inner)
            return None if why is None else f"{why} ({form})"
        return f"{_v4_reason(inner) or 'translated'} ({form} {inner})"
    for net, why in _V6_NETS:
        if ip in net:
            return why
    if ip in _6TO4 or ip in _IETF:
        return "reserved"
    return None if ip.is_global else "reserved"


def literal_address(host: str) -> IPAddress | None:
    """The address a host string denotes by itself: dotted, bracketed IPv6, or a numeric spelling
    that the C resolver would accept (`2130706433`, `0x7f.1`, `017700000001`, `127.1`)."""
    text = host.strip("[]")
    try:
        return ipaddress.ip_address(text)
    except ValueError:
        pass
    if text and set(text) <= _NUMERIC and any(ch.isdigit() for ch in text):
        try:
            return ipaddress.IPv4Address(socket.inet_aton(text))
        except OSError:
            return None
    return None


def _is_internal_name(host: str) -> bool:
    host = host.lower().rstrip(".")
    return any(host == name or host.endswith("." + name) for name in INTERNAL_NAMES)


def check_target(
    url: str,
    *,
    allow_private: bool,
    classify: Classify = forbidden_reason,
    ports: frozenset[int] = ALLOWED_PORTS,
) -> None:
    """Refuse, before any I/O, a URL the crawler must never request. Raises BlockedAddressError."""
    parts = urlsplit(url)
    host = (parts.hostname or "").lower()
    if parts.scheme not in ("http", "https"):
        raise BlockedAddressError(host or url, host or url, f"non-web ({parts.scheme or 'no'} scheme)")
    if allow_private:
        return
    ip = literal_address(host)
    why = classify(ip) if ip is not None else None
    if why is not None:
        raise BlockedAddressError(host, str(ip), why)
    if _is_internal_name(host):
        raise BlockedAddressError(host, host, "internal-only name")
    port = parts.port or (443 if parts.scheme == "https" else 80)
    if port not in ports:
        raise BlockedAddressError(host, f"{host}:{port}", f"non-standard port ({port})")


def parse_resolve(entries: Iterable[str]) -> dict[str, tuple[str, int | None]]:
    """`("host=address", "host=address:port", "host=[v6]:port")` -> {host: (address, port or None)}."""
    table: dict[str, tuple[str, int | None]] = {}
    for entry in entries:
        host, sep, target = entry.partition("=")
        host, target = host.strip().lower().rstrip("."), target.strip()
        address, port = target, None
        if target.startswith("["):
            address, _, rest = target[1:].partition("]")
            port_text = rest.removeprefix(":")
            port = int(port_text) if port_text.isdigit() else None
        elif target.count(":") == 1:
            address, port_text = target.split(":")
            port = int(port_text) if port_text.isdigit() else -1
        try:
            ipaddress.ip_address(address)
        except ValueError:
            address = ""
        if not sep or not host or not address or (port is not None and not 0 < port < 65536):
            raise ConfigError(
                f"setting resolve: {entry!r} is not HOST=ADDRESS or HOST=ADDRESS:PORT", "resolve"
            )
        table[host] = (address, port)
    return table


async def system_lookup(host: str, port: int) -> list[str]:
    """Every address of `host` (A and AAAA), from the system resolver, in its order."""
    try:
        infos = await asyncio.get_running_loop().getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except socket.gaierror as exc:
        raise ResolveError(f"{host} does not resolve ({exc.strerror})") from exc
    seen: dict[str, None] = {}
    for info in infos:
        seen.setdefault(str(info[4][0]), None)
    return list(seen)


class Guard:
    """Resolves a host once, vets every address, and hands back only vetted (address, port) pairs."""

    def __init__(
        self,
        *,
        allow_private: bool = False,
        resolve: Iterable[str] = (),
        lookup: Lookup | None = None,
        classify: Classify = forbidden_reason,
        ports: frozenset[int] = ALLOWED_PORTS,
    ) -> None:
        self.allow_private = allow_private
        self.ports = ports
        self.table = parse_resolve(resolve)
        self.lookup = lookup or system_lookup
        self.classify = classify

    def check_target(self, url: str) -> None:
        check_target(url, allow_private=self.allow_private, classify=self.classify, ports=self.ports)

    async def resolve(self, host: str, port: int) -> list[tuple[str, int]]:
        """The addresses to connect to for `host:port`; raises BlockedAddressError or ResolveError."""
        name = host.lower().rstrip(".").strip("[]")
        if name in self.table:
            address, mapped_port = self.table[name]
            addresses, port = [address], mapped_port or port
        else:
            literal = literal_address(name)
            addresses = [str(literal)] if literal is not None else await self.lookup(name, port)
        if not addresses:
            raise ResolveError(f"{host} has no addresses")
        if not self.allow_private:
            for address in addresses:
                why = self.classify(ipaddress.ip_address(address.split("%")[0]))
                if why is not None:
                    raise BlockedAddressError(host, address, why)
        return [(address, port) for address in addresses]
