"""Shingles, winnowing and the stored form of fingerprints."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from rights.matching import DEFAULT_PARAMS, fingerprint, from_blob, to_blob
from rights.matching.fingerprint import FingerprintParams, prints, shingle_hashes, winnow

VOCABULARY = [f"w{i}" for i in range(400)]


def test_pinned_fingerprints() -> None:
    """Stored fingerprints depend on these values: a change here needs a new FINGERPRINT_VERSION."""
    text = "The town council of Millbrook voted seven to two on Tuesday evening to remove the concrete "
    text += "culvert"
    assert [hex(h) for h in fingerprint(text).tolist()] == [
        "0x132f257ba514e8", "0x29064656ed15adf4", "0x35d54b4c94647113", "0x511e80ba308c830b",
        "0x55722b90daf004ca", "0x5d9256aca0f42030",
    ]  # fmt: skip


def test_short_and_empty_texts() -> None:
    assert len(fingerprint("")) == 0
    assert len(fingerprint("four words only here")) == 0
    assert len(fingerprint("exactly five words right here")) == 1


def test_shingles_cover_k_tokens_in_order() -> None:
    a = shingle_hashes(np.arange(1, 7, dtype=np.uint64), 5)
    changed_first = shingle_hashes(np.array([9, 2, 3, 4, 5, 6], dtype=np.uint64), 5)
    swapped = shingle_hashes(np.array([2, 1, 3, 4, 5, 6], dtype=np.uint64), 5)
    assert len(a) == 2
    assert a[0] != changed_first[0]
    assert a[1] == changed_first[1]
    assert a[0] != swapped[0]


def test_winnow_picks_window_minima() -> None:
    hashes = np.array([9, 3, 7, 8, 1, 5, 6, 4], dtype=np.uint64)
    assert winnow(hashes, 3).tolist() == [1, 4, 7]


def test_blob_round_trip() -> None:
    values = fingerprint(" ".join(VOCABULARY))
    blob = to_blob(values)
    assert len(blob) == 8 * len(values)
    assert from_blob(blob).tolist() == values.tolist()
    with pytest.raises(ValueError, match="multiple of 8"):
        from_blob(b"\x00" * 7)


def test_anchors_are_fingerprints() -> None:
    found = prints(" ".join(VOCABULARY[:300]))
    assert found.words == 300
    assert 0 < len(found.anchors) < len(found.fingerprints)
    assert np.isin(found.anchors, found.fingerprints).all()


def test_params_validated() -> None:
    with pytest.raises(ValueError, match="out of range"):
        FingerprintParams(k=0)
    assert DEFAULT_PARAMS.guarantee == DEFAULT_PARAMS.window + DEFAULT_PARAMS.k - 1


@settings(max_examples=60, deadline=None)
@given(
    st.lists(st.sampled_from(VOCABULARY), min_size=0, max_size=60),
    st.lists(st.sampled_from(VOCABULARY), min_size=0, max_size=60),
    st.lists(st.sampled_from(VOCABULARY), min_size=20, max_size=40),
)
def test_any_shared_passage_of_guaranteed_length_shares_a_fingerprint_and_an_anchor(
    before: list[str], after: list[str], passage: list[str]
) -> None:
    """The winnowing guarantee, whatever surrounds the passage (20 words: the anchor guarantee)."""
    copy = prints(" ".join(["intro", *before, *passage, *after]))
    original = prints(" ".join([*after, *passage, *before, "outro"]))
    assert np.intersect1d(copy.fingerprints, original.fingerprints).size > 0
    assert np.intersect1d(copy.anchors, original.anchors).size > 0
