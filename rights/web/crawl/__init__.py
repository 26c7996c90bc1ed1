"""Crawl orchestration: frontier, politeness scheduling, persistence and resume.

    summary = run_crawl(["https://example.org/"], settings, store)      # or: await crawl(...)

A crawl is identified by its seeds (`crawl_key`). Its frontier lives in the database, so a run that was
killed (left `running`, marked `aborted` by the next lock holder) or interrupted is resumed by the next run
with the same seeds: committed pages are kept and no URL already done is fetched again. After a run that
finished, the next one starts afresh from the seeds, with conditional requests (a 304 keeps the stored page).

Modules: `run` (the run: fetchers, processors, persistence), `workers` (pages parsed in worker processes with
a hard timeout, and the page rows built from them), `evidence` (`--warc`: what the run fetched, written to a
WARC file, and where each record sits). See docs/crawling.md.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from rights import lazy_attributes

if TYPE_CHECKING:
    from rights.web.crawl.run import HOST_LEVEL, CrawlEvent, Progress, crawl, crawl_key, run_crawl
    from rights.web.crawl.workers import Parsed, ParsePool, page_record, parse_for_crawl

# Loaded on first use: a parser process imports `rights.web.crawl.workers` alone, not the run and its SQLite store.
_PARSE, _RUN = "rights.web.crawl.workers", "rights.web.crawl.run"
__getattr__ = lazy_attributes(__name__, {
    "Parsed": _PARSE, "ParsePool": _PARSE, "page_record": _PARSE, "parse_for_crawl": _PARSE,
    "HOST_LEVEL": _RUN, "CrawlEvent": _RUN, "Progress": _RUN, "crawl": _RUN, "crawl_key": _RUN, "run_crawl": _RUN,
})  # fmt: skip

__all__ = [
    "HOST_LEVEL", "CrawlEvent", "ParsePool", "Parsed", "Progress", "crawl", "crawl_key", "page_record",
    "parse_for_crawl", "run_crawl",
]  # fmt: skip
