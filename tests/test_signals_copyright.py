"""Copyright notices: holder and year from lines in many shapes; article before site; credits and prose are not."""

from __future__ import annotations

import pytest

from tests.helpers import article, signals


@pytest.mark.parametrize(
    ("footer", "holder", "year"),
    [
        ("<p>© 2019 News Nation. All rights reserved.</p>", "News Nation", "2019"),
        ("<p>Copyright © 2008 The Prairie Post. All rights reserved.</p>", "The Prairie Post", "2008"),
        ("<p>© ScienceWire Pty Ltd. All rights reserved.</p>", "ScienceWire Pty Ltd", None),
        ("<p>(c) 2002-2006 Jon Abernathy</p>", "Jon Abernathy", "2002-2006"),
        ("<p>© Harbour Media 2020</p>", "Harbour Media", "2020"),
        ("<p>Summer Tomato ©2012 All Rights Reserved.</p>", "Summer Tomato", "2012"),
        ("<p>Facebook © 2012 · English (US)</p>", "Facebook", "2012"),
        (
            "<p>© Copyright 2022 - St. Lucia Times. A Big Feat Media Production.</p>",
            "St. Lucia Times",
            "2022",
        ),
        (
            "<p>Copyright 2004 by John C. Beck and Mitchell Wade; All Rights Reserved.</p>",
            "John C. Beck and Mitchell Wade",
            "2004",
        ),
        ("<p>© Handelsblatt GmbH – Alle Rechte vorbehalten.</p>", "Handelsblatt GmbH", None),
        ("<p>European Digital Rights, 2005. Some Rights Reserved.</p>", "European Digital Rights", "2005"),
        (
            "<p>Portions of this content are ©1998–2026 by individual mozilla.org contributors.</p>",
            "individual mozilla.org contributors",
            "1998–2026",
        ),
        ("<a href='/'>Simons Foundation</a><div>All Rights Reserved ©</div>", "Simons Foundation", None),
        (
            "<div>Copyright © 2008</div><a href='/'>Fisher Interactive Network</a>",
            "Fisher Interactive Network",
            "2008",
        ),
    ],
)
def test_footer_lines(footer: str, holder: str, year: str | None) -> None:
    notice = signals(article(footer=footer)).copyright
    assert notice is not None
    assert (notice.holder, notice.year, notice.scope) == (holder, year, "site")


def test_agency_copyright_covers_the_article_wherever_it_sits() -> None:
    notice = signals(
        article(footer="<p>Copyright © 2008 The Canadian Press. All rights reserved.</p>")
    ).copyright
    assert notice is not None and (notice.holder, notice.scope) == ("The Canadian Press", "article")


def test_article_notice_is_preferred_over_the_site_footer() -> None:
    body = article(
        "Copyright © Mira Castellanos, Global Research, 2022",
        footer="<p>© 2024 Global Research. All rights reserved.</p>",
    )
    notice = signals(body).copyright
    assert notice is not None
    assert (notice.holder, notice.year, notice.scope) == (
        "Mira Castellanos, Global Research",
        "2022",
        "article",
    )


def test_json_ld_copyright() -> None:
    head = (
        '<script type="application/ld+json">{"@type": "Article", "headline": "x", '
        '"copyrightHolder": {"@type": "Organization", "name": "Acme Media"}, "copyrightYear": 2021}</script>'
    )
    notice = signals(article(), head=head).copyright
    assert notice is not None and (notice.holder, notice.year) == ("Acme Media", "2021")


def test_meta_copyright() -> None:
    notice = signals(article(), head='<meta name="copyright" content="© 2023 Harbour Press Ltd">').copyright
    assert notice is not None and notice.holder == "Harbour Press Ltd"


@pytest.mark.parametrize(
    "body",
    [
        '<figure><img src="/a.jpg"><figcaption>Protesters gather. © Getty Images</figcaption></figure>',
        "<p>© Alamy</p>",
        "<p>Masthead art copyright Steven Stone</p>",
    ],
)
def test_picture_credits_are_not_the_text_copyright(body: str) -> None:
    sig = signals(article(body))
    assert sig.copyright is None
    assert any(r.kind == "image_credit" for r in sig.rejected)


@pytest.mark.parametrize(
    "line",
    [
        "Copyright law protects original works of authorship.",
        "The content is copyrighted to Amit Agarwal and may not be reproduced on other websites.",
        "FNO is applying for formal copyright registration for articles.",
    ],
)
def test_prose_about_copyright_is_not_a_notice(line: str) -> None:
    notice = signals(article(footer=f"<p>{line}</p>")).copyright
    assert notice is None or notice.holder not in (
        "law",
        "ed to Amit Agarwal and",
        "registration for articles",
    )


def test_script_text_is_not_a_notice() -> None:
    body = article(
        footer="<div>/* EventCache Version 1.0 Copyright 2005 Mark Wubben */ var x = function(){};</div>"
    )
    assert signals(body).copyright is None
