"""The galley proof (小样) of one article: one module at the page grid's measure, as tall as it needs."""

from __future__ import annotations

import math
from dataclasses import replace
from datetime import datetime, timezone
from pathlib import Path

from layout.compose.grid import PageGrid
from layout.compose.heads import SLUG_LEADING_PT
from layout.compose.items import Rect
from layout.compose.module import StoryContent, compose_module, rows_needed
from layout.compose.rank_styles import story_styles
from layout.compose.setting import TextSetter
from layout.compose.white import largest_blank_share
from layout.model.document import Article
from layout.model.page_spec import Grid, PageSpec
from layout.units import mm

SIDE_MARGIN_MM = 15.0
TOP_MARGIN_MM = 12.0
FOOT_MARGIN_MM = 7.0  # the slug line stands in it, right under the text
NARROW_SLUG_PT = 200.0  # a galley narrower than this stacks its slug
MAX_SHORT_LINES = 1  # a column of a galley may end a line short of the others
MAX_WHITE_SHARE = 0.015  # the largest blank rectangle a galley may show, as a share of its area
PORTRAIT = math.sqrt(2)  # the shape a galley aims at: height / width of an A-series sheet
MAX_ASPECT = 10.0  # a galley taller than this for its width is a strip, not a page
MAX_ROWS = 400  # a galley taller than this has too few columns


def galley_spec(spec: PageSpec, content: StoryContent, setter: TextSetter) -> PageSpec:
    """The page spec of a galley: the number of columns that gives the article the most reasonable shape,
    and a page exactly as tall as the article at its pictures' natural size."""
    # Kept between builds: a rebuild of the same article, styles and grid takes the same shape.
    columns, rows = setter.memo.get(("galley shape", content, spec.grid, spec.styles),
                                    lambda: _shape(spec.grid, content, spec, setter))
    grid = replace(spec.grid, columns=columns)
    side, top, foot = mm(SIDE_MARGIN_MM), mm(TOP_MARGIN_MM), mm(FOOT_MARGIN_MM)
    if grid.width < NARROW_SLUG_PT:  # the slug's three parts stand one under the other
        foot += 2 * SLUG_LEADING_PT
    trim = (grid.width + 2 * side, top + rows * grid.line_pitch + foot)
    return replace(spec, grid=grid, trim=trim, margins=(top, side, foot, side))


def _shape(grid: Grid, content: StoryContent, spec: PageSpec, setter: TextSetter) -> tuple[int, int]:
    """Columns and rows for the article: no taller than MAX_ASPECT for its width where it can be, with
    columns that end level (a 小标题 kept with its lines can leave one short), then the least white
    beyond MAX_WHITE_SHARE (when no shape keeps within it, the whitest loses, not the least upright),
    then the shape closest to an upright A-series sheet, never over MAX_ROWS."""
    best: tuple[tuple[bool, bool, float, float], int, int] | None = None
    for columns in range(1, grid.columns + 1):
        template = PageGrid(0.0, 0.0, grid.column_width, grid.gutter, columns, grid.line_pitch, MAX_ROWS,
                            grid.body_size)
        styles = story_styles(spec.styles, 1, content.story.article.headline, template.width)
        rows = rows_needed(content, columns, MAX_ROWS, template, styles, setter).natural
        if rows >= MAX_ROWS:
            continue
        module = replace(template, rows=rows)
        layout = compose_module(content, module, styles, setter)
        ragged = max(layout.fit.underset_lines) > MAX_SHORT_LINES
        white = largest_blank_share(layout.items, Rect(0.0, 0.0, module.width, rows * module.pitch))
        aspect = rows * grid.line_pitch / template.width
        score = (aspect > MAX_ASPECT, ragged, max(white, MAX_WHITE_SHARE), abs(math.log(aspect / PORTRAIT)))
        if best is None or score < best[0]:
            best = (score, columns, rows)
    if best is None:  # even all the columns would be taller than MAX_ROWS: take them all
        return grid.columns, MAX_ROWS
    return best[1], best[2]


def galley_slug(article_path: Path, article: Article, lines_per_column: int) -> tuple[str, str, str]:
    """The slug that replaces the masthead: file; 字数 and lines per column; the file's own date and time
    (not the build's, so a rebuild is byte-identical)."""
    stamp = datetime.fromtimestamp(int(article_path.stat().st_mtime), tz=timezone.utc)
    return (article_path.name, f"{article_chars(article)}字　每栏{lines_per_column}行", f"{stamp:%Y-%m-%d %H:%M} UTC")


def article_chars(article: Article) -> int:
    """字数: the characters a reader reads, spaces not counted."""
    parts = [article.kicker or "", article.headline, article.subheadline or "", article.byline or ""]
    parts += [block.text for block in article.body] + [figure.caption for figure in article.figures]
    return sum(1 for part in parts for char in part if not char.isspace())

