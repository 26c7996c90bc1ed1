"""Policy sets: loading folders, checks across files, overrides, lookups and resolved rules."""

from __future__ import annotations

from pathlib import Path

import pytest

from rights.errors import PolicyError
from rights.policy import PolicySet, bundled_policy_dir, check_sources, load_policies, parse_policy


@pytest.fixture(scope="module")
def bundled() -> PolicySet:
    return load_policies()


def _policy(pid: str, *, extends: str | None = None, domain: str | None = None, rules: str = "") -> str:
    kind = "publisher" if domain else "license"
    lines = [f'id = "{pid}"', f'name = "{pid.title()}"', f'kind = "{kind}"', 'status = "verified"']
    lines.append(f'source = "https://{domain or "licences.example"}/terms"')
    if domain:
        lines.append(f'domains = ["{domain}"]')
    if extends:
        lines.append(f'extends = "{extends}"')
    return "\n".join(lines) + "\n" + rules


def _write(folder: Path, name: str, text: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


# -- checks across files ---------------------------------------------------------------------------------


def test_unknown_extends(tmp_path: Path) -> None:
    """`extends` naming no loaded policy is reported on the file's `extends` key."""
    path = _write(tmp_path, "a.toml", _policy("a", extends="nope", domain="a.example"))
    errors = [str(e) for e in check_sources([tmp_path]).errors]
    assert errors == [f"{path}: extends: unknown policy 'nope'"]


def test_cycle(tmp_path: Path) -> None:
    """An inheritance loop is reported on every file in the loop."""
    a = _write(tmp_path, "a.toml", _policy("a", extends="b", domain="a.example"))
    b = _write(tmp_path, "b.toml", _policy("b", extends="a", domain="b.example"))
    errors = [str(e) for e in check_sources([tmp_path]).errors]
    assert errors == [
        f"{a}: extends: inheritance cycle: a -> b -> a",
        f"{b}: extends: inheritance cycle: b -> a -> b",
    ]


def test_duplicate_id_in_one_folder(tmp_path: Path) -> None:
    """Two files of one folder with the same id: the second is reported and left out."""
    first = _write(tmp_path, "a.toml", _policy("same", domain="a.example"))
    second = _write(tmp_path, "b.toml", _policy("same", domain="b.example"))
    check = check_sources([tmp_path])
    assert [str(e) for e in check.errors] == [f"{second}: id: duplicate id 'same': also in {first}"]
    assert check.policies.get("same") is not None
    assert check.policies.policies["same"].path == str(first)


def test_duplicate_domain_in_one_folder(tmp_path: Path) -> None:
    """Two publishers of one folder claiming one domain are reported."""
    first = _write(tmp_path, "a.toml", _policy("a", domain="shared.example"))
    second = _write(tmp_path, "b.toml", _policy("b", domain="shared.example"))
    errors = [str(e) for e in check_sources([tmp_path]).errors]
    assert errors == [f"{second}: domains[0]: 'shared.example' is also claimed by {first}"]


def test_waives_needs_an_inherited_kind(tmp_path: Path) -> None:
    """`waives` naming a kind no ancestor has is a mistake, reported on the rule's `kinds`."""
    rules = '[[rules]]\nkind = "waives"\nkinds = ["tracking_pixel"]\n'
    path = _write(tmp_path, "a.toml", _policy("a", extends="cc-by-4.0", domain="a.example", rules=rules))
    errors = [str(e) for e in check_sources([bundled_policy_dir(), tmp_path]).errors]
    assert errors == [f"{path}: rules[0].kinds: nothing to waive: no inherited rule of kind 'tracking_pixel'"]


def test_missing_folder(tmp_path: Path) -> None:
    """A folder that does not exist is reported, not ignored."""
    missing = tmp_path / "nowhere"
    assert [str(e) for e in check_sources([missing]).errors] == [f"{missing}: path: no such file or folder"]


def test_broken_parent_is_not_reported_twice(tmp_path: Path) -> None:
    """When the parent file is itself broken, its children do not add 'unknown policy' noise."""
    parent = _write(
        tmp_path, "p.toml", _policy("p", domain="p.example").replace('status = "verified"', 'status = "x"')
    )
    _write(tmp_path, "c.toml", _policy("c", extends="p", domain="c.example"))
    errors = [str(e) for e in check_sources([tmp_path]).errors]
    assert errors == [f"{parent}: status: 'x' is not one of: verified, secondary, unverified"]


def test_load_policies_raises_the_first_problem(tmp_path: Path) -> None:
    """load_policies raises a PolicyError (exit code 2) for an invalid user folder."""
    _write(tmp_path, "a.toml", 'id = "a"\n')
    with pytest.raises(PolicyError) as caught:
        load_policies([tmp_path])
    assert caught.value.key == "name"
    assert caught.value.exit_code == 2


def test_same_file_is_read_once(tmp_path: Path) -> None:
    """A file reached twice (folder and explicit path) is read once, so it cannot clash with itself."""
    path = _write(tmp_path, "a.toml", _policy("a", domain="a.example"))
    check = check_sources([tmp_path, path])
    assert check.ok
    assert check.files == 1


# -- overrides --------------------------------------------------------------------------------------------


def test_user_folder_overrides_bundled_by_id(tmp_path: Path) -> None:
    """A user policy with a bundled id replaces it, and the override is recorded."""
    text = _policy("the-cradle", extends="all-rights-reserved", domain="thecradle.co", rules="")
    path = _write(tmp_path, "cradle.toml", text.replace('status = "verified"', 'status = "secondary"'))
    policies = load_policies([tmp_path])
    cradle = policies.get("the-cradle")
    assert cradle is not None
    assert (cradle.path, cradle.status) == (str(path), "secondary")
    assert [(o.id, o.path) for o in policies.overrides] == [("the-cradle", str(path))]
    assert policies.overrides[0].replaced.endswith("the-cradle.toml")
    assert policies.for_domain("thecradle.co") is cradle


def test_user_policy_extends_bundled(tmp_path: Path) -> None:
    """A user publisher may extend a bundled licence and is found by its domain."""
    rules = '[[rules]]\nkind = "no_images"\n'
    _write(
        tmp_path,
        "mine.toml",
        _policy("my-paper", extends="cc-by-nd-4.0", domain="mypaper.example", rules=rules),
    )
    policies = load_policies([tmp_path])
    mine = policies.for_domain("www.mypaper.example")
    assert mine is not None and mine.id == "my-paper"
    kinds = [r.kind for r in policies.resolved_rules(mine)]
    assert kinds[0] == "grant" and kinds[-1] == "no_images"


# -- lookups ----------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("host", "expected"),
    [
        ("propublica.org", "propublica"),
        ("www.propublica.org", "propublica"),
        ("WWW.ProPublica.org.", "propublica"),
        ("news.mongabay.com", "mongabay"),
        ("globalvoices.org", "global-voices"),
        ("advox.globalvoices.org", "global-voices-advox"),
        ("news.mit.edu", "mit-news"),
        ("mit.edu", None),
        ("globalresearch.ca", "global-research"),
        ("thecradle.co", "the-cradle"),
        ("new.thecradle.co", "the-cradle"),
        ("example.com", None),
        ("org", None),
    ],
)
def test_for_domain(bundled: PolicySet, host: str, expected: str | None) -> None:
    """The most specific listed domain that covers the host wins; parents are never assumed."""
    found = bundled.for_domain(host)
    assert (found.id if found else None) == expected


@pytest.mark.parametrize(
    ("license_id", "jurisdiction", "expected", "jurisdiction_out", "flagged"),
    [
        ("cc-by-nc-nd-3.0", "us", "cc-by-nc-nd-3.0", "us", False),
        ("cc-by-nc-nd-3.0-us", None, "cc-by-nc-nd-3.0", "us", False),
        ("CC-BY-SA-2.0-UK", None, "cc-by-sa-2.0", "uk", False),
        ("cc-by-sa-3.0-igo", None, "cc-by-sa-3.0", "igo", False),
        ("cc-by-4.0", None, "cc-by-4.0", None, False),
        ("cc-by-4.0", "de", "cc-by-4.0", "de", True),
        ("cc-by-nc", None, "cc-by-nc-4.0", None, True),
        ("cc-by-nd-nc-1.0", None, "cc-by-nc-nd-1.0", None, False),
        ("cc0-1.0", None, "cc0-1.0", None, False),
        ("cc0", None, "cc0-1.0", None, True),
        ("pdm-1.0", None, "pdm-1.0", None, False),
        ("all-rights-reserved", None, "all-rights-reserved", None, False),
    ],
)
def test_match_license(
    bundled: PolicySet,
    license_id: str,
    jurisdiction: str | None,
    expected: str,
    jurisdiction_out: str | None,
    flagged: bool,
) -> None:
    """Ports are one policy per family and version; unversioned ids and ignored ports are flagged."""
    match = bundled.match_license(license_id, jurisdiction)
    assert match is not None
    assert (match.policy.id, match.jurisdiction, not match.is_exact) == (expected, jurisdiction_out, flagged)
    assert bundled.for_license(license_id, jurisdiction) is match.policy


def test_unversioned_note_names_the_assumed_version(bundled: PolicySet) -> None:
    """The note of an unversioned match says which version was assumed."""
    match = bundled.match_license("cc-by-sa")
    assert match is not None
    assert match.notes == ("unversioned licence id 'cc-by-sa': assumed the newest version, cc-by-sa-4.0",)


@pytest.mark.parametrize("license_id", ["gpl-3.0", "propublica", "cc-by-9.0", ""])
def test_for_license_unknown(bundled: PolicySet, license_id: str) -> None:
    """Unknown ids, and ids of publisher policies, find no licence."""
    assert bundled.for_license(license_id) is None


def test_get_by_alias(bundled: PolicySet) -> None:
    """`get` accepts an alias; an unknown id gives None."""
    assert bundled.get("cc-by-nd-nc-1.0") is bundled.get("cc-by-nc-nd-1.0")
    assert bundled.get("no-such-policy") is None


# -- resolved rules ---------------------------------------------------------------------------------------


def _by_kind(policies: PolicySet, pid: str) -> dict[str, list[tuple[str, tuple[str, ...]]]]:
    policy = policies.get(pid)
    assert policy is not None
    out: dict[str, list[tuple[str, tuple[str, ...]]]] = {}
    for rule in policies.resolved_rules(policy):
        out.setdefault(rule.kind, []).append((rule.origin, rule.for_uses))
    return out


def test_resolved_rules_inherited_first(bundled: PolicySet) -> None:
    """Inherited rules come first (root first), then the policy's own, each keeping its origin."""
    policy = bundled.get("global-voices-advox")
    assert policy is not None
    origins = [r.origin for r in bundled.resolved_rules(policy)]
    assert origins == sorted(origins, key=["cc-by-3.0", "global-voices", "global-voices-advox"].index)
    assert [p.id for p in bundled.chain(policy)] == ["cc-by-3.0", "global-voices", "global-voices-advox"]


def test_own_stance_replaces_inherited_stance(bundled: PolicySet) -> None:
    """Global Research's own grant and permission rules replace all rights reserved's refusal."""
    rules = _by_kind(bundled, "global-research")
    assert rules["grant"] == [("global-research", ("noncommercial",))]
    assert rules["requires_permission"] == [("global-research", ("commercial", "print"))]
    assert [origin for origin, _ in rules["quotation"]] == ["all-rights-reserved", "all-rights-reserved"]


def test_waives_removes_inherited_kinds_for_its_uses(bundled: PolicySet) -> None:
    """KFF Health News waives NonCommercial for print and commercial, and ND altogether."""
    rules = _by_kind(bundled, "kff-health-news")
    assert rules["noncommercial"] == [("cc-by-nc-nd-4.0", ("noncommercial", "excerpt"))]
    assert "no_derivatives" not in rules
    assert "requires_permission" not in rules
    assert ("kff-health-news", ("commercial",)) in rules["grant"]
    assert ("cc-by-nc-nd-4.0", ("noncommercial", "print", "excerpt")) in rules["grant"]


def test_waived_stance_rule_keeps_uses_param_in_step(bundled: PolicySet) -> None:
    """A narrowed stance rule's `uses` parameter matches its `for_uses`."""
    policy = bundled.get("texas-tribune")
    assert policy is not None
    for rule in bundled.resolved_rules(policy):
        if "uses" in rule.params:
            assert rule.params["uses"] == rule.for_uses


def test_waives_then_replaces_attribution_line(bundled: PolicySet) -> None:
    """Advox waives Global Voices' attribution line and states its own."""
    rules = _by_kind(bundled, "global-voices-advox")
    assert [origin for origin, _ in rules["attribution_line"]] == ["global-voices-advox"]


def test_same_kind_refines_for_its_uses(bundled: PolicySet) -> None:
    """ProPublica's online link rule replaces the licence's for online uses; the licence's stays for print."""
    rules = _by_kind(bundled, "propublica")
    assert rules["link_original"] == [
        ("cc-by-nc-nd-3.0", ("print",)),
        ("propublica", ("noncommercial", "commercial", "excerpt")),
    ]


def test_additive_kinds_accumulate(bundled: PolicySet) -> None:
    """Exclusions add up along the chain instead of replacing each other."""
    rules = _by_kind(bundled, "nasa")
    assert [origin for origin, _ in rules["excluded_content"]] == ["us-federal-gov-pd"] * 3 + ["nasa"] * 2


def test_resolved_rules_of_a_lone_policy() -> None:
    """A policy without `extends` resolves to its own rules, even outside any set."""
    policy = parse_policy(_policy("solo", rules='[[rules]]\nkind = "logo"\n'), "solo.toml")
    assert PolicySet({}).resolved_rules(policy) == policy.rules
