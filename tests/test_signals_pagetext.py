"""`PageText.having`: the trigger-word prefilter every text detector starts from."""

from __future__ import annotations

from rights.page.models import TextBlock
from rights.signals.common import PageText
from tests.helpers import page

BODY = (
    "<p>Nothing to see in this first paragraph.</p>"
    "<p>This story was Originally Published by the Harbour Gazette.</p>"
    "<p>Photo: AP. A map of the new routes.</p>"
    "<p>The apple harvest was late this year.</p>"
    "<footer><p>Copyright 2026 Example News. Do not reprint.</p></footer>"
)


def texts(blocks: list[TextBlock]) -> list[str]:
    return [b.text for b in blocks]


def test_case_insensitive_words_find_their_blocks_in_page_order() -> None:
    found = PageText(page(BODY)).having(("reprint", "originally published"))
    assert texts(found) == [
        "This story was Originally Published by the Harbour Gazette.",
        "Copyright 2026 Example News. Do not reprint.",
    ]


def test_a_case_sensitive_word_matches_its_exact_spelling_only() -> None:
    text = PageText(page(BODY))
    assert texts(text.having(("AP",), exact=True)) == ["Photo: AP. A map of the new routes."]  # not "apple"
    assert text.having(("photo",), exact=True) == []
    assert texts(text.having(("photo",))) == ["Photo: AP. A map of the new routes."]


def test_a_case_sensitive_word_starts_after_a_boundary() -> None:
    body = (
        "<p>AP reports from the port.</p><p>Berlin (dpa) - Markets rose.</p><p>Ende. dpa/lno</p>"
        "<p>Insapa and SAPa letters.</p><p>—AP</p>"
    )
    text = PageText(page(body))
    assert texts(text.having(("AP",), exact=True)) == [
        "AP reports from the port.",
        "—AP",
    ]  # the page's start too
    assert texts(text.having(("dpa",), exact=True)) == ["Berlin (dpa) - Markets rose.", "Ende. dpa/lno"]
    assert text.having(("Sapa",), exact=True) == []  # inside a word, or in other capitals


def test_several_word_sets_on_one_page_keep_their_own_hits() -> None:
    text = PageText(page(BODY))
    first = text.having(("harvest",))
    second = text.having(("gazette", "copyright"))
    again = text.having(("harvest",))
    assert texts(first) == texts(again) == ["The apple harvest was late this year."]
    assert len(second) == 2 and "Harbour Gazette" in second[0].text


def test_a_capital_in_a_case_insensitive_word_never_matches() -> None:
    assert PageText(page(BODY)).having(("Originally",)) == []


def test_case_folding_that_changes_length_still_maps_hits_to_blocks() -> None:
    """ "İ".lower() is two characters: offsets into the lower-cased text differ from the original's."""
    body = "<p>İİİİ İstanbul notes.</p><p>Reprinted with permission from AP.</p><p>Later, reprint rules.</p>"
    text = PageText(page(body))
    assert texts(text.having(("reprint",))) == [
        "Reprinted with permission from AP.",
        "Later, reprint rules.",
    ]
    assert texts(text.having(("AP",), exact=True)) == ["Reprinted with permission from AP."]


def test_an_empty_word_set_or_page_finds_nothing() -> None:
    assert PageText(page(BODY)).having(()) == []
    assert PageText(page("")).having(("reprint",)) == []


def test_pattern_prefilters_use_words_that_case_folding_keeps() -> None:
    """The gates before the costly patterns search the case-folded text: a gate word that folding changed
    (say "ß") would silently skip blocks the pattern matches."""
    from rights.signals import attribution_phrases as phrases
    from rights.signals import credit_grammar

    words = [w for rule in credit_grammar.RULES for w in rule.words]
    words += [*phrases.OUTBOUND_WORDS, *phrases.DE_INFIX_WORDS, "permission"]
    assert words and all(w.casefold() == w for w in words)


def test_photo_credit_prefilter_agrees_with_the_pattern() -> None:
    from rights.signals import wires

    texts = [
        "(AP Photo/Jane Doe) Crowds gathered at the harbour.",
        "REUTERS/Ann Smith",
        "AFP via Getty Images",
        "Photo credit: staff of Reuters",
        "Bild: dpa",
        "The Reuters report said exports fell.",
        "Harbour cranes, photographed at dawn.",
        "A story with no credit at all.",
    ]
    for text in texts:
        found, direct = wires.photo_credit(text), wires.PHOTO_CREDIT.search(text)
        assert (found and found.span()) == (direct and direct.span()), text
    assert wires.photo_credit("AP Photo") is not None and wires.photo_credit("no agency here") is None


def test_word_sets_registered_from_many_threads_keep_their_own_hits() -> None:
    from concurrent.futures import ThreadPoolExecutor

    words = [f"marker{i}x" for i in range(16)]
    body = "".join(f"<p>Block {i} holds marker{i}x only.</p>" for i in range(16))

    def find(i: int) -> list[str]:
        return texts(PageText(page(body)).having((words[i], f"absent{i}q")))

    with ThreadPoolExecutor(8) as pool:
        results = list(pool.map(find, range(16)))
    assert results == [[f"Block {i} holds marker{i}x only."] for i in range(16)]
