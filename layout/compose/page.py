"""Compose a whole page: the 报眉, one module for each story (allocated, then composed), booked ads."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from layout.compose.allocate import Demand, Module, Need, allocate
from layout.compose.grid import PageGrid
from layout.compose.heads import THIN_RULE_PT, compose_header, compose_slug
from layout.compose.items import (
    BlockArea,
    FitReport,
    PageLayout,
    PlacedImage,
    PlacedItem,
    PlacedRule,
    Rect,
    StoryFit,
)
from layout.compose.module import ModuleLayout, StoryContent, compose_module, rows_needed
from layout.compose.rank_styles import clear_step_up, headline_size, module_styles, sizes_clash
from layout.compose.setting import TextSetter
from layout.compose.vertical import VerticalSetting
from layout.errors import Problem
from layout.model.page_spec import GridPlace, Paper, Placement, Style
from layout.model.story import Story

UNBOUNDED_ROWS = 1_000  # a story's height is measured as if the page were this tall, so overset shows


@dataclass(frozen=True, slots=True)
class PageFrame:
    """What a page is composed on: its trim, grid and styles, the 报眉 (None on a galley proof),
    and the explicit block placements of a page of one story with the spec that gave them."""

    trim: tuple[float, float]
    grid: PageGrid
    styles: Mapping[str, Style]
    paper: Paper | None
    placements: tuple[Placement, ...] = ()
    source: str = ""
    slug: tuple[str, str, str] | None = None  # a galley proof's slug line, in place of the 报眉


@dataclass(frozen=True, slots=True)
class AdContent:
    """A booked ad: its area on the grid and its image (None when missing)."""

    area: GridPlace
    path: str | None
    size_px: tuple[int, int] | None
    label: str


def compose_page(frame: PageFrame, stories: tuple[StoryContent, ...], ads: tuple[AdContent, ...],
                 setter: TextSetter, vertical: VerticalSetting | None = None) -> PageLayout:
    """Allocate a module to each story, compose each in its module, and place the ads; `vertical`
    sets the vertical headlines (竖题) and the stories set vertically."""
    grid = frame.grid
    items: list[PlacedItem] = list(compose_header(frame.paper, frame.styles, grid, setter)) if frame.paper else []
    if frame.slug:
        items += compose_slug(frame.slug, frame.styles["header"], grid, setter)
    modules = _modules(frame, stories, ads, setter, vertical)
    by_rank = _headline_sizes(frame, stories, modules)
    headline_pts = _unclashed(frame, stories, modules, by_rank)
    composed: list[ModuleLayout] = []
    blocks: list[BlockArea] = []
    for module in modules:
        content = stories[module.story]
        module_grid = grid.sub(module.column, module.row + module.separated, module.columns,
                               module.rows - module.separated)
        placed = (frame.placements, frame.source) if len(stories) == 1 else ((), frame.source)

        def composed_at(size: float) -> ModuleLayout:
            return compose_module(content, module_grid, module_styles(frame.styles, size), setter, placed, vertical)

        layout = composed_at(headline_pts[module.story])
        raised = headline_pts[module.story] != by_rank[module.story]
        if raised and layout.fit.overset_chars:  # raised against 撞题: kept only if the story still fits
            plain = composed_at(by_rank[module.story])
            if plain.fit.overset_chars < layout.fit.overset_chars:
                layout, headline_pts[module.story] = plain, by_rank[module.story]
        composed.append(layout)
        items += [*layout.items, *_separators(module, grid)]
        blocks += [BlockArea(f"module:{content.story.number}",
                             grid.area(module.column, module.row, module.columns, module.rows)), *layout.blocks]
    for ad in ads:
        placed_ad, block = _compose_ad(ad, grid)
        items += placed_ad
        blocks.append(block)
    fit = _fit_report(modules, composed, grid, _unplaced(stories, modules, grid))
    problems = tuple(p for layout in composed for p in layout.problems) + _blank_problems(stories, modules)
    problems += _clashes(stories, modules, headline_pts)
    jumps = tuple(layout.jump for layout in composed if layout.jump)
    return PageLayout(frame.trim[0], frame.trim[1], tuple(items), tuple(blocks), fit, problems, jumps)


def _modules(frame: PageFrame, stories: tuple[StoryContent, ...], ads: tuple[AdContent, ...],
             setter: TextSetter, vertical: VerticalSetting | None) -> tuple[Module, ...]:
    """Fixed modules where the spec puts them; the others allocated in rank order around them and the ads."""
    grid = frame.grid
    fixed = [Module(i, p.column, p.line, p.columns, p.lines, p.line > 0)
             for i, p in ((i, c.story.place) for i, c in enumerate(stories)) if p is not None]
    free = sorted((i for i, c in enumerate(stories) if c.story.place is None),
                  key=lambda i: (stories[i].story.rank, stories[i].story.number))
    blocked = tuple(ad.area for ad in ads) + tuple(GridPlace(m.column, m.row, m.columns, m.rows) for m in fixed)
    if len(free) == 1 and not blocked:  # a page of one story: its module is the whole type area
        return (Module(free[0], 0, 0, grid.columns, grid.rows, False),)
    demands = tuple(_demand(stories[i], frame, setter, vertical) for i in free)
    shape = (grid.columns, grid.rows, grid.column_width + grid.gutter)
    # The allocation depends on the stories only through their heights and headline sizes by width:
    # a rebuild whose stories take the rows they took before reuses it.
    widths = range(1, grid.columns + 1)
    signature = tuple((d.rank, d.columns, d.headline_chars, d.vertical_headline, d.pictures,
                       tuple(d.need(w) for w in widths),
                       tuple(d.headline_pt(w) for w in widths)) for d in demands)
    allocation = setter.memo.get(("allocate", signature, shape, blocked), lambda: allocate(demands, shape, blocked))
    allocated = [Module(free[m.story], m.column, m.row, m.columns, m.rows, m.separated)
                 for m in allocation.modules]
    return tuple(sorted(fixed + allocated, key=lambda m: (m.row, m.column)))


def _demand(content: StoryContent, frame: PageFrame, setter: TextSetter,
            vertical: VerticalSetting | None) -> Demand:
    """The heights a story fills at each width, and its headline size there."""
    grid, story = frame.grid, content.story

    def size_at(columns: int) -> float:
        return _headline_at(frame, story, columns)

    def need(columns: int) -> Need:
        styles = module_styles(frame.styles, size_at(columns))
        rows = setter.memo.get(("rows needed", content, columns, grid, styles),
                               lambda: rows_needed(content, columns, UNBOUNDED_ROWS, grid, styles, setter, vertical))
        return Need(rows.low, rows.high, rows.natural, rows.lines, rows.head)

    return Demand(story.rank, story.columns, need, size_at, len(story.article.headline),
                  story.headline_direction == "vertical" or story.direction == "vertical",
                  bool(content.assets))


def _headline_sizes(frame: PageFrame, stories: tuple[StoryContent, ...],
                    modules: tuple[Module, ...]) -> dict[int, float]:
    """Each story's headline size at its module's width, never larger than a higher rank's."""
    sizes = {}
    ceiling = frame.styles["headline"].size
    for module in sorted(modules, key=lambda m: (stories[m.story].story.rank, stories[m.story].story.number)):
        sizes[module.story] = min(_headline_at(frame, stories[module.story].story, module.columns), ceiling)
        ceiling = sizes[module.story]
    return sizes


def _unclashed(frame: PageFrame, stories: tuple[StoryContent, ...], modules: tuple[Module, ...],
               sizes: dict[int, float]) -> dict[int, float]:
    """The sizes with each 撞题 undone where it can be: the higher-ranked of two headlines alike in size
    side by side takes a clear step up, never above a higher rank's headline nor into a new 撞题."""
    sizes = dict(sizes)
    ranked = {m.story: (stories[m.story].story.rank, stories[m.story].story.number) for m in modules}
    pairs = _side_by_side(stories, modules)
    for pair in pairs:
        upper, lower = sorted(pair, key=lambda m: ranked[m.story])
        if not sizes_clash(sizes[upper.story], sizes[lower.story]):
            continue
        ceiling = min((sizes[m.story] for m in modules if ranked[m.story] < ranked[upper.story]),
                      default=frame.styles["headline"].size)
        raised = clear_step_up(sizes[lower.story], ceiling, len(stories[upper.story].story.article.headline),
                               frame.grid.span_width(upper.columns))
        others = [m for p in pairs if upper in p for m in p if m not in (upper, lower)]
        if raised is not None and not any(sizes_clash(raised, sizes[m.story]) for m in others):
            sizes[upper.story] = raised
    return sizes


def _side_by_side(stories: tuple[StoryContent, ...], modules: tuple[Module, ...]) -> list[tuple[Module, Module]]:
    """Neighbouring modules whose headlines stand at one height, both across or both down."""
    return [(left, right) for left in modules for right in modules
            if right.column == left.column + left.columns and right.row == left.row
            and stories[left.story].story.headline_direction == stories[right.story].story.headline_direction]


def _headline_at(frame: PageFrame, story: Story, columns: int) -> float:
    """A story's headline size by its rank in a module `columns` wide."""
    return headline_size(frame.styles["headline"].size, story.rank, len(story.article.headline),
                         frame.grid.span_width(columns))


def _clashes(stories: tuple[StoryContent, ...], modules: tuple[Module, ...],
             headline_pts: dict[int, float]) -> tuple[Problem, ...]:
    """Neighbouring modules whose headlines stand side by side at one height, alike in size (撞题)."""
    problems = []
    for left, right in _side_by_side(stories, modules):  # a 竖题 beside one across is no 撞题
        a, b = stories[left.story].story, stories[right.story].story
        if sizes_clash(headline_pts[left.story], headline_pts[right.story]):
            problems.append(Problem("clash", f"{a.label} and {b.label}: headlines side by side at one "
                                    "height (撞题)", b.article.source,
                                    "give one story a picture or a rank further apart, or fix a module with place"))
    return tuple(problems)


def _separators(module: Module, grid: PageGrid) -> list[PlacedItem]:
    """A rule across the module's top row where a module stands above it, and one down the gutter on its left."""
    rules: list[PlacedItem] = []
    left, width = grid.column_x(module.column), grid.span_width(module.columns)
    if module.separated:
        y = grid.row_top(module.row) + grid.pitch / 2
        rules.append(PlacedRule(left, y, left + width, y, THIN_RULE_PT, "rule"))
    if module.column > 0:
        x = left - grid.gutter / 2
        top = grid.row_top(module.row) + (grid.pitch / 2 if module.separated else 0)
        rules.append(PlacedRule(x, top, x, grid.row_top(module.row + module.rows), THIN_RULE_PT, "rule"))
    return rules


def _compose_ad(ad: AdContent, grid: PageGrid) -> tuple[list[PlacedItem], BlockArea]:
    """The ad's picture whole and centred in its booked area, framed by a thin rule."""
    area = grid.area(ad.area.column, ad.area.line, ad.area.columns, ad.area.lines)
    picture = area
    if ad.size_px is not None:
        aspect = ad.size_px[0] / ad.size_px[1]
        width, height = min(area.width, area.height * aspect), min(area.height, area.width / aspect)
        picture = Rect(area.x + (area.width - width) / 2, area.y + (area.height - height) / 2, width, height)
    items: list[PlacedItem] = [PlacedImage(picture, ad.path, ad.label, crop=False)]
    corners = [(area.x, area.y), (area.right, area.y), (area.right, area.bottom), (area.x, area.bottom)]
    for (x1, y1), (x2, y2) in zip(corners, corners[1:] + corners[:1]):
        items.append(PlacedRule(x1, y1, x2, y2, THIN_RULE_PT, "rule"))
    return items, BlockArea(f"ad:{ad.label}", area)


def _unplaced(stories: tuple[StoryContent, ...], modules: tuple[Module, ...], grid: PageGrid) -> list[StoryFit]:
    """The fit of each story the page had no module for: all of it is overset."""
    placed = {m.story for m in modules}
    per_line = int(grid.column_width // grid.body_size)
    fits = []
    for index, content in enumerate(stories):
        if index not in placed:
            chars = [len(block.text) for block in content.story.article.body]
            fits.append(StoryFit(content.story.number, content.story.article.headline, sum(chars),
                                 sum(-(-n // per_line) for n in chars)))
    return fits


def _fit_report(modules: tuple[Module, ...], composed: list[ModuleLayout], grid: PageGrid,
                unplaced: list[StoryFit]) -> FitReport:
    """The page's totals: overset, underset per page column, and each story's own fit."""
    underset = [0] * grid.columns
    for module, layout in zip(modules, composed):
        for offset, lines in enumerate(layout.fit.underset_lines):
            underset[module.column + offset] += lines
    fits: list[StoryFit] = sorted([layout.fit for layout in composed] + unplaced, key=lambda f: f.number)
    empty_below = max((f.empty_rows_below for f in fits), default=0)
    return FitReport(sum(f.overset_chars for f in fits), sum(f.overset_lines for f in fits), tuple(underset),
                     sum(f.body_lines for f in fits), empty_below, tuple(fits))


def _blank_problems(stories: tuple[StoryContent, ...], modules: tuple[Module, ...]) -> tuple[Problem, ...]:
    """A story with no module (too many for the page) is lost: say which."""
    placed = {m.story for m in modules}
    return tuple(Problem("overset", f"{c.story.label}: no room on the page", c.story.article.source,
                         "take a story off the page or give the page more room")
                 for i, c in enumerate(stories) if i not in placed)

