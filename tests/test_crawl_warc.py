"""`--warc FILE`: a crawl writes every response it read as WARC request/response records, read back with
warcio (digests checked), and each page's recorded address re-reads exactly its record."""

from __future__ import annotations

import hashlib
from dataclasses import replace
from pathlib import Path
from typing import Any

from warcio.archiveiterator import ArchiveIterator  # a base dependency: these tests never skip

from rights.config import Settings
from rights.store import Store
from rights.web.crawl import run_crawl
from tests.sitesrv import SiteServer

BLOG = "http://blog.crawl.test/"


def read_warc(path: Path) -> list[dict[str, Any]]:
    """Every record of the file, digests checked (a bad digest raises), and the file read to its last byte."""
    records = []
    with path.open("rb") as stream:
        iterator = ArchiveIterator(stream, check_digests="raise")
        for record in iterator:
            body = record.content_stream().read()
            records.append(
                {
                    "type": record.rec_type,
                    "uri": record.rec_headers.get_header("WARC-Target-URI"),
                    "id": record.rec_headers.get_header("WARC-Record-ID"),
                    "to": record.rec_headers.get_header("WARC-Concurrent-To"),
                    "status": record.http_headers.get_statuscode() if record.http_headers else None,
                    "headers": record.http_headers,
                    "body": body,
                    "offset": iterator.get_record_offset(),
                }
            )
        iterator.read_to_end()
        assert stream.tell() == path.stat().st_size  # nothing after the last whole record
    return records


def record_at(path: Path, offset: int) -> tuple[str, str, bytes]:
    """Seek to a stored address and read one record: (record id, target URI, payload)."""
    with path.open("rb") as stream:
        stream.seek(offset)
        record = next(iter(ArchiveIterator(stream, check_digests="raise")))
        return (
            record.rec_headers.get_header("WARC-Record-ID"),
            record.rec_headers.get_header("WARC-Target-URI"),
            record.content_stream().read(),
        )


def assert_addresses_resolve(store: Store, path: Path) -> int:
    """Every recorded capture re-reads its own record; every stored page's evidence is its stored bytes."""
    rows = store.query("SELECT * FROM warc_captures")
    for row in rows:
        assert row["archive"] == str(path.absolute())
        record_id, uri, body = record_at(path, row["offset"])
        assert (record_id, uri) == (row["record_id"], row["target_uri"])
        if row["content_hash"]:
            assert hashlib.sha256(body).hexdigest() == row["content_hash"]
    for page in store.query("SELECT url FROM pages WHERE fetch_status = 'ok'"):
        capture = store.page_capture(page["url"])
        assert capture is not None, page["url"]
        stored = store.get_page(page["url"])
        assert stored is not None
        assert record_at(path, capture["offset"])[1:] == (stored.final_url, stored.html)
    return len(rows)


def test_a_crawl_writes_a_request_and_a_response_for_every_response_it_read(
    site: SiteServer, settings: Settings, store: Store, tmp_path: Path
) -> None:
    warc = tmp_path / "crawl.warc.gz"
    summary = run_crawl([BLOG], replace(settings, warc_path=warc), store)
    records = read_warc(warc)
    assert records[0]["type"] == "warcinfo" and [r["type"] for r in records[1:]] == [
        "request",
        "response",
    ] * ((len(records) - 1) // 2)
    for request, response in zip(records[1::2], records[2::2], strict=True):
        assert request["to"] == response["id"] and request["uri"] == response["uri"]
        assert request["headers"].get_header("User-Agent") == settings.user_agent
    responses = {r["uri"]: r for r in records if r["type"] == "response"}
    rows = store.query("SELECT final_url FROM pages WHERE fetch_status = 'ok'")
    pages = {row["final_url"] for row in rows}
    assert len(rows) == summary.fetched == 7 and len(pages) == 6  # old-page.html redirects to about.html
    site_files = {"robots.txt", "sitemap-index.xml", "sitemap-posts.xml", "sitemap-pages.xml.gz", "feed.xml"}
    assert pages | {BLOG + name for name in site_files} == set(responses)
    robots = responses[BLOG + "robots.txt"]
    assert robots["status"] == "200" and b"Disallow: /private/" in robots["body"]
    assert BLOG + "private/secret.html" not in responses  # not fetched (robots.txt), so not written
    page = store.get_page(BLOG + "posts/first-post.html")
    assert page is not None and responses[page.final_url]["body"] == page.html
    assert responses[page.final_url]["headers"].get_header("Content-Encoding") is None
    kinds = {row["kind"] for row in store.query("SELECT kind FROM warc_captures")}
    assert kinds == {"page", "robots", "sitemap", "feed"}
    written = [r for r in records if r["type"] == "response"]
    assert summary.warc == str(warc) and summary.warc_responses == len(written) == 12  # about.html twice
    assert assert_addresses_resolve(store, warc) == summary.warc_responses


def test_a_recrawl_appends_and_a_304_keeps_the_pages_evidence(
    site: SiteServer, settings: Settings, store: Store, tmp_path: Path
) -> None:
    warc = tmp_path / "crawl.warc.gz"
    run_crawl([BLOG], replace(settings, warc_path=warc), store)
    first = read_warc(warc)
    before = store.page_capture(BLOG + "posts/first-post.html")
    again = run_crawl([BLOG], replace(settings, warc_path=warc), store)
    assert again.unchanged == 7
    records = read_warc(warc)
    assert records[: len(first)] == first  # appended after, nothing rewritten
    assert [r["type"] for r in records].count("warcinfo") == 1
    assert before is not None
    post = BLOG + "posts/first-post.html"
    request, response = [r for r in records[len(first) :] if r["uri"] == post]
    assert request["headers"].get_header("If-None-Match")  # the conditional request, as sent
    assert (response["status"], response["body"]) == ("304", b"")  # the answer is written, without a body
    assert store.page_capture(BLOG + "posts/first-post.html") == before  # the 304 holds no copy: same record
    assert_addresses_resolve(store, warc)


def test_without_warc_nothing_is_recorded(site: SiteServer, settings: Settings, store: Store) -> None:
    summary = run_crawl([BLOG], settings, store)
    assert summary.warc == "" and "warc" not in summary.as_dict()
    assert store.query("SELECT * FROM warc_captures") == []
