"""Copies outside the article text: a copy in a sidebar, a comment, a footer or a bare block of a page heavy
with chrome is found, and each passage says where it sits."""

from __future__ import annotations

import html
import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from rights.cli import app
from rights.matching import compare_pages, diff_pages, page_text
from rights.page import parse_page
from rights.page.models import Page
from tests.test_matching_helpers import BODY, HEADLINE, paragraphs

HOST = paragraphs("unrelated.txt")  # the copying page's own story, unrelated to the original
MENU = "".join(f'<li><a href="/s{i}">Section {i} of the site</a></li>' for i in range(15))


def _paras(texts: list[str]) -> str:
    return "".join(f"<p>{html.escape(t)}</p>" for t in texts)


def _original() -> Page:
    body = f"<article><h1>{html.escape(HEADLINE)}</h1>{_paras(BODY)}</article>"
    return parse_page(f"<html><body>{body}</body></html>".encode(), url="https://courier.example/story")


def _host(
    *,
    article: str = "",
    aside: str = "",
    comments: str = "",
    footer: str = "",
    loose: str = "",
    url: str = "https://harbour-weekly.example/ferry",
) -> Page:
    """A page of another site: menu, its own article, a sidebar, reader comments, a footer; `loose` is a bare
    block after the footer, outside every recognised region."""
    own = article or _paras(HOST)
    parts = [
        f"<header><nav><ul>{MENU}</ul></nav></header>",
        f"<main><article><h1>Ferry timetable changes</h1>{own}</article></main>",
        f'<aside class="sidebar"><h3>From around the web</h3>{aside}</aside>' if aside else "",
        f'<section id="comments" class="comments"><div class="comment">{comments}</div></section>'
        if comments
        else "",
        f"<footer><p>Harbour Weekly, 2 Quay Street.</p>{footer}</footer>",
        f"<div>{loose}</div>" if loose else "",
    ]
    doc = f"<html><body>{''.join(parts)}</body></html>"
    return parse_page(doc.encode(), url=url)


COPIED = BODY[1:4]


@pytest.mark.parametrize(
    ("where", "zone"),
    [
        ({"aside": _paras(COPIED)}, "aside"),
        ({"comments": _paras(COPIED)}, "comments"),
        ({"footer": _paras(COPIED)}, "footer"),
        ({"loose": _paras(COPIED)}, "other"),
    ],
)
def test_a_copy_outside_the_article_is_found_and_placed(where: dict[str, str], zone: str) -> None:
    match = compare_pages(_host(**where), _original())
    assert match.verdict in ("copy", "partial")
    assert match.copy_text_from == "page"
    counted = [p for p in match.passages if not p.boilerplate]
    assert counted and {p.copy_zone for p in counted} == {zone}
    assert sum(p.matched_words for p in counted) >= 0.9 * sum(len(t.split()) for t in COPIED)


def test_a_copy_in_the_article_is_compared_as_article_text() -> None:
    match = compare_pages(_host(article=_paras(BODY)), _original())
    assert match.verdict == "copy"
    assert match.copy_text_from == "article"
    assert {p.copy_zone for p in match.passages} == {"article"}
    assert match.copy_blocks == ()


def test_a_page_that_shares_nothing_stays_unrelated() -> None:
    match = compare_pages(
        _host(aside=_paras(["Five things to do this weekend in the harbour town."])), _original()
    )
    assert match.verdict == "unrelated"
    assert match.copy_text_from == "article"


def test_a_quotation_in_a_comment_is_still_a_quotation() -> None:
    quote = f"<blockquote>{html.escape(BODY[1])}</blockquote><p>Well said, I agree with every word.</p>"
    match = compare_pages(_host(comments=quote), _original())
    assert match.verdict in ("quote", "unrelated")
    assert all(p.quoted or p.boilerplate for p in match.passages)


def test_the_diff_of_a_copy_outside_the_article_reads_only_the_copied_blocks() -> None:
    original, copy = _original(), _host(aside=_paras(BODY))
    match = compare_pages(copy, original)
    assert match.copy_text_from == "page" and match.copy_blocks
    edits = diff_pages(original, copy, match.copy_blocks)
    added = " ".join(e.copy_text for e in edits if e.kind == "added")
    assert "Ferry timetable" not in added and HOST[0][:40] not in added  # the host's own story is not an edit
    assert not [e for e in edits if e.kind in ("changed", "removed") and len(e.original_text.split()) > 12]


def test_zones_of_a_whole_page_text() -> None:
    found = page_text(_host(comments=_paras(COPIED)), whole=True)
    assert found.origin == "page"
    start = found.text.index(COPIED[0][:30])
    assert found.zone_at(start, start + 50) == "comments"
    menu = found.text.index("Section 3 of the site")
    assert found.zone_at(menu, menu + 10) == "nav"


runner = CliRunner()


def test_compare_command_reports_the_zone(tmp_path: Path) -> None:
    copy, original = tmp_path / "copy.html", tmp_path / "original.html"
    body = f"<article><h1>{html.escape(HEADLINE)}</h1>{_paras(BODY)}</article>"
    original.write_text(f"<html><body>{body}</body></html>", encoding="utf-8")
    doc = (
        f"<html><body><header><nav><ul>{MENU}</ul></nav></header><main><article><h1>Ferry timetable</h1>"
        f'{_paras(HOST)}</article></main><aside class="sidebar">{_paras(COPIED)}</aside></body></html>'
    )
    copy.write_text(doc, encoding="utf-8")
    result = runner.invoke(app, ["compare", str(copy), str(original), "--format", "json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert data["copy"]["text_from"] == "page"
    assert data["verdict"] == "partial"
    assert {p["zone"] for p in data["passages"] if not p["boilerplate"]} == {"aside"}
    table = runner.invoke(app, ["compare", str(copy), str(original)])
    assert "(every visible block of the page," in table.output
    assert "where" in table.output.splitlines()[5] or any(
        " aside " in line for line in table.output.splitlines()
    )


def test_two_pages_of_one_site_are_compared_by_their_article_texts_only() -> None:
    # the site's own sidebar showing another of its stories is its template, not a copy
    sibling = _host(aside=_paras(COPIED), url="https://courier.example/other")
    match = compare_pages(sibling, _original())
    assert match.verdict == "unrelated" and match.copy_text_from == "article"
