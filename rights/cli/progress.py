"""The one-line progress display that `crawl`, `audit` and the watchlist share on a terminal."""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from rights.web.crawl import CrawlEvent


class Progress:
    """A one-line progress display on a terminal; nothing otherwise (cron output stays line-oriented)."""

    def __init__(self, enabled: bool) -> None:
        self.enabled = enabled
        self.counts: dict[str, int] = {}
        self.width = 0

    def __call__(self, event: CrawlEvent) -> None:
        self.counts[event.kind] = self.counts.get(event.kind, 0) + 1
        if not self.enabled:
            return
        tally = " ".join(f"{k} {v}" for k, v in sorted(self.counts.items()))
        line = f"[{event.done}/{event.budget}] {tally}  {event.url}"[:120]
        sys.stderr.write("\r" + line.ljust(self.width))
        sys.stderr.flush()
        self.width = len(line)

    def close(self) -> None:
        if self.enabled and self.width:
            sys.stderr.write("\r" + " " * self.width + "\r")
            sys.stderr.flush()
