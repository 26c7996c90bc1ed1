"""warcio vs FastWARC: read, decompress and HTTP-parse every response record of a generated ~50 MB WARC.

    python bench/bench_warc.py [--mb 50] [--reps 3]

The archive is written at run time (gzip per record, HTML pages of 2-60 KB) into a temporary directory and
never committed. Each library reads it `--reps` times; the best time is reported (MB/s of compressed input,
records/s), with the payload bytes each read so the two are known to agree.
"""

from __future__ import annotations

import argparse
import io
import random
import tempfile
import time
from pathlib import Path

from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

WORDS = ["harbour", "council", "ferry", "budget", "library", "tide", "plan", "vote", "night", "train"]


def write_warc(path: Path, mb: int) -> int:
    rng = random.Random(1)
    count = 0
    with path.open("wb") as out:
        writer = WARCWriter(out, gzip=True)
        while out.tell() < mb * 1_000_000:
            words = [f"{rng.choice(WORDS)}{rng.randint(0, 999)}" for _ in range(rng.randint(300, 6000))]
            html = f"<html><body><p>{' '.join(words)}</p></body></html>".encode()
            headers = StatusAndHeaders(
                "200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1"
            )
            record = writer.create_warc_record(
                f"https://example.org/{count}", "response", payload=io.BytesIO(html), http_headers=headers
            )
            writer.write_record(record)
            count += 1
    return count


def read_warcio(path: Path) -> tuple[int, int]:
    from warcio.archiveiterator import ArchiveIterator

    records = size = 0
    with path.open("rb") as stream:
        for record in ArchiveIterator(stream):
            if record.rec_type != "response":
                continue
            record.http_headers.get_header("Content-Type")
            size += len(record.content_stream().read())
            records += 1
    return records, size


def read_fastwarc(path: Path) -> tuple[int, int]:
    from fastwarc.warc import ArchiveIterator, WarcRecordType

    records = size = 0
    with path.open("rb") as stream:
        for record in ArchiveIterator(stream, record_types=WarcRecordType.response, parse_http=True):
            record.http_headers.get("Content-Type")
            size += len(record.reader.read())
            records += 1
    return records, size


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--mb", type=int, default=50)
    parser.add_argument("--reps", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "bench.warc.gz"
        written = write_warc(path, args.mb)
        mb = path.stat().st_size / 1e6
        print(f"archive: {mb:.1f} MB compressed, {written} response records")
        for name, read in (("warcio", read_warcio), ("fastwarc", read_fastwarc)):
            best, result = float("inf"), (0, 0)
            for _ in range(args.reps):
                start = time.perf_counter()
                result = read(path)
                best = min(best, time.perf_counter() - start)
            print(
                f"{name:9s} {best:6.2f} s  {mb / best:7.1f} MB/s  {result[0] / best:8.0f} records/s"
                f"  ({result[0]} records, {result[1] / 1e6:.1f} MB payload)"
            )


if __name__ == "__main__":
    main()
