"""An in-memory inverted index of fingerprints: which stored documents share text with a new one? Pure.

Documents are added with their fingerprints (`rights.matching.fingerprint`) and, optionally, their site (the
registrable domain). Postings live in sorted numpy arrays (fingerprint -> document ids). Fingerprints are
uniform 64-bit hashes, so their top bits spread them evenly: each segment keeps where every bucket of top
bits starts (about 8 postings per bucket), and a lookup reads one bucket instead of binary-searching tens of
millions of values (a binary search misses the CPU cache at almost every step). Documents added since the
last query are sorted into a new segment when the next query comes; a segment at least half the size of the
one before it is merged into it, so there are O(log n) segments and each posting is merged O(log n) times
(like a log-structured merge tree).

The same index counts how many pages of a site carry each fingerprint, which is how site boilerplate (a
newsletter box, a standard disclaimer inside the article) is found and then left out of comparisons.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from rights.matching.align import expand_ranges
from rights.matching.fingerprint import distinct
from rights.matching.text import I64, U64

MIN_SHARED = 2  # a document sharing fewer fingerprints with the query is not a candidate
BOILERPLATE_MIN_PAGES = 3  # a fingerprint on at least this many pages of a site ...
BOILERPLATE_MIN_SHARE = 0.3  # ... and on at least this share of them is the site's boilerplate
_BUCKET_SIZE = 8
Docs = I64 | NDArray[np.uint32]  # document numbers: int64 in the growing index, uint32 in the packed one


@dataclass(frozen=True, slots=True, eq=False)
class _Segment:
    """Sorted postings with the start of each bucket of top bits: values >> shift indexes `starts`."""

    values: U64
    docs: Docs
    starts: I64
    shift: np.uint64

    @classmethod
    def build(cls, values: U64, docs: Docs) -> _Segment:
        order = np.argsort(values, kind="stable")  # on two sorted runs (a merge) this is a linear merge
        values, docs = values[order], docs[order]
        bits = max(0, int(len(values) // _BUCKET_SIZE).bit_length())
        shift = np.uint64(64 - bits)
        buckets = (values >> shift).astype(np.int64) if bits else np.zeros(len(values), dtype=np.int64)
        starts = np.zeros((1 << bits) + 1, dtype=np.int64)
        np.cumsum(np.bincount(buckets, minlength=1 << bits), out=starts[1:])
        return cls(values, docs, starts, shift)

    def __len__(self) -> int:
        return len(self.values)

    def lookup(self, query: U64) -> tuple[I64, Docs]:
        """Every posting of the query values: (index of the query value, document) arrays."""
        if not len(self.values):
            return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64)
        bucket = (query >> self.shift).astype(np.int64) if self.shift < 64 else np.zeros(len(query), np.int64)
        low = self.starts[bucket]
        sizes = self.starts[bucket + 1] - low
        where = expand_ranges(low, sizes)
        hit = self.values[where] == np.repeat(query, sizes)
        asked = np.repeat(np.arange(len(query), dtype=np.int64), sizes)
        return asked[hit], self.docs[where[hit]]


@dataclass(frozen=True, slots=True)
class Candidate:
    """A stored document that shares fingerprints with the query."""

    key: str
    site: str
    shared: int  # fingerprints in common
    share_of_query: float  # containment of the query in the document, estimated from fingerprints
    share_of_document: float


class FingerprintIndex:
    """Fingerprint -> documents, in memory, for one command or one run."""

    def __init__(self) -> None:
        self._keys: list[str] = []
        self._sites: list[str] = []
        self._fingerprints: list[U64] = []
        self._key_ids: dict[str, int] = {}
        self._segments: list[_Segment] = []  # largest first
        self._unsorted: list[int] = []  # documents not yet in a segment
        self._removed: set[int] = set()

    def __len__(self) -> int:
        return len(self._keys) - len(self._removed)

    def __contains__(self, key: object) -> bool:
        return key in self._key_ids

    def add(self, key: str, fingerprints: U64, site: str = "") -> None:
        """Add (or replace) a document's fingerprints (sorted distinct uint64, as `fingerprint` returns)."""
        if key in self._key_ids:
            self.remove(key)
        self._key_ids[key] = len(self._keys)
        self._unsorted.append(len(self._keys))
        self._keys.append(key)
        self._sites.append(site)
        self._fingerprints.append(distinct(np.asarray(fingerprints, dtype=np.uint64)))

    def remove(self, key: str) -> None:
        """Forget a document (its postings stay in the arrays but are skipped)."""
        doc = self._key_ids.pop(key, None)
        if doc is not None:
            self._removed.add(doc)

    def get(self, key: str) -> U64 | None:
        """The fingerprints stored for a key."""
        doc = self._key_ids.get(key)
        return None if doc is None else self._fingerprints[doc]

    def _sort_new(self) -> None:
        """Sort the documents added since the last query into a segment; merge segments of similar size."""
        if not self._unsorted:
            return
        arrays = [self._fingerprints[d] for d in self._unsorted]
        sizes = np.array([len(a) for a in arrays], dtype=np.int64)
        values = np.concatenate(arrays) if arrays else np.zeros(0, dtype=np.uint64)
        docs = np.repeat(np.array(self._unsorted, dtype=np.int64), sizes)
        self._unsorted = []
        segment = _Segment.build(values, docs)
        while self._segments and len(self._segments[-1]) <= 2 * len(segment):
            last = self._segments.pop()
            merged_values = np.concatenate([last.values, segment.values])
            segment = _Segment.build(merged_values, np.concatenate([last.docs, segment.docs]))
        self._segments.append(segment)

    def _postings(self, query: U64) -> tuple[I64, I64]:
        """Every posting of the query fingerprints: (index of the query value, document), live documents."""
        self._sort_new()
        found = [segment.lookup(query) for segment in self._segments]
        if not found:
            return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64)
        asked = np.concatenate([a for a, _ in found]) if len(found) > 1 else found[0][0]
        docs: I64 = (
            np.concatenate([d for _, d in found])
            if len(found) > 1
            else found[0][1].astype(np.int64, copy=False)
        )
        if self._removed:
            live = ~np.isin(docs, np.fromiter(self._removed, dtype=np.int64))
            asked, docs = asked[live], docs[live]
        return asked, docs

    def candidates(
        self,
        fingerprints: U64,
        *,
        min_shared: int = MIN_SHARED,
        limit: int = 20,
        exclude: Iterable[str] = (),
        max_df: int | None = None,
    ) -> list[Candidate]:
        """Documents sharing at least `min_shared` fingerprints with the query, most shared first.

        `max_df` skips fingerprints carried by more documents than that (common phrases, boilerplate).
        """
        query = distinct(np.asarray(fingerprints, dtype=np.uint64))
        if not len(query) or not self._keys:
            return []
        asked, posted = self._postings(query)
        if max_df is not None:
            posted = posted[np.bincount(asked, minlength=len(query))[asked] <= max_df]
        docs, shared = _counts(posted)
        keep = shared >= min_shared
        docs, shared = docs[keep], shared[keep]
        order = np.argsort(-shared, kind="stable")
        skip = {self._key_ids[k] for k in exclude if k in self._key_ids}
        out: list[Candidate] = []
        for doc, count in zip(docs[order].tolist(), shared[order].tolist(), strict=True):
            if doc in skip:
                continue
            size = len(self._fingerprints[doc])
            out.append(Candidate(self._keys[doc], self._sites[doc], count, count / len(query), count / size))
            if len(out) >= limit:
                break
        return out

    def document_frequency(self, fingerprints: U64, site: str | None = None) -> I64:
        """For each fingerprint, on how many documents (of `site`, if given) it occurs."""
        query = np.asarray(fingerprints, dtype=np.uint64)
        asked, docs = self._postings(query)
        if site is not None:
            asked = asked[np.array([self._sites[d] == site for d in docs.tolist()], dtype=bool)]
        counts: I64 = np.bincount(asked, minlength=len(query)).astype(np.int64)
        return counts

    def _documents(self, site: str | None) -> list[int]:
        return [
            doc
            for doc in range(len(self._keys))
            if doc not in self._removed and (site is None or self._sites[doc] == site)
        ]

    def boilerplate(
        self, site: str, *, min_pages: int = BOILERPLATE_MIN_PAGES, min_share: float = BOILERPLATE_MIN_SHARE
    ) -> U64:
        """Fingerprints on at least `min_pages` pages and `min_share` of the pages of one site."""
        return site_boilerplate([self._fingerprints[d] for d in self._documents(site)], min_pages, min_share)


def _counts(values: I64) -> tuple[I64, I64]:
    """Distinct values and how often each occurs (np.unique(return_counts=True), lighter)."""
    ordered = np.sort(values)
    if not len(ordered):
        return ordered, ordered
    starts = np.flatnonzero(np.concatenate(([True], ordered[1:] != ordered[:-1])))
    return ordered[starts], np.diff(np.append(starts, len(ordered)))


def site_boilerplate(
    pages: list[U64], min_pages: int = BOILERPLATE_MIN_PAGES, min_share: float = BOILERPLATE_MIN_SHARE
) -> U64:
    """Fingerprints that recur on many of the given pages of one site (see `FingerprintIndex.boilerplate`)."""
    if len(pages) < min_pages:
        return np.zeros(0, dtype=np.uint64)
    values, counts = np.unique(np.concatenate([np.unique(p) for p in pages]), return_counts=True)
    needed = max(min_pages, int(np.ceil(min_share * len(pages))))
    common: U64 = values[counts >= needed]
    return common


class PackedIndex:
    """A frozen fingerprint index for shipping to other processes: one sorted array of postings.

    Built once from every document's lookup keys (`add`, then `freeze`); afterwards only read. A posting
    costs 12 bytes (the uint64 value and a uint32 document number) plus about one byte of bucket starts;
    a document costs its key, one site number and one int32 count. No Python object per posting, so it
    pickles as a handful of arrays (see docs/scale.md for the bytes per original).
    """

    def __init__(self) -> None:
        self._keys: list[str] = []
        self._site_names: list[str] = []
        self._site_ids: dict[str, int] = {}
        self._pending: list[U64] = []
        self._pending_sites: list[int] = []
        self._sites = np.zeros(0, dtype=np.int32)
        self._sizes = np.zeros(0, dtype=np.int32)
        self._segment = _Segment.build(np.zeros(0, dtype=np.uint64), np.zeros(0, dtype=np.uint32))

    def __len__(self) -> int:
        return len(self._keys)

    def add(self, key: str, values: U64, site: str = "") -> None:
        """Add a document's lookup keys (before `freeze`, which is called once)."""
        if len(self._sizes):
            raise RuntimeError("PackedIndex.add after freeze()")
        self._keys.append(key)
        site_id = self._site_ids.setdefault(site, len(self._site_names))
        if site_id == len(self._site_names):
            self._site_names.append(site)
        self._pending_sites.append(site_id)
        self._pending.append(distinct(np.asarray(values, dtype=np.uint64)))

    def freeze(self) -> PackedIndex:
        """Sort every posting into one segment; the per-document arrays are dropped."""
        sizes = np.array([len(v) for v in self._pending], dtype=np.int32)
        values = np.concatenate(self._pending) if self._pending else np.zeros(0, dtype=np.uint64)
        docs = np.repeat(np.arange(len(self._pending), dtype=np.uint32), sizes)
        self._segment = _Segment.build(values, docs)
        self._sizes = sizes
        self._sites = np.array(self._pending_sites, dtype=np.int32)
        self._pending, self._pending_sites = [], []
        return self

    @property
    def nbytes(self) -> int:
        """The bytes of the arrays (postings, bucket starts, sites and sizes); the keys not counted."""
        s = self._segment
        return s.values.nbytes + s.docs.nbytes + s.starts.nbytes + self._sites.nbytes + self._sizes.nbytes

    def candidates(
        self,
        query: U64,
        *,
        min_shared: int = MIN_SHARED,
        limit: int = 20,
        exclude_site: str = "",
        short: int = 0,
    ) -> list[Candidate]:
        """Documents sharing at least `min_shared` of their keys with the query values (one, for a document of
        fewer than `short` keys), most shared first; documents of `exclude_site` are left out (before `limit`
        counts)."""
        query = distinct(np.asarray(query, dtype=np.uint64))
        if self._pending:
            raise RuntimeError("PackedIndex.candidates before freeze()")
        if not len(query) or not len(self._keys):
            return []
        _, posted = self._segment.lookup(query)
        docs, shared = _counts(posted.astype(np.int64))
        keep = (shared >= min_shared) | ((self._sizes[docs] < short) & (shared >= 1))
        excluded = self._site_ids.get(exclude_site) if exclude_site else None
        if excluded is not None:
            keep &= self._sites[docs] != excluded
        docs, shared = docs[keep], shared[keep]
        order = np.argsort(-shared, kind="stable")[:limit]
        return [
            Candidate(self._keys[doc], self._site_names[self._sites[doc]], count, count / len(query),
                      count / max(1, int(self._sizes[doc])))
            for doc, count in zip(docs[order].tolist(), shared[order].tolist(), strict=True)
        ]  # fmt: skip
