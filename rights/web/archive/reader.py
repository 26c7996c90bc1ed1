"""WARC and WET files record by record, through warcio.

`read_archive(path, stats, max_bytes=...)` yields one `ArchiveRecord` per HTML response (a WARC `response`
record whose HTTP Content-Type is HTML) or per text conversion (a WET `conversion` record), in archive order,
with its evidence address: the file, the record's byte offset (of its gzip member in a `.gz` file), its
WARC-Record-ID, target URI and capture date. gzip members are read as a stream, one at a time. What is not
read is counted in `stats`: records of other types, responses that are not HTML, and records over
`max_bytes` (the crawler's size cap, measured on the decoded payload, so a compression bomb stops at the cap).
A truncated or corrupt archive ends its own reading: the records before the damage are yielded and
`stats.error` says where it stopped; the caller goes on with the next file.
"""

from __future__ import annotations

import zlib
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from rights.web.archive.parts import ArchivePart, open_part
from rights.web.archive.sources import ArchiveSource

_HTML_TYPES = ("text/html", "application/xhtml+xml")


@dataclass(frozen=True, slots=True)
class ArchiveRecord:
    """One capture to judge: its body and where it sits in its archive."""

    archive: str  # the file, as given
    offset: int  # byte offset of the record (its gzip member) in the file
    record_id: str  # WARC-Record-ID, e.g. <urn:uuid:...>
    target_uri: str
    captured_at: str  # WARC-Date
    kind: str  # html (a response) | text (a WET conversion)
    content_type: str  # of the HTTP payload (text/plain for WET text)
    body: bytes  # the decoded payload (transfer and content encodings removed)
    headers: dict[str, str] = field(default_factory=dict)  # the HTTP headers, lower-cased names

    @property
    def charset(self) -> str | None:
        """The charset the HTTP Content-Type declares (which may lie; the page decoder weighs it)."""
        for part in self.content_type.split(";")[1:]:
            name, _, value = part.strip().partition("=")
            if name.strip().lower() == "charset" and value.strip():
                return value.strip().strip("\"'")
        return None


@dataclass(slots=True)
class ArchiveStats:
    """What reading one archive met."""

    records: int = 0  # every WARC record
    read: int = 0  # records yielded (HTML responses and WET text)
    other_types: int = 0  # request, metadata, warcinfo, revisit, ... records
    not_html: int = 0  # responses that are not HTML (images, PDF, JSON, ...)
    oversized: int = 0  # over the size cap
    error: str | None = None  # why reading stopped early (truncated or corrupt), else None

    def as_dict(self) -> dict[str, Any]:
        return {
            "records": self.records,
            "read": self.read,
            "other_types": self.other_types,
            "not_html": self.not_html,
            "oversized": self.oversized,
            "error": self.error,
        }


def _headers(record: Any) -> dict[str, str]:
    if record.http_headers is None:
        return {}
    return {name.lower(): value for name, value in record.http_headers.headers}


def _is_html(content_type: str) -> bool:
    return content_type.split(";")[0].strip().lower() in _HTML_TYPES


def read_archive(
    archive: Path | ArchivePart, stats: ArchiveStats, *, max_bytes: int
) -> Iterator[ArchiveRecord]:
    """The HTML responses and WET text records of one archive, or of the records beginning in one byte range
    of it (see the module docstring and `parts`)."""
    from warcio.archiveiterator import ArchiveIterator  # the optional `scale` extra: imported on use
    from warcio.exceptions import ArchiveLoadFailed

    if isinstance(archive, Path):
        archive = ArchivePart(ArchiveSource(str(archive), "file", archive.stat().st_size))
    name, end = archive.source.name, archive.end
    try:
        with open_part(archive) as stream:
            if stream is None:  # no record begins in this range
                return
            records = ArchiveIterator(stream)
            for record in records:
                if end is not None and records.offset >= end:  # the next range's first record
                    return
                stats.records += 1
                found = _record(name, records, record, stats, max_bytes)
                if found is not None:
                    stats.read += 1
                    yield found
            # warcio ends quietly at a truncated gzip member: the bytes after the last whole record say so
            size = archive.source.size
            if stats.error is None and size is not None and records.offset < size:
                stats.error = f"truncated or corrupt at byte {records.offset} of {size}, after {stats.records} record(s)"
    except (ArchiveLoadFailed, zlib.error, EOFError, OSError, ValueError) as exc:
        reason = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        stats.error = f"truncated or corrupt after {stats.records} record(s): {reason}"


def _record(
    name: str, records: Any, record: Any, stats: ArchiveStats, max_bytes: int
) -> ArchiveRecord | None:
    kind = record.rec_type
    if kind == "response":
        headers = _headers(record)
        content_type = headers.get("content-type", "")
        if not _is_html(content_type):
            stats.not_html += 1
            return None
        kind = "html"
    elif kind == "conversion":
        content_type = record.rec_headers.get_header("Content-Type") or "text/plain"
        headers, kind = {}, "text"
    else:
        stats.other_types += 1
        return None
    if record.length is not None and record.length > max_bytes + 65536:  # headers plus the payload cap
        stats.oversized += 1
        return None
    body = record.content_stream().read(max_bytes + 1)
    if len(body) > max_bytes:
        stats.oversized += 1
        return None
    if getattr(record.raw_stream, "limit", 0) > 0:  # the record ends before its declared length
        offset = records.get_record_offset()
        raise EOFError(f"record at byte {offset} is cut short ({record.raw_stream.limit} bytes missing)")
    return ArchiveRecord(
        archive=name,
        offset=int(records.get_record_offset()),
        record_id=record.rec_headers.get_header("WARC-Record-ID") or "",
        target_uri=record.rec_headers.get_header("WARC-Target-URI") or "",
        captured_at=record.rec_headers.get_header("WARC-Date") or "",
        kind=kind,
        content_type=content_type,
        body=body,
        headers=headers,
    )
