"""Fingerprints in SQLite: one packed row per page, anchors as lookup keys."""

from __future__ import annotations

import numpy as np
import pytest
from sqlite_utils import Database

from rights.matching.fingerprint import prints
from rights.store.fingerprints import (
    StoredPrints,
    delete_prints,
    ensure_schema,
    find_candidates,
    get_boilerplate,
    get_prints,
    save_prints,
    stale_urls,
)
from tests.test_matching_helpers import BODY, ORIGINAL, fixture


@pytest.fixture
def db() -> Database:
    database = Database(memory=True)
    ensure_schema(database)
    return database


def test_schema_is_idempotent(db: Database) -> None:
    ensure_schema(db)
    assert {"fingerprint_pages", "fingerprint_anchors"} <= set(db.table_names())


def test_save_and_get_round_trip(db: Database) -> None:
    original = prints(ORIGINAL)
    assert save_prints(db, [StoredPrints("https://courier.example/story", original, "courier.example")]) == 1
    stored = get_prints(db, "https://courier.example/story")
    assert stored is not None
    assert stored.site == "courier.example"
    assert stored.prints.words == original.words
    assert stored.prints.fingerprints.tolist() == original.fingerprints.tolist()
    assert stored.prints.anchors.tolist() == original.anchors.tolist()
    assert get_prints(db, "https://elsewhere.example/") is None


def test_one_row_per_page_and_anchors_only(db: Database) -> None:
    original = prints(ORIGINAL)
    save_prints(db, [StoredPrints("u", original)])
    assert db.execute("select count(*) from fingerprint_pages").fetchone()[0] == 1
    anchors = db.execute("select count(*) from fingerprint_anchors").fetchone()[0]
    assert anchors == len(original.anchors) < len(original.fingerprints) / 2


def test_hashes_above_two_to_the_63_survive(db: Database) -> None:
    big = prints(ORIGINAL)
    assert (big.fingerprints > np.uint64(2**63)).any()  # stored as signed integers
    save_prints(db, [StoredPrints("u", big)])
    stored = get_prints(db, "u")
    assert stored is not None and stored.prints.fingerprints.tolist() == big.fingerprints.tolist()


def test_candidates(db: Database) -> None:
    save_prints(
        db,
        [
            StoredPrints("story", prints(ORIGINAL), "courier.example"),
            StoredPrints("ferry", prints(fixture("unrelated.txt")), "courier.example"),
            StoredPrints("fr", prints(fixture("original_fr.txt")), "lemonde.example"),
        ],
    )
    query = prints("A new intro for our readers.\n\n" + "\n\n".join(BODY[3:7]))
    found = find_candidates(db, query)
    assert [c.key for c in found] == ["story"]
    assert found[0].share_of_query > 0.9
    assert find_candidates(db, query, exclude=["story"]) == []
    assert find_candidates(db, prints("nothing in common with anything stored at all here")) == []


def test_replace_and_delete_keep_anchors_in_step(db: Database) -> None:
    save_prints(db, [StoredPrints("u", prints(ORIGINAL))])
    save_prints(db, [StoredPrints("u", prints(fixture("unrelated.txt")))])
    count = db.execute("select count(*) from fingerprint_anchors").fetchone()[0]
    assert count == len(prints(fixture("unrelated.txt")).anchors)
    assert find_candidates(db, prints(ORIGINAL)) == []
    delete_prints(db, "u")
    assert db.execute("select count(*) from fingerprint_anchors").fetchone()[0] == 0
    assert get_prints(db, "u") is None


def test_boilerplate_per_site(db: Database) -> None:
    box = "Subscribe to the Courier today and get every edition a day early with the full archive"
    pages = [StoredPrints(f"c{n}", prints(f"{p} {box}"), "courier.example") for n, p in enumerate(BODY[:4])]
    save_prints(db, pages)
    common = get_boilerplate(db, "courier.example")
    assert np.isin(prints(box).fingerprints, common).all()
    assert len(get_boilerplate(db, "other.example")) == 0


def test_pages_from_another_scheme_are_stale(db: Database) -> None:
    save_prints(db, [StoredPrints("old", prints(ORIGINAL)), StoredPrints("new", prints(ORIGINAL))])
    db.execute("update fingerprint_pages set scheme = 't0-k5-w4' where url = 'old'")
    assert stale_urls(db) == ["old"]
    assert get_prints(db, "old") is None
    assert [c.key for c in find_candidates(db, prints(ORIGINAL))] == ["new"]
