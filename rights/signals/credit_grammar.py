"""A grammar of credit statements ("this article was originally published on X"), kept as data per language.

A statement is composed of parts, each a table below: an optional subject ("this article", "it"), a verb of
one family, a manner ("originally", "first"), a marker ("on", "from", "courtesy of", "in partnership with")
and the origin. Two verb families behave differently:

- *origin verbs* (published, appeared, ran, posted, ...) say where a text was published; alone they are
  everyday words ("published on Tuesday"), so they need a manner: "originally published on X", "appeared first
  on X";
- *reuse verbs* (republished, reprinted, cross-posted, syndicated, reproduced, excerpted, adapted, shared,
  ...) already say the text comes from elsewhere, and take a source marker: "republished from X",
  "cross-posted with X", "shared with permission from X", "reprinted courtesy of X".

`compose()` multiplies the tables into patterns, so a new verb, manner or marker covers every combination it
can occur in. Each `Rule` knows the words it cannot match without (the gate that lets a block skip it), the
side of the marker the origin stands on (Japanese puts it before: 「…からの転載です」) and whether its subject
must be checked (a rule about publication in general can describe another work: "the study was first
published in Nature" is a citation). The traps and the origin chunker live in `rights.signals.attribution`
and `rights.signals.origin`. Pure data and regex compilation.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# The origin: everything after the marker, cut later by the chunker (`rights.signals.origin`).
REST = r"(?P<rest>.{2,200})"
# Words between a verb and its marker that change nothing: "first published online in", "republished here".
_FILLER = (
    r"(?:\s+(?:online|here|in print|on the web|on its website|on their website|on this site"
    r"|under an?\s+(?:creative commons|cc[\w .-]{0,20}|open)\s+licen[cs]e))?"
)


@dataclass(frozen=True, slots=True)
class Rule:
    """One composed statement pattern."""

    id: str  # "en-origin-verb", "de-zuerst", ... (reported as the evidence's rule)
    lang: str
    pattern: re.Pattern[str]
    words: tuple[str, ...]  # lower-case; a block holding none of them cannot match
    origin: str = "after"  # after | before (the origin precedes the marker)
    subject_check: bool = False  # the subject must be this text, not another work (citations)
    strength: int = 3  # 3 a statement that the text was republished, 2 a derivation or a source credit
    also: tuple[str, ...] = ()  # a second gate: one of these must be in the block too (when given)


@dataclass(frozen=True, slots=True)
class Grammar:
    """The parts of credit statements in one language (regex fragments, matched case-insensitively)."""

    lang: str
    manners: tuple[str, ...]
    origin_verbs: tuple[str, ...]
    origin_markers: tuple[str, ...]
    derivation_verbs: tuple[str, ...]  # the text is derived from the origin: weaker than a republication
    reuse_verbs: tuple[str, ...]
    reuse_markers: tuple[str, ...]
    words: tuple[str, ...]  # gate words for the origin-verb rules (stems of manners)
    reuse_words: tuple[str, ...]  # gate words for the reuse-verb rules (stems of the verbs)


def _alt(parts: tuple[str, ...]) -> str:
    return "(?:" + "|".join(sorted(parts, key=len, reverse=True)) + ")"


ENGLISH = Grammar(
    lang="en",
    manners=(
        "originally", "originaly", "first", "initially", "previously", "earlier", "formerly", "later", "subsequently",
    ),
    origin_verbs=(
        "published", "appeared", "ran", "run", "posted", "printed", "written", "broadcast", "aired", "featured",
        "released", "seen", "syndicated", "issued", "carried", "delivered", "presented",
    ),
    origin_markers=("on", "in", "at", "by", "for", "with", "over at", "via", "through", "on the website of"),
    derivation_verbs=("excerpted", "adapted", "abridged", "condensed", "translated"),
    reuse_verbs=(
        r"re-?published", r"re-?posted", r"re-?printed", r"cross[- ]?posted", "reproduced", "syndicated",
        r"re-?blogged", "shared", "distributed", r"re-?used", "used", "posted", "reprinted here",
        "republished here",
    ),
    reuse_markers=(
        "from", "courtesy of", "by courtesy of", "via", "thanks to", "through", "in partnership with",
        r"by (?:special )?arrangement with", r"under (?:an? )?(?:licen[cs]e|agreement|arrangement) (?:from|with)",
        r"through (?:an? )?(?:agreement|arrangement|partnership) with",
    ),
    words=("originally", "originaly", "first", "initially", "previously", "earlier", "formerly", "later", "subsequently"),
    reuse_words=(
        "republi", "re-publi", "repost", "re-post", "reprint", "re-print", "cross", "reproduced", "syndicated",
        "reblog", "re-blog", "shared", "distributed", "reused", "re-used", "used", "posted",
    ),
)  # fmt: skip

# Reuse verbs too common to stand with a bare source marker ("used via X", "posted through X"): they need a
# named permission or courtesy.
_STRICT_REUSE = ("used", "posted", "shared", "distributed", r"re-?used")
_PERMISSION = (
    r"(?:(?:with|by)\s+(?:the\s+)?(?:kind\s+|express\s+|gracious\s+|generous\s+|special\s+)?permission"
    r"\s+(?:of|from)|with\s+thanks\s+to|(?:by\s+)?courtesy\s+of|thanks\s+to|in\s+partnership\s+with"
    r"|by\s+(?:special\s+)?arrangement\s+with|under\s+(?:an?\s+)?(?:licen[cs]e|agreement|arrangement)\s+"
    r"(?:from|with)|through\s+(?:an?\s+)?(?:agreement|arrangement|partnership)\s+with)"
)
# "cross-posted with X", but not "cross-posted with permission" (a permission names its grantor after "of").
_WITH = r"with\s+(?!(?:the\s+)?(?:[\w-]+\s+)?(?:permission|thanks|edits|changes|minor|slight|updates|additions)\b)"


def _english() -> list[Rule]:
    g = ENGLISH
    manner, verb, marker = _alt(g.manners), _alt(g.origin_verbs), _alt(g.origin_markers)
    reuse = _alt(tuple(v for v in g.reuse_verbs if v not in _STRICT_REUSE))
    any_reuse = _alt(g.reuse_verbs + g.derivation_verbs)
    derived = _alt(g.derivation_verbs)
    source = _alt(g.reuse_markers)
    return [
        # "was originally published on X", "first appeared in X", "initially ran at X", "first written for X"
        Rule(
            "originally-published",
            "en",
            re.compile(rf"\b{manner}\s+(?:been\s+)?{verb}{_FILLER}\s+{marker}\s+{REST}", re.I),
            g.words,
            subject_check=True,
        ),
        # "appeared first on X", "was published originally in X"
        Rule(
            "appeared-first",
            "en",
            re.compile(rf"\b{verb}\s+{manner}{_FILLER}\s+{marker}\s+{REST}", re.I),
            g.words,
            subject_check=True,
        ),
        # "republished from X", "reprinted via X", "syndicated through X", "cross-posted from: X"
        Rule(
            "republished-from",
            "en",
            re.compile(rf"\b{reuse}{_FILLER}\s+(?:{_PERMISSION}\s+|{source}\s+)(?::\s*)?{REST}", re.I),
            g.reuse_words,
        ),
        # "cross-posted with X" (a partner site), "crossposted with The Fuller Project"
        Rule(
            "cross-posted-with",
            "en",
            re.compile(rf"\bcross[- ]?posted{_FILLER}\s+{_WITH}{REST}", re.I),
            ("cross",),
        ),
        # "shared with permission from X", "posted courtesy of X", "used by permission of X"
        Rule(
            "with-permission",
            "en",
            re.compile(rf"\b{any_reuse}{_FILLER}\s+{_PERMISSION}\s+{REST}", re.I),
            ("permission", "courtesy", "thanks to", "arrangement", "partnership", "licen", "agreement"),
        ),
        # "adapted from X", "excerpted from X", "translated from X": derived, so weaker than a republication
        Rule(
            "adapted-from",
            "en",
            re.compile(
                rf"\b{derived}{_FILLER}\s+(?:(?:with\s+permission\s+)?from|courtesy\s+of)\s+{REST}", re.I
            ),
            ("excerpted", "adapted", "abridged", "condensed", "translated"),
            subject_check=True,
            strength=2,
        ),
    ]


# Statements that are not "subject verb marker origin" sentences.
_ENGLISH_SHAPES: tuple[tuple[str, str, tuple[str, ...], bool], ...] = (
    # "Courtesy of X.", "Republished courtesy of X", "-- Courtesy of X" closing a story, "Distributed by X"
    (
        "courtesy-of",
        r"(?:^|[-–—|]\s*|\(\s*)\W{0,3}(?:(?:re-?published|re-?printed|reproduced|used|posted|shared|provided|"
        r"supplied)\s+(?:here\s+)?)?(?:by\s+)?courtesy(?:\s+of)?\s*:?\s+" + REST,
        ("courtesy",),
        False,
    ),
    (
        "distributed-by",
        r"^\W{0,3}(?:distributed|syndicated|provided|supplied|licensed)\s+(?:by|through|via)\s+" + REST,
        ("distributed", "syndicated", "provided", "supplied", "licensed"),
        False,
    ),
    # "Cross-posted from X", "Crosspost: X", "Cross-posted with permission from X"
    ("crosspost-label", r"^\W*cross[- ]?post(?:ed)?\s*:\s*" + REST, ("cross",), False),
    # "This is an excerpt from X", "The above is excerpted from the book X"
    (
        "excerpt-from",
        r"\b(?:is|are|was)\s+(?:an?\s+)?(?:excerpt|extract|excerpted|adapted|abridged)\w*\s+(?:from|of)\s+"
        r"(?:the\s+(?:book|report)\s+)?" + REST,
        ("excerpt", "extract", "adapted", "abridged"),
        True,
    ),
    # "This article is courtesy of X", "The story was provided by X", "content supplied by X"
    (
        "provided-by",
        r"\b(?:article|story|post|piece|essay|column|content|text|report|interview|material|feature)s?\s+"
        r"(?:is\s+|was\s+|are\s+|were\s+|has been\s+|appears\s+|appeared\s+|runs\s+|ran\s+|comes\s+|came\s+)?"
        r"(?:courtesy of|provided by|supplied by|reproduced from|reprinted from|taken from|published by|licensed from"
        r"|sourced from|syndicated by|distributed by|from(?=\s+(?-i:[A-Z0-9\"“‘'])))\s+" + REST,
        (
            "courtesy",
            "provided by",
            "supplied by",
            "reproduced from",
            "reprinted from",
            "taken from",
            "published by",
            "licensed from",
            "sourced from",
            "syndicated by",
            "distributed by",
        ),
        False,
    ),
    # "read the original article at X", "the original story can be found at X"
    (
        "read-original",
        r"\b(?:read|see|view|find)\s+(?:the\s+)?original\s*(?:article|story|post|piece|report|version|text)?"
        r"\s+(?:here\s+)?(?:at|on|in|from|over at)\s+" + REST,
        ("original",),
        False,
    ),
    (
        "original-at",
        r"\b(?:the\s+)?original\s+(?:article|story|post|piece|version)\s+(?:can be found|is available|appeared"
        r"|was published|is|was)\s+(?:here\s+)?(?:at|on|in)\s+" + REST,
        ("original",),
        False,
    ),
    # "This story was produced by X", "written and produced by X" (a newsroom's republication tag line)
    (
        "produced-by",
        r"\b(?:article|story|post|piece|essay|report|column|investigation|feature|interview)\s+"
        r"(?:[\w’'-]+\s+){0,12}?(?:was|is|has been)\s+(?:(?:written|reported)\s+(?:by\s+[^.,;]{2,60}?\s+)?(?:and|&)\s+)?"
        r"(?:(?:co-?)?(?:produced|prepared|created)\s+(?:by|for)|(?:written|prepared|created)\s+for)\s+"
        + REST,
        ("produced", "prepared", "created", "written"),
        False,
    ),
    # "published in partnership with X", "This story is part of a content-sharing partnership with X"
    (
        "partnership",
        r"\b(?:(?:co-?)?published|(?:co-?)?produced|reported|written|distributed|shared|republished|appears?|runs)"
        r"\s+(?:here\s+)?(?:in|as part of|under|through|via)\s+(?:a|an|our|the|its)?\s*(?:[\w-]+\s+){0,3}?"
        r"(?:partnership|collaboration|agreement|arrangement|alliance)\s+(?:with|between)\s+" + REST,
        ("partnership", "collaboration", "agreement", "arrangement", "alliance"),
        False,
    ),
    (
        "part-of-partnership",
        r"\b(?:article|story|post|piece|report|investigation|series|content|column|interview)\s+(?:is|was|comes)"
        r"\s+(?:part of|a product of|produced (?:as part of|under|through)|from|via|through)\s+(?:a|an|our|the|its)"
        r"\s*(?:[\w-]+\s+){0,3}?(?:partnership|collaboration|agreement|arrangement|alliance)\s+(?:with|between)\s+"
        + REST,
        ("partnership", "collaboration", "agreement", "arrangement", "alliance"),
        False,
    ),
    # "Shared under a Creative Commons license from X", "used under a CC BY licence via X"
    (
        "licensed-from",
        r"\b(?:shared|used|posted|distributed|re-?used|published|reproduced)\s+under\s+an?\s+(?:creative commons"
        r"|cc[\w .-]{0,20}|open)\s+licen[cs]e\s+(?:from|by|via|courtesy of)\s+" + REST,
        ("licen",),
        False,
    ),
    # "This article appeared in the October 2019 issue of X", "first ran in the spring edition of X"
    (
        "issue-of",
        r"\b(?:appeared|was published|published|ran|was printed|printed|appears)\s+(?:first\s+)?in\s+(?:the\s+)?"
        r"(?:[\w/.,'-]+\s+){0,4}?(?:issue|edition|number|volume)\s+of\s+" + REST,
        ("issue of", "edition of", "number of", "volume of"),
        True,
    ),
    # "published in slightly different form as 'Title' in X", "an earlier version of this essay appeared in X"
    (
        "earlier-version",
        r"\b(?:an?\s+)?(?:earlier|shorter|longer|different|slightly different|edited|abridged|previous|print"
        r"|original|expanded)\s+(?:version|form|edition)\s+of\s+(?:this|the)\s+(?:[\w-]+\s+)?(?:article|story|essay"
        r"|piece|post|column|text|chapter|interview|review|report)\s+(?:was\s+|has been\s+|first\s+)*(?:published"
        r"|appeared|ran|printed)\s+(?:first\s+)?(?:in print\s+)?(?:on|in|at|by)\s+" + REST,
        ("version", "form", "edition"),
        False,
    ),
    (
        "different-form",
        r"\b(?:published|appeared|ran|printed)\s+(?:in\s+)?(?:an?\s+)?(?:slightly\s+|somewhat\s+|very\s+)?"
        r"(?:different|shorter|longer|earlier|edited|abridged|expanded)\s+(?:form|version)"
        r"(?:\s+(?:as|under the title)\s+[\"“‘'].{1,160}?[\"”’'])?,?\s+(?:on|in|at|by)\s+" + REST,
        ("form", "version"),
        False,
    ),
)


def _english_shapes() -> list[Rule]:
    return [
        Rule(rule, "en", re.compile(pattern, re.I), words, subject_check=check)
        for rule, pattern, words, check in _ENGLISH_SHAPES
    ]


# Other languages: (rule id, pattern, gate words, origin side, subject check). Patterns are composed from
# the same parts (manner x verb x marker; reuse verb x source marker) written out per language, because
# word order and agreement differ (German puts the verb last, Spanish uses a reflexive passive).
_DE_MANNER = r"(?:zuerst|zunächst|ursprünglich|erstmals|original|bereits|vorab|früher)"
_DE_VERB = r"(?:erschienen|erschien|veröffentlicht|publiziert|gepostet|abgedruckt|ausgestrahlt)"
_DE_MARK = _alt(
    (
        "auf",
        "bei",
        "in",
        "im",
        "in der",
        "unter",
        "von",
        "beim",
        "im Online-Angebot von",
        "auf der Website von",
    )
)
_FR_MANNER = (
    r"(?:initialement|originellement|originalement|d.abord|précédemment|originairement|à l.origine"
    r"|pour la première fois|en premier lieu|auparavant)"
)
_FR_VERB = r"(?:publiée?s?|parue?s?|mise? en ligne|diffusée?s?)"
_FR_MARK = _alt(("sur", "dans", "par", "chez", "sur le site de", "dans les colonnes de", "à"))
_ES_MANNER = (
    r"(?:originalmente|originariamente|inicialmente|primero|por primera vez|previamente|anteriormente)"
)
_ES_VERB = r"(?:publicad[oa]s?|aparecid[oa]s?|difundid[oa]s?|publicó|apareció|difundió|publica)"
_ES_MARK = _alt(("en", "por", "desde", "de", "en el sitio de", "en la revista"))
_IT_MANNER = r"(?:originariamente|originalmente|inizialmente|per la prima volta|precedentemente|in origine)"
_IT_VERB = r"(?:pubblicat[oaie]|apparso|apparsa|uscit[oa]|pubblicò)"
_IT_MARK = _alt(("su", "sul", "sulla", "sullo", "in", "nel", "nella", "da", "dal", "dalla", "sul sito di"))
_PT_MANNER = r"(?:originalmente|originariamente|inicialmente|primeiro|pela primeira vez|anteriormente)"
_PT_VERB = r"(?:publicad[oa]s?|divulgad[oa]s?|veiculad[oa]s?)"
_PT_MARK = _alt(("em", "no", "na", "nos", "nas", r"pel[oa]", "por", "do", "da", "de", "no site d[oa]"))
_NL_MANNER = r"(?:eerder|oorspronkelijk|eerst|aanvankelijk|origineel|oorspronkelijke)"
_NL_VERB = r"(?:verschenen|verscheen|gepubliceerd|gepost|geplaatst)"
_NL_MARK = _alt(("op", "in", "bij", "door", "van", "op de website van"))
_PL_MANNER = r"(?:pierwotnie|po raz pierwszy|wcześniej|oryginalnie|najpierw)"
_PL_VERB = (
    r"(?:ukazał(?:a|o)?\s+się|opublikowan(?:y|a|e|o)|opublikował(?:a|o)?|został(?:a|o)?\s+opublikowan[yae])"
)
_PL_MARK = _alt(
    (
        "w",
        "we",
        "na",
        "przez",
        "u",
        "z",
        "ze",
        "w serwisie",
        "na portalu",
        "na stronie",
    )
)
_RU_MANNER = r"(?:впервые|первоначально|изначально|ранее|оригинально|сначала)"
_RU_VERB = (
    r"(?:опубликован[аоы]?|опубликовал(?:а|о|и)?|вышл[аои]|вышел|появил(?:ась|ось|ся|ись)|размещ[её]н[аоы]?)"
)
_RU_MARK = _alt(
    ("в", "на", "у", "во", "изданием", "на сайте", "в журнале", "в газете", "на портале", "в издании")
)

# fmt: off
_OTHER: tuple[tuple[str, str, tuple[str, ...], str, bool], ...] = (
    # German: "Dieser Artikel erschien zuerst auf X", "Zuerst erschienen bei X", "erschien ursprünglich im X"
    ("de-zuerst", rf"\b{_DE_MANNER}\s+(?:\w+\s+)?{_DE_VERB}\s+{_DE_MARK}\s+" + REST, ("zuerst", "zunächst", "ursprünglich", "erstmals", "original", "bereits", "vorab", "früher"), "after", True),
    ("de-erschien", rf"\b{_DE_VERB}\s+(?:\w+\s+)?{_DE_MANNER}\s+{_DE_MARK}\s+" + REST, ("zuerst", "zunächst", "ursprünglich", "erstmals", "original", "bereits", "vorab", "früher"), "after", True),
    ("de-erstveroeffentlichung", r"\berstver[öo]ffentlichung\s*(?::|auf|bei|in|im)\s*" + REST, ("erstver",), "after", False),
    ("de-genehmigung", r"\b(?:mit\s+)?(?:der\s+)?freundliche[rn]?\s+(?:genehmigung|erlaubnis|unterstützung)\s+(?:von|der|des|vom)\s+" + REST, ("genehmigung", "erlaubnis"), "after", False),
    ("de-uebernommen", r"\b(?:übernommen|übernahme|nachdruck|nachgedruckt|zweitveröffentlichung|wiederveröffentlicht|übersetzt)\s+(?:\w+\s+)?(?:von|aus|vom|mit freundlicher genehmigung (?:von|der|des))\s+" + REST, ("übernommen", "übernahme", "nachdruck", "nachgedruckt", "zweitver", "wiederver", "übersetzt"), "after", False),
    ("de-partner", r"\b(?:entstand|entstanden|erscheint|erschien|erschienen|veröffentlicht|publiziert|produziert)\s+(?:\w+\s+){0,3}?in\s+(?:kooperation|zusammenarbeit|partnerschaft)\s+mit\s+(?:de[mnrs]\s+)?" + REST, ("kooperation", "zusammenarbeit", "partnerschaft"), "after", True),
    # French: "Cet article a été initialement publié sur X", "publié d'abord dans X", "republié à partir de X"
    ("fr-publie", rf"\b{_FR_MANNER}\s+(?:été\s+)?{_FR_VERB}\s+{_FR_MARK}\s+" + REST, ("initialement", "originel", "original", "abord", "précédemment", "originairement", "origine", "première fois", "premier lieu", "auparavant"), "after", True),
    ("fr-publie2", rf"\b{_FR_VERB}\s+{_FR_MANNER}\s+{_FR_MARK}\s+" + REST, ("initialement", "originel", "original", "abord", "origine", "première fois", "auparavant"), "after", True),
    ("fr-republie", r"\b(?:republiée?s?|reproduite?s?|traduite?s?|adaptée?s?|extraite?s?)\s+(?:ici\s+)?(?:à partir d[eu'’]\s*|depuis\s+|de\s+|du\s+|d['’]|avec\s+(?:l.aimable\s+)?(?:autorisation|permission)\s+(?:de|du|des)\s+)" + REST, ("republi", "reprodui", "tradui", "adapté", "extrait"), "after", False),
    ("fr-autorisation", r"\bavec\s+l.aimable\s+(?:autorisation|permission)\s+(?:de|du|des|d.)\s*" + REST, ("aimable",), "after", False),
    ("fr-partenariat", r"\b(?:publiée?s?|réalisée?s?|produite?s?|écrite?s?|paru|parue)\s+(?:\w+\s+){0,2}?en\s+(?:partenariat|collaboration)\s+avec\s+" + REST, ("partenariat", "collaboration"), "after", True),
    # Spanish: "fue publicado originalmente en X", "se publicó originalmente en X", "republicado de X"
    ("es-publicado", rf"\b(?:se\s+)?{_ES_VERB}\s+{_ES_MANNER}\s+{_ES_MARK}\s+" + REST, ("originalmente", "originariamente", "inicialmente", "primero", "primera vez", "previamente", "anteriormente"), "after", True),
    ("es-fue", rf"\b(?:fue|ha sido|se)\s+{_ES_MANNER}\s+{_ES_VERB}\s+{_ES_MARK}\s+" + REST, ("originalmente", "originariamente", "inicialmente", "primera vez", "previamente", "anteriormente"), "after", True),
    ("es-republicado", r"\b(?:se\s+)?(?:republicad[oa]|republica|reproducid[oa]|reproduce|traducid[oa]|adaptad[oa]|tomad[oa])\s+(?:aquí\s+)?(?:de|desde|del|con\s+(?:el\s+)?(?:permiso|autorización)\s+de)\s+" + REST, ("republica", "reproduc", "traducid", "adaptad", "tomad"), "after", False),
    ("es-cortesia", r"\b(?:por\s+)?cortes[íi]a\s+de\s+" + REST, ("cortes",), "after", False),
    # Italian: "pubblicato originariamente su X", "apparso per la prima volta su X", "ripubblicato da X"
    ("it-pubblicato", rf"\b{_IT_VERB}\s+{_IT_MANNER}\s+{_IT_MARK}\s+" + REST, ("originari", "originalmente", "inizialmente", "prima volta", "precedentemente", "in origine"), "after", True),
    ("it-originariamente", rf"\b{_IT_MANNER}\s+{_IT_VERB}\s+{_IT_MARK}\s+" + REST, ("originari", "originalmente", "inizialmente", "prima volta", "in origine"), "after", True),
    ("it-ripubblicato", r"\b(?:ripubblicat[oa]|riprodott[oa]|tradott[oa]|ripres[oa])\s+(?:qui\s+)?(?:da|dal|dalla|su\s+gentile\s+concessione\s+di|per\s+gentile\s+concessione\s+di|con\s+il\s+permesso\s+di)\s+" + REST, ("ripubblicat", "riprodott", "tradott", "ripres"), "after", False),
    ("it-concessione", r"\b(?:su|per)\s+gentile\s+concessione\s+(?:di|del|della|dell.)\s*" + REST, ("concessione",), "after", False),
    # Portuguese: "publicado originalmente em X", "republicado do X", "com permissão de X"
    ("pt-publicado", rf"\b{_PT_VERB}\s+{_PT_MANNER}\s+{_PT_MARK}\s+" + REST, ("originalmente", "originariamente", "inicialmente", "primeiro", "primeira vez", "anteriormente"), "after", True),
    ("pt-originalmente", rf"\b{_PT_MANNER}\s+{_PT_VERB}\s+{_PT_MARK}\s+" + REST, ("originalmente", "originariamente", "inicialmente", "primeira vez", "anteriormente"), "after", True),
    ("pt-republicado", r"\b(?:republicad[oa]|reproduzid[oa]|traduzid[oa]|adaptad[oa])\s+(?:aqui\s+)?(?:d[oa]|de|com\s+(?:a\s+)?(?:permissão|autorização)\s+d[eoa])\s+" + REST, ("republicad", "reproduzid", "traduzid", "adaptad"), "after", False),
    # Dutch: "Dit artikel verscheen eerder op X", "oorspronkelijk gepubliceerd op X", "overgenomen van X"
    ("nl-verschenen", rf"\b{_NL_VERB}\s+(?:\w+\s+)?{_NL_MANNER}\s+{_NL_MARK}\s+" + REST, ("eerder", "oorspronkelijk", "eerst", "aanvankelijk", "origineel"), "after", True),
    ("nl-eerder", rf"\b{_NL_MANNER}\s+(?:\w+\s+)?{_NL_VERB}\s+{_NL_MARK}\s+" + REST, ("eerder", "oorspronkelijk", "eerst", "aanvankelijk", "origineel"), "after", True),
    ("nl-overgenomen", r"\b(?:overgenomen|overgenomen met toestemming|vertaald|herpubliceerd|gepubliceerd met toestemming)\s+(?:\w+\s+)?(?:van|uit|door)\s+" + REST, ("overgenomen", "vertaald", "herpubli", "toestemming"), "after", False),
    ("nl-toestemming", r"\bmet\s+vriendelijke\s+toestemming\s+van\s+" + REST, ("toestemming",), "after", False),
    # Polish: "Artykuł pierwotnie ukazał się w X", "Tekst ukazał się pierwotnie na X", "przedruk z X"
    ("pl-ukazal", rf"\b{_PL_MANNER}\s+{_PL_VERB}\s+{_PL_MARK}\s+" + REST, ("pierwotnie", "po raz pierwszy", "wcześniej", "oryginalnie", "najpierw"), "after", True),
    ("pl-ukazal2", rf"\b{_PL_VERB}\s+{_PL_MANNER}\s+{_PL_MARK}\s+" + REST, ("pierwotnie", "po raz pierwszy", "wcześniej", "oryginalnie", "najpierw"), "after", True),
    ("pl-przedruk", r"\b(?:przedruk|przedrukowan[oyae]|przetłumaczon[oyae]|tłumaczenie)\s+(?:za zgodą\s+)?(?:z|ze|za)\s+" + REST, ("przedruk", "przetłumacz", "tłumaczenie"), "after", False),
    ("pl-zgoda", r"\b(?:przedruk\w*|publikujemy|publikacja)\s+za\s+(?:uprzejmą\s+)?zgodą\s+" + REST, ("zgodą",), "after", False),
    # Russian: "Статья впервые опубликована в X", "Материал впервые вышел на X", "Перепечатано с разрешения X"
    ("ru-vpervye", rf"(?<!\w){_RU_MANNER}\s+{_RU_VERB}\s+{_RU_MARK}\s+" + REST, ("впервые", "первоначально", "изначально", "ранее", "оригинально", "сначала"), "after", True),
    ("ru-opublikovana", rf"(?<!\w){_RU_VERB}\s+{_RU_MANNER}\s+{_RU_MARK}\s+" + REST, ("впервые", "первоначально", "изначально", "ранее", "оригинально", "сначала"), "after", True),
    ("ru-original", r"(?<!\w)оригинал(?:\s+(?:статьи|материала|публикации|текста))?\s+(?:опубликован\s+)?(?:на|в|:)\s*" + REST, ("оригинал",), "after", False),
    ("ru-perepechatano", r"(?<!\w)(?:перепечатано|перепечатка|публикуется|перевод)\s+(?:с\s+разрешения|из|с|по\s+материалам)\s+" + REST, ("перепечат", "публикуется", "перевод"), "after", False),
    # Chinese: "转载自X", "本文转载自X", "原载X", "原载于X", "首发于X"
    ("zh-zhuanzai", r"(?:转载自|转自|轉載自|轉自|原载于|原載於|原载|原載|首发于|首發於|原文刊载于|原文刊載於|本文来自|本文來自|摘自|编译自|編譯自)\s*[:：]?\s*" + REST, ("转载", "转自", "轉載", "轉自", "原载", "原載", "首发", "首發", "刊载", "刊載", "来自", "來自", "摘自", "编译自", "編譯自"), "after", False),
    # Japanese, the origin before the marker: "TechRepublic Japanで掲載した記事からの転載です", "Xより転載"
    ("ja-tensai", r"(?P<rest>[^。、，（(「」『』\s][^。、，（(「」『』]{1,60}?)(?:で|に|にて)(?:\d{4}年\d{1,2}月\d{1,2}日に?)?(?:掲載|公開|配信|発表)(?:され|し)?た(?:記事|もの|コラム|内容)?(?:から|より)の?(?:転載|抜粋|翻訳|要約)", ("転載", "抜粋", "翻訳", "要約"), "before", False),
    ("ja-yori", r"(?:^|(?<=[\s、。，（(「」『』]))(?P<rest>(?!下記|以下|上記|こちら|次の)[^。、，（(「」『』\s]{2,60}?)(?:から|より)の?(?:転載|抜粋|翻訳|要約)", ("転載", "抜粋", "翻訳", "要約"), "before", False),
    # Japanese source lines, the origin after: "出典：X", "転載元：X", "以上、下記URLからの要約 https://..."
    ("ja-source", r"(?:出典|転載元|引用元|原文|元記事|原典|ソース)\s*[:：]\s*" + REST, ("出典", "転載元", "引用元", "原文", "元記事", "原典", "ソース"), "after", False),
    ("ja-summary", r"(?:からの要約|より転載|から転載|より抜粋|からの翻訳|の翻訳です)[。、\s]*(?P<rest>.{0,200})", ("要約", "転載", "抜粋", "翻訳"), "after", False),
    # German press releases: "Herausgeber: Nordex SE"
    ("de-herausgeber", r"\b(?:herausgeber|emittent)\s*:\s*" + REST, ("herausgeber", "emittent"), "after", False),
)
# fmt: on


def _other() -> list[Rule]:
    return [
        Rule(rule, rule.split("-")[0], re.compile(pattern, re.I), words, side, check)
        for rule, pattern, words, side, check in _OTHER
    ]


# The gates of each rule: a block must hold one of `words` and, when given, one of `also`. The words are the
# rarest parts of a statement (a manner, a reuse verb, a marker phrase), so that everyday words ("first",
# "from", "form") let few blocks through; `also` pairs a manner with the verbs it goes with.
_EN_VERBS = (
    "publish",
    "appear",
    "ran ",
    "run ",
    "post",
    "print",
    "written",
    "broadcast",
    "aired",
    "featur",
    "releas",
    "seen",
    "syndicat",
    "issued",
    "carried",
    "deliver",
    "present",
)
_SOURCE = (
    "from",
    "courtesy",
    "via",
    "thanks to",
    "through",
    "partnership",
    "arrangement",
    "licen",
    "agreement",
    "permission",
)
_GATES: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "originally-published": (ENGLISH.words, _EN_VERBS),
    "appeared-first": (ENGLISH.words, _EN_VERBS),
    "republished-from": (("republi", "re-publi", "repost", "re-post", "reprint", "re-print", "cross",
                          "reproduced", "syndicated", "reblog", "re-blog"), _SOURCE),
    "cross-posted-with": (("cross",), ("with",)),
    "adapted-from": (("excerpted", "adapted", "abridged", "condensed", "translated"), ("from", "courtesy")),
    "excerpt-from": (("excerpt", "extract", "adapted", "abridged"), ("from", "of ")),
    "read-original": (("original",), ("read", "see ", "view", "find")),
    "original-at": (("original",), ("can be found", "is available", "appeared", "published", " is ", " was ")),
    "produced-by": (("produced by", "produced for", "prepared by", "prepared for", "created by", "created for",
                     "written for"), ()),
    "earlier-version": (("version of", "form of", "edition of"), ()),
    "different-form": (("different ", "shorter ", "longer ", "earlier ", "edited ", "abridged ", "expanded "),
                       (" form", " version")),
    "provided-by": (("courtesy", "provided by", "supplied by", "reproduced from", "reprinted from", "taken from",
                     "published by", "licensed from", "sourced from", "syndicated by", "distributed by", "is from",
                     "comes from", "came from", "was from"), ()),
    "distributed-by": (("distributed", "syndicated", "provided", "supplied", "licensed"), ()),
    "de-zuerst": (("zuerst", "zunächst", "ursprünglich", "erstmals", "original", "bereits", "vorab", "früher"),
                  ("erschien", "veröffentlicht", "publiziert", "gepostet", "abgedruckt", "ausgestrahlt")),
    "de-erschien": (("zuerst", "zunächst", "ursprünglich", "erstmals", "original", "bereits", "vorab", "früher"),
                    ("erschien", "veröffentlicht", "publiziert", "gepostet", "abgedruckt", "ausgestrahlt")),
    "fr-publie": (("initialement", "originel", "original", "abord", "précédemment", "originairement", "origine",
                   "première fois", "premier lieu", "auparavant"), ("publi", "paru", "en ligne", "diffus")),
    "fr-publie2": (("initialement", "originel", "original", "abord", "origine", "première fois", "auparavant"),
                   ("publi", "paru", "en ligne", "diffus")),
    "es-publicado": (("originalmente", "originariamente", "inicialmente", "primero", "primera vez", "previamente",
                      "anteriormente"), ("publica", "publicó", "aparec", "apareció", "difund", "difundió")),
    "es-fue": (("originalmente", "originariamente", "inicialmente", "primera vez", "previamente", "anteriormente"),
               ("publica", "publicó", "aparec", "apareció", "difund", "difundió")),
    "it-pubblicato": (("originari", "originalmente", "inizialmente", "prima volta", "precedentemente",
                       "in origine"), ("pubblic", "appars", "uscit")),
    "it-originariamente": (("originari", "originalmente", "inizialmente", "prima volta", "in origine"),
                           ("pubblic", "appars", "uscit")),
    "pt-publicado": (("originalmente", "originariamente", "inicialmente", "primeiro", "primeira vez",
                      "anteriormente"), ("publica", "divulga", "veicula")),
    "pt-originalmente": (("originalmente", "originariamente", "inicialmente", "primeira vez", "anteriormente"),
                         ("publica", "divulga", "veicula")),
    "nl-verschenen": (("eerder", "oorspronkelijk", "eerst", "aanvankelijk", "origineel"),
                      ("versch", "gepubliceerd", "gepost", "geplaatst")),
    "nl-eerder": (("eerder", "oorspronkelijk", "eerst", "aanvankelijk", "origineel"),
                  ("versch", "gepubliceerd", "gepost", "geplaatst")),
    "pl-ukazal": (("pierwotnie", "po raz pierwszy", "wcześniej", "oryginalnie", "najpierw"),
                  ("ukazał", "opublikowa", "został")),
    "pl-ukazal2": (("pierwotnie", "po raz pierwszy", "wcześniej", "oryginalnie", "najpierw"),
                   ("ukazał", "opublikowa", "został")),
    "ru-vpervye": (("впервые", "первоначально", "изначально", "ранее", "оригинально", "сначала"),
                   ("опубликова", "вышл", "вышел", "появил", "размещ")),
    "ru-opublikovana": (("впервые", "первоначально", "изначально", "ранее", "оригинально", "сначала"),
                        ("опубликова", "вышл", "вышел", "появил", "размещ")),
}  # fmt: skip


def _gated(rule: Rule) -> Rule:
    words, also = _GATES.get(rule.id, (rule.words, rule.also))
    return Rule(rule.id, rule.lang, rule.pattern, words, rule.origin, rule.subject_check, rule.strength, also)


def compose() -> tuple[Rule, ...]:
    """Every credit-statement rule, English first, each with its gates."""
    return tuple(_gated(rule) for rule in (*_english(), *_english_shapes(), *_other()))


RULES: tuple[Rule, ...] = compose()
# Rules whose subject must be this text (a statement about another work is a citation).
SUBJECT_CHECKED = frozenset(rule.id for rule in RULES if rule.subject_check)
LANGUAGES = tuple(dict.fromkeys(rule.lang for rule in RULES))
