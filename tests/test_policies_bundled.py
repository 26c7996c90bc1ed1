"""The bundled policy files: valid, complete, faithful to the research, and examples that hold together."""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from rights.policy import (
    ADDITIVE_KINDS,
    CONDITION_KINDS,
    STANCE_KINDS,
    PolicySet,
    bundled_policy_dir,
    check_sources,
    load_policies,
)
from rights.policy.models import USES, VERDICTS, Policy, Rule

ROOT = Path(__file__).resolve().parents[1]
FAMILIES = ("by", "by-sa", "by-nd", "by-nc", "by-nc-sa", "by-nc-nd")
VERSIONS = ("1.0", "2.0", "2.5", "3.0", "4.0")
CC = [(family, version) for family in FAMILIES for version in VERSIONS]
RANK = {"unverified": 0, "secondary": 1, "verified": 2}


@pytest.fixture(scope="module")
def policies() -> PolicySet:
    return load_policies()


def _rules(policies: PolicySet, pid: str, kind: str, use: str | None = None) -> list[Rule]:
    policy = policies.get(pid)
    assert policy is not None, pid
    return [
        r for r in policies.resolved_rules(policy) if r.kind == kind and (use is None or use in r.for_uses)
    ]


def _one(policies: PolicySet, pid: str, kind: str, use: str | None = None) -> Rule:
    found = _rules(policies, pid, kind, use)
    assert len(found) == 1, (pid, kind, use, found)
    return found[0]


def test_every_bundled_policy_validates() -> None:
    """The bundled folder checks clean, one policy per file."""
    check = check_sources([bundled_policy_dir()])
    assert [str(e) for e in check.errors] == []
    assert check.files == len(check.policies)


def test_counts(policies: PolicySet) -> None:
    """30 CC licences plus CC0, PDM, U.S. federal works, all rights reserved, the GNU FDL (1.1, 1.2, 1.3), the UK
    OGL (1.0, 2.0, 3.0) and Etalab's Licence Ouverte (1.0, 2.0); at least 20 publishers."""
    assert len(policies.of_kind("license")) == 42
    assert len(policies.of_kind("publisher")) >= 20


def test_files_are_named_by_id(policies: PolicySet) -> None:
    """Each bundled file is named after its id and sits in the folder of its kind."""
    for policy in policies:
        path = Path(policy.path)
        assert path.stem == policy.id
        assert path.parent.name == {"license": "licenses", "publisher": "publishers"}[policy.kind]


def test_every_policy_is_dated_and_summarised(policies: PolicySet) -> None:
    """Each bundled policy says when it was checked and what it means in one summary."""
    for policy in policies:
        assert policy.checked, policy.id
        assert len(policy.summary) > 40, policy.id


@pytest.mark.parametrize(("family", "version"), CC)
def test_cc_licence_urls_and_ports(policies: PolicySet, family: str, version: str) -> None:
    """Every CC family exists in every version, with its canonical URL; ports up to 3.0 only."""
    policy = policies.get(f"cc-{family}-{version}")
    assert policy is not None
    code = "by-nd-nc" if (family, version) == ("by-nc-nd", "1.0") else family
    assert policy.url == f"https://creativecommons.org/licenses/{code}/{version}/"
    assert policy.ports is (version != "4.0")
    assert policy.status == ("unverified" if version == "1.0" else "verified")


@pytest.mark.parametrize(("family", "version"), CC)
def test_cc_version_differences(policies: PolicySet, family: str, version: str) -> None:
    """Title up to 3.0; changes shown whenever modified in 4.0, for adaptations before; cure only in 4.0."""
    pid = f"cc-{family}-{version}"
    assert bool(_rules(policies, pid, "include_title")) is (version != "4.0")
    changes = _rules(policies, pid, "indicate_changes")
    if version == "1.0":
        assert changes == []
    else:
        assert [r.params["when"] for r in changes] == ["modified" if version == "4.0" else "adapted"]
    assert _one(policies, pid, "cure_period").params["days"] == (30 if version == "4.0" else 0)
    for kind in ("credit_author", "name_license", "link_original"):
        assert _rules(policies, pid, kind), (pid, kind)


@pytest.mark.parametrize(("family", "version"), CC)
def test_cc_family_elements(policies: PolicySet, family: str, version: str) -> None:
    """NC refuses commercial use without permission; SA and ND add their conditions; BY allows everything."""
    pid = f"cc-{family}-{version}"
    granted = {u for r in _rules(policies, pid, "grant") for u in r.for_uses}
    needs_permission = {u for r in _rules(policies, pid, "requires_permission") for u in r.for_uses}
    assert ("commercial" in needs_permission) is ("nc" in family)
    assert ("commercial" in granted) is ("nc" not in family)
    assert bool(_rules(policies, pid, "noncommercial")) is ("nc" in family)
    assert bool(_rules(policies, pid, "share_alike")) is ("sa" in family)
    assert bool(_rules(policies, pid, "no_derivatives")) is ("nd" in family)
    old_nd = "nd" in family and version != "4.0"
    assert ("excerpt" in granted) is not old_nd
    assert bool(_rules(policies, pid, "quotation", "excerpt")) is old_nd


def test_nc_wording_differs_between_3_and_4(policies: PolicySet) -> None:
    """3.0 says 'private monetary compensation', 4.0 'monetary compensation'."""
    nc3 = _one(policies, "cc-by-nc-3.0", "noncommercial").params["definition"]
    nc4 = _one(policies, "cc-by-nc-4.0", "noncommercial").params["definition"]
    assert "private monetary compensation" in nc3
    assert "private" not in nc4 and "monetary compensation" in nc4


def test_share_alike_compatibility_routes(policies: PolicySet) -> None:
    """BY-NC-SA 3.0 has no compatible-licence route; BY-SA 3.0 and the 4.0 SA licences do."""
    assert _one(policies, "cc-by-nc-sa-3.0", "share_alike").params["compatible"] is False
    assert _one(policies, "cc-by-sa-3.0", "share_alike").params["compatible"] is True
    assert _one(policies, "cc-by-sa-4.0", "share_alike").params["compatible"] is True
    assert _one(policies, "cc-by-nc-sa-4.0", "share_alike").params["compatible"] is True


def test_nd_edits_by_version(policies: PolicySet) -> None:
    """ND 4.0 allows sharing in part; up to 3.0 only format changes (abridgment is derivative)."""
    assert _one(policies, "cc-by-nd-4.0", "no_derivatives").params["allowed_edits"] == ("format", "length")
    assert _one(policies, "cc-by-nd-3.0", "no_derivatives").params["allowed_edits"] == ("format",)


def test_cc_1_0_rules_are_unverified(policies: PolicySet) -> None:
    """The 1.0 texts were not re-read: every 1.0 rule except the quotation fact is unverified."""
    for family in FAMILIES:
        policy = policies.get(f"cc-{family}-1.0")
        assert policy is not None
        statuses = {r.status for r in policy.rules if r.kind != "quotation"}
        assert statuses == {"unverified"}, policy.id


def test_cc0_and_pdm_have_no_conditions(policies: PolicySet) -> None:
    """CC0 and the Public Domain Mark grant every use with no condition; PDM says it is a label."""
    for pid in ("cc0-1.0", "pdm-1.0"):
        policy = policies.get(pid)
        assert policy is not None
        assert {r.kind for r in policy.rules} <= {"grant", "excluded_content"}
        assert set(_one(policies, pid, "grant").for_uses) == set(USES)
    assert "not a licence" in (_one(policies, "pdm-1.0", "grant").note or "")


def test_all_rights_reserved(policies: PolicySet) -> None:
    """Permission for republication; quotation for excerpts with the law's facts and no word count."""
    needs = _one(policies, "all-rights-reserved", "requires_permission")
    assert needs.for_uses == ("noncommercial", "commercial", "print")
    notes = " ".join(r.note or "" for r in _rules(policies, "all-rights-reserved", "quotation", "excerpt"))
    for fact in ("17 U.S.C. 107", "four factors", "no safe number of words", "Art. 10(1)", "Art. 10(3)"):
        assert fact in notes
    assert _rules(policies, "all-rights-reserved", "credit_author", "excerpt")
    assert _rules(policies, "all-rights-reserved", "credit_publisher", "excerpt")


def test_us_federal_works_exclude_third_party_material(policies: PolicySet) -> None:
    """U.S. federal works are free, but third-party material on federal sites is excluded."""
    excluded = " ".join(r.params["what"] for r in _rules(policies, "us-federal-gov-pd", "excluded_content"))
    assert "third-party" in excluded and "contractors" in excluded


def test_global_research(policies: PolicySet) -> None:
    """The seed's republisher: a non-commercial grant with conditions; print and commercial on request."""
    policy = policies.get("global-research")
    assert policy is not None
    assert (policy.extends, policy.domains) == ("all-rights-reserved", ("globalresearch.ca",))
    assert _one(policies, "global-research", "grant").for_uses == ("noncommercial",)
    for kind in ("credit_publisher", "keep_copyright_notice", "link_original"):
        assert _one(policies, "global-research", kind, "noncommercial").origin == "global-research"
    needs = _one(policies, "global-research", "requires_permission")
    assert needs.for_uses == ("commercial", "print")
    assert needs.params["contact"] == "publications@globalresearch.ca"
    contact = _one(policies, "global-research", "contact", "print")
    assert (contact.params["address"], contact.status) == ("publications@globalresearch.ca", "verified")
    excluded = _one(policies, "global-research", "excluded_content")
    assert "other outlets" in excluded.params["what"] and "cannot cover" in (excluded.note or "")


def test_the_cradle(policies: PolicySet) -> None:
    """The seed's originating outlet: no terms found, all rights reserved, unverified, searches described."""
    policy = policies.get("the-cradle")
    assert policy is not None
    assert (policy.extends, policy.status) == ("all-rights-reserved", "unverified")
    needs = _one(policies, "the-cradle", "requires_permission")
    assert needs.status == "unverified" and "searches" in (needs.note or "")


def test_publishers_state_where_terms_are(policies: PolicySet) -> None:
    """Every publisher extends something and names its terms page."""
    for policy in policies.of_kind("publisher"):
        assert policy.extends, policy.id
        assert policy.source and urlsplit(policy.source).scheme in ("http", "https"), policy.id


def test_refinements_are_not_weaker_than_what_they_replace(policies: PolicySet) -> None:
    """A publisher's condition that replaces an inherited one is at least as well-founded."""
    for policy in policies.of_kind("publisher"):
        parent = policies.get(policy.extends or "")
        assert parent is not None
        inherited = policies.resolved_rules(parent)
        for rule in policy.rules:
            if rule.kind in ADDITIVE_KINDS or rule.kind in STANCE_KINDS:
                continue
            for old in inherited:
                if old.kind == rule.kind and set(old.for_uses) & set(rule.for_uses):
                    assert RANK[rule.status] >= RANK[old.status], (policy.id, rule.kind)


# -- examples ---------------------------------------------------------------------------------------------

EXAMPLES = [(p.id, i) for p in load_policies() for i in range(len(p.examples))]
_ORIGINALLY = re.compile(r'originally published on <a href="([^"]+)"', re.IGNORECASE)


def test_enough_examples(policies: PolicySet) -> None:
    """The seed's two outlets, other important publishers and several licences carry examples."""
    with_examples = {p.id for p in policies if p.examples}
    assert {"global-research", "the-cradle", "all-rights-reserved", "cc0-1.0", "pdm-1.0"} <= with_examples
    assert len(with_examples) >= 15


def _governing(policies: PolicySet, policy: Policy, fixture_html: str) -> Policy:
    """A stand-in for the engine: a page saying it was originally published elsewhere is governed there."""
    found = _ORIGINALLY.search(fixture_html)
    if found is None:
        return policy
    host = urlsplit(found.group(1)).hostname or ""
    return policies.for_domain(host) or policies.get("all-rights-reserved") or policy


def _stance_verdict(rules: list[Rule], use: str) -> str:
    kinds = {r.kind for r in rules if use in r.for_uses}
    if "forbids" in kinds:
        return "not_allowed"
    if "requires_permission" in kinds:
        return "permission_required"
    if "grant" in kinds or "quotation" in kinds:
        conditions = kinds & set(CONDITION_KINDS)
        return "allowed_with_conditions" if conditions or "quotation" in kinds else "allowed"
    return "unknown"


@pytest.mark.parametrize(("pid", "index"), EXAMPLES, ids=[f"{p}#{i}" for p, i in EXAMPLES])
def test_example_is_consistent_with_its_policy(policies: PolicySet, pid: str, index: int) -> None:
    """Each example's fixture exists and its expected verdict follows from the governing policy's rules.

    This is a stand-in until the verdict engine runs the examples for real.
    """
    policy = policies.get(pid)
    assert policy is not None
    example = policy.examples[index]
    fixture = ROOT / example.fixture
    assert fixture.is_file(), example.fixture
    assert example.expect in VERDICTS
    html = fixture.read_text(encoding="utf-8")
    assert example.url is not None and f'rel="canonical" href="{example.url}"' in html
    governing = _governing(policies, policy, html)
    if governing is not policy:
        assert not example.follow
    rules = list(policies.resolved_rules(governing))
    assert _stance_verdict(rules, example.use) == example.expect
    present = {r.kind for r in rules if example.use in r.for_uses}
    assert set(example.expect_conditions) <= present


def test_fixtures_are_ours(policies: PolicySet) -> None:
    """Every fixture used by an example says it was written for this test suite."""
    for fixture in {e.fixture for p in policies for e in p.examples}:
        assert "written for the rights test suite" in (ROOT / fixture).read_text(encoding="utf-8")
