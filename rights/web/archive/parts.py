"""An archive, or a byte range of one, as a unit of work, and opening it at its first record.

`split_source(source, size)` cuts a gzip WARC/WET (`.warc.gz`, `.wet.gz`) larger than `size` bytes into byte
ranges `[start, end)` of `size` bytes; any other archive is one whole part. A gzip WARC is a series of gzip
members, one per record, so a range is read by the usual rule of splittable files: it starts at the first
record whose gzip member begins at or after `start`, and reads the records whose member begins before `end`
(the last one read to its own end, past `end`). A candidate member start (the bytes `1f 8b 08`) is verified
by decompressing its first bytes and seeing `WARC/`, so compressed bytes that look like a gzip header are
not taken for one. Every record therefore belongs to exactly one range, whatever the cut points.
Uncompressed `.warc`/`.wet` files are not split: a record boundary can only be found by following the
records' Content-Length from the start of the file (a payload may itself hold `WARC/1.0` lines).

`open_part(part)` opens the source (a local file, an http(s) URL read by Range requests, or an fsspec URL)
at `start` and returns a stream positioned at the part's first record whose `tell()` is the absolute offset,
or None when no record begins in the range.
"""

from __future__ import annotations

import contextlib
import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol

from rights.web.archive.sources import ArchiveSource

SPLITTABLE = (".warc.gz", ".wet.gz")
_UNITS = {"": 1, "b": 1, "k": 10**3, "kb": 10**3, "kib": 1 << 10, "m": 10**6, "mb": 10**6, "mib": 1 << 20,
          "g": 10**9, "gb": 10**9, "gib": 1 << 30, "t": 10**12, "tb": 10**12, "tib": 1 << 40}  # fmt: skip
_MEMBER = b"\x1f\x8b\x08"
_CHUNK = 1 << 20
_MAX_HEADER = 1 << 16  # a gzip header with extra fields, name and comment: far smaller than this


class Stream(Protocol):
    def read(self, size: int = -1, /) -> bytes: ...

    def tell(self) -> int: ...


@dataclass(frozen=True, slots=True)
class ArchivePart:
    """One task's work: an archive source, whole (`end` None) or the records beginning in `[start, end)`."""

    source: ArchiveSource
    start: int = 0
    end: int | None = None

    @property
    def name(self) -> str:
        """The task's identity (its resume key): the source, with `#bytes=START-END` for a range (END
        exclusive)."""
        return self.source.name if self.end is None else f"{self.source.name}#bytes={self.start}-{self.end}"

    @property
    def size(self) -> int:
        """The bytes this part covers (0 when unknown)."""
        total = self.source.size or 0
        return (self.end if self.end is not None else total) - self.start


def parse_size(text: str) -> int | None:
    """`256MB`, `1.5GB`, `512MiB`, `100000` (bytes) -> bytes; `0`, `off` or `no` -> None (no splitting).
    Raises `ValueError` for anything else or for less than 1 MB."""
    value = text.strip().lower().replace(" ", "").replace("_", "")
    if value in ("0", "off", "no", "none"):
        return None
    number = value.rstrip("kmgtib")
    unit = value[len(number) :]
    try:
        size = int(float(number) * _UNITS[unit])
    except (KeyError, ValueError) as exc:
        raise ValueError(f"{text!r} is not a size (e.g. 256MB, 1GB, 512MiB; 0 or off: do not split)") from exc
    if size < 10**6:
        raise ValueError(f"{text!r} is too small a range (at least 1MB)")
    return size


def is_splittable(source: ArchiveSource) -> bool:
    name = source.name.split("?", 1)[0] if source.kind != "file" else source.name
    return name.endswith(SPLITTABLE) and source.ranges and source.size is not None


def split_source(source: ArchiveSource, size: int | None) -> list[ArchivePart]:
    """The parts of one archive: byte ranges of `size` bytes for a large gzip WARC/WET, else the whole file."""
    total = source.size
    if not size or total is None or total <= size or not is_splittable(source):
        return [ArchivePart(source)]
    return [ArchivePart(source, start, min(start + size, total)) for start in range(0, total, size)]


class _Resumed:
    """A stream that first serves bytes already read from it (`head`, starting at absolute `offset`)."""

    def __init__(self, head: bytes, rest: Stream, offset: int) -> None:
        self._head, self._at, self._rest, self._position = head, 0, rest, offset

    def read(self, size: int = -1) -> bytes:
        if self._at < len(self._head):  # an index into the head, not a slice of what is left: no copying
            stop = len(self._head) if size < 0 else self._at + size
            data = self._head[self._at : stop]
            self._at += len(data)
            if size < 0:
                data += self._rest.read()
        else:
            data = self._rest.read(size)
        self._position += len(data)
        return data

    def tell(self) -> int:
        return self._position


def is_member_start(data: bytes) -> bool | None:
    """Whether `data` begins a gzip member whose content starts with `WARC/` (None: more bytes needed)."""
    inflater = zlib.decompressobj(31)
    try:
        out = inflater.decompress(data[: _MAX_HEADER + 4096], 5)
    except zlib.error:
        return False
    if len(out) >= 5:
        return out == b"WARC/"
    if inflater.eof or len(data) > _MAX_HEADER:
        return False
    return None


def first_member(stream: Stream, start: int, end: int) -> Stream | None:
    """The stream moved to the first verified member starting in `[start, end)`, or None (see the module
    docstring). `stream` is at absolute offset `start`."""
    buffer, base, pos = b"", start, 0
    while True:
        found = buffer.find(_MEMBER, pos)
        if found < 0:
            if base + len(buffer) >= end + len(_MEMBER):
                return None
            more = stream.read(_CHUNK)
            if not more:
                return None
            keep = max(0, len(buffer) - len(_MEMBER) + 1)
            buffer, base, pos = buffer[keep:] + more, base + keep, 0
            continue
        if base + found >= end:
            return None
        verdict = is_member_start(buffer[found:])
        if verdict is None:
            more = stream.read(_CHUNK)
            if more:
                buffer += more
                continue
            verdict = False
        if verdict:
            return _Resumed(buffer[found:], stream, base + found)
        pos = found + 1


@contextlib.contextmanager
def _opened(source: ArchiveSource, start: int) -> Iterator[Stream]:
    if source.kind == "file":
        with Path(source.name).open("rb") as local:
            local.seek(start)
            yield local
    elif source.kind == "http":
        from rights.config import Settings
        from rights.web.fetch.ranged import open_range

        with open_range(source.name, source.settings or Settings(), start) as remote:
            yield remote
    else:
        import fsspec

        handle: Any
        with fsspec.open(source.name, "rb") as handle:
            handle.seek(start)
            yield handle


@contextlib.contextmanager
def open_part(part: ArchivePart) -> Iterator[Stream | None]:
    """The part's stream at its first record (None: no record begins in its range)."""
    with _opened(part.source, part.start) as stream:
        if part.start == 0:
            yield stream
        else:
            yield first_member(stream, part.start, part.end if part.end is not None else 1 << 62)
