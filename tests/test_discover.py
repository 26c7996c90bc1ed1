"""Discovery: sitemaps, feeds, feed links, in-site links, scope, and safe XML."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import settings as hsettings
from hypothesis import strategies as st

from rights.errors import InputError
from rights.page import parse_page
from rights.web.discover import Scope, find_feeds, in_site_links, is_asset, parse_feed, parse_sitemap
from tests.sitesrv import FIXTURE_SITES, bomb

BLOG = FIXTURE_SITES / "blog.crawl.test"
NEWS = FIXTURE_SITES / "news.crawl.test"


def test_sitemap_index_lists_nested_sitemaps() -> None:
    result = parse_sitemap((BLOG / "sitemap-index.xml").read_bytes(), "http://blog.crawl.test/")
    assert result.urls == ()
    assert result.sitemaps == (
        "http://blog.crawl.test/sitemap-posts.xml",
        "http://blog.crawl.test/sitemap-pages.xml.gz",
        "http://blog.crawl.test/sitemap-index.xml",
    )


def test_urlset_urls_are_normalised() -> None:
    result = parse_sitemap((BLOG / "sitemap-posts.xml").read_bytes(), "http://blog.crawl.test/")
    assert "http://blog.crawl.test/posts/third-post.html" in result.urls  # utm_source dropped


def test_gzipped_sitemap() -> None:
    result = parse_sitemap((BLOG / "sitemap-pages.xml.gz").read_bytes(), "http://blog.crawl.test/")
    assert result.urls == ("http://blog.crawl.test/about.html",)


def test_gzip_bomb_sitemap_is_capped() -> None:
    result = parse_sitemap(bomb("gzip", 64 << 20), "http://a.test/", max_bytes=1 << 20)
    assert result.urls == () and result.errors[0].startswith("too_large")


def test_plain_text_sitemap_and_relative_locs() -> None:
    text = b"https://a.test/one\n\nnot a url\nhttps://a.test/two#x\n"
    assert parse_sitemap(text, "https://a.test/").urls == ("https://a.test/one", "https://a.test/two")
    xml = b"<urlset><url><loc>/rel</loc></url><url><loc>javascript:x</loc></url></urlset>"
    assert parse_sitemap(xml, "https://a.test/sitemap.xml").urls == ("https://a.test/rel",)


def test_sitemap_url_cap() -> None:
    xml = (
        b"<urlset>"
        + b"".join(b"<url><loc>https://a.test/%d</loc></url>" % i for i in range(100))
        + b"</urlset>"
    )
    assert len(parse_sitemap(xml, "https://a.test/", max_urls=10).urls) == 10


BILLION_LAUGHS = b"""<?xml version="1.0"?>
<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]>
<urlset><url><loc>https://a.test/&lol3;</loc></url></urlset>"""
XXE = b"""<?xml version="1.0"?>
<!DOCTYPE urlset [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>
<urlset><url><loc>https://a.test/&xxe;</loc></url></urlset>"""
EXTERNAL_DTD = b"""<?xml version="1.0"?>
<!DOCTYPE urlset SYSTEM "http://evil.test/x.dtd"><urlset><url><loc>https://a.test/ok</loc></url></urlset>"""


@pytest.mark.parametrize("doc", [BILLION_LAUGHS, XXE])
def test_entities_are_refused_not_expanded(doc: bytes) -> None:
    result = parse_sitemap(doc, "https://a.test/")
    assert result.urls == () and "entit" in result.errors[0]
    assert (
        parse_feed(
            doc.replace(b"urlset", b"rss").replace(b"url>", b"item>").replace(b"loc", b"link"),
            "https://a.test/",
        )
        == []
    )


def test_external_dtd_is_not_fetched() -> None:
    result = parse_sitemap(EXTERNAL_DTD, "https://a.test/")
    assert result.urls == ("https://a.test/ok",) or result.errors


def test_rss_feed_entries() -> None:
    entries = parse_feed((BLOG / "feed.xml").read_bytes(), "http://blog.crawl.test/")
    assert [e.url for e in entries] == [
        "http://blog.crawl.test/posts/fourth-post.html",
        "http://blog.crawl.test/posts/first-post.html",
    ]
    assert entries[0].title == "Fourth post: the leek trench" and entries[0].published


def test_atom_feed_entries_resolve_relative_links() -> None:
    entries = parse_feed((NEWS / "atom.xml").read_bytes(), "http://news.crawl.test/atom.xml")
    assert [e.url for e in entries] == [
        "http://news.crawl.test/articles/ferry.html",
        "http://news.crawl.test/articles/lighthouse.html",
    ]
    assert entries[1].published == "2026-03-28T10:00:00Z"


def test_rdf_and_json_feeds() -> None:
    rdf = b"""<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/">
      <item rdf:about="https://a.test/x"><title>X</title></item></rdf:RDF>"""
    assert [e.url for e in parse_feed(rdf, "https://a.test/")] == ["https://a.test/x"]
    doc = {"version": "https://jsonfeed.org/version/1.1", "items": [{"url": "/j", "title": "J"}, {"id": "1"}]}
    assert [e.url for e in parse_feed(json.dumps(doc).encode(), "https://a.test/")] == ["https://a.test/j"]


def test_windows_1252_and_undeclared_latin1_feeds() -> None:
    declared = (
        '<?xml version="1.0" encoding="windows-1252"?><rss><channel><item><title>caf\xe9 \u20ac</title>'
    )
    declared += "<link>/a</link></item></channel></rss>"
    assert parse_feed(declared.encode("cp1252"), "https://a.test/")[0].title == "café €"
    bare = "<rss><channel><item><title>Not\xedcias</title><link>/b</link></item></channel></rss>"
    assert parse_feed(bare.encode("latin-1"), "https://a.test/")[0].title == "Notícias"


def test_find_feeds_on_a_page() -> None:
    page = parse_page((BLOG / "index.html").read_bytes(), url="http://blog.crawl.test/")
    assert find_feeds(page) == ["http://blog.crawl.test/feed.xml"]


def test_in_site_links() -> None:
    """Same registrable domain, normalised, de-duplicated; no mailto:, javascript:, files or other sites."""
    page = parse_page((BLOG / "index.html").read_bytes(), url="http://blog.crawl.test/")
    links = in_site_links(page, Scope.for_seeds(["http://blog.crawl.test/"]))
    assert links == [
        "http://blog.crawl.test/",
        "http://blog.crawl.test/about.html",
        "http://blog.crawl.test/posts/first-post.html",
        "http://blog.crawl.test/posts/second-post.html",
        "http://blog.crawl.test/private/secret.html",
        "http://blog.crawl.test/old-page.html",
    ]
    assert len(in_site_links(page, Scope.for_seeds(["http://blog.crawl.test/"]), limit=2)) == 2


def test_idn_links_become_punycode_keys() -> None:
    """One key per URL whatever the spelling: IDN hosts in punycode, default ports and fragments dropped."""
    html = (
        '<a href="http://bücher.example/a#x">1</a><a href="http://xn--bcher-kva.example:80/a">2</a>'
        '<a href="HTTP://B\u00dcCHER.example/a?utm_source=x">3</a>'
    ).encode()
    page = parse_page(b"<html><body>" + html + b"</body></html>", url="http://xn--bcher-kva.example/")
    assert in_site_links(page, Scope.for_seeds(["http://bücher.example/"])) == [
        "http://xn--bcher-kva.example/a"
    ]


def test_feed_entries_are_capped() -> None:
    items = b"".join(b"<item><link>https://a.test/%d</link></item>" % i for i in range(500))
    assert (
        len(parse_feed(b"<rss><channel>" + items + b"</channel></rss>", "https://a.test/", max_entries=20))
        == 20
    )


def test_scope_rules() -> None:
    scope = Scope.for_seeds(
        ["https://www.example.co.uk/news/"],
        prefixes=["https://www.example.co.uk/news/"],
        include=[r"/20\d\d/"],
        exclude=[r"\?page="],
    )
    assert scope.domains == frozenset({"example.co.uk"})
    assert scope.allows("https://www.example.co.uk/news/2026/a")
    assert not scope.allows("https://www.example.co.uk/news/about")  # include not matched
    assert not scope.allows("https://www.example.co.uk/blog/2026/a")  # outside the prefix
    assert not scope.allows("https://www.example.co.uk/news/2026/?page=2")  # excluded
    assert not scope.allows("https://other.co.uk/news/2026/a")
    assert Scope.for_seeds(["https://www.example.co.uk/"]).allows("https://shop.example.co.uk/x")


def test_bad_pattern_is_an_input_error() -> None:
    with pytest.raises(InputError, match="--include"):
        Scope.for_seeds(["https://a.test/"], include=["(unclosed"])


def test_assets() -> None:
    assert is_asset("https://a.test/x.PDF") and is_asset("https://a.test/i.png?x=1")
    assert not is_asset("https://a.test/story.html") and not is_asset("https://a.test/2026/story")


@hsettings(max_examples=200, deadline=None)
@given(st.binary(max_size=2000))
def test_parsers_never_raise(data: bytes) -> None:
    parse_sitemap(data, "https://a.test/")
    parse_feed(data, "https://a.test/")


@hsettings(max_examples=100, deadline=None)
@given(st.binary(max_size=500))
def test_gzip_of_anything_never_raises(data: bytes) -> None:
    parse_sitemap(gzip.compress(data), "https://a.test/")


@pytest.mark.corpus
def test_real_feeds_and_sitemaps(shared: Path) -> None:
    """The 88 real feeds and sitemaps parse without error; nearly all feeds give entries."""
    files = [
        p for p in sorted((shared / "corpus" / "feeds").iterdir()) if p.suffix not in (".jsonl", ".toml")
    ]
    with_entries = 0
    for path in files:
        data = path.read_bytes()
        if "sitemap" in path.name:
            result = parse_sitemap(data, "https://example.org/")
            assert (result.urls or result.sitemaps) and not result.errors, path.name
        else:
            with_entries += bool(parse_feed(data, "https://example.org/"))
    assert with_entries >= len(files) - 15
