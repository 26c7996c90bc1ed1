"""What a command was asked to read: a page URL or a saved file, checked before any network I/O, then read.

- `validate_target(target, url=...)` / `load_target(...)`: an HTML page, for `inspect`, `check` and `verify`
  (a URL is fetched through the crawler's rules, a file read up to the size cap; both must look like HTML).
- `check_compare_target(raw)`: one argument of `compare`, which also takes text files: a `TargetSpec` holding
  the URL to fetch or the file's bytes.
- `parse_target_list(text)`: the targets of a batch (`rights check --from FILE`): one per line, or a CSV
  with a `url` column.

Bad input fails here, with one line that says what to give instead, before anything is fetched.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from rights.config import Settings
from rights.errors import InputError
from rights.page.sniff import check_html_bytes, sniff_not_html
from rights.urls import check_url
from rights.web.fetch.sync import fetch_page
from rights.web.models import Fetched

_URLISH_SCHEMES = (
    "http:",
    "https:",
    "ftp:",
    "ftps:",
    "file:",
    "javascript:",
    "mailto:",
    "data:",
    "ws:",
    "wss:",
)
MAX_FILE_BYTES = 64 * 1024 * 1024
TEXT_SUFFIXES = frozenset({".txt", ".text", ".md"})
_SCHEME = re.compile(r"^[a-zA-Z][a-zA-Z0-9+.\-]*:")
_HOST_LIKE = re.compile(r"^(?:www\.)?[\w\-]+(?:\.[\w\-]+)+(?:[/?#:]|$)")


@dataclass(frozen=True, slots=True)
class Loaded:
    """A page's bytes and where they came from."""

    content: bytes
    url: str | None
    headers: dict[str, str]
    source: str  # file | url
    fetched: Fetched | None = None


def is_url(target: str) -> bool:
    low = target.strip().lower()
    return "://" in low or low.startswith(_URLISH_SCHEMES)


def validate_target(target: str, *, url: str | None = None) -> None:
    """Validate a URL-or-file argument before any I/O on the network."""
    if url is not None:
        check_url(url)
    if is_url(target):
        check_url(target)
        return
    path = Path(target)
    if path.is_dir():
        raise InputError(f"{target} is a directory; give an HTML file or a URL")
    if not path.exists():
        looks_like_host = (
            "/" not in target.split(".")[0] and "." in target and not target.endswith((".html", ".htm"))
        )
        if looks_like_host:
            raise InputError(
                f"{target}: no such file; to fetch a page give its full URL, e.g. https://{target}"
            )
        raise InputError(f"{target}: no such file")


def load_target(
    target: str,
    *,
    url: str | None,
    settings: Settings,
    fetch: Callable[[str, Settings], Fetched] | None = None,
) -> Loaded:
    """Read a saved file or fetch a URL (checked first: bad input fails before any network I/O).

    `fetch` replaces `fetch_page` (a batch passes its shared fetcher)."""
    validate_target(target, url=url)
    if is_url(target):
        fetched = (fetch or fetch_page)(target, settings)
        check_html_bytes(fetched.final_url, fetched.content)
        return Loaded(fetched.content, url or fetched.final_url, dict(fetched.headers), "url", fetched)
    path = Path(target)
    try:
        with path.open("rb") as handle:
            content = handle.read(settings.max_bytes + 1)
    except OSError as exc:
        raise InputError(f"{target}: cannot read ({exc.strerror or exc})") from exc
    check_html_bytes(target, content)
    return Loaded(content, url, {}, "file")


# ------------------------------------------------------------------------------------------ compare targets


@dataclass(frozen=True, slots=True)
class TargetSpec:
    """A checked command-line target: a URL to fetch, or a file already read."""

    raw: str
    kind: str  # url | html | text
    url: str | None = None
    data: bytes = b""


def check_compare_target(raw: str) -> TargetSpec:
    """Check one argument without network I/O: a valid http(s) URL, or a readable HTML or text file."""
    if _SCHEME.match(raw.strip()) and not Path(raw).exists():
        return TargetSpec(raw, "url", url=check_url(raw))
    path = Path(raw)
    if not path.exists():
        if _HOST_LIKE.match(raw):
            raise InputError(
                f"{raw!r} is not a file, and as a URL it has no scheme; did you mean https://{raw} ?"
            )
        raise InputError(f"{raw}: no such file; give a URL (http/https), an .html file or a .txt file")
    if path.is_dir():
        raise InputError(f"{raw} is a directory; give a URL, an .html file or a .txt file")
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            raise InputError(f"{raw} is {size} bytes; at most {MAX_FILE_BYTES} are read")
        data = path.read_bytes()
    except OSError as exc:
        raise InputError(f"{raw}: cannot be read ({exc.strerror or exc})") from exc
    return TargetSpec(raw, _file_kind(path, data), data=data)


def _file_kind(path: Path, data: bytes) -> str:
    what = sniff_not_html(data)
    if what == "an empty file":
        return "text"
    if what is not None and what != "text without HTML markup":
        raise InputError(f"{path} is not a text or HTML file (it looks like {what})")
    if path.suffix.lower() in TEXT_SUFFIXES or what == "text without HTML markup":
        if b"\x00" in data[:65536] and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
            raise InputError(f"{path} is not a text file (it holds binary data)")
        return "text"
    return "html"


def decode_text(data: bytes) -> str:
    """A text file's content: UTF-8 (with or without BOM), UTF-16 with BOM, else Windows-1252."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16", errors="replace")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace")


# -------------------------------------------------------------------------------------------- target lists


def parse_target_list(text: str, *, name: str = "the list") -> list[str]:
    """The targets of a batch, in order: a CSV whose header has a `url` column (other columns ignored), else
    one URL or path per line, blank lines and `#` comments skipped. An empty list is an InputError."""
    text = text.removeprefix("\ufeff")
    lines = text.splitlines()
    first = next((line for line in lines if line.strip() and not line.lstrip().startswith("#")), "")
    header = next(csv.reader([first]), [])
    columns = [cell.strip().lower() for cell in header]
    if "url" in columns:
        targets = _csv_targets(text, columns.index("url"))
    else:
        targets = [line.strip() for line in lines if line.strip() and not line.lstrip().startswith("#")]
    if not targets:
        raise InputError(f"{name} holds no URL or file to check (one per line, or a CSV with a url column)")
    return targets


def _csv_targets(text: str, column: int) -> list[str]:
    rows = [row for row in csv.reader(io.StringIO(text)) if any(cell.strip() for cell in row)]
    rows = [row for row in rows if not row[0].lstrip().startswith("#")]
    return [row[column].strip() for row in rows[1:] if len(row) > column and row[column].strip()]
