"""Sites' AI-usage preferences across runs: the latest reading of each site, and what changed since.

Every crawl run (and so every audit and watchlist run) reads the seed origins' robots.txt, tdmrep.json and RSL
documents once and records the preference per use in `site_ai`. `ai_report(store, site=..., since=...)` gives
each origin's latest reading with the signals behind it, and the changes against an earlier **complete**
reading (one where the site's files were read: an offline run, or one that could not reach robots.txt, says
nothing, so it changes nothing): `since` is `last` (the reading before the latest, the default) or a date (the
last reading before it). A change names the signals that made it: those of the new reading for that use, or,
when a statement was withdrawn, the old ones that are gone. A publisher that starts reserving AI training is
news for its partners.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from itertools import pairwise
from typing import Any

from rights.auditing.models import AiChange
from rights.errors import UsageError
from rights.signals.ai_models import AI_USES
from rights.store import Store
from rights.store.aiprefs import COLUMNS


@dataclass(frozen=True, slots=True)
class SitePreferences:
    """One origin's latest reading: the preference per use and the signals (as stored: dicts) behind it."""

    origin: str
    site: str
    read_at: str
    run_id: int | None
    complete: bool
    preferences: tuple[tuple[str, str], ...]
    signals: tuple[dict[str, Any], ...] = ()
    conflicts: tuple[str, ...] = ()
    unreadable: tuple[dict[str, Any], ...] = ()
    not_read: tuple[str, ...] = ()
    error: str = ""
    pages_read: int = 0  # stored pages of the origin whose own headers and tags were read
    page_preferences: tuple[tuple[str, str, int, str], ...] = ()  # (use, preference, pages, one of them)


@dataclass(frozen=True, slots=True)
class AiReport:
    sites: tuple[SitePreferences, ...]
    changes: tuple[AiChange, ...]
    since: str  # "last" or the date compared with


def _preferences(row: dict[str, Any]) -> tuple[tuple[str, str], ...]:
    return tuple((use, row[COLUMNS[use]] or "not stated") for use in AI_USES)


def _words(signals: Sequence[dict[str, Any]], use: str) -> str:
    said = [f"{s.get('where')}: {s.get('detail')}" for s in signals if s.get("use") == use]
    return "; ".join(dict.fromkeys(said))


def changes_between(old: dict[str, Any], new: dict[str, Any]) -> list[AiChange]:
    """The uses whose preference differs between two readings of one origin, with the signals behind it."""
    changes = []
    for use, column in COLUMNS.items():
        before, after = old[column] or "not stated", new[column] or "not stated"
        if before == after:
            continue
        because = _words(new["signals"], use)
        if not because:
            gone = _words(old["signals"], use)
            because = f"no longer stated: {gone}" if gone else "no signal"
        changes.append(AiChange(new["origin"], use, before, after, because, old["read_at"], new["read_at"],
                                new["run_id"]))  # fmt: skip
    return changes


def _moment(since: str) -> datetime:
    try:
        moment = datetime.fromisoformat(since)
    except ValueError as exc:
        raise UsageError(f"--since takes 'last' or a date (YYYY-MM-DD), not {since!r}") from exc
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def _previous(readings: list[dict[str, Any]], current: dict[str, Any], since: str) -> dict[str, Any] | None:
    earlier = [r for r in readings if r["complete"] and r["id"] < current["id"]]
    if since != "last":
        moment = _moment(since)
        earlier = [r for r in earlier if datetime.fromisoformat(r["read_at"]) < moment]
    return earlier[-1] if earlier else None


def _pages(store: Store, origin: str) -> tuple[int, tuple[tuple[str, str, int, str], ...]]:
    counts = store.page_ai_counts(origin)
    read = counts.pop(("", ""))[0]
    return read, tuple((use, pref, n, example) for (use, pref), (n, example) in sorted(counts.items()))


def ai_report(store: Store, *, site: str | None = None, since: str | None = None) -> AiReport:
    """Each origin's latest reading (of `site`, or of every site) and its changes since an earlier one."""
    since = since or "last"
    readings = store.site_ai_readings(site)
    if site and not readings:
        raise UsageError(f"no AI-usage reading of {site} in this database; crawl or audit it first")
    by_origin: dict[str, list[dict[str, Any]]] = {}
    for row in readings:
        by_origin.setdefault(row["origin"], []).append(row)
    sites, changes = [], []
    for origin in sorted(by_origin):
        rows = by_origin[origin]
        latest = rows[-1]
        sites.append(SitePreferences(
            origin, latest["site"] or "", latest["read_at"], latest["run_id"], bool(latest["complete"]),
            _preferences(latest), tuple(latest["signals"]), tuple(latest["conflicts"]),
            tuple(latest["unreadable"]), tuple(latest["not_read"]), latest["error"] or "", *_pages(store, origin),
        ))  # fmt: skip
        complete = [r for r in rows if r["complete"]]
        if complete:
            previous = _previous(rows, complete[-1], since)
            if previous is not None:
                changes.extend(changes_between(previous, complete[-1]))
    return AiReport(tuple(sites), tuple(changes), since)


def changes_during(store: Store, started_at: str, finished_at: str | None) -> list[AiChange]:
    """The preference changes brought by the complete readings made between `started_at` and `finished_at`
    (an audit run: its site and the sites its posts cite), each against the origin's previous one."""
    by_origin: dict[str, list[dict[str, Any]]] = {}
    for row in store.site_ai_readings(complete=True):
        by_origin.setdefault(row["origin"], []).append(row)
    changes: list[AiChange] = []
    for origin in sorted(by_origin):
        for before, after in pairwise(by_origin[origin]):
            if after["read_at"] >= started_at and (finished_at is None or after["read_at"] <= finished_at):
                changes.extend(changes_between(before, after))
    return changes


def last_reading(store: Store) -> int:
    """The id of the latest reading (0 when none): a watchlist notes it before it runs."""
    return int(store.scalar("SELECT coalesce(max(id), 0) FROM site_ai") or 0)


def changes_after(store: Store, reading_id: int) -> list[AiChange]:
    """The preference changes brought by the complete readings recorded after `reading_id` (a watchlist's
    crawls), each against the origin's previous complete reading."""
    by_origin: dict[str, list[dict[str, Any]]] = {}
    for row in store.site_ai_readings(complete=True):
        by_origin.setdefault(row["origin"], []).append(row)
    changes: list[AiChange] = []
    for origin in sorted(by_origin):
        rows = by_origin[origin]
        for before, after in pairwise(rows):
            if after["id"] > reading_id:
                changes.extend(changes_between(before, after))
    return changes


__all__ = [
    "AiChange",
    "AiReport",
    "SitePreferences",
    "ai_report",
    "changes_after",
    "changes_between",
    "last_reading",
]
