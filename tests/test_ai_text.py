"""Statements in a page's words that reserve or grant AI use, in four languages, with the traps beside them."""

from __future__ import annotations

import pytest

from rights.signals.ai_text import detect_ai_statements
from tests.helpers import article, page

RESERVED = {"ai-train": "disallowed", "ai-input": "disallowed"}
TRAIN_RESERVED = {"ai-train": "disallowed"}
GRANTED = {"ai-train": "allowed", "ai-input": "allowed"}
TRAIN_GRANTED = {"ai-train": "allowed"}


def read(body: str) -> dict[str, str]:
    return {s.use: s.preference for s in detect_ai_statements(page(body))}


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        # footers: the site's own terms
        (article(footer="© 2025 Example Media. Content may not be used to train artificial intelligence models."), TRAIN_RESERVED),
        (article(footer="All rights reserved. Text and data mining is reserved (Art. 4(3) DSM Directive)."), RESERVED),
        (article(footer="We expressly reserve all rights to text and data mining of our content."), RESERVED),
        (article(footer="The use of our content by AI systems is prohibited."), RESERVED),
        (article(footer="Die Nutzung für KI-Training ist untersagt."), TRAIN_RESERVED),
        (article(footer="Wir behalten uns die Nutzung für Text- und Data-Mining vor; das Text- und Data-Mining ist vorbehalten (§ 44b UrhG)."), RESERVED),
        (article(footer="La fouille de textes et de données est réservée au titre de l'article L. 122-5-3 du CPI."), RESERVED),
        (article(footer="Il est interdit d'utiliser ce contenu pour entraîner une intelligence artificielle."), TRAIN_RESERVED),
        (article(footer="Toute utilisation de nos contenus par des systèmes d'intelligence artificielle est interdite."), RESERVED),
        (article(footer="Queda prohibida la minería de textos y datos de este sitio."), RESERVED),
        (article(footer="No se permite utilizar los contenidos para entrenar sistemas de inteligencia artificial."), TRAIN_RESERVED),
        (article(footer="You may not use this content to train AI models."), TRAIN_RESERVED),
        (article(footer="L'estrazione di testo e di dati è riservata ai sensi dell'art. 70-quater LDA."), RESERVED),
        (article(footer="È vietato l'utilizzo dei contenuti per l'addestramento di sistemi di intelligenza artificiale."), TRAIN_RESERVED),
        (article(footer="A mineração de textos e dados deste site está reservada."), RESERVED),
        (article(footer="É proibida a utilização dos conteúdos para treinar modelos de inteligência artificial."), TRAIN_RESERVED),
        (article(footer="Tekst- en datamining is voorbehouden (artikel 15o Auteurswet)."), RESERVED),
        (article(footer="Het gebruik van onze inhoud voor het trainen van AI-modellen is verboden."), TRAIN_RESERVED),
        # grants
        (article(footer="You may use this content to train AI models, with credit."), TRAIN_GRANTED),
        (article(footer="We welcome AI crawlers to use and index our articles."), GRANTED),
        # the article body counts when it speaks of this content
        (article("This article may not be used to train artificial intelligence systems."), TRAIN_RESERVED),
        (article("Dieser Artikel darf nicht für KI-Training verwendet werden."), TRAIN_RESERVED),
        (article("Este artículo no puede ser utilizado por sistemas de inteligencia artificial."), RESERVED),
    ],
)  # fmt: skip
def test_statements_that_reserve_or_grant(body: str, expected: dict[str, str]) -> None:
    assert read(body) == expected


@pytest.mark.parametrize(
    "body",
    [
        # an article ABOUT AI training, quoting others' terms
        article(
            "The newspaper argues that its content may not be used to train AI models without a licence."
        ),
        article(
            "Publishers say text and data mining is reserved under Art. 4(3) of the DSM Directive, the court heard."
        ),
        article("Die Verlage fordern, dass das Text- und Data-Mining vorbehalten bleibt."),
        # an AI-generated image credit, and a caption
        article(
            "The picture above is an AI-generated image.", footer="Photo: AI-generated image, Midjourney."
        ),
        # a privacy policy about cookies
        article(footer="We use cookies and similar technologies; you may not opt out of essential cookies."),
        article(footer="Our privacy policy explains how we process data. We do not sell personal data."),
        # a grant that is negated is not a grant (and says nothing of AI)
        article(footer="You may not use this content for commercial purposes without permission."),
        # reader comments and quotations never count
        article("Bridge news.")
        + "<section class='comments'><p>Our content may not be used to train AI, says me.</p></section>",
        article("<blockquote>This content may not be used to train artificial intelligence.</blockquote>"),
        # a caption speaks of its picture
        article(
            "<figure><img src='a.jpg'><figcaption>Photo: this content may not be used to train AI models.</figcaption></figure>"
        ),
        # a sentence about an AI product, not about the content
        article(footer="You cannot use our AI assistant without an account."),
        article(footer="Images may be AI-generated; we are not allowed to say which."),
        # training that is not AI training
        article(
            footer="Our materials may not be used for staff training without permission. See our AI policy."
        ),
        article(
            footer="Recording of our training sessions and the use of their content is prohibited. Artificial intelligence news daily."
        ),
        # machine learning mentioned without any terms
        article(footer="We use machine learning to recommend stories you might like."),
    ],
)
def test_traps_state_nothing(body: str) -> None:
    assert read(body) == {}


def test_the_statement_is_the_evidence() -> None:
    body = article(
        footer="© Example. Content may not be used to train artificial intelligence models. Contact us."
    )
    (signal,) = detect_ai_statements(page(body))
    assert signal.family == "terms_text"
    assert signal.where == "page text (footer)"
    assert signal.evidence.text == "Content may not be used to train artificial intelligence models."
    assert signal.evidence.rule == "ai-text:en-not-train"
