#!/usr/bin/env python3
"""Benchmark the matcher: fingerprinting throughput, and candidate retrieval at 1k / 10k / 100k stored
documents, beside datasketch MinHash LSH on the same texts, in the same run.

    python bench/bench_matching.py [--sizes 1000 10000 100000] [--queries 100] [--reps 5]
                                   [--corpus ../shared/corpus] [--json results.json]

Texts: the article texts of the corpus pages (../shared/corpus, when present), else generated text. Figures
are medians; contenders run round-robin, in alternating order, so machine drift hits them alike.

Retrieval set-up (as in research/performance.md §3): stored documents are ~300-word segments. Each of the
queries has two planted near-copies (2% of words substituted, 1% deleted) and one planted excerpt (50 words of
the query inside an unrelated document); the other documents are segments with half their words replaced.
Latency excludes fingerprinting the query. Recall: planted documents returned among the candidates.
Backends: `rights.matching.index.FingerprintIndex` (memory), `rights.store.fingerprints` (SQLite, WAL, anchors table)
and datasketch `MinHashLSH(threshold=0.5, num_perm=128)` over word 5-grams.
"""

from __future__ import annotations

import argparse
import json
import random
import re
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import numpy as np  # noqa: E402
from datasketch import MinHash, MinHashLSH  # noqa: E402
from sqlite_utils import Database  # noqa: E402

from rights.matching import fingerprint, page_text  # noqa: E402
from rights.matching.fingerprint import prints  # noqa: E402
from rights.matching.index import FingerprintIndex  # noqa: E402
from rights.page import parse_page  # noqa: E402
from rights.store.fingerprints import StoredPrints, ensure_schema, find_candidates, save_prints  # noqa: E402

WORD = re.compile(r"\w+")
PERMUTATIONS = 128
SEGMENT_WORDS = 300
EXCERPT_WORDS = 50


# ------------------------------------------------------------------------------------------------ texts


def load_texts(corpus: Path) -> list[str]:
    """Article texts of the corpus pages (>= 80 words), or generated text when the corpus is absent."""
    texts = []
    for path in sorted((corpus / "pages").glob("*.html")):
        text = page_text(parse_page(path.read_bytes())).text
        if len(text.split()) >= 80:
            texts.append(text)
    if texts:
        return texts
    rng = random.Random(0)
    syllables = ["ka", "lo", "mi", "ne", "ru", "sa", "ti", "vo", "ber", "dan", "gel", "hor"]
    vocabulary = ["".join(rng.choice(syllables) for _ in range(rng.randint(1, 4))) for _ in range(20000)]
    return [" ".join(rng.choice(vocabulary) for _ in range(rng.randint(200, 1500))) for _ in range(600)]


def minhash_of(text: str) -> MinHash:
    """datasketch MinHash of the word 5-grams (lower-cased \\w+ words), 128 permutations."""
    words = WORD.findall(text.lower())
    minhash = MinHash(num_perm=PERMUTATIONS)
    minhash.update_batch([" ".join(words[i : i + 5]).encode() for i in range(max(1, len(words) - 4))])
    return minhash


def minhash_bulk(texts: list[str]) -> list[Any]:
    batches = []
    for text in texts:
        words = WORD.findall(text.lower())
        batches.append([" ".join(words[i : i + 5]).encode() for i in range(max(1, len(words) - 4))])
    return list(MinHash.bulk(batches, num_perm=PERMUTATIONS))


# ------------------------------------------------------------------------------------------- throughput


def throughput(texts: list[str], reps: int) -> dict[str, dict[str, float]]:
    """MB/s and docs/s of each fingerprinting method over the same texts, round-robin."""
    size = sum(len(t.encode()) for t in texts) / 1e6
    methods: dict[str, Callable[[], object]] = {
        "rights fingerprint()": lambda: [fingerprint(t) for t in texts],
        "rights prints() (fingerprints + anchors)": lambda: [prints(t) for t in texts],
        "datasketch MinHash(128) update_batch": lambda: [minhash_of(t) for t in texts],
        "datasketch MinHash.bulk": lambda: minhash_bulk(texts),
    }
    fingerprint(texts[0])  # build the code point tables outside the timing
    times: dict[str, list[float]] = {name: [] for name in methods}
    for rep in range(reps):
        for name in methods if rep % 2 == 0 else reversed(list(methods)):
            start = time.perf_counter()
            methods[name]()
            times[name].append(time.perf_counter() - start)
    return {
        name: {
            "MB/s": round(size / statistics.median(values), 1),
            "docs/s": round(len(texts) / statistics.median(values)),
            "spread": round(max(values) / min(values), 2),
        }
        for name, values in times.items()
    }


# -------------------------------------------------------------------------------------------- retrieval


def segments(texts: list[str]) -> list[list[str]]:
    words = [w for t in texts for w in t.split()]
    return [words[i : i + SEGMENT_WORDS] for i in range(0, len(words) - SEGMENT_WORDS, SEGMENT_WORDS)]


def mutate(
    rng: random.Random, words: list[str], vocabulary: list[str], substitute: float, delete: float
) -> str:
    out = []
    for word in words:
        roll = rng.random()
        if roll < delete:
            continue
        out.append(rng.choice(vocabulary) if roll < delete + substitute else word)
    return " ".join(out)


def build_documents(
    texts: list[str], queries: int, total: int, seed: int = 1
) -> tuple[list[str], list[tuple[str, str]]]:
    """Queries and stored documents (key, text): planted copies first, then background."""
    rng = random.Random(seed)
    parts = segments(texts)
    vocabulary = sorted({w for part in parts for w in part})
    query_parts, rest = parts[:queries], parts[queries:]
    query_texts = [" ".join(p) for p in query_parts]
    documents: list[tuple[str, str]] = []
    for number, part in enumerate(query_parts):
        for copy in range(2):
            documents.append((f"near:{number}:{copy}", mutate(rng, part, vocabulary, 0.02, 0.01)))
        start = rng.randrange(0, SEGMENT_WORDS - EXCERPT_WORDS)
        host = mutate(rng, rng.choice(rest), vocabulary, 0.5, 0.0).split()
        cut = rng.randrange(0, len(host))
        excerpt = part[start : start + EXCERPT_WORDS]
        documents.append((f"excerpt:{number}", " ".join(host[:cut] + excerpt + host[cut:])))
    while len(documents) < total:
        documents.append((f"bg:{len(documents)}", mutate(rng, rng.choice(rest), vocabulary, 0.5, 0.0)))
    return query_texts, documents


def recall(found: list[set[str]]) -> tuple[float, float]:
    near = sum(f"near:{q}:{c}" in keys for q, keys in enumerate(found) for c in range(2)) / (2 * len(found))
    excerpt = sum(f"excerpt:{q}" in keys for q, keys in enumerate(found)) / len(found)
    return round(near, 3), round(excerpt, 3)


def timed_queries(run: Callable[[int], set[str]], count: int) -> tuple[float, list[set[str]]]:
    run(0)  # warm up (and let the in-memory index sort what was added)
    latencies, found = [], []
    for number in range(count):
        start = time.perf_counter()
        found.append(run(number))
        latencies.append(time.perf_counter() - start)
    return round(statistics.median(latencies) * 1e6, 1), found


def retrieval(texts: list[str], sizes: list[int], queries: int) -> list[dict[str, Any]]:
    query_texts, documents = build_documents(texts, queries, max(sizes))
    start = time.perf_counter()
    our_prints = [prints(text) for _, text in documents]
    our_fp_time = time.perf_counter() - start
    start = time.perf_counter()
    hashes = minhash_bulk([text for _, text in documents])
    minhash_time = time.perf_counter() - start
    query_prints = [prints(t) for t in query_texts]
    query_hashes = minhash_bulk(query_texts)
    print(
        f"fingerprinted {len(documents)} documents: rights {len(documents) / our_fp_time:.0f} docs/s, "
        f"datasketch MinHash.bulk {len(documents) / minhash_time:.0f} docs/s",
        file=sys.stderr,
    )
    memory = FingerprintIndex()
    lsh = MinHashLSH(threshold=0.5, num_perm=PERMUTATIONS)
    with tempfile.TemporaryDirectory() as folder:
        db = Database(Path(folder) / "bench.db")
        db.execute("PRAGMA journal_mode=WAL")
        db.execute("PRAGMA synchronous=NORMAL")
        ensure_schema(db)
        rows, done = [], 0
        for size in sorted(sizes):
            build: dict[str, float] = {}
            batch = range(done, size)
            start = time.perf_counter()
            for i in batch:
                memory.add(documents[i][0], our_prints[i].fingerprints)
            memory.candidates(query_prints[0].fingerprints)  # sorts what was added: part of the build
            build["memory"] = time.perf_counter() - start
            start = time.perf_counter()
            for first in range(done, size, 500):
                chunk = range(first, min(size, first + 500))
                save_prints(db, [StoredPrints(documents[i][0], our_prints[i]) for i in chunk])
            build["sqlite"] = time.perf_counter() - start
            start = time.perf_counter()
            with lsh.insertion_session() as session:
                for i in batch:
                    session.insert(documents[i][0], hashes[i])
            build["lsh"] = time.perf_counter() - start
            done = size
            contenders: dict[str, Callable[[int], set[str]]] = {
                "memory": lambda q: {c.key for c in memory.candidates(query_prints[q].fingerprints)},
                "sqlite": lambda q: {c.key for c in find_candidates(db, query_prints[q], limit=20)},
                "lsh": lambda q: set(lsh.query(query_hashes[q])),
            }
            for name, run in contenders.items():
                latency, found = timed_queries(run, queries)
                near, excerpt = recall(found)
                rows.append(
                    {
                        "documents": size,
                        "backend": name,
                        "query_p50_us": latency,
                        "recall_near_copies": near,
                        "recall_50_word_excerpts": excerpt,
                        "build_us_per_doc": round(build[name] / len(batch) * 1e6, 1),
                    }
                )
                print(rows[-1], file=sys.stderr)
        db.close()
    return rows


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000, 100000])
    parser.add_argument("--queries", type=int, default=100)
    parser.add_argument("--reps", type=int, default=5)
    parser.add_argument("--corpus", type=Path, default=ROOT.parent / "shared" / "corpus")
    parser.add_argument("--json", type=Path)
    args = parser.parse_args()
    texts = load_texts(args.corpus)
    print(f"{len(texts)} texts, {sum(len(t.encode()) for t in texts) / 1e6:.2f} MB", file=sys.stderr)
    results = {
        "texts": len(texts),
        "megabytes": round(sum(len(t.encode()) for t in texts) / 1e6, 2),
        "throughput": throughput(texts, args.reps),
        "retrieval": retrieval(texts, args.sizes, args.queries),
        "numpy": np.__version__,
    }
    print("\n## Fingerprinting throughput\n\n| method | MB/s | docs/s | spread |\n|---|---|---|---|")
    for name, row in results["throughput"].items():
        print(f"| {name} | {row['MB/s']} | {row['docs/s']} | {row['spread']} |")
    print(
        "\n## Candidate retrieval\n\n| docs | backend | query p50 µs | recall near-copies | recall 50-word "
        "excerpts | build µs/doc |\n|---|---|---|---|---|---|"
    )
    for row in results["retrieval"]:
        print(
            f"| {row['documents']} | {row['backend']} | {row['query_p50_us']} | {row['recall_near_copies']} "
            f"| {row['recall_50_word_excerpts']} | {row['build_us_per_doc']} |"
        )
    if args.json:
        args.json.write_text(json.dumps(results, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
