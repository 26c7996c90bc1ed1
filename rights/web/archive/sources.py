"""What `rights scan` was asked to read: its ARCHIVE arguments resolved to archive sources, before any work.

An argument is one of:

- a WARC or WET file (`.warc`, `.warc.gz`, `.wet`, `.wet.gz`, `.arc.gz`);
- a directory: the archive files anywhere inside it, sorted;
- a glob (`'crawl/*.warc.gz'`, `'**/*.wet.gz'`), expanded here, so it can be quoted past the shell;
- a list file, named `@FILE` or ending in `.txt` or `.lst`: one archive per line (a path, a directory, a
  glob or a URL; `#` at the start of a line or after a space starts a comment; blank lines are skipped);
  a relative path is relative to the list file's folder; a list file does not name other list files;
- a Common Crawl path list (`warc.paths.gz`, `wet.paths.gz`, or any name ending in `.paths` or
  `.paths.gz`, gzipped or not): one path per line, relative to `COMMON_CRAWL` (https://data.commoncrawl.org/);
- an http(s) URL of an archive file (a HEAD checks it exists and gives its size);
- an object-store path (`s3://`, `gs://`, `az://`, ... any fsspec protocol, `file://` included; globs and
  folders too) when fsspec and the protocol's backend (s3fs, gcsfs, adlfs) are installed.

The sources are de-duplicated by identity (a local file's resolved path, a URL as normalised) and keep the
order given. Anything wrong (a missing path, an empty directory or glob, a file that is not an archive, an
unreachable URL, a missing backend) is one `UsageError` line saying what to do, raised before anything is read
or recorded.
"""

from __future__ import annotations

import glob as globbing
import gzip
import re
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit, urlunsplit

from rights.config import Settings
from rights.errors import FetchError, UsageError

ARCHIVE_SUFFIXES = (".warc", ".warc.gz", ".wet", ".wet.gz", ".arc.gz")
LIST_SUFFIXES = (".txt", ".lst")
PATH_LIST_SUFFIXES = (".paths", ".paths.gz")  # Common Crawl's lists of a crawl's files
COMMON_CRAWL = "https://data.commoncrawl.org/"  # what the paths of its lists are relative to
PROBES = 8  # HEAD requests in flight while resolving a list of archive URLs
_GLOB_CHARS = frozenset("*?[")
_COMMENT = re.compile(r"(^|\s)#.*$")  # at the start of a line or after a space: a URL's #fragment is kept
_BACKENDS = {"s3": "s3fs", "s3a": "s3fs", "gs": "gcsfs", "gcs": "gcsfs", "az": "adlfs", "abfs": "adlfs",
             "abfss": "adlfs", "hf": "huggingface_hub"}  # fmt: skip


@dataclass(frozen=True, slots=True)
class ArchiveSource:
    """One archive file to read: where it is and how to open it.

    `name` is its identity (a resolved path, or the URL); `kind` says how it is read: `file`, `http` (through
    the guarded fetcher) or `fsspec`; `size` in bytes when known. `settings` carries the fetch settings
    (guard, timeouts, user agent) a worker needs to read an http source.
    """

    name: str
    kind: str  # file | http | fsspec
    size: int | None = None
    ranges: bool = True  # byte ranges can be read (an http server that sends Accept-Ranges: bytes)
    settings: Settings | None = field(default=None, compare=False, repr=False)

    @property
    def is_gzip(self) -> bool:
        return urlsplit(self.name).path.endswith(".gz") if self.kind != "file" else self.name.endswith(".gz")


def is_list_file(argument: str) -> bool:
    """`@FILE`, or a local name ending in .txt / .lst, or a Common Crawl path list."""
    local = "://" not in argument
    return argument.startswith("@") or (
        local and argument.lower().endswith(LIST_SUFFIXES + PATH_LIST_SUFFIXES)
    )


def is_path_list(name: str) -> bool:
    return name.lower().endswith(PATH_LIST_SUFFIXES)


def list_entries(text: str) -> list[str]:
    """The entries of a list file: one per line, `#` comments and blank lines skipped."""
    entries = (_COMMENT.sub("", line).strip() for line in text.splitlines())
    return [entry for entry in entries if entry]


def _scheme(argument: str) -> str:
    if "://" not in argument:
        return ""
    return argument.split("://", 1)[0].lower()


def _has_archive_suffix(name: str) -> bool:
    return urlsplit(name).path.lower().endswith(ARCHIVE_SUFFIXES)


@dataclass(frozen=True, slots=True)
class _Unprobed:
    """An http(s) archive named but not asked about yet (the HEADs are sent together, a few at a time)."""

    url: str
    where: str

    @property
    def name(self) -> str:
        return _identity(self.url)


def resolve_archives(arguments: list[str], settings: Settings) -> list[ArchiveSource]:
    """The archive sources the arguments name (see the module docstring). Raises `UsageError`."""
    if not arguments:
        raise UsageError("no ARCHIVE given: name WARC/WET files, directories, globs, list files or URLs")
    found: dict[str, ArchiveSource | _Unprobed] = {}
    for argument in arguments:
        for source in _expand(argument, settings, base=Path.cwd(), listed_in=None):
            found.setdefault(source.name, source)
    unprobed = [s for s in found.values() if isinstance(s, _Unprobed)]
    with ThreadPoolExecutor(max_workers=PROBES) as pool:  # a list of thousands of URLs: not one by one
        probed = dict(zip(unprobed, pool.map(lambda s: _http_source(s, settings), unprobed), strict=True))
    return [probed[s] if isinstance(s, _Unprobed) else s for s in found.values()]


def _expand(
    argument: str, settings: Settings, *, base: Path, listed_in: str | None
) -> Iterator[ArchiveSource | _Unprobed]:
    where = f"{listed_in}: " if listed_in else ""
    scheme = _scheme(argument)
    if scheme in ("http", "https"):
        if not _has_archive_suffix(argument):
            raise UsageError(
                f"{where}{argument}: not a WARC or WET URL (its path should end in .warc.gz, .wet.gz, ...)"
            )
        yield _Unprobed(argument, where)
    elif scheme:
        yield from _fsspec_sources(argument, scheme, where)
    elif is_list_file(argument):
        if listed_in:
            raise UsageError(f"{where}{argument}: a list file cannot name another list file")
        yield from _listed(argument.removeprefix("@"), settings)
    else:
        yield from _local(argument, base, where)


def _listed(name: str, settings: Settings) -> Iterator[ArchiveSource | _Unprobed]:
    path = Path(name)
    try:
        data = path.read_bytes()
        text = (gzip.decompress(data) if data[:2] == b"\x1f\x8b" else data).decode("utf-8")
    except FileNotFoundError as exc:
        raise UsageError(f"{name}: no such list file") from exc
    except (OSError, EOFError, UnicodeError) as exc:
        raise UsageError(f"{name}: cannot read this list file ({exc})") from exc
    entries = list_entries(text)
    if not entries:
        raise UsageError(f"{name}: the list file names no archive")
    if is_path_list(name):  # Common Crawl's: paths relative to its data host
        entries = [entry if "://" in entry else COMMON_CRAWL + entry.lstrip("/") for entry in entries]
    for entry in entries:
        yield from _expand(entry, settings, base=path.resolve().parent, listed_in=name)


def _local(argument: str, base: Path, where: str) -> Iterator[ArchiveSource]:
    path = Path(argument).expanduser()
    path = path if path.is_absolute() else base / path
    if _GLOB_CHARS & set(argument):
        matches = sorted(Path(p) for p in globbing.glob(str(path), recursive=True))  # noqa: PTH207 (absolute patterns)
        archives = [p for p in matches if p.is_file() and p.name.endswith(ARCHIVE_SUFFIXES)]
        if not archives:
            raise UsageError(f"{where}{argument}: no WARC or WET file matches this pattern")
        yield from (_file(p) for p in archives)
    elif path.is_dir():
        inside = sorted(p for p in path.rglob("*") if p.is_file() and p.name.endswith(ARCHIVE_SUFFIXES))
        if not inside:
            raise UsageError(f"{where}{argument}: no WARC or WET files in this directory")
        yield from (_file(p) for p in inside)
    elif path.is_file():
        if not path.name.endswith(ARCHIVE_SUFFIXES):
            raise UsageError(
                f"{where}{argument}: not a WARC or WET file name (.warc, .warc.gz, .wet, .wet.gz, .arc.gz); "
                "a list of archives is named @FILE or ends in .txt, .lst or .paths"
            )
        check_archive(path, f"{where}{argument}")
        yield _file(path)
    else:
        raise UsageError(f"{where}{argument}: no such file or directory")


def check_archive(path: Path, label: str | None = None) -> None:
    """Refuse a file that is neither gzip nor an uncompressed WARC, before any worker starts."""
    label = label or str(path)
    try:
        with path.open("rb") as handle:
            head = handle.read(5)
    except OSError as exc:
        raise UsageError(f"{label}: cannot read ({exc.strerror})") from exc
    if not head.startswith((b"\x1f\x8b", b"WARC/")):
        raise UsageError(f"{label}: not a WARC or WET file (it starts with neither gzip nor 'WARC/')")


def _file(path: Path) -> ArchiveSource:
    resolved = path.resolve()
    return ArchiveSource(str(resolved), "file", resolved.stat().st_size)


def _http_source(unprobed: _Unprobed, settings: Settings) -> ArchiveSource:
    from rights.web.fetch.ranged import probe

    try:
        found = probe(unprobed.url, settings)
    except FetchError as exc:
        raise UsageError(f"{unprobed.where}{exc}") from exc
    return ArchiveSource(unprobed.name, "http", found.size, found.ranges, settings)


def _identity(url: str) -> str:
    """A URL as an archive's identity: lower-case scheme and host, no default port or fragment; the query is
    kept as it is (a signed URL's signature covers it)."""
    parts = urlsplit(url.strip())
    host = (parts.hostname or "").lower()
    default = {"http": 80, "https": 443}.get(parts.scheme.lower())
    netloc = host if parts.port in (None, default) else f"{host}:{parts.port}"
    return urlunsplit((parts.scheme.lower(), netloc, parts.path or "/", parts.query, ""))


def _fsspec_sources(url: str, scheme: str, where: str) -> Iterator[ArchiveSource]:
    filesystem, path = _filesystem(url, scheme, where)
    try:
        return iter(list(_listed_objects(filesystem, url, path, where)))
    except UsageError:
        raise
    except Exception as exc:  # the backend's own errors: credentials, permissions, network (no common base)
        raise UsageError(f"{where}{url}: cannot list or read it ({_reason(exc)})") from exc


def _listed_objects(filesystem: Any, url: str, path: str, where: str) -> Iterator[ArchiveSource]:
    infos: dict[str, Any]  # path -> its listing (type, size): one listing, not a request per object
    if _GLOB_CHARS & set(path):
        infos = filesystem.glob(path, detail=True)
    elif filesystem.isdir(path):
        infos = filesystem.find(path, detail=True)
    elif filesystem.isfile(path):
        infos = {path: filesystem.info(path)}
        if not _has_archive_suffix(url):
            raise UsageError(f"{where}{url}: not a WARC or WET file name (.warc, .warc.gz, .wet.gz, ...)")
    else:
        raise UsageError(f"{where}{url}: no such object or folder")
    archives = sorted(
        p for p, info in infos.items() if info.get("type") != "directory" and p.endswith(ARCHIVE_SUFFIXES)
    )
    if not archives:
        raise UsageError(f"{where}{url}: no WARC or WET files here")
    for found in archives:
        yield ArchiveSource(filesystem.unstrip_protocol(found), "fsspec", infos[found].get("size"))


def _reason(exc: BaseException) -> str:
    text = str(exc).strip()
    return f"{type(exc).__name__}: {text.splitlines()[0]}" if text else type(exc).__name__


def _filesystem(url: str, scheme: str, where: str) -> tuple[Any, str]:
    """The fsspec filesystem for `url` (its host, bucket or options parsed from the URL) and the path in it."""
    try:
        from fsspec.core import url_to_fs
    except ImportError as exc:
        raise UsageError(
            f"{where}{url}: object-store paths need fsspec: pip install 'rights[scale]' "
            f"{_BACKENDS.get(scheme, '')}".rstrip()
        ) from exc
    try:
        filesystem, path = url_to_fs(url)
    except ImportError as exc:
        backend = _BACKENDS.get(scheme)
        if backend is None:
            raise UsageError(f"{where}{url}: fsspec cannot read {scheme}:// here ({exc})") from exc
        raise UsageError(f"{where}{url}: reading {scheme}:// needs {backend}: pip install {backend}") from exc
    except ValueError as exc:
        if "not known" in str(exc).lower() or "protocol" in str(exc).lower():
            raise UsageError(f"{where}{url}: unknown protocol {scheme}:// (not an fsspec protocol)") from exc
        raise UsageError(f"{where}{url}: cannot open it ({_reason(exc)})") from exc
    except Exception as exc:  # a backend that needs more than the URL says (a host, options, credentials)
        raise UsageError(f"{where}{url}: cannot open it ({_reason(exc)})") from exc
    return filesystem, str(path)
