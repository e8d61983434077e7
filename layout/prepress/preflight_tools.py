"""Preflight checks that run outside tools: Ghostscript separations for ink coverage, and qpdf --check."""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from pathlib import Path

from PIL import Image, ImageMath

from layout.prepress.preflight_report import Check

_TOOL_TIMEOUT_S = 300
# One 8-bit step per separation is 0.4 %; four rounded separations may add up to
# 1.6 % more than the ink the file asks for, so allow that before failing.
_TAC_QUANTISATION = 1.6
_INSTALL_HINT = {
    "gs": "install Ghostscript (apt-get install ghostscript)",
    "qpdf": "install qpdf (apt-get install qpdf)",
}


def total_area_coverage_check(pdf_path: Path, limit_percent: float, dpi: int) -> Check:
    """Render the trimmed page in CMYK with Ghostscript and FAIL where C+M+Y+K exceeds the limit."""
    name = "total-area-coverage"
    gs = shutil.which("gs") or shutil.which("gswin64c")
    if gs is None:
        return Check(name, False, "not measured", _INSTALL_HINT["gs"])
    with tempfile.TemporaryDirectory(prefix="banmian-tac-") as scratch:
        command = [
            gs, "-q", "-dSAFER", "-dBATCH", "-dNOPAUSE", "-sDEVICE=tiff32nc", f"-r{dpi}",
            "-dUseTrimBox", f"-sOutputFile={scratch}/page-%04d.tif", str(pdf_path),
        ]  # fmt: skip
        failure = _run_tool(command)
        if failure:
            return Check(name, False, "not measured", f"Ghostscript could not render the page: {failure}")
        worst_percent, worst_page, pixels_over = 0.0, 0, 0
        for page, tiff in enumerate(sorted(Path(scratch).glob("page-*.tif")), start=1):
            percent, over = _coverage(tiff, limit_percent + _TAC_QUANTISATION)
            pixels_over += over
            if percent > worst_percent:
                worst_percent, worst_page = percent, page
    passed = pixels_over == 0
    where = f" on page {worst_page}" if worst_page else ""
    detail = f"limit {limit_percent:g} %, {pixels_over} pixel(s) over at {dpi} dpi{where}"
    return Check(name, passed, f"max {worst_percent:.0f} %", detail)


def _coverage(tiff: Path, threshold_percent: float) -> tuple[float, int]:
    """(highest per-pixel C+M+Y+K in %, number of pixels above the threshold) of one separation image."""
    with Image.open(tiff) as image:
        cyan, magenta, yellow, black = image.convert("CMYK").split()
    total = ImageMath.lambda_eval(
        lambda bands: bands["c"] + bands["m"] + bands["y"] + bands["k"], c=cyan, m=magenta, y=yellow, k=black
    )
    highest = total.getextrema()[1] * 100 / 255
    threshold = int(threshold_percent * 255 / 100)
    # Shift so that only pixels above the threshold stay positive; converting to
    # 8 bits clamps the rest to zero, and the histogram counts what remains.
    excess = total.point(lambda value: value - threshold).convert("L").histogram()
    return highest, sum(excess) - excess[0]


def qpdf_check(pdf_path: Path) -> Check:
    """`qpdf --check`: the file's syntax, cross-reference table and streams decode cleanly."""
    name = "qpdf-check"
    qpdf = shutil.which("qpdf")
    if qpdf is None:
        return Check(name, False, "not run", _INSTALL_HINT["qpdf"])
    failure = _run_tool([qpdf, "--check", str(pdf_path)])
    if failure:
        return Check(name, False, "errors", failure)
    return Check(name, True, "clean", "no syntax or stream errors")


def _run_tool(command: list[str]) -> str:
    """Run a command; return '' on success or its first complaint (exit code and first output line)."""
    try:
        done = subprocess.run(command, capture_output=True, text=True, timeout=_TOOL_TIMEOUT_S, check=False)
    except (OSError, subprocess.TimeoutExpired) as error:
        return str(error)
    if done.returncode == 0:
        return ""
    complaint = (done.stderr.strip() or done.stdout.strip() or "no message").splitlines()[0]
    return f"exit {done.returncode}: {complaint}"
