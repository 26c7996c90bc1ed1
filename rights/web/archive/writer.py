"""Writing WARC/1.1 evidence through warcio: one gzip member per record, appended and flushed one by one.

`WarcWriter(path, software=..., run=...)` opens (or appends to) a `.warc.gz` file; a new file starts with one
`warcinfo` record. `write_exchange(...)` writes a `request` + `response` pair for one fetch and returns the
`WarcAddress` of the response (file, byte offset of its gzip member, WARC-Record-ID), so a page row can point
to its evidence. The body given is what is stored as the payload: if the fetcher decoded a compressed body,
the caller passes the decoded bytes and the headers are adjusted here (Content-Encoding dropped,
Content-Length set to the stored length), since the bytes as transferred are no longer there.

Crash safety: every record is flushed once written (`sync` also fsyncs, for a caller that is about to commit
rows pointing at the records), so a killed writer leaves complete records and at most one partial gzip member
at the end. Opening an existing file finds the end of its last complete member and truncates what follows
(`repaired` says how many bytes went), so the file reads cleanly end to end and appends go after whole records.
The file is locked (`flock`) while open: a second writer on the same file is refused.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import zlib
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from http import HTTPStatus
from io import BytesIO
from pathlib import Path
from typing import Any, BinaryIO
from urllib.parse import urlsplit

from rights.errors import UsageError

MISSING_WARCIO = "writing WARC files needs warcio: pip install 'warcio>=1.7,<2' (or reinstall rights)"
_GZIP_MAGIC = b"\x1f\x8b"
_CHUNK = 1 << 20


@dataclass(frozen=True, slots=True)
class WarcAddress:
    """Where a record sits: the file, the byte offset of its gzip member, and its WARC-Record-ID."""

    archive: str
    offset: int
    record_id: str


def check_warc_path(path: Path) -> Path:
    """Refuse a path that cannot take WARC records, before anything is fetched (`UsageError`, one line);
    returns the absolute path. Needs warcio."""
    try:
        import warcio  # noqa: F401
    except ImportError as error:
        raise UsageError(MISSING_WARCIO) from error
    path = path.expanduser().absolute()
    if path.is_dir():
        raise UsageError(f"--warc {path}: is a directory; give a file such as crawl.warc.gz")
    if not path.parent.is_dir():
        raise UsageError(f"--warc {path}: folder {path.parent} does not exist")
    if path.exists():
        try:
            with path.open("rb") as handle:
                head = handle.read(2)
        except OSError as error:
            raise UsageError(f"--warc {path}: cannot read it ({error.strerror})") from error
        if head and head != _GZIP_MAGIC:
            raise UsageError(f"--warc {path}: not a gzipped WARC file; refusing to append to it")
        if not os.access(path, os.W_OK):
            raise UsageError(f"--warc {path}: not writable")
    elif not os.access(path.parent, os.W_OK):
        raise UsageError(f"--warc {path}: folder {path.parent} is not writable")
    return path


def complete_end(stream: BinaryIO, start: int = 0) -> int:
    """The byte offset just after the last complete gzip member at or after `start` (`start` must be a member
    boundary); a trailing member that is cut short, or bytes that are not gzip, end the scan."""
    stream.seek(start)
    end, position = start, start
    inflater = zlib.decompressobj(wbits=31)
    pending = b""
    while True:
        data = pending or stream.read(_CHUNK)
        pending = b""
        if not data:
            return end
        try:
            inflater.decompress(data)
        except zlib.error:
            return end
        if inflater.eof:
            rest = inflater.unused_data
            position += len(data) - len(rest)
            end = position
            inflater = zlib.decompressobj(wbits=31)
            pending = rest
        else:
            position += len(data)


def warc_date(moment: str) -> str:
    """An ISO 8601 time as WARC-Date wants it (UTC, `Z`); empty: now."""
    when = datetime.fromisoformat(moment) if moment else datetime.now(UTC)
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return when.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def status_line(status: int) -> str:
    """`200 OK`: the status with its standard reason phrase (the fetcher keeps only the number)."""
    try:
        return f"{status} {HTTPStatus(status).phrase}"
    except ValueError:
        return f"{status} Unknown"


def _adjusted(headers: list[tuple[str, str]], length: int) -> list[tuple[str, str]]:
    """The HTTP headers for a decoded payload: no Content-Encoding/Transfer-Encoding, the stored length."""
    dropped = {"content-encoding", "transfer-encoding", "content-length"}
    kept = [(name, value) for name, value in headers if name.lower() not in dropped]
    return [*kept, ("Content-Length", str(length))]


class WarcWriter:
    """Appends WARC records to one file; single-threaded (the crawl's single writer)."""

    def __init__(self, path: Path, *, software: str, run: str, known_end: int = 0) -> None:
        """`known_end`: a member boundary known to precede only complete records (the start of a record the
        caller stored); the check for a cut-short tail starts there instead of at the top of the file."""
        path = check_warc_path(path)
        from warcio.warcwriter import WARCWriter

        self.path = path
        self.records = 0  # records written by this writer
        self.repaired = 0  # bytes of a cut-short record dropped from the end on opening
        self._unsynced = False
        try:
            self._file: BinaryIO = path.open("r+b" if path.exists() else "w+b")
        except OSError as error:
            raise UsageError(f"--warc {path}: {error.strerror}") from error
        try:
            fcntl.flock(self._file.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            self._file.close()
            raise UsageError(f"--warc {path}: another process is writing to this file") from None
        try:
            self._repair(known_end)
            self._writer: Any = WARCWriter(self._file, gzip=True, warc_version="WARC/1.1")
            if self._file.tell() == 0:
                info = {"software": software, "run": run, "format": "WARC File Format 1.1"}
                self._write(self._writer.create_warcinfo_record(path.name, info))
        except OSError as error:
            self._file.close()
            raise UsageError(f"--warc {path}: {error.strerror or error}") from error
        except BaseException:
            self._file.close()
            raise

    def _repair(self, known_end: int) -> None:
        size = self._file.seek(0, os.SEEK_END)
        if size == 0:
            return
        start = known_end if 0 < known_end < size else 0
        self._file.seek(start)
        if self._file.read(2) != _GZIP_MAGIC:
            start = 0
        end = complete_end(self._file, start)
        if start and end == start:  # not a whole member where the hint points: trust nothing, scan it all
            start, end = 0, complete_end(self._file, 0)
        if end == 0 and start == 0:
            self._file.seek(0)
            if self._file.read(2) != _GZIP_MAGIC:
                raise UsageError(f"--warc {self.path}: not a gzipped WARC file; refusing to append to it")
        if end < size:
            self._file.truncate(end)
            self.repaired = size - end
        self._file.seek(end)

    def _write(self, record: Any) -> WarcAddress:
        offset = self._file.tell()
        self._writer.write_record(record)
        self._file.flush()
        self.records += 1
        self._unsynced = True
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
        request_headers: Sequence[tuple[str, str]] = (),
        ip_address: str | None = None,
        decoded: bool = True,
    ) -> WarcAddress:
        """Write the request and the response of one fetch; the response's address is returned."""
        from warcio.statusandheaders import StatusAndHeaders

        parts = urlsplit(url)
        target = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
        extra = {"WARC-Date": warc_date(fetched_at)}
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
        sent = StatusAndHeaders(
            f"{method} {target} HTTP/1.1", [("Host", parts.netloc), *request_headers], is_http_request=True
        )
        request = self._writer.create_warc_record(
            url,
            "request",
            payload=BytesIO(b""),
            length=0,
            http_headers=sent,
            warc_headers_dict=dict(extra),
        )
        request.rec_headers.add_header(
            "WARC-Concurrent-To", response.rec_headers.get_header("WARC-Record-ID")
        )
        self._write(request)
        return self._write(response)

    def sync(self) -> None:
        """Make the records written so far durable (fsync), before rows that point at them are committed."""
        if self._unsynced:
            os.fsync(self._file.fileno())
            self._unsynced = False

    def close(self) -> None:
        with contextlib.suppress(OSError):
            self.sync()
        self._file.close()

    def __enter__(self) -> WarcWriter:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
