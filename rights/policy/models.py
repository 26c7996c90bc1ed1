"""Policies (the parsed form of `policies/**/*.toml`, see docs/policies.md), verdicts and verification findings."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from rights.matching.models import Edit, Passage
from rights.models import Condition, Evidence

USES = ("noncommercial", "commercial", "print", "excerpt")
VERDICTS = ("allowed", "allowed_with_conditions", "permission_required", "not_allowed", "unknown")
FINDING_STATUSES = ("pass", "fail", "warn", "not_checkable")

POLICY_KINDS = ("license", "publisher")
POLICY_STATUSES = ("verified", "secondary", "unverified")
EDIT_KINDS = ("time", "place", "style", "headline", "length", "format")


@dataclass(frozen=True, slots=True)
class Rule:
    """One rule of a policy: a grant or refusal, or a condition the republisher must meet.

    `params` holds the kind's own parameters (defaults filled in, lists as tuples); `for_uses` the uses it
    applies to (for `grant`, `requires_permission` and `forbids`: exactly the uses named in `uses`).
    `origin` is the id of the policy that declares the rule; `resolved_rules` keeps it, so an inherited
    rule is one whose origin differs from the policy asked about.
    """

    kind: str
    params: Mapping[str, Any]
    for_uses: tuple[str, ...]
    status: str  # verified | secondary | unverified
    source: str | None
    note: str | None
    origin: str = ""
    summary: str | None = None  # one sentence shown as the condition (else the note's first sentence)


@dataclass(frozen=True, slots=True)
class PolicyExample:
    """An executable example: this fixture page, checked for this use, must give this verdict."""

    fixture: str  # path from the repository root
    url: str | None  # the address the fixture stands for
    use: str
    follow: bool
    expect: str  # one of VERDICTS
    expect_conditions: tuple[str, ...]  # condition kinds that must appear in the verdict


@dataclass(frozen=True, slots=True)
class Policy:
    """A licence's or a publisher's republication terms, as read from one policy file."""

    id: str
    name: str
    kind: str  # license | publisher
    domains: tuple[str, ...]  # publisher: host names it covers (subdomains included)
    extends: str | None
    url: str | None  # license: canonical URL
    source: str | None  # where the terms were read
    checked: str | None  # ISO date (YYYY-MM-DD), validated
    status: str  # verified | secondary | unverified
    summary: str
    attribution_template: str | None
    ports: bool  # license <= 3.0: jurisdiction ports are covered by this one policy
    rules: tuple[Rule, ...]
    examples: tuple[PolicyExample, ...]
    path: str  # the file it was read from
    aliases: tuple[str, ...] = ()  # other ids that name the same licence (e.g. cc-by-nd-nc-1.0)


@dataclass(frozen=True, slots=True)
class LicenseMatch:
    """The policy found for a licence id, with notes when the match was not exact."""

    policy: Policy
    requested: str  # the id asked for
    jurisdiction: str | None
    notes: tuple[str, ...] = ()  # e.g. "unversioned id: assumed the newest version, 4.0"

    @property
    def is_exact(self) -> bool:
        return not self.notes


@dataclass(frozen=True, slots=True)
class Hop:
    """One page of the origin chain: the page checked, then each original it names."""

    role: str  # page | origin
    url: str | None
    name: str | None
    status: str  # read | fetched | not_followed | unreachable | mismatch | no_url | limit | loop
    detail: str = ""
    license: str | None = None
    copyright: str | None = None
    terms: str | None = None
    evidence: tuple[Evidence, ...] = ()


@dataclass(frozen=True, slots=True)
class Step:
    """One step of the reasoning, with the evidence it rests on."""

    text: str
    evidence: tuple[Evidence, ...] = ()


@dataclass(frozen=True, slots=True)
class AttributionText:
    text: str
    html: str


@dataclass(frozen=True, slots=True)
class Verdict:
    verdict: str  # one of VERDICTS
    use: str
    governing_policy: Policy | None
    governing_reason: str
    origin_name: str | None
    origin_url: str | None
    chain: tuple[Hop, ...]
    conditions: tuple[Condition, ...]
    attribution_line: AttributionText | None
    steps: tuple[Step, ...]
    warnings: tuple[str, ...] = ()
    republisher_policy: Policy | None = None
    republisher_conditions: tuple[Condition, ...] = ()
    rights_holder: str | None = (
        None  # whom the governing page's copyright notice names, when not the publisher
    )


@dataclass(frozen=True, slots=True)
class Finding:
    """One checked condition (verify) or one problem found on a post (audit), with its evidence.

    `status`: pass | fail | warn | not_checkable for verify; open for audit findings (a later run that no
    longer finds it reports it as fixed).
    """

    kind: str
    status: str
    text: str
    condition: str | None = None  # the verdict's condition this finding checks
    url: str | None = None  # the page the finding is about (the copy, the post)
    source_url: str | None = None  # the original it is compared with
    evidence: tuple[Evidence, ...] = ()
    passages: tuple[Passage, ...] = ()
    edits: tuple[Edit, ...] = ()
    copied_share: float | None = None  # audit: the share of the original's words the post reproduces (0 to 1)
