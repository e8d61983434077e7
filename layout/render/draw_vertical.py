"""Draw vertical lines with reportlab: each glyph placed on its own, in reading order.

The PDF has no vertical writing mode here (reportlab writes only horizontal
fonts), so an upright glyph is drawn as an ordinary glyph of the face's
vertical form (vertical_shape.form_key) at the origin HarfBuzz gives, and a
turned one with a text matrix rotated 90° clockwise. Lines go out right to
left and glyphs top to bottom, so the content stream is in reading order and
extractors that follow it (pdftotext -raw, pdfminer, PDFium) read the text as
written; the forms' cmaps map every glyph back to its real character.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping

from reportlab.pdfgen.canvas import Canvas

from layout.compose.items import PlacedVertical

CMYK = tuple[float, float, float, float]
ToPdf = Callable[[float, float], tuple[float, float]]  # page point (y down) → PDF point (y up)


def vertical_chars_by_face(items: Iterable[PlacedVertical]) -> dict[str, set[str]]:
    """The characters each face form draws: what embed_fonts() must embed for these lines."""
    chars: dict[str, set[str]] = {}
    for item in items:
        for run in item.line.runs:
            chars.setdefault(run.face, set()).update(run.text)
    return chars


def draw_verticals(canvas: Canvas, items: list[PlacedVertical], to_pdf: ToPdf, fonts: Mapping[str, str],
                   colour: Callable[[str], CMYK], overprint: bool) -> None:
    """Draw `items` in the order given (the caller's reading order); `fonts` maps form keys to font names."""
    if not items:
        return
    canvas.saveState()
    if overprint:
        canvas.setFillOverprint(True)
        canvas.setOverprintMask(1)
    text = canvas.beginText()
    current: tuple | None = None
    for item in items:
        text.setFillColorCMYK(*colour(item.colour))
        for run in item.line.runs:
            font = (fonts[run.face], run.size)
            if font != current:
                text.setFont(*font)
                current = font
            _draw_run(text, item, run, to_pdf)
    canvas.drawText(text)
    for item in items:
        _draw_bridges(canvas, item, to_pdf, colour(item.colour))
    canvas.restoreState()


def _draw_run(text, item: PlacedVertical, run, to_pdf: ToPdf) -> None:
    if run.scale != 1.0:
        text.setHorizScale(run.scale * 100)
    for char, y, (across, down) in zip(run.text, run.ys, run.origins):
        x_pdf, y_pdf = to_pdf(item.x + across, item.y + y + down)
        if run.orientation == "turned":
            text.setTextTransform(0, -1, 1, 0, x_pdf, y_pdf)  # 90° clockwise: the baseline runs down
        else:
            text.setTextOrigin(x_pdf, y_pdf)
        text.textOut(char)
    if run.scale != 1.0:
        text.setHorizScale(100)


def _draw_bridges(canvas: Canvas, item: PlacedVertical, to_pdf: ToPdf, colour: CMYK) -> None:
    """Join the two dashes of each —— into one line."""
    for bridge in item.line.bridges:
        left, bottom = to_pdf(item.x + bridge.left, item.y + bridge.bottom)
        right, top = to_pdf(item.x + bridge.right, item.y + bridge.top)
        canvas.setFillColorCMYK(*colour)
        canvas.rect(left, bottom, right - left, top - bottom, stroke=0, fill=1)
