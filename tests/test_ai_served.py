"""AI-usage preferences read from real HTTP servers on loopback: robots.txt (AI crawler groups, Content-Usage,
Content-Signal, License), response headers (Content-Usage, X-Robots-Tag, tdm-reservation), tdmrep.json and
RSL documents served, not mocked; and `check --use ai-train | ai-input | search` explaining which signal
decides."""

from __future__ import annotations

import json
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from pathlib import Path

import pytest
from typer.testing import CliRunner

from rights import api
from rights.cli import app
from rights.config import Settings
from rights.report.check import verdict_table
from rights.report.inspection import inspection_dict, inspection_table
from tests.sitesrv import SiteServer

HOST = "news.crawl.test"
HTML = {"Content-Type": "text/html; charset=utf-8"}
CC_BY_PAGE = (
    b'<!doctype html><html lang="en"><head><title>Tide tables | Coast Notes</title>'
    b'<meta property="og:site_name" content="Coast Notes">'
    b'<link rel="license" href="https://creativecommons.org/licenses/by/4.0/"></head>'
    b"<body><article><h1>Tide tables</h1><p>By Rosa Delgado</p>"
    b"<p>The tide turns twice a day along this coast, and a table tells a sailor when to leave the harbour."
    b"</p></article></body></html>"
)
PLAIN_PAGE = CC_BY_PAGE.replace(
    b'<link rel="license" href="https://creativecommons.org/licenses/by/4.0/">', b""
)
RSL = b"""<?xml version="1.0" encoding="UTF-8"?>
<rsl xmlns="https://rslstandard.org/rsl">
  <content url="/stories/*">
    <copyright type="organization" contactEmail="licensing@coast.example">Coast Notes</copyright>
    <license>
      <permits type="usage">search</permits>
      <prohibits type="usage">ai-train</prohibits>
    </license>
  </content>
</rsl>"""


@contextmanager
def served(site: SiteServer, routes: dict[str, tuple[int, dict[str, str], bytes]]) -> Iterator[None]:
    with ExitStack() as stack:
        for path, (status, headers, body) in routes.items():
            stack.enter_context(site.route(HOST, path, status=status, headers=headers, body=body))
        yield


def _page(body: bytes = CC_BY_PAGE, **headers: str) -> tuple[int, dict[str, str], bytes]:
    return 200, {**HTML, **headers}, body


def _text(body: str) -> tuple[int, dict[str, str], bytes]:
    return 200, {"Content-Type": "text/plain"}, body.encode()


URL = f"http://{HOST}/stories/tides.html"


def test_robots_txt_groups_and_preference_lines_are_read_with_their_lines(
    site: SiteServer, settings: Settings
) -> None:
    robots = "User-agent: GPTBot\nDisallow: /\n\nUser-agent: *\nAllow: /\nContent-Signal: search=yes, ai-input=yes\n"
    with served(site, {"/robots.txt": _text(robots), "/stories/tides.html": _page()}):
        usage = api.inspect(URL, settings=settings, sites=True).ai_usage
    assert usage is not None
    assert usage.preference("ai-train") == "disallowed" and usage.preference("search") == "allowed"
    gpt = next(s for s in usage.signals if s.family == "robots_token" and "GPTBot" in s.detail)
    assert gpt.where == "robots.txt line 2" and gpt.evidence.text == "Disallow: /"
    signal = next(s for s in usage.signals if s.family == "content_signal" and s.use == "ai-input")
    assert signal.preference == "allowed" and signal.where == "robots.txt line 6"
    assert len(site.requests(host=HOST, path="/robots.txt")) == 1


def test_headers_are_read_content_usage_x_robots_tag_and_tdm(site: SiteServer, settings: Settings) -> None:
    page = _page(
        **{"Content-Usage": "train-ai=n, search=y", "X-Robots-Tag": "nosnippet", "tdm-reservation": "1"}
    )
    with served(site, {"/robots.txt": (404, {}, b""), "/stories/tides.html": page}):
        usage = api.inspect(URL, settings=settings, sites=True).ai_usage
    assert usage is not None
    families = {(s.family, s.use, s.preference) for s in usage.signals}
    assert ("content_usage", "ai-train", "disallowed") in families
    assert ("content_usage", "search", "allowed") in families
    assert ("robots_meta", "ai-input", "disallowed") in families
    assert ("tdmrep", "ai-train", "disallowed") in families
    assert usage.preference("ai-train") == "disallowed"


def test_tdmrep_json_and_rsl_documents_are_fetched_and_read(site: SiteServer, settings: Settings) -> None:
    tdmrep = json.dumps([{"location": "/stories/*", "tdm-reservation": 1}]).encode()
    robots = f"User-agent: *\nAllow: /\nLicense: http://{HOST}/license.xml\n"
    routes = {
        "/robots.txt": _text(robots),
        "/.well-known/tdmrep.json": (200, {"Content-Type": "application/json"}, tdmrep),
        "/license.xml": (200, {"Content-Type": "application/rsl+xml"}, RSL),
        "/stories/tides.html": _page(),
    }
    with served(site, routes):
        usage = api.inspect(URL, settings=settings, sites=True).ai_usage
    assert usage is not None
    assert any(s.family == "tdmrep" and s.where.endswith("tdmrep.json") for s in usage.signals)
    rsl = {(s.use, s.preference) for s in usage.signals if s.family == "rsl"}
    assert ("search", "allowed") in rsl and ("ai-train", "disallowed") in rsl


def test_check_ai_train_names_the_reservation_over_the_cc_licence(
    site: SiteServer, settings: Settings
) -> None:
    robots = "User-agent: GPTBot\nDisallow: /\n\nUser-agent: *\nAllow: /\n"
    with served(site, {"/robots.txt": _text(robots), "/stories/tides.html": _page()}):
        result = api.check(URL, use="ai-train", settings=settings)
    out = verdict_table(result)
    assert result.verdict.verdict == "permission_required"
    assert "robots.txt line 2" in out and "CC BY 4.0" in out
    assert "The reservation decides" in out and "although CC BY 4.0" in out and "Art. 4(3)" in out


def test_check_with_an_rsl_document_allows_search_and_reserves_training(
    site: SiteServer, settings: Settings
) -> None:
    robots = f"User-agent: *\nAllow: /\nLicense: http://{HOST}/license.xml\n"
    routes = {
        "/robots.txt": _text(robots),
        "/license.xml": (200, {"Content-Type": "application/rsl+xml"}, RSL),
        "/stories/tides.html": _page(PLAIN_PAGE),
    }
    with served(site, routes):
        search = api.check(URL, use="search", settings=settings)
        train = api.check(URL, use="ai-train", settings=settings)
    assert search.verdict.verdict == "allowed"
    assert any("RSL document" in step.text and "allows" in step.text for step in search.verdict.steps)
    assert train.verdict.verdict == "permission_required"
    assert "RSL document" in verdict_table(train) and "reserves training an AI model" in verdict_table(train)
    assert len(site.requests(host=HOST, path="/license.xml")) == 2  # once for each check


def test_without_reservations_the_licence_and_the_eu_exception_decide(
    site: SiteServer, settings: Settings
) -> None:
    with served(site, {"/robots.txt": (404, {}, b""), "/stories/tides.html": _page()}):
        licensed = api.check(URL, use="ai-train", settings=settings)
    assert licensed.verdict.verdict == "allowed_with_conditions"
    assert any(c.kind == "credit_author" for c in licensed.verdict.conditions)
    with served(site, {"/robots.txt": (404, {}, b""), "/stories/tides.html": _page(PLAIN_PAGE)}):
        plain = api.check(URL, use="ai-train", settings=settings)
    assert plain.verdict.verdict == "allowed_with_conditions"
    assert any("DSM Directive, Art. 4" in step.text for step in plain.verdict.steps)
    assert {c.kind for c in plain.verdict.conditions} == {"tdm_access", "tdm_retention"}


@pytest.mark.parametrize(
    ("routes", "family", "reason"),
    [
        (
            {"/.well-known/tdmrep.json": (200, {"Content-Type": "application/json"}, b"[{not json")},
            "tdmrep",
            "",
        ),
        ({"/.well-known/tdmrep.json": (200, {}, b"[" + b" " * 10_500_000 + b"]")}, "tdmrep", "larger"),
        ({"/license.xml": (200, {}, b"<rsl><content url='/'>")}, "rsl", ""),
        (
            {
                "/license.xml": (
                    200,
                    {},
                    b'<?xml version="1.0"?><!DOCTYPE r [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;">]>'
                    b"<rsl>&b;</rsl>",
                )
            },
            "rsl",
            "",
        ),
    ],
)
def test_broken_site_files_are_unreadable_signals_not_errors(
    site: SiteServer,
    settings: Settings,
    routes: dict[str, tuple[int, dict[str, str], bytes]],
    family: str,
    reason: str,
) -> None:
    robots = f"User-agent: *\nAllow: /\nLicense: http://{HOST}/license.xml\n"
    with served(site, {"/robots.txt": _text(robots), "/stories/tides.html": _page(), **routes}):
        inspection = api.inspect(URL, settings=settings, sites=True)
    usage = inspection.ai_usage
    assert usage is not None
    bad = [u for u in usage.unreadable if u.family == family]
    assert bad and reason in bad[0].reason
    assert inspection_dict(inspection)["ai_usage"]["unreadable"]  # recorded, shown
    assert "Unreadable:" in inspection_table(inspection)


def test_a_bad_content_usage_header_is_unreadable(site: SiteServer, settings: Settings) -> None:
    page = _page(**{"Content-Usage": "train-ai=n, (broken"})
    with served(site, {"/robots.txt": (404, {}, b""), "/stories/tides.html": page}):
        usage = api.inspect(URL, settings=settings, sites=True).ai_usage
    assert usage is not None and any(u.family == "content_usage" for u in usage.unreadable)


def test_offline_reads_the_page_only_and_says_so(site: SiteServer) -> None:
    page = str(
        __import__("pathlib").Path(__file__).resolve().parents[1] / "fixtures" / "pages" / "cc-blog.html"
    )
    result = CliRunner().invoke(app, ["inspect", page, "--url", URL, "--offline", "--format", "json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)["ai_usage"]
    assert any("(offline)" in item for item in data["not_read"])
    assert site.requests(host=HOST) == []


def test_cli_check_ai_train_on_loopback(site: SiteServer, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("RIGHTS_RESOLVE", ",".join(site.resolve))
    monkeypatch.setenv("RIGHTS_DELAY", "0")
    monkeypatch.delenv("RIGHTS_OFFLINE")
    robots = "User-agent: GPTBot\nDisallow: /\n"
    with served(site, {"/robots.txt": _text(robots), "/stories/tides.html": _page()}):
        result = CliRunner().invoke(app, ["check", URL, "--use", "ai-train", "--allow-private"])
    assert result.exit_code == 1, result.output
    assert result.stdout.startswith("PERMISSION REQUIRED: ai-train use of Tide tables")


def test_the_docs_example_is_what_check_prints(site: SiteServer, settings: Settings) -> None:
    """docs/ai-usage.md shows this verdict; every line it shows must be a line check prints."""
    robots = "User-agent: GPTBot\nDisallow: /\n\nUser-agent: *\nAllow: /\n"
    with served(site, {"/robots.txt": _text(robots), "/stories/tides.html": _page()}):
        printed = verdict_table(api.check(URL, use="ai-train", settings=settings)).splitlines()
    doc = (Path(__file__).resolve().parents[1] / "docs" / "ai-usage.md").read_text(encoding="utf-8")
    example = doc.split("A page whose robots.txt disallows GPTBot", 1)[1].split("```")[1].strip().splitlines()
    assert example and all(line in printed for line in example), [
        line for line in example if line not in printed
    ]
