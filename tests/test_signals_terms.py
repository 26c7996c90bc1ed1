"""Reuse terms: grants and refusals -> stance, conditions and contact."""

from __future__ import annotations

import pytest

from tests.helpers import article, signals


@pytest.mark.parametrize(
    ("footer", "stance"),
    [
        ("This material may not be published, broadcast, rewritten or redistributed.", "restrictive"),
        (
            "No content on this site may be republished or reprinted in any fashion without written permission "
            "from Outspoken Media, Inc.",
            "restrictive",
        ),
        ("Reproduction without explicit permission is prohibited.", "restrictive"),
        ("Toute reproduction interdite sans autorisation explicite de la rédaction.", "restrictive"),
        ("Queda prohibida la reproducción total o parcial de los contenidos.", "restrictive"),
        ("Nachdruck nur mit Genehmigung des Verlags.", "restrictive"),
        ("記事の無断転載を禁じます。", "restrictive"),
        ("May be reprinted or distributed for non-profit purposes only.", "conditional"),
        (
            "You may republish this article for free if you credit the author and link to the original.",
            "conditional",
        ),
        ("Veröffentlichung und Nachdruck honorarfrei.", "permissive"),
        ("You are free to republish this story without restrictions.", "permissive"),
    ],
)
def test_stance(footer: str, stance: str) -> None:
    terms = signals(article(footer=f"<p>{footer}</p>")).reuse_terms
    assert terms is not None and terms.stance == stance


def test_seed_terms_give_conditions_and_contact() -> None:
    footer = (
        "<p>The Centre grants permission to cross-post Global Research articles on community internet sites "
        "as long the source and copyright are acknowledged together with a hyperlink to the original Global "
        "Research article. For publication of Global Research articles in print or other forms including "
        "commercial internet sites, contact: publications@globalresearch.ca</p>"
    )
    terms = signals(article(footer=footer)).reuse_terms
    assert terms is not None and terms.stance == "conditional"
    assert {c.kind for c in terms.conditions} >= {"credit_source", "include_copyright", "link_original"}
    assert terms.contact == "publications@globalresearch.ca"


def test_all_rights_reserved_alone_is_not_terms() -> None:
    assert signals(article(footer="<p>© 2024 Example Media. All rights reserved.</p>")).reuse_terms is None


def test_cc_licence_gives_conditional_terms_with_its_elements() -> None:
    foot = '<p><a rel="license" href="https://creativecommons.org/licenses/by-nc-nd/4.0/">CC BY-NC-ND 4.0</a></p>'
    terms = signals(article(footer=foot)).reuse_terms
    assert terms is not None and terms.stance == "conditional"
    assert {c.kind for c in terms.conditions} == {
        "credit_source",
        "name_license",
        "noncommercial",
        "no_edits",
    }


@pytest.mark.parametrize(
    "text",
    [
        "You can unsubscribe at any time and we will never share your details without your permission.",
        "If necessary, only some selected pages of the long technical manual may be reprinted on demand by the "
        "operator, who must first check that the spooler has retained the job for the required period of time.",
    ],
)
def test_sentences_that_are_not_reuse_terms(text: str) -> None:
    assert signals(article(text)).reuse_terms is None


def test_refusal_in_the_article_beats_a_site_grant() -> None:
    body = article(
        "This material may not be published, broadcast, rewritten or redistributed.",
        footer="<p>You may republish our articles for free under the terms below.</p>",
    )
    terms = signals(body).reuse_terms
    assert terms is not None and terms.stance == "restrictive"
