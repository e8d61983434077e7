"""ToUnicode repair: rewrite code points above U+FFFF in a PDF's CMaps as UTF-16BE surrogate pairs.

reportlab writes each destination as "<%04X>" % code_point, so 𠀀 U+20000
becomes <20000>; PDF 1.7 §9.10.3 requires UTF-16BE (<D840DC00>), and text
extraction, search and copy-paste return the wrong characters until fixed.
"""

from __future__ import annotations

import re
from pathlib import Path

import pikepdf

from layout.cache import replacing

_BLOCK = re.compile(rb"(begin(bfchar|bfrange))(.*?)(end\2)", re.S)
_CHAR_ENTRY = re.compile(rb"(<[0-9A-Fa-f\s]+>\s*)<([0-9A-Fa-f\s]+)>")
_RANGE_ENTRY = re.compile(
    rb"<([0-9A-Fa-f\s]+)>(\s*)<([0-9A-Fa-f\s]+)>(\s*)(<[0-9A-Fa-f\s]+>|\[[^\]]*\])"
)
_HEX_STRING = re.compile(rb"<([0-9A-Fa-f\s]+)>")


def utf16_hex(code_point: int) -> bytes:
    """A code point as the hex digits of its UTF-16BE form (a surrogate pair above U+FFFF)."""
    return chr(code_point).encode("utf-16-be").hex().upper().encode("ascii")


def _fixed_destination(digits: bytes) -> bytes:
    # Valid UTF-16BE has a multiple of 4 hex digits; anything else is a bare
    # code point (reportlab's "%04X" of a non-BMP character).
    digits = re.sub(rb"\s", b"", digits)
    if len(digits) % 4 == 0:
        return digits
    return utf16_hex(int(digits, 16))


def _repair_chars(body: bytes) -> bytes:
    return _CHAR_ENTRY.sub(lambda m: m[1] + b"<" + _fixed_destination(m[2]) + b">", body)


def _repair_range(entry: re.Match) -> bytes:
    low, gap1, high, gap2, destination = entry.groups()
    if destination.startswith(b"["):
        fixed = _HEX_STRING.sub(lambda m: b"<" + _fixed_destination(m[1]) + b">", destination)
        return b"<%s>%s<%s>%s%s" % (low, gap1, high, gap2, fixed)
    digits = re.sub(rb"\s", b"", destination[1:-1])
    if len(digits) % 4 == 0:
        return entry[0]
    # A range's destination increments its last byte, which cannot step a
    # surrogate pair across a high-surrogate boundary: spell every code out.
    first, count = int(digits, 16), int(high, 16) - int(low, 16) + 1
    codes = b" ".join(b"<" + utf16_hex(first + step) + b">" for step in range(count))
    return b"<%s>%s<%s>%s[%s]" % (low, gap1, high, gap2, codes)


def repair_cmap(cmap: bytes) -> bytes:
    """The ToUnicode CMap program with every bfchar/bfrange destination in UTF-16BE."""

    def repair_block(block: re.Match) -> bytes:
        body = block[3]
        if block[2] == b"bfchar":
            body = _repair_chars(body)
        else:
            body = _RANGE_ENTRY.sub(_repair_range, body)
        return block[1] + body + block[4]

    return _BLOCK.sub(repair_block, cmap)


def repair_tounicode(pdf_path: str | Path) -> None:
    """Fix the ToUnicode CMaps of every font in the PDF, rewriting the file atomically.

    A PDF without non-BMP destinations is left untouched (not even rewritten).
    """
    path = Path(pdf_path)
    with pikepdf.open(path) as pdf:
        changed = False
        for obj in pdf.objects:
            if not isinstance(obj, pikepdf.Dictionary) or "/ToUnicode" not in obj:
                continue
            stream = obj.ToUnicode
            original = stream.read_bytes()
            repaired = repair_cmap(original)
            if repaired != original:
                stream.write(repaired)
                changed = True
        if not changed:
            return
        with replacing(path, keep_mode=True) as temp:
            # deterministic_id: the same page gives the same bytes (and /ID).
            pdf.save(temp, deterministic_id=True)
