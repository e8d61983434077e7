"""Properties of the line breaker over random paragraphs of Han, every clreq mark, numbers and Latin."""

from __future__ import annotations

import itertools
from unittest.mock import patch

from hypothesis import given, settings
from hypothesis import strategies as st
from test_linebreak import GLYPHS, SIZE, kinsoku_violations, placed

from layout.text import break_search
from layout.text.break_search import legal_breaks
from layout.text.charclass import CharClass, char_class
from layout.text.itemize import itemize
from layout.text.latin_breaks import address_spans
from layout.text.linebreak import set_paragraph
from layout.text.lines import TextStyle

LEVELS = ["none", "basic", "GB", "strict", "newspaper-loose"]
MARKS = list("（〔［｛〈《「『【“‘）〕］｝〉》」』】”’、，。；：？！·") + ["——", "……"]
TOKENS = st.one_of(
    st.sampled_from(list("清风扬正气廉花遍地开北塔区纪委监委")),  # weighted towards Han
    st.sampled_from(list("清风扬正气廉花遍地开")),
    st.sampled_from(MARKS),
    st.sampled_from(["2023", "12345", "20%", "3.5", "OpenAI", "Shaoyang", "A", "km", "Legendary", "Moller-Maersk"]),
    st.sampled_from(["https://www.example.org/news/2024?id=7", "press@example.org.cn"]),
    st.just(" "),
)
PARAGRAPHS = st.lists(TOKENS, min_size=1, max_size=90).map("".join)
PROPERTY = settings(derandomize=True, max_examples=300, deadline=None)


def _segments_wider_than(text: str, style: TextStyle, limit: float) -> set[int]:
    """Offsets where a forced break is allowed: inside runs with no legal break wider than `limit`."""
    items = itemize(text, style, GLYPHS)
    legal = legal_breaks(items, style)
    offsets, offset, run_width, inside = set(), 0, 0.0, []
    for k, unit in enumerate(items.units):
        if legal[k]:
            if run_width > limit:
                offsets.update(inside)
            run_width, inside = 0.0, []
        elif k:
            inside.append(offset)
        if unit.width > limit:  # a word longer than the line is cut between its letters
            offsets.update(range(offset + 1, offset + len(unit.text)))
        run_width += unit.width
        offset += len(unit.text)
    if run_width > limit:
        offsets.update(inside)
    return offsets


def _dash_split(text: str, offset: int) -> bool:
    """A break at `offset` falls inside a ——/…… pair (counting pairs from the run's start)."""
    pairs = ("—", "…")
    for mark in pairs:
        if text[offset - 1 : offset] == mark and text[offset : offset + 1] == mark:
            run = len(text[:offset]) - len(text[:offset].rstrip(mark))
            return run % 2 == 1
    return False


@PROPERTY
@given(PARAGRAPHS, st.sampled_from(LEVELS), st.integers(8, 20), st.sampled_from(["zh-Hans", "zh-Hant", "ja"]))
def test_lines_keep_the_text_the_rules_and_the_measure(text, level, em, punct_style):
    style = TextStyle(size=SIZE, kinsoku=level, punct_style=punct_style)
    measure = em * SIZE
    lines = set_paragraph(text, measure, style, GLYPHS)
    assert "".join(line.text for line in lines) == text
    forced = _segments_wider_than(text, style, measure - 2 * SIZE)
    offset = 0
    for line, following in itertools.pairwise(lines):
        offset += len(line.text)
        assert not _dash_split(text, offset)
        inside_address = any(start < offset < end for start, end in address_spans(text))  # after / . - _ ? & =
        if kinsoku_violations((line, following), level) and not inside_address:
            assert offset in forced, (line.text, following.text)
    for line in lines:
        _check_placement(line, measure)
    for line in lines[:-1]:
        # One character alone cannot be spread; it happens only when the unit after
        # it (a long word or number) cannot join it on any legal line.
        if len(line.text.rstrip(" ")) > 1:
            assert abs(line.width - measure) <= 0.01, line.text
    assert lines[-1].width <= measure + 0.01


@PROPERTY
@given(PARAGRAPHS, st.integers(8, 20), st.sampled_from(["left", "center", "right"]))
def test_aligned_lines_stay_inside_the_measure(text, em, align):
    measure = em * SIZE
    lines = set_paragraph(text, measure, TextStyle(size=SIZE, align=align, indent_em=0), GLYPHS)
    assert "".join(line.text for line in lines) == text
    for line in lines:
        _check_placement(line, measure)
        assert line.width <= measure + 0.01


def _check_placement(line, measure):
    xs = [x for _, x in placed(line)]
    assert xs == sorted(xs), line.text
    for ch, x in placed(line):
        low = -SIZE / 2 if char_class(ch) is CharClass.OPENING else 0.0
        assert low - 0.01 <= x <= measure + 0.01, (ch, x, line.text)


@PROPERTY
@given(PARAGRAPHS, st.integers(8, 20))
def test_a_lone_last_character_only_when_no_legal_setting_avoids_it(text, em):
    style = TextStyle(size=SIZE)
    lines = set_paragraph(text, em * SIZE, style, GLYPHS)
    counted = sum(char_class(ch) in (CharClass.HAN, CharClass.LATIN, CharClass.DIGIT) for ch in lines[-1].text)
    if len(lines) < 2 or counted >= 2:
        return
    with patch.object(break_search, "LONE_CHAR_COST", float("inf")):
        assert break_search.choose_breaks(itemize(text, style, GLYPHS), em * SIZE, style) is None


@PROPERTY
@given(PARAGRAPHS, st.sampled_from(LEVELS), st.integers(8, 20))
def test_a_spread_line_opens_every_gap_between_han_alike(text, level, em):
    """Even spreading: within a justified line, the steps from one Han character to the next
    are all equal (1 em, or 1 em and the line's common share of the spread)."""
    for line in set_paragraph(text, em * SIZE, TextStyle(size=SIZE, kinsoku=level), GLYPHS)[:-1]:
        steps = [xb - xa for (a, xa), (b, xb) in itertools.pairwise(placed(line))
                 if char_class(a) is CharClass.HAN and char_class(b) is CharClass.HAN]
        if steps:
            assert max(steps) - min(steps) <= 0.01, line.text
