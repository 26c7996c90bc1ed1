"""robots.txt as a source of AI-usage preferences: the crawler list, per-token decisions, preference lines."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from rights.models import Evidence, Zone
from rights.policy import bundled_policy_dir, check_sources
from rights.signals.ai_models import AI_USES, AiSignal, Unreadable
from rights.web.ai_crawlers import AiCrawler, CrawlerListError, load_crawlers, parse_crawlers
from rights.web.robots_ai import (
    TokenDecision,
    decide_tokens,
    find_robots_lines,
    line_signals,
    lines_for,
    read_robots_ai,
    robots_ai_from_text,
)
from rights.web.robots_txt import MAX_ROBOTS_BYTES

ROOT = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("RIGHTS_SHARED", ROOT.parent / "shared"))
ROBOTS_CORPUS = SHARED / "corpus" / "robots"
PAGE = "https://news.example/2026/story"


def _crawler(token: str) -> AiCrawler:
    return next(c for c in load_crawlers().crawlers if c.token == token)


def _decision(text: str, token: str, url: str = PAGE) -> TokenDecision:
    (decision,) = decide_tokens(text, url, [_crawler(token)])
    return decision


# --- the crawler list ---------------------------------------------------------------------------------------


def test_bundled_list_names_the_main_ai_crawlers_with_uses_and_sources() -> None:
    """Every row has an operator, uses among AI_USES and an http(s) source; the list says where it comes from."""
    listed = load_crawlers()
    tokens = {c.token for c in listed.crawlers}
    for token in ("GPTBot", "OAI-SearchBot", "ChatGPT-User", "ClaudeBot", "Claude-SearchBot", "Claude-User",
                  "anthropic-ai", "CCBot", "Google-Extended", "Applebot-Extended", "PerplexityBot",
                  "Perplexity-User", "Bytespider", "meta-externalagent", "meta-externalfetcher", "Amazonbot",
                  "cohere-ai", "cohere-training-data-crawler", "Diffbot", "omgili", "ImagesiftBot", "YouBot",
                  "DuckAssistBot", "MistralAI-User", "Timpibot"):  # fmt: skip
        assert token in tokens
    assert listed.source.startswith("https://github.com/ai-robots-txt/")
    assert listed.checked
    for crawler in listed.crawlers:
        assert crawler.uses and set(crawler.uses) <= set(AI_USES)
        assert crawler.source.startswith(("https://", "http://"))
    assert _crawler("GPTBot").uses == ("ai-train",)
    assert _crawler("ChatGPT-User").uses == ("ai-input",)
    assert set(_crawler("OAI-SearchBot").uses) == {"search", "ai-input"}


def test_policy_loader_ignores_the_crawler_list() -> None:
    """policies/crawlers/ is data beside the policies: `rights policies validate` does not read it."""
    check = check_sources([bundled_policy_dir()])
    assert check.ok, check.errors
    assert not any("crawlers" in str(p.path) for p in check.policies)


_HEAD = '[list]\nsource = "https://example.org/list"\nchecked = "2026-12-01"\n'
_ROW = (
    '[[crawlers]]\ntoken = "{token}"\noperator = "X"\nkind = "{kind}"\nuses = {uses}\nsource = "{source}"\n'
)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("not = [toml", "not valid TOML"),
        (_HEAD, "expected a [list] table"),
        (_HEAD + _ROW.format(token="Bot", kind="robot", uses='["ai-train"]', source="https://x.org"), "kind"),
        (_HEAD + _ROW.format(token="Bot", kind="training", uses='["train"]', source="https://x.org"), "uses"),
        (_HEAD + _ROW.format(token="Bot", kind="training", uses='["ai-train"]', source="x.org"), "source"),
        (_HEAD + _ROW.format(token="Bad Bot", kind="training", uses='["ai-train"]', source="https://x.org"), "token"),
        (_HEAD + 2 * _ROW.format(token="Bot", kind="user", uses='["ai-input"]', source="https://x.org"), "twice"),
        (_HEAD.replace("2026-12-01", "Dec 2026") + _ROW.format(token="B", kind="user", uses='["ai-input"]', source="https://x.org"), "YYYY-MM-DD"),
    ],
)  # fmt: skip
def test_malformed_crawler_lists_are_refused_with_the_row_and_key(text: str, message: str) -> None:
    with pytest.raises(CrawlerListError, match=message.replace("[", r"\[")):
        parse_crawlers(text, "list.toml")


# --- per-token decisions ------------------------------------------------------------------------------------

STAR_ALL = "User-agent: *\nDisallow: /\n"
NAMED = "User-agent: *\nAllow: /\n\nUser-agent: GPTBot\nDisallow: /\n"
MERGED = "User-agent: Googlebot\nUser-agent: GPTBot\nUser-agent: CCBot\nDisallow: /\n"
SPLIT_GROUPS = "User-agent: GPTBot\nDisallow: /2026/\n\nUser-agent: bingbot\nDisallow: /\n\nUser-agent: GPTBot\nAllow: /2026/story\n"
LONGEST = "User-agent: GPTBot\nDisallow: /\nAllow: /2026/\n"
NO_MATCH = "User-agent: GPTBot\nDisallow: /private/\n"
EMPTY_DISALLOW = "User-agent: GPTBot\nDisallow:\n"


@pytest.mark.parametrize(
    ("text", "token", "allowed", "group", "stated", "line", "rule"),
    [
        (NAMED, "GPTBot", False, "named", True, 5, "Disallow: /"),
        (
            NAMED,
            "ClaudeBot",
            True,
            "*",
            False,
            2,
            "Allow: /",
        ),  # the * group allows everyone: not an AI statement
        (STAR_ALL, "ClaudeBot", False, "*", True, 2, "Disallow: /"),  # disallow all = every AI crawler too
        ("", "GPTBot", True, "none", False, 0, ""),  # an empty file: allowed by default, nothing stated
        ("User-agent: bingbot\nDisallow: /\n", "GPTBot", True, "none", False, 0, ""),
        (MERGED, "GPTBot", False, "named", True, 4, "Disallow: /"),  # one group for three agents
        (MERGED, "CCBot", False, "named", True, 4, "Disallow: /"),
        (SPLIT_GROUPS, "GPTBot", True, "named", True, 8, "Allow: /2026/story"),  # two GPTBot groups merge
        (LONGEST, "GPTBot", True, "named", True, 3, "Allow: /2026/"),  # the longest match wins
        (NO_MATCH, "GPTBot", True, "named", True, 1, ""),  # a group names it and leaves the page open
        (EMPTY_DISALLOW, "GPTBot", True, "named", True, 1, ""),
        ("user-agent: gptbot\ndisallow: /\n", "GPTBot", False, "named", True, 2, "Disallow: /"),
        ("User-agent: GPTBot/1.2\nDisallow: /\n", "GPTBot", False, "named", True, 2, "Disallow: /"),
        (
            "User-agent: GPTBot-Preview\nDisallow: /\n",
            "GPTBot",
            True,
            "none",
            False,
            0,
            "",
        ),  # not a substring
        ("User-agent: *bot\nDisallow: /\n", "GPTBot", True, "none", False, 0, ""),  # a wildcard is not `*`
        ("User-agent GPTBot\nDisallow /\n", "GPTBot", False, "named", True, 2, "Disallow: /"),  # no colons
        (
            "User-agent: AI2Bot\nDisallow: /\n",
            "AI2Bot",
            False,
            "named",
            True,
            2,
            "Disallow: /",
        ),  # digit: "ai"
        ("Disallow: /\nUser-agent: GPTBot\nAllow: /\n", "GPTBot", True, "named", True, 3, "Allow: /"),
        ("User-agent: GPTBot\r\nDisallow: /\r\n", "GPTBot", False, "named", True, 2, "Disallow: /"),  # CRLF
        ("User-agent: GPTBot\nDisallow: /%7Eed/\n", "GPTBot", False, "named", True, 2, "Disallow: /%7Eed/"),
    ],
)
def test_token_decision(
    text: str, token: str, allowed: bool, group: str, stated: bool, line: int, rule: str
) -> None:
    decision = _decision(text, token, "https://news.example/~ed/story" if "%7E" in text else PAGE)
    assert (decision.allowed, decision.group, decision.stated, decision.line, decision.rule) == (
        allowed, group, stated, line, rule,
    )  # fmt: skip


def test_stated_decisions_become_one_signal_per_use_with_the_line_as_evidence() -> None:
    """Google-Extended speaks for training and grounding: a disallow gives two signals, both from line 2."""
    result = robots_ai_from_text(STAR_ALL, PAGE, crawlers=[_crawler("Google-Extended"), _crawler("GPTBot")])
    by_use = {(s.detail.split(":")[0], s.use): s for s in result.signals}
    assert set(by_use) == {
        ("Google-Extended", "ai-train"),
        ("Google-Extended", "ai-input"),
        ("GPTBot", "ai-train"),
    }
    signal = by_use[("GPTBot", "ai-train")]
    assert (signal.family, signal.preference, signal.where, signal.scope) == (
        "robots_token", "disallowed", "robots.txt line 2", "site",
    )  # fmt: skip
    assert signal.evidence == Evidence(
        "Disallow: /", Zone.META, "robots.txt line 2", "robots", "robots_token"
    )
    assert "in the * group" in signal.detail


def test_implicit_allows_give_no_signal() -> None:
    """Allowed because nobody said anything (or only the * group allows everyone): not a stated preference."""
    result = robots_ai_from_text(NAMED, PAGE)
    assert {s.detail.split(":")[0] for s in result.signals} == {"GPTBot"}
    assert all(d.allowed for d in result.decisions if d.crawler.token != "GPTBot")


# --- preference lines ---------------------------------------------------------------------------------------

AIPREF = """# a comment with rights language: all rights reserved, no text and data mining
License: https://news.example/license.xml
User-Agent: *
Allow: /
Disallow: /never/
Content-Usage: train-ai=n
Content-Usage: /ai-ok/ train-ai=y
Content-Signal: search=yes, ai-train=no # Cloudflare's default

User-Agent: ExampleBot
User-Agent: GPTBot
Allow: /
Content-Usage:\t/\ttrain-ai=y
content-signal: ai-input=yes
License: /relative/license.xml
"""


def test_find_robots_lines_keeps_line_numbers_groups_and_path_scope() -> None:
    found = [(x.key, x.line, x.agents, x.path, x.statement) for x in find_robots_lines(AIPREF)]
    assert found == [
        ("license", 2, (), "", "https://news.example/license.xml"),
        ("content-usage", 6, ("*",), "", "train-ai=n"),
        ("content-usage", 7, ("*",), "/ai-ok/", "train-ai=y"),
        ("content-signal", 8, ("*",), "", "search=yes, ai-train=no"),
        ("content-usage", 13, ("examplebot", "gptbot"), "/", "train-ai=y"),
        ("content-signal", 14, ("examplebot", "gptbot"), "", "ai-input=yes"),
        ("license", 15, ("examplebot", "gptbot"), "", "/relative/license.xml"),
    ]


@pytest.mark.parametrize(
    ("url", "token", "lines"),
    [
        ("https://news.example/test", "*", [6, 8]),  # draft-ietf-aipref-attach-05's example table
        ("https://news.example/ai-ok/test", "*", [7, 8]),  # the longer path wins for Content-Usage
        ("https://news.example/never/test", "*", []),  # not crawlable: no preference applies
        ("https://news.example/never/test", "ExampleBot", [13, 14]),  # its own group
        ("https://news.example/test", "GPTBot/1.0", [13, 14]),
        ("https://news.example/test", "ClaudeBot", [6, 8]),  # no group of its own: the * group
    ],
)
def test_lines_for_select_the_group_and_the_longest_path(url: str, token: str, lines: list[int]) -> None:
    assert [x.line for x in lines_for(AIPREF, url, token)] == lines


def test_path_scoped_content_signal_and_lines_outside_groups() -> None:
    """Content-Signal takes the same optional path; a line before any User-agent belongs to no group."""
    text = "Content-Usage: train-ai=y\nUser-agent: *\nContent-Signal: ai-train=no\nContent-Signal: /open/ ai-train=yes\n"
    assert [x.line for x in lines_for(text, "https://news.example/open/a")] == [4]
    assert [x.line for x in lines_for(text, "https://news.example/closed/a")] == [3]
    assert find_robots_lines(text)[0].agents == ()


def test_a_line_between_user_agent_lines_belongs_to_the_whole_group() -> None:
    """An unknown line does not end a run of User-agent lines (as for the crawler): the line's group is a+b."""
    text = "User-agent: GPTBot\nContent-Usage: train-ai=n\nUser-agent: CCBot\nDisallow: /private/\n"
    assert [x.agents for x in find_robots_lines(text)] == [("gptbot", "ccbot")]
    assert [x.line for x in lines_for(text, PAGE, "CCBot")] == [2]
    assert lines_for(text, PAGE, "ClaudeBot") == ()


def test_robots_ai_collects_applicable_lines_and_rsl_urls() -> None:
    result = robots_ai_from_text(AIPREF, "https://news.example/test")
    assert [x.line for x in result.lines] == [6, 8, 13, 14]  # for any crawler, and for GPTBot's own group
    assert result.licenses == ("https://news.example/license.xml",)
    assert result.unreadable == (
        Unreadable(
            "rsl", "robots.txt line 15", "License: needs an absolute http(s) URL, got '/relative/license.xml'"
        ),
    )


def test_line_signals_hand_each_statement_to_its_reader() -> None:
    """The vocabulary readers (rights.signals.ai_vocab at merge) get the value, where, evidence and scope."""
    seen: list[tuple[str, str, str, str]] = []

    def fake(value: str, where: str, evidence: Evidence, scope: str) -> list[AiSignal | Unreadable]:
        seen.append((value, where, evidence.text, scope))
        if value == "train-ai=n":
            return [AiSignal("content_usage", "ai-train", "disallowed", where, value, evidence, scope)]
        return [Unreadable("content_signal", where, "not read by the fake")]

    lines = lines_for(AIPREF, "https://news.example/test")
    signals, unreadable = line_signals(lines, read_content_usage=fake, read_content_signal=fake)
    assert seen == [
        ("train-ai=n", "robots.txt line 6", "Content-Usage: train-ai=n", "site"),
        ("search=yes, ai-train=no", "robots.txt line 8", "Content-Signal: search=yes, ai-train=no # Cloudflare's default", "site"),
    ]  # fmt: skip
    assert [s.where for s in signals] == ["robots.txt line 6"]
    assert [u.where for u in unreadable] == ["robots.txt line 8"]


# --- responses: statuses, soft 404s, BOMs, malformed and huge files -----------------------------------------


@pytest.mark.parametrize(
    ("status", "body", "note", "unreadable"),
    [
        (404, b"", "HTTP 404: no robots.txt, every crawler allowed by default", False),
        (200, b"<!DOCTYPE html><html><body>Not found</body></html>", "robots.txt is an HTML page (soft 404): treated as absent", False),
        (503, b"", "HTTP 503", True),
        (429, b"", "HTTP 429", True),
        (0, b"", "unreachable", True),
    ],
)  # fmt: skip
def test_no_robots_txt_states_nothing(status: int, body: bytes, note: str, unreadable: bool) -> None:
    result = read_robots_ai(status, body, PAGE)
    assert (result.note, bool(result.unreadable), result.signals, result.decisions) == (
        note,
        unreadable,
        (),
        (),
    )


def test_a_bom_does_not_hide_the_first_group() -> None:
    result = read_robots_ai(
        200, b"\xef\xbb\xbfUser-agent: GPTBot\nDisallow: /\n", PAGE, crawlers=[_crawler("GPTBot")]
    )
    assert [(d.group, d.allowed, d.line) for d in result.decisions] == [("named", False, 2)]


@pytest.mark.parametrize(
    "body",
    [
        b"\x00\xff\xfe garbage \x80\x81\n::::\nUser-agent:\nDisallow: \x00\nContent-Usage:\nLicense:\n",
        b"User-agent: GPTBot\nDisallow: /[\nAllow: *$\nContent-Usage: / \nContent-Signal: ===\n",
        "User-agent: GPTBöt\nDisallow: /é\n".encode("latin-1"),
        b"\n" * 10_000,
    ],
)
def test_malformed_files_do_not_crash(body: bytes) -> None:
    result = read_robots_ai(200, body, PAGE)
    assert result.status == 200
    assert len(result.decisions) == len(load_crawlers().crawlers)


def test_a_huge_file_is_read_up_to_512_kib() -> None:
    """Rules past the cap are not seen, and the result says the file was truncated."""
    filler = b"User-agent: bingbot\n" + b"Disallow: /some/long/path/segment\n" * (MAX_ROBOTS_BYTES // 30)
    body = b"User-agent: CCBot\nDisallow: /\n" + filler + b"\nUser-agent: GPTBot\nDisallow: /\n"
    assert len(body) > MAX_ROBOTS_BYTES
    result = read_robots_ai(200, body, PAGE, crawlers=[_crawler("CCBot"), _crawler("GPTBot")])
    assert result.note == "truncated"
    assert [(d.crawler.token, d.allowed) for d in result.decisions] == [("CCBot", False), ("GPTBot", True)]


# --- the shared corpus --------------------------------------------------------------------------------------


@pytest.mark.corpus
@pytest.mark.skipif(not ROBOTS_CORPUS.is_dir(), reason="shared corpus not available")
def test_every_real_robots_txt_is_read() -> None:
    """1,631 real files: no exception, and coarse counts that would move if group selection broke."""
    files = sorted(ROBOTS_CORPUS.glob("*.robots.txt"))
    assert len(files) > 1500
    disallowed: dict[str, int] = {}
    for path in files:
        result = read_robots_ai(200, path.read_bytes(), "https://example.com/")
        for decision in result.decisions:
            if not decision.allowed:
                disallowed[decision.crawler.token] = disallowed.get(decision.crawler.token, 0) + 1
    assert 500 < disallowed["GPTBot"] < 800  # 620 on 2026-12-04
    assert 250 < disallowed["CCBot"] < 500
    assert disallowed["GPTBot"] > disallowed["ClaudeBot"] > 0
