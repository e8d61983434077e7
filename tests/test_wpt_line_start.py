"""Line-start rules against the W3C's own tests for Chinese.

Source: web-platform-tests, css/css-text/i18n/zh/css-text-line-break-zh-{cpm,hyphens,in,
iteration,po}-{strict,normal,loose}.html (by Richard Ishida; read at wpt commit
42287024b971a699c458978df1a781f356479f59). Each file lists characters and says whether,
with lang=zh at that line-break level, one may start a line; each case is set as
「文文文文文文X字字」 in an 8-character column, so X falls at the start of the second line
unless it may not start one.

Our levels map to CSS's: strict → strict, basic and GB → normal, newspaper-loose → loose.
Where clreq disagrees with the wpt, we follow clreq (CLREQ_KEEPS below says where and why).
"""

from __future__ import annotations

import pytest
from test_linebreak import GLYPHS, SIZE

from layout.text.linebreak import set_paragraph
from layout.text.lines import TextStyle

# The character lists of the wpt files, by file stem; code points as the files give them.
WPT_CHARACTERS = {
    "cpm": "30FB FF1A FF1B FF65 203C 2047 2048 2049 FF01 FF1F",  # centred punctuation
    "hyphens": "2010 2013 301C 30A0",
    "in": "2024 2025 2026 22EF FE19 10AF6",  # inseparable (UAX #14 IN)
    "iteration": "3005 303B 309D 309E 30FD 30FE",
    "po": "00B0 2030 2032 2033 2035 2103 2109 FE6A FF05 FFE0",  # postfix (UAX #14 PO), width A/F/W
}
# What each file asserts: may the listed characters start a line at that level?
WPT_MAY_START = {
    ("cpm", "strict"): False, ("cpm", "normal"): False, ("cpm", "loose"): True,
    ("hyphens", "strict"): False, ("hyphens", "normal"): True, ("hyphens", "loose"): True,
    ("in", "strict"): False, ("in", "normal"): False, ("in", "loose"): True,
    ("iteration", "strict"): False, ("iteration", "normal"): False, ("iteration", "loose"): True,
    ("po", "strict"): False, ("po", "normal"): False, ("po", "loose"): True,
}
CSS_LEVEL = {"strict": "strict", "basic": "normal", "GB": "normal", "newspaper-loose": "loose"}

# Where clreq §6.1.1 (行首禁则) forbids what the wpt allows, and we follow clreq:
# 点号 (：；), 间隔号 (・), and 连接号 (‐ – 〜 ゠) never start a line at any level; the
# Chinese ellipsis (… ⋯, half of ……) may start one below strict.
CLREQ_KEEPS = {
    **{(ch, "loose"): False for ch in "\u30fb\uff1a\uff1b\uff65"},  # ・：；･ (cpm)
    **{(ch, css): False for ch in "\u2010\u2013\u301c\u30a0" for css in ("normal", "loose")},  # hyphens
    ("\u2026", "normal"): True,
    ("\u22ef", "normal"): True,
}

CASES = [
    pytest.param(chr(int(code, 16)), stem, level, id=f"{stem}-{code}-{level}")
    for stem, codes in WPT_CHARACTERS.items()
    for code in codes.split()
    for level in CSS_LEVEL
]


@pytest.mark.parametrize("char, stem, level", CASES)
def test_wpt_line_start_case(char, stem, level):
    css = CSS_LEVEL[level]
    may_start = CLREQ_KEEPS.get((char, css), WPT_MAY_START[stem, css])
    lines = set_paragraph(f"文文文文文文{char}字字", 8 * SIZE, TextStyle(size=SIZE, kinsoku=level), GLYPHS)
    assert lines[1].text.startswith(char) is may_start, [line.text for line in lines]


def test_the_clreq_exceptions_are_real_disagreements():
    """Each exception overrides what a wpt file says, so none is dead."""
    for (char, css), ours in CLREQ_KEEPS.items():
        stem = next(stem for stem, codes in WPT_CHARACTERS.items() if f"{ord(char):04X}" in codes.split())
        assert WPT_MAY_START[stem, css] is not ours, (char, css)
