"""How a run of units fits a measure: natural width, the adjustments it allows, and their cost."""

from __future__ import annotations

import math
from dataclasses import dataclass

from layout.text.charclass import LINE_END_HALF_CLASSES, CharClass
from layout.text.itemize import Items
from layout.text.lines import TextStyle

# Costs of one line's adjustments, in the priority order of clreq §6.2 (行内调整):
# punctuation first, then the Han–Latin space, and spreading Han last.
PUNCT_COST = 1.0  # per half em of punctuation compressed or given back
SPACE_COST = 4.0  # per em the Han–Latin or word spaces move off their natural width
SPREAD_COST = 100.0  # per em spread between characters (Han off the 1-em grid)
RAGGED_COST = 10.0  # per em² left empty on a non-justified line
LONE_CHAR_COST = 1.0e4  # a paragraph's last line of one character (孤字)
FORCED_BREAK_COST = 1.0e6  # a break the prohibition rules forbid (only when no legal one exists)
EPS = 1e-6
SPACE_SHRINK = 1 / 3  # a word space may lose a third of its width (clreq §6.2.2.3 gives ¼ em)
SPACE_STRETCH = 1 / 2  # and gain half before characters are spread


@dataclass(frozen=True, slots=True)
class Prefix:
    """Running sums over units and junctions, so any line's metrics cost O(1)."""

    pos: tuple[float, ...]  # pos[k]: widths of units < k plus the glue of junctions < k
    min_pos: tuple[float, ...]  # pos with every shrink taken (monotone: for bisection)
    glue: tuple[float, ...]  # glue[k]: glue of junctions 1..k-1
    blanks: tuple[float, ...]  # free mark blanks of units < k
    uncompress: tuple[float, ...]
    shrink: tuple[float, ...]  # continuous shrink: Han–Latin spaces and word spaces
    stretch: tuple[float, ...]
    counted: tuple[int, ...]


@dataclass(frozen=True, slots=True)
class LineFit:
    """What line units[start:end] measures and how far it can give."""

    start: int
    end: int
    content_end: int  # last unit that takes room (a space at the break has none)
    natural: float  # pt, with pairs compressed and the line-edge halves taken
    avail: float  # pt the line must fill (measure less the indent on a first line)
    blanks: float  # pt of mark blanks that may go (½ em each)
    uncompress: float  # pt compressed pairs may give back (½ em each)
    shrink: float  # continuous
    stretch: float  # continuous, before spreading
    gaps: int  # junctions that take spreading
    start_cut: float  # pt an opening mark at the line start loses
    end_cut: float  # pt a closing or stop mark at the line end loses
    counted: int


@dataclass(frozen=True, slots=True)
class Solution:
    """How a line reaches its width: punctuation steps, space change and spreading, in pt."""

    steps: int  # half ems: < 0 compress more marks, > 0 give back compressed pairs
    space: float  # change of the continuous spaces (negative: shrink)
    spread: float  # total added between units
    cost: float


def _running(values) -> tuple:
    total, out = 0.0, [0.0]
    for value in values:
        total += value
        out.append(total)
    return tuple(out)


def build_prefix(items: Items) -> Prefix:
    """The running sums of one paragraph's items."""
    units, junctions = items.units, items.junctions
    space_w = [u.width if u.cls is CharClass.SPACE else 0.0 for u in units]
    glue = _running(j.glue for j in junctions[1:])
    glue = (0.0, *glue)  # glue[k] sums junctions 1..k-1
    widths = _running(u.width for u in units)
    pos = tuple(w + g for w, g in zip(widths, glue))
    blanks = _running(u.blank_left + u.blank_right for u in units)
    j_shrink = (0.0, *_running(j.shrink for j in junctions[1:]))
    s_shrink = _running(w * SPACE_SHRINK for w in space_w)
    shrink = tuple(a + b for a, b in zip(j_shrink, s_shrink))
    j_stretch = (0.0, *_running(j.stretch for j in junctions[1:]))
    s_stretch = _running(w * SPACE_STRETCH for w in space_w)
    stretch = tuple(a + b for a, b in zip(j_stretch, s_stretch))
    min_pos = tuple(p - b - s for p, b, s in zip(pos, blanks, shrink))
    uncompress = (0.0, *_running(j.uncompress for j in junctions[1:]))
    counted = tuple(int(c) for c in _running(u.counted for u in units))
    return Prefix(pos, min_pos, glue, blanks, uncompress, shrink, stretch, counted)


def _edge_cuts(items: Items, start: int, content_end: int, end: int, style: TextStyle, first: bool):
    """Halves lost at the line edges (clreq §3.1.6): opening mark at the start, closing/stop at the end."""
    units, junctions = items.units, items.junctions
    half = style.size / 2
    start_cut = end_cut = 0.0
    head = units[start]
    if style.line_start_open_half and head.cls is CharClass.OPENING and not (first and style.indent_em > 0):
        taken = start > 0 and junctions[start].glue < 0 and not junctions[start].takes_left
        start_cut = half if taken else head.blank_left
    tail = units[content_end]
    if style.line_end_half and tail.cls in LINE_END_HALF_CLASSES:
        taken = end < len(units) and content_end == end - 1 and junctions[end].glue < 0 and junctions[end].takes_left
        end_cut = half if taken else tail.blank_right
    return start_cut, end_cut


def line_fit(items: Items, prefix: Prefix, start: int, end: int, measure: float, style: TextStyle) -> LineFit:
    """Metrics of the line units[start:end] (end exclusive) set to `measure`."""
    units = items.units
    first = start == 0
    avail = measure - (style.indent_em * style.size if first else 0.0)
    trailing_space = units[end - 1].cls is CharClass.SPACE and end - 1 > start
    content_end = end - 2 if trailing_space else end - 1
    natural = prefix.pos[end] - prefix.pos[start] - (prefix.glue[start + 1] - prefix.glue[start])
    shrink = prefix.shrink[end] - prefix.shrink[start + 1]
    stretch = prefix.stretch[end] - prefix.stretch[start + 1]
    if trailing_space:
        natural -= units[end - 1].width
        shrink -= units[end - 1].width * SPACE_SHRINK
        stretch -= units[end - 1].width * SPACE_STRETCH
    # The first unit's own space shrink sits in prefix.shrink[start + 1]; add it back.
    if units[start].cls is CharClass.SPACE:
        shrink += units[start].width * SPACE_SHRINK
        stretch += units[start].width * SPACE_STRETCH
    start_cut, end_cut = _edge_cuts(items, start, content_end, end, style, first)
    # Only marks inside the line may tighten; the edge ones have their own rule above.
    blanks = prefix.blanks[content_end] - prefix.blanks[start + 1] if content_end > start + 1 else 0.0
    return LineFit(
        start=start,
        end=end,
        content_end=content_end,
        natural=natural - start_cut - end_cut,
        avail=avail,
        blanks=max(blanks, 0.0),
        uncompress=prefix.uncompress[end] - prefix.uncompress[start + 1],
        shrink=max(shrink, 0.0),
        stretch=max(stretch, 0.0),
        gaps=max(content_end - start, 0),
        start_cut=start_cut,
        end_cut=end_cut,
        counted=prefix.counted[end] - prefix.counted[start],
    )


def _try(fit: LineFit, steps: int, half: float, size: float, mode: str) -> Solution | None:
    rest = fit.avail - fit.natural - steps * half
    if rest < -fit.shrink - EPS:
        return None
    if mode == "justify":
        space = min(max(rest, -fit.shrink), fit.stretch)
        spread = rest - space
        ragged = 0.0
    else:
        space = min(rest, 0.0)
        spread = 0.0
        ragged = RAGGED_COST * (max(rest, 0.0) / size) ** 2 if mode == "ragged" else 0.0
    cost = PUNCT_COST * abs(steps) + SPACE_COST * abs(space) / size + SPREAD_COST * spread / size + ragged
    return Solution(steps, space, max(spread, 0.0), cost)


def line_mode(style: TextStyle, last: bool) -> str:
    """'justify' (fill the measure), 'ragged' (a non-last aligned line) or 'natural' (a last line)."""
    if last:
        return "natural"
    return "justify" if style.align == "justify" else "ragged"


def solve(fit: LineFit, style: TextStyle, mode: str) -> Solution | None:
    """The cheapest way to set the line in `mode` (see line_mode), or None if it cannot fit."""
    justify = mode == "justify"
    half = style.size / 2
    most_compressed = -int(fit.blanks / half + EPS)
    most_released = int(fit.uncompress / half + EPS)
    target = (fit.avail - fit.natural) / half
    if justify:
        guesses = {math.floor(target + EPS), math.ceil(target - EPS), 0, most_compressed}
    else:
        guesses = {0, min(0, math.floor(target + EPS)), most_compressed}
    best = None
    for guess in guesses:
        steps = min(max(guess, most_compressed), most_released if justify else 0)
        found = _try(fit, steps, half, style.size, mode)
        if found is not None and (best is None or found.cost < best.cost - EPS):
            best = found
    return best
