"""The small shared core of value objects: where a signal came from (`Zone`, `Evidence`), a condition a
reuse must meet (`Condition`), and `plain()`, the JSON-ready form of any of them.

Each stage keeps the value objects it makes beside it (`rights.page.models`, `rights.signals.models`,
`rights.matching.models`, `rights.policy.models`, `rights.web.models`, `rights.store.models`,
`rights.auditing.models`). Nothing here does I/O. Each signal carries its `Evidence`: the text it came from,
where in the page (`zone`, a short CSS-like `path`), what kind of source (`text`, `link`, `meta`, `jsonld`, ...)
and which rule produced it.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, is_dataclass
from enum import Enum, StrEnum
from typing import Any


class Zone(StrEnum):
    """Where in the page a piece of text sits."""

    MAIN = "main"  # the article body
    BYLINE = "byline"  # author / date line of the article
    HEADER = "header"  # page header (site chrome above the article)
    FOOTER = "footer"  # a footer (the article's, when `in_article`, else the site's)
    ASIDE = "aside"  # sidebars, related stories, share widgets, promos
    NAV = "nav"  # menus, breadcrumbs
    COMMENTS = "comments"  # reader comments, forum replies
    HTML_COMMENT = "html_comment"  # inside <!-- ... -->: never the page's own statement
    META = "meta"  # <head> metadata, JSON-LD, HTTP headers
    OTHER = "other"  # body text outside every recognised region


@dataclass(frozen=True, slots=True)
class Evidence:
    """Where a signal came from."""

    text: str
    zone: Zone
    path: str = ""
    source: str = "text"  # text | link | image | meta | jsonld | header | comment | url
    rule: str = ""
    in_article: bool = False


@dataclass(frozen=True, slots=True)
class Condition:
    """One concrete, checkable condition."""

    kind: str  # credit_source | include_copyright | link_original | noncommercial | no_edits | ...
    text: str
    value: str | None = None
    status: str | None = None  # of the policy rule it comes from: verified | secondary | unverified
    source: str | None = None  # where the rule was read


def plain(value: Any) -> Any:
    """Dataclasses, enums and tuples -> JSON-ready values."""
    if is_dataclass(value) and not isinstance(value, type):
        return {k: plain(v) for k, v in asdict(value).items()}
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, dict):
        return {str(k): plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [plain(v) for v in value]
    return value
