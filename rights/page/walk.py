"""The DOM walk: one pre-order pass over the parsed tree that yields the page's text blocks in document order,
each with its zone, a short CSS-like path, and whether it sits in the article or in a quotation. Anchors and
images met on the way go to a `LinkCollector`; `<q>` elements put their quotation marks into the text."""

from __future__ import annotations

import re
from dataclasses import dataclass

from selectolax.lexbor import LexborNode

from rights.models import Zone
from rights.page.links import LinkCollector
from rights.page.models import TextBlock
from rights.page.zones import BLOCK_TAGS, SKIP_TAGS, kind_of, wrappers_inside

MAX_COMMENT_CHARS = 4000


@dataclass(slots=True)
class _Info:
    """What a node inherits from its ancestors. Inline elements share their parent's _Info."""

    zone: Zone
    in_article: bool
    skip: bool
    block: int  # mem_id of the element that opened this _Info
    tag: str
    segs: tuple[str, ...]  # the last path segments, outermost first
    quoted: bool
    anchor: int  # index into links of the enclosing <a>, or -1
    q: int = -1  # mem_id of the innermost enclosing <q>, or -1


_INLINE_PLAIN = frozenset(
    [
        "b",
        "i",
        "em",
        "strong",
        "u",
        "s",
        "small",
        "sub",
        "sup",
        "abbr",
        "code",
        "mark",
        "strike",
        "tt",
        "big",
        "font",
        "wbr",
        "bdi",
        "bdo",
        "kbd",
        "samp",
        "var",
        "ins",
        "del",
        "dfn",
        "cite",
        "time",
        "data",
        "ruby",
        "rt",
        "rp",
    ]
)


_SPECIAL = frozenset({"a", "img", "blockquote", "q"})


# `<q>` quotation marks, as private-use stand-ins while a block's text is collected (so that the whitespace
# next to them can be dropped when the block is flushed), then typographic quotes.
_Q_OPEN, _Q_CLOSE = "\ue000", "\ue001"
_Q_MARKS = re.compile("\ue000\\s*|\\s*\ue001")


class DomWalk:
    """One pre-order pass over the DOM, memoising each element's inherited _Info by mem_id."""

    def __init__(self, url: str | None, main: LexborNode | None, article: LexborNode | None) -> None:
        self.article_id = article.mem_id if article is not None else -1
        self.guarded: set[int] = set()  # the article body and its ancestors: never a chrome zone
        node = main
        while node is not None:
            self.guarded.add(node.mem_id)
            node = node.parent
        if main is not None:
            self.guarded.update(wrappers_inside(main))
        self.blocks: list[TextBlock] = []
        self.links = LinkCollector(url)
        self.run: list[str] = []
        self.run_info: _Info | None = None
        self.run_anchors: list[int] = []
        self.open_quotes: list[tuple[int, int]] = []  # open <q>s: (mem_id, block)

    def flush(self) -> None:
        info = self.run_info
        if info is not None and self.run:
            text = " ".join("".join(self.run).split())
            if _Q_OPEN in text or _Q_CLOSE in text:
                text = _Q_MARKS.sub(lambda m: "“" if m.group(0).strip() == _Q_OPEN else "”", text)
            if text:
                index = len(self.blocks)
                self.blocks.append(
                    TextBlock(
                        text, info.zone, " > ".join(info.segs), info.tag, info.in_article, index, info.quoted
                    )
                )
                for anchor in self.run_anchors:
                    draft = self.links.drafts[anchor]
                    if draft.block is None:
                        draft.block = index
        self.run, self.run_info, self.run_anchors = [], None, []

    def element(self, node: LexborNode, parent: _Info) -> _Info:
        """The _Info of an element: its zone, block and path, from its own attributes and its parent's."""
        if parent.skip:
            return parent
        tag = node.tag or ""
        if tag in _INLINE_PLAIN:
            return parent
        if tag in SKIP_TAGS:
            return _Info(
                parent.zone,
                parent.in_article,
                True,
                parent.block,
                tag,
                parent.segs,
                parent.quoted,
                -1,
                parent.q,
            )
        attrs = node.attributes
        mem_id = node.mem_id
        in_article = parent.in_article or mem_id == self.article_id
        zone = parent.zone
        ident, cls, role, itemprop = (
            attrs.get("id"),
            attrs.get("class"),
            attrs.get("role"),
            attrs.get("itemprop"),
        )
        found, seg = kind_of(tag, ident, cls, role, itemprop)
        if found is not None and mem_id not in self.guarded:
            zone = Zone.BYLINE if found is Zone.HEADER and in_article else found
        if in_article and (zone is Zone.OTHER or zone is Zone.HEADER):
            zone = Zone.MAIN
        is_block = tag in BLOCK_TAGS
        if not is_block and tag not in _SPECIAL and zone is parent.zone and in_article is parent.in_article:
            return parent
        segs = (*parent.segs[-3:], seg)
        quoted = parent.quoted or tag == "blockquote" or tag == "q"
        anchor = parent.anchor
        if tag == "a":
            anchor = self.links.link(attrs, zone, segs, in_article)
        elif tag == "img":
            self.links.image(attrs, zone, segs, in_article, anchor)
        if is_block and self.run:
            self.flush()
        block = mem_id if is_block or zone is not parent.zone else parent.block
        if tag != "q":
            return _Info(zone, in_article, False, block, tag, segs, quoted, anchor, parent.q)
        info = _Info(zone, in_article, False, block, tag, segs, quoted, anchor, mem_id)
        self._open_quote(info)
        return info

    def _open_quote(self, info: _Info) -> None:
        """A `<q>` renders with quotation marks: put them into the block text, so the matcher sees a quote."""
        if self.run_info is None or self.run_info.block != info.block:
            self.flush()
            self.run_info = info
        self.run.append(_Q_OPEN)
        self.open_quotes.append((info.q, info.block))

    def _close_quotes(self, inside: int) -> None:
        """Close the `<q>`s the walk has left (all but `inside` and its ancestors)."""
        while self.open_quotes and self.open_quotes[-1][0] != inside:
            _, block = self.open_quotes.pop()
            if self.run_info is not None and self.run_info.block == block:
                self.run.append(_Q_CLOSE)

    def comment(self, content: str, info: _Info) -> None:
        content = " ".join(content.split())
        if len(content) < 4:
            return
        self.flush()
        self.blocks.append(
            TextBlock(
                content[:MAX_COMMENT_CHARS],
                Zone.HTML_COMMENT,
                " > ".join(info.segs),
                "#comment",
                info.in_article,
                len(self.blocks),
            )
        )

    def walk(self, root: LexborNode) -> None:
        root_info = _Info(Zone.OTHER, False, False, root.mem_id, "", (), False, -1)
        memo: dict[int, _Info] = {}
        run = self.run
        link_text = self.links.texts
        for node in root.traverse(include_text=True):
            if node.is_text_node:
                content = node.text_content or ""
                if not content or content.isspace():
                    if run:  # keeps words apart; whitespace collapses when the block is flushed
                        run.append(" ")
                    continue
                parent = node.parent
                info = memo.get(parent.mem_id, root_info) if parent is not None else root_info
                if info.skip:
                    continue
                if self.open_quotes and info.q != self.open_quotes[-1][0]:
                    self._close_quotes(info.q)
                if info.anchor >= 0:
                    link_text[info.anchor].append(content)
                if self.run_info is not info and (self.run_info is None or self.run_info.block != info.block):
                    self.flush()
                    run = self.run
                    self.run_info = info
                run.append(content)
                if info.anchor >= 0 and (not self.run_anchors or self.run_anchors[-1] != info.anchor):
                    self.run_anchors.append(info.anchor)
            elif node.is_element_node:
                parent = node.parent
                info = memo.get(parent.mem_id, root_info) if parent is not None else root_info
                if self.open_quotes and info.q != self.open_quotes[-1][0]:
                    self._close_quotes(info.q)
                memo[node.mem_id] = self.element(node, info)
                run = self.run
            elif node.is_comment_node:
                parent = node.parent
                info = memo.get(parent.mem_id, root_info) if parent is not None else root_info
                if not info.skip:
                    self.comment(node.comment_content or "", info)
                run = self.run
        self._close_quotes(-2)
        self.flush()
