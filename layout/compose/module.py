"""One story in its module: headline block over the module's columns, photos, body flow, gallery, copyfit."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace

from layout.compose.copyfit import (
    GAP_ROWS,
    MIN_BODY_ROWS,
    MIN_PPI,
    Fit,
    PhotoSlot,
    choose_fit,
    level_feet,
    lowest_foot,
    natural_rows,
    photo_arrangements,
    photo_rows_range,
    refit,
)
from layout.compose.figures import Asset, PhotoFrame, caption_lines, compose_photo
from layout.compose.flow import FlowItem, Poured, body_items, place_poured
from layout.compose.gallery import MIN_CAPTION_WIDTH_EM, GalleryPlanner, compose_gallery
from layout.compose.grid import PageGrid
from layout.compose.heads import Stacked, compose_headline_block
from layout.compose.items import BlockArea, Jump, PlacedItem, PlacedMark, PlacedVertical, Rect, StoryFit
from layout.compose.jump import cut_for_jump, jump_note, remaining_blocks
from layout.compose.placement import GALLERY, explicit_areas
from layout.compose.setting import TextSetter, place_line
from layout.compose.vertical import (
    VerticalModule,
    VerticalSetting,
    compose_vertical_module,
    place_headlines,
    vertical_story,
    whole_columns,
)
from layout.errors import Problem
from layout.model.document import Article
from layout.model.page_spec import Placement, Style
from layout.model.story import Story

MAX_ROWS = 10_000  # no limit: a height no page reaches
HEAD_AIR = 2  # rows of white a headline block may take above and below it, to fill its module
MAX_TIERS = 12  # a story set vertically in a module is measured up to this many tiers
EPS = 1e-6
VERTICAL_HEAD_ROUNDS = 4  # a vertical headline's width and the body's height found together in so many rounds


@dataclass(frozen=True, slots=True)
class StoryContent:
    """A story with its figures' images, photos first, then the gallery's artworks."""

    story: Story
    assets: tuple[Asset, ...]

    @property
    def photo_assets(self) -> tuple[Asset, ...]:
        return self.assets[: len(self.story.article.photos)]

    @property
    def art_assets(self) -> tuple[Asset, ...]:
        return self.assets[len(self.story.article.photos):]


@dataclass(frozen=True, slots=True)
class ModuleLayout:
    """A composed module: its items, block areas, how its story fitted, and warnings."""

    items: tuple[PlacedItem, ...]
    blocks: tuple[BlockArea, ...]
    fit: StoryFit
    problems: tuple[Problem, ...]
    jump: Jump | None = None  # the rest of a story that continues on another page


@dataclass(frozen=True, slots=True)
class RowsNeeded:
    """The module heights, in grid rows, that a story fills at one width: from its pictures at their
    smallest to their largest; `natural` with pictures at their own aspect."""

    low: int
    high: int
    natural: int
    lines: int  # the body's lines, section heads counted by their rows
    head: int  # rows of the headline block


@dataclass(frozen=True, slots=True)
class _Plan:
    """What a module's copyfitting works with: the headline block, the body, photos and gallery."""

    head_rows: int
    flow: tuple[FlowItem, ...]
    arrangements: tuple[tuple[PhotoSlot, ...], ...]
    gallery_plan: object  # (rows, columns) → GalleryPlan | None, or None without a gallery
    problems: tuple[Problem, ...]


def compose_module(content: StoryContent, grid: PageGrid, styles: Mapping[str, Style], setter: TextSetter,
                   placed: tuple[tuple[Placement, ...], str] = ((), ""),
                   vertical: VerticalSetting | None = None) -> ModuleLayout:
    """Lay a story out in the module whose grid is `grid`; `placed` are explicit block placements and
    the spec that gave them (pages of one story only); `vertical` sets a vertical headline (竖题), or
    the whole story in tiers.

    A module up to HEAD_AIR rows taller than its story needs gives the headline block the rows it
    would leave blank at its foot."""
    if content.story.direction == "vertical" and vertical is not None:
        return _compose_in_tiers(content, grid, styles, vertical)
    heads = _vertical_heads(content.story, grid, styles, vertical)
    if heads is not None:
        items, body_grid = heads
        layout = _compose_fitted(content, body_grid, styles, setter, placed)
        area = grid.area(body_grid.columns, 0, grid.columns - body_grid.columns, grid.rows)
        return replace(layout, items=items + layout.items, blocks=(BlockArea("headline", area), *layout.blocks))
    if content.story.headline_direction != "vertical":
        return _compose_fitted(content, grid, styles, setter, placed)
    layout = _compose_fitted(_horizontal_heads(content), grid, styles, setter, placed)
    problem = Problem("vertical-headline", f"{content.story.label}: no column is left beside a vertical headline:"
                      " it is set across", content.story.article.source,
                      "give the story more columns, or shorten its headline")
    return replace(layout, problems=(problem, *layout.problems))


def _compose_fitted(content: StoryContent, grid: PageGrid, styles: Mapping[str, Style], setter: TextSetter,
                    placed: tuple[tuple[Placement, ...], str]) -> ModuleLayout:
    layout = _compose_module(content, grid, styles, setter, placed, 0)
    air = min(HEAD_AIR, layout.fit.empty_rows_below)
    if air > 0 and not layout.fit.overset_lines and not placed[0]:
        layout = _compose_module(content, grid, styles, setter, placed, air)
    return layout


def _compose_module(content: StoryContent, grid: PageGrid, styles: Mapping[str, Style], setter: TextSetter,
                    placed: tuple[tuple[Placement, ...], str], air: int) -> ModuleLayout:
    article = content.story.article
    head = _headline_block(content.story, styles, grid, setter, air)
    items: list[PlacedItem] = list(head.items)
    blocks = [BlockArea("headline", grid.area(0, 0, grid.columns, head.rows))] if head.rows else []
    explicit = explicit_areas(placed[0], placed[1], article, grid, head.rows)
    auto_assets = tuple(a for i, a in enumerate(content.photo_assets) if f"photo:{i}" not in explicit)
    plan = _plan(content, grid, styles, setter, head.rows, auto_assets)
    fixed_gallery = explicit.get(GALLERY)
    planner = plan.gallery_plan if plan.gallery_plan and not fixed_gallery else None
    fixed = tuple(explicit.values())
    art_key = _art_key(content, grid, styles)
    photos, fit = _copyfit(plan, grid, setter, planner, fixed, art_key)
    frames = [PhotoFrame(p.asset, p.column, p.columns, head.rows, rows, p.caption_rows)
              for p, rows in zip(photos, fit.photo_rows)]
    frames += [_explicit_frame(content.photo_assets[int(key[6:])], area, grid, setter, styles["caption"])
               for key, area in explicit.items() if key != GALLERY]
    for frame in frames:
        placed_items, area = compose_photo(frame, grid, setter, styles["caption"])
        items += placed_items
        blocks.append(area)
    fit = replace(fit, poured=level_feet(plan.flow, fit.slots) if not fit.poured.remainder else fit.poured)
    jump = None
    if content.story.continue_on and fit.poured.remainder:
        fit, jump, note = _jump(content.story, plan.flow, fit, grid, styles["body"], setter)
        items += note
    items += place_poured(fit.poured, grid)
    blocks += [BlockArea(f"column:{s.column}", grid.area(s.column, s.row, 1, s.rows)) for s in fit.slots if s.rows]
    gallery_at = (fixed_gallery.column, fixed_gallery.row, fixed_gallery.columns) if fixed_gallery else \
        (0, fit.body_bottom + GAP_ROWS, grid.columns)
    gallery = plan.gallery_plan(fixed_gallery.rows, fixed_gallery.columns) if fixed_gallery and plan.gallery_plan \
        else fit.gallery
    fit = replace(fit, gallery=gallery)
    if gallery is not None and article.gallery is not None:
        gallery_styles = (styles["gallery_title"], styles["caption"])
        placed_items, area = compose_gallery(article.gallery.title, gallery, grid, gallery_at, setter, gallery_styles)
        items += placed_items
        blocks.append(area)
    story_fit = _story_fit(content.story, fit, grid)
    if story_fit.overset_chars:
        items.append(_overset_mark(fit, grid, story_fit))
    problems = head.problems + plan.problems + _fit_problems(content.story, fit.gallery is not None, story_fit)
    return ModuleLayout(tuple(items), tuple(blocks), story_fit, problems, jump)


def _jump(story: Story, flow: tuple[FlowItem, ...], fit: Fit, grid: PageGrid, style: Style,
          setter: TextSetter) -> tuple[Fit, Jump, list[PlacedItem]]:
    """The story cut where it leaves its module, the 下转 note on the last row, and what jumps."""
    poured, slot = cut_for_jump(flow, fit.slots)
    jump = Jump(story.number, story.article.headline, story.continue_on or "",
                remaining_blocks(story.article.body, poured.remainder))
    lines = setter.set(jump_note(jump.to_page), grid.column_width, style, align="right")
    note = place_line(lines[0], grid.column_x(slot.column), grid.baseline(slot.row + slot.rows - 1), "body")
    return replace(fit, poured=Poured(poured.placed, (), poured.used)), jump, list(note)


def rows_needed(content: StoryContent, columns: int, rows: int, grid: PageGrid, styles: Mapping[str, Style],
                setter: TextSetter, vertical: VerticalSetting | None = None) -> RowsNeeded:
    """The heights a story fills at `columns` columns of `grid`, in a module at most `rows` rows tall.

    With a vertical headline the body keeps the columns left of it, and the headline is as tall as the
    module: its width is found by setting it as tall as the body then needs, until the two agree."""
    if content.story.direction == "vertical" and vertical is not None:
        tiers, module = _fewest_tiers(content, grid.sub(0, 0, columns, rows), styles, vertical)
        height = grid.rows_for(module.tiers.height)
        return RowsNeeded(height, height, height, module.fit.body_lines, 0)
    if content.story.headline_direction != "vertical":
        return _rows_needed(content, columns, rows, grid, styles, setter)
    height, needed = rows, None
    for _ in range(VERTICAL_HEAD_ROUNDS):
        heads = _vertical_heads(content.story, grid.sub(0, 0, columns, height), styles, vertical)
        if heads is None:
            return _rows_needed(_horizontal_heads(content), columns, rows, grid, styles, setter)
        needed = _rows_needed(content, heads[1].columns, rows, grid, styles, setter)
        if needed.natural == height:
            break
        height = needed.natural
    return needed


def _rows_needed(content: StoryContent, columns: int, rows: int, grid: PageGrid, styles: Mapping[str, Style],
                 setter: TextSetter) -> RowsNeeded:
    module = grid.sub(0, 0, columns, rows)
    head = _headline_block(content.story, styles, module, setter)
    plan = _plan(content, module, styles, setter, head.rows, content.photo_assets)
    photos = plan.arrangements[0]
    ranges = [photo_rows_range(p, module, rows - head.rows - p.caption_rows - 2 * GAP_ROWS) for p in photos]
    smallest = tuple(r.start for r in ranges)
    largest = tuple(r.stop - 1 for r in ranges)
    natural = tuple(min(max(r.start, natural_rows(p, module)), r.stop - 1) for p, r in zip(photos, ranges))
    gallery_rows = _gallery_rows(plan, columns, rows)

    def foot(photo_rows: tuple[int, ...]) -> int:
        return lowest_foot(plan.flow, module, (head.rows, module.rows), (photos, photo_rows, ()))

    extra = (gallery_rows[0] + GAP_ROWS) if plan.gallery_plan else 0
    low, high = foot(smallest) + extra, foot(largest) + (gallery_rows[1] + GAP_ROWS if plan.gallery_plan else 0)
    lines = sum(item.rows for item in plan.flow)
    high = max(low, high) + HEAD_AIR
    return RowsNeeded(low, high, min(max(low, foot(natural) + extra), high), lines, head.rows)


def _gallery_rows(plan: _Plan, columns: int, rows: int) -> tuple[int, int]:
    """The fewest and the most rows the gallery can take in a module of `rows` rows."""
    if not plan.gallery_plan:
        return 0, 0
    largest = plan.gallery_plan(rows, columns)
    if largest is None:
        return rows, rows
    low, high = 1, largest.grid_rows  # a gallery that fits some rows fits any more: search for the fewest
    while low < high:
        middle = (low + high) // 2
        low, high = (low, middle) if plan.gallery_plan(middle, columns) is not None else (middle + 1, high)
    return low, largest.grid_rows


def _plan(content: StoryContent, grid: PageGrid, styles: Mapping[str, Style], setter: TextSetter,
          head_rows: int, photo_assets: tuple[Asset, ...]) -> _Plan:
    article = content.story.article
    byline = styles["byline"] if _byline_in_body(content.story) else None
    flow = body_items(article, grid.column_width, (styles["body"], styles["section_head"]), setter, byline)
    room = grid.rows - head_rows - 2 * GAP_ROWS - MIN_BODY_ROWS
    arrangements, problems = _photo_arrangements(photo_assets, grid, setter, styles["caption"], room)
    gallery_plan = _gallery_planner(content, grid, setter, styles) if content.art_assets else None
    return _Plan(head_rows, flow, arrangements, gallery_plan, tuple(problems))


def _byline_in_body(story: Story) -> bool:
    """Below the 头条, or beside a vertical headline, the byline opens the body instead of standing in
    the headline block."""
    return story.rank > 1 or story.headline_direction == "vertical"


def _headline_block(story: Story, styles: Mapping[str, Style], grid: PageGrid, setter: TextSetter,
                    air: int = 0) -> Stacked:
    """The headline block over the module's columns; none where the headline stands vertically beside them."""
    if story.headline_direction == "vertical":
        return Stacked((), 0)
    return compose_headline_block(_headed(story), styles, grid, setter, (0, grid.columns), air)


def _compose_in_tiers(content: StoryContent, grid: PageGrid, styles: Mapping[str, Style],
                      vertical: VerticalSetting) -> ModuleLayout:
    """A story set vertically in its module: as many tiers as the module holds, heads at its right."""
    story = content.story
    tiers = _tiers_held(grid, vertical)
    module = _in_tiers(content, grid, styles, vertical, tiers)
    filled_to = grid.rows_for(module.tiers.height) if tiers else 0
    fit = StoryFit(story.number, story.article.headline, module.fit.overset_chars, module.fit.overset_lines, (),
                   sum(isinstance(i, PlacedVertical) and i.kind == "body" for i in module.items),
                   max(0, grid.rows - filled_to))
    problems = _fit_problems(story, False, fit)
    return ModuleLayout(module.items, module.blocks, fit, problems)


def _tiers_held(grid: PageGrid, vertical: VerticalSetting) -> int:
    """How many tiers of the page's tier_chars a module's height holds."""
    tier = vertical.tier_chars * grid.body_size
    return int((grid.rows * grid.pitch + vertical.tier_gap + EPS) // (tier + vertical.tier_gap))


def _in_tiers(content: StoryContent, grid: PageGrid, styles: Mapping[str, Style], vertical: VerticalSetting,
              tiers: int) -> VerticalModule:
    """The story composed in `tiers` tiers of the module, its first photo as wide as a third of a tier."""
    frame = grid.area(0, 0, grid.columns, grid.rows)
    lines = max(int((frame.width - grid.body_size) / grid.pitch) + 1, 1)
    story = vertical_story(styles, vertical.tier_chars, grid.body_size, grid.pitch, vertical.tier_gap,
                           picture_tiers=1, picture_lines=max(lines // 3, 1))
    picture = content.photo_assets[0].path if content.photo_assets else None
    return vertical.setter.memo.get(
        ("module in tiers", story, frame, tiers, content.story.article, picture),
        lambda: compose_vertical_module(content.story.article, frame, max(tiers, 1), story, vertical.setter, picture))


def _fewest_tiers(content: StoryContent, grid: PageGrid, styles: Mapping[str, Style],
                  vertical: VerticalSetting) -> tuple[int, VerticalModule]:
    """The fewest tiers that hold the whole story (the most the module holds if none does)."""
    most = min(_tiers_held(grid, vertical), MAX_TIERS)
    for tiers in range(1, most + 1):
        module = _in_tiers(content, grid, styles, vertical, tiers)
        if not module.fit.overset_lines:
            return tiers, module
    return most, _in_tiers(content, grid, styles, vertical, most)


def _horizontal_heads(content: StoryContent) -> StoryContent:
    """The story with its headline set across, where no column would be left beside it standing."""
    return replace(content, story=replace(content.story, headline_direction="horizontal"))


def _vertical_heads(story: Story, grid: PageGrid, styles: Mapping[str, Style],
                    vertical: VerticalSetting | None) -> tuple[tuple[PlacedItem, ...], PageGrid] | None:
    """A 竖题: the kicker, headline and subheadline set vertically at the module's right, a body
    character of space after each, and the grid of the whole columns left of them for the body.
    The heads stand in the middle of what the body's whole columns leave, so the part-column over
    stands as white on both sides of them, not as one band. None for a horizontal headline, or where
    not one column is left."""
    if story.headline_direction != "vertical" or vertical is None:
        return None
    article = story.article
    heads = ((article.kicker, styles["kicker"], "kicker"), (article.headline, styles["headline"], "headline"),
             (article.subheadline, styles["subheadline"], "subheadline"))
    items, body = place_headlines(vertical.setter, heads, grid.area(0, 0, grid.columns, grid.rows), grid.body_size)
    columns = whole_columns(body.width, grid.column_width, grid.gutter)
    if columns < 1:
        return None
    over = body.right - (grid.column_x(columns - 1) + grid.column_width)
    return tuple(replace(item, x=item.x - over / 2) for item in items), grid.sub(0, 0, columns, grid.rows)


def _headed(story: Story) -> Article:
    """The article as its headline block shows it."""
    return replace(story.article, byline=None) if _byline_in_body(story) else story.article


def _art_key(content: StoryContent, grid: PageGrid, styles: Mapping[str, Style]) -> tuple:
    """What a gallery plan depends on besides its rows: the grid, the caption style and each artwork."""
    return (grid, styles["caption"], tuple((a.aspect, a.figure.caption, a.path) for a in content.art_assets))


def _gallery_planner(content: StoryContent, grid: PageGrid, setter: TextSetter, styles: Mapping[str, Style]):
    """(rows, columns) → the largest gallery plan in that many rows, memoised by its inputs."""
    art_assets, art_key = content.art_assets, _art_key(content, grid, styles)
    caption_rows = _caption_rows_counter(setter, styles["caption"])
    planners: dict[int, GalleryPlanner] = {}

    def gallery_plan(rows: int, columns: int = grid.columns):
        def plan():
            if columns not in planners:
                planners[columns] = GalleryPlanner(art_assets, grid.span_width(columns), grid, caption_rows)
            return planners[columns].plan(rows)

        return setter.memo.get(("gallery", art_key, rows, columns), plan)

    return gallery_plan


def _copyfit(plan: _Plan, grid: PageGrid, setter: TextSetter, planner, fixed, art_key) -> tuple[tuple, Fit]:
    """The photo arrangement and heights that fill the module, chosen once per shape of its content."""
    head_rows, flow, arrangements = plan.head_rows, plan.flow, plan.arrangements

    def choose() -> tuple[int, tuple[tuple[int, ...], int]]:
        fits = [choose_fit(flow, grid, head_rows, photos, planner, fixed) for photos in arrangements]
        best = min(range(len(fits)), key=lambda i: fits[i].cost)
        return best, (fits[best].photo_rows, fits[best].reserved)

    # Copyfitting depends on the rows the text takes, not on its words: a rebuild
    # whose columns are as long as before reuses the choice.
    shape = tuple((item.kind, item.rows) for item in flow)
    photo_keys = tuple(tuple((p.asset.aspect, p.asset.size_px, p.column, p.columns, p.caption_rows) for p in a)
                       for a in arrangements)
    index, chosen = setter.memo.get(("copyfit", art_key, head_rows, shape, photo_keys, fixed, planner is None),
                                    choose)
    photos = arrangements[index]
    return photos, refit(flow, grid, head_rows, photos, chosen, planner, fixed)


def _caption_rows_counter(setter: TextSetter, style: Style):
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


def _explicit_frame(asset: Asset, area, grid: PageGrid, setter: TextSetter, style: Style) -> PhotoFrame:
    """A photo in the area the spec gave it: the caption's lines at the foot, the picture above."""
    captions = len(caption_lines(asset, grid.span_width(area.columns), setter, style))
    return PhotoFrame(asset, area.column, area.columns, area.row, max(1, area.rows - captions), captions)


def _photo_arrangements(assets: tuple[Asset, ...], grid: PageGrid, setter: TextSetter, style: Style, room: int):
    """Each way to set the photos across the top of the body, with their caption rows there.

    A photo's span is narrowed until its pixels cover it at MIN_PPI (a picture is never blown up) and
    until its most cropped frame fits the `room` rows (a crop never takes more than its share).
    """
    arrangements, dropped = [], set()
    for spans in photo_arrangements(len(assets), grid.columns):
        slots = []
        for asset, (column, columns) in zip(assets, spans):
            columns = _columns_within_room(asset, _columns_within_pixels(asset, columns, grid), grid, room)
            slot = PhotoSlot(asset, column, columns, len(caption_lines(asset, grid.span_width(columns), setter, style)))
            if photo_rows_range(slot, grid, room):
                slots.append(slot)
            else:
                dropped.add(asset)
        arrangements.append(tuple(slots))
    arrangements = list(dict.fromkeys(arrangements))
    placed = {slot.asset for slot in arrangements[0]}
    problems = [
        Problem("photo-not-placed", f"no room for photo '{a.figure.caption}'", f"line {a.figure.line}",
                "give the story more columns or rows, or the photo an explicit [[place]] in the page spec")
        for a in assets if a not in placed
    ]
    return tuple(arrangements), problems


def _columns_within_pixels(asset: Asset, columns: int, grid: PageGrid) -> int:
    """The widest span up to `columns` that the picture's pixels fill at MIN_PPI (at least one column)."""
    if asset.size_px is None:
        return columns
    widest = asset.size_px[0] * 72 / MIN_PPI
    while columns > 1 and grid.span_width(columns) > widest:
        columns -= 1
    return columns


def _columns_within_room(asset: Asset, columns: int, grid: PageGrid, room: int) -> int:
    """The widest span up to `columns` at which the picture, cropped as far as allowed, is `room` rows tall."""
    while columns > 1 and photo_rows_range(PhotoSlot(asset, 0, columns, 0), grid, MAX_ROWS).start > room:
        columns -= 1
    return columns


def _story_fit(story: Story, fit: Fit, grid: PageGrid) -> StoryFit:
    empty = [0] * grid.columns
    for slot, used in zip(fit.slots, fit.poured.used):
        empty[slot.column] += slot.rows - used
    lines = sum(item.rows for item, _, _ in fit.poured.placed)
    filled_to = fit.body_bottom + (GAP_ROWS + fit.gallery.grid_rows if fit.gallery else 0)
    return StoryFit(story.number, story.article.headline, fit.poured.overset_chars, fit.poured.overset_lines,
                    tuple(empty), lines, max(0, grid.rows - filled_to))


def _overset_mark(fit: Fit, grid: PageGrid, story_fit: StoryFit) -> PlacedMark:
    """A marker at the foot of the last column saying how much did not fit."""
    last = fit.slots[-1]
    rect = Rect(grid.column_x(last.column), grid.row_top(last.row + last.rows) - grid.pitch,
                grid.column_width, grid.pitch)
    return PlacedMark(rect, f"overset: {story_fit.overset_chars} characters ({story_fit.overset_lines} lines)")


def _fit_problems(story: Story, gallery_placed: bool, story_fit: StoryFit) -> tuple[Problem, ...]:
    problems = []
    article = story.article
    if story_fit.overset_chars:
        problems.append(Problem("overset", f"{story.label}: overset {story_fit.overset_chars} characters "
                                f"({story_fit.overset_lines} lines)", article.source,
                                "cut the text, or give the story more room"))
    if article.gallery is not None and not gallery_placed:
        problems.append(Problem("gallery-not-placed", f"{story.label}: the gallery does not fit",
                                f"{article.source}:{article.gallery.line}", "cut the text or the gallery"))
    columns = len(story_fit.underset_lines)
    short = sum(story_fit.underset_lines) + story_fit.empty_rows_below * columns
    if not story_fit.overset_chars and short > columns:  # more than a balanced foot (a line a column)
        problems.append(Problem("underset", f"{story.label}: its module is short by {short} lines", article.source,
                                "add copy or a picture, or give the story a smaller module"))
    return tuple(problems)
