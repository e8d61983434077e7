"""The live proof in a real browser: Debian's Chromium, headless, driven by Playwright (no browser download).

The page loads and shows the proof; a save of the article brings, without a reload, a new
proof and a higher build number; a click on a line names its file:line. A screenshot is kept
in tests/artifacts/ (ignored by git) for a person to look at.
"""

import json
import re
import shutil
import signal
import subprocess
import sys
import urllib.request
from pathlib import Path

import pytest
from serve_fixtures import ROOT, copy_sample_page

CHROMIUM = Path("/usr/bin/chromium")
ARTIFACTS = ROOT / "tests" / "artifacts"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run"]

playwright = pytest.importorskip("playwright.sync_api", reason="playwright is not installed (pip install -e '.[test]')")
pytestmark = pytest.mark.skipif(not CHROMIUM.exists(),
                                reason="Debian's chromium is not installed (tools/install-system-deps.sh installs it)")


@pytest.fixture
def live(tmp_path):
    """`make_pdf.py serve` on a copy of the sample page; its address."""
    spec = copy_sample_page(tmp_path / "page")
    process = subprocess.Popen([sys.executable, str(ROOT / "make_pdf.py"), "serve", str(spec), "--port", "0"],
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=ROOT)
    try:
        url = None
        for _ in range(5):
            found = re.search(r"live proof at (\S+)", process.stdout.readline())
            if found:
                url = found[1]
                break
        assert url, process.stderr.read()
        yield url, spec.parent / "article.txt"
    finally:
        process.send_signal(signal.SIGINT)
        try:
            process.wait(timeout=30)
        finally:
            process.kill()


@pytest.fixture
def browser():
    with playwright.sync_playwright() as driver:
        chromium = driver.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            yield chromium
        finally:
            chromium.close()


def test_the_page_follows_a_save_without_a_reload(live, browser, tmp_path):
    url, article = live
    page = browser.new_page(viewport={"width": 1400, "height": 1000})
    page.goto(url)
    page.wait_for_function("document.getElementById('build').textContent === '1'", timeout=30_000)
    page.wait_for_function("() => { const p = document.getElementById('proof');"
                           " return p.complete && p.naturalWidth > 0 }", timeout=30_000)
    first = page.eval_on_selector("#proof", "p => [p.src, p.naturalWidth]")
    page.evaluate("window.notReloaded = true")

    article.write_text(article.read_text(encoding="utf-8").replace("气正得以事成", "气正事成", 1), encoding="utf-8")
    page.wait_for_function("document.getElementById('build').textContent === '2'", timeout=60_000)
    page.wait_for_function("() => { const p = document.getElementById('proof');"
                           " return p.src.includes('v=2') && p.complete && p.naturalWidth > 0 }", timeout=30_000)
    assert page.evaluate("window.notReloaded") is True
    assert page.eval_on_selector("#proof", "p => p.src") != first[0] and first[1] > 0
    assert page.text_content("#state") == "ok" and page.is_hidden("#error")

    lines = json.load(urllib.request.urlopen(url.rstrip("/") + "/paragraphs/1.json", timeout=30))["lines"]
    body = next(line for line in lines if line["text"].startswith("气正事成"))
    left, top, width, height = body["box"]
    box = page.locator("#proof").bounding_box()
    page.mouse.click(box["x"] + (left + width / 2) * box["width"], box["y"] + (top + height / 2) * box["height"])
    page.wait_for_function("document.getElementById('where').textContent.includes('article.txt:')", timeout=10_000)
    assert body["where"] in page.text_content("#where")

    page.check("#grid")
    assert page.eval_on_selector("#overlay", "svg => svg.querySelectorAll('rect').length") == 8

    screenshot = tmp_path / "serve-browser.png"
    page.screenshot(path=str(screenshot))
    ARTIFACTS.mkdir(exist_ok=True)
    shutil.copy(screenshot, ARTIFACTS / "serve-browser.png")
    assert screenshot.stat().st_size > 10_000
