"""`PolicySet`: the loaded policies, and the lookups the verdict engine needs.

- `for_domain(host)`: the publisher whose most specific domain covers the host;
- `for_license(id, jurisdiction)`: the licence policy (ports and unversioned ids are resolved, see
  `match_license` for the notes that say how);
- `resolved_rules(policy)`: inherited rules first, then the policy's own. A descendant's rule narrows the
  inherited ones, use by use: `waives` removes inherited rules of the named kinds (for its `for_uses`);
  its own grant / requires_permission / forbids decides a use in place of any inherited stance on that
  use; and its own rule of any other kind, except the additive ones (`ADDITIVE_KINDS`), replaces the
  inherited rule of the same kind for the uses it covers (a publisher's `credit_author` with a byline
  format refines the licence's).
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field, replace
from types import MappingProxyType
from typing import Any

from rights.policy.models import LicenseMatch, Policy, Rule
from rights.policy.schema import ADDITIVE_KINDS, STANCE_KINDS

_VERSIONED = re.compile(r"(?P<family>.+)-(?P<version>\d+(?:\.\d+)+)")
_PORTED = re.compile(r"(?P<base>.+-\d+(?:\.\d+)+)-(?P<port>[a-z]{2}(?:-[a-z]{2})?|igo|scotland)")


@dataclass(frozen=True, slots=True)
class PolicyOverride:
    """A policy that replaced a same-id policy loaded earlier (e.g. a user folder over the bundled set)."""

    id: str
    path: str  # the file now in force
    replaced: str  # the file it replaced


def _version_key(version: str) -> tuple[int, ...]:
    return tuple(int(part) for part in version.split("."))


@dataclass(frozen=True, slots=True)
class PolicySet:
    """Policies by id, in load order, with the overrides that happened while loading."""

    policies: Mapping[str, Policy]
    overrides: tuple[PolicyOverride, ...] = ()
    _aliases: dict[str, str] = field(init=False, repr=False, compare=False)
    _domains: dict[str, str] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        aliases: dict[str, str] = {}
        domains: dict[str, str] = {}
        for policy in self.policies.values():  # later policies win, as they do for ids
            for alias in policy.aliases:
                aliases[alias] = policy.id
            for domain in policy.domains:
                domains[domain] = policy.id
        object.__setattr__(self, "_aliases", aliases)
        object.__setattr__(self, "_domains", domains)

    def __iter__(self) -> Iterator[Policy]:
        return iter(self.policies.values())

    def __len__(self) -> int:
        return len(self.policies)

    def __contains__(self, policy_id: object) -> bool:
        return policy_id in self.policies

    def get(self, policy_id: str) -> Policy | None:
        """The policy with this id (or alias), else None."""
        key = policy_id.strip().lower()
        found = self.policies.get(key)
        if found is None and key in self._aliases:
            found = self.policies.get(self._aliases[key])
        return found

    def of_kind(self, kind: str) -> tuple[Policy, ...]:
        return tuple(p for p in self.policies.values() if p.kind == kind)

    # -- lookups

    def for_domain(self, domain: str) -> Policy | None:
        """The publisher policy covering a host or registrable domain; the most specific entry wins.

        A policy listing `mongabay.com` covers `news.mongabay.com`; one listing only `news.mit.edu`
        does not cover `mit.edu`.
        """
        labels = domain.strip().lower().rstrip(".").split(".")
        for start in range(len(labels) - 1):
            policy_id = self._domains.get(".".join(labels[start:]))
            if policy_id is not None:
                return self.policies[policy_id]
        return None

    def match_license(self, license_id: str, jurisdiction: str | None = None) -> LicenseMatch | None:
        """Find the licence policy for an id such as `cc-by-nc-nd-3.0`, saying how exact the match is.

        A port suffix in the id (`cc-by-sa-3.0-us`) is read as the jurisdiction. A jurisdiction on a
        licence without ports (4.0, CC0) is noted and ignored. An unversioned id (`cc-by-nc`) maps to the
        newest version present, with a note that the version was assumed.
        """
        requested = license_id.strip().lower()
        key = requested
        notes: list[str] = []
        ported = _PORTED.fullmatch(key)
        if self.get(key) is None and ported is not None:
            key = ported.group("base")
            jurisdiction = jurisdiction or ported.group("port")
        policy = self.get(key)
        if policy is None:
            policy = self._newest(key)
            if policy is None:
                return None
            notes.append(f"unversioned licence id {requested!r}: assumed the newest version, {policy.id}")
        if policy.kind != "license":
            return None
        if jurisdiction and not policy.ports:
            notes.append(f"{policy.id} has no jurisdiction ports; {jurisdiction!r} ignored")
        return LicenseMatch(policy, requested, jurisdiction.lower() if jurisdiction else None, tuple(notes))

    def for_license(self, license_id: str, jurisdiction: str | None = None) -> Policy | None:
        """The licence policy for an id (see `match_license` for ports and unversioned ids)."""
        match = self.match_license(license_id, jurisdiction)
        return match.policy if match is not None else None

    def _newest(self, family: str) -> Policy | None:
        best: tuple[tuple[int, ...], Policy] | None = None
        for policy in self.of_kind("license"):
            for name in (policy.id, *policy.aliases):
                found = _VERSIONED.fullmatch(name)
                if found and found.group("family") == family:
                    key = _version_key(found.group("version"))
                    if best is None or key > best[0]:
                        best = (key, policy)
        return best[1] if best is not None else None

    # -- inheritance

    def chain(self, policy: Policy) -> tuple[Policy, ...]:
        """The policy and its ancestors, root first. Stops at an unknown parent or a cycle."""
        chain = [policy]
        seen = {policy.id}
        while chain[-1].extends is not None:
            parent = self.policies.get(chain[-1].extends)
            if parent is None or parent.id in seen:
                break
            chain.append(parent)
            seen.add(parent.id)
        return tuple(reversed(chain))

    def resolved_rules(self, policy: Policy) -> tuple[Rule, ...]:
        """Inherited rules first (root first), then the policy's own; see the module docstring."""
        rules: list[Rule] = []
        for member in self.chain(policy):
            rules = [r for r in (_narrowed(r, member.rules) for r in rules) if r is not None]
            rules.extend(member.rules)
        return tuple(rules)


def _narrowed(inherited: Rule, own: tuple[Rule, ...]) -> Rule | None:
    """The inherited rule with the uses its heir's own rules take away; None when no use is left."""
    removed: set[str] = set()
    for rule in own:
        if rule.kind == "waives" and inherited.kind in rule.params["kinds"]:
            removed.update(rule.for_uses)
        if rule.kind in STANCE_KINDS and inherited.kind in STANCE_KINDS:
            removed.update(rule.for_uses)
        if rule.kind == inherited.kind and rule.kind not in ADDITIVE_KINDS:
            removed.update(rule.for_uses)
    if not removed & set(inherited.for_uses):
        return inherited
    uses = tuple(u for u in inherited.for_uses if u not in removed)
    if not uses:
        return None
    params = dict(inherited.params)
    if "uses" in params:
        params["uses"] = uses
    return replace(inherited, for_uses=uses, params=MappingProxyType(params))


def rule_dict(rule: Rule, policy_id: str) -> dict[str, Any]:
    """A rule as plain data; `inherited` is true when it comes from an ancestor of `policy_id`."""
    return {
        "kind": rule.kind,
        "params": {k: list(v) if isinstance(v, tuple) else v for k, v in rule.params.items()},
        "for_uses": list(rule.for_uses),
        "status": rule.status,
        "source": rule.source,
        "summary": rule.summary,
        "note": rule.note,
        "origin": rule.origin,
        "inherited": rule.origin != policy_id,
    }


def policy_dict(policy: Policy, policies: PolicySet | None = None) -> dict[str, Any]:
    """A policy as plain data (JSON-ready); with `policies`, its rules are the resolved ones."""
    rules = policies.resolved_rules(policy) if policies is not None else policy.rules
    return {
        "id": policy.id,
        "name": policy.name,
        "kind": policy.kind,
        "status": policy.status,
        "checked": policy.checked,
        "domains": list(policy.domains),
        "aliases": list(policy.aliases),
        "extends": policy.extends,
        "chain": [p.id for p in policies.chain(policy)] if policies is not None else [policy.id],
        "url": policy.url,
        "source": policy.source,
        "summary": policy.summary,
        "attribution_template": policy.attribution_template,
        "ports": policy.ports,
        "path": policy.path,
        "rules": [rule_dict(rule, policy.id) for rule in rules],
        "examples": [
            {
                "fixture": e.fixture,
                "url": e.url,
                "use": e.use,
                "follow": e.follow,
                "expect": e.expect,
                "expect_conditions": list(e.expect_conditions),
            }
            for e in policy.examples
        ],
    }
