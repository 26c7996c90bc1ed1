"""Reuse terms by family and language (phrasings of our own), with the restrictive/conditional boundary and the
traps that are not terms at all."""

from __future__ import annotations

import pytest

from tests.helpers import article, signals

# (family, body, stance)
FAMILIES = [
    # restrictive: a refusal, a pointer to buy or ask for rights, personal use only
    ("may not be reproduced", article(footer="Material on this site may not be reproduced or redistributed."),
     "restrictive"),
    ("without permission", article(footer="Reproduction without our written permission is prohibited."),
     "restrictive"),
    ("personal use only", article(footer="This copy is for your personal, non-commercial use only."), "restrictive"),
    ("personal use only, German", article(footer="Nur zum privaten Gebrauch."), "restrictive"),
    ("ask for syndication rights", article(footer="To inquire about a licence to reproduce material, visit our "
                                                  "Syndication site."), "restrictive"),
    ("contact for reprints", article(footer="For reprint rights: Harbour Syndication Service"), "restrictive"),
    ("contact to republish", article(footer="To republish any material, please e-mail me and ask."), "restrictive"),
    ("please do not use", article(footer="Please don't use my photos or text without asking first."), "restrictive"),
    ("French refusal", article(footer="Toute reproduction, même partielle, est interdite."), "restrictive"),
    ("Spanish refusal", article(footer="Queda prohibida su reproducción total o parcial."), "restrictive"),
    ("Japanese refusal", article(footer="記事の無断転載を禁じます。"), "restrictive"),
    # conditional: a grant with conditions
    ("grant with credit and link", article(footer="You may republish our articles for free, provided you credit "
                                                  "us and link back to the original."), "conditional"),
    ("documentation-style grant", article(footer="Except where otherwise noted, content on this site is licensed "
                                                 "under a Creative Commons Attribution 4.0 licence."), "conditional"),
    ("non-profit only", article(footer="May be reprinted for non-profit purposes only, with this notice."),
     "conditional"),
    # permissive: a grant without conditions
    ("free of charge, German", article(footer="Abdruck honorarfrei."), "permissive"),
    ("copy freely", article("You may copy this article freely, without restriction."), "permissive"),
    ("feel free, no conditions", article(footer="Feel free to circulate our guides without restriction."),
     "permissive"),
]  # fmt: skip

# (trap, body): not reuse terms
TRAPS = [
    ("all rights reserved alone", article(footer="© 2024 Harbour Weekly. All rights reserved.")),
    ("a privacy promise", article(footer="We don't post anything without your permission.")),
    ("a product that can be copied", article("The store sells MP3 tunes, which can be copied to several computers.")),
    ("a licence of another work", article("The designer released his designs under a Creative Commons licence.")),
    ("a cookie notice", article(footer="We use cookies; you may not be able to use every feature without them.")),
]  # fmt: skip


@pytest.mark.parametrize(("family", "body", "stance"), FAMILIES, ids=[f[0] for f in FAMILIES])
def test_terms_families(family: str, body: str, stance: str) -> None:
    terms = signals(body).reuse_terms
    assert terms is not None, family
    assert terms.stance == stance


@pytest.mark.parametrize(("trap", "body"), TRAPS, ids=[t[0] for t in TRAPS])
def test_statements_that_are_not_reuse_terms(trap: str, body: str) -> None:
    assert signals(body).reuse_terms is None, trap


def test_a_grant_with_conditions_lists_them() -> None:
    terms = signals(article(footer="You may republish our stories, provided you credit us and link to the "
                                   "original.")).reuse_terms  # fmt: skip
    assert terms is not None
    assert {c.kind for c in terms.conditions} >= {"credit_source", "link_original"}
