"""How a run of units fits a measure: natural width, the adjustments it allows, and their cost."""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from itertools import accumulate

from layout.text.charclass import LINE_END_HALF_CLASSES, CharClass
from layout.text.itemize import WORDLIKE, Items, Unit, flexible_space, space_give
from layout.text.lines import TextStyle

# Costs of one line's adjustments, in the priority order of clreq §6.2 (行内调整):
# punctuation first (挤进: squeezing a mark to pull a character in, before 推出:
# pushing one out and spreading the rest), then the Han–Latin and word spaces,
# and spreading every gap of the line evenly last.
PUNCT_COST = 1.0  # per half em of punctuation compressed or given back
SPACE_COST = 4.0  # per em the Han–Latin or word spaces move off their natural width
# Spreading costs by how far each gap opens: quadratic up to LETTERSPACE_EM a gap, where a
# line of Han starts to read as letter-spaced (a word space: HOLE_EM more, where it reads
# as a hole); past that, a line costs OPENED_LINE_COST and more in proportion, so a
# paragraph has as few such lines as it can, rather than many lines a little less open.
SPREAD_COST = 100.0  # a line spread by LETTERSPACE_EM (or HOLE_EM in its spaces) in every gap
SPREAD_LINE_COST = 30.0  # a line whose characters leave the 1-em grid, however little
GRID_TOLERANCE_EM = 0.02  # a spread this small per gap keeps characters on the grid to the eye
INDENT_SPREAD_COST = 5.0  # a first line whose indent widens: its paragraph no longer starts where the others do
LETTERSPACE_EM = 0.1
HOLE_EM = 0.2
# A line that reads as Latin (more letter gaps than gaps beside Han and marks), its word spaces at
# their widest that reads well, tracks its letters with its other gaps rather than open holes:
# up to TRACKING_EM a gap it still reads as set tight.
TRACKING_EM = 0.05
OPENED_LINE_COST = 1000.0
RAGGED_COST = 10.0  # per em² left empty on a non-justified line
# Breaks inside a word: with a hyphen (worse than a small spread, better than a
# letter-spaced line); after / . - _ ? & = in an address, which has no spaces to break
# at; inside a name of an address, with no hyphen (it would read as part of it).
WORD_BREAK_COSTS = {"": 0.0, "hyphen": 40.0, "after": 5.0, "inside": 60.0}
CAPTION_ODD_BREAK_COST = 500.0  # a caption line ending elsewhere than at a natural point
# A caption's natural breaks: after a title's 》, at a space, before the credit (作者：…,
# or a photographer's 摄 / 图 closing the caption: 本报记者 王五 摄, 图/新华社).
CAPTION_BREAK_AFTER = ("》", " ", "\u3000")
CAPTION_CREDIT_RE = re.compile(r"作者|[摄图](?=$|[/／:：）)])")
# Past any spreading of a few lines: a paragraph's last line of one character (孤字), and a
# break the prohibition rules forbid (tried only when no legal setting exists).
LONE_CHAR_COST = 1.0e8
FORCED_BREAK_COST = 1.0e10
EPS = 1e-6


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
    space_width: tuple[float, ...]  # width of each unit that is a space, else 0
    space_gives: tuple[tuple[float, float], ...]  # (shrink, stretch) of each unit that is a space
    spaced: tuple[int, ...]  # spaced[k]: junctions 1..k-1 with a Han–Latin space
    flexible: tuple[int, ...]  # flexible[k]: word spaces among units < k
    in_word: tuple[int, ...]  # in_word[k]: junctions 1..k-1 inside a word or rigid: spreading leaves them
    letters: tuple[int, ...]  # letters[k]: gaps between the characters of the Latin and digit units < k
    start_cut: tuple[float, ...]  # by unit: what it loses starting a line
    end_cut: tuple[float, ...]  # by unit: what it loses ending a line


@dataclass(frozen=True, slots=True)
class LineFit:
    """What line units[start:end] measures and how far it can give."""

    start: int
    end: int
    content_end: int  # last unit that takes room (a space at the break has none)
    natural: float  # pt, with pairs compressed and the line-edge halves taken
    avail: float  # pt the line must fill (measure less the indent on a first line)
    blanks: float  # pt of mark blanks that may go (½ em each)
    uncompress: float  # pt compressed pairs and the line-end half may give back (½ em each)
    shrink: float  # continuous
    stretch: float  # continuous, before spreading
    gaps: int  # junctions inside the line
    plain_gaps: int  # gaps with no space, not inside a word, and the indent's: spreading moves characters off the grid
    indent_gaps: int  # a first line's indent, as the ideographic spaces it stands for: they spread too
    spaced_gaps: int  # Han–Latin spaces and word spaces: spreading widens them
    letter_gaps: int  # between the letters of the line's words, at their break points and beside their own marks
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
    return tuple(accumulate(values, initial=0.0))


def build_prefix(items: Items, style: TextStyle) -> Prefix:
    """The running sums of one paragraph's items, and its line-edge halves."""
    units, junctions = items.units, items.junctions
    space_w = [u.width if u.cls is CharClass.SPACE else 0.0 for u in units]
    gives = [space_give(u.text, u.width, style.size) if u.cls is CharClass.SPACE else (0.0, 0.0) for u in units]
    glue = _running(j.glue for j in junctions[1:])
    glue = (0.0, *glue)  # glue[k] sums junctions 1..k-1
    widths = _running(u.width for u in units)
    pos = tuple(w + g for w, g in zip(widths, glue))
    blanks = _running(u.shrink_left + u.shrink_right for u in units)
    j_shrink = (0.0, *_running(j.shrink for j in junctions[1:]))
    s_shrink = _running(shrink for shrink, _ in gives)
    shrink = tuple(a + b for a, b in zip(j_shrink, s_shrink))
    j_stretch = (0.0, *_running(j.stretch for j in junctions[1:]))
    s_stretch = _running(stretch for _, stretch in gives)
    stretch = tuple(a + b for a, b in zip(j_stretch, s_stretch))
    min_pos = tuple(p - b - s for p, b, s in zip(pos, blanks, shrink))
    uncompress = (0.0, *_running(j.uncompress for j in junctions[1:]))
    counted = tuple(int(c) for c in _running(u.counted for u in units))
    spaced = (0, *(int(c) for c in _running(j.glue > 0 for j in junctions[1:])))
    in_word = (0, *(int(c) for c in _running(bool(j.word_break) or j.rigid for j in junctions[1:])))
    flexible = tuple(int(c) for c in _running(flexible_space(u) for u in units))
    letters = tuple(int(c) for c in _running(len(u.text) - 1 if u.cls in WORDLIKE else 0 for u in units))
    start_cut, end_cut = _edge_cuts(items, style)
    return Prefix(pos, min_pos, glue, blanks, uncompress, shrink, stretch, counted, tuple(space_w), tuple(gives),
                  spaced, flexible, in_word, letters, start_cut, end_cut)


def _edge_cuts(items: Items, style: TextStyle) -> tuple[tuple[float, ...], tuple[float, ...]]:
    """Halves lost at the line edges (clreq §3.1.6), by unit: (if a line starts here, if it ends here).

    An opening mark at a line start loses its left half, except after a first-line
    indent; a closing or stop mark at a line end loses its right half. A pair
    compression across the break is undone, so the mark's own blank is what goes.
    """
    starts, ends = [], []
    for k, unit in enumerate(items.units):
        opening = unit.cls is CharClass.OPENING and not (k == 0 and style.indent_em > 0)
        starts.append(unit.blank_left if style.line_start_open_half and opening else 0.0)
        closing = unit.cls in LINE_END_HALF_CLASSES
        ends.append(unit.blank_right if style.line_end_half and closing else 0.0)
    return tuple(starts), tuple(ends)


def line_fit(items: Items, prefix: Prefix, start: int, end: int, measure: float, style: TextStyle) -> LineFit:
    """Metrics of the line units[start:end] (end exclusive) set to `measure`."""
    spaces, gives = prefix.space_width, prefix.space_gives
    avail = measure - (style.indent_em * style.size if start == 0 else 0.0)
    trailing = spaces[end - 1] if end - 1 > start else 0.0  # a space at the break takes no room
    trailing_give = gives[end - 1] if trailing else (0.0, 0.0)
    content_end = end - 2 if trailing else end - 1
    # The first unit's own space give sits before prefix.shrink[start + 1]: add it back.
    shrink = prefix.shrink[end] - prefix.shrink[start + 1] + gives[start][0] - trailing_give[0]
    stretch = prefix.stretch[end] - prefix.stretch[start + 1] + gives[start][1] - trailing_give[1]
    start_cut, end_cut = prefix.start_cut[start], prefix.end_cut[content_end]
    natural = prefix.pos[end] - prefix.pos[start] - prefix.glue[start + 1] + prefix.glue[start] - trailing
    if end < len(items.units):  # a line ending inside a word carries its hyphen
        natural += items.junctions[end].hyphen
    # Marks inside the line may tighten, and so may the edge ones on the side the
    # line-edge rule above leaves them (an opening mark after the indent: 挤进).
    blanks = prefix.blanks[content_end] - prefix.blanks[start + 1] if content_end > start + 1 else 0.0
    half = style.size / 2
    spaced = prefix.spaced[content_end + 1] - prefix.spaced[start + 1]
    in_word = prefix.in_word[content_end + 1] - prefix.in_word[start + 1]
    flexible = prefix.flexible[content_end + 1] - prefix.flexible[start]
    plain_gaps = max(content_end - start - spaced - 2 * flexible - in_word, 0)
    # The indent is the ideographic spaces a newsroom types (　　): a line of Han that must spread widens
    # their gaps with the rest, so a short first line opens a little less between its characters.
    indent_gaps = round(style.indent_em) if start == 0 and style.indent_em >= 1 and plain_gaps else 0
    blanks += sum(sum(line_shrink(items.units[k], k == start and start_cut > 0, k == content_end and end_cut > 0, half))
                  for k in {start, content_end})
    return LineFit(
        start,
        end,
        content_end,
        natural - start_cut - end_cut,
        avail,
        blanks,
        # A line-end half may be given back like a pair (clreq §6.2: punctuation before spacing).
        prefix.uncompress[end] - prefix.uncompress[start + 1] + end_cut,
        max(shrink, 0.0),
        max(stretch, 0.0),
        content_end - start,
        plain_gaps + indent_gaps,
        indent_gaps,
        spaced + flexible,
        prefix.letters[content_end + 1] - prefix.letters[start] + in_word,
        start_cut,
        end_cut,
        prefix.counted[end] - prefix.counted[start],
    )


def line_shrink(unit: Unit, left_cut: bool, right_cut: bool, half: float) -> tuple[float, float]:
    """Blank (left, right) a tight line may take from a mark, beside a side a line edge cuts.

    A tight line takes whole half ems only (a quarter is all a centred mark has on a side).
    """
    left = 0.0 if left_cut else unit.shrink_left
    right = 0.0 if right_cut else unit.shrink_right
    return (left, right) if left + right >= half - EPS else (0.0, 0.0)


def _price(fit: LineFit, steps: int, half: float, size: float, mode: str) -> Solution | None:
    """The line set with `steps` half ems of punctuation change, and what that costs; None if it overfills."""
    rest = fit.avail - fit.natural - steps * half
    if rest < -fit.shrink - EPS:
        return None
    cost = PUNCT_COST * abs(steps)
    if mode == "justify":
        space = min(max(rest, -fit.shrink), fit.stretch)
        spread = max(rest - space, 0.0)
        cost += SPACE_COST * abs(space) / size
        if spread > EPS:
            cost += spread_badness(fit, spread / size)
        return Solution(steps, space, spread, cost)
    space = min(rest, 0.0)
    if mode == "ragged" and rest > 0:
        cost += RAGGED_COST * (rest / size) ** 2
    return Solution(steps, space, 0.0, cost - SPACE_COST * space / size)


def break_costs(items: Items, style: TextStyle) -> tuple[float, ...]:
    """What ending a line before units[k] costs in itself, by k: a hyphen, a break inside
    an address, or a caption line that does not end at one of its natural points."""
    units = items.units
    costs = [WORD_BREAK_COSTS[junction.word_break] for junction in items.junctions] + [0.0]
    if style.break_preference == "caption":
        text = "".join(unit.text for unit in units)
        offset = 0
        for k in range(1, len(units)):
            offset += len(units[k - 1].text)
            natural = units[k - 1].text.endswith(CAPTION_BREAK_AFTER) or CAPTION_CREDIT_RE.match(text, offset)
            costs[k] += 0.0 if natural else CAPTION_ODD_BREAK_COST
    return tuple(costs)


def spread_badness(fit: LineFit, spread_em: float) -> float:
    """What spreading a line by `spread_em` costs, by how far each gap opens.

    Spreading fills the gaps with no space first (see justify._spread), so they
    set the cost; a line that reads as Latin tracks its letters with them.
    """
    if reads_as_latin(fit):
        return _opening(spread_em / (fit.plain_gaps + fit.letter_gaps) / TRACKING_EM)
    if fit.plain_gaps:
        per_gap = spread_em / fit.plain_gaps
        off_grid = SPREAD_LINE_COST if per_gap > GRID_TOLERANCE_EM else 0.0
        indent = INDENT_SPREAD_COST if fit.indent_gaps else 0.0
        return off_grid + indent + _opening(per_gap / LETTERSPACE_EM)
    return _opening(spread_em / max(fit.spaced_gaps, 1) / HOLE_EM)


def reads_as_latin(fit: LineFit) -> bool:
    """A line of more letter gaps than gaps between Han and marks (a line of words, or of one address):
    it spreads by tracking every gap alike, letters included."""
    return fit.letter_gaps > fit.plain_gaps


def _opening(ratio: float) -> float:
    """Badness of gaps opened `ratio` times as far as reads well."""
    if ratio <= 1.0:
        return SPREAD_COST * ratio**2
    return OPENED_LINE_COST + SPREAD_COST * (1.0 + 10.0 * (ratio - 1.0))


def line_mode(style: TextStyle, last: bool) -> str:
    """'justify' (fill the measure), 'ragged' (a non-last aligned line) or 'natural' (a last line)."""
    if last:
        return "natural"
    return "justify" if style.align == "justify" else "ragged"


def solve(fit: LineFit, style: TextStyle, mode: str) -> Solution | None:
    """The cheapest way to set the line in `mode` (see line_mode), or None if it cannot fit."""
    half = style.size / 2
    most_compressed = -int(fit.blanks / half + EPS)
    most_released = int(fit.uncompress / half + EPS) if mode == "justify" else 0
    target = (fit.avail - fit.natural) / half
    # The half-em step just below the gap never overfills, so if it cannot fit
    # (clamped at the most compressed) no other can; the step above may be cheaper.
    below = min(max(math.floor(target + EPS), most_compressed), most_released)
    best = _price(fit, below, half, style.size, mode)
    if mode == "justify" and best is not None and target - below > EPS and below < most_released:
        above = _price(fit, below + 1, half, style.size, mode)
        if above is not None and above.cost < best.cost - EPS:
            best = above
    return best
