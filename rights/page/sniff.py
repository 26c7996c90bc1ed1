"""Is this an HTML page at all? Magic numbers, control characters and markup, before anything is parsed. Pure."""

from __future__ import annotations

import re

from rights.errors import InputError

_MAGIC = (
    (b"%PDF-", "a PDF document"),
    (b"\x89PNG\r\n\x1a\n", "a PNG image"),
    (b"GIF87a", "a GIF image"),
    (b"GIF89a", "a GIF image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"PK\x03\x04", "a ZIP archive (or office document)"),
    (b"\x1f\x8b", "gzip-compressed data"),
    (b"RIFF", "a RIFF media file (WebP, WAV, AVI)"),
    (b"\x00\x00\x01\x00", "an icon"),
    (b"ID3", "an MP3 file"),
    (b"OggS", "an Ogg media file"),
    (b"\x7fELF", "an executable"),
    (b"BZh", "bzip2-compressed data"),
    (b"\xfd7zXZ", "xz-compressed data"),
    (b"SQLite format 3\x00", "an SQLite database"),
)
_NOT_CONTROL = bytes(range(32, 256)) + b"\t\n\x0c\r"
_MARKUP = re.compile(rb"<\s*(?:!doctype|html|head|body|meta|title|div|p|a|span|table|article|!--)\b", re.I)


def sniff_not_html(data: bytes) -> str | None:
    """Describe what the bytes are when they are clearly not an HTML page (binary, or no markup at all)."""
    head = data[:4096]
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        return None  # UTF-16 text: NULs are expected
    for magic, what in _MAGIC:
        if head.startswith(magic):
            return what
    controls = len(head.translate(None, _NOT_CONTROL))
    if controls > len(head) // 20 + 1:
        return "binary data"
    if not head.strip():
        return "an empty file"
    if not _MARKUP.search(data[:65536]):
        return "text without HTML markup"
    return None


def check_html_bytes(path: str, data: bytes) -> None:
    """Refuse bytes that are clearly not an HTML page, naming what they look like."""
    what = sniff_not_html(data)
    if what is not None:
        raise InputError(f"{path} is not an HTML page (it looks like {what}); give an .html file or a URL")
