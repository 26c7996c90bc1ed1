"""Fingerprints in SQLite, across runs: which stored page does a new page copy?

Two tables (created by `ensure_schema`, to become a migration):

    fingerprint_pages    one row per page: url, site, scheme, words, and the page's fingerprints and
                         anchors packed as BLOBs of little-endian uint64 (8 bytes each, sorted)
    fingerprint_anchors  (hash, page) WITHOUT ROWID: the lookup table, anchors only

One row per fingerprint costs about 17 times more per page than one packed row, so only the anchors (about a
quarter of the fingerprints, `rights.matching.fingerprint.Prints`) get rows. Every shared passage of 20 words
or more shares an anchor, so retrieval finds it; candidates are then ranked by their full fingerprints, read
from the packed BLOBs. SQLite integers are signed: hashes are stored as the int64 with the same bits.

Writes go in one transaction per batch (`save_prints(db, pages)`); WAL and synchronous=NORMAL are the store's
business. `fingerprint_pages.scheme` records `FINGERPRINT_VERSION`: pages printed with another scheme are
never compared (`stale_urls` lists them for re-fingerprinting).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import numpy as np
from sqlite_utils import Database

from rights.matching.fingerprint import FINGERPRINT_VERSION, Prints, distinct, from_blob, to_blob
from rights.matching.index import Candidate, site_boilerplate
from rights.matching.text import U64

MAX_PARAMETERS = 500  # hashes per IN (...) query
SCHEMA = """
CREATE TABLE IF NOT EXISTS fingerprint_pages (
    id INTEGER PRIMARY KEY,
    url TEXT NOT NULL UNIQUE,
    site TEXT NOT NULL DEFAULT '',
    scheme TEXT NOT NULL,
    words INTEGER NOT NULL,
    count INTEGER NOT NULL,
    fingerprints BLOB NOT NULL,
    anchors BLOB NOT NULL
);
CREATE INDEX IF NOT EXISTS fingerprint_pages_site ON fingerprint_pages (site);
CREATE TABLE IF NOT EXISTS fingerprint_anchors (
    hash INTEGER NOT NULL,
    page INTEGER NOT NULL,
    PRIMARY KEY (hash, page)
) WITHOUT ROWID;
"""


@dataclass(frozen=True, slots=True, eq=False)
class StoredPrints:
    """A page's prints with the page's address and site (registrable domain)."""

    url: str
    prints: Prints
    site: str = ""


def ensure_schema(db: Database) -> None:
    """Create the fingerprint tables and index if they are missing (statement by statement: `executescript`
    would commit the caller's transaction)."""
    for statement in SCHEMA.split(";"):
        if statement.strip():
            db.execute(statement)


def _signed(values: U64) -> list[int]:
    signed: list[int] = np.asarray(values, dtype=np.uint64).view(np.int64).tolist()
    return signed


def save_prints(db: Database, pages: Iterable[StoredPrints]) -> int:
    """Insert or replace the prints of many pages in one transaction; returns how many were saved.

    The anchor rows of the whole batch are inserted in hash order, which keeps B-tree writes local.
    """
    saved = 0
    anchors: list[tuple[int, int]] = []
    with db.atomic():
        for page in pages:
            _delete(db, page.url)
            row = [page.url, page.site, FINGERPRINT_VERSION, page.prints.words, len(page.prints.fingerprints)]
            cursor = db.execute(
                "INSERT INTO fingerprint_pages (url, site, scheme, words, count, fingerprints, anchors) "
                "VALUES (?, ?, ?, ?, ?, ?, ?)",
                [*row, to_blob(page.prints.fingerprints), to_blob(page.prints.anchors)],
            )
            page_id = int(cursor.lastrowid or 0)
            anchors.extend((h, page_id) for h in _signed(distinct(page.prints.anchors)))
            saved += 1
        anchors.sort()
        db.conn.executemany("INSERT OR IGNORE INTO fingerprint_anchors (hash, page) VALUES (?, ?)", anchors)
    return saved


def _delete(db: Database, url: str) -> None:
    row = db.execute("SELECT id, anchors FROM fingerprint_pages WHERE url = ?", [url]).fetchone()
    if row is None:
        return
    page_id, anchors = row
    db.conn.executemany(
        "DELETE FROM fingerprint_anchors WHERE hash = ? AND page = ?",
        [(h, page_id) for h in _signed(from_blob(anchors))],
    )
    db.execute("DELETE FROM fingerprint_pages WHERE id = ?", [page_id])


def delete_prints(db: Database, url: str) -> None:
    """Forget a page's prints."""
    with db.atomic():
        _delete(db, url)


def get_prints(db: Database, url: str) -> StoredPrints | None:
    """The stored prints of a page, or None (also when they were made with another scheme)."""
    row = db.execute(
        "SELECT url, site, words, fingerprints, anchors FROM fingerprint_pages WHERE url = ? AND scheme = ?",
        [url, FINGERPRINT_VERSION],
    ).fetchone()
    if row is None:
        return None
    return StoredPrints(row[0], Prints(from_blob(row[3]), from_blob(row[4]), row[2]), row[1])


def find_candidates(
    db: Database,
    query: Prints,
    *,
    min_shared: int = 2,
    limit: int = 20,
    exclude: Sequence[str] = (),
) -> list[Candidate]:
    """Stored pages sharing an anchor with the query, ranked by fingerprints in common (most first)."""
    anchors = _signed(distinct(query.anchors))
    hits: dict[int, int] = {}
    for start in range(0, len(anchors), MAX_PARAMETERS):
        chunk = anchors[start : start + MAX_PARAMETERS]
        marks = ",".join("?" * len(chunk))
        for page, count in db.execute(
            f"SELECT page, count(*) FROM fingerprint_anchors WHERE hash IN ({marks}) GROUP BY page", chunk
        ):
            hits[page] = hits.get(page, 0) + count
    if not hits:
        return []
    shortlist = sorted(hits, key=hits.__getitem__, reverse=True)[: max(limit * 5, 50)]
    query_prints = distinct(query.fingerprints)
    found: list[Candidate] = []
    marks = ",".join("?" * len(shortlist))
    rows = db.execute(
        f"SELECT url, site, fingerprints FROM fingerprint_pages WHERE id IN ({marks}) AND scheme = ?",
        [*shortlist, FINGERPRINT_VERSION],
    ).fetchall()
    skip = set(exclude)
    for url, site, blob in rows:
        if url in skip:
            continue
        stored = from_blob(blob)
        shared = int(np.intersect1d(query_prints, stored, assume_unique=True).size)
        if shared >= min_shared:
            found.append(
                Candidate(url, site, shared, shared / max(1, len(query_prints)), shared / max(1, len(stored)))
            )
    found.sort(key=lambda c: (-c.shared, c.key))
    return found[:limit]


def site_prints(db: Database, site: str) -> list[U64]:
    """The fingerprints of every stored page of a site."""
    rows = db.execute(
        "SELECT fingerprints FROM fingerprint_pages WHERE site = ? AND scheme = ?",
        [site, FINGERPRINT_VERSION],
    )
    return [from_blob(blob) for (blob,) in rows]


def get_boilerplate(db: Database, site: str, *, min_pages: int = 3, min_share: float = 0.3) -> U64:
    """Fingerprints that recur on many stored pages of one site (see `rights.index.site_boilerplate`)."""
    return site_boilerplate(site_prints(db, site), min_pages, min_share)


def stale_urls(db: Database) -> list[str]:
    """Pages whose prints were made with another fingerprint scheme (to fingerprint again)."""
    rows = db.execute(
        "SELECT url FROM fingerprint_pages WHERE scheme != ? ORDER BY url", [FINGERPRINT_VERSION]
    )
    return [url for (url,) in rows]
