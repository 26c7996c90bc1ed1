"""Audit reports: what `rights audit` found, compared with the previous run (rendered by `rights.report`)."""

from __future__ import annotations

from dataclasses import dataclass

from rights.matching.models import Passage
from rights.models import Evidence

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
    # where the copy's capture is ("a.warc.gz @ 1234, <urn:...>, ..."): the record a scan read, or the one an
    # audit's crawl wrote with --warc
    capture: str | None = None


@dataclass(frozen=True, slots=True)
class AiChange:
    """One use whose AI-usage preference changed between two readings of a site (see `ai_watch`)."""

    origin: str
    use: str  # search | ai-input | ai-train
    old: str  # allowed | disallowed | not stated
    new: str
    because: str  # the signals that made the change, in words
    previous_at: str
    changed_at: str
    run_id: int | None

    def line(self) -> str:
        return f"{self.origin}: {self.use} {self.old} -> {self.new} ({self.because})"


@dataclass(frozen=True, slots=True)
class AuditReport:
    """The findings of one audit run (new, open and fixed ones), ready to render."""

    run_id: int | None
    previous_run_id: int | None
    generated_at: str  # ISO 8601, passed in by the caller
    sites: tuple[str, ...]
    pages_checked: int
    findings: tuple[ReportFinding, ...]
    ai_changes: tuple[AiChange, ...] = ()  # sites read by this audit whose AI-usage preferences changed
    kind: str = "audit"  # the run's kind: audit | scan (copies of our originals found in web archives)
    originals: str | None = None  # a scan's originals: the site or URL prefix it looked for (None: all)

    @property
    def title(self) -> str:
        """`Audit report` or `Scan report`, as the heading of every format."""
        return "Scan report" if self.kind == "scan" else "Audit report"

    @property
    def checked(self) -> str:
        """What the run read: `12 pages checked`, or `629 captures read` for a scan."""
        noun = "capture" if self.kind == "scan" else "page"
        verb = "read" if self.kind == "scan" else "checked"
        return f"{self.pages_checked} {noun}{'s' * (self.pages_checked != 1)} {verb}"

    @property
    def sites_line(self) -> str:
        """The sites of the report: an audit's sites, or where a scan found copies of which originals."""
        sites = ", ".join(sorted(self.sites)) or "(no site)"
        if self.kind != "scan":
            return sites
        whose = f"copies of {self.originals}" if self.originals else "copies of the stored originals"
        return f"{whose} on {', '.join(sorted(self.sites))}" if self.sites else f"{whose}: none found"
