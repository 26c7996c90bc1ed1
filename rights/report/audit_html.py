"""The audit report as one self-contained HTML page: inline CSS, no script, nothing fetched.

A strict Content-Security-Policy (`default-src 'none'; style-src 'unsafe-inline'; img-src data:`) means
that even markup smuggled into the page could neither run nor load anything; but nothing is smuggled in:
every piece of page text goes through `html.escape`, and only absolute http(s) URLs become `href`s (any
other URL, `javascript:` included, is shown as text). Each passage is shown twice, side by side: the post's
words and the source's, with the words they share in the same order marked (`<mark>`, see `highlight`).
Light and dark colour schemes follow the reader's setting; on a narrow screen the two sides stack.
"""

from __future__ import annotations

from html import escape as _escape

from rights.auditing.models import AuditReport, ReportFinding
from rights.matching.models import Passage
from rights.models import Evidence
from rights.report.audit_common import (
    STATE_MEANINGS,
    PostGroup,
    SiteGroup,
    counts_line,
    group_by_site,
    is_web_url,
    kind_label,
    plural,
    run_line,
    state_label,
    summarize,
    visible,
    words_copied,
)
from rights.report.highlight import Marked, highlight
from rights.report.style import CSS


def escape(text: str) -> str:
    """Page text for HTML: escaped (quotes too), controls and bidi overrides shown as U+FFFD."""
    return _escape(visible(text), quote=True)


CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:"
_STATE_ICONS = {"new": "●", "open": "◐", "fixed": "✓"}


def link(text: str, url: str | None) -> str:
    """`text` as a link to `url` when that is an http(s) URL; otherwise the escaped text alone."""
    if url and is_web_url(url):
        return f'<a href="{escape(url)}" rel="nofollow noopener noreferrer">{escape(text)}</a>'
    return escape(text)


def marked_html(marked: Marked) -> str:
    """The text, escaped, with each marked span inside `<mark>`."""
    return "".join(
        f"<mark>{escape(piece)}</mark>" if is_marked else escape(piece)
        for piece, is_marked in marked.segments()
    )


def badge(state: str) -> str:
    icon = _STATE_ICONS.get(state, "•")
    label = state_label(state).capitalize()
    return f'<span class="badge badge-{escape(state)}"><span aria-hidden="true">{icon}</span> {escape(label)}</span>'


def _ai_changes(report: AuditReport) -> str:
    """The sites whose AI-usage preferences changed since the previous audit (nothing when none did)."""
    if not report.ai_changes:
        return ""
    items = "".join(
        f"<li><strong>{escape(c.origin)}</strong>: {escape(c.use)} {escape(c.old)} &rarr; "
        f'<strong>{escape(c.new)}</strong> <span class="muted">({escape(c.because)})</span></li>'
        for c in report.ai_changes
    )
    return (
        '<section class="ai-changes" aria-labelledby="ai-changes"><h2 id="ai-changes">AI-usage preferences '
        f"changed since the previous audit</h2><ul>{items}</ul></section>"
    )


def _summary(report: AuditReport) -> str:
    summary = summarize(report)
    states = list(summary.by_state)
    tiles = "".join(
        f'<li class="tile tile-{escape(s)}"><span class="n">{summary.by_state[s]}</span> {escape(state_label(s))}</li>'
        for s in states
    )
    tiles += f'<li class="tile tile-total"><span class="n">{summary.total}</span> in all</li>'
    head = "".join(f'<th scope="col">{escape(state_label(s).capitalize())}</th>' for s in states)
    rows = "".join(
        f'<tr><th scope="row">{escape(kind_label(kind))}</th>'
        + "".join(f"<td>{counts[s]}</td>" for s in states)
        + f"<td>{counts['total']}</td></tr>"
        for kind, counts in summary.by_kind.items()
    )
    foot = "".join(f"<td>{summary.by_state[s]}</td>" for s in states)
    legend = "".join(
        f"<div><dt>{badge(s)}</dt><dd>{escape(meaning)}</dd></div>" for s, meaning in STATE_MEANINGS.items()
    )
    return (
        '<section class="summary" aria-labelledby="summary"><h2 id="summary">Summary</h2>'
        f'<ul class="tiles">{tiles}</ul>'
        f'<div class="scroll"><table class="counts"><thead><tr><th scope="col">Kind</th>{head}'
        f'<th scope="col">Total</th></tr></thead><tbody>{rows}</tbody>'
        f'<tfoot><tr><th scope="row">All</th>{foot}<td>{summary.total}</td></tr></tfoot></table></div>'
        f'<dl class="legend">{legend}</dl></section>'
    )


def _toc(groups: list[SiteGroup], by_site: dict[str, dict[str, int]]) -> str:
    items = "".join(
        f'<li><a href="#site-{n}">{escape(g.site)}</a> <span class="muted">'
        f"{escape(counts_line(by_site[g.site]))}</span></li>"
        for n, g in enumerate(groups, 1)
    )
    return f'<nav class="toc" aria-labelledby="sites"><h2 id="sites">Sites</h2><ul>{items}</ul></nav>'


def _passage(number: int, passage: Passage) -> str:
    post, source = highlight(passage.copy_text, passage.original_text)
    notes = [plural(passage.matched_words or passage.words, "word") + " in both"]
    if passage.quoted:
        notes.append("quoted")
    if passage.boilerplate:
        notes.append("boilerplate, not counted")
    offsets = (
        f"post characters {passage.copy_start}–{passage.copy_end}, "
        f"source characters {passage.original_start}–{passage.original_end}"
    )
    return (
        f'<div class="passage"><p class="passage-note">Passage {number} · {escape(", ".join(notes))}'
        f' <span class="muted">({escape(offsets)})</span></p><div class="sides">'
        f'<figure class="side side-post"><figcaption>This post</figcaption>'
        f'<blockquote dir="auto">{marked_html(post)}</blockquote></figure>'
        f'<figure class="side side-source"><figcaption>Source</figcaption>'
        f'<blockquote dir="auto">{marked_html(source)}</blockquote></figure></div></div>'
    )


def _evidence(evidence: tuple[Evidence, ...]) -> str:
    if not evidence:
        return ""
    items = "".join(
        f'<li><span class="tag">{escape(e.zone.value)}</span> <span class="tag">{escape(e.source)}</span> '
        f'<q dir="auto">{escape(e.text)}</q>'
        + (f' <code class="muted">{escape(e.path)}</code>' if e.path else "")
        + "</li>"
        for e in evidence
    )
    return (
        f'<details class="evidence"><summary>Evidence ({len(evidence)})</summary><ul>{items}</ul></details>'
    )


def _facts(finding: ReportFinding) -> str:
    facts: list[tuple[str, str]] = []
    if finding.source_url or finding.source_title:
        text = finding.source_title or finding.source_url or ""
        source = link(text, finding.source_url)
        if finding.source_title and finding.source_url:
            source += f' <span class="url">{escape(finding.source_url)}</span>'
        facts.append(("Source", source))
    if finding.passages:
        facts.append(("Words copied", str(words_copied(finding))))
    if finding.first_seen:
        facts.append(("First seen", escape(finding.first_seen)))
    if finding.last_seen:
        facts.append(("Last seen", escape(finding.last_seen)))
    if finding.capture:
        facts.append(("Capture", escape(finding.capture)))
    items = "".join(f"<div><dt>{name}</dt><dd>{value}</dd></div>" for name, value in facts)
    return f'<dl class="facts">{items}</dl>' if items else ""


def _finding(number: int, finding: ReportFinding) -> str:
    state = escape(finding.state)
    note = ""
    if finding.state == "fixed":
        note = '<p class="fixed-note">No longer found in this run.</p>'
    passages = "".join(_passage(n, p) for n, p in enumerate(finding.passages, 1))
    return (
        f'<section class="finding state-{state}" id="finding-{number}" aria-label="{escape(kind_label(finding.kind))}">'
        f'<header class="finding-head">{badge(finding.state)} '
        f'<span class="kind">{escape(kind_label(finding.kind))}</span></header>{note}'
        f'<p class="text" dir="auto">{escape(finding.text)}</p>'
        f"{_facts(finding)}{passages}{_evidence(finding.evidence)}</section>"
    )


def _post(post: PostGroup, first_number: int) -> str:
    title = post.title or "(no title)"
    findings = "".join(_finding(first_number + n, f) for n, f in enumerate(post.findings))
    return (
        f'<article class="post"><h3 dir="auto">{link(title, post.url)}</h3>'
        f'<p class="url">{escape(post.url)}</p>{findings}</article>'
    )


def _site(number: int, group: SiteGroup, counts: dict[str, int], first_finding: int) -> str:
    posts = []
    for post in group.posts:
        posts.append(_post(post, first_finding))
        first_finding += len(post.findings)
    return (
        f'<section class="site" id="site-{number}" aria-labelledby="site-{number}-h">'
        f'<h2 id="site-{number}-h">{escape(group.site)}</h2>'
        f'<p class="counts-line">{escape(counts_line(counts))}</p>{"".join(posts)}</section>'
    )


def render_html(report: AuditReport) -> str:
    """One HTML document: header, summary with counts, sites -> posts -> findings with their passages."""
    summary = summarize(report)
    groups = group_by_site(report)
    sites = report.sites_line
    body = []
    number = 1
    for n, group in enumerate(groups, 1):
        body.append(_site(n, group, summary.by_site[group.site], number))
        number += len(group.findings)
    meta = f"{run_line(report)} · generated {report.generated_at} · {report.checked}"
    return (
        "<!DOCTYPE html>\n"
        '<html lang="en"><head><meta charset="utf-8">\n'
        f'<meta http-equiv="Content-Security-Policy" content="{CSP}">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        '<meta name="color-scheme" content="light dark">\n'
        '<meta name="referrer" content="no-referrer">\n'
        f"<title>{report.title}: {escape(sites)}</title>\n"
        f"<style>{CSS}</style>\n</head>\n<body>\n"
        f'<header class="top"><h1>{report.title}</h1><p class="sites">{escape(sites)}</p>'
        f'<p class="muted">{escape(meta)}</p></header>\n'
        f"<main>{_summary(report)}{_ai_changes(report)}{_toc(groups, summary.by_site)}\n"
        + "\n".join(body)
        + "\n</main>\n"
        '<footer class="bottom muted">Made by rights. Copied words are marked in both texts.</footer>\n'
        "</body></html>\n"
    )
