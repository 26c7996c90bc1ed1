"""What every audit report format shares: the order of findings, grouping by site and post, the counts.

Pure: values in, values out. The order is fixed everywhere: sites by name, posts by URL, findings by kind,
then source URL (then key, which makes it total). Counts list the states in `AUDIT_FINDING_STATES` order
and the kinds in `AUDIT_FINDING_KINDS` order; a state or kind outside those lists (a newer pipeline) is
counted after them, alphabetically, never dropped.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from urllib.parse import urlsplit

from rights.auditing.models import AUDIT_FINDING_KINDS, AUDIT_FINDING_STATES, AuditReport, ReportFinding

STATE_LABELS = {"new": "new", "open": "still open", "fixed": "fixed"}
STATE_MEANINGS = {
    "new": "found in this run, not in the previous one",
    "open": "found in the previous run and again in this one",
    "fixed": "found in the previous run, no longer found",
}
_WS = re.compile(r"\s+")
# Characters that can rewrite a terminal or reorder text on screen: C0/C1 controls other than whitespace
# (ANSI escapes start with ESC), bidirectional embeddings, overrides and isolates ("Trojan Source").
_UNSAFE = re.compile(r"[\x00-\x08\x0e-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


@dataclass(frozen=True, slots=True)
class PostGroup:
    """The findings of one post, in report order."""

    url: str
    title: str | None
    findings: tuple[ReportFinding, ...]


@dataclass(frozen=True, slots=True)
class SiteGroup:
    """The posts of one audited site with findings; `posts` is empty for a site where nothing was found."""

    site: str
    posts: tuple[PostGroup, ...]

    @property
    def findings(self) -> tuple[ReportFinding, ...]:
        return tuple(f for post in self.posts for f in post.findings)


@dataclass(frozen=True, slots=True)
class Summary:
    """Counts per state, per kind (and state) and per site (and state)."""

    total: int
    by_state: dict[str, int]
    by_kind: dict[str, dict[str, int]]  # kind -> state -> count, with "total"
    by_site: dict[str, dict[str, int]]  # site -> state -> count, with "total"


def finding_order(finding: ReportFinding) -> tuple[str, str, str, str, str]:
    """The sort key of every format: site, post URL, kind, source URL, key."""
    return (finding.site, finding.post_url, finding.kind, finding.source_url or "", finding.key)


def sorted_findings(report: AuditReport) -> list[ReportFinding]:
    return sorted(report.findings, key=finding_order)


def _ordered(known: Iterable[str], seen: Iterable[str]) -> list[str]:
    known = list(known)
    return known + sorted(set(seen) - set(known))


def states_of(findings: Iterable[ReportFinding]) -> list[str]:
    """The three states, then any other state the findings have."""
    return _ordered(AUDIT_FINDING_STATES, (f.state for f in findings))


def kinds_of(findings: Iterable[ReportFinding]) -> list[str]:
    """The kinds the findings have, in the order of `AUDIT_FINDING_KINDS` (unknown kinds last)."""
    present = {f.kind for f in findings}
    return [kind for kind in _ordered(AUDIT_FINDING_KINDS, present) if kind in present]


def _by_state(findings: list[ReportFinding], states: list[str]) -> dict[str, int]:
    counts = Counter(f.state for f in findings)
    return {state: counts[state] for state in states} | {"total": len(findings)}


def summarize(report: AuditReport) -> Summary:
    findings = sorted_findings(report)
    states = states_of(findings)
    by_kind = {
        kind: _by_state([f for f in findings if f.kind == kind], states) for kind in kinds_of(findings)
    }
    by_site = {group.site: _by_state(list(group.findings), states) for group in group_by_site(report)}
    counts = Counter(f.state for f in findings)
    return Summary(len(findings), {state: counts[state] for state in states}, by_kind, by_site)


def group_by_site(report: AuditReport) -> list[SiteGroup]:
    """Sites (every audited one, even without findings) -> posts -> findings, all in report order."""
    findings = sorted_findings(report)
    groups = []
    for site in sorted(set(report.sites) | {f.site for f in findings}):
        posts = []
        in_site = [f for f in findings if f.site == site]
        for url in sorted({f.post_url for f in in_site}):
            in_post = tuple(f for f in in_site if f.post_url == url)
            title = next((f.post_title for f in in_post if f.post_title), None)
            posts.append(PostGroup(url, title, in_post))
        groups.append(SiteGroup(site, tuple(posts)))
    return groups


def words_copied(finding: ReportFinding) -> int:
    """Words of the post found in the source, over the passages that count (boilerplate never does)."""
    return sum(p.matched_words or p.words for p in finding.passages if not p.boilerplate)


def plural(count: int, noun: str) -> str:
    """`1 word`, `2 words`."""
    return f"{count} {noun}{'' if count == 1 else 's'}"


def kind_label(kind: str) -> str:
    """`copied_without_attribution` -> `Copied without attribution`."""
    return kind.replace("_", " ").capitalize()


def state_label(state: str) -> str:
    return STATE_LABELS.get(state, state.replace("_", " "))


def counts_line(counts: dict[str, int]) -> str:
    """`3 new, 1 still open, 2 fixed` (states with no finding left out; `no findings` when all are)."""
    parts = [f"{n} {state_label(state)}" for state, n in counts.items() if state != "total" and n]
    return ", ".join(parts) or "no findings"


def visible(text: str) -> str:
    """`text` with each control and bidirectional formatting character shown as U+FFFD."""
    return _UNSAFE.sub("\ufffd", text)


def clean(text: str) -> str:
    """Text for one line of a terminal or a document: `visible`, with whitespace runs as one space."""
    return _WS.sub(" ", visible(text)).strip()


def shorten(text: str, limit: int) -> str:
    """`clean(text)`, cut at a word boundary to at most `limit` characters, with an ellipsis if cut."""
    text = clean(text)
    if len(text) <= limit:
        return text
    cut = text[: limit - 1]
    space = cut.rfind(" ")
    if space > limit // 2:
        cut = cut[:space]
    return cut.rstrip() + "…"


LEAD_FRAGMENT_WORDS = 6


def passage_excerpt(text: str, limit: int) -> str:
    """A passage's text for one line: a passage that begins inside a block (the tail of a heading or of a
    sentence its alignment reached into) shows from its first whole block, marked by a leading ellipsis, so
    the line never opens with a fragment; blocks are joined with a pilcrow (¶); then `shorten`."""
    text = text.strip()
    head, sep, rest = text.partition("\n")
    lead = ""
    if sep and rest.strip() and len(head.split()) < LEAD_FRAGMENT_WORDS and head[:1].islower():
        lead, text = "…", rest.strip()
    elif text[:1].islower():
        lead = "…"
    blocks = " ¶ ".join(block.strip() for block in _BLOCK_BREAK.split(text) if block.strip())
    return lead + shorten(blocks, limit - len(lead))


_BLOCK_BREAK = re.compile(r"\n\s*")


def is_web_url(url: str | None) -> bool:
    """True for an absolute http(s) URL with a host and no whitespace or control characters.

    Only such URLs become links (HTML `href`, Markdown autolinks); anything else (`javascript:`, `data:`,
    relative paths, URLs with embedded newlines) is shown as text.
    """
    if not url or any(unicodedata.category(ch)[0] in "CZ" for ch in url):
        return False
    if not url.lower().startswith(("http://", "https://")):
        return False
    try:
        parts = urlsplit(url)
    except ValueError:
        return False
    return parts.scheme.lower() in ("http", "https") and bool(parts.hostname)


def run_line(report: AuditReport) -> str:
    """`Run 12, compared with run 11` or the first-run note."""
    run = f"Run {report.run_id}" if report.run_id is not None else "This run"
    if report.previous_run_id is None:
        return f"{run}; no previous run to compare with, so every finding is new"
    return f"{run}, compared with run {report.previous_run_id}"
