"""`rights compare` as a library call: load two targets (URL, HTML file or text file) and compare them.

    result = compare("copy.html", "https://example.org/story", settings)
    result.match.verdict, result.match.passages

Both targets are checked before anything is fetched, so a typo in the second argument fails at once with an
`InputError` (exit code 2) and no request is made. Pages are compared by their article text
(`rights.matching.page_text`); a text file is compared as it is. Passage offsets index those texts.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from rights.config import Settings
from rights.errors import FetchError, InputError
from rights.html import parse_page, sniff_not_html
from rights.matching import DEFAULT_SETTINGS, MatchSettings, compare_texts, make_source, page_text
from rights.matching.compare import Source
from rights.matching.page import same_site
from rights.models import Fetched, Match, Page
from rights.urls import check_url

Fetch = Callable[[str, Settings], Fetched]

MAX_FILE_BYTES = 64 * 1024 * 1024
TEXT_SUFFIXES = frozenset({".txt", ".text", ".md"})
_SCHEME = re.compile(r"^[a-zA-Z][a-zA-Z0-9+.\-]*:")
_HOST_LIKE = re.compile(r"^(?:www\.)?[\w\-]+(?:\.[\w\-]+)+(?:[/?#:]|$)")


@dataclass(frozen=True, slots=True)
class TargetSpec:
    """A checked command-line target: a URL to fetch, or a file already read."""

    raw: str
    kind: str  # url | html | text
    url: str | None = None
    data: bytes = b""


@dataclass(frozen=True, slots=True, eq=False)
class Target:
    """A loaded target: the text compared, where it came from, and the parsed page for HTML."""

    spec: TargetSpec
    source: Source
    text_from: str  # article | body | text | none
    page: Page | None = None
    final_url: str | None = None


@dataclass(frozen=True, slots=True, eq=False)
class Comparison:
    copy: Target
    original: Target
    match: Match


def check_target(raw: str) -> TargetSpec:
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


def _default_fetch() -> Fetch:
    from rights.fetch import fetch_page

    return fetch_page


def load_target(spec: TargetSpec, settings: Settings, fetch: Fetch | None = None) -> Target:
    """Read (or fetch) and parse a checked target."""
    if spec.kind == "text":
        return Target(spec, make_source(decode_text(spec.data)), "text")
    final_url = None
    headers: dict[str, str] = {}
    data = spec.data
    if spec.kind == "url" and spec.url is not None:
        fetched = (fetch or _default_fetch())(spec.url, settings)
        if fetched.status >= 400:
            raise FetchError(spec.url, f"http_{fetched.status}", "the server answered with an error status")
        final_url, headers, data = fetched.final_url, dict(fetched.headers), fetched.content
        what = sniff_not_html(data)
        if what == "text without HTML markup":
            return Target(spec, make_source(decode_text(data)), "text", final_url=final_url)
        if what is not None:
            raise FetchError(spec.url, "not_html", f"the page looks like {what}")
    page = parse_page(data, url=final_url, headers=headers, max_bytes=settings.max_parse_bytes)
    found = page_text(page)
    source = make_source(found.text, quoted_spans=found.quoted_spans)
    return Target(spec, source, found.origin, page, final_url)


def compare(
    copy: str,
    original: str,
    settings: Settings | None = None,
    *,
    fetch: Fetch | None = None,
    match_settings: MatchSettings = DEFAULT_SETTINGS,
) -> Comparison:
    """Compare two targets (URL, HTML or text file): which passages of `original` does `copy` reproduce?"""
    settings = settings or Settings()
    specs = check_target(copy), check_target(original)  # both checked before any request
    a, b = (load_target(spec, settings, fetch) for spec in specs)
    one_site = a.page is not None and b.page is not None and same_site(a.page, b.page)
    return Comparison(a, b, compare_texts(a.source, b.source, match_settings, same_site=one_site))


# -------------------------------------------------------------------------------------------- output


def _side(target: Target) -> dict[str, Any]:
    return {
        "target": target.spec.raw,
        "kind": target.spec.kind,
        "url": target.final_url,
        "text_from": target.text_from,
        "words": target.source.words,
    }


def comparison_dict(result: Comparison) -> dict[str, Any]:
    """The JSON form: verdict, shares, both targets and every passage with offsets and text on both sides."""
    match = result.match
    return {
        "verdict": match.verdict,
        "reason": match.reason,
        "copied_share_of_copy": match.copied_share_of_copy,
        "copied_share_of_original": match.copied_share_of_original,
        "unquoted_share_of_copy": match.unquoted_share_of_copy,
        "unquoted_share_of_original": match.unquoted_share_of_original,
        "quoted_share_of_original": match.quoted_share_of_original,
        "longest_passage_words": match.longest_passage_words,
        "copy": _side(result.copy),
        "original": _side(result.original),
        "passages": [
            {
                "words": p.words,
                "matched_words": p.matched_words,
                "quoted": p.quoted,
                "boilerplate": p.boilerplate,
                "copy": {"start": p.copy_start, "end": p.copy_end, "text": p.copy_text},
                "original": {"start": p.original_start, "end": p.original_end, "text": p.original_text},
            }
            for p in match.passages
        ],
    }


def shorten(text: str, width: int) -> str:
    """One line of at most `width` characters: the start and the end of the text around an ellipsis."""
    line = " ".join(text.split())
    if len(line) <= width:
        return line
    head = (width - 1) * 3 // 5
    return line[:head].rstrip() + "…" + line[len(line) - (width - 1 - head) :].lstrip()


def comparison_table(result: Comparison, width: int = 110) -> str:
    """The table form: verdict and shares, then the passages side by side, shortened."""
    match = result.match
    lines = [
        f"verdict:  {match.verdict} ({match.reason})",
        *(
            f"{label}{t.spec.raw} ({t.text_from} text, {t.source.words} words)"
            for label, t in (("copy:     ", result.copy), ("original: ", result.original))
        ),
        f"copied:   {match.copied_share_of_copy:.0%} of the copy, "
        f"{match.copied_share_of_original:.0%} of the original; "
        f"longest passage {match.longest_passage_words} words; "
        f"{len(match.passages)} passage{'s' if len(match.passages) != 1 else ''}",
    ]
    if not match.passages:
        return "\n".join(lines)
    column = max(20, (width - 14) // 2)
    lines += ["", f"{'#':>3} {'words':>5} {'q':1} {'copy':<{column}} original"]
    for number, p in enumerate(match.passages, 1):
        left = shorten(p.copy_text, column)
        right = shorten(p.original_text, column)
        flag = "b" if p.boilerplate else "q" if p.quoted else " "
        lines.append(f"{number:>3} {p.words:>5} {flag} {left:<{column}} {right}")
    lines.append("(q: quotation, b: boilerplate, not counted; offsets and full text with --format json)")
    return "\n".join(lines)
