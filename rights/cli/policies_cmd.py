"""`rights policies`: list, show and validate the licence and publisher policy files.

Policies come from the bundled folder, then the folders in the `policy_dirs` setting (rights.toml or
RIGHTS_POLICY_DIRS), then each `--policies DIR`; a later policy with the same id replaces an earlier one.
"""

from __future__ import annotations

import textwrap
from enum import StrEnum
from pathlib import Path
from typing import Any

import typer

from rights.cli.app import app
from rights.cli.common import TableOrJson, emit_json, fails_cleanly
from rights.errors import InputError
from rights.policy.models import Policy, Rule

policies_app = typer.Typer(
    name="policies",
    help="List, show and validate the licence and publisher policies that verdicts are based on.",
    no_args_is_help=True,
)
app.add_typer(policies_app, name="policies")

POLICIES_OPTION: Any = typer.Option(
    None,
    "--policies",
    help="A folder of extra policy files, read after the bundled and configured ones (repeatable).",
    file_okay=False,
)
FORMAT_OPTION: Any = typer.Option(TableOrJson.table, "--format", "-f", help="Output format.")
KIND_OPTION: Any = typer.Option(None, "--kind", help="Only licences or only publishers.")
PATHS_ARGUMENT: Any = typer.Argument(
    None, metavar="[PATH]...", help="Policy files or folders to check (default: everything loaded)."
)
ID_ARGUMENT: Any = typer.Argument(
    ..., metavar="ID", help="A policy id, a licence id or a publisher's domain."
)


class PolicyKind(StrEnum):
    license = "license"
    publisher = "publisher"


def _sources(extra: list[Path] | None) -> list[Path]:
    """Bundled, then configured, then command-line folders."""
    from rights.config import load_settings
    from rights.policy import bundled_policy_dir

    return [bundled_policy_dir(), *load_settings().policy_dirs, *(extra or [])]


def _load(extra: list[Path] | None) -> Any:
    from rights.policy import load_policies

    return load_policies(_sources(extra)[1:])


@policies_app.command("list")
@fails_cleanly
def list_policies(
    kind: PolicyKind | None = KIND_OPTION,
    format: TableOrJson = FORMAT_OPTION,
    policies: list[Path] | None = POLICIES_OPTION,
) -> None:
    """List the policies: id, kind, status, date checked and what each covers."""
    policy_set = _load(policies)
    chosen = [p for p in policy_set if kind is None or p.kind == kind.value]
    replaced = {o.id: o.replaced for o in policy_set.overrides}
    if format is TableOrJson.json:
        emit_json([_summary_row(p, replaced.get(p.id)) for p in chosen])
        return
    width = max((len(p.id) for p in chosen), default=2)
    for policy in chosen:
        covers = ", ".join(policy.domains) if policy.kind == "publisher" else (policy.url or "")
        extends = f" < {policy.extends}" if policy.extends else ""
        mark = "  (overrides " + replaced[policy.id] + ")" if policy.id in replaced else ""
        typer.echo(
            f"{policy.id:<{width}}  {policy.kind:<9}  {policy.status:<10}  {policy.checked or '-':<10}  "
            f"{covers}{extends}{mark}"
        )
    typer.echo(f"{len(chosen)} policies")


def _summary_row(policy: Policy, replaced: str | None) -> dict[str, Any]:
    return {
        "id": policy.id,
        "name": policy.name,
        "kind": policy.kind,
        "status": policy.status,
        "checked": policy.checked,
        "domains": list(policy.domains),
        "url": policy.url,
        "extends": policy.extends,
        "rules": len(policy.rules),
        "path": policy.path,
        "overrides": replaced,
    }


@policies_app.command("show")
@fails_cleanly
def show(
    policy_id: str = typer.Argument(
        ..., metavar="ID", help="A policy id, a licence id or a publisher's domain."
    ),
    format: TableOrJson = FORMAT_OPTION,
    policies: list[Path] | None = POLICIES_OPTION,
) -> None:
    """Show one policy with its resolved rules (inherited ones marked), each with status and source."""
    from rights.policy import policy_dict

    policy_set = _load(policies)
    policy = (
        policy_set.get(policy_id) or policy_set.for_license(policy_id) or policy_set.for_domain(policy_id)
    )
    if policy is None:
        raise InputError(f"unknown policy {policy_id!r}; `rights policies list` shows the ids")
    if format is TableOrJson.json:
        emit_json(policy_dict(policy, policy_set))
        return
    typer.echo(_describe(policy, policy_set.resolved_rules(policy), [p.id for p in policy_set.chain(policy)]))


def _describe(policy: Policy, rules: tuple[Rule, ...], chain: list[str]) -> str:
    lines = [f"{policy.id}: {policy.name}", f"  kind: {policy.kind}    status: {policy.status}"]
    lines.append(f"  checked: {policy.checked or '-'}    file: {policy.path}")
    if policy.domains:
        lines.append(f"  domains: {', '.join(policy.domains)}")
    if len(chain) > 1:
        lines.append(f"  extends: {' < '.join(reversed(chain[:-1]))}")
    for label, value in (("url", policy.url), ("source", policy.source)):
        if value:
            lines.append(f"  {label}: {value}")
    if policy.summary:
        lines += textwrap.wrap(policy.summary, 100, initial_indent="  ", subsequent_indent="  ")
    if policy.attribution_template:
        lines.append(f"  attribution: {policy.attribution_template}")
    lines.append(f"rules ({len(rules)}; * = inherited):")
    for rule in rules:
        lines += _rule_lines(rule, policy.id)
    return "\n".join(lines)


def _rule_lines(rule: Rule, policy_id: str) -> list[str]:
    mark = "*" if rule.origin != policy_id else " "
    origin = f"  from {rule.origin}" if rule.origin != policy_id else ""
    lines = [f" {mark} {rule.kind:<22} {','.join(rule.for_uses):<40} {rule.status}{origin}"]
    params = {k: ", ".join(v) if isinstance(v, tuple) else v for k, v in rule.params.items() if k != "uses"}
    for key, value in params.items():
        lines.append(f"      {key}: {value}")
    if rule.summary:
        lines += textwrap.wrap(
            f"in short: {rule.summary}", 96, initial_indent="      ", subsequent_indent="      "
        )
    if rule.note:
        lines += textwrap.wrap(rule.note, 96, initial_indent="      ", subsequent_indent="      ")
    if rule.source:
        lines.append(f"      source: {rule.source}")
    return lines


@policies_app.command("validate")
@fails_cleanly
def validate(
    paths: list[Path] | None = PATHS_ARGUMENT,
    policies: list[Path] | None = POLICIES_OPTION,
) -> None:
    """Check policy files; print `FILE: key: problem` for each problem (exit 2), else a one-line count."""
    from rights.policy import check_sources

    check = check_sources([*_sources(policies), *(paths or [])])
    if check.errors:
        for error in check.errors:
            typer.echo(str(error))
        files = len({error.path for error in check.errors})
        typer.echo(f"{len(check.errors)} problem(s) in {files} file(s)", err=True)
        raise typer.Exit(2)
    licences = sum(1 for p in check.policies if p.kind == "license")
    overrides = f", {len(check.policies.overrides)} override(s)" if check.policies.overrides else ""
    typer.echo(
        f"ok: {len(check.policies)} policies valid ({licences} licenses, {len(check.policies) - licences} "
        f"publishers) in {check.files} files{overrides}"
    )
