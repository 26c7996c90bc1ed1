"""The working state of the attribution detectors: what they found and set aside, and the link that carries an
origin's name. Shared by `rights.signals.attribution` (credit statements, metadata) and
`rights.signals.agency` (wire, agency and press-release credits)."""

from __future__ import annotations

from dataclasses import dataclass

from rights.models import Evidence
from rights.page.models import Link, Page, TextBlock
from rights.signals.common import fold, is_own
from rights.signals.models import Rejected


@dataclass(slots=True)
class Found:
    """An origin found on the page, before the findings are ranked and merged."""

    kind: str
    name: str | None
    url: str | None
    evidence: Evidence
    strength: int
    order: int


class Sink:
    """What the detectors found on one page (each with its strength and page order) and what they set aside."""

    def __init__(self, page: Page) -> None:
        self.page = page
        self.found: list[Found] = []
        self.rejected: list[Rejected] = []

    def reject(self, kind: str, reason: str, evidence: Evidence) -> None:
        self.rejected.append(Rejected(kind, reason, evidence))

    def accept(
        self, kind: str, name: str | None, url: str | None, evidence: Evidence, strength: int, order: int
    ) -> None:
        if is_own(self.page, name, url):
            self.reject("self_attribution", f"names the page's own site ({name or url}) as origin", evidence)
            return
        self.found.append(Found(kind, name, url, evidence, strength, order))


def link_for(page: Page, block: TextBlock, name: str | None, start: int) -> Link | None:
    """The link in `block` that names the origin: one whose text overlaps the name, else the first after `start`."""
    candidates = [ln for ln in page.links if ln.block == block.index and ln.tag == "a"]
    if not candidates:
        return None
    if name:
        folded = fold(name)
        for link in candidates:
            text = fold(link.text)
            if text and (text in folded or folded in text):
                return link
    after = [ln for ln in candidates if ln.text and block.text.find(ln.text, start) >= 0]
    if after:
        return after[0]
    return None
