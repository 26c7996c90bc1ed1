"""Politeness and persistence rules, per host: delays, retries, Retry-After, and the circuit breaker.

One request per host at a time, with `delay` seconds (or the host's Crawl-delay, when larger) between the end
of one response and the start of the next (`max_per_host` can allow more requests in flight, for servers you
run yourself; the delay then spaces their starts). Retries back off exponentially and honour
`Retry-After` (seconds or an HTTP date, clamped to `max_retry_after`); a wait longer than `max_retry_wait`
is not slept through: the host is deferred to a later run. After `BREAKER_THRESHOLD` consecutive failures
a host is dropped for the rest of the run (Nutch's rule), so one bad host cannot stall the others.
"""

from __future__ import annotations

import asyncio
import contextlib
import math
import time
from collections.abc import AsyncIterator, Callable
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime

RETRY_STATUSES = frozenset({408, 429, 500, 502, 503, 504, 522, 524})
BREAKER_THRESHOLD = 5
BACKOFF_BASE = 0.5
BACKOFF_CAP = 30.0


def parse_retry_after(value: str | None, *, now: datetime | None = None, cap: float = 3600.0) -> float | None:
    """Seconds to wait from a Retry-After value (delta-seconds or HTTP-date), clamped to [0, cap].

    Garbage gives None (the caller falls back to its own backoff); `1e9` is clamped, never obeyed.
    """
    if value is None:
        return None
    text = value.strip()
    if not text:
        return None
    try:
        seconds = float(text)
    except ValueError:
        try:
            when = parsedate_to_datetime(text)
        except (TypeError, ValueError, IndexError):
            return None
        if when.tzinfo is None:
            when = when.replace(tzinfo=UTC)
        seconds = (when - (now or datetime.now(UTC))).total_seconds()
    if math.isnan(seconds):
        return None
    return min(max(seconds, 0.0), cap)


def backoff(attempt: int) -> float:
    """0.5 s, 1 s, 2 s, ... capped at 30 s."""
    return float(min(BACKOFF_BASE * (2**attempt), BACKOFF_CAP))


class HostState:
    """What the fetcher knows about one host during a run."""

    def __init__(self, clock: Callable[[], float] = time.monotonic, *, limit: int = 1) -> None:
        self.clock = clock
        self.limit = limit
        self.slots = asyncio.Semaphore(limit)
        self.spacing = asyncio.Lock()
        self.next_at = 0.0
        self.failures = 0
        self.deferred_until = 0.0
        self.crawl_delay = 0.0

    @property
    def broken(self) -> bool:
        return self.failures >= BREAKER_THRESHOLD

    def deferred_for(self) -> float:
        """Seconds this host is still deferred for (0 when it is not)."""
        return max(0.0, self.deferred_until - self.clock())

    def defer(self, seconds: float) -> None:
        self.deferred_until = max(self.deferred_until, self.clock() + seconds)

    def wait_at_least(self, seconds: float) -> None:
        self.next_at = max(self.next_at, self.clock() + seconds)

    def failed(self) -> None:
        self.failures += 1

    def succeeded(self) -> None:
        self.failures = 0

    @contextlib.asynccontextmanager
    async def slot(self, delay: float) -> AsyncIterator[None]:
        """Hold one of the host's request slots (one, by default), after waiting out its delay.

        With one slot the delay runs from the end of a response to the next request; with several (only when
        `max_per_host` is raised) it spaces the starts of requests.
        """
        async with self.slots:
            async with self.spacing:
                wait = self.next_at - self.clock()
                if wait > 0:
                    await asyncio.sleep(wait)
                if self.limit > 1:
                    self.next_at = self.clock() + max(delay, self.crawl_delay)
            try:
                yield
            finally:
                if self.limit == 1:
                    self.next_at = self.clock() + max(delay, self.crawl_delay)
