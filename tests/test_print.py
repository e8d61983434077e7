"""Print mode: PDF/X on the sample page, bleed and marks outside the trim, X-4 on request, refusals."""

from pathlib import Path

import pikepdf
import pytest

from layout.build import BuildOptions, build
from layout.errors import PrintCheckError
from layout.prepress.preflight import preflight
from layout.units import mm

ROOT = Path(__file__).parent.parent
ARTICLE = ROOT / "examples" / "beita" / "article.txt"
IMAGES = ROOT / "images" / "beita"


def spec_file(tmp_path: Path, print_table: str, article: Path = ARTICLE) -> Path:
    spec = tmp_path / "page.toml"
    spec.write_text(f'article = "{article}"\n[images]\ndir = "{IMAGES}"\n[print]\n{print_table}\n',
                    encoding="utf-8")
    return spec


def boxes(pdf_path: Path) -> dict[str, list[float]]:
    with pikepdf.open(pdf_path) as pdf:
        page = pdf.pages[0].obj
        return {name: [float(v) for v in page[f"/{name}"]] for name in ("MediaBox", "BleedBox", "TrimBox")}


def test_bleed_marks_and_slug(tmp_path):
    """3 mm bleed: BleedBox is the trim plus 3 mm; the marks and slug live outside it; preflight passes."""
    spec = spec_file(tmp_path, "bleed_mm = 3\nmarks = true\nslug = true")
    out = tmp_path / "marks.pdf"
    build(str(spec), str(out), BuildOptions(print_mode=True))
    found = boxes(out)
    trim, bleed, media = found["TrimBox"], found["BleedBox"], found["MediaBox"]
    assert trim[2] - trim[0] == pytest.approx(mm(390), abs=0.01)
    assert [b - t for b, t in zip(bleed, trim)] == pytest.approx([-mm(3), -mm(3), mm(3), mm(3)], abs=0.01)
    assert media[0] < bleed[0] and media[2] > bleed[2]
    assert preflight(out).passed


def test_pdfx4_on_request(tmp_path):
    spec = spec_file(tmp_path, 'pdfx = "X-4"')
    out = tmp_path / "x4.pdf"
    build(str(spec), str(out), BuildOptions(print_mode=True))
    with pikepdf.open(out) as pdf:
        assert pdf.pdf_version == "1.6"
        assert b"PDF/X-4" in pdf.Root.Metadata.read_bytes()
        assert [str(i.S) for i in pdf.Root.OutputIntents] == ["/GTS_PDFX"]
    assert preflight(out).passed


def test_print_refuses_overset(tmp_path):
    long_article = tmp_path / "long.txt"
    body = "\n\n".join("这是一段很长的新闻报道，用来测试版面容纳不下全文时的处理办法。" * 12 for _ in range(40))
    long_article.write_text(f"# 很长的报道\n\n{body}\n", encoding="utf-8")
    spec = spec_file(tmp_path, "", article=long_article)
    out = tmp_path / "long.pdf"
    with pytest.raises(PrintCheckError, match="overset"):
        build(str(spec), str(out), BuildOptions(print_mode=True))
    assert not out.exists()


def test_proof_marks_the_overset(tmp_path):
    long_article = tmp_path / "long.txt"
    body = "\n\n".join("这是一段很长的新闻报道，用来测试版面容纳不下全文时的处理办法。" * 12 for _ in range(40))
    long_article.write_text(f"# 很长的报道\n\n{body}\n", encoding="utf-8")
    (tmp_path / "page.toml").write_text('article = "long.txt"\n', encoding="utf-8")
    report = build(str(tmp_path / "page.toml"), str(tmp_path / "long.pdf"))
    assert report.fit.overset_chars > 1000
    assert any(p.kind == "overset" for p in report.problems)
