"""Setting text for composition: page styles → TextStyle, lines → placed runs on the grid."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, replace

from layout.compose.items import PlacedText
from layout.memo import Memo
from layout.model.page_spec import Style
from layout.text.linebreak import set_paragraph
from layout.text.lines import Align, BreakPreference, GlyphSource, Line, TextStyle

HEAD_BREAKS = "，、；：　 "  # where a head of two lines may break


@dataclass(frozen=True, slots=True)
class TextSetter:
    """Sets any text of the page with its role's fonts and the page's CJK rules."""

    sources: Mapping[str, GlyphSource]  # font role → glyph source
    base: TextStyle  # kinsoku level, punctuation style and the like
    memo: Memo = field(default_factory=Memo)  # results kept from earlier builds of the page

    def style(self, style: Style, align: Align = "justify", indent_em: float = 0.0) -> TextStyle:
        """The TextStyle for one of the page's styles."""
        return replace(self.base, role=style.role, size=style.size, align=align, indent_em=indent_em)

    def set(self, text: str, measure: float, style: Style, align: Align = "justify",
            indent_em: float = 0.0, breaks: BreakPreference = "any") -> tuple[Line, ...]:
        """Break and justify `text` to `measure` pt; `breaks="caption"` prefers a caption's natural points."""
        text_style = replace(self.style(style, align, indent_em), break_preference=breaks)
        return self.memo.get(("set", text, measure, text_style),
                             lambda: set_paragraph(text, measure, text_style, self.sources[style.role]))


    def set_head(self, text: str, measure: float, style: Style) -> tuple[Line, ...]:
        """A head or headline, centred: one too long for a line breaks at the pause or space nearest
        its middle (东京で初雪、/ 平年より…), not wherever it overflows (…平 / 年より…)."""
        lines = self.set(text, measure, style, align="center")
        halves = head_halves(text)
        if len(lines) == 1 or halves is None:
            return lines
        balanced = tuple(line for half in halves for line in self.set(half, measure, style, align="center"))
        return balanced if len(balanced) <= len(lines) else lines


def head_halves(text: str) -> tuple[str, str] | None:
    """A head cut at the pause or space nearest its middle, or None if it has none."""
    pauses = [i + 1 for i, ch in enumerate(text[:-1]) if ch in HEAD_BREAKS]
    if not pauses:
        return None
    split = min(pauses, key=lambda i: abs(len(text) - 2 * i))
    first, second = text[:split].strip(), text[split:].strip()
    return (first, second) if first and second else None


def place_line(line: Line, x: float, baseline: float, kind: str, colour: str = "black") -> list[PlacedText]:
    """The runs of one line with their origin at (x, baseline)."""
    return [PlacedText(x, baseline, run, kind, colour) for run in line.runs]


def place_lines(lines: tuple[Line, ...], x: float, first_baseline: float, leading: float,
                kind: str, colour: str = "black") -> list[PlacedText]:
    """Lines stacked `leading` pt apart from a first baseline."""
    placed: list[PlacedText] = []
    for index, line in enumerate(lines):
        placed.extend(place_line(line, x, first_baseline + index * leading, kind, colour))
    return placed
