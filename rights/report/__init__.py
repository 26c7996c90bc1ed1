"""Rendering for people (table, Markdown, HTML) and programs (JSON, CSV). Pure: values in, strings and dicts out.

- `inspection`: `rights inspect` (a page's signals with their evidence);
- `check`: `rights check` (verdict, reasons, conditions, credit line);
- `verification`: `rights verify` (one line per checked condition);
- `comparison`: `rights compare` (passages side by side);
- `audit` (with `audit_common`, `audit_text`, `audit_data`, `audit_html`, `highlight`, `style`): audit reports
  in five formats, the HTML one self-contained with the copied words marked. See docs/reports.md.
"""
