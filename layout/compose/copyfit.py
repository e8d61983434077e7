"""Copyfitting: choose photo heights and the body's foot so the article fills its columns exactly."""

from __future__ import annotations

from dataclasses import dataclass, replace
from functools import lru_cache

from layout.compose.figures import Asset
from layout.compose.flow import FlowItem, Poured, Slot, pour
from layout.compose.gallery import GalleryPlan
from layout.compose.grid import PageGrid

MIN_PHOTO_ROWS = 8
MIN_BODY_ROWS = 4  # a photo leaves at least this many lines of text under it in its module
KEPT_SHARE = 0.6  # a crop keeps at least 60 % of the picture's width or height
MIN_PPI = 150.0  # a picture is never printed larger than its pixels allow at this resolution
OVERSET_LINE_COST = 100_000.0  # losing a line outweighs any amount of white space
STRAY_COLUMN_COST = 60.0
COARSE_STEPS = 8  # copyfit first tries about this many heights per photo
MAX_UNDERSET_PER_COLUMN = 2  # a column foot may stay empty for at most two lines
GAP_ROWS = 1  # between a photo's caption and the text under it, and above the gallery


@dataclass(frozen=True, slots=True)
class PhotoSlot:
    """Where a photo goes across the columns, and the rows its caption needs there."""

    asset: Asset
    column: int
    columns: int
    caption_rows: int


@dataclass(frozen=True, slots=True)
class Fit:
    """One candidate page: photo picture rows, the body's foot row, what poured and the gallery."""

    photo_rows: tuple[int, ...]
    body_bottom: int
    poured: Poured
    slots: tuple[Slot, ...]
    gallery: GalleryPlan | None
    cost: float
    reserved: int = 0  # rows kept for the gallery whatever happens to the text


def photo_arrangements(count: int, columns: int) -> tuple[tuple[tuple[int, int], ...], ...]:
    """Ways to set `count` photos side by side as (first column, columns) spans.

    The lead photo widest with the rest sharing what is left; and, for a page
    whose text is short, one photo across every column (通栏).
    """
    if count == 0:
        return ((),)
    if count == 1:
        return (((0, min(columns, max(2, round(columns * 0.625)))),), ((0, columns),))
    lead = max(1, columns // 2, columns - 3 * (count - 1))
    lead = max(1, min(lead, columns - (count - 1)))  # every photo keeps a column, while there are enough
    rest = columns - lead
    others = min(count - 1, rest)
    widths = [rest // others + (1 if i < rest % others else 0) for i in range(others)]
    spans, column = [(0, lead)], lead
    for width in widths:
        spans.append((column, width))
        column += width
    return (tuple(spans),)


@dataclass(frozen=True, slots=True)
class Area:
    """A block's grid area: `columns` columns from `column`, `rows` rows from `row`."""

    column: int
    row: int
    columns: int
    rows: int


def body_slots(grid: PageGrid, top: int, bottom: int, photos: tuple[PhotoSlot, ...],
               photo_rows: tuple[int, ...], fixed: tuple[Area, ...] = ()) -> tuple[Slot, ...]:
    """Each column's free rows between the photos' captions and the body's foot, around fixed blocks."""
    starts = [top] * grid.columns
    for photo, rows in zip(photos, photo_rows):
        for column in range(photo.column, photo.column + photo.columns):
            starts[column] = top + rows + photo.caption_rows + GAP_ROWS
    slots = []
    for column in range(grid.columns):
        free = [(starts[column], bottom)]
        for area in fixed:
            if area.column <= column < area.column + area.columns:
                free = _cut(free, area.row - GAP_ROWS, area.row + area.rows + GAP_ROWS)
        slots += [Slot(column, a, b - a) for a, b in free if b > a] or [Slot(column, starts[column], 0)]
    return tuple(slots)


def _cut(intervals: list[tuple[int, int]], start: int, end: int) -> list[tuple[int, int]]:
    """Row intervals with [start, end) taken out."""
    out = []
    for a, b in intervals:
        out += [(a, min(b, start))] if a < start else []
        out += [(max(a, end), b)] if b > end else []
    return [(a, b) for a, b in out if b > a]


def natural_rows(photo: PhotoSlot, grid: PageGrid) -> int:
    """Picture rows that keep a photo's own aspect ratio at its column span."""
    return grid.rows_for(grid.span_width(photo.columns) / photo.asset.aspect)


def choose_fit(items: tuple[FlowItem, ...], grid: PageGrid, top: int, photos: tuple[PhotoSlot, ...],
               plan_gallery=None, fixed: tuple[Area, ...] = ()) -> Fit:
    """The cheapest candidate over photo heights.

    `plan_gallery(rows)` sizes the gallery in `rows` grid rows (None when it cannot
    fit); without a gallery the body may run to the foot of the page.
    """
    plan_gallery = lru_cache(maxsize=None)(plan_gallery) if plan_gallery else None
    reserved = _gallery_min_rows(grid, top, plan_gallery)
    ranges = _photo_ranges(photos, grid, top, fixed)
    best: Fit | None = None
    # Coarse to fine: every few rows over the whole ranges, then row by row around the best.
    strides = [max(1, len(r) // COARSE_STEPS) for r in ranges]
    for candidates in (_grid_points(ranges, strides), None):
        if candidates is None:
            centre = best.photo_rows if best else ()
            candidates = _grid_points([range(max(r.start, c - s), min(r.stop, c + s + 1))
                                       for r, c, s in zip(ranges, centre, strides)], [1] * len(ranges))
        for photo_rows in candidates:
            fit = _fit_for(items, grid, (top, grid.rows - reserved), (photos, photo_rows, fixed), plan_gallery)
            if best is None or fit.cost < best.cost:
                best = fit
    assert best is not None  # the ranges are never empty
    return replace(best, reserved=reserved)


def refit(items: tuple[FlowItem, ...], grid: PageGrid, top: int, photos: tuple[PhotoSlot, ...],
          chosen: tuple[tuple[int, ...], int], plan_gallery=None, fixed: tuple[Area, ...] = ()) -> Fit:
    """The Fit of photo rows and reserved gallery rows chosen before (by choose_fit, in an earlier build)."""
    photo_rows, reserved = chosen
    fit = _fit_for(items, grid, (top, grid.rows - reserved), (photos, photo_rows, fixed), plan_gallery)
    return replace(fit, reserved=reserved)


def photo_rows_range(photo: PhotoSlot, grid: PageGrid, room: int) -> range:
    """Picture heights a photo may take in `room` rows: a crop keeps KEPT_SHARE of each side, no
    more than its pixels allow at MIN_PPI, and never taller than the room (a crop fills the frame).
    Empty when the room cannot hold the photo cropped as far as allowed."""
    width, aspect = grid.span_width(photo.columns), photo.asset.aspect
    shortest = grid.rows_for(width * KEPT_SHARE / aspect)  # the height cut to KEPT_SHARE
    tallest = int(width / (aspect * KEPT_SHARE) // grid.pitch)  # the width cut to KEPT_SHARE
    if photo.asset.size_px is not None:
        tallest = min(tallest, int(photo.asset.size_px[1] * 72 / MIN_PPI // grid.pitch))
    high = min(tallest, room)
    return range(min(max(MIN_PHOTO_ROWS, shortest), max(shortest, high)), high + 1)


def _photo_ranges(photos: tuple[PhotoSlot, ...], grid: PageGrid, top: int, fixed: tuple[Area, ...]) -> list[range]:
    """Picture heights to try for each photo, between its crop, resolution and room limits, and ending
    above any block the spec placed in its columns (a photo never runs into a placed block)."""
    ranges = []
    for photo in photos:
        room = grid.rows - top - photo.caption_rows
        for area in fixed:
            if area.column < photo.column + photo.columns and photo.column < area.column + area.columns:
                room = min(room, area.row - top - photo.caption_rows - GAP_ROWS)
        within = photo_rows_range(photo, grid, max(1, room))
        ranges.append(within or range(max(1, room), max(1, room) + 1))
    return ranges


def _grid_points(ranges: list[range], strides: list[int]) -> list[tuple[int, ...]]:
    """Every combination of the ranges' values taken `stride` apart."""
    points: list[tuple[int, ...]] = [()]
    for values, stride in zip(ranges, strides):
        points = [p + (v,) for p in points for v in values[::stride]]
    return points


def level_feet(items: tuple[FlowItem, ...], slots: tuple[Slot, ...]) -> Poured:
    """Pour with rows taken off the column feet, right to left in rounds, while all still fits.

    A greedy pour leaves every empty row in the last column; a newspaper page
    wants the columns to end level, so the empty rows are spread one to a column.
    """
    current = list(slots)
    changed = True
    while changed:
        changed = False
        for index in reversed(range(len(current))):
            if current[index].rows == 0:
                continue
            trial = current[:index] + [replace(current[index], rows=current[index].rows - 1)] + current[index + 1 :]
            if not pour(items, tuple(trial)).remainder:
                current, changed = trial, True
    return pour(items, tuple(current))


def _gallery_min_rows(grid: PageGrid, top: int, plan_gallery) -> int:
    """Rows kept free for the gallery even when the text overflows (nothing may be lost)."""
    if plan_gallery is None:
        return 0
    for rows in range(1, grid.rows - top):
        if plan_gallery(rows) is not None:
            return rows + GAP_ROWS
    return 0


def lowest_foot(items, grid: PageGrid, zone: tuple[int, int], blocks) -> int:
    """The smallest foot row, between the zone's top and its lowest, whose slots take every item
    (the lowest when none does); `blocks` are the photos, their rows and the fixed areas."""
    top, low_limit = zone
    photos, photo_rows, fixed = blocks
    low, high = top, low_limit
    while low < high:
        middle = (low + high) // 2
        if pour(items, body_slots(grid, top, middle, photos, photo_rows, fixed)).remainder:
            low = middle + 1
        else:
            high = middle
    return low


def _fit_for(items, grid: PageGrid, zone: tuple[int, int], blocks, plan_gallery) -> Fit:
    """The lowest body foot that takes the whole article, with its gallery and cost."""
    top, lowest = zone
    photos, photo_rows, fixed = blocks
    bottom = lowest_foot(items, grid, (top, lowest), (photos, photo_rows, fixed))
    slots = body_slots(grid, top, bottom, photos, photo_rows, fixed)
    poured = pour(items, slots)
    gallery_rows = grid.rows - bottom - GAP_ROWS
    gallery = plan_gallery(gallery_rows) if plan_gallery and gallery_rows > 0 else None
    empty_band = gallery_rows + GAP_ROWS - (gallery.grid_rows + GAP_ROWS if gallery else 0)
    return Fit(photo_rows, bottom, poured, slots, gallery,
               _cost(poured, slots, photos, photo_rows, grid, gallery, empty_band))


def _cost(poured: Poured, slots, photos, photo_rows, grid: PageGrid, gallery, empty_band: int) -> float:
    """Overset worst, then ragged column feet, an empty band, and photos far from their aspect."""
    cost = OVERSET_LINE_COST * poured.overset_lines
    # level_feet() spreads the empty rows over the columns, a row or two each.
    empty = sum(slot.rows - used for slot, used in zip(slots, poured.used))
    per_column = -(-empty // max(1, sum(1 for slot in slots if slot.rows)))
    cost += 50.0 * empty if per_column > MAX_UNDERSET_PER_COLUMN else 5.0 * empty
    cost += 8.0 * empty_band * grid.columns
    # A column of a line or two under a photo reads as a stray line, not as text.
    cost += STRAY_COLUMN_COST * sum(1 for used in poured.used if 0 < used < MIN_BODY_ROWS)
    # Under a photo that takes its columns to the foot, the rows its picture leaves are blank too.
    cost += 5.0 * sum(max(0, grid.rows - slot.row) for slot, used in zip(slots, poured.used) if not used)
    if gallery is not None:
        cost += 20.0 * (1 - gallery.scale) * grid.columns
    for photo, rows in zip(photos, photo_rows):
        cost += 0.5 * abs(rows - natural_rows(photo, grid))
    if len(set(photo_rows)) > 1:
        cost += 0.2 * (max(photo_rows) - min(photo_rows))
    return cost
