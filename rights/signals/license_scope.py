"""Whose work a licence statement is about, and whether the words state a licence at all.

A licence named on a page may cover the article, the whole site, only the pictures, or another work the page
talks about (a linked report, a dataset, code samples, a quoted source). The statement's subject says which:
the first work noun of the clause before the licence name ("The full *report* is available under CC BY",
"*Photo*: Ann Lee / CC BY-SA", "*Content on this site* is licensed under ..."), read from tables of nouns per
language. In the article body a licence name needs a grant ("licensed under", "sous licence", "bajo una
licencia", "steht unter") or a picture credit around it to be a statement: a licence discussed in prose is not
one. Pure.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from rights.models import Zone

# Nouns for the page's own work (a licence about them covers the text), per language.
_OWN = {
    "en": r"works?|articles?|stor(?:y|ies)|posts?|texts?|contents?|pieces?|essays?|columns?|entr(?:y|ies)|materials?"
          r"|writings?|pages?|everything|newsletters?|transcripts?",
    "de": r"werke?|artikel|beitr[äa]ge?|texte?|inhalte?|seiten?|alles",
    "fr": r"œuvres?|oeuvres?|articles?|textes?|contenus?|billets?|pages?|tout",
    "es": r"obras?|art[íi]culos?|textos?|contenidos?|entradas?|p[áa]ginas?|todo",
    "it": r"opere|opera|articol[oi]|test[oi]|contenut[oi]|pagin[ae]|tutto",
    "pt": r"obras?|artigos?|textos?|conte[úu]dos?|p[áa]ginas?|tudo",
    "nl": r"werken?|artikel(?:en)?|teksten?|inhoud|pagina'?s?|alles",
    "pl": r"utw[óo]r|artyku[łl]y?|teksty?|tre[śs][ćc]i?",
    "ru": r"произведени[ея]|стать[яи]|текст[ы]?|материал[ы]?",
    "cjk": r"作品|記事|本文|文章|内容|內容|저작물|この記事|本作品",
}  # fmt: skip
# Nouns for the whole site: a licence about them covers the site.
_SITE = {
    "en": r"site|website|blog|journal|wiki",
    "de": r"website|webseite|blogs?|seite",
    "fr": r"site|blog|wiki",
    "es": r"sitio|web|blog",
    "it": r"sito|blog",
    "pt": r"s[íi]tio|site|blog",
    "nl": r"site|website|blog",
    "cjk": r"本站|本网站|本網站|本ブログ|このサイト|当サイト",
}  # fmt: skip
# Nouns and credit markers for pictures: a licence about them covers the images only.
_IMAGES = {
    "en": r"photos?|photographs?|photography|images?|pictures?|pics?|illustrations?|graphics?|infographics?"
          r"|drawings?|cartoons?|screenshots?|artworks?|icons?|charts?|maps?|figures?|credits?|courtesy"
          r"|flickr|wikimedia|unsplash|pixabay|pexels|getty|shutterstock|istock",
    "de": r"fotos?|bild(?:er)?|grafik(?:en)?|illustrationen|abbildung(?:en)?|bildnachweis|fotonachweis|karten?",
    "fr": r"photos?|images?|illustrations?|dessins?|visuels?|cr[ée]dits?|cartes?",
    "es": r"fotos?|fotograf[íi]as?|im[áa]gen(?:es)?|ilustraci[óo]n(?:es)?|cr[ée]ditos?|mapas?",
    "it": r"foto|immagin[ei]|illustrazion[ei]|crediti",
    "pt": r"fotos?|fotografias?|imagem|imagens|ilustra[çc](?:[ãa]o|[õo]es)|cr[ée]ditos?",
    "nl": r"foto'?s|afbeelding(?:en)?|beeld",
    "cjk": r"写真|画像|图片|圖片|照片|사진|이미지",
}  # fmt: skip
# Other works a page may talk about: a licence about them covers neither the text nor the pictures.
_OTHER = {
    "en": r"reports?|datasets?|data\s*sets?|data|databases?|slides?|decks?|presentations?|books?|e-?books?|papers?"
          r"|stud(?:y|ies)|theses|thesis|software|code|source\s+code|code\s+samples?|snippets?|librar(?:y|ies)"
          r"|fonts?|templates?|themes?|plugins?|apps?|tools?|toolkits?|models?|weights|designs?|files?|pdfs?"
          r"|courses?|curricul(?:um|a)|podcasts?|episodes?|videos?|footage|audio|music|songs?|projects?|novels?"
          r"|poems?|letters?|speech(?:es)?|recordings?|films?|movies?|wikipedia|translations?",
    "de": r"berichte?|studien?|daten(?:satz|sätze|bank)?|software|code|quellcode|b[üu]ch(?:er)?|folien"
          r"|pr[äa]sentation(?:en)?|podcasts?|videos?|vorlagen?|schriftarten?|projekte?|romane?",
    "fr": r"rapports?|[ée]tudes?|donn[ée]es|logiciels?|codes?|livres?|diaporamas?|pr[ée]sentations?|vid[ée]os?"
          r"|mod[èe]les?|projets?|romans?",
    "es": r"informes?|estudios?|datos|software|c[óo]digo|libros?|presentaci[óo]n(?:es)?|v[íi]deos?|plantillas?"
          r"|proyectos?|novelas?",
    "it": r"rapport[oi]|stud[io]|dati|software|codice|libr[oi]|presentazion[ei]|video|progett[oi]|romanz[oi]",
    "pt": r"relat[óo]rios?|estudos?|dados|software|c[óo]digo|livros?|apresenta[çc](?:[ãa]o|[õo]es)|v[íi]deos?"
          r"|projetos?|romances?",
    "nl": r"rapporten?|onderzoek|data|gegevens|software|code|boeken?|presentaties?|video'?s",
    "cjk": r"数据|數據|データ|ソフトウェア|软件|軟體|代码|程式碼|报告|報告書?",
}  # fmt: skip
# Documents a page may call itself: "this report" / "this paper" is the page's own work, "the report" another.
_SELF_DOCUMENTS = re.compile(
    r"\b(?:this|dieser|diese|dieses|ce|cette|este|esta|questo|questa|deze|dit)\s+(?:\w+\s+)?"
    r"(?:report|paper|study|guide|document|publication|book|chapter|brief|thesis|bericht|studie|dokument|rapport"
    r"|[ée]tude|document|informe|estudio|documento|rapporto|studio|relat[óo]rio|estudo)\b",
    re.I,
)
# A possessive names another owner: "Wikipedia's text", "its content".
_POSSESSIVE = re.compile(r"(?:\b\w+['’]s|\bits)\s+(?:\w+\s+)?$", re.I)


def _alternation(table: dict[str, str]) -> str:
    return "|".join(f"(?:{words})" for words in table.values())


_NOUN = re.compile(
    r"(?<![\w-])(?:(?P<site>"
    + _alternation(_SITE)
    + r")|(?P<images>"
    + _alternation(_IMAGES)
    + r")|(?P<other>"
    + _alternation(_OTHER)
    + r")|(?P<own>"
    + _alternation(_OWN)
    + r"))(?![\w-])",
    re.I,
)
# Words that grant the licence: the licence is stated, not discussed.
_GRANT = re.compile(
    r"\bunder\b|\blicen[cs]ed\b|\bavailable\b|\breleased\b|\bpublished\b|\bdistributed\b|\bshared\b|\breproduced\b"
    r"|\bcovered\s+by\b|\bsubject\s+to\b|\bterms\s+of\b|\brights\s+reserved\b|\blicen[cs]e\s*:|\blicensing\s*:"
    r"|\bwaived?\b|\bfree\s+of\s+known\s+copyright|\bdedicated\b"
    r"|\bunter\b|\blizen[sz]iert\b|\blizenz\s*:|\bstehen?\b|\bver[öo]ffentlicht\b|\bunterliegen\b|\brechte\s+vorbehalten"
    r"|\bsous\b|\blicence\s*:|\bpubli[ée]e?s?\b|\bdiffus[ée]e?s?\b|\bdisponibles?\b|\bdroits\s+r[ée]serv[ée]s"
    r"|\bbajo\b|\blicencia\s*:|\bpublicad[oa]s?\b|\bdistribuid[oa]s?\b|\bderechos\s+reservados|\bcon\s+licencia\b"
    r"|\bsotto\b|\bcon\s+licenza\b|\brilasciat[oaie]\b|\bpubblicat[oaie]\b|\blicenza\s*:|\bdiritti\s+riservati"
    r"|\bdisponibil[ei]\b|\bsecondo\s+(?:i\s+termini|la\s+licenza)"
    r"|\bsob\b|\blicen[çc]a\s*:|\blicenciad[oa]s?\b|\bdispon[íi]ve(?:l|is)\b|\bdireitos\s+reservados"
    r"|\bonder\b|\bgelicentieerd\b|\bbeschikbaar\b|\bgepubliceerd\b|\blicentie\s*:"
    r"|\bna\s+licencji\b|\budost[ęe]pni\w*|\bpo\s+licencji\b|по\s+лицензии|под\s+лицензией|распространяется"
    r"|доступн\w*|лицензия\s*:|\blisans\w*|\bpodl[ée]h[áa]\b|\blicensierad\b|\blisensoitu\b"
    r"|の下に|で提供|提供されて|ライセンス\s*[:：]|采用|採用|授权|授權|许可|許可|따라|라이선스\s*[:：]|©|\(c\)\s*\d{4}"
    r"|\bcopyright\s+(?:©\s*)?\d{4}",
    re.I,
)
# A licence word right after the name ("CC BY-SA 4.0 license", "Creative Commons Namensnennung 4.0 Lizenz").
_LICENCE_AFTER = re.compile(
    r"^[\s\w.,\-()]{0,30}?\b(?:licen[cs]es?|lizenz|licencia|licenza|licen[çc]a|licentie|licencj\w*|lisans\w*)\b",
    re.I,
)
# The end of the previous sentence: a period (not after an initial), a semicolon, a line break, a bar.
_LABEL_GAP = re.compile(r"[\s:(\-–—,/]{0,4}")
_SENTENCE_END = re.compile(r"[.!?;。](?!\d)")
_CLAUSE_START = re.compile(r"(?<!\b[A-Z])[.!?;](?=\s)|[\n|•·]|。", re.M)


# Where a picture's credit sits: a figure or its caption, a credit box (an "image" widget in a sidebar is not one).
_MEDIA_PATH = re.compile(
    r"(?:^|>\s*)(?:figure|figcaption)\b|[.#\s-](?:wp-caption|caption|(?:photo|image|img|pic|media)[-_]?credit)",
    re.I,
)


def in_picture(path: str) -> bool:
    """Whether an element (by its path) sits in a figure, a caption or a picture credit."""
    return bool(_MEDIA_PATH.search(" > ".join(path.split(" > ")[-3:])))


@dataclass(frozen=True, slots=True)
class Subject:
    """What a statement is about: `own`, `site`, `images`, `other`, or `None` (not said)."""

    kind: str | None
    granted: bool  # the words grant the licence (not a mention in prose)


def clause_before(text: str, start: int, limit: int = 200) -> str:
    """The clause that leads up to `start`: back to the end of the previous sentence, at most `limit` chars."""
    head = text[max(0, start - limit) : start]
    cut = 0
    for match in _CLAUSE_START.finditer(head):
        cut = match.end()
    return head[cut:]


def subject_of(clause: str) -> str | None:
    """The kind of the first work noun of a clause (`own`, `site`, `images`, `other`), or None."""
    match = _NOUN.search(clause)
    if match is None:
        return None
    kind = match.lastgroup or ""
    if kind == "other" and _SELF_DOCUMENTS.search(clause[max(0, match.start() - 30) : match.end()]):
        return "own"
    if kind in ("own", "site") and _POSSESSIVE.search(clause[: match.start()]):
        return "other"
    return kind


def read_subject(text: str, start: int, end: int, *, statement: bool = False) -> Subject:
    """The subject of the statement naming a licence at text[start:end], and whether the words grant it.

    With a grant in the clause, the subject is the first work noun before the grant ("The full *report* is
    available under"); without one, only a picture credit counts ("*Photo*: Ann Lee / CC BY-SA"), since a noun
    in a byline or a list ("in Code") is no subject. A `statement` span (a public-domain dedication) is its own
    grant."""
    clause = clause_before(text, start)
    grant = _GRANT.search(clause)
    after = _SENTENCE_END.split(text[end : end + 60], maxsplit=1)[0]
    if statement:
        return Subject(subject_of(clause), True)
    if grant is not None:
        return Subject(subject_of(clause[: grant.start()]) or subject_of(clause[grant.end() :]), True)
    kind = subject_of(clause)
    granted = bool(_GRANT.search(after) or _LICENCE_AFTER.match(after))
    if kind == "images" or granted:
        return Subject(kind, True)
    return Subject(_label(clause), False)


def _label(clause: str) -> str | None:
    """A work named right before the licence, as a label: "the dataset (CC BY 4.0)", "Slides: CC BY-SA"."""
    matches = list(_NOUN.finditer(clause))
    last = matches[-1] if matches else None
    if last is None or last.lastgroup != "other" or not _LABEL_GAP.fullmatch(clause[last.end() :]):
        return None
    return "other"


def statement_scope(
    subject: Subject,
    zone: Zone,
    in_article: bool,
    *,
    short: bool = False,
    in_media: bool = False,
    quoted: bool = False,
) -> str | None:
    """The scope of a licence stated in a block: `article`, `site`, `images`, `other`; None when the words in the
    article body (or a long block elsewhere) do not state a licence. Comments are the caller's to reject."""
    body = in_article and zone is Zone.MAIN
    if quoted:
        return "other"
    if in_media:
        return "images"
    if not subject.granted and (body or not short):
        return None
    if subject.kind in ("images", "other"):
        return subject.kind
    if subject.kind == "site" and not body:
        return "site"
    return "article" if in_article or zone is Zone.MAIN else "site"


def link_scope(subject: Subject, zone: Zone, in_article: bool, *, in_media: bool = False) -> str:
    """The scope of a licence link (or badge): its block's words may say whose work it covers."""
    if in_media:
        return "images"
    if subject.kind in ("images", "other"):
        return subject.kind
    return "article" if in_article or zone is Zone.MAIN else "site"
