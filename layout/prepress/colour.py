"""Output profiles for the press, and the RGB → CMYK conversions made with them."""

from __future__ import annotations

import hashlib
import io
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from PIL import Image, ImageCms

from layout.errors import InputError

PROFILES_DIR = Path(__file__).parent / "profiles"
DEFAULT_PROFILE = PROFILES_DIR / "newsprint-tr002.icc"

# The shipped profile's facts, which the ICC file itself cannot state: its total ink
# limit (colprof -l 220 in build_profile.sh) and the ICC characterization registry's
# reference name of its data set, used as the PDF/X OutputConditionIdentifier
# (ISO 15930-1 §6.2.2: a registered name lets a RIP recognise the condition).
_DEFAULT_INK_LIMIT_PCT = 220.0
_DEFAULT_CONDITION = "CGATS TR 002"
ICC_REGISTRY = "http://www.color.org"

# ICC.1 §7.2.5 / §7.2.6: profile/device class and data colour space in the header.
_OUTPUT_CLASS = "prtr"
_CMYK_SPACE = "CMYK"

# Perceptual: newsprint's gamut is tiny (its black is L* ≈ 33), so most photo colours
# are out of it; the shipped profile's perceptual table was gamut-mapped from sRGB
# (colprof -S), which compresses smoothly and keeps shadow detail that relative
# colorimetric would clip, even with black-point compensation.
RENDERING_INTENT = ImageCms.Intent.PERCEPTUAL


@dataclass(frozen=True, slots=True)
class OutputProfile:
    """A CMYK press profile: its bytes, names for the PDF/X output intent, and ink limit."""

    path: Path
    icc_bytes: bytes = field(repr=False)
    description: str
    output_condition_identifier: str
    registry_name: str | None  # where the identifier is registered (PDF/X RegistryName), if it is
    ink_limit_pct: float | None  # total area coverage the profile separates to, when known
    sha256: str  # of icc_bytes: keys conversion caches


def load_output_profile(path: str | Path | None = None) -> OutputProfile:
    """The press profile at `path`, or banmian's newsprint profile when `path` is None.

    Raises InputError when the file is missing, is not ICC, or is not a CMYK output profile.
    """
    profile_path = DEFAULT_PROFILE if path is None else Path(path)
    icc_bytes = _read_profile_bytes(profile_path)
    cms_profile = _parse_profile(icc_bytes, profile_path)
    _check_cmyk_output(cms_profile, profile_path)
    description = ImageCms.getProfileDescription(cms_profile).strip() or profile_path.stem
    is_ours = profile_path.resolve() == DEFAULT_PROFILE.resolve()
    return OutputProfile(
        path=DEFAULT_PROFILE if is_ours else profile_path,
        icc_bytes=icc_bytes,
        description=description,
        output_condition_identifier=_DEFAULT_CONDITION if is_ours else description,
        registry_name=ICC_REGISTRY if is_ours else None,
        ink_limit_pct=_DEFAULT_INK_LIMIT_PCT if is_ours else None,
        sha256=hashlib.sha256(icc_bytes).hexdigest(),
    )


def _read_profile_bytes(path: Path) -> bytes:
    """The file's bytes, or an InputError saying why they cannot be read."""
    if not path.is_file():
        raise InputError("output profile not found", where=str(path),
                         hint="give the path of the plant's CMYK .icc, or leave it out for newsprint")
    try:
        return path.read_bytes()
    except OSError as error:
        raise InputError(f"cannot read the output profile: {error.strerror}", where=str(path)) from error


def _parse_profile(icc_bytes: bytes, path: Path) -> ImageCms.ImageCmsProfile:
    """LittleCMS's view of the profile, or an InputError when it is not ICC at all."""
    try:
        return ImageCms.ImageCmsProfile(io.BytesIO(icc_bytes))
    except (ImageCms.PyCMSError, OSError, ValueError) as error:
        raise InputError("not an ICC profile", where=str(path),
                         hint="the output profile must be a CMYK .icc file from the plant") from error


def _check_cmyk_output(cms_profile: ImageCms.ImageCmsProfile, path: Path) -> None:
    """Refuse RGB, grey, display or device-link profiles: the press needs CMYK output."""
    header = cms_profile.profile
    if header.xcolor_space.strip() != _CMYK_SPACE or header.device_class.strip() != _OUTPUT_CLASS:
        kind = f"{header.xcolor_space.strip()} '{header.device_class.strip()}'"
        raise InputError(f"not a CMYK output profile (it is a {kind} profile)", where=str(path),
                         hint="PDF/X needs the press's CMYK output profile (class 'prtr')")


@lru_cache(maxsize=8)
def cms_profile(profile: OutputProfile) -> ImageCms.ImageCmsProfile:
    """The parsed LittleCMS profile of `profile` (parsed once per process)."""
    return ImageCms.ImageCmsProfile(io.BytesIO(profile.icc_bytes))


@lru_cache(maxsize=32)
def rgb_to_cmyk_transform(profile: OutputProfile, source_icc: bytes | None = None) -> ImageCms.ImageCmsTransform:
    """A transform from RGB in `source_icc` (sRGB when None) to the press's CMYK.

    Raises ImageCms.PyCMSError when `source_icc` is not a usable RGB profile.
    """
    source = ImageCms.createProfile("sRGB") if source_icc is None else ImageCms.ImageCmsProfile(io.BytesIO(source_icc))
    return ImageCms.buildTransform(source, cms_profile(profile), "RGB", "CMYK", RENDERING_INTENT)


@lru_cache(maxsize=8)
def cmyk_to_cmyk_transform(profile: OutputProfile, source_icc: bytes | None = None) -> ImageCms.ImageCmsTransform:
    """A transform from CMYK in `source_icc` to the press's CMYK.

    With no source profile the CMYK is taken to be meant for this press already and is
    re-separated through the profile itself, which enforces its ink limit and GCR.
    Relative colorimetric with black-point compensation (not perceptual): CMYK artwork was
    already separated for some press, so its in-gamut colours must keep their values,
    while BPC maps a deeper coated black onto newsprint's without blocking the shadows.
    """
    target = cms_profile(profile)
    source = target if source_icc is None else ImageCms.ImageCmsProfile(io.BytesIO(source_icc))
    return ImageCms.buildTransform(
        source, target, "CMYK", "CMYK", ImageCms.Intent.RELATIVE_COLORIMETRIC,
        flags=ImageCms.Flags.BLACKPOINTCOMPENSATION,
    )


def srgb_to_cmyk(rgb: tuple[int, int, int], profile: OutputProfile) -> tuple[float, float, float, float]:
    """The press CMYK (each 0–1, as reportlab's CMYKColor takes) of one 8-bit sRGB colour."""
    pixel = Image.new("RGB", (1, 1), rgb)
    cmyk = ImageCms.applyTransform(pixel, rgb_to_cmyk_transform(profile)).getpixel((0, 0))
    return tuple(round(value / 255, 4) for value in cmyk)  # type: ignore[return-value]


def total_ink_pct(cmyk: tuple[float, float, float, float]) -> float:
    """Total area coverage of a CMYK colour given as 0–1 fractions, in %."""
    return 100 * sum(cmyk)


def max_ink_from_srgb(profile: OutputProfile, steps: int = 17) -> float:
    """The largest total ink (%) the profile gives any colour of a `steps`³ sRGB grid.

    For a plant profile whose ink limit is not stated, this measures the limit its
    separation actually keeps; for ours it stays under 220 %.
    """
    levels = [round(i * 255 / (steps - 1)) for i in range(steps)]
    grid = [(r, g, b) for r in levels for g in levels for b in levels]
    image = Image.new("RGB", (len(grid), 1))
    image.putdata(grid)
    cmyk = ImageCms.applyTransform(image, rgb_to_cmyk_transform(profile))
    channels = [band.tobytes() for band in cmyk.split()]
    return max(sum(values) for values in zip(*channels)) * 100 / 255


@lru_cache(maxsize=8)
def gray_to_k_curve(profile: OutputProfile) -> tuple[int, ...]:
    """For each 8-bit sRGB grey level, the DeviceGray level (255 − K) that prints it.

    A grey photo prints on K alone (DeviceGray is the K plate in PDF/X). Newsprint's
    dot gain is large, so the grey is not simply inverted: each level's lightness,
    black-point compensated to the darkest K the press gives, is matched to the K
    coverage the profile says prints that lightness.
    """
    k_lightness = _lightness_of_k_ramp(profile)
    darkest = _luminance_of_lightness(k_lightness[255])
    curve = []
    for grey in range(256):
        # Black-point compensation in linear Y, as LittleCMS does it: source black → K solid.
        luminance = darkest + _srgb_luminance(grey) * (1 - darkest)
        k = _ink_for_lightness(k_lightness, _lightness_of_luminance(luminance))
        curve.append(255 - k)
    return tuple(curve)


def _lightness_of_k_ramp(profile: OutputProfile) -> list[float]:
    """L* (relative to the paper) of K = 0…255 alone, made monotonic against noise."""
    ramp = Image.new("CMYK", (256, 1))
    ramp.putdata([(0, 0, 0, k) for k in range(256)])
    transform = ImageCms.buildTransform(
        cms_profile(profile), ImageCms.createProfile("LAB"), "CMYK", "LAB", ImageCms.Intent.RELATIVE_COLORIMETRIC
    )
    lab = ImageCms.applyTransform(ramp, transform)
    lightness: list[float] = []
    for value in lab.getchannel("L").tobytes():
        lightness.append(min(value * 100 / 255, lightness[-1] if lightness else 100.0))
    return lightness


def _ink_for_lightness(k_lightness: list[float], target: float) -> int:
    """The smallest K whose L* is at or below `target` (the ramp falls as K grows)."""
    for k, lightness in enumerate(k_lightness):
        if lightness <= target + 1e-9:
            return k
    return 255


def _srgb_luminance(level: int) -> float:
    """Relative luminance Y (0–1) of an 8-bit sRGB grey (IEC 61966-2-1 transfer curve)."""
    v = level / 255
    return v / 12.92 if v <= 0.04045 else ((v + 0.055) / 1.055) ** 2.4


def _lightness_of_luminance(y: float) -> float:
    """CIE L* of luminance Y (0–1)."""
    f = y ** (1 / 3) if y > (6 / 29) ** 3 else y / (3 * (6 / 29) ** 2) + 4 / 29
    return 116 * f - 16


def _luminance_of_lightness(lightness: float) -> float:
    """Luminance Y (0–1) of CIE L*."""
    f = (lightness + 16) / 116
    return f**3 if f > 6 / 29 else 3 * (6 / 29) ** 2 * (f - 4 / 29)
