"""A realistic audit report for the report tests: three sites, posts in four scripts, every kind and state.

`sample_report()` is what a second audit run of a small network of blogs could give; `hostile_report()`
adds a site whose titles, text, URLs and passages try to inject script, markup, formulas and terminal
escapes. Passages are cut from real-looking texts with their offsets, as the matcher gives them.
"""

from __future__ import annotations

from dataclasses import replace

from rights.auditing.models import AuditReport, ReportFinding
from rights.matching import tokenize
from rights.matching.models import Passage
from rights.models import Evidence, Zone

COURIER = (
    "The town council of Millbrook voted on Tuesday to close the old stone bridge for a year, after "
    "engineers warned that the arches could no longer carry the weight of delivery lorries."
)
COURIER_COPY = (
    "The town council of Millbrook voted on Tuesday to close the old bridge for a whole year, after "
    "engineers warned that the arches could no longer carry the weight of lorries."
)
TOKYO_SOURCE = "東京都は昨日、隅田川に新しい歩道橋を建設すると発表しました。完成は二〇二六年の予定です。"
TOKYO_COPY = "東京都は、隅田川に新しい歩道橋を建設すると発表した。完成は二〇二六年の予定です。"
RUSSIAN_SOURCE = (
    "«Мы не планируем закрывать мост до весны», — сказал глава района на пресс-конференции в среду."
)
RUSSIAN_COPY = "«Мы не планируем закрывать мост до весны», — сказал глава района журналистам."
ARABIC_SOURCE = "أعلنت البلدية يوم الثلاثاء أنها ستغلق الجسر القديم لمدة عام كامل بسبب أعمال الصيانة."
ARABIC_COPY = "أعلنت البلدية أنها ستغلق الجسر القديم لمدة عام بسبب أعمال الصيانة."

SITES = ("news.example.org", "blog.example", "quiet.example")
PWN_SCRIPT = "<script>window.__pwned=1;document.documentElement.setAttribute('data-pwned','script')</script>"
PWN_IMG = "<img src=x onerror=\"document.documentElement.setAttribute('data-pwned','img')\">"
PWN = PWN_SCRIPT + PWN_IMG


def passage(
    copy: str, original: str, *, at: int = 0, quoted: bool = False, boilerplate: bool = False
) -> Passage:
    words = len(tokenize(copy))
    return Passage(
        copy_start=at,
        copy_end=at + len(copy),
        original_start=at + 40,
        original_end=at + 40 + len(original),
        words=words,
        copy_text=copy,
        original_text=original,
        quoted=quoted,
        matched_words=max(1, words - 3),
        quoted_words=words if quoted else 0,
        boilerplate=boilerplate,
    )


def finding(
    site: str, post: str, kind: str, state: str, source: str | None, **fields: object
) -> ReportFinding:
    values: dict[str, object] = {
        "key": f"{post}|{kind}|{source or ''}",
        "kind": kind,
        "state": state,
        "site": site,
        "post_url": post,
        "post_title": None,
        "source_url": source,
        "source_title": None,
        "text": f"{kind.replace('_', ' ').capitalize()} on this post.",
        "first_seen": "2024-05-01T08:00:00+00:00",
        "last_seen": "2024-05-08T08:00:00+00:00" if state != "fixed" else "2024-05-01T08:00:00+00:00",
    }
    values.update(fields)
    return ReportFinding(**values)  # type: ignore[arg-type]


def sample_findings() -> list[ReportFinding]:
    blog, news = "blog.example", "news.example.org"
    bridge = "https://blog.example/2024/05/bridge"
    tokyo = "https://blog.example/2024/05/tokyo"
    moscow = "https://blog.example/2023/11/moscow"
    cairo = "https://news.example.org/ar/bridge"
    wire = "https://news.example.org/wire/storm"
    footer = Evidence("Originally published by the Courier", Zone.FOOTER, "footer > p", "text", "originally")
    return [
        finding(blog, bridge, "copied_without_attribution", "new", "https://courier.example/story/bridge",
                post_title="Bridge to close for a year", source_title="Millbrook bridge to close",
                text="The post copies 58 words of the Courier's story without naming it.",
                passages=(passage(COURIER_COPY, COURIER, at=120), passage(COURIER_COPY[:60], COURIER[:60], at=900))),
        finding(blog, bridge, "attribution_without_link", "open", "https://gazette.example/bridge-photos",
                post_title="Bridge to close for a year", text="The post names the Gazette but does not link to it.",
                evidence=(footer,)),
        finding(blog, tokyo, "copied_without_attribution", "open", "https://www.tokyo-news.example/ja/bridge",
                post_title="東京の新しい歩道橋", source_title="隅田川に歩道橋", text="この投稿は出典を示さずに記事を転載しています。",
                passages=(passage(TOKYO_COPY, TOKYO_SOURCE),)),
        finding(blog, moscow, "excessive_quotation", "fixed", "https://gazeta.example/most",
                post_title="Мост останется открытым", text="Цитата длиннее, чем допускает политика источника.",
                passages=(passage(RUSSIAN_COPY, RUSSIAN_SOURCE, quoted=True),)),
        finding(news, cairo, "licence_breach", "new", "https://ahram.example/bridge",
                post_title="الجسر القديم يغلق", text="النص منشور بترخيص لا يسمح بالاستخدام التجاري.",
                passages=(passage(ARABIC_COPY, ARABIC_SOURCE),)),
        finding(news, cairo, "missing_required_credit", "fixed", "https://ahram.example/bridge",
                post_title="الجسر القديم يغلق", text="The source's licence requires the author's name."),
        finding(news, wire, "attribution_to_wrong_source", "open", "https://wire.example/storm",
                text="The post credits Reuters, but the text is the Wire Service's.",
                passages=(passage("© 2024 Wire Service. All rights reserved.", "© 2024 Wire Service. All rights reserved.",
                                  boilerplate=True),)),
    ]  # fmt: skip


def sample_report(findings: list[ReportFinding] | None = None) -> AuditReport:
    found = sample_findings() if findings is None else findings
    return AuditReport(
        run_id=7,
        previous_run_id=6,
        generated_at="2024-05-08T09:30:00+00:00",
        sites=SITES,
        pages_checked=143,
        findings=tuple(reversed(found)),  # the renderers sort; the input order must not matter
    )


def hostile_finding() -> ReportFinding:
    return finding(
        "evil.example",
        "javascript:alert(document.domain)",
        "copied_without_attribution",
        "new",
        "JaVaScRiPt:alert(2)",
        post_title=PWN,
        source_title='"><script>window.__pwned=2</script>',
        text=f'=HYPERLINK("http://attacker.example","click") {PWN}',
        passages=(passage(f"{PWN} stolen words from the source", f"stolen words from the source {PWN_IMG}"),),
        evidence=(Evidence(PWN, Zone.FOOTER, "footer", "text", "x"),),
        first_seen="+1-1",
        last_seen="@SUM(A1:A9)",
    )


def hostile_report() -> AuditReport:
    extra = [
        hostile_finding(),
        finding(
            "evil.example",
            'https://evil.example/a"onmouseover="x',
            "licence_breach",
            "open",
            "data:text/html,<script>alert(3)</script>",
            post_title="-2+3 \x1b[31mred\x1b[0m \u202eevil",
            text="@cmd|' /C calc'!A0",
        ),
    ]
    return replace(sample_report([*sample_findings(), *extra]), sites=(*SITES, "evil.example"))
