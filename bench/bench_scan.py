#!/usr/bin/env python3
"""Benchmark `rights scan`: the floor (read + parse to text), then the scan on 1 and 2 Dask workers.

    python bench/bench_scan.py [--corpus ../shared/corpus] [--originals 100] [--copies 50] [--archives 4]

Built at run time from the corpus pages (nothing is committed): `--originals` corpus pages with a long article
text are stored as our originals in a temporary database; `--copies` copies are planted by putting 3-8
paragraphs of an original's article text into another corpus page (a second <article>); every other corpus
page is background. All of them are written as HTML responses into `--archives` gzip WARC files. Then, in one
run: (a) the floor: read every record and parse it to visible text, nothing else, in one process; (b)
`rights scan` with 1 worker; (c) with 2 workers. Reported: records/s per core, the ratio to the floor,
scaling from 1 to 2 workers, recall and precision on the planted copies (a capture counts as found when it
gets a finding), and the shipped index's size per 10,000 originals. Needs the `scale` extra.
"""

from __future__ import annotations

import argparse
import html
import io
import json
import random
import re
import sys
import tempfile
import time
from pathlib import Path

import cloudpickle

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from warcio.statusandheaders import StatusAndHeaders  # noqa: E402
from warcio.warcwriter import WARCWriter  # noqa: E402

from rights.auditing.scan import build_index  # noqa: E402
from rights.auditing.scan_engine import DaskCluster  # noqa: E402
from rights.auditing.scan_run import run_scan  # noqa: E402
from rights.config import load_settings  # noqa: E402
from rights.matching.article import page_text  # noqa: E402
from rights.page import parse_page  # noqa: E402
from rights.policy import load_policies  # noqa: E402
from rights.store import open_store  # noqa: E402
from rights.store.models import PageRecord  # noqa: E402
from rights.web.archive import ArchiveStats, read_archive, resolve_archives  # noqa: E402


def _pages(corpus: Path) -> tuple[list[bytes], list[str]]:
    """The corpus pages and the address each was captured at (the manifest's `page_url`, else a made-up one
    on a host of its own). Real addresses keep the same-site rule honest: a page of an original's own site
    in the background is that publisher's page, not a copy."""
    files = sorted((corpus / "pages").glob("*.html"))
    known: dict[str, str] = {}
    manifest = corpus / "manifest.jsonl"
    if manifest.exists():
        for line in manifest.read_text().splitlines():
            row = json.loads(line)
            if row.get("page_url"):
                known[Path(row["file"]).name] = row["page_url"]
    urls, seen = [], set()
    for n, path in enumerate(files):
        url = (known.get(path.name) or f"http://page-{n}.test/page").replace(" ", "%20")
        if url in seen:  # one address captured twice: keep them apart
            url = f"{url}{'&' if '?' in url else '?'}capture={n}"
        seen.add(url)
        urls.append(url)
    return [p.read_bytes() for p in files], urls


def _paragraphs(body: bytes) -> list[str]:
    """The article's paragraphs of 12+ words that hold no quotation (a copy of the original's own quotations
    is judged a quotation, by design: bench_copies.py plants the same way)."""
    text = page_text(parse_page(body)).text
    return [p for p in text.split("\n") if len(p.split()) >= 12 and not _QUOTE.search(p)]


_QUOTE = re.compile(r"[\"“”„«»]| said\b|according to", re.I)


def _write(path: Path, records: list[tuple[str, bytes]]) -> None:
    with path.open("wb") as out:
        writer = WARCWriter(out, gzip=True)
        for uri, body in records:
            headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")], "HTTP/1.1")
            record = writer.create_warc_record(
                uri, "response", payload=io.BytesIO(body), length=len(body), http_headers=headers
            )
            writer.write_record(record)


def build(
    corpus: Path, folder: Path, n_originals: int, n_copies: int, n_archives: int, repeat: int = 1
) -> set[str]:
    """Store the originals, write the archives (every background page `repeat` times, as recaptures);
    return the planted copies' URIs."""
    rng = random.Random(1)
    pages, urls = _pages(corpus)
    long = [i for i, body in enumerate(pages) if sum(len(p.split()) for p in _paragraphs(body)) >= 300]
    originals = long[:n_originals]
    others = [i for i in range(len(pages)) if i not in set(originals)]
    with open_store(folder / "rights.db") as store:
        for i in originals:
            url = urls[i]
            store.save_page(PageRecord(url, url, 200, "ok", "2026-01-01T00:00:00+00:00", html=pages[i]))
    records = [
        (urls[i] if r == 0 else f"{urls[i]}{'&' if '?' in urls[i] else '?'}recapture={r}", pages[i])
        for r in range(repeat)
        for i in others
    ]
    planted = set()
    for j in range(n_copies):
        paragraphs = _paragraphs(pages[originals[j % len(originals)]])
        start = rng.randrange(max(1, len(paragraphs) - 3))
        chosen = paragraphs[start : start + rng.randint(3, 8)]
        while sum(len(p.split()) for p in chosen) < 80 and start + len(chosen) < len(paragraphs):
            chosen = paragraphs[start : start + len(chosen) + 1]  # at least 80 words, as bench_copies plants
        block = "<article>" + "".join(f"<p>{html.escape(p)}</p>" for p in chosen) + "</article>"
        host = pages[others[rng.randrange(len(others))]]
        cut = host.lower().rfind(b"</body>")
        host = host[:cut] + block.encode() + host[cut:] if cut >= 0 else host + block.encode()
        uri = f"http://copy-{j}.test/story"
        records.append((uri, host))
        planted.add(uri)
    rng.shuffle(records)
    for a in range(n_archives):
        _write(folder / f"part-{a}.warc.gz", records[a::n_archives])
    return planted


def floor(archives: list[Path], max_bytes: int) -> tuple[int, float]:
    start, count = time.perf_counter(), 0
    for archive in archives:
        for record in read_archive(archive, ArchiveStats(), max_bytes=max_bytes):
            page_text(parse_page(record.body, url=record.target_uri, headers=record.headers), whole=True)
            count += 1
    return count, time.perf_counter() - start


def fixed_costs(workers: int, db: Path, policies: object, settings: object) -> tuple[float, float]:
    """Seconds to start (and stop) a cluster of `workers` processes, and to build the index on it: the fixed
    costs of every scan."""
    start = time.perf_counter()
    with DaskCluster(workers=workers) as cluster:
        started = time.perf_counter() - start
        start = time.perf_counter()
        with open_store(db) as store:
            build_index(store, policies, site=None, use="noncommercial", prepare=cluster.prepare,  # type: ignore[arg-type]
                        max_bytes=settings.max_bytes, max_parse_bytes=settings.max_parse_bytes)  # type: ignore[attr-defined]  # fmt: skip
        built = time.perf_counter() - start
        start = time.perf_counter()
    return started + time.perf_counter() - start, built


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--corpus", type=Path, default=ROOT.parent / "shared" / "corpus")
    parser.add_argument("--originals", type=int, default=100)
    parser.add_argument("--copies", type=int, default=50)
    parser.add_argument("--archives", type=int, default=8)
    parser.add_argument("--repeat", type=int, default=4, help="captures of each background page")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        planted = build(args.corpus, folder, args.originals, args.copies, args.archives, args.repeat)
        archives = sorted(folder.glob("*.warc.gz"))
        settings = load_settings(overrides={"db_path": folder / "rights.db"})
        policies = load_policies(list(settings.policy_dirs))
        records, floor_seconds = floor(archives, settings.max_bytes)
        floor_rate = records / floor_seconds
        out: dict[str, object] = {
            "records": records,
            "archive_mb": round(sum(a.stat().st_size for a in archives) / 1e6, 1),
            "floor_records_per_s": round(floor_rate, 1),
        }
        start = time.perf_counter()
        with open_store(folder / "rights.db") as store:
            index = build_index(store, policies, site=None, use="noncommercial",
                                max_bytes=settings.max_bytes, max_parse_bytes=settings.max_parse_bytes)  # fmt: skip
        out["index_build_in_one_process_seconds"] = round(time.perf_counter() - start, 2)
        size = len(cloudpickle.dumps(index))  # as Dask ships it (the policies hold mapping proxies)
        per_10k = 10_000 / len(index.originals)
        out["index_shipped_mb_per_10k_originals"] = round(size * per_10k / 1e6, 1)
        out["index_arrays_mb_per_10k_originals"] = round(index.index.nbytes * per_10k / 1e6, 1)
        out["originals_packed_mb_per_10k_originals"] = round(
            sum(len(o.packed) for o in index.originals.values()) * per_10k / 1e6, 1
        )
        rates = {}
        for workers in (1, 2):
            startup, built = fixed_costs(workers, folder / "rights.db", policies, settings)
            db = folder / f"scan-{workers}.db"
            db.write_bytes((folder / "rights.db").read_bytes())
            run_settings = load_settings(overrides={"db_path": db})
            start = time.perf_counter()
            sources = resolve_archives([str(a) for a in archives], run_settings)
            summary = run_scan(sources, run_settings, policies, workers=workers)  # as `rights scan` runs
            seconds = time.perf_counter() - start
            found = {f["url"] for f in summary.findings}
            hits = len(found & planted)
            with open_store(db) as store:
                done = store.scanned_archives(summary.scan, summary.run_id)
            task_seconds = sum(float(c.get("seconds") or 0) for c in done.values())
            read = summary.counts["read"]
            rates[workers] = read / seconds
            rates[-workers] = steady = read / max(seconds - startup - built, 1e-9)
            out[f"workers_{workers}"] = {
                "seconds": round(seconds, 2),
                "cluster_start_seconds": round(startup, 2),
                "index_build_on_cluster_seconds": round(built, 2),
                "records_per_s": round(rates[workers], 1),
                "records_per_s_per_core": round(rates[workers] / workers, 1),
                "ratio_to_floor_per_core": round(rates[workers] / workers / floor_rate, 2),
                "without_fixed_costs_ratio_to_floor_per_core": round(steady / workers / floor_rate, 2),
                "in_task_records_per_s_per_core": round(read / task_seconds, 1),
                "in_task_ratio_to_floor": round(read / task_seconds / floor_rate, 2),
                "recall": round(hits / len(planted), 3),
                "missed": sorted(planted - found),
                "false_positives": sorted(found - planted),
                "precision": round(hits / len(found), 3) if found else None,
            }
        out["scaling_1_to_2"] = round(rates[2] / rates[1], 2)
        out["scaling_1_to_2_without_fixed_costs"] = round(rates[-2] / rates[-1], 2)
        print(json.dumps(out, indent=2))


if __name__ == "__main__":
    main()
