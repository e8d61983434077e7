"""Place the glyphs of one chosen line: punctuation halves, spaces, spreading and alignment."""

from __future__ import annotations

from layout.text.break_fit import EPS, LineFit, Solution, line_shrink, reads_as_latin
from layout.text.charclass import CharClass
from layout.text.itemize import HYPHEN, SPACE_SPREAD_MAX_EM, WORDLIKE, Items, flexible_space, space_give
from layout.text.lines import GlyphRun, Line, TextStyle

# Which line-internal marks give up their blank half first when a line must
# tighten: pause marks inside a sentence before sentence-final and bracket marks
# (the 开明式 practice described in clreq §3.1.6).
_SHRINK_ORDER = {
    CharClass.PAUSE: 0,
    CharClass.COLON: 1,
    CharClass.CLOSING: 2,
    CharClass.MIDDLE_DOT: 3,
    CharClass.STOP: 4,
    CharClass.DIVIDING: 5,
    CharClass.OPENING: 6,
}


def _cuts(items: Items, fit: LineFit, solution: Solution, half: float) -> tuple[list[float], list[float]]:
    """Blank removed on the left and right of each unit of the line."""
    units, junctions = items.units, items.junctions
    count = fit.content_end - fit.start + 1
    left, right = [0.0] * count, [0.0] * count
    pairs = [k for k in range(fit.start + 1, fit.content_end + 1) if junctions[k].glue < 0]
    # Give back pairs that may be given back from the line end first, the line-end half only after them.
    releasable = [k for k in pairs if junctions[k].uncompress > 0]
    to_release = max(solution.steps, 0)
    released = set(releasable[max(len(releasable) - to_release, 0) :]) if to_release else set()
    left[0] += fit.start_cut
    right[-1] += fit.end_cut if to_release <= len(releasable) else 0.0
    for k in pairs:
        if k not in released:
            if junctions[k].takes_left:
                right[k - 1 - fit.start] += half
            else:
                left[k - fit.start] += half
    if solution.steps < 0:
        # Every mark of the line may tighten, an edge one on the side its edge rule leaves (挤进).
        shrinks = {k: line_shrink(units[k], k == fit.start and fit.start_cut > 0,
                                  k == fit.content_end and fit.end_cut > 0, half)
                   for k in range(fit.start, fit.content_end + 1)}
        marks = [k for k, (left_em, right_em) in shrinks.items() if left_em + right_em > 0]
        marks.sort(key=lambda k: (_SHRINK_ORDER.get(units[k].cls, 9), -k))
        for k in marks[: -solution.steps]:
            left[k - fit.start] += shrinks[k][0]
            right[k - fit.start] += shrinks[k][1]
    return left, right


def _glues(items: Items, fit: LineFit, solution: Solution,
           size: float) -> tuple[list[float], list[float], float, float]:
    """Space after each unit of the line, extra width of each word space, what the indent widens by and
    what each letter gap of a word takes, in pt."""
    units, junctions = items.units, items.junctions
    count = fit.content_end - fit.start + 1
    after, space_extra = [0.0] * count, [0.0] * count
    stretching = solution.space > 0
    capacity = fit.stretch if stretching else fit.shrink
    share = solution.space / capacity if capacity > 0 else 0.0
    for idx in range(count - 1):
        junction = junctions[fit.start + idx + 1]
        give = junction.stretch if stretching else junction.shrink
        after[idx] = (junction.glue if junction.glue > 0 else 0.0) + give * share
    for idx in range(count):
        unit = units[fit.start + idx]
        if unit.cls is CharClass.SPACE:
            space_extra[idx] = space_give(unit.text, unit.width, size)[1 if stretching else 0] * share
    indent = [0.0] * fit.indent_gaps
    tracking = _spread(items, fit, solution.spread, size, (after, space_extra, indent))
    return after, space_extra, sum(indent), tracking


def _spread(items: Items, fit: LineFit, spread: float, size: float,
            widths: tuple[list[float], list[float], list[float]]) -> float:
    """Add `spread` to the gaps of the line evenly: water filling `widths` (the space after each unit,
    each word space's extra width, the indent's gaps) in place; return the tracking of a line of words.

    The gaps are the junctions between units and the word spaces (a space and the
    junctions on either side of it are one gap), and a first line's indent gaps, not
    the breaks inside a word nor a word's own half-width mark. Each gap is raised to one common width above its
    natural one, so a gap that has a Han–Latin or word space takes nothing until the
    others reach it, and no gap gets more than the rest; a space stops at ½ em
    unless every gap has. A line that reads as Latin, its spaces at their widest that
    reads well already, tracks its letters with its other gaps (every gap alike) rather
    than open holes between its words.
    """
    if spread <= EPS:
        return 0.0
    units = items.units
    after, space_extra, indent = widths
    count = fit.content_end - fit.start + 1
    flexible = [flexible_space(units[fit.start + i]) for i in range(count)]
    gaps: list[tuple[list[float], int, float, float]] = []  # (where, index, natural, cap)
    cap = SPACE_SPREAD_MAX_EM * size
    junctions = items.junctions[fit.start + 1 : fit.content_end + 1]
    inside = [not (flexible[idx] or flexible[idx + 1]) and (junctions[idx].word_break or junctions[idx].rigid)
              for idx in range(count - 1)]
    if reads_as_latin(fit):
        opened = [idx for idx in range(count - 1)
                  if inside[idx] or not (flexible[idx] or flexible[idx + 1] or junctions[idx].glue > 0)]
        letters = sum(len(units[fit.start + idx].text) - 1 for idx in range(count)
                      if units[fit.start + idx].cls in WORDLIKE)
        if opened or letters:  # else nothing to track: the gaps below take it
            tracking = spread / (len(opened) + len(indent) + letters)
            for idx in opened:
                after[idx] += tracking
            indent[:] = [tracking] * len(indent)
            return tracking
    for idx in range(count - 1):
        if not (flexible[idx] or flexible[idx + 1] or inside[idx]):
            gaps.append((after, idx, after[idx], cap if after[idx] > 0 else float("inf")))
    for idx in range(count):
        if flexible[idx]:
            unit = units[fit.start + idx]
            gaps.append((space_extra, idx, unit.width + space_extra[idx], cap * len(unit.text)))
    if not gaps:  # one unit alone: _place spreads it
        return 0.0
    gaps += [(indent, idx, 0.0, float("inf")) for idx in range(len(indent))]
    room = [max(top - natural, 0.0) for _, _, natural, top in gaps]
    if sum(room) <= spread:  # every gap to its cap, then the rest alike
        extras = [r + (spread - sum(room)) / len(gaps) for r in room]
    else:
        level = _water_level([natural for _, _, natural, _ in gaps], room, spread)
        extras = [min(max(level - natural, 0.0), r) for (_, _, natural, _), r in zip(gaps, room)]
    for (where, idx, _, _), extra in zip(gaps, extras):
        where[idx] += extra
    return 0.0


def _water_level(naturals: list[float], room: list[float], spread: float) -> float:
    """The common width gaps of these natural widths reach when `spread` is poured into them,
    each taking at most its room (more room in all than `spread`)."""
    if not any(naturals):  # the common case, a line of Han and marks
        return spread / len(naturals)

    def poured(level: float) -> float:
        return sum(min(max(level - natural, 0.0), r) for natural, r in zip(naturals, room))

    low, high = min(naturals), max(naturals) + spread
    for _ in range(50):
        middle = (low + high) / 2
        low, high = (middle, high) if poured(middle) < spread else (low, middle)
    return high


NO_TRIM = (0.0, 0.0)


def _runs(chars: list[tuple[str, str, float, tuple[float, float]]], size: float) -> tuple[GlyphRun, ...]:
    """Group (char, face, x, trim) into runs of one face."""
    runs: list[GlyphRun] = []
    start = 0
    for idx in range(1, len(chars) + 1):
        if idx == len(chars) or chars[idx][1] != chars[start][1]:
            piece = chars[start:idx]
            trims = tuple(trim for *_, trim in piece)
            runs.append(GlyphRun(piece[0][1], size, "".join(c for c, *_ in piece), tuple(x for _, _, x, _ in piece),
                                 trims if any(t != NO_TRIM for t in trims) else ()))
            start = idx
    return tuple(runs)


def _place(items: Items, fit: LineFit, solution: Solution, origin: float, size: float):
    """(char, face, x) of every character, and where the set box ends."""
    units = items.units
    left, right = _cuts(items, fit, solution, size / 2)
    after, space_extra, indent, tracking = _glues(items, fit, solution, size)
    lone_spread = solution.spread if fit.gaps == 0 and not tracking else 0.0  # one unit alone (——): spread it
    chars: list[tuple[str, str, float, tuple[float, float]]] = []
    cursor = origin + indent
    for idx in range(fit.content_end - fit.start + 1):
        unit = units[fit.start + idx]
        inner = lone_spread / max(len(unit.text) - 1, 1) if lone_spread else tracking if unit.cls in WORDLIKE else 0.0
        x = cursor - left[idx]
        last = len(unit.text) - 1
        for n, (ch, face, advance) in enumerate(zip(unit.text, unit.faces, unit.advances)):
            # A unit's cuts belong to its outer edges: the first and last character.
            trim = (left[idx] if n == 0 else 0.0, right[idx] if n == last else 0.0)
            chars.append((ch, face, x, trim))
            x += advance + inner + (space_extra[idx] / len(unit.text) if unit.cls is CharClass.SPACE else 0.0)
        cursor = x - inner - right[idx]
        cursor += after[idx]
    for unit in units[fit.content_end + 1 : fit.end]:  # the space at the break: zero width
        chars.extend((ch, face, cursor, NO_TRIM) for ch, face in zip(unit.text, unit.faces))
    hyphen = items.junctions[fit.end] if fit.end < len(units) else None
    if hyphen is not None and hyphen.hyphen:  # a word broken at the line end
        chars.append((HYPHEN, hyphen.hyphen_face, cursor, NO_TRIM))
        cursor += hyphen.hyphen
    return chars, cursor


def set_line(items: Items, fit: LineFit, solution: Solution, style: TextStyle, measure: float, last: bool) -> Line:
    """The Line for units[fit.start:fit.end], justified or aligned as the style says."""
    first = fit.start == 0
    indent = measure - fit.avail
    chars, end = _place(items, fit, solution, indent, style.size)
    slack = fit.avail - (end - indent)
    justified = style.align == "justify"
    offset = 0.0
    if not justified and slack > 0:
        offset = {"left": 0.0, "center": slack / 2, "right": slack}[style.align]
    if offset:
        chars = [(ch, face, x + offset, trim) for ch, face, x, trim in chars]
        end += offset
    if justified and not last and abs(end - measure) < 0.01:
        end = measure  # the sum of many floats: snap the reported box end
    hyphenated = fit.end < len(items.units) and items.junctions[fit.end].hyphen > 0
    return Line(_runs(chars, style.size), measure, end, last, first, hyphenated)
