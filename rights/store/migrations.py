"""The schema, as an ordered, append-only list of named migrations.

Each migration is a small function over a sqlite-utils `Database`, run inside the migration transaction. To
change the schema, append a new `(name, function)` pair to `MIGRATIONS`; never edit or reorder applied ones.
The names applied to a file are recorded in its `migrations` table; a file that records a name this code does
not know was written by a newer version of rights, and is refused rather than guessed at.
"""

from __future__ import annotations

from collections.abc import Callable

from sqlite_utils import Database

from rights.errors import StoreError

Migration = tuple[str, Callable[[Database], None]]

RUN_KINDS = ("crawl", "check", "inspect", "verify", "audit", "scan")
RUN_STATUSES = ("running", "done", "aborted", "failed")
FRONTIER_STATES = ("queued", "done", "failed", "skipped")
VISIT_STATUSES = ("fetched", "unchanged", "failed", "skipped")


def _runs(db: Database) -> None:
    db.table("runs").create(
        {
            "id": int,
            "kind": str,
            "started_at": str,
            "finished_at": str,
            "status": str,
            "settings": str,  # JSON
            "counts": str,  # JSON
            "args": str,  # JSON
            "crawl": str,  # crawl key (crawls only): runs with one key share a frontier
            "pid": int,
            "locked": int,  # 1 when the run holds the run lock
        },
        pk="id",
        not_null={"kind", "started_at", "status"},
    )
    db.table("runs").create_index(["status"])
    db.table("runs").create_index(["crawl", "id"])


def _pages(db: Database) -> None:
    db.table("pages").create(
        {
            "url": str,  # normalised (rights.urls.normalize)
            "final_url": str,
            "status": int,  # HTTP status of the stored copy
            "fetch_status": str,  # ok | not_html
            "reason": str,
            "fetched_at": str,  # when the stored content was downloaded
            "checked_at": str,  # last visit (a 304 moves this, not fetched_at)
            "etag": str,
            "last_modified": str,
            "content_hash": str,  # sha256 of the body bytes
            "content_type": str,
            "encoding": str,
            "size": int,
            "title": str,
            "canonical": str,
            "metadata": str,  # JSON
            "text": str,
            "html": bytes,  # zlib-compressed body
            "run_id": int,
        },
        pk="url",
        not_null={"final_url", "fetch_status", "fetched_at"},
    )


def _frontier(db: Database) -> None:
    db.table("frontier").create(
        {
            "crawl": str,
            "url": str,
            "depth": int,
            "kind": str,  # page | sitemap | feed
            "state": str,
            "reason": str,
            "discovered_from": str,
            "run_id": int,
            "updated_at": str,
        },
        pk=("crawl", "url"),
        not_null={"depth", "kind", "state"},
    )
    db.table("frontier").create_index(["crawl", "state", "depth"])


def _robots(db: Database) -> None:
    db.table("robots").create(
        {"origin": str, "fetched_at": str, "status": int, "body": str, "expires": str, "note": str},
        pk="origin",
        not_null={"fetched_at", "status", "expires"},
    )


def _visits(db: Database) -> None:
    db.table("visits").create(
        {
            "id": int,
            "url": str,
            "run_id": int,
            "at": str,
            "status": str,
            "reason": str,
            "detail": str,
            "http_status": int,
        },
        pk="id",
        not_null={"url", "at", "status"},
    )
    db.table("visits").create_index(["url"])
    db.table("visits").create_index(["run_id"])


def _fingerprints(db: Database) -> None:
    from rights.store.fingerprints import ensure_schema

    ensure_schema(db)


def _checks(db: Database) -> None:
    """What `inspect`, `check`, `verify` and `audit` concluded, one row per page, verdict or finding."""
    db.table("signals").create(
        {"id": int, "run_id": int, "url": str, "checked_at": str, "title": str, "site_name": str,
         "is_republication": int, "origin_name": str, "origin_url": str, "license": str,
         "copyright_holder": str, "terms": str, "data": str},
        pk="id", not_null={"run_id", "url", "checked_at"},
    )  # fmt: skip
    db.table("signals").create_index(["url"])
    db.table("verdicts").create(
        {"id": int, "run_id": int, "url": str, "use": str, "verdict": str, "policy": str, "origin_name": str,
         "origin_url": str, "checked_at": str, "data": str},
        pk="id", not_null={"run_id", "url", "use", "verdict", "checked_at"},
    )  # fmt: skip
    db.table("verdicts").create_index(["url"])
    db.table("findings").create(
        {"id": int, "run_id": int, "key": str, "url": str, "source_url": str, "kind": str, "status": str,
         "site": str, "text": str, "found_at": str, "data": str},
        pk="id", not_null={"run_id", "key", "url", "kind", "status", "found_at"},
    )  # fmt: skip
    db.table("findings").create_index(["run_id"])
    db.table("findings").create_index(["key"])


def _browse(db: Database) -> None:
    """Plain-named views over the records and full-text search over pages (see `rights.store.views`)."""
    from rights.store.views import create_search, create_views

    create_search(db)
    create_views(db)


def _ai_usage(db: Database) -> None:
    """AI-usage preferences: each crawled page's own (`pages.ai_usage`, JSON) and each site's per crawl run
    (`site_ai`), and the views over them (`ai_preferences`, `ai_preference_changes`)."""
    from rights.store.views import create_views

    db.execute("ALTER TABLE pages ADD COLUMN ai_usage TEXT")
    db.table("site_ai").create(
        {"id": int, "origin": str, "site": str, "run_id": int, "read_at": str, "complete": int, "search": str,
         "ai_input": str, "ai_train": str, "summary": str, "signals": str, "conflicts": str, "unreadable": str,
         "not_read": str, "error": str},
        pk="id", not_null={"origin", "read_at", "complete"},
    )  # fmt: skip
    db.table("site_ai").create_index(["origin", "id"])
    db.table("site_ai").create_index(["site", "id"])
    create_views(db)


def _scans(db: Database) -> None:
    """`rights scan`: which archive files a scan has finished (its resume points), with what each held."""
    db.table("scan_archives").create(
        {"scan": str, "archive": str, "run_id": int, "status": str, "finished_at": str, "counts": str,
         "error": str},
        pk=("scan", "archive"), not_null={"run_id", "status", "finished_at"},
    )  # fmt: skip
    db.table("findings").create_index(["run_id", "key"], index_name="idx_findings_run_key")


def _warc_captures(db: Database) -> None:
    """`--warc`: each response a crawl wrote to a WARC file, with the record's address (see `store.captures`).
    A table of its own rather than columns on `pages`: a page row is overwritten by every recrawl while the
    WARC records accumulate (each recrawl appends), robots.txt, sitemaps and feeds have no page row, and a
    finding must point at the capture of the exact bytes it judged (matched by payload hash)."""
    db.table("warc_captures").create(
        {"id": int, "url": str, "target_uri": str, "kind": str, "http_status": int, "captured_at": str,
         "content_hash": str, "archive": str, "offset": int, "record_id": str, "run_id": int},
        pk="id", not_null={"url", "kind", "captured_at", "archive", "offset", "record_id"},
    )  # fmt: skip
    db.table("warc_captures").create_index(["url", "id"])
    db.table("warc_captures").create_index(["target_uri", "id"])
    db.table("warc_captures").create_index(["archive", "offset"])


MIGRATIONS: list[Migration] = [
    ("0001_runs", _runs),
    ("0002_pages", _pages),
    ("0003_frontier", _frontier),
    ("0004_robots", _robots),
    ("0005_visits", _visits),
    ("0006_fingerprints", _fingerprints),
    ("0007_checks", _checks),
    ("0008_views_and_search", _browse),
    ("0009_ai_usage", _ai_usage),
    ("0010_scans", _scans),
    ("0011_warc_captures", _warc_captures),
]


def pending(db: Database, migrations: list[Migration] | None = None) -> list[str]:
    """Names of the migrations this file still needs (a read; refuses a file from a newer rights)."""
    migrations = MIGRATIONS if migrations is None else migrations
    if not db.execute("SELECT 1 FROM sqlite_master WHERE name = 'migrations'").fetchone():
        return [name for name, _ in migrations]
    applied = {row[0] for row in db.execute("SELECT name FROM migrations").fetchall()}
    known = {name for name, _ in migrations}
    unknown = sorted(applied - known)
    if unknown:
        raise StoreError(
            db.conn.execute("PRAGMA database_list").fetchone()[2] or ":memory:",
            f"written by a newer version of rights (unknown migration {unknown[0]!r}); upgrade rights",
        )
    return [name for name, _ in migrations if name not in applied]


def migrate(db: Database, *, now: str, migrations: list[Migration] | None = None) -> list[str]:
    """Apply the missing migrations, in order, inside the caller's write transaction. Returns their names."""
    migrations = MIGRATIONS if migrations is None else migrations
    db.execute("CREATE TABLE IF NOT EXISTS migrations (name TEXT PRIMARY KEY, applied_at TEXT NOT NULL)")
    applied = [row[0] for row in db.execute("SELECT name FROM migrations ORDER BY rowid").fetchall()]
    known = {name for name, _ in migrations}
    unknown = [name for name in applied if name not in known]
    if unknown:
        raise StoreError(
            db.conn.execute("PRAGMA database_list").fetchone()[2] or ":memory:",
            f"written by a newer version of rights (unknown migration {unknown[0]!r}); upgrade rights",
        )
    done = set(applied)
    new: list[str] = []
    for name, step in migrations:
        if name in done:
            continue
        step(db)
        db.execute("INSERT INTO migrations (name, applied_at) VALUES (?, ?)", [name, now])
        new.append(name)
    return new
