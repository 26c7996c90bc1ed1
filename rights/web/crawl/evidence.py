"""`--warc FILE`: a crawl's (or a verification's) fetched responses as WARC request/response records, and
where each one sits.

The crawl's single writer (the process that holds the database, not a parser process) writes each record and
flushes it before it records the record's address (`warc_captures`), and the file is fsynced before every
commit (`Store.before_commit`), so no committed row points at a record that is not all there. What is written:
each page response the crawl read (2xx; a 304 as its status and headers, no body), each sitemap and feed,
and each robots.txt the fetcher read from the network. Error statuses and non-HTML responses are not: the
fetcher refuses them without reading their bodies. Bodies are stored decoded, as the fetcher returns them
(Content-Encoding dropped, Content-Length the stored length), not the bytes as transferred.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from rights import __version__
from rights.config import Settings
from rights.errors import RightsError
from rights.store import Store
from rights.web.archive import WarcWriter
from rights.web.archive.writer import status_line, warc_date
from rights.web.fetch import fetch_page
from rights.web.models import Fetched

Fetch = Callable[[str, Settings], Fetched]


@dataclass(frozen=True, slots=True)
class EvidenceCounts:
    """What one run wrote: the file, the response records, and the bytes of a cut-short record dropped."""

    archive: str
    responses: int
    repaired: int


class WarcEvidence:
    """The WARC file of one run; `record` writes one fetched response and records its address."""

    def __init__(self, settings: Settings, store: Store, run_id: int, *, kind: str = "crawl") -> None:
        assert settings.warc_path is not None
        path = settings.warc_path.expanduser().absolute()
        self.store, self.run_id = store, run_id
        self.user_agent = settings.user_agent
        self.writer = WarcWriter(
            path,
            software=f"rights/{__version__}",
            run=f"{kind} run {run_id}",
            known_end=store.capture_boundary(str(path)),
        )
        self.responses = 0
        self.captured: dict[str, dict[str, Any]] = {}  # by URL: what `fetching` recorded
        store.before_commit = self.writer.sync

    def record(
        self, kind: str, url: str, fetched: Fetched, request: Sequence[tuple[str, str]] = ()
    ) -> dict[str, Any]:
        """Write the request and response of one fetch (flushed), then record the response's address; returns
        it as a finding's capture (`archive`, `offset`, `record_id`, `captured_at`)."""
        try:
            address = self.writer.write_exchange(
                url=fetched.final_url,
                fetched_at=fetched.fetched_at,
                status_line=status_line(fetched.status),
                headers=list(fetched.headers.items()),
                body=fetched.content,
                request_headers=[("User-Agent", self.user_agent), *request],
            )
        except OSError as error:  # a full disk: the run stops; the next one repairs the file and resumes
            raise RightsError(
                f"--warc {self.writer.path}: cannot write ({error.strerror or error}); run again to resume"
            ) from error
        self.responses += 1
        capture = {
            "archive": address.archive,
            "offset": address.offset,
            "record_id": address.record_id,
            "captured_at": warc_date(fetched.fetched_at),
        }
        digest = hashlib.sha256(fetched.content).hexdigest() if fetched.status != 304 else None
        row = {"url": url, "target_uri": fetched.final_url, "kind": kind, "http_status": fetched.status}
        self.store.save_capture({**capture, **row, "content_hash": digest, "run_id": self.run_id})
        return capture

    def fetching(self, fetch: Fetch = fetch_page) -> Fetch:
        """`fetch` (one page, as `fetch_page`), with each page it returns written and recorded, for the
        commands that fetch pages one by one (`verify`); the captures are kept in `captured`, by URL."""

        def fetch_and_record(url: str, settings: Settings) -> Fetched:
            fetched = fetch(url, settings)
            self.captured[url] = self.record("page", url, fetched)
            return fetched

        return fetch_and_record

    def counts(self) -> EvidenceCounts:
        return EvidenceCounts(str(self.writer.path), self.responses, self.writer.repaired)

    def close(self) -> None:
        self.store.before_commit = None
        self.writer.close()
