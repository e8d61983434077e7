"""Turning an article's bytes into text: BOMs, strict UTF-8, then GB18030 and Big5 judged by common characters."""

from __future__ import annotations

import codecs
import functools
import re
from collections.abc import Iterable
from dataclasses import dataclass

from layout.errors import InputError, Where

# A BOM names its encoding outright. UTF-32 goes first: its LE BOM starts with UTF-16's.
_BOMS: tuple[tuple[bytes, str, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32-le", "UTF-32LE"),
    (codecs.BOM_UTF32_BE, "utf-32-be", "UTF-32BE"),
    (codecs.BOM_UTF8, "utf-8", "UTF-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le", "UTF-16LE"),
    (codecs.BOM_UTF16_BE, "utf-16-be", "UTF-16BE"),
)

# Encodings guessed, in this order, only when the bytes are not valid UTF-8. GB18030 is a
# superset of GBK and GB2312 (mainland newsrooms); CP950 is Windows' Big5 (Taiwan, Hong
# Kong); UTF-16 without a BOM comes from some Windows tools. All decode strictly, so a
# decode never invents U+FFFD.
LEGACY_ENCODINGS: tuple[tuple[str, str], ...] = (("gb18030", "GB18030"), ("cp950", "BIG5"))
_UTF16: tuple[tuple[str, str], ...] = (("utf-16-le", "UTF-16LE"), ("utf-16-be", "UTF-16BE"))

# Real Chinese text is almost all common characters (the sample article: 99.9 %); text
# decoded with the wrong legacy codec is not (Big5 read as GB18030: ~26 %, GB read as
# Big5: ~47 %). A candidate must reach this share to be believed.
MIN_COMMON_SHARE = 0.7

# Files that are not plain text at all, recognised by their first bytes.
_NOT_TEXT: tuple[tuple[bytes, str], ...] = (
    (b"PK\x03\x04", "a ZIP file (a .docx or .wps document?)"),
    (b"\xd0\xcf\x11\xe0", "a Word 97-2003 (.doc) or WPS document"),
    (b"%PDF", "a PDF"),
    (b"{\\rtf", "an RTF document"),
    (b"\x89PNG", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
)


@dataclass(frozen=True, slots=True)
class Decoding:
    """An article's bytes as text, the encoding they were read in, and whether it was a guess."""

    text: str
    encoding: str
    guessed: bool  # no BOM and not UTF-8: read in the candidate that looked most like Chinese


@dataclass(frozen=True, slots=True)
class _Candidate:
    """A strict decode in one guessed encoding and how Chinese it looks."""

    text: str
    label: str
    share: float


def decode_bytes(raw: bytes, source: str) -> Decoding:
    """An article's bytes decoded; raises InputError when they cannot be read.

    A leading BOM is consumed here and never reaches the text.
    """
    for bom, codec, label in _BOMS:
        if raw.startswith(bom):
            return Decoding(_strict(raw[len(bom) :], codec, label, source), label, guessed=False)
    _refuse_binary(raw, source)
    if _looks_like_utf16(raw):
        candidates = _candidates(raw, _UTF16)
        if _believed(candidates):
            return _guess(candidates)
    try:
        return Decoding(raw.decode("utf-8"), "UTF-8", guessed=False)
    except UnicodeDecodeError as error:
        utf8_error = error
    candidates = _candidates(raw, LEGACY_ENCODINGS + _UTF16)
    if _believed(candidates):
        return _guess(candidates)
    # UTF-16 reads almost any even-length bytes, so only the legacy decodes suggest a conversion.
    legacy = [c for c in candidates if c.label in {label for _, label in LEGACY_ENCODINGS}]
    raise _undecodable(raw, utf8_error, legacy, source)


def _candidates(raw: bytes, encodings: tuple[tuple[str, str], ...]) -> list[_Candidate]:
    """The strict decodes of `raw` that succeed among `encodings`, with their common shares."""
    found = []
    for codec, label in encodings:
        try:
            text = raw.decode(codec)
        except UnicodeDecodeError:
            continue
        found.append(_Candidate(text, label, common_share(text)))
    return found


def _believed(candidates: list[_Candidate]) -> list[_Candidate]:
    """The candidates that look enough like Chinese text to be believed."""
    return [c for c in candidates if c.share >= MIN_COMMON_SHARE]


def _guess(candidates: list[_Candidate]) -> Decoding:
    """The believed candidate with the largest common share (the first one on a tie)."""
    best = max(_believed(candidates), key=lambda c: c.share)
    return Decoding(best.text.removeprefix("\ufeff"), best.label, guessed=True)


def common_share(text: str) -> float:
    """Share of the non-ASCII, non-space characters of `text` that common Chinese text uses."""
    common = _common_characters()
    wide = [ch for ch in text if ord(ch) > 0x7F and not ch.isspace()]
    if not wide:
        return 1.0
    return sum(ch in common for ch in wide) / len(wide)


@functools.cache
def _common_characters() -> frozenset[str]:
    """GB2312 level 1 (3755 常用字) ∪ Big5 level 1 (5401 常用字) ∪ Chinese punctuation.

    Both tables were chosen by frequency, so their union is the "common" yardstick for
    Simplified and Traditional text alike.
    """
    trail_gb = range(0xA1, 0xFF)
    trail_big5 = [*range(0x40, 0x7F), *range(0xA1, 0xFF)]
    chars = _table("gb2312", range(0xB0, 0xD8), trail_gb)
    chars |= {ch for ch in _table("big5", range(0xA4, 0xC7), trail_big5) if "\u4e00" <= ch <= "\u9fff"}
    punctuation = [*range(0x3000, 0x3040), *range(0xFF00, 0xFFF0), *range(0x2010, 0x2028), 0xB7]
    chars |= {chr(cp) for cp in punctuation}
    return frozenset(chars)


def _table(codec: str, leads: Iterable[int], trails: Iterable[int]) -> set[str]:
    """Every character a double-byte codec maps from `leads` × `trails`."""
    out: set[str] = set()
    for lead in leads:
        for trail in trails:
            try:
                out.add(bytes((lead, trail)).decode(codec))
            except UnicodeDecodeError:
                continue
    return out


def _strict(raw: bytes, codec: str, label: str, source: str) -> str:
    """`raw` decoded with `codec`, or an InputError at the first bad byte."""
    try:
        return raw.decode(codec)
    except UnicodeDecodeError as error:
        where = _where_of_byte(raw, error.start, codec, source)
        raise InputError(
            f"the article starts with a {label} byte-order mark but is not valid {label} here",
            where=where,
            hint="the file is damaged at this point: fix the text there, or re-save the article as UTF-8",
        ) from None


def _refuse_binary(raw: bytes, source: str) -> None:
    """Refuse documents and images before guessing at text."""
    for magic, what in _NOT_TEXT:
        if raw.startswith(magic):
            raise InputError(
                f"the article is {what}, not plain text",
                where=source,
                hint="save or export the article as plain text (.txt, UTF-8)",
            )


def _looks_like_utf16(raw: bytes) -> bool:
    """Whether NUL bytes fill one byte position of each pair, as ASCII does in UTF-16."""
    sample = raw[:4096]
    if len(raw) % 2 or len(sample) < 4:
        return False
    even, odd = sample[0::2].count(0), sample[1::2].count(0)
    return max(even, odd) * 4 >= len(sample) // 2 and min(even, odd) * 10 <= max(even, odd)


def _undecodable(raw: bytes, utf8_error: UnicodeDecodeError, decoded: list[_Candidate], source: str) -> InputError:
    """The error for bytes that are neither UTF-8 nor believable GB18030/Big5, naming the likely encoding."""
    where = _where_of_byte(raw, utf8_error.start, "utf-8", source)
    byte = f"byte 0x{raw[utf8_error.start]:02X} here is not valid UTF-8"
    if _mostly_utf8(raw):
        bad = raw.decode("utf-8", errors="replace").count("\ufffd")
        return InputError(
            f"the article is UTF-8 with {bad} damaged byte(s): {byte}",
            where=where,
            hint="the file is damaged or mixes encodings: retype the text at that spot, or re-export it as UTF-8",
        )
    if decoded:
        best = max(decoded, key=lambda c: c.share)
        message = (
            f"the article is not UTF-8 ({byte}), and read as {best.label} only "
            f"{best.share:.0%} of its characters are common Chinese ones"
        )
        likely = best.label
    else:
        likely = _closest_legacy(raw)
        message = f"the article is not UTF-8 ({byte}) and not clean GB18030 or Big5; it is most likely {likely}"
    return InputError(
        message,
        where=where,
        hint=f"convert it to UTF-8 from the encoding it was saved in, e.g. "
        f"iconv -f {likely} -t UTF-8 {source} > article-utf8.txt (iconv names the first byte it cannot convert)",
    )


def _mostly_utf8(raw: bytes) -> bool:
    """Whether `raw` is UTF-8 text with a few damaged bytes: many good multi-byte characters, few bad bytes."""
    text = raw.decode("utf-8", errors="replace")
    bad = text.count("\ufffd")
    good_wide = sum(1 for ch in text if ord(ch) > 0x7F) - bad
    return good_wide > 0 and bad * 20 <= good_wide


def _closest_legacy(raw: bytes) -> str:
    """The encoding most likely behind bytes that decode cleanly in none of ours."""
    if not re.search(rb"[\x80-\xff]{2}", raw):
        # Lone high bytes between ASCII: a Western single-byte file, not double-byte Chinese.
        return "WINDOWS-1252"

    def fit(codec: str) -> tuple[int, float]:
        text = raw.decode(codec, errors="replace")
        return (-text.count("\ufffd"), common_share(text))

    return max(LEGACY_ENCODINGS, key=lambda pair: fit(pair[0]))[1]


_LINE_END = re.compile(r"\r\n?|\n")


def _where_of_byte(raw: bytes, offset: int, codec: str, source: str) -> Where:
    """Line and column (1-based, in characters) of the byte at `offset`, whose prefix decodes cleanly."""
    prefix = raw[:offset].decode(codec, errors="replace")
    lines = _LINE_END.split(prefix)
    return Where(source, len(lines), len(lines[-1]) + 1)
