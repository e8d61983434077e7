"""Read a page spec TOML file: unknown keys, wrong types and impossible geometry are refused."""

from __future__ import annotations

import tomllib
from dataclasses import replace
from pathlib import Path
from typing import Any

from layout.errors import InputError, Where
from layout.model.page_spec import (
    AD_PLACES,
    DEFAULT_STYLES,
    AdSpec,
    Grid,
    GridPlace,
    PageSpec,
    Paper,
    Placement,
    PrintOptions,
    StorySpec,
    Style,
)
from layout.units import font_size_pt, mm

TOP_KEYS = {"article", "story", "ad", "fonts", "paper", "page", "grid", "styles", "typesetting", "images",
            "place", "palette", "print"}
STORY_KEYS = ("article", "rank", "images", "columns", "place", "continue_on", "direction", "headline_direction")
DIRECTIONS = ("horizontal", "vertical")
TIER_KEYS = ("tiers", "tier_chars", "tier_gap_chars")
MIN_TIER_CHARS = 6  # a shorter line cannot keep kinsoku and justification
MIN_TIER_LINES = 8  # line places a tier must hold across the type area
AD_KEYS = ("image", "columns", "lines", "place")
MIN_MODULE_COLUMNS = 2  # a headline needs at least two columns' width to be set at any size
LANGUAGES = ("auto", "zh-Hans", "zh-Hant", "ja")
KINSOKU_LEVELS = ("none", "basic", "GB", "strict", "newspaper-loose")
PDFX_VERSIONS = ("X-1a", "X-4")


class _Reader:
    """Typed access to one TOML table, naming the key in every error."""

    def __init__(self, table: dict[str, Any], prefix: str, where: Where):
        self.table, self.prefix, self.where = table, prefix, where

    def check_keys(self, allowed: set[str] | tuple[str, ...]) -> None:
        for key in self.table:
            if key not in allowed:
                raise InputError(
                    f"unknown key '{self.prefix}{key}'",
                    self.where,
                    f"allowed keys here: {', '.join(sorted(allowed))}",
                )

    def fail(self, key: str, wanted: str) -> InputError:
        got = self.table[key]
        return InputError(f"'{self.prefix}{key}' is {got!r}", self.where, f"it must be {wanted}")

    def get(self, key: str, kind: type | tuple[type, ...], default: Any, wanted: str) -> Any:
        if key not in self.table:
            return default
        value = self.table[key]
        if not isinstance(value, kind) or isinstance(value, bool) and kind in (int, float, (int, float)):
            raise self.fail(key, wanted)
        return value

    def text(self, key: str, default: str | None = "") -> Any:
        return self.get(key, str, default, "a string in quotes")

    def number(self, key: str, default: float, minimum: float = 0.0) -> float:
        value = self.get(key, (int, float), default, f"a number ≥ {minimum:g}")
        if value < minimum:
            raise self.fail(key, f"a number ≥ {minimum:g}")
        return float(value)

    def whole(self, key: str, default: int, minimum: int = 1) -> int:
        value = self.get(key, int, default, f"a whole number ≥ {minimum}")
        if value < minimum:
            raise self.fail(key, f"a whole number ≥ {minimum}")
        return value

    def choice(self, key: str, default: str, allowed: tuple[str, ...]) -> str:
        value = self.get(key, str, default, f"one of {', '.join(allowed)}")
        if value not in allowed:
            raise self.fail(key, f"one of {', '.join(allowed)}")
        return value

    def numbers(self, key: str, default: tuple[float, ...], count: int) -> tuple[float, ...]:
        value = self.get(key, list, None, f"a list of {count} numbers ≥ 0")
        if value is None:
            return default
        if len(value) != count or any(
            isinstance(v, bool) or not isinstance(v, (int, float)) or v < 0 for v in value
        ):
            raise self.fail(key, f"a list of {count} numbers ≥ 0")
        return tuple(float(v) for v in value)

    def size(self, key: str, default: float) -> float:
        if key not in self.table:
            return default
        try:
            size = font_size_pt(self.table[key])
        except ValueError as error:
            raise InputError(f"'{self.prefix}{key}': {error}", self.where) from None
        if not 4 <= size <= 200:
            raise self.fail(key, "a type size between 4 and 200 pt")
        return size

    def sub(self, key: str) -> "_Reader":
        value = self.get(key, dict, {}, "a table")
        return _Reader(value, f"{self.prefix}{key}.", self.where)


def load_page_spec(path: Path) -> PageSpec:
    """Read and check a page spec; paths inside it are resolved against its folder."""
    where = Where(str(path))
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8-sig"))
    except FileNotFoundError:
        raise InputError("page spec not found", where, "check the path") from None
    except (UnicodeDecodeError, tomllib.TOMLDecodeError) as error:
        raise InputError(f"not a valid TOML page spec: {error}", where) from None
    top = _Reader(data, "", where)
    top.check_keys(TOP_KEYS)
    base = path.parent
    spec = PageSpec(source=str(path))
    spec = replace(spec, article=_path(base, top.text("article", None)),
                   fonts_config=_path(base, top.text("fonts", None)), paper=_paper(top.sub("paper")))
    spec = _page(spec, top.sub("page"))
    spec = replace(spec, grid=_grid(top.sub("grid")), styles=_styles(top.sub("styles")))
    spec = _typesetting(spec, top.sub("typesetting"))
    spec = _images(spec, top.sub("images"), base)
    spec = replace(spec, placements=_placements(data.get("place", []), where),
                   palette=_palette(top.sub("palette")), print=_print(top.sub("print"), base))
    grid_keys = tuple(top.sub("grid").table)
    if spec.vertical:
        check_tiers(spec)
    elif "tiers" in grid_keys:
        raise InputError("'grid.tiers' is for vertical pages", where,
                         "add [typesetting] direction = \"vertical\", or remove the key")
    else:
        check_geometry(spec)
    spec = replace(spec, stories=_stories(spec, data.get("story", []), base, where),
                   ads=_ads(data.get("ad", []), base, where))
    check_directions(spec, grid_keys)
    check_modules(spec)
    return spec


def _tables(items: Any, key: str, where: Where) -> list[dict]:
    if not isinstance(items, list) or not all(isinstance(item, dict) for item in items):
        raise InputError(f"'{key}' must be a list of [[{key}]] tables", where, f"write each as [[{key}]]")
    return items


def _stories(spec: PageSpec, items: Any, base: Path, where: Where) -> tuple[StorySpec, ...]:
    """The [[story]] tables, or the top-level article as a page of one story."""
    tables = _tables(items, "story", where)
    if spec.article and tables:
        raise InputError("the page spec has both 'article' and [[story]] tables", where,
                         "move the top-level article into a [[story]] table")
    if spec.article:
        _must_exist(spec.article, "article", where)
        return (StorySpec(spec.article, 1, 1, spec.images_dir),)
    return tuple(_story(_Reader(table, f"story[{i}].", where), i + 1, base) for i, table in enumerate(tables))


def _story(r: _Reader, number: int, base: Path) -> StorySpec:
    r.check_keys(STORY_KEYS)
    article = _path(base, r.text("article", None))
    if article is None:
        raise InputError(f"'{r.prefix}article' is missing", r.where, "name the story's article file")
    _must_exist(article, f"{r.prefix}article", r.where)
    columns = r.whole("columns", MIN_MODULE_COLUMNS, MIN_MODULE_COLUMNS) if "columns" in r.table else None
    place = None
    if "place" in r.table:
        table = r.sub("place")
        table.check_keys(("column", "line", "columns", "lines"))
        place = GridPlace(table.whole("column", 0, 0), table.whole("line", 0, 0),
                          table.whole("columns", MIN_MODULE_COLUMNS, MIN_MODULE_COLUMNS), table.whole("lines", 10, 4))
    direction = r.choice("direction", "horizontal", DIRECTIONS) if "direction" in r.table else None
    return StorySpec(article, number, r.whole("rank", number), _path(base, r.text("images", None)),
                     columns, place, r.text("continue_on", None), direction,
                     r.choice("headline_direction", "horizontal", DIRECTIONS) if "headline_direction" in r.table
                     else None)


def _must_exist(path: str, key: str, where: Where) -> None:
    if not Path(path).is_file():
        raise InputError(f"'{key}': no such file {path}", where, "check the path (it is relative to the page spec)")


def _ads(items: Any, base: Path, where: Where) -> tuple[AdSpec, ...]:
    ads = []
    for index, table in enumerate(_tables(items, "ad", where)):
        r = _Reader(table, f"ad[{index}].", where)
        r.check_keys(AD_KEYS)
        image = _path(base, r.text("image", None))
        if image is None:
            raise InputError(f"'{r.prefix}image' is missing", where, "name the ad's image file")
        place: str | tuple[int, int] = "bottom-right"
        if isinstance(table.get("place"), dict):
            spot = r.sub("place")
            spot.check_keys(("column", "line"))
            place = (spot.whole("column", 0, 0), spot.whole("line", 0, 0))
        elif "place" in table:
            place = r.choice("place", "bottom-right", AD_PLACES)
        ads.append(AdSpec(image, index + 1, r.whole("columns", 1), r.whole("lines", 1), place))
    return tuple(ads)


def _path(base: Path, value: str | None) -> str | None:
    return None if value is None else str((base / value).resolve())


def _paper(r: _Reader) -> Paper:
    fields = ("name", "date", "edition", "section", "editor", "art_editor")
    r.check_keys(fields)
    default = Paper()
    return Paper(**{key: r.text(key, getattr(default, key)) for key in fields})


def _page(spec: PageSpec, r: _Reader) -> PageSpec:
    r.check_keys(("trim_mm", "margins_mm"))
    trim = r.numbers("trim_mm", tuple(v / mm(1) for v in spec.trim), 2)
    margins = r.numbers("margins_mm", tuple(v / mm(1) for v in spec.margins), 4)
    return replace(spec, trim=(mm(trim[0]), mm(trim[1])), margins=tuple(mm(v) for v in margins))


def _grid(r: _Reader) -> Grid:
    r.check_keys(("columns", "column_chars", "gutter_chars", "body_size", "line_pitch_pt", *TIER_KEYS))
    default = Grid()
    body = r.size("body_size", default.body_size)
    return Grid(
        columns=r.whole("columns", default.columns),
        column_chars=r.whole("column_chars", default.column_chars, minimum=4),
        gutter_chars=r.whole("gutter_chars", default.gutter_chars, minimum=0),
        body_size=body,
        line_pitch=r.number("line_pitch_pt", round(body * 1.5, 2), minimum=body),
        tiers=r.whole("tiers", 1) if "tiers" in r.table else None,
        tier_chars=r.whole("tier_chars", default.tier_chars, minimum=MIN_TIER_CHARS),
        tier_gap_chars=r.number("tier_gap_chars", default.tier_gap_chars, minimum=0.5),
    )


def _styles(r: _Reader) -> dict[str, Style]:
    r.check_keys(tuple(DEFAULT_STYLES))
    styles = dict(DEFAULT_STYLES)
    for name, default in DEFAULT_STYLES.items():
        table = r.sub(name)
        table.check_keys(("size", "role"))
        styles[name] = Style(table.text("role", default.role), table.size("size", default.size))
    return styles


def _typesetting(spec: PageSpec, r: _Reader) -> PageSpec:
    r.check_keys(("language", "direction", "kinsoku", "punctuation", "joins", "fix_punctuation"))
    return replace(
        spec,
        language=r.choice("language", "auto", LANGUAGES),
        direction=r.choice("direction", "horizontal", DIRECTIONS),
        kinsoku=r.choice("kinsoku", "basic", KINSOKU_LEVELS),
        punctuation=r.choice("punctuation", "auto", LANGUAGES),
        joins=r.choice("joins", "auto", ("auto", "off")),
        fix_punctuation=r.get("fix_punctuation", bool, False, "true or false"),
    )


def _images(spec: PageSpec, r: _Reader, base: Path) -> PageSpec:
    r.check_keys(("dir", "map"))
    mapping = r.sub("map")
    for key, value in mapping.table.items():
        if not isinstance(value, str):
            raise mapping.fail(key, "an image path in quotes")
    return replace(
        spec,
        images_dir=_path(base, r.text("dir", None)),
        image_map={k: str((base / v).resolve()) for k, v in mapping.table.items()},
    )


def _placements(items: Any, where: Where) -> tuple[Placement, ...]:
    if not isinstance(items, list):
        raise InputError("'place' must be a list of [[place]] tables", where)
    placements = []
    for index, item in enumerate(items):
        r = _Reader(item if isinstance(item, dict) else {}, f"place[{index}].", where)
        r.check_keys(("block", "column", "line", "columns", "lines"))
        block = r.text("block", None)
        if not block:
            raise InputError(f"'place[{index}].block' is missing", where,
                             "name the block: 'photo:<title>', 'photo:<n>' or 'gallery'")
        placements.append(Placement(block, r.whole("column", 0, 0), r.whole("line", 0, 0),
                                    r.whole("columns", 1), r.whole("lines", 1)))
    return tuple(placements)


def _palette(r: _Reader) -> dict[str, tuple[float, float, float, float]]:
    palette = {}
    for key in r.table:
        value = r.numbers(key, (0, 0, 0, 1), 4)
        if any(v > 1 for v in value):
            raise r.fail(key, "four numbers C, M, Y, K from 0 to 1")
        palette[key] = value
    return palette


def _print(r: _Reader, base: Path) -> PrintOptions:
    r.check_keys(("enabled", "pdfx", "profile", "bleed_mm", "marks", "slug", "target_ppi"))
    return PrintOptions(
        enabled=r.get("enabled", bool, False, "true or false"),
        pdfx=r.choice("pdfx", "X-1a", PDFX_VERSIONS),
        profile=_path(base, r.text("profile", None)),
        bleed=mm(r.number("bleed_mm", 0.0)),
        marks=r.get("marks", bool, False, "true or false"),
        slug=r.get("slug", bool, False, "true or false"),
        target_ppi=r.number("target_ppi", 200.0, minimum=72),
    )


def check_geometry(spec: PageSpec) -> None:
    """Refuse a grid that cannot stand on the page."""
    where = Where(spec.source)
    x, y, width, height = spec.type_area
    if width <= 0 or height <= 0:
        raise InputError("the margins leave no type area", where, "make [page] margins_mm smaller")
    if spec.grid.width > width + 0.01:
        raise InputError(
            f"the grid is {spec.grid.width / mm(1):.1f} mm wide but the type area only "
            f"{width / mm(1):.1f} mm",
            where,
            "use fewer [grid] columns or column_chars, or narrower margins_mm",
        )
    if spec.rows < 20:
        raise InputError(f"the type area holds only {spec.rows} lines", where,
                         "use a taller page or a smaller line_pitch_pt")


def check_tiers(spec: PageSpec) -> None:
    """Refuse tiers that cannot stand on a vertical page."""
    where, grid = Where(spec.source), spec.grid
    _, _, width, height = spec.type_area
    if width <= 0 or height <= 0:
        raise InputError("the margins leave no type area", where, "make [page] margins_mm smaller")
    if grid.tiers_height(spec.tiers) > height + 0.01:
        raise InputError(f"'grid.tiers': {spec.tiers} tiers of {grid.tier_chars} characters are "
                         f"{grid.tiers_height(spec.tiers) / mm(1):.1f} mm tall but the type area only "
                         f"{height / mm(1):.1f} mm", where, "set fewer tiers, tier_chars or tier_gap_chars")
    if (width - grid.body_size) / grid.line_pitch + 1 < MIN_TIER_LINES:
        raise InputError(f"the type area holds fewer than {MIN_TIER_LINES} lines a tier", where,
                         "use a wider page or a smaller line_pitch_pt")


def check_directions(spec: PageSpec, grid_keys: tuple[str, ...]) -> None:
    """Refuse what vertical setting does not do (horizontal stories on a vertical page, and the like),
    and tier keys where nothing is set in tiers."""
    where = Where(spec.source)
    vertical_story = any(story.direction == "vertical" for story in spec.stories)
    for key in TIER_KEYS:
        if key in grid_keys and not (spec.vertical or vertical_story):
            raise InputError(f"'grid.{key}' is for vertical pages and stories", where,
                             "add [typesetting] direction = \"vertical\", or remove the key")
    for story in spec.stories:
        key = f"story[{story.number - 1}]"
        if spec.vertical and story.direction == "horizontal":
            raise InputError(f"'{key}.direction' is 'horizontal' on a vertical page", where,
                             "a vertical page sets every story in its tiers: remove the key")
        if spec.vertical and story.headline_direction == "horizontal":
            raise InputError(f"'{key}.headline_direction' is 'horizontal' on a vertical page", where,
                             "a vertical story's headline stands vertically at its right: remove the key")
        if spec.vertical and (story.columns is not None or story.place is not None):
            raise InputError(f"'{key}' has columns or place on a vertical page", where,
                             "a vertical page gives each story whole tiers: remove the keys")
        if story.continue_on and (spec.vertical or story.direction == "vertical"):
            raise InputError(f"'{key}.continue_on': a story set vertically does not jump yet", where,
                             "remove the key, and cut the story or give it more room")
    if spec.vertical and (spec.ads or spec.placements):
        raise InputError("a vertical page takes no [[ad]] or [[place]] tables yet", where, "remove them")


def check_modules(spec: PageSpec) -> None:
    """Refuse fixed modules and booked ads that cannot stand on the grid."""
    where, columns, rows = Where(spec.source), spec.grid.columns, spec.rows
    fixed: list[tuple[str, GridPlace]] = []
    for story in spec.stories:
        key = f"story[{story.number - 1}]"
        if story.columns is not None and story.columns > columns:
            raise InputError(f"'{key}.columns' is {story.columns} but the grid has {columns} columns", where,
                             f"use at most {columns}")
        if story.place is not None:
            fixed.append((f"{key}.place", story.place))
    for ad in spec.ads:
        key = f"ad[{ad.number - 1}]"
        if ad.columns > columns or ad.lines > rows:
            raise InputError(f"'{key}' is {ad.columns} columns × {ad.lines} lines, larger than the type area "
                             f"({columns} × {rows})", where, "book a smaller ad or use a larger page")
        fixed.append((key, ad_area(ad, columns, rows)))
    for index, (key, area) in enumerate(fixed):
        if area.column + area.columns > columns or area.line + area.lines > rows:
            raise InputError(f"'{key}' reaches outside the grid of {columns} columns × {rows} lines", where,
                             "make column + columns and line + lines fit the grid")
        for other_key, other in fixed[:index]:
            if _areas_overlap(area, other):
                raise InputError(f"'{key}' overlaps '{other_key}'", where, "move one of them")


def ad_area(ad: AdSpec, columns: int, rows: int) -> GridPlace:
    """Where a booked ad stands on a grid of `columns` × `rows`."""
    if isinstance(ad.place, tuple):
        return GridPlace(ad.place[0], ad.place[1], ad.columns, ad.lines)
    column = {"bottom-right": columns - ad.columns, "bottom-left": 0}.get(ad.place, (columns - ad.columns) // 2)
    return GridPlace(column, rows - ad.lines, ad.columns, ad.lines)


def _areas_overlap(a: GridPlace, b: GridPlace) -> bool:
    return (a.column < b.column + b.columns and b.column < a.column + a.columns
            and a.line < b.line + b.lines and b.line < a.line + a.lines)
