"""The preflight: every check passes on a good PDF/X page and each fails on a page planted with its defect."""

from __future__ import annotations

import io
import json
from collections.abc import Callable
from datetime import datetime, timezone
from pathlib import Path

import pikepdf
import pytest
import reportlab
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from PIL import Image
from reportlab.lib.utils import ImageReader
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas

from layout.prepress import preflight_tools
from layout.prepress.colour import DEFAULT_PROFILE
from layout.prepress.pdfx import make_pdfx
from layout.prepress.preflight import preflight
from layout.prepress.preflight_paint import colour_allowed

# A TrueType face every reportlab install carries, so the test needs no system font.
pdfmetrics.registerFont(TTFont("Vera", str(Path(reportlab.__file__).parent / "fonts" / "Vera.ttf")))

PAGE = (100, 80)  # pt: 35 × 28 mm keeps the Ghostscript render tiny
TRIM = (9, 9, 91, 71)
BLEED = (0.5, 0.5, 99.5, 79.5)
Drawing = Callable[[Canvas], None]


def cmyk_jpeg(width_px: int, height_px: int) -> ImageReader:
    image = Image.new("CMYK", (width_px, height_px), (0, 64, 96, 0))
    data = io.BytesIO()
    image.save(data, "JPEG")
    return ImageReader(io.BytesIO(data.getvalue()))


def good_content(canvas: Canvas) -> None:
    """What the renderer draws: overprinting 100 % K text, a CMYK JPEG at 200 ppi, a 0.5 pt rule."""
    canvas.setFillColorCMYK(0, 0, 0, 1)
    canvas.setFillOverprint(True)
    canvas.setOverprintMask(1)
    canvas.setFont("Vera", 9)
    canvas.drawString(15, 58, "Shaoyang")
    canvas.drawImage(cmyk_jpeg(80, 40), 15, 15, width=28.8, height=14.4)
    canvas.setStrokeColorCMYK(0, 0, 0, 1)
    canvas.setLineWidth(0.5)
    canvas.line(15, 52, 85, 52)


def build_page(
    path: Path,
    defect: Drawing | None = None,
    *,
    boxes: bool = True,
    cmyk_only: bool = True,
    version: str = "X-1a",
) -> Path:
    """The good page, plus `defect` drawn last, made PDF/X by make_pdfx."""
    canvas = Canvas(str(path), pagesize=PAGE, invariant=1, enforceColorSpace="cmyk" if cmyk_only else None)
    if boxes:
        canvas.setTrimBox(TRIM)
        canvas.setBleedBox(BLEED)
    good_content(canvas)
    if defect is not None:
        defect(canvas)
    canvas.showPage()
    canvas.save()
    make_pdfx(
        path,
        version=version,
        profile_bytes=DEFAULT_PROFILE.read_bytes(),
        output_condition="CGATS TR 002",
        title="test page",
        date=datetime(2024, 5, 1, tzinfo=timezone.utc),
    )
    return path


def failing(report) -> set[str]:
    return {check.name for check in report.failures}


ALL_CHECKS = {
    "readable", "pdf-version", "output-intent", "identification", "document-info", "page-boxes",
    "fonts-embedded", "colour-spaces", "transparency", "image-resolution", "small-black-text-pure-k",
    "small-black-text-overprint", "min-text-size", "min-stroke-width", "total-area-coverage", "qpdf-check",
}  # fmt: skip


@pytest.mark.parametrize("version", ["X-1a", "X-4"])
def test_every_check_passes_on_a_good_page(tmp_path: Path, version: str) -> None:
    report = preflight(build_page(tmp_path / "good.pdf", version=version))
    assert {check.name for check in report.checks} == ALL_CHECKS
    assert report.passed, report.format_text()
    figures = {check.name: check.figure for check in report.checks}
    assert figures["image-resolution"] == "min 200 ppi"
    assert figures["small-black-text-overprint"] == "1/1 overprint"
    assert figures["min-stroke-width"] == "min 0.5 pt"
    assert figures["total-area-coverage"] == "max 100 %"
    assert figures["page-boxes"] == "trim 28.9×21.9 mm, bleed 3.0 mm"


def text(colour: tuple[float, float, float, float], size: float = 9, overprint: bool = True) -> Drawing:
    def draw(canvas: Canvas) -> None:
        canvas.setFillColorCMYK(*colour)
        canvas.setFillOverprint(overprint)
        canvas.setFont("Vera", size)
        canvas.drawString(15, 40, "defect")

    return draw


def rgb_image(canvas: Canvas) -> None:
    canvas.drawImage(ImageReader(Image.new("RGB", (80, 40), (90, 140, 200))), 50, 15, width=28.8, height=14.4)


def rgb_operator(canvas: Canvas) -> None:
    canvas.setFillColorRGB(0.5, 0.7, 0.9)
    canvas.rect(50, 15, 10, 10, stroke=0, fill=1)


def rgb_inside_a_form(canvas: Canvas) -> None:
    canvas.beginForm("logo")
    rgb_operator(canvas)
    canvas.endForm()
    canvas.doForm("logo")


def helvetica(canvas: Canvas) -> None:
    canvas.setFont("Helvetica", 9)
    canvas.drawString(15, 40, "defect")


def ink_patch(canvas: Canvas) -> None:
    canvas.setFillColorCMYK(0.75, 0.75, 0.75, 0.75)
    canvas.rect(50, 15, 20, 20, stroke=0, fill=1)


def hairline(canvas: Canvas) -> None:
    canvas.setLineWidth(0.1)
    canvas.line(15, 45, 85, 45)


def alpha(canvas: Canvas) -> None:
    canvas.setFillAlpha(0.5)
    canvas.rect(50, 15, 10, 10, stroke=0, fill=1)


def coarse_image(canvas: Canvas) -> None:
    canvas.drawImage(cmyk_jpeg(10, 10), 50, 15, width=20, height=20)  # 36 ppi


def coarse_inline_image(canvas: Canvas) -> None:
    canvas.drawInlineImage(Image.new("CMYK", (10, 10), (0, 64, 96, 0)), 50, 15, width=20, height=20)


@pytest.mark.parametrize(
    ("defect", "cmyk_only", "expected"),
    [
        (rgb_image, False, "colour-spaces"),
        (rgb_operator, False, "colour-spaces"),
        (rgb_inside_a_form, False, "colour-spaces"),
        (helvetica, True, "fonts-embedded"),
        (ink_patch, True, "total-area-coverage"),
        (text((0, 0, 0, 1), overprint=False), True, "small-black-text-overprint"),
        (hairline, True, "min-stroke-width"),
        (alpha, True, "transparency"),
        (text((0, 0, 0, 1), size=5), True, "min-text-size"),
        (coarse_image, True, "image-resolution"),
        (coarse_inline_image, True, "image-resolution"),
    ],
    ids=lambda value: getattr(value, "__name__", None) if callable(value) else None,
)
def test_a_planted_defect_fails_exactly_its_check(
    tmp_path: Path, defect: Drawing, cmyk_only: bool, expected: str
) -> None:
    report = preflight(build_page(tmp_path / "bad.pdf", defect, cmyk_only=cmyk_only))
    assert failing(report) == {expected}, report.format_text()


def test_rich_black_small_text_is_not_pure_k(tmp_path: Path) -> None:
    # 0.6 0.5 0.4 1 is 250 % ink; raise the TAC limit so only the black-text rule speaks.
    report = preflight(build_page(tmp_path / "bad.pdf", text((0.6, 0.5, 0.4, 1))), tac_limit=300)
    assert failing(report) == {"small-black-text-pure-k"}, report.format_text()


def test_gray_black_text_is_pure_k_but_knocks_out(tmp_path: Path) -> None:
    def gray_text(canvas: Canvas) -> None:
        canvas.setFillGray(0)
        canvas.setFont("Vera", 9)
        canvas.drawString(15, 40, "defect")

    report = preflight(build_page(tmp_path / "bad.pdf", gray_text, cmyk_only=False))
    assert failing(report) == {"small-black-text-overprint"}, report.format_text()
    (overprint,) = report.failures
    assert "0 0 0 1 k" in overprint.detail


def test_the_ink_figure_is_the_patch_total(tmp_path: Path) -> None:
    report = preflight(build_page(tmp_path / "bad.pdf", ink_patch))
    (tac,) = report.failures
    assert tac.figure == "max 300 %"
    assert tac.detail.startswith("limit 240 %")
    assert preflight(tmp_path / "bad.pdf", tac_limit=300).passed


def test_x4_allows_live_transparency(tmp_path: Path) -> None:
    report = preflight(build_page(tmp_path / "x4.pdf", alpha, version="X-4"))
    assert report.passed, report.format_text()
    assert {c.name: c.figure for c in report.checks}["transparency"] == "1 found"


def test_each_page_starts_from_the_default_graphics_state(tmp_path: Path) -> None:
    def second_page(canvas: Canvas) -> None:
        canvas.showPage()  # page 1 leaves CMYK black and overprint set; page 2 draws in default gray
        canvas.setTrimBox(TRIM)
        canvas.setBleedBox(BLEED)
        canvas.setFont("Vera", 9)
        canvas.drawString(15, 40, "page two")

    report = preflight(build_page(tmp_path / "two.pdf", second_page))
    assert failing(report) == {"small-black-text-overprint"}, report.format_text()
    assert "page 2" in report.failures[0].detail


def test_missing_trim_box(tmp_path: Path) -> None:
    report = preflight(build_page(tmp_path / "bad.pdf", boxes=False))
    assert failing(report) == {"page-boxes"}
    assert "no TrimBox or BleedBox" in report.failures[0].detail


def test_trim_box_outside_bleed_box(tmp_path: Path) -> None:
    path = build_page(tmp_path / "bad.pdf")
    with pikepdf.open(path, allow_overwriting_input=True) as pdf:
        pdf.pages[0].obj.TrimBox = pikepdf.Array([0, 0, 100, 80])
        pdf.save(path)
    assert failing(preflight(path)) == {"page-boxes"}


def test_missing_output_intent(tmp_path: Path) -> None:
    path = build_page(tmp_path / "bad.pdf")
    with pikepdf.open(path, allow_overwriting_input=True) as pdf:
        del pdf.Root.OutputIntents
        pdf.save(path)
    report = preflight(path)
    assert failing(report) == {"output-intent"}
    assert report.failures[0].figure == "0 found"


def test_an_unconverted_pdf_fails_version_intent_and_identification(tmp_path: Path) -> None:
    path = tmp_path / "plain.pdf"
    canvas = Canvas(str(path), pagesize=PAGE, invariant=1, enforceColorSpace="cmyk")
    canvas.setTrimBox(TRIM)
    canvas.setBleedBox(BLEED)
    good_content(canvas)
    canvas.save()
    assert failing(preflight(path)) == {"pdf-version", "output-intent", "identification"}


@pytest.mark.parametrize("content", [b"", b"%PDF-1.4\ngarbage", b"not a pdf at all"])
def test_an_unreadable_file_is_a_failing_report(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "broken.pdf"
    path.write_bytes(content)
    report = preflight(path)
    assert not report.passed
    assert report.checks[0].name == "readable" and not report.checks[0].passed


def test_a_missing_file_is_a_failing_report(tmp_path: Path) -> None:
    assert failing(preflight(tmp_path / "absent.pdf")) == {"readable", "qpdf-check"}


@settings(derandomize=True, max_examples=12, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_a_damaged_file_never_raises(tmp_path: Path, data: st.DataObject) -> None:
    good = tmp_path / "good.pdf"
    if not good.exists():
        build_page(good)
    original = bytearray(good.read_bytes())
    start = data.draw(st.integers(0, len(original) - 1))
    noise = data.draw(st.binary(min_size=1, max_size=64))
    damaged = tmp_path / "damaged.pdf"
    damaged.write_bytes(bytes(original[:start] + noise + original[start + len(noise) :]))
    report = preflight(damaged)
    names = [check.name for check in report.checks]
    assert len(names) == len(set(names))
    json.loads(report.to_json())


def test_missing_tools_fail_with_what_to_install(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = build_page(tmp_path / "good.pdf")
    monkeypatch.setattr(preflight_tools.shutil, "which", lambda _name: None)
    report = preflight(path)
    assert failing(report) == {"total-area-coverage", "qpdf-check"}
    assert all("apt-get install" in check.detail for check in report.failures)


def test_report_text_and_json(tmp_path: Path) -> None:
    report = preflight(build_page(tmp_path / "bad.pdf", hairline))
    lines = report.format_text().splitlines()
    assert len(lines) == len(report.checks)
    assert [line[:4] for line in lines].count("FAIL") == 1
    failed = next(line for line in lines if line.startswith("FAIL"))
    assert failed.split()[1:4] == ["min-stroke-width", "min", "0.1"]
    decoded = json.loads(report.to_json())
    assert decoded["passed"] is False
    assert {c["name"]: c["passed"] for c in decoded["checks"]}["min-stroke-width"] is False


@pytest.mark.parametrize(
    ("space", "x1a", "x4"),
    [
        ("DeviceCMYK", True, True),
        ("DeviceGray", True, True),
        ("Separation", True, True),
        ("Indexed(DeviceCMYK)", True, True),
        ("DeviceRGB", False, False),
        ("Indexed(DeviceRGB)", False, False),
        ("ICCBased(3)", False, True),
        ("Lab", False, True),
    ],
)
def test_colour_policy(space: str, x1a: bool, x4: bool) -> None:
    assert colour_allowed(space, "X-1a") is x1a
    assert colour_allowed(space, "X-4") is x4
