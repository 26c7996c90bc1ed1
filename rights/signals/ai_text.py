"""Statements in a page's words that reserve or grant AI use (reservations in English, German, French,
Spanish, Italian, Portuguese and Dutch; grants in the first four): "may not be used to train artificial
intelligence", "text and data mining is reserved (Art. 4(3) DSM Directive)", "Text- und Data-Mining ...
vorbehalten (§ 44b UrhG)", "la fouille de textes et de données ... est réservée", "prohibida la minería de
textos", and grants ("you may use this content to train AI models").

What a statement covers: one about training speaks of `ai-train`; one that reserves text and data mining, or
any use by AI, speaks of `ai-train` and `ai-input` (mining in the DSM sense covers both; see `ai_tdmrep`).

Where it counts (as in `terms`): in a footer, a terms or legal block, or body text outside the article, a
statement is the site's own. In the article body a sentence counts only when it speaks of this content ("this
article", "our content", "dieser Inhalt", "ce contenu", "este contenido"), so an article *about* AI training
or a lawsuit quoting a publisher's terms is not taken for the page's terms. Quotations, reader comments,
asides, navigation and HTML comments never count. Gate words are found in the page's one Aho-Corasick pass
(`PageText.having`); the patterns run only on the blocks holding one. Pure.
"""

from __future__ import annotations

import re

from rights.models import Zone
from rights.page.models import Page, TextBlock
from rights.signals.ai_models import AiSignal
from rights.signals.common import PageText, block_evidence, in_media

GATE_WORDS = (
    "artificial intelligence", " ai ", " ai-", "(ai)", "machine learning", "language model", "llm",
    "data mining", "text and data", "text & data", "tdm", "künstliche", "ki-", " ki ", "(ki)", "data-mining",
    "44b", "intelligence artificielle", "fouille", " ia ", "(ia)", "inteligencia artificial", "minería",
    "mineria", "apprentissage automatique", "aprendizaje automático", "maschinelles lernen",
    "intelligenza artificiale", "estrazione di t", "estrazione di d", "inteligência artificial", "mineração",
    "kunstmatige intelligentie", "datamining",
)  # fmt: skip
_AI = (
    r"(?:artificial intelligence|\bai\b|machine[- ]learning|(?:large )?language models?|\bllms?\b|generative"
    r"|künstliche\w* intelligenz|\bki\b|maschinell\w* lern|intelligence artificielle|\bia\b"
    r"|apprentissage automatique|inteligencia artificial|aprendizaje automático|intelligenza artificiale"
    r"|inteligência artificial|kunstmatige intelligentie)"
)
_TRAIN = r"(?:\btrain\w*|\btraining|\bentra[iî]n\w*|\bentrena\w*|\btrainier\w*|ki-training|\baddestra\w*|\btreina\w*)"
_TDM = (
    r"(?:text(?:-| and | & | und )data[- ]mining|\btdm\b|data[- ]mining|fouille de (?:textes|données)"
    r"|miner[ií]a de (?:textos|datos)|text- und data-mining|estrazione di (?:testi|testo|dati)"
    r"|mineração de (?:textos|dados)|tekst- en datamining|\bdatamining)"
)
_NEG = (
    r"(?:\bnot\b|\bno\b|\bnicht\b|\bkein\w*|\bpas\b|\bni\b|\bnunca\b|\bwithout\b|\bohne\b|\bsans\b|\bsin\b"
    r"|\bnon\b|\bnão\b|\bniet\b|\bgeen\b)"
)
_ALL_AI = ("ai-train", "ai-input")
# (rule, pattern, uses) for reservations, then grants; each matched against one sentence, lower-cased.
_RESERVE: tuple[tuple[str, str, tuple[str, ...]], ...] = (
    ("en-not-train", rf"\b(?:may|must|shall|can)(?: not|not|n't)\b[^.;]{{0,60}}\bused?\b[^.;]{{0,60}}{_TRAIN}[^.;]{{0,80}}", ("ai-train",)),
    ("en-not-ai", rf"\b(?:may|must|shall|can)(?: not|not|n't)\b[^.;]{{0,40}}\b(?:used?|scraped|crawled|mined|processed)\b[^.;]{{0,60}}{_AI}", _ALL_AI),
    ("en-prohibit", rf"\b(?:prohibit\w*|forbid\w*|not (?:permitted|allowed|authori[sz]ed))\b[^.;]{{0,80}}(?:{_TRAIN}|{_AI}|{_TDM})", _ALL_AI),
    ("en-is-prohibited", rf"(?:{_TRAIN}|{_AI}|{_TDM})[^.;]{{0,80}}\b(?:is|are) (?:strictly |expressly )?(?:prohibited|forbidden|not (?:permitted|allowed))", _ALL_AI),
    ("en-tdm-reserved", rf"{_TDM}[^.;]{{0,80}}\b(?:reserved|opt(?:ed|s)? out|excluded)\b|\breserv\w*\b[^.;]{{0,80}}{_TDM}|\bopt(?:s|ed)?[- ]out\b[^.;]{{0,40}}{_TDM}", _ALL_AI),
    ("de-vorbehalten", rf"{_TDM}[^.;]{{0,100}}\bvorbehalten|\bvorbehalt\w*\b[^.;]{{0,60}}(?:{_TDM}|§ ?44b)|§ ?44b[^.;]{{0,60}}vorbehalt", _ALL_AI),
    ("de-darf-nicht", rf"\b(?:darf|dürfen)\b[^.;]{{0,40}}\bnicht\b[^.;]{{0,60}}(?:{_TRAIN}|{_AI})", _ALL_AI),
    ("de-untersagt", rf"(?:{_TRAIN}|{_AI})[^.;]{{0,80}}\b(?:untersagt|verboten|nicht (?:gestattet|erlaubt|zulässig))|\b(?:untersagt|verboten)\b[^.;]{{0,80}}(?:{_TRAIN}|{_AI})", _ALL_AI),
    ("fr-reservee", rf"{_TDM}[^.;]{{0,100}}\b(?:réservée?s?|interdite?s?|exclue?s?)\b|\bs'oppose\w*\b[^.;]{{0,60}}{_TDM}", _ALL_AI),
    ("fr-interdit", rf"\b(?:interdi\w*|pas autorisé\w*|ne (?:peu\w+|doi\w+) pas être utilisé\w*)\b[^.;]{{0,80}}(?:{_TRAIN}|{_AI})", _ALL_AI),
    ("fr-est-interdit", rf"(?:{_TRAIN}|{_AI})[^.;]{{0,80}}\b(?:est|sont) (?:strictement |formellement )?(?:interdite?s?|prohibée?s?)|(?:{_TRAIN}|{_AI})[^.;]{{0,80}}\bn'est pas (?:autorisée?|permise?)", _ALL_AI),
    ("es-reservada", rf"{_TDM}[^.;]{{0,100}}\b(?:reservad[ao]s?|prohibid[ao]s?|excluid[ao]s?)\b|\bprohibid[ao]s?\b[^.;]{{0,60}}{_TDM}", _ALL_AI),
    ("it-riservata", rf"{_TDM}[^.;]{{0,100}}\b(?:riservat[aoie]|vietat[aoie]|esclus[aoie])\b|\bvietat[aoie]\b[^.;]{{0,60}}{_TDM}", _ALL_AI),
    ("it-vietato", rf"\b(?:vietat[aoie]|non (?:è |e )?(?:consentit[aoie]|autorizzat[aoie]|permess[aoie])|non pu[oò] essere utilizzat\w*)\b[^.;]{{0,80}}(?:{_TRAIN}|{_AI})|(?:{_TRAIN}|{_AI})[^.;]{{0,80}}\b(?:è|sono) (?:severamente |espressamente )?vietat\w*", _ALL_AI),
    ("pt-reservada", rf"{_TDM}[^.;]{{0,100}}\b(?:reservad[ao]s?|proibid[ao]s?)\b", _ALL_AI),
    ("pt-proibido", rf"\b(?:proibid[ao]s?|não (?:é )?(?:permitid\w*|autorizad\w*)|não pode\w* ser utilizad\w*)\b[^.;]{{0,80}}(?:{_TRAIN}|{_AI})|(?:{_TRAIN}|{_AI})[^.;]{{0,80}}\b(?:é|são) (?:expressamente |estritamente )?proibid\w*", _ALL_AI),
    ("nl-voorbehouden", rf"{_TDM}[^.;]{{0,100}}\b(?:voorbehouden|verboden|uitgesloten)\b", _ALL_AI),
    ("nl-verboden", rf"\b(?:verboden|niet toegestaan|mag niet|mogen niet)\b[^.;]{{0,80}}(?:{_TRAIN}|{_AI})|(?:{_TRAIN}|{_AI})[^.;]{{0,80}}\b(?:is|zijn) (?:uitdrukkelijk |strikt )?(?:verboden|niet toegestaan)", _ALL_AI),
    ("es-prohibido", rf"\b(?:prohibid[ao]s?|queda prohibid\w*|no (?:se )?(?:permite|autoriza|podrá|puede)\w*)\b[^.;]{{0,80}}(?:{_TRAIN}|{_AI})", _ALL_AI),
)  # fmt: skip
_GRANT: tuple[tuple[str, str, tuple[str, ...]], ...] = (
    ("en-may-train", rf"\b(?:may|can|are free to|are welcome to|is free to)\b[^.;]{{0,60}}\buse\b[^.;]{{0,60}}{_TRAIN}[^.;]{{0,40}}{_AI}", ("ai-train",)),
    ("en-permit-ai", rf"\b(?:permit|allow|welcome|grant\w*)\b[^.;]{{0,60}}{_AI}[^.;]{{0,40}}\b(?:train\w*|use|crawl\w*|index\w*)", _ALL_AI),
    ("de-darf", rf"\b(?:darf|dürfen)\b[^.;]{{0,80}}(?:{_TRAIN}|{_AI})[^.;]{{0,60}}\b(?:verwendet|genutzt|eingesetzt)", _ALL_AI),
    ("fr-peut", rf"\b(?:peu\w+|êtes autorisé\w*)\b[^.;]{{0,60}}\butilis\w*\b[^.;]{{0,60}}(?:{_TRAIN}|{_AI})", _ALL_AI),
    ("es-puede", rf"\b(?:puede\w*|está permitid\w*|se permite)\b[^.;]{{0,60}}\b(?:usar|utilizar|uso)\b[^.;]{{0,60}}(?:{_TRAIN}|{_AI})", _ALL_AI),
)  # fmt: skip
_RESERVES = [(rule, re.compile(pattern), uses) for rule, pattern, uses in _RESERVE]
_GRANTS = [(rule, re.compile(pattern), uses) for rule, pattern, uses in _GRANT]
_NEGATION = re.compile(_NEG)
# A statement about AI must name what it covers (the content, its use), unless it reserves mining, which is
# always about the content: "You cannot use our AI assistant offline" is not a reservation.
_OBJECT = re.compile(
    r"\b(?:content|contents|material|materials|texts?|articles?|stories|works?|publications?|data|site|website"
    r"|pages?|information|images?|photos?|this|use of|inhalte?|artikel|werke?|beitr\w+|daten|webseite|seiten?"
    r"|angebot\w*|nutzung|verwendung|vervielfältigung|contenus?|œuvres?|données|utilisation|contenidos?"
    r"|artículos?|textos?|obras?|publicaci\w+|datos|sitio|páginas?|uso|utilizaci\w+|contenut[oi]|articol[oi]"
    r"|testi|opere?|dati|utilizzo|conteúdos?|artigos?|dados|utilização|inhoud|artikelen|gegevens|gebruik)\b"
)
_ABOUT_CONTENT = frozenset(
    {"en-tdm-reserved", "de-vorbehalten", "fr-reservee", "es-reservada", "it-riservata", "pt-reservada",
     "nl-voorbehouden"}
)  # fmt: skip
# Training means AI training only when the sentence names AI, a model or mining ("staff training" does not).
_ABOUT_AI = re.compile(rf"{_AI}|{_TDM}|\bmod(?:el|èle|elo|ello)s?\b|\bmodelle?n?\b|\bmodelli\b|\balgorithm")
_TRAINING = re.compile(_TRAIN)
_MINING = re.compile(_TDM)
# The article body counts only when the sentence speaks of this content.
_THIS_CONTENT = re.compile(
    r"\bthis (?:content|article|story|site|website|page|material|text|publication|work|newsletter|post)"
    r"|\bour (?:content|articles|stories|website|site|material|publications)|\bthe content of this\b"
    r"|\bdiese[rsmn]? (?:inhalte?|artikel|website|seite|beitrag|text|publikation|angebot)|\bunsere[rn]? (?:inhalte|artikel|website)"
    r"|\b(?:ce|cet|cette|ces) (?:contenus?|articles?|site|publications?|textes?|pages?)|\bnos (?:contenus|articles)"
    r"|\b(?:este|esta|estos|estas) (?:contenidos?|artículos?|sitio|web|páginas?|publicaci\w+|textos?)"
    r"|\bnuestros (?:contenidos|artículos)|\bquest[oa] (?:contenuto|articolo|sito|pagina|pubblicazione)"
    r"|\bi nostri contenuti|\b(?:este|esta) (?:conteúdo|artigo|site|página|publicação)|\bnossos conteúdos"
    r"|\bdeze (?:inhoud|website|site|pagina|publicatie)|\bdit artikel|\bonze (?:inhoud|artikelen|website)"
)
_SENTENCE = re.compile(r"(?<=[.!?])\s+")
_NEVER = frozenset({Zone.COMMENTS, Zone.ASIDE, Zone.NAV, Zone.HTML_COMMENT})
MAX_BLOCK_CHARS = 3000


def detect_ai_statements(page: Page, text: PageText | None = None) -> list[AiSignal]:
    """Signals from sentences that reserve or grant AI use, with the sentence as evidence."""
    text = text or PageText(page)
    signals: list[AiSignal] = []
    seen: set[tuple[str, str]] = set()
    for block in text.having(GATE_WORDS):
        if block.zone in _NEVER or block.quoted or len(block.text) > MAX_BLOCK_CHARS or in_media(block):
            continue  # comments, asides, quotations, a whole page in one block, a caption (its picture's terms)
        for sentence in _SENTENCE.split(block.text):
            for use, preference, rule in _read_sentence(sentence, block):
                if (use, sentence) in seen:
                    continue
                seen.add((use, sentence))
                where = f"page text ({_zone_name(block)})"
                evidence = block_evidence(block, f"ai-text:{rule}", sentence)
                signals.append(AiSignal("terms_text", use, preference, where, f"“{evidence.text}”", evidence))
    return signals


def _read_sentence(sentence: str, block: TextBlock) -> list[tuple[str, str, str]]:
    lower = " " + sentence.lower() + " "
    in_body = block.zone is Zone.MAIN or (block.in_article and block.zone is not Zone.FOOTER)
    if in_body and not _THIS_CONTENT.search(lower):
        return []
    if not _ABOUT_AI.search(lower):
        return []
    names_object = bool(_OBJECT.search(lower))
    for rule, pattern, uses in _RESERVES:
        match = pattern.search(lower)
        if match and (names_object or rule in _ABOUT_CONTENT):
            return [(use, "disallowed", rule) for use in _narrowed(match.group(0), uses)]
    for rule, pattern, uses in _GRANTS:
        match = pattern.search(lower)
        if match and names_object and not _NEGATION.search(match.group(0)):
            return [(use, "allowed", rule) for use in _narrowed(match.group(0), uses)]
    return []


def _narrowed(words: str, uses: tuple[str, ...]) -> tuple[str, ...]:
    """A statement about training, and not about mining, speaks of `ai-train` only."""
    return ("ai-train",) if _TRAINING.search(words) and not _MINING.search(words) else uses


def _zone_name(block: TextBlock) -> str:
    if block.zone is Zone.MAIN:
        return "article"
    return "footer" if block.zone is Zone.FOOTER else block.zone.value
