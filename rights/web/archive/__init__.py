"""Reading web archives (WARC and WET files) and writing WARC evidence: the only package that uses warcio.

See docs/scale.md (reading) and docs/crawling.md, "Evidence as WARC" (writing).
"""

from __future__ import annotations

from rights.web.archive.reader import (
    ARCHIVE_SUFFIXES,
    ArchiveRecord,
    ArchiveStats,
    check_archive,
    find_archives,
    read_archive,
)
from rights.web.archive.writer import WarcAddress, WarcWriter, check_warc_path

__all__ = [
    "ARCHIVE_SUFFIXES",
    "ArchiveRecord",
    "ArchiveStats",
    "WarcAddress",
    "WarcWriter",
    "check_archive",
    "check_warc_path",
    "find_archives",
    "read_archive",
]
