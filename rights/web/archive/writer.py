"""Writing WARC/1.1 evidence through warcio: one gzip member per record, appended and flushed one by one.

`WarcWriter(path, software=..., run=...)` opens (or appends to) a `.warc.gz` file; a new file starts with one
`warcinfo` record. `write_exchange(...)` writes a `request` + `response` pair for one fetch and returns the
`WarcAddress` of the response (file, byte offset of its gzip member, WARC-Record-ID), so a page row can point
to its evidence. The body given is what is stored as the payload: if the fetcher decoded a compressed body,
the caller passes the decoded bytes and the headers are adjusted here (Content-Encoding dropped,
Content-Length set to the stored length), since the bytes as transferred are no longer there. Every record
is flushed once written, so a killed writer leaves a file readable up to its last complete record.
Not wired into the crawl yet (issue 13, item 4).
"""

from __future__ import annotations

from dataclasses import dataclass
from io import BytesIO
from pathlib import Path
from typing import Any, BinaryIO

from rights.errors import UsageError


@dataclass(frozen=True, slots=True)
class WarcAddress:
    """Where a record sits: the file, the byte offset of its gzip member, and its WARC-Record-ID."""

    archive: str
    offset: int
    record_id: str


def _adjusted(headers: list[tuple[str, str]], length: int) -> list[tuple[str, str]]:
    """The HTTP headers for a decoded payload: no Content-Encoding/Transfer-Encoding, the stored length."""
    dropped = {"content-encoding", "transfer-encoding", "content-length"}
    kept = [(name, value) for name, value in headers if name.lower() not in dropped]
    return [*kept, ("Content-Length", str(length))]


class WarcWriter:
    """Appends WARC records to one file; single-threaded (the crawl's single writer)."""

    def __init__(self, path: Path, *, software: str, run: str) -> None:
        try:
            from warcio.warcwriter import WARCWriter
        except ImportError as error:  # the optional `scale` extra
            raise UsageError("install rights[scale] to write WARC files") from error
        if path.is_dir():
            raise UsageError(f"--warc {path}: is a directory")
        if not path.parent.is_dir():
            raise UsageError(f"--warc {path}: folder {path.parent} does not exist")
        self.path = path
        try:
            self._file: BinaryIO = path.open("ab")
        except OSError as error:
            raise UsageError(f"--warc {path}: {error.strerror}") from error
        self._writer: Any = WARCWriter(self._file, gzip=True, warc_version="WARC/1.1")
        if self._file.tell() == 0:
            info = {"software": software, "run": run, "format": "WARC File Format 1.1"}
            self._write(self._writer.create_warcinfo_record(path.name, info))

    def _write(self, record: Any) -> WarcAddress:
        offset = self._file.tell()
        self._writer.write_record(record)
        self._file.flush()
        record_id = record.rec_headers.get_header("WARC-Record-ID")
        return WarcAddress(str(self.path), offset, record_id)

    def write_exchange(
        self,
        *,
        url: str,
        fetched_at: str,
        status_line: str,
        headers: list[tuple[str, str]],
        body: bytes,
        method: str = "GET",
        ip_address: str | None = None,
        decoded: bool = True,
    ) -> WarcAddress:
        """Write the request and the response of one fetch; the response's address is returned."""
        from urllib.parse import urlsplit

        from warcio.statusandheaders import StatusAndHeaders

        parts = urlsplit(url)
        target = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
        extra = {"WARC-Date": fetched_at}
        if ip_address:
            extra["WARC-IP-Address"] = ip_address
        http_headers = _adjusted(headers, len(body)) if decoded else list(headers)
        response = self._writer.create_warc_record(
            url,
            "response",
            payload=BytesIO(body),
            length=len(body),
            http_headers=StatusAndHeaders(status_line, http_headers, protocol="HTTP/1.1"),
            warc_headers_dict=extra,
        )
        request_headers = StatusAndHeaders(
            f"{method} {target} HTTP/1.1", [("Host", parts.netloc)], is_http_request=True
        )
        request = self._writer.create_warc_record(
            url,
            "request",
            payload=BytesIO(b""),
            length=0,
            http_headers=request_headers,
            warc_headers_dict=dict(extra),
        )
        request.rec_headers.add_header(
            "WARC-Concurrent-To", response.rec_headers.get_header("WARC-Record-ID")
        )
        self._write(request)
        return self._write(response)

    def close(self) -> None:
        self._file.close()
