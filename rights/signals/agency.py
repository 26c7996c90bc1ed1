"""Credits of news agencies and press-release wires, and press releases that name no wire.

Datelines ("HARBOR CITY (Reuters) -", "CITY--(BUSINESS WIRE)--"), bylines ("By Jane Roe (IDG News Service)"),
trailers and sign-offs closing a story (" - Sapa", "dpa/lno", "(KNA)"), an agency's copyright line, and for
press releases a press office's sign-off ("PM Stadt X/ab"), a release portal's contact block, or a listed
company announcing. A picture credit naming an agency ("AP Photo/...", "Name / Reuters") is set aside, and so
is an agency's story on its own site. Agencies are named by the names table (`rights.signals.names`). Pure.
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

from rights.models import Zone
from rights.page.models import Page, TextBlock
from rights.signals import attribution_phrases as phrases
from rights.signals import wires
from rights.signals.common import (
    PageText,
    block_evidence,
    fold,
    in_media,
    is_own,
    meta_evidence,
    presumed_url,
    window,
)
from rights.signals.finding import Sink, link_for
from rights.signals.origin import clean_origin, looks_like_publication, outlet_of_byline
from rights.urls import registrable_domain


def wire_block(page: Page, block: TextBlock, order: int, sink: Sink) -> None:
    text = block.text
    head = text[:200]
    if phrases.CONTRIBUTED.search(text) and len(text) <= 300:
        sink.reject(
            "contribution", "an agency contributed to a story the site wrote", block_evidence(block, "wire")
        )
        return
    found: tuple[str, str] | None = None
    match = wires.DATELINE.search(head)
    if match:
        found = (match.group("credit"), "wire-dateline")
    if found is None:
        match = (
            (wires.PR_DATELINE.search(text[:500]) or wires.PR_STAMP.match(head)) if len(text) > 60 else None
        )
        if match:
            found = (match.group("credit"), "pr-dateline")
    if found is None and len(text) > 3000:
        return  # a whole story in one block: only a dateline at its head is read
    if found is None and len(text) <= 80:
        match = wires.BYLINE.match(text.strip())
        bare = match is not None and match.group(0).strip().lower() == match.group("credit").lower()
        if match and in_media(block):
            sink.reject(
                "image_credit",
                f"a photo credit ({match.group('credit')}), not a story credit",
                block_evidence(block, "wire"),
            )
            return
        if match and (not bare or block.in_article or block.zone is Zone.BYLINE):
            found = (match.group("credit"), "wire-byline")
    if found is None and len(text) <= 300:
        match = wires.WITH_STAFF.search(text)
        if match and (block.zone is Zone.BYLINE or len(text) <= 120):
            found = (match.group("credit"), "wire-credit")
    if found is None:
        match = wires.AGENCY_COPYRIGHT.search(text if len(text) <= 3000 else text[:1500] + " " + text[-1500:])
        if match and block.zone not in (Zone.ASIDE, Zone.NAV, Zone.COMMENTS):
            found = (match.group("credit"), "wire-copyright")
    if found is None and (block.in_article or block.zone is Zone.OTHER):
        match = wires.TRAILER.search(text[-60:]) or wires.SIGNOFF.search(text[-40:])
        if match:
            found = (match.group("credit"), "wire-trailer")
    if found is None:
        photo = wires.photo_credit(text) if len(text) <= 300 or in_media(block) else None
        if photo:
            sink.reject(
                "image_credit",
                f"a photo credit ({photo.group(0)}), not a story credit",
                block_evidence(block, "wire", window(text, photo.start(), photo.end())),
            )
        return
    credit, rule = found
    wire = wires.wire_for(credit)
    if wire is None:
        return
    evidence = block_evidence(block, rule, window(text, 0, 40))
    if in_media(block) and rule != "wire-dateline":
        sink.reject("image_credit", f"a photo or caption credit ({credit}), not a story credit", evidence)
        return
    if wires.photo_credit(text[:160]) and rule in ("wire-byline", "wire-credit"):
        sink.reject("image_credit", f"a photo credit ({credit}), not a story credit", evidence)
        return
    if block.tag in ("figcaption", "caption"):
        sink.reject("image_credit", f"a caption credit ({credit}), not a story credit", evidence)
        return
    if agency_site(page, wire):
        sink.reject("self_attribution", f"{wire.name} story on {wire.name}'s own site", evidence)
        return
    sink.accept(
        wire.kind, wire_name(wire, credit), None, evidence, 2 if wire.name != "Agencies" else 1, order
    )


def wire_name(wire: wires.Wire, spelled: str) -> str:
    """The agency's name to report: its full name where the page wrote an abbreviation ("AP", "AFP",
    "REUTERS") or the full name itself, else the other full spelling the page uses ("Press Association")."""
    for credit in sorted(wire.credits, key=len, reverse=True):
        same = fold(credit).replace(" ", "") == fold(wire.name).replace(" ", "")
        if len(credit) > 5 and not credit.isupper() and credit in spelled and not same:
            return credit
    return wire.name


def agency_site(page: Page, wire: wires.Wire) -> bool:
    """Whether the page is on the agency's own site (then its credit is no republication)."""
    here = presumed_url(page)
    if here and registrable_domain(here) in wire.domains:
        return True
    return is_own(page, wire.name)


def press_release(page: Page, text: PageText, sink: Sink) -> None:
    """Press releases without a wire credit: a press office's sign-off closing the text ("PM Stadt X/ab") or a
    listed company announcing in the opening paragraphs ("Acme Corp. (NASDAQ: ACME) today announced")."""
    article = [b for b in page.blocks if b.in_article and b.zone is Zone.MAIN] or [
        b for b in page.blocks if b.zone is Zone.OTHER
    ]
    for block in text.having(phrases.PRESS_WORDS):
        if block not in article[-4:]:
            continue
        signoff = wires.PRESS_SIGNOFF.search(block.text[-120:])
        if signoff and not is_own(page, signoff.group("org")):
            org = clean_origin(signoff.group("org"))[0]
            if org:
                sink.accept(
                    "press_release", org, None, block_evidence(block, "press-signoff"), 2, block.index
                )
                return
    if release_contact(page, article, sink):
        return
    for block in text.having(phrases.TICKER_WORDS):
        if block not in article[:6]:
            continue
        listed = wires.TICKER.search(block.text[:600])
        if listed and not is_own(page, listed.group("org")):
            org = clean_origin(listed.group("org").split(",")[0])[0]
            if org:
                evidence = block_evidence(
                    block, "listed-company", window(block.text, listed.start(), listed.end())
                )
                sink.accept("press_release", org, None, evidence, 1, 40_000)
                return


def release_contact(page: Page, article: list[TextBlock], sink: Sink) -> bool:
    """A news-release header ("Public release date: ...", "For immediate release") followed by a press contact
    and the issuing organisation, as release portals print it: the organisation is the origin."""
    head = article[:14]
    if not any(phrases.CONTACT.match(b.text) for b in head):
        return False
    if not any(phrases.RELEASE_HEADER.search(b.text) for b in head):
        return False
    for i, block in enumerate(head):
        if not phrases.CONTACT.match(block.text):
            continue
        for near in head[i + 1 : i + 6]:
            name = near.text.strip()
            if (
                len(name) <= 80
                and "@" not in name
                and looks_like_publication(name)
                and not is_own(page, name)
            ):
                sink.accept(
                    "press_release", name, None, block_evidence(near, "release-contact"), 2, near.index
                )
                return True
    return False


def bylines(page: Page, sink: Sink) -> None:
    candidates = [(a, None) for a in page.authors] + [
        (b.text, b) for b in page.blocks if b.zone is Zone.BYLINE and len(b.text) <= 100 and not in_media(b)
    ]
    for text, block in candidates:
        wire = outlet_wire(text)
        evidence = (
            block_evidence(block, "byline-outlet")
            if block is not None
            else meta_evidence("author", text, "byline-outlet")
        )
        if wire is not None:
            if phrases.CREDIT_SLASH.search(text):
                sink.reject(
                    "image_credit", f"a picture credit ({text.strip()}), not a story credit", evidence
                )
            elif not agency_site(page, wire):
                sink.accept(wire.kind, wire_name(wire, text), None, evidence, 2, 10_000)
            continue
        outlet = outlet_of_byline(text)
        if outlet is None:
            continue
        url = None
        if block is not None:
            link = link_for(page, block, outlet, 0)
            url = link.url if link is not None and fold(outlet) in fold(link.text + " " + link.url) else None
        sink.accept("republished", outlet, url, evidence, 2, 10_000)


# Where a byline link goes that is not a story on another outlet: people's and topics' pages, social networks.
_NOT_A_STORY = re.compile(
    r"/(?:authors?|people|profiles?|users?|staff|contributors?|writers?|tags?|topics?|category|categories)/",
    re.I,
)
_SOCIAL = frozenset(
    {"twitter.com", "x.com", "facebook.com", "instagram.com", "linkedin.com", "youtube.com", "t.co", "t.me",
     "mastodon.social", "threads.net", "bsky.app", "wikipedia.org", "medium.com", "substack.com", "google.com"}
)  # fmt: skip


def _key(text: str) -> str:
    return "".join(c for c in fold(text) if c.isalnum())


def byline_story_links(page: Page, sink: Sink) -> None:
    """An aggregator's byline names the outlet as a link to the story on the outlet's own site: "Name /
    <a href="https://outlet.example/2020/05/14/story/">The Outlet</a> / date". The link's text must be the
    outlet's name as its address spells it ("The Outlet" for theoutlet.example), the address a story (a path,
    not a home page, a person's or a topic's page), on another site than the page's own."""
    own = registrable_domain(page.url or page.canonical or page.og_url or "")
    if not own:
        return
    for link in page.links:
        if link.zone is not Zone.BYLINE or link.tag != "a" or link.block is None:
            continue
        name = " ".join(link.text.split())
        if not 3 <= len(name) <= 60 or len(name.split()) > 6 or not name[:1].isupper():
            continue
        domain = registrable_domain(link.url)
        if not domain or domain == own or domain in _SOCIAL:
            continue
        path = urlsplit(link.url).path
        story = "/" in path.strip("/") or "-" in path  # "/2020/05/story/", "/story-title"
        if len(path.strip("/")) < 8 or not story or _NOT_A_STORY.search(path):
            continue
        label = _key(domain.split(".")[0])
        name_key = _key(re.sub(r"^the\s+", "", name, flags=re.I))
        if not name_key or not (label == name_key or label == "the" + name_key or label.startswith(name_key)):
            continue
        block = page.blocks[link.block]
        sink.accept("republished", name, link.url, block_evidence(block, "byline-story-link"), 2, 10_000)


_BAR = re.compile(r"\s*[·•|»]\s*")


def source_bar(page: Page, sink: Sink) -> None:
    """A portal's source bar right above the story: "Business Wire · Latest news · Archive" names the wire the
    release comes from. Only a bar whose first item is one wire and no other item names a wire (a menu of
    sources is no credit)."""
    first = next((i for i, b in enumerate(page.blocks) if b.in_article and b.zone is Zone.MAIN), None)
    if first is None:
        return
    for block in page.blocks[max(0, first - 4) : first]:
        if len(block.text) > 120 or block.zone in (Zone.NAV, Zone.COMMENTS, Zone.HTML_COMMENT, Zone.META):
            continue
        parts = [part for part in _BAR.split(block.text.strip()) if part]
        wire = wires.BY_CREDIT.get(parts[0]) if len(parts) >= 2 else None
        if wire is None or any(wires.BY_CREDIT.get(part) for part in parts[1:]) or agency_site(page, wire):
            continue
        sink.accept(wire.kind, wire_name(wire, parts[0]), None, block_evidence(block, "source-bar"), 2, 9_000)


def outlet_wire(text: str) -> wires.Wire | None:
    text = phrases.LEAD_IN.sub("", re.sub(r"^\s*by\s+", "", text.strip(), flags=re.I))
    for part in re.split(r"\s*[,|/(]\s*|\)|\s+(?:for|and|with)\s+", text):
        wire = wires.BY_CREDIT.get(phrases.LEAD_IN.sub("", part.strip()))
        if wire is not None and (len(part) > 3 or part.isupper()):
            return wire
    return None
