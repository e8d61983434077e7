"""Named clreq cases for the CJK line breaker, the sample article's figures, and work bounds."""

from __future__ import annotations

import itertools
from pathlib import Path
from unittest.mock import patch

import pytest

from layout.errors import InputError
from layout.text import break_search
from layout.text.break_search import legal_breaks
from layout.text.charclass import LINE_END_PROHIBITED, LINE_START_PROHIBITED, CharClass, char_class
from layout.text.itemize import itemize
from layout.text.linebreak import detect_language, set_paragraph
from layout.text.lines import Line, TextStyle

SIZE = 9.0
MEASURE = 13 * SIZE
ROOT = Path(__file__).resolve().parent.parent
HAN = "汉"


class FakeGlyphs:
    """CJK and full-width marks 1 em; Latin capitals and digits 0.6 em, lower case 0.5, space 0.25."""

    def glyph(self, char: str) -> tuple[str, float]:
        if char == " ":
            return "latin", 0.25
        if char.isascii():
            return "latin", 0.6 if char.isupper() or char.isdigit() else 0.5
        return "cjk", 1.0


GLYPHS = FakeGlyphs()


def placed(line: Line) -> list[tuple[str, float]]:
    """(char, x) of every character of a line."""
    return [(ch, x) for run in line.runs for ch, x in zip(run.text, run.xs)]


def set_text(text: str, measure: float = MEASURE, **style) -> tuple[Line, ...]:
    return set_paragraph(text, measure, TextStyle(size=SIZE, **style), GLYPHS)


def x_of(line: Line, char: str, nth: int = 0) -> float:
    return [x for ch, x in placed(line) if ch == char][nth]


def kinsoku_violations(lines: tuple[Line, ...], level: str) -> list[str]:
    """Line boundaries that break clreq §6.1.1 at `level`, as 'end|start' strings."""
    bad = []
    for line, following in itertools.pairwise(lines):
        end_char = line.text.rstrip(" ")[-1:]
        start_class = CharClass.DASH if following.text[:2] == "——" else char_class(following.text[:1])
        if start_class in LINE_START_PROHIBITED[level] or (
            end_char and char_class(end_char) in LINE_END_PROHIBITED[level]
        ):
            bad.append(f"{line.text}|{following.text}")
    return bad


def test_pure_han_lines_hold_exactly_n_characters_on_the_em_grid():
    lines = set_text(HAN * 44, indent_em=0)
    assert [len(line.text) for line in lines] == [13, 13, 13, 5]
    for line in lines[:-1]:
        assert [x for _, x in placed(line)] == [k * SIZE for k in range(13)]
        assert line.width == MEASURE


def test_stop_and_closing_quote_at_the_line_end_take_one_em_together():
    lines = set_text(HAN * 12 + "。”" + HAN * 6, indent_em=0)
    first = lines[0]
    assert first.text.endswith("。”")
    assert x_of(first, "。") == 12 * SIZE
    assert x_of(first, "”") == 12.5 * SIZE  # 。 lost its blank half to the pair
    assert first.width == pytest.approx(MEASURE, abs=0.01)  # ” set half-width at the line end


@pytest.mark.parametrize("level", ["basic", "strict"])
def test_two_em_dash_is_never_split_and_strict_keeps_it_off_the_line_start(level):
    lines = set_text(HAN * 12 + "——" + HAN * 12, indent_em=0, kinsoku=level)
    texts = [line.text for line in lines]
    assert "".join(texts) == HAN * 12 + "——" + HAN * 12
    assert sum("——" in text for text in texts) == 1
    if level == "strict":
        assert not any(text.startswith("—") for text in texts)
    for line in lines[:-1]:
        assert line.width == pytest.approx(MEASURE, abs=0.01)


def test_year_stays_with_its_unit_at_a_break():
    for lead in range(8, 13):
        lines = set_text(HAN * lead + "2023年" + HAN * 20, indent_em=0)
        assert any("2023年" in line.text for line in lines), lead


def test_opening_book_title_mark_never_ends_a_line():
    lines = set_text(HAN * 12 + "《书名》" + HAN * 12, indent_em=0)
    assert not any(line.text.endswith("《") for line in lines)
    assert all(line.width == pytest.approx(MEASURE, abs=0.01) for line in lines[:-1])


def test_three_stacked_closing_marks_share_their_blanks():
    lines = set_text(HAN * 10 + "。”）" + HAN * 20, indent_em=0)
    line = lines[0]
    assert line.text == HAN * 10 + "。”）" + HAN  # 3 marks in 2 em: room for one more Han
    stop = x_of(line, "。")
    assert x_of(line, "”") == pytest.approx(stop + SIZE / 2)
    assert x_of(line, "）") == pytest.approx(stop + SIZE)
    assert not kinsoku_violations(lines, "basic")


def test_opening_mark_at_a_line_start_is_drawn_half_an_em_early():
    lines = set_text(HAN * 13 + "“引文”" + HAN * 12, indent_em=0)
    second = lines[1]
    assert second.text.startswith("“")
    assert placed(second)[0][1] == -SIZE / 2  # its ink starts at the measure's edge


def test_a_line_internal_mark_is_compressed_rather_than_a_character_pushed_down():
    lines = set_text(HAN * 5 + "，" + HAN * 7 + "。" + HAN * 8, indent_em=0)
    assert lines[0].text == HAN * 5 + "，" + HAN * 7 + "。"
    assert x_of(lines[0], HAN, 5) == 5.5 * SIZE  # ， set half-width inside the line


def test_byline_spaces_survive_with_width():
    byline = "邵阳日报记者 刘陪陪 通讯员 马晶"
    (line,) = set_text(byline, measure=30 * SIZE, indent_em=0, align="left")
    assert line.text == byline
    chars = placed(line)
    gaps = [b[1] - a[1] for a, b in itertools.pairwise(chars) if a[0] == " "]
    assert gaps == [pytest.approx(0.25 * SIZE)] * 3


def test_numbers_and_latin_words_stay_whole_at_every_measure():
    tokens = ["12345", "150余个", "20%", "A股", "OpenAI", "2000W/m·K", "2023年"]
    text = "，".join(HAN * 3 + token for token in tokens) + "。"
    for em in range(8, 21):
        lines = set_text(text, measure=em * SIZE)
        for token in tokens:
            assert any(token in line.text for line in lines), (em, token)


def test_traditional_chinese_keeps_every_mark_full_width():
    (line,) = set_text("臺灣。「好」", indent_em=0, punct_style="zh-Hant")
    assert [x for _, x in placed(line)] == [k * SIZE for k in range(6)]


def test_japanese_middle_dot_loses_a_quarter_each_side_when_the_line_is_tight():
    text = "カタカナ" * 3 + "・" + "テス"
    (line,) = set_text(text, measure=14.5 * SIZE, indent_em=0, punct_style="ja")
    assert x_of(line, "・") == pytest.approx(11.75 * SIZE)  # drawn ¼ em early: its ink stays centred
    assert x_of(line, "テ") == pytest.approx(12.5 * SIZE)
    assert line.width == pytest.approx(14.5 * SIZE)


@pytest.mark.parametrize("align, offset", [("left", 0.0), ("center", 2.0), ("right", 4.0)])
def test_aligned_lines_sit_at_natural_width_in_the_measure(align, offset):
    (line,) = set_text(HAN * 9, indent_em=0, align=align)
    assert placed(line)[0][1] == offset * SIZE
    assert line.width == (offset + 9) * SIZE


def test_multi_line_heading_wraps_with_the_same_prohibitions():
    lines = set_text("清风扬正气，“廉”花遍地开" * 2, measure=8 * SIZE, indent_em=0, align="center")
    assert len(lines) > 1
    assert not kinsoku_violations(lines, "basic")
    assert all(line.width <= 8 * SIZE + 0.01 for line in lines)


def test_last_line_is_never_a_lone_character():
    lines = set_text(HAN * 27 + "。", indent_em=2)  # 11 + 13 leaves 汉。 or less
    assert len(lines[-1].text.rstrip("。")) >= 2


def test_run_without_any_legal_break_is_broken_by_force_and_nothing_is_lost():
    text = "）" * 30
    lines = set_text(text, measure=8 * SIZE, indent_em=0)
    assert "".join(line.text for line in lines) == text
    assert all(line.width <= 8 * SIZE + 0.01 for line in lines)
    word = "Pneumonoultramicroscopicsilicovolcanoconiosis"
    lines = set_text(HAN * 3 + word + HAN * 3, measure=8 * SIZE, indent_em=0)
    assert "".join(line.text for line in lines) == HAN * 3 + word + HAN * 3
    assert all(line.width <= 8 * SIZE + 0.01 for line in lines)


@pytest.mark.parametrize("measure, indent", [(SIZE / 2, 0), (2.5 * SIZE, 2)])
def test_a_column_narrower_than_indent_and_one_character_is_an_input_error(measure, indent):
    with pytest.raises(InputError) as caught:
        set_text(HAN, measure=measure, indent_em=indent)
    assert "hint" in caught.value.one_line()


def test_the_narrowest_column_still_sets_everything():
    text = "（Shaoyang——“2023”）。" * 3
    lines = set_text(text, measure=3 * SIZE, indent_em=2)
    assert "".join(line.text for line in lines) == text


def test_empty_paragraph_has_no_lines():
    assert set_text("") == ()


def test_twenty_thousand_characters_without_punctuation_set_in_linear_work():
    """The bounded window: each break is tried against a few line starts, not all before it
    (a count of line settings priced, not a time, so the test does not depend on the machine)."""
    text = "".join(chr(0x4E00 + (k * 7919) % 20000) for k in range(20_000))
    with patch.object(break_search, "solve", wraps=break_search.solve) as priced:
        lines = set_text(text)
    assert priced.call_count < 10 * len(text)
    assert "".join(line.text for line in lines) == text
    assert all(len(line.text) == 13 for line in lines[1:-1])


def sample_paragraphs() -> list[str]:
    lines = (ROOT / "examples" / "beita" / "article.txt").read_text(encoding="utf-8").splitlines()
    return [line.strip() for line in lines if line.strip() and not line.lstrip().startswith("#")]


def compressed_pairs(line: Line) -> int:
    """Adjacent marks set ½ em apart (a pair that shares its blanks)."""
    chars = placed(line)
    marks = {CharClass.OPENING, CharClass.CLOSING, CharClass.PAUSE, CharClass.STOP, CharClass.COLON}
    return sum(
        char_class(a) in marks and char_class(b) in marks and abs(xb - xa - SIZE / 2) < 0.01
        for (a, xa), (b, xb) in itertools.pairwise(chars)
    )


def gap_extras(line: Line) -> list[tuple[str, str, float]]:
    """(char, next char, em beyond the first one's advance) for each neighbour pair, as pagecheck measures."""
    chars = placed(line)
    return [(a, b, (xb - xa - GLYPHS.glyph(a)[1] * SIZE) / SIZE) for (a, xa), (b, xb) in itertools.pairwise(chars)]


def test_sample_article_at_thirteen_characters():
    """Han on the 1-em grid (to 2 %, pagecheck's tolerance), marks compressed, no gap of ½ em."""
    setting = [set_text(text) for text in sample_paragraphs()]
    lines = [line for paragraph in setting for line in paragraph]
    assert sum(kinsoku_violations(paragraph, "basic") != [] for paragraph in setting) == 0
    han_pairs = [extra for line in lines for a, b, extra in gap_extras(line)
                 if char_class(a) is CharClass.HAN and char_class(b) is CharClass.HAN]
    exact = sum(abs(extra) <= 0.02 for extra in han_pairs) / len(han_pairs)
    pairs = sum(compressed_pairs(line) for line in lines)
    print(f"sample: {len(lines)} lines, {pairs} compressed pairs, Han on the grid {exact:.3f}")
    assert exact >= 0.93
    assert pairs > 10
    assert max(extra for line in lines for *_, extra in gap_extras(line) if not line.last) < 0.5
    for paragraph, text in zip(setting, sample_paragraphs()):
        assert "".join(line.text for line in paragraph) == text
        assert all(line.width == pytest.approx(MEASURE, abs=0.01) for line in paragraph[:-1])


def test_legal_breaks_follow_the_level_tables():
    style = TextStyle(size=SIZE, kinsoku="newspaper-loose")
    items = itemize("好吗？！对", style, GLYPHS)
    legal = legal_breaks(items, style)
    assert legal[2] is True  # ？ may start a line in newspaper-loose
    strict = TextStyle(size=SIZE, kinsoku="basic")
    assert legal_breaks(itemize("好吗？！对", strict, GLYPHS), strict)[2] is False


ARTICLE_LANGUAGES = {"feature": "zh-Hans", "numbers": "zh-Hans", "quotes": "zh-Hans", "traditional": "zh-Hant",
                     "expo_tw": "zh-Hant", "harbour_forum": "zh-Hans"}


@pytest.mark.parametrize("name, language", sorted(ARTICLE_LANGUAGES.items()))
def test_example_articles_set_flush_and_within_the_rules(name, language):
    path = ROOT / "examples" / "articles" / f"{name}.txt"
    lines = path.read_text(encoding="utf-8").splitlines()
    texts = [line.strip() for line in lines if line.strip() and not line.startswith("#")]
    assert detect_language("".join(texts)) == language
    for text in texts:
        setting = set_text(text, punct_style=language)
        assert "".join(line.text for line in setting) == text
        assert kinsoku_violations(setting, "basic") == []
        assert all(line.width == pytest.approx(MEASURE, abs=0.01) for line in setting[:-1])


def test_adjacent_marks_always_compressed_in_zh_hans():
    """A pair of marks is 1.5 em even when the line is short: the half em is absorbed, not given back."""
    text = "汉字汉字汉字。”汉字汉字汉字汉字汉字汉字汉字汉字汉字汉字汉字汉字"
    for line in set_text(text):
        chars = placed(line)
        for (a, xa), (b, xb) in itertools.pairwise(chars):
            if a == "。" and b == "”":
                assert xb - xa == pytest.approx(SIZE / 2)


def test_an_opening_quote_after_the_indent_is_squeezed_rather_than_the_line_spread():
    """挤进: the sample's 「“我们将坚持以更高站位、」 is 12 marks and Han in the 11 em after the
    indent, with the 、 at the line end set half: the quote gives up its blank half."""
    text = next(text for text in sample_paragraphs() if text.startswith("“我们将坚持"))
    first = set_text(text)[0]
    assert first.text == "“我们将坚持以更高站位、"
    assert first.width == pytest.approx(MEASURE, abs=0.01)
    steps = [xb - xa for (a, xa), (b, xb) in itertools.pairwise(placed(first)) if a != "“"]
    assert steps == pytest.approx([SIZE] * len(steps), abs=0.01)  # no spread anywhere
    assert x_of(first, "我") == pytest.approx(2.5 * SIZE)  # the quote's ink takes the half em after the indent


def test_a_spread_line_has_equal_gaps_even_next_to_a_comma():
    """A line that must spread (the bound 12年 cannot join it) opens every gap alike:
    the blank side of the comma takes no more than the gaps between Han."""
    first = set_text("汉汉汉汉，汉汉汉汉汉汉汉12年汉汉汉汉汉汉", indent_em=0)[0]
    assert first.text == "汉汉汉汉，汉汉汉汉汉汉汉"
    steps = [xb - xa for (_, xa), (_, xb) in itertools.pairwise(placed(first))]
    assert max(steps) - min(steps) <= 0.01
    assert first.width == pytest.approx(MEASURE, abs=0.01)
    assert steps[0] == pytest.approx(SIZE + SIZE / 11)


def test_a_short_first_line_spreads_its_indent_with_its_gaps():
    """The sample's 「为充分发挥家庭助廉作用，」 is half an em too long for its first line, so the line ends
    before 用 and spreads an em: over its nine gaps and the two of its indent (the 　　 a newsroom
    types), so no gap opens by a tenth of an em (alone, its nine gaps took 1/9 em: letter-spaced)."""
    first = set_text("为充分发挥家庭助廉作用，该区督促各级党组织深入开展廉政家访")[0]
    assert first.text == "为充分发挥家庭助廉作"
    gap = SIZE / 11
    steps = [xb - xa for (_, xa), (_, xb) in itertools.pairwise(placed(first))]
    assert steps == pytest.approx([SIZE + gap] * 9, abs=0.01)
    assert placed(first)[0][1] == pytest.approx(2 * SIZE + 2 * gap, abs=0.01)
    assert first.width == pytest.approx(MEASURE, abs=0.01)


def test_a_line_of_words_tracks_its_letters_rather_than_open_holes_between_them():
    """The harbour article's 「burger Hafen und Logistik」 and 「Corridor: Lessons from」: a line of English
    words with no Han to spread keeps its word spaces at 0.3 em at most and tracks every letter gap
    alike (they had word spaces of 0.6 and 1.15 em)."""
    texts = ("论坛期间，我市港口集团与汉堡港物流公司（Hamburger Hafen und Logistik AG）、马士基集团等企业签署协议。",
             "开幕式上，鹿特丹港务局战略顾问Marieke van der Berg作了题为“The Green Corridor: Lessons from "
             "Rotterdam”的主旨演讲。")
    lines = [line for text in texts for line in set_text(text)[:-1] if line.text.isascii() and " " in line.text]
    assert len(lines) == 2
    for line in lines:
        xs = placed(line)
        spaces = [xb - xa for (a, xa), (_, xb) in itertools.pairwise(xs) if a == " "]
        assert max(spaces) <= 0.3 * SIZE + 0.01, line.text
        tracking = {round(xb - xa - GLYPHS.glyph(a)[1] * SIZE, 2) for (a, xa), (b, xb) in itertools.pairwise(xs)
                    if a.isalpha() and b.isalpha()}
        assert len(tracking) == 1 and 0 < tracking.pop() <= 0.15 * SIZE, line.text


def test_a_mixed_line_spreads_han_gaps_up_to_the_han_latin_space_first():
    """Water filling: the Han–Latin spaces (¼ em, stretched to 0.3 em) take nothing more until
    the gaps between Han are as wide; every gap between Han gets the same."""
    first = set_text("汉汉汉汉汉汉汉汉汉汉A汉12年汉汉汉汉汉", indent_em=0)[0]
    assert first.text == "汉汉汉汉汉汉汉汉汉汉A汉"
    extras = [extra for a, b, extra in gap_extras(first)]
    han = [extra for (a, b, extra) in gap_extras(first) if a == b == "汉"]
    assert max(han) - min(han) <= 0.01 / SIZE
    assert max(extras) <= 0.3 + 1e-6


def test_a_trailing_ideographic_space_takes_no_width():
    """A U+3000 at a line end (Japanese and Taiwanese copy) leaves the line full."""
    lines = set_text("汉" * 13 + "\u3000" + "汉" * 6, indent_em=0)
    assert lines[0].text == "汉" * 13 + "\u3000"
    assert lines[0].width == pytest.approx(MEASURE, abs=0.01)
    steps = [xb - xa for (a, xa), (b, xb) in itertools.pairwise(placed(lines[0])) if b != "\u3000"]
    assert steps == pytest.approx([SIZE] * len(steps), abs=0.01)


def drawn(line: Line) -> str:
    return "".join(run.text for run in line.runs)


def test_english_words_break_at_hyphenation_points_with_a_hyphen():
    """A title too long for the column breaks inside a word at a legal point, and the
    added hyphen is drawn, fits the measure and is not counted as text."""
    text = "鹿特丹港务局顾问作了题为The Legendary Luxurious House of Rotterdam的演讲"
    lines = set_text(text, measure=11 * SIZE, indent_em=0)
    assert "".join(line.text for line in lines) == text
    broken = [line for line in lines if line.hyphenated]
    assert [line.text[-5:] for line in broken] == [" Luxu", "otter"]  # Lux-u-ri-ous, Rot-ter-dam
    for line in broken:
        assert drawn(line) == line.text + "-"
        assert line.width == pytest.approx(11 * SIZE, abs=0.01)
    assert max(extra for line in lines[:-1] for a, b, extra in gap_extras(line)) <= 0.5 + 1e-6


def test_a_web_address_breaks_after_its_break_characters_without_a_hyphen():
    text = "详情请见论坛官方网站https://www.portcityforum.org.cn/2024/videos，欢迎市民关注。"
    lines = set_text(text, indent_em=0)
    assert "".join(line.text for line in lines) == text
    assert not any(line.hyphenated for line in lines)
    inside = [line.text for line in lines[:-1] if "https" in line.text or "cn/" in line.text]
    assert inside and all(line.rstrip()[-1] in "/.-_?&=" or not line[-1].isascii() for line in inside)


@pytest.mark.parametrize("word", ["OpenAI", "iPhone", "NASA", "2024"])
def test_acronyms_camel_case_names_and_numbers_are_never_hyphenated(word):
    items = itemize(f"汉{word}汉", TextStyle(size=SIZE), GLYPHS)
    assert word in [unit.text for unit in items.units]


@pytest.mark.parametrize("em", [18, 20])
def test_word_spaces_stay_between_a_quarter_and_half_an_em(em):
    """Where hyphenation leaves a choice, the spaces of an English line stay in ¼–½ em."""
    text = "The Green Corridor: Lessons from Rotterdam and the ports of the North Sea for everyone who works there"
    lines = set_text(text, measure=em * SIZE, indent_em=0)
    assert any(line.hyphenated for line in lines)
    for line in lines[:-1]:
        gaps = [xb - xa - GLYPHS.glyph(a)[1] * SIZE for (a, xa), (b, xb) in itertools.pairwise(placed(line))
                if a == " "]
        assert all(0.25 * SIZE - 0.01 <= gap + 0.25 * SIZE <= 0.5 * SIZE + 0.01 for gap in gaps), line.text


@pytest.mark.parametrize(
    "caption, em, expected",
    [
        ("书法作品《百年沧桑》作者:林丽君", 12, ["书法作品《百年沧桑》", "作者:林丽君"]),  # issue 11: not 「作 / 者」
        ("美术作品《哪个小鬼敢胡来》作者:夏洪斌", 16, ["美术作品《哪个小鬼敢胡来》", "作者:夏洪斌"]),
        ("书法作品《清·廉》对联 作者:石泉", 12, ["书法作品《清·廉》对联 ", "作者:石泉"]),
        ("▲摄影作品《廉是北塔百年矗立》作者:刘剑", 16, ["▲摄影作品《廉是北塔百年矗立》", "作者:刘剑"]),
        ("▲市民在展览馆参观。本报记者 王五 摄", 16, ["▲市民在展览馆参观。本报记者 ", "王五 摄"]),
        ("书法作品《百年沧桑》作者:林丽君", 16, ["书法作品《百年沧桑》作者:林丽君"]),  # fits: one line
    ],
)
def test_captions_break_at_their_natural_points_each_line_centred(caption, em, expected):
    lines = set_text(caption, measure=em * SIZE, indent_em=0, align="center", break_preference="caption")
    assert [line.text for line in lines] == expected
    for line in lines:
        ink = [x for ch, x in placed(line) if ch != " "]
        left, right = ink[0], line.width
        assert left == pytest.approx(em * SIZE - right, abs=0.3 * SIZE), line.text  # centred, to a space's width


def test_a_line_of_one_address_tracks_every_gap_alike():
    """A line holding nothing but part of a URL spreads evenly between all its characters: no gap
    after a dot or a slash opens into a hole (they opened by half an em), and none between the
    syllables of a name reads as a space the writer never typed."""
    text = "请访问https://www.portcityforumandexhibition.org.cn/2024/videos/index.html查看。"
    opened = 0
    for measure in (11 * SIZE, 12 * SIZE, 13 * SIZE):
        for line in set_text(text, measure, indent_em=0)[:-1]:
            xs = placed(line)
            if not all(ch.isascii() for ch, _ in xs):
                continue
            extras = [next_x - x - GLYPHS.glyph(ch)[1] * SIZE for (ch, x), (_, next_x) in itertools.pairwise(xs)]
            if max(extras) > 0.01:
                opened += 1
                assert max(extras) - min(extras) <= 0.02 and max(extras) <= 0.15 * SIZE, line.text
    assert opened  # the case was met


def test_a_line_that_reads_as_latin_tracks_rather_than_letter_space_the_next(book):
    """A Hong Kong release in its own fonts: 「ternational Settlements）」 is a line of words and a mark.
    Tracked with its letters it is cheap enough for the paragraph to take it, and 「題涵蓋綠色金融、金融科技、」
    fills its line; opened at its mark alone it was too dear, and 「題涵蓋綠色金融、金融科」 spread 0.2 em a gap."""
    text = ("本屆論壇主題為「連接東西．共創未來」（Connecting East and West: Shaping the Future Together），"
            "議題涵蓋綠色金融、金融科技、數字資產監管及跨境支付等。國際結算銀行（Bank for International Settlements）"
            "總經理、多國央行行長及國際金融機構負責人將發表主題演講。")
    style = TextStyle(size=SIZE, punct_style="zh-Hant")
    lines = set_paragraph(text, MEASURE, style, book.glyph_source("body"))
    assert "".join(line.text for line in lines) == text
    assert "題涵蓋綠色金融、金融科技、" in [line.text for line in lines]
    for line in lines[:-1]:
        xs = placed(line)
        han = [xb - xa - SIZE for (a, xa), (b, xb) in itertools.pairwise(xs) if not a.isascii() and not b.isascii()]
        assert max(han, default=0.0) <= 0.1 * SIZE, line.text
