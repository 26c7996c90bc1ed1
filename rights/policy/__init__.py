"""Policies: licences' and publishers' republication terms, read from TOML files and validated.

    parse_policy(text, path) -> Policy          one file's text (pure); raises the first PolicyError
    check_policy(text, path) -> (Policy | None, [PolicyError, ...])   every problem of one file
    load_policies(extra_dirs=()) -> PolicySet   bundled policies, then each extra folder (later ids win)
    check_sources(paths) -> PolicyCheck         the same without raising: the set, every problem, a count
    bundled_policy_dir() -> Path

`PolicySet` answers `get(id)`, `for_domain(host)`, `for_license(id, jurisdiction)`,
`match_license(...)` (with notes on ports and assumed versions) and `resolved_rules(policy)`.
The format and the rule vocabulary are documented in docs/policies.md.
"""

from __future__ import annotations

from rights.policy.loading import PolicyCheck, bundled_policy_dir, check_sources, load_policies
from rights.policy.policy_set import PolicyOverride, PolicySet, policy_dict, rule_dict
from rights.policy.schema import (
    ADDITIVE_KINDS,
    CONDITION_KINDS,
    PLACEHOLDERS,
    RULE_KINDS,
    STANCE_KINDS,
    Param,
    check_policy,
    parse_policy,
)

__all__ = [
    "ADDITIVE_KINDS",
    "CONDITION_KINDS",
    "PLACEHOLDERS",
    "RULE_KINDS",
    "STANCE_KINDS",
    "Param",
    "PolicyCheck",
    "PolicyOverride",
    "PolicySet",
    "bundled_policy_dir",
    "check_policy",
    "check_sources",
    "load_policies",
    "parse_policy",
    "policy_dict",
    "rule_dict",
]
