"""`detect_signals(page)`: every detector over one page, and the primary value of each."""

from __future__ import annotations

from rights.page.models import Page
from rights.signals.attribution import detect_attributions
from rights.signals.common import PageText
from rights.signals.copyright import detect_copyrights
from rights.signals.license import detect_licenses, primary_license
from rights.signals.models import Republication, Signals
from rights.signals.terms import detect_terms

_KIND = {
    "republished": "republished",
    "wire": "wire",
    "press_release": "press_release",
    "canonical_only": "canonical_only",
}


def detect_signals(page: Page, text: PageText | None = None) -> Signals:
    """All detectors over one page (`text`: its PageText, when the caller already built it)."""
    text = text or PageText(page)
    attributions, rejected = detect_attributions(page, text)
    licenses, lic_rejected = detect_licenses(page, text)
    license, conflicts = primary_license(licenses)
    copyrights, cr_rejected = detect_copyrights(page, text)
    terms = detect_terms(page, license, text)
    top = attributions[0] if attributions and attributions[0].strength >= 2 else None
    if top is None and attributions:
        top = attributions[0]
    republication = (
        Republication(True, _KIND.get(top.kind, "republished"), top.origin_name, top.origin_url, top.evidence)
        if top is not None
        else Republication(False, None, None, None)
    )
    if len(page.canonicals) > 1:
        conflicts.append(f"{len(page.canonicals)} canonical links declared: {', '.join(page.canonicals[:3])}")
    return Signals(
        republication=republication,
        attributions=tuple(attributions),
        license=license,
        licenses=tuple(licenses),
        copyright=copyrights[0] if copyrights else None,
        copyrights=tuple(copyrights),
        reuse_terms=terms,
        rejected=tuple(rejected + lic_rejected + cr_rejected),
        conflicts=tuple(conflicts),
    )
