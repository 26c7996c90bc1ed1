#!/usr/bin/env python3
"""Byte-range tasks vs whole-file tasks: what reading by ranges costs, and what it buys on two workers.

    python bench/bench_ranges.py [--mb 50] [--corpus ../shared/corpus]

(a) Reading: a generated ~`--mb` MB gzip WARC (bench_warc.py's pages) is read record by record
(`read_archive`, no judging) whole, then as ranges of 1, 4 and 16 MB one after the other, from the local file
and over loopback HTTP (a Range-capable server in this process); reported: seconds, the extra time per range
(finding the first member, opening the file or the connection), and that the same records were read.
(b) Scanning: bench_scan.py's corpus (originals stored, copies planted) written as ONE archive, scanned on 2
Dask workers as one whole-file task, then split in ranges (`--split` at a sixteenth of the file); reported:
seconds and whether the findings agree. Built at run time, nothing committed. Needs the `scale` extra.
"""

from __future__ import annotations

import argparse
import contextlib
import dataclasses
import functools
import json
import re
import sys
import tempfile
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from bench_scan import build  # noqa: E402
from bench_warc import write_warc  # noqa: E402

from rights.auditing.scan_engine import run_on_dask  # noqa: E402
from rights.auditing.scan_run import run_scan  # noqa: E402
from rights.config import Settings, load_settings  # noqa: E402
from rights.policy import load_policies  # noqa: E402
from rights.store import open_store  # noqa: E402
from rights.web.archive import ArchiveStats, read_archive, resolve_archives, split_source  # noqa: E402

MB = 1_000_000
_RANGE = re.compile(r"bytes=(\d+)-$")


def serve(path: Path) -> tuple[ThreadingHTTPServer, str]:
    """`path` over loopback HTTP with HEAD and open-ended Range requests."""
    body = path.read_bytes()

    class Handler(BaseHTTPRequestHandler):
        def log_message(self, *args: object) -> None:
            pass

        def do_HEAD(self) -> None:
            self.send_response(200)
            self.send_header("Content-Length", str(len(body)))
            self.send_header("Accept-Ranges", "bytes")
            self.end_headers()

        def do_GET(self) -> None:
            asked = _RANGE.match(self.headers.get("Range", ""))
            start = int(asked.group(1)) if asked else 0
            self.send_response(206 if asked else 200)
            self.send_header("Content-Length", str(len(body) - start))
            if asked:
                self.send_header("Content-Range", f"bytes {start}-{len(body) - 1}/{len(body)}")
            self.end_headers()
            with contextlib.suppress(OSError):  # the reader closes when its range is done
                self.wfile.write(body[start:])

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}/{path.name}"


def read_parts(argument: str, settings: Settings, split: int | None) -> tuple[float, int, list[int]]:
    source = resolve_archives([argument], settings)[0]
    parts = split_source(source, split)
    start = time.perf_counter()
    offsets = []
    for part in parts:
        offsets += [r.offset for r in read_archive(part, ArchiveStats(), max_bytes=10 * MB)]
    return time.perf_counter() - start, len(parts), offsets


def reading(folder: Path, mb: int) -> dict[str, object]:
    path = folder / "big.warc.gz"
    write_warc(path, mb)
    out: dict[str, object] = {"archive_mb": round(path.stat().st_size / MB, 1)}
    server, url = serve(path)
    settings = Settings(allow_private=True)
    try:
        for where, argument in (("local", str(path)), ("http", url)):
            whole, _, expected = read_parts(argument, settings, None)
            rows: dict[str, object] = {"whole_s": round(whole, 2), "records": len(expected)}
            for size in (1, 4, 16):
                seconds, parts, offsets = read_parts(argument, settings, size * MB)
                assert offsets == expected, (where, size)
                rows[f"ranges_{size}mb"] = {
                    "ranges": parts,
                    "seconds": round(seconds, 2),
                    "extra_ms_per_range": round((seconds - whole) / parts * 1000, 1),
                }
            out[where] = rows
    finally:
        server.shutdown()
    return out


def scanning(folder: Path, corpus: Path) -> dict[str, object]:
    build(corpus, folder, 100, 50, 1)
    archive = next(folder.glob("*.warc.gz"))
    settings = load_settings(overrides={"db_path": folder / "rights.db"})
    policies = load_policies(list(settings.policy_dirs))
    size = archive.stat().st_size
    out: dict[str, object] = {"archive_mb": round(size / MB, 1)}
    found = {}
    for name, split in (("whole", None), ("ranges", size // 16 + 1)):
        db = folder / f"{name}.db"
        db.write_bytes((folder / "rights.db").read_bytes())
        run_settings = dataclasses.replace(settings, db_path=db)
        sources = resolve_archives([str(archive)], run_settings)
        engine = functools.partial(run_on_dask, workers=2)
        start = time.perf_counter()
        summary = run_scan(sources, run_settings, policies, split=split, engine=engine)
        seconds = time.perf_counter() - start
        found[name] = sorted(f["key"] for f in summary.findings)
        with open_store(db) as store:
            done = store.scanned_archives(summary.scan, summary.run_id)
        in_tasks = sum(float(c.get("seconds") or 0) for c in done.values())
        out[name] = {"tasks": summary.tasks, "seconds": round(seconds, 2), "records": summary.counts["records"],
                     "task_seconds": round(in_tasks, 2)}  # fmt: skip
    out["same_findings"] = found["whole"] == found["ranges"]
    return out


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--mb", type=int, default=50)
    parser.add_argument("--corpus", type=Path, default=ROOT.parent / "shared" / "corpus")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        out = {"reading": reading(Path(tmp), args.mb)}
    with tempfile.TemporaryDirectory() as tmp:
        out["scanning_2_workers"] = scanning(Path(tmp), args.corpus)
    print(json.dumps(out, indent=2))


if __name__ == "__main__":
    main()
