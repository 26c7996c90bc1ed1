"""Audit end to end on a generated loopback web: a blog of N posts citing M source pages.

    python bench/bench_audit.py [--posts 2000] [--sources 500] [--reps 1]

A threaded HTTP server on 127.0.0.1 generates two sites on the fly: `bench-blog.test` (a home page, a sitemap
and N posts; every fifth post copies a source's text, the others are original; each post cites 1-3 sources)
and `bench-source.test` (M articles, CC BY-ND). `rights audit`'s library call runs with politeness delay 0,
storing everything into a fresh SQLite file. Prints pages/s (posts + sources), peak memory (ru_maxrss), the
time per stage (fetch, parse, detect, fingerprint, match, store) and the slowest stage.
"""

from __future__ import annotations

import argparse
import random
import resource
import socket
import statistics
import sys
import tempfile
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from rights.auditing.run import audit_site
from rights.config import Settings
from rights.policy import load_policies
from rights.store import open_store

WORDS = [
    "harbour",
    "crane",
    "quay",
    "ship",
    "rail",
    "market",
    "roof",
    "library",
    "council",
    "budget",
    "river",
    "bridge",
    "lighthouse",
    "path",
    "orchard",
    "winter",
    "summer",
    "tide",
    "station",
    "carriage",
    "ticket",
    "trader",
    "fisherman",
    "engineer",
    "mayor",
    "citizen",
    "museum",
    "garden",
    "festival",
    "school",
    "teacher",
    "student",
    "hospital",
    "doctor",
    "nurse",
    "farmer",
    "weather",
    "storm",
    "village",
    "city",
    "road",
]


def _sentences(seed: int, n: int) -> list[str]:
    rnd = random.Random(seed)
    return [
        " ".join(rnd.choice(WORDS) for _ in range(rnd.randint(14, 24))).capitalize() + "." for _ in range(n)
    ]


def _page(title: str, body: str, site: str) -> bytes:
    return (
        f"<!DOCTYPE html><html><head><meta charset='utf-8'><title>{title}</title>"
        f"<meta property='og:site_name' content='{site}'></head><body><nav class='menu'><a href='/'>Home</a>"
        f"</nav><article><h1>{title}</h1><div class='entry-content'>{body}</div></article>"
        f"<footer class='site-footer'><p>© 2025 {site}</p></footer></body></html>"
    ).encode()


class Web:
    def __init__(self, posts: int, sources: int) -> None:
        self.posts, self.sources = posts, sources

    def source(self, j: int) -> bytes:
        paras = "".join(f"<p>{s}</p>" for s in _sentences(10_000 + j, 8))
        licence = (
            "<p>Licensed under <a rel='license' href='https://creativecommons.org/licenses/by-nd/4.0/'>"
            "CC BY-ND 4.0</a>.</p>"
        )
        return _page(f"Source story {j}", paras + licence, "Bench Source")

    def post(self, i: int) -> bytes:
        rnd = random.Random(i)
        cited = sorted({rnd.randrange(self.sources) for _ in range(rnd.randint(1, 3))})
        text = _sentences(10000 + cited[0], 8) if i % 5 == 0 else _sentences(i, 8)
        links = " ".join(f"<a href='http://bench-source.test/s/{j}.html'>source {j}</a>" for j in cited)
        body = "".join(f"<p>{s}</p>" for s in text) + f"<p>See {links}.</p>"
        return _page(f"Post {i}", body, "Bench Blog")

    def answer(self, host: str, path: str) -> tuple[int, bytes, str]:
        if host.startswith("bench-blog.test"):
            if path == "/":
                links = "".join(f"<li><a href='/p/{i}.html'>Post {i}</a></li>" for i in range(20))
                return 200, _page("Bench Blog", f"<ul>{links}</ul>", "Bench Blog"), "text/html"
            if path == "/sitemap.xml":
                urls = "".join(
                    f"<url><loc>http://bench-blog.test/p/{i}.html</loc></url>" for i in range(self.posts)
                )
                body = f"<?xml version='1.0'?><urlset xmlns='http://www.sitemaps.org/schemas/sitemap/0.9'>{urls}</urlset>"
                return 200, body.encode(), "application/xml"
            if path == "/robots.txt":
                return (
                    200,
                    b"User-agent: *\nAllow: /\nSitemap: http://bench-blog.test/sitemap.xml\n",
                    "text/plain",
                )
            if path.startswith("/p/") and path.endswith(".html"):
                return 200, self.post(int(path[3:-5])), "text/html"
        if host.startswith("bench-source.test") and path.startswith("/s/") and path.endswith(".html"):
            return 200, self.source(int(path[3:-5])), "text/html"
        return 404, b"not found", "text/plain"


def serve(web: Web) -> ThreadingHTTPServer:
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def setup(self) -> None:
            super().setup()
            self.connection.setsockopt(
                socket.IPPROTO_TCP, socket.TCP_NODELAY, 1
            )  # no 40 ms delayed-ACK stalls

        def do_GET(self) -> None:
            status, body, kind = web.answer(self.headers.get("Host", ""), self.path)
            self.send_response(status)
            self.send_header("Content-Type", f"{kind}; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args: object) -> None:
            pass

    class Server(ThreadingHTTPServer):
        def handle_error(self, request: object, client_address: object) -> None:
            pass  # the client closing a kept-alive connection at the end is not an error here

    server = Server(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


def run_once(posts: int, sources: int, port: int, folder: Path) -> dict[str, object]:
    settings = Settings(
        resolve=(f"bench-blog.test=127.0.0.1:{port}", f"bench-source.test=127.0.0.1:{port}"),
        allow_private=True,
        delay=0.0,
        max_pages=posts + 10,
        max_depth=2,
        retries=0,
        db_path=folder / "bench.db",
    )
    store = open_store(folder / "bench.db")
    try:
        with store.lock():
            run_id = store.start_run("audit", {}, {"site": "bench-blog.test"})
            start = time.perf_counter()
            summary = audit_site("http://bench-blog.test/", settings, store, load_policies(), run_id=run_id)
            wall = time.perf_counter() - start
            store.finish_run(run_id, "done", {"posts": summary.posts})
    finally:
        store.close()
    return {
        "wall": wall,
        "posts": summary.posts,
        "findings": len(summary.findings),
        "timings": summary.timings,
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--posts", type=int, default=2000)
    parser.add_argument("--sources", type=int, default=500)
    parser.add_argument("--reps", type=int, default=1)
    args = parser.parse_args()
    web = Web(args.posts, args.sources)
    server = serve(web)
    results = []
    try:
        for _ in range(args.reps):
            with tempfile.TemporaryDirectory() as folder:
                results.append(run_once(args.posts, args.sources, server.server_address[1], Path(folder)))
    finally:
        server.shutdown()
    wall = statistics.median(r["wall"] for r in results)  # type: ignore[misc]
    pages = args.posts + args.sources
    timings: dict[str, float] = results[len(results) // 2]["timings"]  # type: ignore[assignment]
    total = sum(timings.values()) or 1.0
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    child_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    print(f"audit of {args.posts} posts citing {args.sources} sources (median of {len(results)} run(s)):")
    print(f"  posts audited: {results[0]['posts']}, findings: {results[0]['findings']}")
    print(f"  wall {wall:.1f} s  ->  {pages / wall:.0f} pages/s end to end (posts + sources)")
    print(
        f"  peak memory {peak_mb:.0f} MB (this process), {child_mb:.0f} MB (largest child: the page parser)"
    )
    for stage, seconds in sorted(timings.items(), key=lambda kv: -kv[1]):
        print(f"  {stage:12s} {seconds:7.2f} s  {seconds / total:5.1%}")
    slowest = max(timings, key=timings.__getitem__) if timings else "-"
    print(f"  slowest stage: {slowest}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
