"""The inline stylesheet of the HTML audit report: light and dark schemes, narrow screens, print.

Colours are custom properties set once per scheme; badge and mark colours keep a contrast ratio of at
least 4.5:1 in both. No web fonts, no images, no `url()`: the page's CSP allows nothing to be fetched.
"""

from __future__ import annotations

CSS = """
:root {
  color-scheme: light dark;
  --bg: #ffffff; --fg: #1b1b1f; --muted: #585866; --line: #d9d9e1; --card: #f6f6f9; --quote: #ffffff;
  --link: #0b57d0; --mark-bg: #ffe066; --mark-fg: #1b1b1f; --on-badge: #ffffff;
  --new: #b3261e; --open: #8a5300; --fixed: #1e7a3c;
}
@media (prefers-color-scheme: dark) {
  :root {
    --bg: #121317; --fg: #e7e7ec; --muted: #a4a4b0; --line: #34353d; --card: #1b1c22; --quote: #15161b;
    --link: #8ab4f8; --mark-bg: #745f00; --mark-fg: #fff8d6; --on-badge: #121317;
    --new: #ff8a80; --open: #ffc65c; --fixed: #7bd89b;
  }
}
* { box-sizing: border-box; }
html { -webkit-text-size-adjust: 100%; text-size-adjust: 100%; }
body {
  margin: 0 auto; max-width: 78rem; padding: 1rem 1.25rem 3rem; background: var(--bg); color: var(--fg);
  font: 16px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", sans-serif;
  overflow-wrap: break-word;  /* long words, URLs and hostile titles wrap instead of widening the page */
}
a { color: var(--link); }
h1 { font-size: 1.8rem; margin: 0.5rem 0 0.25rem; }
h2 { font-size: 1.35rem; margin: 2rem 0 0.5rem; }
h3 { font-size: 1.1rem; margin: 0 0 0.2rem; }
.muted, .url, .counts-line, .passage-note { color: var(--muted); }
.url { font-size: 0.85rem; overflow-wrap: anywhere; word-break: break-word; margin: 0 0 0.75rem; }
.top .sites { font-size: 1.1rem; margin: 0; overflow-wrap: anywhere; }
.tiles { display: flex; flex-wrap: wrap; gap: 0.5rem; list-style: none; padding: 0; margin: 0 0 1rem; }
.tile {
  border: 1px solid var(--line); border-left: 0.4rem solid var(--muted); border-radius: 0.4rem;
  padding: 0.4rem 0.8rem; background: var(--card); min-width: 7rem;
}
.tile .n { display: block; font-size: 1.6rem; font-weight: 700; line-height: 1.1; }
.tile-new { border-left-color: var(--new); }
.tile-open { border-left-color: var(--open); }
.tile-fixed { border-left-color: var(--fixed); }
.scroll { overflow-x: auto; }
table.counts { border-collapse: collapse; }
.counts th, .counts td { border-bottom: 1px solid var(--line); padding: 0.3rem 0.7rem; text-align: right; }
.counts th[scope="row"], .counts thead th:first-child { text-align: left; }
.counts tfoot { font-weight: 700; }
.legend { display: flex; flex-wrap: wrap; gap: 0.25rem 1.5rem; margin: 1rem 0 0; }
.legend div, .facts div { display: flex; gap: 0.5rem; align-items: baseline; }
.legend dd, .facts dd { margin: 0; }
.toc ul { padding-left: 1.2rem; }
.site { border-top: 2px solid var(--line); margin-top: 2rem; }
.post { margin: 1.25rem 0 2rem; }
.finding {
  border: 1px solid var(--line); border-left: 0.4rem solid var(--muted); border-radius: 0.5rem;
  background: var(--card); padding: 0.75rem 1rem; margin: 0.75rem 0;
}
.finding.state-new { border-left-color: var(--new); }
.finding.state-open { border-left-color: var(--open); }
.finding.state-fixed { border-left-color: var(--fixed); border-style: dashed; border-left-style: solid; }
.finding.state-fixed .kind { text-decoration: line-through; }
.finding.state-fixed .passage, .finding.state-fixed .text { opacity: 0.75; }
.fixed-note { color: var(--fixed); font-weight: 600; margin: 0.3rem 0 0; }
.finding-head { display: flex; flex-wrap: wrap; gap: 0.5rem; align-items: center; }
.kind { font-weight: 700; }
.text { margin: 0.4rem 0; }
.badge {
  display: inline-block; border-radius: 1rem; padding: 0.05rem 0.6rem; font-size: 0.8rem; font-weight: 700;
  color: var(--on-badge); background: var(--muted); white-space: nowrap;
}
.badge-new { background: var(--new); }
.badge-open { background: var(--open); }
.badge-fixed { background: var(--fixed); }
.facts { display: flex; flex-wrap: wrap; gap: 0.2rem 1.5rem; margin: 0.4rem 0; font-size: 0.9rem; }
.facts dt { color: var(--muted); }
.facts dd { overflow-wrap: anywhere; }
.passage { margin-top: 0.75rem; }
.passage-note { font-size: 0.85rem; margin: 0 0 0.3rem; }
.sides { display: grid; grid-template-columns: 1fr 1fr; gap: 0.75rem; }
.side { margin: 0; min-width: 0; }
.side figcaption { font-size: 0.8rem; font-weight: 700; text-transform: uppercase; color: var(--muted); }
.side blockquote {
  margin: 0.2rem 0 0; padding: 0.5rem 0.75rem; background: var(--quote); border: 1px solid var(--line);
  border-radius: 0.4rem; white-space: pre-wrap; overflow-wrap: anywhere; max-height: 28rem; overflow-y: auto;
}
mark { background: var(--mark-bg); color: var(--mark-fg); border-radius: 0.15rem; padding: 0 0.05rem; }
.evidence { margin-top: 0.6rem; font-size: 0.9rem; }
.evidence summary { cursor: pointer; color: var(--muted); }
.evidence ul { padding-left: 1.2rem; }
.evidence q { overflow-wrap: anywhere; }
.tag {
  display: inline-block; font-size: 0.75rem; border: 1px solid var(--line); border-radius: 0.3rem;
  padding: 0 0.3rem; color: var(--muted);
}
.bottom { margin-top: 3rem; font-size: 0.85rem; }
@media (max-width: 720px) {
  body { padding: 0.75rem 0.75rem 2rem; font-size: 15px; }
  .sides { grid-template-columns: 1fr; }
  .tile { min-width: 5.5rem; }
  .finding { padding: 0.6rem 0.7rem; }
  .counts th, .counts td { padding: 0.3rem 0.4rem; }
}
@media print {
  .finding { break-inside: avoid; }
  .side blockquote { max-height: none; overflow: visible; }
  mark { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
}
""".strip()
