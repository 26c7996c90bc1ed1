"""Attribution: every phrase family finds the origin; every trap is set aside with its reason."""

from __future__ import annotations

import pytest

from rights.signals import detect_signals
from tests.helpers import article, page, signals


@pytest.mark.parametrize(
    ("line", "origin"),
    [
        ("This article was originally published on The Cradle.", "The Cradle"),
        ("This story was originally published by ProPublica.", "ProPublica"),
        ("This piece first appeared in The Atlantic.", "The Atlantic"),
        ("It originally appeared on Grist and is republished here with permission.", "Grist"),
        ("Originally published at www.example-blog.net on March 3, 2021.", "www.example-blog.net"),
        (
            "This article is republished from The Conversation under a Creative Commons license.",
            "The Conversation",
        ),
        ("Cross-posted from Harbour Notes.", "Harbour Notes"),
        ("(Cross posted from the Official Maps Blog)", "Official Maps Blog"),
        ("Reprinted with permission from Field &amp; Stream Quarterly.", "Field & Stream Quarterly"),
        ("Reprinted by permission of Basic Books, New York.", "Basic Books"),
        ("The post Ten ways to save water appeared first on Green Living Daily.", "Green Living Daily"),
        ('This story originally appeared on ZDNet under the headline "Outage hits mail".', "ZDNet"),
        (
            "This article was originally published on page 28 of The Sunday Tribune on May 2, 2007.",
            "The Sunday Tribune",
        ),
        (
            "NOTE: The above is an excerpt from A Field Guide to Moss, by Ann Lee. It is reprinted here with permission.",
            "A Field Guide to Moss",
        ),
        ("Source: United Nations", "United Nations"),
        # German, French, Spanish, Italian, Portuguese
        ("Dieser Artikel erschien zuerst bei Netzpolitik Heute.", "Netzpolitik Heute"),
        ("Der Beitrag ist zuerst auf Klimareporter erschienen.", "Klimareporter"),
        ("Das Interview ist zunächst im Cicero erschienen.", "Cicero"),
        ("Mit freundlicher Genehmigung von Der Freitag.", "Der Freitag"),
        ("Quelle: Handelsblatt Online", "Handelsblatt Online"),
        ("Cet article a été initialement publié sur Mediapart.", "Mediapart"),
        ("Article republié avec l'aimable autorisation de Libération.", "Libération"),
        ("Este artículo fue publicado originalmente en El Diario.", "El Diario"),
        ("Artículo publicado originalmente en Agenda Pública.", "Agenda Pública"),
        ("Articolo pubblicato originariamente su Il Post.", "Il Post"),
        ("Publicado originalmente no Nexo Jornal.", "Nexo Jornal"),
    ],
)
def test_republication_phrases_name_the_origin(line: str, origin: str) -> None:
    """Each phrase family marks the page as a republication and names the origin."""
    rep = signals(article(line)).republication
    assert rep.is_republication, line
    assert rep.kind == "republished"
    assert rep.origin_name == origin


def test_origin_url_comes_from_the_link_in_the_attribution_line() -> None:
    """A linked origin gives both the name and the URL."""
    rep = signals(
        article('This article was originally published on <a href="https://thecradle.co/a/1">The Cradle</a>.')
    ).republication
    assert (rep.origin_name, rep.origin_url) == ("The Cradle", "https://thecradle.co/a/1")


@pytest.mark.parametrize(
    ("line", "origin", "kind"),
    [
        (
            "NEW YORK (AP) — Stocks rose on Tuesday as investors weighed new data.",
            "The Associated Press",
            "wire",
        ),
        ("HAMBURG (dpa/lno) – Der Hafen meldet einen Rekord bei den Containern.", "dpa", "wire"),
        ("(Reuters) - Oil prices slipped on Monday after a rise in stockpiles.", "Reuters", "wire"),
        ("MADRID (EFE) - El Gobierno aprobó ayer el nuevo plan de vivienda.", "EFE", "wire"),
        ("PARIS (AFP) - Le gouvernement a annoncé un nouveau plan.", "Agence France-Presse", "wire"),
        ("The game ended after a late penalty was converted in stoppage time. - Sapa", "Sapa", "wire"),
        ("Copyright 2024 The Associated Press. All rights reserved.", "The Associated Press", "wire"),
        (
            "SAN JOSE, Calif., May 2, 2024 /PRNewswire/ -- Acme Corp. today announced a new chip.",
            "PR Newswire",
            "press_release",
        ),
        (
            "BERLIN--(BUSINESS WIRE)--Beispiel AG gab heute ihre Zahlen bekannt.",
            "Business Wire",
            "press_release",
        ),
    ],
)
def test_wire_and_press_release_credits(line: str, origin: str, kind: str) -> None:
    """Agency datelines, trailers and copyright lines make the page a wire copy, named by the agency's full name."""
    rep = signals(article(line)).republication
    assert rep.is_republication
    assert rep.kind == kind
    assert rep.origin_name == origin


def test_wire_byline() -> None:
    rep = signals(article(byline="By Agencies")).republication
    assert rep.origin_name == "Agencies"


def test_byline_crediting_another_outlet() -> None:
    """'Name, Outlet' in the byline of another site names the origin."""
    rep = signals(article(byline="By Sandee Park, CNN"), site="MSN").republication
    assert rep.is_republication and rep.origin_name == "CNN"


def test_byline_with_a_role_is_not_an_outlet() -> None:
    assert not signals(article(byline="By Jane Doe, Staff Writer")).republication.is_republication


@pytest.mark.parametrize("name", ["syndication-source", "original-source"])
def test_syndication_meta(name: str) -> None:
    head = f'<meta name="{name}" content="https://wire.otherpaper.com/story/1">'
    rep = signals(article(), head=head).republication
    assert rep.is_republication and rep.origin_url == "https://wire.otherpaper.com/story/1"


def test_cross_domain_canonical() -> None:
    head = '<link rel="canonical" href="https://www.cnn.com/2024/01/01/health/story/index.html">'
    rep = signals(article(), head=head, url="https://www.msn.com/en-us/health/ar-123").republication
    assert rep.is_republication and rep.kind == "canonical_only"
    assert rep.origin_url == "https://www.cnn.com/2024/01/01/health/story/index.html"


def test_canonical_after_a_domain_move_is_not_a_republication() -> None:
    head = '<link rel="canonical" href="https://www.theguardian.com/film/2011/nov/18/story">'
    sig = signals(article(), head=head, url="http://www.guardian.co.uk/film/2011/nov/18/story")
    assert not sig.republication.is_republication
    assert [r.kind for r in sig.rejected] == ["domain_move"]


# ------------------------------------------------------------------------------------------------ traps


def _rejected(sig_body: str, **kwargs: object) -> list[str]:
    sig = signals(sig_body, **kwargs)  # type: ignore[arg-type]
    assert not sig.republication.is_republication
    return [r.kind for r in sig.rejected]


def test_self_attribution_is_not_a_republication() -> None:
    kinds = _rejected(
        article("This article originally appeared on ScienceAlert."),
        url="https://www.sciencealert.com/story",
        site="ScienceAlert",
    )
    assert "self_attribution" in kinds


def test_an_edition_of_the_own_site_is_self_attribution() -> None:
    kinds = _rejected(
        article("This article originally appeared on VICE US."),
        url="https://www.vice.com/en_uk/a",
        site="VICE",
    )
    assert "self_attribution" in kinds


def test_another_edition_republishing_the_original_is_a_republication() -> None:
    sig = signals(
        article(byline="Tanza Lee, Business Insider"),
        url="https://www.businessinsider.de/a",
        site="Business Insider Deutschland",
    )
    assert sig.republication.origin_name == "Business Insider"


def test_republish_widget_of_the_original_publisher() -> None:
    widget = (
        '<aside class="republish-modal"><h2>Republish this story</h2><p>Copy the HTML below. This story was '
        "originally published by ProPublica.</p></aside>"
    )
    kinds = _rejected(article() + widget, url="https://www.propublica.org/article/x", site="ProPublica")
    assert "republish_widget" in kinds or "self_attribution" in kinds


def test_republish_widget_on_another_site_is_still_not_an_attribution() -> None:
    widget = (
        '<div class="sidebar"><h3>Republish this article</h3><p>This article was originally published on '
        "Example News.</p></div>"
    )
    assert "republish_widget" in _rejected(article() + widget)


@pytest.mark.parametrize(
    "line",
    [
        "This article was reprinted on Yahoo News and MSN.",
        "This story has been republished by the Guardian.",
        "The essay was also published in The New Yorker.",
    ],
)
def test_outbound_notices(line: str) -> None:
    assert "outbound_notice" in _rejected(article(line))


def test_forum_quote() -> None:
    body = '<div class="postbody"><p>Quote: Originally Posted by bluebird42 I think the bridge should stay.</p></div>'
    assert "forum_quote" in _rejected(article() + body)


@pytest.mark.parametrize(
    "line",
    [
        "Originally published on Tuesday, March 3, 2020.",
        "This article was originally published on 12 May 2019 and has been updated.",
        "First published on Friday 18 November 2011 09.00 GMT",
    ],
)
def test_date_notes(line: str) -> None:
    kinds = _rejected(article(line))
    assert "date_note" in kinds or kinds == []


def test_citation_of_another_work() -> None:
    line = (
        "The study, which tracked 4,000 patients over a decade, was first published in the journal Science "
        "in 1990 and has been cited thousands of times since then by researchers around the world."
    )
    assert "citation" in _rejected(article(line))


@pytest.mark.parametrize(
    "body",
    [
        '<figure><img src="/a.jpg"><figcaption>Crowds at the station. (AP Photo/Jane Roe)</figcaption></figure>',
        '<div class="image"><img src="/b.jpg"><p class="source">Reuters</p></div>',
        '<figure><img src="/c.jpg"><figcaption>This photo was originally published on Flickr.</figcaption></figure>',
    ],
)
def test_image_credits(body: str) -> None:
    assert "image_credit" in _rejected(article() + body)


def test_contribution_credit_is_not_a_wire_copy() -> None:
    assert "contribution" in _rejected(article("The Associated Press contributed to this report."))


def test_wire_story_on_the_agency_site() -> None:
    assert "self_attribution" in _rejected(
        article("NEW YORK (AP) — Stocks rose."), url="https://apnews.com/a/1"
    )


def test_evidence_names_zone_and_rule() -> None:
    sig = detect_signals(page(article("This article was originally published on The Cradle.")))
    evidence = sig.republication.evidence[0]
    assert evidence.zone.value == "main" and evidence.in_article
    assert evidence.rule == "originally-published"
    assert "originally published on The Cradle" in evidence.text
