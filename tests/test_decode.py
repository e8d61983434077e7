"""Reading messy newsroom text: encodings, line ends, entities, removed characters, and nothing lost."""

from __future__ import annotations

import re
import time
from collections import Counter
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from layout.errors import InputError
from layout.model.decode import DecodedText, decode_article_bytes, read_article_text

SAMPLE = Path(__file__).resolve().parent.parent / "examples" / "beita" / "article.txt"

# A Traditional Chinese paragraph (Taiwan usage) for the Big5 tests.
TRADITIONAL = (
    "# 清風揚正氣\n\n臺灣的報紙每天都會刊登許多關於經濟、政治與社會的新聞。"
    "記者在現場採訪時，必須確認消息來源是否可靠，並且尊重受訪者的意願。\n"
    "這篇報導說明了縣政府如何推動廉潔建設，讓民眾對於公共工程更加放心。\n"
)


def clean(text: str) -> DecodedText:
    """Decode `text` written as UTF-8 bytes."""
    return decode_article_bytes(text.encode("utf-8"), "a.txt")


def reasons(decoded: DecodedText) -> list[str]:
    return [r.reason for r in decoded.removed]


# --- encodings -----------------------------------------------------------------------------


def test_plain_utf8_comes_through_unchanged():
    decoded = clean("# 标题\n\n正文，第一段。\n")
    assert decoded == DecodedText("# 标题\n\n正文，第一段。\n", "UTF-8", (), ())


def test_a_bom_never_hides_the_headline():
    decoded = decode_article_bytes(b"\xef\xbb\xbf# \xe6\xa0\x87\xe9\xa2\x98\n", "a.txt")
    assert decoded.text == "# 标题\n"
    assert decoded.removed == ()


def test_a_second_bom_is_removed_and_reported():
    decoded = decode_article_bytes(b"\xef\xbb\xbf\xef\xbb\xbf# A\n", "a.txt")
    assert decoded.text == "# A\n"
    assert [(r.codepoint, r.line, r.column) for r in decoded.removed] == [("U+FEFF", 1, 1)]


@pytest.mark.parametrize("codec, label", [("utf-16", "UTF-16LE"), ("utf-16-be", "UTF-16BE"), ("utf-32", "UTF-32LE")])
def test_utf16_and_utf32_with_a_bom_are_decoded(codec, label):
    raw = "# 标题\r\n正文\r\n".encode(codec)
    if codec == "utf-16-be":
        raw = b"\xfe\xff" + raw
    decoded = decode_article_bytes(raw, "a.txt")
    assert (decoded.text, decoded.encoding) == ("# 标题\n正文\n", label)


@pytest.mark.parametrize("text", ["# 标题\n正文正文\n", "# Headline\nbody text\n"])
@pytest.mark.parametrize("codec, label", [("utf-16-le", "UTF-16LE"), ("utf-16-be", "UTF-16BE")])
def test_utf16_without_a_bom_is_decoded_with_a_note(text, codec, label):
    decoded = decode_article_bytes(text.encode(codec), "a.txt")
    assert (decoded.text, decoded.encoding, decoded.removed) == (text, label, ())
    assert f"iconv -f {label} -t UTF-8 a.txt" in decoded.notes[0].hint


def test_a_damaged_file_behind_a_utf16_bom_is_refused_at_the_bad_unit():
    raw = b"\xff\xfe" + "标题\n正文".encode("utf-16-le") + b"\x00\xd8" + "尾".encode("utf-16-le")
    with pytest.raises(InputError, match="UTF-16LE byte-order mark") as caught:
        decode_article_bytes(raw, "a.txt")
    assert str(caught.value.where) == "a.txt:2:3"


@pytest.mark.parametrize("codec", ["gb18030", "gbk"])
def test_gb_encoded_sample_decodes_to_the_utf8_text(codec):
    original = SAMPLE.read_text(encoding="utf-8")
    expected = clean(original).text
    decoded = decode_article_bytes(original.encode(codec), "beita.txt")
    assert decoded.text == expected
    assert decoded.encoding == "GB18030"
    assert [n.kind for n in decoded.notes] == ["encoding"]
    assert "iconv -f GB18030 -t UTF-8" in decoded.notes[0].hint


def test_gb18030_with_its_bom_keeps_the_headline():
    decoded = decode_article_bytes(("\ufeff# 邵阳日报\n北塔区").encode("gb18030"), "a.txt")
    assert decoded.text == "# 邵阳日报\n北塔区"


def test_big5_traditional_text_is_decoded_as_big5():
    decoded = decode_article_bytes(TRADITIONAL.encode("big5"), "tw.txt")
    assert (decoded.text, decoded.encoding) == (TRADITIONAL, "BIG5")


def test_a_short_gbk_headline_is_decoded():
    assert decode_article_bytes("邵阳日报".encode("gbk"), "a.txt").text == "邵阳日报"


def test_text_in_another_legacy_encoding_is_refused_naming_a_conversion():
    raw = "日本語の新聞記事です。今日は晴れています。".encode("shift_jis") * 3
    with pytest.raises(InputError) as caught:
        decode_article_bytes(raw, "jp.txt")
    assert "not UTF-8" in caught.value.message
    assert "common Chinese" in caught.value.message
    assert "iconv -f" in caught.value.hint


def test_damaged_gb18030_is_refused_naming_gb18030():
    raw = ("邵阳日报记者" * 20).encode("gb18030") + b"\x81\n" + "北塔区".encode("gb18030")
    with pytest.raises(InputError) as caught:
        decode_article_bytes(raw, "gb.txt")
    assert "most likely GB18030" in caught.value.message
    assert "iconv -f GB18030 -t UTF-8 gb.txt" in caught.value.hint


def test_damaged_utf8_names_the_bad_byte_and_its_place():
    raw = "# 标题\n第二行正文正文正文\n第三".encode() + b"\xe4\xb8" + "行正文正文正文正文\n".encode()
    with pytest.raises(InputError) as caught:
        decode_article_bytes(raw, "a.txt")
    error = caught.value
    assert "UTF-8 with 1 damaged byte" in error.message
    assert str(error.where) == "a.txt:3:3"
    assert error.one_line().startswith("a.txt:3:3: error:")


def test_western_single_byte_text_is_named_as_such():
    with pytest.raises(InputError) as caught:
        decode_article_bytes("Café crème\n".encode("cp1252"), "w.txt")
    assert "WINDOWS-1252" in caught.value.hint


@pytest.mark.parametrize("magic", [b"PK\x03\x04rest", b"%PDF-1.7\n", b"\xd0\xcf\x11\xe0\xa1\xb1"])
def test_documents_are_refused_as_not_plain_text(magic):
    with pytest.raises(InputError, match="not plain text"):
        decode_article_bytes(magic, "a.docx")


# --- line ends and whitespace ----------------------------------------------------------------


def test_mixed_line_ends_become_lf_and_positions_count_every_kind():
    decoded = clean("一\r\n二\r三\n四\u2028五\r\n\r\n六\u200b")
    assert decoded.text == "一\n二\n三\n四\n五\n\n六"
    assert [(r.line, r.column) for r in decoded.removed] == [(7, 2)]


def test_whitespace_only_lines_become_empty_and_full_width_space_is_kept():
    decoded = clean("\u3000\u3000正文。\n \t \n\u3000\n  \u00a0\nend ")
    assert decoded.text == "\u3000\u3000正文。\n\n\n\nend "


def test_tab_becomes_a_space_with_a_note():
    decoded = clean("甲\t乙\n\t丙")
    assert decoded.text == "甲 乙\n 丙"
    assert decoded.removed == ()
    (note,) = decoded.notes
    assert (note.kind, note.where) == ("converted-character", "a.txt:1:2")
    assert note.message.startswith("2 TAB")


# --- removed characters --------------------------------------------------------------------


@pytest.mark.parametrize("char", ["\x00", "\x07", "\x08", "\x0b", "\x0c", "\x7f", "\x85", "\x9b", "\x1c"])
def test_control_characters_are_removed_with_their_position(char):
    decoded = clean(f"第一行\n正{char}文")
    assert decoded.text == "第一行\n正文"
    (removal,) = decoded.removed
    assert (removal.char, removal.line, removal.column, removal.reason) == (char, 2, 2, "control character")
    assert removal.codepoint == f"U+{ord(char):04X}"


@pytest.mark.parametrize(
    "sequence", ["\x1b[31m", "\x1b[1;32;40m", "\x1b[0m", "\x1b]0;title\x07", "\x1b]8;;http://x\x1b\\", "\x1bc", "\x1b"]
)
def test_escape_sequences_are_removed_whole(sequence):
    decoded = clean(f"红{sequence}色")
    assert decoded.text == "红色"
    assert [(r.char, r.column, r.reason) for r in decoded.removed] == [(sequence, 2, "terminal escape sequence")]


@pytest.mark.parametrize("char", ["\u200b", "\u200c", "\u200d", "\u2060", "\ufeff"])
def test_zero_width_characters_are_removed(char):
    decoded = clean(f"中{char}文")
    assert decoded.text == "中文"
    assert reasons(decoded) == ["zero-width character"]


@pytest.mark.parametrize(
    "emoji", ["\U0001f469\u200d\U0001f4bb", "\U0001f3f3\ufe0f\u200d\U0001f308", "\U0001f469\U0001f3fd\u200d\U0001f52c"]
)
def test_emoji_and_their_joiners_are_kept(emoji):
    decoded = clean(f"点赞{emoji}👍")
    assert decoded.text == f"点赞{emoji}👍"
    assert decoded.removed == ()


def test_soft_hyphen_is_removed():
    decoded = clean("news\u00adpaper")
    assert (decoded.text, reasons(decoded)) == ("newspaper", ["soft hyphen"])


def test_bidi_override_removal_keeps_the_phone_number_in_typed_order():
    decoded = clean("电话：\u202e0739-5321234\u202c，\u2067传真\u2069\u200f\u061c")
    assert decoded.text == "电话：0739-5321234，传真"
    assert set(reasons(decoded)) == {"bidirectional control"}
    assert [r.column for r in decoded.removed] == [4, 17, 19, 22, 23, 24]


@pytest.mark.parametrize("char", ["\ue000", "\uf8ff", "\U000f0000", "\U0010fffd"])
def test_private_use_characters_are_removed(char):
    assert reasons(clean(f"字{char}")) == ["private-use character"]


@pytest.mark.parametrize(
    "char, reason",
    [
        ("\ufffc", "object replacement character"),
        ("\u180e", "invisible format character"),
        ("\ufff9", "invisible format character"),
        ("\ufdd0", "noncharacter"),
        ("\uffff", "noncharacter"),
        ("\U0001fffe", "noncharacter"),
    ],
)
def test_other_invisible_characters_are_removed(char, reason):
    assert reasons(clean(f"图{char}片")) == [reason]


def test_a_replacement_character_already_in_the_input_is_removed_and_reported():
    decoded = clean("北塔\ufffd\ufffd区")
    assert decoded.text == "北塔区"
    assert reasons(decoded) == ["replacement character"] * 2
    (note,) = decoded.notes
    assert note.where == "a.txt:1:3" and "retype" in note.hint


def test_removals_are_summarised_in_one_note_per_kind():
    decoded = clean("a\u200bb\u200bc\x07d")
    assert [(n.kind, n.where) for n in decoded.notes] == [
        ("removed-character", "a.txt:1:2"),
        ("removed-character", "a.txt:1:6"),
    ]
    assert decoded.notes[0].message.startswith("removed 2 zero-width character(s) (U+200B)")


# --- HTML entities -------------------------------------------------------------------------


@pytest.mark.parametrize(
    "written, meant",
    [
        ("AT&amp;T", "AT&T"),
        ("Jos&eacute; &oacute;", "José ó"),
        ("&#8212;&#8212;", "——"),
        ("&#x4E2D;&#X6587;", "中文"),
        ("&ldquo;清廉&rdquo;", "\u201c清廉\u201d"),
        ("&#150;", "\u2013"),  # html.unescape maps 128-159 through Windows-1252
        ("&amp;lt;", "&lt;"),  # one level of decoding only
        ("&amp &copy AT&T &nosuch; & ;", "&amp &copy AT&T &nosuch; & ;"),  # no `;`, or unknown
        ("甲&#10;乙&#13;丙", "甲\n乙\n丙"),
    ],
)
def test_well_formed_entities_are_decoded(written, meant):
    decoded = clean(written)
    assert (decoded.text, decoded.removed) == (meant, ())


def test_an_entity_for_a_removed_character_is_removed_and_reported_as_written():
    decoded = clean("中&zwj;文&shy;&#xE000;&#1;&#0;")
    assert decoded.text == "中文"
    assert [(r.codepoint, r.column) for r in decoded.removed] == [
        ("U+200D", 2),
        ("U+00AD", 8),
        ("U+E000", 13),
        ("U+0001", 21),
        ("U+0000", 25),
    ]
    assert decoded.removed[0].reason == "zero-width character, written as &zwj;"


def test_entities_for_no_character_are_removed():
    decoded = clean("字&#xD800;&#1114112;")
    assert decoded.text == "字"
    assert [(r.char, r.codepoint) for r in decoded.removed] == [("&#xD800;", "U+D800"), ("&#1114112;", "U+110000")]


def test_nbsp_entity_becomes_a_space_with_a_note():
    decoded = clean("100&nbsp;元\u00a0整")
    assert decoded.text == "100 元 整"
    assert [n.message for n in decoded.notes] == ["2 no-break space(s) became spaces; the first is here"]


def test_emoji_written_as_entities_keep_their_joiner():
    assert clean("&#x1F469;&zwj;&#x1F4BB;").text == "\U0001f469\u200d\U0001f4bb"


# --- empty input and files -----------------------------------------------------------------


@pytest.mark.parametrize("raw", [b"", b"\xef\xbb\xbf", b" \r\n\t\n", "\u3000\u200b\x07\n".encode()])
def test_empty_articles_are_refused(raw):
    with pytest.raises(InputError, match="the article is empty"):
        decode_article_bytes(raw, "a.txt")


def test_read_article_text_reads_the_sample(tmp_path):
    decoded = read_article_text(SAMPLE)
    assert "# 清风扬正气" in decoded.text and decoded.encoding == "UTF-8"


def test_missing_file_and_folder_are_input_errors(tmp_path):
    with pytest.raises(InputError, match="does not exist") as caught:
        read_article_text(tmp_path / "nope.txt")
    assert str(tmp_path / "nope.txt") in caught.value.one_line()
    with pytest.raises(InputError, match="folder"):
        read_article_text(tmp_path)


def test_a_megabyte_article_decodes_well_under_a_second():
    paragraph = SAMPLE.read_text(encoding="utf-8").replace("。", "。\u200b", 3).replace("，", "&amp;", 2)
    raw = ((paragraph + "\r\n") * 130).encode()
    assert len(raw) > 1_000_000
    start = time.perf_counter()
    decoded = decode_article_bytes(raw, "big.txt")
    assert time.perf_counter() - start < 0.5
    assert len(decoded.removed) == 390


# --- nothing is lost -----------------------------------------------------------------------

# (written, what it stands for, kept in the text?) — the entity meanings are written out by
# hand from the HTML5 entity table, not computed by the code under test.
TOKENS: list[tuple[str, str, bool]] = [
    *((ch, ch, True) for ch in "中文北塔，。“”aZ1# \u3000"),
    *((ch, ch, False) for ch in "\x00\x07\x08\x0b\x0c\x7f\x85\x9b\x1c"),
    ("\x1b[31m", "\x1b[31m", False),
    ("\x1b]0;t\x07", "\x1b]0;t\x07", False),
    ("\t", " ", True),
    ("\u00a0", " ", True),
    *((ch, ch, False) for ch in "\u200b\u200c\u200d\u2060\ufeff\u00ad"),
    *((ch, ch, False) for ch in "\u202a\u202e\u202c\u2066\u2069\u200e\u200f\u061c"),
    *((ch, ch, False) for ch in "\ue000\uf8ff\U000f0000\U0010fffd\ufffd"),
    ("&amp;", "&", True),
    ("&oacute;", "ó", True),
    ("&#8212;", "—", True),
    ("&#x4E2D;", "中", True),
    ("&nbsp;", " ", True),
    ("&zwj;", "\u200d", False),
    ("&shy;", "\u00ad", False),
    ("&#xE000;", "\ue000", False),
    ("&#1;", "\x01", False),
    ("\r\n", "\n", True),
    ("\r", "\n", True),
    ("\n", "\n", True),
]


def visible(chars: str) -> Counter[str]:
    """The multiset of the non-whitespace characters in `chars`."""
    return Counter(ch for ch in chars if not ch.isspace())


FORBIDDEN = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u00ad\u200b-\u200f\u202a-\u202e\u2060\u2066-\u2069\ufeff\ue000-\uf8ff\ufffd\U000f0000-\U0010ffff\u061c\r]")


@settings(derandomize=True, max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(TOKENS), max_size=60))
def test_every_character_is_kept_or_reported(tokens):
    written = "".join(t[0] for t in tokens)
    meant = "".join(t[1] for t in tokens).removeprefix("\ufeff")  # a leading U+FEFF is the BOM
    try:
        decoded = clean(written)
    except InputError as error:
        assert error.message == "the article is empty"
        assert not any(kept and meaning.strip() for _, meaning, kept in tokens)
        return
    removed = "".join(r.char for r in decoded.removed)
    assert visible(meant) == visible(decoded.text) + visible(removed)
    assert not FORBIDDEN.search(decoded.text)
    assert decoded.text.count("\n") == meant.count("\n")
    lines = re.sub("\r\n?", "\n", written).split("\n")
    for removal in decoded.removed:
        at = lines[removal.line - 1][removal.column - 1 :]
        assert at.startswith("&" if "written as" in removal.reason else removal.char)


@settings(derandomize=True, max_examples=150, deadline=None)
@given(st.lists(st.sampled_from(TOKENS), min_size=1, max_size=60))
def test_clean_text_reads_back_unchanged(tokens):
    try:
        first = clean("".join(t[0] for t in tokens))
    except InputError:
        return
    again = clean(first.text)
    assert (again.text, again.removed, again.notes) == (first.text, (), ())
