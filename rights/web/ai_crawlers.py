"""The AI crawler list: which robots.txt product tokens speak for which automated use.

The list is data (`policies/crawlers/ai-crawlers.toml`, each row with its source, the list with the community
list it starts from and the date it was checked), read once per process like the names table. `parse_crawlers`
is pure (TOML text in, values out) and raises `CrawlerListError` naming the row and the key.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from rights.signals.ai_models import AI_USES

KINDS = ("training", "search", "user", "data", "agent")
_HERE = Path(__file__).resolve()
# Installed: the policies folder is packaged as rights/policy/bundled; in the source tree it is ./policies.
CRAWLER_FILES = (
    _HERE.parents[1] / "policy" / "bundled" / "crawlers" / "ai-crawlers.toml",
    _HERE.parents[2] / "policies" / "crawlers" / "ai-crawlers.toml",
)
_TOKEN = re.compile(r"^[A-Za-z0-9_.-]+$")
_MATCH = re.compile(r"[A-Za-z_-]*")
_ROW_KEYS = {"token", "operator", "kind", "uses", "source"}
_LIST_KEYS = {"source", "commit", "checked", "note"}


class CrawlerListError(ValueError):
    """The crawler list is malformed (names the file, the row and the key)."""


@dataclass(frozen=True, slots=True)
class AiCrawler:
    """One product token: who runs it, what kind of crawler it is and which uses disallowing it speaks for."""

    token: str
    operator: str
    kind: str  # one of KINDS
    uses: tuple[str, ...]  # AI_USES
    source: str

    @property
    def match_token(self) -> str:
        """The token as robots.txt groups are matched: lower case, up to its first character outside [A-Za-z_-]."""
        found = _MATCH.match(self.token)
        return found.group(0).lower() if found else ""


@dataclass(frozen=True, slots=True)
class CrawlerList:
    """The list with its provenance."""

    source: str
    checked: str
    crawlers: tuple[AiCrawler, ...]
    commit: str = ""
    note: str = ""


def _url(value: object, where: str) -> str:
    if not (isinstance(value, str) and value.startswith(("https://", "http://"))):
        raise CrawlerListError(f"{where}: source must be an http(s) URL")
    return value


def _row(entry: Any, where: str) -> AiCrawler:
    if not isinstance(entry, dict) or set(entry) != _ROW_KEYS:
        raise CrawlerListError(f"{where}: keys are {', '.join(sorted(_ROW_KEYS))} (all required)")
    token, operator, kind, uses = entry["token"], entry["operator"], entry["kind"], entry["uses"]
    if not isinstance(token, str) or not _TOKEN.match(token) or not token[0].isalpha():
        raise CrawlerListError(
            f"{where}: token must be a product token (a letter, then letters, digits, '-', '_', '.')"
        )
    where = f"{where} ({token})"
    if not isinstance(operator, str) or not operator.strip():
        raise CrawlerListError(f"{where}: operator is required")
    if kind not in KINDS:
        raise CrawlerListError(f"{where}: kind must be one of {', '.join(KINDS)}")
    if (
        not isinstance(uses, list)
        or not uses
        or any(u not in AI_USES for u in uses)
        or len(set(uses)) != len(uses)
    ):
        raise CrawlerListError(f"{where}: uses must be a non-empty list of {', '.join(AI_USES)}")
    return AiCrawler(token, operator.strip(), kind, tuple(uses), _url(entry["source"], where))


def parse_crawlers(text: str, path: str = "ai-crawlers.toml") -> CrawlerList:
    """The crawler list of a TOML text; raises `CrawlerListError` on the first problem."""
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise CrawlerListError(f"{path}: not valid TOML ({exc})") from exc
    head, rows = data.get("list"), data.get("crawlers")
    if set(data) != {"list", "crawlers"} or not isinstance(head, dict) or not isinstance(rows, list):
        raise CrawlerListError(f"{path}: expected a [list] table and [[crawlers]] rows")
    if set(head) - _LIST_KEYS or not {"source", "checked"} <= set(head):
        raise CrawlerListError(f"{path}: [list] keys are source, checked (required), commit, note")
    checked = head["checked"]
    if not isinstance(checked, str) or not re.fullmatch(r"\d{4}-\d{2}-\d{2}", checked):
        raise CrawlerListError(f"{path}: [list] checked must be a date written YYYY-MM-DD")
    crawlers = tuple(_row(entry, f"{path}: crawlers[{i}]") for i, entry in enumerate(rows))
    seen: dict[str, str] = {}
    for crawler in crawlers:
        key = crawler.token.lower()
        if key in seen:
            raise CrawlerListError(f"{path}: token {crawler.token!r} is listed twice")
        seen[key] = crawler.token
    return CrawlerList(
        source=_url(head["source"], f"{path}: [list]"),
        checked=checked,
        crawlers=crawlers,
        commit=str(head.get("commit", "")),
        note=str(head.get("note", "")),
    )


@lru_cache(maxsize=1)
def load_crawlers() -> CrawlerList:
    """The bundled crawler list (read once)."""
    for path in CRAWLER_FILES:
        if path.is_file():
            return parse_crawlers(path.read_text(encoding="utf-8"), str(path))
    raise CrawlerListError(f"{CRAWLER_FILES[-1]}: the bundled AI crawler list is missing; reinstall rights")
