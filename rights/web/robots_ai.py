"""robots.txt as a source of AI-usage preferences: per AI crawler token, and the lines that state preferences.

Pure: robots.txt text (or a response's status and bytes) and a page URL in, values out. Three things are read:

- **Per token** (`decide_tokens`): for each token of the AI crawler list (`rights.web.ai_crawlers`), whether the
  page's URL may be fetched, decided as the crawler decides it (`rights.web.robots_txt.parse_robots`: groups for
  the same agent merge, a group naming the token replaces the `*` groups, longest match wins, `allow` wins
  ties), and where the decision comes from: a group naming the token, the `*` group, or no rule at all.
  Only a decision someone wrote about the page counts as a stated preference: a group naming the token
  (allowed or disallowed) and a `*` rule that disallows the page (which disallows every AI crawler too). An
  allow that only comes from the `*` group or from the absence of any rule, a missing robots.txt (4xx) or an
  HTML page served as robots.txt is not a statement about AI use: those decisions are kept, with
  `stated=False`, and give no `AiSignal`.
- **Preference lines** (`find_robots_lines`, `lines_for`): `Content-Usage` (IETF AIPREF,
  draft-ietf-aipref-attach-05, 19 August 2026: a group rule `Content-Usage: [path] statement`, the path
  optional and matched like Allow/Disallow, longest match wins, only for URLs the group lets the crawler
  fetch) and `Content-Signal` (Cloudflare's Content Signals Policy, contentsignals.org: a line in a
  user-agent group; read here with the same optional path). Their values are parsed by the vocabulary
  readers in `rights.signals` (`line_signals` takes them as arguments).
- **RSL** (`License:`): file-wide, not tied to a user agent (rslstandard.org, "Adding RSL to robots.txt"); the
  absolute URLs of the RSL documents are returned for the caller to fetch.

Groups are found exactly as `robots_txt` finds them (consecutive `User-agent` lines share a group, unknown
lines never close one, rules before any `User-agent` belong to no group), with line numbers kept for the
evidence: "robots.txt line 14".
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from urllib.parse import unquote, urlsplit

from rights.models import Evidence, Zone
from rights.signals.ai_models import AiSignal, Unreadable
from rights.web.ai_crawlers import AiCrawler, load_crawlers
from rights.web.robots_txt import (
    _KEYS,
    _agent_token,
    _split_line,
    decode_robots,
    parse_robots,
    rules_for_response,
)

LINE_KEYS = {"content-usage": "content-usage", "content-signal": "content-signal", "license": "license"}
_URL = re.compile(r"^https?://[^\s/]+", re.I)


@dataclass(frozen=True, slots=True)
class RobotsLine:
    """One Content-Usage, Content-Signal or License line, with the group it sits in and its path scope."""

    key: str  # content-usage | content-signal | license
    value: str  # the rule value: after the colon, up to a '#'
    line: int  # 1-based line number in the file
    agents: tuple[str, ...]  # the group's agent tokens as matched (lower case, '*'); () outside any group
    path: str  # the path pattern the line is scoped to; "" when absent (the whole site) and for License
    statement: str  # the statement of preference (the value without its path); for License the URL
    text: str  # the line as written

    @property
    def where(self) -> str:
        return f"robots.txt line {self.line}"

    @property
    def evidence(self) -> Evidence:
        return Evidence(text=self.text, zone=Zone.META, path=self.where, source="robots", rule=self.key)


@dataclass(frozen=True, slots=True)
class TokenDecision:
    """Whether one AI crawler may fetch the page, and which line says so."""

    crawler: AiCrawler
    allowed: bool
    group: str  # named (a group names the token) | * (the `*` group) | none (no group applies)
    stated: bool  # a preference someone wrote about this page for this crawler (see the module docstring)
    line: int = 0  # the deciding rule's line, else the group's first user-agent line; 0 without a group
    text: str = ""  # that line as written
    rule: str = ""  # the deciding rule ("Disallow: /"), "" when no rule matches


@dataclass(frozen=True, slots=True)
class RobotsAi:
    """What a site's robots.txt says about AI use of one page."""

    status: int
    decisions: tuple[TokenDecision, ...] = ()
    signals: tuple[AiSignal, ...] = ()  # robots_token signals of the stated decisions
    lines: tuple[RobotsLine, ...] = ()  # Content-Usage / Content-Signal lines that apply to the page
    licenses: tuple[str, ...] = ()  # RSL document URLs (License:)
    unreadable: tuple[Unreadable, ...] = ()
    note: str = ""  # why nothing is stated (no robots.txt, an HTML page, truncated at 512 KiB, ...)


@dataclass(slots=True)
class _Group:
    agents: list[tuple[str, int, str]]  # token as matched, line number, line as written
    rules: list[tuple[str, str, int, str]]  # key, value, line number, line as written


def _walk(text: str) -> tuple[list[_Group], list[RobotsLine]]:
    """The groups (with line numbers) and the preference lines, found the way robots_txt finds groups."""
    groups: list[_Group] = []
    pending: list[
        tuple[str, str, int, int, str]
    ] = []  # key, value, line number, group index (-1: none), text
    in_agents = False
    for number, raw in enumerate(text.removeprefix("\ufeff").splitlines(), start=1):
        line = raw.split("#", 1)[0].strip()
        split = _split_line(line) if line else None
        if split is None:
            continue
        name, value = split
        if name in LINE_KEYS:  # like any unknown line, it does not end a run of User-agent lines
            pending.append((LINE_KEYS[name], value, number, len(groups) - 1, raw.strip()))
            continue
        key = _KEYS.get(name)
        if key == "user-agent":
            if not in_agents:
                groups.append(_Group([], []))
                in_agents = True
            groups[-1].agents.append((_agent_token(value), number, raw.strip()))
        elif key is not None and key != "sitemap":
            in_agents = False
            if groups and key in ("allow", "disallow") and value:
                groups[-1].rules.append((key, value, number, raw.strip()))
    agents = [tuple(token for token, _, _ in group.agents) for group in groups]
    found = [
        _line(key, value, number, agents[i] if i >= 0 else (), text)
        for key, value, number, i, text in pending
    ]
    return groups, found


def _line(key: str, value: str, number: int, agents: tuple[str, ...], text: str) -> RobotsLine:
    path, statement = "", value
    if key != "license" and value.startswith("/"):
        path, _, statement = value.replace("\t", " ").partition(" ")
        statement = statement.strip()
    return RobotsLine(key, value, number, agents, path, statement, text)


def find_robots_lines(text: str) -> tuple[RobotsLine, ...]:
    """Every Content-Usage, Content-Signal and License line of a robots.txt, in file order."""
    return tuple(_walk(text)[1])


def _url_path(url: str) -> str:
    parts = urlsplit(url)
    return (parts.path or "/") + (f"?{parts.query}" if parts.query else "")


@lru_cache(maxsize=4096)
def _pattern(pattern: str) -> re.Pattern[str]:
    anchored = pattern.endswith("$")
    body = re.escape(pattern[:-1] if anchored else pattern).replace(r"\*", ".*")
    return re.compile(body + ("$" if anchored else ""))


def _matches(pattern: str, path: str) -> bool:
    """RFC 9309 matching (`*`, `$`), percent-encoding decoded on both sides (`/%7Eed/` matches `/~ed/`)."""
    return _pattern(unquote(pattern or "/")).match(unquote(path)) is not None


def _selected(groups: list[_Group], token: str) -> tuple[str, list[_Group]]:
    """The groups that apply to `token`, as parse_robots selects them: its own, else every `*` group."""
    mine = [g for g in groups if any(agent == token for agent, _, _ in g.agents)]
    if mine:
        return "named", mine
    star = [g for g in groups if any(agent == "*" for agent, _, _ in g.agents)]
    return ("*", star) if star else ("none", [])


def _deciding_rule(
    rules: list[tuple[str, str, int, str]], path: str, allowed: bool
) -> tuple[str, str, int, str]:
    """The rule that decides (longest pattern, allow wins ties), when it agrees with the crawler's verdict."""
    matching = [rule for rule in rules if _matches(rule[1], path)]
    if not matching:
        return ("", "", 0, "")
    best = max(matching, key=lambda rule: (len(rule[1]), rule[0] == "allow"))
    return best if (best[0] == "allow") == allowed else ("", "", 0, "")


def _decide(
    crawler: AiCrawler, groups: list[_Group], text: str, path: str, verdicts: dict[str, bool]
) -> TokenDecision:
    token = crawler.match_token
    source, chosen = _selected(groups, token)
    if source == "none":
        return TokenDecision(crawler, True, "none", False)
    key = "*" if source == "*" else token
    if key not in verdicts:
        verdicts[key] = parse_robots(text, token=token).allows(path)
    allowed = verdicts[key]
    rules = [rule for group in chosen for rule in group.rules]
    kind, value, number, line_text = _deciding_rule(rules, path, allowed)
    if not number:  # no rule matches: the group's user-agent line is the evidence
        _, number, line_text = chosen[0].agents[0]
    stated = source == "named" or not allowed
    rule = f"{kind.capitalize()}: {value}" if kind else ""
    return TokenDecision(crawler, allowed, source, stated, number, line_text, rule)


def decide_tokens(
    text: str, url: str, crawlers: Sequence[AiCrawler] | None = None
) -> tuple[TokenDecision, ...]:
    """For each AI crawler token, whether robots.txt lets it fetch `url`, and the line that decides."""
    groups, _ = _walk(text)
    path = _url_path(url)
    verdicts: dict[str, bool] = {}
    listed = load_crawlers().crawlers if crawlers is None else crawlers
    return tuple(_decide(crawler, groups, text, path, verdicts) for crawler in listed)


def _detail(decision: TokenDecision) -> str:
    token = decision.crawler.token
    said = decision.rule or "no rule matches this path"
    if decision.group == "named":
        return f"{token}: {said} (a group names {token})"
    return f"{token}: {said} in the * group (no group names {token})"


def token_signals(decisions: Sequence[TokenDecision]) -> tuple[AiSignal, ...]:
    """The stated decisions as robots_token signals, one per use the crawler speaks for."""
    out = []
    for decision in decisions:
        if not decision.stated:
            continue
        where = f"robots.txt line {decision.line}"
        evidence = Evidence(
            text=decision.text, zone=Zone.META, path=where, source="robots", rule="robots_token"
        )
        preference = "allowed" if decision.allowed else "disallowed"
        for use in decision.crawler.uses:
            out.append(
                AiSignal("robots_token", use, preference, where, _detail(decision), evidence, scope="site")
            )
    return tuple(out)


def _applicable(lines: list[RobotsLine], path: str) -> list[RobotsLine]:
    """Of one key's lines in the selected groups, those with the longest path pattern matching `path`."""
    matching = [line for line in lines if _matches(line.path, path)]
    if not matching:
        return []
    longest = max(len(line.path or "/") for line in matching)
    return [line for line in matching if len(line.path or "/") == longest]


def lines_for(text: str, url: str, token: str = "*") -> tuple[RobotsLine, ...]:
    """The Content-Usage and Content-Signal lines that apply to `url` for a crawler `token` ('*': any crawler
    without a group of its own), per draft-ietf-aipref-attach-05: the token's group (else the `*` group), the
    longest matching path (an absent path counts as '/'), none when that group disallows the URL."""
    groups, found = _walk(text)
    wanted = "*" if token == "*" else _agent_token(token)
    source, chosen = _selected(groups, wanted)
    if source == "none" or not parse_robots(text, token=wanted).allows(url):
        return ()
    agent_sets = {tuple(agent for agent, _, _ in group.agents) for group in chosen}
    mine = [line for line in found if line.key != "license" and line.agents in agent_sets]
    path = _url_path(url)
    picked = [
        line
        for key in ("content-usage", "content-signal")
        for line in _applicable([x for x in mine if x.key == key], path)
    ]
    return tuple(sorted(picked, key=lambda line: line.line))


def _licenses(found: Sequence[RobotsLine]) -> tuple[tuple[str, ...], tuple[Unreadable, ...]]:
    urls: list[str] = []
    bad: list[Unreadable] = []
    for line in found:
        if line.key != "license":
            continue
        if _URL.match(line.statement):
            if line.statement not in urls:
                urls.append(line.statement)
        else:
            bad.append(
                Unreadable(
                    "rsl", line.where, f"License: needs an absolute http(s) URL, got {line.statement!r}"
                )
            )
    return tuple(urls), tuple(bad)


def robots_ai_from_text(
    text: str, url: str, *, crawlers: Sequence[AiCrawler] | None = None, status: int = 200, note: str = ""
) -> RobotsAi:
    """Everything a robots.txt text says about AI use of `url` (the tokens' decisions, the preference lines
    that apply to it for any crawler and for each listed token with a group of its own, the RSL URLs)."""
    decisions = decide_tokens(text, url, crawlers)
    applicable = list(lines_for(text, url))
    for token in sorted({d.crawler.match_token for d in decisions if d.group == "named"}):
        applicable.extend(line for line in lines_for(text, url, token) if line not in applicable)
    licenses, bad = _licenses(find_robots_lines(text))
    return RobotsAi(
        status=status,
        decisions=decisions,
        signals=token_signals(decisions),
        lines=tuple(sorted(applicable, key=lambda line: line.line)),
        licenses=licenses,
        unreadable=bad,
        note=note,
    )


def read_robots_ai(
    status: int, body: bytes, url: str, *, crawlers: Sequence[AiCrawler] | None = None
) -> RobotsAi:
    """A robots.txt response (status after redirects, body) read for AI use of `url`.

    2xx: parsed (BOM skipped, capped at 512 KiB, "truncated" noted). An HTML page served as robots.txt (a soft
    404) and a 4xx are "no robots.txt": every crawler may fetch, and no AI preference is stated. A 5xx, a 429 or
    status 0 (unreachable) is unreadable: crawling stops for the run, but no preference can be read from it.
    """
    if 200 <= status < 300:
        rules = rules_for_response(status, body)
        if rules.note == "not_text":
            return RobotsAi(status=status, note="robots.txt is an HTML page (soft 404): treated as absent")
        text, notes = decode_robots(body)
        return robots_ai_from_text(text, url, crawlers=crawlers, status=status, note=",".join(notes))
    if status == 429 or status >= 500 or status == 0:
        reason = f"HTTP {status}" if status else "unreachable"
        return RobotsAi(
            status=status,
            unreadable=(Unreadable("robots_token", "robots.txt", f"{reason}: robots.txt could not be read"),),
            note=reason,
        )
    return RobotsAi(status=status, note=f"HTTP {status}: no robots.txt, every crawler allowed by default")


ValueReader = Callable[[str, str, Evidence, str], Sequence[AiSignal | Unreadable]]


def line_signals(
    lines: Sequence[RobotsLine], *, read_content_usage: ValueReader, read_content_signal: ValueReader
) -> tuple[tuple[AiSignal, ...], tuple[Unreadable, ...]]:
    """The preference lines' statements read by the vocabulary readers (`read_*(value, where, evidence,
    scope)`, from rights.signals), scoped to the site."""
    signals: list[AiSignal] = []
    unreadable: list[Unreadable] = []
    for line in lines:
        reader = {"content-usage": read_content_usage, "content-signal": read_content_signal}.get(line.key)
        if reader is None:
            continue
        for value in reader(line.statement, line.where, line.evidence, "site"):
            if isinstance(value, AiSignal):
                signals.append(value)
            else:
                unreadable.append(value)
    return tuple(signals), tuple(unreadable)
