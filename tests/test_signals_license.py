"""Licences: every URL form, badge, rel token, metadata source and text statement; scopes; comments."""

from __future__ import annotations

import pytest

from rights.signals.license import license_id, parse_license_text, parse_license_url
from tests.helpers import article, signals


@pytest.mark.parametrize(
    ("url", "expected", "jurisdiction"),
    [
        ("https://creativecommons.org/licenses/by/4.0/", "cc-by-4.0", None),
        ("http://creativecommons.org/licenses/by-sa/3.0/", "cc-by-sa-3.0", None),
        ("https://creativecommons.org/licenses/by-nd/2.5/", "cc-by-nd-2.5", None),
        ("https://creativecommons.org/licenses/by-nc/2.0/uk/", "cc-by-nc-2.0", "uk"),
        ("https://creativecommons.org/licenses/by-nc-sa/3.0/de/deed.en", "cc-by-nc-sa-3.0", "de"),
        ("https://creativecommons.org/licenses/by-nc-nd/4.0/legalcode", "cc-by-nc-nd-4.0", None),
        ("https://creativecommons.org/licenses/by-nc-nd/4.0/legalcode.fr", "cc-by-nc-nd-4.0", None),
        ("http://creativecommons.org/licenses/by-nd-nc/1.0/", "cc-by-nc-nd-1.0", None),
        ("https://creativecommons.org/licenses/by-nc-nd/3.0/us/", "cc-by-nc-nd-3.0", "us"),
        ("https://creativecommons.org/licenses/by/3.0/igo/", "cc-by-3.0", "igo"),
        ("https://creativecommons.org/licenses/by-nc-nd/4.0/?ref=chooser-v1", "cc-by-nc-nd-4.0", None),
        ("https://creativecommons.org/licenses/by/4.0/deed.de", "cc-by-4.0", None),
        ("https://creativecommons.org/publicdomain/zero/1.0/", "cc0-1.0", None),
        ("https://creativecommons.org/publicdomain/mark/1.0/", "pdm-1.0", None),
        ("https://i.creativecommons.org/l/by-nc/4.0/88x31.png", "cc-by-nc-4.0", None),
        ("https://licensebuttons.net/l/by-sa/3.0/at/88x31.png", "cc-by-sa-3.0", "at"),
        ("https://i.creativecommons.org/p/zero/1.0/88x31.png", "cc0-1.0", None),
        ("https://mirrors.creativecommons.org/presskit/buttons/88x31/svg/by-nc-sa.svg", "cc-by-nc-sa", None),
    ],
)
def test_license_urls(url: str, expected: str, jurisdiction: str | None) -> None:
    parsed = parse_license_url(url)
    assert parsed is not None
    assert license_id(parsed.code, parsed.version) == expected
    assert parsed.jurisdiction == jurisdiction


@pytest.mark.parametrize(
    "url",
    [
        "https://example.org/license",
        "https://creativecommons.org/about/",
        "https://www.gnu.org/licenses/fdl-1.3.html",
    ],
)
def test_urls_that_are_not_cc_licences(url: str) -> None:
    assert parse_license_url(url) is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "licensed under a Creative Commons Attribution-NonCommercial-ShareAlike 3.0 Unported License",
            "cc-by-nc-sa-3.0",
        ),
        ("Creative Commons Attribution-Share Alike 3.0 United States License", "cc-by-sa-3.0"),
        (
            "Creative Commons Namensnennung - Nicht kommerziell - Keine Bearbeitungen 4.0 International",
            "cc-by-nc-nd-4.0",
        ),
        (
            "Licence Creative Commons Attribution - Pas d'Utilisation Commerciale 4.0 International",
            "cc-by-nc-4.0",
        ),
        ("Licencia Creative Commons Atribución-CompartirIgual 4.0 Internacional", "cc-by-sa-4.0"),
        (
            "この作品は クリエイティブ・コモンズ 表示 - 非営利 4.0 国際 ライセンス の下に提供されています。",
            "cc-by-nc-4.0",
        ),
        ("Licensed under CC BY-NC-ND 4.0", "cc-by-nc-nd-4.0"),
        ("Content under (cc) BY-NC", "cc-by-nc"),
        ("Dedicated to the public domain under CC0", "cc0-1.0"),
    ],
)
def test_license_statements(text: str, expected: str) -> None:
    parsed = parse_license_text(text)
    assert parsed is not None
    assert license_id(parsed.code, parsed.version) == expected


def test_rel_license_is_a_token_list() -> None:
    """The CC chooser writes rel="license noopener noreferrer"; trafilatura misses it."""
    sig = signals(
        article() + '<footer><a rel="noopener license noreferrer" '
        'href="https://creativecommons.org/licenses/by/4.0/">CC BY 4.0</a></footer>'
    )
    assert sig.license is not None and sig.license.id == "cc-by-4.0"
    assert sig.license.evidence[0].rule == "rel=license"


def test_link_rel_license_in_head() -> None:
    sig = signals(
        article(), head='<link rel="license" href="https://creativecommons.org/licenses/by-sa/4.0/">'
    )
    assert sig.license is not None and (sig.license.id, sig.license.scope) == ("cc-by-sa-4.0", "article")


def test_json_ld_license() -> None:
    head = (
        '<script type="application/ld+json">{"@type": "NewsArticle", "headline": "x", '
        '"license": "https://creativecommons.org/licenses/by-nd/4.0/"}</script>'
    )
    sig = signals(article(), head=head)
    assert sig.license is not None and sig.license.id == "cc-by-nd-4.0"
    assert sig.license.evidence[0].source == "jsonld"


@pytest.mark.parametrize("name", ["DC.rights", "dcterms.license", "DC.license"])
def test_dublin_core(name: str) -> None:
    head = f'<meta name="{name}" content="http://creativecommons.org/licenses/by-sa/3.0/de/">'
    sig = signals(article(), head=head)
    assert sig.license is not None and (sig.license.id, sig.license.jurisdiction) == ("cc-by-sa-3.0", "de")


def test_badge_image_in_footer_gives_a_site_licence() -> None:
    badge = (
        '<footer class="site-footer"><a href="https://example.org/about"><img '
        'src="https://i.creativecommons.org/l/by-nc-sa/2.5/88x31.png" alt="Creative Commons License"></a>'
        "</footer>"
    )
    sig = signals(article() + badge)
    assert sig.license is not None and (sig.license.id, sig.license.scope) == ("cc-by-nc-sa-2.5", "site")


def test_icon_set() -> None:
    icons = "".join(
        f'<img src="https://mirrors.creativecommons.org/presskit/icons/{i}.svg" alt="">'
        for i in ("cc", "by", "nc", "sa")
    )
    sig = signals(article() + f'<footer class="site-footer"><p>{icons}</p></footer>')
    assert sig.license is not None and sig.license.id == "cc-by-nc-sa"


def test_statement_without_version_takes_the_version_from_its_link() -> None:
    foot = (
        '<footer class="site-footer"><p>This work is licensed under a <a rel="license" '
        'href="http://creativecommons.org/licenses/by-nc-nd/2.0/">Creative Commons License</a>.</p></footer>'
    )
    sig = signals(article() + foot)
    assert sig.license is not None and sig.license.id == "cc-by-nc-nd-2.0"


def test_licence_in_an_html_comment_is_not_the_page_licence() -> None:
    body = article() + '<!-- <a rel="license" href="https://creativecommons.org/licenses/by/4.0/">CC</a> -->'
    sig = signals(body)
    assert sig.license is None
    assert [r.kind for r in sig.rejected] == ["license_not_page"]


def test_licence_of_a_photo_covers_the_image_only() -> None:
    fig = (
        '<figure><img src="/p.jpg"><figcaption>Photo by Ann Lee on Flickr, '
        '<a href="https://creativecommons.org/licenses/by-sa/2.0/">CC BY-SA 2.0</a></figcaption></figure>'
    )
    sig = signals(article() + fig)
    assert sig.license is None
    assert [(lic.id, lic.scope) for lic in sig.licenses] == [("cc-by-sa-2.0", "images")]


def test_article_notice_beats_site_footer_and_the_conflict_is_reported() -> None:
    body = article("This article is licensed under CC BY-ND 4.0.") + (
        '<footer class="site-footer"><a rel="license" href="https://creativecommons.org/licenses/by/4.0/">CC BY</a>'
        "</footer>"
    )
    sig = signals(body)
    assert sig.license is not None and (sig.license.id, sig.license.scope) == ("cc-by-nd-4.0", "article")
    assert any("differs from the site-wide licence cc-by-4.0" in c for c in sig.conflicts)


def test_a_cited_cc_link_in_the_body_is_not_a_statement() -> None:
    line = 'Read more about <a href="https://creativecommons.org/licenses/by/4.0/">this licence</a> on the CC site.'
    assert signals(article(line)).license is None


def test_cc0_gives_permissive_terms() -> None:
    sig = signals(
        article(), head='<link rel="license" href="https://creativecommons.org/publicdomain/zero/1.0/">'
    )
    assert sig.license is not None and sig.license.family == "cc0"
    assert sig.reuse_terms is not None and sig.reuse_terms.stance == "permissive"
