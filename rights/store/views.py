"""The browsable side of the database: plain-named views over the stored records, and full-text search.

The tables keep what the commands record (signals and verdicts as JSON, one finding row per run); the views
answer a rights editor's questions in plain columns, for Datasette, sqlite-utils or the `sqlite3` shell:

- `page_rights`: the latest rights reading of each page (licence, copyright holder, origin, terms stance);
- `latest_verdicts`: the latest verdict for each page and use, with its conditions and credit line;
- `open_findings`: what the latest audit of each site found, with both URLs and the share copied;
- `rights_changes`: each change of a page's licence, reuse terms or copyright holder between two readings;
- `ai_preferences`: each site's latest search / AI-input / AI-training preferences, with the signals behind them;
- `ai_preference_changes`: each change of a site's preference for a use between two complete readings;
- `page_ai_usage`: each crawled page's own preferences (its headers and tags), with the signals.

`pages_fts` indexes the stored pages' titles and text (FTS5, external content, the layout sqlite-utils'
`enable_fts(..., create_triggers=True)` makes, so Datasette offers its search box). Its triggers are written
here, statement by statement, because `enable_fts` runs `executescript`, which would commit the migration's
transaction; the update trigger re-indexes only when the title or the text changed (a crawl's revisit of an
unchanged page costs nothing). Column meanings are in `rights.store.descriptions`.
"""

from __future__ import annotations

from sqlite_utils import Database

# Conditions (a JSON array of {"text": ...}) as one line of text, "; "-separated.
_CONDITIONS = "(SELECT group_concat(json_extract(c.value, '$.text'), '; ') FROM json_each({column}) AS c)"

_PAGE_RIGHTS = f"""
SELECT
  s.url AS page,
  s.title AS title,
  s.site_name AS site,
  s.license AS licence,
  json_extract(s.data, '$.license.scope') AS licence_scope,
  json_extract(s.data, '$.license.url') AS licence_url,
  s.copyright_holder AS copyright_holder,
  json_extract(s.data, '$.copyright.year') AS copyright_year,
  s.is_republication AS is_republication,
  s.origin_name AS origin_name,
  s.origin_url AS origin_url,
  s.terms AS terms_stance,
  {_CONDITIONS.format(column="s.data, '$.reuse_terms.conditions'")} AS terms_conditions,
  json_extract(s.data, '$.reuse_terms.contact') AS terms_contact,
  s.checked_at AS read_at,
  s.run_id AS run_id
FROM signals AS s
WHERE s.id = (SELECT max(id) FROM signals WHERE url = s.url)
"""

_LATEST_VERDICTS = f"""
SELECT
  v.url AS page,
  json_extract(v.data, '$.title') AS title,
  v.use AS use,
  v.verdict AS verdict,
  json_extract(v.data, '$.governing_policy.name') AS governing_terms,
  v.policy AS governing_policy_id,
  json_extract(v.data, '$.governing_reason') AS why_these_terms,
  coalesce(json_extract(v.data, '$.origin.rights_holder'), v.origin_name) AS rights_holder,
  v.origin_name AS publisher,
  v.origin_url AS original_url,
  {_CONDITIONS.format(column="v.data, '$.conditions'")} AS conditions,
  json_extract(v.data, '$.attribution_line.text') AS credit_line,
  v.checked_at AS checked_at,
  v.run_id AS run_id
FROM verdicts AS v
WHERE v.id = (SELECT max(id) FROM verdicts WHERE url = v.url AND use = v.use)
"""

_OPEN_FINDINGS = """
SELECT
  f.site AS site,
  f.kind AS kind,
  f.url AS copy_url,
  json_extract(f.data, '$.post_title') AS copy_title,
  f.source_url AS original_url,
  json_extract(f.data, '$.source_title') AS original_title,
  json_extract(f.data, '$.copied_share') AS copied_share,
  f.text AS finding,
  (SELECT min(g.found_at) FROM findings AS g WHERE g.key = f.key) AS first_seen,
  (SELECT max(g.found_at) FROM findings AS g WHERE g.key = f.key) AS last_seen,
  (SELECT r.kind FROM runs AS r WHERE r.id = f.run_id) AS found_by,
  json_extract(f.data, '$.capture.archive') AS capture_archive,
  json_extract(f.data, '$.capture.offset') AS capture_offset,
  json_extract(f.data, '$.capture.record_id') AS capture_record_id,
  json_extract(f.data, '$.capture.captured_at') AS captured_at,
  f.run_id AS run_id
FROM findings AS f
WHERE f.status = 'open'
  AND f.run_id IN (
    SELECT max(r.id) FROM runs AS r
    WHERE r.kind IN ('audit', 'scan') AND r.status = 'done'
    GROUP BY r.kind, json_extract(r.args, '$.site')
  )
"""

# One row per field that differs from the page's previous reading (its first reading is no change).
_CHANGE = """
SELECT page, changed_at, previous_reading_at, '{what}' AS what,
  coalesce(old_{field}, 'none') AS old_value, coalesce(new_{field}, 'none') AS new_value,
  coalesce(old_{field}, 'none') || ' -> ' || coalesce(new_{field}, 'none') AS change, run_id
FROM readings WHERE n > 1 AND old_{field} IS NOT new_{field}"""

_RIGHTS_CHANGES = f"""
WITH readings AS (
  SELECT
    url AS page, checked_at AS changed_at, run_id,
    row_number() OVER w AS n,
    lag(checked_at) OVER w AS previous_reading_at,
    lag(license) OVER w AS old_licence, license AS new_licence,
    lag(terms) OVER w AS old_terms, terms AS new_terms,
    lag(copyright_holder) OVER w AS old_holder, copyright_holder AS new_holder
  FROM signals
  WINDOW w AS (PARTITION BY url ORDER BY id)
)
{_CHANGE.format(what="licence", field="licence")}
UNION ALL
{_CHANGE.format(what="reuse terms", field="terms")}
UNION ALL
{_CHANGE.format(what="copyright holder", field="holder")}
"""

_JOINED = "(SELECT group_concat(j.value, '; ') FROM json_each({column}) AS j)"

_AI_PREFERENCES = f"""
SELECT
  a.origin AS origin,
  a.site AS site,
  a.search AS search,
  a.ai_input AS ai_input,
  a.ai_train AS ai_train,
  a.summary AS signals,
  {_JOINED.format(column="a.conflicts")} AS conflicts,
  {_JOINED.format(column="a.not_read")} AS not_read,
  a.complete AS complete,
  a.read_at AS read_at,
  a.run_id AS run_id
FROM site_ai AS a
WHERE a.id = (SELECT max(id) FROM site_ai WHERE origin = a.origin)
"""

# One row per use whose preference differs from the origin's previous complete reading.
_AI_CHANGE = """
SELECT origin, site, changed_at, previous_reading_at, '{use}' AS use, old_{column} AS old_value,
  new_{column} AS new_value, old_{column} || ' -> ' || new_{column} AS change, signals, run_id
FROM ai_readings WHERE n > 1 AND old_{column} IS NOT new_{column}"""

_AI_PREFERENCE_CHANGES = f"""
WITH ai_readings AS (
  SELECT
    origin, site, read_at AS changed_at, run_id, summary AS signals,
    row_number() OVER w AS n,
    lag(read_at) OVER w AS previous_reading_at,
    lag(search) OVER w AS old_search, search AS new_search,
    lag(ai_input) OVER w AS old_ai_input, ai_input AS new_ai_input,
    lag(ai_train) OVER w AS old_ai_train, ai_train AS new_ai_train
  FROM site_ai WHERE complete = 1
  WINDOW w AS (PARTITION BY origin ORDER BY id)
)
{_AI_CHANGE.format(use="search", column="search")}
UNION ALL
{_AI_CHANGE.format(use="ai-input", column="ai_input")}
UNION ALL
{_AI_CHANGE.format(use="ai-train", column="ai_train")}
"""

_PAGE_AI_USAGE = """
SELECT
  p.url AS page,
  p.title AS title,
  json_extract(p.ai_usage, '$.search') AS search,
  json_extract(p.ai_usage, '$."ai-input"') AS ai_input,
  json_extract(p.ai_usage, '$."ai-train"') AS ai_train,
  (SELECT group_concat(json_extract(s.value, '$.use') || ' ' || json_extract(s.value, '$.preference') || ' by '
     || json_extract(s.value, '$.where') || ' (' || json_extract(s.value, '$.detail') || ')', '; ')
   FROM json_each(p.ai_usage, '$.signals') AS s) AS signals,
  p.checked_at AS read_at,
  p.run_id AS run_id
FROM pages AS p
WHERE p.ai_usage IS NOT NULL
"""

VIEWS: dict[str, str] = {
    "page_rights": _PAGE_RIGHTS,
    "latest_verdicts": _LATEST_VERDICTS,
    "open_findings": _OPEN_FINDINGS,
    "rights_changes": _RIGHTS_CHANGES,
    "ai_preferences": _AI_PREFERENCES,
    "ai_preference_changes": _AI_PREFERENCE_CHANGES,
    "page_ai_usage": _PAGE_AI_USAGE,
}

FTS_TABLE = "pages_fts"
FTS_COLUMNS = ("title", "text")
_FTS = ", ".join(FTS_COLUMNS)
_OLD = ", ".join(f"old.{c}" for c in FTS_COLUMNS)
_NEW = ", ".join(f"new.{c}" for c in FTS_COLUMNS)
_SEARCH_SCHEMA = (
    f"CREATE VIRTUAL TABLE IF NOT EXISTS {FTS_TABLE} USING FTS5 ({_FTS},"
    " tokenize='porter unicode61 remove_diacritics 2', content=pages)",
    f"CREATE TRIGGER IF NOT EXISTS pages_ai AFTER INSERT ON pages BEGIN"
    f" INSERT INTO {FTS_TABLE} (rowid, {_FTS}) VALUES (new.rowid, {_NEW}); END",
    f"CREATE TRIGGER IF NOT EXISTS pages_ad AFTER DELETE ON pages BEGIN"
    f" INSERT INTO {FTS_TABLE} ({FTS_TABLE}, rowid, {_FTS}) VALUES ('delete', old.rowid, {_OLD}); END",
    f"CREATE TRIGGER IF NOT EXISTS pages_au AFTER UPDATE ON pages"
    f" WHEN old.title IS NOT new.title OR old.text IS NOT new.text BEGIN"
    f" INSERT INTO {FTS_TABLE} ({FTS_TABLE}, rowid, {_FTS}) VALUES ('delete', old.rowid, {_OLD});"
    f" INSERT INTO {FTS_TABLE} (rowid, {_FTS}) VALUES (new.rowid, {_NEW}); END",
)  # fmt: skip


def create_views(db: Database) -> None:
    """(Re)create every view: safe to run again, and on a file that has older versions of them."""
    for name, select in VIEWS.items():
        db.execute(f"DROP VIEW IF EXISTS {name}")
        db.execute(f"CREATE VIEW {name} AS {select.strip()}")


def create_search(db: Database) -> None:
    """The full-text index of pages (title, text) and the triggers that keep it in step; indexes the pages
    already stored. Safe to run again."""
    exists = db.execute("SELECT 1 FROM sqlite_master WHERE name = ?", [FTS_TABLE]).fetchone()
    for statement in _SEARCH_SCHEMA:
        db.execute(statement)
    if not exists:
        db.execute(f"INSERT INTO {FTS_TABLE} ({FTS_TABLE}) VALUES ('rebuild')")
