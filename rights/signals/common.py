"""Helpers shared by the detectors: evidence, snippets, the page's own names, name comparison. Pure."""

from __future__ import annotations

import re
import threading
import unicodedata
from bisect import bisect_right
from collections.abc import Iterable, Sequence
from functools import lru_cache
from itertools import accumulate

import ahocorasick

from rights.models import Evidence, Zone
from rights.page.models import Link, Page, TextBlock
from rights.signals.names import outlet_for_name
from rights.urls import host_of, registrable_domain

SNIPPET_CHARS = 300
_WS = re.compile(r"\s+")
# Captions and credits: a licence or copyright sign here covers the picture, not the article.
IMAGE_WORDS = re.compile(
    r"\b(?:photo(?:graph)?s?|pic(?:ture)?s?|image|images|illustration|foto|fotos|bild|bilder|imagen|imágenes"
    r"|grafik|graphic|chart|map|video|screenshot|artwork|cover|credit|courtesy|flickr|wikimedia|getty|shutterstock"
    r"|unsplash|pixabay|istock|imago|dpa-bildfunk|keystone)\b",
    re.I,
)
_MEDIA_PATH = re.compile(
    r"caption|figure|photo|\bimg|image|gallery|slideshow|picture|thumb|hmedia|media-credit"
    r"|video|\bmedia\b",
    re.I,
)
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z\"“])")


def clip(text: str, limit: int = SNIPPET_CHARS) -> str:
    text = _WS.sub(" ", text).strip()
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def window(text: str, start: int, end: int, limit: int = SNIPPET_CHARS) -> str:
    """The sentence(s) around text[start:end], at most `limit` characters."""
    if len(text) <= limit:
        return clip(text, limit)
    left = max(0, start - (limit - (end - start)) // 2)
    piece = text[left : left + limit]
    return clip(("…" if left else "") + piece, limit + 1)


def in_media(block: TextBlock) -> bool:
    """Whether a block sits in a caption, figure or photo credit."""
    near = " > ".join(block.path.split(" > ")[-2:])
    return block.tag in ("figcaption", "caption") or bool(_MEDIA_PATH.search(near))


def block_evidence(block: TextBlock, rule: str, text: str | None = None) -> Evidence:
    return Evidence(
        clip(text if text is not None else block.text), block.zone, block.path, "text", rule, block.in_article
    )


def link_evidence(link: Link, rule: str, text: str | None = None) -> Evidence:
    shown = text if text is not None else (f"{link.text} <{link.url}>" if link.text else link.url)
    source = "meta" if link.tag in ("link", "header") else "link"
    return Evidence(clip(shown), link.zone, link.path, source, rule, link.in_article)


def meta_evidence(name: str, value: str, rule: str, source: str = "meta") -> Evidence:
    return Evidence(clip(f"{name}: {value}"), Zone.META, name, source, rule, False)


def fold(text: str) -> str:
    """Case-, accent- and punctuation-insensitive form of a name."""
    text = unicodedata.normalize("NFKD", text)
    text = "".join(ch for ch in text if not unicodedata.combining(ch)).casefold()
    text = re.sub(r"^https?://", "", text)
    text = re.sub(r"^www\.", "", text)
    text = re.sub(r"[\W_]+", " ", text).strip()
    return re.sub(r"^the ", "", text)


_LEGAL_SUFFIX = re.compile(
    r"\b(?:inc|ltd|llc|plc|gmbh|ag|sa|pty|co|corp|corporation|limited|media|group|news|online|com|org|net|de|uk)\b"
)


@lru_cache(maxsize=4096)
def _core(name: str) -> str:
    return " ".join(_LEGAL_SUFFIX.sub(" ", fold(name)).split())


def presumed_url(page: Page) -> str | None:
    """The page's address, or for a saved page without one, the site its navigation and footer links point to."""
    if page.url or page.og_url:
        return page.url or page.og_url
    counts: dict[str, int] = {}
    total = 0
    for link in page.links:
        if link.zone in (Zone.NAV, Zone.HEADER, Zone.FOOTER) and link.url.startswith("http"):
            total += 1
            domain = registrable_domain(link.url)
            counts[domain] = counts.get(domain, 0) + 1
    if not counts:
        return None
    domain, count = max(counts.items(), key=lambda kv: kv[1])
    return f"https://{domain}/" if count >= 3 and count * 3 >= total else None


def own_names(page: Page) -> list[str]:
    """Names the page's own site goes by: its site name, its domain and host, the title's suffix.

    The canonical link is left out on purpose: on a republished page it points at the original.
    """
    names: list[str] = []
    if page.site_name:
        names.append(page.site_name)
    url = presumed_url(page)
    domain = registrable_domain(url) if url else ""
    if domain:
        names.append(domain)
        host = host_of(url)
        if host and host != domain:
            names.append(host)
        if not page.site_name:
            names.append(domain.split(".")[0])
    if page.title and not page.site_name:
        for sep in (" | ", " - ", " — ", " – ", " :: ", " · "):
            if sep in page.title:
                names.append(page.title.rsplit(sep, 1)[-1].strip())
                first = page.title.split(sep, 1)[0].strip()
                if len(first.split()) <= 5:
                    names.append(first)
                break
    return [n for n in names if n and len(n) >= 2]


def is_own(page: Page, name: str | None, url: str | None = None) -> bool:
    """Whether a named origin is the page's own site (self-attribution).

    The same registrable domain is the own site. A name that extends the site's own name ("VICE US" on VICE,
    "SmartMoney Select" on smartmoney.com, "urban75 bulletin boards" on urban75) is one of its own editions or
    sections; a site name that extends the origin's ("Business Insider Deutschland" republishing "Business
    Insider") is another edition republishing the original.
    """
    here = presumed_url(page)
    if url and here and (registrable_domain(url) == registrable_domain(here) or same_publisher(url, here)):
        return True
    if name and here and _names_own_domain(name, here):
        return True
    if url and not name:
        return False
    if not name:
        return False
    if _DOMAIN_LIKE.match(name.strip()):
        return bool(here) and (
            registrable_domain(name.strip()) == registrable_domain(here)
            or same_publisher(name.strip(), here or "")
        )
    origin = fold(name)
    if not origin:
        return False
    for own in own_names(page):
        mine = fold(own)
        if not mine:
            continue
        if origin.replace(" ", "") == mine.replace(" ", "") or ("." not in own and _exact(name, own)):
            return True
        if len(mine) >= 4 and "." not in own and origin.startswith(mine + " "):
            return True
    label = domain_label(here)
    if url and label and domain_label(url) == label:
        return not (
            page.site_name
            and fold(page.site_name).replace(" ", "").startswith(origin)
            and fold(page.site_name).replace(" ", "") != origin
        )
    return False


_DOMAIN_LIKE = re.compile(r"^(?:https?://)?(?:www\.)?[\w-]+(?:\.[\w-]+)*\.[a-z]{2,}/?$", re.I)
# Host labels that say nothing about the publisher: mobile and language editions, platforms.
_GENERIC_LABELS = frozenset(
    {"www", "m", "amp", "mobile", "news", "blog", "blogs", "en", "de", "fr", "es", "it", "edition", "beta", "web",
     "online", "home", "static", "cdn", "media", "wordpress", "blogspot", "medium", "substack", "tumblr", "github"}
)  # fmt: skip


def _labels(url_or_host: str) -> set[str]:
    host = host_of(url_or_host if "//" in url_or_host else "//" + url_or_host)
    domain = registrable_domain(host)
    suffix = domain.split(".", 1)[1] if "." in domain else ""
    name_part = host[: -len(suffix) - 1] if suffix and host.endswith("." + suffix) else host
    return {label for label in name_part.split(".") if len(label) >= 4 and label not in _GENERIC_LABELS}


def _main_label(url_or_host: str) -> str:
    domain = registrable_domain(url_or_host)
    return domain.split(".")[0] if domain else ""


def same_publisher(a: str, b: str) -> bool:
    """Hosts of one publisher on two registrable domains: one's main label is a label of the other ("msnbc.com"
    and "msnbc.msn.com", "m.economictimes.com" and "economictimes.indiatimes.com", a blog's country domains)."""
    main_a, main_b = _main_label(a), _main_label(b)
    return (len(main_a) >= 4 and main_a in _labels(b)) or (len(main_b) >= 4 and main_b in _labels(a))


def _names_own_domain(name: str, here: str) -> bool:
    """The names table says the named organisation publishes on the page's own domain ("新华网" on news.cn)."""
    outlet = outlet_for_name(name)
    return outlet is not None and registrable_domain(here) in outlet.domains


def domain_label(url: str | None) -> str:
    domain = registrable_domain(url) if url else ""
    return domain.split(".")[0] if domain else ""


def _exact(a: str, b: str) -> bool:
    ca, cb = _core(a).replace(" ", ""), _core(b).replace(" ", "")
    return bool(ca) and ca == cb


def minimal_words(words: Iterable[str]) -> tuple[str, ...]:
    """Drop every word that contains another word of the set (a search for the shorter one finds it too)."""
    unique = sorted(set(words), key=len)
    kept: list[str] = []
    for word in unique:
        if not any(shorter in word for shorter in kept):
            kept.append(word)
    return tuple(kept)


class PageText:
    """The page's block texts joined once, so that a detector finds the few blocks holding any of its trigger
    words without running its regexes over every block. Every word set asked for is searched in one
    Aho-Corasick pass over the page (about 0.2 ms for some 200 words, against 1.2 ms for one `str.find` per
    word)."""

    def __init__(self, page: Page) -> None:
        self.blocks = [b for b in page.blocks if b.zone is not Zone.HTML_COMMENT]
        self.raw = "\n".join(b.text for b in self.blocks)
        self.lower = self.raw.lower()  # may change a text's length ("İ"); "\n" stops a final-sigma context
        self.offsets = _offsets(b.text for b in self.blocks)
        self._aligned = len(self.lower) == len(self.raw)
        self.lower_offsets = self.offsets if self._aligned else _offsets(self.lower.split("\n"))
        self._hits: dict[int, set[int]] = {}
        self._scanned = 0  # how many registered word sets the last scan covered

    def having(self, words: Sequence[str], *, exact: bool = False) -> list[TextBlock]:
        """Blocks holding any of `words` (lower-case words are matched case-insensitively), in page order."""
        if not words or not self.blocks:
            return []
        return [self.blocks[i] for i in sorted(self.positions(words, exact=exact))]

    def positions(self, words: Sequence[str], *, exact: bool = False) -> set[int] | frozenset[int]:
        """Positions (in `blocks`) of the blocks holding any of `words`, unordered: `having` without the blocks."""
        if not words or not self.blocks:
            return frozenset()
        bit = _register(tuple(words), exact)
        if self._scanned <= bit:  # the last scan predates this word set
            self._scan()
        return self._hits.get(bit, frozenset())

    def _scan(self) -> None:
        hits: dict[int, set[int]] = {}
        (folded, exact), covered = _automaton()
        raw, aligned, offsets = self.raw, self._aligned, self.lower_offsets
        if len(folded):
            # "\n" first, so that a case-sensitive word opening the page has its boundary too
            for end, (length, targets) in folded.iter("\n" + self.lower):
                start = end - length  # where the key starts in the page text (one before, for the "\n")
                for bit, word in targets:
                    if word is None:
                        hits.setdefault(bit, set()).add(bisect_right(offsets, start) - 1)
                    elif aligned and raw.startswith(word, start + 1):  # after its boundary character
                        hits.setdefault(bit, set()).add(bisect_right(offsets, start + 1) - 1)
        if not aligned and len(exact):  # rare ("İ"): lower-cased positions do not map back, read as written
            for end, (length, targets) in exact.iter(raw):
                for bit, _word in targets:
                    hits.setdefault(bit, set()).add(bisect_right(self.offsets, end - length + 1) - 1)
        self._hits, self._scanned = hits, covered

    def lower_text(self, position: int) -> str:
        """The lower-cased text of the block at `position` (in `blocks`)."""
        start = self.lower_offsets[position]
        end = (
            self.lower_offsets[position + 1] - 1
            if position + 1 < len(self.lower_offsets)
            else len(self.lower)
        )
        return self.lower[start:end]


def _offsets(texts: Iterable[str]) -> list[int]:
    """Where each text starts once they are joined with one separator character."""
    ends = list(accumulate((len(text) + 1 for text in texts), initial=0))
    ends.pop()
    return ends


# Word sets asked for so far (each detector's set is a module constant), each with its bit.
_REGISTERED: dict[tuple[tuple[str, ...], bool], int] = {}
_REGISTERING = threading.Lock()


def _register(words: tuple[str, ...], exact: bool) -> int:
    bit = _REGISTERED.get((words, exact))
    if bit is None:
        with _REGISTERING:  # two threads registering at once must not share a bit
            bit = _REGISTERED.get((words, exact))
            if bit is None:
                bit = _REGISTERED[words, exact] = len(_REGISTERED)
    return bit


_Automata = tuple[ahocorasick.Automaton, ahocorasick.Automaton]
_BUILT: tuple[_Automata, int] | None = None  # the automata and how many word sets they cover


def _automaton() -> tuple[_Automata, int]:
    """The automata over every registered word set (rebuilt when a set is added), and the sets they cover."""
    global _BUILT
    built = _BUILT
    if built is None or built[1] < len(_REGISTERED):
        with _REGISTERING:
            built = _BUILT
            if built is None or built[1] < len(_REGISTERED):
                built = _BUILT = (_build(list(_REGISTERED.items())), len(_REGISTERED))
    return built


# What may stand before a case-sensitive word (an agency's "AP", "dpa", "TT"): it is entered in the lower-case
# automaton behind each of these, so "(AP)" and "dpa/lno" are found and "happen" or "attack" never hit.
_BOUNDARIES = " \n([{/\\-–—,.:;'\"“”‘’„«»|·•*_+"


def _build(sets: list[tuple[tuple[tuple[str, ...], bool], int]]) -> _Automata:
    """The automata for all `sets`. Over the lower-cased page: each case-insensitive word as given (so a capital
    in one never matches, as with a plain search of the lower-cased text), and each case-sensitive word
    lower-cased behind every boundary character, checked against the page as written at each hit. Over the
    page as written: the case-sensitive words, for the rare page whose lower-case form has another length."""
    folded: dict[str, list[tuple[int, str | None]]] = {}
    exact: dict[str, list[tuple[int, str | None]]] = {}
    for (words, is_exact), bit in sets:
        for word in words:
            if not is_exact:
                folded.setdefault(word, []).append((bit, None))
                continue
            exact.setdefault(word, []).append((bit, word))
            for boundary in _BOUNDARIES:
                folded.setdefault(boundary + word.lower(), []).append((bit, word))
    built = []
    for table in (folded, exact):
        automaton = ahocorasick.Automaton()
        for key, targets in table.items():
            automaton.add_word(key, (len(key), tuple(targets)))
        if table:
            automaton.make_automaton()
        built.append(automaton)
    return built[0], built[1]
