"""Licences beyond Creative Commons and beyond links, and licence mentions that are not the page's licence.

One row per family and language (phrasings of our own), the traps beside them.
"""

from __future__ import annotations

import pytest

from tests.helpers import article, signals

# (family, body, licence id, scope)
FOUND = [
    ("GNU FDL in words", article("This article is licensed under the GNU Free Documentation License, version 1.3."),
     "gfdl-1.3", "article"),
    ("GNU FDL as a link", article(footer='Text under the <a href="https://www.gnu.org/licenses/fdl-1.3.html">GFDL'
                                         "</a>."), "gfdl-1.3", "site"),
    ("documentation-style grant", article(footer="Content is available under GNU Free Documentation License 1.3 or "
                                                 "later unless otherwise noted."), "gfdl-1.3", "site"),
    ("UK Open Government Licence", article(footer="All content is available under the Open Government Licence v3.0, "
                                                  "except where otherwise stated."), "ogl-uk-3.0", "site"),
    ("OGL as rel=license", article(footer='<a rel="license" href="https://www.nationalarchives.gov.uk/doc/'
                                          'open-government-licence/version/3/">OGL</a>'), "ogl-uk-3.0", "site"),
    ("Etalab, French", article(footer="Ce contenu est publié sous Licence Ouverte / Open Licence version 2.0."),
     "etalab-2.0", "site"),
    ("public domain in words", article("This work is in the public domain."), "pdm-1.0", "article"),
    ("public domain dedication", article("I hereby dedicate this text to the public domain."), "pdm-1.0", "article"),
    ("CC0 named in words", article("I dedicate this work to the public domain under CC0."), "cc0-1.0", "article"),
    ("public domain, German", article("Dieser Text ist gemeinfrei."), "pdm-1.0", "article"),
    ("CC in text, short form", article("This text is licensed under CC BY-NC-SA 4.0."), "cc-by-nc-sa-4.0", "article"),
    ("CC in text, German", article("Dieser Text steht unter der Lizenz CC BY 4.0."), "cc-by-4.0", "article"),
    ("CC in text, Spanish", article("Este artículo se publica bajo una licencia Creative Commons Reconocimiento 4.0."),
     "cc-by-4.0", "article"),
    ("CC in text, French", article("Cet article est publié sous licence Creative Commons BY-SA 4.0."), "cc-by-sa-4.0",
     "article"),
]  # fmt: skip

# (trap, body): nothing licenses the page's text
TRAPS = [
    ("a licence discussed in prose", article("Why not CC BY-NC? It comes close, but those licences were written for "
                                             "photos and music.")),
    ("a licence of a linked report", article("The full report is available under a Creative Commons Attribution 4.0 "
                                             "licence.")),
    ("a work that entered the public domain", article("The novel entered the public domain in 1998.")),
    ("public-domain pictures", article("We use public domain images from the national archive.")),
    ("software under the GPL", article("The firmware is licensed under the GPL.")),
    ("a licence in an HTML comment", article("<!-- licensed under the GNU Free Documentation License -->")),
]  # fmt: skip


@pytest.mark.parametrize(("family", "body", "lid", "scope"), FOUND, ids=[f[0] for f in FOUND])
def test_licence_families(family: str, body: str, lid: str, scope: str) -> None:
    found = signals(body).license
    assert found is not None, family
    assert (found.id, found.scope) == (lid, scope)


@pytest.mark.parametrize(("trap", "body"), TRAPS, ids=[t[0] for t in TRAPS])
def test_licence_mentions_that_license_nothing(trap: str, body: str) -> None:
    assert signals(body).license is None, trap


def test_a_licence_of_another_work_is_kept_with_scope_other() -> None:
    found = signals(article("The full report is available under a Creative Commons Attribution 4.0 licence."))
    assert [(lic.id, lic.scope) for lic in found.licenses] == [("cc-by-4.0", "other")]


def test_the_open_licences_have_policies() -> None:
    from rights.policy import load_policies

    policies = load_policies()
    for lid in (
        "gfdl-1.1",
        "gfdl-1.2",
        "gfdl-1.3",
        "gfdl",
        "ogl-uk-1.0",
        "ogl-uk-2.0",
        "ogl-uk-3.0",
        "ogl-uk",
        "etalab-1.0",
        "etalab-2.0",
        "etalab",
    ):
        assert policies.for_license(lid) is not None, lid
