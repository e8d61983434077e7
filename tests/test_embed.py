"""Embedding: TrueType subsets that embed, the glyph caches, and the ToUnicode repair."""

from __future__ import annotations

import io

import pikepdf
import pypdfium2
import pytest
from fontTools.pens.areaPen import AreaPen
from fontTools.ttLib import TTFont
from reportlab.pdfgen import canvas

from layout.cache import taken_problems
from layout.render import embed
from layout.render.embed import embed_fonts
from layout.render.embed_glyphs import GlyphStore
from layout.render.tounicode import repair_cmap, repair_tounicode

pytestmark = pytest.mark.usefixtures("cache")  # every test starts cold


def chars_by_face(book, role, text):
    """The characters of `text` grouped by the face of `role` that sets them."""
    grouped: dict[str, set[str]] = {}
    source = book.glyph_source(role)
    for char in text:
        grouped.setdefault(source.glyph(char)[0], set()).add(char)
    return grouped


def draw(book, lines, pdf_path):
    """Set each (role, text) line glyph by glyph with the embedded fonts; save the PDF."""
    wanted: dict[str, set[str]] = {}
    for role, text in lines:
        for key, chars in chars_by_face(book, role, text).items():
            wanted.setdefault(key, set()).update(chars)
    names = embed_fonts(book, wanted).names
    page = canvas.Canvas(str(pdf_path), pagesize=(400, 40 + 30 * len(lines)))
    for row, (role, text) in enumerate(lines):
        x, y = 20.0, 20 + 30 * row
        for char in text:
            key, advance = book.glyph_source(role).glyph(char)
            page.setFont(names[key], 12)
            page.drawString(x, y, char)
            x += advance * 12
    page.save()


def test_subset_fonts_embed_as_truetype(book, tmp_path):
    pdf_path = tmp_path / "page.pdf"
    lines = [("body", "过去一年——“清廉”…"), ("heading", "清风扬正气"), ("kai", "邵阳日报记者")]
    draw(book, lines, pdf_path)
    with pikepdf.open(pdf_path) as pdf:
        dictionaries = [obj for obj in pdf.objects if isinstance(obj, pikepdf.Dictionary)]
        fonts = [obj for obj in dictionaries if obj.get("/Type") == "/Font"]
        embedded = [font for font in fonts if "/FontDescriptor" in font]
        assert len(embedded) == 3
        for font in embedded:
            descriptor = font.FontDescriptor
            assert "/FontFile2" in descriptor  # TrueType outlines: reportlab embeds no CFF


def test_the_second_build_converts_nothing(book, monkeypatch):
    wanted = chars_by_face(book, "body", "清风扬正气，廉花遍地开")
    first = embed_fonts(book, wanted)
    assert first.glyphs_converted >= 12 and first.subsets_built == 1

    def must_not_convert(face, glyph_ids):
        raise AssertionError("warm build converted glyphs")

    monkeypatch.setattr(embed, "convert_glyphs", must_not_convert)
    embed._file_ids.clear()  # as in a new process: only the disk caches remain
    second = embed_fonts(book, wanted)
    assert (second.glyphs_converted, second.subsets_built) == (0, 0)
    assert second.names == first.names


def test_added_characters_convert_only_their_glyphs(book, monkeypatch):
    embed_fonts(book, chars_by_face(book, "body", "清风扬正气"))
    requested = []
    convert = embed.convert_glyphs

    def spy(face, glyph_ids):
        requested.append(set(glyph_ids))
        return convert(face, glyph_ids)

    monkeypatch.setattr(embed, "convert_glyphs", spy)
    result = embed_fonts(book, chars_by_face(book, "body", "清风扬正气廉"))
    face = book.chain("body")[0]
    assert requested == [{face.glyph_id("廉")}]
    assert (result.glyphs_converted, result.subsets_built) == (1, 1)


@pytest.mark.parametrize("damage", [lambda data: data[:-7], lambda data: data[:4] + b"\xff" + data[5:]])
def test_a_damaged_glyph_store_is_read_as_empty_deleted_and_reported(tmp_path, damage):
    path = tmp_path / "store.bin"
    GlyphStore(path).add({1: b"outline", 7: b""})
    assert GlyphStore(path).glyphs == {1: b"outline", 7: b""}
    taken_problems()
    path.write_bytes(damage(path.read_bytes()))  # cut short; one byte of a record changed
    assert GlyphStore(path).glyphs == {}
    assert not path.exists()
    (problem,) = taken_problems()
    assert "glyph store" in problem.message and problem.where == str(path)


def _subset_font(cache) -> TTFont:
    (path,) = (cache / "subsets").iterdir()
    return TTFont(io.BytesIO(path.read_bytes()))


def test_the_subset_maps_punctuation_to_the_full_width_glyph(book, cache):
    embed_fonts(book, chars_by_face(book, "body", "—…·"))
    font = _subset_font(cache)
    cmap, metrics = font.getBestCmap(), font["hmtx"].metrics
    for char in "—…·":
        assert metrics[cmap[ord(char)]][0] == font["head"].unitsPerEm
    assert font["post"].formatType == 3.0 and "glyf" in font and "CFF " not in font


def test_the_assembled_tables_agree_with_a_fonttools_recalculation(book, cache):
    # build_truetype copies glyf entries byte for byte and computes maxp, head
    # and hhea statistics itself; fontTools recomputing them must agree.
    embed_fonts(book, chars_by_face(book, "kai", "楷体 字，。"))
    font = _subset_font(cache)
    hhea_fields = ("advanceWidthMax", "minLeftSideBearing", "minRightSideBearing", "xMaxExtent")

    def statistics():
        maxp, hhea = font["maxp"], font["hhea"]
        return [maxp.maxPoints, maxp.maxContours] + [getattr(hhea, f) for f in hhea_fields]

    stored = statistics()
    font["maxp"].recalc(font)
    font["hhea"].recalc(font)
    assert stored == statistics()
    glyphs = [font["glyf"][name] for name in font.getGlyphOrder()]
    inked = [glyph for glyph in glyphs if glyph.numberOfContours]
    assert font["head"].xMax == max(glyph.xMax for glyph in inked)
    assert font["head"].yMin == min(glyph.yMin for glyph in inked)


def test_converted_outlines_keep_their_area_and_turn_clockwise(book, cache):
    face = book.chain("body")[0]
    embed_fonts(book, {face.key: {"廉"}})
    converted = _subset_font(cache)
    converted_area = AreaPen(converted.getGlyphSet())
    converted.getGlyphSet()[converted.getBestCmap()[ord("廉")]].draw(converted_area)
    source = TTFont(face.path, fontNumber=face.index, lazy=True)
    source_area = AreaPen(source.getGlyphSet())
    source.getGlyphSet()[source.getGlyphOrder()[face.glyph_id("廉")]].draw(source_area)
    # TrueType winds outer contours clockwise (negative area), CFF the other way.
    assert converted_area.value < 0 < source_area.value
    assert -converted_area.value == pytest.approx(source_area.value, rel=0.002)


def test_non_bmp_text_extracts_after_repair(book, tmp_path):
    pdf_path = tmp_path / "rare.pdf"
    lines = [("body", "罕字𦰡𠀀在此"), ("kai", "楷体𠀀")]
    draw(book, lines, pdf_path)
    repair_tounicode(pdf_path)
    document = pypdfium2.PdfDocument(str(pdf_path))  # kept alive while its text is read
    text = document[0].get_textpage().get_text_range()
    assert text.split() == ["罕字𦰡𠀀在此", "楷体𠀀"]


def test_two_subsets_of_one_face_keep_their_own_glyphs(book, tmp_path):
    # reportlab merges fonts that share a PostScript name; each subset has its own.
    embed_fonts(book, chars_by_face(book, "body", "清风"))
    pdf_path = tmp_path / "second.pdf"
    draw(book, [("body", "罕字在此")], pdf_path)
    document = pypdfium2.PdfDocument(str(pdf_path))
    assert document[0].get_textpage().get_text_range().strip() == "罕字在此"


def test_repair_leaves_a_bmp_only_pdf_untouched(book, tmp_path):
    pdf_path = tmp_path / "plain.pdf"
    draw(book, [("body", "清风扬正气")], pdf_path)
    before = pdf_path.read_bytes()
    repair_tounicode(pdf_path)
    assert pdf_path.read_bytes() == before


def test_repair_cmap_writes_surrogate_pairs_in_chars_and_ranges():
    cmap = (
        b"2 beginbfchar\n<01> <4E2D>\n<02> <20000>\nendbfchar\n"
        b"2 beginbfrange\n<03> <05> <2FFFE>\n<06> <07> [<0041> <26C21>]\nendbfrange\n"
    )
    assert repair_cmap(cmap) == (
        b"2 beginbfchar\n<01> <4E2D>\n<02> <D840DC00>\nendbfchar\n"
        b"2 beginbfrange\n<03> <05> [<D87FDFFE> <D87FDFFF> <D880DC00>]\n"
        b"<06> <07> [<0041> <D85BDC21>]\nendbfrange\n"
    )
