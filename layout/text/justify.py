"""Place the glyphs of one chosen line: punctuation halves, spaces, spreading and alignment."""

from __future__ import annotations

from layout.text.break_fit import SPACE_SHRINK, SPACE_STRETCH, LineFit, Solution
from layout.text.charclass import CharClass
from layout.text.itemize import Items
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
        inner = range(fit.start + 1, fit.content_end)
        marks = [k for k in inner if units[k].shrink_left + units[k].shrink_right > 0]
        marks.sort(key=lambda k: (_SHRINK_ORDER.get(units[k].cls, 9), -k))
        for k in marks[: -solution.steps]:
            left[k - fit.start] += units[k].shrink_left
            right[k - fit.start] += units[k].shrink_right
    return left, right


def _glues(items: Items, fit: LineFit, solution: Solution) -> tuple[list[float], list[float]]:
    """Space after each unit of the line, and extra width of each word space, in pt."""
    units, junctions = items.units, items.junctions
    count = fit.content_end - fit.start + 1
    after, space_extra = [0.0] * count, [0.0] * count
    capacity = fit.stretch if solution.space > 0 else fit.shrink
    share = solution.space / capacity if capacity > 0 else 0.0
    spread = _spread_shares(items, fit, solution.spread)
    for idx in range(count - 1):
        junction = junctions[fit.start + idx + 1]
        give = junction.stretch if solution.space > 0 else junction.shrink
        after[idx] = (junction.glue if junction.glue > 0 else 0.0) + give * share + spread[idx]
    for idx in range(count):
        unit = units[fit.start + idx]
        if unit.cls is CharClass.SPACE:
            give = unit.width * (SPACE_STRETCH if solution.space > 0 else SPACE_SHRINK)
            space_extra[idx] = give * share / len(unit.text)
    return after, space_extra


def _spread_shares(items: Items, fit: LineFit, spread: float) -> list[float]:
    """What each gap of the line takes of the spread: the blank sides of marks first.

    A mark's blank half is punctuation space, clreq's first adjustment: a gap on
    a mark's blank side (after a closing or stop mark, before an opening one,
    not inside a compressed pair) takes up to ½ em, and only what they cannot
    take spreads between all characters, moving Han off the 1-em grid.
    """
    gaps = fit.content_end - fit.start
    shares = [0.0] * gaps
    if spread <= 0 or gaps == 0:
        return shares
    units, junctions = items.units, items.junctions
    blank_sides = [
        idx for idx in range(gaps)
        if junctions[fit.start + idx + 1].glue >= 0
        and (units[fit.start + idx].blank_right > 0 or units[fit.start + idx + 1].blank_left > 0)
    ]
    limit = max((max(units[fit.start + i].blank_right, units[fit.start + i + 1].blank_left) for i in blank_sides),
                default=0.0)
    taken = min(spread, limit * len(blank_sides))
    for idx in blank_sides:
        shares[idx] = taken / len(blank_sides)
    rest = (spread - taken) / gaps
    return [share + rest for share in shares]


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
    after, space_extra = _glues(items, fit, solution)
    lone_spread = solution.spread if fit.gaps == 0 else 0.0  # one word alone: letterspace it
    chars: list[tuple[str, str, float, tuple[float, float]]] = []
    cursor = origin
    for idx in range(fit.content_end - fit.start + 1):
        unit = units[fit.start + idx]
        inner = lone_spread / (len(unit.text) - 1) if len(unit.text) > 1 else 0.0
        x = cursor - left[idx]
        last = len(unit.text) - 1
        for n, (ch, face, advance) in enumerate(zip(unit.text, unit.faces, unit.advances)):
            # A unit's cuts belong to its outer edges: the first and last character.
            trim = (left[idx] if n == 0 else 0.0, right[idx] if n == last else 0.0)
            chars.append((ch, face, x, trim))
            x += advance + inner + (space_extra[idx] if unit.cls is CharClass.SPACE else 0.0)
        cursor = x - inner - right[idx]
        cursor += after[idx]
    for unit in units[fit.content_end + 1 : fit.end]:  # the space at the break: zero width
        chars.extend((ch, face, cursor, NO_TRIM) for ch, face in zip(unit.text, unit.faces))
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
    return Line(_runs(chars, style.size), measure, end, last, first)
