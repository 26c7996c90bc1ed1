"""Originals and web archives for the `rights scan` tests, written at run time (never committed).

Three originals of one newsroom (harbour-times.test) are stored through the real store; the archives hold
verbatim copies with and without credit, an excerpt, a copy inside heavy chrome, unrelated pages, a
truncated gzip member, a non-HTML record, a 20 MB record, a record whose charset lies, the publisher's own
capture, and a WET text copy. `EXPECTED` names the findings a scan must report, by capture and kind.
"""

from __future__ import annotations

import io
import random
import zlib
from pathlib import Path

from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from rights.store import open_store
from rights.store.models import PageRecord

SITE = "https://harbour-times.test"
_VOCAB = [
    "harbour",
    "council",
    "ferry",
    "budget",
    "library",
    "tide",
    "plan",
    "vote",
    "night",
    "train",
    "station",
    "road",
    "quay",
    "fishermen",
    "market",
    "mayor",
    "island",
    "bridge",
    "storm",
    "winter",
    "summer",
    "school",
    "teachers",
    "parents",
    "nurses",
    "hospital",
    "clinic",
    "ward",
    "doctors",
    "river",
    "valley",
    "farmers",
    "grain",
    "price",
    "drought",
    "rain",
    "reservoir",
    "engineers",
    "pipe",
    "water",
    "dam",
    "tunnel",
    "freight",
    "crane",
    "container",
    "shipping",
    "port",
    "dock",
    "workers",
    "union",
    "strike",
    "wages",
    "contract",
    "talks",
    "minister",
    "office",
    "report",
    "audit",
    "museum",
    "gallery",
    "painter",
    "exhibition",
    "archive",
    "letters",
    "history",
    "town",
    "square",
    "church",
    "bell",
    "clock",
    "tower",
    "garden",
    "park",
    "trees",
    "bench",
    "lamp",
    "street",
    "cobbles",
    "cyclists",
    "buses",
    "timetable",
    "delay",
    "commuters",
    "village",
    "hall",
    "festival",
]


def prose(seed: int, sentences: int) -> list[str]:
    """Paragraphs of plain sentences, distinct per seed."""
    rng = random.Random(seed)
    out = []
    for _ in range(sentences):
        words = [rng.choice(_VOCAB) for _ in range(rng.randint(12, 20))]
        out.append(" ".join(words).capitalize() + ".")
    return [" ".join(out[i : i + 4]) for i in range(0, len(out), 4)]


ORIGINALS = {
    f"{SITE}/2026/ferry-budget": (
        "Ferry budget passes",
        prose(1, 24),
        '<a rel="license" href="https://creativecommons.org/licenses/by/4.0/">CC BY 4.0</a>',
    ),
    f"{SITE}/2026/library-tide": (
        "Library and the tide",
        prose(2, 24),
        "© 2026 Harbour Times. All rights reserved.",
    ),
    f"{SITE}/2026/night-train": (
        "The night train returns",
        prose(3, 24),
        "© 2026 Harbour Times. All rights reserved.",
    ),
}


def article_html(
    title: str,
    paragraphs: list[str],
    footer: str,
    *,
    extra: str = "",
    chrome: bool = False,
    site_name: str = "",
) -> str:
    body = "".join(f"<p>{p}</p>" for p in paragraphs)
    nav = ""
    if chrome:
        links = "".join(f'<li><a href="/tag/{w}">{w} news today</a></li>' for w in _VOCAB[:60])
        nav = f"<nav><ul>{links}</ul></nav><aside><ul>{links}</ul></aside>"
    return (
        f"<!doctype html><html><head><meta charset='utf-8'><title>{title}</title>"
        f"<meta name='author' content='Ada Quayle'><meta property='og:site_name' content='{site_name}'></head><body>{nav}<article><h1>{title}</h1>"
        f"<p class='byline'>By Ada Quayle</p>{body}{extra}</article><footer>{footer}</footer></body></html>"
    )


def store_originals(db: Path) -> None:
    with open_store(db) as store:
        for url, (title, paragraphs, footer) in ORIGINALS.items():
            footer_html = footer + " <p>Harbour Times</p>"
            html = article_html(title, paragraphs, footer_html, site_name="Harbour Times").encode()
            store.save_page(
                PageRecord(url, url, 200, "ok", "2026-01-01T00:00:00+00:00", html=html, title=title)
            )


class Archive:
    """A WARC (or WET) file being written with warcio; records get predictable ids."""

    def __init__(self, path: Path, name: str) -> None:
        self.handle = path.open("wb")
        self.writer = WARCWriter(self.handle, gzip=True)
        self.name, self.count = name, 0

    def _id(self) -> str:
        self.count += 1
        return (
            f"<urn:uuid:00000000-0000-4000-8000-{zlib.crc32(self.name.encode()) % 10**6:06d}{self.count:06d}>"
        )

    def response(self, uri: str, body: bytes, content_type: str = "text/html; charset=utf-8") -> str:
        headers = StatusAndHeaders("200 OK", [("Content-Type", content_type)], protocol="HTTP/1.1")
        rid = self._id()
        record = self.writer.create_warc_record(
            uri, "response", payload=io.BytesIO(body), length=len(body), http_headers=headers,
            warc_headers_dict={"WARC-Record-ID": rid, "WARC-Date": "2026-03-01T12:00:00Z"},
        )  # fmt: skip
        self.writer.write_record(record)
        return rid

    def conversion(self, uri: str, text: str) -> str:
        rid = self._id()
        data = text.encode()
        record = self.writer.create_warc_record(
            uri, "conversion", payload=io.BytesIO(data), length=len(data), warc_content_type="text/plain",
            warc_headers_dict={"WARC-Record-ID": rid, "WARC-Date": "2026-03-01T12:00:00Z"},
        )  # fmt: skip
        self.writer.write_record(record)
        return rid

    def request(self, uri: str) -> None:
        data = b"GET / HTTP/1.1\r\nHost: x\r\n\r\n"
        record = self.writer.create_warc_record(
            uri, "request", payload=io.BytesIO(data), length=len(data),
            warc_content_type="application/http; msgtype=request",
        )  # fmt: skip
        self.writer.write_record(record)

    def close(self) -> None:
        self.handle.close()


def _page(key: str, **kwargs: object) -> str:
    title, paragraphs, _ = ORIGINALS[f"{SITE}/2026/{key}"]
    return article_html(title, paragraphs, "© 2026 Someone Else", **kwargs)  # type: ignore[arg-type]


def unrelated(seed: int) -> bytes:
    return article_html(f"Unrelated {seed}", prose(100 + seed, 20), "© 2026 Elsewhere").encode()


def write_main(path: Path, *, padding: int = 0) -> dict[str, str]:
    """The main archive (with `padding` more unrelated pages at its end); returns capture name -> record id."""
    a = Archive(path, path.name)
    ids = {}
    a.request("http://copycat.test/ferry")
    ids["no_credit"] = a.response("http://copycat.test/ferry", _page("ferry-budget").encode())
    credit = (
        '<p>Originally published by <a href="https://harbour-times.test/2026/ferry-budget">Harbour Times</a>,'
        ' by Ada Quayle, under <a rel="license" href="https://creativecommons.org/licenses/by/4.0/">CC BY'
        " 4.0</a>.</p>"
    )
    ids["credited"] = a.response("http://friendly.test/ferry", _page("ferry-budget", extra=credit).encode())
    named = "<p>This story first appeared in Harbour Times.</p>"
    ids["named_no_link"] = a.response("http://namer.test/ferry", _page("ferry-budget", extra=named).encode())
    reserved = '<p>Originally published by <a href="https://harbour-times.test/2026/library-tide">Harbour Times</a>.</p>'
    ids["credited_reserved"] = a.response(
        "http://reposter.test/tide", _page("library-tide", extra=reserved).encode()
    )
    _, paragraphs, _ = ORIGINALS[f"{SITE}/2026/library-tide"]
    excerpt = " ".join(paragraphs[2].split()[:60])
    host = prose(50, 16)
    host.insert(2, excerpt)
    ids["excerpt"] = a.response("http://blog.test/notes", article_html("My notes", host, "© blog").encode())
    ids["chrome"] = a.response("http://aggregator.test/x", _page("library-tide", chrome=True).encode())
    for seed in range(3):
        a.response(f"http://elsewhere.test/{seed}", unrelated(seed))
    a.response("http://copycat.test/logo.png", b"\x89PNG\r\n\x1a\n" + b"\0" * 2000, "image/png")
    ids["own_site"] = a.response(f"{SITE}/2026/ferry-budget", _page("ferry-budget").encode())
    for seed in range(padding):
        a.response(f"http://filler.test/{seed}", unrelated(1000 + seed))
    a.close()
    return ids


def write_odd(path: Path) -> dict[str, str]:
    """A 20 MB record, then a copy whose HTTP charset lies."""
    a = Archive(path, path.name)
    ids = {}
    big = _page("night-train", extra="<p>" + "padding words here " * 1_100_000 + "</p>").encode()
    assert len(big) > 20_000_000
    ids["huge"] = a.response("http://huge.test/night", big)
    body = _page("night-train").replace("Ada Quayle", "Adà Quäyle").encode("utf-8")
    ids["lying_charset"] = a.response("http://liar.test/night", body, "text/html; charset=iso-8859-1")
    a.close()
    return ids


def write_truncated(path: Path) -> dict[str, str]:
    """A copy, then a gzip member cut in the middle."""
    a = Archive(path, path.name)
    ids = {"before_damage": a.response("http://early.test/night", _page("night-train").encode())}
    a.close()
    whole = path.read_bytes()
    b = Archive(path.with_suffix(".tail"), path.name + "-tail")
    b.response("http://late.test/ferry", _page("ferry-budget").encode())
    b.close()
    tail = path.with_suffix(".tail").read_bytes()
    path.with_suffix(".tail").unlink()
    path.write_bytes(whole + tail[: len(tail) // 2])
    return ids


def write_all(folder: Path) -> dict[str, str]:
    """The four archives of the scan tests in `folder`; returns capture name -> record id."""
    ids = write_main(folder / "a.warc.gz")
    ids.update(write_odd(folder / "b.warc.gz"))
    ids.update(write_truncated(folder / "c.warc.gz"))
    ids.update(write_wet(folder / "d.wet.gz"))
    return ids


EXPECTED = {
    ("no_credit", "copied_without_attribution"),
    ("named_no_link", "attribution_without_link"),
    ("named_no_link", "missing_required_credit"),
    ("credited_reserved", "licence_breach"),
    ("excerpt", "copied_without_attribution"),
    ("chrome", "copied_without_attribution"),
    ("lying_charset", "copied_without_attribution"),
    ("before_damage", "copied_without_attribution"),
    ("wet", "copied_without_attribution"),
}
MAIN_FINDINGS = 6  # of EXPECTED, in write_main's archive


def write_wet(path: Path) -> dict[str, str]:
    a = Archive(path, path.name)
    _, paragraphs, _ = ORIGINALS[f"{SITE}/2026/night-train"]
    ids = {
        "wet": a.conversion("http://textfarm.test/night", "The night train returns\n" + "\n".join(paragraphs))
    }
    a.close()
    return ids
