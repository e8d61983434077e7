"""Printer's marks outside the bleed: crop marks and registration targets in registration colour."""

from __future__ import annotations

from reportlab.pdfgen.canvas import Canvas

from layout.units import mm

REGISTRATION = (1.0, 1.0, 1.0, 1.0)  # on every plate, so the marks register all four
MARK_OFFSET = mm(3)  # from the bleed edge: a mark never reaches into the bleed
MARK_LENGTH = mm(6)
TARGET_RADIUS = mm(2.5)
MARK_STROKE_PT = 0.25
MARKS_MARGIN = MARK_OFFSET + MARK_LENGTH + mm(4)  # media beyond the bleed that the marks need


def draw_marks(canvas: Canvas, trim: tuple[float, float, float, float], bleed: float) -> None:
    """Crop marks at the four corners and registration targets at the middle of each side.

    `trim` is (x0, y0, x1, y1) in PDF coordinates. reportlab's own cropMarks
    scale the page and draw in RGB, so we draw ours.
    """
    x0, y0, x1, y1 = trim
    canvas.saveState()
    canvas.setStrokeColorCMYK(*REGISTRATION)
    canvas.setLineWidth(MARK_STROKE_PT)
    start, end = bleed + MARK_OFFSET, bleed + MARK_OFFSET + MARK_LENGTH
    for x, dx in ((x0, -1), (x1, 1)):
        for y, dy in ((y0, -1), (y1, 1)):
            canvas.line(x + dx * start, y, x + dx * end, y)  # horizontal, in line with the trim edge
            canvas.line(x, y + dy * start, x, y + dy * end)  # vertical
    middle = start + MARK_LENGTH / 2
    cx, cy = (x0 + x1) / 2, (y0 + y1) / 2
    for tx, ty in ((cx, y0 - middle), (cx, y1 + middle), (x0 - middle, cy), (x1 + middle, cy)):
        canvas.circle(tx, ty, TARGET_RADIUS, stroke=1, fill=0)
        canvas.line(tx - MARK_LENGTH / 2, ty, tx + MARK_LENGTH / 2, ty)
        canvas.line(tx, ty - MARK_LENGTH / 2, tx, ty + MARK_LENGTH / 2)
    canvas.restoreState()
