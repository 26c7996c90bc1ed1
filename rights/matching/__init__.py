"""Text reuse: normalise -> tokens -> shingles -> winnowing -> alignment -> passages, shares and a verdict.

Pure (no I/O, no clock). The public API:

- `tokenize(text) -> Tokens`, `fingerprint(text) -> uint64 array`, `fingerprint_many(texts)`,
  `to_blob` / `from_blob` (stored fingerprints; `FINGERPRINT_VERSION` names the scheme);
- `compare_texts(copy, original) -> Match` and `compare_pages(copy_page, original_page) -> Match`;
- `page_text(page) -> PageText`, `make_source(text, quoted_spans=...)`, `page_source(page, boilerplate)`;
- `diff_passages(original, copy) -> list[Edit]` and `diff_pages(original_page, copy_page)` (word-level
  edits of a copy against its original).
"""

from __future__ import annotations

from rights.matching.article import PageText, boilerplate_spans, compare_pages, page_source, page_text
from rights.matching.compare import DEFAULT_SETTINGS, MatchSettings, Source, compare_texts, make_source
from rights.matching.diff import diff_pages, diff_passages
from rights.matching.fingerprint import (
    DEFAULT_PARAMS,
    FINGERPRINT_VERSION,
    FingerprintParams,
    Prints,
    fingerprint,
    fingerprint_tokens,
    from_blob,
    prints,
    to_blob,
)
from rights.matching.quotes import quotation_spans
from rights.matching.text import Tokens, prepare, tokenize

__all__ = [
    "DEFAULT_PARAMS",
    "DEFAULT_SETTINGS",
    "FINGERPRINT_VERSION",
    "FingerprintParams",
    "MatchSettings",
    "PageText",
    "Prints",
    "Source",
    "Tokens",
    "boilerplate_spans",
    "compare_pages",
    "compare_texts",
    "diff_pages",
    "diff_passages",
    "fingerprint",
    "fingerprint_tokens",
    "from_blob",
    "make_source",
    "page_source",
    "page_text",
    "prepare",
    "prints",
    "quotation_spans",
    "to_blob",
    "tokenize",
]
