"""Explicit placements from the page spec: which block goes where on the grid, checked."""

from __future__ import annotations

from layout.compose.copyfit import Area
from layout.compose.grid import PageGrid
from layout.errors import InputError, Where
from layout.model.document import Article
from layout.model.page_spec import Placement

GALLERY = "gallery"


def explicit_areas(placements: tuple[Placement, ...], spec_source: str, article: Article, grid: PageGrid,
                   head_rows: int) -> dict[str, Area]:
    """Placed block name ("photo:<n>" 0-based, or "gallery") → its grid area."""
    areas: dict[str, Area] = {}
    where = Where(spec_source)
    for index, placement in enumerate(placements):
        key = _block_key(placement.block, article)
        if key is None:
            titles = ", ".join(f"photo:{p.title or i + 1}" for i, p in enumerate(article.photos))
            raise InputError(f"'place[{index}].block' names no block of the article: {placement.block!r}",
                             where, f"use one of: {titles}, gallery")
        area = Area(placement.column, placement.line, placement.columns, placement.lines)
        if area.column + area.columns > grid.columns or area.row + area.rows > grid.rows:
            raise InputError(f"'place[{index}]' reaches outside the grid of {grid.columns} columns × "
                             f"{grid.rows} lines", where, "make column + columns and line + lines fit the grid")
        if area.row < head_rows:
            raise InputError(f"'place[{index}]' overlaps the headline block (lines 0–{head_rows - 1})",
                             where, f"start it at line {head_rows} or lower")
        if any(_overlap(area, other) for other in areas.values()):
            raise InputError(f"'place[{index}]' overlaps another placed block", where, "move one of them")
        areas[key] = area
    return areas


def _block_key(name: str, article: Article) -> str | None:
    if name == GALLERY:
        return GALLERY if article.gallery else None
    kind, _, which = name.partition(":")
    if kind != "photo" or not which:
        return None
    for index, photo in enumerate(article.photos):
        if which in (photo.title, str(index + 1)):
            return f"photo:{index}"
    return None


def _overlap(a: Area, b: Area) -> bool:
    return (a.column < b.column + b.columns and b.column < a.column + a.columns
            and a.row < b.row + b.rows and b.row < a.row + a.rows)
