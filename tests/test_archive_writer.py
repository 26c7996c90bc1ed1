"""The WARC writer on its own: records warcio reads back, addresses that re-read the record, appends."""

from __future__ import annotations

import random
from pathlib import Path

import pytest
from warcio.archiveiterator import ArchiveIterator  # a base dependency: these tests never skip

from rights.errors import UsageError
from rights.web.archive.writer import WarcAddress, WarcWriter


def _exchange(writer: WarcWriter, url: str, body: bytes) -> WarcAddress:
    return writer.write_exchange(
        url=url,
        fetched_at="2026-12-04T06:00:00Z",
        status_line="200 OK",
        headers=[("Content-Type", "text/html"), ("Content-Encoding", "gzip"), ("Content-Length", "3")],
        body=body,
        ip_address="127.0.0.1",
    )


def test_records_read_back_and_addresses_reread(tmp_path: Path) -> None:
    path = tmp_path / "crawl.warc.gz"
    writer = WarcWriter(path, software="rights test", run="run 1")
    address = _exchange(writer, "http://127.0.0.1/a?x=1", b"<p>hello</p>")
    writer.close()
    writer = WarcWriter(path, software="rights test", run="run 2")  # appends, no second warcinfo
    _exchange(writer, "http://127.0.0.1/b", b"<p>bye</p>")
    writer.close()
    with path.open("rb") as stream:
        records = [
            (r.rec_type, r.rec_headers.get_header("WARC-Target-URI"), r.content_stream().read(), r)
            for r in ArchiveIterator(stream, check_digests=True)
        ]
    assert [r[0] for r in records] == ["warcinfo", "request", "response", "request", "response"]
    response = records[2][3]
    assert records[2][1] == "http://127.0.0.1/a?x=1" and records[2][2] == b"<p>hello</p>"
    assert response.http_headers.get_header("Content-Encoding") is None
    assert response.http_headers.get_header("Content-Length") == str(len(b"<p>hello</p>"))
    assert response.rec_headers.get_header("WARC-IP-Address") == "127.0.0.1"
    assert response.rec_headers.get_header("WARC-Payload-Digest").startswith("sha1:")
    with path.open("rb") as stream:
        stream.seek(address.offset)
        again = next(iter(ArchiveIterator(stream)))
        assert again.rec_headers.get_header("WARC-Record-ID") == address.record_id


def test_bad_paths_are_usage_errors(tmp_path: Path) -> None:
    with pytest.raises(UsageError, match="is a directory"):
        WarcWriter(tmp_path, software="s", run="r")
    with pytest.raises(UsageError, match="does not exist"):
        WarcWriter(tmp_path / "missing" / "x.warc.gz", software="s", run="r")
    page = tmp_path / "page.html"
    page.write_bytes(b"<html>not a WARC file</html>")
    with pytest.raises(UsageError, match="not a gzipped WARC file; refusing to append"):
        WarcWriter(page, software="s", run="r")
    assert page.read_bytes() == b"<html>not a WARC file</html>"  # untouched


def _read_all(path: Path) -> list[str]:
    with path.open("rb") as stream:
        records = ArchiveIterator(stream, check_digests="raise")
        types = [r.rec_type for r in records if r.content_stream().read() is not None]
        records.read_to_end()
        assert stream.tell() == path.stat().st_size
    return types


# A body of random bytes is stored nearly verbatim by deflate, so the gzip magic inside it shows in the file.
_RANDOM = random.Random(7)
MAGIC = b"\x1f\x8b\x08"
NOISE = _RANDOM.randbytes(32768) + MAGIC + _RANDOM.randbytes(32768)


@pytest.mark.parametrize("hint", ["none", "exact", "wrong", "gzip magic inside a record"])
def test_a_cut_short_last_record_is_truncated_on_reopening(tmp_path: Path, hint: str) -> None:
    """A writer killed in the middle of a record leaves part of a gzip member: reopening drops exactly that
    part (with or without a hint where to start looking, even a wrong one, or one that looks like a record's
    start but is not), and appends after whole records."""
    path = tmp_path / "crawl.warc.gz"
    writer = WarcWriter(path, software="rights test", run="run 1")
    first = _exchange(writer, "http://127.0.0.1/a", NOISE)
    writer.close()
    whole = path.stat().st_size
    writer = WarcWriter(path, software="rights test", run="run 2")
    _exchange(writer, "http://127.0.0.1/b", b"<p>b</p>" * 500)
    writer.close()
    data = path.read_bytes()
    cut = whole + (len(data) - whole) * 3 // 4
    path.write_bytes(data[:cut])  # the second pair, three quarters written
    inside = data.index(MAGIC, first.offset + 2)
    assert inside < whole
    known = {"none": 0, "exact": first.offset, "wrong": first.offset + 7}.get(hint, inside)
    writer = WarcWriter(path, software="rights test", run="run 3", known_end=known)
    assert path.stat().st_size == whole + len(_request_member(data, whole))  # the whole request member stays
    assert writer.repaired == cut - path.stat().st_size > 0
    address = _exchange(writer, "http://127.0.0.1/c", b"<p>c</p>")
    writer.close()
    assert _read_all(path) == ["warcinfo", "request", "response", "request", "request", "response"]
    with path.open("rb") as stream:
        stream.seek(address.offset)
        record = next(iter(ArchiveIterator(stream, check_digests="raise")))
        assert record.content_stream().read() == b"<p>c</p>"


def _request_member(data: bytes, start: int) -> bytes:
    """The gzip member at `start` (the request record the cut left whole)."""
    import zlib

    inflater = zlib.decompressobj(wbits=31)
    inflater.decompress(data[start:])
    return data[start : len(data) - len(inflater.unused_data)]


def test_a_second_writer_on_the_same_file_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "crawl.warc.gz"
    with (
        WarcWriter(path, software="s", run="r"),
        pytest.raises(UsageError, match="another process is writing to this file"),
    ):
        WarcWriter(path, software="s", run="r")
    WarcWriter(path, software="s", run="r").close()  # free again once the first is closed
