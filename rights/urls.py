"""URL helpers: validation of user input, normalisation, registrable domains (offline Public Suffix List).

Pure: no network. The Public Suffix List ships inside the `publicsuffixlist` package.
"""

from __future__ import annotations

import contextlib
import ipaddress
import re
from functools import lru_cache
from urllib.parse import parse_qsl, urlencode, urljoin, urlsplit, urlunsplit

from publicsuffixlist import PublicSuffixList

from rights.errors import InputError

MAX_URL_LENGTH = 2083
_SCHEMES = ("http", "https")
_DEFAULT_PORTS = {"http": 80, "https": 443}
# Query parameters that only track the visitor; dropped when URLs are compared or de-duplicated.
TRACKING_PARAMS = frozenset(
    {
        "utm_source", "utm_medium", "utm_campaign", "utm_term", "utm_content", "utm_id", "utm_name",
        "utm_reader", "utm_brand", "utm_social", "utm_social-type", "gclid", "dclid", "fbclid", "msclkid",
        "mc_cid", "mc_eid", "yclid", "igshid", "_ga", "_gl", "ref_src", "ref_url", "cmpid", "ncid",
        "ocid", "sr_share", "spm", "__twitter_impression", "at_medium", "at_campaign", "wt.mc_id",
    }
)  # fmt: skip
_HOST_OK = re.compile(r"^[a-z0-9.\-_\[\]:]+$")


@lru_cache(maxsize=1)
def _psl() -> PublicSuffixList:
    return PublicSuffixList()


def check_url(raw: str) -> str:
    """Validate a URL typed by a user; return it stripped. Raise InputError with the reason otherwise."""
    url = raw.strip()
    if not url:
        raise InputError("empty URL; give an http:// or https:// address")
    if len(url) > MAX_URL_LENGTH:
        raise InputError(f"URL is {len(url)} characters long; at most {MAX_URL_LENGTH} are accepted")
    if any(ch in url for ch in "\r\n\t\x00"):
        raise InputError(f"URL contains control characters: {url!r}")
    if "://" not in url:
        scheme = url.split(":", 1)[0].lower() if ":" in url else ""
        if scheme in ("javascript", "mailto", "data", "file", "tel", "about"):
            raise InputError(f"unsupported URL scheme {scheme!r} in {url!r}; only http and https are fetched")
        raise InputError(f"{url!r} has no scheme; did you mean https://{url} ?")
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError as exc:
        raise InputError(f"malformed URL {url!r}: {exc}") from exc
    if parts.scheme.lower() not in _SCHEMES:
        raise InputError(
            f"unsupported URL scheme {parts.scheme!r} in {url!r}; only http and https are fetched"
        )
    host = parts.hostname or ""
    if not host:
        raise InputError(f"URL {url!r} has no host")
    if " " in parts.netloc or not _HOST_OK.match(_to_ascii_host(host)):
        raise InputError(f"URL {url!r} has an invalid host {host!r}")
    if port is not None and not 0 < port < 65536:
        raise InputError(f"URL {url!r} has an invalid port {port}")
    return url


def _to_ascii_host(host: str) -> str:
    if host.isascii():
        return host
    try:
        return host.encode("idna").decode("ascii")
    except UnicodeError as exc:
        raise InputError(f"invalid international host name {host!r}") from exc


def host_of(url: str | None) -> str:
    """Lower-case ASCII (punycode) host of a URL, without `www.`; '' when there is none."""
    if not url:
        return ""
    try:
        host = urlsplit(url if "//" in url else "//" + url).hostname or ""
    except ValueError:
        return ""
    if not host.isascii():
        try:
            host = host.encode("idna").decode("ascii")
        except UnicodeError:
            return host.lower()
    host = host.lower().rstrip(".")
    return host[4:] if host.startswith("www.") else host


def is_ip(host: str) -> bool:
    try:
        ipaddress.ip_address(host.strip("[]"))
    except ValueError:
        return False
    return True


def registrable_domain(url_or_host: str | None) -> str:
    """The registrable domain (eTLD+1): `www.bbc.co.uk` -> `bbc.co.uk`; an IP or `localhost` is itself."""
    if not url_or_host:
        return ""
    return _registrable(url_or_host)


@lru_cache(maxsize=8192)  # detectors and scope checks ask about the same few hosts and URLs again and again
def _registrable(url_or_host: str) -> str:
    host = host_of(url_or_host) if ("/" in url_or_host or ":" in url_or_host) else url_or_host.lower()
    host = host.rstrip(".")
    if host.startswith("www."):
        host = host[4:]
    if not host or is_ip(host) or "." not in host:
        return host
    return str(_psl().privatesuffix(host) or host)


def same_site(a: str | None, b: str | None) -> bool:
    """Whether two URLs (or hosts) share a registrable domain."""
    da, db = registrable_domain(a), registrable_domain(b)
    return bool(da) and da == db


@lru_cache(maxsize=64)
@lru_cache(maxsize=256)
def _origin(base: str) -> str | None:
    try:
        parts = urlsplit(base)
    except ValueError:
        return None
    if parts.scheme not in _SCHEMES or not parts.netloc:
        return None
    return f"{parts.scheme}://{parts.netloc}"


def absolute(base: str | None, href: str) -> str | None:
    """Resolve `href` against `base`; None for non-web schemes (javascript:, mailto:, data:, ...)."""
    href = href.strip()
    if not href or href[0] == "#":
        return None
    if href.startswith(("https://", "http://")):
        return href
    if base and href[0] == "/" and not href.startswith("//"):
        origin = _origin(base)
        if origin is not None:
            return origin + href
    low = href[:12].lower()
    if low.startswith(("javascript:", "mailto:", "data:", "tel:", "about:", "file:", "sms:", "ftp:")):
        return None
    try:
        url = urljoin(base, href) if base else href
        parts = urlsplit(url)
    except ValueError:
        return None
    if parts.scheme and parts.scheme not in _SCHEMES:
        return None
    if not parts.scheme and not base and href.startswith("//"):
        return "https:" + href
    return url


def normalize(url: str, *, drop_tracking: bool = True, keep_fragment: bool = False) -> str:
    """Canonical form for comparison and de-duplication.

    Lower-case scheme and host, punycode host, no default port, no userinfo, `/` for an empty path,
    tracking parameters removed, remaining query sorted, fragment dropped.
    """
    try:
        parts = urlsplit(url.strip())
        port = parts.port
    except ValueError:
        return url.strip()
    scheme = parts.scheme.lower()
    host = (parts.hostname or "").rstrip(".")
    if host and not host.isascii():
        with contextlib.suppress(UnicodeError):
            host = host.encode("idna").decode("ascii")
    host = host.lower()
    if ":" in host:
        host = f"[{host}]"
    netloc = host if port is None or _DEFAULT_PORTS.get(scheme) == port else f"{host}:{port}"
    query = parts.query
    if query:
        pairs = parse_qsl(query, keep_blank_values=True)
        if drop_tracking:
            pairs = [(k, v) for k, v in pairs if k.lower() not in TRACKING_PARAMS]
        query = urlencode(sorted(pairs))
    path = parts.path or "/"
    return urlunsplit((scheme, netloc, path, query, parts.fragment if keep_fragment else ""))
