"""Preflight checks on what the pages paint: fonts, colour, transparency, image ppi, type and rules."""

from __future__ import annotations

from collections.abc import Callable, Iterable

from layout.prepress.preflight_content import Colour, ContentFacts, TextShow
from layout.prepress.preflight_report import Check

SMALL_TEXT_PT = 12.0  # below this, black type must be pure K and overprint (no misregistration halo)
MIN_TEXT_PT = 6.0  # newsprint at 40 l/cm fills in thinner strokes
MIN_STROKE_PT = 0.25  # thinner rules break up on newsprint
_SHOWN_OFFENDERS = 3  # a detail names this many offenders, then counts the rest

# ISO 15930-1 §6.2.3: PDF/X-1a colour is CMYK, gray, spot (Separation/DeviceN) only.
_X1A_ALLOWED = {"DeviceCMYK", "DeviceGray", "Separation", "DeviceN", "Pattern", "ImageMask", "none"}
# ISO 15930-7 §6.2.4: X-4 may carry ICC-based colour, but device RGB only under an RGB intent.
_X4_FORBIDDEN = {"DeviceRGB", "Indexed(DeviceRGB)"}

PAINT_CHECK_NAMES = (
    "fonts-embedded",
    "colour-spaces",
    "transparency",
    "image-resolution",
    "small-black-text-pure-k",
    "small-black-text-overprint",
    "min-text-size",
    "min-stroke-width",
)


def paint_checks(facts: ContentFacts, version: str, min_ppi: float) -> list[Check]:
    """Every paint check on the facts gathered from the content streams, in PAINT_CHECK_NAMES order."""
    return [
        _fonts_embedded(facts),
        _colour_spaces(facts, version),
        _transparency(facts, version),
        _image_resolution(facts, min_ppi),
        _small_black_text_pure_k(facts),
        _small_black_text_overprint(facts),
        _min_text_size(facts),
        _min_stroke_width(facts),
    ]


def colour_allowed(space: str, version: str) -> bool:
    """Whether a colour space family may appear in a PDF/X file of `version`."""
    if version == "X-4":
        return space not in _X4_FORBIDDEN
    if space.startswith("Indexed(") and space.endswith(")"):
        return space[len("Indexed(") : -1] in _X1A_ALLOWED
    return space in _X1A_ALLOWED


def _listing(offenders: Iterable[str]) -> str:
    """The first few offenders, then how many more."""
    unique = sorted(set(offenders))
    shown = "; ".join(unique[:_SHOWN_OFFENDERS])
    more = len(unique) - _SHOWN_OFFENDERS
    return f"{shown}; and {more} more" if more > 0 else shown


def _verdict(name: str, figure: str, offenders: list[str], rule: str) -> Check:
    """PASS with the rule, or FAIL with the rule and the offenders."""
    if offenders:
        return Check(name, False, figure, f"{rule}: {_listing(offenders)}")
    return Check(name, True, figure, rule)


def _fonts_embedded(facts: ContentFacts) -> Check:
    fonts = {text.font: text for text in facts.texts}
    missing = [f"{font} (page {text.page})" for font, text in fonts.items() if not text.embedded]
    figure = f"{len(fonts) - len(missing)}/{len(fonts)} embedded"
    return _verdict("fonts-embedded", figure, missing, "every shown font embedded")


def _colour_spaces(facts: ContentFacts, version: str) -> Check:
    uses = [(use.page, use.operator, use.space) for use in facts.colours]
    uses += [(image.page, f"image {image.name}", image.space) for image in facts.images]
    offenders = [f"page {page}: {what} {space}" for page, what, space in uses if not colour_allowed(space, version)]
    figure = ", ".join(sorted({space for _, _, space in uses})) or "no colour set"
    allowed = "CMYK, gray or spot" if version == "X-1a" else "no device RGB"
    return _verdict("colour-spaces", figure, offenders, f"PDF/{version}: {allowed}")


def _transparency(facts: ContentFacts, version: str) -> Check:
    found = list(facts.transparency)
    found += [f"page {image.page}: image {image.name} has a soft mask" for image in facts.images if image.soft_mask]
    figure = f"{len(set(found))} found" if found else "none"
    if version == "X-4":  # ISO 15930-7 exists to carry live transparency to the RIP
        return Check("transparency", True, figure, "PDF/X-4 allows live transparency")
    return _verdict("transparency", figure, found, "no alpha, blend mode, soft mask or transparency group")


def _image_resolution(facts: ContentFacts, min_ppi: float) -> Check:
    raster = [image for image in facts.images if image.space != "ImageMask"]
    if not raster:
        return Check("image-resolution", True, "no images", f"limit {min_ppi:g} ppi")
    lowest = min(image.ppi for image in raster)
    offenders = [
        f"page {image.page}: {image.name} {image.pixels[0]}×{image.pixels[1]} px at {image.ppi:.0f} ppi"
        for image in raster
        if image.ppi < min_ppi
    ]
    return _verdict("image-resolution", f"min {lowest:.0f} ppi", offenders, f"limit {min_ppi:g} ppi")


def _is_black(colour: Colour) -> bool:
    """Text a reader sees as black: nearly full K, or nearly zero gray or RGB."""
    if colour.space == "DeviceCMYK" and len(colour.values) == 4:
        return colour.values[3] >= 0.9
    if colour.space == "DeviceGray" and len(colour.values) == 1:
        return colour.values[0] <= 0.1
    if colour.space == "DeviceRGB" and len(colour.values) == 3:
        return max(colour.values) <= 0.1
    return False


def _is_pure_k(colour: Colour) -> bool:
    """Only the black plate inks it: `0 0 0 1 k`, or `0 g` (DeviceGray black maps to K alone)."""
    if colour.space == "DeviceCMYK":
        return colour.values == (0.0, 0.0, 0.0, 1.0)
    return colour.space == "DeviceGray" and colour.values == (0.0,)


def _small_black(facts: ContentFacts) -> list[TextShow]:
    return [text for text in facts.texts if text.size < SMALL_TEXT_PT and _is_black(text.fill)]


def _describe(text: TextShow) -> str:
    values = " ".join(f"{v:g}" for v in text.fill.values)
    return f"page {text.page}: {text.size:g} pt {text.font} in {text.fill.space} {values}"


def _small_black_text_pure_k(facts: ContentFacts) -> Check:
    small = _small_black(facts)
    offenders = [_describe(text) for text in small if not _is_pure_k(text.fill)]
    figure = f"{len(small) - len(offenders)}/{len(small)} pure K"
    return _verdict("small-black-text-pure-k", figure, offenders, f"black text under {SMALL_TEXT_PT:g} pt in 100 % K")


def _overprints(text: TextShow) -> bool:
    # PDF 1.7 §8.6.7: OPM 1 leaves zero components unpainted only in DeviceCMYK;
    # DeviceGray black converts to CMYK and knocks the other plates out.
    return text.fill.space == "DeviceCMYK" and text.overprint and text.overprint_mode == 1


def _knockout_reason(text: TextShow) -> str:
    if text.fill.space != "DeviceCMYK":
        return f"{_describe(text)} (gray knocks out even with overprint: use 0 0 0 1 k)"
    return f"{_describe(text)} (op {str(text.overprint).lower()}, OPM {text.overprint_mode})"


def _small_black_text_overprint(facts: ContentFacts) -> Check:
    small = _small_black(facts)
    offenders = [_knockout_reason(text) for text in small if not _overprints(text)]
    figure = f"{len(small) - len(offenders)}/{len(small)} overprint"
    rule = f"black text under {SMALL_TEXT_PT:g} pt overprints (op true, OPM 1)"
    return _verdict("small-black-text-overprint", figure, offenders, rule)


def _minimum(name: str, values: list[float], limit: float, unit_label: str, describe: Callable[[int], str]) -> Check:
    """FAIL when any value is below `limit`; the figure is the smallest value."""
    if not values:
        return Check(name, True, f"no {unit_label}", f"limit {limit:g} pt")
    offenders = [describe(index) for index, value in enumerate(values) if value < limit]
    return _verdict(name, f"min {min(values):g} pt", offenders, f"limit {limit:g} pt")


def _min_text_size(facts: ContentFacts) -> Check:
    texts = list(facts.texts)
    return _minimum(
        "min-text-size", [t.size for t in texts], MIN_TEXT_PT, "text", lambda i: _describe(texts[i])
    )


def _min_stroke_width(facts: ContentFacts) -> Check:
    strokes = list(facts.strokes)
    return _minimum(
        "min-stroke-width",
        [s.width for s in strokes],
        MIN_STROKE_PT,
        "strokes",
        lambda i: f"page {strokes[i].page}: {strokes[i].width:g} pt stroke",
    )
