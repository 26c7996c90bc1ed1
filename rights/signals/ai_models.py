"""What a page and its site say about automated uses: the values every AI-preference reader returns.

The uses (`AI_USES`) are the questions `rights` answers: may the page be indexed for search (`search`), used as
input to an AI answer, retrieval or grounding (`ai-input`), or used to train an AI model (`ai-train`). Each
reader (robots.txt groups per AI crawler token, IETF AIPREF `Content-Usage`, Content Signals, RSL, W3C TDMRep,
robots meta tags and `X-Robots-Tag`, statements in the terms text) turns what it reads into `AiSignal` values,
one per use it speaks of, each with its evidence; `combine` (in `ai_usage.py`) decides per use and names
conflicts.
"""

from __future__ import annotations

from dataclasses import dataclass

from rights.models import Evidence

AI_USES = ("search", "ai-input", "ai-train")
PREFERENCES = ("allowed", "disallowed", "not stated")
# Signal families, in the order they are reported.
FAMILIES = (
    "robots_token",  # a robots.txt group naming an AI crawler (GPTBot, CCBot, ...), or the `*` group
    "content_usage",  # IETF AIPREF Content-Usage: robots.txt rule or HTTP response header
    "content_signal",  # Content-Signal lines in robots.txt (search, ai-input, ai-train)
    "rsl",  # Really Simple Licensing: robots.txt License:, <link rel=license type=application/rsl+xml>, Link
    "tdmrep",  # W3C TDMRep: tdm-reservation / tdm-policy headers and meta tags, /.well-known/tdmrep.json
    "robots_meta",  # <meta name=robots> / X-Robots-Tag: noai, noimageai, nosnippet, max-snippet
    "terms_text",  # the page's terms in words ("may not be used to train artificial intelligence")
)


@dataclass(frozen=True, slots=True)
class AiSignal:
    """One statement about one use: `preference` is `allowed` or `disallowed`.

    `where` says where it was read, as a person would look it up: "robots.txt line 14", "HTTP header
    Content-Usage", "/.well-known/tdmrep.json", "<meta name=robots>", "RSL document https://.../rsl.xml".
    `detail` keeps the words that decided (the crawler token, the vocabulary label, the RSL usage, the tag).
    `scope` is `page` (headers, tags, text), or `site` (robots.txt, tdmrep.json, RSL for a path pattern).
    """

    family: str  # one of FAMILIES
    use: str  # one of AI_USES
    preference: str  # allowed | disallowed
    where: str
    detail: str
    evidence: Evidence
    scope: str = "page"
    conditions: tuple[str, ...] = ()  # e.g. RSL payment or attribution terms, TDMRep policy URL


@dataclass(frozen=True, slots=True)
class Unreadable:
    """A signal source that was found but could not be read (broken XML, invalid structured field, too large)."""

    family: str
    where: str
    reason: str


@dataclass(frozen=True, slots=True)
class AiUsage:
    """Per use, the preference found, the signals behind it, the conflicts between them, and what was not
    read (site-level files skipped with --offline, or unreachable)."""

    preferences: tuple[tuple[str, str], ...]  # (use, allowed | disallowed | not stated), in AI_USES order
    signals: tuple[AiSignal, ...] = ()
    conflicts: tuple[str, ...] = ()
    unreadable: tuple[Unreadable, ...] = ()
    not_read: tuple[str, ...] = ()  # e.g. "robots.txt (offline)"

    def preference(self, use: str) -> str:
        return dict(self.preferences).get(use, "not stated")
