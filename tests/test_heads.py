"""Display heads: where a headline of two lines breaks, and at what size."""

import pytest

from layout.compose.grid import PageGrid
from layout.compose.heads import PAUSE_BREAK_SCALE, compose_headline_block
from layout.compose.items import PlacedText
from layout.compose.setting import TextSetter
from layout.model.page_spec import DEFAULT_STYLES
from layout.model.parse_article import parse_article
from layout.text.lines import TextStyle


@pytest.fixture(scope="module")
def setter(book):
    roles = {style.role for style in DEFAULT_STYLES.values()}
    return TextSetter({role: book.glyph_source(role) for role in roles}, TextStyle(punct_style="ja"))


def headline_lines(setter, headline: str, columns: int) -> list[tuple[str, float]]:
    article = parse_article(f"# {headline}\n\n本文。\n", "a.txt")
    grid = PageGrid(0.0, 0.0, 117.0, 9.0, columns, 13.5, 40, 9.0)
    styles = dict(DEFAULT_STYLES)
    block = compose_headline_block(article, styles, grid, setter, (0, columns))
    lines: dict[float, list] = {}
    for item in block.items:
        if isinstance(item, PlacedText) and item.kind == "headline":
            lines.setdefault(item.y, []).append(item.run)
    return [("".join(run.text for run in runs), runs[0].size) for _, runs in sorted(lines.items())]


def test_a_two_line_headline_breaks_at_its_pause_a_little_smaller(setter):
    """「東京で初雪、平年より十日早く」 in one column: two lines of seven would cut 平年 in two; set a little
    smaller, it breaks after the 、 as a layout editor would."""
    lines = headline_lines(setter, "東京で初雪、平年より十日早く", 1)
    assert [text for text, _ in lines] == ["東京で初雪、", "平年より十日早く"]
    plain = headline_lines(setter, "東京で初雪と平年より十日早く", 1)  # no pause: seven and seven
    assert [len(text) for text, _ in plain] == [7, 7]
    assert PAUSE_BREAK_SCALE * plain[0][1] <= lines[0][1] < plain[0][1]


def test_a_headline_that_fits_one_line_keeps_its_size(setter):
    lines = headline_lines(setter, "東京で初雪、平年より十日早く", 8)
    assert len(lines) == 1 and lines[0][1] == DEFAULT_STYLES["headline"].size
