"""Audit report renderers: grouping and counts, every format, hostile input, deterministic output."""

from __future__ import annotations

import csv
import io
import json
import random
import re
from dataclasses import fields, replace
from html.parser import HTMLParser

import pytest

from rights.auditing.models import AuditReport, ReportFinding
from rights.errors import UsageError
from rights.matching.models import Passage
from rights.models import Evidence, Zone
from rights.report.audit import (
    FORMATS,
    render,
    render_csv,
    render_html,
    render_json,
    render_markdown,
    render_table,
)
from rights.report.audit_common import group_by_site, is_web_url, passage_excerpt, summarize, words_copied
from rights.report.audit_data import CSV_COLUMNS, csv_cell
from rights.report.audit_html import CSP
from rights.report.audit_text import md
from rights.report.highlight import highlight
from tests.audit_report_sample import COURIER, COURIER_COPY, finding, hostile_report, passage, sample_report

# ------------------------------------------------------------------------------------ grouping and counts


def test_findings_are_grouped_by_site_then_post_in_order() -> None:
    """Sites by name (a site without findings included), posts by URL, findings by kind then source."""
    groups = group_by_site(sample_report())
    assert [g.site for g in groups] == ["blog.example", "news.example.org", "quiet.example"]
    assert [p.url for p in groups[0].posts] == [
        "https://blog.example/2023/11/moscow",
        "https://blog.example/2024/05/bridge",
        "https://blog.example/2024/05/tokyo",
    ]
    bridge = groups[0].posts[1]
    assert bridge.title == "Bridge to close for a year"
    assert [f.kind for f in bridge.findings] == ["attribution_without_link", "copied_without_attribution"]
    assert groups[2].posts == ()


def test_summary_counts_per_state_kind_and_site() -> None:
    summary = summarize(sample_report())
    assert summary.total == 7
    assert summary.by_state == {"new": 2, "open": 3, "fixed": 2}
    assert summary.by_kind["copied_without_attribution"] == {"new": 1, "open": 1, "fixed": 0, "total": 2}
    assert next(iter(summary.by_kind)) == "copied_without_attribution"  # the order of AUDIT_FINDING_KINDS
    assert summary.by_site["quiet.example"] == {"new": 0, "open": 0, "fixed": 0, "total": 0}
    assert summary.by_site["news.example.org"]["total"] == 3


def test_an_unknown_state_or_kind_is_counted_not_dropped() -> None:
    odd = finding("blog.example", "https://blog.example/x", "future_kind", "reopened", None)
    summary = summarize(sample_report([odd]))
    assert summary.by_state == {"new": 0, "open": 0, "fixed": 0, "reopened": 1}
    assert summary.by_kind == {"future_kind": {"new": 0, "open": 0, "fixed": 0, "reopened": 1, "total": 1}}
    assert "1 reopened" in render_table(sample_report([odd]))


def test_words_copied_counts_matched_words_and_never_boilerplate() -> None:
    counted = Passage(0, 10, 0, 10, 12, "a", "a", matched_words=9)
    unmatched = Passage(0, 10, 0, 10, 5, "a", "a")  # matched_words not filled in: words instead
    boilerplate = Passage(0, 10, 0, 10, 7, "a", "a", matched_words=7, boilerplate=True)
    item = finding(
        "s",
        "https://s/p",
        "copied_without_attribution",
        "new",
        None,
        passages=(counted, unmatched, boilerplate),
    )
    assert words_copied(item) == 14


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("https://example.org/a?b=c#d", True),
        ("HTTP://EXAMPLE.ORG/", True),
        ("https://bücher.example/straße", True),
        ("javascript:alert(1)", False),
        ("JaVaScRiPt:alert(1)", False),
        ("java\nscript:alert(1)", False),
        (" https://example.org/", False),
        ("https://example.org/\u202etxt", False),
        ("data:text/html,<script>alert(1)</script>", False),
        ("//example.org/", False),
        ("/relative/path", False),
        ("https://", False),
        ("https://[::1", False),
        ("", False),
        (None, False),
    ],
)
def test_only_absolute_http_urls_become_links(url: str | None, expected: bool) -> None:
    assert is_web_url(url) is expected


def test_render_dispatches_and_refuses_unknown_formats() -> None:
    report = sample_report()
    assert FORMATS == ("table", "markdown", "html", "json", "csv")
    assert render(report, "csv") == render_csv(report)
    with pytest.raises(UsageError, match="unknown report format 'xml': use one of table, markdown"):
        render(report, "xml")


# ---------------------------------------------------------------------------------------- determinism


@pytest.mark.parametrize("fmt", FORMATS)
def test_output_does_not_depend_on_input_order(fmt: str) -> None:
    """The same findings in any order, and the sites in any order, give byte-identical output."""
    report = hostile_report()
    shuffled = list(report.findings)
    random.Random(4).shuffle(shuffled)
    other = replace(report, findings=tuple(shuffled), sites=tuple(reversed(report.sites)))
    assert render(other, fmt) == render(report, fmt)
    assert render(report, fmt) == render(report, fmt)


@pytest.mark.parametrize("fmt", FORMATS)
def test_an_empty_first_run_renders(fmt: str) -> None:
    report = AuditReport(None, None, "2024-05-08T09:30:00+00:00", ("quiet.example",), 12, ())
    out = render(report, fmt)
    assert "quiet.example" in out or out == ",".join(CSV_COLUMNS) + "\r\n"
    if fmt in ("table", "markdown", "html"):
        assert "no previous run to compare with" in out


# ------------------------------------------------------------------------------------------------- table


def test_table_summary_then_sites_posts_and_findings() -> None:
    out = render_table(sample_report())
    lines = out.splitlines()
    assert lines[0] == "Audit report: blog.example, news.example.org, quiet.example"
    assert lines[1] == "Run 7, compared with run 6; generated 2024-05-08T09:30:00+00:00; 143 pages checked"
    assert lines[2] == "Findings: 7 (2 new, 3 still open, 2 fixed)"
    assert "  Copied without attribution      2  (1 new, 1 still open)" in lines
    assert "== quiet.example: no findings" in lines
    assert out.index("== blog.example") < out.index("== news.example.org") < out.index("== quiet.example")
    assert "    STILL OPEN Attribution without link" in lines
    assert "    FIXED      Excessive quotation" in lines
    assert "  東京の新しい歩道橋 <https://blog.example/2024/05/tokyo>" in lines


def test_table_shortens_passages_and_counts_the_rest() -> None:
    long = passage(COURIER_COPY * 3, COURIER * 3)
    many = finding(
        "blog.example",
        "https://blog.example/p",
        "copied_without_attribution",
        "new",
        None,
        passages=(long,) * 5,
    )
    out = render_table(sample_report([many]))
    passage_lines = [line for line in out.splitlines() if "post: “" in line]
    assert len(passage_lines) == 3
    assert all(len(line) < 15 + 40 + 2 * 90 + 20 for line in passage_lines)
    assert "…” | source: “The town council" in passage_lines[0]
    assert "... and 2 more passages (see --format json or html)" in out


def test_table_strips_terminal_escapes_and_bidi_overrides() -> None:
    out = render_table(hostile_report())
    assert "\x1b" not in out and "\u202e" not in out
    assert "-2+3 �[31mred�[0m �evil" in out


# ---------------------------------------------------------------------------------------------- markdown


def test_markdown_headings_counts_table_and_quoted_passages() -> None:
    out = render_markdown(sample_report())
    assert out.startswith("# Audit report: blog.example, news.example.org, quiet.example\n")
    assert "| kind | new | still open | fixed | total |" in out
    assert "| Copied without attribution | 1 | 1 | 0 | 2 |" in out
    assert "| **all** | **2** | **3** | **2** | **7** |" in out
    assert "## blog.example\n\n1 new, 2 still open, 1 fixed.\n" in out
    assert "## quiet.example\n\nNo findings.\n" in out
    assert "### [Bridge to close for a year](<https://blog.example/2024/05/bridge>)" in out
    assert "#### ~~Fixed: Excessive quotation~~ (fixed)" in out
    assert "> **Post:** «Мы не планируем закрывать мост до весны», — сказал глава района журналистам." in out
    assert "> **Source:** 東京都は昨日、隅田川に新しい歩道橋を建設すると発表しました。" in out
    assert "- Source: <https://gazeta.example/most>" in out


def test_markdown_escapes_page_text_and_links_only_web_urls() -> None:
    out = render_markdown(hostile_report())
    assert not re.findall(r"(?<!\\)<(?!https?://)", out)  # every < is escaped, or opens one of our links
    assert "\\<script\\>window.\\_\\_pwned=1;" in out
    assert "javascript:alert(document.domain)" in out  # shown ...
    assert "](<javascript" not in out.lower() and "](<data:" not in out  # ... never linked
    assert '### [\\-2+3 �\\[31mred�\\[0m �evil](<https://evil.example/a"onmouseover="x>)' in out


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("1. not a list", "1\\. not a list"),
        ("- not a list", "\\- not a list"),
        ("[x](javascript:y)", "\\[x\\](javascript:y)"),
        ("a *b* _c_ `d` | e & f ~ g", "a \\*b\\* \\_c\\_ \\`d\\` \\| e \\& f \\~ g"),
        ("line\nbreak", "line break"),
    ],
)
def test_md_makes_text_literal(text: str, expected: str) -> None:
    assert md(text) == expected


# -------------------------------------------------------------------------------------------------- json


def test_json_is_complete_and_round_trips() -> None:
    """Every field of every finding, passage and evidence comes back: the report can be rebuilt from it."""
    report = hostile_report()
    data = json.loads(render_json(report))
    assert data["format"] == "rights.audit-report" and data["version"] == 1
    assert (data["run_id"], data["previous_run_id"], data["pages_checked"]) == (7, 6, 143)
    assert data["sites"] == ["blog.example", "evil.example", "news.example.org", "quiet.example"]
    rebuilt = []
    for item in data["findings"]:
        assert item["words_copied"] == words_copied(ReportFinding(**_finding_fields(item)))
        rebuilt.append(ReportFinding(**_finding_fields(item)))
    assert sorted(rebuilt, key=lambda f: f.key) == sorted(report.findings, key=lambda f: f.key)


def _finding_fields(item: dict[str, object]) -> dict[str, object]:
    out = {f.name: item[f.name] for f in fields(ReportFinding)}
    out["passages"] = tuple(Passage(**p) for p in item["passages"])  # type: ignore[attr-defined]
    out["evidence"] = tuple(Evidence(**{**e, "zone": Zone(e["zone"])}) for e in item["evidence"])  # type: ignore[attr-defined]
    return out


def test_json_is_sorted_and_names_post_kind_and_state() -> None:
    out = render_json(sample_report())
    assert out == json.dumps(json.loads(out), indent=2, sort_keys=True, ensure_ascii=False) + "\n"
    data = json.loads(out)
    keys = [(f["site"], f["post_url"], f["kind"], f["source_url"] or "") for f in data["findings"]]
    assert keys == sorted(keys)
    first = data["findings"][0]
    assert (first["post_url"], first["kind"], first["state"]) == (
        "https://blog.example/2023/11/moscow",
        "excessive_quotation",
        "fixed",
    )
    assert first["passages"][0]["copy_start"] == 0 and first["passages"][0]["original_end"] == 40 + len(
        first["passages"][0]["original_text"]
    )
    assert data["summary"]["by_state"] == {"new": 2, "open": 3, "fixed": 2}
    assert "東京の新しい歩道橋" in out  # UTF-8, not \\u escapes


# --------------------------------------------------------------------------------------------------- csv


def _rows(text: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO(text, newline="")))


def test_csv_one_row_per_finding() -> None:
    rows = _rows(render_csv(sample_report()))
    assert tuple(rows[0]) == CSV_COLUMNS
    assert len(rows) == 8
    by_url = {(r[1], r[3]): dict(zip(CSV_COLUMNS, r, strict=True)) for r in rows[1:]}
    bridge = by_url[("https://blog.example/2024/05/bridge", "copied_without_attribution")]
    assert bridge["state"] == "new" and bridge["source_url"] == "https://courier.example/story/bridge"
    assert bridge["words_copied"] == str(sum(p.matched_words for p in sample_report().findings[-1].passages))
    wire = by_url[("https://news.example.org/wire/storm", "attribution_to_wrong_source")]
    assert wire["post_title"] == "" and wire["words_copied"] == "0"  # no title; boilerplate not counted
    assert (
        by_url[("https://blog.example/2024/05/tokyo", "copied_without_attribution")]["post_title"]
        == "東京の新しい歩道橋"
    )


def test_csv_cells_cannot_start_a_formula() -> None:
    rows = _rows(render_csv(hostile_report()))
    cells = [cell for row in rows[1:] for cell in row]
    assert not [cell for cell in cells if cell.startswith(("=", "+", "-", "@", "\t", "\r"))]
    assert "'=HYPERLINK(" in "".join(cells)
    assert "'@cmd|' /C calc'!A0" in cells
    assert "'+1-1" in cells and "'@SUM(A1:A9)" in cells


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("=1+1", "'=1+1"),
        ("+1", "'+1"),
        ("-1", "'-1"),
        ("@x", "'@x"),
        ("\t=1", "'\t=1"),
        ("\r=1", "'\r=1"),
        ("a=1", "a=1"),
        ("", ""),
        (None, ""),
        (12, "12"),
    ],
)
def test_csv_cell(value: object, expected: str) -> None:
    assert csv_cell(value) == expected


# -------------------------------------------------------------------------------------------------- html


class _Tags(HTMLParser):
    """Every start tag with its attributes, and the text inside each <mark>."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.marks: list[str] = []
        self._in_mark = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))
        if tag == "mark":
            self._in_mark = True
            self.marks.append("")

    def handle_endtag(self, tag: str) -> None:
        if tag == "mark":
            self._in_mark = False

    def handle_data(self, data: str) -> None:
        if self._in_mark:
            self.marks[-1] += data


def _parse(html: str) -> _Tags:
    parser = _Tags()
    parser.feed(html)
    parser.close()
    return parser


def test_html_markup_is_only_ours() -> None:
    """Hostile titles, text, URLs and passages add no element, no attribute and no link of their own."""
    page = render_html(hostile_report())
    tags = _parse(page).tags
    names = {name for name, _ in tags}
    assert names <= {
        "html", "head", "meta", "title", "style", "body", "header", "h1", "h2", "h3", "p", "main", "section",
        "ul", "li", "span", "div", "table", "thead", "tbody", "tfoot", "tr", "th", "td", "dl", "dt", "dd",
        "nav", "a", "article", "figure", "figcaption", "blockquote", "mark", "details", "summary", "q",
        "code", "footer",
    }  # fmt: skip
    assert not [attrs for _, attrs in tags if any(name.startswith("on") for name in attrs)]
    hrefs = [attrs["href"] or "" for name, attrs in tags if name == "a"]
    assert hrefs and all(h.startswith(("https://", "http://", "#")) for h in hrefs)
    assert 'https://evil.example/a"onmouseover="x' in hrefs  # one attribute value, quotes and all
    assert not [attrs for _, attrs in tags if "src" in attrs]
    assert "&lt;script&gt;window.__pwned=1;" in page and "javascript:alert(document.domain)" in page
    assert "\x1b" not in page and "\u202e" not in page


def test_html_is_self_contained_with_a_strict_csp() -> None:
    page = render_html(sample_report())
    assert CSP == "default-src 'none'; style-src 'unsafe-inline'; img-src data:"
    assert f'<meta http-equiv="Content-Security-Policy" content="{CSP}">' in page
    assert '<meta name="viewport" content="width=device-width, initial-scale=1">' in page
    assert "prefers-color-scheme: dark" in page and "@media (max-width: 720px)" in page
    for fetching in ("<link", "<script", "@import", "url(", "src="):
        assert fetching not in page


def test_html_marks_the_shared_words_in_both_passages() -> None:
    page = render_html(sample_report())
    marks = _parse(page).marks
    assert marks.count("The town council of Millbrook voted on Tuesday to close the old") == 2
    assert marks.count("bridge for a") == 2
    assert "stone" not in " ".join(marks) and "delivery" not in " ".join(marks)  # the source's own words
    assert marks.count("隅田川に新しい歩道橋を建設すると発表") == 2
    assert marks.count("أنها ستغلق الجسر القديم لمدة عام") == 2
    assert "2024 Wire Service. All rights reserved" in marks  # boilerplate is shown (and said not to count)


def test_html_states_are_badges_and_fixed_findings_are_marked() -> None:
    page = render_html(sample_report())
    assert page.count('class="badge badge-new"') == 2 + 1  # two findings and the legend
    assert page.count('class="badge badge-open"') == 3 + 1
    assert page.count('class="badge badge-fixed"') == 2 + 1
    assert page.count('class="finding state-fixed"') == 2
    assert page.count("No longer found in this run.") == 2
    assert '<tfoot><tr><th scope="row">All</th><td>2</td><td>3</td><td>2</td><td>7</td></tr></tfoot>' in page


def test_html_groups_sites_and_posts_in_order() -> None:
    page = render_html(sample_report())
    order = [page.index(f">{site}</h2>") for site in ("blog.example", "news.example.org", "quiet.example")]
    assert order == sorted(order)
    assert page.index("2023/11/moscow") < page.index("2024/05/bridge") < page.index("2024/05/tokyo")
    assert (
        '<h3 dir="auto"><a href="https://news.example.org/wire/storm" rel="nofollow noopener noreferrer">(no title)</a></h3>'
        in page
    )


# --------------------------------------------------------------------------------------------- highlight


def test_highlight_marks_runs_of_shared_words_in_each_text() -> None:
    post, source = highlight(
        "The Mayor said the bridge will close in May, residents said.",
        "the mayor said: the old bridge will close in May.",
    )
    assert post.marked_text == ["The Mayor said the", "bridge will close in May"]
    assert source.marked_text == ["the mayor said: the", "bridge will close in May"]
    assert "".join(piece for piece, _ in post.segments()) == post.text


def test_highlight_without_shared_words_or_text() -> None:
    assert highlight("alpha beta", "gamma delta")[0].spans == ()
    empty, other = highlight("", "x y")
    assert (empty.text, empty.spans, other.spans) == ("", (), ())


def test_highlight_offsets_refer_to_the_nfc_text() -> None:
    post, _ = highlight("Cafe\u0301 au lait", "café au lait")
    assert post.text == "Café au lait" and post.marked_text == ["Café au lait"]


def test_highlight_long_texts_use_the_shared_ends(monkeypatch: pytest.MonkeyPatch) -> None:
    """Past the opcode budget the common start and end are still marked; the middle is left plain."""
    monkeypatch.setattr("rights.report.highlight.MAX_OPCODE_CELLS", 4)
    post, source = highlight(
        "one two three red green blue four five", "one two three cyan blue green four five"
    )
    assert post.marked_text == ["one two three", "four five"]
    assert source.marked_text == ["one two three", "four five"]
    words = " ".join(f"w{i}" for i in range(20_000))
    post, _ = highlight(words, words)
    assert post.spans == ((0, len(words)),)


def test_a_passage_line_never_opens_with_a_fragment_or_glues_blocks() -> None:
    # the tail of a heading the alignment reached into: shown from the first whole block
    assert (
        passage_excerpt("fish hall\n\nAfter four winters in a car park.", 80)
        == "…After four winters in a car park."
    )
    # a passage that starts inside a sentence says so
    assert passage_excerpt("said the mayor on Tuesday.", 80) == "…said the mayor on Tuesday."
    # blocks are not glued into one sentence
    assert passage_excerpt("Ferry timetable to double\n\nThe ferry will run.", 80) == (
        "Ferry timetable to double ¶ The ferry will run."
    )
    # a lowercase first block that is long is a passage of its own, kept
    text = "and then the council voted seven to two on the plan\nNext block."
    assert passage_excerpt(text, 200) == "…and then the council voted seven to two on the plan ¶ Next block."
    assert len(passage_excerpt("Word " * 100, 40)) <= 40
