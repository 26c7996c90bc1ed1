"""The IETF AI-preferences vocabulary (AIPREF) and Cloudflare's Content Signals, read into `AiSignal` values.

Revisions followed (each syntax checked against the text of the specification):

- **draft-ietf-aipref-vocab-08** (14 September 2026; the editor's copy in ietf-wg-aipref/drafts at the same
  time). Categories and labels: AI Training `train-ai`, AI Use `ai-use` (input to a generative model, not
  provided by the user), Search `search`. Serialisation: an RFC 9651 structured-field Dictionary whose values
  are the Tokens `y` (allow) or `n` (disallow); any other value, a missing key, a key given as a Boolean or a
  String is *unknown* (not an error); parameters and unknown keys are ignored; keys are case-sensitive, so
  `Train-AI=n` fails to parse; a Dictionary that fails to parse leaves every preference unknown (we record it as
  `Unreadable`); for a duplicated key the last value wins (RFC 9651 section 4.2.2).
- **draft-ietf-aipref-attach-05** (19 August 2026): the `Content-Usage` HTTP response header (a Dictionary,
  about the representation sent) and the robots.txt rule `Content-Usage: <path> <usage-pref>` (the path starts
  with "/" and ends at the first space or tab; a rule is matched like Allow/Disallow, longest path first; the
  robots.txt reader does that). Real files also write the rule without a path (`Content-Usage: train-ai=n`);
  `split_content_usage_rule` accepts both.
- Earlier vocabulary revisions used the labels `all` / `bots` (Automated Processing, the parent of
  every other category) and `train-genai` (Generative AI Training, a child of `train-ai`). We still read them:
  their drafts said a category without a stated preference takes its parent's, so a more specific label
  overrides a general one. Per use, the first stated label in the `_LABELS` order decides:
  ai-train: `train-ai`, then `train-genai`, then `all`/`bots`; ai-input: `ai-use`, then `all`/`bots`;
  search: `search`, then `all`/`bots`. So `all=n, search=y` disallows training and AI use but allows search.
  (The "check the parent" rule is the one the working group presented at IETF 124, "aiprefs: the boring bits".)
- Search in -08 "overrides" the other categories: allowing search allows training and AI use *inside the search
  application only* (ranking, excerpts that link back). Our `ai-train` and `ai-input` ask about uses beyond
  search, so `search=y` never answers them; `train-ai` and `ai-use` do.
- **draft-romm-aipref-contentsignals-00** (1 October 2025) and contentsignals.org: `Content-Signal:` lines in
  robots.txt (and the `<meta name="content-signal">` tag some CMSs write), a comma-separated list of
  `search`, `ai-input`, `ai-train` with `yes` or `no`. Other keys (Cloudflare's `use=reference`) are ignored.
  Its three categories are our three uses one for one (search: an index and results with links and short
  excerpts, not AI summaries; ai-input: input to a model at answer time, e.g. retrieval and grounding;
  ai-train: training or fine-tuning); a use without a signal is neither granted nor restricted. Real files
  are looser than a structured field (`search = yes`, `Yes`), so this reader splits on commas and `=` and
  lower-cases; an entry of a known key with another value is unreadable.

Pure: strings in, values out. `http_sf` (RFC 9651, maintained by the RFC's editor) is owned by this module.
"""

from __future__ import annotations

import http_sf

from rights.models import Evidence
from rights.signals.ai_models import AI_USES, AiSignal, Unreadable

# Per use, the vocabulary labels that speak of it, most specific first (see the module docstring).
_LABELS: dict[str, tuple[str, ...]] = {
    "ai-train": ("train-ai", "train-genai", "all", "bots"),
    "ai-input": ("ai-use", "all", "bots"),
    "search": ("search", "all", "bots"),
}
_LABEL_NAMES = {
    "train-ai": "AI Training",
    "train-genai": "Generative AI Training (earlier drafts)",
    "ai-use": "AI Use",
    "search": "Search",
    "all": "Automated Processing (earlier drafts)",
    "bots": "Automated Processing (earlier drafts)",
}
_VALUES = {"y": "allowed", "n": "disallowed"}
MAX_VALUE_CHARS = 8192  # a header or robots.txt value longer than this is not a preference statement


def parse_usage_dictionary(value: str) -> dict[str, str] | str:
    """An AIPREF preference string -> {label: "y" | "n" | other}, or the reason it cannot be parsed."""
    if len(value) > MAX_VALUE_CHARS:
        return f"longer than {MAX_VALUE_CHARS} characters"
    try:
        raw = value.strip().encode("ascii")
    except UnicodeEncodeError:
        return "not ASCII (a structured field is ASCII only)"
    if not raw:
        return "empty"
    try:
        parsed = http_sf.parse(raw, tltype="dictionary")
    except http_sf.StructuredFieldError as error:
        return f"invalid structured-field syntax ({error})"
    if not isinstance(parsed, dict):  # pragma: no cover - tltype="dictionary" returns a dict
        return "not a dictionary"
    labels: dict[str, str] = {}
    for key, member in parsed.items():
        item = member[0] if isinstance(member, tuple) else member
        labels[key] = str(item) if isinstance(item, http_sf.Token) else "(not a token)"
    return labels


def split_content_usage_rule(value: str) -> tuple[str | None, str]:
    """A robots.txt `Content-Usage` value -> (path, preference string); path is None when the rule has none."""
    value = value.strip()
    if value.startswith("/"):
        path, _, rest = value.replace("\t", " ").partition(" ")
        return path, rest.strip()
    return None, value


def read_content_usage(
    value: str, where: str, evidence: Evidence, scope: str = "page"
) -> tuple[list[AiSignal], list[Unreadable]]:
    """An AIPREF `Content-Usage` value (the HTTP header's, or a robots.txt rule's with or without its path)
    -> one signal per use it states, or an `Unreadable` when it is not a valid Dictionary."""
    path, preference = split_content_usage_rule(value)
    labels = parse_usage_dictionary(preference)
    if isinstance(labels, str):
        return [], [Unreadable("content_usage", where, f"Content-Usage {preference!r}: {labels}")]
    signals = []
    for use in AI_USES:
        for label in _LABELS[use]:
            stated = _VALUES.get(labels.get(label, ""))
            if stated:
                detail = f"{label}={labels[label]} ({_LABEL_NAMES[label]})"
                if path:
                    detail += f" for {path}"
                signals.append(AiSignal("content_usage", use, stated, where, detail, evidence, scope))
                break
    return signals, []


_SIGNAL_KEYS = {"search": "search", "ai-input": "ai-input", "ai-train": "ai-train"}
_YES_NO = {"yes": "allowed", "no": "disallowed"}


def read_content_signal(
    value: str, where: str, evidence: Evidence, scope: str = "page"
) -> tuple[list[AiSignal], list[Unreadable]]:
    """A Content Signals value (`search=yes, ai-input=no, ai-train=no`) -> one signal per use it states."""
    if len(value) > MAX_VALUE_CHARS:
        return [], [Unreadable("content_signal", where, f"longer than {MAX_VALUE_CHARS} characters")]
    found: dict[str, tuple[str, str]] = {}
    problems: list[str] = []
    path, value = split_content_usage_rule(value)  # a path before the signals, as Content-Usage rules have
    for entry in value.split(","):
        if not entry.strip():
            continue
        key, equals, answer = (part.strip().lower() for part in entry.partition("="))
        if key not in _SIGNAL_KEYS:
            continue  # another key (use=reference) or an extension: ignored, as the specification says
        if not equals or answer not in _YES_NO:
            problems.append(f"{entry.strip()!r} is not {key}=yes or {key}=no")
            continue
        found[_SIGNAL_KEYS[key]] = (_YES_NO[answer], f"{key}={answer}" + (f" for {path}" if path else ""))
    unreadable = (
        [Unreadable("content_signal", where, f"Content-Signal {value.strip()!r}: " + "; ".join(problems))]
        if problems
        else []
    )
    signals = [
        AiSignal("content_signal", use, found[use][0], where, found[use][1], evidence, scope)
        for use in AI_USES
        if use in found
    ]
    return signals, unreadable
