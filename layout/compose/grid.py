"""The page grid: column x positions and baseline rows, from the page spec."""

from __future__ import annotations

from dataclasses import dataclass

from layout.compose.items import Rect
from layout.model.page_spec import PageSpec

# Ideographic em box of CJK fonts: 0.88 em above the baseline, 0.12 below
# (Noto CJK's ideographic embox, OpenType BASE ideo/idtp).
EM_ASCENT = 0.88


@dataclass(frozen=True, slots=True)
class PageGrid:
    """Columns and rows of the type area; row r spans [top + r·pitch, top + (r+1)·pitch)."""

    left: float
    top: float
    column_width: float
    gutter: float
    columns: int
    pitch: float
    rows: int
    body_size: float

    @classmethod
    def from_spec(cls, spec: PageSpec) -> "PageGrid":
        x, y, width, height = spec.type_area
        grid = spec.grid
        left = x + (width - grid.width) / 2  # the grid is centred in the type area
        # and stands on its foot: a part-row left over goes above it, with the 报眉, not under the last line
        top = y + height - spec.rows * grid.line_pitch
        return cls(left, top, grid.column_width, grid.gutter, grid.columns, grid.line_pitch,
                   spec.rows, grid.body_size)

    @property
    def width(self) -> float:
        return self.span_width(self.columns)

    @property
    def bottom(self) -> float:
        return self.row_top(self.rows)

    def column_x(self, column: int) -> float:
        """Left edge of a column."""
        return self.left + column * (self.column_width + self.gutter)

    def span_width(self, columns: int) -> float:
        """Width of `columns` adjacent columns and the gutters between them."""
        return columns * self.column_width + (columns - 1) * self.gutter

    def row_top(self, row: int) -> float:
        return self.top + row * self.pitch

    def baseline(self, row: int, size: float | None = None) -> float:
        """Baseline of text of `size` centred in row `row` (the body baseline grid)."""
        size = self.body_size if size is None else size
        return self.row_top(row) + (self.pitch - size) / 2 + EM_ASCENT * size

    def sub(self, column: int, row: int, columns: int, rows: int) -> "PageGrid":
        """The grid of a module: `columns` columns from `column`, `rows` rows from `row`."""
        return PageGrid(self.column_x(column), self.row_top(row), self.column_width, self.gutter, columns,
                        self.pitch, rows, self.body_size)

    def area(self, column: int, row: int, columns: int, rows: int) -> Rect:
        """The rectangle of a grid area."""
        return Rect(self.column_x(column), self.row_top(row), self.span_width(columns), rows * self.pitch)

    def rows_for(self, height: float) -> int:
        """Whole grid rows needed to hold `height` pt."""
        return max(1, -int(-(height - 0.01) // self.pitch))
