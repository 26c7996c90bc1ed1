"""Reading web archives (WARC and WET files): the only package that uses warcio. See docs/scale.md."""

from __future__ import annotations

from rights.web.archive.reader import (
    ARCHIVE_SUFFIXES,
    ArchiveRecord,
    ArchiveStats,
    check_archive,
    find_archives,
    read_archive,
)

__all__ = [
    "ARCHIVE_SUFFIXES",
    "ArchiveRecord",
    "ArchiveStats",
    "check_archive",
    "find_archives",
    "read_archive",
]
