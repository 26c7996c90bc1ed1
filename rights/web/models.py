"""What the web stage produces: a fetched response (`Fetched`) and a crawl's summary (`CrawlSummary`)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True, slots=True)
class Fetched:
    """The outcome of fetching one URL (the body is the decoded, size-capped content)."""

    url: str  # as requested
    final_url: str  # after redirects
    status: int
    headers: Mapping[str, str]
    content: bytes
    redirects: tuple[str, ...] = ()
    elapsed: float = 0.0
    fetched_at: str = ""  # ISO 8601 UTC


@dataclass(frozen=True, slots=True)
class CrawlSummary:
    """What one `rights crawl` run did."""

    run_id: int
    fetched: int = 0  # new or changed pages stored
    unchanged: int = 0  # 304, or the same bytes as the stored copy
    not_html: int = 0
    skipped_robots: int = 0
    failed: Mapping[str, int] = field(default_factory=dict)  # by reason
    deferred: int = 0  # left queued for a later run (host rate-limited or failing, run stopped)
    resumed: bool = False
    status: str = "done"
    warc: str = ""  # --warc: the WARC file written to
    warc_responses: int = 0  # response records appended to it (each with its request record)
    warc_repaired: int = 0  # bytes of a cut-short record (a killed run's) dropped from its end on opening

    def as_dict(self) -> dict[str, Any]:
        return {
            "run_id": self.run_id,
            "status": self.status,
            "resumed": self.resumed,
            "fetched": self.fetched,
            "unchanged": self.unchanged,
            "not_html": self.not_html,
            "skipped_robots": self.skipped_robots,
            "failed": dict(self.failed),
            "deferred": self.deferred,
        } | (
            {
                "warc": {
                    "file": self.warc,
                    "responses": self.warc_responses,
                    "repaired_bytes": self.warc_repaired,
                }
            }
            if self.warc
            else {}
        )
