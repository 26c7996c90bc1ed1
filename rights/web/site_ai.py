"""The site-level AI-usage sources of one page, fetched politely: robots.txt (AI crawler groups, Content-Usage,
Content-Signal and License lines), `/.well-known/tdmrep.json`, and the RSL documents that robots.txt or the page
points to.

Every request goes through the crawler's `Fetcher`: the SSRF guard, robots.txt for our own token, one request
per host at a time, size and time limits. robots.txt is read once per origin with the rules the fetcher
already keeps (and caches for `robots_ttl` when the fetcher has a cache); tdmrep.json and RSL documents are
kept per origin (per URL) for the fetcher's lifetime. A source that answers 404 states nothing; one that
cannot be fetched is named in `not_read`; one that cannot be parsed is an `Unreadable` signal.
"""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urlsplit

from rights.errors import FetchError
from rights.models import Evidence
from rights.page.models import Page
from rights.signals.ai_models import AiSignal, Unreadable
from rights.signals.ai_rsl import MAX_RSL_BYTES, read_rsl, rsl_links
from rights.signals.ai_tdmrep import MAX_TDMREP_BYTES, tdmrep_for_path
from rights.signals.ai_vocab import read_content_signal, read_content_usage
from rights.web.fetch.fetcher import ANY, Fetcher, origin_of
from rights.web.robots_ai import line_signals, read_robots_ai

MAX_RSL_DOCUMENTS = 3  # per page: robots.txt License lines and the page's own links together


@dataclass(frozen=True, slots=True)
class SiteAi:
    """What the page's site says about automated uses of it."""

    signals: tuple[AiSignal, ...] = ()
    unreadable: tuple[Unreadable, ...] = ()
    not_read: tuple[str, ...] = ()


def _listed(found: tuple[list[AiSignal], list[Unreadable]]) -> list[AiSignal | Unreadable]:
    return [*found[0], *found[1]]


def _usage(value: str, where: str, evidence: Evidence, scope: str) -> list[AiSignal | Unreadable]:
    return _listed(read_content_usage(value, where, evidence, scope))


def _signal(value: str, where: str, evidence: Evidence, scope: str) -> list[AiSignal | Unreadable]:
    return _listed(read_content_signal(value, where, evidence, scope))


class SiteReader:
    """Reads the site-level sources for pages through one `Fetcher`, remembering each origin's files."""

    def __init__(self, fetcher: Fetcher) -> None:
        self.fetcher = fetcher
        self._files: dict[str, tuple[int, bytes, str]] = {}  # url -> (status, body, error)

    async def _get(self, url: str, limit: int) -> tuple[int, bytes, str]:
        if url not in self._files:
            try:
                fetched = await self.fetcher.fetch(url, accept=ANY)
                body = fetched.content
                self._files[url] = (fetched.status, body, "too large" if len(body) > limit else "")
            except FetchError as exc:
                if exc.reason == "too_large":
                    self._files[url] = (200, b"", "too large")
                    return self._files[url]
                status = int(exc.detail) if exc.reason == "http_status" and exc.detail.isdigit() else 0
                self._files[url] = (
                    status,
                    b"",
                    "" if status in (404, 410) else f"{exc.reason} {exc.detail}".strip(),
                )
        return self._files[url]

    async def read(self, page_url: str, page: Page | None = None) -> SiteAi:
        signals: list[AiSignal] = []
        unreadable: list[Unreadable] = []
        not_read: list[str] = []
        origin = origin_of(page_url)
        status, body = await self.fetcher.robots_response(page_url)
        robots = read_robots_ai(status, body, page_url)
        signals.extend(robots.signals)
        unreadable.extend(robots.unreadable)
        lines, bad = line_signals(robots.lines, read_content_usage=_usage, read_content_signal=_signal)
        signals.extend(lines)
        unreadable.extend(bad)
        if status == 0:
            not_read.append(f"{origin}/robots.txt (could not be fetched)")
        tdmrep = origin + "/.well-known/tdmrep.json"
        status, body, error = await self._get(tdmrep, MAX_TDMREP_BYTES)
        if error == "too large":
            unreadable.append(Unreadable("tdmrep", tdmrep, f"larger than {MAX_TDMREP_BYTES} bytes"))
        elif error:
            not_read.append(f"{tdmrep} ({error})")
        elif 200 <= status < 300 and body:
            found, broken = tdmrep_for_path(body, urlsplit(page_url).path or "/", tdmrep)
            signals.extend(found)
            unreadable.extend(broken)
        documents = list(dict.fromkeys([*robots.licenses, *(rsl_links(page) if page is not None else [])]))
        for url in documents[:MAX_RSL_DOCUMENTS]:
            status, body, error = await self._get(url, MAX_RSL_BYTES)
            if error == "too large":
                unreadable.append(Unreadable("rsl", url, f"larger than {MAX_RSL_BYTES} bytes"))
            elif error or not 200 <= status < 300:
                not_read.append(f"RSL document {url} ({error or f'HTTP {status}'})")
            else:
                found, broken = read_rsl(body, f"RSL document {url}", page_url)
                signals.extend(found)
                unreadable.extend(broken)
        if len(documents) > MAX_RSL_DOCUMENTS:
            not_read.append(
                f"{len(documents) - MAX_RSL_DOCUMENTS} more RSL documents (at most {MAX_RSL_DOCUMENTS})"
            )
        return SiteAi(tuple(signals), tuple(unreadable), tuple(not_read))
