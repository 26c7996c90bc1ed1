"""Every example in docs/library.md runs, and prints what the page says it prints.

The ```python blocks are doctests, run in order in one namespace from the repository root; the audit example
reaches the fixture web on loopback through the RIGHTS_* environment that `rights.load_settings()` reads.
"""

from __future__ import annotations

import doctest
import re
from pathlib import Path

import pytest

from tests.sitesrv import SiteServer

ROOT = Path(__file__).resolve().parents[1]
DOC = ROOT / "docs" / "library.md"
BLOCK = re.compile(r"^```python\n(.*?)^```", re.M | re.S)


def _blocks() -> list[str]:
    return BLOCK.findall(DOC.read_text())


def test_the_page_shows_every_library_call() -> None:
    text = "\n".join(_blocks())
    for call in (
        "rights.inspect(",
        "rights.check(",
        "rights.check_many(",
        "rights.verify(",
        "rights.compare(",
        "rights.audit(",
    ):
        assert call in text


def test_every_example_runs_as_shown(
    site: SiteServer, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(ROOT)
    monkeypatch.setenv("RIGHTS_RESOLVE", ",".join(site.resolve))
    monkeypatch.setenv("RIGHTS_ALLOW_PRIVATE", "1")
    monkeypatch.setenv("RIGHTS_DELAY", "0")
    monkeypatch.setenv("RIGHTS_DB", str(tmp_path / "rights.db"))
    parser, runner = doctest.DocTestParser(), doctest.DocTestRunner(optionflags=doctest.ELLIPSIS)
    namespace: dict[str, object] = {}
    for number, block in enumerate(_blocks(), 1):
        test = parser.get_doctest(block, namespace, f"library.md block {number}", str(DOC), 0)
        assert test.examples, f"block {number} holds no example"
        runner.run(test, clear_globs=False)
        namespace.update(test.globs)  # the next block sees this one's names
    failed, attempted = runner.summarize(verbose=False)
    assert attempted > 20 and failed == 0
