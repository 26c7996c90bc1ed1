"""Canonical names of news agencies, press-release wires, syndicators and widely republished outlets.

The table is data (`policies/names/outlets.toml`, each entry with its source), read once per process: the one
file the detectors read, like the Public Suffix List that `rights.urls` reads. `canonical_origin` turns what a
page wrote into the name a rights editor would use: an abbreviation in a credit ("AP", "AFP") into the
agency's full name, a bare domain ("www.computerworld.com") or a link's site into the outlet's name. Other
spellings are kept as the page writes them.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from rights.urls import registrable_domain

KINDS = ("wire", "press_release", "syndicator", "outlet")
_HERE = Path(__file__).resolve()
# Installed: the policies folder is packaged as rights/policy/bundled; in the source tree it is ./policies.
NAME_FILES = (
    _HERE.parents[1] / "policy" / "bundled" / "names" / "outlets.toml",
    _HERE.parents[2] / "policies" / "names" / "outlets.toml",
)
_DOMAIN = re.compile(r"^(?:https?://)?(?:www\.)?([\w-]+(?:\.[\w-]+)*\.[a-z]{2,})/?$", re.I)
_ABBREVIATION = re.compile(r"^[A-ZÀ-Ý][A-ZÀ-Ý0-9.&-]{1,6}$|^[a-z]{2,4}$")


@dataclass(frozen=True, slots=True)
class Outlet:
    """One organisation of the table."""

    name: str
    kind: str  # wire | press_release | syndicator | outlet
    credits: tuple[str, ...]
    domains: tuple[str, ...]
    source: str | None = None


class NamesError(ValueError):
    """The names table is malformed (names the file, the entry and the key)."""


def _strings(entry: dict[str, Any], key: str, where: str) -> tuple[str, ...]:
    value = entry.get(key, [])
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        raise NamesError(f"{where}: {key} must be a list of non-empty strings")
    return tuple(value)


def parse_outlets(text: str, path: str = "outlets.toml") -> tuple[Outlet, ...]:
    """The entries of a names table (TOML text); raises `NamesError` on the first problem."""
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise NamesError(f"{path}: not valid TOML ({exc})") from exc
    entries = data.get("names")
    if set(data) - {"names"} or not isinstance(entries, list):
        raise NamesError(f"{path}: expected only [[names]] tables")
    out = []
    for i, entry in enumerate(entries):
        where = f"{path}: names[{i}]"
        if not isinstance(entry, dict) or set(entry) - {"name", "kind", "credits", "domains", "source"}:
            raise NamesError(f"{where}: keys are name, kind, credits, domains, source")
        name, kind, source = entry.get("name"), entry.get("kind"), entry.get("source")
        if not isinstance(name, str) or not name.strip():
            raise NamesError(f"{where}: name is required")
        if kind not in KINDS:
            raise NamesError(f"{where} ({name}): kind must be one of {', '.join(KINDS)}")
        if source is not None and not (
            isinstance(source, str) and source.startswith(("https://", "http://"))
        ):
            raise NamesError(f"{where} ({name}): source must be an http(s) URL")
        domains = _strings(entry, "domains", where)
        if any("/" in d or d.startswith("www.") or d != d.lower() for d in domains):
            raise NamesError(f"{where} ({name}): domains are lower-case host names without www. or a path")
        out.append(Outlet(name, kind, _strings(entry, "credits", where), domains, source))
    return tuple(out)


@lru_cache(maxsize=1)
def outlets() -> tuple[Outlet, ...]:
    """The bundled table (read once)."""
    for path in NAME_FILES:
        if path.is_file():
            return parse_outlets(path.read_text(encoding="utf-8"), str(path))
    raise NamesError(f"{NAME_FILES[-1]}: the bundled names table is missing; reinstall rights")


@lru_cache(maxsize=1)
def _by_domain() -> dict[str, Outlet]:
    return {domain: outlet for outlet in outlets() for domain in outlet.domains}


@lru_cache(maxsize=1)
def _by_credit() -> dict[str, Outlet]:
    table: dict[str, Outlet] = {}
    for outlet in outlets():
        for credit in (outlet.name, *outlet.credits):
            table.setdefault(credit, outlet)
    return table


def outlet_for_domain(url_or_host: str | None) -> Outlet | None:
    """The organisation that publishes on this URL's registrable domain."""
    domain = registrable_domain(url_or_host) if url_or_host else ""
    return _by_domain().get(domain) if domain else None


def outlet_for_name(name: str) -> Outlet | None:
    """The organisation a credit spelling names (case-sensitive, as credits are written)."""
    return _by_credit().get(name.strip())


def domain_in(name: str) -> str | None:
    """The host a name consists of ("www.cio.com", "https://example.org/"), or None."""
    match = _DOMAIN.match(name.strip())
    return match.group(1).lower() if match else None


def canonical_origin(name: str | None, url: str | None = None) -> str | None:
    """The name to report for an origin the page wrote as `name` (and linked to `url`).

    A bare domain becomes the outlet's name when the table knows it (else it stays as written, without
    scheme and trailing slash); an abbreviation the table lists ("AP") becomes the full name. A missing name
    is the name of the linked site when the table knows it.
    """
    if not name:
        outlet = outlet_for_domain(url)
        return outlet.name if outlet is not None else None
    host = domain_in(name)
    if host is not None:
        outlet = outlet_for_domain(host)
        return outlet.name if outlet is not None else re.sub(r"^(?:https?://)", "", name.strip()).rstrip("/")
    outlet = outlet_for_name(name)
    if outlet is not None and _ABBREVIATION.match(name.strip()) and name.strip() != outlet.name:
        return outlet.name
    return name


@lru_cache(maxsize=1)
def _credit_prefixes() -> tuple[str, ...]:
    names = {c for outlet in outlets() for c in (outlet.name, *outlet.credits) if len(c) > 3}
    return tuple(sorted(names, key=len, reverse=True))


def known_name_at(text: str) -> str | None:
    """The longest name of the table that `text` starts with as whole words ("Business Insider Inc Nintendo ..."
    -> "Business Insider"), as the page writes it; None when it starts with no known name."""
    start = text.lstrip(" \t:\"'“‘«")
    for credit in _credit_prefixes():
        if start.startswith(credit) and (len(start) == len(credit) or not start[len(credit)].isalnum()):
            return credit
    return None


_DOMAIN_IN_TEXT = re.compile(r"\b(?:www\.)?([a-z0-9-]+(?:\.[a-z0-9-]+)*\.[a-z]{2,})\b", re.I)


def domain_in_text(text: str) -> str | None:
    """The first host name written in a text ("Via SyndiGate.info" -> "syndigate.info")."""
    match = _DOMAIN_IN_TEXT.search(text)
    return match.group(1).lower() if match else None
