"""The sample page's PDF, read back with pikepdf: fonts embedded, boxes, CMYK only, cut marks' widths."""

import re
from pathlib import Path

import pikepdf
import pypdfium2
import pytest

from layout.build import BuildOptions, build
from layout.model.parse_article import parse_article
from layout.text.punctuation import check_punctuation

ROOT = Path(__file__).parent.parent
SPEC = ROOT / "examples" / "beita" / "page.toml"
ARTICLE = ROOT / "examples" / "beita" / "article.txt"


@pytest.fixture(scope="module")
def proof(tmp_path_factory):
    pdf = tmp_path_factory.mktemp("structure") / "beita.pdf"
    build(str(SPEC), str(pdf), BuildOptions())
    return pdf


def fonts_of(pdf: pikepdf.Pdf):
    return list(pdf.pages[0].Resources.Font.values())


def test_every_font_is_an_embedded_truetype_subset(proof):
    with pikepdf.open(proof) as pdf:
        fonts = fonts_of(pdf)
        assert fonts
        for font in fonts:
            assert font.Subtype == "/TrueType"
            assert "/FontFile2" in font.FontDescriptor
            assert "/ToUnicode" in font


def test_boxes(proof):
    with pikepdf.open(proof) as pdf:
        page = pdf.pages[0].obj
        assert [float(v) for v in page.TrimBox] == pytest.approx([0, 0, 390 / 25.4 * 72, 545 / 25.4 * 72], abs=0.01)
        assert [float(v) for v in page.MediaBox] == [float(v) for v in page.BleedBox]


def test_no_rgb_anywhere(proof):
    with pikepdf.open(proof) as pdf:
        page = pdf.pages[0]
        operators = {str(op) for _, op in pikepdf.parse_content_stream(page)}
        assert not operators & {"rg", "RG", "sc", "scn", "SC", "SCN"}
        for image in page.get_images().values():
            assert image.ColorSpace in ("/DeviceCMYK", "/DeviceGray")


def test_cut_marks_have_half_width_glyphs(proof):
    """Marks set half-width are drawn from a face whose advance is ½ em, so the glyph box is the set box."""
    with pikepdf.open(proof) as pdf:
        half_faces = [f for f in fonts_of(pdf) if set(int(w) for w in f.Widths) == {500}]
        assert half_faces, "no face of half-width marks on the sample page"


def test_text_extracts_as_written(proof):
    """ToUnicode maps every glyph back, cut marks included: each paragraph and caption reads as written
    (with the half-width marks between Han the sample's spec prints full-width, 作者：刘剑)."""
    document = pypdfium2.PdfDocument(str(proof))
    text = document[0].get_textpage().get_text_range()
    document.close()
    flat = re.sub(r"\s+", "", text)
    printed, fixed = check_punctuation(ARTICLE.read_text(encoding="utf-8"), str(ARTICLE), fix=True)
    assert fixed
    article = parse_article(printed, str(ARTICLE))
    written = [article.byline] + [block.text for block in article.body] + [f.caption for f in article.figures]
    assert [part for part in written if re.sub(r"\s+", "", part) not in flat] == []
    assert "好了过户手续。”邵阳南方" in flat  # a compressed pair, both marks cut to half an em


def test_double_dash_halves_are_stretched_to_meet(proof):
    """Each half of a —— is its own glyph stretched across its side bearing (Tz) to meet the
    other, so the line has the dash's stroke everywhere (a filled bridge rasterized thicker
    in the proof) and the text still reads as two dashes."""
    with pikepdf.open(proof) as pdf:
        ops = [(operands, str(op)) for operands, op in pikepdf.parse_content_stream(pdf.pages[0])]
    scales = [float(operands[0]) for operands, op in ops if op == "Tz" and float(operands[0]) != 100]
    assert len(scales) >= 4  # both halves of the subheadline's and the body's ——
    assert all(100 < scale < 120 for scale in scales)  # the bearings, not a whole em
    document = pypdfium2.PdfDocument(str(proof))
    text = re.sub(r"\s+", "", document[0].get_textpage().get_text_range())
    document.close()
    assert "——北塔区纵深推进" in text and "———" not in text
