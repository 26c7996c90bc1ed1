"""Reading a page: decoding order, zones, links, metadata, JSON-LD, and hostile input."""

from __future__ import annotations

import pytest

from rights.errors import InputError
from rights.models import Zone
from rights.page import check_html_bytes, decode_html, parse_page, sniff_not_html, visible_words
from tests.helpers import page


@pytest.mark.parametrize(
    ("data", "headers", "codec", "source"),
    [
        (b"\xef\xbb\xbf<meta charset=latin1><p>caf\xc3\xa9</p>", {}, "utf-8", "bom"),
        ("<p>café</p>".encode("utf-16-le").join([b"\xff\xfe", b""]), {}, "utf-16-le", "bom"),
        (
            b"<meta charset=utf-8><p>caf\xe9</p>",
            {"Content-Type": "text/html; charset=ISO-8859-1"},
            "cp1252",
            "header",
        ),
        (b'<meta charset="windows-1251"><p>\xcf\xf0\xe8</p>', {}, "cp1251", "meta"),
        (
            b'<meta http-equiv="Content-Type" content="text/html; charset=shift_jis"><p>x</p>',
            {},
            "cp932",
            "meta",
        ),
        (b"<p>caf\xc3\xa9</p>", {}, "utf-8", "detected"),
        (b"<p>caf\xe9</p>", {}, "cp1252", "default"),
        (b"<meta charset=utf-16><p>x</p>", {}, "utf-8", "meta"),
    ],
)
def test_whatwg_decoding_order(data: bytes, headers: dict[str, str], codec: str, source: str) -> None:
    """BOM > Content-Type charset > <meta> prescan > (valid UTF-8) > windows-1252, recorded."""
    _, used, how, _ = decode_html(data, headers)
    assert (used, how) == (codec, source)


def test_unknown_label_is_ignored_and_recorded() -> None:
    _, codec, source, warnings = decode_html(b"<meta charset=x-bogus><p>hi</p>")
    assert (codec, source) == ("utf-8", "detected")
    assert "unknown charset 'x-bogus'" in warnings[0]


def test_meta_declaring_latin1_over_utf8_bytes_is_read_as_utf8() -> None:
    text, codec, _, warnings = decode_html("<meta charset=iso-8859-1><p>Grüße</p>".encode())
    assert codec == "utf-8" and "Grüße" in text and warnings


def test_nul_bytes_and_undecodable_bytes_never_crash() -> None:
    parsed = parse_page(b"<meta charset=utf-8><p>a\x00b \xff\xfe c</p>")
    assert parsed.blocks[0].text == "ab �� c"
    assert parsed.replacement_chars == 2


def test_zones() -> None:
    body = """
    <header class="site-header"><a href="/">Home</a></header>
    <nav><a href="/a">A</a></nav>
    <article><h1>Title</h1><div class="byline">By Ann Lee</div>
      <div class="entry-content"><p>First paragraph of the story with enough words in it to count.</p>
      <p>Second paragraph of the story, which also has enough words in it.</p></div>
      <footer><p>This article first appeared elsewhere.</p></footer></article>
    <aside class="related"><p>Related stories</p></aside>
    <div id="comments"><p>Great post!</p></div>
    <!-- a comment that says something -->
    <footer class="site-footer"><p>© 2024 Example</p></footer>"""
    blocks = {b.text: (b.zone, b.in_article) for b in page(body).blocks}
    assert blocks["By Ann Lee"] == (Zone.BYLINE, True)
    assert blocks["First paragraph of the story with enough words in it to count."] == (Zone.MAIN, True)
    assert blocks["This article first appeared elsewhere."] == (Zone.FOOTER, True)
    assert blocks["Related stories"] == (Zone.ASIDE, False)
    assert blocks["Great post!"] == (Zone.COMMENTS, False)
    assert blocks["a comment that says something"] == (Zone.HTML_COMMENT, False)
    assert blocks["© 2024 Example"] == (Zone.FOOTER, False)
    assert blocks["A"] == (Zone.NAV, False)


def test_a_wrapper_named_like_a_sidebar_around_the_body_is_not_chrome() -> None:
    text = "A long paragraph of the article body that carries most of the words on the page. " * 5
    body = f'<div itemprop="articleBody"><div class="sidebar-and-content"><p>{text}</p></div></div>'
    (block,) = [b for b in page(body).blocks if b.text.startswith("A long")]
    assert (block.zone, block.in_article) == (Zone.MAIN, True)


def test_blocks_split_at_block_elements_and_keep_inline_text_together() -> None:
    parsed = page("<div>Copyright <b>2020</b> <a href='/x'>Acme</a><p>Inner</p>tail</div>")
    assert [b.text for b in parsed.blocks] == ["Copyright 2020 Acme", "Inner", "tail"]


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        (
            "<p>She said <q>the cranes are back</q>, and left.</p>",
            ["She said “the cranes are back”, and left."],
        ),
        ("<p><q> spaced out </q> after</p>", ["“spaced out” after"]),
        ("<p>a <q>outer <q>inner</q> end</q> z</p>", ["a “outer “inner” end” z"]),
        ("<p>x <q>never closed", ["x “never closed”"]),
        ("<p><q><a href='/s'>linked words</a></q> tail</p>", ["“linked words” tail"]),
        ("<p>no quote here</p><p><q>second</q></p>", ["no quote here", "“second”"]),
    ],
)
def test_inline_q_gets_its_quotation_marks(body: str, expected: list[str]) -> None:
    assert [b.text for b in page(body).blocks] == expected


def test_quotation_marks_stay_out_of_link_text() -> None:
    links = page("<p><q><a href='/s'>linked words</a></q></p>").links
    assert [link.text for link in links if link.tag == "a"] == ["linked words"]


def test_links_are_absolute_with_text_rel_tokens_and_block() -> None:
    parsed = page(
        '<p>See <a rel="License NoOpener" href="/terms#x">our terms</a>.</p>',
        url="https://news.example.org/a/b",
    )
    (link,) = [ln for ln in parsed.links if ln.tag == "a"]
    assert link.url == "https://news.example.org/terms#x"
    assert (link.text, link.rel) == ("our terms", ("license", "noopener"))
    assert parsed.blocks[link.block or 0].text == "See our terms."


def test_non_web_links_are_dropped() -> None:
    parsed = page('<a href="javascript:void(0)">x</a><a href="mailto:a@b.c">y</a><a href="#top">z</a>')
    assert [ln for ln in parsed.links if ln.tag == "a"] == []


def test_metadata_and_declared_canonical_apart_from_og_url() -> None:
    head = """<title>Fallback title</title>
      <meta property="og:title" content="The Title">
      <meta property="og:site_name" content="Example News">
      <meta property="og:url" content="https://m.example.org/story?utm_source=x">
      <meta name="author" content="Ann Lee">
      <meta property="article:published_time" content="2024-05-01T10:00:00Z">
      <meta name="DC.rights" content="Some rights">
      <link rel="canonical" href="/story">
      <link rel="canonical" href="https://other.example.org/story">"""
    parsed = page("<p>x</p>", head=head, url="https://www.example.org/story?ref=home")
    assert parsed.title == "The Title" and parsed.site_name == "Example News"
    assert parsed.authors == ("Ann Lee",) and parsed.published == "2024-05-01T10:00:00Z"
    assert parsed.canonical == "https://www.example.org/story"
    assert parsed.canonicals == ("https://www.example.org/story", "https://other.example.org/story")
    assert parsed.og_url == "https://m.example.org/story?utm_source=x"
    assert parsed.url == "https://www.example.org/story?ref=home"
    assert parsed.meta["dc.rights"] == ("Some rights",)


def test_canonical_from_http_link_header() -> None:
    parsed = parse_page(
        b"<p>x</p>", url="https://a.example/x", headers={"Link": '<https://b.example/y>; rel="canonical"'}
    )
    assert parsed.canonical == "https://b.example/y"


def test_tolerant_json_ld() -> None:
    head = """
    <script type="application/ld+json">
      // comment
      {"@context": "https://schema.org", "@graph": [
        {"@type": "WebSite", "name": "Site",},
        {"@type": "NewsArticle", "headline": "From the graph", "author": [{"name": "Ann"}, {"name": "Bo"}],},
      ],}
    </script>
    <script type="application/ld+json">{"@type": "Organization", "name": "Org"} {"@type": "Thing"}</script>
    <script type="application/ld+json">{not json at all</script>"""
    parsed = page("<p>x</p>", head=head)
    assert [item.get("@type") for item in parsed.jsonld] == [
        "WebSite",
        "NewsArticle",
        "Organization",
        "Thing",
    ]
    assert parsed.jsonld_errors == 1
    assert parsed.authors == ("Ann", "Bo")


@pytest.mark.parametrize(
    ("data", "what"),
    [
        (b"%PDF-1.7\n...", "a PDF document"),
        (b"\x89PNG\r\n\x1a\n\x00\x00", "a PNG image"),
        (bytes(range(256)) * 4, "binary data"),
        (b"just some words without any markup", "text without HTML markup"),
        (b"", "an empty file"),
    ],
)
def test_non_html_is_named(data: bytes, what: str) -> None:
    assert sniff_not_html(data) == what
    with pytest.raises(InputError, match=what):
        check_html_bytes("x.html", data)


def test_a_50_mb_single_line_gives_a_bounded_result() -> None:
    """A page past the parse limit is cut, not parsed whole, and the cut is recorded."""
    data = b"<html><body><p>" + b"word " * 10_000_000 + b"</p></body></html>"
    parsed = parse_page(data, max_bytes=2_000_000)
    assert any("truncated" in w for w in parsed.warnings)
    assert len(parsed.blocks[0].text) < 2_100_000


def test_100k_nested_divs_give_a_bounded_result() -> None:
    """Lexbor is quadratic in nesting depth; the page is cut at a bounded depth instead of hanging."""
    data = (
        b"<html><body>" + b"<div>" * 100_000 + b"deep" + b"</div>" * 100_000 + b"<p>after</p></body></html>"
    )
    parsed = parse_page(data)
    assert any("nested deeper" in w for w in parsed.warnings)


def test_attribute_flood_is_shortened() -> None:
    attrs = " ".join(f"a{i}=1" for i in range(40_000))
    parsed = parse_page(f"<div {attrs}>text</div>".encode())
    assert any("attribute flood" in w for w in parsed.warnings)
    assert parsed.blocks == () or parsed.blocks[0].text == "text"


_STORY = " ".join(
    f"<p>Paragraph {i}: the ferry timetable changes next month and commuters have written to the council.</p>"
    for i in range(6)
)


def test_text_served_in_noscript_is_read_when_the_page_has_no_other() -> None:
    # a forum or single-page app: an empty app root, the readable page in <noscript> for readers without JS
    doc = f'<body><div id="app"></div><noscript><main><article><h1>Ferry times</h1>{_STORY}</article></main></noscript></body>'
    found = parse_page(doc)
    assert any("ferry timetable" in b.text and b.in_article for b in found.blocks)
    assert any("<noscript>" in w for w in found.warnings)


def test_noscript_is_ignored_beside_a_real_page() -> None:
    doc = f"<body><article>{_STORY}</article><noscript><p>Please enable JavaScript to see the comments on this story, thank you very much for reading.</p></noscript></body>"
    found = parse_page(doc)
    assert not any("enable JavaScript" in b.text for b in found.blocks)
    assert not found.warnings


def test_visible_words_are_the_pages_text_without_a_walk() -> None:
    """The cheap read `rights scan` looks every capture up with: every word a reader could see, noscript
    included, scripts and styles not; decoded like `parse_page` (the HTTP charset is weighed)."""
    html = (
        "<html><head><title>T</title><style>p{color:red}</style></head><body><nav>Home News</nav>"
        "<article><p>Der Bürgermeister sprach</p><script>var hidden = 1;</script>"
        "<noscript>Shown without scripts</noscript></article><footer>© Hafenzeitung</footer></body></html>"
    )
    words = visible_words(
        html.encode("iso-8859-1"), headers={"content-type": "text/html; charset=iso-8859-1"}
    )
    assert words.split() == [
        "Home", "News", "Der", "Bürgermeister", "sprach", "Shown", "without", "scripts", "©", "Hafenzeitung",
    ]  # fmt: skip
    assert set(words.split()) >= set(parse_page(html).visible_text.split())
    assert visible_words(b"") == ""
