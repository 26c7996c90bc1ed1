"""The phrasings of attribution statements and of the traps beside them, as data for `rights.signals.attribution`.

`INBOUND` holds the statements that a page's text comes from elsewhere ("originally published on X", "first
appeared in X", "republished from X", ... in English, German, French, Spanish, Italian and Portuguese), each
with the words it cannot match without (`TRIGGERS`). The other patterns recognise source lines, permission
notes, and the look-alikes that must not count: outbound notices, forum quotes, republish widgets, citations.
"""

from __future__ import annotations

import re

from rights.signals import wires
from rights.signals.common import minimal_words

NOUN = (
    r"(?:article|story|post|blog ?post|piece|essay|interview|column|op-?ed|commentary|report|text|entry"
    r"|item|review|analysis|feature|letter|version|content|excerpt|news|release|press release|guest post)"
)
SELF = re.compile(
    rf"\b(?:this|the|a|an|our|which|that|it|its)\s+(?:\w+\s+){{0,3}}{NOUN}s?\b|\bit\b|^\W*$", re.I
)
# Subjects that make a "first published in" sentence a citation, not a statement about this page.
CITED = re.compile(
    r"\b(?:study|paper|research|findings|results|data|survey|book|novel|poem|song|album|film|photo|photograph|image"
    r"|picture|video|letter|speech|quote|phrase|term|word|concept|idea|theory|law|bill|report(?:ed)? by|journal"
    r"|magazine's|edition|recipe|map|chart|list|ranking|he|she|they|who|which was|was born)\b",
    re.I,
)

P = r"(?P<rest>.{2,200})"
TRIGGERS: dict[str, tuple[str, ...]] = {  # lower-case words without which a rule cannot match
    "originally-published": ("originally", "originaly", "first", "initially", "previously", "earlier"),
    "appeared-first": ("first", "originally", "initially"),
    "republished-from": (
        "republi",
        "re-publi",
        "repost",
        "re-post",
        "reprint",
        "re-print",
        "reproduced",
        "syndicated",
        "excerpted",
        "reblog",
        "re-blog",
    ),
    "with-permission": ("permission",),
    "cross-posted": ("cross",),
    "crosspost-label": ("cross",),
    "courtesy-of": (
        "courtesy",
        "provided by",
        "supplied by",
        "reproduced from",
        "reprinted from",
        "taken from",
        "published by",
    ),
    "excerpt-from": ("excerpt", "extract", "adapted", "abridged"),
    "ja-source": ("出典", "転載元", "引用元", "原文", "元記事", "原典", "ソース"),
    "ja-summary": ("要約", "転載", "抜粋", "翻訳"),
    "de-herausgeber": ("herausgeber", "emittent"),
    "written-for": ("originally", "first"),
    "de-zuerst": ("erschienen", "veröffentlicht", "publiziert"),
    "de-erschien": ("erschien",),
    "de-erstveroeffentlichung": ("erstver",),
    "de-genehmigung": ("genehmigung",),
    "de-uebernommen": ("übernommen", "übernahme"),
    "fr-publie": ("publié", "paru", "mis en ligne", "mise en ligne"),
    "fr-publie2": ("publié", "paru"),
    "fr-autorisation": ("autorisation", "permission"),
    "es-publicado": ("publicad", "aparecid", "difundid"),
    "es-fue": ("fue ", "ha sido"),
    "es-apareció": ("apareci",),
    "es-permiso": ("reproducid",),
    "it-pubblicato": ("pubblicat",),
    "pt-publicado": ("publicad",),
}
INBOUND: tuple[tuple[str, tuple[str, ...], re.Pattern[str]], ...] = tuple(
    (rule, TRIGGERS[rule], re.compile(pattern, re.I))
    for rule, pattern in (
        (
            "originally-published",
            r"\b(?:originally|first|initially|previously|earlier|originaly)\s+(?:been\s+)?"
            r"(?:published|posted|appeared|ran|printed|written|broadcast|aired|featured|released"
            r"|seen|syndicated)(?:\s+(?:online|here|in print))?\s+(?:on|in|at|by|for|with|over at"
            r"|via|through)\s+" + P,
        ),
        (
            "appeared-first",
            r"\b(?:appeared|ran|was published|published)\s+(?:first|originally|initially)\s+"
            r"(?:on|in|at|by)\s+" + P,
        ),
        (
            "republished-from",
            r"\b(?:re-?published|re-?posted|reprinted|re-?printed|reproduced|syndicated"
            r"|excerpted|re-?blogged)\s+(?:here\s+)?(?:with\s+(?:the\s+)?(?:kind\s+|express\s+)?"
            r"permission\s+)?(?:from|courtesy of|via|thanks to)\s+" + P,
        ),
        (
            "with-permission",
            r"\b(?:re-?printed|re-?published|reproduced|used|posted|republished here)\s+"
            r"(?:here\s+)?(?:with|by)\s+(?:the\s+)?(?:kind\s+|express\s+|gracious\s+)?"
            r"permission\s+(?:of|from)\s+" + P,
        ),
        ("cross-posted", r"\bcross[- ]?post(?:ed)?\s+from\s*:?\s*" + P),
        ("crosspost-label", r"^\W*cross[- ]?post(?:ed)?\s*:\s*" + P),
        (
            "courtesy-of",
            rf"\b{NOUN}\s+(?:is\s+|was\s+)?(?:courtesy of|provided by|supplied by|reproduced from"
            r"|reprinted from|taken from|published by)\s+" + P,
        ),
        (
            "excerpt-from",
            r"\b(?:is|are|was)\s+(?:an?\s+)?(?:excerpt|extract|excerpted|adapted|abridged)\w*\s+"
            r"(?:from|of)\s+(?:the\s+(?:book|report)\s+)?" + P,
        ),
        ("ja-source", r"(?:出典|転載元|引用元|原文|元記事|原典|ソース)\s*[:：]\s*" + P),
        (
            "ja-summary",
            r"(?:からの要約|より転載|から転載|より抜粋|からの翻訳|の翻訳です)[。、\s]*(?P<rest>.{0,200})",
        ),
        ("de-herausgeber", r"\b(?:herausgeber|emittent)\s*:\s*" + P),
        (
            "written-for",
            r"\b(?:originally|first)\s+(?:written|produced|prepared|reported)\s+(?:for|by)\s+" + P,
        ),
        (
            "de-zuerst",
            r"\b(?:zuerst|ursprünglich|erstmals|zunächst|original)\s+(?:\w+\s+)?(?:erschienen|veröffentlicht"
            r"|publiziert)\s+(?:auf|bei|in|im|unter|von)\s+" + P,
        ),
        (
            "de-erschien",
            r"\berschien\s+(?:zuerst|ursprünglich|erstmals|zunächst)\s+(?:auf|bei|in|im|unter)\s+" + P,
        ),
        ("de-erstveroeffentlichung", r"\berstver[öo]ffentlichung\s*(?::|auf|bei|in|im)\s*" + P),
        ("de-genehmigung", r"\b(?:mit\s+)?freundliche[rn]?\s+genehmigung\s+(?:von|der|des|vom)\s+" + P),
        ("de-uebernommen", r"\b(?:übernommen|übernahme)\s+(?:von|aus|vom)\s+" + P),
        (
            "fr-publie",
            r"\b(?:initialement|originellement|originalement|d.abord|précédemment|originairement)\s+"
            r"(?:publiée?s?|parue?s?|mise? en ligne)\s+(?:sur|dans|par|chez)\s+" + P,
        ),
        (
            "fr-publie2",
            r"\b(?:publiée?s?|parue?s?)\s+(?:initialement|originellement|d.abord|à l.origine|pour la "
            r"première fois)\s+(?:sur|dans|par|chez)\s+" + P,
        ),
        (
            "fr-autorisation",
            r"\b(?:republiée?|reproduite?|reprise?)\s+avec\s+(?:l.aimable\s+)?(?:autorisation|"
            r"permission)\s+(?:de|du|des)\s+" + P,
        ),
        (
            "es-publicado",
            r"\b(?:publicad[oa]s?|aparecid[oa]s?|difundid[oa]s?)\s+(?:originalmente|originariamente"
            r"|inicialmente|primero|por primera vez)\s+(?:en|por)\s+" + P,
        ),
        (
            "es-fue",
            r"\b(?:fue|ha sido)\s+(?:publicad[oa]|reproducid[oa])\s+(?:originalmente\s+|originariamente\s+)?"
            r"(?:en|por)\s+" + P,
        ),
        (
            "es-apareció",
            r"\bapareci[óo]\s+(?:originalmente|primero|por primera vez|inicialmente)\s+en\s+" + P,
        ),
        ("es-permiso", r"\breproducid[oa]\s+con\s+(?:permiso|autorizaci[óo]n)\s+de\s+" + P),
        (
            "it-pubblicato",
            r"\b(?:pubblicat[oa]\s+(?:originariamente|originalmente|inizialmente|per la prima volta)"
            r"|originariamente\s+pubblicat[oa])\s+(?:su|in|da)\s+" + P,
        ),
        (
            "pt-publicado",
            r"\bpublicad[oa]\s+(?:originalmente|originariamente|inicialmente)\s+(?:em|no|na|pel[oa])\s+" + P,
        ),
    )
)
# Standalone source lines: "Source: United Nations", "Quelle: Handelsblatt Online", "Fuente: EFE".
SOURCE_LINE = re.compile(
    r"^\W{0,3}(?:source|sources|quelle|fuente|fonte|bron|article from|originally from)\s*:\s*"
    r"(?P<rest>.{2,120}?)(?:(?-i:(?<![A-Z]))[.;]\s|[.;]?$)",
    re.I,
)
PERMISSION_ONLY = re.compile(
    r"\b(?:re-?printed|re-?published|reproduced)\s+(?:here\s+)?(?:with|by)\s+(?:the\s+)?"
    r"(?:kind\s+|express\s+)?permission\b(?!\s+(?:of|from))",
    re.I,
)
PUBLISHED_BY = re.compile(r"\bpublished by\s+(?P<rest>.{2,100})", re.I)
DOMAIN = re.compile(
    r"\b(?:https?://)?(?:www\.)?([a-z0-9-]+(?:\.[a-z0-9-]+)*\.(?:com|org|net|info|co\.uk|de|fr|ca))\b", re.I
)
# "Zunächst im Cicero erschienen": the name sits between the preposition and the verb.
DE_INFIX = re.compile(
    r"\b(?:zuerst|zunächst|ursprünglich|erstmals)\s+(?:im|in der|in|bei|auf)\s+(?P<rest>[^.,;:]{2,60}?)"
    r"\s+(?:erschienen|veröffentlicht|publiziert)",
    re.I,
)
OUTBOUND = re.compile(
    r"\b(?:was|were|has been|have been|is being|will be|also)\s+(?:also\s+)?(?:re-?printed|re-?published|syndicated"
    r"|cross-?posted|picked up|translated|featured|re-?posted|appeared|published)\s+(?:on|in|at|by)\s+"
    r"|\b(?:republished|reprinted|syndicated)\s+by\s+(?!(?:the\s+)?(?:kind\s+)?(?:permission|courtesy))|\balso (?:appears|ran|available) (?:on|in|at)\b",
    re.I,
)
FORUM = re.compile(r"\boriginally posted by\b|\bquote\s*(?:from)?\s*:\s*originally|\bquote from\b", re.I)
WIDGET = re.compile(
    r"\brepublish (?:this|our)\b|\brepublishing guidelines\b|\bsteal (?:this|our) stor|"
    r"\bcopy (?:and paste )?(?:the|this) (?:html|code)\b|<[a-z]+[^>]*>|\{[a-z_]+\}",
    re.I,
)
READ_ORIGINAL = re.compile(
    r"\bread (?:the )?original\b|\boriginal (?:article|story|post)\b|\bview (?:the )?original", re.I
)
SOURCE_NOISE = re.compile(
    r"\d|\b(?:data|reporting|survey|analysis|estimates?|calculations?|census|statistics"
    r"|graphic|chart|photo|image|video|duration|wikipedia)\b|\|",
    re.I,
)
CONTRIBUTED = re.compile(
    r"\bcontributed to this (?:report|story|article)|\bcontributed reporting\b"
    r"|\badditional reporting by\b|\bmit material von\b",
    re.I,
)
LEAD_IN = re.compile(r"^\s*(?:the|a|an)\s+", re.I)


# Words without which no phrase pattern can match: blocks lacking all of them are skipped.
PHRASE_WORDS = minimal_words(
    [word for words in TRIGGERS.values() for word in words]
    + [
        "also publ",
        "also appe",
        "also ran",
        "zuerst",
        "ursprünglich",
        "erstmals",
        "zunächst",
        "source",
        "quelle",
        "fuente",
        "fonte",
        "bron",
        "article from",
        "©",
        "copyright",
    ]
)
WIRE_LONG = minimal_words(wires.LONG_CREDITS)
WIRE_SHORT = minimal_words(wires.SHORT_CREDITS)


OUTBOUND_NOTICE = re.compile(
    rf"\b{NOUN}\s+(?:was|has been|have been|is|will be)\s+(?:also\s+)?(?:re-?printed|re-?published|syndicated"
    r"|cross-?posted|picked up|translated|featured|re-?posted|published|run)\s+(?:on|in|at|by)\s+[A-Z]"
    rf"|\b{NOUN}\s+(?:also\s+)?(?:appeared|ran)\s+(?:on|in|at)\s+[A-Z]",
    re.I,
)


# Words each costly pattern cannot match without (searched in the case-folded text, a superset of what the
# patterns' re.I matches), so that most candidate blocks skip the pattern altogether.
OUTBOUND_WORDS = ("printed", "published", "syndicated", "posted", "picked up", "translated", "featured", "run",
                   "appeared", "ran")  # fmt: skip
DE_INFIX_WORDS = ("zuerst", "zunächst", "ursprünglich", "erstmals")
