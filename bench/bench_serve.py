"""Rebuild-to-screen times of the live proof: a save of one paragraph until the new proof is on screen.

    .venv/bin/python bench/bench_serve.py [--edits 20] [--no-browser]

`make_pdf.py serve` runs on a copy of the sample page (examples/beita/page.toml) in a
temporary folder; Debian's headless Chromium shows the page. Each of the edits changes one
body paragraph (a different one each time) and saves the article; the time runs from just
before the save until the browser has loaded the new proof image (its build number on the
page, the image complete with naturalWidth > 0). Without Chromium, or with --no-browser,
"on screen" is the new PNG fetched over HTTP instead. Also reported: the server's own
wall and CPU time per build (build, render, encode) as /status.json gives them, and the
machine's load average, for on a shared machine the wall times rise with the neighbours' work.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

from run_bench import OUT, ROOT, SPEC, spec_copy

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run"]
TARGET_S = 0.5


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--edits", type=int, default=20)
    parser.add_argument("--no-browser", action="store_true", help="time until the PNG is fetched, not shown")
    args = parser.parse_args()
    use_browser = not args.no_browser and CHROMIUM.exists()
    with tempfile.TemporaryDirectory(prefix="bench-serve-") as folder:
        article = Path(folder) / "article.txt"
        shutil.copy(SPEC.parent / "article.txt", article)
        spec = spec_copy(SPEC, Path(folder), article=str(article))
        server = subprocess.Popen([sys.executable, str(ROOT / "make_pdf.py"), "serve", str(spec), "--port", "0"],
                                  stdout=subprocess.PIPE, text=True, cwd=ROOT)
        try:
            url = _address(server)
            load = os.getloadavg()[0]
            screen, builds = (_in_browser if use_browser else _over_http)(url, article, args.edits)
            load = (load + os.getloadavg()[0]) / 2
        finally:
            server.send_signal(signal.SIGINT)
            server.wait(timeout=30)
    how = "shown in Chromium" if use_browser else "PNG fetched over HTTP"
    _print(screen, builds, f"{how}; load average {load:.1f} on {os.cpu_count()} cores")
    OUT.mkdir(exist_ok=True)
    (OUT / "serve.json").write_text(json.dumps({"to_screen_s": screen, "builds": builds, "load": load}, indent=1))
    return 0


def _address(server: subprocess.Popen) -> str:
    for line in server.stdout:
        found = re.search(r"live proof at (\S+)", line)
        if found:
            return found[1]
    raise RuntimeError("serve did not start")


def _edits(article: Path):
    """Saves of the article, each changing one more body paragraph by one character."""
    lines = article.read_text(encoding="utf-8").split("\n")
    body = [n for n, line in enumerate(lines) if len(line) > 40 and not line.startswith(("#", "▲", ">"))]
    for count in range(len(body) * 10):
        n = body[count % len(body)]
        lines[n] = lines[n][:6] + "新" + lines[n][6:]
        yield lambda text="\n".join(lines): article.write_text(text, encoding="utf-8")


def _status(url: str) -> dict:
    with urllib.request.urlopen(url.rstrip("/") + "/status.json", timeout=30) as response:
        return json.load(response)


def _times(status: dict) -> tuple[float, float]:
    return status["seconds"], status["cpu_seconds"]


def _in_browser(url: str, article: Path, count: int) -> tuple[list[float], list[float]]:
    from playwright.sync_api import sync_playwright

    screen, builds = [], []
    with sync_playwright() as driver:
        browser = driver.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        page = browser.new_page(viewport={"width": 1400, "height": 1000})
        page.goto(url)
        shown = ("n => document.getElementById('build').textContent === String(n) && (p => p.src.includes('v=' + n)"
                 " && p.complete && p.naturalWidth > 0)(document.getElementById('proof'))")
        page.wait_for_function(shown, arg=1, timeout=60_000)
        for number, save in zip(range(2, count + 2), _edits(article)):
            time.sleep(0.3)  # an editor's pause between saves
            started = time.perf_counter()
            save()
            page.wait_for_function(shown, arg=number, timeout=60_000, polling=5)
            screen.append(time.perf_counter() - started)
            builds.append(_times(_status(url)))
        browser.close()
    return screen, builds


def _over_http(url: str, article: Path, count: int) -> tuple[list[float], list[float]]:
    screen, builds = [], []
    for number, save in zip(range(2, count + 2), _edits(article)):
        time.sleep(0.3)
        started = time.perf_counter()
        save()
        while (status := _status(url))["build"] < number:
            time.sleep(0.005)
        urllib.request.urlopen(url.rstrip("/") + f"/proof/1.png?v={number}", timeout=30).read()
        screen.append(time.perf_counter() - started)
        builds.append(_times(status))
    return screen, builds


def _print(screen: list[float], builds: list[tuple[float, float]], how: str) -> None:
    def row(name: str, values: list[float]) -> str:
        return (f"| {name} | {statistics.median(values):.3f} | {min(values):.3f} | {max(values):.3f} |")

    print(f"{len(screen)} one-paragraph edits of the sample page, {how}")
    print("| | median s | min s | max s |\n|---|---|---|---|")
    print(row("save → new proof on screen", screen))
    print(row("the server's rebuild (build, render, PNG), wall", [wall for wall, _ in builds]))
    print(row("the same, CPU time of the server", [cpu for _, cpu in builds]))
    verdict = "met" if statistics.median(screen) <= TARGET_S else "NOT met"
    print(f"target: on screen within {TARGET_S} s (median): {verdict}")


if __name__ == "__main__":
    sys.exit(main())
