"""Units: points (1/72 in) inside the engine; millimetres and Chinese size names at the edges."""

from __future__ import annotations

PT_PER_MM = 72 / 25.4
EPS = 0.005  # pt: two lengths closer than this are the same length

# 号数 (Chinese type sizes) in pt, as in clreq §3.1 / GB/T 33476 and every Chinese DTP package.
CHINESE_SIZES_PT: dict[str, float] = {
    "初号": 42.0,
    "小初": 36.0,
    "一号": 26.0,
    "小一": 24.0,
    "二号": 22.0,
    "小二": 18.0,
    "三号": 16.0,
    "小三": 15.0,
    "四号": 14.0,
    "小四": 12.0,
    "五号": 10.5,
    "小五": 9.0,
    "六号": 7.5,
    "小六": 6.5,
    "七号": 5.5,
    "八号": 5.0,
}


def mm(value_mm: float) -> float:
    """Millimetres to points."""
    return value_mm * PT_PER_MM


def to_mm(value_pt: float) -> float:
    """Points to millimetres, for reports."""
    return value_pt / PT_PER_MM


def font_size_pt(size: str | float | int) -> float:
    """A type size given as a 号数 name ('小五') or a number of points."""
    if isinstance(size, (int, float)) and not isinstance(size, bool):
        return float(size)
    if isinstance(size, str):
        name = size.strip()
        if name in CHINESE_SIZES_PT:
            return CHINESE_SIZES_PT[name]
        if name.endswith("pt"):
            name = name[:-2]
        try:
            return float(name)
        except ValueError:
            pass
    known = "、".join(CHINESE_SIZES_PT)
    raise ValueError(f"unknown type size {size!r}: use a number of pt or one of {known}")
