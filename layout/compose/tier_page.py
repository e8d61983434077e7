"""A page set vertically (竖排) in tiers (段): each story a band of whole tiers across the page.

Stories stand in rank order from the top down, each in a rectangle as wide as the
type area and some whole tiers tall: its heads at the right, its body flowing right
to left in each tier, then on in the next tier down. Bands of whole tiers keep the
page's reading order that of its tiers (top to bottom, right to left) and every
module a rectangle. How many tiers each story gets, and how wide its picture is,
are chosen so that nothing is lost and the fewest line places stay empty.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace
from functools import lru_cache

from layout.compose.grid import PageGrid
from layout.compose.heads import THIN_RULE_PT, compose_header
from layout.compose.items import (
    BlockArea,
    FitReport,
    PageLayout,
    PlacedItem,
    PlacedRule,
    PlacedVertical,
    Rect,
    StoryFit,
)
from layout.compose.module import StoryContent
from layout.compose.rank_styles import headline_size, module_styles
from layout.compose.setting import TextSetter
from layout.compose.vertical import (
    Tiers,
    VerticalModule,
    VerticalSetter,
    VerticalStory,
    compose_vertical_module,
    vertical_story,
)
from layout.errors import Problem
from layout.model.page_spec import PageSpec, Paper, Style

OVERSET_COST = 1_000  # per line lost: worse than any number of empty places
BLANK_TIER_COST = 2  # per line place of a tier no story takes
PICTURE_TIERS = 1  # a picture stands in a story's last tier
PICTURE_CROP = 1.5  # a picture's frame may be this much wider or narrower than the picture itself
MIN_PICTURE_LINES = 6


@dataclass(frozen=True, slots=True)
class TierFrame:
    """What a vertical page is composed on: its trim, its tier grid over the type area, styles, 报眉."""

    trim: tuple[float, float]
    tiers: Tiers
    styles: Mapping[str, Style]
    paper: Paper | None


def page_tiers(spec: PageSpec) -> Tiers:
    """The tier grid of a vertical page: as wide as the type area, standing on its foot."""
    x, y, width, height = spec.type_area
    grid = spec.grid
    tall = grid.tiers_height(spec.tiers)
    return Tiers(Rect(x, y + height - tall, width, tall), spec.tiers, grid.tier_chars, grid.body_size,
                 grid.line_pitch, grid.tier_gap)


def compose_tier_page(frame: TierFrame, stories: tuple[StoryContent, ...], setter: VerticalSetter,
                      text_setter: TextSetter) -> PageLayout:
    """The 报眉 above the tiers, then each story in its band of tiers, in rank order from the top."""
    page = frame.tiers
    items: list[PlacedItem] = list(compose_header(frame.paper, frame.styles, _header_grid(page), text_setter)) \
        if frame.paper else []
    order = sorted(range(len(stories)), key=lambda i: (stories[i].story.rank, stories[i].story.number))
    # A story fills its tiers alike wherever they stand: it is measured in the top tiers, then set in its own.
    measured = lru_cache(maxsize=None)(lambda index, count: _best_width(frame, stories[index], setter, count))
    shares = _shares(tuple(order), page, lambda index, count: measured(index, count)[0])
    fits, blocks = [], []
    tier = 0
    for index, count in zip(order, shares):
        content = stories[index]
        if count == 0:
            fits.append(_unplaced_fit(content, page))
            continue
        module = _module(frame, content, setter, tier, count, measured(index, count)[1])
        if tier > 0:  # a rule in the gap over a story that stands under another
            y = _tier_top(page, tier) - page.gap / 2
            items.append(PlacedRule(page.frame.x, y, page.frame.right, y, THIN_RULE_PT, "rule"))
        items += module.items
        top = _tier_top(page, tier)
        blocks += [BlockArea(f"module:{content.story.number}",
                             Rect(page.frame.x, top, page.frame.width, _tier_top(page, tier + count) - page.gap - top)),
                   *module.blocks]
        fits.append(_story_fit(content, module))
        tier += count
    fits.sort(key=lambda f: f.number)
    fit = FitReport(sum(f.overset_chars for f in fits), sum(f.overset_lines for f in fits),
                    tuple(sum(f.underset_lines) for f in fits), sum(f.body_lines for f in fits), 0, tuple(fits))
    return PageLayout(frame.trim[0], frame.trim[1], tuple(items), tuple(blocks), fit, _problems(stories, fits))


def _header_grid(page: Tiers) -> PageGrid:
    """The 报眉 stands over the tiers, as wide as they are."""
    return PageGrid(page.frame.x, page.frame.y, page.frame.width, 0.0, 1, page.pitch, 1, page.size)


def _tier_top(page: Tiers, tier: int) -> float:
    return page.frame.y + tier * (page.measure + page.gap)


def _shares(order: tuple[int, ...], page: Tiers, module_in) -> tuple[int, ...]:
    """Tiers for each story in `order`, top down, costing the least: lost lines first, then empty places.
    A story left without tiers (more stories than tiers) is lost whole."""

    tiers = page.tiers

    @lru_cache(maxsize=None)
    def best(position: int, tier: int) -> tuple[float, tuple[int, ...]]:
        if position == len(order):  # tiers left blank at the foot: worse than stories ending short
            return float(BLANK_TIER_COST * (tiers - tier) * page.lines_per_tier), ()
        left = tiers - tier
        options = []
        for count in range(1 if left else 0, left + 1):
            cost = _cost(module_in(order[position], count)) if count else \
                OVERSET_COST * module_in(order[position], 1).fit.body_lines
            rest_cost, rest = best(position + 1, tier + count)
            options.append((cost + rest_cost, (count, *rest)))
        return min(options)

    return best(0, 0)[1]


def _cost(module: VerticalModule) -> float:
    return OVERSET_COST * module.fit.overset_lines + sum(module.fit.underset_lines)


def _best_width(frame: TierFrame, content: StoryContent, setter: VerticalSetter,
                count: int) -> tuple[VerticalModule, int]:
    """The story in the top `count` tiers with its picture as wide (in line places) as fills them best."""
    picture = content.photo_assets[0] if content.photo_assets else None
    if picture is None:
        return _module(frame, content, setter, 0, count, 0), 0
    widths = _picture_widths(picture.aspect, frame.tiers)
    modules = [_module(frame, content, setter, 0, count, lines) for lines in widths]
    natural = widths[len(widths) // 2]
    return min(zip(modules, widths), key=lambda m: (_cost(m[0]), abs(m[1] - natural)))


def _module(frame: TierFrame, content: StoryContent, setter: VerticalSetter, first: int, count: int,
            picture_lines: int) -> VerticalModule:
    """The story composed in `count` tiers from tier `first`, its picture `picture_lines` line places wide."""
    page = frame.tiers
    area = Rect(page.frame.x, _tier_top(page, first), page.frame.width, page.frame.bottom - _tier_top(page, first))
    story = replace(_vertical_story(frame, content, count), picture_lines=picture_lines)
    picture = content.photo_assets[0].path if content.photo_assets else None
    return compose_vertical_module(content.story.article, area, count, story, setter, picture)


def _picture_widths(aspect: float, page: Tiers) -> tuple[int, ...]:
    """Picture widths, in line places, whose frame crops the picture at most PICTURE_CROP either way."""
    height = PICTURE_TIERS * page.measure + (PICTURE_TIERS - 1) * page.gap

    def lines(width: float) -> int:
        return max(MIN_PICTURE_LINES, round((width - page.size) / page.pitch) + 1)

    return tuple(range(lines(height * aspect / PICTURE_CROP), lines(height * aspect * PICTURE_CROP) + 1))


def _vertical_story(frame: TierFrame, content: StoryContent, tiers: int) -> VerticalStory:
    """How the story is set in `tiers` tiers: its headline sized by rank for a line as tall as the tiers."""
    page, story = frame.tiers, content.story
    height = tiers * page.measure + (tiers - 1) * page.gap
    styles = module_styles(frame.styles, headline_size(frame.styles["headline"].size, story.rank,
                                                       len(story.article.headline), height))
    return vertical_story(styles, page.tier_chars, page.size, page.pitch, page.gap, PICTURE_TIERS)


def _story_fit(content: StoryContent, module: VerticalModule) -> StoryFit:
    story, fit = content.story, module.fit
    return StoryFit(story.number, story.article.headline, fit.overset_chars, fit.overset_lines,
                    fit.underset_lines, sum(isinstance(i, PlacedVertical) and i.kind == "body"
                                            for i in module.items))


def _unplaced_fit(content: StoryContent, page: Tiers) -> StoryFit:
    """A story the page had no tier for: all of it is overset."""
    chars = [len(block.text) for block in content.story.article.body]
    return StoryFit(content.story.number, content.story.article.headline, sum(chars),
                    sum(-(-n // page.tier_chars) for n in chars))


def _problems(stories: tuple[StoryContent, ...], fits: list[StoryFit]) -> tuple[Problem, ...]:
    by_number = {c.story.number: c.story for c in stories}
    return tuple(Problem("overset", f"{by_number[f.number].label}: overset {f.overset_chars} characters "
                         f"({f.overset_lines} lines)", by_number[f.number].article.source,
                         "cut the text, or give the page more tiers or a wider type area")
                 for f in fits if f.overset_chars)
