"""Glyph forms for vertical setting: HarfBuzz in top-to-bottom direction, and 縱中橫 figures.

A character in a vertical line is set in one of three ways (UAX #50 in the
simple form newspapers use): upright, with the face's vertical alternate
(`vert`/`vrt2`: brackets turned, 。，、 moved to the language's place, —— and
…… running down); across, for a short number set side by side within one em
(縱中橫, with half- or third-width figures); or turned 90° clockwise with the
rest of a Latin word. Each way is a *form* of the face: the form's glyph for a
character is what HarfBuzz gives for that character alone, so the embedded
font can map the real character to it and the PDF's text stays the real text.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

import uharfbuzz as hb

from layout.text.fonts import FULL_WIDTH_PUNCTUATION, Face, RoleGlyphs
from layout.text.lines import PunctStyle

FORM_SEPARATOR = "~"
UPRIGHT = "vert"  # the form of upright characters
# Figures set across, by how many share the em: one full-width, two half-width, three third-width.
ACROSS_FORMS = {1: "fwid", 2: "hwid", 3: "twid"}
FORMS = frozenset({UPRIGHT, *ACROSS_FORMS.values()})
# A character is upright when its horizontal glyph fills the em (Han, kana, the
# full-width marks after the full-width rule); narrower ones belong to Latin text.
UPRIGHT_TOLERANCE_EM = 0.01
PROBE_MARK = "，"  # where a face puts its vertical comma tells how all its marks sit
CENTRED_TOLERANCE_EM = 0.15


@dataclass(frozen=True, slots=True)
class FormGlyph:
    """One character's glyph in a form, and how it sits, in em.

    `advance` is along the line (vertical for upright, horizontal across);
    `dx`, `dy` move the glyph's horizontal-writing origin from the reference
    point of its cell: for upright, the top centre of the cell (dy down), so
    the renderer can draw it as an ordinary glyph.
    """

    glyph: int
    advance: float
    dx: float
    dy: float
    ink: tuple[float, float, float, float]  # left, right, top, bottom from the origin, y down


def form_key(face_key: str, form: str) -> str:
    """The key of `face_key` drawn in `form` ("" is the face's own glyphs)."""
    return f"{face_key}{FORM_SEPARATOR}{form}" if form else face_key


def split_form_key(key: str) -> tuple[str, str]:
    """(face key, form) of a key made by form_key(); the form is "" for a plain face key."""
    face_key, _, form = key.partition(FORM_SEPARATOR)
    return face_key, form


def is_upright(face: Face, char: str) -> bool:
    """Whether `char` stands upright in a vertical line (its horizontal glyph is one em wide)."""
    return not char.isspace() and abs(face.advance_em(char) - 1.0) <= UPRIGHT_TOLERANCE_EM


@lru_cache(maxsize=None)
def form_glyph(face: Face, char: str, form: str) -> FormGlyph:
    """The glyph of `char` alone in `form` of `face` (faces are one object per font, so cacheable)."""
    font, em = face.hb_font, face.units_per_em
    buffer = hb.Buffer()
    buffer.add_str(char)
    buffer.guess_segment_properties()
    buffer.script = "Hani"  # marks and figures are set as part of Han text
    buffer.language = face.language  # locl: the TC faces centre 。，、, JP puts them top right
    features = {form: True}
    if form == UPRIGHT:
        buffer.direction = "ttb"
        features["vrt2"] = True
    if char in FULL_WIDTH_PUNCTUATION:
        features["fwid"] = True  # the full-width rule of fonts.py, so “ ” become the vertical 〝 〟 forms
    hb.shape(font, buffer, features)
    info, pos = buffer.glyph_infos[0], buffer.glyph_positions[0]
    extents = font.get_glyph_extents(info.codepoint)
    ink = (extents.x_bearing / em, (extents.x_bearing + extents.width) / em,
           -extents.y_bearing / em, -(extents.y_bearing + extents.height) / em)
    if form == UPRIGHT:
        # HarfBuzz puts the horizontal origin at (x_offset, y_offset) from the vertical one (y up).
        return FormGlyph(info.codepoint, -pos.y_advance / em, pos.x_offset / em, -pos.y_offset / em, ink)
    return FormGlyph(info.codepoint, pos.x_advance / em, 0.0, 0.0, ink)


class VerticalGlyphs:
    """The GlyphSource of one role for vertical lines: advances along the line.

    Upright characters answer with their face's upright form key and vertical
    advance; Latin letters and figures with the plain face key and horizontal
    advance, as they are turned with their word.
    """

    def __init__(self, role: RoleGlyphs):
        self.role = role
        self.faces = {face.key: face for face in role.faces}
        self._memo: dict[str, tuple[str, float]] = {}

    def face(self, key: str) -> Face:
        """The face of a (form) key this source gave out."""
        return self.faces[split_form_key(key)[0]]

    def punct_style(self, wanted: PunctStyle) -> PunctStyle:
        """The punctuation style the role's marks are drawn in, which the breaker must cut by.

        The page's language says where its marks sit (zh-Hant centred, zh-Hans
        and ja in a corner), but a face may draw them otherwise: LXGW WenKai, a
        Simplified face, puts ， top right in a Traditional page too. Cutting a
        quarter off both sides of that comma would run its ink into the
        character before, so a face whose vertical ， is not centred is cut as
        zh-Hans, and one whose ， is centred as zh-Hant.
        """
        face = self.role.faces[0]
        if not face.has(PROBE_MARK):
            return wanted
        shape = form_glyph(face, PROBE_MARK, UPRIGHT)
        left, right, top, bottom = shape.ink
        across, down = shape.dx + (left + right) / 2, shape.dy + (top + bottom) / 2
        centred = abs(across) <= CENTRED_TOLERANCE_EM and abs(down - 0.5) <= CENTRED_TOLERANCE_EM
        if centred:
            return "zh-Hant"
        return "zh-Hans" if wanted == "zh-Hant" else wanted

    def glyph(self, char: str) -> tuple[str, float]:
        """(face or form key, advance along the line in em) of `char`."""
        found = self._memo.get(char)
        if found is None:
            key, advance = self.role.glyph(char)
            face = self.faces[key]
            if is_upright(face, char):
                key, advance = form_key(key, UPRIGHT), form_glyph(face, char, UPRIGHT).advance
            found = self._memo[char] = (key, advance)
        return found


def form_cmap(face: Face, chars, form: str) -> dict[int, int]:
    """Code point → glyph of `form` for each of `chars` the face has: the cmap of an embedded form.

    Drawn through this cmap, the PDF shows the vertical or across glyph while
    its ToUnicode maps back to the real character, so copy and search work.
    """
    return {ord(char): form_glyph(face, char, form).glyph for char in sorted(set(chars)) if face.has(char)}
