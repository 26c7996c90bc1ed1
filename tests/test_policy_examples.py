"""Every `[[examples]]` entry of every bundled policy runs through the real engine and must hold."""

from __future__ import annotations

from pathlib import Path

import pytest

from rights.api import check
from rights.config import Settings
from rights.policy import load_policies
from rights.policy.models import Policy, PolicyExample

ROOT = Path(__file__).resolve().parents[1]
POLICIES = load_policies()
EXAMPLES = [(policy, example) for policy in POLICIES for example in policy.examples]


@pytest.mark.parametrize(
    ("policy", "example"), EXAMPLES, ids=[f"{p.id}:{e.use}:{Path(e.fixture).stem}" for p, e in EXAMPLES]
)
def test_policy_example(policy: Policy, example: PolicyExample) -> None:
    """The example's fixture, checked for its use, gives the expected verdict and conditions."""
    result = check(
        str(ROOT / example.fixture),
        url=example.url,
        use=example.use,
        follow=False,
        settings=Settings(),
        policies=POLICIES,
    )
    verdict = result.verdict
    assert verdict.verdict == example.expect, (verdict.governing_reason, [s.text for s in verdict.steps])
    kinds = {c.kind for c in verdict.conditions}
    assert set(example.expect_conditions) <= kinds, sorted(kinds)


def test_there_are_examples_for_the_seed_outlets() -> None:
    ids = {policy.id for policy, _ in EXAMPLES}
    assert {"global-research", "all-rights-reserved"} <= ids
