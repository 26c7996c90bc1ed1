"""robots.txt: what RFC 9309 (and Google's reference parser) say the crawler may fetch.

Pure: bytes and statuses in, decisions out; the fetcher does the I/O and the store caches the answers.

- Decoding: UTF-8 with a leading BOM skipped (`utf-8-sig`; a BOM must not hide the first group), undecodable
  bytes replaced; at most 512 KiB is parsed (`truncated` noted). An HTML body (a soft 404) allows all.
- Groups are found here, the Google way: consecutive `User-agent` lines share a group, unknown lines and
  `Sitemap:` never close one, rules before any `User-agent` are ignored, a missing colon is accepted, and
  groups for the same agent merge. An agent line counts up to its first character outside `[A-Za-z_-]`.
- Our product token (`rights`) is matched exactly, case-insensitively, never as a substring: a group for
  `rightsbot` or `right` does not apply to us. Without a group of ours the `*` groups apply.
- Path matching (longest match wins, `allow` wins ties, `*` and `$`, percent-encoding) is protego's: the
  selected rules are handed to it as one group.
- Status (RFC 9309 §2.3.1): 2xx parse; 4xx (including 401/403, configurable) allow all; 5xx, 429 and
  network failures disallow all, for this run only (never cached); more than 5 redirects = unavailable.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from protego import Protego

from rights.config import PRODUCT_TOKEN

MAX_ROBOTS_BYTES = 512 * 1024
_KEYS = {
    "user-agent": "user-agent", "useragent": "user-agent", "user agent": "user-agent",
    "allow": "allow",
    "disallow": "disallow", "dissallow": "disallow", "dissalow": "disallow", "disalow": "disallow",
    "diasllow": "disallow", "disallaw": "disallow",
    "crawl-delay": "crawl-delay", "crawl delay": "crawl-delay",
    "sitemap": "sitemap", "site-map": "sitemap",
}  # fmt: skip
_TOKEN = re.compile(r"[A-Za-z_-]*")
_HTML = re.compile(rb"^\s*<(?:!doctype\s+html|html|head|body)\b", re.I)


@dataclass(frozen=True)
class RobotsRules:
    """The decision table for one origin and our product token."""

    status: int = 404  # HTTP status of robots.txt; 0 when it could not be fetched
    allow_all: bool = False
    disallow_all: bool = False
    crawl_delay: float | None = None
    sitemaps: tuple[str, ...] = ()
    note: str = ""  # truncated | not_text | unreachable: ... | ...
    rules: tuple[tuple[str, str], ...] = ()
    _matcher: Protego | None = field(default=None, compare=False, repr=False)

    def allows(self, url: str) -> bool:
        if self.disallow_all:
            return False
        if self.allow_all or self._matcher is None:
            return True
        parts = urlsplit(url)
        path = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
        return bool(self._matcher.can_fetch(path, "*"))

    @property
    def cacheable(self) -> bool:
        """Definitive answers are cached; "unreachable" (disallow for this run) never is."""
        return self.status != 0 and not (self.status >= 500 or self.status == 429)


def _split_line(line: str) -> tuple[str, str] | None:
    if ":" in line:
        key, value = line.split(":", 1)
        return key.strip().lower(), value.strip()
    words = line.split(None, 2)  # a missing colon: "Disallow /x", "User agent foo"
    for size in (2, 1):
        key = " ".join(words[:size]).lower()
        if key in _KEYS and len(words) > size:
            return key, " ".join(words[size:]).strip()
    return None


def _agent_token(value: str) -> str:
    value = value.strip()
    if value.startswith("*") and (len(value) == 1 or value[1].isspace()):
        return "*"
    match = _TOKEN.match(value)
    return match.group(0).lower() if match else ""


def _parse_groups(text: str) -> tuple[list[tuple[list[str], list[tuple[str, str]]]], list[str]]:
    groups: list[tuple[list[str], list[tuple[str, str]]]] = []
    sitemaps: list[str] = []
    in_agents = False
    for raw in text.splitlines():
        line = raw.split("#", 1)[0].strip()
        split = _split_line(line) if line else None
        if split is None:
            continue
        key = _KEYS.get(split[0])
        value = split[1]
        if key == "sitemap":
            if value:
                sitemaps.append(value)
        elif key == "user-agent":
            if not in_agents:
                groups.append(([], []))
                in_agents = True
            groups[-1][0].append(_agent_token(value))
        elif key is not None:
            in_agents = False
            if groups:
                groups[-1][1].append((key, value))
    return groups, sitemaps


def _crawl_delay(rules: list[tuple[str, str]]) -> float | None:
    for key, value in rules:
        if key != "crawl-delay":
            continue
        try:
            delay = float(value)
        except ValueError:
            continue
        if not math.isnan(delay) and delay >= 0:
            return delay
    return None


def parse_robots(text: str, *, token: str = PRODUCT_TOKEN, status: int = 200, note: str = "") -> RobotsRules:
    """The rules of `text` that apply to `token`."""
    groups, sitemaps = _parse_groups(text)
    wanted = token.strip().lower()
    mine = [rule for agents, rules in groups if wanted in agents for rule in rules]
    if not mine and not any(wanted in agents for agents, _ in groups):
        mine = [rule for agents, rules in groups if "*" in agents for rule in rules]
    paths = [(key, value) for key, value in mine if key in ("allow", "disallow") and value]
    matcher = None
    if paths:
        body = "User-agent: *\n" + "".join(f"{key.capitalize()}: {value}\n" for key, value in paths)
        matcher = Protego.parse(body)
    return RobotsRules(
        status=status,
        crawl_delay=_crawl_delay(mine),
        sitemaps=tuple(sitemaps),
        note=note,
        rules=tuple(paths),
        _matcher=matcher,
    )


def decode_robots(body: bytes) -> tuple[str, list[str]]:
    """robots.txt bytes -> text (BOM skipped, bad bytes replaced, capped at 512 KiB) and notes."""
    notes = []
    if len(body) > MAX_ROBOTS_BYTES:
        body = body[:MAX_ROBOTS_BYTES]
        notes.append("truncated")
    return body.decode("utf-8-sig", errors="replace"), notes


def rules_for_response(
    status: int, body: bytes, *, token: str = PRODUCT_TOKEN, auth_disallows: bool = False, note: str = ""
) -> RobotsRules:
    """The decision for a robots.txt response (after redirects)."""
    if 200 <= status < 300:
        if _HTML.match(body[:1024]):
            return RobotsRules(status=status, allow_all=True, note="not_text")
        text, notes = decode_robots(body)
        return parse_robots(
            text, token=token, status=status, note=",".join([*notes, note] if note else notes)
        )
    if status in (401, 403) and auth_disallows:
        return RobotsRules(status=status, disallow_all=True, note=f"HTTP {status}")
    if status == 429 or status >= 500:
        return unreachable(f"HTTP {status}")
    return RobotsRules(status=status, allow_all=True, note=note or f"HTTP {status}")


def unreachable(detail: str) -> RobotsRules:
    """robots.txt could not be fetched: disallow everything for this run (RFC 9309 §2.3.1.4)."""
    return RobotsRules(status=0, disallow_all=True, note=f"unreachable: {detail}")
