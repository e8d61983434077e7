"""Page spec (TOML) → PageSpec, with every key checked and every length in pt."""

from __future__ import annotations

from dataclasses import dataclass, field

from layout.units import mm

CMYK = tuple[float, float, float, float]


@dataclass(frozen=True, slots=True)
class Paper:
    """What the 报眉 (page header) and the credit line say."""

    name: str = ""  # no masthead unless the spec names the paper
    date: str = ""
    edition: str = ""  # 版次
    section: str = ""  # 版名
    editor: str = ""  # 责任编辑
    art_editor: str = ""  # 美术编辑


@dataclass(frozen=True, slots=True)
class Grid:
    """The column grid: whole characters of the body size, one baseline pitch."""

    columns: int = 8
    column_chars: int = 13
    gutter_chars: int = 1
    body_size: float = 9.0  # pt, 小五
    line_pitch: float = 13.5  # pt
    # A vertical page's tiers (段): None = as many as the type area holds; lines of tier_chars characters.
    tiers: int | None = None
    tier_chars: int = 15
    tier_gap_chars: float = 2.0

    @property
    def column_width(self) -> float:
        """Measure of one column in pt."""
        return self.column_chars * self.body_size

    @property
    def gutter(self) -> float:
        """Space between two columns in pt."""
        return self.gutter_chars * self.body_size

    @property
    def width(self) -> float:
        """Width of all the columns and gutters in pt."""
        return self.columns * self.column_width + (self.columns - 1) * self.gutter

    @property
    def tier_gap(self) -> float:
        """White between two tiers of a vertical page, pt."""
        return self.tier_gap_chars * self.body_size

    def tiers_height(self, tiers: int) -> float:
        """From the head of the first of `tiers` tiers to the foot of the last, pt."""
        return tiers * self.tier_chars * self.body_size + (tiers - 1) * self.tier_gap


@dataclass(frozen=True, slots=True)
class Style:
    """A text style of the page: font role and size in pt."""

    role: str
    size: float


DEFAULT_STYLES: dict[str, Style] = {
    "body": Style("body", 9.0),
    "kicker": Style("kai", 18.0),
    "headline": Style("headline", 42.0),
    "subheadline": Style("heading", 18.0),
    "byline": Style("kai", 10.5),
    "section_head": Style("heading", 10.5),
    "caption": Style("kai", 7.5),
    "gallery_title": Style("heading", 15.0),
    "header": Style("heading", 10.5),
    "masthead": Style("headline", 22.0),
}


@dataclass(frozen=True, slots=True)
class Placement:
    """An explicit grid area for one block: columns and lines, counted from 0."""

    block: str  # "photo:<title>", "gallery", "photo:1" (1-based order)
    column: int
    line: int
    columns: int
    lines: int


@dataclass(frozen=True, slots=True)
class GridPlace:
    """A rectangle on the page grid: `columns` columns from `column`, `lines` lines from `line`."""

    column: int
    line: int
    columns: int
    lines: int


@dataclass(frozen=True, slots=True)
class StorySpec:
    """One story of the page: its article file and how the page treats it."""

    article: str
    number: int  # 1-based position in the spec, for reports
    rank: int  # 1 = 头条, 2 = 二条 …
    images_dir: str | None = None
    columns: int | None = None  # the module's width, when the spec fixes it
    place: GridPlace | None = None  # a module fixed on the grid
    continue_on: str | None = None  # the edition page (its [paper] edition) the rest jumps to
    direction: str | None = None  # "vertical": set in tiers; None: as the page
    headline_direction: str | None = None  # "vertical": a 竖题 at the module's right edge; None: as the page


AD_PLACES = ("bottom-right", "bottom-left", "bottom")


@dataclass(frozen=True, slots=True)
class AdSpec:
    """A booked ad: its image and its size on the grid, at a named corner or a grid position."""

    image: str
    number: int  # 1-based position in the spec
    columns: int
    lines: int
    place: str | tuple[int, int] = "bottom-right"  # one of AD_PLACES, or (column, line)


@dataclass(frozen=True, slots=True)
class PrintOptions:
    """Print preparation: PDF/X flavour, output profile, bleed and marks."""

    enabled: bool = False
    pdfx: str = "X-1a"
    profile: str | None = None  # path; None = the shipped TR 002 newsprint profile
    bleed: float = 0.0  # pt
    marks: bool = False
    slug: bool = False
    target_ppi: float = 200.0


@dataclass(frozen=True, slots=True)
class PageSpec:
    """Everything about the page except its content; lengths in pt."""

    source: str
    paper: Paper = field(default_factory=Paper)
    trim: tuple[float, float] = (mm(390), mm(545))
    margins: tuple[float, float, float, float] = (mm(28), mm(18), mm(18), mm(18))  # top right bottom left
    grid: Grid = field(default_factory=Grid)
    styles: dict[str, Style] = field(default_factory=lambda: dict(DEFAULT_STYLES))
    language: str = "auto"
    direction: str = "horizontal"  # "vertical": every story set in tiers (段), lines right to left
    kinsoku: str = "basic"
    punctuation: str = "auto"
    joins: str = "auto"  # auto: rejoin paragraphs a column break split; off: keep every block
    fix_punctuation: bool = False  # print half-width , : ; ? ! ( ) between CJK full-width
    article: str | None = None  # a page of one story (the top-level `article` key)
    stories: tuple[StorySpec, ...] = ()  # every story, the top-level article included
    ads: tuple[AdSpec, ...] = ()
    images_dir: str | None = None
    image_map: dict[str, str] = field(default_factory=dict)
    placements: tuple[Placement, ...] = ()
    palette: dict[str, CMYK] = field(default_factory=dict)
    print: PrintOptions = field(default_factory=PrintOptions)
    fonts_config: str | None = None

    @property
    def type_area(self) -> tuple[float, float, float, float]:
        """(x, y, width, height) of the type area, y down from the trim's top edge."""
        top, right, bottom, left = self.margins
        return (left, top, self.trim[0] - left - right, self.trim[1] - top - bottom)

    @property
    def vertical(self) -> bool:
        return self.direction == "vertical"

    @property
    def tiers(self) -> int:
        """A vertical page's tiers: as the spec says, else as many as the type area holds."""
        if self.grid.tiers is not None:
            return self.grid.tiers
        grid = self.grid
        return max(int((self.type_area[3] + grid.tier_gap + 1e-6) // (grid.tier_chars * grid.body_size
                                                                       + grid.tier_gap)), 1)

    @property
    def rows(self) -> int:
        """How many baseline-grid lines the type area holds."""
        return int((self.type_area[3] + 1e-6) // self.grid.line_pitch)
