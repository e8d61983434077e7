"""Module allocation: one rectangle on the grid for each story, filling the type area around booked ads.

The page is cut into bands from the top down; a band holds stories side by side, or a story beside a
stack of two. Stories keep their rank order in reading order (the 头条 first, at the top). A dynamic
programme over (next story, next row) finds the cheapest page: nothing lost first, then no blank
holes, then the rank conventions (no 撞题, no lower rank wider than a higher one beside it), then
pictures near their natural size. Bands never cross the top or foot of a booked ad or fixed module,
so every module is a rectangle and nothing overlaps.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from itertools import combinations

from layout.compose.rank_styles import sizes_clash
from layout.model.page_spec import GridPlace

OVERSET_COST = 100_000.0  # per line that would not fit
EMPTY_COST = 1_000.0  # per column-row left blank beyond a line of underset
UNALLOCATED_COST = 2 * EMPTY_COST  # per column-row in no module: worse than a module ending short
CLASH_COST = 2000.0  # two headlines side by side at one height (撞题)
RANK_COST = 300.0  # a lower rank wider than a higher rank beside it
NATURAL_COST = 1.0  # per column-row away from the pictures' natural size
HEADLINE_WHITE_COST = 250.0  # per column-row of white beside a centred headline block
EXTRA_ROW_COST = 100.0  # per column-row of a module beyond its story's natural height
SHORT_COLUMN_COST = 150.0  # per line a module's columns hold under MIN_COLUMN_LINES: a story spread too wide
MIN_COLUMN_LINES = 8
# Never spread so thin: a story of text alone (no pictures to take the width) gets no more columns than
# hold this many of its lines each, whatever white a page too short of copy is left with.
MIN_SPREAD_LINES = 3
MIN_MODULE_ROWS = 6
MAX_PER_BAND = 4
UNDERSET_TOLERANCE = 1  # rows a module may end short (its columns balanced to within a line)


@dataclass(frozen=True, slots=True)
class Need:
    """Module heights a story fills at one width, in rows: `low` (pictures smallest) to `high`."""

    low: int
    high: int
    natural: int
    lines: int  # lines of body text, which a width spreads over its columns
    head: int  # rows of the headline block


@dataclass(frozen=True, slots=True)
class Demand:
    """What allocation knows of a story: its rank, a fixed width if any, its heights and headline size by width."""

    rank: int
    columns: int | None
    need: Callable[[int], Need]  # width in columns → the heights it fills (without a separating rule row)
    headline_pt: Callable[[int], float]
    headline_chars: int = 0
    vertical_headline: bool = False  # a 竖题 standing at the module's right, not across its top
    pictures: bool = False  # photos or a gallery, which may take a module's width


@dataclass(frozen=True, slots=True)
class Module:
    """A story's rectangle on the grid; `separated`: another module stands above it (a rule row at its top)."""

    story: int  # index into the demands
    column: int
    row: int
    columns: int
    rows: int
    separated: bool


@dataclass(frozen=True, slots=True)
class Allocation:
    """The modules chosen, the free areas left blank, and the page's cost."""

    modules: tuple[Module, ...]
    blank: tuple[GridPlace, ...]
    cost: float


def allocate(demands: tuple[Demand, ...], grid: tuple[int, int, float], blocked: tuple[GridPlace, ...]) -> Allocation:
    """The cheapest set of modules for the stories, in rank order, on a grid of (columns, rows, column
    pitch in pt: a column and its gutter)."""
    columns, rows, column_pitch = grid
    search = _Search(demands, columns, rows, blocked, column_pitch)
    cost, modules, blank = search.best(0, 0)
    return Allocation(modules, blank, cost)


class _Search:
    def __init__(self, demands: tuple[Demand, ...], columns: int, rows: int, blocked: tuple[GridPlace, ...],
                 column_pitch: float):
        self.demands, self.columns, self.rows, self.blocked = demands, columns, rows, blocked
        self.column_pitch = column_pitch
        self.min_width = 1 if columns < 4 else 2
        edges = {0, rows}
        for area in blocked:
            edges |= {area.line, area.line + area.lines}
        self.edges = sorted(e for e in edges if 0 <= e <= rows)
        self.need = lru_cache(maxsize=None)(self._need)
        self.headline_pt = lru_cache(maxsize=None)(lambda story, width: demands[story].headline_pt(width))
        self.module_cost = lru_cache(maxsize=None)(self._module_cost)
        self.stack_split = lru_cache(maxsize=None)(self._stack_split)
        self.best = lru_cache(maxsize=None)(self._best)

    def _need(self, story: int, width: int) -> Need:
        return self.demands[story].need(width)

    def _best(self, story: int, row: int) -> tuple[float, tuple[Module, ...], tuple[GridPlace, ...]]:
        """The cheapest way to set stories from `story` on in the rows from `row` down."""
        if row >= self.rows:
            left = sum(self.need(s, self._widest(s)).low * self._widest(s) for s in range(story, len(self.demands)))
            return OVERSET_COST * left, (), ()
        end = min(e for e in self.edges if e > row)
        segments = self._segments(row, end)
        if story == len(self.demands) or not segments:
            return self._blank(story, row, end, segments)
        best: tuple[float, tuple[Module, ...], tuple[GridPlace, ...]] | None = None
        for band_rows, band_cost, modules in self._bands(story, row, end, segments):
            placed = len({m.story for m in modules})
            rest_cost, rest, blank = self.best(story + placed, row + band_rows)
            total = band_cost + rest_cost
            if best is None or total < best[0]:
                best = (total, modules + rest, blank)
        return best or self._blank(story, row, end, segments)  # too few rows here for any module

    def _blank(self, story: int, row: int, end: int, segments: list[tuple[int, int]]):
        """The rows [row, end) left blank, and the cheapest page below them."""
        blank = tuple(GridPlace(c, row, w, end - row) for c, w in segments)
        cost, modules, more = self.best(story, end)
        return cost + UNALLOCATED_COST * sum(b.columns * b.lines for b in blank), modules, blank + more

    def _widest(self, story: int) -> int:
        return self.demands[story].columns or self.columns

    def _segments(self, top: int, bottom: int) -> list[tuple[int, int]]:
        """Runs of columns free of ads and fixed modules over the rows [top, bottom): (first column, width)."""
        free = [not any(a.column <= c < a.column + a.columns and a.line < bottom and top < a.line + a.lines
                        for a in self.blocked) for c in range(self.columns)]
        runs, start = [], None
        for column, open_ in enumerate(free + [False]):
            if open_ and start is None:
                start = column
            elif not open_ and start is not None:
                runs.append((start, column - start))
                start = None
        return runs

    def _bands(self, story: int, row: int, end: int, segments: list[tuple[int, int]]):
        """(rows, cost, modules) of each band that can start at `row` with the next stories."""
        remaining = len(self.demands) - story
        for count in range(1, min(MAX_PER_BAND * len(segments), remaining) + 1):
            for items in _groupings(count):
                for split in _over_segments(len(items), len(segments)):
                    yield from self._band_options(story, row, end, segments, items, split)

    def _band_options(self, story, row, end, segments, items, split):
        """Every width choice and band height for `items` (story counts per item) split over the segments."""
        first_story = [story + sum(items[:k]) for k in range(len(items))]
        per_segment, start = [], 0
        for count in split:
            per_segment.append(list(range(start, start + count)))
            start += count
        width_choices = [self._widths(segment, [(first_story[k], items[k]) for k in group])
                         for segment, group in zip(segments, per_segment)]
        for widths in _product(width_choices):
            flat = [w for segment_widths in widths for w in segment_widths]
            for band_rows in self._heights(row, end, first_story, items, flat):
                cost, modules = self._band_cost(row, band_rows, segments, per_segment, first_story, items, widths)
                yield band_rows, cost, modules

    def _widths(self, segment: tuple[int, int], items: list[tuple[int, int]]) -> list[tuple[int, ...]]:
        """Ways to share a segment's columns among its items, a fixed-width story keeping its width."""
        _, width = segment
        count = len(items)
        choices = []
        for cuts in combinations(range(1, width), count - 1):
            bounds = (0, *cuts, width)
            widths = tuple(bounds[k + 1] - bounds[k] for k in range(count))
            if all(w >= self.min_width and self._width_allowed(first, stacked, w)
                   for w, (first, stacked) in zip(widths, items)):
                choices.append(widths)
        return choices

    def _width_allowed(self, first: int, stacked: int, width: int) -> bool:
        """A fixed-width story keeps its width; a story of text alone never spreads so wide that a column
        holds less than MIN_SPREAD_LINES of its lines (six lines over eight columns: one line a column),
        to fill a page its copy cannot fill. A story with pictures may: they take the width."""
        return all(self.demands[s].columns == width
                   or self.demands[s].columns is None and (width <= self.min_width or self._fills(s, width))
                   for s in range(first, first + stacked))

    def _fills(self, story: int, width: int) -> bool:
        return self.demands[story].pictures or self.need(story, width).lines >= MIN_SPREAD_LINES * width

    def _heights(self, row: int, end: int, first_story: list[int], items, widths) -> list[int]:
        """Band heights worth trying: where each item just fills, and down to the next edge."""
        room = end - row
        separator = 1 if row > 0 else 0
        candidates = {room}
        for first, stacked, width in zip(first_story, items, widths):
            needs = [self.need(s, width) for s in range(first, first + stacked)]
            extra = separator + (stacked - 1)
            for pick in ("low", "high", "natural"):
                candidates.add(sum(getattr(n, pick) for n in needs) + extra)
            candidates.add(sum(n.high for n in needs) + extra + UNDERSET_TOLERANCE)
        least = MIN_MODULE_ROWS + separator
        return sorted(t for t in candidates if least <= t <= room and (t == room or room - t >= least))

    def _band_cost(self, row, band_rows, segments, per_segment, first_story, items, widths):
        cost, modules, tops = 0.0, [], []
        separated = row > 0
        for (column, _), group, segment_widths in zip(segments, per_segment, widths):
            for k, width in zip(group, segment_widths):
                item_cost, item_modules = self._item(first_story[k], items[k], column, row, width, band_rows,
                                                     separated)
                cost += item_cost
                modules += item_modules
                tops.append((first_story[k], width))
                column += width
        return cost + self._conventions(tops), tuple(modules)

    def _item(self, first: int, stacked: int, column: int, row: int, width: int, band_rows: int,
              separated: bool) -> tuple[float, list[Module]]:
        """One story, or a stack of two, filling `band_rows` rows at `width` columns."""
        inner = band_rows - (1 if separated else 0)
        if stacked == 1:
            return self.module_cost(first, inner, width), [Module(first, column, row, width, band_rows, separated)]
        cost, top_rows = self.stack_split(first, width, inner - 1)  # less the lower module's rule row
        if top_rows is None:
            return cost, []
        top_height = top_rows + (1 if separated else 0)
        return cost, [Module(first, column, row, width, top_height, separated),
                      Module(first + 1, column, row + top_height, width, band_rows - top_height, True)]

    def _stack_split(self, first: int, width: int, space: int) -> tuple[float, int | None]:
        """The cheapest split of `space` rows between a story and the next one under it, and its cost."""
        upper, lower = self.need(first, width), self.need(first + 1, width)
        best: tuple[float, int | None] = (OVERSET_COST * (upper.low + lower.low) * width, None)
        for top_rows in {upper.low, upper.high, upper.natural, space - lower.low, space - lower.high,
                         space - lower.natural}:
            if MIN_MODULE_ROWS <= top_rows <= space - MIN_MODULE_ROWS:
                cost = self.module_cost(first, top_rows, width) + self.module_cost(first + 1, space - top_rows, width)
                if best[1] is None or cost < best[0]:
                    best = (cost, top_rows)
        return best

    def _module_cost(self, story: int, rows: int, width: int) -> float:
        """How well a story fills `rows` × `width`, and the white its headline leaves on either side."""
        demand, need = self.demands[story], self.need(story, width)
        beside = width * self.column_pitch - demand.headline_chars * self.headline_pt(story, width)
        blank_columns = max(0.0, beside) / 2 / self.column_pitch  # centred: half the white on each side
        return _fill_cost(need, rows, width) + HEADLINE_WHITE_COST * blank_columns * need.head

    def _conventions(self, tops: list[tuple[int, int]]) -> float:
        """撞题 between neighbours whose headlines stand at one height, and a lower rank wider than a higher."""
        cost = 0.0
        for (a, wa), (b, wb) in zip(tops, tops[1:]):
            size_a, size_b = self.headline_pt(a, wa), self.headline_pt(b, wb)
            # A vertical headline beside one set across does not stand at its height: no 撞题.
            same_direction = self.demands[a].vertical_headline == self.demands[b].vertical_headline
            if same_direction and sizes_clash(size_a, size_b):
                cost += CLASH_COST
            if self.demands[b].rank > self.demands[a].rank and wb > wa:
                cost += RANK_COST
        return cost


def _fill_cost(need: Need, rows: int, width: int) -> float:
    """What a module of `rows` rows costs its story: lines lost, blank rows, pictures off their natural size."""
    if rows < need.low:
        return OVERSET_COST * (need.low - rows) * width
    blank = rows - need.high - UNDERSET_TOLERANCE
    cost = EMPTY_COST * blank * width if blank > 0 else 0.0
    short = MIN_COLUMN_LINES - need.lines / width
    cost += SHORT_COLUMN_COST * short * width if short > 0 else 0.0
    # Rows beyond the natural height are white (air round the headline, or a short foot): a little
    # white is how a page fills, but an exact fit is better.
    cost += EXTRA_ROW_COST * max(0, rows - need.natural) * width
    return cost + NATURAL_COST * abs(rows - need.natural) * width


def _groupings(count: int) -> list[tuple[int, ...]]:
    """Ways to group `count` stories in order into band items of one story or a stack of two."""
    if count == 0:
        return [()]
    out = [(1,) + rest for rest in _groupings(count - 1)]
    if count >= 2:
        out += [(2,) + rest for rest in _groupings(count - 2)]
    return [g for g in out if len(g) <= MAX_PER_BAND]


def _over_segments(items: int, segments: int) -> list[tuple[int, ...]]:
    """Ways to hand `items` items in order to `segments` segments, each getting at least one."""
    if segments == 1:
        return [(items,)] if items >= 1 else []
    return [(k,) + rest for k in range(1, items) for rest in _over_segments(items - k, segments - 1)]


def _product(choices: list[list[tuple[int, ...]]]) -> list[list[tuple[int, ...]]]:
    out: list[list[tuple[int, ...]]] = [[]]
    for options in choices:
        out = [done + [option] for done in out for option in options]
    return out
