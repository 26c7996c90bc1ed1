"""The in-memory fingerprint index: candidates, updates, boilerplate."""

from __future__ import annotations

import random

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from rights.matching import fingerprint
from rights.matching.index import FingerprintIndex, site_boilerplate
from tests.test_matching_helpers import BODY, ORIGINAL, fixture

WORDS = [f"w{i}" for i in range(5000)]


def random_text(rng: random.Random, words: int) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(words))


def test_finds_the_copied_document_first() -> None:
    rng = random.Random(1)
    index = FingerprintIndex()
    for number in range(300):
        index.add(f"doc{number}", fingerprint(random_text(rng, 300)), site=f"site{number % 7}")
    index.add("story", fingerprint(ORIGINAL), site="courier.example")
    query = fingerprint("Breaking news from the valley.\n\n" + "\n\n".join(BODY[:5]))
    found = index.candidates(query)
    assert [c.key for c in found] == ["story"]
    assert found[0].site == "courier.example"
    assert found[0].share_of_query > 0.9
    assert 0.4 < found[0].share_of_document < 0.8
    assert index.candidates(fingerprint(fixture("unrelated.txt"))) == []


def test_replace_remove_and_exclude() -> None:
    index = FingerprintIndex()
    index.add("a", fingerprint(ORIGINAL))
    index.add("b", fingerprint(ORIGINAL))
    query = fingerprint(ORIGINAL)
    assert {c.key for c in index.candidates(query)} == {"a", "b"}
    assert [c.key for c in index.candidates(query, exclude=["a"])] == ["b"]
    index.add("a", fingerprint(fixture("unrelated.txt")))  # replaced
    assert [c.key for c in index.candidates(query)] == ["b"]
    index.remove("b")
    assert index.candidates(query) == []
    assert len(index) == 1 and "a" in index and "b" not in index
    stored = index.get("a")
    assert stored is not None and stored.tolist() == fingerprint(fixture("unrelated.txt")).tolist()


def test_incremental_adds_between_queries_keep_few_segments() -> None:
    rng = random.Random(2)
    index = FingerprintIndex()
    texts = [random_text(rng, 120) for _ in range(200)]
    for number, text in enumerate(texts):
        index.add(str(number), fingerprint(text))
        assert index.candidates(fingerprint(text), limit=1)[0].key == str(number)
    assert len(index._segments) <= 9  # log2(200) + 1


def test_max_df_skips_common_fingerprints() -> None:
    index = FingerprintIndex()
    shared = "this sentence is repeated on every single page of the site"
    for number in range(10):
        index.add(str(number), fingerprint(f"{shared} and then page {number} says its own thing"))
    query = fingerprint(shared)
    assert len(index.candidates(query)) == 10
    assert index.candidates(query, max_df=5) == []


def test_document_frequency_and_boilerplate() -> None:
    box = "Subscribe to the Courier today and get every edition a day early with the full archive"
    index = FingerprintIndex()
    for number, para in enumerate(BODY[:5]):
        index.add(f"c{number}", fingerprint(f"{para} {box}"), site="courier.example")
    index.add("v0", fingerprint(f"{BODY[6]} {box}"), site="valley.example")
    box_prints = fingerprint(box)
    assert index.document_frequency(box_prints).min() == 6
    assert index.document_frequency(box_prints, site="courier.example").min() == 5
    common = index.boilerplate("courier.example")
    assert np.isin(box_prints, common).all()
    assert not np.isin(fingerprint(BODY[0]), common).any()
    assert len(index.boilerplate("valley.example")) == 0  # one page is not enough to call it boilerplate


def test_site_boilerplate_needs_enough_pages() -> None:
    pages = [fingerprint(ORIGINAL)] * 2
    assert len(site_boilerplate(pages)) == 0
    assert len(site_boilerplate(pages * 2)) == len(fingerprint(ORIGINAL))


@settings(max_examples=25, deadline=None)
@given(st.integers(min_value=0, max_value=10_000), st.integers(min_value=50, max_value=120))
def test_any_copied_passage_of_50_words_is_retrieved(seed: int, length: int) -> None:
    """Recall 1.0 for copies of at least 50 words, wherever they sit in both documents."""
    rng = random.Random(seed)
    index = FingerprintIndex()
    for number in range(20):
        index.add(f"bg{number}", fingerprint(random_text(rng, 200)))
    passage = random_text(rng, length)
    before = random_text(rng, rng.randint(0, 300))
    index.add("source", fingerprint(f"{before} {passage} {random_text(rng, 50)}"))
    query = fingerprint(f"{random_text(rng, rng.randint(0, 300))} {passage} {random_text(rng, 80)}")
    assert "source" in {c.key for c in index.candidates(query, min_shared=2)}


def test_extreme_hash_values_and_bucket_edges() -> None:
    """Lookups read buckets of top bits: the smallest and largest 64-bit values must be found too."""
    values = [0, 1, 2**63 - 1, 2**63, 2**64 - 2, 2**64 - 1]
    for size in (1, 5, 200):  # one document, and enough for several bucket bits
        index = FingerprintIndex()
        for number in range(size):
            index.add(f"filler{number}", np.array([number * 7919 + 3], dtype=np.uint64) * np.uint64(2**40))
        for value in values:
            index.add(f"v{value}", np.array([value], dtype=np.uint64))
        for value in values:
            found = index.candidates(np.array([value], dtype=np.uint64), min_shared=1)
            assert f"v{value}" in {c.key for c in found}
