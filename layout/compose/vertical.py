"""Stories set vertically (竖排): tiers (段) of vertical lines, and vertical headlines.

A tier is a band across the frame, `tier_chars` characters tall; a story's
lines run right to left within a tier on the line pitch, then continue at the
right of the next tier down. A vertical headline stands at the right of the
story, its lines as tall as the tiers. compose_vertical_page() sets one article
this way as a whole page; the pieces (Tiers, place_tiers, place_headline,
VerticalSetter) are what a module of a multi-story page needs.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace

from layout.compose.items import FitReport, PageLayout, PlacedVertical, Rect
from layout.model.document import Article, Paragraph, SectionHead
from layout.model.page_spec import Style
from layout.text.lines import Align, TextStyle
from layout.text.vertical import VerticalLine, VerticalOptions, set_vertical
from layout.text.vertical_shape import VerticalGlyphs

EPS = 1e-6


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

    @property
    def capacity(self) -> int:
        """Lines the frame holds."""
        return self.tiers * self.lines_per_tier


@dataclass(frozen=True, slots=True)
class VerticalSetter:
    """Sets any text of a vertical story with its role's fonts and the page's CJK rules."""

    sources: Mapping[str, VerticalGlyphs]  # font role → vertical glyph source
    base: TextStyle  # kinsoku level, punctuation style and the like
    options: VerticalOptions = VerticalOptions()

    def set(self, text: str, measure: float, style: Style, align: Align = "justify",
            indent_em: float = 0.0) -> tuple[VerticalLine, ...]:
        """Break and justify `text` into vertical lines of `measure` pt."""
        text_style = replace(self.base, role=style.role, size=style.size, align=align, indent_em=indent_em)
        return set_vertical(text, measure, text_style, self.sources[style.role], self.options)


def place_tiers(lines: tuple[VerticalLine, ...], tiers: Tiers, kind: str = "body",
                colour: str = "black") -> tuple[tuple[PlacedVertical, ...], tuple[VerticalLine, ...]]:
    """The lines placed in the tiers in reading order, and the lines that did not fit (overset)."""
    placed = tuple(PlacedVertical(*tiers.line_place(index), line, kind, colour)
                   for index, line in enumerate(lines[: tiers.capacity]))
    return placed, lines[tiers.capacity :]


def place_headline(lines: tuple[VerticalLine, ...], right: float, top: float, pitch: float,
                   kind: str = "headline", colour: str = "black") -> tuple[tuple[PlacedVertical, ...], float]:
    """Vertical headline lines from the right edge `right` leftwards, `pitch` apart; and the width they take."""
    if not lines:
        return (), 0.0
    size = lines[0].runs[0].size
    placed = tuple(PlacedVertical(right - size / 2 - index * pitch, top, line, kind, colour)
                   for index, line in enumerate(lines))
    return placed, size + (len(lines) - 1) * pitch


@dataclass(frozen=True, slots=True)
class VerticalPage:
    """A page holding one story set vertically: size, margins and its tier grid."""

    trim: tuple[float, float]  # width, height in pt
    margins: tuple[float, float, float, float]  # top, right, bottom, left in pt
    tiers: int
    tier_chars: int
    pitch: float  # body line pitch
    gap: float  # between tiers
    body: Style
    headline: Style
    subheadline: Style
    byline: Style
    section_head: Style
    indent_em: float = 1.0


def compose_vertical_page(article: Article, page: VerticalPage, setter: VerticalSetter) -> PageLayout:
    """The article set vertically: headline block at the right, the body in tiers to its left.

    The headline, subheadline and byline are as tall as the tiers, with one
    body character of space between them and the body. Pictures are left to
    the page modules.
    """
    top, right, bottom, left = page.margins
    width, height = page.trim
    size = page.body.size
    tiers_height = page.tiers * page.tier_chars * size + (page.tiers - 1) * page.gap
    if top + tiers_height > height - bottom + EPS:
        tiers_height = page.tier_chars * size  # reported as overset rather than drawn off the page
    items: list[PlacedVertical] = []
    edge = width - right
    for text, style, kind, align in (
        (article.headline, page.headline, "headline", "left"),
        (article.subheadline, page.subheadline, "subheadline", "left"),
        (article.byline, page.byline, "byline", "left"),
    ):
        if text:
            lines = setter.set(text, tiers_height, style, align)
            placed, taken = place_headline(lines, edge, top, style.size * 1.25, kind)
            items.extend(placed)
            edge -= taken + size
    tiers = Tiers(Rect(left, top, edge - left, tiers_height), page.tiers, page.tier_chars, size, page.pitch, page.gap)
    body_lines = _body_lines(article, tiers.measure, page, setter)
    placed, overset = place_tiers(body_lines, tiers)
    items.extend(placed)
    fit = FitReport(overset_chars=sum(len(line.text) for line in overset), overset_lines=len(overset),
                    body_lines=len(body_lines))
    return PageLayout(width, height, tuple(items), (), fit)


def _body_lines(article: Article, measure: float, page: VerticalPage,
                setter: VerticalSetter) -> tuple[VerticalLine, ...]:
    """Every body line in reading order; section heads at body size in their own role, unindented."""
    lines: list[VerticalLine] = []
    for block in article.body:
        if isinstance(block, Paragraph):
            lines.extend(setter.set(block.text, measure, page.body, indent_em=page.indent_em))
        elif isinstance(block, SectionHead):
            lines.extend(setter.set(block.text, measure, replace(page.section_head, size=page.body.size), "left"))
    return tuple(lines)
