"""Creative Commons licences named in words: "CC BY-NC-SA 4.0", "CC-BY 4.0", "Creative Commons Attribution-
NonCommercial 3.0 Unported", "licencia Creative Commons Reconocimiento-CompartirIgual 4.0", "Creative-Commons-Lizenz
(CC BY 4.0)", "クリエイティブ・コモンズ 表示 - 非営利 4.0 国際", CC0 and the Public Domain Mark by name.

A name is read as a small grammar whose parts are data tables: the Creative Commons name (per language), a
chain of licence elements (each element's official name per language, or its code), then a version and a
jurisdiction. The chain must follow the name (fillers such as "License" or a bracket aside) or come right
before it ("an Attribution-NoDerivatives Creative Commons licence"): a "by" or an "attribution" elsewhere in
the sentence is never read as an element, and a name with no element ("a Creative Commons licence", the
retired "Developing Nations" licence) names no licence id. Pure.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# The official element names of the CC licence deeds, per language (regex fragments, matched case-insensitively).
ELEMENT_NAMES: dict[str, dict[str, tuple[str, ...]]] = {
    "en": {"by": (r"attribution",), "nc": (r"non[-\s]?commercial",),
           "nd": (r"no[-\s]?deriv(?:ative)?s?(?:[-\s]works?)?",), "sa": (r"share[-\s]?alike",)},
    "de": {"by": (r"namensnennung",), "nc": (r"nicht[-\s]?kommerziell",), "nd": (r"keine[-\s]?bearbeitung(?:en)?",),
           "sa": (r"weitergabe\s+unter\s+gleichen\s+bedingungen",)},
    "fr": {"by": (r"attribution", r"paternit[ée]"), "nc": (r"pas\s+d['’]\s?utilisation\s+commerciale",),
           "nd": (r"pas\s+de\s+modification",), "sa": (r"partage\s+dans\s+les\s+m[êe]mes\s+conditions",)},
    "es": {"by": (r"reconocimiento", r"atribuci[óo]n"), "nc": (r"no[-\s]?comercial",),
           "nd": (r"sin[-\s]?obras?[-\s]?derivadas?", r"sin[-\s]?derivad[ao]s"), "sa": (r"compartir[-\s]?igual",)},
    "ca": {"by": (r"reconeixement",), "nc": (r"no[-\s]?comercial",), "nd": (r"sense[-\s]?obra[-\s]?derivada",),
           "sa": (r"compartir[-\s]?igual",)},
    "it": {"by": (r"attribuzione",), "nc": (r"non[-\s]?commerciale",), "nd": (r"non[-\s]?opere[-\s]?derivate",),
           "sa": (r"condividi[-\s]?allo[-\s]?stesso[-\s]?modo",)},
    "pt": {"by": (r"atribui[çc][ãa]o",), "nc": (r"(?:uso[-\s])?n[ãa]o[-\s]?comercial",),
           "nd": (r"sem[-\s]?deriva(?:[çc][õo]es|dos)", r"vedada\s+a\s+cria[çc][ãa]o\s+de\s+obras\s+derivadas"),
           "sa": (r"compartilha[-\s]?igual", r"compartilhamento\s+pela\s+mesma\s+licen[çc]a",
                  r"partilha\s+nos\s+termos\s+da\s+mesma\s+licen[çc]a")},
    "nl": {"by": (r"naamsvermelding",), "nc": (r"niet[-\s]?commercieel",),
           "nd": (r"geen[-\s]?afgeleide[-\s]?werken",), "sa": (r"gelijk[-\s]?delen",)},
    "pl": {"by": (r"uznanie\s+autorstwa",), "nc": (r"u[żz]ycie\s+niekomercyjne", r"niekomercyjn\w*"),
           "nd": (r"bez\s+utwor[óo]w\s+zale[żz]nych",), "sa": (r"na\s+tych\s+samych\s+warunkach",)},
    "ru": {"by": (r"атрибуция", r"с\s+указанием\s+авторства"), "nc": (r"некоммерческ\w*(?:\s+использование)?",),
           "nd": (r"без\s+производных(?:\s+произведений)?",), "sa": (r"на\s+тех\s+же\s+условиях",
                                                                    r"с\s+сохранением\s+условий")},
    "sv": {"by": (r"erk[äa]nnande",), "nc": (r"icke[-\s]?kommersiell",), "nd": (r"inga[-\s]?bearbetningar",),
           "sa": (r"dela[-\s]?lika",)},
    "cs": {"by": (r"uve[ďd]te\s+(?:p[ůu]vod|autora)",), "nc": (r"neu[žz][íi]vejte(?:\s+d[íi]lo)?\s+komer[čc]n[ěe]",),
           "nd": (r"nezpracov[áa]vejte", r"nezasahujte\s+do\s+d[íi]la"), "sa": (r"zachovejte\s+licenci",)},
    "tr": {"by": (r"at[ıi]f", r"al[ıi]nt[ıi]"), "nc": (r"gayri[-\s]?ticari",), "nd": (r"t[üu]retilemez", r"t[üu]retilmez"),
           "sa": (r"ayn[ıi][-\s]?lisansla[-\s]?payla[şs]",)},
    "ja": {"by": ("表示",), "nc": ("非営利",), "nd": ("改変禁止",), "sa": ("継承",)},
    "zh": {"by": ("署名", "姓名標示"), "nc": ("非商业性使用", "非商業性", "非商业", "非商業"), "nd": ("禁止演绎", "禁止改作"),
           "sa": ("相同方式共享",)},
    "ko": {"by": (r"저작자\s?표시",), "nc": ("비영리",), "nd": (r"변경\s?금지",), "sa": (r"동일\s?조건\s?변경\s?허락",)},
}  # fmt: skip
# The Creative Commons name itself, per language.
CC_NAMES = (r"creative[\s\-]?commons", "クリエイティブ・?コモンズ", r"創用\s?CC", "知识共享", "知識共享",
            r"크리에이티브\s?커먼즈")  # fmt: skip
# Words that may stand between the name, the elements and the version: "licence", "License", "International".
_FILLER_WORDS = (
    r"licen[cs]e[sd]?|licen[cs]ia|licen[çc]a|licenza|lizenz|licentie|licencj[aię]|licence|licens|lisans\w*"
    r"|лицензи\w*|ライセンス|许可协议|授權條款|라이선스|public|the|an?|type|deed|legal\s?code|version|versi[óo]n"
    r"|versione|vers[ãa]o|v\.?|international|internacional|internazionale|internationa[al]|unported|generic"
    r"|g[ée]n[ée]rique|gen[ée]rica|国際|国际|國際|국제"
)
_PUNCT = r"[\s:\-–—(),/«»\"“”„'‘’]"
_ORDER = {"by": 0, "nc": 1, "nd": 2, "sa": 3}
# Ports named after a version ("3.0 Germany", "2.5 Canada", "3.0 DE").
JURISDICTIONS = {
    "united states": "us", "deutschland": "de", "germany": "de", "österreich": "at", "austria": "at",
    "schweiz": "ch", "switzerland": "ch", "france": "fr", "españa": "es", "spain": "es", "italia": "it",
    "italy": "it", "nederland": "nl", "netherlands": "nl", "england": "uk", "scotland": "scotland",
    "japan": "jp", "australia": "au", "canada": "ca", "brasil": "br", "brazil": "br", "polska": "pl",
    "poland": "pl", "igo": "igo",
}  # fmt: skip
# Cheap gate words: a block without any of them names no CC licence (checked in one pass by `PageText`).
WORDS = ("creative commons", "creative-commons", "creativecommons", "cc-by", "cc by", "cc\xa0by", "ccby", "cc_by",
         "(cc)", "cc0", "cc-0", "cc zero", "cc-zero", "public domain mark", "public-domain mark",
         "marque du domaine public", "クリエイティブ", "創用", "知识共享", "知識共享", "크리에이티브")  # fmt: skip


_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af]")
# A word boundary, or a glued capital ("CommonsAttribution", "AttributionNonCommercial").
_START = r"(?:\b|(?-i:(?<=[a-z])(?=[A-Z])))"


def _element_pattern(*, words: bool, codes: bool) -> str:
    """One alternation of every element name (CJK names need no word boundary), and the codes if asked."""
    parts = (
        [f for table in ELEMENT_NAMES.values() for frags in table.values() for f in frags] if words else []
    )
    alternatives = [p if _CJK.match(p) else f"{_START}(?:{p}){_START}" for p in parts]
    if codes:
        alternatives.append(r"\b(?:by|nc|nd|sa)\b")
    return "(?:" + "|".join(alternatives) + ")"


_SEP = r"(?:\s*[-‐–—,/+&·・]\s*|\s+(?:and|und|et|y|e|en|i|и|och|ve)\s+|\s+)"
_ANY = _element_pattern(words=True, codes=True)
_WORD = _element_pattern(words=True, codes=False)
_CC = "(?:" + "|".join(CC_NAMES) + ")"
_FILL = f"(?:{_PUNCT}|(?:{_FILLER_WORDS})\\b)"
_CC_NAME = re.compile(_CC, re.I)
# After the name: "Creative Commons [License:] Attribution-ShareAlike", "licencia Creative Commons BY-SA"
_FORWARD = re.compile(f"{_FILL}{{0,8}}?(?P<chain>{_ANY}(?:{_SEP}{_ANY}){{0,3}})", re.I)
# Before the name: "an Attribution-NonCommercial-NoDerivatives Creative Commons license"
_REVERSE = re.compile(f"(?P<chain>{_WORD}(?:{_SEP}{_WORD}){{0,3}}){_FILL}{{0,4}}$", re.I)
# Described after the name: "a Creative Commons licence permitting non-commercial sharing with attribution"
_DESCRIBED = re.compile(
    f"{_FILL}{{0,6}}?\\b(?:permitting|allowing|that\\s+(?:allows|permits|requires)|which\\s+(?:allows|permits"
    f"|requires)|requiring)\\s+(?P<chain>[^.;]{{0,80}})",
    re.I,
)
# "CC BY-NC-SA 4.0", "CC-BY 4.0", "(cc) BY-NC", "cc-by-sa-4.0"
_COMPACT = re.compile(
    r"(?<![\w./@-])(?:\(cc\)|cc)[\s_\-]*(?P<chain>by(?:[\s_\-–]*(?:nc|nd|sa)\b){0,2})(?![\w])", re.I
)
_ELEMENT_CODE = [
    (code, re.compile("|".join(f for table in ELEMENT_NAMES.values() for f in table.get(code, ())), re.I))
    for code in _ORDER
]
_CODE_TOKEN = re.compile(r"\b(by|nc|nd|sa)\b", re.I)
_VERSION = re.compile(f"{_FILL}*?(?:\\bv\\.?\\s?)?(?<![\\d.])(?P<ver>[1-4]\\.[05])(?![\\d])", re.I)
_JUR = re.compile(
    r"[\s,\-–(]*(?:(?P<word>" + "|".join(JURISDICTIONS) + r")\b|(?-i:(?P<code>[A-Z]{2}|IGO))\b)", re.I
)
# Retired CC licences, named after the CC name ("Creative Commons Developing Nations License").
RETIRED_CODES = frozenset({"devnations", "sampling", "sampling+", "nc-sampling+"})
_RETIRED = re.compile(
    r"[\s\-–:]*(?:(?P<nc>non[-\s]?commercial\s+)?sampling\s*(?:\+|plus)(?P<plus>)|(?P<sampling>sampling)"
    r"|(?P<devnations>developing\s+nations))\b",
    re.I,
)
_RETIRED_VERSION = {"devnations": "2.0"}
_ZERO = re.compile(r"(?<![\w-])cc[\s\-]?(?:0|zero)\b|creative[\s\-]?commons[\s\-]?(?:zero|cc0)\b", re.I)
_MARK = re.compile(
    r"\bpublic[\s\-]domain[\s\-]mark\b|\bmarque\s+du\s+domaine\s+public\b|\bpublic[\s\-]domain[\s\-]markierung\b",
    re.I,
)
_ZERO_VERSION = re.compile(r"\s*(?:v\.?\s*)?(?P<ver>1\.0)\b")


@dataclass(frozen=True, slots=True)
class NamedLicense:
    """A licence named in text, and where: `start` / `end` span the name in the text read."""

    code: str  # by, by-nc-sa, ... | zero (CC0) | mark (Public Domain Mark)
    version: str | None
    jurisdiction: str | None
    start: int
    end: int


def normalize_code(code: str) -> str:
    """`by-nd-nc` (CC 1.0's spelling) -> `by-nc-nd`; elements in canonical order."""
    parts = [p for p in code.lower().split("-") if p]
    if all(p in _ORDER for p in parts):
        parts = sorted(set(parts), key=_ORDER.__getitem__)
    return "-".join(parts)


def _codes(chain: str, *, codes: bool = True) -> str | None:
    """The licence code of an element chain. A chain of element words must name Attribution, or two elements
    ("a noncommercial Creative Commons licence" could be any of three licences)."""
    found = {code for code, pattern in _ELEMENT_CODE if pattern.search(chain)}
    if codes:
        found |= {m.group(1).lower() for m in _CODE_TOKEN.finditer(chain)}
    if "by" not in found and len(found) < 2:
        return None
    return normalize_code("-".join(found | {"by"}))


def _version_after(text: str, end: int) -> tuple[str | None, str | None, int]:
    """The version (and a port) that follows a name within a few filler words, and where they end."""
    match = _VERSION.match(text, end, min(len(text), end + 60))
    if match is None:
        return None, None, end
    version, end = match.group("ver"), match.end()
    jur = _JUR.match(text, end, min(len(text), end + 30)) if version < "4.0" else None
    if jur is None:
        return version, None, end
    name = jur.group("word")
    return version, (JURISDICTIONS[name.lower()] if name else jur.group("code").lower()), jur.end()


def _credit_not_code(text: str, match: re.Match[str]) -> bool:
    """ "CC by Ann Lee" credits a person: a lower-case lone "by" followed by a name is not the BY element."""
    chain = match.group("chain")
    if chain != "by" or match.end() >= len(text):
        return False
    rest = text[match.end() : match.end() + 3]
    return bool(re.match(r"\s+[^\W\d]", rest)) and not re.match(r"\s+v?\d", rest)


def _retired_code(match: re.Match[str]) -> str:
    if match.group("devnations"):
        return "devnations"
    if match.group("plus") is not None:
        return "nc-sampling+" if match.group("nc") else "sampling+"
    return "sampling"


def _plain_elements(chain: str) -> set[str]:
    return {code for code, pattern in _ELEMENT_CODE if pattern.search(chain)}


def find_names(text: str) -> list[NamedLicense]:
    """Every Creative Commons licence (and CC0, Public Domain Mark) named in `text`, in text order."""
    lower = text.lower()
    if "cc" not in lower and "public" not in lower and "domaine" not in lower and not _CC_NAME.search(text):
        return []
    found: list[NamedLicense] = []
    taken: list[tuple[int, int]] = []

    def add(code: str | None, start: int, end: int, *, default: str | None = None) -> None:
        if code is None or any(s < end and start < e for s, e in taken):
            return
        version, jur, stop = _version_after(text, end)
        found.append(NamedLicense(code, version or default, jur, start, stop))
        taken.append((start, stop))

    for match in _COMPACT.finditer(text):
        if not _credit_not_code(text, match):
            add(_codes(match.group("chain")), match.start(), match.end())
    for name in _CC_NAME.finditer(text):
        retired = _RETIRED.match(text, name.end())
        if retired is not None:
            code = _retired_code(retired)
            add(code, name.start(), retired.end(), default=_RETIRED_VERSION.get(code))
            continue
        forward = _FORWARD.match(text, name.end())
        if forward is not None and not _credit_not_code(text, forward):
            add(_codes(forward.group("chain")), name.start(), forward.end("chain"))
        head = max(0, name.start() - 120)
        reverse = _REVERSE.search(text, head, name.start())
        if reverse is not None and "by" in _plain_elements(reverse.group("chain")):
            add(_codes(reverse.group("chain"), codes=False), reverse.start(), name.end())
        described = _DESCRIBED.match(text, name.end())
        if described is not None and "by" in _plain_elements(described.group("chain")):
            add(_codes(described.group("chain"), codes=False), name.start(), described.end())
    for kind, pattern in (("zero", _ZERO), ("mark", _MARK)):
        for match in pattern.finditer(text):
            version = _ZERO_VERSION.match(text, match.end())
            stop = version.end() if version else match.end()
            if not any(s < stop and match.start() < e for s, e in taken):
                found.append(NamedLicense(kind, "1.0", None, match.start(), stop))
                taken.append((match.start(), stop))
    return sorted(found, key=lambda n: n.start)


_OTHER_NAMES = (
    ("gfdl", "GNU Free Documentation License"),
    ("ogl-uk", "Open Government Licence"),
    ("etalab", "Licence Ouverte / Open Licence"),
)


def license_name(license_id: str | None) -> str | None:
    """`cc-by-nc-nd-4.0` -> `CC BY-NC-ND 4.0`; `cc0-1.0` -> `CC0 1.0`; `pdm-1.0` -> `Public Domain Mark 1.0`;
    `gfdl-1.3` -> `GNU Free Documentation License 1.3`; `ogl-uk-3.0` -> `Open Government Licence 3.0`."""
    if not license_id:
        return None
    if license_id.startswith("cc0"):
        return "CC0 " + license_id.split("-", 1)[1]
    if license_id.startswith("pdm"):
        return "Public Domain Mark " + license_id.split("-", 1)[1]
    for prefix, name in _OTHER_NAMES:
        if license_id.startswith(prefix):
            version = license_id[len(prefix) :].lstrip("-")
            return f"{name} {version}".strip()
    if license_id.startswith("cc-"):
        parts = license_id[3:].split("-")
        version = parts.pop() if parts and parts[-1][:1].isdigit() else ""
        return ("CC " + "-".join(p.upper() for p in parts) + (f" {version}" if version else "")).strip()
    return license_id
