"""Reading web archives (WARC and WET files, local or remote, whole or by byte range) and writing WARC
evidence: the only package that uses warcio and fsspec.

See docs/scale.md (reading) and docs/crawling.md, "Evidence as WARC" (writing).
"""

from __future__ import annotations

from rights.web.archive.parts import ArchivePart, split_source
from rights.web.archive.reader import ArchiveRecord, ArchiveStats, read_archive
from rights.web.archive.sources import ARCHIVE_SUFFIXES, ArchiveSource, check_archive, resolve_archives
from rights.web.archive.writer import WarcAddress, WarcWriter, check_warc_path

__all__ = [
    "ARCHIVE_SUFFIXES",
    "ArchivePart",
    "ArchiveRecord",
    "ArchiveSource",
    "ArchiveStats",
    "WarcAddress",
    "WarcWriter",
    "check_archive",
    "check_warc_path",
    "read_archive",
    "resolve_archives",
    "split_source",
]
