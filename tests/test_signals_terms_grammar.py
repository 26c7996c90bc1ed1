"""Reuse terms read by the grammar (rights/signals/terms_phrases.py, terms_languages.py): one row per family and
language, phrasings of our own, with the look-alikes that must not be read as terms beside them."""

from __future__ import annotations

import pytest

from tests.helpers import article, signals

# (family, language, notice in the site footer, stance)
FAMILIES = [
    # restrictive: a refusal before a participle
    ("refusal", "en", "Stories on this website may not be reproduced or republished elsewhere.", "restrictive"),
    ("refusal", "en", "None of our articles may be copied, republished or syndicated in any form.", "restrictive"),
    ("refusal", "en", "All content is protected by copyright and may not be used without permission.",
     "restrictive"),
    ("refusal", "de", "Die Beiträge dürfen ohne Zustimmung der Redaktion nicht vervielfältigt werden.",
     "restrictive"),
    ("refusal", "de", "Sämtliche Inhalte sind urheberrechtlich geschützt und dürfen nicht ohne Zustimmung "
                      "verwendet werden.", "restrictive"),
    ("refusal", "fr", "Les articles de ce site ne peuvent être reproduits sans accord écrit.", "restrictive"),
    ("refusal", "es", "Los contenidos de este sitio no pueden ser reproducidos sin permiso.", "restrictive"),
    ("refusal", "it", "I contenuti del sito non possono essere riprodotti senza autorizzazione.", "restrictive"),
    ("refusal", "pt", "Os textos deste portal não podem ser reproduzidos sem autorização.", "restrictive"),
    ("refusal", "nl", "Artikelen mogen niet worden overgenomen zonder toestemming van de redactie.", "restrictive"),
    ("refusal", "nl", "Niets uit deze uitgave mag worden verveelvoudigd zonder toestemming.", "restrictive"),
    # restrictive: the action is prohibited
    ("prohibited", "en", "Republication of our reporting in any medium is strictly prohibited.", "restrictive"),
    ("prohibited", "en", "Any reproduction, in whole or in part, is prohibited without written permission.",
     "restrictive"),
    ("prohibited", "de", "Die Vervielfältigung der Inhalte ist untersagt.", "restrictive"),
    ("prohibited", "fr", "Toute reprise des articles est strictement interdite.", "restrictive"),
    ("prohibited", "fr", "Tous droits de reproduction réservés.", "restrictive"),
    ("prohibited", "es", "Se prohíbe la reproducción de los contenidos.", "restrictive"),
    ("prohibited", "es", "Prohibida su reproducción total o parcial.", "restrictive"),
    ("prohibited", "it", "È vietata la riproduzione, anche parziale, dei testi.", "restrictive"),
    ("prohibited", "pt", "É proibida a reprodução do conteúdo desta página.", "restrictive"),
    ("prohibited", "nl", "Overname van artikelen is niet toegestaan.", "restrictive"),
    # restrictive: without permission, only with permission
    ("without permission", "en", "No reprinting of this column without the express consent of the editor.",
     "restrictive"),
    ("without permission", "en", "Content may not be republished without a valid licence.", "restrictive"),
    ("without permission", "de", "Kein Nachdruck ohne schriftliche Genehmigung des Herausgebers.", "restrictive"),
    ("without permission", "fr", "Pas de republication sans l'autorisation de l'auteur.", "restrictive"),
    ("without permission", "es", "Ninguna reproducción sin la autorización previa del editor.", "restrictive"),
    ("only with permission", "en", "Our articles may be republished only with the prior written consent of the "
                                   "publisher.", "restrictive"),
    ("only with permission", "de", "Nachdruck, auch auszugsweise, nur mit Genehmigung der Redaktion.",
     "restrictive"),
    ("only with permission", "fr", "Reproduction uniquement avec l'accord préalable de l'éditeur.", "restrictive"),
    ("only with permission", "es", "Reproducción solo con autorización expresa del medio.", "restrictive"),
    ("only with permission", "it", "Riproduzione solo previa autorizzazione dell'editore.", "restrictive"),
    ("only with permission", "pt", "Reprodução apenas com autorização do editor.", "restrictive"),
    ("only with permission", "nl", "Overnemen alleen met toestemming van de uitgever.", "restrictive"),
    # restrictive: personal use only (no republication)
    ("personal use only", "en", "This printout is for your private use only.", "restrictive"),
    ("personal use only", "en", "You may print this article for your personal use only.", "restrictive"),
    ("personal use only", "de", "Ausschließlich für den persönlichen Gebrauch.", "restrictive"),
    ("personal use only", "fr", "Ce document est réservé à un usage strictement personnel.", "restrictive"),
    ("personal use only", "es", "Contenido para uso exclusivamente personal.", "restrictive"),
    ("personal use only", "it", "Testi per uso esclusivamente personale.", "restrictive"),
    ("personal use only", "nl", "Uitsluitend voor eigen gebruik.", "restrictive"),
    ("personal use only", "pt", "Conteúdo para uso exclusivamente pessoal.", "restrictive"),
    # restrictive: a pointer to ask for or buy the rights
    ("rights pointer", "en", "For reprints and permissions, contact the licensing desk.", "restrictive"),
    ("rights pointer", "en", "Contact our syndication team to license this story.", "restrictive"),
    ("rights pointer", "en", "To request permission to reprint this article, write to the editors.", "restrictive"),
    ("rights pointer", "en", "Syndication and licensing: rights@harbourweekly.example", "restrictive"),
    ("rights pointer", "de", "Für Nachdruckgenehmigungen wenden Sie sich an den Verlag.", "restrictive"),
    ("rights pointer", "fr", "Pour toute demande de reproduction, contactez la rédaction.", "restrictive"),
    ("rights pointer", "es", "Para solicitar permiso de reproducción escriba a la redacción.", "restrictive"),
    ("rights pointer", "it", "Per richiedere l'autorizzazione alla riproduzione scrivete alla redazione.",
     "restrictive"),
    ("rights pointer", "pt", "Para solicitar autorização de reprodução, contate a redação.", "restrictive"),
    ("rights pointer", "nl", "Voor het overnemen van artikelen kunt u contact opnemen met de redactie.",
     "restrictive"),
    ("rights pointer", "zh", "如需转载，请联系本站编辑部。", "restrictive"),
    ("contact to republish", "en", "If you would like to republish this article, please contact our editors.",
     "restrictive"),
    ("contact to republish", "en", "Please contact us if you wish to reprint any of our stories.", "restrictive"),
    ("contact to republish", "de", "Wenn Sie unsere Artikel übernehmen möchten, wenden Sie sich an die Redaktion.",
     "restrictive"),
    ("contact to republish", "fr", "Si vous souhaitez reproduire un article, contactez la rédaction.", "restrictive"),
    ("contact to republish", "es", "Si desea reproducir nuestros artículos, contacte con la redacción.",
     "restrictive"),
    # restrictive: an imperative refusal
    ("do not copy", "en", "Please do not copy our articles to other websites.", "restrictive"),
    # restrictive: languages written without spaces, and Russian, Polish
    ("refusal", "zh", "本站文章未经授权不得转载。", "restrictive"),
    ("refusal", "ja", "当サイトの記事の無断転載を禁じます。", "restrictive"),
    ("refusal", "ko", "무단 전재 및 재배포 금지.", "restrictive"),
    ("refusal", "ru", "Перепечатка материалов без письменного разрешения редакции запрещена.", "restrictive"),
    ("refusal", "pl", "Kopiowanie artykułów bez zgody redakcji zabronione.", "restrictive"),
    # conditional: a grant with conditions
    ("grant", "en", "You may republish our articles for free, provided you credit us and link back.", "conditional"),
    ("grant", "en", "Anyone is welcome to reprint this guide for non-commercial purposes with attribution.",
     "conditional"),
    ("grant", "en", "We encourage other newsrooms to republish our investigations, with credit.", "conditional"),
    ("grant", "en", "Permission is granted to copy this page for classroom use with credit to the author.",
     "conditional"),
    ("grant", "de", "Die Artikel dürfen mit Quellenangabe frei verwendet werden.", "conditional"),
    ("grant", "de", "Sie dürfen diesen Beitrag gerne weiterverbreiten, solange Sie die Quelle nennen.",
     "conditional"),
    ("grant", "fr", "Vous pouvez republier nos articles en citant la source.", "conditional"),
    ("grant", "fr", "La reproduction est autorisée avec mention de la source.", "conditional"),
    ("grant", "es", "Se permite la reproducción citando la fuente.", "conditional"),
    ("grant", "es", "Puedes republicar nuestros artículos con un enlace al original.", "conditional"),
    ("grant", "it", "È consentita la riproduzione citando la fonte.", "conditional"),
    ("grant", "pt", "É permitida a reprodução desde que citada a fonte.", "conditional"),
    ("grant", "nl", "Overname van artikelen is alleen toegestaan met bronvermelding.", "conditional"),
    ("grant", "zh", "欢迎转载，转载请注明出处。", "conditional"),
    ("grant", "ru", "При использовании материалов активная ссылка на сайт обязательна.", "conditional"),
    ("grant", "ja", "本サイトの記事は転載自由です。", "conditional"),
    # conditional: a licence stated in words (documentation style)
    ("licence", "en", "Except where otherwise noted, content on this site is licensed under a Creative Commons "
                      "Attribution 4.0 licence.", "conditional"),
    ("licence", "en", "Text is available under the GNU Free Documentation License unless otherwise noted.",
     "conditional"),
    ("licence", "en", "This guide is published under CC BY-SA 4.0.", "conditional"),
    ("licence", "de", "Alle Inhalte stehen unter der Lizenz CC BY 4.0.", "conditional"),
    ("licence", "fr", "Le contenu de ce site est publié sous licence Creative Commons BY-SA.", "conditional"),
    ("licence", "es", "Los textos se publican bajo una licencia Creative Commons.", "conditional"),
    ("licence", "it", "I contenuti sono distribuiti con licenza Creative Commons BY-NC.", "conditional"),
    ("licence", "pt", "O conteúdo está disponível sob a licença Creative Commons.", "conditional"),
    ("licence", "nl", "Deze artikelen vallen onder een Creative Commons-licentie.", "conditional"),
    # permissive: a grant without conditions
    ("free", "en", "Our articles may be reprinted free of charge and without restriction.", "permissive"),
    ("free", "en", "Our stories may be republished without asking permission.", "permissive"),
    ("free", "de", "Abdruck honorarfrei.", "permissive"),
    ("free", "fr", "Nos articles sont libres de droits.", "permissive"),
    ("free", "es", "Nuestros artículos son libres de derechos.", "permissive"),
    ("free", "nl", "Deze tekst is rechtenvrij.", "permissive"),
    ("public domain", "en", "This work is dedicated to the public domain.", "permissive"),
    ("public domain", "de", "Der Text ist gemeinfrei.", "permissive"),
    ("public domain", "es", "Este texto es de dominio público.", "permissive"),
    ("public domain", "it", "Questo testo è di pubblico dominio.", "permissive"),
    ("public domain", "pt", "Este texto está em domínio público.", "permissive"),
    # the boundary: a refusal that needs permission wins; a refusal of something else leaves the grant
    ("grant needing permission", "en", "These articles can be reproduced only with our written permission.",
     "restrictive"),
    ("grant with a limit", "en", "Stories may be reprinted by schools but may not be translated.", "conditional"),
]  # fmt: skip

# (trap, language, text): look-alikes that state no reuse terms
TRAPS = [
    ("all rights reserved alone", "en", "© 2024 Harbour Weekly. All rights reserved."),
    ("all rights reserved alone", "de", "Alle Rechte vorbehalten."),
    ("all rights reserved alone", "fr", "Tous droits réservés."),
    ("all rights reserved alone", "es", "Todos los derechos reservados."),
    ("a reprint shop link", "en", "Reprints & Permissions"),
    ("responsibility for others' content", "en", "We may not be held responsible for content reproduced on "
                                                 "external sites."),
    ("views of the publisher", "en", "Opinions expressed here may not reflect the views of the publisher."),
    ("comment policy", "en", "Comments may be edited and may not be published if they break our rules."),
    ("licence granted to the site", "en", "By submitting a photo, you grant us a licence to use, reproduce and "
                                          "publish it."),
    ("licence granted to the site", "en", "You grant the site a non-exclusive licence to republish your posts."),
    ("cookie notice", "en", "Some cookies cannot be switched off, and the site cannot be used without them."),
    ("privacy promise", "en", "We will never share your email address without your consent."),
    ("a licence of software", "en", "The firmware is licensed under the GPL and can be copied freely."),
    ("a licence of software", "de", "Die Software darf frei verwendet werden."),
    ("a bug report", "en", "The crash cannot be reproduced on the latest release."),
    ("a share button", "en", "Share this article"),
    ("forum posting rules", "en", "You may not post new threads"),
    ("a medical disclaimer", "en", "This material should not be used as a substitute for medical advice."),
    ("terms of service", "en", "You may not use the service for any unlawful purpose."),
    ("a word that cannot be translated", "en", "Some idioms cannot be translated into English."),
    ("RSS syndication", "en", "You can syndicate our headlines using the RSS feed."),
    ("approval in politics", "de", "Der Vorschlag fand keine Zustimmung im Parlament."),
    ("a reminder", "nl", "Je mag niet vergeten om je in te schrijven."),
    ("a support contact", "en", "If you would like to use our app, please contact support."),
]  # fmt: skip


@pytest.mark.parametrize(
    ("family", "lang", "text", "stance"), FAMILIES, ids=[f"{f[0]}-{f[1]}-{i}" for i, f in enumerate(FAMILIES)]
)
def test_terms_family(family: str, lang: str, text: str, stance: str) -> None:
    """Each family of phrasings in each language gives its stance."""
    terms = signals(article(footer=f"<p>{text}</p>")).reuse_terms
    assert terms is not None, f"{family} ({lang}) not read"
    assert terms.stance == stance


@pytest.mark.parametrize(
    ("trap", "lang", "text"), TRAPS, ids=[f"{t[0]}-{t[1]}-{i}" for i, t in enumerate(TRAPS)]
)
def test_look_alikes_are_not_terms(trap: str, lang: str, text: str) -> None:
    """A look-alike beside the families states no reuse terms."""
    assert signals(article(footer=f"<p>{text}</p>")).reuse_terms is None, trap


# (text, the condition kinds the grant must list)
CONDITIONS = [
    ("You may republish our articles for free, provided you credit us and link back.",
     {"credit_source", "link_original"}),
    ("May be reprinted for non-profit purposes only, unchanged and in its entirety.",
     {"noncommercial", "no_edits", "whole_only"}),
    ("This guide is published under CC BY-NC-SA 4.0.", {"credit_source", "noncommercial", "share_alike"}),
    ("Die Artikel dürfen mit Quellenangabe und unverändert verwendet werden.", {"credit_source", "no_edits"}),
    ("Vous pouvez republier nos articles à des fins non commerciales en citant la source.",
     {"credit_source", "noncommercial"}),
    ("Se permite la reproducción citando la fuente, sin modificaciones.", {"credit_source", "no_edits"}),
    ("È consentita la riproduzione citando la fonte, a fini non commerciali.", {"credit_source", "noncommercial"}),
    ("Overname is toegestaan met bronvermelding.", {"credit_source"}),
    ("欢迎转载，转载请注明出处。", {"credit_source"}),
    ("При использовании материалов активная ссылка на сайт обязательна.", {"link_original"}),
]  # fmt: skip


@pytest.mark.parametrize(
    ("text", "kinds"), CONDITIONS, ids=[f"conditions-{i}" for i in range(len(CONDITIONS))]
)
def test_a_grant_lists_its_conditions(text: str, kinds: set[str]) -> None:
    """The conditions a grant states feed the verdict (credit, link, non-commercial, no edits, whole, share alike)."""
    terms = signals(article(footer=f"<p>{text}</p>")).reuse_terms
    assert terms is not None and terms.stance == "conditional"
    assert {c.kind for c in terms.conditions} >= kinds


@pytest.mark.parametrize(
    ("footer", "contact"),
    [
        ("<p>Readers may share this story for non-commercial use. For other uses contact "
         "rights [at] harbourweekly.example.</p>", "rights@harbourweekly.example"),
        ("<p>This copy is for your personal use only. To order reprints visit "
         "https://reprints.harbourweekly.example/permissions.</p>", "https://reprints.harbourweekly.example/permissions"),
        ("<p>This story is distributed under the terms of the Creative Commons Attribution License "
         "(https://creativecommons.org/licenses/by/4.0/).</p>", None),
    ],
    ids=["e-mail", "reprint page", "a licence deed is not a contact"],
)  # fmt: skip
def test_contact_for_other_uses(footer: str, contact: str | None) -> None:
    terms = signals(article(footer=footer)).reuse_terms
    assert terms is not None and terms.contact == contact


def test_a_short_notice_in_a_navigation_bar_is_read() -> None:
    """A footer menu that ends with a licence notice (the zone reads as navigation) still states the terms."""
    nav = "<nav><a href='/about'>About</a> <p>Content available under a Creative Commons license.</p></nav>"
    terms = signals(article() + nav).reuse_terms
    assert terms is not None and terms.stance == "conditional"


def test_terms_in_a_caption_cover_the_picture_not_the_article() -> None:
    body = article(
        "<figure><img src='/harbour.jpg'><figcaption>Reproduction of this photograph without the "
        "photographer's permission is prohibited.</figcaption></figure>"
    )
    assert signals(body).reuse_terms is None
