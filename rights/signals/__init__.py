"""Detectors: pure functions over a `Page`, each returning values with evidence.

`detect_signals(page)` runs them all and chooses the primary value of each: the republication origin, the
licence that covers the article, the copyright notice and the reuse terms (`detect`). It loads on first use,
so that a crawl's parser process can read a page's AI-usage signals (`ai_usage`) without importing every
detector.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from rights import lazy_attributes

if TYPE_CHECKING:
    from rights.signals.detect import detect_signals

__getattr__ = lazy_attributes(__name__, {"detect_signals": "rights.signals.detect"})

__all__ = ["detect_signals"]
