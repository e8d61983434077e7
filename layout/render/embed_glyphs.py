"""Glyphs for embedding: CFF outlines to TrueType, a per-face glyph store, subset assembly."""

from __future__ import annotations

import io
import struct
from collections.abc import Iterable
from pathlib import Path

import uharfbuzz as hb
from fontTools.fontBuilder import FontBuilder
from fontTools.pens.cu2quPen import Cu2QuPen
from fontTools.pens.filterPen import DecomposingFilterPen
from fontTools.pens.ttGlyphPen import TTGlyphPen
from fontTools.ttLib import TTFont
from fontTools.ttLib.tables._g_l_y_f import Glyph

from layout.text.font_index import atomic_write
from layout.text.fonts import Face

# cu2qu tolerance: 1/1000 em (1 unit of a 1000-unit font) is what fontTools'
# otf2ttf uses; at 9 pt that is 0.009 pt, far below a 2400 dpi imagesetter dot.
MAX_ERROR_EM = 0.001

# Dropped from HarfBuzz's subset: only outlines and metrics are read back.
_DROPPED_TABLES = ("GSUB", "GPOS", "GDEF", "BASE", "JSTF", "VORG", "vhea", "vmtx", "DSIG", "kern")

# OS/2 fields a subset keeps from its source; fontTools recomputes the rest.
_OS2_FIELDS = (
    "usWeightClass", "usWidthClass", "fsType", "ySubscriptXSize", "ySubscriptYSize",
    "ySubscriptXOffset", "ySubscriptYOffset", "ySuperscriptXSize", "ySuperscriptYSize",
    "ySuperscriptXOffset", "ySuperscriptYOffset", "yStrikeoutSize", "yStrikeoutPosition",
    "sFamilyClass", "panose", "ulUnicodeRange1", "ulUnicodeRange2", "ulUnicodeRange3",
    "ulUnicodeRange4", "achVendID", "fsSelection", "sTypoAscender", "sTypoDescender",
    "sTypoLineGap", "usWinAscent", "usWinDescent", "ulCodePageRange1", "ulCodePageRange2",
    "sxHeight", "sCapHeight",
)

# Name records copied into a subset (FontBuilder key -> name id).
_NAME_IDS = {
    "copyright": 0,
    "familyName": 1,
    "styleName": 2,
    "uniqueFontIdentifier": 3,
    "fullName": 4,
    "version": 5,
    "psName": 6,
    "licenseDescription": 13,
    "licenseInfoURL": 14,
}

_STORE_MAGIC = b"BMG1"
_RECORD = struct.Struct(">HI")  # glyph id, length of the compiled glyf entry


class GlyphStore:
    """Converted TrueType glyphs of one face, by original glyph id, in one file on disk.

    The file is rewritten whole (temp file + rename) when glyphs are added; two
    builds racing on one face may drop each other's additions, which only
    costs a reconversion later, never a wrong glyph.
    """

    def __init__(self, path: Path):
        self.path = path
        self.glyphs: dict[int, bytes] = _read_store(path)

    def add(self, glyphs: dict[int, bytes]) -> None:
        """Add converted glyphs and save the store."""
        self.glyphs.update(glyphs)
        parts = [_STORE_MAGIC]
        for gid in sorted(self.glyphs):
            data = self.glyphs[gid]
            parts += [_RECORD.pack(gid, len(data)), data]
        atomic_write(self.path, b"".join(parts))


def _read_store(path: Path) -> dict[int, bytes]:
    try:
        data = path.read_bytes()
    except OSError:
        return {}
    if not data.startswith(_STORE_MAGIC):
        return {}
    glyphs, offset = {}, len(_STORE_MAGIC)
    while offset + _RECORD.size <= len(data):
        gid, length = _RECORD.unpack_from(data, offset)
        offset += _RECORD.size
        if offset + length > len(data):
            return {}  # truncated: distrust the whole file
        glyphs[gid] = data[offset : offset + length]
        offset += length
    return glyphs


def convert_glyphs(face: Face, glyph_ids: Iterable[int]) -> dict[int, bytes]:
    """Compiled TrueType glyf entries for `glyph_ids` of `face`, composites decomposed.

    HarfBuzz cuts the face down to these glyphs (13 ms on a Noto CJK face,
    against ~1 s for fontTools' subsetter), so fontTools only parses a small
    font; cubic CFF curves become quadratic with cu2qu.
    """
    subset_input = hb.SubsetInput()
    subset_input.sets(hb.SubsetInputSets.GLYPH_INDEX).update(glyph_ids)
    dropped = subset_input.sets(hb.SubsetInputSets.DROP_TABLE_TAG)
    for tag in _DROPPED_TABLES:
        dropped.add(int.from_bytes(tag.encode("ascii"), "big"))
    subset_input.flags = (
        hb.SubsetFlags.NO_HINTING | hb.SubsetFlags.DESUBROUTINIZE | hb.SubsetFlags.NOTDEF_OUTLINE
    )
    plan = hb.SubsetPlan(face.hb_font.face, subset_input)
    original_id = plan.new_to_old_glyph_mapping
    font = TTFont(io.BytesIO(plan.execute().blob.data))
    glyph_set = font.getGlyphSet()
    cubic = "CFF " in font or "CFF2" in font
    tolerance = font["head"].unitsPerEm * MAX_ERROR_EM
    converted = {}
    for new_id, name in enumerate(font.getGlyphOrder()):
        pen = TTGlyphPen(None)
        # CFF winds outer contours counter-clockwise, TrueType clockwise.
        quadratic = Cu2QuPen(pen, tolerance, reverse_direction=cubic)
        glyph_set[name].draw(DecomposingFilterPen(quadratic, glyph_set))
        converted[original_id[new_id]] = pen.glyph().compile(None)
    return converted


def build_truetype(face: Face, cmap: dict[int, int], glyphs: dict[int, bytes], tag: str) -> bytes:
    """A TrueType font of `glyphs` (original id -> glyf entry) with `cmap` (code point -> id).

    Metrics, vertical extents, OS/2 and names come from the source face, the
    PostScript name gets "-<tag>"; post is format 3 (no glyph names), which is
    all a PDF needs.
    """
    source = TTFont(face.path, fontNumber=face.index, lazy=True)
    head = source["head"]
    names = {gid: ".notdef" if gid == 0 else f"g{gid}" for gid in sorted(glyphs)}
    builder = FontBuilder(head.unitsPerEm, isTTF=True)
    # The source's dates, not now: the same page gives the same bytes.
    builder.setupHead(
        unitsPerEm=head.unitsPerEm,
        fontRevision=head.fontRevision,
        created=head.created,
        modified=head.modified,
        macStyle=head.macStyle,
    )
    builder.setupGlyphOrder(list(names.values()))
    builder.setupCharacterMap({code: names[gid] for code, gid in cmap.items()})
    builder.setupGlyf({names[gid]: _glyph(data) for gid, data in glyphs.items()})
    advance = face.hb_font.get_glyph_h_advance
    builder.setupHorizontalMetrics(
        {names[gid]: (advance(gid), _x_min(data)) for gid, data in glyphs.items()}
    )
    hhea = source["hhea"]
    builder.setupHorizontalHeader(ascent=hhea.ascent, descent=hhea.descent, lineGap=hhea.lineGap)
    builder.setupNameTable(_names(source, tag), mac=False)
    os2 = source["OS/2"]
    builder.setupOS2(**{field: getattr(os2, field) for field in _OS2_FIELDS if hasattr(os2, field)})
    post = source["post"]
    builder.setupPost(
        keepGlyphNames=False,
        italicAngle=post.italicAngle,
        underlinePosition=post.underlinePosition,
        underlineThickness=post.underlineThickness,
    )
    out = io.BytesIO()
    builder.save(out)
    return out.getvalue()


def _glyph(data: bytes) -> Glyph:
    glyph = Glyph(data)
    glyph.expand(None)  # stored glyphs are simple (decomposed): no glyf table needed
    return glyph


def _x_min(glyph_data: bytes) -> int:
    # glyf entry header: numberOfContours, xMin, yMin, xMax, yMax (int16 each).
    return struct.unpack_from(">h", glyph_data, 2)[0] if glyph_data else 0


def _names(source: TTFont, tag: str) -> dict[str, str]:
    # Copyright and licence travel with the font (OFL §2 and the Arphic
    # licence ask that the notices stay with every copy, subsets included).
    found = {key: source["name"].getDebugName(name_id) for key, name_id in _NAME_IDS.items()}
    names = {key: value for key, value in found.items() if value}
    # reportlab treats fonts with one PostScript name as one font (the first
    # registered wins), so each subset needs its own; PS names have ≤ 63 chars.
    base = names.get("psName") or "banmian"
    names["psName"] = f"{base[: 62 - len(tag)]}-{tag}"
    return names
