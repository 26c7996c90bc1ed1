#!/usr/bin/env python3
"""Benchmark copy detection by where the copy sits on its page: generated copy pairs, recall and precision per
placement, for three ways of choosing the text to compare, in the same run.

    python bench/bench_copies.py [--corpus ../shared/corpus] [--originals 60] [--seed 1] [--json out.json]

Pairs are generated at run time from the corpus pages (nothing of them is stored in the repository). An
original is a corpus page with a long article text of its own (less than 30% quotation); a host is another corpus page, with all its real chrome.
Each positive pair plants 3-8 consecutive paragraphs of an original (at least 80 words, one word in 50 replaced,
as a re-typed copy would be) into a host:

- `second-article`: a second <article> at the end of the host's body (the host's own story stays; the main-text
  extraction picks one of the two);
- `sidebar`: an <aside> widget; `comments`: a reader comment; `footer`: the site footer;
- `bare-block`: a plain <div> outside every recognised region.

Negatives: the host unchanged (`unrelated`); the host with one sentence of the original (up to 35 words) as a
<blockquote> in a comment (`quotation`); the host with the original's copyright line (`notice`); and two pages
of one site from the corpus manifest, with their addresses (`same-site page`: the same menus, footers and
widgets, different stories; the pair's files are printed when one is judged a copy, to be checked by hand).

Contenders (the decision "copy" or "partial" counts as found):
- `article text only`: both pages compared by their extracted article text (the main-text approach; what
  `rights` did before);
- `whole page only`: the copy's every visible block against the original's article text, always (the
  Copyscape approach);
- `rights compare_pages`: the article text first, every visible block when that finds no substantial copy.
Figures: recall per placement, precision over all pairs, median milliseconds per pair.
"""

from __future__ import annotations

import argparse
import html
import itertools
import json
import random
import re
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from rights.matching import compare_pages, compare_texts, page_source, page_text  # noqa: E402
from rights.matching.article import text_source  # noqa: E402
from rights.matching.models import Match  # noqa: E402
from rights.page import parse_page  # noqa: E402
from rights.page.models import Page  # noqa: E402
from rights.urls import registrable_domain  # noqa: E402

PLACEMENTS = ("second-article", "sidebar", "comments", "footer", "bare-block")
PLANTED_NEGATIVES = ("unrelated", "quotation", "notice")
NEGATIVES = (*PLANTED_NEGATIVES, "same-site page")
FOUND = {"copy", "partial"}
WRAP = {
    "second-article": '<article class="post"><h1>{title}</h1>{paras}</article>',
    "sidebar": '<aside class="sidebar"><div class="widget"><h3>Featured</h3>{paras}</div></aside>',
    "comments": '<div id="comments" class="comments"><ol><li class="comment">{paras}</li></ol></div>',
    "footer": '<footer class="site-footer">{paras}</footer>',
    "bare-block": "<div>{paras}</div>",
}


def article_paragraphs(page: Page) -> list[str]:
    """The paragraphs of a page's article text that are its own words (at least 12, not a block quotation)."""
    found = page_text(page)
    if found.origin != "article":
        return []
    paragraphs, offset = [], 0
    for part in found.text.split("\n\n"):
        quoted = any(start <= offset < end for start, end in found.quoted_spans)
        if len(part.split()) >= 12 and not quoted:
            paragraphs.append(part)
        offset += len(part) + 2
    return paragraphs


def plant(host: bytes, fragment: str) -> bytes:
    """The host page with `fragment` inserted just before </body> (appended when there is none). The fragment
    goes in as ASCII with character references, so it reads the same whatever the host's encoding."""
    piece = fragment.encode("ascii", "xmlcharrefreplace")
    at = host.lower().rfind(b"</body>")
    return host[:at] + piece + host[at:] if at >= 0 else host + piece


def retype(rng: random.Random, text: str) -> str:
    """One word in 50 replaced by another word of the same text."""
    words = text.split()
    return " ".join(rng.choice(words) if rng.random() < 0.02 else w for w in words)


def build_pairs(corpus: Path, originals: int, seed: int) -> list[dict[str, Any]]:
    rng = random.Random(seed)
    pages = []
    for path in sorted((corpus / "pages").glob("*.htm*")):
        data = path.read_bytes()
        pages.append((path.name, data, parse_page(data, url=f"https://{path.stem[:20]}.example/p")))
    sources = [(n, d, p, paras) for n, d, p in pages if len(paras := article_paragraphs(p)) >= 6]
    # the original's own words: not a page whose article text is mostly quotation (a copy of it quotes too)
    sources = [
        s
        for s in sources
        if sum(len(x.split()) for x in s[3]) >= 250 and page_source(s[2]).quoted.mean() < 0.3
    ]
    rng.shuffle(sources)
    # hosts: pages the reader gets visible text from (not a page whose markup swallows what follows it)
    readable = [p for p in pages if len(page_text(p[2], whole=True).text.split()) >= 50]
    pairs: list[dict[str, Any]] = []
    for name, _data, original, paras in sources[:originals]:
        hosts = rng.sample([p for p in readable if p[0] != name], len(PLACEMENTS) + len(PLANTED_NEGATIVES))
        start = rng.randrange(0, len(paras) - 5)
        run = paras[start : start + rng.randint(3, 8)]
        while sum(len(p.split()) for p in run) < 80 and start + len(run) < len(paras):
            run.append(paras[start + len(run)])
        copied = "".join(f"<p>{html.escape(retype(rng, p))}</p>" for p in run)
        for placement, (_, host, _page) in zip(PLACEMENTS, hosts, strict=False):
            fragment = WRAP[placement].format(title="A story from elsewhere", paras=copied)
            pairs.append(
                {"kind": placement, "positive": True, "copy": plant(host, fragment), "original": original}
            )
        sentence = next(
            (s for p in paras for s in re.split(r"(?<=[.!?])\s+", p) if 12 <= len(s.split()) <= 35), paras[0]
        )
        negative_hosts = hosts[len(PLACEMENTS) :]
        notice = "<p>© 2024 The Original Publisher. All rights reserved.</p>"
        quote = (
            f"<blockquote>{html.escape(sentence)}</blockquote><p>Interesting point, thanks for sharing.</p>"
        )
        for kind, (_, host, _page) in zip(PLANTED_NEGATIVES, negative_hosts, strict=True):
            copy = {
                "unrelated": host,
                "quotation": plant(host, WRAP["comments"].format(paras=quote)),
                "notice": plant(host, WRAP["footer"].format(paras=notice)),
            }[kind]
            pairs.append({"kind": kind, "positive": False, "copy": copy, "original": original})
    pairs += same_site_pairs(corpus)
    return pairs


def same_site_pairs(corpus: Path) -> list[dict[str, Any]]:
    """Consecutive pages of each site (by registrable domain) in the corpus manifest, parsed at their address."""
    by_site: dict[str, list[tuple[str, str]]] = {}
    for line in (corpus / "manifest.jsonl").read_text().splitlines():
        entry = json.loads(line) if line.strip() else {}
        url, name = entry.get("page_url") or "", entry.get("file", "")
        if url.startswith("http") and name.startswith("pages/") and (site := registrable_domain(url)):
            by_site.setdefault(site, []).append((name, url))
    pairs = []
    for members in by_site.values():
        for (a_name, a_url), (b_name, b_url) in itertools.pairwise(members):
            copy = (corpus / a_name).read_bytes()
            original = parse_page((corpus / b_name).read_bytes(), url=b_url)
            pairs.append(
                {"kind": "same-site page", "positive": False, "copy": copy, "copy_url": a_url,
                 "original": original, "files": (a_name, b_name)}
            )  # fmt: skip
    return pairs


def article_only(copy: Page, original: Page) -> Match:
    return compare_texts(page_source(copy), page_source(original))


def whole_page_only(copy: Page, original: Page) -> Match:
    return compare_texts(text_source(page_text(copy, whole=True)), page_source(original))


CONTENDERS: dict[str, Callable[[Page, Page], Match]] = {
    "article text only": article_only,
    "whole page only": whole_page_only,
    "rights compare_pages": compare_pages,
}


def evaluate(pairs: list[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    parsed = [(p, parse_page(p["copy"], url=p.get("copy_url", "https://host.example/page"))) for p in pairs]
    results: dict[str, dict[str, Any]] = {}
    for rep, name in enumerate(CONTENDERS):
        run = CONTENDERS[name]
        found: dict[str, list[bool]] = {}
        times = []
        for pair, copy in parsed if rep % 2 == 0 else reversed(parsed):
            start = time.perf_counter()
            match = run(copy, pair["original"])
            times.append(time.perf_counter() - start)
            found.setdefault(pair["kind"], []).append(match.verdict in FOUND)
        flagged = [
            pair["files"]
            for pair, copy in parsed
            if "files" in pair and run(copy, pair["original"]).verdict in FOUND
        ]
        tp = sum(sum(found[k]) for k in PLACEMENTS)
        fp = sum(sum(found[k]) for k in NEGATIVES)
        positives = sum(len(found[k]) for k in PLACEMENTS)
        results[name] = {
            "recall": {k: round(sum(v) / len(v), 3) for k, v in found.items() if k in PLACEMENTS},
            "false positives": {k: sum(v) for k, v in found.items() if k in NEGATIVES},
            "recall (all)": round(tp / positives, 3) if positives else 0.0,
            "precision": round(tp / (tp + fp), 3) if tp + fp else 0.0,
            "median ms/pair": round(statistics.median(times) * 1000, 2),
            "same-site pairs judged copies": flagged,
        }
    return results


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--corpus", type=Path, default=Path(__file__).resolve().parents[2] / "shared" / "corpus"
    )
    parser.add_argument("--originals", type=int, default=60)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--json", type=Path)
    args = parser.parse_args()
    if not (args.corpus / "pages").is_dir():
        print(f"corpus not found at {args.corpus}; pass --corpus", file=sys.stderr)
        return 2
    pairs = build_pairs(args.corpus, args.originals, args.seed)
    positives = sum(p["positive"] for p in pairs)
    print(
        f"{len(pairs)} generated pairs: {positives} copies in {len(PLACEMENTS)} placements, "
        f"{len(pairs) - positives} negatives ({', '.join(NEGATIVES)})"
    )
    results = evaluate(pairs)
    width = max(len(k) for k in PLACEMENTS) + 2
    names = list(results)
    print(f"\n{'recall':<{width}}" + "".join(f"{n:>24}" for n in names))
    for kind in PLACEMENTS:
        print(f"{kind:<{width}}" + "".join(f"{results[n]['recall'][kind]:>24.3f}" for n in names))
    print(f"{'all copies':<{width}}" + "".join(f"{results[n]['recall (all)']:>24.3f}" for n in names))
    print(f"{'precision':<{width}}" + "".join(f"{results[n]['precision']:>24.3f}" for n in names))
    for kind in NEGATIVES:
        print(
            f"{'fp ' + kind:<{width}}" + "".join(f"{results[n]['false positives'][kind]:>24d}" for n in names)
        )
    print(f"{'median ms/pair':<{width}}" + "".join(f"{results[n]['median ms/pair']:>24.2f}" for n in names))
    base = results["article text only"]["median ms/pair"]
    ours = results["rights compare_pages"]["median ms/pair"]
    for name in names:
        for a, b in results[name]["same-site pairs judged copies"]:
            print(f"  {name}: same-site pair judged a copy: {a} {b}")
    print(f"\nrights compare_pages takes {ours / base:.2f}x the median time of article-text-only comparison")
    if args.json:
        args.json.write_text(json.dumps(results, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
