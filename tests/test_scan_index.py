"""What `rights scan` ships to its workers and how a capture is judged, in one process: the packed index, the
packed originals, the originals' site boilerplate, the cheap lookup before a full parse, and the per-record
time limit. Skipped without the `scale` extra."""

from __future__ import annotations

import pickle
from pathlib import Path

import numpy as np
import pytest

pytest.importorskip("warcio")

from rights.auditing.scan import (
    MIN_ANCHORS,
    SHORT_ORIGINAL,
    ScanIndex,
    build_index,
    judge_record,
    scan_archive,
)
from rights.config import load_settings
from rights.matching.fingerprint import fingerprint
from rights.matching.index import PackedIndex
from rights.page import parse_page, visible_words
from rights.policy import load_policies
from rights.signals import detect_signals
from rights.store import open_store
from rights.store.models import PageRecord
from rights.web.archive import ArchivePart, ArchiveRecord, ArchiveSource
from tests import scan_fixtures as fx

NEWSLETTER = (
    "Enjoyed this story? Every Friday our editors send the week's best reporting from the harbour, the "
    "markets and the council chamber straight to your inbox, free of charge, and you can leave at any time. "
    "Readers who support our newsroom with a monthly gift also receive the printed weekend edition, early "
    "tickets to our harbour festival talks and a personal note from the editor twice a year."
)


def _index(db: Path, **kwargs: object) -> ScanIndex:
    settings = load_settings(overrides={"db_path": db})
    with open_store(db) as store:
        return build_index(
            store, load_policies(list(settings.policy_dirs)), site=None, use="noncommercial",
            max_bytes=settings.max_bytes, max_parse_bytes=settings.max_parse_bytes, **kwargs,  # type: ignore[arg-type]
        )  # fmt: skip


def _record(uri: str, body: bytes) -> ArchiveRecord:
    return ArchiveRecord(
        archive="x.warc.gz", offset=0, record_id=f"<urn:test:{uri}>", target_uri=uri,
        captured_at="2026-03-01T12:00:00Z", kind="html", content_type="text/html", body=body,
        headers={"content-type": "text/html; charset=utf-8"},
    )  # fmt: skip


def _values(*numbers: int) -> np.ndarray:  # type: ignore[type-arg]
    return np.array(numbers, dtype=np.uint64)


def test_the_packed_index_ranks_by_shared_keys_and_leaves_out_a_site() -> None:
    index = PackedIndex()
    index.add("a", _values(5, 9, 1), "one.test")
    index.add("b", _values(9, 1, 7, 8), "two.test")
    index.add("c", _values(100, 200), "two.test")
    index.freeze()
    found = index.candidates(_values(1, 9, 8))
    assert [(c.key, c.shared) for c in found] == [("b", 3), ("a", 2)]
    assert found[0].share_of_document == 0.75 and found[0].site == "two.test"
    assert [c.key for c in index.candidates(_values(1, 9, 8), exclude_site="two.test")] == ["a"]
    assert index.candidates(_values(9, 8), min_shared=3) == []
    assert [c.key for c in index.candidates(_values(100, 7), min_shared=2)] == []
    # one shared key is enough for a document of fewer than `short` keys ("c" has 2, "b" has 4)
    assert [c.key for c in index.candidates(_values(100, 7), min_shared=2, short=3)] == ["c"]
    assert [c.key for c in index.candidates(_values(1, 9, 8), limit=1)] == ["b"]
    copy = pickle.loads(pickle.dumps(index))
    assert [c.key for c in copy.candidates(_values(100, 200, 5))] == ["c"]
    with pytest.raises(RuntimeError):
        copy.add("d", _values(1, 2))


def test_the_packed_index_holds_arrays_not_objects_per_posting() -> None:
    index = PackedIndex()
    rng = np.random.default_rng(3)
    for n in range(200):
        index.add(f"doc{n}", rng.integers(0, 2**63, 300, dtype=np.uint64), f"site{n % 7}.test")
    index.freeze()
    # 12 bytes a posting (value, document number), about one of bucket starts, 8 a document
    assert 200 * 300 * 12 <= index.nbytes <= 200 * 300 * 14 + 200 * 8
    assert len(pickle.dumps(index)) < index.nbytes + 200 * 40  # the keys and site names on top


def test_an_original_is_shipped_without_what_judging_never_reads(tmp_path: Path) -> None:
    db = tmp_path / "rights.db"
    fx.store_originals(db)
    index = _index(db)
    url = f"{fx.SITE}/2026/ferry-budget"
    original = index.originals[url]
    with open_store(db) as store:
        record = store.get_page(url)
    assert record is not None and record.html
    full = parse_page(record.html, url=url)
    page, signals = original.unpack()
    assert page.blocks == full.blocks and page.title == full.title and page.authors == full.authors
    assert page.meta == {} and page.jsonld == ()
    assert all(link.in_article for link in page.links)
    assert signals == detect_signals(full)  # read on the whole page before packing
    assert original.verdict.use == "noncommercial"
    assert len(original.packed) < len(record.html)


def _store(db: Path, pages: dict[str, bytes]) -> None:
    with open_store(db) as store:
        for url, html in pages.items():
            store.save_page(PageRecord(url, url, 200, "ok", "2026-01-01T00:00:00+00:00", html=html))


def test_the_originals_site_boilerplate_is_not_a_copy(tmp_path: Path) -> None:
    """A box on every original of a site (here a newsletter call inside the article) is that site's
    boilerplate: a page elsewhere that carries only the box copies nothing; one that copies a story does."""
    db = tmp_path / "rights.db"
    stories = {
        f"{fx.SITE}/2026/story-{n}": fx.article_html(
            f"Story {n}", fx.prose(200 + n, 16), "© 2026 Harbour Times", extra=f"<p>{NEWSLETTER}</p>"
        ).encode()
        for n in range(4)
    }
    _store(db, stories)
    index = _index(db)
    assert len(index.boilerplate["harbour-times.test"]) > 0
    box_only = fx.article_html("Our own news", fx.prose(300, 16), "© Elsewhere", extra=f"<p>{NEWSLETTER}</p>")
    box_capture = _record("http://other.test/news", box_only.encode())
    assert judge_record(box_capture, index)[:2] == (0, [])
    alone = tmp_path / "alone.db"  # one story of the site: the box is not known to be boilerplate
    _store(alone, {f"{fx.SITE}/2026/story-0": stories[f"{fx.SITE}/2026/story-0"]})
    assert judge_record(box_capture, _index(alone))[1] != []  # then it is a copied passage
    story = stories[f"{fx.SITE}/2026/story-2"]
    copies, findings, title = judge_record(_record("http://copycat.test/story", story), index)
    assert copies == 1 and {f.source_url for f in findings} == {f"{fx.SITE}/2026/story-2"}
    assert title == "Story 2"


@pytest.mark.parametrize("seed", range(6))
def test_a_copied_passage_of_forty_words_reaches_alignment(tmp_path: Path, seed: int) -> None:
    """The cheap lookup (visible words, anchors) never drops a passage long enough to be a finding."""
    db = tmp_path / "rights.db"
    fx.store_originals(db)
    index = _index(db)
    _, paragraphs, _ = fx.ORIGINALS[f"{fx.SITE}/2026/night-train"]
    words = " ".join(paragraphs).split()
    start = (seed * 37) % (len(words) - 40)
    host = fx.prose(400 + seed, 20)
    host.insert(3, " ".join(words[start : start + 40]))
    page = fx.article_html("A blog post", host, "© blog", chrome=bool(seed % 2)).encode()
    found = index.index.candidates(fingerprint(visible_words(page)), min_shared=MIN_ANCHORS)
    assert f"{fx.SITE}/2026/night-train" in [c.key for c in found]


def test_a_capture_past_the_time_limit_is_counted_and_the_scan_goes_on(tmp_path: Path) -> None:
    db = tmp_path / "rights.db"
    fx.store_originals(db)
    fx.write_main(tmp_path / "a.warc.gz")
    archive = ArchivePart(ArchiveSource(str(tmp_path / "a.warc.gz"), "file"))
    patient = scan_archive(archive, _index(db))
    hasty = scan_archive(archive, _index(db, record_seconds=0.0))
    assert patient.timed_out == 0 and len(patient.findings) == fx.MAIN_FINDINGS
    # every capture that shares text with an original is stopped; the others need no alignment
    assert hasty.timed_out == 6 and hasty.findings == [] and hasty.unreadable == 0
    assert hasty.counts["timed_out"] == 6 and hasty.stats["read"] == patient.stats["read"]


def test_a_worker_keeps_only_the_originals_it_used_last(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from rights.auditing import scan

    monkeypatch.setattr(scan, "UNPACKED_ORIGINALS", 2)
    db = tmp_path / "rights.db"
    fx.store_originals(db)
    index = _index(db)
    urls = list(fx.ORIGINALS)
    first = index.source(urls[0])
    index.source(urls[1])
    assert index.source(urls[0]) is first  # kept, and now the most recent
    index.source(urls[2])
    assert list(index._sources) == [urls[0], urls[2]]  # the least recently used one was let go
    cloudpickle = pytest.importorskip("cloudpickle")  # as Dask ships it (the verdicts hold mapping proxies)
    assert cloudpickle.loads(cloudpickle.dumps(index))._sources == {}  # never shipped


@pytest.mark.parametrize("seed", [0, 1, 3, 4, 5])
def test_an_excessive_quotation_of_a_short_original_is_found(tmp_path: Path, seed: int) -> None:
    """A brief of about 90 words, a quarter and more of it quoted in a longer post: found, though the quote
    may share only one of the brief's anchors."""
    db = tmp_path / "rights.db"
    brief = fx.prose(500 + seed, 6)[:2]
    url = f"{fx.SITE}/2026/brief-{seed}"
    _store(
        db, {url: fx.article_html("A brief", brief, "© 2026 Harbour Times. All rights reserved.").encode()}
    )
    index = _index(db)
    words = " ".join(brief).split()
    assert len(index.originals) == 1 and 60 <= len(words) <= 130
    anchors = index.index.candidates(fingerprint(" ".join(brief)), min_shared=1)[0].shared
    assert anchors < SHORT_ORIGINAL

    def shared(text: str) -> int:
        found = index.index.candidates(fingerprint(text), min_shared=1)
        return found[0].shared if found else 0

    # a quotation over the quarter a quotation may take that shares a single anchor with the brief
    quoted = next(
        quote
        for size in range(len(words) // 4 + 2, len(words) // 3 + 1)
        for start in range(len(words) - size)
        if shared(quote := " ".join(words[start : start + size])) == 1
    )
    host = fx.prose(600 + seed, 16)
    host.insert(1, f"The paper wrote: “{quoted}”")
    copies, findings, _ = judge_record(_record("http://commentary.test/post", fx.article_html(
        "Comment", host, "© blog").encode()), index)  # fmt: skip
    assert copies == 0 and [f.kind for f in findings] == ["excessive_quotation"]


CANONICAL_POLICY = """
id = "harbour-times"
name = "Harbour Times"
kind = "publisher"
domains = ["harbour-times.test"]
source = "https://harbour-times.test/republish"
status = "verified"
summary = "Republish our stories with credit, pointing search engines to ours."

[[rules]]
kind = "grant"
uses = ["noncommercial"]

[[rules]]
kind = "credit_publisher"

[[rules]]
kind = "canonical"
mode = "canonical"
"""


def test_what_a_copy_tells_search_engines_is_read_and_a_required_canonical_checked(tmp_path: Path) -> None:
    """Terms that ask for a canonical link to the original: a credited copy without one misses a required
    credit; with one it does not. A copy that credits nobody but declares the original as canonical is still
    uncredited for readers, and the finding says what it tells search engines."""
    (tmp_path / "policies").mkdir()
    (tmp_path / "policies" / "harbour-times.toml").write_text(CANONICAL_POLICY)
    db = tmp_path / "rights.db"
    fx.store_originals(db)
    settings = load_settings(overrides={"db_path": db})
    with open_store(db) as store:
        index = build_index(
            store, load_policies([*settings.policy_dirs, tmp_path / "policies"]), site=None, use="noncommercial",
            max_bytes=settings.max_bytes, max_parse_bytes=settings.max_parse_bytes,
        )  # fmt: skip
    url = f"{fx.SITE}/2026/night-train"
    title, paragraphs, _ = fx.ORIGINALS[url]
    credit = f'<p>First published by <a href="{url}">Harbour Times</a>.</p>'

    def findings(head: str, extra: str) -> dict[str, str]:
        html = fx.article_html(title, paragraphs, "© blog", extra=extra).replace("</head>", head + "</head>")
        found = judge_record(_record("http://partner.test/night", html.encode()), index)[1]
        return {f.kind: f.text for f in found}

    canonical = f'<link rel="canonical" href="{url}">'
    missing = findings("", credit)
    assert (
        list(missing) == ["missing_required_credit"]
        and "point search engines to the original" in (missing["missing_required_credit"])
    )
    assert findings(canonical, credit) == {}
    hidden = findings(canonical + '<meta name="robots" content="noindex">', "")
    assert list(hidden) == ["copied_without_attribution"]
    assert hidden["copied_without_attribution"] == (
        "copies 100% of the source (359-word passage) without naming or linking the source; its canonical"
        " link points to the source and it asks search engines not to index it (search engines see this,"
        " readers do not)"
    )
