"""make_pdfx: PDF/X-1a and PDF/X-4 identification, output intent, determinism and atomic rewrite."""

from __future__ import annotations

import shutil
import subprocess
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pikepdf
import pytest
from reportlab.pdfgen.canvas import Canvas

from layout.errors import InputError
from layout.prepress.colour import DEFAULT_PROFILE
from layout.prepress.pdfx import make_pdfx, pdf_date

DATE = datetime(2024, 5, 1, 8, 0, tzinfo=timezone(timedelta(hours=8)))
XMP_PDFXID = "{http://www.npes.org/pdfx/ns/id/}GTS_PDFXVersion"


def cmyk_profile() -> bytes:
    """The newsprint CMYK output profile the repository ships."""
    return DEFAULT_PROFILE.read_bytes()


def plain_pdf(path: Path) -> Path:
    """A small CMYK page drawn the way the renderer draws, with trim and bleed boxes."""
    canvas = Canvas(str(path), pagesize=(100, 80), invariant=1, enforceColorSpace="cmyk")
    canvas.setTrimBox((9, 9, 91, 71))
    canvas.setBleedBox((0.5, 0.5, 99.5, 79.5))
    canvas.setFillColorCMYK(0, 0.5, 1, 0)
    canvas.rect(20, 20, 40, 30, stroke=0, fill=1)
    canvas.showPage()
    canvas.save()
    return path


def pdfx(path: Path, version: str = "X-1a", title: str = "邵阳日报 A1", date: datetime = DATE) -> Path:
    make_pdfx(
        path, version=version, profile_bytes=cmyk_profile(), output_condition="CGATS TR 002", title=title, date=date
    )
    return path


def test_two_runs_are_byte_identical(tmp_path: Path) -> None:
    first = pdfx(plain_pdf(tmp_path / "a.pdf"))
    second = pdfx(plain_pdf(tmp_path / "b.pdf"))
    assert first.read_bytes() == second.read_bytes()


def test_the_date_changes_the_bytes(tmp_path: Path) -> None:
    first = pdfx(plain_pdf(tmp_path / "a.pdf"))
    second = pdfx(plain_pdf(tmp_path / "b.pdf"), date=DATE + timedelta(days=1))
    assert first.read_bytes() != second.read_bytes()


def test_x1a_is_pdf_1_3_without_object_streams_and_names_itself_in_info(tmp_path: Path) -> None:
    path = pdfx(plain_pdf(tmp_path / "page.pdf"))
    data = path.read_bytes()
    assert data.startswith(b"%PDF-1.3")
    assert b"/ObjStm" not in data and b"/XRefStm" not in data
    with pikepdf.open(path) as pdf:
        info = pdf.docinfo
        assert str(info.GTS_PDFXVersion) == "PDF/X-1:2001"
        assert str(info.GTS_PDFXConformance) == "PDF/X-1a:2001"
        assert str(info.Title) == "邵阳日报 A1"
        assert str(info.CreationDate) == str(info.ModDate) == "D:20240501080000+08'00'"
        assert info.Trapped == pikepdf.Name("/False")
        assert len(pdf.trailer.ID) == 2


def test_output_intent_embeds_the_profile(tmp_path: Path) -> None:
    path = pdfx(plain_pdf(tmp_path / "page.pdf"))
    with pikepdf.open(path) as pdf:
        (intent,) = pdf.Root.OutputIntents
        assert intent.S == pikepdf.Name("/GTS_PDFX")
        assert str(intent.OutputConditionIdentifier) == "CGATS TR 002"
        assert str(intent.RegistryName) == "http://www.color.org"
        assert int(intent.DestOutputProfile.N) == 4
        assert intent.DestOutputProfile.read_bytes() == cmyk_profile()


def test_running_twice_keeps_one_output_intent(tmp_path: Path) -> None:
    path = pdfx(pdfx(plain_pdf(tmp_path / "page.pdf")))
    with pikepdf.open(path) as pdf:
        assert len(pdf.Root.OutputIntents) == 1


def test_x4_is_pdf_1_6_with_pdfxid_in_xmp(tmp_path: Path) -> None:
    path = pdfx(plain_pdf(tmp_path / "page.pdf"), version="X-4", title="A & <B>")
    assert path.read_bytes().startswith(b"%PDF-1.6")
    with pikepdf.open(path) as pdf:
        meta = pdf.open_metadata()
        assert meta[XMP_PDFXID] == "PDF/X-4"
        assert meta["dc:title"] == "A & <B>"
        assert meta["pdf:Trapped"] == "False"
        assert meta["xmp:CreateDate"] == "2024-05-01T08:00:00+08:00"
        assert str(pdf.docinfo.GTS_PDFXVersion) == "PDF/X-4"
        assert "/GTS_PDFXConformance" not in pdf.docinfo


def test_x1a_xmp_agrees_with_info_and_has_no_pdfxid(tmp_path: Path) -> None:
    path = pdfx(plain_pdf(tmp_path / "page.pdf"))
    with pikepdf.open(path) as pdf:
        meta = pdf.open_metadata()
        assert meta["dc:title"] == "邵阳日报 A1"
        assert meta["pdf:Producer"] == str(pdf.docinfo.Producer)
        assert XMP_PDFXID not in meta


@pytest.mark.parametrize("version", ["X-1a", "X-4"])
def test_qpdf_check_is_clean(tmp_path: Path, version: str) -> None:
    path = pdfx(plain_pdf(tmp_path / "page.pdf"), version=version)
    qpdf = shutil.which("qpdf")
    assert qpdf is not None, "qpdf is a system dependency (tools/install-system-deps.sh)"
    done = subprocess.run([qpdf, "--check", str(path)], capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stdout + done.stderr


def test_rewrite_leaves_no_temporary_file_and_keeps_permissions(tmp_path: Path) -> None:
    path = plain_pdf(tmp_path / "page.pdf")
    path.chmod(0o644)
    pdfx(path)
    assert [p.name for p in tmp_path.iterdir()] == ["page.pdf"]
    assert path.stat().st_mode & 0o777 == 0o644


def test_an_rgb_profile_is_refused(tmp_path: Path) -> None:
    srgb = Path(pikepdf.__file__).parent / "pdfa/data/sRGB.icc"
    with pytest.raises(InputError) as raised:
        make_pdfx(
            plain_pdf(tmp_path / "page.pdf"),
            profile_bytes=srgb.read_bytes(),
            output_condition="sRGB",
            title="t",
            date=DATE,
        )
    assert "CMYK" in raised.value.one_line() and "hint:" in raised.value.one_line()


def test_a_damaged_pdf_is_an_input_error_and_is_left_alone(tmp_path: Path) -> None:
    path = tmp_path / "page.pdf"
    path.write_bytes(b"%PDF-1.4\nnot really a pdf")
    with pytest.raises(InputError) as raised:
        pdfx(path)
    assert str(path) in raised.value.one_line()
    assert path.read_bytes() == b"%PDF-1.4\nnot really a pdf"
    assert [p.name for p in tmp_path.iterdir()] == ["page.pdf"]


@pytest.mark.parametrize(
    ("moment", "expected"),
    [
        (datetime(2024, 5, 1, 8, 0, 5), "D:20240501080005+00'00'"),
        (datetime(2024, 5, 1, 8, 0, tzinfo=timezone(timedelta(hours=8))), "D:20240501080000+08'00'"),
        (datetime(2024, 1, 2, 3, 4, tzinfo=timezone(-timedelta(hours=3, minutes=30))), "D:20240102030400-03'30'"),
    ],
)
def test_pdf_date(moment: datetime, expected: str) -> None:
    assert pdf_date(moment) == expected
