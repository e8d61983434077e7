"""Which characters an article may not carry onto the page, and the one regex that finds them."""

from __future__ import annotations

import bisect
import re

# (first, last, reason): code points removed from the text, each reported with its position.
# Invisible characters are removed because they change line breaking or glyph order
# without showing (clreq §3.1 breaks lines at character boundaries; a U+200B would add
# a break opportunity inside a word, a U+00AD a hyphen); bidi controls because Chinese
# text is left-to-right and an override (U+202E) would print a phone number backwards —
# removing the control keeps the logical order, which is the order the reporter typed.
_REMOVED: tuple[tuple[int, int, str], ...] = (
    (0x0000, 0x0008, "control character"),
    (0x000B, 0x000C, "control character"),  # VT, FF (TAB and LF are text)
    (0x000E, 0x001F, "control character"),  # a lone ESC too; ESC sequences go whole
    (0x007F, 0x009F, "control character"),  # DEL and the C1 controls
    (0x00AD, 0x00AD, "soft hyphen"),
    (0x061C, 0x061C, "bidirectional control"),
    (0x180E, 0x180E, "invisible format character"),
    (0x200B, 0x200D, "zero-width character"),  # ZWSP, ZWNJ, ZWJ (kept inside emoji)
    (0x200E, 0x200F, "bidirectional control"),  # LRM, RLM
    (0x202A, 0x202E, "bidirectional control"),  # LRE, RLE, PDF, LRO, RLO
    (0x2060, 0x2060, "zero-width character"),  # word joiner
    (0x2061, 0x2064, "invisible format character"),
    (0x2066, 0x2069, "bidirectional control"),  # LRI, RLI, FSI, PDI
    (0x206A, 0x206F, "invisible format character"),
    (0xE000, 0xF8FF, "private-use character"),
    (0xFDD0, 0xFDEF, "noncharacter"),
    (0xFEFF, 0xFEFF, "zero-width character"),  # a BOM anywhere but the very start
    (0xFFF9, 0xFFFB, "invisible format character"),  # interlinear annotation marks
    (0xFFFC, 0xFFFC, "object replacement character"),  # a picture pasted from Word
    (0xFFFD, 0xFFFD, "replacement character"),  # mojibake from an earlier bad decode
    *((plane + 0xFFFE, plane + 0xFFFF, "noncharacter") for plane in range(0, 0xF0000, 0x10000)),
    (0xF0000, 0x10FFFF, "private-use character"),  # planes 15-16
)
_STARTS = [first for first, _, _ in _REMOVED]

# Characters kept but changed: both are spaces the layout must see as ordinary spaces.
CONVERTED: dict[str, tuple[str, str]] = {
    "\t": (" ", "TAB"),
    "\u00a0": (" ", "no-break space"),
}

ZWJ = "\u200d"

# What a pictograph in an emoji ZWJ sequence can be (👩‍💻, ❤️‍🔥, 🏳️‍🌈): the emoji blocks,
# Miscellaneous Symbols, Dingbats and Miscellaneous Technical / Arrows supplements.
_PICTOGRAPHS = ((0x2300, 0x23FF), (0x2600, 0x27BF), (0x2B00, 0x2BFF), (0x1F000, 0x1FAFF))
# A pictograph may be followed by VS16 or a skin-tone modifier before the ZWJ.
_EMOJI_MODIFIERS = frozenset(["\ufe0f", *map(chr, range(0x1F3FB, 0x1F400))])


def _char_class() -> str:
    """A regex character class of every removed or converted code point, except ESC."""
    parts = [re.escape(ch) for ch in CONVERTED]
    for first, last, _ in _REMOVED:
        parts.append(re.escape(chr(first)) + ("-" + re.escape(chr(last)) if last > first else ""))
    return "[" + "".join(parts) + "]"


# One scan finds everything the cleaner acts on. Entities need their `;` (a bare "&copy"
# or "AT&T" is left alone). ESC sequences are removed whole: CSI (ESC [ ... final, the
# colour codes of a terminal paste), terminated OSC (ESC ] ... BEL / ESC \), or ESC with
# one final byte (ECMA-48 §5.3); a lone ESC is removed by itself.
SCAN = re.compile(
    r"(?P<entity>&(?:#[0-9]{1,8}|#[xX][0-9a-fA-F]{1,8}|[A-Za-z][A-Za-z0-9]{0,31});)"
    r"|(?P<escape>\x1b(?:\[[0-?]*[ -/]*[@-~]|\][^\x07\x1b\n]*(?:\x07|\x1b\\)|[ -/]*[0-~])?)"
    r"|(?P<char>" + _char_class() + ")"
)

# Line ends: CRLF, CR alone, LF, and the Unicode line and paragraph separators
# (mandatory breaks, UAX #14 class BK) all become LF.
LINE_END = re.compile("\r\n?|[\u2028\u2029]")

# A line holding nothing but whitespace (spaces, U+3000, ...) becomes an empty line.
BLANK_LINE = re.compile(r"^[^\S\n]+$", re.MULTILINE)


def removal_reason(char: str) -> str | None:
    """Why `char` is removed from an article, or None if it is kept."""
    code = ord(char)
    index = bisect.bisect_right(_STARTS, code) - 1
    if index >= 0:
        first, last, reason = _REMOVED[index]
        if first <= code <= last:
            return reason
    return None


def joins_emoji(before: str, after: str) -> bool:
    """Whether a ZWJ with `before` on its left and `after` on its right joins two pictographs of one emoji."""
    if not before or not after:
        return False
    previous = before[:-1] if before[-1] in _EMOJI_MODIFIERS else before
    return bool(previous) and _is_pictograph(previous[-1]) and _is_pictograph(after[0])


def _is_pictograph(char: str) -> bool:
    """Whether `char` lies in a block of emoji pictographs."""
    code = ord(char)
    return any(first <= code <= last for first, last in _PICTOGRAPHS)
