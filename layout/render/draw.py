"""Draw a composed page with reportlab: CMYK only, fonts already embedded, y flipped once here."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from reportlab import rl_config
from reportlab.lib.utils import ImageReader
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas

from layout.compose.items import (
    PageLayout,
    PlacedImage,
    PlacedMark,
    PlacedRule,
    PlacedText,
    PlacedVertical,
    Rect,
)
from layout.render.draw_vertical import draw_verticals
from layout.render.embed import trimmed_key
from layout.render.marks import MARKS_MARGIN, draw_marks

CMYK = tuple[float, float, float, float]
BLACK: CMYK = (0.0, 0.0, 0.0, 1.0)
OVERPRINT_BELOW_PT = 12.0  # black text under 12 pt overprints (no white halo on misregistration)
PLACEHOLDER_TINT: CMYK = (0.0, 0.0, 0.0, 0.15)
MARK_COLOUR: CMYK = (0.0, 1.0, 0.0, 0.0)  # proof marks in magenta: never meant to print
GRID_COLOUR: CMYK = (1.0, 0.0, 0.0, 0.0)
MIN_STROKE_PT = 0.25
SLUG_SIZE_PT = 6.5
DASHES = "—―"  # full-width dashes: two of them make one ——
DASH_OVERLAP_PT = 0.25


@dataclass(frozen=True, slots=True)
class DrawOptions:
    """How to draw: bleed around the trim, colours by name, images to embed, overlays."""

    title: str
    bleed: float = 0.0
    marks: bool = False  # crop marks and registration targets outside the bleed
    slug: str = ""  # a line outside the bleed: file, time, page
    slug_font: str | None = None  # a registered face that has the slug's characters
    dash_ink: Mapping[str, tuple[float, float, float, float]] = field(default_factory=dict)  # face → em box of —
    palette: Mapping[str, CMYK] = field(default_factory=dict)
    images: Mapping[str, str] = field(default_factory=dict)  # source path → prepared JPEG
    grid_lines: tuple[PlacedRule, ...] = ()  # --grid overlay
    author: str = "banmian"


def draw_page(layout: PageLayout, out_path: str, fonts: Mapping[str, str], options: DrawOptions) -> None:
    """Write the page as a one-page PDF; `fonts` maps face keys to registered reportlab names."""
    # Binary streams: reportlab's default ASCII85 makes every image a quarter larger
    # and costs ~0.1 s a photo in pure Python. The flag is global, so restore it.
    saved, rl_config.useA85 = rl_config.useA85, 0
    try:
        _draw(layout, out_path, fonts, options)
    finally:
        rl_config.useA85 = saved


def _draw(layout: PageLayout, out_path: str, fonts: Mapping[str, str], options: DrawOptions) -> None:
    bleed = options.bleed
    outside = bleed + (MARKS_MARGIN if options.marks or options.slug else 0.0)
    media = (layout.width + 2 * outside, layout.height + 2 * outside)
    # reportlab opens every page with 'BT /F1 12 Tf ET'; naming one of our embedded
    # fonts keeps an unembedded Helvetica out of the file (PDF/X needs every font embedded).
    first_font = next(iter(sorted(fonts.values())), "Helvetica")
    canvas = Canvas(out_path, pagesize=media, invariant=1, enforceColorSpace="cmyk", pageCompression=1,
                    initialFontName=first_font, initialFontSize=9)
    canvas.setTitle(options.title)
    canvas.setAuthor(options.author)
    canvas.setCreator("banmian")
    trim = (outside, outside, outside + layout.width, outside + layout.height)
    canvas.setTrimBox(trim)
    canvas.setBleedBox((trim[0] - bleed, trim[1] - bleed, trim[2] + bleed, trim[3] + bleed))
    painter = _Painter(canvas, media[1] - outside, outside, options, fonts)
    texts = [i for i in layout.items if isinstance(i, PlacedText)]
    for item in layout.items:
        if isinstance(item, PlacedImage):
            painter.image(item)
        elif isinstance(item, PlacedRule):
            painter.rule(item)
    verticals = [i for i in layout.items if isinstance(i, PlacedVertical)]
    for overprint in (False, True):  # heads before body text, horizontal or vertical, for the reading order
        painter.texts([t for t in texts if _overprints(t, options) == overprint], overprint=overprint)
        draw_verticals(canvas, [v for v in verticals if _overprints(v, options) == overprint],
                       lambda x, y: (painter.x(x), painter.y(y)), fonts, lambda name: _colour(options, name), overprint)
    for item in layout.items:
        if isinstance(item, PlacedMark):
            painter.mark(item.rect)
    for rule in options.grid_lines:
        painter.rule(rule, GRID_COLOUR)
    if options.marks:
        draw_marks(canvas, trim, bleed)
    if options.slug and options.slug_font:
        canvas.saveState()
        canvas.setFillColorCMYK(*BLACK)
        canvas.setFillOverprint(True)  # small black text, like the page's own
        canvas.setOverprintMask(1)
        canvas.setFont(options.slug_font, SLUG_SIZE_PT)
        canvas.drawString(trim[0], trim[1] - bleed - MARKS_MARGIN + SLUG_SIZE_PT, options.slug)
        canvas.restoreState()
    canvas.showPage()
    canvas.save()


def _overprints(text: PlacedText | PlacedVertical, options: DrawOptions) -> bool:
    size = text.run.size if isinstance(text, PlacedText) else text.line.runs[0].size
    return size < OVERPRINT_BELOW_PT and _colour(options, text.colour) == BLACK


def _colour(options: DrawOptions, name: str) -> CMYK:
    return tuple(options.palette.get(name, BLACK))  # type: ignore[return-value]


class _Painter:
    """Canvas operations in page coordinates (y down from the trim's top-left)."""

    def __init__(self, canvas: Canvas, top: float, left: float, options: DrawOptions, fonts):
        self.canvas, self.top, self.left, self.options, self.fonts = canvas, top, left, options, fonts
        self.em_widths: dict[tuple[str, str], float] = {}  # (font, char) → advance at 1 pt

    def x(self, x: float) -> float:
        return self.left + x

    def y(self, y: float) -> float:
        return self.top - y

    def texts(self, texts: list[PlacedText], overprint: bool) -> None:
        if not texts:
            return
        canvas = self.canvas
        canvas.saveState()
        if overprint:
            canvas.setFillOverprint(True)
            canvas.setOverprintMask(1)
        text = canvas.beginText()
        current = None
        for placed in texts:
            colour = _colour(self.options, placed.colour)
            if colour != current:
                text.setFillColorCMYK(*colour)
                current = colour
            self._run(text, placed)
        canvas.drawText(text)
        canvas.restoreState()

    def _run(self, text, placed: PlacedText) -> None:
        """Chunks of characters that sit at their natural advance go out as one string."""
        run = placed.run
        y = self.y(placed.y)
        glyphs = [self._glyph(run, i) for i in range(len(run.text))]
        start = 0
        for i in range(1, len(glyphs) + 1):
            if i < len(glyphs):
                font, x, width, scale = glyphs[i - 1]
                if glyphs[i][0] == font and glyphs[i][3] == scale == 100.0 and abs(glyphs[i][1] - (x + width)) < 0.001:
                    continue
            font, x, _, scale = glyphs[start]
            text.setFont(font, run.size)
            if scale != 100.0:
                text.setHorizScale(scale)
            text.setTextOrigin(self.x(placed.x + x), y)
            text.textOut(run.text[start:i])
            if scale != 100.0:
                text.setHorizScale(100.0)
            start = i

    def _glyph(self, run, index: int) -> tuple[str, float, float, float]:
        """(font, x, advance, horizontal scale in %) of one character: a cut mark uses its
        face's cut variant, a half of a —— is stretched to meet the other half."""
        char, size = run.text[index], run.size
        base = self.fonts[run.face]
        if (base, char) not in self.em_widths:
            self.em_widths[base, char] = stringWidth(char, base, 1.0)
        advance = self.em_widths[base, char] * size
        trim = run.trims[index] if run.trims else (0.0, 0.0)
        if trim == (0.0, 0.0):
            if char in DASHES:
                return (base, *self._joined_dash(run, index, advance))
            return base, run.xs[index], advance, 100.0
        key = trimmed_key(run.face, trim, size, advance / size)
        if key is None:
            return base, run.xs[index], advance, 100.0
        return self.fonts[key], run.xs[index] + trim[0], advance - trim[0] - trim[1], 100.0

    def _joined_dash(self, run, index: int, advance: float) -> tuple[float, float, float]:
        """(x, advance, scale in %) of a dash drawn so its ink meets a neighbouring dash's.

        A —— is one line (GB/T 15834 §4.12), but a face's full-width dash has side
        bearings. Stretching each half's own glyph across them keeps the dash's stroke
        (thickness, position, weight) everywhere; a filled bridge rasterized thicker
        than the glyph in the proofs.
        """
        x = run.xs[index]
        ink = self.options.dash_ink.get(run.face)
        after = index + 1 < len(run.text) and run.text[index + 1] in DASHES
        before = index > 0 and run.text[index - 1] in DASHES
        if ink is None or not (after or before):
            return x, advance, 100.0
        left, right = ink[0] * run.size, ink[1] * run.size
        # Relative to x: to the em edge where a dash adjoins, and a little over it, so the
        # two anti-aliased ends do not leave a faint seam between them.
        ink_start = -DASH_OVERLAP_PT if before else left
        ink_end = run.xs[index + 1] - x + DASH_OVERLAP_PT if after else right
        scale = (ink_end - ink_start) / (right - left)
        return x + ink_start - left * scale, advance * scale, scale * 100.0

    def rule(self, rule: PlacedRule, colour: CMYK | None = None) -> None:
        canvas = self.canvas
        canvas.setStrokeColorCMYK(*(colour or _colour(self.options, rule.colour)))
        canvas.setLineWidth(max(MIN_STROKE_PT, rule.width))
        canvas.line(self.x(rule.x1), self.y(rule.y1), self.x(rule.x2), self.y(rule.y2))

    def image(self, item: PlacedImage) -> None:
        rect = item.rect
        prepared = self.options.images.get(item.path or "")
        if prepared is None:
            self.placeholder(rect)
            return
        self.canvas.drawImage(_PreparedJpeg(prepared), self.x(rect.x), self.y(rect.bottom), rect.width, rect.height)

    def placeholder(self, rect: Rect) -> None:
        """A missing picture: a tinted box crossed corner to corner, so nobody takes it for art."""
        canvas = self.canvas
        x, y = self.x(rect.x), self.y(rect.bottom)
        canvas.setFillColorCMYK(*PLACEHOLDER_TINT)
        canvas.setStrokeColorCMYK(*BLACK)
        canvas.setLineWidth(0.5)
        canvas.rect(x, y, rect.width, rect.height, stroke=1, fill=1)
        canvas.line(x, y, x + rect.width, y + rect.height)
        canvas.line(x, y + rect.height, x + rect.width, y)

    def mark(self, rect: Rect) -> None:
        canvas = self.canvas
        canvas.setStrokeColorCMYK(*MARK_COLOUR)
        canvas.setLineWidth(1.0)
        canvas.rect(self.x(rect.x), self.y(rect.bottom), rect.width, rect.height, stroke=1, fill=0)


class _PreparedJpeg(ImageReader):
    """A prepared JPEG that reportlab names in the PDF after its bytes, not its path.

    Given a file name, reportlab names the image XObject after the md5 of the path, so the
    PDF would change with the cache folder. Given an ImageReader, it names the image after
    getRGBData(), which for a JPEG it needs for nothing else (the file is embedded as it is,
    DCT): the file's bytes name it as well as the decoded pixels would, without decoding.
    """

    def __init__(self, path: str):
        super().__init__(path)
        self._dataA = None  # no soft mask: a prepared picture is opaque

    def getRGBData(self) -> bytes:  # noqa: N802 — reportlab's name
        if self.jpeg_fh() is None:  # not a JPEG: reportlab embeds the pixels themselves
            return super().getRGBData()
        return self.fp.getvalue()
