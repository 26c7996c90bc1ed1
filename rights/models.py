"""Frozen value objects shared by every layer: pages, signals, matches, policies, verdicts.

Nothing here does I/O. Each signal carries its `Evidence`: the text it came from, where in the page
(`zone`, a short CSS-like `path`), what kind of source (`text`, `link`, `meta`, `jsonld`, ...) and which
rule produced it.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum
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
class TextBlock:
    """A run of text in one block element, in document order."""

    text: str
    zone: Zone
    path: str
    tag: str
    in_article: bool
    index: int
    quoted: bool = False  # inside <blockquote> or <q>


@dataclass(frozen=True, slots=True)
class Link:
    """An `<a href>` or `<link href>`, made absolute."""

    url: str
    text: str
    rel: tuple[str, ...]
    zone: Zone
    path: str
    tag: str  # "a" | "link"
    in_article: bool = False
    block: int | None = None  # index of the TextBlock holding the anchor
    title: str = ""
    type: str = ""
    image_src: str = ""  # for <a><img></a> badges: the first image inside the anchor


@dataclass(frozen=True, slots=True)
class Image:
    """An `<img>` with its alternative text."""

    src: str
    alt: str
    zone: Zone
    path: str
    in_article: bool = False
    title: str = ""
    link: str = ""  # href of the enclosing <a>, if any


@dataclass(frozen=True, slots=True)
class Page:
    """A parsed HTML page. Built by `rights.html.parse_page`; pure data, no parser handles."""

    url: str | None
    encoding: str
    encoding_source: str  # bom | header | meta | default
    replacement_chars: int = 0
    title: str | None = None
    lang: str | None = None
    blocks: tuple[TextBlock, ...] = ()
    links: tuple[Link, ...] = ()
    images: tuple[Image, ...] = ()
    meta: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    jsonld: tuple[Mapping[str, Any], ...] = ()
    jsonld_errors: int = 0
    canonical: str | None = None  # the first <link rel=canonical> (or HTTP Link header), as declared
    canonicals: tuple[str, ...] = ()  # every declared canonical; more than one is a conflict
    og_url: str | None = None
    authors: tuple[str, ...] = ()
    site_name: str | None = None
    published: str | None = None
    headers: Mapping[str, str] = field(default_factory=dict)
    warnings: tuple[str, ...] = ()

    @property
    def main_text(self) -> str:
        """The article body text, paragraphs separated by blank lines."""
        return "\n\n".join(b.text for b in self.blocks if b.in_article and b.zone is Zone.MAIN)

    @property
    def visible_text(self) -> str:
        """All visible text (everything but HTML comments)."""
        return "\n\n".join(b.text for b in self.blocks if b.zone is not Zone.HTML_COMMENT)

    def meta_first(self, *names: str) -> str | None:
        """The first non-empty value among the given meta names (lower case)."""
        for name in names:
            for value in self.meta.get(name, ()):
                if value.strip():
                    return value.strip()
        return None


@dataclass(frozen=True, slots=True)
class Fetched:
    """The outcome of fetching one URL (the body is the decoded, size-capped content)."""

    url: str  # as requested
    final_url: str  # after redirects
    status: int
    headers: Mapping[str, str]
    content: bytes
    redirects: tuple[str, ...] = ()
    elapsed: float = 0.0
    fetched_at: str = ""  # ISO 8601 UTC


# ---------------------------------------------------------------------------------------------- signals


@dataclass(frozen=True, slots=True)
class License:
    """A licence statement. `id` is lower case: `cc-by-nc-nd-3.0`, `cc0-1.0`, `pdm-1.0`, `cc-by-nc`."""

    id: str
    family: str  # cc | cc0 | pdm | other
    code: str  # by, by-sa, by-nc-nd, zero, mark, ...
    version: str | None
    jurisdiction: str | None
    url: str | None
    scope: str  # article | site | images | other
    evidence: tuple[Evidence, ...]


@dataclass(frozen=True, slots=True)
class CopyrightNotice:
    holder: str | None
    year: str | None
    scope: str  # article | site
    evidence: tuple[Evidence, ...]


@dataclass(frozen=True, slots=True)
class Attribution:
    """A statement that the page's text comes from elsewhere."""

    kind: str  # republished | wire | press_release | canonical_only | syndication_meta
    origin_name: str | None
    origin_url: str | None
    evidence: tuple[Evidence, ...]
    strength: int = 2  # 3 explicit statement, 2 credit or meta, 1 hint (e.g. canonical only)


@dataclass(frozen=True, slots=True)
class Rejected:
    """A phrase that looks like a signal but is not one (a trap), kept for transparency."""

    kind: str  # self_attribution | republish_widget | outbound_notice | forum_quote | date_note | ...
    reason: str
    evidence: Evidence


@dataclass(frozen=True, slots=True)
class Condition:
    """One concrete, checkable condition."""

    kind: str  # credit_source | include_copyright | link_original | noncommercial | no_edits | ...
    text: str
    value: str | None = None
    status: str | None = None  # of the policy rule it comes from: verified | secondary | unverified
    source: str | None = None  # where the rule was read


@dataclass(frozen=True, slots=True)
class ReuseTerms:
    stance: str  # permissive | conditional | restrictive
    conditions: tuple[Condition, ...]
    contact: str | None
    evidence: tuple[Evidence, ...]


@dataclass(frozen=True, slots=True)
class Republication:
    is_republication: bool
    kind: str | None
    origin_name: str | None
    origin_url: str | None
    evidence: tuple[Evidence, ...] = ()


@dataclass(frozen=True, slots=True)
class Signals:
    """Everything the detectors found on one page, with the primary value of each chosen."""

    republication: Republication
    attributions: tuple[Attribution, ...]
    license: License | None
    licenses: tuple[License, ...]
    copyright: CopyrightNotice | None
    copyrights: tuple[CopyrightNotice, ...]
    reuse_terms: ReuseTerms | None
    rejected: tuple[Rejected, ...] = ()
    conflicts: tuple[str, ...] = ()


# --------------------------------------------------------------------------------------------- matching


@dataclass(frozen=True, slots=True)
class Passage:
    """A copied passage with character offsets (end exclusive) into the two compared texts.

    `words` counts the copy's words from the first to the last matched word (small edits inside included);
    `matched_words` counts only the words found in both. `quoted` is true when most of the matched words are
    inside a quotation (quotation marks, block quotation, "said"-framing) in either text. `boilerplate` marks
    shared text that is not the article's (a copyright notice, a site's author box): listed, never counted.
    """

    copy_start: int
    copy_end: int
    original_start: int
    original_end: int
    words: int
    copy_text: str
    original_text: str
    quoted: bool = False
    matched_words: int = 0
    quoted_words: int = 0
    boilerplate: bool = False


@dataclass(frozen=True, slots=True)
class Match:
    """The comparison of a copy with an original: shares, passages and a verdict with its reason."""

    verdict: str  # copy | partial | quote | unrelated
    copied_share_of_copy: float
    copied_share_of_original: float
    longest_passage_words: int
    passages: tuple[Passage, ...]
    copy_words: int = 0
    original_words: int = 0
    unquoted_share_of_copy: float = 0.0  # what the verdict is based on: copied words outside quotations
    unquoted_share_of_original: float = 0.0
    quoted_share_of_original: float = 0.0  # words of the original the copy reproduces inside quotations
    reason: str = ""


@dataclass(frozen=True, slots=True)
class Edit:
    """One difference between an original and its copy, word-level, with offsets in both texts.

    kind: `changed` (words replaced), `added` (only in the copy), `removed` (only in the original), `moved`
    (the same passage at another place in the copy). Offsets are character offsets, end exclusive; an added
    passage has an empty original range at the point where it was inserted, and vice versa.
    """

    kind: str  # changed | added | removed | moved
    original_start: int
    original_end: int
    copy_start: int
    copy_end: int
    original_text: str
    copy_text: str


# ------------------------------------------------------------------------------------ policies, verdicts

USES = ("noncommercial", "commercial", "print", "excerpt")
VERDICTS = ("allowed", "allowed_with_conditions", "permission_required", "not_allowed", "unknown")
FINDING_STATUSES = ("pass", "fail", "warn", "not_checkable")


# --------------------------------------------------------------------------------------------- policies
# policies: the parsed form of `policies/**/*.toml` (see docs/policies.md and rights.policies).

POLICY_KINDS = ("license", "publisher")
POLICY_STATUSES = ("verified", "secondary", "unverified")
EDIT_KINDS = ("time", "place", "style", "headline", "length", "format")


@dataclass(frozen=True, slots=True)
class Rule:
    """One rule of a policy: a grant or refusal, or a condition the republisher must meet.

    `params` holds the kind's own parameters (defaults filled in, lists as tuples); `for_uses` the uses it
    applies to (for `grant`, `requires_permission` and `forbids`: exactly the uses named in `uses`).
    `origin` is the id of the policy that declares the rule; `resolved_rules` keeps it, so an inherited
    rule is one whose origin differs from the policy asked about.
    """

    kind: str
    params: Mapping[str, Any]
    for_uses: tuple[str, ...]
    status: str  # verified | secondary | unverified
    source: str | None
    note: str | None
    origin: str = ""


@dataclass(frozen=True, slots=True)
class PolicyExample:
    """An executable example: this fixture page, checked for this use, must give this verdict."""

    fixture: str  # path from the repository root
    url: str | None  # the address the fixture stands for
    use: str
    follow: bool
    expect: str  # one of VERDICTS
    expect_conditions: tuple[str, ...]  # condition kinds that must appear in the verdict


@dataclass(frozen=True, slots=True)
class Policy:
    """A licence's or a publisher's republication terms, as read from one policy file."""

    id: str
    name: str
    kind: str  # license | publisher
    domains: tuple[str, ...]  # publisher: host names it covers (subdomains included)
    extends: str | None
    url: str | None  # license: canonical URL
    source: str | None  # where the terms were read
    checked: str | None  # ISO date (YYYY-MM-DD), validated
    status: str  # verified | secondary | unverified
    summary: str
    attribution_template: str | None
    ports: bool  # license <= 3.0: jurisdiction ports are covered by this one policy
    rules: tuple[Rule, ...]
    examples: tuple[PolicyExample, ...]
    path: str  # the file it was read from
    aliases: tuple[str, ...] = ()  # other ids that name the same licence (e.g. cc-by-nd-nc-1.0)


@dataclass(frozen=True, slots=True)
class LicenseMatch:
    """The policy found for a licence id, with notes when the match was not exact."""

    policy: Policy
    requested: str  # the id asked for
    jurisdiction: str | None
    notes: tuple[str, ...] = ()  # e.g. "unversioned id: assumed the newest version, 4.0"

    @property
    def is_exact(self) -> bool:
        return not self.notes


# verdicts


@dataclass(frozen=True, slots=True)
class Hop:
    """One page of the origin chain: the page checked, then each original it names."""

    role: str  # page | origin
    url: str | None
    name: str | None
    status: str  # read | fetched | not_followed | unreachable | mismatch | no_url | limit | loop
    detail: str = ""
    license: str | None = None
    copyright: str | None = None
    terms: str | None = None
    evidence: tuple[Evidence, ...] = ()


@dataclass(frozen=True, slots=True)
class Step:
    """One step of the reasoning, with the evidence it rests on."""

    text: str
    evidence: tuple[Evidence, ...] = ()


@dataclass(frozen=True, slots=True)
class AttributionText:
    text: str
    html: str


@dataclass(frozen=True, slots=True)
class Verdict:
    verdict: str  # one of VERDICTS
    use: str
    governing_policy: Policy | None
    governing_reason: str
    origin_name: str | None
    origin_url: str | None
    chain: tuple[Hop, ...]
    conditions: tuple[Condition, ...]
    attribution_line: AttributionText | None
    steps: tuple[Step, ...]
    warnings: tuple[str, ...] = ()
    republisher_policy: Policy | None = None
    republisher_conditions: tuple[Condition, ...] = ()


@dataclass(frozen=True, slots=True)
class Finding:
    """One checked condition (verify) or one problem found on a post (audit), with its evidence.

    `status`: pass | fail | warn | not_checkable for verify; open for audit findings (a later run that no
    longer finds it reports it as fixed).
    """

    kind: str
    status: str
    text: str
    condition: str | None = None  # the verdict's condition this finding checks
    url: str | None = None  # the page the finding is about (the copy, the post)
    source_url: str | None = None  # the original it is compared with
    evidence: tuple[Evidence, ...] = ()
    passages: tuple[Passage, ...] = ()
    edits: tuple[Edit, ...] = ()


# ------------------------------------------------------------------------------------------ audit reports
# audit reports: what `rights audit` found, compared with the previous run (rendered by rights.audit_report).

AUDIT_FINDING_KINDS = (
    "copied_without_attribution",
    "attribution_without_link",
    "attribution_to_wrong_source",
    "excessive_quotation",
    "licence_breach",
    "missing_required_credit",
)
AUDIT_FINDING_STATES = ("new", "open", "fixed")


@dataclass(frozen=True, slots=True)
class ReportFinding:
    """One problem on one audited post, with its state compared with the previous run.

    `key` is the finding's identity across runs (post URL + kind + source URL). `state`: `new` (not in the
    previous run), `open` (in both), `fixed` (in the previous run, gone now). In `passages`, `copy_text` is
    the post's words and `original_text` the source's.
    """

    key: str
    kind: str  # one of AUDIT_FINDING_KINDS
    state: str  # one of AUDIT_FINDING_STATES
    site: str  # the audited site (registrable domain)
    post_url: str
    post_title: str | None
    source_url: str | None
    source_title: str | None
    text: str  # one sentence describing the problem
    passages: tuple[Passage, ...] = ()
    evidence: tuple[Evidence, ...] = ()
    first_seen: str | None = None  # ISO 8601
    last_seen: str | None = None


@dataclass(frozen=True, slots=True)
class AuditReport:
    """The findings of one audit run (new, open and fixed ones), ready to render."""

    run_id: int | None
    previous_run_id: int | None
    generated_at: str  # ISO 8601, passed in by the caller
    sites: tuple[str, ...]
    pages_checked: int
    findings: tuple[ReportFinding, ...]


# ------------------------------------------------------------------------------------------------ crawl


@dataclass(frozen=True, slots=True)
class PageRecord:
    """One stored page: a row of the `pages` table (`html` is the raw body, uncompressed)."""

    url: str  # normalised
    final_url: str
    status: int
    fetch_status: str  # ok | not_html
    fetched_at: str
    checked_at: str = ""
    reason: str = ""
    etag: str | None = None
    last_modified: str | None = None
    content_hash: str = ""
    content_type: str = ""
    encoding: str = ""
    size: int = 0
    title: str | None = None
    canonical: str | None = None
    metadata: Mapping[str, Any] = field(default_factory=dict)
    text: str = ""
    html: bytes = b""
    run_id: int | None = None
    html_zlib: bytes = b""  # the body already zlib-compressed (the crawl compresses in its parser process)


@dataclass(frozen=True, slots=True)
class FrontierItem:
    """A URL waiting in (or taken from) a crawl's frontier."""

    url: str  # normalised
    depth: int = 0
    kind: str = "page"  # page | sitemap | feed
    discovered_from: str | None = None


@dataclass(frozen=True, slots=True)
class RobotsRecord:
    """A cached robots.txt answer for one origin (`scheme://host[:port]`)."""

    origin: str
    fetched_at: str
    status: int  # HTTP status of robots.txt (the body is kept for 2xx only)
    body: str
    expires: str
    note: str = ""


@dataclass(frozen=True, slots=True)
class RunRecord:
    """A row of the `runs` table."""

    id: int
    kind: str  # crawl | check | inspect | verify | audit
    status: str  # running | done | aborted | failed
    started_at: str
    finished_at: str | None = None
    settings: Mapping[str, Any] = field(default_factory=dict)
    counts: Mapping[str, Any] = field(default_factory=dict)
    args: Mapping[str, Any] = field(default_factory=dict)
    crawl: str | None = None


@dataclass(frozen=True, slots=True)
class CrawlSummary:
    """What one `rights crawl` run did."""

    run_id: int
    fetched: int = 0  # new or changed pages stored
    unchanged: int = 0  # 304, or the same bytes as the stored copy
    not_html: int = 0
    skipped_robots: int = 0
    failed: Mapping[str, int] = field(default_factory=dict)  # by reason
    deferred: int = 0  # left queued for a later run (host rate-limited or failing, run stopped)
    resumed: bool = False
    status: str = "done"

    def as_dict(self) -> dict[str, Any]:
        return {
            "run_id": self.run_id,
            "status": self.status,
            "resumed": self.resumed,
            "fetched": self.fetched,
            "unchanged": self.unchanged,
            "not_html": self.not_html,
            "skipped_robots": self.skipped_robots,
            "failed": dict(self.failed),
            "deferred": self.deferred,
        }
