"""Embeddable fonts: TrueType subsets of a page's faces, cached on disk, registered in reportlab."""

from __future__ import annotations

import hashlib
import io
import json
import os
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont as ReportlabTTFont

from layout.cache import cache_dir, read_entry, write_entry
from layout.render.embed_glyphs import (
    GlyphStore,
    build_truetype,
    convert_glyphs,
    shift_glyph,
)
from layout.text.fonts import Face, FontBook
from layout.text.vertical_shape import form_cmap, split_form_key

# Part of every cache key: bump when conversion or assembly changes its output.
CONVERTER_VERSION = 2  # 2: entries sealed with a digest
SUBSET_TAG_LENGTH = 12  # hex digits of the subset hash in font names


@dataclass(frozen=True, slots=True)
class EmbeddedFonts:
    """What embed_fonts() prepared: reportlab font names and how much work it took."""

    names: dict[str, str]  # face key -> registered reportlab font name
    glyphs_converted: int  # outlines converted in this call (0 on a warm build)
    subsets_built: int  # subset fonts assembled in this call (0 on a warm build)


def embed_fonts(book: FontBook, chars_by_face: Mapping[str, Iterable[str]]) -> EmbeddedFonts:
    """Make a TrueType subset of each face for the characters it sets; register them with reportlab.

    reportlab embeds only glyf outlines, so CFF faces (Noto CJK) are converted
    to quadratic curves. Three caches make rebuilds cheap: a subset font per
    (face, character set) on disk, a store of converted glyphs per face on
    disk (an edit that adds characters converts only their glyphs), and
    reportlab's own registry within the process. Characters a face lacks are
    left out of its cmap (the caller reports them; reportlab draws .notdef).
    """
    names: dict[str, str] = {}
    converted = built = 0
    for key, chars in chars_by_face.items():
        plain_key, form = split_form_key(key)  # a vertical or across form maps chars to its own glyphs
        face_key, variant = parse_variant_key(plain_key)
        face = book.face(face_key)
        cmap = form_cmap(face, chars, form) if form else _cmap(face, chars)
        subset_id = _subset_id(face, cmap, variant)
        name = names[key] = f"bm-{subset_id[:SUBSET_TAG_LENGTH]}"
        if name in pdfmetrics.getRegisteredFontNames():
            continue
        path = cache_dir() / "subsets" / f"{subset_id}.ttf"
        font = read_entry(path, "font subset")
        if font is None:
            font, glyphs_converted = _build_subset(face, cmap, path.stem, variant)
            write_entry(path, font, "font subset")
            converted, built = converted + glyphs_converted, built + 1
        pdfmetrics.registerFont(ReportlabTTFont(name, io.BytesIO(font)))
    return EmbeddedFonts(names, converted, built)


def variant_key(face_key: str, left_em: float, width_em: float) -> str:
    """The key of a face whose glyphs are cut to a narrower em box.

    A mark set half-width (at a line end, in a pair) is drawn with a glyph whose
    advance is the width it was set at and whose outline is moved left by the
    blank cut from its left, so the PDF's glyph box is the set box: nothing
    seems to stick out into the gutter, and text extraction sees the real width.
    """
    return f"{face_key}@{round(left_em * 1000)}+{round(width_em * 1000)}"


def trimmed_key(face_key: str, trim: tuple[float, float], size: float, advance_em: float) -> str | None:
    """The variant face for a character set with `trim` (left, right pt) cut, or None when uncut."""
    left, right = trim
    if left <= 0 and right <= 0:
        return None
    return variant_key(face_key, left / size, advance_em - (left + right) / size)


def parse_variant_key(key: str) -> tuple[str, tuple[int, int] | None]:
    """(face key, (left, width) in thousandths of an em, or None for the face itself)."""
    face_key, _, variant = key.partition("@")
    if not variant:
        return face_key, None
    left, _, width = variant.partition("+")
    return face_key, (int(left), int(width))


def _cmap(face: Face, chars: Iterable[str]) -> dict[int, int]:
    # glyph_id() applies the full-width rule, so the embedded cmap sends — to
    # the same full-width glyph whose advance the line breaker measured.
    glyphs = {ord(char): face.glyph_id(char) for char in set(chars)}
    return {code: glyph for code, glyph in sorted(glyphs.items()) if glyph is not None}


def _subset_id(face: Face, cmap: dict[int, int], variant: tuple[int, int] | None) -> str:
    source = f"v{CONVERTER_VERSION}|{font_file_id(face.path)}#{face.index}|{variant}|"
    digest = hashlib.sha256(source.encode())
    digest.update(json.dumps(sorted(cmap.items())).encode())
    return digest.hexdigest()[:40]


def _build_subset(face: Face, cmap: dict[int, int], subset_id: str,
                  variant: tuple[int, int] | None) -> tuple[bytes, int]:
    """The subset font, and how many of its glyphs had to be converted."""
    store_name = f"v{CONVERTER_VERSION}-{font_file_id(face.path)}-{face.index}.bin"
    store = GlyphStore(cache_dir() / "glyphs" / store_name)
    wanted = {0, *cmap.values()}  # .notdef always: PDF viewers draw it for missing glyphs
    missing = wanted - store.glyphs.keys()
    if missing:
        store.add(convert_glyphs(face, missing))
    glyphs = {gid: store.glyphs[gid] for gid in wanted}
    advance = None
    if variant is not None:
        left, width = (round(milli * face.units_per_em / 1000) for milli in variant)
        glyphs = {gid: shift_glyph(data, -left) for gid, data in glyphs.items()}
        advance = width
    return build_truetype(face, cmap, glyphs, subset_id[:SUBSET_TAG_LENGTH], advance), len(missing)


_file_ids: dict[tuple[str, int, int], str] = {}


def font_file_id(path: str) -> str:
    """A content hash of a font file, memoised on disk by (path, size, mtime).

    The content hash keys the caches because Debian keeps upstream mtimes: an
    upgraded font can arrive with an old date, so (path, size, mtime) alone
    could serve glyphs of the previous version. Hashing a 26 MB collection
    takes ~30 ms, so the hash is computed once per file version and then
    found by the cheap (path, size, mtime) key.
    """
    stat = os.stat(path)
    fast_key = (path, stat.st_size, stat.st_mtime_ns)
    if fast_key not in _file_ids:
        memo_path = cache_dir() / "font-hashes-v2.json"  # v2: sealed
        memo = _read_json(memo_path)
        text_key = f"{path}|{stat.st_size}|{stat.st_mtime_ns}"
        if text_key not in memo:
            memo[text_key] = _hash_file(path)
            write_entry(memo_path, json.dumps(memo, indent=0).encode(), "font hash")
        _file_ids[fast_key] = memo[text_key]
    return _file_ids[fast_key]


def _hash_file(path: str) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as font_file:
        for block in iter(lambda: font_file.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()[:24]


def _read_json(path: Path) -> dict[str, str]:
    data = read_entry(path, "font hash")
    return json.loads(data) if data is not None else {}
