"""Photos for the press: check an image, crop it to its frame and write a cached CMYK or grey JPEG."""

from __future__ import annotations

import hashlib
import io
import json
import math
import warnings
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from PIL import ExifTags, Image, ImageCms, ImageMath

from layout.cache import atomic_write, cache_dir, discard, make_folder, read_entry, write_entry
from layout.errors import BanmianError, InputError, Problem
from layout.prepress.colour import (
    OutputProfile,
    cmyk_to_cmyk_transform,
    gray_to_k_curve,
    rgb_to_cmyk_transform,
)
from layout.units import to_mm

WARN_PPI = 150.0  # below this a photo looks soft on newsprint: a warning
FAIL_PPI = 100.0  # below this print mode refuses the page (the caller's decision)
JPEG_QUALITY = 85  # newsprint screens at ~100 lpi: 85 is visually lossless at 200 ppi
# Newsprint presses take about 240 % at most (ISO 12647-3); used when a plant's profile states no limit.
DEFAULT_INK_LIMIT_PCT = 240.0
# First margin below the ink limit for JPEG ringing; encode_jpeg widens it as needed.
JPEG_INK_MARGIN_PCT = 6.0
# Bump when the JPEG written for the same inputs changes, so old cache entries are not reused.
_PREP_VERSION = 6  # 4: ink-limited, 4:4:4 JPEG checked after decoding; 5: warnings from the source ppi; 6: sealed

Colour = Literal["cmyk", "gray"]
TransformBuilder = Callable[[OutputProfile, bytes | None], ImageCms.ImageCmsTransform]

# EXIF orientation (CIPA DC-008 §4.6.4 A, tag 0x0112) → the transposes that show the photo upright.
_ORIENTATION_FIX = {
    2: (Image.Transpose.FLIP_LEFT_RIGHT,),
    3: (Image.Transpose.ROTATE_180,),
    4: (Image.Transpose.FLIP_TOP_BOTTOM,),
    5: (Image.Transpose.TRANSPOSE,),
    6: (Image.Transpose.ROTATE_270,),
    7: (Image.Transpose.TRANSVERSE,),
    8: (Image.Transpose.ROTATE_90,),
}
_SWAPS_AXES = {5, 6, 7, 8}

# Pixel formats and the resizable mode each becomes before the resize.
_AS_IS = {"L", "LA", "RGB", "RGBA", "CMYK"}
_TO_RGB = {"YCbCr", "HSV", "RGBX"}
_SIXTEEN_BIT_GREY = {"I;16", "I;16L", "I;16B", "I;16N", "I"}


@dataclass(frozen=True, slots=True)
class ImageInfo:
    """An image file's size as it is shown (EXIF orientation applied), pixel mode and format."""

    width_px: int
    height_px: int
    mode: str
    format: str


@dataclass(frozen=True, slots=True)
class PreparedImage:
    """A press-ready JPEG for one frame: its pixels, colour and resolution at the placed size."""

    jpeg_path: Path
    width_px: int
    height_px: int
    colour: Colour
    effective_ppi: float
    problems: tuple[Problem, ...] = ()


def probe_image(path: Path) -> ImageInfo:
    """Size (after EXIF orientation), mode and format of the image at `path`, without decoding it.

    Raises InputError naming the file when it is missing, empty, not an image or too large.
    """
    source = Path(path)
    content = _read_source(source)
    with _open_image(source, content) as image:
        width, height = image.size
        if _orientation(image) in _SWAPS_AXES:
            width, height = height, width
        return ImageInfo(width, height, image.mode, image.format or "unknown")


def prepare_image(
    path: Path,
    width_pt: float,
    height_pt: float,
    profile: OutputProfile,
    *,
    target_ppi: float = 200,
    quality: int = JPEG_QUALITY,
    cache_dir: Path | None = None,
) -> PreparedImage:
    """The image at `path` cropped to fill a `width_pt` × `height_pt` frame, ready for the press.

    Crops centred to the frame's aspect ("cover"), applies the EXIF orientation, resamples
    down to `target_ppi` at the placed size (never up: a small image keeps its pixels and
    reports its lower ppi), converts colour to the profile's CMYK (grey to K only) and
    writes a JPEG into `cache_dir`, keyed by everything that shapes it. A cache hit reads
    no pixels. Raises InputError naming the file for anything that cannot be used.
    """
    if not (width_pt > 0 and height_pt > 0 and target_ppi > 0 and math.isfinite(width_pt * height_pt * target_ppi)):
        raise ValueError(f"frame {width_pt}×{height_pt} pt at {target_ppi} ppi is not a positive size")
    source = Path(path)
    content = _read_source(source)
    cache = Path(cache_dir) if cache_dir is not None else default_cache_dir()
    key = _cache_key(content, (width_pt, height_pt, target_ppi, quality), profile)
    cached = _cached_result(cache, key, source)
    if cached is not None:
        return cached
    pixels, icc, problems = _decode_for_frame(source, content, width_pt, height_pt, target_ppi)
    press_pixels, colour = _to_press_colour(pixels, icc, profile, source, problems)
    ppi = round(min(press_pixels.width / (width_pt / 72), press_pixels.height / (height_pt / 72)), 1)
    problems.extend(_resolution_problems(source, press_pixels.size, (ppi, target_ppi), width_pt, height_pt))
    result = PreparedImage(cache / f"{key}.jpg", press_pixels.width, press_pixels.height, colour,
                           ppi, tuple(problems))
    try:
        jpeg = encode_jpeg(press_pixels, _ink_ceiling(profile) if colour == "cmyk" else None, quality)
        _write_cache_entry(cache, key, jpeg, result)
    except OSError as error:
        raise BanmianError(f"cannot write the prepared image: {error.strerror}", where=str(cache),
                           hint="make the image cache folder writable, or choose another one") from error
    return result


def default_cache_dir() -> Path:
    """Where prepared images go when no cache folder is given."""
    return cache_dir() / "images"


def _read_source(source: Path) -> bytes:
    """The image file's bytes, or an InputError for a missing, unreadable or empty file."""
    if not source.exists():
        raise InputError("image not found", where=str(source), hint="check the image path in the page spec")
    if not source.is_file():
        raise InputError("image path is not a file", where=str(source), hint="name the image file itself")
    try:
        content = source.read_bytes()
    except OSError as error:
        raise InputError(f"cannot read the image: {error.strerror}", where=str(source)) from error
    if not content:
        raise InputError("image file is empty (0 bytes)", where=str(source),
                         hint="the copy or download failed; fetch the picture again")
    return content


def _open_image(source: Path, content: bytes) -> Image.Image:
    """Pillow's lazy view of `content` (header read, pixels not): refuses non-images and bombs."""
    try:
        with warnings.catch_warnings():
            # Pillow only warns between MAX_IMAGE_PIXELS and twice that; we refuse both.
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            return Image.open(io.BytesIO(content))
    except (Image.DecompressionBombError, Image.DecompressionBombWarning) as error:
        raise InputError(f"image has too many pixels to open safely ({error})", where=str(source),
                         hint=f"scale it below {Image.MAX_IMAGE_PIXELS // 1_000_000} megapixels") from error
    except (Image.UnidentifiedImageError, OSError, SyntaxError, ValueError) as error:
        raise InputError(_not_an_image_reason(content), where=str(source),
                         hint="save the picture as JPEG or PNG and point the page spec at it") from error


def _not_an_image_reason(content: bytes) -> str:
    """Why Pillow could not read `content`, with a guess at what the file really is."""
    head = content[:512].lstrip().lower()
    if head.startswith((b"<!doctype html", b"<html", b"<?xml", b"<head", b"<body")):
        return "not an image but a web page (HTML)"
    if head.startswith(b"<") or head.startswith(b"{"):
        return "not an image but a text document"
    return "not an image file in a format Pillow can read (JPEG, PNG, TIFF, WebP, ...)"


def _orientation(image: Image.Image) -> int:
    """The EXIF orientation (1–8) of `image`, 1 when it has none or a bad one."""
    try:
        value = image.getexif().get(ExifTags.Base.Orientation, 1)
    except (OSError, SyntaxError, ValueError, TypeError):
        return 1  # unreadable EXIF: show the pixels as stored
    return value if value in range(1, 9) else 1


def _decode_for_frame(
    source: Path, content: bytes, width_pt: float, height_pt: float, target_ppi: float
) -> tuple[Image.Image, bytes | None, list[Problem]]:
    """Decode once, crop to the frame, resample once and turn upright: (pixels, ICC, problems)."""
    problems: list[Problem] = []
    with _open_image(source, content) as image:
        orientation = _orientation(image)
        # A centred crop commutes with EXIF's flips and quarter turns, so crop and resize in
        # the file's own axes (with the frame turned to match) and turn only the small result.
        frame_w, frame_h = (height_pt, width_pt) if orientation in _SWAPS_AXES else (width_pt, height_pt)
        wanted = (frame_w / 72 * target_ppi, frame_h / 72 * target_ppi)
        _draft_for(image, frame_w / frame_h, wanted)
        _load_pixels(image, source)
        icc = image.info.get("icc_profile") or None
        resizable = _resizable(image, source)
        box = _cover_box(resizable.size, frame_w / frame_h)
        resized = resizable.resize(_output_size(box, wanted), Image.Resampling.LANCZOS, box=box)
    flat = _flatten_alpha(resized, source, problems)
    for transpose in _ORIENTATION_FIX.get(orientation, ()):
        flat = flat.transpose(transpose)
    return flat, icc, problems


def _draft_for(image: Image.Image, frame_aspect: float, wanted: tuple[float, float]) -> None:
    """Let a JPEG decode at 1/2, 1/4 or 1/8 scale when that still leaves enough pixels."""
    if image.format != "JPEG":
        return
    box = _cover_box(image.size, frame_aspect)
    scale = min(1.0, wanted[0] / (box[2] - box[0]))
    image.draft(None, (math.ceil(image.width * scale), math.ceil(image.height * scale)))


def _load_pixels(image: Image.Image, source: Path) -> None:
    """Decode the pixels, or an InputError when the data is damaged or cut short."""
    try:
        image.load()
    except (OSError, SyntaxError, ValueError, EOFError) as error:
        raise InputError(f"image data is damaged or truncated ({error})", where=str(source),
                         hint="the file is incomplete; copy or download it again") from error


def _resizable(image: Image.Image, source: Path) -> Image.Image:
    """`image` in a mode that resamples correctly: L, LA, RGB, RGBA or CMYK."""
    mode = image.mode
    if mode in _AS_IS:
        return image
    if mode == "1":
        return image.convert("L")
    if mode in ("P", "PA"):
        # Resampling palette indices would blend unrelated colours: expand first.
        has_alpha = mode == "PA" or "transparency" in image.info
        return image.convert("RGBA" if has_alpha else "RGB")
    if mode in ("La", "RGBa"):
        return image.convert(mode.upper())
    if mode in _TO_RGB:
        return image.convert("RGB")
    if mode in _SIXTEEN_BIT_GREY:
        # convert("L") would clip 16-bit levels at 255: scale 0–65535 down to 0–255 instead.
        return image.convert("I").point(lambda level: level / 257).convert("L")
    raise InputError(f"unsupported pixel format {mode!r}", where=str(source),
                     hint="save the picture as an 8-bit RGB, greyscale or CMYK JPEG or PNG")


def _cover_box(size: tuple[int, int], frame_aspect: float) -> tuple[float, float, float, float]:
    """The centred region of an image of `size` that has the frame's aspect ratio."""
    width, height = size
    if width / height > frame_aspect:
        crop_w = height * frame_aspect
        left = (width - crop_w) / 2
        return (left, 0.0, left + crop_w, float(height))
    crop_h = width / frame_aspect
    top = (height - crop_h) / 2
    return (0.0, top, float(width), top + crop_h)


def _output_size(box: tuple[float, float, float, float], wanted: tuple[float, float]) -> tuple[int, int]:
    """Pixels to resample the crop `box` to: `wanted` at most, never more than the crop has."""
    crop_w, crop_h = box[2] - box[0], box[3] - box[1]
    scale = min(1.0, wanted[0] / crop_w, wanted[1] / crop_h)
    return max(1, round(crop_w * scale)), max(1, round(crop_h * scale))


def _flatten_alpha(image: Image.Image, source: Path, problems: list[Problem]) -> Image.Image:
    """`image` without its alpha channel, composited on white paper when it is not opaque.

    PDF/X-1a (ISO 15930-1 §6.4) allows no transparency, and newsprint is the background.
    """
    if image.mode not in ("LA", "RGBA"):
        return image
    base_mode = image.mode[:-1]
    alpha = image.getchannel("A")
    if alpha.getextrema()[0] < 255:
        problems.append(Problem("image-transparency", "transparent areas flattened on white paper",
                                where=str(source), hint="PDF/X-1a has no transparency"))
    paper = Image.new(base_mode, image.size, "white")
    paper.paste(image.convert(base_mode), mask=alpha)
    return paper


def _to_press_colour(
    pixels: Image.Image, icc: bytes | None, profile: OutputProfile, source: Path, problems: list[Problem]
) -> tuple[Image.Image, Colour]:
    """Grey → the K curve (DeviceGray); RGB and CMYK → the profile's CMYK, honouring an embedded ICC."""
    if pixels.mode == "L":
        return pixels.point(list(gray_to_k_curve(profile))), "gray"
    if pixels.mode == "RGB":
        transform = _embedded_or_default(rgb_to_cmyk_transform, profile, icc, "RGB", source, problems)
        return ImageCms.applyTransform(pixels, transform), "cmyk"
    if icc is None:
        problems.append(Problem(
            "image-untagged-cmyk",
            f"CMYK image without a colour profile: taken as meant for {profile.description}",
            where=str(source), hint="embed the profile it was separated for, or supply it in RGB"))
    transform = _embedded_or_default(cmyk_to_cmyk_transform, profile, icc, "CMYK", source, problems)
    return ImageCms.applyTransform(pixels, transform), "cmyk"


def _ink_ceiling(profile: OutputProfile) -> float:
    """The total ink the prepared JPEG may carry: the profile's limit, or the newsprint default."""
    return profile.ink_limit_pct or DEFAULT_INK_LIMIT_PCT


def encode_jpeg(pixels: Image.Image, ink_limit_pct: float | None, quality: int = JPEG_QUALITY) -> bytes:
    """Baseline 4:4:4 JPEG; CMYK is ink-limited so that the decoded JPEG stays within the limit.

    JPEG ringing at a sharp dark edge adds ink back, so separate below the limit,
    decode, and tighten the margin until the decoded pixels stay under it.
    """
    margin = JPEG_INK_MARGIN_PCT
    while True:
        limited = limit_ink(pixels, ink_limit_pct - margin) if ink_limit_pct else pixels
        buffer = io.BytesIO()
        # Baseline (not progressive) JPEG: PDF 1.3, the base of PDF/X-1a, is what every RIP reads.
        # Pillow writes CMYK the Adobe way (inverted, APP14 marker); reportlab's /Decode
        # [1 0 1 0 1 0 1 0] for DCT CMYK images undoes exactly that. 4:4:4: subsampling
        # two of the four inks would smear them apart at every edge.
        limited.save(buffer, "JPEG", quality=quality, optimize=True, subsampling=0)
        if not ink_limit_pct:
            return buffer.getvalue()
        worst = max_ink_pct(Image.open(buffer))
        if worst <= ink_limit_pct or margin >= ink_limit_pct / 2:
            return buffer.getvalue()
        margin += worst - ink_limit_pct + 1


def max_ink_pct(pixels: Image.Image) -> float:
    """The largest C+M+Y+K of any pixel, in per cent."""
    c, m, y, k = pixels.split()
    total = ImageMath.lambda_eval(lambda a: a["c"] + a["m"] + a["y"] + a["k"], c=c, m=m, y=y, k=k)
    return total.getextrema()[1] * 100 / 255


def limit_ink(pixels: Image.Image, limit_pct: float) -> Image.Image:
    """Scale C, M and Y down wherever C+M+Y+K exceeds `limit_pct`, keeping K (it carries the detail)."""
    c, m, y, k = pixels.split()
    ceiling = limit_pct * 255 / 100

    def within(channel: Image.Image) -> Image.Image:
        def expression(a):
            cmy = a["float"](a["c"]) + a["m"] + a["y"]
            room = a["max"](ceiling - a["float"](a["k"]), 0.0)
            return a["convert"](a["float"](a["x"]) * a["min"](room / a["max"](cmy, 1.0), 1.0), "L")

        return ImageMath.lambda_eval(expression, x=channel, c=c, m=m, y=y, k=k)

    return Image.merge("CMYK", (within(c), within(m), within(y), k))


def _embedded_or_default(build: TransformBuilder, profile: OutputProfile, icc: bytes | None, space: str,
                         source: Path, problems: list[Problem]) -> ImageCms.ImageCmsTransform:
    """The transform from the image's own profile, or from the default when that one is unusable."""
    if icc is not None:
        try:
            return build(profile, icc)
        except (ImageCms.PyCMSError, OSError, ValueError):
            problems.append(Problem(
                "image-bad-profile", f"embedded colour profile is damaged or not {space}: ignored",
                where=str(source), hint="re-save the picture with a valid profile (or none)"))
    return build(profile, None)


def _resolution_problems(source: Path, size: tuple[int, int], ppis: tuple[float, float], width_pt: float,
                         height_pt: float) -> list[Problem]:
    """A warning when the image has fewer pixels than newsprint needs at its placed size.

    `ppis` is (reached, target): an image resampled down to a target of at least
    WARN_PPI had pixels to spare, whatever the rounding of what it reached.
    """
    ppi, target_ppi = ppis
    if ppi >= WARN_PPI or (target_ppi >= WARN_PPI and ppi >= target_ppi - 1):
        return []
    placed = f"{to_mm(width_pt):.0f}×{to_mm(height_pt):.0f} mm"
    return [Problem(
        "image-resolution", f"only {ppi:.0f} ppi at its placed size ({size[0]}×{size[1]} px in {placed})",
        where=str(source),
        hint=f"use a larger original or a smaller frame; {WARN_PPI:.0f} ppi is the minimum for newsprint "
             f"and print mode refuses below {FAIL_PPI:.0f}")]


def _cache_key(content: bytes, recipe_figures: tuple[float, float, float, int], profile: OutputProfile) -> str:
    """A name for the prepared JPEG that changes whenever anything shaping it changes."""
    width_pt, height_pt, target_ppi, quality = recipe_figures
    recipe = f"v{_PREP_VERSION}|q{quality}|{width_pt:.2f}x{height_pt:.2f}pt|{target_ppi:.2f}ppi|{profile.sha256}"
    digest = hashlib.sha256(content)
    digest.update(recipe.encode())
    return digest.hexdigest()[:40]


def _cached_result(cache: Path, key: str, source: Path) -> PreparedImage | None:
    """The prepared image stored under `key`, or None; reads a small JSON and the JPEG's bytes, never pixels.

    The JSON record is sealed and holds the JPEG's digest: a damaged record or JPEG
    is deleted (and reported), and the caller prepares the image again.
    """
    jpeg, record = cache / f"{key}.jpg", cache / f"{key}.json"
    data = read_entry(record, "prepared image")
    if data is None:
        return None
    stored = json.loads(data)
    try:
        intact = _digest(jpeg.read_bytes()) == stored["jpeg_digest"]
    except OSError:
        intact = False
    if not intact:
        discard(jpeg, "prepared image", "the JPEG is missing or does not match its record")
        return None
    problems = tuple(Problem(kind, message, where=str(source), hint=hint) for kind, message, hint in stored["problems"])
    return PreparedImage(jpeg, stored["width_px"], stored["height_px"], stored["colour"],
                         stored["effective_ppi"], problems)


def _write_cache_entry(cache: Path, key: str, jpeg: bytes, result: PreparedImage) -> None:
    """Write the JPEG, then its sealed record naming the JPEG's digest: a reader can check both."""
    make_folder(cache, "prepared image")
    atomic_write(cache / f"{key}.jpg", jpeg)
    record = {
        "width_px": result.width_px,
        "height_px": result.height_px,
        "colour": result.colour,
        "effective_ppi": result.effective_ppi,
        "problems": [[p.kind, p.message, p.hint] for p in result.problems],
        "jpeg_digest": _digest(jpeg),
    }
    write_entry(cache / f"{key}.json", json.dumps(record).encode(), "prepared image")


def _digest(data: bytes) -> str:
    return hashlib.blake2b(data, digest_size=16).hexdigest()
