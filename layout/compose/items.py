"""What composition hands the renderers: a page of placed items, y down from the trim's top-left."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from layout.errors import Problem
from layout.model.document import BodyBlock
from layout.text.lines import GlyphRun

if TYPE_CHECKING:  # only named in an annotation: a horizontal page need not load the vertical setter
    from layout.text.vertical import VerticalLine


@dataclass(frozen=True, slots=True)
class Rect:
    """A rectangle in pt: x, y of the top-left corner (y down), width and height."""

    x: float
    y: float
    width: float
    height: float

    @property
    def bottom(self) -> float:
        return self.y + self.height

    @property
    def right(self) -> float:
        return self.x + self.width

    def overlaps(self, other: "Rect", tolerance: float = 0.01) -> bool:
        """True when the two rectangles share area (touching edges do not count)."""
        return (
            self.x < other.right - tolerance
            and other.x < self.right - tolerance
            and self.y < other.bottom - tolerance
            and other.y < self.bottom - tolerance
        )


@dataclass(frozen=True, slots=True)
class PlacedText:
    """A glyph run whose baseline starts at (x, y); `kind` says what text it is."""

    x: float
    y: float
    run: GlyphRun
    kind: str  # body, headline, caption, ...
    colour: str = "black"  # a palette name


@dataclass(frozen=True, slots=True)
class PlacedImage:
    """A figure's picture filling `rect`; cropped to fill (photo) or whole (artwork)."""

    rect: Rect
    path: str | None  # None: a placeholder is drawn
    label: str  # the caption, for placeholders and reports
    crop: bool


@dataclass(frozen=True, slots=True)
class PlacedRule:
    """A straight line from (x1, y1) to (x2, y2), `width` pt thick."""

    x1: float
    y1: float
    x2: float
    y2: float
    width: float
    colour: str = "black"


@dataclass(frozen=True, slots=True)
class PlacedMark:
    """A proof-only marker (overset, missing image) with a short label."""

    rect: Rect
    label: str


@dataclass(frozen=True, slots=True)
class PlacedVertical:
    """A vertical line whose centre runs down from (x, y): x is the line's centre, y its top."""

    x: float
    y: float
    line: VerticalLine
    kind: str  # body, headline, ...
    colour: str = "black"  # a palette name


PlacedItem = PlacedText | PlacedImage | PlacedRule | PlacedMark | PlacedVertical


@dataclass(frozen=True, slots=True)
class BlockArea:
    """A named block's area on the page, for overlap tests and `--grid`."""

    name: str
    rect: Rect


@dataclass(frozen=True, slots=True)
class StoryFit:
    """How one story fitted its module: overset in characters and lines, underset per module column."""

    number: int  # the story's place in the spec, 1-based
    headline: str
    overset_chars: int = 0
    overset_lines: int = 0
    underset_lines: tuple[int, ...] = ()
    body_lines: int = 0
    empty_rows_below: int = 0  # module rows left empty under its columns (nothing fills them)


@dataclass(frozen=True, slots=True)
class FitReport:
    """How the page's stories fitted: totals, underset per page column, and each story's own fit."""

    overset_chars: int = 0
    overset_lines: int = 0
    underset_lines: tuple[int, ...] = ()
    body_lines: int = 0
    empty_rows_below: int = 0  # grid rows left empty under the columns (nothing fills them)
    stories: tuple[StoryFit, ...] = ()


@dataclass(frozen=True, slots=True)
class Jump:
    """What a story carries over to the page whose [paper] edition is `to_page`."""

    story: int  # the story's number on its page
    headline: str
    to_page: str
    blocks: tuple[BodyBlock, ...]

    @property
    def chars(self) -> int:
        return sum(len(block.text) for block in self.blocks)


@dataclass(frozen=True, slots=True)
class PageLayout:
    """A composed page: its trim size, items, block areas and what fitting found."""

    width: float
    height: float
    items: tuple[PlacedItem, ...]
    blocks: tuple[BlockArea, ...]
    fit: FitReport
    problems: tuple[Problem, ...] = ()
    jumps: tuple[Jump, ...] = ()  # what continues on other pages of the edition
