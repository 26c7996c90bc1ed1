"""Audits: which posts of a site copy text without proper attribution, and what changed since last time.

- `run`: one audit of a site (crawl, cited pages, matching, judging) recorded as a run;
- `rules`: judging one post against one source it copies from (pure);
- `history`: a run's findings against the previous run's (new, open, fixed);
- `watchlist`: the scheduled job (`rights crawl --watchlist rights.toml`): audits, feeds, our articles;
- `models`: `ReportFinding`, `AuditReport`.
"""
