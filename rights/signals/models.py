"""What the detectors find on a page: licences, copyright notices, attributions, reuse terms, traps set aside."""

from __future__ import annotations

from dataclasses import dataclass

from rights.models import Condition, Evidence


@dataclass(frozen=True, slots=True)
class License:
    """A licence statement. `id` is lower case: `cc-by-nc-nd-3.0`, `cc0-1.0`, `pdm-1.0`, `cc-by-nc`."""

    id: str
    family: str  # cc | cc0 | pdm | other
    code: str  # by, by-sa, by-nc-nd, zero, mark, ...
    version: str | None
    jurisdiction: str | None
    url: str | None
    scope: str  # article | site | images | other
    evidence: tuple[Evidence, ...]


@dataclass(frozen=True, slots=True)
class CopyrightNotice:
    holder: str | None
    year: str | None
    scope: str  # article | site
    evidence: tuple[Evidence, ...]


@dataclass(frozen=True, slots=True)
class Attribution:
    """A statement that the page's text comes from elsewhere."""

    kind: str  # republished | wire | press_release | canonical_only | syndication_meta
    origin_name: str | None
    origin_url: str | None
    evidence: tuple[Evidence, ...]
    strength: int = 2  # 3 explicit statement, 2 credit or meta, 1 hint (e.g. canonical only)


@dataclass(frozen=True, slots=True)
class Rejected:
    """A phrase that looks like a signal but is not one (a trap), kept for transparency."""

    kind: str  # self_attribution | republish_widget | outbound_notice | forum_quote | date_note | ...
    reason: str
    evidence: Evidence


@dataclass(frozen=True, slots=True)
class ReuseTerms:
    stance: str  # permissive | conditional | restrictive
    conditions: tuple[Condition, ...]
    contact: str | None
    evidence: tuple[Evidence, ...]


@dataclass(frozen=True, slots=True)
class Republication:
    is_republication: bool
    kind: str | None
    origin_name: str | None
    origin_url: str | None
    evidence: tuple[Evidence, ...] = ()


@dataclass(frozen=True, slots=True)
class Signals:
    """Everything the detectors found on one page, with the primary value of each chosen."""

    republication: Republication
    attributions: tuple[Attribution, ...]
    license: License | None
    licenses: tuple[License, ...]
    copyright: CopyrightNotice | None
    copyrights: tuple[CopyrightNotice, ...]
    reuse_terms: ReuseTerms | None
    rejected: tuple[Rejected, ...] = ()
    conflicts: tuple[str, ...] = ()
