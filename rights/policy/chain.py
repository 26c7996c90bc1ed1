"""Following a republished page back to its original, hop by hop. Pure: the fetching is passed in.

With `follow`, the original named by the attribution is fetched, confirmed to be the same article (titles and
opening text agree), and read in turn, up to `max_hops`. An original that cannot be reached, or that turns out
to be another text, is recorded in the chain; it is never fatal.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from rights.page.models import Page
from rights.signals.models import Signals
from rights.urls import normalize


@dataclass(frozen=True, slots=True)
class Link:
    """One page of the origin chain: read (with its signals) or not, and why."""

    url: str | None
    status: str  # read | fetched | not_followed | unreachable | mismatch | no_url | limit | loop
    page: Page | None = None
    signals: Signals | None = None
    detail: str = ""
    name: str | None = None  # the name the previous page gave it


Reader = Callable[
    [str], Link
]  # fetch + parse + detect one URL; returns a Link with status fetched/unreachable
_WORD = re.compile(r"\w+")


def _words(text: str) -> list[str]:
    return _WORD.findall(text.casefold())


def _shingles(words: list[str], k: int = 4) -> set[tuple[str, ...]]:
    return {tuple(words[i : i + k]) for i in range(max(0, len(words) - k + 1))}


def same_article(copy: Page, original: Page) -> tuple[bool, str]:
    """Whether two pages carry the same article: their titles agree, or their texts share passages."""
    a, b = set(_words(copy.title or "")), set(_words(original.title or ""))
    title = len(a & b) / len(a | b) if a and b else 0.0
    copy_words, original_words = (
        _words(copy.main_text or copy.visible_text),
        _words(original.main_text or original.visible_text),
    )
    left, right = _shingles(copy_words[:400]), _shingles(original_words)
    shared = len(left & right) / len(left) if left else 0.0
    if title >= 0.6 or shared >= 0.3 or (title >= 0.3 and shared >= 0.1):
        return True, f"same article (titles {title:.0%} alike, {shared:.0%} of the opening text found)"
    return False, f"a different text (titles {title:.0%} alike, {shared:.0%} of the opening text found)"


def follow_chain(first: Link, read: Reader, *, follow: bool = True, max_hops: int = 3) -> list[Link]:
    """The first page, then each original it leads to."""
    chain = [first]
    seen = {normalize(first.url)} if first.url else set()
    while True:
        current = chain[-1]
        sig = current.signals
        if sig is None or not sig.republication.is_republication:
            return chain
        rep = sig.republication
        url = rep.origin_url
        if not follow:
            chain.append(Link(url, "not_followed", detail="following was switched off", name=rep.origin_name))
            return chain
        if not url:
            chain.append(
                Link(None, "no_url", detail="the attribution names no address", name=rep.origin_name)
            )
            return chain
        if normalize(url) in seen:
            chain.append(
                Link(url, "loop", detail="the chain comes back to a page already read", name=rep.origin_name)
            )
            return chain
        if len(chain) > max_hops:
            chain.append(Link(url, "limit", detail=f"stopped after {max_hops} hops", name=rep.origin_name))
            return chain
        seen.add(normalize(url))
        nxt = read(url)
        if nxt.page is not None and current.page is not None:
            same, detail = same_article(current.page, nxt.page)
            if not same:
                chain.append(Link(url, "mismatch", nxt.page, None, detail, rep.origin_name))
                return chain
            nxt = Link(nxt.url, nxt.status, nxt.page, nxt.signals, detail, rep.origin_name)
        else:
            nxt = Link(nxt.url, nxt.status, nxt.page, nxt.signals, nxt.detail, rep.origin_name)
        chain.append(nxt)
        if nxt.signals is None:
            return chain
