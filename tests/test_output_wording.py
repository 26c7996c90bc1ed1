"""Every line a rights editor reads is whole: sentences not cut at abbreviations, no placeholders for unknown
values, credit lines that read naturally without an author, article titles without the site's name."""

from __future__ import annotations

import pytest

from rights.models import Zone
from rights.page.metadata import article_title
from rights.page.models import TextBlock
from rights.policy.credit import Credits, build_attribution, person_name
from rights.policy.models import Rule
from rights.policy.sentences import first_sentence, notice_sentence, sentences
from rights.policy.verdict import conditions_for
from rights.signals.license_names import license_name


@pytest.mark.parametrize(
    ("note", "first"),
    [
        ("U.S. courts weigh four factors. Quote little.", "U.S. courts weigh four factors."),
        (
            "Under Art. 10(1) a quotation is allowed. Name the source.",
            "Under Art. 10(1) a quotation is allowed.",
        ),
        ("See e.g. the guidance of the U.K. office. Then ask.", "See e.g. the guidance of the U.K. office."),
        ("As held in Smith v. Jones, No. 5 applies. More.", "As held in Smith v. Jones, No. 5 applies."),
        ("Ask J. R. Miller first! Then quote.", "Ask J. R. Miller first!"),
        ('He said "Quote briefly." Then left.', 'He said "Quote briefly."'),
        ("A note without a stop", "A note without a stop."),
    ],
)
def test_the_first_sentence_is_never_cut_at_an_abbreviation(note: str, first: str) -> None:
    assert first_sentence(note) == first


def test_sentences_keep_every_word_once() -> None:
    text = "Ms. Lee wrote it. Pages 3 to 5 (pp. 3-5) apply. Done."
    assert sentences(text) == ["Ms. Lee wrote it.", "Pages 3 to 5 (pp. 3-5) apply.", "Done."]
    assert " ".join(sentences(text)) == text


def test_a_notice_sentence_is_the_one_holding_the_notice() -> None:
    block = "The copyright holder for this preprint is the author. It is shared under a licence."
    assert notice_sentence(block) == "The copyright holder for this preprint is the author."
    assert notice_sentence("Posted by Ann. Nothing else.") == "Posted by Ann. Nothing else."


def _rule(kind: str, **params: object) -> Rule:
    return Rule(kind, params, ("noncommercial", "commercial", "print", "excerpt"), "verified", None, None)


@pytest.mark.parametrize(
    ("kind", "params", "expected"),
    [
        ("credit_author", {}, "no author name was found on the page"),
        ("credit_publisher", {}, "name the publisher as its site shows its name"),
        ("link_original", {}, "link to the original article"),
        (
            "keep_copyright_notice",
            {},
            "no copyright line was found; keep any copyright notice the page carries",
        ),
        ("include_title", {}, "give the article's title"),
        ("name_license", {}, "name the licence the text is under"),
    ],
)
def test_a_condition_whose_value_is_unknown_says_what_to_do(
    kind: str, params: dict[str, object], expected: str
) -> None:
    (condition,) = conditions_for([_rule(kind, **params)], Credits(), "noncommercial", False)
    assert expected in condition.text
    assert "unknown" not in condition.text and "None" not in condition.text


def test_an_unknown_author_is_credited_through_the_publisher() -> None:
    (condition,) = conditions_for(
        [_rule("credit_author")], Credits(publisher="Harbour Weekly"), "excerpt", False
    )
    assert "credit the publisher, Harbour Weekly, when there is none" in condition.text


def test_a_quotation_rule_prints_its_summary_or_its_first_whole_sentence() -> None:
    rule = Rule("quotation", {}, ("excerpt",), "verified", None, "U.S. law weighs four factors. More text.")
    (condition,) = conditions_for([rule], Credits(), "excerpt", False)
    assert condition.text == "U.S. law weighs four factors."
    summarised = Rule("quotation", {}, ("excerpt",), "verified", None, "Long note.", summary="Quote briefly.")
    (condition,) = conditions_for([summarised], Credits(), "excerpt", False)
    assert condition.text == "Quote briefly."


_TEMPLATE = "“{title}” by {author} ({url}), licensed under {license} ({license_url})."


@pytest.mark.parametrize(
    ("credits", "line"),
    [
        (
            Credits(title="Tides", author="Rosa Delgado", url="https://c.example/t", license="cc-by-4.0"),
            "“Tides” by Rosa Delgado (https://c.example/t), licensed under CC BY 4.0.",
        ),
        (
            Credits(
                title="Tides", publisher="Coastline Weekly", url="https://c.example/t", license="cc-by-4.0"
            ),
            "“Tides” by Coastline Weekly (https://c.example/t), licensed under CC BY 4.0.",
        ),
        (
            Credits(title="Tides", url="https://c.example/t", license="cc-by-4.0"),
            "“Tides” (https://c.example/t), licensed under CC BY 4.0.",
        ),
        (
            Credits(url="https://c.example/t", license="gfdl-1.3"),
            "This article (https://c.example/t), licensed under GNU Free Documentation License 1.3.",
        ),
    ],
)
def test_a_credit_template_reads_naturally_with_values_missing(credits: Credits, line: str) -> None:
    assert credits.render(_TEMPLATE) == line


def test_no_credit_line_when_it_could_name_no_source() -> None:
    assert build_attribution(None, Credits(title="Notes"), [], use="noncommercial") is None
    line = build_attribution(None, Credits(title="Notes", url="https://x.example/n"), [], use="noncommercial")
    assert line is not None and "https://x.example/n" in line.text


@pytest.mark.parametrize(
    ("written", "read"),
    [("JANE DOE", "Jane Doe"), ("MARY DE LA CRUZ", "Mary de la Cruz"), ("Ann Lee", "Ann Lee"), ("AP", "AP")],
)
def test_a_byline_in_capitals_reads_as_a_name(written: str, read: str) -> None:
    assert person_name(written) == read


@pytest.mark.parametrize(
    ("license_id", "name"),
    [
        ("cc-by-nc-sa-4.0", "CC BY-NC-SA 4.0"),
        ("gfdl-1.2", "GNU Free Documentation License 1.2"),
        ("ogl-uk-3.0", "Open Government Licence 3.0"),
        ("etalab-2.0", "Licence Ouverte / Open Licence 2.0"),
    ],
)
def test_licences_are_named_for_people(license_id: str, name: str) -> None:
    assert license_name(license_id) == name


def _heading(text: str, zone: Zone = Zone.MAIN, path: str = "article > h1") -> TextBlock:
    return TextBlock(text, zone, path, path.rsplit(" > ", 1)[-1], zone is Zone.MAIN, 0)


@pytest.mark.parametrize(
    ("title", "site", "url", "headings", "expected"),
    [
        # the site's name or host after or before a separator
        ("River levels rise again | Valley Courier", "Valley Courier", None, [], "River levels rise again"),
        ("River levels rise again - Valley Courier", None, "https://www.valleycourier.example/a/1", [],
         "River levels rise again"),
        ("Preprint on soil microbes | soilRxiv", None, "https://www.soilrxiv.example/c/1", [],
         "Preprint on soil microbes"),
        ("Harbour Weekly :: New ferry timetable", None, "https://harbourweekly.example/ferry", [],
         "New ferry timetable"),
        ("Winter cycling tips - Pedal Official Site", "Pedal.example", None, [], "Winter cycling tips"),
        ("wkrn.example - Storm closes schools", None, None, [], "Storm closes schools"),
        # the story's heading inside a title that adds the site and its tagline
        ("» Why I stopped budgeting … Frugal Path: — living on less, by choice", None, None,
         [_heading("Why I stopped budgeting …", Zone.BYLINE), _heading("Frugal Path", Zone.HEADER)],
         "Why I stopped budgeting"),
        ("Frugal Path » Why I stopped budgeting", None, None, [_heading("Why I stopped budgeting")],
         "Why I stopped budgeting"),
        # traps: left as written
        ("Garden Notes: Pruning apple trees in winter", None, None, [_heading("Garden Notes")],
         "Garden Notes: Pruning apple trees in winter"),
        ("How to retire early so you can travel", None, None, [_heading("How to retire early")],
         "How to retire early so you can travel"),
        ("Pedal - Bikes for every road", None, "https://pedal.example/", [], "Pedal - Bikes for every road"),
        ("»Sauberes Wasser!« - Seglerblog", None, None, [], "»Sauberes Wasser!« - Seglerblog"),
        ("Take C.A.R.E. - our team at the fair", None, None, [], "Take C.A.R.E. - our team at the fair"),
    ],
)  # fmt: skip
def test_the_article_title_loses_the_site_name_and_tagline(
    title: str, site: str | None, url: str | None, headings: list[TextBlock], expected: str
) -> None:
    assert article_title(title, site, url, headings) == expected
