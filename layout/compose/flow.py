"""Pouring an article's set lines into column slots on the grid, and balancing the columns."""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from dataclasses import dataclass

from layout.compose.grid import EM_ASCENT, PageGrid
from layout.compose.items import PlacedText
from layout.compose.setting import TextSetter, place_line
from layout.model.document import Article, SectionHead
from layout.model.page_spec import Style
from layout.model.story import CONTINUED_FROM
from layout.text.lines import Line

HEAD_EXTRA_ROWS = 1  # a 小标题 takes a row per line plus one, its lines centred in the block
KEEP_LINES_AFTER_HEAD = 2  # a section head never stands at a column foot (keep with next)


@dataclass(frozen=True, slots=True)
class FlowItem:
    """One body line (1 row) or one section head (whole rows, kept with what follows)."""

    lines: tuple[Line, ...]
    rows: int
    kind: str  # "body", "section_head" or "byline"
    size: float
    block: int = 0  # the article body block it comes from

    @property
    def chars(self) -> int:
        return sum(len(line.text) for line in self.lines)


@dataclass(frozen=True, slots=True)
class Slot:
    """Free rows of one column the body may fill: `rows` rows from row `row`."""

    column: int
    row: int
    rows: int


@dataclass(frozen=True, slots=True)
class Poured:
    """What fitted (item, column, row) and what is left over (the overset)."""

    placed: tuple[tuple[FlowItem, int, int], ...]
    remainder: tuple[FlowItem, ...]
    used: tuple[int, ...]  # rows used in each slot

    @property
    def overset_chars(self) -> int:
        return sum(item.chars for item in self.remainder)

    @property
    def overset_lines(self) -> int:
        return sum(item.rows for item in self.remainder)


def body_items(article: Article, measure: float, styles: tuple[Style, Style], setter: TextSetter,
               byline: Style | None = None) -> tuple[FlowItem, ...]:
    """The article body set to the column measure, as flow items in reading order; `styles` are body and
    head. With a `byline` style the byline opens the first column (a story below the 头条 has no room
    for it in its headline block: there it would stand alone in a band of white)."""
    body, head = styles
    items: list[FlowItem] = []
    if byline is not None and article.byline:
        lines = setter.set(article.byline, measure, byline, align="left")
        items.append(FlowItem(lines, len(lines), "byline", byline.size))
    for index, block in enumerate(article.body):
        if isinstance(block, SectionHead):
            lines = setter.set_head(block.text, measure, head)
            items.append(FlowItem(lines, len(lines) + HEAD_EXTRA_ROWS, "section_head", head.size, index))
        else:
            indent = 0.0 if block.text.startswith(CONTINUED_FROM) else 2.0  # a jump's rest runs on
            lines = setter.set(block.text, measure, body, indent_em=indent)
            items.extend(FlowItem((line,), 1, "body", body.size, index) for line in lines)
    return tuple(items)


def pour(items: tuple[FlowItem, ...], slots: tuple[Slot, ...]) -> Poured:
    """Fill the slots in order, top to bottom; a head moves on rather than end a slot.

    Runs of body lines are taken a slot at a time by bisecting the rows' prefix
    sums, so copyfitting can try thousands of slot sets quickly.
    """
    cumulative = [0]
    for item in items:
        cumulative.append(cumulative[-1] + item.rows)
    heads = [i for i, item in enumerate(items) if item.kind == "section_head"]
    placed: list[tuple[FlowItem, int, int]] = []
    used: list[int] = []
    start = 0
    for slot in slots:
        end = bisect_right(cumulative, cumulative[start] + slot.rows, lo=start) - 1
        end = _keep_heads_with_next(heads, cumulative, start, end, slot.rows)
        row = slot.row
        for item in items[start:end]:
            placed.append((item, slot.column, row))
            row += item.rows
        used.append(cumulative[end] - cumulative[start])
        start = end
    return Poured(tuple(placed), items[start:], tuple(used))


def _keep_heads_with_next(heads: list[int], cumulative: list[int], start: int, end: int,
                          capacity: int) -> int:
    """Where a slot must end so that no head in it is parted from the lines it keeps."""
    last = len(cumulative) - 1
    for head in reversed(heads[bisect_left(heads, start) : bisect_left(heads, end)]):
        kept = min(head + 1 + KEEP_LINES_AFTER_HEAD, last)
        if kept <= end or head == start and cumulative[kept] - cumulative[start] > capacity:
            break
        end = head
    return end


def place_poured(poured: Poured, grid: PageGrid) -> list[PlacedText]:
    """The placed runs of every poured item: body lines on the baseline grid."""
    texts: list[PlacedText] = []
    for item, column, row in poured.placed:
        x = grid.column_x(column)
        if item.kind == "body":
            texts += place_line(item.lines[0], x, grid.baseline(row), "body")
            continue
        if item.kind == "byline":
            for index, line in enumerate(item.lines):
                texts += place_line(line, x, grid.baseline(row + index, item.size), "byline")
            continue
        lines_height = (len(item.lines) - 1) * grid.pitch + item.size
        top = grid.row_top(row) + (item.rows * grid.pitch - lines_height) / 2
        for index, line in enumerate(item.lines):
            baseline = top + index * grid.pitch + EM_ASCENT * item.size
            texts += place_line(line, x, baseline, "section_head")
    return texts
