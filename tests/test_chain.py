"""Following the origin chain (pure, with a fake reader) and deciding who holds the rights."""

from __future__ import annotations

from rights.policy import load_policies
from rights.policy.chain import Link, follow_chain, same_article
from rights.policy.verdict import evaluate
from rights.signals import detect_signals
from tests.helpers import page

POLICIES = load_policies()
STORY = (
    "<p>Three new container terminals opened this winter along the southern coast, and the cranes that "
    "unload them were built on the other side of the world, say the port managers.</p>"
    "<p>The shift is easiest to see in the timetables of the freighters.</p>"
)


def _link(url: str, body: str, *, title: str = "Harbour cranes", site: str | None = None) -> Link:
    parsed = page(
        f"<article><h1>{title}</h1><div class='entry-content'>{body}</div></article>",
        url=url,
        head=f"<title>{title}</title>",
        site=site,
    )
    return Link(url, "fetched", parsed, detect_signals(parsed))


def _copy(origin_url: str) -> Link:
    body = (
        STORY + f'<p>This article was originally published on <a href="{origin_url}">Harbour Notes</a>.</p>'
    )
    link = _link("https://www.copydaily.test/harbour", body, site="Copy Daily")
    return Link(link.url, "read", link.page, link.signals)


def test_original_read_and_confirmed_governs() -> None:
    licence = (
        '<p>Licensed under <a rel="license" href="https://creativecommons.org/licenses/by/4.0/">CC BY</a></p>'
    )
    original = _link("https://harbournotes.test/cranes", STORY + licence, site="Harbour Notes")
    chain = follow_chain(_copy(original.url or ""), lambda url: original)
    assert [link.status for link in chain] == ["read", "fetched"]
    assert "same article" in chain[1].detail
    verdict = evaluate(chain, POLICIES, "commercial")
    assert verdict.verdict == "allowed_with_conditions"
    assert verdict.governing_policy is not None and verdict.governing_policy.id == "cc-by-4.0"
    assert verdict.origin_url == "https://harbournotes.test/cranes"


def test_unreachable_original_is_reported_not_fatal() -> None:
    chain = follow_chain(
        _copy("https://harbournotes.test/cranes"),
        lambda url: Link(url, "unreachable", detail="could not fetch: timeout"),
    )
    verdict = evaluate(chain, POLICIES, "noncommercial")
    assert [hop.status for hop in verdict.chain] == ["read", "unreachable"]
    assert verdict.verdict == "permission_required" and verdict.origin_name == "Harbour Notes"
    assert any("timeout" in step.text for step in verdict.steps)


def test_a_different_text_at_the_origin_url_is_a_mismatch() -> None:
    other = _link(
        "https://harbournotes.test/cranes",
        "<p>Our summer opening hours have changed. The "
        "kiosk now opens at nine and the cafe stays open until six in the evening.</p>",
        title="Opening hours",
    )
    chain = follow_chain(_copy(other.url or ""), lambda url: other)
    assert chain[-1].status == "mismatch"
    assert evaluate(chain, POLICIES, "noncommercial").origin_name == "Harbour Notes"


def test_chains_are_followed_hop_by_hop_and_stop_at_the_limit() -> None:
    urls = [f"https://hop{i}press.test/story" for i in range(6)]

    def reader(url: str) -> Link:
        nxt = urls[urls.index(url) + 1]
        return _link(
            url, STORY + f'<p>This article was first published by <a href="{nxt}">Hop Press</a>.</p>'
        )

    chain = follow_chain(_copy(urls[0]), reader, max_hops=3)
    assert [link.status for link in chain] == ["read", "fetched", "fetched", "fetched", "limit"]


def test_a_loop_is_stopped() -> None:
    first = _copy("https://harbournotes.test/cranes")

    def reader(url: str) -> Link:
        body = (
            STORY
            + '<p>This article was originally published on <a href="https://www.copydaily.test/harbour">'
            "Copy Daily</a>.</p>"
        )
        return _link(url, body)

    chain = follow_chain(first, reader)
    assert chain[-1].status == "loop"


def test_no_follow_keeps_the_named_origin() -> None:
    chain = follow_chain(
        _copy("https://harbournotes.test/cranes"),
        lambda url: None,  # type: ignore
        follow=False,
    )
    assert [link.status for link in chain] == ["read", "not_followed"]


def test_same_article_by_opening_text_despite_a_new_headline() -> None:
    a = page(f"<h1>One title</h1>{STORY}", head="<title>One title</title>")
    b = page(f"<h1>Another headline entirely</h1>{STORY}", head="<title>Another headline entirely</title>")
    assert same_article(a, b)[0]
