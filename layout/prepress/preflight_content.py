"""Walks each page's content streams with a small graphics-state tracker and collects what prints."""

from __future__ import annotations

import copy
import math
from dataclasses import dataclass, field
from decimal import Decimal

import pikepdf
from pikepdf import Name

Matrix = tuple[float, float, float, float, float, float]
IDENTITY: Matrix = (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)
_MAX_FORM_DEPTH = 16  # forms nest a few levels at most; deeper means a loop or a hostile file

# Abbreviations allowed in inline images (PDF 1.7 §8.9.7, Table 93).
_SHORT_SPACES = {"/G": "DeviceGray", "/RGB": "DeviceRGB", "/CMYK": "DeviceCMYK", "/I": "Indexed"}
_DEVICE_SPACES = {"/DeviceGray", "/DeviceRGB", "/DeviceCMYK", "/Pattern"}
_NEUTRAL_BLEND_MODES = {"/Normal", "/Compatible"}


@dataclass(frozen=True, slots=True)
class Colour:
    """A colour as set in the content: its space family ('DeviceCMYK', 'ICCBased(3)', ...) and values."""

    space: str
    values: tuple[float, ...]


@dataclass(frozen=True, slots=True)
class TextShow:
    """Text shown on a page: face, rendered size, fill colour and the overprint state in force."""

    page: int
    font: str
    embedded: bool
    size: float  # pt, after the text matrix and CTM
    fill: Colour
    overprint: bool  # ExtGState /op
    overprint_mode: int  # ExtGState /OPM


@dataclass(frozen=True, slots=True)
class Stroke:
    """A stroked path's line width on the page, after the CTM."""

    page: int
    width: float  # pt


@dataclass(frozen=True, slots=True)
class ImagePlacement:
    """An image drawn on a page: its pixels, effective resolution, colour space and soft mask."""

    page: int
    name: str
    pixels: tuple[int, int]
    ppi: float
    space: str
    soft_mask: bool


@dataclass(frozen=True, slots=True)
class ColourUse:
    """A colour-setting operator (or shading) and the colour space family it selects."""

    page: int
    operator: str
    space: str


@dataclass(frozen=True, slots=True)
class ContentFacts:
    """Everything the paint checks need, gathered in one pass over all pages."""

    texts: tuple[TextShow, ...]
    strokes: tuple[Stroke, ...]
    images: tuple[ImagePlacement, ...]
    colours: tuple[ColourUse, ...]
    transparency: tuple[str, ...]  # one description per transparent object


@dataclass(slots=True)
class _GraphicsState:
    """The parts of the PDF graphics state (PDF 1.7 §8.4) the checks read; q/Q save and restore it."""

    ctm: Matrix = IDENTITY
    fill: Colour = Colour("DeviceGray", (0.0,))  # §8.6.8: the initial colour is DeviceGray black
    stroke: Colour = Colour("DeviceGray", (0.0,))
    line_width: float = 1.0
    fill_overprint: bool = False
    stroke_overprint: bool = False
    overprint_mode: int = 0
    font: pikepdf.Object | None = None
    font_size: float = 0.0
    render_mode: int = 0


def multiply(first: Matrix, second: Matrix) -> Matrix:
    """The matrix product first × second: apply `first`, then `second` (PDF 1.7 §8.3.4)."""
    a, b, c, d, e, f = first
    p, q, r, s, t, u = second
    return (a * p + b * r, a * q + b * s, c * p + d * r, c * q + d * s, e * p + f * r + t, e * q + f * s + u)


def font_is_embedded(font: pikepdf.Object) -> bool:
    """True when the font program travels in the file (FontFile, FontFile2 or FontFile3)."""
    if font.get("/Subtype") == Name.Type3:
        return True  # Type 3 glyphs are content streams in the font dictionary itself
    if font.get("/Subtype") == Name.Type0:
        font = font.DescendantFonts[0]
    descriptor = font.get("/FontDescriptor")
    return descriptor is not None and any(key in descriptor for key in ("/FontFile", "/FontFile2", "/FontFile3"))


def colour_space_family(spec: pikepdf.Object | None, resources: pikepdf.Object, depth: int = 0) -> str:
    """Name the family of a colour space given by name or array, resolving /ColorSpace resources."""
    if spec is None:
        return "none"
    if isinstance(spec, pikepdf.Name):
        key = str(spec)
        if key in _DEVICE_SPACES:
            return key[1:]
        if key in _SHORT_SPACES:
            return _SHORT_SPACES[key]
        named = _resource(resources, "/ColorSpace", spec)
        return colour_space_family(named, resources, depth + 1) if named is not None and depth < 4 else key[1:]
    if isinstance(spec, pikepdf.Array) and len(spec) > 0:
        family = str(spec[0])[1:]
        if family == "ICCBased":
            return f"ICCBased({int(spec[1].get('/N', 0))})"
        if family in ("Indexed", "I") and len(spec) > 1:
            return f"Indexed({colour_space_family(spec[1], resources, depth + 1)})"
        return family
    return "unknown"


def _resource(resources: pikepdf.Object, category: str, name: pikepdf.Object) -> pikepdf.Object | None:
    """resources[category][name], or None when either is missing."""
    group = resources.get(category) if resources is not None else None
    return group.get(name) if isinstance(group, pikepdf.Dictionary) else None


def page_resources(page: pikepdf.Object) -> pikepdf.Object:
    """A page's /Resources, inherited from its ancestors when the page has none (§7.7.3.4)."""
    node = page
    while node is not None:
        if "/Resources" in node:
            return node.Resources
        node = node.get("/Parent")
    return pikepdf.Dictionary()


def collect_content_facts(pdf: pikepdf.Pdf) -> ContentFacts:
    """Walk every page (and the forms it draws) and gather the facts the paint checks judge."""
    walker = _Walker()
    for number, page in enumerate(pdf.pages, start=1):
        walker.start_page(number)
        group = page.obj.get("/Group")
        if group is not None and group.get("/S") == Name.Transparency:
            walker.transparency.add(f"page {number}: transparency group")
        walker.run(page.obj, page_resources(page.obj))
    return ContentFacts(
        texts=tuple(sorted(walker.texts, key=repr)),
        strokes=tuple(sorted(walker.strokes, key=repr)),
        images=tuple(sorted(walker.images, key=repr)),
        colours=tuple(sorted(walker.colours, key=repr)),
        transparency=tuple(sorted(walker.transparency)),
    )


@dataclass(slots=True)
class _Walker:
    """Interprets content operators into facts; sets deduplicate the thousands of repeats on a page."""

    page: int = 0
    state: _GraphicsState = field(default_factory=_GraphicsState)
    saved: list[_GraphicsState] = field(default_factory=list)
    # Only the text matrix's linear part sets the glyph size, so Td/TD/T* (pure
    # translations) need no tracking; BT resets it and Tm replaces it.
    text_matrix: Matrix = IDENTITY
    forms_open: list[tuple[int, int]] = field(default_factory=list)
    texts: set[TextShow] = field(default_factory=set)
    strokes: set[Stroke] = field(default_factory=set)
    images: set[ImagePlacement] = field(default_factory=set)
    colours: set[ColourUse] = field(default_factory=set)
    transparency: set[str] = field(default_factory=set)

    def start_page(self, number: int) -> None:
        """Every page starts from the default graphics state (PDF 1.7 §8.4.1), whatever the last left."""
        self.page = number
        self.state = _GraphicsState()
        self.saved.clear()
        self.text_matrix = IDENTITY

    def run(self, owner: pikepdf.Object, resources: pikepdf.Object) -> None:
        """Interpret one content stream (a page's /Contents or a form) against its resources."""
        for operands, operator in pikepdf.parse_content_stream(owner):
            handler = _HANDLERS.get(str(operator))
            if handler is not None:
                handler(self, list(operands), resources)

    def save(self, _operands: list, _resources: pikepdf.Object) -> None:
        self.saved.append(copy.copy(self.state))

    def restore(self, _operands: list, _resources: pikepdf.Object) -> None:
        if self.saved:  # an unbalanced Q is a file error qpdf reports; ignore it here
            self.state = self.saved.pop()

    def concat(self, operands: list, _resources: pikepdf.Object) -> None:
        self.state.ctm = multiply(_matrix(operands), self.state.ctm)

    def set_line_width(self, operands: list, _resources: pikepdf.Object) -> None:
        self.state.line_width = float(operands[0])

    def stroke_path(self, _operands: list, _resources: pikepdf.Object) -> None:
        self.strokes.add(Stroke(self.page, round(self.state.line_width * _scale(self.state.ctm), 4)))

    def set_extgstate(self, operands: list, resources: pikepdf.Object) -> None:
        """Apply an ExtGState (§8.4.5): line width, overprint, font; note any transparency."""
        ext = _resource(resources, "/ExtGState", operands[0])
        if ext is None:
            return
        state = self.state
        if "/LW" in ext:
            state.line_width = float(ext.LW)
        if "/OP" in ext:  # §8.6.7: /OP also sets /op when /op is absent
            state.stroke_overprint = state.fill_overprint = bool(ext.OP)
        if "/op" in ext:
            state.fill_overprint = bool(ext.op)
        if "/OPM" in ext:
            state.overprint_mode = int(ext.OPM)
        if "/Font" in ext:
            state.font, state.font_size = ext.Font[0], float(ext.Font[1])
        for problem in _transparency_in_extgstate(ext):
            self.transparency.add(f"page {self.page}: ExtGState {operands[0]} {problem}")

    def set_colour(self, operands: list, resources: pikepdf.Object, operator: str) -> None:
        """g/G/k/K/rg/RG select a device space and colour; cs/CS a space; sc/scn/SC/SCN values."""
        stroking = operator[0].isupper()
        current = self.state.stroke if stroking else self.state.fill
        values = tuple(float(x) for x in operands if isinstance(x, (int, float, Decimal)))
        if operator.lower() in _DEVICE_OPERATORS:
            colour = Colour(_DEVICE_OPERATORS[operator.lower()], values)
        elif operator.lower() == "cs":
            colour = Colour(colour_space_family(operands[0], resources), ())
        else:
            colour = Colour(current.space, values)
        if stroking:
            self.state.stroke = colour
        else:
            self.state.fill = colour
        self.colours.add(ColourUse(self.page, operator, colour.space))

    def begin_text(self, _operands: list, _resources: pikepdf.Object) -> None:
        self.text_matrix = IDENTITY

    def set_text_matrix(self, operands: list, _resources: pikepdf.Object) -> None:
        self.text_matrix = _matrix(operands)

    def set_font(self, operands: list, resources: pikepdf.Object) -> None:
        self.state.font = _resource(resources, "/Font", operands[0])
        self.state.font_size = float(operands[1])

    def set_render_mode(self, operands: list, _resources: pikepdf.Object) -> None:
        self.state.render_mode = int(operands[0])

    def show_text(self, _operands: list, _resources: pikepdf.Object) -> None:
        """Record a text show; render mode 3 (invisible, e.g. an OCR layer) never prints."""
        state = self.state
        if state.font is None or state.render_mode == 3:
            return
        _, _, c, d, _, _ = multiply(self.text_matrix, state.ctm)
        self.texts.add(
            TextShow(
                page=self.page,
                font=str(state.font.get("/BaseFont", "/unnamed"))[1:],
                embedded=font_is_embedded(state.font),
                size=round(abs(state.font_size) * math.hypot(c, d), 3),
                fill=state.fill,
                overprint=state.fill_overprint,
                overprint_mode=state.overprint_mode,
            )
        )

    def paint_shading(self, operands: list, resources: pikepdf.Object) -> None:
        shading = _resource(resources, "/Shading", operands[0])
        if shading is not None:
            self.colours.add(ColourUse(self.page, "sh", colour_space_family(shading.get("/ColorSpace"), resources)))

    def draw_xobject(self, operands: list, resources: pikepdf.Object) -> None:
        xobject = _resource(resources, "/XObject", operands[0])
        if xobject is None:
            return
        if xobject.get("/Subtype") == Name.Image:
            self.place_image(str(operands[0]), xobject, resources)
        elif xobject.get("/Subtype") == Name.Form:
            self.draw_form(str(operands[0]), xobject, resources)

    def draw_inline_image(self, operands: list, resources: pikepdf.Object) -> None:
        self.place_image("inline image", operands[0].obj, resources)

    def place_image(self, name: str, image: pikepdf.Object, resources: pikepdf.Object) -> None:
        """Record an image with its effective ppi: pixels over the size the CTM gives the unit square."""
        width_px = int(image.get("/Width", image.get("/W", 0)))
        height_px = int(image.get("/Height", image.get("/H", 0)))
        a, b, c, d, _, _ = self.state.ctm
        width_in, height_in = math.hypot(a, b) / 72, math.hypot(c, d) / 72
        ppi = min(width_px / width_in if width_in else math.inf, height_px / height_in if height_in else math.inf)
        stencil = bool(image.get("/ImageMask", image.get("/IM", False)))
        space = "ImageMask" if stencil else colour_space_family(image.get("/ColorSpace", image.get("/CS")), resources)
        soft_mask = "/SMask" in image or int(image.get("/SMaskInData", 0)) != 0
        self.images.add(ImagePlacement(self.page, name, (width_px, height_px), round(ppi, 1), space, soft_mask))

    def draw_form(self, name: str, form: pikepdf.Object, resources: pikepdf.Object) -> None:
        """Interpret a Form XObject in a saved state under its /Matrix (§8.10.1); skip loops."""
        key = form.objgen
        if key in self.forms_open or len(self.forms_open) >= _MAX_FORM_DEPTH:
            return
        group = form.get("/Group")
        if group is not None and group.get("/S") == Name.Transparency:
            self.transparency.add(f"page {self.page}: form {name} is a transparency group")
        self.forms_open.append(key)
        self.saved.append(copy.copy(self.state))
        self.state.ctm = multiply(_matrix(form.get("/Matrix", IDENTITY)), self.state.ctm)
        self.run(form, form.get("/Resources", resources))
        self.state = self.saved.pop()
        self.forms_open.pop()


_DEVICE_OPERATORS = {"g": "DeviceGray", "rg": "DeviceRGB", "k": "DeviceCMYK"}


def _matrix(values: object) -> Matrix:
    a, b, c, d, e, f = (float(x) for x in values)
    return (a, b, c, d, e, f)


def _scale(matrix: Matrix) -> float:
    """The mean linear scale of a matrix (square root of its area factor), for line widths."""
    a, b, c, d, _, _ = matrix
    return math.sqrt(abs(a * d - b * c))


def _transparency_in_extgstate(ext: pikepdf.Object) -> list[str]:
    """What in an ExtGState makes transparency (PDF 1.7 §11.3.5): alpha < 1, blend mode, soft mask."""
    problems = []
    for key in ("/CA", "/ca"):
        if key in ext and float(ext[key]) < 1:
            problems.append(f"{key[1:]} {float(ext[key]):g}")
    mode = ext.get("/BM")
    modes = [str(m) for m in mode] if isinstance(mode, pikepdf.Array) else [str(mode)] if mode is not None else []
    if modes and not set(modes) & _NEUTRAL_BLEND_MODES:
        problems.append(f"blend mode {modes[0]}")
    if "/SMask" in ext and ext.SMask != Name("/None"):
        problems.append("soft mask")
    return problems


def _colour_handler(operator: str):
    return lambda walker, operands, resources: walker.set_colour(operands, resources, operator)


_HANDLERS = {
    "q": _Walker.save,
    "Q": _Walker.restore,
    "cm": _Walker.concat,
    "w": _Walker.set_line_width,
    "gs": _Walker.set_extgstate,
    "BT": _Walker.begin_text,
    "Tm": _Walker.set_text_matrix,
    "Tf": _Walker.set_font,
    "Tr": _Walker.set_render_mode,
    "sh": _Walker.paint_shading,
    "Do": _Walker.draw_xobject,
    "INLINE IMAGE": _Walker.draw_inline_image,
    **{op: _Walker.show_text for op in ("Tj", "TJ", "'", '"')},
    **{op: _Walker.stroke_path for op in ("S", "s", "B", "B*", "b", "b*")},
    **{op: _colour_handler(op) for op in ("g", "G", "k", "K", "rg", "RG", "cs", "CS", "sc", "SC", "scn", "SCN")},
}
