"""Whole pages of our own writing against reviewed golden JSON.

Regenerate after an intended change with `RIGHTS_UPDATE_GOLDEN=1 pytest tests/test_golden.py`, then review the
diff of fixtures/golden/ before committing.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from rights.api import inspect
from rights.report.inspection import inspection_dict

ROOT = Path(__file__).resolve().parents[1]
PAGES = {
    "republished-seed": "https://www.globalresearch.ca/harbour-cranes-new-trade-map/5770001",
    "cc-blog": "https://orcharddiary.example/2024/02/winter-pruning",
    "wire-story": "https://valleycourier.example/news/flood-barriers",
    "plain": None,
}


def _golden_view(name: str, url: str | None) -> dict[str, object]:
    data = inspection_dict(inspect(str(ROOT / "fixtures" / "pages" / f"{name}.html"), url=url))
    data.pop("target")
    return json.loads(json.dumps(data, default=str))  # type: ignore[no-any-return]


@pytest.mark.parametrize(("name", "url"), PAGES.items())
def test_golden(name: str, url: str | None) -> None:
    path = ROOT / "fixtures" / "golden" / f"{name}.json"
    got = _golden_view(name, url)
    if os.environ.get("RIGHTS_UPDATE_GOLDEN"):
        path.write_text(json.dumps(got, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    expected = json.loads(path.read_text(encoding="utf-8"))
    assert got == expected
