"""The gallery: artworks in justified rows, never cropped, captions on shared baselines."""

from __future__ import annotations

from dataclasses import dataclass
from itertools import combinations

from layout.compose.figures import Asset, caption_lines
from layout.compose.grid import EM_ASCENT, PageGrid
from layout.compose.items import BlockArea, PlacedImage, PlacedItem, PlacedRule, Rect
from layout.compose.setting import TextSetter, place_lines
from layout.model.page_spec import Style

MAX_ROWS_OF_ART = 3
TITLE_ROWS = 3
MIN_CAPTION_WIDTH_EM = 6  # a caption narrower than this would break every few characters


@dataclass(frozen=True, slots=True)
class ArtRow:
    """One justified row of artworks: their assets, picture height in pt and caption rows."""

    assets: tuple[Asset, ...]
    height: float
    caption_rows: int


@dataclass(frozen=True, slots=True)
class GalleryPlan:
    """Rows of artworks scaled by `scale` (1 = full width) and the grid rows they take."""

    rows: tuple[ArtRow, ...]
    scale: float
    grid_rows: int


def _partitions(count: int, parts: int):
    """Every split of `count` items, in order, into `parts` non-empty runs."""
    for cuts in combinations(range(1, count), parts - 1):
        bounds = (0, *cuts, count)
        yield [(bounds[i], bounds[i + 1]) for i in range(parts)]


def _row_height(assets: tuple[Asset, ...], width: float, gap: float) -> float:
    """Picture height that makes a row of artworks exactly `width` wide."""
    return (width - gap * (len(assets) - 1)) / sum(a.aspect for a in assets)


class GalleryPlanner:
    """Every way to set the artworks (splits into 1–3 rows × scales), sized once, chosen by rows.

    Copyfitting asks for the best gallery in many heights; each candidate's
    height in grid rows is worked out once, so an answer is a scan, not a layout.
    """

    def __init__(self, assets: tuple[Asset, ...], width: float, grid: PageGrid, caption_rows_of):
        """`caption_rows_of(asset, width)` tells how many lines a caption takes at a width."""
        gap = 2 * grid.gutter
        self.candidates: list[tuple[float, GalleryPlan]] = []
        for parts in range(1, min(MAX_ROWS_OF_ART, len(assets)) + 1):
            for split in _partitions(len(assets), parts):
                groups = [assets[a:b] for a, b in split]
                heights = [_row_height(g, width, gap) for g in groups]
                if min(heights) <= 0:  # the gaps alone are wider than the row: too many works in it
                    continue
                for scale in SCALES:
                    plan = _plan_at(groups, heights, scale, grid, caption_rows_of)
                    self.candidates.append((_area(plan), plan))
        self.candidates.sort(key=lambda candidate: -candidate[0])

    def plan(self, available_rows: int) -> GalleryPlan | None:
        """The largest gallery that fits `available_rows`, or None."""
        return next((plan for _, plan in self.candidates if plan.grid_rows <= available_rows), None)


SCALES = tuple(round(1.0 - 0.02 * step, 2) for step in range(36))  # 1.00 down to 0.30


def _plan_at(groups, heights, scale: float, grid: PageGrid, caption_rows_of) -> GalleryPlan:
    """The rows of artworks at `scale` of full width, with their captions and title in grid rows."""
    rows = []
    for group, height in zip(groups, heights):
        h = height * scale
        captions = max(caption_rows_of(a, a.aspect * h) for a in group)
        rows.append(ArtRow(tuple(group), h, captions))
    total = TITLE_ROWS + sum(grid.rows_for(r.height) + r.caption_rows for r in rows)
    return GalleryPlan(tuple(rows), scale, total)


def _area(plan: GalleryPlan) -> float:
    return sum(r.height * r.height * sum(a.aspect for a in r.assets) for r in plan.rows)


def compose_gallery(title: str, plan: GalleryPlan, grid: PageGrid, at: tuple[int, int, int], setter: TextSetter,
                    styles: tuple[Style, Style]) -> tuple[list[PlacedItem], BlockArea]:
    """Place the title, then each row of artworks centred, bottoms on a grid row, captions below.

    `at` is (first column, first row, columns) of the gallery's area.
    """
    title_style, caption_style = styles
    first_column, first_row, columns = at
    x0, width = grid.column_x(first_column), grid.span_width(columns)
    rule_y = grid.row_top(first_row) + grid.pitch * 0.5
    items: list[PlacedItem] = [PlacedRule(x0, rule_y, x0 + width, rule_y, 0.5, "rule")]
    lines = setter.set(title, width, title_style, align="center")
    band = (TITLE_ROWS - 1) * grid.pitch
    baseline = grid.row_top(first_row + 1) + (band - title_style.size) / 2 + EM_ASCENT * title_style.size
    items += place_lines(lines[:1], x0, baseline, 0, "gallery_title")
    row = first_row + TITLE_ROWS
    gap = 2 * grid.gutter
    for art_row in plan.rows:
        picture_rows = grid.rows_for(art_row.height)
        bottom = grid.row_top(row + picture_rows)
        widths = [a.aspect * art_row.height for a in art_row.assets]
        x = x0 + (width - sum(widths) - gap * (len(widths) - 1)) / 2
        for asset, w in zip(art_row.assets, widths):
            rect = Rect(x, bottom - art_row.height, w, art_row.height)
            items.append(PlacedImage(rect, asset.path, asset.figure.caption, crop=False))
            caption_width = max(w, MIN_CAPTION_WIDTH_EM * caption_style.size)
            cap = caption_lines(asset, caption_width, setter, caption_style)
            first_baseline = grid.baseline(row + picture_rows, caption_style.size)
            items += place_lines(cap, x + (w - caption_width) / 2, first_baseline, grid.pitch, "caption")
            x += w + gap
        row += picture_rows + art_row.caption_rows
    area = grid.area(first_column, first_row, columns, row - first_row)
    return items, BlockArea("gallery", area)
