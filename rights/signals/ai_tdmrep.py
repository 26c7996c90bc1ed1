"""W3C TDMRep (TDM Reservation Protocol): headers, meta tags and `/.well-known/tdmrep.json` -> `AiSignal` values.

Follows the TDM Reservation Protocol final Community Group report (W3C TDMRep CG, 2024) and its vocabulary
(w3.org/ns/tdmrep, revision 1.2, 2024-02-23): `tdm-reservation` is `1` (TDM rights are reserved) or `0` (not
reserved); `tdm-policy` is the URL of a TDM licensing policy the rights holder offers. The same two names are
HTTP response headers, `<meta name>` tags in HTML, and properties of each rule in `/.well-known/tdmrep.json`,
a JSON array of objects with a `location` pattern (a path, `*` for any characters, `$` for the end).

What a reservation means for our uses. TDMRep expresses the reservation of Art. 4(3) of the EU DSM Directive
(2019/790), whose text-and-data-mining is "any automated analytical technique aimed at analysing text and data
in digital form in order to generate information" (Art. 2(2)). Training a model is mining in that sense, and so
is feeding a page to a model so that it generates an answer (retrieval, grounding): both analyse the text
automatically to generate information. So `tdm-reservation: 1` makes `ai-train` and `ai-input` disallowed. It
says nothing of `search`: the protocol's stated aim is mining by AI and research, and search indexing is left
to robots.txt, so search stays not stated. `tdm-reservation: 0` makes the same two uses allowed (the mining
exception applies). A `tdm-policy` URL is kept as a condition on each signal: a licence is offered there.

tdmrep.json: when several rules' locations match a path, the longest pattern decides (the most specific rule,
as robots.txt does; for files written specific-first this is also the first match). Files over `MAX_TDMREP_BYTES`
are refused unread; bad JSON, a document that is not an array, or a rule without a valid reservation is
`Unreadable`. Pure.
"""

from __future__ import annotations

import json
from collections.abc import Mapping

from rights.models import Evidence, Zone
from rights.page.decode import header_value
from rights.page.models import Page
from rights.signals.ai_models import AiSignal, Unreadable
from rights.signals.ai_rsl import path_matches
from rights.signals.common import meta_evidence

MAX_TDMREP_BYTES = 1_000_000
MINING_USES = ("ai-train", "ai-input")
_MEANING = {"1": ("disallowed", "TDM rights reserved"), "0": ("allowed", "TDM rights not reserved")}


def tdm_signals(
    reservation: str, policy: str, where: str, evidence: Evidence, scope: str = "page"
) -> tuple[list[AiSignal], list[Unreadable]]:
    """One `tdm-reservation` value (and its `tdm-policy`, if any) -> a signal for each mining use."""
    value = reservation.strip()
    if value not in _MEANING:
        return [], [Unreadable("tdmrep", where, f"tdm-reservation {reservation!r} is neither 1 nor 0")]
    preference, meaning = _MEANING[value]
    conditions = (f"TDM licence policy offered at {policy.strip()}",) if policy.strip() else ()
    detail = f"tdm-reservation: {value} ({meaning})"
    signals = [
        AiSignal("tdmrep", use, preference, where, detail, evidence, scope, conditions) for use in MINING_USES
    ]
    return signals, []


def read_tdm_headers(headers: Mapping[str, str]) -> tuple[list[AiSignal], list[Unreadable]]:
    """The `tdm-reservation` and `tdm-policy` HTTP response headers."""
    reservation = header_value(headers, "tdm-reservation")
    policy = header_value(headers, "tdm-policy")
    if not reservation:
        return [], []
    text = f"tdm-reservation: {reservation}" + (f"; tdm-policy: {policy}" if policy else "")
    evidence = Evidence(text, Zone.META, "tdm-reservation", "header", "tdmrep-header", False)
    return tdm_signals(reservation, policy, "HTTP header tdm-reservation", evidence)


def read_tdm_meta(page: Page) -> tuple[list[AiSignal], list[Unreadable]]:
    """The `<meta name="tdm-reservation">` and `<meta name="tdm-policy">` tags."""
    reservation = page.meta_first("tdm-reservation")
    if reservation is None:
        return [], []
    policy = page.meta_first("tdm-policy") or ""
    evidence = meta_evidence("tdm-reservation", reservation, "tdmrep-meta")
    return tdm_signals(reservation, policy, "<meta name=tdm-reservation>", evidence)


def tdmrep_for_path(data: bytes, path: str, where: str) -> tuple[list[AiSignal], list[Unreadable]]:
    """A `/.well-known/tdmrep.json` document -> the signals of the rule that covers `path` (scope `site`)."""
    if len(data) > MAX_TDMREP_BYTES:
        return [], [Unreadable("tdmrep", where, f"larger than {MAX_TDMREP_BYTES:,} bytes")]
    try:
        rules = json.loads(data.decode("utf-8-sig"))
    except (UnicodeDecodeError, json.JSONDecodeError, RecursionError) as error:
        return [], [Unreadable("tdmrep", where, f"not valid JSON ({error})")]
    if isinstance(rules, dict):  # a single rule written without its array: read it, as a reader would
        rules = [rules]
    if not isinstance(rules, list):
        return [], [Unreadable("tdmrep", where, "not a JSON array of rules")]
    best: tuple[int, dict[str, object]] | None = None
    for rule in rules:
        if not isinstance(rule, dict) or not isinstance(rule.get("location"), str):
            continue
        location = str(rule["location"]).strip()
        if location and path_matches(location, path or "/") and (best is None or len(location) > best[0]):
            best = (len(location), rule)
    if best is None:
        return [], []
    rule = best[1]
    reservation = rule.get("tdm-reservation")
    policy = rule.get("tdm-policy")
    shown = json.dumps(rule, ensure_ascii=False)[:300]
    evidence = Evidence(shown, Zone.META, where, "tdmrep", "tdmrep-json", False)
    return tdm_signals(
        str(reservation) if isinstance(reservation, int | str) and not isinstance(reservation, bool) else "?",
        policy if isinstance(policy, str) else "",
        where,
        evidence,
        scope="site",
    )
