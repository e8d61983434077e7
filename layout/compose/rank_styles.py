"""Headline sizes by rank and module width: the 头条 largest, each lower rank no larger."""

from __future__ import annotations

from collections.abc import Mapping

from layout.model.page_spec import Style
from layout.units import CHINESE_SIZES_PT

# The 号数 a headline may take, largest first (初号 … 四号).
HEADLINE_LADDER = tuple(CHINESE_SIZES_PT[name] for name in
                        ("初号", "小初", "一号", "小一", "二号", "小二", "三号", "小三", "四号"))
# Each rank a clear step (CLEAR_SIZE_RATIO) below the one above, so two stories of neighbouring
# rank may stand side by side without 撞题.
RANK_HEADLINE_PT = {1: CHINESE_SIZES_PT["初号"], 2: CHINESE_SIZES_PT["一号"], 3: CHINESE_SIZES_PT["小二"],
                    4: CHINESE_SIZES_PT["四号"]}
BRIEF_HEADLINE_PT = CHINESE_SIZES_PT["小四"]  # rank 5 and lower
MIN_SECONDARY_PT = CHINESE_SIZES_PT["五号"]  # kicker and subheadline of a small headline
CLEAR_SIZE_RATIO = 1.25  # two headlines side by side differ clearly when one is this much larger
HEADLINE_LINES = 2
ONE_LINE_PT = CHINESE_SIZES_PT["小一"]  # a headline this large on one line reads better than larger on two


def headline_size(page_headline: float, rank: int, headline_chars: int, span_width: float) -> float:
    """The largest 号数 for a headline of this rank across the span: on one line when that is at least
    ONE_LINE_PT, else in at most two lines."""
    ceiling = min(page_headline, RANK_HEADLINE_PT.get(rank, BRIEF_HEADLINE_PT)) if rank > 1 else page_headline
    sizes = (ceiling,) + tuple(s for s in HEADLINE_LADDER if s < ceiling)
    one_line = next((s for s in sizes if s * headline_chars <= span_width), 0.0)
    if one_line >= min(ceiling, ONE_LINE_PT):
        return one_line
    per_line = -(-headline_chars // HEADLINE_LINES)
    return next((s for s in sizes if s * per_line <= span_width), HEADLINE_LADDER[-1])


def clear_step_up(beside: float, ceiling: float, headline_chars: int, span_width: float) -> float | None:
    """The smallest 号数 a clear step above a headline `beside` it, no larger than `ceiling`, that
    sets the headline in at most two lines across the span; None if there is none."""
    per_line = -(-headline_chars // HEADLINE_LINES)
    return min((s for s in HEADLINE_LADDER if CLEAR_SIZE_RATIO * beside <= s <= ceiling and s * per_line <= span_width),
               default=None)


def story_styles(page: Mapping[str, Style], rank: int, headline: str, span_width: float) -> dict[str, Style]:
    """The styles of a story of `rank` whose module is `span_width` pt wide."""
    return module_styles(page, headline_size(page["headline"].size, rank, len(headline), span_width))


def module_styles(page: Mapping[str, Style], headline_pt: float) -> dict[str, Style]:
    """The page's styles with the headline at `headline_pt`, kicker and subheadline scaled with it."""
    styles = dict(page)
    scale = headline_pt / page["headline"].size
    styles["headline"] = Style(page["headline"].role, headline_pt)
    for kind in ("kicker", "subheadline"):
        if scale < 1:
            styles[kind] = Style(page[kind].role, max(MIN_SECONDARY_PT, _ladder_floor(page[kind].size * scale)))
    return styles


def _ladder_floor(size: float) -> float:
    """The largest 号数 not above `size`."""
    return max((s for s in CHINESE_SIZES_PT.values() if s <= size), default=size)


def sizes_clash(a: float, b: float) -> bool:
    """Two headlines side by side at one height are 撞题 unless one is clearly larger."""
    return max(a, b) < CLEAR_SIZE_RATIO * min(a, b)
