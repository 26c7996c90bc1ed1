"""Policy files: parsing, defaults, and one precise `FILE: key: problem` per kind of mistake."""

from __future__ import annotations

from types import MappingProxyType

import pytest

from rights.errors import PolicyError
from rights.policy import CONDITION_KINDS, RULE_KINDS, STANCE_KINDS, check_policy, parse_policy
from rights.policy.models import USES

BASE = """\
id = "example-news"
name = "Example News"
kind = "publisher"
domains = ["example.org"]
extends = "all-rights-reserved"
source = "https://example.org/republishing"
checked = 2026-11-24
status = "verified"

[[rules]]
kind = "grant"
uses = ["noncommercial"]

[[rules]]
kind = "credit_author"
format = "by {author}, {publisher}"
"""


def test_parse_minimal_publisher() -> None:
    """A small valid file parses into a Policy with its rules in file order."""
    policy = parse_policy(BASE, "example.toml")
    assert (policy.id, policy.kind, policy.status, policy.checked) == (
        "example-news",
        "publisher",
        "verified",
        "2026-11-24",
    )
    assert policy.domains == ("example.org",)
    assert policy.extends == "all-rights-reserved"
    assert [r.kind for r in policy.rules] == ["grant", "credit_author"]
    assert policy.path == "example.toml"


def test_rule_defaults() -> None:
    """Rules default to every use and to the policy's status; stance rules take their uses from `uses`."""
    grant, credit = parse_policy(BASE, "example.toml").rules
    assert grant.for_uses == ("noncommercial",)
    assert grant.params["uses"] == ("noncommercial",)
    assert credit.for_uses == USES
    assert credit.status == "verified"
    assert credit.origin == "example-news"
    assert isinstance(credit.params, MappingProxyType)


def test_param_defaults_filled() -> None:
    """Optional parameters with a default appear in params; those without one stay absent."""
    text = (
        BASE + '\n[[rules]]\nkind = "link_original"\n\n[[rules]]\nkind = "attribution_line"\ntemplate = "x"\n'
    )
    link, line = parse_policy(text, "example.toml").rules[2:]
    assert link.params == {"target": "article"}
    assert line.params == {"template": "x"}


def test_for_uses_kept_in_canonical_order() -> None:
    """`for_uses` is stored in the order of USES, whatever order the file lists."""
    text = BASE + '\n[[rules]]\nkind = "keep_links"\nfor_uses = ["excerpt", "noncommercial"]\n'
    assert parse_policy(text, "example.toml").rules[2].for_uses == ("noncommercial", "excerpt")


def test_string_date_accepted() -> None:
    """`checked` may be a TOML date or a quoted ISO date."""
    text = BASE.replace("checked = 2026-11-24", 'checked = "2026-01-05"')
    assert parse_policy(text, "example.toml").checked == "2026-01-05"


def test_license_needs_url_or_source() -> None:
    """A licence may give `url` instead of `source`; a publisher may not."""
    text = 'id = "x-1.0"\nname = "X"\nkind = "license"\nstatus = "verified"\nurl = "https://x.org/l/1.0/"\n'
    assert parse_policy(text, "x.toml").url == "https://x.org/l/1.0/"


def test_vocabulary_partitions() -> None:
    """Every rule kind is either a stance, a condition, or one of the other grant/refusal kinds (ai_terms: automated uses)."""
    others = set(RULE_KINDS) - set(STANCE_KINDS) - set(CONDITION_KINDS)
    assert others == {"quotation", "waives", "excluded_content", "ai_terms"}
    assert "contact" in CONDITION_KINDS


def _replace(old: str, new: str) -> str:
    assert old in BASE
    return BASE.replace(old, new)


ALL_USES = "noncommercial, commercial, print, excerpt"
BROKEN = [
    ('id = "x', "end of file: invalid TOML: Unterminated string"),
    (BASE + "[[rules]\n", "line 17: invalid TOML: Expected ']]' at the end of an array declaration"),
    (
        BASE.replace('status = "verified"', 'status = "verified"\ncolour = "red"'),
        "colour: unknown key; expected one of: id, name, kind, domains, extends, aliases, url, source, "
        "checked, status, summary, attribution_template, ports, rules, examples",
    ),
    (
        _replace('kind = "credit_author"', 'kind = "credit_writer"'),
        "rules[1].kind: unknown rule kind 'credit_writer'; expected one of: " + ", ".join(RULE_KINDS),
    ),
    (
        _replace('domains = ["example.org"]', 'domains = "example.org"'),
        "domains: expected a non-empty array of strings, got a string",
    ),
    (
        _replace('uses = ["noncommercial"]', "uses = 1"),
        "rules[0].uses: expected a non-empty array of strings, got an integer",
    ),
    (
        BASE + '[[rules]]\nkind = "embargo"\nhours = "48"\n',
        "rules[2].hours: expected an integer, got a string",
    ),
    (BASE + '[[rules]]\nkind = "embargo"\nhours = 0\n', "rules[2].hours: 0 is below the minimum, 1"),
    (
        _replace('status = "verified"', 'status = "confirmed"'),
        "status: 'confirmed' is not one of: verified, secondary, unverified",
    ),
    (_replace('kind = "publisher"', 'kind = "outlet"'), "kind: 'outlet' is not one of: license, publisher"),
    (
        _replace('uses = ["noncommercial"]', 'uses = ["online"]'),
        f"rules[0].uses[0]: 'online' is not one of: {ALL_USES}",
    ),
    (
        BASE + '[[rules]]\nkind = "edits"\nallowed = ["spelling"]\n',
        "rules[2].allowed[0]: 'spelling' is not one of: time, place, style, headline, length, format",
    ),
    (_replace('name = "Example News"\n', ""), "name: missing (required)"),
    (
        _replace('source = "https://example.org/republishing"\n', ""),
        "source: missing (required: where the terms were read; a licence may give `url` instead)",
    ),
    (
        _replace('domains = ["example.org"]\n', ""),
        "domains: missing (a publisher policy needs at least one domain)",
    ),
    (
        _replace('extends = "all-rights-reserved"', 'extends = "Not An Id"'),
        "extends: 'Not An Id' is not a valid id (lower-case letters, digits, '.' and '-')",
    ),
    (
        _replace("{publisher}", "{writer}"),
        "rules[1].format: unknown placeholder {writer}; allowed: title, author, publisher, url, license, "
        "license_url, year, copyright, date",
    ),
    (
        _replace("{publisher}", "{publisher!r}"),
        "rules[1].format: placeholder {publisher} takes no format or conversion",
    ),
    (
        _replace("{publisher}", "{publisher"),
        "rules[1].format: malformed template (expected '}' before end of string); "
        "write a literal brace as {{ or }}",
    ),
    (
        _replace("checked = 2026-11-24", 'checked = "24/11/2026"'),
        "checked: expected a date YYYY-MM-DD, got '24/11/2026'",
    ),
    (
        _replace("checked = 2026-11-24", 'checked = "2026-02-30"'),
        "checked: expected a date YYYY-MM-DD, got '2026-02-30'",
    ),
    (
        _replace("checked = 2026-11-24", "checked = 2026-11-24T10:00:00"),
        "checked: expected a date YYYY-MM-DD, got datetime.datetime(2026, 11, 24, 10, 0)",
    ),
    (
        _replace('source = "https://example.org/republishing"', 'source = "example.org/republishing"'),
        "source: 'example.org/republishing' is not an http(s) URL",
    ),
    (
        _replace('domains = ["example.org"]', 'domains = ["*.example.org"]'),
        "domains[0]: write 'example.org': subdomains are covered without '*.'",
    ),
    (
        _replace('domains = ["example.org"]', 'domains = ["https://example.org/"]'),
        "domains[0]: 'https://example.org/' is not a lower-case host name (no scheme, no path)",
    ),
    (
        _replace('domains = ["example.org"]', 'domains = ["example.org"]\nurl = "https://example.org/"'),
        "url: only licence policies have a url; a publisher names its terms page in `source`",
    ),
    (
        _replace('extends = "all-rights-reserved"', 'extends = "example-news"'),
        "extends: a policy cannot extend itself ('example-news')",
    ),
    (
        _replace('uses = ["noncommercial"]', 'uses = ["noncommercial"]\nfor_uses = ["print"]'),
        "rules[0].for_uses: not used by 'grant': its `uses` names the uses it decides",
    ),
    (
        BASE + '[[rules]]\nkind = "requires_permission"\nuses = ["commercial", "noncommercial"]\n',
        "rules[2].uses: use 'noncommercial' is already decided by rules[0]",
    ),
    (
        BASE + '[[rules]]\nkind = "credit_author"\nfor_uses = ["print"]\n',
        "rules[2].for_uses: use 'print' is already given a 'credit_author' rule by rules[1]",
    ),
    (
        BASE + '[[rules]]\nkind = "quotation"\n',
        "rules[2].note: missing (a 'quotation' rule must explain itself)",
    ),
    (
        BASE + '[[rules]]\nkind = "no_images"\nwhat = "photos"\n',
        "rules[2].what: unknown key for a 'no_images' rule; "
        "expected one of: kind, for_uses, status, source, note, summary",
    ),
    (BASE + '[[rules]]\nkind = "edits"\n', "rules[2]: an 'edits' rule needs `allowed`, `forbidden` or both"),
    (
        BASE + '[[rules]]\nkind = "edits"\nallowed = ["style"]\nforbidden = ["style"]\n',
        "rules[2].forbidden: 'style' is also in `allowed`",
    ),
    (
        BASE + '[[rules]]\nkind = "waives"\nkinds = ["waives"]\n',
        "rules[2].kinds: a 'waives' rule cannot waive 'waives'",
    ),
    (
        BASE + '[[rules]]\nkind = "canonical"\nmode = "always"\n',
        "rules[2].mode: 'always' is not one of: canonical, noindex, either",
    ),
    (
        BASE.split("[[rules]]")[0] + "rules = 3\n",
        "rules: expected an array of tables ([[rules]]), got an integer",
    ),
    (
        BASE + '[[examples]]\nfixture = "/etc/page.html"\nuse = "noncommercial"\nexpect = "allowed"\n',
        "examples[0].fixture: must be a relative path inside the repository",
    ),
    (
        BASE + '[[examples]]\nfixture = "f.html"\nuse = "noncommercial"\nexpect = "fine"\n',
        "examples[0].expect: 'fine' is not one of: allowed, allowed_with_conditions, permission_required, "
        "not_allowed, unknown",
    ),
    (
        BASE + '[[examples]]\nfixture = "f.html"\nuse = "noncommercial"\nexpect = "allowed"\n'
        'expect_conditions = ["grant"]\n',
        "examples[0].expect_conditions[0]: 'grant' is not one of: " + ", ".join(CONDITION_KINDS),
    ),
]


@pytest.mark.parametrize(
    ("text", "expected"), BROKEN, ids=[e.split(":")[0] + f"-{i}" for i, (_, e) in enumerate(BROKEN)]
)
def test_broken_file_message(text: str, expected: str) -> None:
    """Each mistake yields the first error `FILE: key: problem` with a precise key."""
    with pytest.raises(PolicyError) as caught:
        parse_policy(text, "broken.toml")
    assert str(caught.value) == f"broken.toml: {expected}"
    assert caught.value.exit_code == 2


def test_all_errors_of_a_file_are_collected() -> None:
    """check_policy reports every problem it can find in one file, in file order."""
    text = (
        BASE.replace('status = "verified"', 'status = "sure"')
        .replace('kind = "credit_author"', 'kind = "credit_writer"')
        .replace('uses = ["noncommercial"]', 'uses = ["web"]')
    )
    policy, errors = check_policy(text, "many.toml")
    assert policy is None
    assert [e.key for e in errors] == ["status", "rules[0].uses[0]", "rules[1].kind"]


def test_valid_file_has_no_errors() -> None:
    """check_policy returns the policy and an empty list for a valid file."""
    policy, errors = check_policy(BASE, "ok.toml")
    assert policy is not None
    assert errors == []


@pytest.mark.parametrize(
    "template",
    [
        "{title} by {author}",
        "[{publisher}]({url}) {{literal}}",
        "© {year} {copyright}",
        "{license} {license_url} {date}",
    ],
)
def test_good_templates(template: str) -> None:
    """Every documented placeholder, Markdown-style links and doubled braces are accepted."""
    top = BASE.replace('status = "verified"', f'status = "verified"\nattribution_template = "{template}"')
    assert parse_policy(top, "t.toml").attribution_template == template
