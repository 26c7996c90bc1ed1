"""A grammar of reuse terms ("this article may not be reproduced without permission"), kept as data per language.

A statement about reuse is composed of parts, each a table below:

- *permission verbs* in three forms: the participle ("reproduced", "vervielfältigt", "reproduite"), the base
  form ("reproduce", "republier") and the action noun ("reproduction", "Nachdruck", "riproduzione"). Each
  form is split into strong verbs (they always speak of reuse: republish, reprint, reproduce, redistribute,
  syndicate) and weak ones (use, share, publish, print, translate), which count only when the sentence also
  names the content ("this article", "our content", "material on this site");
- *modality*: a refusal before the participle ("may not be", "ne peut être", "darf ... nicht"), a grant before
  it ("may be", "puede ser"), a refusal or grant before the base form ("you may not", "feel free to", "vous
  pouvez"), a predicate after the noun ("is prohibited", "ist untersagt", "queda prohibida"; "is permitted",
  "honorarfrei"), a missing permission ("without our written permission", "sans autorisation"), a permission
  required ("only with the prior consent", "nur mit Genehmigung"), personal use only, and a pointer to buy or
  ask for the rights ("for reprint rights contact ...", "Nutzungsrechte erwerben");
- *licence statements*: "content is available under X unless otherwise noted", "steht unter der Lizenz CC BY",
  "sous licence Creative Commons";
- *free*: words that make a grant unconditional ("honorarfrei", "without restriction", "public domain").

`compose()` multiplies the tables into rules, so a new verb or modality covers every combination it can occur
in. Each `Rule` has its language's gate words: a sentence holding none of them skips the language. The
conditions (credit, link, non-commercial, ...) and the traps live beside the function that applies the rules,
in `rights.signals.terms`. Pure data and regex compilation.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

RESTRICT = "restrictive"
GRANT = "grant"


@dataclass(frozen=True, slots=True)
class Rule:
    """One composed pattern: a refusal (`restrictive`) or a grant; `weak` when the verb that matched is weak."""

    id: str
    stance: str  # restrictive | grant
    pattern: re.Pattern[str]
    # refusal: "without" (a missing permission: with a grant beside it, no permission is needed), "permission"
    # (a permission required, personal use only, a rights pointer: wins over a grant), "plain"; grant: "licence",
    # "granted" (a grant in the words of permission: a weak verb needs no named content)
    kind: str = "plain"
    strong: re.Pattern[str] | None = (
        None  # the language's strong verbs: one in the matched span lifts a weak match
    )
    words: tuple[str, ...] = ()  # lower-case: a sentence holding none of them cannot match (empty: no gate)


@dataclass(frozen=True, slots=True)
class Grammar:
    """The parts of reuse terms in one language (regex fragments, matched case-insensitively)."""

    lang: str
    gates: dict[str, tuple[str, ...]]  # per part below, the words a sentence cannot match it without
    words: tuple[str, ...]  # lower-case gate words: a sentence holding none of them skips this language
    strong_part: tuple[str, ...]
    weak_part: tuple[str, ...]
    strong_base: tuple[str, ...]
    weak_base: tuple[str, ...]
    strong_noun: tuple[str, ...]
    weak_noun: tuple[str, ...]
    refuse_part: tuple[str, ...]  # before a participle: "may not be"
    grant_part: tuple[str, ...]  # before a participle: "may be"
    refuse_base: tuple[str, ...]  # before a base form: "you may not", "do not"
    grant_base: tuple[str, ...]  # before a base form: "you may", "feel free to"
    forbidden: tuple[str, ...]  # after (or before) a noun: "is prohibited"
    permitted: tuple[str, ...]  # after a noun: "is permitted", "honorarfrei"
    without: tuple[str, ...]  # "without our permission"
    only_with: tuple[str, ...]  # "only with the prior written consent"
    personal: tuple[str, ...]  # "for personal use only"
    ask: tuple[str, ...]  # whole patterns: "for reprint rights, contact ..."
    licence: tuple[str, ...]  # whole patterns: "licensed under a Creative Commons licence"
    free: tuple[str, ...] = ()  # whole patterns: "honorarfrei", "without restriction"
    grant_whole: tuple[str, ...] = ()  # whole patterns: grants of other shapes ("Republish our articles")
    refuse_whole: tuple[
        str, ...
    ] = ()  # whole patterns: refusals of other shapes ("prohibited without consent")
    granted: tuple[str, ...] = ()  # before a base form, a grant in the words of permission: any verb counts
    permitted_first: tuple[str, ...] = ()  # before a noun: "se permite la reproducción", "è consentita la"
    parts_after: bool = False  # the participle precedes its auxiliary ("vervielfältigt werden")
    # A list of participles before the last one: "published, broadcast, rewritten or" (English shapes).
    series: str = r"(?:[\w-]+(?:ed|en|ast),?\s+(?:and/or\s+|or\s+|and\s+)?){0,6}"


def alt(parts: tuple[str, ...]) -> str:
    return "(?:" + "|".join(sorted(parts, key=len, reverse=True)) + ")"


# Names of licences that cover texts ("licensed under the GNU Free Documentation License").
LICENCE_NAME = (
    r"(?:creative[\s-]*commons|cc[\s-]*(?:by|0|zero)\b|cc[\s-]+licen|gnu\s+free\s+documentation|gfdl"
    r"|open\s+government\s+licen[cs]e|licence\s+ouverte|open\s+licen[cs]e|public\s+domain|ccl\b)"
)
_CONTENT_SUBJECT = (
    r"(?:content|contents|text|texts|documentation|materials?|articles?|posts?|site|website|pages?|work|works|blog"
    r"|entries|writings?|stor(?:y|ies)|essays?)"
)

ENGLISH = Grammar(
    lang="en",
    gates={
        "refuse_part": ("not be", "cannot", "can't", "mustn't", "in no", "no part", "no portion", "no content",
                        "no material", "no article", "no text", "no photo", "no stor", "no item", "none of"),
        "grant_part": ("may be", "can be", "may freely", "can freely", "may also be", "can also be", "may now be",
                       "can now be"),
        "refuse_base": ("not", "never", "don"),
        "forbidden": ("prohibit", "forbidden", "not permitted", "not allowed", "not authori", "unlawful"),
        "permitted": ("permitted", "allowed", "authori", "welcome", "encouraged", "free", "granted"),
        "without": ("without", "except with", "unless"),
        "only_with": ("only", "require"),
        "personal": ("personal", "private"),
        "licence": ("under", "public domain"),
        "grant_whole": ("republish", "re-publish", "reprint", "reuse", "re-use"),
        "refuse_whole": ("without",),
        "granted": ("permission", "the right"),
    },
    words=(
        "reproduc", "republish", "re-publish", "republicat", "reprint", "re-print", "redistribut", "re-distribut",
        "repost", "re-post", "crosspost", "cross-post", "cross post", "syndicat", "copied", "copying", "permission",
        "prohibit", "forbidden", "not permitted", "not allowed", "may not be", "cannot be", "must not be",
        "can not be", "welcome to", "free to", "licensed under", "licenced under", "available under",
        "released under", "published under", "distributed under", "offered under", "creative commons", "cc by",
        "cc-by", "cc0", "free documentation", "gfdl", "open government", "open licen", "licensing", "to license",
        "personal use", "personal, non", "personal and non", "private use", "freely", "circulat", "duplicat",
        "public domain", "unauthori", "you may", "feel free", "do not copy", "don't copy", "do not use",
        "don't use", "dont use", "copy this", "copy our", "copy any", "may share", "may copy", "may distribute",
        "may print", "may publish", "readers may", "non-commercial", "noncommercial",
    ),
    strong_part=(
        r"re-?published", r"re-?printed", "reproduced", r"re-?distributed", r"re-?posted", r"cross-?posted",
        "syndicated", r"re-?broadcast", "duplicated", r"re-?disseminated", r"re-?used", "photocopied",
        r"re-?written", "mirrored", r"re-?transmitted", "copied",
    ),
    weak_part=(
        "published", "printed", "distributed", "posted", "broadcast", "transmitted", "displayed", "shared",
        "used", "adapted", "stored", "excerpted", "quoted", "circulated", "forwarded",
        "performed", "exploited", "downloaded", "translated", "framed", "cached", "disseminated",
    ),
    strong_base=(
        r"re-?publish", r"re-?print", "reproduce", r"re-?distribute", r"re-?post", r"cross-?post", "syndicate",
        "duplicate", "photocopy", r"re-?use", "mirror", r"re-?broadcast", r"re-?disseminate",
    ),
    weak_base=(
        "publish", "print", "distribute", "post", "broadcast", "transmit", "display", "share", "use", "adapt",
        "store", "excerpt", "quote", "circulate", "forward", "download", "translate", "frame", "cache",
        "disseminate", "copy", r"pass\s+(?:it|them|this|these)\s+on", "reblog",
    ),
    strong_noun=(
        "reproduction", "republication", "republishing", "redistribution", "reprinting", "duplication",
        "redissemination", r"re-?use", "copying", "retransmission", "reposting", r"cross-?posting",
    ),
    weak_noun=("distribution", "transmission", "publication", "use", "translation", "framing", "storage", "sale",
               "syndication", "rewriting", "broadcast"),
    refuse_part=(
        r"\b(?:may|must|shall|can)\s*not(?:\s+\w+){0,2}?\s+be",
        r"\b(?:cannot|can't|mustn't|may\s+in\s+no\s+(?:case|way))(?:\s+\w+){0,2}?\s+be",
        r"\b(?:is|are)\s+not\s+to\s+be",
        r"\bnone\s+of\b[^.;]{0,80}?\b(?:may|can|shall)\s+be",
        r"\bno\s+(?:part|portion|content|material|article|text|photo|story|stories|item)s?\b[^.;]{0,120}?"
        r"\b(?:may|can|shall|must|is\s+to)\s+be",
    ),
    grant_part=(r"\b(?:may|can)\s+(?:freely\s+|also\s+|now\s+)?be(?:\s+freely)?",),
    refuse_base=(
        r"\b(?:you|users?|visitors?|readers?|no\s+one|nobody|others)\s+(?:may|must|shall|can)\s*not\s+(?:\w+\s+){0,2}?",
        r"\b(?:please\s+)?(?:do\s+not|don['’]?t|never)\s+",
    ),
    grant_base=(
        r"\b(?:you|readers|anyone|others|users|visitors|publishers|websites|sites|media|outlets|teachers"
        r"|educators|organi[sz]ations|individuals|everyone|we\s+(?:encourage|invite)\s+you)"
        r"\s+(?:(?:may|can)\s+(?:also\s+|now\s+)?|(?:are|is)\s+(?:hereby\s+)?(?:welcome|free|encouraged|invited"
        r"|allowed|permitted|authori[sz]ed)\s+to\s+|have\s+(?:our\s+)?permission\s+to\s+)(?:freely\s+)?",
        r"\b(?:feel\s+free|(?:is|are|you're)\s+(?:welcome|free|encouraged|invited))\s+to\s+(?:freely\s+)?",
        r"\b(?:encourage|invite|allow|permit|authori[sz]e)s?\s+(?:you|readers|others|anyone|outlets|publishers"
        r"|other\s+(?:sites|outlets|publications|newsrooms))\s+to\s+(?:freely\s+)?",
        r"\bavailable\s+(?:for\s+\w+\s+)?(?:for\s+\w+\s+)?to\s+",
    ),
    granted=(
        r"\b(?:grants?|granted|gives?|given)\s+(?:you\s+|readers\s+|anyone\s+)?(?:the\s+right|permission)\s+to\s+",
        r"\bpermission\s+(?:is\s+)?(?:hereby\s+)?granted\s+(?:to\s+\w+\s+)?to\s+(?:freely\s+)?",
        r"\b(?:have|has)\s+(?:our\s+|my\s+)?permission\s+to\s+(?:freely\s+)?",
    ),
    refuse_whole=(
        r"\bwithout\s+(?:[\w.&'’-]+\s+){0,4}?(?:permission|consent|authori[sz]ation)\s+(?:is|are)\s+(?:strictly\s+"
        r"|expressly\s+)?(?:prohibited|forbidden|not\s+permitted|not\s+allowed)",
        r"\b(?:prohibited|forbidden|not\s+permitted)\s+without\s+(?:[\w.&'’-]+\s+){0,4}?(?:permission|consent"
        r"|authori[sz]ation)",
    ),
    grant_whole=(
        # an invitation as a label: "Republish our articles for free", "Republish this story"
        r"^\W*(?:re-?publish|reprint|re-?use)\s+(?:this|our)\s+(?:article|story|stories|content|work)s?\b(?!\s+on)",
    ),
    forbidden=(
        r"(?:strictly\s+|expressly\s+|specifically\s+)?(?:prohibited|forbidden|not\s+permitted|not\s+allowed"
        r"|not\s+authori[sz]ed|unlawful)",
    ),
    permitted=(
        r"(?:is|are)\s+(?:hereby\s+|also\s+)?(?:permitted|allowed|authori[sz]ed|welcome|encouraged|free)\b",
        r"\bpermission\s+(?:is\s+)?(?:hereby\s+)?granted",
    ),
    without=(
        r"\b(?:without|except\s+with|unless\s+(?:with|you\s+(?:have\s+)?(?:obtain(?:ed)?|receive[d]?|get|have)))"
        r"\s+(?:the\s+|our\s+|my\s+|its\s+"
        r"|their\s+|his\s+|her\s+|an?\s+)?(?:[\w.&'’-]+\s+){0,4}?(?:permission|consent|authori[sz]ation"
        r"|agreement|approval|licen[cs]e)\b",
    ),
    only_with=(
        r"\bonly\s+(?:through|with|by|after|upon|on)\s+(?:the\s+|our\s+|prior\s+|written\s+|express\s+|explicit\s+)*"
        r"(?:permission|consent|authori[sz]ation|agreement|approval)",
        r"\brequires?\s+(?:the\s+|our\s+|prior\s+|written\s+|express\s+|explicit\s+)*(?:permission|consent"
        r"|authori[sz]ation|agreement|approval)",
        r"\bpermission\s+(?:is\s+)?required\b",
    ),
    personal=(
        r"\b(?:for\s+)?(?:your\s+)?(?:own\s+)?(?:personal|private)(?:,?\s+(?:and\s+)?non-?commercial)?\s+use\s+only\b",
        r"\b(?:solely|only|exclusively|intended)\s+(?:solely\s+)?for\s+(?:your\s+)?(?:own\s+)?(?:personal|private)"
        r"(?:,?\s+(?:and\s+)?non-?commercial)?\s+use\b",
    ),
    ask=(
        r"\b(?:to\s+(?:inquire|enquire|ask)\s+about|to\s+(?:obtain|request|purchase|buy|license))\s+(?:an?\s+)?"
        r"(?:licen[cs]e|permission|rights?|reprints?)\b(?:\s+to\s+(?:re-?)?(?:produce|publish|print|use"
        r"|syndicate|distribute))?",
        r"\bvisit\s+our\s+(?:syndication|reprints?|licensing|permissions)\b",
        r"\b(?:for|about)\s+(?:reprints?|syndication|licensing|republication|republishing|reproduction"
        r"|reprints?\s+(?:and|&)\s+permissions?)\s*(?:rights|requests|inquiries|enquiries|permissions?|please|,|:"
        r"|contact|visit|e-?mail|write|call|go\s+to|see)",
        r"\bcontact\s+(?:me|us|our\s+\w+(?:\s+\w+)?)\s+(?:for|about|to)\s+(?:\w+\s+){0,2}(?:syndicat|re-?publish"
        r"|reprint|licens|reproduc|reuse|re-use|permission)",
        r"\bto\s+(?:re-?publish|reprint|reproduce|reuse|syndicate|license)\s+(?:any|this|our|my|these)\s+"
        r"(?:\w+\s+)?(?:material|content|article|text|work|post|story|stories|photo|column)s?[^.;]{0,30}\b"
        r"(?:please\s+)?(?:e-?mail|contact|write|ask|call|visit)",
        r"\b(?:for|to\s+order)\s+(?:presentation-ready\s+)?(?:copies|reprints)\s+(?:for\s+distribution|of\s+this)",
        r"^\W*(?:reprints?|syndication|licensing|permissions?|republishing|reuse)(?:\s*(?:and|&|,)\s*(?:reprints?"
        r"|syndication|licensing|permissions?))*\s*(?:requests?|inquiries|enquiries)?\s*:\s*[\w.+-]+@",
        r"(?:^\W*|\b(?:for|request(?:ing)?|obtain(?:ing)?|seek(?:ing)?|ask(?:ing)?\s+for)\s+)permissions?\s+to\s+"
        r"(?:re-?print|re-?publish|reproduce|copy|re-?use|syndicate)\b",
        # "if you would like to republish this article, please contact us"
        r"\b(?:if|should)\s+you\s+(?:would\s+like|wish|want|plan|intend|are\s+interested)\s+(?:to|in)\s+(?:re-?publish"
        r"|reprint|reproduc|re-?use|syndicat|licens|use)\w*\b[^.;]{0,100}?\b(?:contact|e-?mail|write\s+to"
        r"|get\s+in\s+touch|reach\s+out|ask)",
        r"\bcontact\s+(?:me|us|our\s+\w+(?:\s+\w+)?)\s+(?:if|when|before)\s+(?:you\s+)?(?:would\s+like|wish|want"
        r"|plan|intend)\s+to\s+(?:re-?publish|reprint|reproduce|re-?use|syndicate|license)",
    ),
    licence=(
        r"\b(?:available|licen[cs]ed|published|released|distributed|offered|provided|shared|republished)\s+"
        r"(?:to\s+you\s+|here\s+|from\s+[\w .]{2,40}?\s+)?under\s+(?:the\s+terms\s+of\s+)?(?:the\s+|an?\s+)?"
        + LICENCE_NAME,
        _CONTENT_SUBJECT + r"\b[^.;]{0,60}?\b(?:is|are)?\s*(?:available|licen[cs]ed|published|released|offered"
        r"|made\s+available)\s+under\s+(?:the\s+terms\s+of\s+)?(?:the\s+|an?\s+)?[\w.+ -]{0,60}?licen[cs]e",
        r"^\W*licen[cs]ed\s+under\s+(?:the\s+|an?\s+)?" + LICENCE_NAME,
        r"\b(?:is|are)\s+(?:dedicated\s+to|in|released\s+into|placed\s+in)\s+the\s+public\s+domain\b",
    ),
    free=(
        r"\bfree\s+of\s+charge\b", r"\bwithout\s+(?:any\s+)?restrictions?\b",
        r"\bno\s+permission\s+(?:is\s+)?(?:needed|required|necessary)", r"\bpublic\s+domain\b",
        r"\bno\s+rights\s+reserved\b", r"\bcc0\b",
    ),
)  # fmt: skip

GERMAN = Grammar(
    lang="de",
    gates={
        "refuse_part": ("nicht", "keinesfalls", "keiner", "kein"),
        "grant_part": ("darf", "dürf", "durf", "kann", "könn", "konn"),
        "grant_base": ("darf", "dürf", "durf", "kann", "könn", "konn"),
        "forbidden": ("untersagt", "verboten", "gestattet", "erlaubt", "zulässig", "zulassig", "strafbar"),
        "permitted": ("honorarfrei", "gestattet", "erlaubt", "frei", "erwünscht", "erwunscht", "gerne"),
        "without": ("ohne",),
        "only_with": ("nur mit", "nur nach", "genehmigungspflicht", "bedarf"),
        "personal": ("gebrauch", "bedarf"),
        "ask": ("nutzungsrecht", "nachdruck", "abdruck", "lizenz", "wenn sie"),
        "licence": ("unter", "gemeinfrei"),
    },
    words=(
        "vervielf", "nachdruck", "abdruck", "reproduz", "nutzungsrecht", "untersagt", "verboten", "honorarfrei",
        "gemeinfrei", "lizenz", "genehmigung", "zustimmung", "erlaubnis", "gebrauch", "gestattet", "weiterverbreit",
        "weiterverwend", "weiterverwert", "wiedergabe", "quellenangabe", "übernehmen", "nachdrucken", "abdrucken", "verwendet werden", "genutzt werden", "veröffentlicht werden",
        "verbreitet werden", "kopiert werden", "übernommen werden",
    ),
    strong_part=(
        r"vervielf[äa]ltigt", "reproduziert", "nachgedruckt", "abgedruckt", "weiterverbreitet",
        r"[üu]bernommen", "weitergegeben", "weiterverwendet", "kopiert",
    ),
    weak_part=(
        r"ver[öo]ffentlicht", "verbreitet", "verwendet", "genutzt", "verwertet", "gespeichert", r"[üu]bersetzt",
        "gesendet", r"(?:[öo]ffentlich\s+)?zug[äa]nglich\s+gemacht", "benutzt",
    ),
    strong_base=(
        r"vervielf[äa]ltigen", "reproduzieren", "nachdrucken", "abdrucken", "weiterverbreiten", r"[üu]bernehmen",
        "weitergeben", "weiterverwenden", "kopieren",
    ),
    weak_base=(
        r"ver[öo]ffentlichen", "verbreiten", "verwenden", "nutzen", "verwerten", "speichern", r"[üu]bersetzen",
        "teilen", "benutzen",
    ),
    strong_noun=(
        r"vervielf[äa]ltigung", "reproduktion", "nachdruck", "abdruck", "weiterverbreitung", r"[üu]bernahme",
        "weitergabe", "weiterverwendung", "weiterverwertung", "kopie", "kopieren", "wiedergabe",
    ),
    weak_noun=(r"ver[öo]ffentlichung", "verbreitung", "verwendung", "verwertung", "nutzung", "speicherung"),
    refuse_part=(
        r"\b(?:darf|d[üu]rfen|kann|k[öo]nnen)\b[^.;]{0,100}?"
        r"\b(?:nicht|keinesfalls|in\s+keiner\s+(?:weise|form))\b(?![- ]?kommerziell)(?:[^.;]{0,100}?\s)?",
        r"\bkein(?:e|er)?\s+(?:teil|inhalt|artikel|beitrag|text)\w*\b[^.;]{0,120}?\b(?:darf|d[üu]rfen)\b"
        r"(?:[^.;]{0,100}?\s)?",
    ),
    grant_part=(
        r"\b(?:darf|d[üu]rfen|kann|k[öo]nnen)\b(?:(?!\bnicht\b(?![- ]?kommerziell)|\bkein|\bohne\b)[^.;]){0,100}?\s",
    ),
    refuse_base=(),
    grant_base=(
        r"\b(?:sie|ihr|du|jede[rs]?|leser\w*)\s+(?:d[üu]rfen|darfst|d[üu]rft|darf|k[öo]nnen|k[öo]nnt|kannst)\s+"
        r"(?:(?!nicht\b)\w+\s+){0,4}?(?:gerne?\s+|frei\s+|kostenlos\s+)?",
    ),
    forbidden=(
        r"(?:ist\s+|sind\s+)?(?:ausdr[üu]cklich\s+|strengstens\s+|grunds[äa]tzlich\s+)?(?:untersagt|verboten"
        r"|nicht\s+(?:gestattet|erlaubt|zul[äa]ssig)|unzul[äa]ssig|strafbar)",
    ),
    permitted=(
        r"(?<!nicht\s)(?:honorarfrei|gestattet|erlaubt|frei|freigegeben|(?:ausdr[üu]cklich\s+)?erw[üu]nscht"
        r"|gerne\s+gesehen)\b",
    ),
    without=(
        r"\bohne\s+(?:\w+\s+){0,3}?(?:genehmigung|zustimmung|erlaubnis|einwilligung|einverst[äa]ndnis"
        r"|autorisierung)",
    ),
    only_with=(
        r"\bnur\s+(?:mit|nach)\s+(?:\w+\s+){0,3}?(?:genehmigung|zustimmung|erlaubnis|einwilligung"
        r"|einverst[äa]ndnis|absprache|r[üu]cksprache)",
        r"\bgenehmigungspflichtig|\bbedarf\s+(?:\w+\s+){0,3}?(?:genehmigung|zustimmung|erlaubnis)",
    ),
    personal=(
        r"\b(?:nur|ausschlie(?:ß|ss)lich)\s+(?:zum|f[üu]r\s+den)\s+(?:privaten|pers[öo]nlichen|eigenen)\s+"
        r"(?:gebrauch|bedarf)",
    ),
    ask=(
        r"\bnutzungsrechte\s+(?:erwerben|anfragen|kaufen|einholen)",
        r"\b(?:f[üu]r|bei)\s+(?:nachdruck|abdruck|lizenz|nutzungs)\w*\s*(?:anfragen|rechte|genehmigungen?)?\s*"
        r"(?:wenden\s+sie\s+sich|kontakt|schreiben|:)",
        r"\bwenn\s+sie\s+(?:\w+\s+){0,4}?(?:[üu]bernehmen|nachdrucken|abdrucken|ver[öo]ffentlichen|verwenden|nutzen)"
        r"\s+(?:m[öo]chten|wollen)\b[^.;]{0,80}?(?:wenden\s+sie\s+sich|kontakt|schreiben)",
    ),
    licence=(
        r"\b(?:steh(?:t|en)|ist|sind|ver[öo]ffentlicht|lizenziert|verf[üu]gbar|unterliegen|unterliegt)\s+"
        r"(?:\w+\s+){0,3}?(?:unter|der|dieser)\s+(?:einer\s+|der\s+|dieser\s+)?(?:lizenz\s+)?" + LICENCE_NAME,
        r"\bunter\s+(?:einer|der|dieser)\s+(?:creative[\s-]*commons|cc)[\w\s.-]{0,40}lizenz",
        r"\b(?:ist|sind)\s+gemeinfrei\b",
    ),
    free=(r"\bhonorarfrei\b", r"\bgemeinfrei\b", r"\bohne\s+einschr[äa]nkung",),
    parts_after=True,
    series=r"",
)  # fmt: skip

# Languages without spaces or with other word orders: whole patterns, no composition.
OTHER_WORDS = (
    "転載",
    "複製",
    "無断",
    "转载",
    "轉載",
    "复制",
    "複製",
    "授权",
    "授權",
    "许可",
    "許可",
    "전재",
    "재배포",
    "перепечат",
    "копирован",
    "воспроизвед",
    "использовании",
    "цитировании",
    "kopiowan",
    "powielan",
    "rozpowszechnian",
    "zabronion",
)
OTHER_RULES = (
    # Chinese: "未经授权不得转载", "禁止转载", "转载须经书面授权", "如需转载请联系"
    ("zh-refusal", RESTRICT,
     r"(?:未经|未經)[^。，,]{0,20}(?:许可|授权|同意|允许|許可|授權|允許)|(?:禁止|严禁|嚴禁|不得|请勿|請勿|谢绝|謝絕)"
     r"[^。]{0,10}(?:转载|轉載|复制|複製|摘编|摘編|镜像)|(?:转载|轉載)[^。]{0,6}(?:须|需|必须|必須|应|應)[^。]{0,6}"
     r"(?:经|經|获得|獲得|取得)[^。]{0,20}(?:授权|许可|同意|授權|許可)|(?:如需|如要|若需)(?:转载|轉載)[^。]{0,10}"
     r"(?:请|請)(?:联系|聯繫|与|與)"),
    ("zh-grant", GRANT, r"欢迎转载|歡迎轉載|(?:可以|允许|允許|可)自由(?:转载|轉載)|(?:转载|轉載)请?(?:注明|註明)"),
    # Japanese: "無断転載を禁じます", "転載・複製を禁止", "転載自由"
    ("ja-refusal", RESTRICT, r"無断(?:転載|複製|使用|転用)|(?:転載|複製)(?:・[^\s。]{1,6})*(?:を|は)?(?:固く)?(?:禁|お断り)"),
    ("ja-grant", GRANT, r"転載(?:自由|可|歓迎)|ご自由に(?:転載|お使い|ご利用)"),
    # Korean: "무단 전재 및 재배포 금지"
    ("ko-refusal", RESTRICT, r"무단\s*(?:전재|복제|배포)|재배포\s*금지"),
    # Russian: "перепечатка без разрешения запрещена"; "при использовании материалов ссылка обязательна"
    ("ru-refusal", RESTRICT,
     r"(?:перепечатк\w*|копирован\w*|воспроизведен\w*|использован\w*)\s+(?:\w+\s+){0,4}?(?:запрещен\w*|без\s+"
     r"(?:письменного\s+|предварительного\s+)*(?:разрешения|согласия))|(?:запрещено|запрещается)\s+(?:\w+\s+){0,2}?"
     r"(?:копирование|перепечатка|воспроизведение)"),
    ("ru-grant", GRANT,
     r"при\s+(?:полном\s+или\s+частичном\s+|любом\s+)?(?:использовании|цитировании|перепечатке|копировании)\b"
     r"[^.]{0,80}\bссылк\w*\b[^.]{0,60}\bобязательн"),
    # Polish: "kopiowanie bez zgody redakcji zabronione"
    ("pl-refusal", RESTRICT,
     r"(?:kopiowanie|powielanie|rozpowszechnianie|publikowanie|wykorzystywanie)\b[^.]{0,100}\b(?:zabronione"
     r"|bez\s+(?:pisemnej\s+)?zgody)|zabrania\s+si[ęe]\s+(?:\w+\s+){0,2}?(?:kopiowania|powielania)"),
)  # fmt: skip


def _verbs(strong: tuple[str, ...], weak: tuple[str, ...], slot: str) -> str:
    """A verb slot: which group matched (`s_*` strong, `w_*` weak) says whether the sentence must also name the
    content it speaks of."""
    return rf"(?:(?P<s_{slot}>{alt(strong)})|(?P<w_{slot}>{alt(weak)}))\b"


def _passive(g: Grammar, before: tuple[str, ...], part: str) -> str:
    lead = alt(before)
    if g.parts_after:  # "darf nicht ... vervielfältigt werden": the gap is part of the lead
        return rf"{lead}{part}"
    return rf"{lead}\s+(?:\w+ly\s+)?{g.series}{part}"


def compose(g: Grammar) -> list[Rule]:
    """The rules of one language, each a product of its tables."""
    part, base = _verbs(g.strong_part, g.weak_part, "p"), _verbs(g.strong_base, g.weak_base, "b")
    noun = _verbs(g.strong_noun, g.weak_noun, "n")
    act = rf"\b(?:{noun}|{part}|{base})[^.;]{{0,160}}?"
    strong = re.compile(r"\b" + alt(g.strong_part + g.strong_base + g.strong_noun), re.I)

    def rule(name: str, stance: str, part_name: str, pattern: str, kind: str = "plain") -> Rule:
        words = g.gates.get(part_name, ())
        return Rule(f"{g.lang}-{name}", stance, re.compile(pattern, re.I), kind, strong, words)

    rules = [
        # "may not be reproduced", "ne peut être reproduit", "darf nicht vervielfältigt werden"
        rule("refusal", RESTRICT, "refuse_part", _passive(g, g.refuse_part, part)),
        # "reproduction ... is prohibited", "queda prohibida la reproducción"
        rule("forbidden", RESTRICT, "forbidden", rf"\b{noun}[^.;]{{0,160}}?\b{alt(g.forbidden)}"),
        rule("forbidden-first", RESTRICT, "forbidden", rf"{alt(g.forbidden)}\b[^.;]{{0,40}}?\b{noun}"),
        # "... without our written permission", "... only with the prior consent of"
        rule("without", RESTRICT, "without", act + alt(g.without), "without"),
        rule("only-with", RESTRICT, "only_with", act + alt(g.only_with), "permission"),
        rule("personal-use", RESTRICT, "personal", alt(g.personal), "permission"),
        rule("ask", RESTRICT, "ask", alt(g.ask), "permission"),
        # "may be reprinted", "puede ser reproducido"; "you may republish", "feel free to share"
        rule("grant", GRANT, "grant_part", _passive(g, g.grant_part, part)),
        rule("grant-active", GRANT, "grant_base", rf"{alt(g.grant_base)}{base}"),
        # "reproduction is permitted", "Nachdruck honorarfrei"
        rule("permitted", GRANT, "permitted", rf"\b{noun}[^.;]{{0,80}}?\b{alt(g.permitted)}"),
        rule("licence", GRANT, "licence", alt(g.licence), "licence"),
    ]
    if g.refuse_base:  # "you may not reproduce", "do not copy"
        rules.append(rule("refusal-active", RESTRICT, "refuse_base", rf"{alt(g.refuse_base)}{base}"))
    if g.permitted_first:  # "se permite la reproducción", "è consentita la riproduzione"
        rules.append(rule("permitted-first", GRANT, "permitted_first", rf"{alt(g.permitted_first)}\s*{noun}"))
    if g.refuse_whole:
        rules.append(rule("refusal-other", RESTRICT, "refuse_whole", alt(g.refuse_whole), "permission"))
    if g.grant_whole:
        rules.append(rule("grant-label", GRANT, "grant_whole", alt(g.grant_whole)))
    if g.granted:  # "permission is granted to print and copy": the grant names itself, any verb counts
        rules.append(rule("granted", GRANT, "granted", rf"{alt(g.granted)}{base}", "granted"))
    return rules


def other_rules() -> list[Rule]:
    """The whole patterns of the other languages (a refusal there names the permission it requires)."""
    return [
        Rule(rule_id, stance, re.compile(pattern, re.I), "permission" if stance == RESTRICT else "plain")
        for rule_id, stance, pattern in OTHER_RULES
    ]


def free_pattern(grammars: tuple[Grammar, ...]) -> re.Pattern[str]:
    """Words that make a grant unconditional, in every language."""
    return re.compile(alt(tuple(p for g in grammars for p in g.free)), re.I)
