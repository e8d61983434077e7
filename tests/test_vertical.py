"""Vertical setting: glyph forms, 縱中橫, turned Latin, what the PDF draws and extracts, and line properties."""

from __future__ import annotations

import itertools
import sys
from pathlib import Path

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_raw
import pytest
from fontTools.ttLib import TTFont
from hypothesis import given, settings
from hypothesis import strategies as st
from test_linebreak import kinsoku_violations

from layout.cache import cache_dir
from layout.compose.items import FitReport, PageLayout, PlacedVertical, Rect
from layout.compose.vertical import Tiers, VerticalSetter, place_headlines, place_tiers
from layout.errors import InputError
from layout.model.page_spec import PageSpec
from layout.output import OutputOptions, write_pdf
from layout.render.embed import embed_fonts
from layout.text.break_search import choose_breaks
from layout.text.itemize import itemize
from layout.text.lines import TextStyle
from layout.text.vertical import VerticalOptions, _on_the_grid, set_vertical
from layout.text.vertical_shape import UPRIGHT, VerticalGlyphs, form_glyph, form_key

ROOT = Path(__file__).resolve().parent.parent
SIZE = 10.0
BRACKETS = "「」『』（）《》“”‘’"
LANGUAGES = ("ja", "zh-Hant")


@pytest.fixture(scope="module")
def books(tmp_path_factory):
    from layout.text.fonts import FontBook

    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("BANMIAN_CACHE", str(tmp_path_factory.mktemp("vertical-book-cache")))
        return {language: FontBook.load(language=language) for language in LANGUAGES}


def glyphs_of(books, language: str) -> VerticalGlyphs:
    return VerticalGlyphs(books[language].glyph_source("body"))


def style_of(language: str, **changes) -> TextStyle:
    return TextStyle(size=SIZE, punct_style=language, indent_em=changes.pop("indent_em", 0.0), **changes)


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("mark", [*BRACKETS, "—", "…", "ー"])
def test_each_bracket_and_mark_takes_its_vertical_form(books, language, mark):
    glyphs = glyphs_of(books, language)
    key, advance = glyphs.glyph(mark)
    face = glyphs.face(key)
    assert key == form_key(face.key, UPRIGHT) and advance == pytest.approx(1.0)
    assert form_glyph(face, mark, UPRIGHT).glyph != face.glyph_id(mark)


@pytest.mark.parametrize("mark", "。，、")
def test_stops_sit_top_right_in_japanese_and_centred_in_traditional_chinese(books, mark):
    def ink_centre(language):
        face = glyphs_of(books, language).face(books[language].chain("body")[0].key)
        shape = form_glyph(face, mark, UPRIGHT)
        left, right, top, bottom = shape.ink
        # From the cell's top centre, y down: the cell is [-0.5, 0.5] across and [0, 1] down.
        return shape.dx + (left + right) / 2, shape.dy + (top + bottom) / 2

    across, down = ink_centre("ja")
    assert across > 0.2 and down < 0.35
    across, down = ink_centre("zh-Hant")
    assert abs(across) < 0.1 and abs(down - 0.5) < 0.1


def test_two_figures_are_set_across_within_one_em(books):
    glyphs = glyphs_of(books, "ja")
    (line,) = set_vertical("今年12月に", 20 * SIZE, style_of("ja"), glyphs)
    (figures,) = [run for run in line.runs if run.orientation == "across"]
    assert figures.text == "12"
    assert figures.ys[0] == figures.ys[1] == pytest.approx(2 * SIZE)  # one place on the grid
    left = figures.origins[0][0]
    right = figures.origins[1][0] + form_glyph(glyphs.face(figures.face), "2", "hwid").advance * SIZE
    assert left == pytest.approx(-right) and right - left <= SIZE + 1e-9  # centred, within one em
    month = next(run for run in line.runs if run.text.startswith("月"))
    assert month.ys[0] == pytest.approx(3 * SIZE)


def test_longer_numbers_and_latin_words_are_turned_and_keep_the_han_on_the_grid(books):
    glyphs = glyphs_of(books, "zh-Hant")
    (line,) = set_vertical("他在2023年讀了Newsweek雜誌", 30 * SIZE, style_of("zh-Hant"), glyphs)
    turned = [run for run in line.runs if run.orientation == "turned"]
    assert [run.text for run in turned] == ["2023", "Newsweek"]
    assert all(run.origins[0][0] < 0 for run in turned)  # the baseline left of the centre: tops face right
    for run in turned:
        assert list(run.ys) == sorted(run.ys)
    for run in line.runs:
        if run.orientation == "upright":
            assert all((y / SIZE) == pytest.approx(round(y / SIZE)) for y in run.ys), run.text
    assert VerticalOptions().tcy_digits == 2


def test_three_figures_are_across_only_when_asked(books):
    glyphs = glyphs_of(books, "ja")
    (line,) = set_vertical("第100回", 10 * SIZE, style_of("ja"), glyphs, VerticalOptions(tcy_digits=3))
    (figures,) = [run for run in line.runs if run.orientation == "across"]
    assert figures.text == "100" and figures.scale <= 1.0
    (line,) = set_vertical("第100回", 10 * SIZE, style_of("ja"), glyphs)
    assert [run.text for run in line.runs if run.orientation == "turned"] == ["100"]


def test_a_vertical_dash_is_bridged_into_one_line(books):
    (line,) = set_vertical("甲——乙", 10 * SIZE, style_of("zh-Hant"), glyphs_of(books, "zh-Hant"))
    (bridge,) = line.bridges
    assert SIZE * 1 < bridge.top < 2 * SIZE < bridge.bottom < 3 * SIZE


def _pdf_text(path: Path) -> str:
    document = pdfium.PdfDocument(str(path))
    return document[0].get_textpage().get_text_range()


def _turned_chars(path: Path) -> str:
    """The characters drawn rotated 90° clockwise (text matrix 0 −1 1 0)."""
    text_page = pdfium.PdfDocument(str(path))[0].get_textpage()
    turned = []
    for index in range(text_page.count_chars()):
        matrix = pdfium_raw.FS_MATRIX()
        pdfium_raw.FPDFText_GetMatrix(text_page.raw, index, matrix)
        if (round(matrix.a), round(matrix.b), round(matrix.c), round(matrix.d)) == (0, -1, 1, 0):
            turned.append(chr(pdfium_raw.FPDFText_GetUnicode(text_page.raw, index)))
    return "".join(turned)


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_pdf_draws_vertical_glyphs_and_extracts_the_real_characters_in_order(books, language, tmp_path):
    text = "「甲」『乙』（丙）《丁》“戊”‘己’——庚……辛。壬，癸、子12丑2023寅"
    glyphs = glyphs_of(books, language)
    lines = set_vertical(text, 12 * SIZE, style_of(language), glyphs)
    tiers = Tiers(Rect(20, 20, 100, 12 * SIZE), 1, 12, SIZE, 1.5 * SIZE, SIZE)
    placed, overset = place_tiers(lines, tiers)
    assert not overset
    out = tmp_path / "v.pdf"
    write_pdf(PageLayout(200, 200, placed, (), FitReport()), books[language], PageSpec(source="t"), str(out),
              OutputOptions())
    extracted = "".join(_pdf_text(out).split())
    assert extracted == text
    assert _turned_chars(out) == "2023"
    # The embedded form maps each bracket to the vertical glyph's outline (its ink box), not the horizontal one.
    face = glyphs.face(placed[0].line.runs[0].face)
    names = embed_fonts(books[language], {form_key(face.key, UPRIGHT): set(BRACKETS)}).names
    (path,) = [p for p in (cache_dir() / "subsets").glob("*.ttf") if names[form_key(face.key, UPRIGHT)][3:] in p.stem]
    font = TTFont(path)
    glyf = font["glyf"]
    for mark in "「（《":
        glyph = glyf[font.getBestCmap()[ord(mark)]]
        ink = form_glyph(face, mark, UPRIGHT).ink
        assert glyph.xMin == pytest.approx(ink[0] * face.units_per_em, abs=2)
        assert glyph.yMax == pytest.approx(-ink[2] * face.units_per_em, abs=2)


def test_vcheck_measures_the_example_pages(tmp_path):
    sys.path.insert(0, str(ROOT / "tools"))
    import vcheck

    from layout.vertical_proof import build_vertical

    for name in ("zh-hant", "zh-hant-2", "zh-hant-3", "ja"):
        article = ROOT / "examples" / "vertical" / f"{name}.txt"
        out = tmp_path / f"{name}.pdf"
        build_vertical(str(article), str(out))
        figures = vcheck.measure_page(vcheck.extract(out), article.read_text(encoding="utf-8"))
        assert figures["kinsoku_line_start_violations"] == 0, figures
        assert figures["kinsoku_line_end_violations"] == 0, figures
        assert figures["non_last_lines_checked"] > 15
        assert figures["non_last_lines_not_exact"] == 0, figures
        assert figures["source_chars_missing"] == 0, figures
        assert figures["body_lines_out_of_source_order"] == 0 and figures["body_in_reading_order"], figures
        assert figures["line_pitch_pt"] == 15.0
        assert figures["han_on_em_grid_ratio"] > 0.7  # marks squeezed by a half em move the Han after them


TOKENS = st.one_of(
    st.sampled_from(list("老街書店的第三個甲子清晨七點鐵捲門")),
    st.sampled_from(list("港町の小さな活版印刷所っ")),
    st.sampled_from([*BRACKETS, "、", "，", "。", "：", "！", "——", "……"]),
    st.sampled_from(["12", "7", "2023", "OpenAI", "TIME", "3.5"]),
)
PARAGRAPHS = st.lists(TOKENS, min_size=1, max_size=70).map("".join)


@settings(derandomize=True, max_examples=60, deadline=None)
@given(PARAGRAPHS, st.sampled_from(LANGUAGES), st.integers(8, 20), st.sampled_from(["basic", "strict"]))
def test_vertical_lines_keep_the_text_the_rules_and_the_measure(books, text, language, em, level):
    style = style_of(language, indent_em=1.0, kinsoku=level)
    glyphs = glyphs_of(books, language)
    measure = em * SIZE
    lines = set_vertical(text, measure, style, glyphs)
    assert "".join(line.text for line in lines) == text
    items = _on_the_grid(itemize(text, style, glyphs), style, VerticalOptions())
    if choose_breaks(items, measure, style) is None:
        return  # no legal setting: the fewest prohibited breaks are taken (as horizontally)
    assert not kinsoku_violations(lines, level)
    for line in lines[:-1]:
        assert line.length == pytest.approx(measure, abs=0.01), line.text
    for line in lines:
        ys = [y for run in line.runs for y in run.ys]
        assert all(a <= b + 1e-6 for a, b in itertools.pairwise(ys)), line.text


def test_tier_places_run_right_to_left_then_down_and_skip_a_picture(books):
    tiers = Tiers(Rect(0, 0, 100, 300), 2, 10, SIZE, 15.0, 20.0)
    assert tiers.lines_per_tier == 7 and tiers.height == 220
    picture = Rect(0, 120, 40, 100)  # the second tier's three leftmost places
    slots = tiers.slots([picture])
    assert len(slots) == 14 - 3
    assert slots[:7] == tuple((95.0 - 15 * n, 0.0) for n in range(7))
    assert all(top == 120.0 for _, top in slots[7:]) and [x for x, _ in slots[7:]] == [95, 80, 65, 50]
    lines = set_vertical("清風" * 80, tiers.measure, style_of("zh-Hant"), glyphs_of(books, "zh-Hant"))
    placed, overset = place_tiers(lines, tiers, blocked=[picture])
    assert len(placed) == 11 and overset == lines[11:]
    assert not any(Rect(p.x - SIZE / 2, p.y, SIZE, tiers.measure).overlaps(picture) for p in placed)
    assert len(tiers.rules()) == 2 * 2 + 2 * 7 * 2


def test_a_vertical_page_stands_its_headline_right_of_the_tiers_and_reports_the_fit(books):
    from layout.vertical_proof import DEFAULT_PAGE, compose_article

    layout, _, _, language = compose_article(str(ROOT / "examples" / "vertical" / "ja.txt"))
    assert language == "ja"
    heads = [item for item in layout.items if isinstance(item, PlacedVertical) and item.kind == "headline"]
    body = [item for item in layout.items if isinstance(item, PlacedVertical) and item.kind == "body"]
    assert min(h.x for h in heads) > max(b.x for b in body) + DEFAULT_PAGE.story.body.size
    assert layout.fit.overset_lines == 0 and layout.fit.body_lines == len(body)
    assert sum(layout.fit.underset_lines) < DEFAULT_PAGE.story.picture_lines + 15  # the page is filled


def test_vertical_heads_stand_at_a_module_s_right_edge_and_leave_the_rest_to_the_body(books):
    from layout.model.page_spec import Style

    setter = VerticalSetter({"headline": glyphs_of(books, "zh-Hant"), "heading": glyphs_of(books, "zh-Hant")},
                            style_of("zh-Hant"))
    module = Rect(100, 50, 300, 200)
    heads = (("老街書店的第三個甲子", Style("headline", 30.0), "headline"), (None, Style("heading", 16.0), "sub"),
             ("從鉛字排版到線上訂書", Style("heading", 16.0), "subheadline"))
    items, body = place_headlines(setter, heads, module, SIZE)
    assert [item.kind for item in items] == ["headline", "headline", "subheadline"]
    assert items[0].x == 400 - 15 and items[1].x == 400 - 15 - 37.5  # two headline lines, 1.25 em apart
    assert items[2].x == 400 - 30 - 37.5 - SIZE - 8
    assert all(item.y == 50 and item.line.length <= 200 + 1e-6 for item in items)
    assert body == Rect(100, 50, 300 - (30 + 37.5 + SIZE + 16 + SIZE), 200)


def test_two_vertical_modules_stacked_in_the_tiers_of_one_page(books, tmp_path):
    """A prototype of the multi-story vertical page: each story a module of whole tiers."""
    sys.path.insert(0, str(ROOT / "tools"))
    import vcheck

    from layout.compose.vertical import compose_vertical_module
    from layout.model.decode import read_article_text
    from layout.model.parse_article import parse_article
    from layout.vertical_proof import DEFAULT_PAGE

    story = DEFAULT_PAGE.story
    roles = ("body", "headline", "heading", "kai")
    sources = {role: VerticalGlyphs(books["zh-Hant"].glyph_source(role)) for role in roles}
    setter = VerticalSetter(sources, style_of("zh-Hant"))
    width, tier = 420.0, story.tiers_height(1) + story.gap
    items, texts = [], []
    for index, name in enumerate(("zh-hant-2", "zh-hant-3")):
        path = ROOT / "examples" / "vertical" / f"{name}.txt"
        texts.append(read_article_text(path).text)
        frame = Rect(30, 30 + index * 2 * tier, width, 2 * tier)
        module = compose_vertical_module(parse_article(texts[-1], str(path)), frame, 2, story, setter)
        assert module.fit.overset_lines == 0
        assert all(frame.x <= i.x - SIZE / 2 and i.x + SIZE / 2 <= frame.right and frame.y <= i.y
                   and i.y + i.line.length <= frame.bottom + 1e-6 for i in module.items)
        items.extend(module.items)
    out = tmp_path / "two.pdf"
    write_pdf(PageLayout(480, 30 + 4 * tier + 30, tuple(items), (), FitReport()), books["zh-Hant"],
              PageSpec(source="t"), str(out), OutputOptions())
    figures = vcheck.measure_page(vcheck.extract(out), "".join(texts))
    assert figures["kinsoku_line_start_violations"] == figures["kinsoku_line_end_violations"] == 0, figures
    assert figures["non_last_lines_not_exact"] == 0 and figures["source_chars_missing"] == 0, figures
    assert figures["tiers"] == 4 and figures["body_in_reading_order"], figures
    with pytest.raises(InputError, match="do not fit"):
        compose_vertical_module(parse_article(texts[0], "x"), Rect(0, 0, 400, 100), 2, story, setter)


def test_a_vertical_page_with_its_picture_passes_the_print_preflight(tmp_path):
    import pikepdf

    from layout.vertical_proof import build_vertical

    out = tmp_path / "print.pdf"
    layout = build_vertical(str(ROOT / "examples" / "vertical" / "zh-hant.txt"), str(out), print_mode=True)
    assert any(getattr(item, "path", None) for item in layout.items)  # the photo, not a placeholder
    with pikepdf.open(out) as pdf:  # write_pdf raises when the preflight fails
        assert pdf.Root.OutputIntents[0].S == "/GTS_PDFX"
        assert "老街書店的第三個甲子" in str(pdf.docinfo.Title)  # the vertical headline names the document


def test_a_horizontal_body_keeps_the_whole_columns_left_of_a_vertical_headline():
    from layout.compose.vertical import whole_columns

    assert whole_columns(3 * 117 + 2 * 9, 117, 9) == 3
    assert whole_columns(3 * 117 + 2 * 9 - 0.5, 117, 9) == 2
    assert whole_columns(50, 117, 9) == 0


def test_a_rare_character_from_the_fallback_face_extracts_too(books, tmp_path):
    text = "甲𠀀乙「丙」"  # U+20000 from HanaMinB: a non-BMP character, its own face and form
    glyphs = glyphs_of(books, "zh-Hant")
    assert glyphs.glyph("𠀀")[0] != glyphs.glyph("甲")[0]
    lines = set_vertical(text, 10 * SIZE, style_of("zh-Hant"), glyphs)
    placed, _ = place_tiers(lines, Tiers(Rect(20, 20, 40, 10 * SIZE), 1, 10, SIZE, 15.0, SIZE))
    out = tmp_path / "rare.pdf"
    write_pdf(PageLayout(100, 150, placed, (), FitReport()), books["zh-Hant"], PageSpec(source="t"), str(out),
              OutputOptions())
    assert "".join(_pdf_text(out).split()) == text


def test_a_vertical_headline_beside_horizontal_body_text_is_read_first(books, tmp_path):
    from layout.compose.setting import place_lines
    from layout.model.page_spec import Style
    from layout.text.linebreak import set_paragraph

    book = books["zh-Hant"]
    setter = VerticalSetter({"headline": VerticalGlyphs(book.glyph_source("headline"))}, style_of("zh-Hant"))
    heads, body_frame = place_headlines(setter, (("竖题「甲乙」", Style("headline", 24.0), "headline"),),
                                        Rect(20, 20, 200, 160), SIZE)
    body = set_paragraph("正文「横排」" * 6, body_frame.width, style_of("zh-Hant"), book.glyph_source("body"))
    texts = place_lines(body, body_frame.x, body_frame.y + SIZE, 1.5 * SIZE, "body")
    out = tmp_path / "mixed.pdf"
    write_pdf(PageLayout(240, 200, (*texts, *heads), (), FitReport()), book, PageSpec(source="t"), str(out),
              OutputOptions())
    assert "".join(_pdf_text(out).split()) == "竖题「甲乙」" + "正文「横排」" * 6
    assert max(t.x + t.run.xs[-1] for t in texts) < heads[0].x - 12


def test_marks_are_cut_where_the_face_leaves_them_blank_not_where_the_language_would(books):
    assert glyphs_of(books, "zh-Hant").punct_style("zh-Hant") == "zh-Hant"  # Noto TC: centred
    assert glyphs_of(books, "ja").punct_style("ja") == "ja"  # Noto JP: top right
    kai = VerticalGlyphs(books["zh-Hant"].glyph_source("kai"))  # LXGW WenKai: top right in any page
    assert kai.punct_style("zh-Hant") == "zh-Hans"
    first, _ = set_vertical("排列，最上層甲乙", 5.5 * SIZE, style_of("zh-Hant"), kai)
    ys = [y for run in first.runs for y in run.ys]
    assert first.text == "排列，最上層"
    assert ys[3] - ys[2] == pytest.approx(SIZE / 2)  # the comma lost the blank half after its ink
