"""The typesetting stage's vocabulary: text styles in, positioned glyph runs out."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal, Protocol

Kinsoku = Literal["none", "basic", "GB", "strict", "newspaper-loose"]
PunctStyle = Literal["zh-Hans", "zh-Hant", "ja"]
Align = Literal["justify", "left", "center", "right"]
# Where a paragraph prefers its lines to end: anywhere legal, or at a caption's natural
# points (after the 》 of a title, before its credit 作者 / 摄 / 图, at a space).
BreakPreference = Literal["any", "caption"]


class GlyphSource(Protocol):
    """Which font face sets a character, and how wide it is.

    The font stage implements this per role (body, heading, kai, ...) with the
    role's fallback chain; tests implement it with fixed widths.
    """

    def glyph(self, char: str) -> tuple[str, float]:
        """(face key, advance in em) of `char`; the key names a face in the FontBook."""
        ...


@dataclass(frozen=True, slots=True)
class TextStyle:
    """How one kind of text is set: font role, size and the CJK rules to apply."""

    role: str = "body"
    size: float = 9.0  # pt
    indent_em: float = 2.0  # first-line indent
    align: Align = "justify"
    kinsoku: Kinsoku = "basic"
    punct_style: PunctStyle = "zh-Hans"
    compress_adjacent: bool = True  # 。” → 1.5 em (zh-Hans)
    line_end_half: bool = True  # a closing/stop mark at the line end takes ½ em
    line_start_open_half: bool = True  # an opening mark at the line start loses its leading ½ em
    han_latin_space_em: float = 0.25  # clreq §3.2.2: ¼ em; 0 (closed) to 0.3 em before a line spreads
    no_lone_last_char: bool = True  # no 孤字 on a paragraph's last line
    break_preference: BreakPreference = "any"


@dataclass(frozen=True, slots=True)
class GlyphRun:
    """Characters of one face and size, each at its own x (pt from the line's start)."""

    face: str
    size: float
    text: str
    xs: tuple[float, ...]  # one x per character of `text` (code point), glyph origin
    # Per character, the blank (left, right) in pt cut from a mark's em box when it is
    # set half-width (line edges, pairs, tight lines); empty when nothing is cut. The
    # renderer draws such a mark with a glyph whose advance is the width it was set at.
    trims: tuple[tuple[float, float], ...] = ()


@dataclass(frozen=True, slots=True)
class Line:
    """One set line: its runs, the measure it was set to, and where its ink box ends."""

    runs: tuple[GlyphRun, ...]
    measure: float  # pt
    width: float  # pt from the line's start to the end of its set box
    last: bool  # a paragraph's last line (not justified)
    first: bool = False  # a paragraph's first line (indented)
    hyphenated: bool = False  # ends in a word broken with a hyphen, drawn as the runs' last glyph

    @property
    def text(self) -> str:
        """The characters of the paragraph the line holds, in order (not an added hyphen)."""
        drawn = "".join(run.text for run in self.runs)
        return drawn[:-1] if self.hyphenated else drawn
