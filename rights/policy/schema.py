"""The policy file format: the closed rule vocabulary and the validator for one file.

`RULE_KINDS` maps each rule kind to its own parameters (docs/policies.md is the reference). Parsing is
pure: `check_policy(text, path)` returns the `Policy` and every problem found, `parse_policy` raises the
first. Every problem is a `PolicyError(path, key, problem)` whose key is a precise path such as
`rules[3].for_uses` (indexes count from 0, in file order).
"""

from __future__ import annotations

import re
import string
import tomllib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import PurePosixPath
from types import MappingProxyType
from typing import Any
from urllib.parse import urlsplit

from rights.errors import PolicyError
from rights.policy.models import (
    EDIT_KINDS,
    POLICY_KINDS,
    POLICY_STATUSES,
    USES,
    VERDICTS,
    Policy,
    PolicyExample,
    Rule,
)
from rights.policy.sentences import sentences
from rights.signals.ai_models import AI_USES

PLACEHOLDERS = ("title", "author", "publisher", "url", "license", "license_url", "year", "copyright", "date")


@dataclass(frozen=True, slots=True)
class Param:
    """One parameter of a rule kind: its type, whether it is required, its choices and default."""

    type: str  # str | int | bool | template | choice | uses | edits | kinds
    required: bool = False
    choices: tuple[str, ...] = ()
    default: Any = None
    minimum: int = 0


_USES = Param("uses", required=True)
RULE_KINDS: Mapping[str, Mapping[str, Param]] = {
    # grants and refusals
    "grant": {"uses": _USES},
    "requires_permission": {"uses": _USES, "contact": Param("str")},
    "forbids": {"uses": _USES},
    "quotation": {},  # its `note` is required
    "waives": {"kinds": Param("kinds", required=True)},
    "excluded_content": {"what": Param("str", required=True)},
    # automated uses (search, ai-input, ai-train): what the publisher says, with its source
    "ai_terms": {
        "uses": Param("ai_uses", required=True),
        "stance": Param("choice", required=True, choices=("allowed", "disallowed", "permission_required")),
        "contact": Param("str"),
    },
    # conditions
    "credit_author": {"format": Param("template")},
    "credit_publisher": {"name": Param("str")},
    "link_original": {
        "target": Param("choice", choices=("article", "homepage", "either"), default="article")
    },
    "keep_copyright_notice": {},
    "name_license": {},
    "include_title": {},
    "indicate_changes": {"when": Param("choice", choices=("modified", "adapted"), default="modified")},
    "retain_notices": {},
    "share_alike": {"compatible": Param("bool", default=True)},
    "noncommercial": {"definition": Param("str", required=True)},
    "no_derivatives": {"allowed_edits": Param("edits", required=True)},
    "edits": {"allowed": Param("edits"), "forbidden": Param("edits")},
    "no_images": {},
    "tracking_pixel": {},
    "keep_links": {},
    "no_paywall": {},
    "no_sell": {},
    "no_wholesale": {},
    "no_translation": {},
    "logo": {},
    "embargo": {"hours": Param("int", required=True, minimum=1)},
    "time_limit": {"days": Param("int", required=True, minimum=1)},
    "contact": {"address": Param("str", required=True)},
    "attribution_line": {
        "template": Param("template", required=True),
        "position": Param("choice", choices=("top", "bottom")),
    },
    "canonical": {"mode": Param("choice", required=True, choices=("canonical", "noindex", "either"))},
    "cure_period": {"days": Param("int", required=True)},
}
STANCE_KINDS = ("grant", "requires_permission", "forbids")  # their `uses` say which uses they decide
# Kinds that may appear several times for one use; any other kind appears once per use in a file, and a
# descendant's rule of that kind replaces the inherited one for the uses it covers.
ADDITIVE_KINDS = ("quotation", "waives", "excluded_content", "attribution_line", "contact", "ai_terms")
NOTE_REQUIRED = ("quotation",)
CONDITION_KINDS = tuple(
    k for k in RULE_KINDS if k not in (*STANCE_KINDS, "quotation", "waives", "excluded_content", "ai_terms")
)
RULE_COMMON_KEYS = ("kind", "for_uses", "status", "source", "note", "summary")
TOP_KEYS = (
    "id", "name", "kind", "domains", "extends", "aliases", "url", "source", "checked", "status", "summary",
    "attribution_template", "ports", "rules", "examples",
)  # fmt: skip
EXAMPLE_KEYS = ("fixture", "url", "use", "follow", "expect", "expect_conditions")
_CHOICES_FOR = {"uses": USES, "ai_uses": AI_USES, "edits": EDIT_KINDS, "kinds": tuple(RULE_KINDS)}
_ID = re.compile(r"[a-z0-9]+(?:[.-][a-z0-9]+)*")
_HOST = re.compile(r"(?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?\.)+[a-z][a-z0-9-]*[a-z0-9]")
_TOML_AT = re.compile(r"\s*\(at (?:line (\d+), column \d+|(end of document))\)$")
_TYPE_NAMES = {str: "a string", int: "an integer", bool: "true or false", float: "a number", list: "an array"}


def _describe(value: Any) -> str:
    if isinstance(value, dict):
        return "a table"
    return _TYPE_NAMES.get(type(value), type(value).__name__)


def _listing(options: Sequence[str]) -> str:
    return ", ".join(options)


class _Checker:
    """Reads one parsed TOML document into a Policy, collecting every problem found on the way."""

    def __init__(self, path: str) -> None:
        self.path = path
        self.errors: list[PolicyError] = []

    def fail(self, key: str, problem: str) -> None:
        self.errors.append(PolicyError(self.path, key, problem))

    # -- scalar readers: each returns None (after recording a problem) when the value is absent or bad

    def text(self, table: Mapping[str, Any], name: str, key: str, *, required: bool = False) -> str | None:
        value = table.get(name)
        if value is None:
            if required:
                self.fail(key, "missing (required)")
            return None
        if not isinstance(value, str) or not value.strip():
            self.fail(key, f"expected a non-empty string, got {_describe(value)}")
            return None
        return value.strip()

    def choice(
        self, table: Mapping[str, Any], name: str, key: str, choices: Sequence[str], **kw: bool
    ) -> str | None:
        value = self.text(table, name, key, **kw)
        if value is not None and value not in choices:
            self.fail(key, f"{value!r} is not one of: {_listing(choices)}")
            return None
        return value

    def ident(self, table: Mapping[str, Any], name: str, key: str, *, required: bool = False) -> str | None:
        value = self.text(table, name, key, required=required)
        if value is not None and not _ID.fullmatch(value):
            self.fail(key, f"{value!r} is not a valid id (lower-case letters, digits, '.' and '-')")
            return None
        return value

    def url(self, table: Mapping[str, Any], name: str, key: str) -> str | None:
        value = self.text(table, name, key)
        if value is not None:
            parts = urlsplit(value)
            if parts.scheme not in ("http", "https") or not parts.netloc or any(c.isspace() for c in value):
                self.fail(key, f"{value!r} is not an http(s) URL")
                return None
        return value

    def boolean(self, table: Mapping[str, Any], name: str, key: str, default: bool) -> bool:
        value = table.get(name, default)
        if not isinstance(value, bool):
            self.fail(key, f"expected true or false, got {_describe(value)}")
            return default
        return value

    def integer(self, value: Any, key: str, minimum: int) -> int | None:
        if not isinstance(value, int) or isinstance(value, bool):
            self.fail(key, f"expected an integer, got {_describe(value)}")
            return None
        if value < minimum:
            self.fail(key, f"{value} is below the minimum, {minimum}")
            return None
        return value

    def iso_date(self, table: Mapping[str, Any], name: str, key: str) -> str | None:
        value = table.get(name)
        if value is None:
            return None
        if isinstance(value, date) and not hasattr(value, "hour"):
            return value.isoformat()
        if isinstance(value, str) and re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
            try:
                return date.fromisoformat(value).isoformat()
            except ValueError:
                pass
        self.fail(key, f"expected a date YYYY-MM-DD, got {value!r}")
        return None

    def template(
        self, table: Mapping[str, Any], name: str, key: str, *, required: bool = False
    ) -> str | None:
        value = self.text(table, name, key, required=required)
        if value is None:
            return None
        try:
            fields = [
                (f, spec, conv) for _, f, spec, conv in string.Formatter().parse(value) if f is not None
            ]
        except ValueError as exc:
            self.fail(key, f"malformed template ({exc}); write a literal brace as {{{{ or }}}}")
            return None
        for name_, spec, conv in fields:
            if name_ not in PLACEHOLDERS:
                self.fail(key, f"unknown placeholder {{{name_}}}; allowed: {_listing(PLACEHOLDERS)}")
                return None
            if spec or conv:
                self.fail(key, f"placeholder {{{name_}}} takes no format or conversion")
                return None
        return value

    def names(
        self, table: Mapping[str, Any], name: str, key: str, choices: Sequence[str] | None
    ) -> tuple[str, ...] | None:
        """A non-empty array of distinct strings, each from `choices` when given."""
        value = table.get(name)
        if value is None:
            return None
        if not isinstance(value, list) or not value:
            self.fail(key, f"expected a non-empty array of strings, got {_describe(value)}")
            return None
        for i, item in enumerate(value):
            if not isinstance(item, str):
                self.fail(f"{key}[{i}]", f"expected a string, got {_describe(item)}")
                return None
            if choices is not None and item not in choices:
                self.fail(f"{key}[{i}]", f"{item!r} is not one of: {_listing(choices)}")
                return None
        if len(set(value)) != len(value):
            self.fail(key, "lists an entry twice")
            return None
        return tuple(value)

    def tables(self, data: Mapping[str, Any], name: str) -> list[tuple[str, Mapping[str, Any]]]:
        value = data.get(name, [])
        if not isinstance(value, list):
            self.fail(name, f"expected an array of tables ([[{name}]]), got {_describe(value)}")
            return []
        out: list[tuple[str, Mapping[str, Any]]] = []
        for i, item in enumerate(value):
            if isinstance(item, dict):
                out.append((f"{name}[{i}]", item))
            else:
                self.fail(f"{name}[{i}]", f"expected a table, got {_describe(item)}")
        return out

    def unknown_keys(self, table: Mapping[str, Any], allowed: Sequence[str], prefix: str, what: str) -> None:
        for name in table:
            if name not in allowed:
                self.fail(f"{prefix}{name}", f"unknown {what}; expected one of: {_listing(allowed)}")

    # -- the document

    def policy(self, data: Mapping[str, Any]) -> Policy | None:
        self.unknown_keys(data, TOP_KEYS, "", "key")
        pid = self.ident(data, "id", "id", required=True)
        name = self.text(data, "name", "name", required=True)
        kind = self.choice(data, "kind", "kind", POLICY_KINDS, required=True)
        status = self.choice(data, "status", "status", POLICY_STATUSES, required=True)
        url = self.url(data, "url", "url")
        source = self.url(data, "source", "source")
        if "source" not in data and not (kind == "license" and url):
            self.fail(
                "source", "missing (required: where the terms were read; a licence may give `url` instead)"
            )
        domains = self.domains(data, kind)
        aliases = self.names(data, "aliases", "aliases", None) or ()
        for i, alias in enumerate(aliases):
            if not _ID.fullmatch(alias):
                self.fail(f"aliases[{i}]", f"{alias!r} is not a valid id")
        if url is not None and kind == "publisher":
            self.fail("url", "only licence policies have a url; a publisher names its terms page in `source`")
        ports = self.boolean(data, "ports", "ports", False)
        if ports and kind == "publisher":
            self.fail("ports", "only licence policies have jurisdiction ports")
        extends = self.ident(data, "extends", "extends")
        if extends is not None and extends == pid:
            self.fail("extends", f"a policy cannot extend itself ({pid!r})")
        rules = self.rules(data, pid or "", status or "unverified")
        examples = [
            e for e in (self.example(k, t) for k, t in self.tables(data, "examples")) if e is not None
        ]
        policy = Policy(
            id=pid or "",
            name=name or "",
            kind=kind or "",
            domains=domains,
            extends=extends,
            url=url,
            source=source,
            checked=self.iso_date(data, "checked", "checked"),
            status=status or "",
            summary=self.text(data, "summary", "summary") or "",
            attribution_template=self.template(data, "attribution_template", "attribution_template"),
            ports=ports,
            rules=tuple(rules),
            examples=tuple(e for e in examples if e is not None),
            path=self.path,
            aliases=aliases,
        )
        return None if self.errors else policy

    def domains(self, data: Mapping[str, Any], kind: str | None) -> tuple[str, ...]:
        domains = self.names(data, "domains", "domains", None) or ()
        if kind == "publisher" and "domains" not in data:
            self.fail("domains", "missing (a publisher policy needs at least one domain)")
        if kind == "license" and domains:
            self.fail("domains", "a licence policy has no domains; a publisher policy extends it instead")
        for i, domain in enumerate(domains):
            if domain.startswith("*."):
                self.fail(f"domains[{i}]", f"write {domain[2:]!r}: subdomains are covered without '*.'")
            elif domain.startswith("www."):
                self.fail(f"domains[{i}]", f"write {domain[4:]!r}: subdomains such as www. are covered")
            elif not _HOST.fullmatch(domain):
                self.fail(f"domains[{i}]", f"{domain!r} is not a lower-case host name (no scheme, no path)")
        return domains

    def rules(self, data: Mapping[str, Any], pid: str, status: str) -> list[Rule]:
        rules: list[Rule] = []
        taken: dict[tuple[str, str], str] = {}  # (kind or "stance", use) -> key of the rule that has it
        for key, table in self.tables(data, "rules"):
            rule = self.rule(table, key, pid, status)
            if rule is None:
                continue
            if rule.kind not in ADDITIVE_KINDS:
                group = "stance" if rule.kind in STANCE_KINDS else rule.kind
                field = "uses" if group == "stance" else "for_uses"
                for use in rule.for_uses:
                    if (group, use) in taken:
                        what = (
                            "already decided" if group == "stance" else f"already given a {rule.kind!r} rule"
                        )
                        self.fail(f"{key}.{field}", f"use {use!r} is {what} by {taken[group, use]}")
                    taken[group, use] = key
            rules.append(rule)
        return rules

    def rule(self, table: Mapping[str, Any], key: str, pid: str, default_status: str) -> Rule | None:
        kind = table.get("kind")
        if kind is None:
            self.fail(f"{key}.kind", "missing (required)")
            return None
        if not isinstance(kind, str) or kind not in RULE_KINDS:
            self.fail(
                f"{key}.kind", f"unknown rule kind {kind!r}; expected one of: {_listing(tuple(RULE_KINDS))}"
            )
            return None
        spec = RULE_KINDS[kind]
        self.unknown_keys(table, (*RULE_COMMON_KEYS, *spec), f"{key}.", f"key for a {kind!r} rule")
        params = {}
        for name, param in spec.items():
            value = self.param(table, name, f"{key}.{name}", param)
            if value is not None:
                params[name] = value
            elif param.default is not None:
                params[name] = param.default
        note = self.text(table, "note", f"{key}.note")
        if kind in NOTE_REQUIRED and note is None and "note" not in table:
            self.fail(f"{key}.note", f"missing (a {kind!r} rule must explain itself)")
        summary = self.text(table, "summary", f"{key}.summary")
        if summary is not None and len(sentences(summary)) != 1:
            self.fail(f"{key}.summary", "must be one sentence (the note holds the explanation)")
        if kind in STANCE_KINDS:
            if "for_uses" in table:
                self.fail(f"{key}.for_uses", f"not used by {kind!r}: its `uses` names the uses it decides")
            for_uses: tuple[str, ...] = params.get("uses", ())
        else:
            for_uses = self.names(table, "for_uses", f"{key}.for_uses", USES) or USES
        self.rule_specifics(kind, params, key)
        return Rule(
            kind=kind,
            params=MappingProxyType(params),
            for_uses=tuple(u for u in USES if u in for_uses),
            status=self.choice(table, "status", f"{key}.status", POLICY_STATUSES) or default_status,
            source=self.url(table, "source", f"{key}.source"),
            note=note,
            origin=pid,
            summary=summary,
        )

    def param(self, table: Mapping[str, Any], name: str, key: str, param: Param) -> Any:
        if name not in table:
            if param.required:
                self.fail(key, "missing (required)")
            return None
        value = table[name]
        if param.type == "str":
            return self.text(table, name, key)
        if param.type == "template":
            return self.template(table, name, key)
        if param.type == "choice":
            return self.choice(table, name, key, param.choices)
        if param.type == "int":
            return self.integer(value, key, param.minimum)
        if param.type == "bool":
            return self.boolean(table, name, key, bool(param.default))
        return self.names(table, name, key, _CHOICES_FOR[param.type])

    def rule_specifics(self, kind: str, params: Mapping[str, Any], key: str) -> None:
        if kind == "edits":
            allowed, forbidden = set(params.get("allowed", ())), set(params.get("forbidden", ()))
            if not allowed and not forbidden:
                self.fail(key, "an 'edits' rule needs `allowed`, `forbidden` or both")
            for both in sorted(allowed & forbidden):
                self.fail(f"{key}.forbidden", f"{both!r} is also in `allowed`")
        if kind == "waives" and "waives" in params.get("kinds", ()):
            self.fail(f"{key}.kinds", "a 'waives' rule cannot waive 'waives'")

    def example(self, key: str, table: Mapping[str, Any]) -> PolicyExample | None:
        self.unknown_keys(table, EXAMPLE_KEYS, f"{key}.", "key for an example")
        fixture = self.text(table, "fixture", f"{key}.fixture", required=True)
        if fixture is not None and (fixture.startswith("/") or ".." in PurePosixPath(fixture).parts):
            self.fail(f"{key}.fixture", "must be a relative path inside the repository")
        use = self.choice(table, "use", f"{key}.use", USES, required=True)
        expect = self.choice(table, "expect", f"{key}.expect", VERDICTS, required=True)
        conditions = self.names(table, "expect_conditions", f"{key}.expect_conditions", CONDITION_KINDS)
        url = self.url(table, "url", f"{key}.url")
        follow = self.boolean(table, "follow", f"{key}.follow", False)
        if fixture is None or use is None or expect is None:
            return None
        return PolicyExample(fixture, url, use, follow, expect, conditions or ())


def _toml_error(path: str, exc: tomllib.TOMLDecodeError) -> PolicyError:
    message = str(exc)
    found = _TOML_AT.search(message)
    if found is None:
        return PolicyError(path, "toml", f"invalid TOML: {message}")
    where = f"line {found.group(1)}" if found.group(1) else "end of file"
    return PolicyError(path, where, f"invalid TOML: {message[: found.start()]}")


def check_policy(text: str, path: str) -> tuple[Policy | None, list[PolicyError]]:
    """Parse one policy file's text; return the policy (None when invalid) and every problem found."""
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        return None, [_toml_error(path, exc)]
    checker = _Checker(path)
    policy = checker.policy(data)
    return policy, checker.errors


def parse_policy(text: str, path: str) -> Policy:
    """Parse and validate one policy file's text; raise the first `PolicyError` found."""
    policy, errors = check_policy(text, path)
    if errors:
        raise errors[0]
    assert policy is not None
    return policy
