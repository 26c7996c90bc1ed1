#!/usr/bin/env python3
"""Dask distributed against Ray as `rights scan`'s engine: import and start-up cost, per-task overhead, and the
scan's own tasks on two workers. Ray is not a dependency; install it beside the `scale` extra to run this.

    pip install 'rights[scale,bench]' ray
    python bench/bench_engines.py [--corpus ../shared/corpus] [--tasks 400]

Reported per engine (medians of `--repeats` runs where it is cheap to repeat):
- import_seconds: `import dask.distributed` / `import ray` in a fresh interpreter;
- start_seconds: a local cluster of 2 worker processes started and stopped (LocalCluster / ray.init);
- overhead_ms_per_task: `--tasks` empty tasks submitted and gathered, per task;
- scan_seconds: the scan's task (`scan_archive`) over the archives of bench_scan.py on 2 workers, the index
  shipped once (Dask: scatter broadcast; Ray: ray.put), the findings checked equal between the engines.
"""

from __future__ import annotations

import argparse
import json
import logging
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

import bench_scan  # noqa: E402

from rights.auditing.scan import ScanIndex, build_index, scan_archive  # noqa: E402
from rights.config import load_settings  # noqa: E402
from rights.policy import load_policies  # noqa: E402
from rights.store import open_store  # noqa: E402


def _noop(n: int) -> int:
    return n


def import_seconds(module: str, repeats: int) -> float:
    runs = []
    for _ in range(repeats):
        start = time.perf_counter()
        subprocess.run([sys.executable, "-c", f"import {module}"], check=True)
        runs.append(time.perf_counter() - start)
    base = []
    for _ in range(repeats):
        start = time.perf_counter()
        subprocess.run([sys.executable, "-c", "pass"], check=True)
        base.append(time.perf_counter() - start)
    return statistics.median(runs) - statistics.median(base)


def on_dask(archives: list[str], index: ScanIndex, tasks: int) -> dict[str, float | int]:
    from dask.distributed import Client, LocalCluster

    start = time.perf_counter()
    cluster = LocalCluster(
        n_workers=2, processes=True, threads_per_worker=1, dashboard_address=None, silence_logs=logging.ERROR
    )
    client = Client(cluster)
    started = time.perf_counter() - start
    try:
        start = time.perf_counter()
        client.gather(client.map(_noop, range(tasks), pure=False))
        overhead = (time.perf_counter() - start) / tasks
        start = time.perf_counter()
        shared = client.scatter(index, broadcast=True, hash=False)
        results = client.gather([client.submit(scan_archive, a, shared, pure=False) for a in archives])
        scan = time.perf_counter() - start
    finally:
        start = time.perf_counter()
        client.close()
        cluster.close()
        stopped = time.perf_counter() - start
    findings = sum(len(r.findings) for r in results)
    return {"start_seconds": round(started + stopped, 2), "overhead_ms_per_task": round(overhead * 1000, 2),
            "scan_seconds": round(scan, 2), "findings": findings}  # fmt: skip


def on_ray(archives: list[str], index: ScanIndex, tasks: int) -> dict[str, float | int]:
    import ray

    start = time.perf_counter()
    ray.init(num_cpus=2, include_dashboard=False, logging_level=logging.ERROR, log_to_driver=False)
    noop = ray.remote(_noop)
    scan = ray.remote(scan_archive)
    ray.get([noop.remote(0), noop.remote(1)])  # the two workers are up
    started = time.perf_counter() - start
    try:
        start = time.perf_counter()
        ray.get([noop.remote(n) for n in range(tasks)])
        overhead = (time.perf_counter() - start) / tasks
        start = time.perf_counter()
        shared = ray.put(index)
        results = ray.get([scan.remote(a, shared) for a in archives])
        scanned = time.perf_counter() - start
    finally:
        start = time.perf_counter()
        ray.shutdown()
        stopped = time.perf_counter() - start
    findings = sum(len(r.findings) for r in results)
    return {"start_seconds": round(started + stopped, 2), "overhead_ms_per_task": round(overhead * 1000, 2),
            "scan_seconds": round(scanned, 2), "findings": findings}  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--corpus", type=Path, default=ROOT.parent / "shared" / "corpus")
    parser.add_argument("--tasks", type=int, default=400)
    parser.add_argument("--repeats", type=int, default=3)
    args = parser.parse_args()
    out: dict[str, object] = {}
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        bench_scan.build(args.corpus, folder, 100, 50, 8, 2)
        archives = [str(p) for p in sorted(folder.glob("*.warc.gz"))]
        settings = load_settings(overrides={"db_path": folder / "rights.db"})
        with open_store(folder / "rights.db") as store:
            index = build_index(store, load_policies(list(settings.policy_dirs)), site=None, use="noncommercial",
                                max_bytes=settings.max_bytes, max_parse_bytes=settings.max_parse_bytes)  # fmt: skip
        for name, module, run in (("dask", "dask.distributed", on_dask), ("ray", "ray", on_ray)):
            runs = [run(archives, index, args.tasks) for _ in range(args.repeats)]
            out[name] = {
                "import_seconds": round(import_seconds(module, args.repeats), 2),
                **{key: statistics.median(float(r[key]) for r in runs) for key in runs[0]},
            }
    print(json.dumps(out, indent=2))


if __name__ == "__main__":
    main()
