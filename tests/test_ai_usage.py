"""Page-level AI signals (robots meta tags, X-Robots-Tag, headers) and how `combine` decides each use."""

from __future__ import annotations

import pytest

from rights.models import Evidence, Zone
from rights.page import parse_page
from rights.page.models import Page
from rights.signals.ai_models import AiSignal, Unreadable
from rights.signals.ai_robots_meta import read_robots_meta
from rights.signals.ai_usage import combine, describe, read_page_ai


def page_with(head: str = "", body: str = "<p>Some text.</p>", headers: dict[str, str] | None = None) -> Page:
    html = f"<!DOCTYPE html><html><head><meta charset='utf-8'>{head}</head><body>{body}</body></html>"
    return parse_page(html.encode(), url="https://pub.example/news/story", headers=headers)


def uses(signals: list[AiSignal], scope: str = "page") -> dict[str, str]:
    return {s.use: s.preference for s in signals if s.scope == scope}


# --- robots meta and X-Robots-Tag ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("head", "headers", "expected"),
    [
        ('<meta name="robots" content="noindex, follow">', None, {"search": "disallowed"}),
        ('<meta name="robots" content="none">', None, {"search": "disallowed"}),
        ('<meta name="robots" content="nosnippet">', None, {"ai-input": "disallowed"}),
        ('<meta name="robots" content="max-snippet:0">', None, {"ai-input": "disallowed"}),
        ('<meta name="robots" content="max-snippet:50, max-image-preview:large">', None, {}),
        ('<meta name="robots" content="noai">', None, {"ai-train": "disallowed", "ai-input": "disallowed"}),
        ('<meta name="robots" content="index, follow, all">', None, {}),
        ('<meta name="GPTBot" content="noindex">', None, {"search": "disallowed"}),
        ('<meta name="description" content="noindex noai">', None, {}),  # not a robots tag
        ('<meta name="googlebot-news" content="noindex">', None, {}),  # out of Google News, not out of search
        ("", {"X-Robots-Tag": "noai, noindex"}, {"ai-train": "disallowed", "ai-input": "disallowed", "search": "disallowed"}),
        ("", {"x-robots-tag": "googlebot: nosnippet"}, {"ai-input": "disallowed"}),
        ("", {"x-robots-tag": "unavailable_after: 25 Jun 2030 15:00:00 PST"}, {}),
    ],
)  # fmt: skip
def test_robots_directives(head: str, headers: dict[str, str] | None, expected: dict[str, str]) -> None:
    signals = read_robots_meta(page_with(head, headers=headers))
    assert uses(signals) == expected
    assert all(s.family == "robots_meta" and s.preference == "disallowed" for s in signals)


def test_noimageai_speaks_of_the_images_only() -> None:
    signals = read_robots_meta(page_with('<meta name="robots" content="noimageai">'))
    assert uses(signals) == {}
    assert uses(signals, "images") == {"ai-train": "disallowed", "ai-input": "disallowed"}
    usage = combine(signals)
    assert usage.preference("ai-train") == "not stated"  # the text is not reserved by an images-only tag


def test_a_crawler_specific_tag_and_header_name_the_crawler() -> None:
    signals = read_robots_meta(
        page_with('<meta name="googlebot" content="noindex">', headers={"X-Robots-Tag": "otherbot: noai"})
    )
    assert sorted((s.where, s.use, s.detail) for s in signals) == [
        ("<meta name=googlebot>", "search", "noindex (do not index) for googlebot"),
        ("HTTP header X-Robots-Tag", "ai-input", "noai (no AI use of the content) for otherbot"),
        ("HTTP header X-Robots-Tag", "ai-train", "noai (no AI use of the content) for otherbot"),
    ]


# --- read_page_ai ----------------------------------------------------------------------------------------


def test_read_page_ai_reads_headers_and_tags_together() -> None:
    page = page_with(
        '<meta name="tdm-reservation" content="1"><meta name="content-signal" content="search=yes, ai-train=no">',
        headers={"Content-Usage": "train-ai=n, search=y", "X-Robots-Tag": "nosnippet"},
    )
    signals, unreadable = read_page_ai(page)
    assert unreadable == []
    families = {(s.family, s.use, s.preference) for s in signals}
    assert families == {
        ("content_usage", "ai-train", "disallowed"),
        ("content_usage", "search", "allowed"),
        ("content_signal", "search", "allowed"),
        ("content_signal", "ai-train", "disallowed"),
        ("tdmrep", "ai-train", "disallowed"),
        ("tdmrep", "ai-input", "disallowed"),
        ("robots_meta", "ai-input", "disallowed"),
    }
    header = next(s for s in signals if s.family == "content_usage")
    assert header.where == "HTTP header Content-Usage"
    assert header.evidence.source == "header"
    assert header.evidence.text == "Content-Usage: train-ai=n, search=y"


def test_read_page_ai_records_an_invalid_header_as_unreadable() -> None:
    signals, unreadable = read_page_ai(page_with(headers={"Content-Usage": "train-ai=n;;"}))
    assert signals == []
    assert [(u.family, u.where) for u in unreadable] == [("content_usage", "HTTP header Content-Usage")]


def test_a_plain_page_states_nothing() -> None:
    signals, unreadable = read_page_ai(page_with(headers={"Content-Type": "text/html"}))
    assert (signals, unreadable) == ([], [])
    usage = combine(signals, unreadable, ["robots.txt (offline)"])
    assert usage.preferences == (
        ("search", "not stated"),
        ("ai-input", "not stated"),
        ("ai-train", "not stated"),
    )
    assert usage.not_read == ("robots.txt (offline)",)
    assert usage.conflicts == ()


# --- combine ---------------------------------------------------------------------------------------------

E = Evidence("x", Zone.META)


def sig(family: str, use: str, preference: str, where: str, detail: str, scope: str = "page") -> AiSignal:
    return AiSignal(family, use, preference, where, detail, E, scope)


ROBOTS_ALLOWS = sig("robots_token", "ai-train", "allowed", "robots.txt line 3", "GPTBot", "site")
HEADER_RESERVES = sig(
    "content_usage", "ai-train", "disallowed", "HTTP header Content-Usage", "train-ai=n (AI Training)"
)
RSL_SEARCH = sig(
    "rsl", "search", "allowed", "RSL document https://p.example/license.xml", "search for /", "site"
)


@pytest.mark.parametrize(
    ("signals", "expected"),
    [
        ([], ("not stated", "not stated", "not stated")),
        ([ROBOTS_ALLOWS], ("not stated", "not stated", "allowed")),
        ([HEADER_RESERVES], ("not stated", "not stated", "disallowed")),
        ([ROBOTS_ALLOWS, HEADER_RESERVES], ("not stated", "not stated", "disallowed")),
        ([HEADER_RESERVES, ROBOTS_ALLOWS, RSL_SEARCH], ("allowed", "not stated", "disallowed")),
    ],
)
def test_combine_a_reservation_wins(signals: list[AiSignal], expected: tuple[str, str, str]) -> None:
    usage = combine(signals)
    assert tuple(p for _, p in usage.preferences) == expected


def test_combine_names_the_conflict_in_plain_words() -> None:
    usage = combine([HEADER_RESERVES, ROBOTS_ALLOWS, RSL_SEARCH])
    assert usage.conflicts == (
        "For AI training: robots.txt line 3 allows GPTBot, but HTTP header Content-Usage says train-ai=n "
        "(AI Training); a reservation wins over a permission, so it is disallowed.",
    )
    # signals are reported in family order, robots.txt tokens first
    assert [s.family for s in usage.signals] == ["robots_token", "content_usage", "rsl"]


def test_combine_lists_several_sources_on_each_side() -> None:
    second = sig("tdmrep", "ai-train", "disallowed", "<meta name=tdm-reservation>", "tdm-reservation: 1")
    usage = combine([ROBOTS_ALLOWS, HEADER_RESERVES, second])
    assert usage.conflicts[0].startswith(
        "For AI training: robots.txt line 3 allows GPTBot, but HTTP header Content-Usage says train-ai=n "
        "(AI Training) and <meta name=tdm-reservation> says tdm-reservation: 1;"
    )


def test_combine_agreeing_signals_are_no_conflict_and_unreadable_is_kept() -> None:
    broken = Unreadable("rsl", "RSL document https://p.example/l.xml", "not well-formed XML")
    usage = combine([HEADER_RESERVES, sig("tdmrep", "ai-train", "disallowed", "tdm", "1")], [broken])
    assert usage.conflicts == ()
    assert usage.preference("ai-train") == "disallowed"
    assert usage.unreadable == (broken,)


def test_describe_robots_tokens_with_a_verb() -> None:
    disallows = sig("robots_token", "ai-train", "disallowed", "robots.txt line 7", "CCBot", "site")
    assert describe(disallows) == "robots.txt line 7 disallows CCBot"
    assert describe(RSL_SEARCH) == "RSL document https://p.example/license.xml says search for /"


def test_tdmrep_processing_priority_decides_inside_the_family() -> None:
    """A page's TDMRep tag supersedes the site's tdmrep.json (TDMRep's own rule); the superseded value is named."""
    file = AiSignal(
        "tdmrep",
        "ai-train",
        "disallowed",
        "/.well-known/tdmrep.json",
        "tdm-reservation: 1 (TDM rights reserved)",
        Evidence("{...}", Zone.META, "/.well-known/tdmrep.json", "tdmrep"),
        "site",
    )
    tag = AiSignal(
        "tdmrep",
        "ai-train",
        "allowed",
        "<meta name=tdm-reservation>",
        "tdm-reservation: 0 (TDM rights not reserved)",
        Evidence("tdm-reservation: 0", Zone.META, "tdm-reservation", "meta"),
    )
    usage = combine([file, tag])
    assert usage.preference("ai-train") == "allowed"
    assert usage.conflicts == (
        "For AI training: <meta name=tdm-reservation> says tdm-reservation: 0 (TDM rights not reserved), which "
        "supersedes /.well-known/tdmrep.json says tdm-reservation: 1 (TDM rights reserved) (TDMRep processing "
        "priority: the page's tag, then the header, then tdmrep.json).",
    )
    assert usage.signals == (file, tag)
    # another family's reservation still wins over the TDMRep permission
    both = combine([file, tag, HEADER_RESERVES])
    assert both.preference("ai-train") == "disallowed"
    assert len(both.conflicts) == 2
