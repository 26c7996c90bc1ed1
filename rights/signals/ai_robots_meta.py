"""Robots meta tags and the `X-Robots-Tag` header, as far as they concern search, AI use and AI training.

Directives read, with the mapping and its source:

- `noindex`, and `none` (= noindex, nofollow) -> **search disallowed**. Google Search Central, "Robots meta tag,
  data-nosnippet, and X-Robots-Tag specifications"; Bing reads them the same way.
- `nosnippet`, and `max-snippet:0` (which Google defines as equivalent) -> **ai-input disallowed**: Google's
  specification says `nosnippet` also keeps the content from being used as a direct input for AI Overviews and
  AI Mode. Search itself stays allowed (the page may still be listed), so nothing is said of search.
- `noai` -> **ai-train and ai-input disallowed**; `noimageai` -> ai-train and ai-input disallowed **for the
  page's images only** (scope `images`, which `combine` reports but does not let decide for the text). Both
  come from DeviantArt's 2022 proposal ("noai": the content may not be used in AI datasets, "noimageai": its
  images may not), taken up by several CMS plug-ins; no search engine defines them. "Datasets" speaks of
  training; we read `noai` as covering AI input too, because the tag's name says "no AI" and a reader who
  sees it on a page would not feed the page to a model either (a reservation is read conservatively).
- `max-snippet:N` (N > 0), `index`, `all`, `follow` and the rest state nothing about our uses.

Where: `<meta name="robots">`, the crawler-specific tags (`<meta name="googlebot">`, `<meta name="GPTBot">`,
... any name in `CRAWLER_NAMES`; the detail names the crawler; `googlebot-news` and `googlebot-image` speak of
one vertical, not of search as a whole, and are left out), and `X-Robots-Tag` header values, where
`name: directives` addresses one crawler until the next name (Google's syntax). Pure.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from rights.models import Evidence, Zone
from rights.page.decode import header_value
from rights.page.models import Page
from rights.signals.ai_models import AiSignal
from rights.signals.common import meta_evidence

# Meta names that address one crawler (lower case, as `Page.meta` keeps them).
CRAWLER_NAMES = frozenset(
    {"googlebot", "bingbot", "msnbot", "google-extended", "gptbot",
     "chatgpt-user", "oai-searchbot", "ccbot", "claudebot", "claude-web", "anthropic-ai", "claude-searchbot",
     "perplexitybot", "bytespider", "applebot", "applebot-extended", "amazonbot", "meta-externalagent",
     "cohere-ai", "diffbot", "omgilibot", "youbot", "duckassistbot", "mistralai-user"}
)  # fmt: skip
_DIRECTIVES: dict[str, tuple[tuple[str, ...], str, str]] = {
    # directive: (uses, scope, what it means)
    "noindex": (("search",), "page", "do not index"),
    "none": (("search",), "page", "noindex, nofollow"),
    "nosnippet": (("ai-input",), "page", "no snippet, not a direct input for AI answers"),
    "noai": (("ai-train", "ai-input"), "page", "no AI use of the content"),
    "noimageai": (("ai-train", "ai-input"), "images", "no AI use of the images"),
}
_MAX_SNIPPET = re.compile(r"^max-snippet\s*:\s*(-?\d+)$")
_AGENT = re.compile(r"^([a-z0-9_.-]+)\s*:\s*(.*)$")


def _directives(value: str) -> Iterable[tuple[str | None, str]]:
    """(crawler or None, directive) pairs of one robots value; `name:` prefixes address a crawler."""
    agent: str | None = None
    for raw in value.lower().split(","):
        entry = raw.strip()
        prefixed = _AGENT.match(entry)
        if prefixed and prefixed.group(1) not in ("max-snippet", "max-image-preview", "max-video-preview",
                                                  "unavailable_after"):  # fmt: skip
            agent, entry = prefixed.group(1), prefixed.group(2).strip()
        if entry:
            yield agent, entry


def _signals(value: str, where: str, evidence: Evidence, crawler: str | None) -> list[AiSignal]:
    found: list[AiSignal] = []
    for agent, directive in _directives(value):
        snippet = _MAX_SNIPPET.match(directive)
        key = "nosnippet" if snippet and snippet.group(1) == "0" else directive
        if key not in _DIRECTIVES:
            continue
        uses, scope, meaning = _DIRECTIVES[key]
        who = agent or crawler
        detail = f"{directive} ({meaning})" + (f" for {who}" if who else "")
        found.extend(
            AiSignal("robots_meta", use, "disallowed", where, detail, evidence, scope) for use in uses
        )
    return found


def read_robots_meta(page: Page) -> list[AiSignal]:
    """Signals from `<meta name="robots">`, the crawler-specific robots tags, and `X-Robots-Tag`."""
    signals: list[AiSignal] = []
    for name, values in page.meta.items():
        if name != "robots" and name not in CRAWLER_NAMES:
            continue
        for value in values:
            evidence = meta_evidence(name, value, "robots-meta")
            signals.extend(
                _signals(value, f"<meta name={name}>", evidence, None if name == "robots" else name)
            )
    header = header_value(page.headers, "x-robots-tag")
    if header:
        evidence = Evidence(
            f"X-Robots-Tag: {header}"[:300], Zone.META, "X-Robots-Tag", "header", "x-robots-tag"
        )
        signals.extend(_signals(header, "HTTP header X-Robots-Tag", evidence, None))
    return signals
