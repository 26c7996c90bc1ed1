"""Tolerant JSON-LD reading: comments, trailing commas, control characters, HTML comment wrappers,
several objects in one block, `@graph`. Pure."""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from typing import Any

MAX_ITEMS = 200
_DECODER = json.JSONDecoder(strict=False)


def _strip_wrappers(text: str) -> str:
    text = text.strip()
    for opener, closer in (("<!--", "-->"), ("<![CDATA[", "]]>"), ("/*<![CDATA[*/", "/*]]>*/")):
        if text.startswith(opener):
            text = text[len(opener) :]
        if text.endswith(closer):
            text = text[: -len(closer)]
    return text.strip().rstrip(";").strip()


def _repair(text: str) -> str:
    """Drop comments and trailing commas outside strings (one linear scan)."""
    out: list[str] = []
    i, n = 0, len(text)
    in_string = False
    while i < n:
        ch = text[i]
        if in_string:
            out.append(ch)
            if ch == "\\" and i + 1 < n:
                out.append(text[i + 1])
                i += 2
                continue
            if ch == '"':
                in_string = False
            i += 1
            continue
        if ch == '"':
            in_string = True
            out.append(ch)
            i += 1
        elif text.startswith("/*", i):
            end = text.find("*/", i + 2)
            i = n if end < 0 else end + 2
        elif text.startswith("//", i):
            end = text.find("\n", i)
            i = n if end < 0 else end + 1
        elif ch in "}]":
            while out and out[-1].isspace():
                out.pop()
            if out and out[-1] == ",":
                out.pop()
            out.append(ch)
            i += 1
        else:
            out.append(ch)
            i += 1
    return "".join(out)


def _decode_all(text: str) -> list[Any]:
    """Decode one value, or several concatenated values."""
    values: list[Any] = []
    i, n = 0, len(text)
    while i < n:
        while i < n and (text[i].isspace() or text[i] in ",;"):
            i += 1
        if i >= n:
            break
        value, i = _DECODER.raw_decode(text, i)
        values.append(value)
    return values


def _flatten(values: Iterable[Any], out: list[Mapping[str, Any]]) -> None:
    for value in values:
        if len(out) >= MAX_ITEMS:
            return
        if isinstance(value, list):
            _flatten(value, out)
        elif isinstance(value, dict):
            graph = value.get("@graph")
            if isinstance(graph, list | dict):
                rest = {k: v for k, v in value.items() if k != "@graph"}
                if len(rest) > 1 or (rest and "@context" not in rest):
                    out.append(rest)
                _flatten(graph if isinstance(graph, list) else [graph], out)
            else:
                out.append(value)


def parse_jsonld(scripts: Iterable[str]) -> tuple[list[Mapping[str, Any]], int]:
    """Objects from every JSON-LD script (graphs flattened) and the number of blocks that stayed unreadable."""
    items: list[Mapping[str, Any]] = []
    errors = 0
    for raw in scripts:
        text = _strip_wrappers(raw)
        if not text:
            continue
        try:
            values = _decode_all(text)
        except ValueError:
            try:
                values = _decode_all(_repair(text))
            except ValueError:
                errors += 1
                continue
        _flatten(values, items)
    return items, errors


def types_of(item: Mapping[str, Any]) -> set[str]:
    """The item's @type values, without a schema.org prefix."""
    raw = item.get("@type")
    values = raw if isinstance(raw, list) else [raw]
    return {str(v).rsplit("/", 1)[-1].rsplit(":", 1)[-1] for v in values if v}


def names(value: Any, limit: int = 10) -> list[str]:
    """Names from a JSON-LD value that is a string, a Person/Organization, or a list of them."""
    found: list[str] = []
    items = value if isinstance(value, list) else [value]
    for item in items[:limit]:
        if isinstance(item, str):
            if item.strip() and not item.startswith(("http://", "https://", "@")):
                found.append(item.strip())
        elif isinstance(item, dict):
            name = item.get("name") or item.get("legalName") or item.get("alternateName")
            if isinstance(name, list):
                name = name[0] if name else None
            if isinstance(name, str) and name.strip():
                found.append(name.strip())
    return found


def urls(value: Any) -> list[str]:
    """URLs from a JSON-LD value that is a URL string, an object with @id/url, or a list of them."""
    out: list[str] = []
    for item in value if isinstance(value, list) else [value]:
        if isinstance(item, str):
            out.append(item.strip())
        elif isinstance(item, dict):
            for key in ("url", "@id"):
                if isinstance(item.get(key), str):
                    out.append(item[key].strip())
                    break
    return [u for u in out if u]
