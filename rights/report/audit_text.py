"""The audit report for people reading text: a terminal table and a Markdown document.

Page text (titles, descriptions, passages) is cleaned of control characters in both, so a hostile title
cannot move the cursor or recolour a terminal; Markdown also escapes every punctuation character that
Markdown or inline HTML could act on, and links only http(s) URLs.
"""

from __future__ import annotations

import re

from rights.auditing.models import AuditReport, ReportFinding
from rights.matching.models import Passage
from rights.report.audit_common import (
    STATE_LABELS,
    STATE_MEANINGS,
    PostGroup,
    SiteGroup,
    clean,
    counts_line,
    group_by_site,
    is_web_url,
    kind_label,
    passage_excerpt,
    plural,
    run_line,
    state_label,
    summarize,
    words_copied,
)

TABLE_PASSAGES = 3  # passages shown per finding in the table
TABLE_PASSAGE_CHARS = 90
STATE_WIDTH = max(len(label) for label in STATE_LABELS.values())
MARKDOWN_PASSAGE_CHARS = 600
_MD_INLINE = re.compile(r"([\\`*_\[\]<>!|~&#])")  # emphasis, code, links, images, HTML, tables, entities
_MD_LEADING = re.compile(r"^([-+=]|\d+[.)])")  # list items, setext underlines, ordered lists

# ------------------------------------------------------------------------------------------------ table


def _where(title: str | None, url: str | None) -> str:
    if title and url:
        return f"{clean(title)} <{clean(url)}>"
    return clean(title or url or "?")


def _finding_lines(finding: ReportFinding) -> list[str]:
    pad = " " * (5 + STATE_WIDTH)
    lines = [f"    {state_label(finding.state).upper():<{STATE_WIDTH}} {kind_label(finding.kind)}"]
    lines.append(f"{pad}{clean(finding.text)}")
    if finding.source_url or finding.source_title:
        lines.append(f"{pad}source: {_where(finding.source_title, finding.source_url)}")
    for passage in finding.passages[:TABLE_PASSAGES]:
        lines.append(f"{pad}{_passage_line(passage)}")
    if len(finding.passages) > TABLE_PASSAGES:
        more = len(finding.passages) - TABLE_PASSAGES
        lines.append(f"{pad}... and {more} more passage{'s' * (more > 1)} (see --format json or html)")
    if finding.first_seen or finding.last_seen:
        lines.append(f"{pad}first seen {finding.first_seen or '?'}, last seen {finding.last_seen or '?'}")
    if finding.capture:
        lines.append(f"{pad}capture: {clean(finding.capture)}")
    return lines


def _passage_line(passage: Passage) -> str:
    notes = [plural(passage.matched_words or passage.words, "word")]
    if passage.quoted:
        notes.append("quoted")
    if passage.boilerplate:
        notes.append("boilerplate, not counted")
    post = passage_excerpt(passage.copy_text, TABLE_PASSAGE_CHARS)
    source = passage_excerpt(passage.original_text, TABLE_PASSAGE_CHARS)
    return f"[{', '.join(notes)}] post: “{post}” | source: “{source}”"


def _site_lines(group: SiteGroup, counts: dict[str, int]) -> list[str]:
    lines = ["", f"== {clean(group.site)}: {counts_line(counts)}"]
    for post in group.posts:
        lines.append(f"  {_where(post.title or '(no title)', post.url)}")
        for finding in post.findings:
            lines.extend(_finding_lines(finding))
    return lines


def render_table(report: AuditReport) -> str:
    """A plain-text summary for a terminal: counts first, then site -> post -> findings."""
    summary = summarize(report)
    lines = [
        f"{report.title}: {clean(report.sites_line)}",
        f"{run_line(report)}; generated {clean(report.generated_at)}; {report.checked}",
        f"Findings: {summary.total} ({counts_line(summary.by_state)})",
    ]
    width = max((len(kind_label(k)) for k in summary.by_kind), default=0)
    for kind, counts in summary.by_kind.items():
        lines.append(f"  {kind_label(kind):<{width}}  {counts['total']:>4}  ({counts_line(counts)})")
    for group in group_by_site(report):
        lines.extend(_site_lines(group, summary.by_site[group.site]))
    if report.ai_changes:
        lines.append(f"AI-usage preferences changed since the previous audit: {len(report.ai_changes)}")
        lines += [f"  {clean(change.line())}" for change in report.ai_changes]
    return "\n".join(lines) + "\n"


# --------------------------------------------------------------------------------------------- markdown


def md(text: str) -> str:
    """Page text as literal Markdown: one line, every character Markdown or HTML could act on escaped."""
    text = _MD_INLINE.sub(r"\\\1", clean(text))
    return _MD_LEADING.sub(lambda m: m.group(1)[:-1] + "\\" + m.group(1)[-1], text)


def md_link(title: str | None, url: str | None) -> str:
    """`[title](<url>)` for an http(s) URL, else the escaped text."""
    label = md(title or url or "?")
    if url and is_web_url(url) and not re.search(r"[<>]", url):
        return f"[{label}](<{url}>)"
    if url and title:
        return f"{label} ({md(url)})"
    return label


def md_url(title: str | None, url: str | None) -> str:
    """An http(s) URL without a title as an autolink; anything else as `md_link` gives it."""
    if not title and url and is_web_url(url) and not re.search(r"[<>]", url):
        return f"<{url}>"
    return md_link(title, url)


def _md_counts(report: AuditReport) -> list[str]:
    summary = summarize(report)
    states = list(summary.by_state)
    lines = [
        "| kind | " + " | ".join(state_label(s) for s in states) + " | total |",
        "|---|" + "---:|" * (len(states) + 1),
    ]
    for kind, counts in summary.by_kind.items():
        cells = " | ".join(str(counts[s]) for s in states)
        lines.append(f"| {md(kind_label(kind))} | {cells} | {counts['total']} |")
    totals = " | ".join(f"**{summary.by_state[s]}**" for s in states)
    lines.append(f"| **all** | {totals} | **{summary.total}** |")
    return lines


def _md_passage(number: int, passage: Passage) -> list[str]:
    notes = [plural(passage.matched_words or passage.words, "word")]
    if passage.quoted:
        notes.append("quoted")
    if passage.boilerplate:
        notes.append("boilerplate, not counted")
    return [
        f"Passage {number} ({', '.join(notes)}):",
        "",
        f"> **Post:** {md(passage_excerpt(passage.copy_text, MARKDOWN_PASSAGE_CHARS))}",
        "",
        f"> **Source:** {md(passage_excerpt(passage.original_text, MARKDOWN_PASSAGE_CHARS))}",
        "",
    ]


def _md_finding(finding: ReportFinding) -> list[str]:
    state = state_label(finding.state)
    heading = f"#### {state.capitalize()}: {md(kind_label(finding.kind))}"
    if finding.state == "fixed":
        heading = f"#### ~~{state.capitalize()}: {md(kind_label(finding.kind))}~~ (fixed)"
    lines = [heading, "", md(finding.text), ""]
    facts = []
    if finding.source_url or finding.source_title:
        facts.append(f"- Source: {md_url(finding.source_title, finding.source_url)}")
    if finding.capture:
        facts.append(f"- Capture: {md(finding.capture)}")
    if finding.passages:
        facts.append(f"- Words copied: {words_copied(finding)}")
    if finding.first_seen or finding.last_seen:
        facts.append(
            f"- First seen {md(finding.first_seen or '?')}, last seen {md(finding.last_seen or '?')}"
        )
    lines += [*facts, ""] if facts else []
    for number, passage in enumerate(finding.passages, 1):
        lines += _md_passage(number, passage)
    return lines


def _md_post(post: PostGroup) -> list[str]:
    lines = [f"### {md_link(post.title or '(no title)', post.url)}", ""]
    for finding in post.findings:
        lines += _md_finding(finding)
    return lines


def render_markdown(report: AuditReport) -> str:
    """A Markdown document: summary and counts table, then a heading per site and per post."""
    summary = summarize(report)
    lines = [
        f"# {report.title}: {md(report.sites_line)}",
        "",
        f"{md(run_line(report))}. Generated {md(report.generated_at)}; {report.checked}.",
        "",
        f"**{summary.total} findings:** {md(counts_line(summary.by_state))}.",
        "",
        *_md_counts(report),
        "",
        *(f"- *{state_label(s)}*: {STATE_MEANINGS[s]}" for s in STATE_MEANINGS),
        "",
    ]
    for group in group_by_site(report):
        counts = counts_line(summary.by_site[group.site])
        lines += [f"## {md(group.site)}", "", md(counts[0].upper() + counts[1:]) + ".", ""]
        for post in group.posts:
            lines += _md_post(post)
    if report.ai_changes:
        lines += ["## AI-usage preferences changed since the previous audit", ""]
        lines += [f"- {md(change.line())}" for change in report.ai_changes]
    return "\n".join(lines).rstrip("\n") + "\n"
