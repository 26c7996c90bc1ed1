"""Licences by family and language: CC named only in words, licences beyond CC, public-domain statements, and
whose work a licence covers. One row per family and language (phrasings of our own), the traps beside them.
"""

from __future__ import annotations

import pytest

from rights.signals.license_names import find_names
from tests.helpers import article, signals

# (family, language, body, licence id, jurisdiction, scope)
NAMED_IN_TEXT = [
    ("compact code", "en", article("This essay is licensed under CC BY-NC-SA 4.0."), "cc-by-nc-sa-4.0", None, "article"),
    ("hyphenated code", "en", article("Text published under CC-BY 4.0; reuse it freely."), "cc-by-4.0", None, "article"),
    ("full name, port word", "en", article("This post is licensed under a Creative Commons Attribution-NonCommercial "
                                           "3.0 Unported License."), "cc-by-nc-3.0", None, "article"),
    ("full name, country port", "en", article(footer="All writing here is licensed under a Creative Commons "
                                                     "Attribution-Share Alike 3.0 United States License."),
     "cc-by-sa-3.0", "us", "site"),
    ("code with port code", "en", article(footer="Except where noted, content on this site is available under "
                                                 "CC BY-SA 3.0 DE."), "cc-by-sa-3.0", "de", "site"),
    ("licence tag in the byline", "en", article(byline="By Ann Lee · 3 May 2024 · CC BY-SA 4.0"), "cc-by-sa-4.0", None,
     "article"),
    ("elements before the name", "en", article(footer="You may republish our stories for free under an "
                                                      "Attribution-NoDerivatives Creative Commons license."),
     "cc-by-nd", None, "site"),
    ("licence described", "en", article(footer="This blog is covered by a Creative Commons licence permitting "
                                               "non-commercial sharing with attribution."), "cc-by-nc", None, "site"),
    ("a retired CC licence", "en", article(footer="This site is licensed under the Creative Commons Sampling Plus "
                                                  "1.0 License."), "cc-sampling+-1.0", None, "site"),
    ("glued name", "en", article(footer="Creative CommonsAttribution, NC, SA 2.5 Canada License"), "cc-by-nc-sa-2.5",
     "ca", "site"),
    ("bajo una licencia", "es", article("Este artículo se distribuye bajo una licencia Creative Commons "
                                        "Reconocimiento-CompartirIgual 4.0 Internacional."), "cc-by-sa-4.0", None,
     "article"),
    ("sous licence", "fr", article("Ce billet est diffusé sous licence Creative Commons BY-SA."), "cc-by-sa", None,
     "article"),
    ("full name", "fr", article(footer="Les textes du site sont publiés sous licence Creative Commons Attribution - "
                                       "Pas d'Utilisation Commerciale - Pas de Modification 4.0 International."),
     "cc-by-nc-nd-4.0", None, "site"),
    ("Lizenz in brackets", "de", article("Dieser Beitrag steht unter einer Creative-Commons-Lizenz (CC BY 4.0)."),
     "cc-by-4.0", None, "article"),
    ("full name", "de", article(footer="Alle Inhalte dieses Blogs sind lizenziert unter Creative Commons "
                                       "Namensnennung - Nicht kommerziell 3.0 Deutschland."), "cc-by-nc-3.0", "de",
     "site"),
    ("con licenza", "it", article("Questo articolo è rilasciato con licenza Creative Commons Attribuzione - "
                                  "Condividi allo stesso modo 4.0 Internazionale."), "cc-by-sa-4.0", None, "article"),
    ("sob uma licença", "pt", article("Este artigo está licenciado sob uma Licença Creative Commons "
                                      "Atribuição-NãoComercial 4.0 Internacional."), "cc-by-nc-4.0", None, "article"),
    ("onder een licentie", "nl", article("Dit artikel valt onder een Creative Commons Naamsvermelding-GelijkDelen "
                                         "4.0 licentie."), "cc-by-sa-4.0", None, "article"),
    ("na licencji", "pl", article("Ten tekst jest dostępny na licencji Creative Commons Uznanie autorstwa 4.0."),
     "cc-by-4.0", None, "article"),
    ("по лицензии", "ru", article("Текст доступен по лицензии Creative Commons «Атрибуция — На тех же условиях» "
                                  "4.0."), "cc-by-sa-4.0", None, "article"),
    ("licensierad under", "sv", article("Den här texten är licensierad under Creative Commons Erkännande-DelaLika "
                                        "4.0."), "cc-by-sa-4.0", None, "article"),
    ("podléhá licenci", "cs", article("Tento text podléhá licenci Creative Commons Uveďte původ-Neužívejte komerčně "
                                      "4.0."), "cc-by-nc-4.0", None, "article"),
    ("ile lisanslanmıştır", "tr", article("Bu yazı Creative Commons Atıf-Türetilemez 4.0 Uluslararası Lisansı ile "
                                          "lisanslanmıştır."), "cc-by-nd-4.0", None, "article"),
    ("の下に提供", "ja", article("この記事は クリエイティブ・コモンズ 表示 - 継承 4.0 国際 ライセンスの下に提供されています。"),
     "cc-by-sa-4.0", None, "article"),
    ("采用许可协议", "zh", article("本文采用知识共享署名-非商业性使用 4.0 国际许可协议进行许可。"), "cc-by-nc-4.0", None,
     "article"),
    ("라이선스에 따라", "ko", article("이 글은 크리에이티브 커먼즈 저작자표시-변경금지 4.0 국제 라이선스에 따라 이용할 수 "
                                   "있습니다."), "cc-by-nd-4.0", None, "article"),
]  # fmt: skip

BEYOND_CC = [
    ("GFDL with version", "en", article("Permission is granted to copy this manual under the terms of the GNU Free "
                                        "Documentation License, Version 1.2."), "gfdl-1.2", None, "article"),
    ("GFDL old-licence link", "en", article(footer='Text under the <a href="https://www.gnu.org/licenses/old-licenses/'
                                                   'fdl-1.1.html">GNU FDL</a>.'), "gfdl-1.1", None, "site"),
    ("GFDL SPDX id", "en", article(footer="Licence: GFDL-1.3-or-later"), "gfdl-1.3", None, "site"),
    ("GFDL without version", "fr", article(footer="Ce wiki est disponible sous la licence de documentation libre "
                                                  "GNU."), "gfdl", None, "site"),
    ("GFDL without version", "de", article(footer="Der Text steht unter der GNU-Lizenz für freie Dokumentation."),
     "gfdl", None, "site"),
    ("GFDL without version", "es", article(footer="El contenido está disponible bajo la Licencia de Documentación "
                                                  "Libre de GNU 1.3."), "gfdl-1.3", None, "site"),
    ("GFDL by name", "it", article(footer="I testi sono disponibili secondo la Licenza per la documentazione libera "
                                         "GNU, versione 1.2."), "gfdl-1.2", None, "site"),
    ("GFDL by name", "pt", article(footer="O conteúdo está disponível sob a Licença de Documentação Livre GNU."),
     "gfdl", None, "site"),
    ("OGL v2 attribution line", "en", article(footer="Contains public sector information licensed under the Open "
                                                     "Government Licence v2.0."), "ogl-uk-2.0", None, "site"),
    ("OGL version link", "en", article(footer='Published under the <a href="http://www.nationalarchives.gov.uk/doc/'
                                              'open-government-licence/version/1/">OGL</a>.'), "ogl-uk-1.0", None,
     "site"),
    ("OGL SPDX id", "en", article(footer="Licence: OGL-UK-3.0"), "ogl-uk-3.0", None, "site"),
    ("Licence Ouverte 1.0", "fr", article(footer="Ces informations sont publiées sous Licence Ouverte v1.0."),
     "etalab-1.0", None, "site"),
    ("Etalab Open License", "en", article(footer="This content is released under the Etalab Open License 2.0."),
     "etalab-2.0", None, "site"),
]  # fmt: skip

PUBLIC_DOMAIN = [
    ("released into", "en", article("The author has released this text into the public domain."), "pdm-1.0",
     "article"),
    ("dedicated to", "en", article(footer="All posts on this blog are dedicated to the public domain."), "pdm-1.0",
     "site"),
    ("CC0 named", "en", article("To the extent possible under law, I have waived all copyright to this work "
                                "(CC0 1.0)."), "cc0-1.0", "article"),
    ("Public Domain Mark named", "en", article(footer="This work is free of known copyright restrictions (Public "
                                                      "Domain Mark 1.0)."), "pdm-1.0", "site"),
    ("dans le domaine public", "fr", article("Ce texte est placé dans le domaine public."), "pdm-1.0", "article"),
    ("gemeinfrei", "de", article("Dieser Text ist gemeinfrei."), "pdm-1.0", "article"),
    ("dominio público", "es", article("Este texto está en el dominio público."), "pdm-1.0", "article"),
    ("pubblico dominio", "it", article("Questo testo è di pubblico dominio."), "pdm-1.0", "article"),
    ("domínio público", "pt", article("Este texto está em domínio público."), "pdm-1.0", "article"),
    ("publieke domein", "nl", article("Deze tekst is vrijgegeven in het publieke domein."), "pdm-1.0", "article"),
]  # fmt: skip

# (family, language, body, licence id, scope): the licence covers something other than the page's text
OTHER_WORKS = [
    ("picture caption", "en", article('<figure><img src="/p.jpg"><figcaption>Photo: Ann Lee / CC BY-SA 4.0'
                                      "</figcaption></figure>"), "cc-by-sa-4.0", "images"),
    ("inline photo credit", "en", article("Photo by Ann Lee on Flickr (CC BY 2.0)."), "cc-by-2.0", "images"),
    ("Foto credit", "de", article("Foto: Max Muster, CC BY-SA 4.0"), "cc-by-sa-4.0", "images"),
    ("crédit photo", "fr", article("Crédit photo : Jeanne Dupont (CC BY 2.0)"), "cc-by-2.0", "images"),
    ("photos on the site", "en", article(footer="All photos on this site are published under CC BY-NC 4.0."),
     "cc-by-nc-4.0", "images"),
    ("badge about photos", "en", article(footer='Photos on this blog: <a href="https://creativecommons.org/licenses/'
                                                'by-nc/2.0/">CC BY-NC</a>'), "cc-by-nc-2.0", "images"),
    ("badge in a figure", "en", article() + '<figure><img src="/p.jpg"><a href="https://creativecommons.org/licenses/'
                                            'by-sa/2.0/"><img src="https://licensebuttons.net/l/by-sa/2.0/80x15.png">'
                                            "</a></figure>", "cc-by-sa-2.0", "images"),
    ("badge in a photo credit", "en", article() + '<div class="photo-credit"><img src="https://licensebuttons.net/l/'
                                                  'by/2.0/80x15.png"></div>', "cc-by-2.0", "images"),
    ("bare badge beside a statement about designs", "en",
     article(footer='<div><a href="https://creativecommons.org/licenses/by-nc/3.0/"><img src="https://licensebuttons.net/'
                    'l/by-nc/3.0/88x31.png"></a></div><p>All our designs are licensed under CC BY-NC 3.0.</p>'),
     "cc-by-nc-3.0", "other"),
    ("linked report", "en", article("The full report is available under a Creative Commons Attribution 4.0 "
                                    "licence."), "cc-by-4.0", "other"),
    ("report behind a link", "en", article('The report is available under <a href="https://creativecommons.org/'
                                           'licenses/by/4.0/">CC BY 4.0</a>.'), "cc-by-4.0", "other"),
    ("dataset widget", "en", article() + '<aside><p>Download the dataset (<a href="https://creativecommons.org/'
                                         'licenses/by/4.0/">CC BY 4.0</a>)</p></aside>', "cc-by-4.0", "other"),
    ("the study", "de", article("Die Studie steht unter der Lizenz CC BY 4.0."), "cc-by-4.0", "other"),
    ("the report", "es", article("El informe completo está disponible bajo una licencia CC BY 4.0."), "cc-by-4.0",
     "other"),
    ("the data", "fr", article("Les données sont publiées sous Licence Ouverte 2.0."), "etalab-2.0", "other"),
    ("code", "en", article("The code for the model is released under CC0."), "cc0-1.0", "other"),
    ("another owner's text", "en", article("Wikipedia's text is available under CC BY-SA 4.0."), "cc-by-sa-4.0",
     "other"),
    ("quoted source", "en", article() + "<blockquote><p>This text is available under CC BY-SA 3.0.</p></blockquote>",
     "cc-by-sa-3.0", "other"),
    ("sidebar book widget", "en", article() + "<aside><p>Our new e-book is free to download under CC BY-NC 4.0."
                                              "</p></aside>", "cc-by-nc-4.0", "other"),
    ("a public-domain photo", "en", article("This photo is in the public domain."), "pdm-1.0", "images"),
    ("JSON-LD of a dataset", "en", "json-ld:Dataset", "cc-by-4.0", "other"),
]  # fmt: skip

# (trap, language, body): nothing licenses the page's text
TRAPS = [
    ("a licence discussed", "en", article("Why not CC BY-NC? It is close, but those licences were made for songs.")),
    ("a licence in a list", "en", article("<ul><li>A copyright policy (e.g., CC BY for open journals)</li></ul>")),
    ("a licence in a question", "fr", article("Faut-il choisir CC BY-SA ou CC0 pour un wiki ?")),
    ("a retired CC licence for other works", "en", article(footer="All our designs are licensed under the Creative "
                                                                  "Commons Developing Nations license.")),
    ("CC without elements", "en", article(footer="Content available under a Creative Commons license.")),
    ("one element, not Attribution", "en", article(footer="We offer our stories under a noncommercial Creative "
                                                          "Commons license.")),
    ("CC by a person", "en", article("Cover photo CC by Ann Lee.")),
    ("a reader's comment", "en", article() + '<section id="comments"><p>This post should be licensed under CC BY-SA '
                                             "4.0.</p></section>"),
    ("entered the public domain", "en", article("The novel entered the public domain in 1998.")),
    ("public-domain pictures", "en", article("We use public domain images from the national archive.")),
    ("public-domain software", "en", article("Public-domain software has a long history in universities.")),
    ("old works in general", "en", article("All works published before 1927 are in the public domain in the US.")),
    ("someone else's letters", "en", article("Her letters are in the public domain.")),
    ("domaine public, ailleurs", "fr", article("Le roman est tombé dans le domaine public en 2010.")),
    ("gemeinfrei, anderswo", "de", article("Viele alte Fotos sind gemeinfrei.")),
    ("Canada's OGL", "en", article(footer="Contains information licensed under the Open Government Licence – "
                                          "Canada.")),
    ("Etalab, the agency", "fr", article("Les données ont été publiées par Etalab en 2019.")),
    ("the GPL", "en", article("The firmware is licensed under the GPL.")),
    ("a post title in the sidebar", "en", article() + "<aside><h3>Why we moved to CC BY 4.0</h3></aside>"),
    ("a post title in the sidebar", "de", article() + "<aside><p>Warum CC BY-SA 4.0 für Blogs passt</p></aside>"),
]  # fmt: skip


def _body(body: str) -> tuple[str, str]:
    if body.startswith("json-ld:"):
        kind = body.split(":", 1)[1]
        head = (
            f'<script type="application/ld+json">{{"@type": "{kind}", "name": "Rainfall", '
            '"license": "https://creativecommons.org/licenses/by/4.0/"}</script>'
        )
        return article(), head
    return body, ""


@pytest.mark.parametrize(
    ("family", "lang", "body", "lid", "jurisdiction", "scope"),
    NAMED_IN_TEXT + BEYOND_CC,
    ids=[f"{f[1]}-{f[0]}" for f in NAMED_IN_TEXT + BEYOND_CC],
)
def test_licences_named_in_words(
    family: str, lang: str, body: str, lid: str, jurisdiction: str | None, scope: str
) -> None:
    found = signals(body).license
    assert found is not None, family
    assert (found.id, found.jurisdiction, found.scope) == (lid, jurisdiction, scope)


@pytest.mark.parametrize(
    ("family", "lang", "body", "lid", "scope"), PUBLIC_DOMAIN, ids=[f"{f[1]}-{f[0]}" for f in PUBLIC_DOMAIN]
)
def test_public_domain_statements(family: str, lang: str, body: str, lid: str, scope: str) -> None:
    found = signals(body).license
    assert found is not None, family
    assert (found.id, found.scope) == (lid, scope)


@pytest.mark.parametrize(
    ("family", "lang", "body", "lid", "scope"), OTHER_WORKS, ids=[f"{f[1]}-{f[0]}" for f in OTHER_WORKS]
)
def test_a_licence_of_another_work_is_not_the_page_licence(
    family: str, lang: str, body: str, lid: str, scope: str
) -> None:
    html, head = _body(body)
    found = signals(html, head=head)
    assert found.license is None, family
    assert [(lic.id, lic.scope) for lic in found.licenses] == [(lid, scope)]


@pytest.mark.parametrize(("trap", "lang", "body"), TRAPS, ids=[f"{t[1]}-{t[0]}" for t in TRAPS])
def test_licence_look_alikes(trap: str, lang: str, body: str) -> None:
    found = signals(body)
    assert found.license is None, trap
    assert all(lic.scope in ("images", "other") for lic in found.licenses), trap


def test_a_reader_comment_naming_a_licence_is_set_aside_with_the_reason() -> None:
    body = article() + '<section id="comments"><p>This post is licensed under CC BY-SA 4.0.</p></section>'
    rejected = [r for r in signals(body).rejected if r.kind == "license_not_page"]
    assert rejected and "comment" in rejected[0].reason


@pytest.mark.parametrize(
    ("text", "names"),
    [
        ("Licensed under CC BY-NC-ND 4.0 and CC0 for the data", [("by-nc-nd", "4.0"), ("zero", "1.0")]),
        ("Creative Commons Namensnennung 4.0 International (CC BY 4.0)", [("by", "4.0"), ("by", "4.0")]),
        ("CC BY 4.0 Jane Doe", [("by", "4.0")]),
        ("CC by Jane Doe", []),
        ("Creative Commons Sampling Plus 1.0", [("sampling+", "1.0")]),
        ("the Creative Commons Developing Nations License", [("devnations", "2.0")]),
    ],
)
def test_every_name_in_a_text_is_read_with_its_span(text: str, names: list[tuple[str, str]]) -> None:
    found = find_names(text)
    assert [(n.code, n.version) for n in found] == names
    assert all(text[n.start : n.end].strip() for n in found)
