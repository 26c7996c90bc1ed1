"""robots.txt in the wild: how many real files disallow each AI crawler token, and carry AI-preference lines.

    python bench/robots_ai_table.py [--corpus ../shared/corpus] [--top N]

Reads every `*.robots.txt` of the corpus's `robots/` folder (and its manifest.jsonl when present) through
`rights.web.robots_ai.read_robots_ai` (as a 200 response, so the 512 KiB cap, BOM and soft-404 handling apply),
asks for the site's root page (`/`), and prints Markdown: one row per AI token of the crawler list (files whose
robots.txt disallows it for `/`, through a group naming it or through the `*` group), the files with
Content-Usage, Content-Signal and License lines, and counts of the quirks met on the way. The corpus lives
outside the repository and is never copied into it.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections import Counter
from pathlib import Path

from rights.web.ai_crawlers import load_crawlers
from rights.web.robots_ai import _walk, find_robots_lines, read_robots_ai
from rights.web.robots_txt import MAX_ROBOTS_BYTES

_HTML = re.compile(rb"^\s*<(?:!doctype\s+html|html|head|body)\b", re.I)
_AI_NAME = re.compile(r"gpt|claude|anthropic|openai|perplex|cohere|extended|llm|\bai\b", re.I)
_AGENT_VALUE = re.compile(r"^\s*user[- ]?agent\s*:?\s*(\S[^#]*)", re.I)


def _quirks(body: bytes, ai_tokens: set[str], quirks: Counter[str]) -> None:
    """Count the real-world quirks one file shows."""
    if body.startswith(b"\xef\xbb\xbf"):
        quirks["UTF-8 byte-order mark before the first line"] += 1
    if _HTML.match(body[:1024]):
        quirks["HTML page served as robots.txt"] += 1
    if len(body) > MAX_ROBOTS_BYTES:
        quirks["larger than 512 KiB (read up to the cap)"] += 1
    text = body[:MAX_ROBOTS_BYTES].decode("utf-8-sig", errors="replace")
    groups, _ = _walk(text)
    agents_per_group = [{agent for agent, _, _ in group.agents} for group in groups]
    if any(agents & ai_tokens and agents - ai_tokens for agents in agents_per_group):
        quirks["an AI token shares its group with other crawlers"] += 1
    named = Counter(agent for agents in agents_per_group for agent in agents if agent in ai_tokens)
    if any(n > 1 for n in named.values()):
        quirks["the same AI token named in two or more groups (they merge)"] += 1
    values = [m.group(1).strip() for line in text.splitlines() if (m := _AGENT_VALUE.match(line))]
    if any("*" in v and v != "*" for v in values):
        quirks["a '*' inside a user-agent value (read up to the '*'; '*Fetch*' names nothing)"] += 1
    guessed = {
        v
        for agents in groups
        for token, _, v in agents.agents
        if token not in ai_tokens and _AI_NAME.search(v)
    }
    if guessed:
        quirks[
            "an AI-looking user-agent no crawler announces ('ChatGPT', 'OpenAI', 'Claude', 'GoogleExtended')"
        ] += 1
    if b"\r\n" in body:
        quirks["CRLF line ends"] += 1
    if any(
        ":" not in line and re.match(r"\s*(user-agent|disallow|allow)\s+\S", line, re.I)
        for line in text.splitlines()
    ):
        quirks["a rule without its colon ('Disallow /')"] += 1


def table(corpus: Path, top: int) -> str:
    folder = corpus / "robots"
    files = sorted(folder.glob("*.robots.txt"))
    crawlers = load_crawlers()
    ai_tokens = {c.match_token for c in crawlers.crawlers}
    named: Counter[str] = Counter()
    star: Counter[str] = Counter()
    lines: Counter[str] = Counter()
    quirks: Counter[str] = Counter()
    notes: Counter[str] = Counter()
    for path in files:
        body = path.read_bytes()
        result = read_robots_ai(200, body, "https://example.com/")
        notes.update(note for note in result.note.split(",") if note)
        for decision in result.decisions:
            if not decision.allowed:
                (named if decision.group == "named" else star)[decision.crawler.token] += 1
        text = body[:MAX_ROBOTS_BYTES].decode("utf-8-sig", errors="replace")
        lines.update({line.key for line in find_robots_lines(text)})
        _quirks(body, ai_tokens, quirks)
    manifest = folder / "manifest.jsonl"
    if manifest.exists():
        rows = [
            json.loads(line) for line in manifest.read_text(encoding="utf-8").splitlines() if line.strip()
        ]
        quirks["comments with rights language (manifest: rights_language_in_comments)"] = sum(
            1 for row in rows if row.get("rights_language_in_comments")
        )
    out = [
        f"{len(files)} robots.txt files from `{folder.name}/` (the site root `/` asked for each; crawler list of "
        f"{crawlers.checked}, {len(crawlers.crawlers)} tokens).",
        "",
        "| token | operator | uses | disallowed for `/` | by a group naming it | by the `*` group |",
        "|---|---|---|---:|---:|---:|",
    ]
    ranked = sorted(crawlers.crawlers, key=lambda c: (-(named[c.token] + star[c.token]), c.token.lower()))
    for crawler in ranked[:top] if top else ranked:
        total = named[crawler.token] + star[crawler.token]
        out.append(
            f"| {crawler.token} | {crawler.operator} | {', '.join(crawler.uses)} | {total} "
            f"| {named[crawler.token]} | {star[crawler.token]} |"
        )
    out += ["", "| robots.txt lines | files |", "|---|---:|"]
    out += [f"| `{key}` | {lines[key]} |" for key in ("content-usage", "content-signal", "license")]
    out += ["", "| quirk | files |", "|---|---:|"]
    out += [f"| {name} | {count} |" for name, count in sorted(quirks.items(), key=lambda kv: -kv[1])]
    if notes:
        out += ["", "Notes: " + ", ".join(f"{k} {v}" for k, v in sorted(notes.items()))]
    return "\n".join(out)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--corpus", type=Path, default=Path(__file__).resolve().parents[2] / "shared" / "corpus"
    )
    parser.add_argument("--top", type=int, default=0, help="only the N most disallowed tokens")
    args = parser.parse_args()
    if not (args.corpus / "robots").is_dir():
        print(f"corpus not found at {args.corpus}; pass --corpus", file=sys.stderr)
        return 2
    print(table(args.corpus, args.top))
    return 0


if __name__ == "__main__":
    sys.exit(main())
