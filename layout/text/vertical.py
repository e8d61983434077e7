"""Vertical lines (竖排): a paragraph set top to bottom by the horizontal line breaker's rules.

The breaker works on advances along the line, whatever its direction, so a
vertical paragraph is itemized with vertical advances (VerticalGlyphs), short
numbers are made one-em 縱中橫 units, and break_search/justify choose and fill
the lines exactly as for horizontal text: the same kinsoku, punctuation
compression, 孤字 rule and justification. Each set line is then turned into
a VerticalLine: every glyph with its place down the line and how it is drawn.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, replace
from typing import Literal

from layout.text.charclass import CharClass
from layout.text.fonts import Face
from layout.text.itemize import Items, Junction, Unit, itemize
from layout.text.linebreak import check_measure, set_items
from layout.text.lines import GlyphRun, Line, TextStyle
from layout.text.vertical_shape import (
    ACROSS_FORMS,
    UPRIGHT,
    FormGlyph,
    VerticalGlyphs,
    form_glyph,
    form_key,
    split_form_key,
)

Orientation = Literal["upright", "across", "turned"]
DASHES = "—―"  # two full-width dashes make one ——
MIN_LATIN_SPACE_EM = 0.25  # clreq §3.2.2: ¼ em between Han and Latin, here shared by both sides of a turned run
EPS = 1e-6


@dataclass(frozen=True, slots=True)
class VerticalOptions:
    """What vertical setting adds to a TextStyle."""

    tcy_digits: int = 2  # numbers of up to this many figures are set across (縱中橫), 0 for none; at most 3


@dataclass(frozen=True, slots=True)
class VerticalRun:
    """Characters of one face, form and orientation, each at its own place down the line.

    The renderer draws glyph i with its horizontal-writing origin at
    (line centre + origins[i][0], line start + ys[i] + origins[i][1]), y down;
    a turned run's glyphs are rotated 90° clockwise about that origin.
    """

    face: str  # face key with its form (vertical_shape.form_key): the font the glyphs are drawn in
    size: float
    text: str
    orientation: Orientation
    ys: tuple[float, ...]  # pt from the line's start to where each character's place begins
    origins: tuple[tuple[float, float], ...]  # (across, down) pt from (centre, ys[i]) to the glyph origin
    scale: float = 1.0  # horizontal scale of figures set across that would be wider than one em


@dataclass(frozen=True, slots=True)
class DashBridge:
    """Ink that joins the two halves of a vertical ——, so it prints as one line (pt, as VerticalRun)."""

    top: float
    bottom: float
    left: float
    right: float


@dataclass(frozen=True, slots=True)
class VerticalLine:
    """One vertical line: its runs, the measure it was set to, and where its set box ends."""

    runs: tuple[VerticalRun, ...]
    measure: float  # pt
    length: float  # pt from the line's start to the end of its set box
    last: bool  # a paragraph's last line (not justified)
    first: bool = False  # a paragraph's first line (indented)
    bridges: tuple[DashBridge, ...] = ()

    @property
    def text(self) -> str:
        """The characters of the line, in order."""
        return "".join(run.text for run in self.runs)


def set_vertical(text: str, measure: float, style: TextStyle, glyphs: VerticalGlyphs,
                 options: VerticalOptions = VerticalOptions()) -> tuple[VerticalLine, ...]:
    """Break `text` into vertical lines of `measure` pt and place every glyph (see set_paragraph)."""
    check_measure(measure, style)
    if not text:
        return ()
    style = replace(style, punct_style=glyphs.punct_style(style.punct_style))
    items = _on_the_grid(itemize(text, style, glyphs), style, options)
    return tuple(vertical_line(line, glyphs) for line in set_items(items, measure, style))


def _across(unit: Unit, options: VerticalOptions) -> bool:
    text = unit.text
    return unit.cls is CharClass.DIGIT and text.isascii() and text.isdigit() and len(text) <= options.tcy_digits


def _turned(unit: Unit) -> bool:
    return all(not split_form_key(face)[1] for face in unit.faces)


def _on_the_grid(items: Items, style: TextStyle, options: VerticalOptions) -> Items:
    """Items whose every unit but the marks is a whole number of ems long, so Han stay on the grid.

    A short number is set across in one em (縱中橫) and stands like a Han
    character. A run of turned words (with the spaces between them) is padded
    to whole ems, at least ¼ em more than the words (clreq's Han–Latin space,
    here split evenly around the run by vertical_line), instead of taking
    elastic Han–Latin spaces that would move every Han after it off the grid.
    """
    units, junctions = list(items.units), list(items.junctions)
    size = style.size

    def without_space(first: int, last: int) -> None:  # junctions first..last lose their elastic space
        for j in range(max(first, 1), min(last, len(junctions) - 1) + 1):
            if junctions[j].glue > 0:
                junctions[j] = Junction(bound=junctions[j].bound)

    for k, unit in enumerate(units):
        if _across(unit, options):
            count = len(unit.text)
            faces = tuple(form_key(split_form_key(face)[0], ACROSS_FORMS[count]) for face in unit.faces)
            units[k] = replace(unit, faces=faces, advances=(size / count,) * count, width=size)
            without_space(k, k + 1)
    k = 0
    while k < len(units):
        end = k
        while end < len(units) and _turned(units[end]):
            end += 1
        if end == k:
            k += 1
            continue
        without_space(k, end)
        words = any(unit.cls is not CharClass.SPACE for unit in units[k:end])
        length = sum(unit.width for unit in units[k:end]) / size
        pad = (math.ceil(length + (MIN_LATIN_SPACE_EM if words else 0.0) - EPS) - length) * size
        last = units[end - 1]
        units[end - 1] = replace(last, advances=(*last.advances[:-1], last.advances[-1] + pad), width=last.width + pad)
        k = end
    return Items(tuple(units), tuple(junctions))


def vertical_line(line: Line, glyphs: VerticalGlyphs) -> VerticalLine:
    """The VerticalLine of a line set with vertical advances: how each glyph is drawn."""
    runs: list[VerticalRun] = []
    bridges: list[DashBridge] = []
    for index, run in enumerate(line.runs):
        form = split_form_key(run.face)[1]
        face = glyphs.face(run.face)
        if form == UPRIGHT:
            shapes = [form_glyph(face, char, form) for char in run.text]
            origins = tuple((shape.dx * run.size, shape.dy * run.size) for shape in shapes)
            runs.append(VerticalRun(run.face, run.size, run.text, "upright", run.xs, origins))
            bridges.extend(_bridges(run.text, run.xs, shapes, run.size))
        elif form:
            runs.extend(_across_runs(run.face, run.size, run.text, run.xs, face))
        else:
            following = line.runs[index + 1].xs[0] if index + 1 < len(line.runs) else line.width
            runs.append(_turned_run(run, face, following))
    return VerticalLine(tuple(runs), line.measure, line.width, line.last, line.first, tuple(bridges))


def _turned_run(run: GlyphRun, face: Face, following: float) -> VerticalRun:
    """Words turned 90° clockwise: the face's em box centred across the line, the words centred
    down the whole ems they were given (up to `following`, where the next run starts)."""
    natural = run.xs[-1] + face.advance_em(run.text[-1]) * run.size - run.xs[0]
    shift = max(following - run.xs[0] - natural, 0.0) / 2
    across = -(face.ascender + face.descender) / 2 * run.size
    return VerticalRun(run.face, run.size, run.text, "turned", tuple(y + shift for y in run.xs),
                       ((across, 0.0),) * len(run.text))


def _across_runs(key: str, size: float, text: str, ys: tuple[float, ...], face: Face) -> list[VerticalRun]:
    """One run per number set across: its figures side by side, centred in the line, on the em's baseline."""
    _, form = split_form_key(key)
    count = next(n for n, name in ACROSS_FORMS.items() if name == form)
    runs = []
    for start in range(0, len(text), count):
        figures = text[start : start + count]
        advances = [form_glyph(face, char, form).advance * size for char in figures]
        width = sum(advances)
        scale = min(1.0, size / width) if width else 1.0
        x = -width * scale / 2
        origins = []
        for advance in advances:
            origins.append((x, face.ascender * size))
            x += advance * scale
        top = ys[start]
        runs.append(VerticalRun(key, size, figures, "across", (top,) * len(figures), tuple(origins), scale))
    return runs


def _bridges(text: str, ys: tuple[float, ...], shapes: list[FormGlyph], size: float) -> list[DashBridge]:
    """The gaps between the inks of the two dashes of each ——."""
    bridges = []
    for i in range(len(text) - 1):
        if text[i] in DASHES and text[i + 1] in DASHES:
            upper, lower = shapes[i], shapes[i + 1]
            top = ys[i] + (upper.dy + upper.ink[3]) * size
            bottom = ys[i + 1] + (lower.dy + lower.ink[2]) * size
            if bottom > top:
                left, right = (upper.dx + upper.ink[0]) * size, (upper.dx + upper.ink[1]) * size
                bridges.append(DashBridge(top, bottom, left, right))
    return bridges
