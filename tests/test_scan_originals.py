"""`rights scan --originals FILE | URL`: the originals listed in a file, a sitemap or a feed are fetched first,
politely, from real servers on loopback, and the scan looks for exactly those. Skipped without `scale`."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from pathlib import Path

import pytest

pytest.importorskip("dask.distributed")
pytest.importorskip("warcio")

from rights import api
from rights.config import Settings
from rights.errors import InputError
from rights.store import open_store
from tests import scan_fixtures as fx
from tests.sitesrv import SiteServer

HOST = "news.crawl.test"
HTML = {"Content-Type": "text/html; charset=utf-8"}


def _served_url(original: str) -> str:
    return original.replace(fx.SITE, f"http://{HOST}")


@contextlib.contextmanager
def serving_originals(site: SiteServer, extra: dict[str, bytes] | None = None) -> Iterator[list[str]]:
    """The three originals of the scan fixtures, served on loopback (plus `extra` paths); yields their URLs."""
    urls = []
    with contextlib.ExitStack() as stack:
        stack.enter_context(site.route(HOST, "/robots.txt", status=404))
        for original, (title, paragraphs, footer) in fx.ORIGINALS.items():
            url = _served_url(original)
            body = fx.article_html(
                title, paragraphs, footer + " <p>Harbour Times</p>", site_name="Harbour Times"
            )
            stack.enter_context(site.route(HOST, url.split(HOST, 1)[1], body=body.encode(), headers=HTML))
            urls.append(url)
        for path, body in (extra or {}).items():
            stack.enter_context(
                site.route(HOST, path, body=body, headers={"Content-Type": "application/xml"})
            )
        yield urls


@pytest.fixture
def archive(tmp_path: Path) -> Path:
    path = tmp_path / "a.warc.gz"
    fx.write_main(path)
    return path


def _sources(findings: list[dict[str, object]]) -> set[str]:
    return {str(f["source_url"]) for f in findings}


def test_a_list_of_urls_is_fetched_then_looked_for(
    site: SiteServer, settings: Settings, archive: Path, tmp_path: Path
) -> None:
    listing = tmp_path / "originals.txt"
    with serving_originals(site) as urls:
        listing.write_text("# our three stories\n" + "\n".join(urls) + "\n", encoding="utf-8")
        summary = api.scan([archive], originals=str(listing), workers=1, settings=settings)
    assert summary.originals == 3
    assert _sources(summary.findings) <= set(urls) and summary.findings
    assert any(f["kind"] == "copied_without_attribution" and f["url"] == "http://copycat.test/ferry"
               for f in summary.findings)  # fmt: skip
    for url in urls:
        assert len(site.requests(host=HOST, path=url.split(HOST, 1)[1])) == 1
    with open_store(settings.database()) as store:
        assert {row["url"] for row in store.stored_pages()} == set(urls)


def test_a_sitemap_names_the_originals(site: SiteServer, settings: Settings, archive: Path) -> None:
    paths = [_served_url(o).split(HOST, 1)[1] for o in fx.ORIGINALS]
    locs = "".join(f"<url><loc>http://{HOST}{path}</loc></url>" for path in paths)
    sitemap = (
        f'<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{locs}</urlset>'
    )
    with serving_originals(site, {"/sitemap.xml": sitemap.encode()}) as urls:
        summary = api.scan([archive], originals=f"http://{HOST}/sitemap.xml", workers=1, settings=settings)
    assert summary.originals == 3 and _sources(summary.findings) <= set(urls) and summary.findings


def test_originals_that_name_no_page_are_bad_input(
    site: SiteServer, settings: Settings, archive: Path, tmp_path: Path
) -> None:
    not_urls = tmp_path / "files.txt"
    not_urls.write_text("story.html\n", encoding="utf-8")
    with pytest.raises(InputError, match="is not an http"):
        api.scan([archive], originals=str(not_urls), workers=1, settings=settings)
    with (
        serving_originals(site, {"/empty.xml": b"<urlset></urlset>"}),
        pytest.raises(InputError, match="neither a feed nor a sitemap"),
    ):
        api.scan([archive], originals=f"http://{HOST}/empty.xml", workers=1, settings=settings)
