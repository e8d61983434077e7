"""The page header (报眉) and the article's headline block (引题, 主题, 副题, byline)."""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass

from layout.compose.grid import EM_ASCENT, PageGrid
from layout.compose.items import PlacedItem, PlacedRule
from layout.compose.setting import TextSetter, head_halves, place_line, place_lines
from layout.errors import Problem
from layout.model.document import Article
from layout.model.page_spec import Paper, Style

HEADER_RULE_PT = 1.5
HEADER_RULE_ABOVE_TYPE_PT = 2.0
THIN_RULE_PT = 0.5
LEADING_FACTOR = 1.2
MAX_DISPLAY_LINES = 2  # a headline, kicker or subheadline longer than this is set smaller
MIN_DISPLAY_PT = 10.5  # display lines: 1.2 × size, rounded up to whole grid rows
PAUSE_BREAK_SCALE = 0.85  # a two-line headline may be set this much smaller to break at its pause
UNBOUNDED_PT = 1.0e5
SLUG_PT = 7.5
SLUG_BELOW_TYPE_PT = 12.0  # the slug's baseline under the type area's foot
SLUG_LEADING_PT = 9.0  # a slug stacked in three lines on a narrow galley


@dataclass(frozen=True, slots=True)
class Stacked:
    """Items of a block stacked from a grid row, and how many rows they took."""

    items: tuple[PlacedItem, ...]
    rows: int
    problems: tuple[Problem, ...] = ()


def compose_header(paper: Paper, styles: Mapping[str, Style], grid: PageGrid,
                   setter: TextSetter) -> tuple[PlacedItem, ...]:
    """The 报眉 above the type area: 版次 and 版名 left, paper name centred, date right, a rule."""
    header, masthead = styles["header"], styles["masthead"]
    rule_y = grid.top - HEADER_RULE_ABOVE_TYPE_PT  # close: the first row has white of its own above its type
    baseline = rule_y - 0.45 * masthead.size
    items: list[PlacedItem] = []
    left_text = "　".join(t for t in (f"第{paper.edition}版" if paper.edition else "", paper.section) if t)
    credit = "　".join(t for t in (f"责任编辑　{paper.editor}" if paper.editor else "",
                                    f"美术编辑　{paper.art_editor}" if paper.art_editor else "") if t)
    for text, style, align in ((left_text, header, "left"), (paper.name, masthead, "center"),
                               (paper.date, header, "right")):
        if text:
            lines = setter.set(text, grid.width, style, align=align)
            items += place_lines(lines[:1], grid.left, baseline, 0, "header")
    if credit:
        small = Style(header.role, max(7.5, header.size * 0.75))
        lines = setter.set(credit, grid.width, small, align="right")
        items += place_lines(lines[:1], grid.left, baseline - header.size * 1.4, 0, "header")
    items.append(PlacedRule(grid.left, rule_y, grid.left + grid.width, rule_y, HEADER_RULE_PT))
    return tuple(items)


def compose_slug(parts: tuple[str, str, str], style: Style, grid: PageGrid,
                 setter: TextSetter) -> tuple[PlacedItem, ...]:
    """A galley proof's slug line right under the type area, in place of the 报眉: left, centre, right;
    on a galley too narrow for the three side by side, one under the other.

    At the foot, not the head: a line above the headline would leave a band of white between them."""
    small = Style(style.role, SLUG_PT)
    lines = [setter.set(text, grid.width, small, align="left")[0] for text in parts]
    baseline = grid.bottom + SLUG_BELOW_TYPE_PT
    if sum(line.width for line in lines) + 2 * SLUG_PT > grid.width:  # centred, the widest first: the white
        stacked = sorted(lines, key=lambda line: -line.width)           # beside them is halved on either side
        return tuple(item for index, line in enumerate(stacked)
                     for item in place_line(line, grid.left + (grid.width - line.width) / 2,
                                            baseline + index * SLUG_LEADING_PT, "header"))
    room = [grid.width - line.width for line in lines]
    return tuple(item for line, offset in zip(lines, (0.0, room[1] / 2, room[2]))  # left, centre, right
                 for item in place_line(line, grid.left + offset, baseline, "header"))


def compose_headline_block(article: Article, styles: Mapping[str, Style], grid: PageGrid, setter: TextSetter,
                           span: tuple[int, int], air: int = 0) -> Stacked:
    """Kicker, headline, subheadline and byline centred over `span` (first column, columns), with `air`
    more rows of white between them (how a module a little taller than its story fills): one row
    between two parts at a time, so the white never stands as one band."""
    first_column, columns = span
    x, measure = grid.column_x(first_column), grid.span_width(columns)
    parts = [(kind, text) for kind, text in (("kicker", article.kicker), ("headline", article.headline),
                                             ("subheadline", article.subheadline), ("byline", article.byline)) if text]
    gaps = _air_rows(air, len(parts))
    items: list[PlacedItem] = []
    problems: list[Problem] = []
    row = gaps[0]
    for (kind, text), gap in zip(parts, gaps[1:]):
        style, lines = _fit_display_lines(text, measure, styles[kind], setter)
        if style.size < styles[kind].size:
            problems.append(Problem("long-" + kind, f"the {kind} is {len(text)} characters: set at "
                                    f"{style.size:g} pt instead of {styles[kind].size:g} pt, in {len(lines)} lines",
                                    article.source, f"shorten the {kind}"))
        rows_per_line = grid.rows_for(style.size * LEADING_FACTOR)
        leading = rows_per_line * grid.pitch
        block_height = len(lines) * leading
        # The kicker sits low in its rows and the lines under the headline high in theirs, so the
        # block reads as one: no band of white between its parts.
        slack = leading - style.size
        lead_in = {"kicker": slack * 0.8, "headline": slack / 2}.get(kind, slack * 0.2)
        first_baseline = grid.row_top(row) + lead_in + EM_ASCENT * style.size
        colour = "headline" if kind == "headline" else "black"
        items += place_lines(lines, x, first_baseline, leading, kind, colour)
        row += grid.rows_for(block_height) + gap
    rule_y = grid.row_top(row) + grid.pitch / 2
    items.append(PlacedRule(x, rule_y, x + measure, rule_y, THIN_RULE_PT, "rule"))
    return Stacked(tuple(items), row + 1, tuple(problems))


def _air_rows(air: int, parts: int) -> list[int]:
    """Rows of white above the first part and after each part: between the parts first, in turn,
    then above and below the block."""
    gaps = [0] * (parts + 1)
    inner = list(range(1, parts)) or [0, parts]
    for index in range(air):
        gaps[inner[index % len(inner)]] += 1
    return gaps


def _fit_display_lines(text: str, measure: float, style: Style, setter: TextSetter):
    """Display text in at most two lines: a longer one is set smaller, down to a third of its size; one
    in two lines that has a pause is set up to PAUSE_BREAK_SCALE smaller to break there, not in a word."""
    lines = setter.set_head(text, measure, style)
    smallest = max(style.size / 3, MIN_DISPLAY_PT)
    while len(lines) > MAX_DISPLAY_LINES and style.size * 0.9 >= smallest:
        style = Style(style.role, round(style.size * 0.9, 1))
        lines = setter.set_head(text, measure, style)
    halves = head_halves(text)
    if len(lines) == MAX_DISPLAY_LINES and halves is not None and lines[0].text.strip() != halves[0]:
        widest = max(setter.set(half, UNBOUNDED_PT, style, align="left")[0].width for half in halves)
        scale = min(math.floor(measure / widest * style.size * 10) / 10 / style.size, 1.0)
        if scale >= PAUSE_BREAK_SCALE:
            smaller = Style(style.role, round(style.size * scale, 1))
            at_pause = setter.set_head(text, measure, smaller)
            if len(at_pause) == MAX_DISPLAY_LINES:
                return smaller, at_pause
    return style, lines
