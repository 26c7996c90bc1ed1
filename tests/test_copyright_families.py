"""Copyright lines by family: where a holder's name stops, which years count, and which signs are not notices.

Each row is a phrasing of our own modelled on a family seen on real sites; a family that fails is a rule to fix,
not a page to special-case."""

from __future__ import annotations

import pytest

from tests.helpers import article, signals


def _footer(line: str) -> tuple[str | None, str | None] | None:
    notice = signals(article(footer=f"<p>{line}</p>")).copyright
    return None if notice is None else (notice.holder, notice.year)


# fmt: off
HOLDER_ENDS = [
    # a street address after the legal form
    ("© Harbourline Media, Inc. 220 Queen Street, 5th Floor, Toronto, ON M5V 2B8.", "Harbourline Media, Inc", None),
    ("© 2021 Lakeshore Press Ltd. 14 Mill Lane, Bristol BS1 4AA", "Lakeshore Press Ltd", "2021"),
    # company registration details
    ("© Westgate Press Limited, registered in England No. 04410987. Registered office: 9 Kings Road.",
     "Westgate Press Limited", None),
    ("©Westgate Press Limited in England No. 04410987 Registered office: 9 Kings Road", "Westgate Press Limited", None),
    ("© 2020 Tidewater Media Pty Ltd ABN 51 824 753 556", "Tidewater Media Pty Ltd", "2020"),
    # links run on after the holder
    ("© 2016 Parkside Daily Reprints", "Parkside Daily", "2016"),
    ("Copyright © 2009 Fenwick Digital, LLC About Us | Advertise | Site Map", "Fenwick Digital, LLC", "2009"),
    ("© 2025 Ridgeback Cloud, LLC.Sitemap", "Ridgeback Cloud, LLC", "2025"),
    ("© 2022 Coral Bay Herald / Bay Printing Ltd. Newspaper Theme by someone", "Coral Bay Herald / Bay Printing Ltd", "2022"),
    # two holders joined by a second sign: both
    ("Copyright © 2019 Nordlicht Verlag GmbH und © 2019 Example Holdings, Inc. Alle Rechte vorbehalten.",
     "Nordlicht Verlag GmbH; Example Holdings, Inc", "2019"),
    # reserved-rights phrases in other scripts and the singular "All right reserved"
    ("Copyright (C) Bluehill.co.kr. All right reserved.", "Bluehill.co.kr", None),
    ("Copyright ⓒ Bluehill News 무단전재 및 재배포 금지", "Bluehill News", None),
    ("© 2023 東海新報社版權所有", "東海新報社", "2023"),
    # the mojibake of © left by a wrong encoding
    ("Copyright Â© 2004 Statline Sports. All Rights Reserved.", "Statline Sports", "2004"),
]
# fmt: on


@pytest.mark.parametrize(("line", "holder", "year"), HOLDER_ENDS)
def test_the_holder_stops_where_the_name_ends(line: str, holder: str, year: str | None) -> None:
    assert _footer(line) == (holder, year)


# fmt: off
YEARS = [
    ("© 2000-5 by Prairie Civic League.", "Prairie Civic League", "2000-5"),
    ("Copyright © 1998-09 Pelham Review", "Pelham Review", "1998-09"),
    ("© March 2011 Daniel Ruiz", "Daniel Ruiz", "2011"),
    ("Copyright © 12 May 2015 Ana Lopes. All rights reserved.", "Ana Lopes", "2015"),
    ("Copyright C2004 Marta Oliveira", "Marta Oliveira", "2004"),
    ("© 0 Harbour Wire. All Rights Reserved.", "Harbour Wire", None),
    ("© 2019 blueharbour.net", "blueharbour.net", "2019"),
]
# fmt: on


@pytest.mark.parametrize(("line", "holder", "year"), YEARS)
def test_years_in_many_shapes(line: str, holder: str, year: str | None) -> None:
    assert _footer(line) == (holder, year)


def test_a_month_is_not_a_holder() -> None:
    found = _footer("© August 2000")
    assert found is None or found[0] is None


# fmt: off
NOT_NOTICES = [
    # "(c)" in a tax-code section and a legal paragraph mark
    "The Alder Trust is a 501(c)(3) charitable organisation that funds local libraries.",
    "We are a tax-exempt 501(c)(3) public charity. Donations are deductible.",
    "The group is a non-profit pending 501(c)3 status registered in the state of Oregon.",
    "Article 12.4© provides that every provider must keep records.",
    # a sign glued to a brand name
    "Each bottle sold funds the Aquila© Water Fund to help finance clean water projects.",
    # the word copyright as a noun in a sentence
    "Reports say that the Copyright Royalty Board will rule on Thursday on the new rates.",
    "With dozens of countries, each with its own copyright regime, the accounting becomes complex.",
    "Does this port represent a violation of copyright of either the original library or the new one?",
    "Signed consent / copyright release forms are not required.",
    "(Copyright: Parts of this paper are reproduced from the Lakeland Teaching Network.)",
    # a nav link
    "home | text version | privacy | copyright matters | disclaimer",
]
# fmt: on


@pytest.mark.parametrize("line", NOT_NOTICES)
def test_signs_that_are_not_notices(line: str) -> None:
    found = _footer(line)
    assert found is None or found[0] is None


@pytest.mark.parametrize(
    ("blocks", "holder"),
    [
        # a bare dated notice next to nav links: no holder rather than a link label
        ("<div>Copyright © 2008</div><div>World | Business | Sport | Home</div>", None),
        ("<div>© 2025 | All rights reserved</div><div>Terms | Privacy</div>", None),
        ("<div>Counter</div><div>Copyright © 1999-2004</div>", None),
        # a holder in the block before the bare notice is still found
        ("<div>Fisher Interactive Network</div><div>Copyright © 2008</div>", "Fisher Interactive Network"),
    ],
)
def test_a_bare_notice_takes_a_neighbour_only_when_it_is_a_name(blocks: str, holder: str | None) -> None:
    notice = signals(article(footer=blocks)).copyright
    assert (notice.holder if notice else None) == holder


@pytest.mark.parametrize(
    ("content", "holder", "year"),
    [
        ("2003 Bluefield Studio", "Bluefield Studio", "2003"),
        ("2016 Jobs & Careers Weekly", "Jobs & Careers Weekly", "2016"),
        ("Hartmann Ingenieure: Tragwerksplanung | Beratende Ingenieure 2016", "Hartmann Ingenieure", "2016"),
        ("Copyright Â© 2004 Statline Sports. All Rights Reserved.", "Statline Sports", "2004"),
    ],
)
def test_meta_copyright_shapes(content: str, holder: str, year: str | None) -> None:
    notice = signals(article(), head=f'<meta name="copyright" content="{content}">').copyright
    assert notice is not None and (notice.holder, notice.year) == (holder, year)


def test_an_article_line_with_a_typed_c_is_article_level() -> None:
    notice = signals(
        article(
            "Copyright C2004 Marta Oliveira",
            footer="<p>© 2004 The Harbour Foundation</p>",
        )
    ).copyright
    assert notice is not None and (notice.holder, notice.scope) == ("Marta Oliveira", "article")


@pytest.mark.parametrize(
    "line",
    [
        "This article is copyright Jane Doe 2010 and may not be reproduced.",
        "All text remains copyright Karl Weber.",
    ],
)
def test_copyright_after_a_verb_is_still_a_notice(line: str) -> None:
    notice = signals(article(line)).copyright
    assert notice is not None and notice.holder in ("Jane Doe", "Karl Weber")


def test_a_label_after_a_bare_notice_is_not_its_holder() -> None:
    notice = signals(article(footer="<div>© August 2000</div><div>Minor updates:</div>")).copyright
    assert notice is None or notice.holder is None


@pytest.mark.parametrize(
    ("line", "holder", "year"),
    [
        (
            "Copyright quietbrook 2014. quietbrook is not responsible for external links.",
            "quietbrook",
            "2014",
        ),
        ("© Harbour Media Ltd. 2008", "Harbour Media Ltd", "2008"),
        ("Toys(R) & (C)1995-2008 Kestrel Games Inc. ALL RIGHTS RESERVED.", "Kestrel Games Inc", "1995-2008"),
    ],
)
def test_holders_that_look_like_exceptions(line: str, holder: str, year: str) -> None:
    assert _footer(line) == (holder, year)


# fmt: off
OWNERSHIP = [
    ("Copyrights are owned by the Lakeland Teaching Network and the Board of Regents.",
     "the Lakeland Teaching Network and the Board of Regents", None),
    ("All content on this site is the property of Ridgeway Outdoor Journal and may not be copied.",
     "Ridgeway Outdoor Journal", None),
    ("Articles appearing here are the copyright property of Kestrel Media, Inc. or its affiliates.",
     "Kestrel Media, Inc", None),
    ("All content 2006/2007 Silver Lantern | site maintained by Night Bus Music", "Silver Lantern", "2006/2007"),
    ("Copyright and Trade Mark Notice © 2008 owned by or licensed to Tynedale Media Limited.",
     "Tynedale Media Limited", "2008"),
    ("南方晨报版权所有", "南方晨报", None),
    ("版权保护：本网登载的内容版权属南方晨报网（南方传媒有限公司）独家所有使用。", "南方晨报网", None),
    ("記事の著作権は北浜新聞社に帰属します。", "北浜新聞社", None),
    ('เนื้อหาในเว็บไซต์ถือสิทธิโดย "ข่าวเหนือ" แต่สามารถนำไปใช้ได้', "ข่าวเหนือ", None),
]
# fmt: on


@pytest.mark.parametrize(("line", "holder", "year"), OWNERSHIP)
def test_holders_named_without_a_sign(line: str, holder: str, year: str | None) -> None:
    assert _footer(line) == (holder, year)


def test_a_footer_line_of_years_and_a_name() -> None:
    assert _footer("2009-2020 by Jonas Feldmann") == ("Jonas Feldmann", "2009-2020")
    body = signals(article("<p>2019 by the numbers: a year of bridge repairs</p>")).copyright
    assert body is None


@pytest.mark.parametrize(
    "line",
    [
        "Comments are owned by the poster. We are not responsible for them.",
        "All content on this site owned by me. To republish, please ask.",
        "Games are property of their respective owners.",
        "Hackers took over accounts owned by the Royal Navy.",
        "著作権は情報提供者に帰属します。",
    ],
)
def test_ownership_of_nobody_in_particular(line: str) -> None:
    found = _footer(line)
    assert found is None or found[0] is None


def test_an_excerpt_credited_to_its_author_with_a_year() -> None:
    notice = signals(
        article(
            "NOTE: The above is an excerpt from Finding Your Way: A Guide for Young Engineers, by Rosa Delgado, "
            "Copyright 2013. It is reprinted here with permission."
        )
    ).copyright
    assert notice is not None and (notice.holder, notice.year) == ("Rosa Delgado", "2013")


def test_years_and_a_name_among_footer_links() -> None:
    line = "Archive – RSS – Imprint – 2011-2024 by Jonas Feldmann – Powered by Hugo"
    assert _footer(line) == ("Jonas Feldmann", "2011-2024")
