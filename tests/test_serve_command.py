"""The live proof through the real command: serve and build --watch, started and stopped as a user does."""

import json
import os
import queue
import re
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from serve_fixtures import ROOT, copy_sample_page


def status_after(url: str, build: int) -> dict:
    """/status.json once the build numbered `build` is done (the command rebuilds on its own)."""
    for _ in range(300):
        with urllib.request.urlopen(url, timeout=30) as response:
            status = json.load(response)
        if status["build"] >= build:
            return status
        time.sleep(0.1)
    pytest.fail(f"no build {build} within 30 s")


def test_serve_on_another_host_asks_for_a_token_rebuilds_on_save_and_stops_cleanly_on_ctrl_c(tmp_path):
    """Through the real command: a token is printed, requests need it, a save rebuilds, Ctrl-C leaves nothing."""
    spec = copy_sample_page(tmp_path / "page")
    scratch = tmp_path / "tmp"
    scratch.mkdir()
    env = dict(os.environ, TMPDIR=str(scratch))
    process = subprocess.Popen([sys.executable, str(ROOT / "make_pdf.py"), "serve", str(spec), "--host", "localhost",
                                "--port", "0"], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                               env=env, cwd=ROOT)
    try:
        lines = [process.stdout.readline() for _ in range(3)]
        url = re.search(r"live proof at (\S+)", lines[0])[1]
        assert "token=" in url and lines[2].startswith("build 1:"), lines
        assert [p.name for p in scratch.iterdir()][0].startswith("banmian-serve-")
        with pytest.raises(urllib.error.HTTPError) as refused:
            urllib.request.urlopen(url.split("?")[0] + "status.json", timeout=30)
        assert refused.value.code == 403
        token = url.split("?")[1]
        status = url.split("?")[0] + "status.json?" + token
        assert status_after(status, 1)["ok"]
        article = spec.parent / "article.txt"
        article.write_text(article.read_text(encoding="utf-8").replace("气正得以事成", "气正事成", 1), encoding="utf-8")
        assert status_after(status, 2)["pages"][0]["version"] == 2
        process.send_signal(signal.SIGINT)
        out, err = process.communicate(timeout=60)
    finally:
        process.kill()
    assert process.returncode == 0, err
    assert "stopped" in out and "Traceback" not in err
    assert list(scratch.iterdir()) == []
    assert sorted(p.name for p in spec.parent.iterdir()) == ["article.txt", "page.toml"]


def test_serve_refuses_a_missing_page_in_one_line(tmp_path):
    result = subprocess.run([sys.executable, str(ROOT / "make_pdf.py"), "serve", str(tmp_path / "none.toml")],
                            capture_output=True, text=True, timeout=120, env=dict(os.environ, TMPDIR=str(tmp_path)))
    assert result.returncode == 1 and result.stderr.count("\n") == 1 and "no such page spec" in result.stderr
    assert [p for p in Path(tmp_path).iterdir() if p.name.startswith("banmian-serve-")] == []


def test_build_watch_prints_one_line_per_save_and_never_rebuilds_for_its_own_outputs(tmp_path):
    spec = copy_sample_page(tmp_path / "page")
    folder = spec.parent  # outputs beside the inputs: writing them must not start another build
    process = subprocess.Popen([sys.executable, str(ROOT / "make_pdf.py"), "build", str(spec), "-o",
                                str(folder / "out.pdf"), "--png", str(folder / "out.png"), "--watch"],
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=ROOT)
    lines: queue.Queue = queue.Queue()
    threading.Thread(target=lambda: [lines.put(line) for line in process.stdout], daemon=True).start()
    try:
        first = lines.get(timeout=120)
        assert re.fullmatch(r"\d\d:\d\d:\d\d built \S+out\.pdf in [\d.]+ s; no overset; "
                            r"(0 warnings|\d+ warnings \(first: \S+: warning: [^\n]+\))\n", first), first

        article = folder / "article.txt"
        text = article.read_text(encoding="utf-8").split("\n")
        body = next(n for n, line in enumerate(text) if line.startswith("气正得以事成"))
        text[body] *= 400
        article.write_text("\n".join(text), encoding="utf-8")
        overset = lines.get(timeout=60)  # "overset: N characters", or with stories "story 1 《…》: overset …"
        assert "overset" in overset and "no overset" not in overset, overset
        with pytest.raises(queue.Empty):
            lines.get(timeout=2.5)  # it wrote its PDF and PNG while watching, and that is no save of an input

        spec.write_text(spec.read_text(encoding="utf-8") + "\n[grid]\ncolumns = 0\n", encoding="utf-8")
        failed = lines.get(timeout=60)
        assert " not built: " in failed and "page.toml" in failed
        process.send_signal(signal.SIGINT)
        assert process.wait(timeout=60) == 0
    finally:
        process.kill()
    assert lines.get(timeout=10) == "stopped\n"
    assert sorted(p.name for p in folder.iterdir()) == ["article.txt", "out.pdf", "out.png", "page.toml"]


def test_serve_on_a_port_in_use_says_so_in_one_line(tmp_path):
    spec = copy_sample_page(tmp_path / "page")
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        result = subprocess.run([sys.executable, str(ROOT / "make_pdf.py"), "serve", str(spec), "--port", str(port)],
                                capture_output=True, text=True, timeout=120, env=dict(os.environ, TMPDIR=str(tmp_path)))
    assert result.returncode == 1 and result.stderr.count("\n") == 1, result.stderr
    assert f"cannot listen on 127.0.0.1:{port}" in result.stderr and "--port" in result.stderr
    assert [p for p in tmp_path.iterdir() if p.name.startswith("banmian-serve-")] == []


def test_serve_stopped_by_kill_leaves_nothing_behind(tmp_path):
    spec = copy_sample_page(tmp_path / "page")
    process = subprocess.Popen([sys.executable, str(ROOT / "make_pdf.py"), "serve", str(spec), "--port", "0"],
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=ROOT,
                               env=dict(os.environ, TMPDIR=str(tmp_path)))
    try:
        next(line for line in process.stdout if line.startswith("build 1:"))  # StopIteration if it ended
        assert [p.name for p in tmp_path.iterdir() if p.name.startswith("banmian-serve-")]
        process.terminate()
        out, err = process.communicate(timeout=60)
    finally:
        process.kill()
    assert process.returncode == 0 and "stopped" in out and "Traceback" not in err
    assert [p for p in tmp_path.iterdir() if p.name.startswith("banmian-serve-")] == []
