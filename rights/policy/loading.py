"""Reading policy files from disk: the bundled set first, then user folders, then checks across files.

This is the only module of `rights.policy` that touches the disk. Within one folder an id (or a
domain) may appear once; a later folder may redefine an id, which replaces the earlier policy and is
recorded as a `PolicyOverride`. Across the whole set: `extends` must name a known policy, inheritance
must not loop, and `waives` must name a kind that is inherited.
"""

from __future__ import annotations

import tomllib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from rights.errors import PolicyError
from rights.policy.models import Policy
from rights.policy.policy_set import PolicyOverride, PolicySet
from rights.policy.schema import check_policy

_DATA_FOLDERS = {"names", "crawlers"}  # folders of data tables that live beside the policies, not policies


@dataclass(frozen=True, slots=True)
class PolicyCheck:
    """The outcome of reading a set of policy files: the valid policies, every problem, the file count."""

    policies: PolicySet
    errors: tuple[PolicyError, ...]
    files: int

    @property
    def ok(self) -> bool:
        return not self.errors


def bundled_policy_dir() -> Path:
    """The folder of policies shipped with rights (inside the installed package, or the source tree)."""
    installed = resources.files("rights.policy") / "bundled"
    if isinstance(installed, Path) and (installed / "licenses").is_dir():
        return installed
    source_tree = Path(__file__).resolve().parents[2] / "policies"
    if (source_tree / "licenses").is_dir():
        return source_tree
    raise PolicyError(str(installed), "licenses", "bundled policies not found; reinstall rights")


def load_policies(extra_dirs: Sequence[Path] = ()) -> PolicySet:
    """The bundled policies, then each extra folder's; raise the first problem found."""
    check = check_sources([bundled_policy_dir(), *extra_dirs])
    if check.errors:
        raise check.errors[0]
    return check.policies


def check_sources(sources: Sequence[Path]) -> PolicyCheck:
    """Read every `*.toml` under each source (a folder, or one file) and check the set as a whole."""
    errors: list[PolicyError] = []
    loaded: dict[str, Policy] = {}
    overrides: list[PolicyOverride] = []
    seen: set[Path] = set()
    broken: set[str] = set()  # ids of files that did not validate, so `extends` to them is not re-reported
    for source in sources:
        files = _files(source, errors)
        ids: dict[str, str] = {}
        domains: dict[str, str] = {}
        for path in files:
            if path.resolve() in seen:
                continue
            seen.add(path.resolve())
            policy = _read(path, errors, broken)
            if policy is None or not _unique(policy, ids, domains, errors):
                continue
            if policy.id in loaded:
                overrides.append(PolicyOverride(policy.id, policy.path, loaded[policy.id].path))
            loaded[policy.id] = policy
    errors.extend(_link_errors(loaded, broken))
    return PolicyCheck(PolicySet(loaded, tuple(overrides)), tuple(errors), len(seen))


def _files(source: Path, errors: list[PolicyError]) -> list[Path]:
    if source.is_file():
        return [source]
    if (
        source.is_dir()
    ):  # `names/` and `crawlers/` hold data tables (rights.signals.names, rights.web.ai_crawlers)
        return sorted(
            p for p in source.rglob("*.toml") if not _DATA_FOLDERS & set(p.relative_to(source).parts[:-1])
        )
    errors.append(PolicyError(str(source), "path", "no such file or folder"))
    return []


def _read(path: Path, errors: list[PolicyError], broken: set[str]) -> Policy | None:
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        errors.append(PolicyError(str(path), "file", f"cannot read ({exc})"))
        return None
    policy, problems = check_policy(text, str(path))
    if problems:
        errors.extend(problems)
        try:
            partial = tomllib.loads(text).get("id")
        except tomllib.TOMLDecodeError:
            partial = None
        if isinstance(partial, str):
            broken.add(partial)
        return None
    return policy


def _unique(policy: Policy, ids: dict[str, str], domains: dict[str, str], errors: list[PolicyError]) -> bool:
    """Record the policy's id and domains for its folder; False (with a problem) on a duplicate id."""
    if policy.id in ids:
        errors.append(PolicyError(policy.path, "id", f"duplicate id {policy.id!r}: also in {ids[policy.id]}"))
        return False
    ids[policy.id] = policy.path
    for i, domain in enumerate(policy.domains):
        if domain in domains:
            errors.append(
                PolicyError(policy.path, f"domains[{i}]", f"{domain!r} is also claimed by {domains[domain]}")
            )
        domains[domain] = policy.path
    return True


def _link_errors(policies: Mapping[str, Policy], broken: set[str]) -> list[PolicyError]:
    errors: list[PolicyError] = []
    for policy in policies.values():
        if policy.extends is not None and policy.extends not in policies:
            if policy.extends not in broken:
                errors.append(PolicyError(policy.path, "extends", f"unknown policy {policy.extends!r}"))
            continue
        cycle = _cycle(policy, policies)
        if cycle:
            errors.append(PolicyError(policy.path, "extends", "inheritance cycle: " + " -> ".join(cycle)))
            continue
        errors.extend(_waive_errors(policy, policies))
    return errors


def _cycle(policy: Policy, policies: Mapping[str, Policy]) -> list[str]:
    path = [policy.id]
    current = policy
    while current.extends is not None and current.extends in policies:
        current = policies[current.extends]
        if current.id in path:
            return [*path, current.id] if current.id == policy.id else []
        path.append(current.id)
    return []


def _waive_errors(policy: Policy, policies: Mapping[str, Policy]) -> list[PolicyError]:
    inherited: set[str] = set()
    seen = {policy.id}
    parent = policies.get(policy.extends) if policy.extends else None
    while parent is not None and parent.id not in seen:
        seen.add(parent.id)
        inherited.update(rule.kind for rule in parent.rules)
        parent = policies.get(parent.extends) if parent.extends else None
    errors = []
    for i, rule in enumerate(policy.rules):
        if rule.kind != "waives":
            continue
        for kind in rule.params["kinds"]:
            if kind not in inherited:
                problem = f"nothing to waive: no inherited rule of kind {kind!r}"
                errors.append(PolicyError(policy.path, f"rules[{i}].kinds", problem))
    return errors
