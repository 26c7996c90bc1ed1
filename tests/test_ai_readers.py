"""The pure AI-preference readers: AIPREF Content-Usage, Content Signals, TDMRep and RSL, with their traps."""

from __future__ import annotations

import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from rights.models import Evidence, Zone
from rights.page import parse_page
from rights.signals.ai_models import AiSignal
from rights.signals.ai_rsl import covers, parse_xml_safely, read_rsl, rsl_links
from rights.signals.ai_tdmrep import read_tdm_headers, read_tdm_meta, tdmrep_for_path
from rights.signals.ai_vocab import read_content_signal, read_content_usage, split_content_usage_rule

EVIDENCE = Evidence("Content-Usage: ...", Zone.META, "Content-Usage", "header", "test")


def stated(signals: list[AiSignal]) -> dict[str, str]:
    return {s.use: s.preference for s in signals}


# --- AIPREF Content-Usage ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("train-ai=n", {"ai-train": "disallowed"}),
        ("train-ai=y, search=n", {"ai-train": "allowed", "search": "disallowed"}),
        ("ai-use=n", {"ai-input": "disallowed"}),
        (
            "search=y, ai-use=y, train-ai=n",
            {"search": "allowed", "ai-input": "allowed", "ai-train": "disallowed"},
        ),
        # parameters are ignored; the last of a duplicated key wins (RFC 9651)
        ("train-ai;allow=n, train-ai=y", {"ai-train": "allowed"}),
        ('train-ai=n;why="policy"', {"ai-train": "disallowed"}),
        # non-token values, other tokens and Booleans are unknown, not errors
        ('train-ai=y, train-ai, search=n, search="n"', {}),
        ("train-ai=maybe", {}),
        ("train-ai=?0", {}),
        # unknown keys are ignored
        ("future-use=n, search=y", {"search": "allowed"}),
        # earlier drafts: all / bots is the parent of every category; a specific label overrides it
        ("all=n", {"search": "disallowed", "ai-input": "disallowed", "ai-train": "disallowed"}),
        ("bots=n, search=y", {"search": "allowed", "ai-input": "disallowed", "ai-train": "disallowed"}),
        ("train-genai=n", {"ai-train": "disallowed"}),
        ("train-ai=y, train-genai=n", {"ai-train": "allowed"}),  # the current label first
        ("all=y, train-ai=n", {"search": "allowed", "ai-input": "allowed", "ai-train": "disallowed"}),
    ],
)
def test_content_usage_header_values(value: str, expected: dict[str, str]) -> None:
    """A Content-Usage Dictionary gives one signal per use it states, by the vocabulary's rules."""
    signals, unreadable = read_content_usage(value, "HTTP header Content-Usage", EVIDENCE)
    assert unreadable == []
    assert stated(signals) == expected
    assert all(s.family == "content_usage" and s.evidence is EVIDENCE for s in signals)


@pytest.mark.parametrize(
    "value",
    ["Train-AI=n", "train-ai=n,", "train-ai==n", "train-ai=n search=y", "train ai=n", "", "train-ai=n, ,search=y",
     "train-ai=\"n", "trąin-ai=n", "x" * 9000],
)  # fmt: skip
def test_invalid_content_usage_is_unreadable(value: str) -> None:
    """Invalid structured-field syntax is recorded as unreadable, never raised, and states nothing."""
    signals, unreadable = read_content_usage(value, "HTTP header Content-Usage", EVIDENCE)
    assert signals == []
    assert len(unreadable) == 1
    assert unreadable[0].family == "content_usage"
    assert unreadable[0].where == "HTTP header Content-Usage"


@pytest.mark.parametrize(
    ("value", "path", "preference"),
    [("/ train-ai=n", "/", "train-ai=n"), ("/ai-ok/\ttrain-ai=y", "/ai-ok/", "train-ai=y"),
     ("train-ai=n", None, "train-ai=n"), ("  /x   search=y, train-ai=n ", "/x", "search=y, train-ai=n")],
)  # fmt: skip
def test_robots_content_usage_rule_split(value: str, path: str | None, preference: str) -> None:
    """A robots.txt rule carries a path before its preference (draft-ietf-aipref-attach); files without one too."""
    assert split_content_usage_rule(value) == (path, preference)


def test_robots_content_usage_rule_reads_the_preference_after_its_path() -> None:
    signals, unreadable = read_content_usage("/ai-ok/ train-ai=y", "robots.txt line 5", EVIDENCE, "site")
    assert unreadable == []
    assert [(s.use, s.preference, s.scope) for s in signals] == [("ai-train", "allowed", "site")]
    assert "/ai-ok/" in signals[0].detail


# --- Content Signals -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "expected", "problems"),
    [
        ("search=yes, ai-input=no, ai-train=no", {"search": "allowed", "ai-input": "disallowed", "ai-train": "disallowed"}, 0),
        ("search=yes,ai-train=no,use=reference", {"search": "allowed", "ai-train": "disallowed"}, 0),
        ("Search = Yes , AI-Train = No", {"search": "allowed", "ai-train": "disallowed"}, 0),
        ("ai-train=yes", {"ai-train": "allowed"}, 0),
        ("ai-train=no, ai-train=yes", {"ai-train": "allowed"}, 0),
        ("search=maybe, ai-train=no", {"ai-train": "disallowed"}, 1),
        ("ai-input", {}, 1),
        ("use=reference", {}, 0),
        ("/ search=yes, ai-train=no", {"search": "allowed", "ai-train": "disallowed"}, 0),  # a path, as Content-Usage
    ],
)  # fmt: skip
def test_content_signal_values(value: str, expected: dict[str, str], problems: int) -> None:
    signals, unreadable = read_content_signal(value, "robots.txt line 2", EVIDENCE, "site")
    assert stated(signals) == expected
    assert len(unreadable) == problems
    assert all(s.family == "content_signal" and s.scope == "site" for s in signals)


# --- TDMRep ----------------------------------------------------------------------------------------------


def test_tdm_reservation_header_reserves_training_and_ai_input_not_search() -> None:
    signals, unreadable = read_tdm_headers(
        {"TDM-Reservation": "1", "tdm-policy": "https://pub.example/tdm.json"}
    )
    assert unreadable == []
    assert stated(signals) == {"ai-train": "disallowed", "ai-input": "disallowed"}
    assert all(
        s.conditions == ("TDM licence policy offered at https://pub.example/tdm.json",) for s in signals
    )
    assert signals[0].evidence.source == "header"


def test_tdm_reservation_zero_allows_mining_and_a_bad_value_is_unreadable() -> None:
    assert stated(read_tdm_headers({"tdm-reservation": "0"})[0]) == {
        "ai-train": "allowed",
        "ai-input": "allowed",
    }
    signals, unreadable = read_tdm_headers({"tdm-reservation": "yes"})
    assert signals == [] and unreadable[0].family == "tdmrep"
    assert read_tdm_headers({"content-type": "text/html"}) == ([], [])


def test_tdm_meta_tags() -> None:
    page = parse_page(
        b'<html><head><meta name="tdm-reservation" content="1"><meta name="TDM-Policy" content="https://p.example/policy">'
        b"</head><body><p>x</p></body></html>",
        url="https://p.example/a",
    )
    signals, _ = read_tdm_meta(page)
    assert stated(signals) == {"ai-train": "disallowed", "ai-input": "disallowed"}
    assert signals[0].where == "<meta name=tdm-reservation>"
    assert "https://p.example/policy" in signals[0].conditions[0]


TDMREP = json.dumps(
    [
        {"location": "/open/*", "tdm-reservation": 0, "tdm-policy": "https://pub.example/ignored.json"},
        {"location": "/docs/*.pdf$", "tdm-reservation": 1},
        {"location": "/", "tdm-reservation": 1, "tdm-policy": "https://pub.example/policies/policy1.json"},
    ]
).encode()


@pytest.mark.parametrize(
    ("path", "expected", "conditions"),
    [
        (
            "/news/story",
            "disallowed",
            ("TDM licence policy offered at https://pub.example/policies/policy1.json",),
        ),
        ("/open/report", "allowed", ()),  # a policy beside tdm-reservation: 0 is not processed
        ("/docs/a.pdf", "disallowed", ()),
        (
            "/docs/a.pdfx",
            "disallowed",
            ("TDM licence policy offered at https://pub.example/policies/policy1.json",),
        ),
        (
            "/Open/report",
            "disallowed",
            ("TDM licence policy offered at https://pub.example/policies/policy1.json",),
        ),
    ],
)
def test_tdmrep_json_location_patterns(path: str, expected: str, conditions: tuple[str, ...]) -> None:
    """The first rule in file order whose location matches the path decides (the report's 'most specific')."""
    signals, unreadable = tdmrep_for_path(TDMREP, path, "/.well-known/tdmrep.json")
    assert unreadable == []
    assert {(s.preference, s.conditions) for s in signals} == {(expected, conditions)}
    assert all(s.scope == "site" and s.evidence.source == "tdmrep" for s in signals)


def test_tdmrep_json_rule_order_decides() -> None:
    data = json.dumps([{"location": "/", "tdm-reservation": 1}, {"location": "/open/", "tdm-reservation": 0}])
    signals, _ = tdmrep_for_path(data.encode(), "/open/a", "/.well-known/tdmrep.json")
    assert {s.preference for s in signals} == {"disallowed"}


def test_tdmrep_json_without_a_matching_rule_states_nothing() -> None:
    data = json.dumps([{"location": "/images/*", "tdm-reservation": 1}]).encode()
    assert tdmrep_for_path(data, "/news/a", "/.well-known/tdmrep.json") == ([], [])


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"{not json", "not valid JSON"),
        (b"\xff\xfe garbage", "not valid JSON"),
        (b'"a string"', "not a JSON array"),
        (b'{"location": "/", "tdm-reservation": 1}', "the brackets are mandatory"),
        (json.dumps([{"location": "/", "tdm-reservation": "maybe"}]).encode(), "neither 1 nor 0"),
        (b"[" * 100_000 + b"]" * 100_000, "not valid JSON"),
    ],
)
def test_tdmrep_json_malformed_is_unreadable(data: bytes, reason: str) -> None:
    signals, unreadable = tdmrep_for_path(data, "/a", "/.well-known/tdmrep.json")
    assert signals == []
    assert reason in unreadable[0].reason


def test_a_10_mb_tdmrep_json_is_refused_by_the_cap() -> None:
    rule = {"location": "/x/", "tdm-reservation": 1}
    data = json.dumps([rule] * 300_000).encode()
    assert len(data) > 10_000_000
    signals, unreadable = tdmrep_for_path(data, "/x/", "/.well-known/tdmrep.json")
    assert signals == []
    assert "larger than 1,000,000 bytes" in unreadable[0].reason


# --- RSL -------------------------------------------------------------------------------------------------

RSL = b"""<?xml version="1.0" encoding="UTF-8"?>
<rsl xmlns="https://rslstandard.org/rsl">
  <content url="/news/*" server="https://license.pub.example/api">
    <copyright type="organization" contactEmail="licensing@pub.example">Example Publishing</copyright>
    <terms>https://pub.example/ai-terms</terms>
    <license>
      <permits type="usage">search ai-index</permits>
      <permits type="user">commercial education</permits>
      <prohibits type="usage">ai-train</prohibits>
      <payment type="subscription"><amount currency="USD">25</amount></payment>
    </license>
  </content>
  <content url="https://pub.example/free/">
    <license>
      <permits type="usage">all</permits>
      <payment type="attribution"/>
    </license>
  </content>
</rsl>"""


def test_rsl_permits_and_prohibits_for_a_covered_page() -> None:
    signals, unreadable = read_rsl(
        RSL, "RSL document https://pub.example/license.xml", "https://pub.example/news/a"
    )
    assert unreadable == []
    assert stated(signals) == {"search": "allowed", "ai-input": "allowed", "ai-train": "disallowed"}
    allowed = next(s for s in signals if s.preference == "allowed")
    assert "payment (subscription), 25 USD" in allowed.conditions
    assert "obtain a licence from the licence server https://license.pub.example/api" in allowed.conditions
    assert "rights holder: Example Publishing (contact licensing@pub.example)" in allowed.conditions
    assert "permits user: commercial education" in allowed.conditions
    assert all(s.family == "rsl" and s.scope == "page" for s in signals)


def test_rsl_content_elements_that_do_not_cover_the_page_are_left_out() -> None:
    signals, _ = read_rsl(RSL, "RSL", "https://pub.example/free/essay")
    assert stated(signals) == {"search": "allowed", "ai-input": "allowed", "ai-train": "allowed"}
    assert "attribution required (RSL payment type attribution)" in signals[0].conditions
    assert read_rsl(RSL, "RSL", "https://other.example/free/essay") == ([], [])
    assert read_rsl(RSL, "RSL", "https://pub.example/about") == ([], [])


def test_rsl_without_a_page_reads_every_content_element_as_site_wide() -> None:
    signals, _ = read_rsl(RSL, "RSL", None)
    assert {s.scope for s in signals} == {"site"}
    assert len(signals) == 6


@pytest.mark.parametrize(
    ("pattern", "url", "expected"),
    [("/", "https://a.example/x", True), ("/news/*", "https://a.example/news/1", True),
     ("/news/*", "https://a.example/sport/1", False), ("/*.pdf$", "https://a.example/a/b.pdf", True),
     ("/*.pdf$", "https://a.example/a/b.pdf?x=1", False), ("https://a.example/", "https://A.example/q", True),
     ("https://a.example/", "https://b.example/q", False), ("", "https://a.example/", False),
     ("news/*", "https://a.example/news/1", True), ("*", "https://a.example/any", True),
     ("/news/", "https://a.example/NEWS/1", False)],
)  # fmt: skip
def test_rsl_content_url_matching(pattern: str, url: str, expected: bool) -> None:
    assert covers(pattern, url) is expected


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"<rsl xmlns='https://rslstandard.org/rsl'><content url='/'>", "not well-formed"),
        (b"", "not well-formed"),
        (b"<html><body>not rsl</body></html>", "not <rsl>"),
        (b'<?xml version="1.0"?><!DOCTYPE rsl SYSTEM "http://evil.example/rsl.dtd"><rsl/>', "DTD"),
        (b'<?xml version="1.0"?><!DOCTYPE r [<!ENTITY x SYSTEM "file:///etc/passwd">]><rsl>&x;</rsl>', "DTD"),
    ],
)
def test_broken_or_hostile_rsl_is_unreadable(data: bytes, reason: str) -> None:
    signals, unreadable = read_rsl(data, "RSL document", "https://a.example/")
    assert signals == []
    assert reason in unreadable[0].reason


def test_an_xml_bomb_is_refused_before_any_expansion() -> None:
    """Billion laughs: refused at its DTD, so no entity is ever defined, let alone expanded."""
    levels = "".join(f'<!ENTITY l{i} "{("&l" + str(i - 1) + ";") * 10}">' for i in range(1, 10))
    bomb = f'<?xml version="1.0"?><!DOCTYPE rsl [<!ENTITY l0 "ha">{levels}]><rsl>&l9;</rsl>'.encode()
    result = parse_xml_safely(bomb)
    assert isinstance(result, str) and "DTD" in result
    signals, unreadable = read_rsl(bomb, "RSL document", None)
    assert signals == [] and "DTD" in unreadable[0].reason


def test_an_oversized_rsl_document_is_refused_unread() -> None:
    data = b"<rsl>" + b" " * 1_100_000 + b"</rsl>"
    assert "larger than 1,000,000 bytes" in read_rsl(data, "RSL", None)[1][0].reason


def test_rsl_links_from_the_page_and_the_link_header() -> None:
    html = (
        b'<html><head><link rel="license" type="application/rsl+xml" href="/license.xml">'
        b'<link rel="license" href="https://creativecommons.org/licenses/by/4.0/">'
        b'<link rel="alternate" type="application/rsl+xml" href="/not-a-license.xml"></head><body><p>x</p></body></html>'
    )
    headers = {
        "Link": '<https://pub.example/rsl.xml>; rel="license"; type="application/rsl+xml", '
        '<https://pub.example/story>; rel="canonical", </license.xml>; rel=license; type="application/rsl+xml"'
    }
    page = parse_page(html, url="https://pub.example/story", headers=headers)
    assert rsl_links(page) == ["https://pub.example/license.xml", "https://pub.example/rsl.xml"]


def test_no_rsl_links_on_a_plain_page() -> None:
    page = parse_page(
        b"<html><head><link rel='license' href='/terms'></head><body><p>x</p></body></html>",
        url="https://a.example/",
    )
    assert rsl_links(page) == []


# --- never an exception ----------------------------------------------------------------------------------

_PIECES = st.sampled_from(
    ["train-ai", "search", "ai-use", "=", "y", "n", ",", ";", " ", '"', "?1", "(", ")", "*", "/", "ai-train",
     "yes", "no", "\t", "Ä", "\x00", "-1", "1.5", ":", "@"]
)  # fmt: skip


@settings(max_examples=300, deadline=None)
@given(st.lists(_PIECES, max_size=20).map("".join))
def test_preference_readers_never_raise(value: str) -> None:
    """Whatever a header or robots.txt line holds, the readers return values, never an exception."""
    for reader in (read_content_usage, read_content_signal):
        signals, unreadable = reader(value, "where", EVIDENCE, "page")
        assert all(s.preference in ("allowed", "disallowed") for s in signals)
        assert all(u.where == "where" for u in unreadable)


@settings(max_examples=200, deadline=None)
@given(st.binary(max_size=400) | st.text(max_size=400).map(str.encode))
def test_document_readers_never_raise(data: bytes) -> None:
    """Arbitrary bytes as tdmrep.json or an RSL document: values or an `Unreadable`, never an exception."""
    tdmrep_for_path(data, "/a", "/.well-known/tdmrep.json")
    read_rsl(data, "RSL", "https://a.example/a")
    read_rsl(
        b"<rsl><content url='/'><license><permits>" + data + b"</permits></license></content></rsl>",
        "RSL",
        None,
    )
