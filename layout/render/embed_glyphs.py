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
from fontTools.ttLib.tables.DefaultTable import DefaultTable

from layout.cache import read_entry, write_entry
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
        write_entry(self.path, b"".join(parts), "glyph store")


def _read_store(path: Path) -> dict[int, bytes]:
    data = read_entry(path, "glyph store")
    if data is None or not data.startswith(_STORE_MAGIC):
        return {}
    glyphs, offset = {}, len(_STORE_MAGIC)
    while offset < len(data):
        gid, length = _RECORD.unpack_from(data, offset)
        offset += _RECORD.size
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


def shift_glyph(data: bytes, dx: int) -> bytes:
    """A compiled glyf entry moved `dx` font units sideways (an empty glyph stays empty)."""
    if not data:
        return data
    glyph = Glyph(data)
    glyph.expand(None)  # simple glyphs only: convert_glyphs decomposed every composite
    glyph.coordinates.translate((dx, 0))
    glyph.recalcBounds(None)
    return glyph.compile(None)


def build_truetype(face: Face, cmap: dict[int, int], glyphs: dict[int, bytes], tag: str,
                   advance: int | None = None) -> bytes:
    """A TrueType font of `glyphs` (original id -> glyf entry) with `cmap` (code point -> id).

    Metrics, vertical extents, OS/2 and names come from the source face, the
    PostScript name gets "-<tag>"; post is format 3 (no glyph names), which is
    all a PDF needs. The stored glyf entries are copied byte for byte: letting
    fontTools decompile and recompile them costs 0.5 s per CJK subset.
    `advance`, when given, is every glyph's advance (a face of cut marks).
    """
    source = TTFont(face.path, fontNumber=face.index, lazy=True)
    order = sorted(glyphs)  # .notdef (0) first
    names = {gid: ".notdef" if gid == 0 else f"g{gid}" for gid in order}
    outlines = _Outlines([glyphs[gid] for gid in order])
    advances = [advance if advance is not None else face.hb_font.get_glyph_h_advance(gid) for gid in order]
    builder = FontBuilder(source["head"].unitsPerEm, isTTF=True)
    builder.font.recalcBBoxes = False  # the bounds below come from the glyf headers
    _setup_head(builder, source["head"], outlines.bounds)
    builder.setupGlyphOrder(list(names.values()))
    builder.setupCharacterMap({code: names[gid] for code, gid in cmap.items()})
    builder.font["glyf"], builder.font["loca"] = outlines.tables()
    maxp = builder.font["maxp"]
    maxp.maxPoints, maxp.maxContours = outlines.max_points, outlines.max_contours
    builder.setupHorizontalMetrics(
        {names[gid]: (advance, x_min) for gid, advance, x_min in zip(order, advances, outlines.x_mins)}
    )
    hhea = source["hhea"]
    builder.setupHorizontalHeader(
        ascent=hhea.ascent, descent=hhea.descent, lineGap=hhea.lineGap, **outlines.extremes(advances)
    )
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


def _setup_head(builder: FontBuilder, head, bounds: tuple[int, int, int, int]) -> None:
    x_min, y_min, x_max, y_max = bounds
    builder.setupHead(
        unitsPerEm=head.unitsPerEm,
        fontRevision=head.fontRevision,
        # The source's dates, not now: the same page gives the same bytes.
        created=head.created,
        modified=head.modified,
        macStyle=head.macStyle,
        xMin=x_min,
        yMin=y_min,
        xMax=x_max,
        yMax=y_max,
        indexToLocFormat=1,  # 32-bit loca offsets
    )


_GLYPH_HEADER = struct.Struct(">hhhhh")  # numberOfContours, xMin, yMin, xMax, yMax


class _Outlines:
    """The glyf and loca tables of compiled simple glyphs, and the statistics other tables need."""

    def __init__(self, entries: list[bytes]):
        self.entries = entries
        # An empty entry is an inkless glyph (a space): no header, lsb 0.
        self.headers = [_GLYPH_HEADER.unpack_from(data) if data else None for data in entries]
        self.inked = [header for header in self.headers if header]
        self.x_mins = [header[1] if header else 0 for header in self.headers]
        self.max_contours = max((header[0] for header in self.inked), default=0)
        self.max_points = max(map(_point_count, entries), default=0)

    @property
    def bounds(self) -> tuple[int, int, int, int]:
        """Union of the glyph boxes (xMin, yMin, xMax, yMax); zeros for an inkless font."""
        if not self.inked:
            return (0, 0, 0, 0)
        return (
            min(h[1] for h in self.inked),
            min(h[2] for h in self.inked),
            max(h[3] for h in self.inked),
            max(h[4] for h in self.inked),
        )

    def extremes(self, advances: list[int]) -> dict[str, int]:
        """hhea's advanceWidthMax, minLeft/RightSideBearing and xMaxExtent."""
        # lsb = xMin, so the right bearing is advance − xMax and the extent xMax.
        boxes = [(advance, h) for advance, h in zip(advances, self.headers) if h]
        return {
            "advanceWidthMax": max(advances),
            "minLeftSideBearing": min((h[1] for _, h in boxes), default=0),
            "minRightSideBearing": min((adv - h[3] for adv, h in boxes), default=0),
            "xMaxExtent": max((h[3] for _, h in boxes), default=0),
        }

    def tables(self) -> tuple[DefaultTable, DefaultTable]:
        """(glyf, loca) as raw tables; entries padded to 4 bytes, long offsets."""
        glyf, loca = DefaultTable("glyf"), DefaultTable("loca")
        padded = [data + b"\0" * (-len(data) % 4) for data in self.entries]
        offsets = [0]
        for data in padded:
            offsets.append(offsets[-1] + len(data))
        glyf.data = b"".join(padded)
        loca.data = struct.pack(f">{len(offsets)}I", *offsets)
        return glyf, loca


def _point_count(data: bytes) -> int:
    # A simple glyph's last endPtsOfContours entry (after the 10-byte header) + 1.
    contours = _GLYPH_HEADER.unpack_from(data)[0] if data else 0
    return struct.unpack_from(">H", data, 8 + 2 * contours)[0] + 1 if contours > 0 else 0


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
