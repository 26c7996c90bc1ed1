"""Crawl benchmark: `rights crawl` against Scrapy on one generated loopback site, in the same run.

    python bench/bench_crawl.py [--pages 5000] [--reps 3] [--no-scrapy] [--transports aiohttp,httpx]

The site (5,000 pages plus a home page, ~20 KB each: 10 child links, 8 random in-site links, 2 off-site links)
is generated in memory and served by a minimal asyncio HTTP/1.1 keep-alive server in its own process, so the
server never competes with a crawler for the GIL. Every contender runs as a fresh subprocess; its CPU time and
peak RSS come from `wait4`, so they are the crawler's alone. Contenders run round-robin, the order reversed on
every other rep, and the figures printed are medians.

- rights: the real CLI with everything on: robots.txt fetched and obeyed, size/time limits, redirects checked,
  the guard's resolver on every connection (`--allow-private`, because the site is on loopback), one request
  per host at a time, every page parsed and stored in SQLite (compressed HTML, text, metadata, a visit, the
  frontier) and committed one page at a time. Politeness delay 0.
- Scrapy 2.19: a CrawlSpider following every in-site link, defaults (16 concurrent requests, 8 per domain),
  ROBOTSTXT_OBEY off, nothing stored.

Needs the `bench` extra (Scrapy). Prints pages/s, client CPU ms per page, peak RSS, and the ratios.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import random
import signal
import statistics
import subprocess
import sys
import tempfile
import textwrap
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
HOST = "bench.test"
WORDS = [
    *[
        "rights",
        "republish",
        "article",
        "licence",
        "attribution",
        "copyright",
        "terms",
        "credit",
        "source",
        "original",
        "publisher",
    ],
    *[
        "editor",
        "newsroom",
        "story",
        "report",
        "blog",
        "post",
        "page",
        "link",
        "share",
        "notice",
        "permission",
        "commercial",
        "print",
    ],
]


# ------------------------------------------------------------------------------------------- site


def make_site(pages: int, seed: int = 5000) -> dict[str, bytes]:
    rng = random.Random(seed)

    def para() -> str:
        return " ".join(rng.choice(WORDS) for _ in range(rng.randint(60, 120)))

    def page(title: str, links: list[str]) -> bytes:
        items = "".join(f'<li><a href="{href}">{href.rsplit("/", 1)[-1]}</a></li>' for href in links)
        body = "".join(f"<p>{para()}</p>" for _ in range(rng.randint(14, 26)))
        return (
            f'<!doctype html><html lang="en"><head><meta charset="utf-8"><title>{title}</title></head>'
            f"<body><header><nav><ul>{items}</ul></nav></header><main><article><h1>{title}</h1>{body}"
            f"</article></main><footer><p>Copyright 2026 Bench Press</p></footer></body></html>"
        ).encode()

    site = {"/": page("Home", [f"/p/{i}.html" for i in range(min(10, pages))])}
    for i in range(pages):
        children = [f"/p/{k}.html" for k in range(10 * i + 1, 10 * i + 11) if k < pages]
        randoms = [f"/p/{rng.randrange(pages)}.html" for _ in range(8)]
        offsite = [f"http://other{rng.randrange(100)}.example/x{i}" for _ in range(2)]
        site[f"/p/{i}.html"] = page(f"Page {i}", children + randoms + offsite)
    return site


def serve(pages: int, port_file: str) -> None:
    """The site server (run in a subprocess): raw asyncio protocol, keep-alive, precomputed responses."""
    site = make_site(pages)
    ready = {path: _response(200, body) for path, body in site.items()}
    missing = _response(404, b"not found")

    class Protocol(asyncio.Protocol):
        def connection_made(self, transport: asyncio.BaseTransport) -> None:
            self.transport: asyncio.Transport = transport  # type: ignore[assignment]
            self.buffer = b""

        def data_received(self, data: bytes) -> None:
            self.buffer += data
            while b"\r\n\r\n" in self.buffer:
                head, self.buffer = self.buffer.split(b"\r\n\r\n", 1)
                path = head.split(b" ", 2)[1].decode("latin-1").split("?")[0]
                self.transport.write(ready.get(path, missing))

    async def main() -> None:
        server = await asyncio.get_running_loop().create_server(Protocol, "127.0.0.1", 0, backlog=512)
        Path(port_file).write_text(str(server.sockets[0].getsockname()[1]))
        await asyncio.Event().wait()

    asyncio.run(main())


def _response(status: int, body: bytes) -> bytes:
    reason = {200: "OK", 404: "Not Found"}[status]
    return (
        f"HTTP/1.1 {status} {reason}\r\nContent-Type: text/html; charset=utf-8\r\n"
        f"Content-Length: {len(body)}\r\nConnection: keep-alive\r\n\r\n"
    ).encode() + body


# ------------------------------------------------------------------------------------- contenders


SCRAPY_SPIDER = textwrap.dedent(
    """
    import sys
    from scrapy.crawler import CrawlerProcess
    from scrapy.linkextractors import LinkExtractor
    from scrapy.spiders import CrawlSpider, Rule

    port = sys.argv[1]

    class Bench(CrawlSpider):
        name = "bench"
        allowed_domains = ["127.0.0.1"]
        start_urls = [f"http://127.0.0.1:{port}/"]
        # every link; the OffsiteMiddleware drops other hosts (allow_domains does not match an IP address)
        rules = [Rule(LinkExtractor(), callback="parse_item", follow=True)]

        def parse_item(self, response):
            return None

    process = CrawlerProcess({"ROBOTSTXT_OBEY": False, "LOG_LEVEL": "INFO", "HTTPCACHE_ENABLED": False})
    crawler = process.create_crawler(Bench)
    process.crawl(crawler)
    process.start()
    print("PAGES", crawler.stats.get_value("response_received_count", 0) - 0)
    """
)


@dataclass
class Result:
    name: str
    pages: int
    wall: float
    cpu: float
    rss_mb: float

    @property
    def rate(self) -> float:
        return self.pages / self.wall

    @property
    def cpu_ms(self) -> float:
        return 1000 * self.cpu / self.pages


def _measure(name: str, cmd: list[str], env: dict[str, str], count: object) -> Result:
    start = time.perf_counter()
    pipe = subprocess.PIPE
    proc = subprocess.Popen(cmd, cwd=ROOT, env=env, stdout=pipe, stderr=subprocess.DEVNULL, text=True)
    assert proc.stdout is not None
    out = proc.stdout.read()
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - start
    proc.returncode = os.waitstatus_to_exitcode(status)
    proc.stdout.close()
    if proc.returncode != 0:
        raise SystemExit(f"{name} failed (exit {proc.returncode}):\n{out}")
    pages = int(count(out))  # type: ignore[operator]
    return Result(name, pages, wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024)


def run_rights(port: int, pages: int, spec: str, workdir: Path) -> Result:
    """`spec` is TRANSPORT:PER_HOST:PARSE_WORKERS, e.g. aiohttp:1:1 (the defaults, delay 0)."""
    transport, per_host, parse_workers = spec.split(":")
    db = workdir / f"rights-{transport}-{time.monotonic_ns()}.db"
    cmd = [
        sys.executable, "-m", "rights", "crawl", f"http://{HOST}/", "--db", str(db), "--allow-private",
        "--resolve", f"{HOST}=127.0.0.1:{port}", "--delay", "0", "--max-pages", str(pages + 1),
        "--depth", "100", "--format", "json", "--quiet", "--per-host", str(per_host),
    ]  # fmt: skip
    env = {**os.environ, "RIGHTS_TRANSPORT": transport, "RIGHTS_PARSE_WORKERS": parse_workers}

    def count(out: str) -> int:
        import json

        data = json.loads(out)
        return int(data["fetched"]) + int(data["unchanged"])

    return _measure(f"rights {spec}", cmd, env, count)


def run_scrapy(port: int, workdir: Path) -> Result:
    script = workdir / "scrapy_bench.py"
    script.write_text(SCRAPY_SPIDER)
    cmd = [sys.executable, str(script), str(port)]

    def count(out: str) -> int:
        return int(next(line.split()[1] for line in out.splitlines() if line.startswith("PAGES")))

    return _measure("scrapy (defaults)", cmd, dict(os.environ), count)


# -------------------------------------------------------------------------------------------- main


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--pages", type=int, default=5000)
    parser.add_argument("--reps", type=int, default=3)
    parser.add_argument(
        "--rights",
        default="aiohttp:1:1,aiohttp:1:2,httpx:1:1",
        help="rights contenders, each TRANSPORT:REQUESTS_PER_HOST:PARSE_WORKERS",
    )
    parser.add_argument("--no-scrapy", action="store_true")
    parser.add_argument("--serve", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.serve:
        serve(args.pages, args.serve)
        return
    with tempfile.TemporaryDirectory() as tmp:
        workdir = Path(tmp)
        port_file = workdir / "port"
        server = subprocess.Popen(
            [sys.executable, __file__, "--pages", str(args.pages), "--serve", str(port_file)], cwd=ROOT
        )
        try:
            while not port_file.exists() or not port_file.read_text():
                time.sleep(0.05)
            port = int(port_file.read_text())
            contenders = [
                lambda s=s: run_rights(port, args.pages, s, workdir) for s in args.rights.split(",")
            ]
            if not args.no_scrapy:
                contenders.append(lambda: run_scrapy(port, workdir))
            results: dict[str, list[Result]] = {}
            for rep in range(args.reps):
                order = contenders if rep % 2 == 0 else contenders[::-1]
                for contender in order:
                    result = contender()
                    results.setdefault(result.name, []).append(result)
                    print(
                        f"rep {rep + 1}: {result.name:24} {result.pages} pages  {result.rate:7.0f} pages/s  "
                        f"{result.cpu_ms:5.2f} ms CPU/page  peak {result.rss_mb:5.0f} MB",
                        flush=True,
                    )
        finally:
            server.send_signal(signal.SIGTERM)
            server.wait()
        report(results, args.reps)


def report(results: dict[str, list[Result]], reps: int) -> None:
    print(f"\nmedians over {reps} reps")
    print(f"{'crawler (transport:per-host:parse-workers)':44} {'pages':>6} {'pages/s':>8} {'CPU ms/page':>12}"
          f" {'peak MB':>8} {'vs scrapy':>10}")  # fmt: skip
    base = results.get("scrapy (defaults)")
    base_rate = statistics.median(r.rate for r in base) if base else None
    for name, runs in results.items():
        rate = statistics.median(r.rate for r in runs)
        ratio = f"{rate / base_rate:9.2f}x" if base_rate else "-"
        print(
            f"{name:44} {runs[0].pages:6d} {rate:8.0f} {statistics.median(r.cpu_ms for r in runs):12.2f} "
            f"{max(r.rss_mb for r in runs):8.0f} {ratio:>10}"
        )


if __name__ == "__main__":
    main()
