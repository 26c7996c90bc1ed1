"""What every table, view and column of the database means, in a rights editor's words (kept as data).

`rights db metadata` ships this as Datasette metadata; `tests/test_browse.py` fails when a table, view or
column of a fresh database has no description here, so a new column is described when it is added.
The search index's own storage tables (`pages_fts_data`, `_idx`, `_docsize`, `_config`) are SQLite's
business: Datasette hides them, and they are not described.
"""

from __future__ import annotations

from typing import Any

_PAGE = "the page's address (normalised; a saved file is its file:// URI)"
_RUN = "the run (see the runs table) that recorded this row"
_PREF = "the site's preference for {use}: allowed, disallowed or not stated"

TABLES: dict[str, tuple[str, dict[str, str]]] = {
    "migrations": (
        "The schema steps applied to this file, in order.",
        {"name": "the step's name", "applied_at": "when it was applied (UTC)"},
    ),
    "runs": (
        "One row per command run (crawl, check, inspect, verify, audit, scan), with its settings and counts.",
        {
            "id": "run number",
            "kind": "the command: crawl, check, inspect, verify, audit or scan",
            "started_at": "when the run started (UTC)",
            "finished_at": "when it finished (UTC); empty while running",
            "status": "running, done, aborted (its process was killed) or failed",
            "settings": "the settings it ran with (JSON)",
            "counts": "what it did: pages fetched, findings, timings (JSON)",
            "args": "what it was asked to read: URLs, site, use (JSON)",
            "crawl": "crawl key: crawl runs with the same key share one queue (frontier); for a scan, its scan key",
            "pid": "the process id of the run",
            "locked": "1 when the run held the database's run lock",
        },
    ),
    "pages": (
        "The latest stored copy of every fetched page (one row per address); search it with pages_fts.",
        {
            "url": "the page's address (normalised)",
            "final_url": "the address after redirects",
            "status": "HTTP status of the stored copy",
            "fetch_status": "ok (an HTML page) or not_html",
            "reason": "why the copy is not a usable page, if it is not",
            "fetched_at": "when the stored content was downloaded (UTC)",
            "checked_at": "the last visit (a visit that found the page unchanged moves only this)",
            "etag": "the server's ETag, for conditional requests",
            "last_modified": "the server's Last-Modified, for conditional requests",
            "content_hash": "sha256 of the body",
            "content_type": "the Content-Type the server sent",
            "encoding": "the text encoding used to read the page",
            "size": "body size in bytes",
            "title": "the page's title",
            "canonical": "the canonical address the page declares",
            "metadata": "authors, site name, dates and other head metadata (JSON)",
            "text": "the page's visible text, as compared and searched",
            "html": "the body, zlib-compressed",
            "run_id": "the run that stored this copy",
            "ai_usage": "the page's own search / AI-input / AI-training preferences from its headers and"
            " tags, with the signals behind them (JSON; empty when the page was stored before they were read)",
        },
    ),
    "pages_fts": (
        "Full-text index of the pages' titles and text (SQLite FTS5; kept in step by triggers).",
        {"title": "the page's title, indexed", "text": "the page's text, indexed"},
    ),
    "frontier": (
        "Each crawl's queue: what was found, what was fetched, what is still to fetch.",
        {
            "crawl": "crawl key (runs with the same key share this queue)",
            "url": "the address (normalised)",
            "depth": "links followed from a start address to reach it",
            "kind": "page, sitemap or feed",
            "state": "queued, done, failed or skipped",
            "reason": "why it failed or was skipped",
            "discovered_from": "the page, sitemap or feed that named it",
            "run_id": "the run that last changed this entry",
            "updated_at": "when it last changed (UTC)",
        },
    ),
    "robots": (
        "robots.txt answers per site, kept for a day.",
        {
            "origin": "scheme://host[:port]",
            "fetched_at": "when robots.txt was read (UTC)",
            "status": "HTTP status of robots.txt",
            "body": "its text (for a 2xx answer)",
            "expires": "when it must be read again (UTC)",
            "note": "how the answer was read",
        },
    ),
    "visits": (
        "Every visit of an address by a run: fetched, unchanged, failed or skipped.",
        {
            "id": "visit number",
            "url": "the address visited",
            "run_id": "the run that visited it",
            "at": "when (UTC)",
            "status": "fetched, unchanged, failed or skipped",
            "reason": "why it failed or was skipped",
            "detail": "more about the reason",
            "http_status": "the HTTP status received",
        },
    ),
    "fingerprint_pages": (
        "Text fingerprints of stored pages, used to find which page copies which.",
        {
            "id": "row number",
            "url": "the page's address",
            "site": "its registrable domain",
            "scheme": "fingerprint scheme version (pages of another scheme are not compared)",
            "words": "words in the compared text",
            "count": "number of fingerprints",
            "fingerprints": "the fingerprints (packed 64-bit integers)",
            "anchors": "the anchor fingerprints used for lookup (packed 64-bit integers)",
        },
    ),
    "fingerprint_anchors": (
        "Lookup from an anchor fingerprint to the pages that contain it.",
        {"hash": "the anchor fingerprint", "page": "the fingerprint_pages row that contains it"},
    ),
    "signals": (
        "Every rights reading of a page (by inspect or check): the raw record behind page_rights.",
        {
            "id": "reading number",
            "run_id": _RUN,
            "url": _PAGE,
            "checked_at": "when the page was read (UTC)",
            "title": "the page's title",
            "site_name": "the site's name",
            "is_republication": "1 when the page says its text comes from elsewhere",
            "origin_name": "who the page says first published the text",
            "origin_url": "where the page says the text was first published",
            "license": "the licence found for the text (id, e.g. cc-by-4.0)",
            "copyright_holder": "the holder named by the copyright line",
            "terms": "the publisher's reuse terms: permissive, conditional or restrictive",
            "data": "the whole reading with its evidence (JSON of `rights inspect --format json`)",
        },
    ),
    "verdicts": (
        "Every verdict given by `rights check`: the raw record behind latest_verdicts.",
        {
            "id": "verdict number",
            "run_id": _RUN,
            "url": _PAGE,
            "use": "the intended use: noncommercial, commercial, print or excerpt",
            "verdict": "allowed, allowed_with_conditions, permission_required, not_allowed or unknown",
            "policy": "id of the governing terms (a licence or a publisher's policy)",
            "origin_name": "who holds the rights (the original publisher when the page republishes)",
            "origin_url": "the original's address",
            "checked_at": "when the verdict was given (UTC)",
            "data": "the whole verdict with its reasons and evidence (JSON of `rights check --format json`)",
        },
    ),
    "findings": (
        "Every finding of every audit, scan or verify run: the raw record behind open_findings.",
        {
            "id": "finding number",
            "run_id": _RUN,
            "key": "the same finding across runs: copy, kind and original",
            "url": "the page the finding is about (the copy)",
            "source_url": "the original it was compared with",
            "kind": "what is wrong (audit) or which condition was checked (verify)",
            "status": "open (audit); pass, fail, warn or not_checkable (verify)",
            "site": "the audited site (registrable domain)",
            "text": "the finding in words",
            "found_at": "when it was recorded (UTC)",
            "data": "the whole finding with the copied passages (JSON)",
        },
    ),
    "site_ai": (
        "What each site said about search and AI use, read once per origin by every crawl (and audit) run.",
        {
            "id": "reading number",
            "origin": "the site read: scheme://host[:port]",
            "site": "its registrable domain",
            "run_id": "the crawl run that read it",
            "read_at": "when it was read (UTC)",
            "complete": "1 when the site's files were read; 0 when they were not (offline, unreachable, an error)",
            "search": _PREF.format(use="indexing for search"),
            "ai_input": _PREF.format(use="use as input to AI answers, retrieval or grounding"),
            "ai_train": _PREF.format(use="training AI models"),
            "summary": "the signals behind the preferences, in one line",
            "signals": "every signal with where it was read, what it says and its evidence (JSON)",
            "conflicts": "disagreements between signals and how they were settled (JSON)",
            "unreadable": "sources found but not readable: broken XML, invalid syntax, too large (JSON)",
            "not_read": "sources that were not read, and why (JSON)",
            "error": "the error that stopped the reading, if any",
        },
    ),
    "scan_archives": (
        "The tasks (archive files, or byte ranges of large ones) each `rights scan` finished: a killed scan "
        "resumes at the tasks not listed here.",
        {
            "scan": "the scan key (the archives, originals, use, --split if it cut an archive, and --parquet "
            "asked for): a rerun with the same key resumes",
            "archive": "the task: the archive (resolved path or URL), with #bytes=START-END (END exclusive) for a "
            "byte range of it",
            "run_id": "the scan run that read it",
            "status": "done (read to the end) or failed (truncated or corrupt: read up to the damage)",
            "finished_at": "when it was finished (UTC)",
            "counts": "records read, skipped (not HTML, too large, other types), copies and findings (JSON)",
            "error": "where and why reading stopped early, for a truncated or corrupt file",
        },
    ),
    "warc_captures": (
        "Every response a crawl run with --warc wrote to a WARC file (request + response records), and where"
        " its response record sits: the evidence of what a page looked like when it was fetched.",
        {
            "id": "row number",
            "url": "the address the crawl asked for (normalised; the pages row of a page)",
            "target_uri": "the record's WARC-Target-URI: the address that answered, after redirects",
            "kind": "what was fetched: page, robots (robots.txt), sitemap or feed",
            "http_status": "the HTTP status of the response (304: not modified, no body)",
            "captured_at": "when it was fetched (the record's WARC-Date, UTC)",
            "content_hash": "sha256 of the stored payload (the decoded body): equal to pages.content_hash when"
            " the record holds the page's stored copy; empty for a 304",
            "archive": "the WARC file (absolute path)",
            "offset": "byte offset of the response record's gzip member in that file: seek there and read one"
            " record",
            "record_id": "the response record's WARC-Record-ID",
            "run_id": _RUN,
        },
    ),
    "page_rights": (
        "The latest rights reading of each page: licence, copyright holder, origin and reuse terms.",
        {
            "page": _PAGE,
            "title": "the page's title",
            "site": "the site's name",
            "licence": "the licence found for the text (id, e.g. cc-by-4.0); empty when none was found",
            "licence_scope": "what the licence covers: article, site, images or another work",
            "licence_url": "the licence's address",
            "copyright_holder": "the holder named by the copyright line",
            "copyright_year": "the year of the copyright line",
            "is_republication": "1 when the page says its text comes from elsewhere, else 0",
            "origin_name": "who the page says first published the text",
            "origin_url": "where the page says the text was first published",
            "terms_stance": "the publisher's reuse terms: permissive, conditional or restrictive",
            "terms_conditions": "the conditions the reuse terms state, '; '-separated",
            "terms_contact": "the address the terms give for other uses",
            "read_at": "when the page was read (UTC)",
            "run_id": "the run that read it",
        },
    ),
    "latest_verdicts": (
        "The latest verdict for each page and intended use, with what you must do and the credit line.",
        {
            "page": _PAGE,
            "title": "the page's title",
            "use": "the intended use: noncommercial, commercial, print or excerpt",
            "verdict": "allowed, allowed_with_conditions, permission_required, not_allowed or unknown",
            "governing_terms": "the terms that decide: a licence or a publisher's policy",
            "governing_policy_id": "id of the governing terms (see `rights policies show ID`)",
            "why_these_terms": "why these terms govern",
            "rights_holder": (
                "who holds the rights: the holder the copyright notice names, else the publisher below"
            ),
            "publisher": "whose terms were read: the original publisher when the page republishes",
            "original_url": "the original's address",
            "conditions": "what you must do to republish, '; '-separated",
            "credit_line": "the attribution line to print with the text",
            "checked_at": "when the verdict was given (UTC)",
            "run_id": "the check run that gave it",
        },
    ),
    "open_findings": (
        "What the latest audit of each site, and the latest scan of web archives for each site's originals, found:"
        " pages that copy text without the credit its terms require.",
        {
            "site": "the audited site, or for a scan the copy's site (registrable domain)",
            "kind": "copied_without_attribution, attribution_without_link, attribution_to_wrong_source,"
            " excessive_quotation, licence_breach or missing_required_credit",
            "copy_url": "the post that copies",
            "copy_title": "the post's title",
            "original_url": "the page its text comes from",
            "original_title": "the original's title",
            "copied_share": "share of the original's words the post reproduces, from 0 to 1",
            "finding": "the finding in words",
            "first_seen": "when an audit first found it (UTC)",
            "last_seen": "when an audit last found it (UTC)",
            "found_by": "audit (a crawl of the site) or scan (web archives)",
            "capture_archive": "the WARC file holding the copy's capture: for a scan the archive read, for an"
            " audit the --warc file its crawl wrote (empty when the post was not written to one)",
            "capture_offset": "the byte offset of the capture's record (its gzip member) in that file",
            "capture_record_id": "the capture's WARC-Record-ID",
            "captured_at": "when the copy was captured (WARC-Date)",
            "run_id": "the audit or scan run that found it",
        },
    ),
    "rights_changes": (
        "Each change of a page's licence, reuse terms or copyright holder between two readings.",
        {
            "page": _PAGE,
            "changed_at": "when the new value was read (UTC)",
            "previous_reading_at": "when the old value was read (UTC)",
            "what": "what changed: licence, reuse terms or copyright holder",
            "old_value": "the value before ('none' when nothing was found)",
            "new_value": "the value after ('none' when nothing was found)",
            "change": "old -> new, as one line",
            "run_id": "the run that read the new value",
        },
    ),
    "ai_preferences": (
        "Each site's latest search, AI-input and AI-training preferences, with the signals behind them.",
        {
            "origin": "the site: scheme://host[:port]",
            "site": "its registrable domain",
            "search": _PREF.format(use="indexing for search"),
            "ai_input": _PREF.format(use="use as input to AI answers, retrieval or grounding"),
            "ai_train": _PREF.format(use="training AI models"),
            "signals": "the signals behind the preferences, in one line (where, what it says)",
            "conflicts": "disagreements between signals and how they were settled, '; '-separated",
            "not_read": "sources that were not read, and why, '; '-separated",
            "complete": "1 when the site's files were read; 0 when they were not (then nothing is known)",
            "read_at": "when it was read (UTC)",
            "run_id": "the crawl run that read it",
        },
    ),
    "page_ai_usage": (
        "Each crawled page's own search, AI-input and AI-training preferences, from its headers and tags.",
        {
            "page": _PAGE,
            "title": "the page's title",
            "search": "the page's own preference for indexing for search: allowed, disallowed or not stated",
            "ai_input": "its own preference for use as input to AI answers, retrieval or grounding",
            "ai_train": "its own preference for training AI models",
            "signals": "the signals behind them in one line: use, preference, where (header, tag), what it says",
            "read_at": "when the page was last read (UTC)",
            "run_id": "the crawl run that last read it",
        },
    ),
    "ai_preference_changes": (
        "Each change of a site's search or AI-use preference between two complete readings.",
        {
            "origin": "the site: scheme://host[:port]",
            "site": "its registrable domain",
            "changed_at": "when the new value was read (UTC)",
            "previous_reading_at": "when the old value was read (UTC)",
            "use": "search, ai-input or ai-train",
            "old_value": "the preference before: allowed, disallowed or not stated",
            "new_value": "the preference after",
            "change": "old -> new, as one line",
            "signals": "the signals behind the new reading, in one line",
            "run_id": "the run that read the new value",
        },
    ),
}

_SORT = {"findings": "found_at", "verdicts": "checked_at", "signals": "checked_at", "runs": "id",
         "visits": "id", "rights_changes": "changed_at", "site_ai": "id",
         "ai_preference_changes": "changed_at"}  # fmt: skip


def datasette_metadata(database: str) -> dict[str, Any]:
    """Datasette metadata (`datasette FILE --metadata metadata.json`) for a database named `database`
    (Datasette names a database after its file, without the extension)."""
    tables: dict[str, Any] = {}
    for name, (description, columns) in TABLES.items():
        entry: dict[str, Any] = {"description": description, "columns": dict(columns)}
        if name in _SORT:
            entry["sort_desc"] = _SORT[name]
        tables[name] = entry
    return {
        "title": "rights",
        "description": "Rights readings, republication verdicts and audit findings recorded by rights.",
        "databases": {database: {"tables": tables}},
    }
