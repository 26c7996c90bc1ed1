"""The credit grammar, one row per family and language (phrasings of our own), with traps beside them.

Each row is a line placed at the end of an article on a neutral site (news.example.org); the origin it names
must come out as the page's republication origin, or, for a trap, the page must not be read as republished.
"""

from __future__ import annotations

import pytest

from rights.signals.credit_grammar import LANGUAGES, RULES
from tests.helpers import article, signals

# (family, language, line, origin)
FAMILIES = [
    # English: an origin verb needs a manner; a reuse verb carries its own source marker
    ("origin verb", "en", "This essay was first published in The Lantern Review.", "The Lantern Review"),
    ("origin verb", "en", "It initially ran at Fieldnotes Daily last spring.", "Fieldnotes Daily"),
    ("manner after verb", "en", "This piece appeared originally on Slow Rivers Magazine.", "Slow Rivers Magazine"),
    ("feed footer", "en", "The post Garden tips for a wet May appeared first on Verdant Home.", "Verdant Home"),
    ("feed footer", "en", "This post first appeared on 7 Quiet Mornings, please read the original post.",
     "7 Quiet Mornings"),
    ("reuse verb", "en", "This report is republished from Marsh Country Gazette.", "Marsh Country Gazette"),
    ("reuse verb", "en", "Reposted via Upland Science News.", "Upland Science News"),
    ("cross-posted with", "en", "This report is cross-posted with Tidewater Dispatch.", "Tidewater Dispatch"),
    ("shared with permission", "en", "Shared with permission from the Heron Valley Courier.", "Heron Valley Courier"),
    ("reprinted courtesy", "en", "Republished courtesy of Harbour Weekly.", "Harbour Weekly"),
    ("sentence-initial courtesy", "en", "Courtesy of Northern Lights Radio.", "Northern Lights Radio"),
    ("courtesy closing a story", "en", "The vote is due in May. -- Courtesy of Saltmarsh Television",
     "Saltmarsh Television"),
    ("producer and republisher", "en",
     "This story was produced by Riverbend Reporting Project, a nonprofit newsroom, and is republished with "
     "permission.", "Riverbend Reporting Project"),
    ("partnership", "en", "This article is published in partnership with Coastal Wire Collective.",
     "Coastal Wire Collective"),
    ("partnership", "en", "This story is part of a content-sharing partnership with Prairie Voices.",
     "Prairie Voices"),
    ("pointer to the original", "en", "Read the original article at Upland Science News.", "Upland Science News"),
    ("pointer with a bare domain", "en",
     "Originally published on www.lakeside-chronicle.example. Click here to read the original story.",
     "www.lakeside-chronicle.example"),
    ("known domain", "en", "Originally published on www.computerworld.com.", "Computerworld"),
    ("print origin", "en",
     "Published in slightly different form as “Night Trains” in Meridian Quarterly, August 1994.",
     "Meridian Quarterly"),
    ("print origin", "en", "An earlier version of this essay appeared in The Driftwood Journal.",
     "The Driftwood Journal"),
    ("column credit", "en",
     "Reprinted with permission, this originally appeared in the 'Ask Marigold' column at Greenway Living.",
     "Greenway Living"),
    ("description naming a publisher", "en",
     "This essay is adapted from a lecture first given at the Harbour Institute and published by Saltmarsh Press.",
     "Saltmarsh Press"),
    ("written for", "en", "This post was written for Open Fields Review.", "Open Fields Review"),
    ("later publication", "en",
     "This essay was first delivered as a talk at the Quay Society and later published by Lantern Review.",
     "Lantern Review"),
    ("later publication", "en", "The piece was subsequently published in Harbour Quarterly.", "Harbour Quarterly"),
    ("distributed by", "en", "Distributed by Tribune Content Agency.", "Tribune Content Agency"),
    ("print issue", "en", "This article appeared in the March 2019 issue of Harbour Quarterly.", "Harbour Quarterly"),
    ("comes from", "en", "This story is from Upland Policy Institute.", "Upland Policy Institute"),
    ("appears courtesy", "en", "This article appears courtesy of Tidal Magazine.", "Tidal Magazine"),
    ("shared under an open licence", "en", "Shared under a Creative Commons license from Lantern Voices.",
     "Lantern Voices"),
    ("in a language, by a publisher", "en", "Originally published in Spanish by Faro del Sur.", "Faro del Sur"),
    ("copyright of a known syndicator", "en", "© 2022 Tribune Content Agency, LLC.", "Tribune Content Agency"),
    # German
    ("origin verb", "de", "Dieser Beitrag erschien zuerst bei Flussufer Nachrichten.", "Flussufer Nachrichten"),
    ("origin verb, name before the verb", "de", "Der Text ist zuerst auf Bergblick Online erschienen.",
     "Bergblick Online"),
    ("reuse verb", "de", "Übernommen mit freundlicher Genehmigung von Stadtanzeiger Nord.", "Stadtanzeiger Nord"),
    ("first publication", "de", "Erstveröffentlichung: Hafenblatt Kiel", "Hafenblatt Kiel"),
    # French
    ("origin verb", "fr", "Cet article a d'abord été publié sur Le Phare Ouest.", "Le Phare Ouest"),
    ("origin verb", "fr", "Texte publié initialement dans La Gazette des Dunes.", "La Gazette des Dunes"),
    ("reuse verb", "fr", "Cet article est republié à partir de The Conversation.", "The Conversation"),
    ("partnership", "fr", "Article réalisé en partenariat avec Radio Littoral.", "Radio Littoral"),
    # Spanish
    ("reflexive passive", "es", "Este artículo se publicó originalmente en Diario del Valle.", "Diario del Valle"),
    ("origin verb", "es", "Este artículo fue publicado originalmente por Revista Brújula.", "Revista Brújula"),
    ("reuse verb", "es", "Artículo republicado de Crónica Serrana.", "Crónica Serrana"),
    ("courtesy", "es", "Por cortesía de Radio Cumbre.", "Radio Cumbre"),
    # Italian
    ("origin verb", "it", "Questo articolo è stato pubblicato originariamente su Il Faro del Lago.",
     "Il Faro del Lago"),
    ("reuse verb", "it", "Articolo ripubblicato da Gazzetta delle Valli.", "Gazzetta delle Valli"),
    # Portuguese
    ("origin verb", "pt", "Este artigo foi publicado originalmente no Jornal da Serra.", "Jornal da Serra"),
    ("reuse verb", "pt", "Texto republicado do Observatório Costeiro.", "Observatório Costeiro"),
    # Dutch
    ("origin verb", "nl", "Dit artikel verscheen eerder op De Kustbode.", "De Kustbode"),
    ("origin verb", "nl", "Oorspronkelijk gepubliceerd op Polderpost.", "Polderpost"),
    ("reuse verb", "nl", "Overgenomen van Stadsblad Noord.", "Stadsblad Noord"),
    # Polish
    ("origin verb", "pl", "Artykuł pierwotnie ukazał się w Gazecie Nadmorskiej.", "Gazecie Nadmorskiej"),
    ("origin verb", "pl", "Tekst ukazał się pierwotnie na portalu Kurier Górski.", "Kurier Górski"),
    ("reuse verb", "pl", "Przedruk z Tygodnika Rzecznego.", "Tygodnika Rzecznego"),
    # Russian
    ("origin verb", "ru", "Статья впервые опубликована в журнале Северный Вестник.", "Северный Вестник"),
    ("origin verb", "ru", "Материал впервые вышел на сайте Речной Обозреватель.", "Речной Обозреватель"),
    ("reuse verb", "ru", "Перепечатано с разрешения Городские Новости.", "Городские Новости"),
    # Chinese
    ("reprinted from", "zh", "本文转载自海风日报。", "海风日报"),
    ("first carried in", "zh", "原载于山城晚报，作者授权发布。", "山城晚报"),
    # Japanese: the origin before the marker
    ("reprinted from, origin first", "ja", "（本記事は、湾岸ニュースで2021年3月4日に掲載した記事からの転載です）", "湾岸ニュース"),
    ("reprinted from, origin first", "ja", "山河タイムズより転載", "山河タイムズ"),
    ("source line", "ja", "出典：北浜経済新聞", "北浜経済新聞"),
]  # fmt: skip

# (trap, line, rejected kind or None when nothing at all may be found)
TRAPS = [
    ("a person who later published", "Ana Ruiz later published a book on tides with Saltmarsh Press.", None),
    ("a picture credit", "Photo courtesy of Jane Roe.", None),
    ("a bare courtesy credit for a person", "Courtesy of Andrew Field", "image_credit"),
    ("a reprint shop in the footer", "Reprints & Permissions", None),
    ("a scholarly society in general", "This article is published by a not-for-profit press or scholarly society.",
     "no_origin"),
    ("a translation note", "Translated from Spanish by Ana Ruiz.", "translation_note"),
    ("an outbound notice", "This article was republished by Lakeview Post.", "outbound_notice"),
    ("a citation", "The study was first published in the Journal of Tides.", "citation"),
    ("a date note", "This post was originally published on 5 March 2019.", "date_note"),
    ("a time", "This article was originally published at 2:05 p.m.", "date_note"),
    ("a forum quote", "Originally posted by tidewatcher99", "forum_quote"),
    ("a design credit", "Designed in collaboration with Studio Nine.", None),
    ("an author line", "This post was written by Dana Reyes, Head of Marketing.", None),
    ("a takeover in French", "Le groupe prépare la reprise du Pôle Sud.", None),
    ("a cooperation in German", "Das führt zur Kooperation mit dem ausländischen Kapital.", None),
    ("a footnote", "17 Adapted from Maria Lindqvist, Harbour Studies", "citation"),
    ("a derivation from a person", "Adapted from Tomas Berg", "citation"),
    ("a lower-case clause after 'comes from'", "I hope the anthology this story comes from will arrive soon.", None),
    ("a journal issue opening a long paragraph",
     "Published in the June issue of the Tidal Review, the study followed 400 patients for two years and found "
     "that early treatment halved the time spent in hospital, which the authors say should change how clinics "
     "plan their first visits.", "citation"),
]  # fmt: skip


@pytest.mark.parametrize(
    ("family", "lang", "line", "origin"), FAMILIES, ids=[f"{f[1]}:{f[0]}" for f in FAMILIES]
)
def test_each_family_names_the_origin(family: str, lang: str, line: str, origin: str) -> None:
    rep = signals(article(line)).republication
    assert rep.is_republication, f"{lang} {family}: {line}"
    assert rep.origin_name == origin


@pytest.mark.parametrize(("trap", "line", "kind"), TRAPS, ids=[t[0] for t in TRAPS])
def test_look_alikes_are_not_republications(trap: str, line: str, kind: str | None) -> None:
    found = signals(article(line))
    assert not found.republication.is_republication, trap
    if kind is not None:
        assert kind in {r.kind for r in found.rejected}


def test_every_language_of_the_grammar_has_a_family_row() -> None:
    assert set(LANGUAGES) <= {lang for _, lang, _, _ in FAMILIES}


def test_every_rule_has_gate_words_that_its_matches_contain() -> None:
    """A block holding none of a rule's words is never searched: each row's match must contain one of them."""
    for _, _, line, _ in FAMILIES:
        low = line.casefold()
        for rule in RULES:
            if rule.pattern.search(line):
                assert any(word in low for word in rule.words), (rule.id, line)


def test_a_pointer_to_the_authors_blog_takes_the_linked_site() -> None:
    line = 'This is part two, crossposted from <a href="https://www.quillandlamp.net/part-2">his blog</a>.'
    rep = signals(article(line)).republication
    assert rep.origin_name == "quillandlamp.net"
    assert rep.origin_url == "https://www.quillandlamp.net/part-2"


def test_a_syndication_service_yields_the_copyright_holder_beside_it() -> None:
    lines = ("The port reopened on Monday.", "Via SyndiGate.info", "Copyright © 2021 Lantern Media Group.")
    rep = signals(article(*lines)).republication
    assert (rep.origin_name, rep.evidence[0].rule) == ("Lantern Media Group", "syndication-service")


def test_a_sister_site_copy_that_kept_the_originals_canonical_is_a_republication() -> None:
    """The page's address is the original's canonical, but its own name is another known outlet's."""
    canonical = "https://www.computerworld.com/article/123/story"
    head = f'<link rel="canonical" href="{canonical}"><meta property="og:site_name" content="InfoWorld">'
    body = article(
        'Originally published on www.computerworld.com. <a href="' + canonical + '">Click here to read the '
        "original story.</a>"
    )
    rep = signals(body, url=canonical, head=head).republication
    assert (rep.is_republication, rep.origin_name) == (True, "Computerworld")


def test_the_pages_own_domain_in_a_credit_is_self_attribution() -> None:
    found = signals(
        article("Originally published on www.example.org."), url="https://news.example.org/2024/story"
    )
    assert not found.republication.is_republication
    assert "self_attribution" in {r.kind for r in found.rejected}


# (family, article lines, origin, kind): wire and press-release markers that are not sentences
WIRE_FAMILIES = [
    ("press-release dateline inside a block", ["Acme unveils a lamp. HARBOR CITY--(BUSINESS WIRE)--Acme Lighting "
     "today introduced a solar lamp for allotments."], "Business Wire", "press_release"),
    ("agency dateline", ["HARBOR CITY (Reuters) - The port authority raised its fees on Monday."], "Reuters", "wire"),
    ("agency abbreviation, canonical name", ["RIVERTON (AP) — The council voted to close the bridge."],
     "The Associated Press", "wire"),
    ("German agency sign-off", ["Der Hafen meldet einen Rekord. Die Zahl der Container stieg um vier Prozent. dpa/lno"],
     "dpa", "wire"),
    ("German church agency in brackets", ["Die Synode tagt im Herbst erneut. (KNA)"], "KNA", "wire"),
    ("press office sign-off", ["Die Stadt lädt zum Tag der offenen Tür ein.", "PM Stadt Beispielhausen/ab"],
     "Stadt Beispielhausen", "press_release"),
    ("wire copyright line as the only clue", ["Acme Lighting introduced a new lamp today.",
     "Copyright Business Wire 2021"], "Business Wire", "press_release"),
    ("listed company announcing", ["Acme Widgets Inc. (NASDAQ: ACMW) today announced results for its third quarter."],
     "Acme Widgets Inc", "press_release"),
    ("release portal contact", ["Public release date: 3-Mar-2021", "Contact: Dana Reyes", "dreyes@example.edu",
     "Harbour University Medical Center", "A new study of tides was published today."],
     "Harbour University Medical Center", "press_release"),
]  # fmt: skip


@pytest.mark.parametrize(
    ("family", "lines", "origin", "kind"), WIRE_FAMILIES, ids=[w[0] for w in WIRE_FAMILIES]
)
def test_wire_and_release_markers(family: str, lines: list[str], origin: str, kind: str) -> None:
    rep = signals(article(*lines)).republication
    assert (rep.is_republication, rep.kind, rep.origin_name) == (True, kind, origin), family


def test_an_agency_byline_in_brackets() -> None:
    rep = signals(article(byline="By Dana Reyes (IDG News Service)")).republication
    assert (rep.kind, rep.origin_name) == ("wire", "IDG News Service")


def test_a_picture_credit_in_the_byline_is_not_a_wire_story() -> None:
    found = signals(article(byline="Harbour Office / Reuters"))
    assert not found.republication.is_republication
    assert "image_credit" in {r.kind for r in found.rejected}


def test_a_wire_story_on_the_agencys_own_site_is_not_republished() -> None:
    found = signals(article("HARBOR CITY (Reuters) - Fees rose."), url="https://www.reuters.com/markets/x")
    assert not found.republication.is_republication


# An aggregator's byline: the outlet named as a link to the story on the outlet's own site.
BYLINE_LINKS = [
    ('Ana Ruiz<br><a href="https://www.harbourledger.example/2024/05/14/ferry-fares/">Harbour Ledger</a><br>'
     "Tue, 14 May 2024", "Harbour Ledger"),
    ('By Tom Reed | <a href="https://thequayreport.example/news/ferry-fares-rise">The Quay Report</a>',
     "The Quay Report"),
    ('<a href="https://saltmarsh.example/stories/ferry-fares">Saltmarsh</a> · 3 min read', "Saltmarsh"),
]  # fmt: skip
BYLINE_LINK_TRAPS = [
    'By <a href="https://twitter.com/anaruiz/status/1">Ana Ruiz</a>',  # a social profile
    'By <a href="https://harbourledger.example/authors/ana-ruiz/">Harbour Ledger</a>',  # a person's page
    'By Ana Ruiz, <a href="https://harbourledger.example/">Harbour Ledger</a>',  # a home page, not a story
    'By <a href="https://news.example.org/2024/05/other-story">News Example</a>',  # the page's own site
    'By <a href="https://www.anaruiz.example/2024/05/notes">Notes on ferries</a>',  # text is not the site's name
]


@pytest.mark.parametrize(("byline", "origin"), BYLINE_LINKS)
def test_an_aggregator_byline_links_the_outlets_story(byline: str, origin: str) -> None:
    rep = signals(article(byline=byline)).republication
    assert rep.is_republication and rep.origin_name == origin and rep.origin_url and "/" in rep.origin_url[8:]


@pytest.mark.parametrize("byline", BYLINE_LINK_TRAPS)
def test_a_byline_link_that_is_not_an_outlets_story_is_no_credit(byline: str) -> None:
    assert not signals(article(byline=byline)).republication.is_republication


def _portal(bar: str) -> str:
    return f"<table><tr><td>{bar}</td></tr><tr><td>14.05.2024 09:30</td></tr></table>" + article()


@pytest.mark.parametrize(
    ("bar", "origin"),
    [
        ("Business Wire · Latest news · Archive · Print", "Business Wire"),
        ("PR Newswire | Aktuelle Nachrichten | Archiv", "PR Newswire"),
        ("GlobeNewswire » Company news", "GlobeNewswire"),
    ],
)
def test_a_portals_source_bar_names_the_wire(bar: str, origin: str) -> None:
    rep = signals(_portal(bar)).republication
    assert rep.is_republication and rep.origin_name == origin


@pytest.mark.parametrize(
    "bar",
    [
        "Reuters · AP · AFP · dpa",  # a menu of sources, no credit
        "Markets · Business Wire · Archive",  # a wire that is not the bar's head
        "Latest news · Archive · Print",  # no wire
    ],
)
def test_a_menu_of_sources_is_no_credit(bar: str) -> None:
    assert not signals(_portal(bar)).republication.is_republication
