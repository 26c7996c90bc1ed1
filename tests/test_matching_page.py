"""Comparing pages: article text, block quotations, site chrome and boilerplate."""

from __future__ import annotations

import html

from rights.matching import compare_pages, fingerprint, page_source, page_text
from rights.matching.index import FingerprintIndex
from rights.page import parse_page
from rights.page.models import Page
from tests.test_matching_helpers import BODY, FIXTURES, HEADLINE, fixture, paragraphs


def load(name: str) -> Page:
    return parse_page((FIXTURES / name).read_bytes(), url=f"https://example.org/{name}")


def plain_page(paras: list[str], *, chrome: bool = True) -> bytes:
    """A page without article markup: the story sits in a bare <div> between a menu and a footer."""
    menu = " ".join(f'<a href="/s{i}">Section number {i} of the site</a>' for i in range(12))
    footer = (
        "Copyright Courier Media. All rights reserved. Reproduction without permission is prohibited. "
        "Contact the newsroom at the address printed on the back page of every edition of the paper."
    )
    body = "".join(f"<p>{html.escape(p)}</p>" for p in paras)
    if chrome:
        body = f'<div id="menu">{menu}</div><div>{body}</div><div id="footer"><p>{footer}</p></div>'
    return f"<!doctype html><html><head><title>t</title></head><body>{body}</body></html>".encode()


def test_article_text_of_a_page() -> None:
    found = page_text(load("courier_story.html"))
    assert found.origin == "article"
    assert found.text.startswith(HEADLINE)
    assert "Courier Media" not in found.text  # footer
    assert "Letters to the editor" not in found.text  # navigation


def test_block_quotations_are_quoted_spans() -> None:
    found = page_text(load("blog_quote.html"))
    assert len(found.quoted_spans) == 1
    start, end = found.quoted_spans[0]
    assert found.text[start:end] == BODY[1]


def test_body_text_when_no_article_is_found() -> None:
    found = page_text(parse_page(plain_page(BODY[:3])))
    assert found.origin in {"article", "body"}
    assert found.text.startswith(BODY[0])
    assert "Section number" not in found.text and "All rights reserved" not in found.text


def test_republished_page_is_a_copy() -> None:
    match = compare_pages(load("valley_repost.html"), load("courier_story.html"))
    assert match.verdict == "copy"
    assert match.copied_share_of_original > 0.85


def test_blog_quoting_in_a_blockquote_is_a_quote() -> None:
    match = compare_pages(load("blog_quote.html"), load("courier_story.html"))
    assert match.verdict == "quote"
    assert [p.quoted for p in match.passages] == [True]
    assert match.quoted_share_of_original > 0.1


def test_pages_sharing_only_navigation_and_footer_are_unrelated() -> None:
    assert compare_pages(load("courier_ferry.html"), load("courier_story.html")).verdict == "unrelated"
    ferry = paragraphs("unrelated.txt")
    match = compare_pages(parse_page(plain_page(ferry)), parse_page(plain_page(BODY)))
    assert match.verdict == "unrelated"
    assert match.passages == ()


def test_empty_pages() -> None:
    empty = parse_page(b"<html><body></body></html>")
    assert page_text(empty).origin == "none"
    match = compare_pages(empty, load("courier_story.html"))
    assert match.verdict == "unrelated" and match.copy_words == 0


def test_site_boilerplate_is_left_out() -> None:
    """A newsletter box inside every article of a site is not copying between two of its stories."""
    box = (
        "Local journalism needs your support. For less than the price of a coffee a week you can "
        "subscribe to the Courier and help us keep reporters in the town hall, the courts and the "
        "schools. Subscribers get every edition a day early and can read the whole archive back to 1921."
    )
    stories = [BODY[:3], paragraphs("unrelated.txt"), BODY[5:8], [fixture("original_fr.txt").strip()]]
    pages = [parse_page(plain_page([*story, box], chrome=False)) for story in stories]
    index = FingerprintIndex()
    for number, page in enumerate(pages):
        url = f"https://courier.example/{number}"
        index.add(url, fingerprint(page_text(page).text), site="courier.example")
    boilerplate = index.boilerplate("courier.example")
    assert len(boilerplate) > 0
    before = compare_pages(pages[1], pages[0])
    after = compare_pages(pages[1], pages[0], copy_boilerplate=boilerplate, original_boilerplate=boilerplate)
    assert before.verdict == "partial"
    assert after.verdict == "unrelated"
    source = page_source(pages[1], boilerplate)
    assert source.excluded.sum() >= len(box.split()) - 2
    assert after.copy_words == source.words


def test_five_megabyte_page() -> None:
    entry = "<p>Archive entry {0}: minutes of meeting {1} in hall {2}.</p>"
    filler = "".join(entry.format(i, i % 97, i % 13) for i in range(90_000))
    data = plain_page([]).replace(b"<body>", b"<body>" + filler.encode() + plain_page(BODY[:4], chrome=False))
    assert len(data) > 5_000_000
    match = compare_pages(parse_page(data), load("courier_story.html"))
    assert match.verdict == "partial"


AUTHOR_BOX = (
    "About the author: Jo Marsh has covered the valley for the Courier since 2009, writing about rivers, "
    "roads and the people who argue about them at council meetings. Sign up for her weekly newsletter to "
    "get every story first, with notes from the reporter's notebook that never make it into the paper."
)


def site_page(paras: list[str], canonical: str) -> bytes:
    head = f'<link rel="canonical" href="{canonical}">'
    body = "".join(f"<p>{html.escape(p)}</p>" for p in [*paras, AUTHOR_BOX])
    return f"<html><head>{head}</head><body><article>{body}</article></body></html>".encode()


def test_same_site_template_text_is_not_copying() -> None:
    """An author box that ends every article of one site is the site's template."""
    story = parse_page(site_page(BODY[:4], "https://courier.example/river"))
    ferry = parse_page(site_page(paragraphs("unrelated.txt"), "https://courier.example/ferry"))
    match = compare_pages(ferry, story)
    assert match.verdict == "unrelated"
    assert [p.boilerplate for p in match.passages] == [True]
    assert match.copied_share_of_copy == 0.0
    elsewhere = parse_page(site_page(paragraphs("unrelated.txt"), "https://valley.example/ferry"))
    assert compare_pages(elsewhere, story).verdict == "partial"  # another site copied the box: it counts
    repeat = parse_page(site_page(BODY[:4], "https://courier.example/river-again"))
    assert compare_pages(repeat, story).verdict == "copy"  # the same site publishing a story twice


def test_link_lists_are_not_article_text() -> None:
    related = "".join(
        f'<li><a href="/s/{i}">Related headline number {i} about the valley</a></li>' for i in range(9)
    )
    body = "".join(f"<p>{html.escape(p)}</p>" for p in BODY[:3])
    page = parse_page(f"<html><body><article>{body}<ul>{related}</ul></article></body></html>".encode())
    text = page_text(page).text
    assert text.startswith(BODY[0]) and "Related headline" not in text


def test_blog_quoting_inline_with_q_is_a_quote() -> None:
    """`<q>` renders with quotation marks, so the block text carries them and the passage counts as quoted."""
    quoted = html.escape(BODY[1])
    blog = (
        "<!doctype html><html><head><title>Notes</title></head><body><article><h1>Town notes</h1>"
        "<p>Our valley has waited a long time for news about the town centre, and readers keep writing to us "
        "about the square and the market hall, so here is the line everyone is talking about this week.</p>"
        f"<p>The partner paper put it plainly: <q>{quoted}</q> We will follow the story as it develops.</p>"
        "</article></body></html>"
    ).encode()
    page = parse_page(blog, url="https://valley-notes.example/q")
    assert f"plainly: “{BODY[1]}” We will" in " ".join(b.text for b in page.blocks)
    match = compare_pages(page, load("courier_story.html"))
    assert match.verdict == "quote"
    assert [p.quoted for p in match.passages] == [True]
