"""The WARC writer on its own: records warcio reads back, addresses that re-read the record, appends."""

from __future__ import annotations

from pathlib import Path

import pytest

from rights.errors import UsageError

pytest.importorskip("warcio")

from warcio.archiveiterator import ArchiveIterator

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
