"""Character classes, prohibition tables and language detection."""

from __future__ import annotations

import pytest
from test_linebreak import GLYPHS

from layout.text.charclass import (
    LINE_END_PROHIBITED,
    LINE_START_PROHIBITED,
    PUNCT_BLANKS,
    CharClass,
    char_class,
    han_script,
)
from layout.text.itemize import itemize
from layout.text.linebreak import detect_language
from layout.text.lines import TextStyle

C = CharClass


@pytest.mark.parametrize(
    "chars, cls",
    [
        ("（〔［｛〈《「『【“‘", C.OPENING),
        ("）〕］｝〉》」』】”’", C.CLOSING),
        ("、，", C.PAUSE),
        ("。", C.STOP),
        ("？！", C.DIVIDING),
        ("：；", C.COLON),
        ("·・", C.MIDDLE_DOT),
        ("…⋯", C.ELLIPSIS),
        ("․‥︙", C.INSEPARABLE),
        ("—～", C.CONNECTOR),
        ("汉字〇", C.HAN),
        ("かカ", C.KANA),
        ("っャ", C.SMALL_KANA),
        ("aZé", C.LATIN),
        ("09", C.DIGIT),
        ("%℃", C.NUMBER_SUFFIX),
        (" ", C.SPACE),
        ("▲", C.OTHER),
    ],
)
def test_every_clreq_mark_has_its_class(chars, cls):
    assert {char_class(ch) for ch in chars} == {cls}


def test_levels_nest_as_clreq_defines():
    assert LINE_START_PROHIBITED["none"] == LINE_END_PROHIBITED["none"] == frozenset()
    assert LINE_START_PROHIBITED["basic"] < LINE_START_PROHIBITED["strict"]
    assert LINE_END_PROHIBITED["basic"] < LINE_END_PROHIBITED["GB"]  # GB: no solidus at the line end
    assert C.DASH in LINE_START_PROHIBITED["strict"] and C.DASH not in LINE_START_PROHIBITED["GB"]
    loose = LINE_START_PROHIBITED["newspaper-loose"]
    assert loose < LINE_START_PROHIBITED["basic"] and C.DIVIDING not in loose
    assert {C.PAUSE, C.STOP, C.COLON, C.CLOSING, C.CONNECTOR, C.MIDDLE_DOT} <= loose  # clreq at every level
    for level in LINE_START_PROHIBITED:
        assert C.HAN not in LINE_START_PROHIBITED[level] | LINE_END_PROHIBITED[level]


def test_blank_halves_follow_the_font_conventions():
    assert PUNCT_BLANKS["zh-Hans"][C.STOP] == (0.0, 0.5)  # 。 in the left half
    assert PUNCT_BLANKS["zh-Hans"][C.OPENING] == (0.5, 0.0)
    assert PUNCT_BLANKS["zh-Hant"] == {}  # centred: nothing to compress
    assert PUNCT_BLANKS["ja"][C.COLON] == (0.25, 0.25)  # jlreq cl-05


@pytest.mark.parametrize(
    "text, units",
    [
        ("2023年", ["2023", "年"]),
        ("20%的", ["20%", "的"]),
        ("2000W/m·K", ["2000W/m·K"]),
        ("3.5倍", ["3.5", "倍"]),
        ("好——对", ["好", "——", "对"]),
        ("……”", ["……", "”"]),
        ("———", ["——", "—"]),
        ("a  b", ["a", "  ", "b"]),
        ("end.", ["end", "."]),
        ("+5", ["+5"]),
    ],
)
def test_itemizer_keeps_words_numbers_and_doubled_marks_whole(text, units):
    items = itemize(text, TextStyle(), GLYPHS)
    assert [unit.text for unit in items.units] == units


@pytest.mark.parametrize(
    "text, bound",
    [("2023年", [True]), ("150余个", [True, True]), ("A股", [True]), ("第21个", [True, True]), ("汉OpenAI", [False])],
)
def test_numbers_and_single_letters_bind_to_their_han(text, bound):
    items = itemize(text, TextStyle(), GLYPHS)
    assert [junction.bound for junction in items.junctions[1:]] == bound


def test_han_script_from_the_gb2312_and_big5_repertoires():
    assert han_script("這") == "hant" and han_script("这") == "hans" and han_script("中") == ""


@pytest.mark.parametrize(
    "text, language",
    [
        ("清风扬正气，廉花遍地开。", "zh-Hans"),
        ("書法作品《一身正氣》作者：曾偉。這是繁體。", "zh-Hant"),
        ("书法作品《一身正氣》作者:曾伟", "zh-Hans"),  # one Traditional title in Simplified copy
        ("これは日本語です。", "ja"),
        ("团团圆圆・家庭助廉", "zh-Hans"),  # a katakana middle dot alone is not Japanese
        ("", "zh-Hans"),
    ],
)
def test_detect_language(text, language):
    assert detect_language(text) == language
