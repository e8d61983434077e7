"""Compose a whole page: header, headline block, photos, body columns and gallery on one grid."""

from __future__ import annotations

from dataclasses import replace

from layout.compose.copyfit import (
    GAP_ROWS,
    Fit,
    PhotoSlot,
    choose_fit,
    level_feet,
    photo_arrangements,
    refit,
)
from layout.compose.figures import Asset, PhotoFrame, caption_lines, compose_photo
from layout.compose.flow import body_items, place_poured
from layout.compose.gallery import MIN_CAPTION_WIDTH_EM, GalleryPlanner, compose_gallery
from layout.compose.grid import PageGrid
from layout.compose.heads import compose_header, compose_headline_block
from layout.compose.items import (
    BlockArea,
    FitReport,
    PageLayout,
    PlacedItem,
    PlacedMark,
    Rect,
)
from layout.compose.placement import GALLERY, explicit_areas
from layout.compose.setting import TextSetter
from layout.errors import Problem
from layout.model.document import Article
from layout.model.page_spec import PageSpec


def compose_page(article: Article, spec: PageSpec, setter: TextSetter,
                 assets: tuple[Asset, ...]) -> PageLayout:
    """Lay the article out on the page grid; `assets` are its figures' images, photos first."""
    grid = PageGrid.from_spec(spec)
    items: list[PlacedItem] = list(compose_header(spec, grid, setter))
    head = compose_headline_block(article, spec, grid, setter, (0, grid.columns))
    items += head.items
    blocks = [BlockArea("headline", grid.area(0, 0, grid.columns, head.rows))]
    photo_assets = assets[: len(article.photos)]
    art_assets = assets[len(article.photos):]
    caption_style = spec.styles["caption"]
    explicit = explicit_areas(spec, article, grid, head.rows)
    auto_assets = tuple(a for i, a in enumerate(photo_assets) if f"photo:{i}" not in explicit)
    arrangements, problems = _photo_arrangements(auto_assets, grid, setter, spec)
    caption_rows = _caption_rows_counter(setter, caption_style)

    planners: dict[int, GalleryPlanner] = {}
    art_key = (grid, caption_style, tuple((a.aspect, a.figure.caption, a.path) for a in art_assets))

    def gallery_plan(rows: int, columns: int = grid.columns):
        def plan():
            if columns not in planners:
                planners[columns] = GalleryPlanner(art_assets, grid.span_width(columns), grid, caption_rows)
            return planners[columns].plan(rows)

        return setter.memo.get(("gallery", art_key, rows, columns), plan)

    fixed_gallery = explicit.get(GALLERY)
    flow = body_items(article, spec, setter)
    planner = gallery_plan if art_assets and not fixed_gallery else None
    fixed = tuple(explicit.values())

    def choose() -> tuple[int, tuple[tuple[int, ...], int]]:
        fits = [choose_fit(flow, grid, head.rows, photos, planner, fixed) for photos in arrangements]
        best = min(range(len(fits)), key=lambda i: fits[i].cost)
        return best, (fits[best].photo_rows, fits[best].reserved)

    # Copyfitting depends on the rows the text takes, not on its words: a rebuild
    # whose columns are as long as before reuses the choice.
    shape = tuple((item.kind, item.rows) for item in flow)
    photo_keys = tuple(tuple((p.asset.aspect, p.column, p.columns, p.caption_rows) for p in a) for a in arrangements)
    index, chosen = setter.memo.get(("copyfit", art_key, head.rows, shape, photo_keys, fixed, planner is None),
                                    choose)
    photos = arrangements[index]
    fit = refit(flow, grid, head.rows, photos, chosen, planner, fixed)
    frames = [PhotoFrame(p.asset, p.column, p.columns, head.rows, rows, p.caption_rows)
              for p, rows in zip(photos, fit.photo_rows)]
    frames += [_explicit_frame(photo_assets[int(key[6:])], area, grid, setter, caption_style)
               for key, area in explicit.items() if key != GALLERY]
    for frame in frames:
        placed, area = compose_photo(frame, grid, setter, caption_style)
        items += placed
        blocks.append(area)
    poured = level_feet(flow, fit.slots) if not fit.poured.remainder else fit.poured
    fit = replace(fit, poured=poured)
    items += place_poured(fit.poured, grid)
    blocks += [BlockArea(f"column:{s.column}", grid.area(s.column, s.row, 1, s.rows)) for s in fit.slots if s.rows]
    gallery_at = (fixed_gallery.column, fixed_gallery.row, fixed_gallery.columns) if fixed_gallery else \
        (0, fit.body_bottom + GAP_ROWS, grid.columns)
    plan = gallery_plan(fixed_gallery.rows, fixed_gallery.columns) if fixed_gallery and art_assets else fit.gallery
    fit = replace(fit, gallery=plan)
    if plan is not None and article.gallery is not None:
        styles = (spec.styles["gallery_title"], caption_style)
        placed, area = compose_gallery(article.gallery.title, plan, grid, gallery_at, setter, styles)
        items += placed
        blocks.append(area)
    report = _fit_report(fit, grid)
    if report.overset_chars:
        items.append(_overset_mark(fit, grid, report))
    return PageLayout(spec.trim[0], spec.trim[1], tuple(items), tuple(blocks), report,
                      head.problems + tuple(problems) + _fit_problems(article, fit, report))


def _caption_rows_counter(setter: TextSetter, style):
    """How many lines a figure's caption takes at a width, memoised per whole character count."""

    known: dict[tuple[str, int], int] = {}
    source = setter.sources[style.role]
    natural_em = {}  # caption → its width on one line, in em

    def caption_rows(asset: Asset, width: float) -> int:
        # Line breaks change only at whole characters: copyfitting asks for
        # thousands of widths, the caption is set once per character count, and
        # not at all where it fits on one line.
        caption = asset.figure.caption
        chars = max(MIN_CAPTION_WIDTH_EM, int(width // style.size))
        if caption not in natural_em:
            natural_em[caption] = sum(source.glyph(ch)[1] for ch in caption)
        if chars >= natural_em[caption]:
            return 1
        key = (caption, chars)
        if key not in known:
            known[key] = len(caption_lines(asset, chars * style.size, setter, style))
        return known[key]

    return caption_rows


def _explicit_frame(asset: Asset, area, grid: PageGrid, setter: TextSetter, style) -> PhotoFrame:
    """A photo in the area the spec gave it: the caption's lines at the foot, the picture above."""
    captions = len(caption_lines(asset, grid.span_width(area.columns), setter, style))
    return PhotoFrame(asset, area.column, area.columns, area.row, max(1, area.rows - captions), captions)


def _photo_arrangements(assets: tuple[Asset, ...], grid: PageGrid, setter: TextSetter, spec: PageSpec):
    """Each way to set the photos across the top of the body, with their caption rows there."""
    style = spec.styles["caption"]
    arrangements = []
    for spans in photo_arrangements(len(assets), grid.columns):
        arrangements.append(tuple(
            PhotoSlot(asset, column, columns, len(caption_lines(asset, grid.span_width(columns), setter, style)))
            for asset, (column, columns) in zip(assets, spans)))
    placed = len(arrangements[0])
    problems = [
        Problem("photo-not-placed", f"no room for photo '{a.figure.caption}'", f"line {a.figure.line}",
                "give it an explicit [[place]] in the page spec")
        for a in assets[placed:]
    ]
    return arrangements, problems


def _fit_report(fit: Fit, grid: PageGrid) -> FitReport:
    empty = [0] * grid.columns
    for slot, used in zip(fit.slots, fit.poured.used):
        empty[slot.column] += slot.rows - used
    underset = tuple(empty)
    lines = sum(item.rows for item, _, _ in fit.poured.placed)
    filled_to = fit.body_bottom + (GAP_ROWS + fit.gallery.grid_rows if fit.gallery else 0)
    return FitReport(fit.poured.overset_chars, fit.poured.overset_lines, underset, lines,
                     max(0, grid.rows - filled_to))


def _overset_mark(fit: Fit, grid: PageGrid, report: FitReport) -> PlacedMark:
    """A marker at the foot of the last column saying how much did not fit."""
    last = fit.slots[-1]
    rect = Rect(grid.column_x(last.column), grid.row_top(last.row + last.rows) - grid.pitch,
                grid.column_width, grid.pitch)
    return PlacedMark(rect, f"overset: {report.overset_chars} characters ({report.overset_lines} lines)")


def _fit_problems(article: Article, fit: Fit, report: FitReport) -> tuple[Problem, ...]:
    problems = []
    if report.overset_chars:
        problems.append(Problem("overset", f"overset: {report.overset_chars} characters "
                                f"({report.overset_lines} lines)", article.source,
                                "cut the text, or give the article more columns"))
    if article.gallery is not None and fit.gallery is None:
        problems.append(Problem("gallery-not-placed", "the gallery does not fit on the page",
                                f"{article.source}:{article.gallery.line}", "cut the text or the gallery"))
    return tuple(problems)
