"""The database: the only package that uses sqlite-utils.

    store = open_store(settings.database())          # or open_settings_store(settings)
    with store.lock():                               # one long run at a time (exit 75 for the second)
        run_id = store.start_run("crawl", settings, {"urls": [...]})
        with store.transaction():                    # a page is committed as a unit
            store.save_page(record)
            store.add_visit(url, "fetched", run_id=run_id)
        store.finish_run(run_id, "done", counts)

Modules: `database` (`Store`, `open_store`), `db` (connection, pragmas, transactions, run lock), `migrations`
(the append-only list of schema changes), `runs`, `pages` (pages + visits), `frontier`, `robots`, `checks`,
`fingerprints`, `captures` (where a crawl's WARC records sit), `models` (the rows), `views` (the plain-named views and the pages' full-text index), `browse`
(search, the schema, Datasette metadata) and `descriptions` (what each table, view and column means). See
docs/storage.md and docs/database.md. The names below load on first use, so that a crawl's parser process can build rows
(`rights.store.models`) without importing SQLite.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from rights import lazy_attributes

if TYPE_CHECKING:
    from rights.store.database import Store, open_settings_store, open_store
    from rights.store.db import Connection
    from rights.store.migrations import MIGRATIONS, Migration

_DATABASE = "rights.store.database"
__getattr__ = lazy_attributes(__name__, {
    "Store": _DATABASE, "open_store": _DATABASE, "open_settings_store": _DATABASE,
    "Connection": "rights.store.db", "MIGRATIONS": "rights.store.migrations", "Migration": "rights.store.migrations",
})  # fmt: skip

__all__ = ["MIGRATIONS", "Connection", "Migration", "Store", "open_settings_store", "open_store"]
