"""Small builders shared by the tests."""

from __future__ import annotations

from rights.page import parse_page
from rights.page.models import Page
from rights.signals import detect_signals
from rights.signals.models import Signals


def page(
    body: str,
    *,
    url: str | None = "https://news.example.org/2024/story",
    head: str = "",
    site: str | None = None,
) -> Page:
    """A page from an HTML body fragment (wrapped in a minimal document)."""
    meta = f'<meta property="og:site_name" content="{site}">' if site else ""
    html = f"<!DOCTYPE html><html><head><meta charset='utf-8'>{meta}{head}</head><body>{body}</body></html>"
    return parse_page(html.encode("utf-8"), url=url)


def signals(body: str, **kwargs: object) -> Signals:
    return detect_signals(page(body, **kwargs))  # type: ignore[arg-type]


def article(*paragraphs: str, footer: str = "", byline: str = "") -> str:
    """An article body: a few paragraphs of filler text plus the given lines, then an optional site footer."""
    filler = (
        "<p>The council met on Tuesday to discuss the new bridge, and residents filled the hall to hear "
        "the engineers explain why the old crossing must close for a year while the work goes on.</p>"
    )
    inner = "".join(f"<p>{p}</p>" for p in paragraphs)
    by = f'<div class="byline">{byline}</div>' if byline else ""
    foot = f'<footer class="site-footer">{footer}</footer>' if footer else ""
    return f"<article><h1>Bridge to close</h1>{by}<div class='entry-content'>{filler * 3}{inner}</div></article>{foot}"
