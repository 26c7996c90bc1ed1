"""RSL (Really Simple Licensing) 1.0: find a page's RSL document and read it into `AiSignal` values.

Follows the RSL 1.0 Specification (RSL-SPEC-1.0, Recommendation, published 2025-11-06, rslstandard.org/rsl,
namespace `https://rslstandard.org/rsl`). A document is `<rsl>` holding `<content url=...>` elements (a full URL,
or a server path with robots.txt matching: `*` any characters, `$` the end), each with `<license>` elements
holding `<permits type="usage">` and `<prohibits type="usage">` (space-separated usages), `<payment type=...>`
(with `<standard>`, `<custom>`, `<amount currency=...>`), `<legal type=...>`, and beside them `<copyright>`
(with `contactEmail` / `contactUrl`) and `<terms>`. A `server` attribute on `<content>` names a licence server
from which a licence must be obtained even when it is free.

Usages mapped to our uses: `all` -> every use; `ai-all` -> ai-train and ai-input; `ai-train` -> ai-train;
`ai-input` and `ai-index` (building an index for AI answers) -> ai-input; `search` -> search. The AIPREF labels
the RSL guide uses with `<permits>` (`train-ai`, `ai-use`) are read the same way. Permitted usages are
`allowed` with the licence's terms as conditions (payment, attribution, a licence server, the users or
countries permitted); prohibited ones are `disallowed`. A usage a document neither permits nor prohibits is
not stated.

Discovery: `<link rel="license" type="application/rsl+xml" href>` in the page and the same in an HTTP `Link`
header (`rsl_links`); the robots.txt `License:` directive is read on the robots.txt side.

Safety: the document is parsed with the standard library's expat, after a first pass that refuses any DTD
(`<!DOCTYPE ...>`) or entity declaration. Without a DTD no entity can be defined, so neither an entity bomb
("billion laughs") nor an external entity can be expanded, and the refusal comes at the first bytes of the
DTD, before any expansion. This needs no third-party library (defusedxml does the same with `forbid_dtd=True`).
Documents over `MAX_RSL_BYTES` are refused unread.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections.abc import Iterable
from dataclasses import dataclass
from urllib.parse import urljoin, urlsplit
from xml.parsers import expat

from rights.models import Evidence, Zone
from rights.page.decode import header_value
from rights.page.models import Page
from rights.signals.ai_models import AI_USES, AiSignal, Unreadable
from rights.signals.common import clip

MAX_RSL_BYTES = 1_000_000
RSL_TYPE = "application/rsl+xml"
_USAGES: dict[str, tuple[str, ...]] = {
    "all": AI_USES,
    "ai-all": ("ai-train", "ai-input"),
    "ai-train": ("ai-train",),
    "train-ai": ("ai-train",),
    "ai-input": ("ai-input",),
    "ai-use": ("ai-input",),
    "ai-index": ("ai-input",),
    "search": ("search",),
}


class _Refused(Exception):
    """The document declares a DTD or an entity."""


def _refuse(*_args: object) -> None:
    raise _Refused("declares a DTD or entities (refused: no DTD processing)")


def parse_xml_safely(data: bytes, limit: int = MAX_RSL_BYTES) -> ET.Element | str:
    """Bytes -> the root element, or why not: too large, a DTD or entity declared, not well-formed."""
    if len(data) > limit:
        return f"larger than {limit:,} bytes"
    guard = expat.ParserCreate()
    guard.StartDoctypeDeclHandler = _refuse
    guard.EntityDeclHandler = _refuse
    guard.ExternalEntityRefHandler = _refuse  # type: ignore[assignment]
    try:
        guard.Parse(data, True)
        return ET.fromstring(data)
    except _Refused as refused:
        return str(refused)
    except (expat.ExpatError, ET.ParseError) as error:
        return f"not well-formed XML ({error})"


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def _children(element: ET.Element, name: str) -> list[ET.Element]:
    return [child for child in element if _local(child.tag) == name]


def _text(element: ET.Element) -> str:
    return " ".join("".join(element.itertext()).split())


@dataclass(frozen=True, slots=True)
class _License:
    permits: tuple[str, ...]
    prohibits: tuple[str, ...]
    conditions: tuple[str, ...]


def _license_terms(license_: ET.Element, content: ET.Element) -> _License:
    permits: list[str] = []
    prohibits: list[str] = []
    conditions: list[str] = []
    for kind, target in (("permits", permits), ("prohibits", prohibits)):
        for element in _children(license_, kind):
            what = (element.get("type") or "usage").strip().lower()
            values = _text(element).lower().split()
            if what == "usage":
                target.extend(values)
            elif values:  # users or countries: a condition on every usage of this licence
                conditions.append(f"{kind} {what}: {' '.join(values)}")
    for payment in _children(license_, "payment"):
        conditions.append(_payment(payment))
    for legal in _children(license_, "legal"):
        conditions.append(f"legal {legal.get('type') or ''}: {_text(legal)}".replace("  ", " "))
    server = content.get("server")
    if server:
        conditions.append(f"obtain a licence from the licence server {server}")
    for copyright_ in _children(content, "copyright"):
        contact = copyright_.get("contactEmail") or copyright_.get("contactUrl") or ""
        holder = _text(copyright_)
        conditions.append(f"rights holder: {holder}" + (f" (contact {contact})" if contact else ""))
    for terms in _children(content, "terms"):
        conditions.append(f"licensing terms: {_text(terms)}")
    return _License(tuple(permits), tuple(prohibits), tuple(c for c in conditions if c))


def _payment(payment: ET.Element) -> str:
    kind = (payment.get("type") or "free").strip().lower()
    if kind == "free":
        return ""
    if kind == "attribution":
        return "attribution required (RSL payment type attribution)"
    parts = [f"payment ({kind})"]
    for amount in (el for el in payment.iter() if _local(el.tag) == "amount"):
        parts.append(f"{_text(amount)} {amount.get('currency') or ''}".strip())
    for name in ("standard", "custom"):
        for element in (el for el in payment.iter() if _local(el.tag) == name):
            parts.append(f"{name} terms {_text(element)}")
    return ", ".join(parts)


def read_rsl(data: bytes, where: str, page_url: str | None = None) -> tuple[list[AiSignal], list[Unreadable]]:
    """An RSL document -> signals for the `<content>` elements that cover `page_url` (all of them when no page
    URL is given, each then scoped `site`), or an `Unreadable` saying why it was refused."""
    root = parse_xml_safely(data)
    if isinstance(root, str):
        return [], [Unreadable("rsl", where, root)]
    if _local(root.tag) != "rsl":
        return [], [Unreadable("rsl", where, f"the root element is <{_local(root.tag)}>, not <rsl>")]
    signals: list[AiSignal] = []
    for content in _children(root, "content"):
        pattern = (content.get("url") or "").strip()
        if page_url and not covers(pattern, page_url):
            continue
        for license_ in _children(content, "license"):
            signals.extend(_signals(_license_terms(license_, content), pattern, where, page_url))
    return signals, []


def _signals(terms: _License, pattern: str, where: str, page_url: str | None) -> Iterable[AiSignal]:
    scope = "page" if page_url else "site"
    for preference, usages, conditions in (
        ("disallowed", terms.prohibits, ()),
        ("allowed", terms.permits, terms.conditions),
    ):
        for usage in usages:
            for use in _USAGES.get(usage, ()):
                text = f"<content url={pattern!r}>: {'prohibits' if preference == 'disallowed' else 'permits'} {usage}"
                evidence = Evidence(clip(text), Zone.META, where, "rsl", "rsl-1.0", False)
                yield AiSignal(
                    "rsl", use, preference, where, f"{usage} for {pattern}", evidence, scope, conditions
                )


def covers(pattern: str, page_url: str) -> bool:
    """Whether an RSL `<content url>` (a full URL or a server path, robots.txt wildcards) covers a page URL."""
    if not pattern:
        return False
    page = urlsplit(page_url)
    if "://" in pattern:
        target = urlsplit(pattern)
        if (target.hostname or "").lower() != (page.hostname or "").lower():
            return False
        pattern = target.path or "/"
        if target.query:
            pattern += "?" + target.query
    elif not pattern.startswith(("/", "*")):  # a path written without its leading slash
        pattern = "/" + pattern
    path = (page.path or "/") + (f"?{page.query}" if page.query else "")
    return path_matches(pattern, path)


def path_matches(pattern: str, path: str) -> bool:
    """robots.txt path matching (RFC 9309 2.2.2): a prefix, `*` for any characters, `$` for the end."""
    anchored = pattern.endswith("$")
    body = pattern[:-1] if anchored else pattern
    regex = ".*".join(re.escape(part) for part in body.split("*"))
    return re.match(regex + ("$" if anchored else ""), path) is not None


_LINK_ITEM = re.compile(r"<([^>]*)>((?:\s*;\s*[\w*-]+\s*(?:=\s*(?:\"[^\"]*\"|[^;,\s]*))?)*)")
_PARAM = re.compile(r";\s*([\w*-]+)\s*(?:=\s*(\"[^\"]*\"|[^;,\s]*))?")


def rsl_links(page: Page) -> list[str]:
    """Addresses of the RSL documents a page points to: `<link rel="license" type="application/rsl+xml">` and
    the same in the HTTP `Link` header, in that order, without repeats."""
    found: list[str] = []
    for link in page.links:
        if link.tag == "link" and "license" in link.rel and link.type.split(";")[0].strip() == RSL_TYPE:
            found.append(link.url)
    for match in _LINK_ITEM.finditer(header_value(page.headers, "link")):
        params = {key.lower(): value.strip('"').strip() for key, value in _PARAM.findall(match.group(2))}
        rels = params.get("rel", "").lower().split()
        if "license" in rels and params.get("type", "").lower() == RSL_TYPE:
            found.append(urljoin(page.url or "", match.group(1).strip()))
    return list(dict.fromkeys(url for url in found if url))
