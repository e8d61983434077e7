"""Character classes for CJK line breaking and punctuation width, as data tables with their sources."""

from __future__ import annotations

from enum import Enum
from functools import lru_cache

from layout.text.lines import Kinsoku, PunctStyle


class CharClass(Enum):
    """What a character is for line breaking and spacing (clreq §3.1, GB/T 15834-2011 §4)."""

    OPENING = "opening"  # 标号: opening brackets, quotes, 书名号 (GB/T 15834 §4.9–4.11)
    CLOSING = "closing"  # their closing halves
    PAUSE = "pause"  # 点号 顿号、逗号 (GB/T 15834 §4.4–4.5)
    STOP = "stop"  # 句号 (GB/T 15834 §4.1)
    DIVIDING = "dividing"  # 问号、叹号 (GB/T 15834 §4.2–4.3; jlreq cl-04)
    COLON = "colon"  # 冒号、分号 (GB/T 15834 §4.6–4.7)
    MIDDLE_DOT = "middle_dot"  # 间隔号 (GB/T 15834 §4.14)
    CONNECTOR = "connector"  # 连接号 (GB/T 15834 §4.13): a single — ～ –
    SOLIDUS = "solidus"  # 分隔号 (GB/T 15834 §4.17)
    DASH = "dash"  # 破折号 —— (GB/T 15834 §4.12), two ems, never split
    ELLIPSIS = "ellipsis"  # 省略号 …… (GB/T 15834 §4.15), two ems, never split
    INSEPARABLE = "inseparable"  # leaders and fillers that are not a Chinese ellipsis (UAX #14 IN: ․ ‥ ︙)
    HAN = "han"
    KANA = "kana"
    SMALL_KANA = "small_kana"  # jlreq cl-11
    PROLONGED = "prolonged"  # ー (jlreq cl-10 with the small kana)
    ITERATION = "iteration"  # 々 〻 ゝ ゞ ヽ ヾ (jlreq cl-09)
    LATIN = "latin"  # letters, and the words built from them
    DIGIT = "digit"
    NUMBER_PREFIX = "number_prefix"  # + − ± ¥ $ € £ # (clreq §6.1.2: stay with the number after)
    NUMBER_SUFFIX = "number_suffix"  # % ‰ ° ℃ ℉ ′ ″ (clreq §6.1.2: stay with the number before)
    SPACE = "space"
    OTHER = "other"  # ideographic symbols (▲ ※ ○ …): set like Han

    # Members are singletons compared by identity: hash them in C, not by name
    # (the line breaker tests set membership millions of times).
    __hash__ = object.__hash__


# clreq §3.1 (punctuation list) and GB/T 15834-2011 §4: full-width marks, plus the
# ASCII brackets and stops that appear in Chinese copy. Half-width ones get no
# compression because they have no blank half (their advance is not 1 em).
_TABLE: dict[CharClass, str] = {
    CharClass.OPENING: "（〔［｛〈《「『【〖〘〚｟“‘([{«",
    CharClass.CLOSING: "）〕］｝〉》」』】〗〙〛｠”’)]}»",
    CharClass.PAUSE: "、，､,",
    CharClass.STOP: "。．｡.",
    CharClass.DIVIDING: "？！‼⁇⁈⁉?!",
    CharClass.COLON: "：；;:",
    CharClass.MIDDLE_DOT: "·・‧•･",
    CharClass.CONNECTOR: "—―～〜–‐゠-",
    CharClass.SOLIDUS: "／/",
    CharClass.DASH: "⸺⸻",
    CharClass.ELLIPSIS: "…⋯",
    CharClass.INSEPARABLE: "․‥︙\U00010af6",
    CharClass.SMALL_KANA: "ぁぃぅぇぉっゃゅょゎゕゖァィゥェォッャュョヮヵヶㇰㇱㇲㇳㇴㇵㇶㇷㇸㇹㇺㇻㇼㇽㇾㇿ",
    CharClass.PROLONGED: "ー",
    CharClass.ITERATION: "々〻ゝゞヽヾ",
    CharClass.NUMBER_PREFIX: "+−±¥￥$€£#＋",
    CharClass.NUMBER_SUFFIX: "%‰°℃℉′″‵％﹪￠",
    CharClass.SPACE: " \t\n\u00a0\u2002\u2003\u2009\u200a",
}
_BY_CHAR: dict[str, CharClass] = {ch: cls for cls, chars in _TABLE.items() for ch in chars}

# Characters that pair into one inseparable two-em unit (clreq §6.1.2 符号分离禁则):
# ——  (two U+2014 or U+2015) and …… (two U+2026 or U+22EF).
DOUBLED_MARKS: frozenset[str] = frozenset("—―…⋯")

# Unicode blocks (first, last code point) treated as ideographs: CJK Unified
# Ideographs and extensions A–H, compatibility ideographs, radicals, strokes.
_HAN_RANGES = (
    (0x2E80, 0x2FDF),
    (0x3005, 0x3007),
    (0x31C0, 0x31EF),
    (0x3400, 0x4DBF),
    (0x4E00, 0x9FFF),
    (0xF900, 0xFAFF),
    (0x20000, 0x323AF),
)
_KANA_RANGES = ((0x3041, 0x309F), (0x30A0, 0x30FF), (0x31F0, 0x31FF), (0xFF66, 0xFF9F))

# clreq §6.1.1 行首行尾禁则, four levels, checked against the W3C's own tests
# (wpt css/css-text/i18n/zh/css-text-line-break-zh-*; see tests/test_wpt_line_start.py):
# basic and GB are CSS line-break:normal, which also keeps iteration marks and leaders
# off the line start; GB adds the solidus at the line end; strict adds dashes, ellipses
# and jlreq's small kana; "newspaper-loose" is CSS loose where clreq allows it: ？！,
# iteration marks, leaders and units like ％ ℃ may start a line, clreq's 点号, 连接号
# and 间隔号 still may not.
_BASIC_START = frozenset(
    {
        CharClass.CLOSING,
        CharClass.PAUSE,
        CharClass.STOP,
        CharClass.DIVIDING,
        CharClass.COLON,
        CharClass.MIDDLE_DOT,
        CharClass.CONNECTOR,
        CharClass.SOLIDUS,
        CharClass.NUMBER_SUFFIX,
        CharClass.ITERATION,
        CharClass.INSEPARABLE,
    }
)
_STRICT_EXTRA_START = frozenset({CharClass.DASH, CharClass.ELLIPSIS, CharClass.SMALL_KANA, CharClass.PROLONGED})
_LOOSE_ALLOWED_START = frozenset(
    {CharClass.DIVIDING, CharClass.ITERATION, CharClass.INSEPARABLE, CharClass.NUMBER_SUFFIX}
)
LINE_START_PROHIBITED: dict[Kinsoku, frozenset[CharClass]] = {
    "none": frozenset(),
    "basic": _BASIC_START,
    "GB": _BASIC_START,
    "strict": _BASIC_START | _STRICT_EXTRA_START,
    "newspaper-loose": _BASIC_START - _LOOSE_ALLOWED_START,
}
LINE_END_PROHIBITED: dict[Kinsoku, frozenset[CharClass]] = {
    "none": frozenset(),
    "basic": frozenset({CharClass.OPENING, CharClass.NUMBER_PREFIX}),
    "GB": frozenset({CharClass.OPENING, CharClass.NUMBER_PREFIX, CharClass.SOLIDUS}),
    "strict": frozenset({CharClass.OPENING, CharClass.NUMBER_PREFIX, CharClass.SOLIDUS}),
    "newspaper-loose": frozenset({CharClass.OPENING, CharClass.NUMBER_PREFIX}),
}

# Where the ink of a full-width mark sits, hence which half of its em is blank
# and may be removed (clreq §3.1.6 标点符号的挤压; jlreq §3.1.2 and Appendix A).
# zh-Hans fonts put 点号 in the left half (GB/T 15834 §5.1.3); zh-Hant fonts centre
# every mark, so nothing is compressed; ja centres ？！ (cl-04) and ：；・ (cl-05).
# Value: (blank on the left, blank on the right) in em.
_HALF_LEFT = (0.5, 0.0)
_HALF_RIGHT = (0.0, 0.5)
_QUARTERS = (0.25, 0.25)
_NO_BLANK = (0.0, 0.0)
PUNCT_BLANKS: dict[PunctStyle, dict[CharClass, tuple[float, float]]] = {
    "zh-Hans": {
        CharClass.OPENING: _HALF_LEFT,
        CharClass.CLOSING: _HALF_RIGHT,
        CharClass.PAUSE: _HALF_RIGHT,
        CharClass.STOP: _HALF_RIGHT,
        CharClass.DIVIDING: _HALF_RIGHT,
        CharClass.COLON: _HALF_RIGHT,
        CharClass.MIDDLE_DOT: _QUARTERS,
    },
    "zh-Hant": {},
    "ja": {
        CharClass.OPENING: _HALF_LEFT,
        CharClass.CLOSING: _HALF_RIGHT,
        CharClass.PAUSE: _HALF_RIGHT,
        CharClass.STOP: _HALF_RIGHT,
        CharClass.DIVIDING: _NO_BLANK,
        CharClass.COLON: _QUARTERS,
        CharClass.MIDDLE_DOT: _QUARTERS,
    },
}

# What a tight line may squeeze from a full-width mark (挤进) where its font leaves
# no blank half to remove: zh-Hant centres every mark, and Taiwanese practice
# squeezes a centred mark by a quarter em on each side (as jlreq §3.1.4 does for
# ja's centred ：；・). Elsewhere a tight line takes the blank halves above.
PUNCT_SQUEEZE: dict[PunctStyle, dict[CharClass, tuple[float, float]]] = {
    "zh-Hans": {},
    "zh-Hant": {
        cls: _QUARTERS
        for cls in (CharClass.OPENING, CharClass.CLOSING, CharClass.PAUSE, CharClass.STOP, CharClass.DIVIDING,
                    CharClass.COLON, CharClass.MIDDLE_DOT)
    },
    "ja": {},
}

# Marks that lose their right half at the line end (clreq §3.1.6: 行尾点号、结束标号).
LINE_END_HALF_CLASSES = frozenset(
    {CharClass.CLOSING, CharClass.PAUSE, CharClass.STOP, CharClass.DIVIDING, CharClass.COLON}
)

# Number bindings (clreq §6.1.2; GB/T 15835-2011 §5.1: a number is not split from
# its unit): words that may sit between a number and its measure word (150余个),
# and the ordinal prefix that stays with the number after it (第21个).
APPROXIMATORS: frozenset[str] = frozenset("余多几")
# Characters that join letters or digits into one word when they stand between two
# of them (3.5, 1,000, 2000W/m·K, don't, e-mail); elsewhere they keep their class.
IN_WORD_JOINERS: frozenset[str] = frozenset(".,/-'_&:·’")
NUMBER_LEADS: frozenset[str] = frozenset("第")


def _in_ranges(code: int, ranges: tuple[tuple[int, int], ...]) -> bool:
    return any(first <= code <= last for first, last in ranges)


@lru_cache(maxsize=8192)
def char_class(ch: str) -> CharClass:
    """The class of one character (tables above; Unicode blocks for Han and kana)."""
    known = _BY_CHAR.get(ch)
    if known is not None:
        return known
    if ch.isascii() and ch.isalpha():
        return CharClass.LATIN
    if ch.isdigit() or ("０" <= ch <= "９"):
        return CharClass.DIGIT
    code = ord(ch)
    if _in_ranges(code, _HAN_RANGES):
        return CharClass.HAN
    if _in_ranges(code, _KANA_RANGES):
        return CharClass.KANA
    if ch.isalpha():  # Latin with diacritics, Greek, Cyrillic: set as letters
        return CharClass.LATIN
    if ch.isspace():
        return CharClass.SPACE
    return CharClass.OTHER


def is_kana(ch: str) -> bool:
    """Hiragana or katakana, small kana and the prolonged sound mark included."""
    return _in_ranges(ord(ch), _KANA_RANGES)


def _encodes(ch: str, codec: str) -> bool:
    try:
        ch.encode(codec)
    except UnicodeEncodeError:
        return False
    return True


@lru_cache(maxsize=16384)
def han_script(ch: str) -> str:
    """'hant' for a Han char in Big5 but not GB 2312, 'hans' for the reverse, else ''.

    GB 2312-80 is the Simplified repertoire and Big5 the Traditional one; a
    character in only one of them is (almost always) only used in that script.
    """
    in_gb = _encodes(ch, "gb2312")
    in_big5 = _encodes(ch, "big5")
    if in_big5 and not in_gb:
        return "hant"
    if in_gb and not in_big5:
        return "hans"
    return ""
