"""Everything a page says about AI use and search, and the per-use preference they add up to.

`read_page_ai(page)` reads what the page itself carries, with nothing fetched: the `Content-Usage` header
(IETF AIPREF), a `<meta name="content-signal">` tag (Content Signals), the TDMRep `tdm-reservation` /
`tdm-policy` headers and meta tags, robots meta tags and `X-Robots-Tag`, and statements in the page's text
that reserve or grant AI use. Site-level sources (robots.txt groups and rules, `/.well-known/tdmrep.json`, RSL
documents) are read by the integration with the readers in `ai_vocab`, `ai_tdmrep` and `ai_rsl`, and their
signals joined to these before `combine`.

`combine(signals, unreadable, not_read)` decides each use (search, ai-input, ai-train) by the rule of
draft-ietf-aipref-vocab-08 section 5.1 (Combining Preferences), applied across every source and family:

1. **disallowed** if any signal disallows the use: a reservation wins over any permission, whichever source
   states it, page or site, specific or general. This is the vocabulary's "most restrictive preference
   applies", and it is also the conservative reading of the EU rule (DSM Directive Art. 4(3)): one valid
   machine-readable reservation is enough to take mining out of the exception;
2. else **allowed** if any signal allows it (with the conditions the signals carry, e.g. an RSL payment);
3. else **not stated**.

A more specific statement overrides a general one only inside one family, where its specification says so: an
AIPREF `search=y` beside the older `all=n` (see `ai_vocab`), and TDMRep's processing priority (a `<meta>` tag
supersedes the `tdm-reservation` header, which supersedes `/.well-known/tdmrep.json`; see `ai_tdmrep`): a
superseded TDMRep value is listed, and named when it disagrees, but does not decide. Signals scoped to the page's images
(`noimageai`) are listed but do not decide for the text. Whenever the signals for one use disagree, the
conflict is named in plain words ("robots.txt line 3 allows GPTBot, but HTTP header Content-Usage says
train-ai=n ...") and the answer says the reservation decided. Pure.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from rights.models import Evidence, Zone, plain
from rights.page.decode import header_value
from rights.page.models import Page
from rights.signals.ai_models import AI_USES, FAMILIES, AiSignal, AiUsage, Unreadable
from rights.signals.ai_robots_meta import read_robots_meta
from rights.signals.ai_tdmrep import TDM_PRIORITY, read_tdm_headers, read_tdm_meta
from rights.signals.ai_vocab import read_content_signal, read_content_usage
from rights.signals.common import PageText, meta_evidence

USE_NAMES = {
    "search": "search",
    "ai-input": "AI input (answers, retrieval, grounding)",
    "ai-train": "AI training",
}
_NOT_DECIDING = frozenset({"images"})  # scopes listed but not deciding for the page's text


def read_page_ai(
    page: Page, text: PageText | None = None, *, words: bool = True
) -> tuple[list[AiSignal], list[Unreadable]]:
    """Every AI-usage signal the page and its response headers carry (nothing fetched). `words=False` leaves
    out statements in the page's text: the crawl's light parse has no zones to tell the site's terms from an
    article about them, so it reads headers and tags only."""
    signals: list[AiSignal] = []
    unreadable: list[Unreadable] = []

    def add(found: tuple[list[AiSignal], list[Unreadable]]) -> None:
        signals.extend(found[0])
        unreadable.extend(found[1])

    usage = header_value(page.headers, "content-usage")
    if usage:
        evidence = Evidence(
            f"Content-Usage: {usage}"[:300], Zone.META, "Content-Usage", "header", "aipref-header"
        )
        add(read_content_usage(usage, "HTTP header Content-Usage", evidence, "page"))
    for value in page.meta.get("content-signal", ()):
        add(
            read_content_signal(
                value,
                "<meta name=content-signal>",
                meta_evidence("content-signal", value, "content-signal-meta"),
            )
        )
    add(read_tdm_headers(page.headers))
    add(read_tdm_meta(page))
    signals.extend(read_robots_meta(page))
    if words:  # imported here: its patterns cost a crawl's parser processes time to compile, for nothing
        from rights.signals.ai_text import detect_ai_statements

        signals.extend(detect_ai_statements(page, text or PageText(page)))
    return signals, unreadable


def combine(
    signals: Iterable[AiSignal], unreadable: Iterable[Unreadable] = (), not_read: Iterable[str] = ()
) -> AiUsage:
    """Per use: disallowed if any signal disallows it, else allowed if any allows it, else not stated; with
    the conflicts named."""
    ordered = sorted(signals, key=_order)
    preferences: list[tuple[str, str]] = []
    conflicts: list[str] = []
    for use in AI_USES:
        deciding, superseded = _tdm_priority(
            [s for s in ordered if s.use == use and s.scope not in _NOT_DECIDING]
        )
        conflicts.extend(_superseded_sentence(use, deciding, superseded))
        allows = [s for s in deciding if s.preference == "allowed"]
        reserves = [s for s in deciding if s.preference == "disallowed"]
        preferences.append((use, "disallowed" if reserves else "allowed" if allows else "not stated"))
        if allows and reserves:
            conflicts.append(conflict_sentence(use, allows, reserves))
    return AiUsage(
        tuple(preferences),
        tuple(ordered),
        tuple(conflicts),
        tuple(unreadable),
        tuple(dict.fromkeys(not_read)),
    )


def usage_record(usage: AiUsage) -> dict[str, Any]:
    """An `AiUsage` as JSON-ready data for the store: the preference per use, then only the lists that hold
    something (signals with their evidence, conflicts, unreadable sources, sources not read)."""
    record: dict[str, Any] = dict(usage.preferences)
    for key, value in (("signals", usage.signals), ("conflicts", usage.conflicts),
                       ("unreadable", usage.unreadable), ("not_read", usage.not_read)):  # fmt: skip
        if value:
            record[key] = plain(value)
    return record


def _tdm_priority(signals: list[AiSignal]) -> tuple[list[AiSignal], list[AiSignal]]:
    """(deciding, superseded): TDMRep values below the highest-priority TDMRep source present are superseded."""
    ranks = [TDM_PRIORITY.get(s.evidence.source, 0) for s in signals if s.family == "tdmrep"]
    top = max(ranks, default=0)
    superseded = [s for s in signals if s.family == "tdmrep" and TDM_PRIORITY.get(s.evidence.source, 0) < top]
    return [s for s in signals if s not in superseded], superseded


def _superseded_sentence(use: str, deciding: list[AiSignal], superseded: list[AiSignal]) -> list[str]:
    winners = [s for s in deciding if s.family == "tdmrep"]
    losers = [s for s in superseded if winners and s.preference != winners[0].preference]
    if not losers:
        return []
    return [
        f"For {USE_NAMES.get(use, use)}: {_listed(winners)}, which supersedes {_listed(losers)} "
        "(TDMRep processing priority: the page's tag, then the header, then tdmrep.json)."
    ]


def _order(signal: AiSignal) -> tuple[int, int]:
    family = FAMILIES.index(signal.family) if signal.family in FAMILIES else len(FAMILIES)
    use = AI_USES.index(signal.use) if signal.use in AI_USES else len(AI_USES)
    return family, use


def describe(signal: AiSignal) -> str:
    """One signal in words: "robots.txt line 3 allows GPTBot", "HTTP header Content-Usage says train-ai=n"."""
    if signal.family == "robots_token":
        verb = "allows" if signal.preference == "allowed" else "disallows"
        return f"{signal.where} {verb} {signal.detail}"
    return f"{signal.where} says {signal.detail}"


def conflict_sentence(use: str, allows: Sequence[AiSignal], reserves: Sequence[AiSignal]) -> str:
    """A disagreement about one use, and how it was settled."""
    return (
        f"For {USE_NAMES.get(use, use)}: {_listed(allows)}, but {_listed(reserves)}; "
        "a reservation wins over a permission, so it is disallowed."
    )


def _listed(signals: Sequence[AiSignal]) -> str:
    words = list(dict.fromkeys(describe(s) for s in signals))
    return words[0] if len(words) == 1 else ", ".join(words[:-1]) + " and " + words[-1]
