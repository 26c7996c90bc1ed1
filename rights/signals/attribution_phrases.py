"""The phrasings of attribution statements and of the traps beside them, as data for `rights.signals.attribution`.

The credit statements themselves are composed in `rights.signals.credit_grammar`. These patterns recognise
source lines, permission notes, and the look-alikes that must not count: outbound notices, forum quotes,
republish widgets, citations, feed footers, translation notes, reprint shops.
"""

from __future__ import annotations

import re

from rights.signals import wires
from rights.signals.common import minimal_words

NOUN = (
    r"(?:article|story|post|blog ?post|piece|essay|interview|column|op-?ed|commentary|report|text|entry"
    r"|item|review|analysis|feature|letter|version|content|excerpt|news|release|press release|guest post)"
)
# This text as the subject of a statement, in the grammar's languages: "this article", "it", "dieser Beitrag",
# "cet article", "este artículo", "questo articolo", "dit artikel", "ten tekst", "эта статья".
_NOUNS_OTHER = (
    r"(?:artikel|beitrag|text|texte|interview|gastbeitrag|kommentar|essay|bericht|article|billet|entretien|tribune"
    r"|chronique|artículo|articulo|texto|entrevista|columna|reportaje|articolo|testo|intervista|pezzo|artigo"
    r"|matéria|reportagem|stuk|bericht|tekst|artykuł|wywiad|felieton|статья|материал|текст|интервью|публикация"
    r"|colonne|post|blog)"
)
SELF = re.compile(
    rf"\b(?:this|the|a|an|our|which|that|it|its)\s+(?:\w+\s+){{0,3}}{NOUN}s?\b|\bit\b|^\W*$"
    rf"|\b(?:dieser|diese|dieses|der|die|das|cet|cette|ce|le|la|l.|este|esta|el|questo|questa|il|lo|dit|deze|het"
    rf"|de|ten|ta|to|niniejszy|этот|эта|это|данная|данный)\s+(?:\w+\s+){{0,2}}{_NOUNS_OTHER}\b"
    rf"|^\W*(?:{_NOUNS_OTHER})\b|\b(?:this|it)\W*$",
    re.I,
)
# Subjects that make a "first published in" sentence a citation, not a statement about this page.
CITED = re.compile(
    r"\b(?:study|paper|research|findings|results|data|survey|book|novel|poem|song|album|film|photo|photograph|image"
    r"|picture|video|letter|speech|quote|phrase|term|word|concept|idea|theory|law|bill|report(?:ed)? by|journal"
    r"|magazine's|edition|recipe|map|chart|list|ranking|he|she|they|who|which was|was born)\b",
    re.I,
)

# "The post <title> appeared first on <site>." closes the items of a WordPress feed: the subject is this post.
FEED_FOOTER = re.compile(r"^\W*the post\b", re.I)
# "translated from Spanish": a language, not a publisher.
LANGUAGE = re.compile(
    r"\s*(?:the\s+)?(?:english|spanish|french|german|italian|portuguese|dutch|polish|russian|chinese|japanese"
    r"|arabic|korean|turkish|hebrew|greek|swedish|danish|norwegian|finnish|czech|hungarian|romanian|ukrainian"
    r"|persian|hindi|catalan|original)\b",
    re.I,
)
# A reuse verb before "courtesy of": "Republished courtesy of X" names a source, a bare "Courtesy of X" may
# credit a picture.
REUSE_BEFORE = re.compile(r"re-?publish|re-?print|reproduc|used|posted|shared|provided|supplied", re.I)
# "Nasa / Reuters", "Jane Doe/AFP": a picture credit in the byline area.
CREDIT_SLASH = re.compile(r"\w\s*/\s*\w")
# A long block outside the article that states the site's policy on sources and copyright in general.
SITE_POLICY = re.compile(
    r"版权|版權|copyright|all rights|terms of (?:use|service)|urheberrecht|droits d.auteur|derechos|diritti"
    r"|著作権|disclaimer|haftung|responsab",
    re.I,
)
# A book named beside a derivation: "adapted from the book X by Y", "excerpted from X (Basic Books, 2019)".
BOOK = re.compile(r"\bbook\b|\bpress\b|\bpublishers?\b|\bbooks\b|[“\"«].{2,120}[”\"»]", re.I)
# A site's own link that wraps another site: a redirect, a frame, a click tracker.
FRAME_LINK = re.compile(
    r"[/?&](?:frame|redirect|out|goto|go|click|track|exit|external)\b|[?&](?:url|u|site_?id)=", re.I
)
# "msnbc.com Reprints", "Reprints & Permissions": a shop for reprints, not an origin.
REPRINT_SALES = re.compile(r"\breprints?\b(?:\s*(?:&|and)\s*permissions?)?\s*$|^\s*reprints?\b", re.I)
# Standalone source lines: "Source: United Nations", "Quelle: Handelsblatt Online", "Fuente: EFE", "来源：X".
SOURCE_LINE = re.compile(
    r"^\W{0,3}(?:source|sources|quelle|fuente|fonte|bron|źródło|источник|article from|originally from"
    r"|来源|來源|文章来源|稿源|出处|出處)\s*[:：]\s*"
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
    [
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
        "via ",
        "distributed by",
        "syndicated by",
        "provided by",
        "supplied by",
        "permission",
        "reprint",
        "republi",
        "syndicat",
        "repost",
        "cross-post",
        "crosspost",
        "picked up",
        "źródło",
        "источник",
        "来源",
        "來源",
        "稿源",
        "出处",
        "出處",
        "©",
        "copyright",
    ]
)
WIRE_LONG = minimal_words(wires.LONG_CREDITS)
# "Via SyndiGate.info", "Distributed by Tribune Content Agency" on a line of its own.
VIA_LINE = re.compile(
    r"^\W{0,3}(?:via|distributed by|syndicated by|provided by|supplied by|source|distribution)\s*:?\s+(?P<rest>.{2,70})$",
    re.I,
)
# Release portals: "Public release date: 15-Jun-2005", "For immediate release", then "Contact: Name".
RELEASE_HEADER = re.compile(
    r"\b(?:public release date|news release|press release|for immediate release|embargoed until|media release"
    r"|pressemitteilung|communiqué de presse|comunicado de prensa)\b",
    re.I,
)
CONTACT = re.compile(r"^\W*(?:media\s+|press\s+)?(?:contact|kontakt|contacto)s?\s*:", re.I)
PRESS_WORDS = ("pm ", "pressemitteilung", "pressemeldung", "presseinformation")
TICKER_WORDS = ("nyse", "nasdaq", "tsx", "otc", "asx", "amex", "lse:", "swx", "xetra", "euronext", "aim:")
WIRE_SHORT = minimal_words(wires.SHORT_CREDITS)


OUTBOUND_NOTICE = re.compile(
    rf"\b{NOUN}\s+(?:was|has been|have been|is|will be)\s+(?:also\s+)?(?:re-?printed|re-?published|syndicated"
    r"|cross-?posted|picked up|translated|featured|re-?posted|published|run)\s+(?:on|in|at|by)\s+[A-Z]"
    rf"|\b{NOUN}\s+(?:also\s+)?(?:appeared|ran)\s+(?:on|in|at)\s+[A-Z]",
    re.I,
)


# The verb phrase every OUTBOUND_NOTICE match contains, searched first (cheap: no leading noun alternation).
OUTBOUND_VERB = re.compile(
    r"\b(?:was|has been|have been|is|will be)\s+(?:also\s+)?(?:re-?printed|re-?published|syndicated|cross-?posted"
    r"|picked up|translated|featured|re-?posted|published|run)\s+(?:on|in|at|by)\s+[A-Z]"
    r"|\b(?:also\s+)?(?:appeared|ran)\s+(?:on|in|at)\s+[A-Z]",
    re.I,
)
# Words each costly pattern cannot match without (searched in the case-folded text, a superset of what the
# patterns' re.I matches), so that most candidate blocks skip the pattern altogether.
OUTBOUND_WORDS = ("printed", "published", "syndicated", "posted", "picked up", "translated", "featured", "run",
                   "appeared", "ran")  # fmt: skip
DE_INFIX_WORDS = ("zuerst", "zunächst", "ursprünglich", "erstmals")
