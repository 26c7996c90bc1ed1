"""The HTML audit report in a real browser: Debian's headless Chromium, driven over the DevTools protocol.

The report (the sample network plus a site whose titles, text, URLs and passages carry `<script>` and
`<img onerror>` payloads) is written to test-artifacts/audit-report.html and opened in Chromium. The tests
read the live DOM: the `<mark>` elements are the shared words of each passage; no payload ran, either with
the page as rendered or with its Content-Security-Policy taken out (escaping alone holds), while the same
probe does see a script that is meant to run (a control page) and the CSP blocks a script planted in the
report (the second layer holds). Screenshots go to test-artifacts/ (desktop, and a phone in dark mode).

Chromium is found as $RIGHTS_CHROMIUM, `chromium` or `chromium-browser`; without one the tests skip, unless
RIGHTS_REQUIRE_BROWSER=1, when they fail (CI installs it with .ci/install-browser). The protocol runs on a
pipe (`--remote-debugging-pipe`: commands on fd 3, replies on fd 4, NUL-terminated JSON), so there is no
port and no dependency. Timeouts are hang guards only.
"""

from __future__ import annotations

import base64
import contextlib
import fcntl
import json
import os
import select
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from rights.report.audit import render_html
from rights.report.audit_common import sorted_findings
from rights.report.audit_html import CSP
from rights.report.highlight import highlight
from tests.audit_report_sample import PWN_SCRIPT, hostile_report

ARTIFACTS = Path(__file__).resolve().parent.parent / "test-artifacts"
HANG_GUARD = 180.0  # seconds without any reply from the browser before giving up (not a performance limit)
FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--no-default-browser-check",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-extensions",
    "--hide-scrollbars",
    "--mute-audio",
    "--remote-debugging-pipe",
)
PROBE = """({
  pwned: window.__pwned === undefined ? null : String(window.__pwned),
  marker: document.documentElement.getAttribute('data-pwned'),
  scripts: document.querySelectorAll('script').length,
  images: document.querySelectorAll('img').length,
  handlers: Array.from(document.querySelectorAll('*')).filter(
    el => Array.from(el.attributes).some(a => a.name.startsWith('on'))).length,
  hrefs: Array.from(document.querySelectorAll('a[href]'), a => a.getAttribute('href')),
  protocols: Array.from(document.querySelectorAll('a[href]'), a => a.protocol),
  marks: Array.from(document.querySelectorAll('mark'), m => m.textContent),
  titles: Array.from(document.querySelectorAll('.post h3'), h => h.textContent),
})"""


TRAMPOLINE = (
    "import os, sys; r, w = int(sys.argv[1]), int(sys.argv[2]); os.dup2(r, 3); os.dup2(w, 4); "
    "os.close(r); os.close(w); os.execv(sys.argv[3], sys.argv[3:])"
)


def _high(fd: int) -> int:
    """`fd` moved to a descriptor number of 10 or more (close-on-exec)."""
    moved = fcntl.fcntl(fd, fcntl.F_DUPFD_CLOEXEC, 10)
    os.close(fd)
    return moved


def find_chromium() -> tuple[str | None, str]:
    """The browser to use, or None with the reason it was not found."""
    override = os.environ.get("RIGHTS_CHROMIUM")
    if override:
        found = shutil.which(override)
        return found, f"RIGHTS_CHROMIUM={override} is not an executable"
    found = shutil.which("chromium") or shutil.which("chromium-browser")
    return found, "no chromium or chromium-browser on PATH (install it with .ci/install-browser)"


class Chromium:
    """A headless Chromium and one DevTools session per page, over a pipe (fds 3 and 4 of the browser)."""

    def __init__(self, binary: str, profile: Path) -> None:
        # Commands go to the browser's fd 3, replies come from its fd 4. The pipe ends are first moved to
        # fds >= 10 (so they cannot be 3 or 4 already); a small Python trampoline then puts them in place.
        to_browser, commands = (_high(fd) for fd in os.pipe())
        replies, from_browser = (_high(fd) for fd in os.pipe())
        self.log = profile / "chromium.log"
        argv = [binary, *FLAGS, f"--user-data-dir={profile}", "about:blank"]
        with self.log.open("wb") as log:
            self.process = subprocess.Popen(
                [sys.executable, "-c", TRAMPOLINE, str(to_browser), str(from_browser), *argv],
                pass_fds=(to_browser, from_browser),
                stdin=subprocess.DEVNULL,
                stdout=log,
                stderr=log,
            )
        os.close(to_browser)
        os.close(from_browser)
        self.commands, self.replies = commands, replies
        self.buffer = b""
        self.last_id = 0
        self.events: list[dict[str, Any]] = []

    def _receive(self) -> dict[str, Any]:
        while b"\0" not in self.buffer:
            ready, _, _ = select.select([self.replies], [], [], HANG_GUARD)
            chunk = os.read(self.replies, 1 << 20) if ready else b""
            if not chunk:
                tail = self.log.read_text(errors="replace")[-2000:]
                raise RuntimeError(f"Chromium stopped answering (hang guard or exit); its log ends:\n{tail}")
            self.buffer += chunk
        message, _, self.buffer = self.buffer.partition(b"\0")
        return dict(json.loads(message))

    def send(self, method: str, params: dict[str, Any] | None = None, session: str | None = None) -> Any:
        self.last_id += 1
        message: dict[str, Any] = {"id": self.last_id, "method": method, "params": params or {}}
        if session:
            message["sessionId"] = session
        os.write(self.commands, json.dumps(message).encode() + b"\0")
        while True:
            reply = self._receive()
            if reply.get("id") == self.last_id:
                if "error" in reply:
                    raise RuntimeError(f"{method}: {reply['error']}")
                return reply.get("result", {})
            self.events.append(reply)

    def wait_for(self, method: str, session: str) -> dict[str, Any]:
        while True:
            for event in self.events:
                if event.get("method") == method and event.get("sessionId") == session:
                    self.events.remove(event)
                    return event
            self.events.append(self._receive())

    def open(
        self, url: str, *, width: int = 1280, height: int = 2000, mobile: bool = False, dark: bool = False
    ) -> str:
        """A new tab showing `url` at the given viewport, loaded; returns its session id."""
        target = self.send("Target.createTarget", {"url": "about:blank"})["targetId"]
        session = str(self.send("Target.attachToTarget", {"targetId": target, "flatten": True})["sessionId"])
        for domain in ("Page", "Runtime", "Log"):
            self.send(f"{domain}.enable", session=session)
        metrics = {"width": width, "height": height, "deviceScaleFactor": 1, "mobile": mobile}
        self.send("Emulation.setDeviceMetricsOverride", metrics, session)
        scheme = [{"name": "prefers-color-scheme", "value": "dark" if dark else "light"}]
        self.send("Emulation.setEmulatedMedia", {"features": scheme}, session)
        self.send("Page.navigate", {"url": url}, session)
        self.wait_for("Page.loadEventFired", session)
        return session

    def evaluate(self, session: str, expression: str) -> Any:
        result = self.send("Runtime.evaluate", {"expression": expression, "returnByValue": True}, session)
        return result["result"].get("value")

    def screenshot(self, session: str, path: Path, *, full_page: bool = False) -> None:
        params: dict[str, Any] = {"format": "png"}
        if full_page:
            size = self.send("Page.getLayoutMetrics", session=session)["cssContentSize"]
            params["captureBeyondViewport"] = True
            params["clip"] = {"x": 0, "y": 0, "width": size["width"], "height": size["height"], "scale": 1}
        data = self.send("Page.captureScreenshot", params, session)["data"]
        path.write_bytes(base64.b64decode(data))

    def console(self, session: str) -> list[str]:
        """Log and console messages of the page so far (CSP violations are reported here)."""
        texts = []
        for event in self.events:
            if event.get("sessionId") != session:
                continue
            if event.get("method") == "Log.entryAdded":
                texts.append(event["params"]["entry"]["text"])
            elif event.get("method") == "Runtime.consoleAPICalled":
                texts.extend(str(arg.get("value")) for arg in event["params"]["args"])
        return texts

    def close(self) -> None:
        with contextlib.suppress(RuntimeError, OSError):  # the browser may exit before it replies
            self.send("Browser.close")
        try:
            self.process.wait(timeout=HANG_GUARD)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        os.close(self.commands)
        os.close(self.replies)


@pytest.fixture(scope="module")
def browser(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Chromium]:
    binary, reason = find_chromium()
    if binary is None:
        if os.environ.get("RIGHTS_REQUIRE_BROWSER") == "1":
            pytest.fail(f"RIGHTS_REQUIRE_BROWSER=1 but {reason}")
        pytest.skip(reason)
    chromium = Chromium(binary, tmp_path_factory.mktemp("chromium-profile"))
    try:
        yield chromium
    finally:
        chromium.close()


@pytest.fixture(scope="module")
def report_html() -> str:
    return render_html(hostile_report())


@pytest.fixture(scope="module")
def report_file(report_html: str) -> Path:
    ARTIFACTS.mkdir(exist_ok=True)
    path = ARTIFACTS / "audit-report.html"
    path.write_text(report_html, encoding="utf-8")
    return path


def write_page(tmp_path: Path, name: str, html: str) -> str:
    path = tmp_path / name
    path.write_text(html, encoding="utf-8")
    return path.as_uri()


def expected_marks() -> list[str]:
    """The marked words, in page order: for each passage of each finding, the post's then the source's."""
    marks = []
    for finding in sorted_findings(hostile_report()):
        for passage in finding.passages:
            post, source = highlight(passage.copy_text, passage.original_text)
            marks += post.marked_text + source.marked_text
    return marks


def test_marks_are_the_shared_words_of_each_passage(browser: Chromium, report_file: Path) -> None:
    """The DOM holds one <mark> per run of shared words, with those words, in both sides of every passage."""
    session = browser.open(report_file.as_uri())
    marks = browser.evaluate(session, PROBE)["marks"]
    assert marks == expected_marks()
    assert marks.count("The town council of Millbrook voted on Tuesday to close the old") == 2
    assert marks.count("bridge for a") == 2  # "old bridge for a whole year" / "old stone bridge for a year"
    assert "隅田川に新しい歩道橋を建設すると発表" in marks
    assert marks.count("Мы не планируем закрывать мост до весны», — сказал глава района") == 2
    assert any("onerror" in mark for mark in marks)  # the hostile passage: its <img ...> text is shared
    browser.screenshot(session, ARTIFACTS / "audit-report.png")
    assert (ARTIFACTS / "audit-report.png").stat().st_size > 10_000


def test_no_script_from_page_text_runs(browser: Chromium, report_file: Path, report_html: str) -> None:
    """Hostile titles, text and passages are text: no element, handler or javascript: link is created."""
    session = browser.open(report_file.as_uri())
    probe = browser.evaluate(session, PROBE)
    assert probe["pwned"] is None and probe["marker"] is None
    assert (probe["scripts"], probe["images"], probe["handlers"]) == (0, 0, 0)
    assert set(probe["protocols"]) <= {"http:", "https:", "file:"}  # file: is the page's own #anchors
    assert all(href.startswith(("http://", "https://", "#")) for href in probe["hrefs"])
    assert any("<script>window.__pwned=1;" in title for title in probe["titles"])  # shown, as text
    assert not [line for line in browser.console(session) if "Content Security Policy" in line]
    assert f'content="{CSP}"' in report_html


def test_escaping_alone_stops_the_payloads(browser: Chromium, report_html: str, tmp_path: Path) -> None:
    """With the Content-Security-Policy taken out of the page, still nothing runs."""
    without_csp = report_html.replace(f'<meta http-equiv="Content-Security-Policy" content="{CSP}">', "")
    assert without_csp != report_html
    session = browser.open(write_page(tmp_path, "no-csp.html", without_csp))
    probe = browser.evaluate(session, PROBE)
    assert (probe["pwned"], probe["marker"], probe["scripts"], probe["handlers"]) == (None, None, 0, 0)


def test_the_probe_sees_a_script_that_runs(browser: Chromium, tmp_path: Path) -> None:
    """Control: the same payload, as markup in a page without CSP, does run and is seen."""
    session = browser.open(write_page(tmp_path, "control.html", f"<!DOCTYPE html><body>{PWN_SCRIPT}</body>"))
    probe = browser.evaluate(session, PROBE)
    assert (probe["pwned"], probe["marker"]) == ("1", "script")


def test_the_csp_blocks_a_planted_script(browser: Chromium, report_html: str, tmp_path: Path) -> None:
    """Second layer: a script planted in the report's markup is refused by the page's own CSP."""
    planted = report_html.replace("<main>", f"<main>{PWN_SCRIPT}", 1)
    session = browser.open(write_page(tmp_path, "planted.html", planted))
    probe = browser.evaluate(session, PROBE)
    assert probe["scripts"] == 1 and (probe["pwned"], probe["marker"]) == (None, None)
    assert any("Content Security Policy" in line for line in browser.console(session))


def test_phone_in_dark_mode(browser: Chromium, report_file: Path) -> None:
    """On a 390 px wide phone the two sides stack, nothing overflows sideways, and dark mode is dark."""
    phone = browser.open(report_file.as_uri(), width=390, height=844, mobile=True, dark=True)
    layout = browser.evaluate(
        phone,
        """({columns: getComputedStyle(document.querySelector('.sides')).gridTemplateColumns.split(' ').length,
            overflow: document.documentElement.scrollWidth - document.documentElement.clientWidth,
            background: getComputedStyle(document.body).backgroundColor})""",
    )
    assert layout["columns"] == 1
    assert layout["overflow"] <= 0
    assert layout["background"] == "rgb(18, 19, 23)"
    browser.screenshot(phone, ARTIFACTS / "audit-report-phone-dark.png", full_page=True)
    desktop = browser.open(report_file.as_uri())
    light = browser.evaluate(
        desktop,
        """({columns: getComputedStyle(document.querySelector('.sides')).gridTemplateColumns.split(' ').length,
            background: getComputedStyle(document.body).backgroundColor})""",
    )
    assert light == {"columns": 2, "background": "rgb(255, 255, 255)"}
