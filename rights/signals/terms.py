"""Reuse terms: text that grants or refuses republication -> a stance (`permissive`, `conditional`,
`restrictive`) and the conditions it states (credit the source, include the copyright line, link to the
original, non-commercial only, no edits, whole articles only, share alike) plus a contact for other uses.

"All rights reserved" on its own is a copyright notice, not reuse terms. A Creative Commons licence counts as
conditional terms (CC0 and the Public Domain Mark as permissive). Pure.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from rights.models import Condition, Evidence, Zone
from rights.page.models import Page, TextBlock
from rights.signals.common import PageText, block_evidence, clip, minimal_words
from rights.signals.models import License, ReuseTerms

_REUSE_VERB = (
    r"(?:re-?)?(?:publish|print|produc|distribut|post|broadcast|transmit|cop(?:y|ied)|dupli|shar"
    r"|disseminat|syndicat|cach|display|frame|rewrit|translat|adapt)\w*"
)
_RESTRICT = [re.compile(p, re.I) for p in (
    r"\b(?:may|must|shall|can|could) ?not\b(?:\s+\w+){0,2}\s+be\s+(?:\w+ed,?\s+(?:or\s+)?){0,6}" + _REUSE_VERB,
    r"\bcannot be\s+(?:\w+ed,?\s+(?:or\s+)?){0,4}" + _REUSE_VERB,
    r"\b(?:reproduction|republication|redistribution|republishing|reproducing|copying|reprinting|duplication"
    r"|redissemination|distribution|reuse|re-use|use)\b[^.;]{0,160}\b(?:prohibited|forbidden|not permitted"
    r"|not allowed|is strictly|are strictly|untersagt|verboten|interdite?s?|prohibida)",
    r"\b(?:prohibited|forbidden|not permitted)\b[^.;]{0,40}\b(?:reproduc|republi|cop|distribut|reprint)",
    r"\bwithout\s+(?:the\s+|our\s+|my\s+)?(?:[\w-]+\s+){0,3}(?:permission|consent|authori[sz]ation|agreement)\b",
    r"\bdo not (?:re-?)?(?:produce|publish|print|distribute|redistribute|copy|post|use)\b",
    r"\bno part (?:of\b[^.;]{0,120})?\bmay be\b",
    r"\b(?:only|solely)\s+(?:through|with|by)\s+(?:the\s+)?(?:prior\s+)?(?:written\s+)?permission",
    r"\bpermission to (?:copy|reprint|republish|reproduce)\b",
    r"\bfor (?:reprint|syndication|republication|reproduction) (?:rights|permissions?)\b",
    r"\bcontact (?:me|us) for (?:syndication|republishing|reprint)",
    r"\bnutzungsrechte erwerben|\bnachdruck\b[^.;]{0,60}\b(?:nur|untersagt|verboten|nicht)\b"
    r"|\bohne\s+(?:vorherige\s+)?(?:schriftliche\s+)?(?:genehmigung|zustimmung|erlaubnis)",
    r"\b(?:toute )?reproduction (?:m[êe]me partielle )?(?:est )?interdite|\bsans (?:l.)?autorisation\b",
    r"\bqueda (?:totalmente )?prohibida|\bprohibida (?:su|la) reproducci[óo]n|\bsin (?:previa )?autorizaci[óo]n\b",
    r"\b(?:riproduzione riservata|vietata la riproduzione)",
    r"無断(?:転載|複製|使用)|転載を禁|禁止转载|未经授权",
    # "for your personal, non-commercial use only": no republication
    r"\b(?:for\s+)?(?:your\s+)?(?:own\s+)?personal(?:,?\s+(?:and\s+)?non-?commercial)?\s+use\s+only\b"
    r"|\bsolely\s+for\s+(?:your\s+)?personal\b|\bnur\s+(?:zum|für den)\s+(?:privaten|persönlichen)\s+gebrauch"
    r"|\busage\s+(?:strictement\s+)?personnel\b|\buso\s+(?:exclusivamente\s+)?personal\b",
    # "to inquire about a licence to reproduce, visit our Syndication site", "for reprints contact ..."
    r"\b(?:to\s+(?:inquire|enquire|ask)\s+about|for|to\s+(?:obtain|request|purchase|buy))\s+(?:an?\s+)?"
    r"(?:licen[cs]e|permission|rights?)\s+to\s+(?:re-?)?(?:produce|publish|print|use|syndicate|distribute)"
    r"|\bvisit\s+our\s+syndication\b|\b(?:for|about)\s+(?:reprints?|syndication|licensing|republication)"
    r"\s*(?:rights|requests|inquiries|enquiries|permissions?|please|,|:|contact|visit|e-?mail|write)"
    r"|\bcontact\s+(?:me|us|our\s+\w+(?:\s+\w+)?)\s+(?:for|about|to)\s+(?:\w+\s+)?(?:syndicat|republish|reprint"
    r"|licens|reproduc|reuse)",
    # "to republish any material, please e-mail me and ask", "please don't use it without asking"
    r"\bto\s+(?:re-?publish|reprint|reproduce|reuse|use)\s+(?:any|this|our|my)\s+(?:\w+\s+)?(?:material|content|article"
    r"|text|work|post|story|photo)s?[^.;]{0,20}\b(?:please\s+)?(?:e-?mail|contact|write|ask)"
    r"|\b(?:don.?t|do\s+not|please\s+do\s+not)\s+(?:re-?)?(?:use|copy|post|publish|reproduce)\s+(?:it|this|them|my"
    r"|our|any)\b[^.;]{0,40}\bwithout",
)]  # fmt: skip
_GRANT = [re.compile(p, re.I) for p in (
    r"\b(?:may|can)\s+(?:be\s+)?(?:freely\s+)?(?:re-?printed|re-?published|reproduced|distributed|copied|duplicated"
    r"|cross-?posted|shared|republish|reprint|reproduce|distribute|copy|share|repost|re-?used?)\b",
    r"\b(?:grants?|granted|gives?|given)\s+(?:you\s+)?permission\s+to\s+(?:re-?)?(?:publish|print|produc|cop|use"
    r"|cross-?post|distribut|shar|post|translat)",
    r"\b(?:is|are|you are|you're)\s+(?:welcome|free|encouraged|invited)\s+to\s+(?:re)?(?:publish|print|post|share"
    r"|use|cop|distribut|reproduc)",
    r"\bfeel free to\s+(?:re-?)?(?:publish|print|post|share|cop|distribut|reproduc|circulat|forward|pass\s+(?:it|them"
    r"|this)\s+on|reuse|re-use)",
    r"\b(?:available|licen[cs]ed|published|released|distributed)\s+under\s+(?:a\s+|the\s+)?creative\s+commons",
    r"\bpermission (?:is )?(?:hereby )?granted\b",
    r"\b(?:republish|reprint|reuse|share) (?:this|our) (?:article|story|stories|content|work)\b(?! on)",
    r"\b(?:abdruck|nachdruck|ver[öo]ffentlichung|verwendung)\b[^.;]{0,60}\b(?:honorarfrei|gestattet|erlaubt|frei)",
    r"\breproduction autoris[ée]e\b|\bse permite (?:la )?reproducci[óo]n\b|\blibre de droits?\b",
)]  # fmt: skip
_FREE = re.compile(
    r"\bhonorarfrei\b|\bfree of charge\b|\bwithout (?:any )?restrictions?\b|\bno permission (?:is )?(?:needed|required)"
    r"|\bin the public domain\b|\bpublic domain\b|\bno rights reserved\b",
    re.I,
)
_CONDITION_WORDS: tuple[tuple[str, str, str], ...] = (
    ("credit_source", r"\bcredit|\battribut|\backnowledg|\bciting\b|\bcite\b|\bthe source\b|\bquellenangabe"
                     r"|\bquelle\b|\bciter?\b|\bcitando\b|\bmention", "credit the source"),
    ("include_copyright", r"\bcopyright\b[^.;]{0,30}\b(?:acknowledg|notice|line|retain|includ|intact)"
                          r"|(?:retain|include|keep)\w*[^.;]{0,30}\bcopyright", "include the copyright line"),
    ("link_original", r"\bhyper-?link|\blink(?:ing)? (?:back|to)\b|\bback-?link|\boriginal (?:url|link|article)"
                      r"|\bactive link|\blien\b|\benlace\b", "link to the original"),
    ("noncommercial", r"\bnon-?commercial|\bnon-?profit|\bnot[- ]for[- ]profit|\bnot for commercial|\beducational"
                      r"|\bpersonal use\b|\bnicht[- ]?kommerziell|\bsin (?:fines de )?lucro|\bnon lucratif"
                      r"|\bwithout charge\b", "non-commercial use only"),
    ("no_edits", r"\bunchanged\b|\bunaltered\b|\bunedited\b|\bwithout (?:any )?(?:change|modification|alteration|edit)"
                 r"|\bverbatim\b|\bno (?:changes|edits|modifications)\b|\bnot (?:be )?(?:edited|modified|altered)"
                 r"|\bmay not be copied in part\b|\bohne (?:jede )?(?:änderung|veränderung)|\bsans modification"
                 r"|\bsin modificar", "no edits"),
    ("whole_only", r"\bin (?:its|their) entirety\b|\bentire (?:article|handout|text|story)\b|\bin full\b",
                   "republish whole articles only"),
    ("share_alike", r"\bshare[- ]?alike\b|\bsame licen[cs]e\b", "share adaptations under the same licence"),
)  # fmt: skip
_CONDITIONS = [(kind, re.compile(p, re.I), text) for kind, p, text in _CONDITION_WORDS]
_EMAIL = re.compile(r"[\w.+-]+\s?(?:@|\[at\]|\(at\))\s?[\w-]+(?:\.[\w-]+)+", re.I)
_CONTACT_URL = re.compile(
    r"https?://[^\s<>\"')]+(?:permission|reprint|syndicat|licens|rights)[^\s<>\"')]*", re.I
)
_SENTENCES = re.compile(r"(?<=[.!?。])\s+|(?<=。)")
# A sentence that says nothing about reuse holds none of these (case-folded; a plain substring test is about
# twenty times faster than the same alternation as a case-insensitive regex).
_TRIGGERS = (
    "reproduc", "republi", "reprint", "re-print", "redistribut", "crosspost", "cross-post", "copied", "copying",
    "permission", "prohibit", "forbidden", "may not be", "cannot be", "welcome to", "free to", "nachdruck",
    "abdruck", "vervielf", "nutzungsrechte", "genehmigung", "interdit", "prohibida", "autorizaci", "riproduzione",
    "転載", "复制", "转载", "honorarfrei", "broadcast", "duplicated", "licenc", "licens", "personal use",
    "personal, non", "personal and non", "personnel", "persönlichen gebrauch", "privaten gebrauch", "syndication",
    "uso personal", "don't use", "do not use", "dont use", "copy this", "copy our", "freely", "circulat",
)  # fmt: skip


def _triggered(sentence: str) -> bool:
    folded = sentence.casefold()
    return any(word in folded for word in _TRIGGERS)


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
    r"|contenidos?|notas?|記事|写真|内容)\b|記事|転載|転用|เนื้อหา",
    re.I,
)


_STRONG = re.compile(
    r"\b(?:reproduction|republication|redistribution|reprint rights|republish|unauthori[sz]ed|no part\b|nachdruck"
    r"|vervielf[äa]ltigung"
    r"|nutzungsrechte|reproducci[óo]n|riproduzione|permission to|non-?profit|non-?commercial)|転載|複製",
    re.I,
)


_PRIVACY = re.compile(
    r"\b(?:your (?:details|data|information|e-?mail|address|personal (?:data|details|information)|permission|consent)"
    r"|personal (?:data|information)"
    r"|privacy|cookies?|unsubscribe)\b",
    re.I,
)


# The subject of a grant that is another work, not this page: "released his designs under a licence".
_OTHER_WORK = re.compile(
    r"\b(?:his|her|their|its|the)\s+(?:own\s+)?(?:designs?|software|code|firmware|files?|models?|photos?|images?"
    r"|music|songs?|tunes|data|dataset|fonts?|apps?|games?|videos?|recordings?)\b[^.;]{0,40}\b(?:under|can be|may be)"
    r"|\b(?:tunes|songs|files|apps|software|music|recordings|programs?)\s*,?\s+(?:which|that)\s+(?:can|may)\s+be\b",
    re.I,
)

_SELF_REF = re.compile(
    r"\b(?:this|our|these)\s+(?:\w+\s+)?(?:articles?|stor(?:y|ies)|material|content|site|website"
    r"|posts?|work|text|report|column|document|page)\b",
    re.I,
)


def _classify(sentence: str, short_block: bool, body: bool = False) -> str | None:
    """A refusal wins over a grant in the same sentence ("may be republished only with written permission").

    Outside a short notice, a sentence must name what it is about (content, articles, this site) or use the
    vocabulary of reuse, so that "jobs may be reprinted" in a printer manual is not taken for terms.
    """
    if _PRIVACY.search(sentence):
        return None
    if body and not (_STRONG.search(sentence) or _SELF_REF.search(sentence)):
        return None  # a long paragraph of the article body speaks of other things unless it says so
    if not (
        short_block
        or _OBJECT.search(sentence)
        or _STRONG.search(sentence)
        or any(pattern.search(sentence) for _, pattern, _ in _CONDITIONS)
    ):
        return None
    if any(p.search(sentence) for p in _RESTRICT):
        return "restrictive"
    if any(p.search(sentence) for p in _GRANT):
        if _OTHER_WORK.search(sentence):
            return None  # a grant about another work ("released his designs under ...")
        if _FREE.search(sentence) and not any(c.search(sentence) for _, c, _ in _CONDITIONS):
            return "permissive"
        return "conditional"
    return None


def _meta_statements(page: Page) -> list[_Statement]:
    found = []
    for name in ("copyright", "rights", "dc.rights", "dcterms.rights", "dcterms.accessrights"):
        for value in page.meta.get(name, ()):
            for sentence in _SENTENCES.split(value):
                stance = _classify(sentence, True) if _triggered(sentence) else None
                if stance is not None:
                    block = TextBlock(value[:300], Zone.META, f"meta[name={name}]", "meta", False, -1)
                    found.append(_Statement(stance, sentence.strip(), block, 1))
    return found


TRIGGER_WORDS = minimal_words((
    "reproduc", "republi", "reprint", "re-print", "redistribut", "crosspost", "cross-post", "cross post", "copied",
    "copying", "permission", "prohibit", "forbidden", "may not be", "cannot be", "welcome to", "free to",
    "nachdruck", "abdruck", "vervielf", "nutzungsrechte", "genehmigung", "interdit", "prohibida", "autorizaci",
    "riproduzione", "転載", "复制", "转载", "honorarfrei", "broadcast", "duplicated", "licens", "licenc", "do not",
    "may be", "can be", "riservat", "無断", "personal use", "personal, non", "personal and non", "personnel",
    "persönlichen gebrauch", "privaten gebrauch", "syndication", "uso personal", "don't use", "dont use",
    "copy this", "copy our", "freely", "circulat",
))  # fmt: skip


def _statements(page: Page, text: PageText) -> list[_Statement]:
    found = _meta_statements(page)
    for block in text.having(TRIGGER_WORDS):
        if block.zone in (Zone.COMMENTS, Zone.NAV) or len(block.text) > 3000:
            continue
        for sentence in _SENTENCES.split(block.text):
            if len(sentence) < 12 or not _triggered(sentence):
                continue
            stance = _classify(sentence, len(block.text) <= 300, body=block.zone is Zone.MAIN)
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
        Condition("name_license", f"name and link the licence ({lic.id})"),
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
