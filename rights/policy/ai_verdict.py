"""Verdicts for automated uses: may this page be indexed for search (`search`), used as input to an AI answer,
retrieval or grounding (`ai-input`), or used to train an AI model (`ai-train`)? Pure.

The same shape as a republication verdict, from four things read in this order of precedence:

1. **A reservation decides.** When a machine-readable signal of the governing page or its site disallows the use
   (robots.txt for the crawler that does it, `Content-Usage`, `Content-Signal`, RSL, TDMRep, robots meta tags,
   the terms in words), the use needs the rights holder's licence, whatever the licence on the page allows: in
   the EU an opt-out made in machine-readable form takes text and data mining out of the exception
   (Directive (EU) 2019/790, Art. 4(3)), and a licence granted to the public does not override the holder's
   express reservation for a use the reservation names. Search disallowed (robots.txt, `noindex`) is a refusal.
2. **The publisher's own AI terms** (`ai_terms` rules in its policy file), with their source.
3. **The licence.** Creative Commons licences grant reproduction, so a model may be trained on the text and the
   text may ground an answer; their conditions apply to what is shared: credit, NonCommercial for the whole
   use, NoDerivatives and ShareAlike for adapted text in outputs (Creative Commons, "Using CC-licensed works
   for AI training", FAQ). CC0 and the public domain set no conditions.
4. **No licence ("all rights reserved").** Training relies on the text-and-data-mining exception (EU DSM Art. 4:
   lawful access, copies kept only as long as the mining needs, and no reservation, which was looked for);
   outside the EU the law differs (US fair use is decided case by case). Grounding an answer is quotation:
   brief, with credit. Indexing for search is allowed unless refused.

The governing page is the original when the page says it republishes another's text, as for republishing.
"""

from __future__ import annotations

from collections.abc import Sequence

from rights.models import Condition
from rights.policy import PolicySet
from rights.policy.chain import Link
from rights.policy.credit import build_attribution
from rights.policy.models import Policy, Rule, Step, Verdict
from rights.policy.verdict import (
    DEFAULT_POLICY,
    NO_CREDIT_LINE,
    credits_for,
    find_holder,
    governing_policy,
    holder_verdict,
    hop_for,
)
from rights.signals.ai_models import AI_USES, AiSignal, AiUsage
from rights.signals.license_names import license_name

TDM_RESERVATION = "https://eur-lex.europa.eu/eli/dir/2019/790/oj"  # Art. 4(3)
CC_AI_FAQ = "https://creativecommons.org/faq/#artificial-intelligence-and-cc-licenses"
_USE_WORDS = {
    "search": "indexing for search",
    "ai-input": "use as input to an AI answer (retrieval, grounding)",
    "ai-train": "training an AI model",
}


def use_words(use: str) -> str:
    return _USE_WORDS.get(use, use)


def _signal_step(signal: AiSignal) -> Step:
    verb = "allows" if signal.preference == "allowed" else "reserves"
    return Step(f"{signal.where}: {signal.detail} {verb} {use_words(signal.use)}.", (signal.evidence,))


def _ai_rule(policies: PolicySet, policy: Policy | None, use: str) -> Rule | None:
    if policy is None:
        return None
    for rule in policies.resolved_rules(policy):
        if rule.kind == "ai_terms" and use in rule.params.get("uses", ()):
            return rule
    return None


def _licence_of(policies: PolicySet, policy: Policy | None) -> Policy | None:
    """The licence behind the governing terms: the licence itself, or the one a publisher's policy extends."""
    if policy is None:
        return None
    base = policy if policy.kind == "license" else policies.chain(policy)[0]
    return base if base.kind == "license" and base.id != DEFAULT_POLICY else None


# What each Creative Commons element asks of an automated use (Creative Commons' FAQ on AI and CC licences).
_CC_AI_CONDITIONS = (
    (
        "-nc",
        "noncommercial",
        "non-commercial use only: the model, the service or the answers must not be sold",
    ),
    ("-nd", "no_derivatives", "do not share adapted versions of the text (summaries, rewrites) in outputs"),
    ("-sa", "share_alike", "share adapted text in outputs under the same licence"),
)


def _licence_terms(policy: Policy) -> tuple[str, list[Condition]]:
    """What a licence lets an automated use do, and on which conditions."""
    lid = policy.id
    if lid.startswith(("cc0", "pdm")) or lid in ("us-federal-work", "public-domain"):
        return "allowed", []
    if not lid.startswith("cc-"):
        return "unknown", []
    credit = (
        f"credit the author and the source where an output reproduces the text ({license_name(lid) or lid})"
    )
    kinds = [("credit_author", credit)] + [
        (kind, text) for part, kind, text in _CC_AI_CONDITIONS if part in lid
    ]
    return "allowed_with_conditions", [
        Condition(kind, text, None, "secondary", CC_AI_FAQ) for kind, text in kinds
    ]


def _without_licence(use: str, signals: Sequence[AiSignal]) -> tuple[str, list[Condition], list[Step]]:
    if use == "search":
        return (
            "allowed",
            [],
            [Step("Indexing for search needs no licence; nothing on the page or its site refuses it.")],
        )
    if use == "ai-input":
        cond = Condition(
            "quotation",
            "quote briefly in an answer and credit the source; a longer extract needs the rights holder's licence",
            None,
            "secondary",
            TDM_RESERVATION,
        )
        return (
            "allowed_with_conditions",
            [cond],
            [Step("No licence covers the text: grounding an answer on it is quotation, brief and credited.")],
        )
    conditions = [
        Condition("tdm_access", "you must have lawful access to the page (no paywall or login circumvented)",
                  None, "verified", TDM_RESERVATION),
        Condition("tdm_retention", "keep the copies only as long as the mining needs them", None, "verified",
                  TDM_RESERVATION),
    ]  # fmt: skip
    looked = "no reservation was found" if not signals else "no signal reserves it"
    return (
        "allowed_with_conditions",
        conditions,
        [
            Step(
                f"No licence covers the text, and {looked}: in the EU, text and data mining of a lawfully accessible "
                "work is allowed unless its rights holder reserved it in machine-readable form (DSM Directive, "
                "Art. 4); outside the EU the law differs (in the US, fair use is decided case by case)."
            )
        ],
    )


def evaluate_ai(chain: Sequence[Link], policies: PolicySet, use: str, usage: AiUsage | None) -> Verdict:
    """The verdict for using the first page of `chain` for an automated `use`, from the governing page's
    machine-readable preferences (`usage`), its publisher's AI terms, its licence and the law's default."""
    if use not in AI_USES:
        raise ValueError(f"not an automated use: {use!r}")
    holder, steps = find_holder(chain)
    policy, reason, warnings = governing_policy(holder, policies)
    hops = tuple(hop_for(link, "page" if i == 0 else "origin") for i, link in enumerate(chain))
    credits = credits_for(chain, holder)
    usage = usage or AiUsage(tuple((u, "not stated") for u in AI_USES))
    mine = [s for s in usage.signals if s.use == use]
    for signal in mine:
        steps.append(_signal_step(signal))
    warnings.extend(usage.conflicts)
    warnings.extend(f"{u.where} could not be read: {u.reason}" for u in usage.unreadable)
    warnings.extend(f"not read: {what}" for what in usage.not_read)
    preference = usage.preference(use)
    conditions: list[Condition] = []
    licence = _licence_of(policies, policy)
    licence_allows = licence is not None
    rule = _ai_rule(policies, policy, use)
    if preference == "disallowed":
        verdict = "not_allowed" if use == "search" else "permission_required"
        reservation = next(s for s in mine if s.preference == "disallowed")
        although = (
            f", although {policy.name if policy else 'the licence'} would allow it" if licence_allows else ""
        )
        law = (
            " In the EU a machine-readable reservation takes text and data mining out of the exception "
            "(DSM Directive, Art. 4(3)), so the rights holder's licence is needed."
            if use != "search"
            else " Do not index the page."
        )
        why = f"The reservation decides: {reservation.where} reserves {use_words(use)}{although}.{law}"
        steps.append(Step(why, (reservation.evidence,)))
        for signal in mine:
            conditions.extend(
                Condition("contact", text, None, "unverified", None) for text in signal.conditions
            )
        if use != "search":
            who = holder.name or "the rights holder"
            conditions.insert(0, Condition("contact", f"ask {who} for a licence for {use_words(use)}", holder.url,
                                           "verified", TDM_RESERVATION))  # fmt: skip
    elif rule is not None:
        stance = str(rule.params["stance"])
        verdict = {"allowed": "allowed", "disallowed": "not_allowed"}.get(stance, "permission_required")
        steps.append(Step(f"{policy.name if policy else 'The publisher'}'s terms on automated uses: {use_words(use)} "
                          f"is {stance.replace('_', ' ')}" + (f" ({rule.note})" if rule.note else "") + "."))  # fmt: skip
        if rule.params.get("contact"):
            conditions.append(Condition("contact", f"contact {rule.params['contact']}", rule.params["contact"],
                                        rule.status, rule.source))  # fmt: skip
    elif licence is not None and policy is not None:
        verdict, conditions = _licence_terms(licence)
        via = "" if licence is policy else f", whose terms are those of {licence.name}"
        steps.append(Step(f"Governing terms: {policy.name} ({reason}){via}; a licence to the public covers "
                          f"{use_words(use)} on its conditions."))  # fmt: skip
        if preference == "allowed" and verdict == "allowed_with_conditions" and not conditions:
            verdict = "allowed"
    else:
        verdict, conditions, more = _without_licence(use, usage.signals)
        steps.extend(more)
        if preference == "allowed":
            verdict = "allowed" if not conditions or use == "search" else verdict
            steps.append(Step(f"The page or its site says {use_words(use)} is welcome."))
    credited = use == "ai-input" or any(c.kind == "credit_author" for c in conditions)
    line = build_attribution(None, credits, conditions, use="excerpt") if credited else None
    if line is None and credited:
        warnings.append(NO_CREDIT_LINE)
    if policy is not None and policy.id == DEFAULT_POLICY:
        # no licence: the law's default governs, explained in the steps (not the quotation policy's file)
        policy = None
    return holder_verdict(
        holder, hops, verdict=verdict, use=use, policy=policy, reason=reason, conditions=conditions, line=line,
        steps=steps, warnings=warnings,
    )  # fmt: skip
