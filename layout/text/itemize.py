"""Cut a paragraph into unbreakable units and the junctions between them, with widths in pt."""

from __future__ import annotations

import itertools
from dataclasses import dataclass, replace

from layout.text.charclass import (
    APPROXIMATORS,
    DOUBLED_MARKS,
    IN_WORD_JOINERS,
    NUMBER_LEADS,
    PUNCT_BLANKS,
    PUNCT_SQUEEZE,
    CharClass,
    char_class,
)
from layout.text.latin_breaks import WordBreak, address_pieces, address_spans, word_pieces
from layout.text.lines import GlyphSource, TextStyle

C = CharClass
IDEOGRAPHIC = frozenset({C.HAN, C.KANA, C.SMALL_KANA, C.PROLONGED, C.ITERATION})
WORDLIKE = frozenset({C.LATIN, C.DIGIT})
_ALNUM = frozenset({C.LATIN, C.DIGIT})
_MARKS = frozenset({C.OPENING, C.CLOSING, C.PAUSE, C.STOP, C.DIVIDING, C.COLON, C.MIDDLE_DOT, C.CONNECTOR, C.SOLIDUS})
# Characters that count against a lone last-line character (孤字): not marks, not spaces.
COUNTED = IDEOGRAPHIC | WORDLIKE | {C.OTHER}
FULL_WIDTH_TOLERANCE_EM = 0.01
HYPHEN = "-"
# A word space shrinks to ¼ em and, like the Han–Latin space (¼ em, clreq §3.2.2),
# stretches to SPACE_MAX_EM before a line spreads; spreading takes either to
# SPACE_SPREAD_MAX_EM at most (a wider gap reads as a hole).
WORD_SPACE_MIN_EM = 0.25
SPACE_MAX_EM = 0.3
SPACE_SPREAD_MAX_EM = 0.5
FIXED_SPACES = frozenset("\u3000\u00a0")  # an ideographic or no-break space keeps its width inside a line


@dataclass(frozen=True, slots=True)
class Unit:
    """Characters that never break apart: one Han, one mark, a word, ——, ……, a run of spaces."""

    text: str
    cls: CharClass
    faces: tuple[str, ...]
    advances: tuple[float, ...]  # pt, one per character
    width: float  # pt
    blank_left: float  # pt of blank in the mark's em on its left (lost at a line start)
    blank_right: float  # pt on its right (lost at a line end)
    counted: int  # characters that count for 孤字
    shrink_left: float = 0.0  # pt a tight line may take on the left (not taken by a pair)
    shrink_right: float = 0.0


@dataclass(frozen=True, slots=True)
class Junction:
    """The gap between two units: its glue, how it can change, and whether it may break."""

    glue: float = 0.0  # pt: −½ em for a compressed mark pair, the Han–Latin space, else 0
    uncompress: float = 0.0  # pt a compressed pair gives back when a line is short
    shrink: float = 0.0  # pt of Han–Latin space that may go
    stretch: float = 0.0  # pt of Han–Latin space that may be added
    takes_left: bool = True  # a pair's half em comes out of the left mark (else the right one)
    bound: bool = False  # never break here (clreq §6.1.2 and number/unit binding)
    word_break: WordBreak = ""  # a break inside a word or address: a hyphenation point, after / . - _ ? & =
    rigid: bool = False  # a word and its half-width mark: spreading opens this gap only as it tracks letters
    hyphen: float = 0.0  # pt of the hyphen a break here adds at the line end (0: none)
    hyphen_face: str = ""


@dataclass(frozen=True, slots=True)
class Items:
    """A paragraph's units, and junctions[k] between units[k-1] and units[k] (junctions[0] unused)."""

    units: tuple[Unit, ...]
    junctions: tuple[Junction, ...]


def _word_end(text: str, start: int) -> int:
    """End of the Latin word or number starting at `start` (clreq §6.1.2: never split)."""
    end = start + 1
    n = len(text)
    while end < n:
        cls = char_class(text[end])
        if cls in _ALNUM or cls is C.NUMBER_SUFFIX and char_class(text[end - 1]) in (C.DIGIT, C.NUMBER_SUFFIX):
            end += 1
        elif (
            text[end] in IN_WORD_JOINERS
            and end + 1 < n
            and char_class(text[end - 1]) in _ALNUM
            and char_class(text[end + 1]) in _ALNUM
        ):
            end += 2
        else:
            break
    return end


Piece = tuple[str, CharClass, WordBreak]  # text, class, and the break inside a word before it


def _cut(text: str) -> list[Piece]:
    """The unit texts of `text`, in order, with their classes: words cut at their
    hyphenation points and addresses after their break characters, marked as such."""
    pieces: list[Piece] = []
    addresses = dict(address_spans(text))
    i, n = 0, len(text)
    while i < n:
        ch = text[i]
        cls = char_class(ch)
        end = i + 1
        if i in addresses:
            end = addresses[i]
            pieces.extend((piece, C.LATIN, kind) for piece, kind in address_pieces(text[i:end]))
            i = end
            continue
        if cls in _ALNUM or (cls is C.NUMBER_PREFIX and i + 1 < n and char_class(text[i + 1]) is C.DIGIT):
            end = _word_end(text, i)
            cls = C.DIGIT if cls is C.NUMBER_PREFIX else cls
            if cls is C.LATIN:
                pieces.extend((piece, cls, kind) for piece, kind in word_pieces(text[i:end]))
                i = end
                continue
        elif ch in DOUBLED_MARKS and i + 1 < n and _pairs(ch, text[i + 1]):
            end = i + 2
            cls = C.ELLIPSIS if cls is C.ELLIPSIS else C.DASH
        elif cls is C.SPACE:
            while end < n and char_class(text[end]) is C.SPACE:
                end += 1
        pieces.append((text[i:end], cls, ""))
        i = end
    return pieces


def _pairs(first: str, second: str) -> bool:
    """Two dashes or two ellipses make one two-em mark (GB/T 15834 §4.12, §4.15)."""
    dashes = "—―"
    return (first in dashes and second in dashes) or (
        first not in dashes and second not in dashes and second in DOUBLED_MARKS
    )


def flexible_space(unit: Unit) -> bool:
    """A run of word spaces, which justification may widen (not an ideographic or no-break space)."""
    return unit.cls is C.SPACE and not any(ch in FIXED_SPACES for ch in unit.text)


def space_give(text: str, width: float, size: float) -> tuple[float, float]:
    """(shrink, stretch) in pt of a run of spaces `width` pt wide: none for fixed spaces."""
    if any(ch in FIXED_SPACES for ch in text):
        return 0.0, 0.0
    count = len(text)
    return max(width - WORD_SPACE_MIN_EM * size * count, 0.0), max(SPACE_MAX_EM * size * count - width, 0.0)


def _unit(piece: str, cls: CharClass, style: TextStyle, glyphs: GlyphSource) -> Unit:
    faces, advances = [], []
    for ch in piece:
        face, advance_em = glyphs.glyph(ch)
        faces.append(face)
        advances.append(advance_em * style.size)
    width = sum(advances)
    blank_left = blank_right = squeeze_left = squeeze_right = 0.0
    full_width = len(piece) == 1 and abs(width - style.size) <= FULL_WIDTH_TOLERANCE_EM * style.size
    if full_width:
        left_em, right_em = PUNCT_BLANKS[style.punct_style].get(cls, (0.0, 0.0))
        blank_left, blank_right = left_em * style.size, right_em * style.size
        left_em, right_em = PUNCT_SQUEEZE[style.punct_style].get(cls, (left_em, right_em))
        squeeze_left, squeeze_right = left_em * style.size, right_em * style.size
    counted = len(piece) if cls in COUNTED else 0
    return Unit(piece, cls, tuple(faces), tuple(advances), width, blank_left, blank_right, counted,
                squeeze_left, squeeze_right)


def _is_number(unit: Unit) -> bool:
    return unit.cls is C.DIGIT


def _bound(left: Unit, right: Unit, after_number: bool) -> bool:
    """Separation prohibitions beyond the line-start/end tables (clreq §6.1.2)."""
    if "\u00a0" in left.text or "\u00a0" in right.text:
        return True
    if _is_number(left) and right.cls in IDEOGRAPHIC:  # 2023年, 150余
        return True
    if after_number and left.text in APPROXIMATORS and right.cls in IDEOGRAPHIC:  # 150余个
        return True
    if left.text in NUMBER_LEADS and _is_number(right):  # 第21
        return True
    single_letter = {u.cls for u in (left, right) if len(u.text) == 1 and u.cls is C.LATIN}
    return bool(single_letter) and (left.cls in IDEOGRAPHIC or right.cls in IDEOGRAPHIC)  # A股


def _junction(left: Unit, right: Unit, style: TextStyle, after_number: bool) -> Junction:
    bound = _bound(left, right, after_number)
    half = style.size / 2
    marks = (left.blank_left + left.blank_right) > 0 and (right.blank_left + right.blank_right) > 0
    if style.compress_adjacent and marks:
        # clreq §3.1.6 / jlreq §3.1.4: two adjacent marks lose the half em between them.
        if left.blank_right >= half:
            return Junction(-half, 0.0, takes_left=True, bound=bound)
        if right.blank_left >= half:
            return Junction(-half, 0.0, takes_left=False, bound=bound)
    space = style.han_latin_space_em * style.size
    ideo_latin = (left.cls in IDEOGRAPHIC and right.cls in WORDLIKE) or (
        left.cls in WORDLIKE and right.cls in IDEOGRAPHIC
    )
    if space > 0 and ideo_latin:
        # clreq §3.2.2: ¼ em between Han and Latin. A tight line may close it (a number set
        # solid, as many papers set them all), a loose one open it to SPACE_MAX_EM.
        return Junction(space, 0.0, space, max(SPACE_MAX_EM * style.size - space, 0.0), bound=bound)
    return Junction(bound=bound, rigid=_word_and_its_mark(left, right, style.size))


def _word_and_its_mark(left: Unit, right: Unit, size: float) -> bool:
    """A Latin word and the half-width mark after or before it (Corridor: or (Hamburger):
    spreading never opens the gap between them."""
    narrow_mark = any(u.cls in _MARKS and u.width < 0.75 * size for u in (left, right))
    return narrow_mark and (left.cls in WORDLIKE or right.cls in WORDLIKE)


def _with_shrink(units: list[Unit], junctions: list[Junction], half: float) -> list[Unit]:
    """Units with the blank a tight line may still take: none on a side where a pair already
    shares its half em, nor a left half next to a glyph no wider than it (the mark would be
    drawn over it)."""
    out = []
    for k, unit in enumerate(units):
        if unit.shrink_left or unit.shrink_right:
            left_taken = k > 0 and junctions[k].glue < 0
            right_taken = k + 1 < len(units) and junctions[k + 1].glue < 0
            narrow_left = k > 0 and units[k - 1].advances[-1] <= half
            shrink_left = 0.0 if left_taken or narrow_left else unit.shrink_left
            shrink_right = 0.0 if right_taken else unit.shrink_right
            if shrink_left + shrink_right < half:  # a tight line takes whole half ems only
                shrink_left = shrink_right = 0.0
            unit = replace(unit, shrink_left=shrink_left, shrink_right=shrink_right)
        out.append(unit)
    return out


def itemize(text: str, style: TextStyle, glyphs: GlyphSource) -> Items:
    """The units and junctions of one paragraph set in `style` with `glyphs`."""
    pieces = _cut(text)
    units = [_unit(piece, cls, style, glyphs) for piece, cls, _ in pieces]
    junctions = [Junction()]
    after_number = False
    for (left, right), (_, _, word_break) in zip(itertools.pairwise(units), pieces[1:]):
        junction = _junction(left, right, style, after_number)
        if word_break == "hyphen":
            face, advance_em = glyphs.glyph(HYPHEN)
            junction = replace(junction, word_break=word_break, hyphen=advance_em * style.size, hyphen_face=face)
        elif word_break:
            junction = replace(junction, word_break=word_break)
        junctions.append(junction)
        after_number = _is_number(left) or (after_number and left.text in APPROXIMATORS)
    return Items(tuple(_with_shrink(units, junctions, style.size / 2)), tuple(junctions))


def split_wide(items: Items, limit: float) -> Items:
    """Items with every unit wider than `limit` pt cut into single characters.

    Used only when no legal setting exists: a word longer than the measure is
    broken between letters rather than run past the column edge.
    """
    units: list[Unit] = []
    junctions: list[Junction] = []
    for unit, junction in zip(items.units, items.junctions):
        junctions.append(junction)
        if unit.width <= limit or len(unit.text) == 1:
            units.append(unit)
            continue
        for idx, (ch, face, advance) in enumerate(zip(unit.text, unit.faces, unit.advances)):
            if idx:
                junctions.append(Junction())
            units.append(Unit(ch, unit.cls, (face,), (advance,), advance, 0.0, 0.0, 1 if unit.counted else 0))
    return Items(tuple(units), tuple(junctions))
