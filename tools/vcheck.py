#!/usr/bin/env python3
"""vcheck: measure a page set vertically (竖排), the way pagecheck measures horizontal pages.

It reads only the PDF (with PDFium, through pypdfium2) and, optionally, the
source text. Characters are taken in the content stream's order, which is the
order a reader's copy and search get; body text is the most common CJK size.

    python tools/vcheck.py PAGE.pdf [--source ARTICLE.txt] [--json]

What it assumes of the PDF: upright glyphs are drawn as horizontal-writing
glyphs of a CJK face whose ideographic em box runs from 0.88 em above the
baseline to 0.12 em below (OS/2 typo ascender/descender of Noto and Source
Han, HanaMin); turned glyphs are rotated 90° clockwise with their origin at
the top of their place. Figures set across (縱中橫) are unrotated ASCII
digits. Lines run right to left, tiers top to bottom.

Figures: lines, tiers, line pitch and lines on it; characters lost against the
source; text in reading order (the stream's order is the geometric order, and
its body lines follow the source); kinsoku line starts and ends; non-last lines that do
not fill the tier's measure exactly; Han on the 1-em grid down their line.
"""

from __future__ import annotations

import argparse
import collections
import ctypes
import json
import sys
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

import pypdfium2 as pdfium
import pypdfium2.raw as raw

EM_TOP = 0.88  # ideographic em box top above the baseline, in em
TOLERANCE_EM = 0.02
# clreq §6.1.1 (basic level) and jlreq: may not begin a line / may not end one.
NO_START = set("。．，、；：？！）］｝〕〉》」』】〗〙〛”’・·%‰℃,.:;?!)]}"
               "ーぁぃぅぇぉっゃゅょゎゕゖァィゥェォッャュョヮヵヶ々〻")
NO_END = set("（［｛〔〈《「『【〖〘〚“‘([{$¥￥£")
MARK_CUTS_EM = (0.25, 0.5)
MARKS = set("。．，、；：？！）］｝〕〉》」』】〗〙〛”’（［｛〔〈《「『【〖〘〚“‘・·")


def is_cjk(ch: str) -> bool:
    """Han, kana or hangul."""
    code = ord(ch)
    return (0x3400 <= code <= 0x9FFF or 0xF900 <= code <= 0xFAFF or 0x20000 <= code <= 0x3FFFF
            or 0x3040 <= code <= 0x30FF or 0xAC00 <= code <= 0xD7AF)


@dataclass
class Char:
    """One drawn character: where its place along its line starts and where its line's centre is."""

    ch: str
    x: float  # glyph origin, PDF points (y up)
    y: float
    size: float
    font: str
    turned: bool
    ink: tuple[float, float, float, float]  # left, right, bottom, top

    @property
    def across(self) -> bool:
        """A figure set across the line (縱中橫)."""
        return not self.turned and self.ch.isascii() and self.ch.isdigit()

    @property
    def top(self) -> float:
        """Top of the character's place along the line (PDF y)."""
        return self.y if self.turned else self.y + EM_TOP * self.size

    @property
    def centre(self) -> float:
        """Where the line's centre is, as this character says."""
        if self.turned or self.across:
            return (self.ink[0] + self.ink[1]) / 2
        return self.x + self.size / 2


@dataclass
class Line:
    chars: list[Char] = field(default_factory=list)

    @property
    def text(self) -> str:
        return "".join(c.ch for c in self.chars)

    @property
    def centre(self) -> float:
        upright = [c.centre for c in self.chars if not (c.turned or c.across)]
        return statistics_median(upright or [c.centre for c in self.chars])

    @property
    def top(self) -> float:
        return self.chars[0].top

    @property
    def bottom(self) -> float:
        """Where the last character's place ends (PDF y)."""
        last = self.chars[-1]
        if last.turned:
            return last.ink[2]
        return last.top - last.size

    @property
    def size(self) -> float:
        return collections.Counter(c.size for c in self.chars).most_common(1)[0][0]


def statistics_median(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[len(ordered) // 2]


def extract(pdf_path: Path, page_index: int = 0) -> list[Char]:
    """The page's visible characters in content-stream order."""
    document = pdfium.PdfDocument(str(pdf_path))
    page = document[page_index]
    text_page = page.get_textpage()
    handle = text_page.raw
    chars = []
    buffer = ctypes.create_string_buffer(256)
    flags = ctypes.c_int()
    for index in range(raw.FPDFText_CountChars(handle)):
        if raw.FPDFText_IsGenerated(handle, index):
            continue
        ch = chr(raw.FPDFText_GetUnicode(handle, index))
        if not ch.strip() or ch == "\ufffe":
            continue
        x, y = ctypes.c_double(), ctypes.c_double()
        raw.FPDFText_GetCharOrigin(handle, index, x, y)
        matrix = raw.FS_MATRIX()
        raw.FPDFText_GetMatrix(handle, index, matrix)
        left, right, bottom, top = (ctypes.c_double() for _ in range(4))
        raw.FPDFText_GetCharBox(handle, index, left, right, bottom, top)
        raw.FPDFText_GetFontInfo(handle, index, buffer, len(buffer), flags)
        size = raw.FPDFText_GetFontSize(handle, index)
        turned = abs(matrix.b) > abs(matrix.a)
        chars.append(Char(ch, x.value, y.value, round(size, 2), buffer.value.decode("latin-1"), turned,
                          (left.value, right.value, bottom.value, top.value)))
    return chars


def body_size(chars: list[Char]) -> float:
    sizes = collections.Counter(c.size for c in chars if is_cjk(c.ch))
    return sizes.most_common(1)[0][0] if sizes else 0.0


def lines_of(chars: list[Char]) -> list[Line]:
    """Chars cut into lines in stream order: a line ends where the next char is not below it in the same column."""
    lines: list[Line] = []
    for char in chars:
        current = lines[-1] if lines else None
        if current is not None:
            previous = current.chars[-1]
            same_column = abs(char.centre - current.chars[0].centre) < 0.6 * char.size and char.size == previous.size
            below = char.top <= previous.top + 0.01 or (char.across and previous.across and char.y == previous.y)
            if same_column and below:
                current.chars.append(char)
                continue
        lines.append(Line([char]))
    return lines


def tiers_of(lines: list[Line], size: float) -> list[list[Line]]:
    """Body lines grouped into tiers in stream order: a tier ends where the next line is not to the left."""
    tiers: list[list[Line]] = []
    for line in lines:
        if tiers and line.centre < tiers[-1][-1].centre - 0.5 * size and abs(line.top - tiers[-1][-1].top) < 3 * size:
            tiers[-1].append(line)
        else:
            tiers.append([line])
    return tiers


def mode(values: list[float], digits: int = 1) -> float | None:
    counted = collections.Counter(round(v, digits) for v in values)
    return counted.most_common(1)[0][0] if counted else None


def measure_page(chars: list[Char], source: str | None = None) -> dict:
    """Every figure of the module docstring, as a dict."""
    size = body_size(chars)
    out: dict = {"body_size_pt": size}
    if not size:
        out["note"] = "no CJK text found"
        return out
    lines = lines_of(chars)
    body = [line for line in lines if line.size == size]
    tiers = tiers_of(body, size)
    out["body_lines"] = len(body)
    out["tiers"] = len(tiers)
    out.update(_pitch(tiers, size))
    out.update(_edges(tiers, size))
    out.update(_grid(tiers, size))
    out.update(_reading_order(tiers, size))
    if source is not None:
        out.update(completeness(chars, source))
        out.update(source_order(body, source))
    return out


def _pitch(tiers: list[list[Line]], size: float) -> dict:
    steps = [a.centre - b.centre for tier in tiers for a, b in zip(tier, tier[1:])]
    pitch = mode(steps)
    on = sum(1 for step in steps if pitch is not None and abs(step - pitch) <= 0.05)
    return {"line_pitch_pt": pitch, "lines_on_pitch_ratio": round(on / len(steps), 4) if steps else None}


def _tier_frame(tier: list[Line], size: float) -> tuple[float, float]:
    """(top, bottom) of a tier: the most common line top, and the most common end of lines ending in a non-mark."""
    top = mode([line.top for line in tier])
    ends = [line.bottom for line in tier if line.chars[-1].ch not in MARKS]
    return top, mode(ends) if ends else top - size


def _edges(tiers: list[list[Line]], size: float) -> dict:
    """Kinsoku at line starts and ends; non-last lines that do not end exactly at the tier's foot."""
    bad_start, bad_end, short, checked, measures = [], [], [], 0, []
    for tier_index, tier in enumerate(tiers):
        top, bottom = _tier_frame(tier, size)
        measures.append(round((top - bottom) / size, 2))
        following = [*tier[1:], tiers[tier_index + 1][0] if tier_index + 1 < len(tiers) else None]
        for line, nxt in zip(tier, following):
            if line.text[0] in NO_START:
                bad_start.append(line.text[:8])
            if line.text[-1] in NO_END:
                bad_end.append(line.text[-8:])
            next_top = _tier_frame(tiers[tier_index + 1], size)[0] if nxt is not None and nxt not in tier else top
            paragraph_end = (nxt is None or nxt.top < next_top - 0.4 * size or nxt.chars[0].font != line.chars[-1].font)
            if paragraph_end:
                continue
            checked += 1
            over = (bottom - line.bottom) / size  # > 0: the line runs past the foot
            # A mark ending the line may have lost the blank of its em after the ink (½ em of a
            # Japanese or Simplified mark, ¼ em of a centred Traditional one): that blank hangs.
            hanging = line.text[-1] in MARKS and any(abs(over - cut) <= TOLERANCE_EM for cut in MARK_CUTS_EM)
            if abs(over) > TOLERANCE_EM and not hanging:
                short.append(f"{over:+.2f}em {line.text[-6:]}")
    return {"tier_measures_em": sorted(set(measures)),
            "kinsoku_line_start_violations": len(bad_start), "examples_bad_start": bad_start[:5],
            "kinsoku_line_end_violations": len(bad_end), "examples_bad_end": bad_end[:5],
            "non_last_lines_checked": checked, "non_last_lines_not_exact": len(short),
            "examples_not_exact": short[:5]}


def _grid(tiers: list[list[Line]], size: float) -> dict:
    """Upright Han and kana: their places a whole number of ems from the tier top, and 1 em apart."""
    on = total = exact = pairs = 0
    for tier in tiers:
        top = _tier_frame(tier, size)[0]
        for line in tier:
            upright = [c for c in line.chars if is_cjk(c.ch) and not c.turned]
            for char in upright:
                steps = (top - char.top) / size
                total += 1
                on += abs(steps - round(steps)) <= TOLERANCE_EM
            for a, b in zip(line.chars, line.chars[1:]):
                if is_cjk(a.ch) and is_cjk(b.ch) and not (a.turned or b.turned):
                    pairs += 1
                    exact += abs(a.top - b.top - size) <= TOLERANCE_EM * size
    return {"han_on_em_grid_ratio": round(on / total, 4) if total else None,
            "han_advance_exact_em_ratio": round(exact / pairs, 4) if pairs else None}


def _reading_order(tiers: list[list[Line]], size: float) -> dict:
    """Whether the stream's order is the page's reading order: tiers top to bottom, lines right to left."""
    stream = [line for tier in tiers for line in tier]
    bands = sorted({round(_tier_frame(tier, size)[0] / (4 * size)) for tier in tiers}, reverse=True)
    band_of = {id(line): bands.index(round(_tier_frame(tier, size)[0] / (4 * size))) for tier in tiers for line in tier}
    geometric = sorted(stream, key=lambda line: (band_of[id(line)], -line.centre))
    return {"body_in_reading_order": [id(x) for x in geometric] == [id(x) for x in stream]}


def counted(text: str) -> list[str]:
    """The characters that count for completeness, in order: CJK, letters and figures (NFKC)."""
    return [ch for ch in unicodedata.normalize("NFKC", text) if is_cjk(ch) or ch.isalnum()]


def completeness(chars: list[Char], source: str) -> dict:
    """Characters of the source the PDF lacks, as a multiset (order-free)."""
    want, have = counted(source), counted("".join(c.ch for c in chars))
    missing = collections.Counter(want) - collections.Counter(have)
    return {"source_chars": len(want), "source_chars_missing": sum(missing.values()),
            "missing_sample": "".join(sorted(missing))[:40]}


def source_order(body: list[Line], source: str) -> dict:
    """Whether the body lines, in the order a reader's copy gets them, follow the source.

    Each line's text must be found in the source after the previous line's:
    headlines and captions (other sizes) may stand anywhere, the body may not.
    """
    text = "".join(counted(source))
    position, out_of_order = 0, []
    for line in body:
        piece = "".join(counted(line.text))
        if not piece:
            continue
        found = text.find(piece, position)
        if found < 0:
            out_of_order.append(line.text[:10])
        else:
            position = found + len(piece)
    return {"body_lines_out_of_source_order": len(out_of_order), "examples_out_of_order": out_of_order[:5]}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("pdf", type=Path)
    parser.add_argument("--source", type=Path)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args(argv)
    source = args.source.read_text(encoding="utf-8") if args.source else None
    figures = measure_page(extract(args.pdf), source)
    if args.json:
        print(json.dumps(figures, ensure_ascii=False, indent=1))
    else:
        for key, value in figures.items():
            print(f"{key}: {value}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
