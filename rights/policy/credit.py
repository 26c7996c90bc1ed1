"""The attribution line to print with a republished text, as plain text and HTML. Pure.

A publisher's own template is used when its policy has one (placeholders {title} {author} {publisher} {url}
{license} {license_url} {year} {copyright} {date}; `[text]({url})` marks a link). Otherwise the line follows
Creative Commons' TASL practice: title, author, source with a link, licence with a link, and "changes were
made" when the text was edited. Either way the line is then checked against the verdict's credit conditions
and completed with whatever a condition asks for and the line still lacks.
"""

from __future__ import annotations

import html
import re
import string
from collections.abc import Sequence
from dataclasses import asdict, dataclass

from rights.models import Condition
from rights.policy.models import AttributionText, Policy
from rights.signals.license_names import license_name

_LINK = re.compile(r"\[([^\]]+)\]\(([^)\s]+)\)")


_PARTICLES = frozenset(
    {"de", "la", "le", "du", "da", "di", "del", "van", "von", "der", "den", "ter", "y", "e"}
)


def person_name(name: str | None) -> str | None:
    """A byline written in capitals reads as a name: "JANE DOE" -> "Jane Doe"; other names stay as written."""
    if not name or not name.isupper() or len(name) < 4:
        return name
    parts = name.split()
    return " ".join(
        part.lower()
        if i and part.lower() in _PARTICLES
        else "-".join(p.capitalize() for p in part.split("-"))
        for i, part in enumerate(parts)
    )


@dataclass(frozen=True, slots=True)
class Credits:
    """What the line can name: filled from the original's page, or from the republished copy."""

    title: str | None = None
    author: str | None = None
    publisher: str | None = None
    url: str | None = None
    license: str | None = None
    license_url: str | None = None
    copyright: str | None = None
    year: str | None = None
    date: str | None = None

    def as_dict(self) -> dict[str, str | None]:
        data = asdict(self)
        data["license"] = license_name(self.license)
        return data

    def _fill(self, template: str) -> str:
        template = self._without_missing(template)
        values = {k: v or "" for k, v in self.as_dict().items()}
        names = {name for _, name, _, _ in string.Formatter().parse(template) if name}
        return template.format(**{name: values.get(name, "") for name in names})

    def _without_missing(self, template: str) -> str:
        return _drop_missing(template, self)

    def render(self, template: str) -> str:
        """The template as plain text: links become 'text (URL)'."""
        return _tidy(
            _LINK.sub(
                lambda m: f"{m.group(1)} ({m.group(2)})" if m.group(2) else m.group(1), self._fill(template)
            )
        )

    def render_html(self, template: str) -> str:
        filled = self._fill(template)
        out, last = [], 0
        for match in _LINK.finditer(filled):
            out.append(html.escape(filled[last : match.start()]))
            out.append(
                f'<a href="{html.escape(match.group(2), quote=True)}">{html.escape(match.group(1))}</a>'
            )
            last = match.end()
        out.append(html.escape(filled[last:]))
        return _tidy("".join(out))


_BY_AUTHOR = re.compile(r"\s*\bby\s+\{author\}")
_QUOTED_TITLE = re.compile(r"[“\"]\{title\}[”\"]")


def _drop_missing(template: str, credits: Credits) -> str:
    """A template read naturally when the page lacks a value: "by {author}" credits the publisher when no
    author was found (or goes), a quoted title missing becomes "This article"."""
    if not credits.author:
        if credits.publisher and "{publisher}" not in template:
            template = _BY_AUTHOR.sub(" by {publisher}", template)
        else:
            template = _BY_AUTHOR.sub("", template)
        template = re.sub(r"\{author\}\s*,?\s*", "", template)
    if not credits.title:
        template = _QUOTED_TITLE.sub("This article", template)
    return template


def _tidy(text: str) -> str:
    text = re.sub(r"\(\s*\)", "", text)
    text = re.sub(r",\s*,", ",", text)
    text = re.sub(r"[,;]\s*\)", ")", text)
    text = re.sub(r"\(\s*\)", "", text)
    text = re.sub(r"\s+", " ", text)
    text = re.sub(r"\s+([,.;:])", r"\1", text)
    return text.strip(" ,")


def _link(text: str, url: str | None) -> str:
    return f"[{text}]({url})" if url else text


def _tasl(credits: Credits, kinds: set[str], use: str, modified: bool) -> str:
    title = f'"{credits.title}"' if credits.title else "This article"
    by = f" by {credits.author}" if credits.author else ""
    publisher = credits.publisher or (credits.url and "its original publisher")
    if not publisher:
        line = f"{title}{by}."
    elif use == "excerpt":
        line = f"Excerpt from {title}{by}, {_link(publisher, credits.url)}."
    else:
        line = f"{title}{by} was originally published by {_link(publisher, credits.url)}."
    name = license_name(credits.license)
    if name and ("name_license" in kinds or credits.license_url):
        line += f" Licensed under {_link(name, credits.license_url)}."
    if modified and ("indicate_changes" in kinds or name):
        line += " Changes were made."
    if credits.copyright and "keep_copyright_notice" in kinds:
        line += f" {credits.copyright}"
    return line


def _complete(template: str, credits: Credits, kinds: set[str], modified: bool) -> str:
    """Add to a template what a credit condition asks for and the rendered line lacks."""
    plain = credits.render(template)
    extra = []
    if "credit_author" in kinds and credits.author and credits.author not in plain:
        extra.append(f"By {credits.author}.")
    if "credit_publisher" in kinds and credits.publisher and credits.publisher not in plain:
        extra.append(f"Originally published by {credits.publisher}.")
    if "link_original" in kinds and credits.url and credits.url not in plain:
        extra.append(f"Original: [{credits.url}]({credits.url}).")
    if "include_title" in kinds and credits.title and credits.title not in plain:
        extra.append(f'Title: "{credits.title}".')
    name = license_name(credits.license)
    if "name_license" in kinds and name and name not in plain:
        extra.append(f"Licensed under {_link(name, credits.license_url)}.")
    if "keep_copyright_notice" in kinds and credits.copyright and credits.copyright not in plain:
        extra.append(credits.copyright)
    if modified and "indicate_changes" in kinds and "change" not in plain.lower():
        extra.append("Changes were made.")
    return " ".join([template, *extra]) if extra else template


def build_attribution(
    policy: Policy | None,
    credits: Credits,
    conditions: Sequence[Condition],
    *,
    use: str,
    modified: bool = False,
    template: str | None = None,
) -> AttributionText | None:
    """The line that satisfies every credit condition of the verdict; None when it could name no source (no
    publisher, no address): a title alone credits nobody."""
    kinds = {c.kind for c in conditions}
    chosen = template or (policy.attribution_template if policy is not None else None)
    if not chosen and not credits.publisher and not credits.url:
        return None
    source = _complete(chosen, credits, kinds, modified) if chosen else _tasl(credits, kinds, use, modified)
    return AttributionText(credits.render(source), credits.render_html(source))
