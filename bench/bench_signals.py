"""Page signals: `rights` (parse + every detector) beside trafilatura's metadata extraction, in one run.

    python bench/bench_signals.py [--corpus ../shared/corpus] [--reps 3] [--limit N]

Prints, for both tools: licence accuracy on the labelled pages (licence id against the label, and the false-positive
rate on pages whose label has no page licence), and speed in pages/second over every corpus page (median of the
repetitions; the two take turns page by page, in alternating order, so machine drift hits both alike).
Needs the `bench` extra (trafilatura); the corpus lives outside the repository and is never copied into it.
"""

from __future__ import annotations

import argparse
import json
import re
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from rights.page import parse_page
from rights.signals import detect_signals

_TRAF_ID = re.compile(r"cc\s*(by(?:-(?:nc|nd|sa))*)\s*([\d.]+)?", re.I)


def traf_license_id(value: str | None) -> str:
    """trafilatura returns a label such as 'CC BY-SA 4.0' (or the raw link text); map it to our ids."""
    if not value:
        return ""
    match = _TRAF_ID.search(value)
    if not match:
        return ""
    code = match.group(1).lower()
    return f"cc-{code}-{match.group(2)}" if match.group(2) else f"cc-{code}"


def run_traf(data: bytes, url: str | None) -> str:
    import trafilatura

    try:
        doc = trafilatura.bare_extraction(data, url=url, with_metadata=True)
    except Exception:  # trafilatura raises on some malformed pages; count as no licence
        return ""
    if doc is None:
        return ""
    value = doc.get("license") if isinstance(doc, dict) else getattr(doc, "license", None)
    return traf_license_id(value)


def run_rights(data: bytes, url: str | None) -> str:
    signals = detect_signals(parse_page(data, url=url))
    lic = signals.license
    return lic.id if lic is not None else ""


def accuracy(
    run: Callable[[bytes, str | None], str], labels: list[dict[str, Any]], corpus: Path
) -> dict[str, Any]:
    ok = n = fp = none_n = 0
    for lab in labels:
        url = lab.get("page_url") if not str(lab.get("page_url", "")).startswith("hard::") else None
        got = run((corpus / lab["file"]).read_bytes(), url)
        gold = lab.get("license") or {}
        gid = (gold.get("id") or "").lower() if gold.get("scope") in ("article", "site", None) else ""
        if gid:
            n += 1
            ok += got == gid
        else:
            none_n += 1
            fp += bool(got)
    return {
        "accuracy": ok / n if n else 0.0,
        "correct": ok,
        "labelled": n,
        "false_positive_rate": fp / none_n if none_n else 0.0,
        "false_positives": fp,
    }


def speed(
    runs: dict[str, Callable[[bytes, str | None], str]], pages: list[bytes], reps: int
) -> dict[str, float]:
    """Pages per second of each contender. The contenders take turns page by page (the order alternating), so
    a machine that slows down for a few seconds slows both alike; the median of `reps` passes is reported."""
    times: dict[str, list[float]] = {name: [] for name in runs}
    names = list(runs)
    clock = time.perf_counter
    for _ in range(reps):
        spent = dict.fromkeys(names, 0.0)
        for i, data in enumerate(pages):
            for name in names if i % 2 == 0 else names[::-1]:
                start = clock()
                runs[name](data, None)
                spent[name] += clock() - start
        for name in names:
            times[name].append(spent[name])
    return {name: len(pages) / statistics.median(values) for name, values in times.items()}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--corpus", type=Path, default=Path(__file__).resolve().parents[2] / "shared" / "corpus"
    )
    parser.add_argument("--reps", type=int, default=3)
    parser.add_argument("--limit", type=int, default=0, help="use only the first N pages for speed")
    args = parser.parse_args()
    labels_file = args.corpus / "labels" / "signals-dev.jsonl"
    if not labels_file.exists():
        print(f"corpus not found at {args.corpus}; pass --corpus", file=sys.stderr)
        return 2
    try:
        import trafilatura  # noqa: F401
    except ImportError:
        print("trafilatura is not installed: pip install -e '.[bench]'", file=sys.stderr)
        return 2
    labels = [json.loads(line) for line in labels_file.read_text().splitlines() if line.strip()]
    runs = {"trafilatura.bare_extraction": run_traf, "rights parse+detect": run_rights}
    pages = [p.read_bytes() for p in sorted((args.corpus / "pages").glob("*.htm*"))]
    if args.limit:
        pages = pages[: args.limit]
    print(f"licence accuracy on {len(labels)} labelled pages:")
    for name, run in runs.items():
        acc = accuracy(run, labels, args.corpus)
        print(
            f"  {name:28s} id accuracy {acc['accuracy']:.3f} ({acc['correct']}/{acc['labelled']})"
            f"  false-positive rate {acc['false_positive_rate']:.3f} ({acc['false_positives']})"
        )
    rates = speed(runs, pages, args.reps)
    print(f"speed over {len(pages)} pages, median of {args.reps} repetitions:")
    for name, rate in rates.items():
        print(f"  {name:28s} {rate:8.1f} pages/s  {1000 / rate:6.2f} ms/page")
    ratio = rates["rights parse+detect"] / rates["trafilatura.bare_extraction"]
    print(f"ratio: rights is {ratio:.1f}x the speed of trafilatura.bare_extraction")
    return 0


if __name__ == "__main__":
    sys.exit(main())
