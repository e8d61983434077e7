"""Golden tests of the sample page: a text dump of every placed item, and a small PNG with a tolerance.

Run `pytest --update-goldens` after an intended change, then read the diff of tests/golden/.
"""

import difflib
from pathlib import Path

import pytest
from PIL import Image, ImageChops

from layout.build import BuildOptions, build, compose
from layout.render.dump_text import dump_layout

ROOT = Path(__file__).parent.parent
SPEC = ROOT / "examples" / "beita" / "page.toml"
GOLDEN = Path(__file__).parent / "golden"
PNG_DPI = 20
PIXEL_TOLERANCE = 48  # per channel: anti-aliasing and JPEG noise
MAX_DIFFERENT_PIXELS = 0.01  # share of pixels allowed beyond the tolerance


def test_sample_page_dump(request):
    dump = dump_layout(compose(str(SPEC)).layout)
    golden = GOLDEN / "beita.layout.txt"
    if request.config.getoption("--update-goldens"):
        golden.parent.mkdir(exist_ok=True)
        golden.write_text(dump, encoding="utf-8")
    expected = golden.read_text(encoding="utf-8")
    if dump != expected:
        diff = "".join(difflib.unified_diff(expected.splitlines(True), dump.splitlines(True),
                                            "golden", "now", n=1))
        pytest.fail(f"the sample page changed (pytest --update-goldens if intended):\n{diff[:4000]}")


def test_sample_page_png(request, tmp_path):
    pdf, png = tmp_path / "beita.pdf", tmp_path / "beita.png"
    build(str(SPEC), str(pdf), BuildOptions(png=str(png), png_dpi=PNG_DPI))
    golden = GOLDEN / "beita.png"
    if request.config.getoption("--update-goldens"):
        Image.open(png).convert("L").save(golden, optimize=True)
    actual = Image.open(png).convert("L")
    expected = Image.open(golden).convert("L")
    assert actual.size == expected.size
    diff = ImageChops.difference(actual, expected).point(lambda v: 255 if v > PIXEL_TOLERANCE else 0)
    different = diff.histogram()[255] / (actual.size[0] * actual.size[1])
    if different > MAX_DIFFERENT_PIXELS:
        out = ROOT / "tests" / "output"
        out.mkdir(exist_ok=True)
        actual.save(out / "beita.actual.png")
        diff.save(out / "beita.diff.png")
        pytest.fail(f"{different:.2%} of pixels differ; see tests/output/")
