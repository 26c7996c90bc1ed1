"""Reuse terms: text that grants or refuses republication -> a stance (`permissive`, `conditional`,
`restrictive`) and the conditions it states (credit the source, include the copyright line, link to the
original, non-commercial only, no edits, whole articles only, share alike) plus a contact for other uses.

"All rights reserved" on its own is a copyright notice, not reuse terms. A Creative Commons licence counts as
conditional terms (CC0 and the Public Domain Mark as permissive). Pure.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from rights.models import Condition, Evidence, Zone
from rights.page.models import Page, TextBlock
from rights.signals.common import PageText, block_evidence, clip, minimal_words
from rights.signals.license_names import license_name
from rights.signals.models import License, ReuseTerms
from rights.signals.terms_languages import DUTCH, FRENCH, ITALIAN, PORTUGUESE, SPANISH
from rights.signals.terms_phrases import (
    ENGLISH,
    GERMAN,
    OTHER_WORDS,
    RESTRICT,
    Rule,
    alt,
    compose,
    free_pattern,
    other_rules,
)

GRAMMARS = (ENGLISH, GERMAN, FRENCH, SPANISH, ITALIAN, PORTUGUESE, DUTCH)
_LANGUAGES = [(g.words, compose(g)) for g in GRAMMARS] + [(OTHER_WORDS, other_rules())]
_FREE = free_pattern(GRAMMARS)
_CONDITION_WORDS: tuple[tuple[str, str, str], ...] = (
    ("credit_source", r"\bcredit|\battribut|\backnowledg|\bciting\b|\bcite\b|\bthe source\b|\bquellenangabe"
                     r"|\bquelle\b|\bnamensnennung|\bunter nennung|\bciter?\b|\bcitant\b|\bmention\w* (?:de|du)"
                     r"|\bcitando\b|\bcitar\b|\bcitad[ao]\b|\bindicando\b|\bmencionando\b|\bcitazione|\bbronvermelding|\bnaamsvermelding"
                     r"|\bmet vermelding|\bmention|注明|註明|出典|ссылк\w* на (?:источник|сайт|автора)|\bpodaniem źródła",
                     "credit the source"),
    ("include_copyright", r"\bcopyright\b[^.;]{0,30}\b(?:acknowledg|notice|line|retain|includ|intact)"
                          r"|(?:retain|include|keep)\w*[^.;]{0,30}\bcopyright|copyright-?(?:vermerk|hinweis)",
                          "include the copyright line"),
    ("link_original", r"\bhyper-?link|\blink(?:ing)? (?:back|to)\b|\bback-?link|\boriginal (?:url|link|article)"
                      r"|\bactive link|\bverlinkung|\blink zum|\blien\b|\bhyperlien|\benlace\b|\bcollegamento"
                      r"|\blink (?:attivo|ativo|direto|naar)|链接|鏈接|リンク|активн\w* (?:гипер)?ссылк|гиперссылк",
                      "link to the original"),
    ("noncommercial", r"\bnon-?commercial|\bnon-?profit|\bnot[- ]for[- ]profit|\bnot for commercial|\b(?:for )?educational (?:use|purposes)\b|\bfor educational\b"
                      r"|\bpersonal use\b|\bnicht[- ]?kommerziell|\bsin (?:fines de )?lucro|\bno comercial"
                      r"|\bsin fines comerciales|\bnon lucratif|\bnon commercia|\bfins non commerciales"
                      r"|\bsem fins (?:comerciais|lucrativos)|\bn[ãa]o comercia|\bniet[- ]commercie|非商业|非營利|非営利"
                      r"|некоммерческ|\bwithout charge\b|\bnoncommercial", "non-commercial use only"),
    ("no_edits", r"\bunchanged\b|\bunaltered\b|\bunedited\b|\bwithout (?:any )?(?:change|modification|alteration|edit)"
                 r"|\bverbatim\b|\bno (?:changes|edits|modifications)\b|\bnot (?:be )?(?:edited|modified|altered)"
                 r"|\bno[- ]?deriv|\bmay not be copied in part\b|\bohne (?:jede )?(?:änderung|veränderung)"
                 r"|\bunver[äa]ndert|\bkeine bearbeitung|\bsans modification|\bsin (?:modificar|modificaciones|alteraci)"
                 r"|\bsenza modific|\bsem (?:altera|modifica)|\bongewijzigd|\bzonder wijziging|不得(?:修改|篡改)"
                 r"|без изменени", "no edits"),
    ("whole_only", r"\bin (?:its|their) entirety\b|\bentire (?:article|handout|text|story)\b|\bin full\b"
                   r"|\bvollst[äa]ndig|\bint[ée]gral|\bíntegramente|\ben su totalidad|\bintegralmente|\bna íntegra"
                   r"|\bin zijn geheel", "republish whole articles only"),
    ("share_alike", r"\bshare[- ]?alike\b|\bsame licen[cs]e\b|\bunter gleichen bedingungen|\bm[êe]mes conditions"
                    r"|\bcompartir ?igual|\bstesso modo|\bcompartilha ?igual|\bgelijk delen",
                    "share adaptations under the same licence"),
)  # fmt: skip
# A licence code in a sentence ("licensed under CC BY-NC-SA 4.0") states its conditions too.
_CC_NAMED = re.compile(r"\bcreative[\s-]*commons\b|\bcc[\s-]+by\b", re.I)
_CC_ZERO = re.compile(r"\bcc[\s-]?(?:0|zero)\b|\bpublic\s+domain\b", re.I)
_CC_CODE = re.compile(r"\bcc[\s-]+by((?:[\s-]+(?:nc|nd|sa))*)\b", re.I)
_CONDITIONS = [(kind, re.compile(p, re.I), text) for kind, p, text in _CONDITION_WORDS]
_ANY_CONDITION = re.compile("|".join(p for _, p, _ in _CONDITION_WORDS), re.I)
_EMAIL = re.compile(r"[\w.+-]+\s?(?:@|\[at\]|\(at\))\s?[\w-]+(?:\.[\w-]+)+", re.I)
# A page about permissions, reprints or syndication; a licence's own deed is not a contact.
_CONTACT_URL = re.compile(
    r"https?://(?!(?:www\.)?(?:creativecommons\.org|gnu\.org|opensource\.org|opendatacommons\.org)/)"
    r"[^\s<>\"')]+(?:permission|reprint|syndicat|licens|rights)[^\s<>\"')]*",
    re.I,
)
_SENTENCES = re.compile(r"(?<=[.!?。])\s+|(?<=。)")
# Each language's gate words, as searched in the page's one Aho-Corasick pass (`PageText.positions`); a
# sentence holding none of a language's words skips its rules (a plain substring test is about twenty times
# faster than the same alternation as a case-insensitive regex).
_LANGUAGE_WORDS = [minimal_words(words) for words, _ in _LANGUAGES]


def _languages(folded: str, among: Iterable[int] = range(len(_LANGUAGES))) -> list[int]:
    """The languages whose gate words a (case-folded) sentence holds."""
    return [i for i in among if any(word in folded for word in _LANGUAGES[i][0])]


_LICENSE_CONDITIONS = {
    "nc": ("noncommercial", "non-commercial use only"),
    "nd": ("no_edits", "no adaptations (no derivatives)"),
    "sa": ("share_alike", "share adaptations under the same licence"),
}


@dataclass(frozen=True, slots=True)
class _Statement:
    stance: str
    text: str
    block: TextBlock
    rank: int  # 0 article, 1 site


_OBJECT = re.compile(
    r"\b(?:articles?|content|contents|materials?|text|texts|stor(?:y|ies)|site|website|web site|pages?|works?"
    r"|posts?|blog|documents?|publications?|photos?|photographs?|copyright|newsletters?|columns?|reports?"
    r"|feeds?|news|screen|service|this|these|our|my|inhalte?|artikel|beitr[äa]ge?|texte|contenus?|art[íi]culos?"
    r"|contenidos?|notas?|contenuti|articoli|testi|conte[úu]dos?|artigos|mat[ée]rias?|inhoud|artikelen|teksten"
    r"|記事|写真|内容)\b|記事|転載|転用|เนื้อหา|本网|本站|文章|稿件|材料|материал",
    re.I,
)
# What a weak verb ("use", "share", "publish") must speak of to state reuse terms: the content itself.
_CONTENT = re.compile(
    r"\b(?:articles?|content|contents|materials?|texts?|stor(?:y|ies)|posts\b|blog\s+posts?|photos?|photographs?"
    r"|images?|columns?|reports?|news|features?|essays?|handouts?|guides?|newsletters?|editorials?|works?"
    r"|inhalte?|artikel|beitr[äa]ge?|texte|fotos|bilder|contenus?|textes|art[íi]culos?|contenidos?|materiales"
    r"|textos|fotograf[íi]as|contenuti|articoli|testi|conte[úu]dos?|artigos|mat[ée]rias?|inhoud|artikelen"
    r"|teksten)\b|^\W*(?:it|they|this|these)\s+(?:may|must|can|cannot|shall)\b",
    re.I,
)
# The vocabulary of reuse: a sentence holding it may state terms wherever it stands.
_STRONG = re.compile(
    r"\b(?:reprint rights|republish|unauthori[sz]ed|no part\b|nutzungsrechte|verveelvoudig|permission to"
    r"|non-?profit|non-?commercial|licen[cs]ed under|available under|creative commons|"
    + alt(tuple(noun for g in GRAMMARS for noun in g.strong_noun))
    + r")|転載|複製|转载",
    re.I,
)
# Not reuse terms: privacy and cookie notices, comment policies, licences granted by users to the site, a
# disclaimer about others' content, reproducible builds and bugs, medical disclaimers.
_TRAPS = re.compile(
    r"\b(?:your (?:details|data|information|e-?mail|address|personal (?:data|details|information)|permission"
    r"|consent|comments?|posts?|submissions?|contributions?|content|photos?|letters?|questions?)"
    r"|personal (?:data|information)|privacy|cookies?|unsubscribe|datos personales|données personnelles"
    r"|personenbezogene\w* daten|dati personali|dados pessoais|persoonsgegevens"
    r"|(?:comments?|letters?|submissions?|reviews?|user[- ]generated)\s+(?:\w+\s+){0,3}?(?:may|will|can|must)\b"
    r"|by\s+(?:submitting|posting|uploading|sending|contributing|commenting)"
    r"|you\s+(?:hereby\s+)?grant\s+(?:us|to\s+us|\w+\s+(?:an?|the)\s)|grants?\s+(?:to\s+)?us\b"
    r"|held\s+(?:responsible|liable)|reflect\s+the\s+views"
    r"|(?:bug|issue|error|problem|crash|results?|experiments?|findings?|effects?|behaviou?r|builds?)\s+"
    r"(?:\w+\s+){0,3}?(?:cannot|can.t|could\s*not|couldn.t|is|are|was|were)\s+(?:\w+\s+)?reproduc"
    r"|substitute\s+for|used\s+(?:as|in\s+place\s+of)\s+(?:a\s+)?(?:substitute|medical|legal|professional)"
    r"|new\s+threads?|post\s+(?:new\s+)?(?:replies|attachments|polls)|edit\s+your\s+posts?"
    r"|syndicat\w*\s+(?:\w+\s+){0,3}?(?:using|via|with|through|in)\s+(?:\w+\s+){0,2}?(?:rss|feeds?|xml|atom|file|reader))",
    re.I,
)
# The subject of a grant that is another work, not this page: "released his designs under a licence".
_OTHER_WORK = re.compile(
    r"\b(?:his|her|their|its|the)\s+(?:own\s+)?(?:designs?|software|code|firmware|files?|models?|photos?|images?"
    r"|music|songs?|tunes|data|dataset|fonts?|apps?|games?|videos?|recordings?)\b[^.;]{0,40}\b(?:under|can be|may be)"
    r"|\b(?:tunes|songs|files|apps|software|music|recordings|programs?)\s*,?\s+(?:which|that)\s+(?:can|may)\s+be\b"
    r"|\b(?:software|code|firmware|source code|code samples?|programs?)\b[^.;]{0,30}\blicen[cs]ed\s+under",
    re.I,
)
_SELF_REF = re.compile(
    r"\b(?:this|our|these)\s+(?:\w+\s+)?(?:articles?|stor(?:y|ies)|material|content|site|website"
    r"|posts?|work|text|report|column|document|page)\b",
    re.I,
)
# A permission word: a grant and a refusal in one sentence that names one is a refusal ("may be republished
# only with written permission").
_PERMISSION = re.compile(
    r"permission|consent|authori[sz]|genehmigung|zustimmung|erlaubnis|autoris|autoriz|permiso|consenso|permesso"
    r"|permiss[ãa]o|toestemming|许可|授权|許可|授權|разрешени|zgod",
    re.I,
)


def _weak(rule: Rule, match: re.Match[str]) -> bool:
    """Whether only a weak verb ("use", "publish") carries the match: no strong one in its span."""
    groups = match.groupdict()
    if not any(v for k, v in groups.items() if k[0] == "w") or any(
        v for k, v in groups.items() if k[0] == "s"
    ):
        return False
    return rule.strong is None or not rule.strong.search(match.group(0))


def _matches(sentence: str, folded: str, languages: list[int]) -> list[tuple[Rule, re.Match[str]]]:
    """The rules of the given languages that match a sentence; a weak verb counts only if the content is
    named."""
    found: list[tuple[Rule, re.Match[str]]] = []
    content: bool | None = None
    for index in languages:
        for rule in _LANGUAGES[index][1]:
            if rule.words and not any(word in folded for word in rule.words):
                continue
            match = rule.pattern.search(sentence)
            if match is None:
                continue
            if rule.kind != "granted" and _weak(rule, match):
                content = bool(_CONTENT.search(sentence)) if content is None else content
                if not content:
                    continue
            found.append((rule, match))
    return found


def _decide(sentence: str, found: list[tuple[Rule, re.Match[str]]]) -> str | None:
    """A refusal alone refuses; a grant alone grants (with conditions unless it says it is free). A grant inside
    a refusal is part of it ("no article may be republished"). Both in one sentence: a grant "without
    permission" needs none; a refusal that requires permission ("only with written permission", "for personal
    use only") wins; a refusal of something else leaves a conditional grant ("may be reprinted, but may not be
    altered")."""
    refusals = [(r, m) for r, m in found if r.stance == RESTRICT]
    spans = [m.span() for _, m in refusals]
    grants = [
        r
        for r, m in found
        if r.stance != RESTRICT and not any(a <= m.start() and m.end() <= b for a, b in spans)
    ]
    if not grants:
        return "restrictive" if refusals else None
    if _OTHER_WORK.search(sentence):
        return None  # a grant about another work ("released his designs under ...")
    free = bool(_FREE.search(sentence))
    if refusals:
        if all(r.kind == "without" for r, _ in refusals):
            free = True  # "may be reprinted without asking permission"
        elif any(r.kind == "permission" for r, _ in refusals) or _PERMISSION.search(sentence):
            return "restrictive"
    if free and not any(pattern.search(sentence) for _, pattern, _ in _CONDITIONS):
        return "permissive"
    return "conditional"


def _classify(
    sentence: str, short_block: bool, body: bool = False, languages: list[int] | None = None
) -> str | None:
    """The stance a sentence states, if it states reuse terms (`languages`: those whose gate words it holds).

    Outside a short notice, a sentence must name what it is about (content, articles, this site) or use the
    vocabulary of reuse, so that "jobs may be reprinted" in a printer manual is not taken for terms.
    """
    folded = sentence.casefold()
    languages = _languages(folded) if languages is None else languages
    if not languages:
        return None
    if body and not (_STRONG.search(sentence) or _SELF_REF.search(sentence)):
        return None  # a long paragraph of the article body speaks of other things unless it says so
    if not (
        short_block or _OBJECT.search(sentence) or _STRONG.search(sentence) or _ANY_CONDITION.search(sentence)
    ):
        return None
    found = _matches(sentence, folded, languages)
    if not found or _TRAPS.search(sentence):
        return None
    return _decide(sentence, found)


def _meta_statements(page: Page) -> list[_Statement]:
    found = []
    for name in ("copyright", "rights", "dc.rights", "dcterms.rights", "dcterms.accessrights"):
        for value in page.meta.get(name, ()):
            for sentence in _SENTENCES.split(value):
                stance = _classify(sentence, True)
                if stance is not None:
                    block = TextBlock(value[:300], Zone.META, f"meta[name={name}]", "meta", False, -1)
                    found.append(_Statement(stance, sentence.strip(), block, 1))
    return found


def _statements(page: Page, text: PageText) -> list[_Statement]:
    """Statements in the page's text: not in readers' comments, and in a navigation bar only a short notice (a
    footer menu that ends with "Content available under a Creative Commons licence")."""
    found = _meta_statements(page)
    opened: dict[int, list[int]] = {}  # block position -> the languages whose gate words it holds
    for language, words in enumerate(_LANGUAGE_WORDS):
        for position in text.positions(words):
            opened.setdefault(position, []).append(language)
    for position in sorted(opened):
        block = text.blocks[position]
        if block.zone is Zone.COMMENTS or len(block.text) > (300 if block.zone is Zone.NAV else 3000):
            continue
        if block.tag in ("figcaption", "caption") or any(
            part.startswith(("figure", "figcaption")) for part in block.path.rsplit(" > ", 2)[-2:]
        ):
            continue  # a caption's terms cover its picture
        sentences = _SENTENCES.split(block.text)
        for sentence in sentences:
            if len(sentence) < 12:
                continue
            languages = opened[position]
            if len(sentences) > 1:  # which of the block's languages this sentence holds
                languages = _languages(sentence.casefold(), languages)
            stance = _classify(sentence, len(block.text) <= 300, block.zone is Zone.MAIN, languages)
            if stance is not None:
                rank = 0 if block.in_article and block.zone is not Zone.ASIDE else 1
                found.append(_Statement(stance, sentence.strip(), block, rank))
    return found


def _conditions(texts: list[str]) -> list[Condition]:
    seen: dict[str, Condition] = {}
    for text in texts:
        for kind, pattern, label in _CONDITIONS:
            if kind not in seen and pattern.search(text):
                seen[kind] = Condition(kind, label)
        if _CC_NAMED.search(text) and not _CC_ZERO.search(text):  # every CC licence but CC0 asks for credit
            seen.setdefault("credit_source", Condition("credit_source", "credit the author and source"))
        code = _CC_CODE.search(text)
        if code:  # "licensed under CC BY-NC-SA 4.0": credit, and each element's condition
            seen.setdefault("credit_source", Condition("credit_source", "credit the source"))
            for element in re.split(r"[\s-]+", code.group(1).lower()):
                if element in _LICENSE_CONDITIONS:
                    kind, label = _LICENSE_CONDITIONS[element]
                    seen.setdefault(kind, Condition(kind, label))
    return list(seen.values())


def _contact(texts: list[str]) -> str | None:
    for text in texts:
        match = _EMAIL.search(text) or _CONTACT_URL.search(text)
        if match:
            email = re.sub(r"\s?(?:\[at\]|\(at\))\s?", "@", match.group(0), flags=re.I)
            return email.replace(" ", "").rstrip(".")
    return None


def _from_license(lic: License) -> ReuseTerms:
    if lic.family in ("cc0", "pdm", "pd"):
        return ReuseTerms("permissive", (), None, lic.evidence[:1])
    conditions = [
        Condition("credit_source", "credit the author and source"),
        Condition("name_license", f"name the licence, {license_name(lic.id)}, and link to it"),
    ]
    for element in lic.code.split("-"):
        if element in _LICENSE_CONDITIONS:
            kind, text = _LICENSE_CONDITIONS[element]
            conditions.append(Condition(kind, text))
    return ReuseTerms("conditional", tuple(conditions), None, lic.evidence[:1])


def detect_terms(page: Page, license: License | None, text: PageText | None = None) -> ReuseTerms | None:
    """The page's reuse terms: explicit statements first (article before site), else its licence."""
    statements = _statements(page, text or PageText(page))
    if license is not None and license.scope == "article" and not any(s.rank == 0 for s in statements):
        return _from_license(license)
    if not statements:
        return _from_license(license) if license is not None else None
    best_rank = min(s.rank for s in statements)
    chosen = [s for s in statements if s.rank == best_rank]
    stances = {s.stance for s in chosen}
    if (
        license is not None
        and best_rank == 1
        and license.scope in ("article", "site")
        and "restrictive" in stances
    ):
        return _from_license(license)  # a site licence beats generic site boilerplate
    stance = next(s for s in ("conditional", "permissive", "restrictive") if s in stances)
    lead = [s for s in chosen if s.stance == stance]
    texts = [s.text for s in lead]
    block_texts = list(dict.fromkeys(s.block.text for s in chosen))
    conditions = _conditions(texts) if stance != "restrictive" else []
    if license is not None and stance == "conditional":
        conditions += [
            c for c in _from_license(license).conditions if c.kind not in {x.kind for x in conditions}
        ]
    evidence: list[Evidence] = [block_evidence(s.block, f"terms-{s.stance}", clip(s.text)) for s in lead[:3]]
    return ReuseTerms(stance, tuple(conditions), _contact(block_texts), tuple(evidence))
