"""Vertical pages (竖排) through the real command: tiers from the page spec, the spec's mistakes, print."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from command import run

ROOT = Path(__file__).resolve().parent.parent
VERTICAL = ROOT / "examples" / "vertical"
sys.path.insert(0, str(ROOT / "tools"))
import vcheck  # noqa: E402  (a tool, not a package)


def measured(pdf: Path, *articles: str) -> dict:
    source = "".join((VERTICAL / name).read_text(encoding="utf-8") for name in articles)
    return vcheck.measure_page(vcheck.extract(pdf), source)


def assert_set_well(figures: dict, tiers: int) -> None:
    """The issue's figures: kinsoku, exact measure, nothing lost, reading order; and the tiers' grid."""
    assert figures["tiers"] == tiers, figures
    assert figures["kinsoku_line_start_violations"] == figures["kinsoku_line_end_violations"] == 0, figures
    assert figures["non_last_lines_checked"] > 50
    assert figures["non_last_lines_not_exact"] == 0, figures
    assert figures["source_chars_missing"] == 0, figures
    assert figures["body_in_reading_order"] and figures["body_lines_out_of_source_order"] == 0, figures
    assert figures["line_pitch_pt"] == 15.0 and figures["lines_on_pitch_ratio"] == 1.0, figures
    assert figures["tier_measures_em"] == [13.0], figures


def test_a_zh_hant_page_of_three_stories_in_tiers_builds_for_print(tmp_path):
    pdf = tmp_path / "vertical.pdf"
    result = run("build", VERTICAL / "page.toml", "-o", pdf, "--print")
    assert result.returncode == 0, result.stderr
    assert "overset: none" in result.stdout and "warning" not in result.stderr, result.stderr  # the photo is found
    assert "fonts: LXGW WenKai, Noto Sans CJK TC, Noto Serif CJK TC" in result.stdout  # vertical forms count
    underset = int(result.stdout.split("underset: ")[1].split()[0])
    assert underset <= 10  # the page is filled: each story's tiers hold it with a few lines to spare
    assert_set_well(measured(pdf, "zh-hant.txt", "zh-hant-2.txt", "zh-hant-3.txt"), tiers=5)
    check = run("check", pdf)
    assert check.returncode == 0, check.stdout


def test_a_japanese_page_in_tiers_with_its_grid_and_proof(tmp_path):
    pdf, png = tmp_path / "ja.pdf", tmp_path / "ja.png"
    plain = run("build", VERTICAL / "ja.toml", "-o", pdf)
    assert plain.returncode == 0, plain.stderr
    assert_set_well(measured(pdf, "ja.txt"), tiers=4)
    gridded = tmp_path / "grid.pdf"
    result = run("build", VERTICAL / "ja.toml", "-o", gridded, "--png", png, "--grid")
    assert result.returncode == 0 and png.stat().st_size > 10_000, result.stderr
    # The grid draws every line place's two edges in each tier, and each tier's head and foot.
    assert _strokes(gridded) - _strokes(pdf) == 4 * 2 + 4 * _lines_per_tier(pdf) * 2


def _strokes(pdf: Path) -> int:
    import pikepdf

    with pikepdf.open(pdf) as document:
        return sum(1 for operands, op in pikepdf.parse_content_stream(document.pages[0]) if str(op) == "S")


def _lines_per_tier(pdf: Path) -> int:
    from layout.compose.tier_page import page_tiers
    from layout.model.load_spec import load_page_spec

    return page_tiers(load_page_spec(VERTICAL / "ja.toml")).lines_per_tier


@pytest.mark.parametrize(("change", "expected"), [
    (("direction = \"vertical\"\n", "direction = \"upward\"\n"), "'typesetting.direction' is 'upward'"),
    (("\ntiers = 5\n", "\ntiers = 9\n"), "'grid.tiers': 9 tiers of 13 characters are"),
    (("\ntier_chars = 13\n", "\ntier_chars = 3\n"), "'grid.tier_chars' is 3"),
    (("\ntier_gap_chars = 2\n", "\ntier_gap_chars = \"two\"\n"), "'grid.tier_gap_chars' is 'two'"),
    (("rank = 2\n", "rank = 2\ndirection = \"horizontal\"\n"), "'story[1].direction' is 'horizontal' on a vertical"),
    (("rank = 2\n", "rank = 2\ndirection = \"sideways\"\n"), "'story[1].direction' is 'sideways'"),
    (("rank = 3\n", "rank = 3\nheadline_direction = \"horizontal\"\n"), "'story[2].headline_direction'"),
    (("rank = 3\n", "rank = 3\ncontinue_on = \"8\"\n"), "'story[2].continue_on': a story set vertically"),
    (("direction = \"vertical\"\n", ""), "'grid.tiers' is for vertical pages"),
])
def test_a_wrong_vertical_key_is_one_line_naming_it(tmp_path, change, expected):
    text = (VERTICAL / "page.toml").read_text(encoding="utf-8")
    assert change[0] in text
    spec = tmp_path / "page.toml"
    spec.write_text(text.replace(change[0], change[1], 1).replace('"zh-hant', f'"{VERTICAL}/zh-hant'),
                    encoding="utf-8")
    result = run("build", spec, "-o", tmp_path / "x.pdf")
    assert result.returncode == 1 and expected in result.stderr, result.stderr
    assert len(result.stderr.strip().splitlines()) == 1 and "Traceback" not in result.stderr


def test_a_story_of_a_horizontal_page_stands_its_headline_vertically_beside_its_body(tmp_path):
    from layout.build import compose
    from layout.compose.items import PlacedText, PlacedVertical

    pdf = tmp_path / "mixed.pdf"
    result = run("build", VERTICAL / "mixed.toml", "-o", pdf)
    assert result.returncode == 0 and "overset: none" in result.stdout, result.stderr
    composed = compose(str(VERTICAL / "mixed.toml"))
    layout = composed.layout
    (story,) = [s for s in composed.inputs.stories if s.headline_direction == "vertical"]
    module = next(b.rect for b in layout.blocks if b.name == f"module:{story.number}")
    heads = [i for i in layout.items if isinstance(i, PlacedVertical)]
    assert [h.line.text for h in heads] == [story.article.headline] and heads[0].kind == "headline"
    inside = [t for t in layout.items if isinstance(t, PlacedText) and module.x <= t.x < module.right
              and module.y <= t.y <= module.bottom]
    assert not [t for t in inside if t.kind == "headline"]  # no headline across the module's top
    size = heads[0].line.runs[0].size
    body_right = max(t.x + t.run.xs[-1] + t.run.size for t in inside)
    assert body_right + 9.0 <= heads[0].x - size / 2 and heads[0].x + size / 2 <= module.right
    assert heads[0].y <= min(t.y for t in inside)  # the headline starts at the module's top
    assert story.article.headline in _page_text(pdf)


def _page_text(pdf: Path) -> str:
    import pypdfium2 as pdfium

    page = pdfium.PdfDocument(str(pdf))[0]
    return "".join(page.get_textpage().get_text_range().split())


def test_a_vertical_headline_beside_one_set_across_is_no_clash_but_two_vertical_ones_are():
    from layout.compose.allocate import CLASH_COST, Demand, Need, _Search

    def demand(vertical: bool) -> Demand:
        return Demand(2, None, lambda width: Need(20, 30, 25, 60, 4), lambda width: 28.0, 8, vertical)

    def clash(a: bool, b: bool) -> float:
        return _Search((demand(a), demand(b)), 8, 100, (), 126.0)._conventions([(0, 4), (1, 4)])

    assert clash(False, False) == clash(True, True) == CLASH_COST
    assert clash(True, False) == clash(False, True) == 0.0


def test_a_story_of_a_horizontal_page_set_vertically_in_tiers_in_its_module(tmp_path):
    from layout.build import compose
    from layout.compose.items import PlacedVertical
    from layout.model.document import Paragraph

    text = (VERTICAL / "mixed.toml").read_text(encoding="utf-8")
    spec = tmp_path / "page.toml"
    spec.write_text(text.replace('culture.txt"\nrank = 5\n', 'culture.txt"\nrank = 5\ndirection = "vertical"\n')
                    .replace('"../', f'"{VERTICAL}/../'), encoding="utf-8")
    composed = compose(str(spec))
    layout = composed.layout
    story = next(s for s in composed.inputs.stories if s.number == 5)
    assert story.direction == "vertical"
    module = next(b.rect for b in layout.blocks if b.name == "module:5")
    vertical_headline = next(s.article.headline for s in composed.inputs.stories
                             if s.headline_direction == "vertical")
    lines = [i for i in layout.items if isinstance(i, PlacedVertical) and i.line.text != vertical_headline]
    body = [i for i in lines if i.kind == "body"]
    assert [i.line.text for i in lines if i.kind == "headline"] and len(body) > 20
    assert all(module.x <= i.x - 4.5 and i.x + 4.5 <= module.right and module.y <= i.y
               and i.y + i.line.length <= module.bottom + 0.01 for i in lines)
    # Nothing lost and in order: the body lines read right to left, tier by tier, are the article.
    assert "".join(i.line.text for i in body) == "".join(
        b.text for b in story.article.body if isinstance(b, Paragraph))
    fit = next(f for f in layout.fit.stories if f.number == 5)
    assert fit.overset_lines == 0 and fit.body_lines == len(body)
    assert max(i.line.length for i in body) == pytest.approx(composed.inputs.spec.grid.tier_chars * 9.0)


@pytest.mark.parametrize(("change", "expected"), [
    (("headline_direction = \"vertical\"\n", "headline_direction = \"slanted\"\n"),
     "'story[3].headline_direction' is 'slanted'"),
    (("\n[grid]\n", "\n[grid]\ntiers = 3\n"), "'grid.tiers' is for vertical pages"),
    (("\n[grid]\n", "\n[grid]\ntier_chars = 12\n"), "'grid.tier_chars' is for vertical pages and stories"),
])
def test_a_wrong_direction_on_a_horizontal_page_is_one_line_naming_it(tmp_path, change, expected):
    text = (VERTICAL / "mixed.toml").read_text(encoding="utf-8")
    assert change[0] in text
    spec = tmp_path / "page.toml"
    spec.write_text(text.replace(change[0], change[1], 1).replace('"../', f'"{VERTICAL}/../'), encoding="utf-8")
    result = run("build", spec, "-o", tmp_path / "x.pdf")
    assert result.returncode == 1 and expected in result.stderr, result.stderr
    assert len(result.stderr.strip().splitlines()) == 1 and "Traceback" not in result.stderr


def test_a_vertical_headline_of_two_parts_is_set_a_line_a_part():
    from layout.compose.items import Rect
    from layout.compose.vertical import VerticalSetter, place_headlines
    from layout.model.page_spec import Style
    from layout.text.fonts import FontBook
    from layout.text.lines import TextStyle
    from layout.text.vertical_shape import VerticalGlyphs

    book = FontBook.load(language="zh-Hant")
    setter = VerticalSetter({"headline": VerticalGlyphs(book.glyph_source("headline"))},
                            TextStyle(punct_style="zh-Hant"))
    frame = Rect(0, 0, 300, 130)

    def heads(text: str, size: float) -> list:
        return list(place_headlines(setter, ((text, Style("headline", size), "headline"),), frame, 10)[0])

    two = heads("夜市攤販試行電子支付 老顧客也學會掃碼", 14)  # 10 characters of 14 pt do not fit 130 pt
    assert [h.line.text for h in two] == ["夜市攤販試行電子支付", "老顧客也學會掃碼"]
    assert two[0].line.runs[0].size == 13.0 and two[0].x - two[1].x == 13.0 * 1.25
    broken = heads("夜市攤販試行電子支付 老顧客也學會掃碼", 20)  # a part a line would be too small
    assert len(broken) > 2 and "".join(h.line.text for h in broken) == "夜市攤販試行電子支付 老顧客也學會掃碼"
    assert [h.line.text for h in heads("Wi-Fi 熱點 試辦", 14)] == ["Wi-Fi 熱點", "試辦"]  # parted between CJK only
