"""Attribution: does the page say its text comes from elsewhere, and from whom?

Signals: "originally published on/by X", "first appeared in X", "republished from X under a Creative Commons
licence", "cross-posted from X", "reprinted with permission from X", "The post ... appeared first on X" (and
German, French, Spanish, Italian, Portuguese phrasings), wire credits (AP, Reuters, AFP, EFE, dpa, ...),
press-release wires, a byline crediting another outlet, `syndication-source` / `original-source` meta, JSON-LD
`isBasedOn`, and a canonical on another registrable domain.

Traps that must not count, each kept as a `Rejected` with its reason: the page's own site named as origin,
the original publisher's "Republish this story" widget, outbound notices ("this article was reprinted on X"),
forum quotes ("Originally posted by"), date notes ("Originally published on Tuesday ..."), citations ("the study
was first published in Nature") and image credits ("AP Photo"). Pure.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from rights.models import Zone
from rights.page.jsonld import names, types_of, urls
from rights.page.metadata import ARTICLE_TYPES
from rights.page.models import Page, TextBlock
from rights.signals import attribution_phrases as phrases
from rights.signals import credit_grammar, wires
from rights.signals.agency import (
    agency_site,
    byline_story_links,
    bylines,
    press_release,
    source_bar,
    wire_block,
)
from rights.signals.common import (
    PageText,
    block_evidence,
    domain_label,
    fold,
    in_media,
    is_own,
    link_evidence,
    meta_evidence,
    presumed_url,
    window,
)
from rights.signals.copyright import copyright_holders
from rights.signals.finding import Found, Sink, link_for
from rights.signals.models import Attribution, Rejected
from rights.signals.names import (
    canonical_origin,
    domain_in_text,
    known_name_at,
    outlet_for_domain,
    outlet_for_name,
)
from rights.signals.origin import (
    clean_origin,
    is_date_like,
    is_generic,
    looks_like_publication,
)
from rights.urls import registrable_domain


@dataclass(frozen=True, slots=True)
class _Statement:
    """A matched credit statement: its rule, where it starts, where its origin words start, and those words."""

    rule: str
    start: int
    rest_at: int
    rest: str
    lang: str = "en"
    strength: int = 3


def _phrase_block(
    page: Page, block: TextBlock, order: int, sink: Sink, rules: Sequence[credit_grammar.Rule]
) -> None:
    text = block.text
    low = text.casefold()
    outbound = (
        phrases.OUTBOUND_NOTICE.search(text)
        if any(w in low for w in phrases.OUTBOUND_WORDS) and phrases.OUTBOUND_VERB.search(text)
        else None
    )
    if outbound and not re.search(r"\b(?:originally|first|initially|from)\b", outbound.group(0), re.I):
        sink.reject(
            "outbound_notice",
            "says where this article went, not where it came from",
            block_evidence(block, "outbound", window(text, outbound.start(), outbound.end())),
        )
    for rule in rules:
        for match in rule.pattern.finditer(text):
            rest_at, rest = match.start("rest"), match.group("rest")
            statement = _Statement(rule.id, match.start(), rest_at, rest, rule.lang, rule.strength)
            _consider(page, block, statement, order, sink)
    infix = phrases.DE_INFIX.search(text) if any(w in low for w in phrases.DE_INFIX_WORDS) else None
    if infix:
        _consider(
            page,
            block,
            _Statement("de-zunaechst", infix.start(), infix.start("rest"), infix.group("rest")),
            order,
            sink,
        )
    line = phrases.SOURCE_LINE.match(text)
    if line and block.tag not in ("figcaption", "caption"):
        rest_at = line.start("rest")
        statement = _Statement("source-line", line.start(), rest_at, line.group("rest"), strength=2)
        _consider(page, block, statement, order, sink)
    via = phrases.VIA_LINE.match(text) if len(text) <= 80 else None
    if via:
        _syndicated(page, block, via, order, sink)
    permission = phrases.PERMISSION_ONLY.search(text) if "permission" in low else None
    if permission:
        _permission_without_name(page, block, permission.start(), order, sink)
    if block.in_article and ("©" in text or "copyright" in low):
        _foreign_copyright(page, block, order, sink)


def _syndicated(page: Page, block: TextBlock, via: re.Match[str], order: int, sink: Sink) -> None:
    """ "Via SyndiGate.info": a syndication service delivered the text; its origin is the copyright holder named
    beside the credit (the block itself or the next ones), else the service."""
    service = known_name_at(via.group("rest")) or domain_in_text(via.group("rest"))
    outlet = outlet_for_name(service) if service else None
    if outlet is None and service:
        outlet = outlet_for_domain(service)
    if outlet is None or outlet.kind != "syndicator":
        return
    evidence = block_evidence(block, "syndication-service")
    for near in page.blocks[block.index : block.index + 4]:
        for holder in copyright_holders(near.text):
            if not is_own(page, holder) and not outlet_for_name(holder):
                sink.accept("republished", holder, None, evidence, 2, order)
                return
    sink.accept("republished", outlet.name, None, evidence, 1, order)


def _permission_without_name(page: Page, block: TextBlock, start: int, order: int, sink: Sink) -> None:
    """ "Reprinted with permission." names no one: the origin is the publisher or copyright holder beside it."""
    text = block.text
    published = phrases.PUBLISHED_BY.search(text)
    if published:
        statement = _Statement(
            "reprinted-with-permission", start, published.start("rest"), published.group("rest")
        )
        _consider(page, block, statement, order, sink)
        return
    for notice in copyright_holders(text):
        if not is_own(page, notice):
            _consider(page, block, _Statement("reprinted-with-permission", start, start, notice), order, sink)
            return


def _foreign_copyright(page: Page, block: TextBlock, order: int, sink: Sink) -> None:
    """An article-level copyright notice that points at another site's domain, or names a known outlet, agency
    or syndicator (the names table) other than the page's own: the text is that organisation's."""
    for match in re.finditer(r"(?:©|\bcopyright\b)[^\n]{0,160}", block.text, re.I):
        domain = phrases.DOMAIN.search(match.group(0))
        if domain is None:
            for named in copyright_holders(match.group(0)):
                outlet = outlet_for_name(known_name_at(named) or named)
                if outlet is None or outlet.kind in ("wire", "press_release"):  # wires: `agency.wire_block`
                    continue
                if not is_own(page, outlet.name) and not _publishes_here(page, outlet.domains):
                    evidence = block_evidence(block, "known-copyright-holder", match.group(0))
                    sink.accept("republished", outlet.name, None, evidence, 2, order)
                    return
            continue
        url = "http://" + domain.group(0).split("://")[-1]
        if is_own(page, None, url):
            continue
        evidence = block_evidence(block, "foreign-copyright", match.group(0))
        holder = copyright_holders(match.group(0))
        name = holder[0] if holder else registrable_domain(url)
        sink.accept("republished", name, url, evidence, 2, order)
        return


def _publishes_here(page: Page, domains: tuple[str, ...]) -> bool:
    here = presumed_url(page)
    return bool(here) and registrable_domain(here or "") in domains


def _is_citation(statement: _Statement, subject: str, block: TextBlock) -> bool:
    """A publication statement whose subject is not this text ("the study was first published in ...")."""
    if statement.rule == "issue-of" and not subject.strip() and len(block.text) > 200:
        return True  # "Published in the June issue of X, the study ...": a paragraph about another work
    if statement.rule not in credit_grammar.SUBJECT_CHECKED and statement.rule != "written-for":
        return False
    if (
        phrases.SELF.search(subject)
        or phrases.FEED_FOOTER.match(subject)
        or re.search(r"\b(?:the above|what follows|the following)\b", subject, re.I)
    ):
        return False
    long_body = block.zone is Zone.MAIN and len(block.text) > 400
    footnote = re.match(r"^\W*\d{1,3}\W*$", subject) is not None
    return bool(phrases.CITED.search(subject)) or len(subject.split()) > 3 or long_body or footnote


def _consider(page: Page, block: TextBlock, statement: _Statement, order: int, sink: Sink) -> None:
    rule, start, rest_at, rest, strength = (
        statement.rule, statement.start, statement.rest_at, statement.rest, statement.strength,
    )  # fmt: skip
    text = block.text
    evidence = block_evidence(block, rule, window(text, start, rest_at + 60))
    before = text[max(0, start - 300) : start]
    phrase = text[start:rest_at]
    if phrases.FORUM.search(text[max(0, start - 20) : rest_at + 5]) or block.zone is Zone.COMMENTS:
        sink.reject("forum_quote", "a forum quote, not the page's origin", evidence)
        return
    if block.zone in (Zone.ASIDE, Zone.NAV) or phrases.WIDGET.search(text):
        sink.reject(
            "republish_widget",
            "a republication widget or template, not a statement about this copy",
            evidence,
        )
        return
    if phrases.OUTBOUND.search(phrase) and not re.search(r"\b(?:from|of|courtesy)\b", phrase, re.I):
        sink.reject("outbound_notice", "says where this article went, not where it came from", evidence)
        return
    if rule not in ("source-line", "crosspost-label") and phrases.OUTBOUND.search(
        text[max(0, start - 40) : rest_at]
    ):
        sink.reject("outbound_notice", "says where this article went, not where it came from", evidence)
        return
    if rule in ("ja-summary",) and not rest.strip():
        rest = " "
    if is_date_like(rest):
        sink.reject("date_note", "a date, not a publisher", evidence)
        return
    if not block.in_article and len(text) > 250 and phrases.SITE_POLICY.search(text):
        sink.reject(
            "site_policy", "the site's notice about sources in general, not this page's origin", evidence
        )
        return
    sentence_start = max(before.rfind(". "), before.rfind("! "), before.rfind("? "))
    subject = before[sentence_start + 2 :] if sentence_start >= 0 else before
    if (
        block.tag in ("figcaption", "caption")
        or in_media(block)
        or re.search(r"\b(?:photo|image|picture|illustration|foto|bild|video|graphic)s?\b", subject, re.I)
    ):
        sink.reject("image_credit", "credits a picture, not the text", evidence)
        return
    if rule == "de-herausgeber" and not re.search(
        r"presse(?:mitteilung|meldung|information)|press release",
        " ".join(b.text for b in page.blocks[:400]),
        re.I,
    ):
        sink.reject("citation", "a publisher line outside a press release", evidence)
        return
    if _is_citation(statement, subject, block):
        sink.reject("citation", "describes another work's publication (a citation)", evidence)
        return
    if rule == "source-line" and (
        not (block.in_article or block.zone is Zone.BYLINE)
        or phrases.SOURCE_NOISE.search(rest)
        or in_media(block)
    ):
        sink.reject("citation", "a source line for data or a claim, not for the text", evidence)
        return
    if re.match(r"\s*(?:the\s+)?(?:journal|proceedings|magazine issue)\b", rest, re.I):
        sink.reject("citation", "names a journal (a citation)", evidence)
        return
    if phrases.LANGUAGE.match(rest) and re.search(
        r"translat|übersetz|tradu|vertaal|przetłumacz|перевод", phrase, re.I
    ):
        sink.reject(
            "translation_note", "names the language a text was translated from, not a publisher", evidence
        )
        return
    name, url = _origin(page, block, statement)
    if name and phrases.REPRINT_SALES.search(name):
        sink.reject("reprint_sales", f"a link to buy reprints ({name}), not an origin", evidence)
        return
    if name and re.match(r"(?:my|our|mein|meine|unser|unsere|notre|nuestro|nuestra)\b", name, re.I):
        sink.reject("self_attribution", f"names the author's or site's own publication ({name})", evidence)
        return
    if not name:
        sink.reject("no_origin", "a republication phrase without a named origin", evidence)
        return
    if rule == "adapted-from" and not _publication(page, name, url) and not phrases.BOOK.search(text):
        sink.reject("citation", f"adapted from a person's work ({name}), a citation", evidence)
        return
    if (
        rule == "courtesy-of"
        and not phrases.REUSE_BEFORE.search(phrase)
        and not _publication(page, name, url)
    ):
        sink.reject(
            "image_credit",
            f"a courtesy credit for a person or a picture ({name}), not a publication",
            evidence,
        )
        return
    kind = "press_release" if rule == "de-herausgeber" else "republished"
    if url and name and phrases.FRAME_LINK.search(url) and is_own(page, None, url) and not is_own(page, name):
        url = None  # a named origin behind the page's own redirect or frame link ("/frame?siteId=...")
    if rule != "de-herausgeber" and is_own(page, name, url) and not _another_site_copy(page, url):
        where = url if url and is_own(page, None, url) else name
        sink.reject("self_attribution", f"names the page's own site ({where}) as origin", evidence)
        return
    sink.found.append(Found(kind, name, url, evidence, strength, order))


def _origin(page: Page, block: TextBlock, statement: _Statement) -> tuple[str | None, str | None]:
    """The origin a statement names: the link that carries it, else the words the chunker keeps.

    A link whose anchor is the origin (or overlaps the name) gives the URL; a pointer ("his blog", "the
    original article") takes the linked site's name. Abbreviations and bare domains become canonical names.
    """
    known = known_name_at(statement.rest)
    name, url = (known, None) if known else clean_origin(statement.rest, lang=statement.lang)
    if statement.rule in ("ja-summary", "ja-source") and not name and not url:
        following = next((b for b in page.blocks if b.index == block.index + 1), None)
        if following is not None and following.text.startswith("http"):
            name, url = clean_origin(following.text)
    link = link_for(page, block, None if is_generic(name) else name, statement.rest_at)
    if link is not None and url is None:
        url = link.url
        text = link.text if link.text and not phrases.READ_ORIGINAL.search(link.text) else ""
        if text and not is_generic(text) and (not name or len(name) > 60 or fold(text) in fold(name)):
            name = text
    if is_generic(name):
        name = canonical_origin(None, url) or (registrable_domain(url) if url else None)
    if not name and url:
        name = canonical_origin(None, url) or registrable_domain(url)
    return canonical_origin(name, url), url


def _publication(page: Page, name: str, url: str | None) -> bool:
    """Whether a bare "Courtesy of X" names a publication (linked elsewhere, a known outlet, a newsy name)."""
    return (
        bool(url and not is_own(page, None, url))
        or outlet_for_name(name) is not None
        or looks_like_publication(name)
    )


def _another_site_copy(page: Page, url: str | None) -> bool:
    """The page's address is the original's (its canonical, as a saved copy may carry) while its own site name
    is another outlet's: a sister site's copy that kept the original's canonical ("Originally published on
    www.computerworld.com" on InfoWorld)."""
    if not url or not page.site_name or page.url not in (page.canonical, page.og_url):
        return False
    outlet = outlet_for_name(page.site_name)
    return outlet is not None and registrable_domain(url) not in outlet.domains


def _from_text(page: Page, text: PageText, sink: Sink) -> None:
    has_article = any(b.in_article for b in page.blocks)
    by_block = _rules_by_block(text)
    blocks = {b.index: b for b in text.having(phrases.PHRASE_WORDS)}
    blocks.update((b.index, b) for b in text.blocks if b.index in by_block)
    for index in sorted(blocks):
        block = blocks[index]
        if block.zone is Zone.NAV or len(block.text) > 3000:
            continue
        if has_article and not block.in_article and block.zone is Zone.OTHER and len(block.text) > 400:
            continue
        _phrase_block(page, block, block.index, sink, by_block.get(index, ()))
    candidates = {b.index: b for b in text.having(phrases.WIRE_LONG)}
    candidates.update((b.index, b) for b in text.having(phrases.WIRE_SHORT, exact=True))
    for block in sorted(candidates.values(), key=lambda b: b.index):
        if block.zone is Zone.NAV:
            continue
        if (
            block.in_article
            or block.zone in (Zone.BYLINE, Zone.MAIN, Zone.HEADER, Zone.FOOTER)
            or not has_article
            or len(block.text) <= 120
            or block.index < 400
        ):
            wire_block(page, block, block.index, sink)
    press_release(page, text, sink)


def _holds_any(text: str, words: tuple[str, ...]) -> bool:
    return any(word in text for word in words)


def _rules_by_block(text: PageText) -> dict[int, list[credit_grammar.Rule]]:
    """The grammar rules worth running on each block: those whose gates the block passes (one page scan)."""
    by_block: dict[int, list[credit_grammar.Rule]] = {}
    for rule in credit_grammar.RULES:
        hits = text.positions(rule.words)
        if hits and rule.also:  # checked in the few blocks left, not in the page scan ("of ", " is ")
            hits = {p for p in hits if _holds_any(text.lower_text(p), rule.also)}
        for position in hits:
            by_block.setdefault(text.blocks[position].index, []).append(rule)
    return by_block


def _from_metadata(page: Page, sink: Sink) -> None:
    for name in (
        "syndication-source",
        "original-source",
        "article:original_url",
        "dc.source",
        "dcterms.source",
    ):
        for value in page.meta.get(name, ()):
            if value.startswith(("http://", "https://")):
                sink.accept(
                    "republished",
                    registrable_domain(value),
                    value,
                    meta_evidence(name, value, name),
                    2,
                    20_000,
                )
    for item in page.jsonld:
        if not types_of(item) & ARTICLE_TYPES:
            continue
        for url in urls(item.get("isBasedOn")) + urls(item.get("isBasedOnUrl")):
            if url.startswith(("http://", "https://")):
                sink.accept(
                    "republished",
                    registrable_domain(url),
                    url,
                    meta_evidence("isBasedOn", url, "json-ld", "jsonld"),
                    2,
                    20_000,
                )
        for provider in names(item.get("provider")) + names(item.get("sourceOrganization")):
            wire = wires.wire_for(provider)
            if wire is not None and not agency_site(page, wire):
                sink.accept(
                    wire.kind,
                    wire.name,
                    None,
                    meta_evidence("provider", provider, "json-ld", "jsonld"),
                    2,
                    20_000,
                )


def _from_canonical(page: Page, sink: Sink) -> None:
    """A canonical on another registrable domain, unless the two domains look like one publisher's (a move)."""
    canonical = page.canonical
    here = page.url
    if not canonical or not here:
        return
    mine, theirs = domain_label(here), domain_label(canonical)
    if not mine or not theirs or registrable_domain(here) == registrable_domain(canonical):
        return
    link = next(ln for ln in page.links if "canonical" in ln.rel and ln.url == canonical)
    evidence = link_evidence(link, "cross-domain-canonical")
    if mine in theirs or theirs in mine:
        sink.reject(
            "domain_move",
            f"canonical on {registrable_domain(canonical)}: the same publisher's domain",
            evidence,
        )
        return
    name = canonical_origin(None, canonical) or registrable_domain(canonical)
    sink.accept("canonical_only", name, canonical, evidence, 1, 30_000)


def detect_attributions(page: Page, text: PageText | None = None) -> tuple[list[Attribution], list[Rejected]]:
    """Every accepted attribution, strongest first, and the traps that were set aside."""
    sink = Sink(page)
    _from_text(page, text or PageText(page), sink)
    bylines(page, sink)
    byline_story_links(page, sink)
    source_bar(page, sink)
    _from_metadata(page, sink)
    _from_canonical(page, sink)
    ranked = sorted(sink.found, key=lambda f: (-f.strength, not f.evidence.in_article, f.order))
    merged: list[Attribution] = []
    for f in ranked:
        for i, done in enumerate(merged):
            if f.name and (fold(done.origin_name or "") == fold(f.name) or _same_origin(done, f)):
                if done.origin_url is None and f.url:
                    merged[i] = Attribution(done.kind, done.origin_name, f.url, done.evidence, done.strength)
                break
        else:
            merged.append(Attribution(f.kind, f.name, f.url, (f.evidence,), f.strength))
    return merged, sink.rejected


def _same_origin(done: Attribution, found: Found) -> bool:
    """Two findings name one origin: the later one's link is on the site the earlier one names through the
    names table ("Time.com" in the text and a canonical on time.com)."""
    if done.origin_url or not found.url:
        return False
    outlet = outlet_for_domain(found.url)
    return outlet is not None and fold(outlet.name) == fold(done.origin_name or "")
