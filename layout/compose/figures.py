"""Photos on the grid: a picture cropped to whole columns × whole rows, its caption beneath."""

from __future__ import annotations

from dataclasses import dataclass

from layout.compose.grid import PageGrid
from layout.compose.items import BlockArea, PlacedImage, PlacedItem
from layout.compose.setting import TextSetter, place_lines
from layout.model.document import Figure
from layout.model.page_spec import Style

CAPTION_GAP_ROWS = 0  # the caption's first baseline sits in the row right under the picture


@dataclass(frozen=True, slots=True)
class Asset:
    """A figure's resolved image: its path and pixel size, or None when it is missing."""

    figure: Figure
    path: str | None
    size_px: tuple[int, int] | None

    @property
    def aspect(self) -> float:
        """Width / height of the picture (3:2 for a missing photo, 3:4 for a missing artwork)."""
        if self.size_px is None:
            return 1.5 if self.figure.kind == "photo" else 0.75
        width, height = self.size_px
        return width / height


@dataclass(frozen=True, slots=True)
class PhotoFrame:
    """A photo's grid area: columns from `column`, picture rows and caption rows from `row`."""

    asset: Asset
    column: int
    columns: int
    row: int
    picture_rows: int
    caption_rows: int

    @property
    def rows(self) -> int:
        return self.picture_rows + self.caption_rows


def caption_lines(asset: Asset, width: float, setter: TextSetter, style: Style):
    """The caption of a figure set to `width`, centred."""
    return setter.set(asset.figure.caption, width, style, align="center")


def compose_photo(frame: PhotoFrame, grid: PageGrid, setter: TextSetter,
                  style: Style) -> tuple[list[PlacedItem], BlockArea]:
    """The picture, cropped to fill its area, and the caption on the grid rows beneath it."""
    picture = grid.area(frame.column, frame.row, frame.columns, frame.picture_rows)
    items: list[PlacedItem] = [
        PlacedImage(picture, frame.asset.path, frame.asset.figure.caption, crop=True)
    ]
    lines = caption_lines(frame.asset, picture.width, setter, style)
    first_row = frame.row + frame.picture_rows + CAPTION_GAP_ROWS
    items += place_lines(lines, picture.x, grid.baseline(first_row, style.size), grid.pitch, "caption")
    area = grid.area(frame.column, frame.row, frame.columns, frame.rows)
    return items, BlockArea(f"photo:{frame.asset.figure.title or frame.asset.figure.caption}", area)
