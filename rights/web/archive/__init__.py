"""Reading web archives (WARC and WET files) and writing WARC evidence: the only package that uses warcio.

See docs/scale.md.
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
from rights.web.archive.writer import WarcAddress, WarcWriter

__all__ = [
    "ARCHIVE_SUFFIXES",
    "ArchiveRecord",
    "ArchiveStats",
    "WarcAddress",
    "WarcWriter",
    "check_archive",
    "find_archives",
    "read_archive",
]
