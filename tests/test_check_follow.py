"""The seed case end to end over real HTTP: the republished page on one host, the original on another."""

from __future__ import annotations

import pytest

from rights.api import check
from rights.config import Settings
from tests.sitesrv import SiteServer

COPY = "http://www.globalresearch.ca/harbour-cranes-new-trade-map/5770001/"
COPY_BROKEN = "http://www.globalresearch.ca/railway-to-the-sea/5770002/"


@pytest.mark.parametrize("use", ["noncommercial", "commercial"])
def test_seed_case_with_the_original_reachable(site: SiteServer, settings: Settings, use: str) -> None:
    """The original is fetched, confirmed as the same article and read: The Cradle's terms govern."""
    result = check(COPY, use=use, settings=settings)
    verdict = result.verdict
    assert [hop.status for hop in verdict.chain] == ["read", "fetched"]
    assert "same article" in verdict.chain[1].detail
    assert verdict.chain[1].copyright == "The Cradle"
    assert verdict.verdict == "permission_required"
    assert verdict.governing_policy is not None and verdict.governing_policy.id == "the-cradle"
    assert verdict.origin_url == "http://thecradle.co/articles/harbour-cranes-new-trade-map/"
    assert verdict.republisher_policy is not None and verdict.republisher_policy.id == "global-research"
    assert any("Read the original" in step.text for step in verdict.steps)
    assert site.requests(host="thecradle.co")  # the original really was fetched


@pytest.mark.parametrize("use", ["noncommercial", "commercial"])
def test_seed_case_with_the_original_unreachable(site: SiteServer, settings: Settings, use: str) -> None:
    """A missing original is reported in the chain, never fatal; the verdict still names who to ask."""
    verdict = check(COPY_BROKEN, use=use, settings=settings).verdict
    assert [hop.status for hop in verdict.chain] == ["read", "unreachable"]
    assert "404" in verdict.chain[1].detail
    assert verdict.verdict == "permission_required"
    assert verdict.origin_name == "The Cradle"
    assert verdict.conditions[0].kind == "ask_permission"


def test_excerpt_with_the_original_reachable(site: SiteServer, settings: Settings) -> None:
    verdict = check(COPY, use="excerpt", settings=settings).verdict
    assert verdict.verdict == "allowed_with_conditions"
    assert {"quotation", "credit_author", "credit_publisher"} <= {c.kind for c in verdict.conditions}
