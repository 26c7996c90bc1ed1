"""The verdict engine: (page signals, origin chain, policies, intended use) -> Verdict. Pure: no I/O, no clock.

Resolving who holds the rights (DESIGN §4):
1. Walk the chain: while a page says its text comes from elsewhere and the original was read, move to the
   original. The last page read is the holder's, unless it too names an origin that could not be read; then
   the origin is known by name (and URL) only.
2. The governing policy: a publisher policy for the holder's site (by host, or by name when only the name is
   known); else the licence found on the holder's page; else terms stated on that page; else "all rights
   reserved" (quotation only).
3. A republisher's own grant covers only what it owns: when the text came from elsewhere, the republisher's
   terms are reported beside the verdict, never as the verdict.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from rights.models import Condition, Evidence
from rights.policy import PolicySet
from rights.policy.chain import Link
from rights.policy.credit import Credits, build_attribution, person_name
from rights.policy.models import AttributionText, Hop, Policy, Rule, Step, Verdict
from rights.policy.schema import CONDITION_KINDS
from rights.policy.sentences import first_sentence, notice_sentence
from rights.signals.common import fold
from rights.signals.license_names import license_name
from rights.urls import host_of, registrable_domain

DEFAULT_POLICY = "all-rights-reserved"
_STANCE_VERDICT = {"forbids": "not_allowed", "requires_permission": "permission_required", "grant": "allowed"}


@dataclass(frozen=True, slots=True)
class Holder:
    """Whose terms govern: a page that was read, or an origin known by name and URL only."""

    name: str | None
    url: str | None
    link: Link | None  # the page read, when there is one


def hop_for(link: Link, role: str) -> Hop:
    sig = link.signals
    if sig is None:
        return Hop(role, link.url, link.name, link.status, link.detail)
    evidence = sig.republication.evidence[:1] if sig.republication.is_republication else ()
    return Hop(
        role,
        link.url,
        link.name or (link.page.site_name if link.page else None),
        link.status,
        link.detail,
        sig.license.id if sig.license else None,
        sig.copyright.holder if sig.copyright else None,
        sig.reuse_terms.stance if sig.reuse_terms else None,
        evidence,
    )


# Why an original named by the page was not read, as the reader is told (the details follow a colon).
_NOT_READ = {
    "not_followed": "was not fetched",
    "unreachable": "could not be fetched",
    "mismatch": "was fetched but is not the same article",
    "no_url": "could not be looked up",
    "limit": "was not fetched",
    "loop": "was not fetched again",
}


def find_holder(chain: Sequence[Link]) -> tuple[Holder, list[Step]]:
    """Follow the chain to the page (or the named origin) that holds the rights."""
    steps: list[Step] = []
    current = chain[0]
    for nxt in chain[1:]:
        sig = current.signals
        assert sig is not None and sig.republication.is_republication
        rep = sig.republication
        steps.append(
            Step(
                f"{_label(current)} says the text comes from {rep.origin_name or rep.origin_url}.",
                rep.evidence[:2],
            )
        )
        if nxt.status not in ("read", "fetched") or nxt.signals is None:
            at = f" at {nxt.url}" if nxt.url else ""
            outcome = _NOT_READ.get(nxt.status, "was not read")
            steps.append(
                Step(f"The original{at} {outcome}" + (f": {nxt.detail}" if nxt.detail else "") + ".")
            )
            return Holder(rep.origin_name, rep.origin_url or nxt.url, None), steps
        steps.append(
            Step(f"Read the original at {nxt.url}" + (f": {nxt.detail}" if nxt.detail else "") + ".")
        )
        current = nxt
    sig = current.signals
    if sig is not None and sig.republication.is_republication:
        rep = sig.republication
        steps.append(
            Step(
                f"{_label(current)} says the text comes from {rep.origin_name or rep.origin_url}; "
                "the original was not followed.",
                rep.evidence[:2],
            )
        )
        return Holder(rep.origin_name, rep.origin_url, None), steps
    name = current.page.site_name if current.page else None
    return Holder(
        name or (registrable_domain(current.url) if current.url else None), current.url, current
    ), steps


def holder_verdict(
    holder: Holder,
    hops: tuple[Hop, ...],
    *,
    verdict: str,
    use: str,
    policy: Policy | None,
    reason: str,
    conditions: Sequence[Condition] = (),
    line: AttributionText | None = None,
    steps: Sequence[Step],
    warnings: Sequence[str],
    republisher: Policy | None = None,
    republisher_conditions: Sequence[Condition] = (),
) -> Verdict:
    """A verdict on the holder's terms: the holder's name, address and copyright notice filled in from
    `holder`, the warnings once each."""
    return Verdict(
        verdict=verdict,
        use=use,
        governing_policy=policy,
        governing_reason=reason,
        origin_name=holder.name,
        origin_url=holder.url,
        rights_holder=notice_holder(holder),
        chain=hops,
        conditions=tuple(conditions),
        attribution_line=line,
        steps=tuple(steps),
        warnings=tuple(dict.fromkeys(warnings)),
        republisher_policy=republisher,
        republisher_conditions=tuple(republisher_conditions),
    )


def notice_holder(holder: Holder) -> str | None:
    """The holder the governing page's copyright notice names for its article, when it is not the publisher
    ("The copyright holder for this preprint is the author/funder" on a preprint server)."""
    sig = holder.link.signals if holder.link is not None else None
    notice = sig.copyright if sig is not None else None
    if notice is None or not notice.holder or notice.scope != "article":
        return None
    if holder.name and (fold(holder.name) in fold(notice.holder) or fold(notice.holder) in fold(holder.name)):
        return None
    return notice.holder


def _label(link: Link) -> str:
    if link.page is not None and link.page.site_name:
        return f"The page on {link.page.site_name}"
    return f"The page {link.url}" if link.url else "The page"


def _publisher_by_name(policies: PolicySet, name: str | None) -> Policy | None:
    if not name:
        return None
    wanted = fold(name).replace(" ", "")
    for policy in policies.of_kind("publisher"):
        names = (policy.name, policy.id, policy.name.split(" (")[0])
        if any(fold(n).replace(" ", "") == wanted for n in names) or any(
            registrable_domain(d).split(".")[0] == wanted for d in policy.domains
        ):
            return policy
    return None


def _publisher(policies: PolicySet, url: str | None, name: str | None) -> Policy | None:
    host = host_of(url) if url else ""
    found = policies.for_domain(host) if host else None
    return found or _publisher_by_name(policies, name)


NO_CREDIT_LINE = (
    "no attribution line: the page names neither its publisher nor its address; for a saved file, give the "
    "page's address with --url"
)
_SCOPE_WORDS = {"article": " for its article", "site": " for the whole site"}


def governing_policy(holder: Holder, policies: PolicySet) -> tuple[Policy | None, str, list[str]]:
    """The policy whose rules decide, why, and warnings about conflicting signals."""
    warnings: list[str] = []
    publisher = _publisher(policies, holder.url, holder.name)
    sig = holder.link.signals if holder.link else None
    lic = sig.license if sig else None
    if publisher is not None:
        base = policies.chain(publisher)[0]
        if (
            lic is not None
            and base.kind == "license"
            and base.id != DEFAULT_POLICY
            and not lic.id.startswith(base.id.rsplit("-", 1)[0])
        ):
            warnings.append(
                f"the page shows {license_name(lic.id)} but {publisher.name}'s policy is based on "
                f"{license_name(base.id)}"
            )
        return publisher, f"publisher policy for {holder.url or holder.name}", warnings
    if lic is not None:
        match = policies.match_license(lic.id, lic.jurisdiction)
        if match is not None:
            warnings.extend(match.notes)
            covers = _SCOPE_WORDS.get(lic.scope, "")
            return match.policy, f"the page states the licence {license_name(lic.id)}{covers}", warnings
        return None, f"no policy describes the licence {license_name(lic.id)}", warnings
    if holder.link is None:
        reason = f"the terms of {holder.name or holder.url} are not known: all rights reserved by default"
    elif sig is not None and sig.reuse_terms is not None and sig.reuse_terms.stance != "restrictive":
        return None, "terms stated on the page", warnings
    else:
        reason = "no licence or grant found on the page that holds the rights: all rights reserved by default"
    return policies.get(DEFAULT_POLICY), reason, warnings


def _rules_for(policies: PolicySet, policy: Policy, use: str) -> list[Rule]:
    return [rule for rule in policies.resolved_rules(policy) if use in rule.for_uses]


def decide(rules: Sequence[Rule], use: str) -> str:
    """The verdict a set of resolved rules gives for a use (before conditions are counted)."""
    for kind in ("forbids", "requires_permission", "grant"):
        if any(rule.kind == kind for rule in rules):
            return _STANCE_VERDICT[kind]
    if use == "excerpt" and any(rule.kind == "quotation" for rule in rules):
        return "allowed"
    return "unknown"


def evaluate(chain: Sequence[Link], policies: PolicySet, use: str, *, modified: bool = False) -> Verdict:
    """The verdict for republishing the first page of `chain` for `use`."""
    holder, steps = find_holder(chain)
    policy, reason, warnings = governing_policy(holder, policies)
    hops = tuple(hop_for(link, "page" if i == 0 else "origin") for i, link in enumerate(chain))
    credits = credits_for(chain, holder)
    if policy is None:
        return _from_page_terms(chain, holder, hops, steps, reason, warnings, use, credits, modified)
    rules = _rules_for(policies, policy, use)
    verdict = decide(rules, use)
    steps.append(Step(f"Governing terms: {policy.name} ({reason}; status {policy.status})."))
    conditions = conditions_for(rules, credits, use, modified)
    if verdict == "allowed" and any(c.kind not in ("contact",) for c in conditions):
        verdict = "allowed_with_conditions"
    if verdict == "unknown":
        steps.append(Step(f"{policy.name} says nothing about {use} use."))
    no_edits = next((r for r in rules if r.kind == "no_derivatives"), None)
    if modified and no_edits is not None and verdict in ("allowed", "allowed_with_conditions"):
        allowed = ", ".join(no_edits.params.get("allowed_edits") or ()) or "none"
        verdict = "permission_required"
        steps.append(
            Step(
                f"You plan to edit the text, and {policy.name} allows no edits (changes allowed: {allowed}): "
                "republish it unchanged, or ask for permission to publish an edited version."
            )
        )
    if verdict in ("permission_required", "not_allowed"):
        conditions = _ask(holder, credits, conditions, verdict)
    for rule in rules:
        if rule.kind == "excluded_content":
            warnings.append(f"not covered by {policy.name}: {rule.params['what']}")
    republisher, republisher_conditions = _republisher(chain, holder, policies, use, credits, modified, steps)
    template = next((str(r.params["template"]) for r in rules if r.kind == "attribution_line"), None)
    line = build_attribution(policy, credits, conditions, use=use, modified=modified, template=template)
    if line is None:
        warnings.append(NO_CREDIT_LINE)
    return holder_verdict(
        holder, hops, verdict=verdict, use=use, policy=policy, reason=reason, conditions=conditions, line=line,
        steps=steps, warnings=warnings, republisher=republisher, republisher_conditions=republisher_conditions,
    )  # fmt: skip


def _ask(holder: Holder, credits: Credits, conditions: list[Condition], verdict: str) -> list[Condition]:
    """Whom to ask: the holder (and the author, who may hold the rights), before any listed contact."""
    who = holder.name or holder.url or "the rights holder"
    if credits.author and credits.author != holder.name:
        who += f" or the author ({credits.author})"
    text = (
        f"ask {who} for permission, or only quote briefly (see the excerpt use)"
        if verdict == "permission_required"
        else f"{who} does not allow this use"
    )
    if holder.url:
        text += f"; original: {holder.url}"
    return [Condition("ask_permission", text, holder.url or holder.name), *conditions]


def _short_name(policy: Policy) -> str:
    return policy.name.split(" (")[0]


def _republisher(
    chain: Sequence[Link],
    holder: Holder,
    policies: PolicySet,
    use: str,
    credits: Credits,
    modified: bool,
    steps: list[Step],
) -> tuple[Policy | None, list[Condition]]:
    """The first page's own terms when its text came from elsewhere: reported, never governing."""
    first = chain[0]
    if holder.link is first or first.page is None:
        return None, []
    policy = _publisher(policies, first.url, first.page.site_name)
    name = (_short_name(policy) if policy else None) or first.page.site_name or registrable_domain(first.url)
    steps.append(
        Step(
            f"{name}'s own terms cover only what it owns; this text came from "
            f"{holder.name or holder.url}, so those terms do not decide."
        )
    )
    if policy is None:
        return None, []
    rules = _rules_for(policies, policy, use)
    return policy, conditions_for(
        rules, credits_for(chain[:1], Holder(name, first.url, first)), use, modified
    )


def credits_for(chain: Sequence[Link], holder: Holder) -> Credits:
    """Names, title, URL and notices of the original, filled from whichever page knows them best."""
    page = holder.link.page if holder.link and holder.link.page else None
    first = chain[0].page
    source = page or first
    sig = (holder.link.signals if holder.link else None) or chain[0].signals
    author = person_name(next(iter(source.authors), None)) if source else None
    copyright_line = None
    if sig is not None and sig.copyright is not None and sig.copyright.evidence:
        copyright_line = notice_sentence(sig.copyright.evidence[0].text)
    first_sig = chain[0].signals
    if (
        page is None
        and first_sig is not None
        and first_sig.copyright is not None
        and first_sig.copyright.evidence
    ):
        notice = first_sig.copyright
        if holder.name and notice.holder and fold(holder.name) in fold(notice.holder):
            copyright_line = notice_sentence(
                notice.evidence[0].text
            )  # the original's notice, kept on the copy
    lic = sig.license if sig is not None else None
    return Credits(
        title=source.title if source else None,
        author=author,
        publisher=holder.name,
        url=holder.url,
        license=lic.id if lic else None,
        license_url=lic.url if lic else None,
        copyright=copyright_line,
        year=(source.published or "")[:4] or None if source else None,
        date=source.published if source else None,
    )


_TEXT = {
    "credit_author": "credit the author {author}",
    "credit_publisher": "name the publisher {publisher}",
    "link_original": "link to the original: {url}",
    "keep_copyright_notice": "keep the copyright line: {copyright}",
    "name_license": "name the licence {license} and link to it: {license_url}",
    "include_title": "give the title: {title}",
    "indicate_changes": "say that you changed the text, if you did",
    "retain_notices": "keep the licence, disclaimer and copyright notices that come with the text",
    "share_alike": "share adaptations under the same licence",
    "noncommercial": "non-commercial use only",
    "no_derivatives": "no edits",
    "no_images": "photos and illustrations are not covered: leave them out or get separate permission",
    "tracking_pixel": "include the publisher's tracking pixel (from its republish button)",
    "keep_links": "keep every link of the story",
    "no_paywall": "do not put the story behind a paywall or registration wall",
    "no_sell": "do not sell the story or ads against it separately",
    "no_wholesale": "choose stories one by one: no automated or wholesale republication",
    "no_translation": "do not translate it",
    "logo": "show the publisher's logo with the story",
    "canonical": "point search engines to the original ({mode})",
}


# What a condition asks for when the value it names was not found: what to do instead, never a placeholder.
_MISSING_TEXT = {
    "credit_author": (
        "credit the author: no author name was found on the page; look for a byline or an author page on "
        "the original, and credit {publisher_or_site} when there is none"
    ),
    "credit_publisher": "name the publisher as its site shows its name (the page does not state it)",
    "link_original": "link to the original article",
    "keep_copyright_notice": "no copyright line was found; keep any copyright notice the page carries",
    "include_title": "give the article's title",
}
_NEEDS = {
    "credit_author": "author",
    "credit_publisher": "publisher",
    "link_original": "url",
    "keep_copyright_notice": "copyright",
    "include_title": "title",
}


def _missing_text(kind: str, credits: Credits) -> str | None:
    """The condition's wording when the page does not give the value it names (None: the value is there)."""
    if kind == "name_license":
        name = license_name(credits.license)
        if name and credits.license_url:
            return None
        return f"name the licence {name}" if name else "name the licence the text is under and link to it"
    needed = _NEEDS.get(kind)
    if needed is None or getattr(credits, needed):
        return None
    publisher = f"the publisher, {credits.publisher}," if credits.publisher else "the publisher"
    return _MISSING_TEXT[kind].format(publisher_or_site=publisher)


def _condition(rule: Rule, credits: Credits, modified: bool) -> Condition | None:
    kind = rule.kind
    values = {k: v or "" for k, v in credits.as_dict().items()}
    params = rule.params
    missing = _missing_text(kind, credits)
    if kind == "indicate_changes" and not modified and params.get("when") == "adapted":
        text = "if you adapt the text, say so (CC <= 3.0: a condition of the right to adapt)"
    elif kind == "credit_publisher" and params.get("name"):
        text = f"name the publisher {params['name']}"
    elif missing is not None:
        text = missing
    elif kind == "credit_author" and params.get("format"):
        text = "credit the author as: " + credits.render(str(params["format"]))
    elif kind == "noncommercial":
        text = f"non-commercial use only: {params.get('definition')}"
    elif kind == "no_derivatives":
        allowed = ", ".join(params.get("allowed_edits") or ()) or "none"
        text = f"no edits (changes allowed: {allowed})"
    elif kind == "edits":
        text = (
            f"edits allowed: {', '.join(params.get('allowed') or ()) or 'none listed'}; "
            f"not allowed: {', '.join(params.get('forbidden') or ()) or 'none listed'}"
        )
    elif kind == "share_alike" and not params.get("compatible", True):
        text = "share adaptations under this same licence (no compatible-licence route)"
    elif kind == "embargo":
        text = f"wait {params['hours']} hours after the original's publication"
    elif kind == "time_limit":
        text = f"the permission lasts {params['days']} days; remove or link after that"
    elif kind == "contact":
        text = f"for {', '.join(rule.for_uses)} use, contact {params['address']}"
    elif kind == "attribution_line":
        where = f" at the {params['position']}" if params.get("position") else ""
        text = f"print the credit line{where}: {credits.render(str(params['template']))}"
    elif kind == "cure_period":
        days = int(params["days"])
        text = (
            f"a breach fixed within {days} days of notice restores the licence"
            if days
            else "any breach ends the licence at once (no cure period)"
        )
    elif kind in _TEXT:
        text = _TEXT[kind].format(**values, mode=params.get("mode", ""))
    else:
        return None
    value = {
        "credit_author": credits.author,
        "credit_publisher": params.get("name") or credits.publisher,
        "link_original": credits.url,
        "keep_copyright_notice": credits.copyright,
        "name_license": credits.license_url,
        "include_title": credits.title,
        "contact": params.get("address"),
    }.get(kind)
    if rule.note and kind in ("noncommercial", "no_images") and len(rule.note) < 160:
        text += f" ({rule.note})"
    return Condition(kind, text, value, rule.status, rule.source)


def conditions_for(rules: Sequence[Rule], credits: Credits, use: str, modified: bool) -> list[Condition]:
    """Every condition the rules attach to this use, with concrete names, links and notices filled in."""
    out: list[Condition] = []
    for rule in rules:
        if rule.kind in CONDITION_KINDS:
            condition = _condition(rule, credits, modified)
            if condition is not None and condition.kind not in {c.kind for c in out if c.kind != "contact"}:
                out.append(condition)
        elif rule.kind == "quotation" and use == "excerpt":
            note = rule.note or "Quote only what your purpose needs."
            text = rule.summary or first_sentence(note)
            out.append(Condition("quotation", text, note, rule.status, rule.source))
        elif rule.kind == "requires_permission" and rule.params.get("contact"):
            address = str(rule.params["contact"])
            out.append(
                Condition("contact", f"ask for permission: {address}", address, rule.status, rule.source)
            )
    contacts: set[str | None] = set()
    unique = []
    for condition in out:
        if condition.kind == "contact":
            if condition.value in contacts:
                continue
            contacts.add(condition.value)
        unique.append(condition)
    return unique


_TERMS_RULES = {
    "credit_source": "credit_publisher",
    "include_copyright": "keep_copyright_notice",
    "link_original": "link_original",
    "no_edits": "no_derivatives",
    "share_alike": "share_alike",
}


def _from_page_terms(
    chain: Sequence[Link],
    holder: Holder,
    hops: tuple[Hop, ...],
    steps: list[Step],
    reason: str,
    warnings: list[str],
    use: str,
    credits: Credits,
    modified: bool,
) -> Verdict:
    """No policy file applies: decide from the terms stated on the holder's page (or give up: unknown)."""
    sig = holder.link.signals if holder.link else None
    terms = sig.reuse_terms if sig else None
    if terms is None:
        steps.append(Step(f"No policy applies ({reason})."))
        return holder_verdict(
            holder,
            hops,
            verdict="unknown",
            use=use,
            policy=None,
            reason=reason,
            steps=steps,
            warnings=warnings,
        )
    evidence: tuple[Evidence, ...] = terms.evidence[:2]
    steps.append(
        Step(f"Terms stated on the page ({terms.stance}); no policy file covers this site.", evidence)
    )
    conditions: list[Condition] = []
    commercial_ok = not any(c.kind == "noncommercial" for c in terms.conditions)
    if terms.stance == "permissive" or use in ("noncommercial", "excerpt") or commercial_ok:
        verdict = "allowed" if terms.stance == "permissive" else "allowed_with_conditions"
        for cond in terms.conditions:
            kind = _TERMS_RULES.get(cond.kind, cond.kind)
            conditions.append(Condition(kind, cond.text, None, "unverified", holder.url))
    else:
        verdict = "permission_required"
    if terms.contact:
        conditions.append(
            Condition(
                "contact", f"for other uses, contact {terms.contact}", terms.contact, "unverified", holder.url
            )
        )
    if verdict == "allowed_with_conditions" and not conditions:
        verdict = "allowed"
    line = build_attribution(None, credits, conditions, use=use, modified=modified)
    if line is None:
        warnings.append(NO_CREDIT_LINE)
    return holder_verdict(
        holder, hops, verdict=verdict, use=use, policy=None, reason=reason, conditions=conditions, line=line,
        steps=steps, warnings=warnings,
    )  # fmt: skip
