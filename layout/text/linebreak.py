"""Set one paragraph of CJK text into justified or aligned lines (W3C clreq, GB/T 15834-2011)."""

from __future__ import annotations

from layout.errors import InputError
from layout.text.break_fit import Solution, build_prefix, line_fit, line_mode, solve
from layout.text.break_search import choose_breaks
from layout.text.charclass import han_script, is_kana
from layout.text.itemize import Items, itemize, split_wide
from layout.text.justify import set_line
from layout.text.lines import GlyphSource, Line, PunctStyle, TextStyle

# Kana that only Japanese uses; ・ and ー turn up in Chinese copy too.
_NOT_JAPANESE_ONLY = frozenset("・ー")


def detect_language(text: str) -> PunctStyle:
    """'ja' if the text has kana, 'zh-Hant' if Traditional-only Han outnumber Simplified-only, else 'zh-Hans'."""
    if any(is_kana(ch) and ch not in _NOT_JAPANESE_ONLY for ch in text):
        return "ja"
    scripts = [han_script(ch) for ch in text if ord(ch) >= 0x2E80]
    return "zh-Hant" if scripts.count("hant") > scripts.count("hans") else "zh-Hans"


def check_measure(measure: float, style: TextStyle) -> None:
    """Every line must hold at least one full-width character after the first-line indent."""
    needed = (max(style.indent_em, 0.0) + 1) * style.size
    if not measure >= needed:
        raise InputError(
            f"a text column {measure:.2f} pt wide cannot hold {style.size:g} pt type"
            f" after a {style.indent_em:g}-em indent (needs {needed:.2f} pt)",
            hint="widen the column, set a smaller type size or a smaller indent",
        )


def set_paragraph(text: str, measure: float, style: TextStyle, glyphs: GlyphSource) -> tuple[Line, ...]:
    """Break `text` into lines of `measure` pt and place every glyph.

    Justified lines fill the measure exactly, except the last; the first line is
    indented by style.indent_em. The lines' texts concatenate to `text` exactly;
    a space where a line breaks stays in the line it ends, with zero width.
    If the prohibition rules leave no way to fit (a run with no legal break
    longer than the measure), the fewest prohibited breaks are taken instead.
    """
    check_measure(measure, style)
    if not text:
        return ()
    return set_items(itemize(text, style, glyphs), measure, style)


def set_items(items: Items, measure: float, style: TextStyle) -> tuple[Line, ...]:
    """Break a paragraph already cut into units (see set_paragraph) and place every glyph.

    Vertical setting comes in here with units of its own (縱中橫 figures).
    """
    ends = choose_breaks(items, measure, style)
    if ends is None:
        items = split_wide(items, measure - style.indent_em * style.size)
        ends = choose_breaks(items, measure, style, forced=True)
    prefix = build_prefix(items, style)
    lines = []
    start = 0
    for end in ends:
        last = end == len(items.units)
        fit = line_fit(items, prefix, start, end, measure, style)
        solution = solve(fit, style, line_mode(style, last)) or Solution(0, 0.0, 0.0, 0.0)
        lines.append(set_line(items, fit, solution, style, measure, last))
        start = end
    return tuple(lines)
