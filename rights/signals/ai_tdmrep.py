"""W3C TDMRep (TDM Reservation Protocol): headers, meta tags and `/.well-known/tdmrep.json` -> `AiSignal` values.

Follows the TDM Reservation Protocol final Community Group report of 10 May 2024 (W3C TDMRep CG,
CG-FINAL-tdmrep-20240510) and its vocabulary (w3.org/ns/tdmrep, revision 1.2): `tdm-reservation` is `1` (TDM
rights are reserved; the Art. 4 DSM opt-out) or `0` (not reserved: agents may mine without asking); any other
value is a protocol error that leaves the reservation unset (we record it as `Unreadable`). `tdm-policy` is the
URL of a TDM policy (an ODRL offer) for acquiring a licence; it is not processed when the reservation is `0`.
The same two names are HTTP response headers, `<meta name>` tags in HTML, and properties of each rule in
`/.well-known/tdmrep.json`, a JSON array (the brackets are mandatory) of rules with a `location` pattern.

tdmrep.json locations are matched against the path like robots.txt rules (draft-koster-rep-00 2.2.3: a prefix,
`*` for any characters, `$` for the end), case-sensitively; "the most specific match is the first in sequence",
so the first rule in file order whose location matches decides. Files over `MAX_TDMREP_BYTES` are refused
unread; bad JSON or a document that is not an array is `Unreadable`.

Processing priority (section "Processing priority"): a `tdm-reservation` header supersedes the value from
tdmrep.json, and a `<meta>` tag in the HTML supersedes both; an absent value does not reset a present one.
`TDM_PRIORITY` ranks the sources by their evidence's `source` so that `combine` can apply it.

What a reservation means for our uses. TDMRep expresses the reservation of Art. 4(3) of the EU DSM Directive
(2019/790), whose text-and-data-mining is "any automated analytical technique aimed at analysing text and data
in digital form in order to generate information" (Art. 2(2)). Training a model is mining in that sense, and so
is feeding a page to a model so that it generates an answer (retrieval, grounding): both analyse the text
automatically to generate information. So `tdm-reservation: 1` makes `ai-train` and `ai-input` disallowed. It
says nothing of `search`: the protocol's stated aim is mining, and search indexing is left to robots.txt, so
search stays not stated. `tdm-reservation: 0` makes the same two uses allowed. A `tdm-policy` URL with a
reservation is kept as a condition on each signal: a licence is offered there. Pure.
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
# Evidence source -> processing priority: a higher one supersedes a lower one (meta > header > tdmrep.json).
TDM_PRIORITY = {"meta": 3, "header": 2, "tdmrep": 1}
_MEANING = {"1": ("disallowed", "TDM rights reserved"), "0": ("allowed", "TDM rights not reserved")}


def tdm_signals(
    reservation: str, policy: str, where: str, evidence: Evidence, scope: str = "page"
) -> tuple[list[AiSignal], list[Unreadable]]:
    """One `tdm-reservation` value (and its `tdm-policy`, if any) -> a signal for each mining use."""
    value = reservation.strip()
    if value not in _MEANING:
        return [], [Unreadable("tdmrep", where, f"tdm-reservation {reservation!r} is neither 1 nor 0")]
    preference, meaning = _MEANING[value]
    offered = policy.strip() and value == "1"  # a policy beside tdm-reservation: 0 is not processed
    conditions = (f"TDM licence policy offered at {policy.strip()}",) if offered else ()
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
    if not isinstance(rules, list):
        return [], [Unreadable("tdmrep", where, "not a JSON array of rules (the brackets are mandatory)")]
    rule = next(
        (
            rule
            for rule in rules
            if isinstance(rule, dict)
            and isinstance(rule.get("location"), str)
            and rule["location"].strip()
            and path_matches(rule["location"].strip(), path or "/")
        ),
        None,
    )
    if rule is None:
        return [], []
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
