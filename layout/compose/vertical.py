"""Stories set vertically (竖排): tiers (段) of vertical lines, and vertical headlines.

A tier is a band across the frame, `tier_chars` characters tall; a story's
lines run right to left within a tier on the line pitch, then continue at the
right of the next tier down. A vertical headline stands at the right of the
story, its lines as tall as the tiers. compose_vertical_page() sets one article
this way as a whole page through compose_vertical_module(), which is what a
module of a multi-story page needs; place_headlines() alone stands a vertical
headline (竖题) in a module of a horizontal page.
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace

from layout.compose.heads import PAUSE_BREAK_SCALE
from layout.compose.items import (
    BlockArea,
    FitReport,
    PageLayout,
    PlacedImage,
    PlacedItem,
    PlacedRule,
    PlacedVertical,
    Rect,
)
from layout.errors import InputError
from layout.memo import Memo
from layout.model.document import Article, Paragraph, SectionHead
from layout.model.page_spec import Style
from layout.text.lines import Align, TextStyle
from layout.text.vertical import VerticalLine, VerticalOptions, set_vertical
from layout.text.vertical_shape import VerticalGlyphs

EPS = 1e-6
GRID_RULE_PT = 0.25
HEADLINE_PITCH_EM = 1.25  # from one headline line's centre to the next, in the headline's size
HEADLINE_PARTS = re.compile(r"(?<=[^\x00-\x7f])[ \u3000]+(?=[^\x00-\x7f])")  # a space between CJK text


@dataclass(frozen=True, slots=True)
class Tiers:
    """The tier grid of a frame: `tiers` bands of `tier_chars` characters, lines `pitch` pt apart."""

    frame: Rect  # the area the tiers fill, y down
    tiers: int
    tier_chars: int
    size: float  # body size, pt
    pitch: float  # from one line's centre to the next one's, pt
    gap: float  # between tiers, pt

    @property
    def measure(self) -> float:
        """A line's length in pt."""
        return self.tier_chars * self.size

    @property
    def lines_per_tier(self) -> int:
        """How many lines a tier holds across the frame's width."""
        return max(int((self.frame.width - self.size) / self.pitch + EPS) + 1, 0)

    @property
    def height(self) -> float:
        """From the top of the first tier to the foot of the last, pt."""
        return self.tiers * self.measure + (self.tiers - 1) * self.gap

    def line_place(self, index: int) -> tuple[float, float]:
        """(centre x, top y) of the index-th line: right to left in a tier, then the next tier down."""
        tier, column = divmod(index, self.lines_per_tier)
        x = self.frame.right - self.size / 2 - column * self.pitch
        return x, self.frame.y + tier * (self.measure + self.gap)

    def line_box(self, index: int) -> Rect:
        """The em-wide box the index-th line's characters take."""
        x, top = self.line_place(index)
        return Rect(x - self.size / 2, top, self.size, self.measure)

    def slots(self, blocked: Sequence[Rect] = ()) -> tuple[tuple[float, float], ...]:
        """(centre x, top y) of every line place in reading order, less those a blocked area
        (a picture, a headline standing in the tiers) overlaps."""
        boxes = (self.line_box(index) for index in range(self.tiers * self.lines_per_tier))
        return tuple((box.x + self.size / 2, box.y) for box in boxes
                     if not any(box.overlaps(area) for area in blocked))

    def rules(self, colour: str = "black") -> tuple[PlacedRule, ...]:
        """Each line's em box edges and each tier's head and foot, for a --grid proof."""
        rules = []
        for tier in range(self.tiers):
            top = self.frame.y + tier * (self.measure + self.gap)
            for y in (top, top + self.measure):
                rules.append(PlacedRule(self.frame.x, y, self.frame.right, y, GRID_RULE_PT, colour))
            for column in range(self.lines_per_tier):
                box = self.line_box(tier * self.lines_per_tier + column)
                for x in (box.x, box.right):
                    rules.append(PlacedRule(x, top, x, top + self.measure, GRID_RULE_PT, colour))
        return tuple(rules)


@dataclass(frozen=True, slots=True)
class VerticalSetter:
    """Sets any text of a vertical story with its role's fonts and the page's CJK rules."""

    sources: Mapping[str, VerticalGlyphs]  # font role → vertical glyph source
    base: TextStyle  # kinsoku level, punctuation style and the like
    options: VerticalOptions = VerticalOptions()
    memo: Memo = field(default_factory=Memo)  # results kept from earlier builds of the page

    def set(self, text: str, measure: float, style: Style, align: Align = "justify",
            indent_em: float = 0.0) -> tuple[VerticalLine, ...]:
        """Break and justify `text` into vertical lines of `measure` pt."""
        text_style = replace(self.base, role=style.role, size=style.size, align=align, indent_em=indent_em)
        return self.memo.get(("set-vertical", text, measure, text_style, self.options),
                             lambda: set_vertical(text, measure, text_style, self.sources[style.role], self.options))


def place_tiers(lines: tuple[VerticalLine, ...], tiers: Tiers, kind: str = "body", colour: str = "black",
                blocked: Sequence[Rect] = ()) -> tuple[tuple[PlacedVertical, ...], tuple[VerticalLine, ...]]:
    """The lines placed in the tiers' free places in reading order, and the lines that did not fit (overset)."""
    slots = tiers.slots(blocked)
    placed = tuple(PlacedVertical(x, top, line, kind, colour) for (x, top), line in zip(slots, lines))
    return placed, lines[len(slots) :]


def place_headline(lines: tuple[VerticalLine, ...], right: float, top: float, pitch: float,
                   kind: str = "headline", colour: str = "black") -> tuple[tuple[PlacedVertical, ...], float]:
    """Vertical headline lines from the right edge `right` leftwards, `pitch` apart; and the width they take."""
    if not lines:
        return (), 0.0
    size = lines[0].runs[0].size
    placed = tuple(PlacedVertical(right - size / 2 - index * pitch, top, line, kind, colour)
                   for index, line in enumerate(lines))
    return placed, size + (len(lines) - 1) * pitch


def place_headlines(setter: VerticalSetter, heads: Sequence[tuple[str | None, Style, str]], frame: Rect,
                    space: float) -> tuple[tuple[PlacedVertical, ...], Rect]:
    """竖题: a module's headline, subheadline (and byline) set vertically at the frame's right edge.

    `heads` holds (text, style, kind) in reading order; empty texts are left
    out. Each is set as tall as the frame, its lines side by side leftwards,
    with `space` (one body character, the custom) after each. Returns the
    placed lines and the frame left for the body, to their left.
    """
    items: list[PlacedVertical] = []
    edge = frame.right
    for text, style, kind in heads:
        if text:
            lines, style = _head_lines(setter, text, frame.height, style, kind)
            placed, taken = place_headline(lines, edge, frame.y, style.size * HEADLINE_PITCH_EM, kind)
            items.extend(placed)
            edge -= taken + space
    return tuple(items), Rect(frame.x, frame.y, max(edge - frame.x, 0.0), frame.height)


def _head_lines(setter: VerticalSetter, text: str, height: float, style: Style,
                kind: str) -> tuple[tuple[VerticalLine, ...], Style]:
    """A head's lines `height` pt long, and the style they are set in.

    A headline of two parts parted by a space (夜市攤販試行電子支付 老顧客也學會掃碼) is set a
    line a part, a little smaller if need be, rather than broken inside a part.
    """
    parts = HEADLINE_PARTS.split(text) if kind == "headline" else [text]
    if len(parts) > 1:
        longest = max(setter.set(part, 2 * len(part) * style.size, style, "left")[0].length for part in parts)
        size = min(style.size, math.floor(style.size * height / longest * 2) / 2)
        if size >= PAUSE_BREAK_SCALE * style.size:  # as a headline across is, to break at its pause
            smaller = Style(style.role, size)
            lines = tuple(line for part in parts for line in setter.set(part, height, smaller, "left"))
            if len(lines) == len(parts):
                return lines, smaller
    return setter.set(text, height, style, "left"), style


def whole_columns(width: float, column_width: float, gutter: float) -> int:
    """How many grid columns (with the gutters between them) fit in `width` pt: the columns a
    horizontal body keeps beside a vertical headline (place_headlines' frame left for the body)."""
    return max(int((width + gutter + EPS) // (column_width + gutter)), 0)


@dataclass(frozen=True, slots=True)
class VerticalStory:
    """How a story is set vertically in tiers: the tier grid's measure and pitch, and its styles."""

    tier_chars: int
    pitch: float  # body line pitch
    gap: float  # between tiers
    body: Style
    headline: Style
    subheadline: Style
    byline: Style
    section_head: Style
    caption: Style
    indent_em: float = 1.0
    picture_tiers: int = 2  # a picture stands in the last tiers, at the left
    picture_lines: int = 14  # and is as wide as this many body lines (its caption included)
    kicker: Style | None = None  # 引题; None: as the subheadline

    def tiers_height(self, tiers: int) -> float:
        """From the head of the first of `tiers` tiers to the foot of the last, pt."""
        return tiers * self.tier_chars * self.body.size + (tiers - 1) * self.gap


def vertical_story(styles: Mapping[str, Style], tier_chars: int, size: float, pitch: float, gap: float,
                   picture_tiers: int = 2, picture_lines: int = 14) -> VerticalStory:
    """A story set in tiers with the page's styles (the headline's as its rank and module give it)."""
    return VerticalStory(tier_chars, pitch, gap, Style(styles["body"].role, size), styles["headline"],
                         styles["subheadline"], styles["byline"], styles["section_head"], styles["caption"],
                         picture_tiers=picture_tiers, picture_lines=picture_lines, kicker=styles["kicker"])


@dataclass(frozen=True, slots=True)
class VerticalSetting:
    """What vertical text on a horizontal page needs: the setter, and the tiers of a story set vertically."""

    setter: VerticalSetter
    tier_chars: int
    tier_gap: float  # pt


@dataclass(frozen=True, slots=True)
class VerticalPage:
    """A page holding one story set vertically: size, margins, how many tiers, and the story's setting."""

    trim: tuple[float, float]  # width, height in pt
    margins: tuple[float, float, float, float]  # top, right, bottom, left in pt
    tiers: int
    story: VerticalStory


@dataclass(frozen=True, slots=True)
class VerticalModule:
    """A story composed vertically in its module: items in reading order, block areas, fit."""

    items: tuple[PlacedItem, ...]
    blocks: tuple[BlockArea, ...]
    fit: FitReport
    tiers: Tiers  # the body's tier grid (for --grid)


def compose_vertical_module(article: Article, frame: Rect, tiers: int, story: VerticalStory,
                            setter: VerticalSetter, picture: str | None = None) -> VerticalModule:
    """The article set vertically in `frame`, `tiers` tiers tall: heads at the right, the body in tiers.

    The kicker, headline, subheadline and byline are as tall as the tiers, with one
    body character of space between them and the body. The article's first
    photo (`picture` is its file; None draws a placeholder) stands in the last
    tiers at the left with its caption set vertically at its right, and the
    body flows around it.
    """
    height = story.tiers_height(tiers)
    if height > frame.height + EPS:
        raise InputError(f"{tiers} tiers of {story.tier_chars} characters do not fit a frame {frame.height:.0f} pt"
                         " tall", hint="set fewer tiers or fewer characters a tier")
    size = story.body.size
    heads = ((article.kicker, story.kicker or story.subheadline, "kicker"),
             (article.headline, story.headline, "headline"),
             (article.subheadline, story.subheadline, "subheadline"), (article.byline, story.byline, "byline"))
    items, heads_left = place_headlines(setter, heads, Rect(frame.x, frame.y, frame.width, height), size)
    grid = Tiers(_on_line_places(heads_left, frame.right, story.pitch), tiers, story.tier_chars, size, story.pitch,
                 story.gap)
    figure_items, blocked = _figure(article, story, setter, grid, picture)
    body_lines = _body_lines(article, grid.measure, story, setter)
    placed, overset = place_tiers(body_lines, grid, blocked=blocked)
    empty = len(grid.slots(blocked)) - len(placed)
    fit = FitReport(overset_chars=sum(len(line.text) for line in overset), overset_lines=len(overset),
                    underset_lines=(empty,), body_lines=len(body_lines))
    blocks = (BlockArea("tiers", grid.frame), *(BlockArea("figure", area) for area in blocked))
    return VerticalModule(items + figure_items + placed, blocks, fit, grid)


def _on_line_places(body: Rect, right: float, pitch: float) -> Rect:
    """The body's frame narrowed to start a whole number of line pitches from the module's right edge,
    so the body lines of every module of a page stand on the page's line places."""
    pitches = -int(-((right - body.right) / pitch - EPS) // 1)
    return Rect(body.x, body.y, max(right - pitches * pitch - body.x, 0.0), body.height)


def compose_vertical_page(article: Article, page: VerticalPage, setter: VerticalSetter,
                          picture: str | None = None) -> tuple[PageLayout, Tiers]:
    """The article as a page of one vertical module filling the type area; and its tier grid."""
    top, right, bottom, left = page.margins
    width, height = page.trim
    frame = Rect(left, top, width - left - right, height - top - bottom)
    module = compose_vertical_module(article, frame, page.tiers, page.story, setter, picture)
    return PageLayout(width, height, module.items, module.blocks, module.fit), module.tiers


def _figure(article: Article, story: VerticalStory, setter: VerticalSetter, tiers: Tiers,
            picture: str | None) -> tuple[tuple[PlacedItem, ...], tuple[Rect, ...]]:
    """The first photo at the foot of the tiers, at the left, its caption standing at its right."""
    if not article.photos or story.picture_tiers <= 0:
        return (), ()
    figure = article.photos[0]
    first_tier = max(tiers.tiers - story.picture_tiers, 0)
    top = tiers.frame.y + first_tier * (tiers.measure + tiers.gap)
    area = Rect(tiers.frame.x, top, (story.picture_lines - 1) * tiers.pitch + tiers.size,
                tiers.frame.bottom - top)
    captions = setter.set(figure.caption, area.height, story.caption, "left")
    placed, taken = place_headline(captions, area.right, area.y, story.caption.size * HEADLINE_PITCH_EM, "caption")
    image = PlacedImage(Rect(area.x, area.y, max(area.width - taken - story.caption.size / 2, 0.0), area.height),
                        picture, figure.caption, crop=True)
    # The body keeps a line's space from the picture: the area reaches to the next line place.
    blocked = Rect(area.x, area.y, area.width + tiers.pitch - tiers.size, area.height)
    return (image, *placed), (blocked,)


def _body_lines(article: Article, measure: float, story: VerticalStory,
                setter: VerticalSetter) -> tuple[VerticalLine, ...]:
    """Every body line in reading order; section heads at body size in their own role, unindented."""
    lines: list[VerticalLine] = []
    for block in article.body:
        if isinstance(block, Paragraph):
            lines.extend(setter.set(block.text, measure, story.body, indent_em=story.indent_em))
        elif isinstance(block, SectionHead):
            lines.extend(setter.set(block.text, measure, replace(story.section_head, size=story.body.size), "left"))
    return tuple(lines)
