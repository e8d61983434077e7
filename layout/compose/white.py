"""The largest blank rectangle among placed items: the white a reader sees as a hole in the type.

Measured the way a proof is looked at (and the way pagecheck measures a page): the area is cut into
cells, every cell that ink touches is widened by one more cell (so leading and gutters are not
holes), and the largest rectangle of untouched cells is the white.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Iterator

from layout.compose.grid import EM_ASCENT
from layout.compose.items import PlacedImage, PlacedItem, PlacedRule, PlacedText, PlacedVertical, Rect

CELL_PT = 3.0
GROW_CELLS = 1
EM_DESCENT = 1.0 - EM_ASCENT
# A glyph inks less than its em box: a Han character's face leaves about this much of the em blank
# above and below it (more for Latin and marks), so the white between lines is a little taller.
FACE_INSET_EM = 0.06


def largest_blank_share(items: Iterable[PlacedItem], area: Rect) -> float:
    """The largest blank rectangle inside `area`, as a share of it."""
    columns, rows = math.ceil(area.width / CELL_PT), math.ceil(area.height / CELL_PT)
    if not columns or not rows:
        return 0.0
    inked = [bytearray(columns) for _ in range(rows)]
    for left, top, right, bottom in _ink_boxes(items):
        # The cells the ink touches: from the one holding its start to the one before the cell its end begins.
        first_col = max(math.floor((left - area.x) / CELL_PT) - GROW_CELLS, 0)
        last_col = min(math.ceil((right - area.x) / CELL_PT) - 1 + GROW_CELLS, columns - 1)
        first_row = max(math.floor((top - area.y) / CELL_PT) - GROW_CELLS, 0)
        last_row = min(math.ceil((bottom - area.y) / CELL_PT) - 1 + GROW_CELLS, rows - 1)
        if first_col > last_col or first_row > last_row:
            continue
        span = last_col - first_col + 1
        for row in range(first_row, last_row + 1):
            inked[row][first_col:last_col + 1] = b"\x01" * span
    return _largest_rectangle(inked, columns) / (columns * rows)


def _ink_boxes(items: Iterable[PlacedItem]) -> Iterator[tuple[float, float, float, float]]:
    """(left, top, right, bottom) in pt of what each item inks."""
    for item in items:
        if isinstance(item, PlacedText) and item.run.xs:
            size = item.run.size
            yield (item.x + item.run.xs[0], item.y - (EM_ASCENT - FACE_INSET_EM) * size,
                   item.x + item.run.xs[-1] + size, item.y + (EM_DESCENT - FACE_INSET_EM) * size)
        elif isinstance(item, PlacedImage):
            yield item.rect.x, item.rect.y, item.rect.right, item.rect.bottom
        elif isinstance(item, PlacedRule):
            half = item.width / 2
            yield (min(item.x1, item.x2) - half, min(item.y1, item.y2) - half,
                   max(item.x1, item.x2) + half, max(item.y1, item.y2) + half)
        elif isinstance(item, PlacedVertical):
            half = max((run.size for run in item.line.runs), default=0.0) / 2
            yield item.x - half, item.y, item.x + half, item.y + item.line.length


def _largest_rectangle(inked: list[bytearray], columns: int) -> int:
    """Cells of the largest all-blank rectangle: each row's blank heights, then the largest
    rectangle under that histogram with a stack (linear in the cells)."""
    heights = [0] * columns
    largest = 0
    for row in inked:
        heights = [0 if cell else height + 1 for cell, height in zip(row, heights)]
        stack: list[int] = []
        for index, height in enumerate(heights + [0]):
            while stack and heights[stack[-1]] >= height:
                tallest = heights[stack.pop()]
                width = index - (stack[-1] + 1 if stack else 0)
                largest = max(largest, tallest * width)
            stack.append(index)
    return largest
