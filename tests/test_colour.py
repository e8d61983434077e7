"""The shipped newsprint profile, plant profiles, and the RGB → CMYK / grey → K conversions."""

from __future__ import annotations

import io
import shutil

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from PIL import Image, ImageCms

from layout.errors import InputError
from layout.prepress.colour import (
    DEFAULT_PROFILE,
    gray_to_k_curve,
    load_output_profile,
    max_ink_from_srgb,
    srgb_to_cmyk,
    total_ink_pct,
)

NEWSPRINT = load_output_profile(None)


def test_default_profile_is_the_newsprint_cmyk_output_profile():
    assert NEWSPRINT.path == DEFAULT_PROFILE
    assert NEWSPRINT.icc_bytes[12:16] == b"prtr" and NEWSPRINT.icc_bytes[16:20] == b"CMYK"
    # PDF/X-1a rests on PDF 1.3, which reads ICC version 2 profiles only.
    assert NEWSPRINT.icc_bytes[8] == 2
    assert "TR 002" in NEWSPRINT.description
    assert NEWSPRINT.output_condition_identifier == "CGATS TR 002"
    assert NEWSPRINT.registry_name == "http://www.color.org"
    assert NEWSPRINT.ink_limit_pct == 220
    assert len(NEWSPRINT.sha256) == 64


def test_srgb_black_stays_within_the_newsprint_ink_limit():
    black = total_ink_pct(srgb_to_cmyk((0, 0, 0), NEWSPRINT))
    assert 200 <= black <= 240  # goal ≈ 220 %, measured 216 %


def test_srgb_white_gets_no_ink():
    assert srgb_to_cmyk((255, 255, 255), NEWSPRINT) == (0, 0, 0, 0)


def test_neutral_grey_prints_mostly_on_black_ink():
    cyan, magenta, yellow, black = srgb_to_cmyk((128, 128, 128), NEWSPRINT)
    assert black > 3 * (cyan + magenta + yellow)  # heavy GCR


def test_red_separates_to_magenta_and_yellow():
    cyan, magenta, yellow, _ = srgb_to_cmyk((255, 0, 0), NEWSPRINT)
    assert magenta > 0.7 and yellow > 0.7 and cyan < 0.1


def test_no_srgb_colour_exceeds_the_ink_limit_on_a_grid():
    assert max_ink_from_srgb(NEWSPRINT) <= 222


@settings(derandomize=True, max_examples=200, deadline=None)
@given(st.tuples(*[st.integers(0, 255)] * 3))
def test_any_srgb_colour_stays_within_the_ink_limit(rgb):
    # 2 % slack: LittleCMS interpolates between the table's grid points.
    assert total_ink_pct(srgb_to_cmyk(rgb, NEWSPRINT)) <= 222


def test_grey_curve_runs_from_solid_black_to_bare_paper_without_reversals():
    curve = gray_to_k_curve(NEWSPRINT)
    assert len(curve) == 256
    assert curve[0] == 0 and curve[255] == 255
    assert all(a <= b for a, b in zip(curve, curve[1:]))


def _printed_lightness_of_k(k_levels: list[int]) -> list[float]:
    """L* (relative to the paper) the newsprint profile predicts for K-only patches."""
    patches = Image.new("CMYK", (len(k_levels), 1))
    patches.putdata([(0, 0, 0, k) for k in k_levels])
    to_lab = ImageCms.buildTransform(
        ImageCms.ImageCmsProfile(io.BytesIO(NEWSPRINT.icc_bytes)), ImageCms.createProfile("LAB"),
        "CMYK", "LAB", ImageCms.Intent.RELATIVE_COLORIMETRIC,
    )
    return [value * 100 / 255 for value in ImageCms.applyTransform(patches, to_lab).getchannel("L").tobytes()]


def test_grey_curve_prints_each_grey_at_its_lightness_between_paper_and_solid_black():
    # The K plate's own black (K 100 %) stands for sRGB black; in between, a grey must
    # print at the sRGB lightness scaled into paper…solid-K (black-point compensation in Y).
    curve = gray_to_k_curve(NEWSPRINT)
    levels = [32, 64, 96, 128, 160, 192, 224]
    solid_y = _y_of_lightness(_printed_lightness_of_k([255])[0])
    printed = _printed_lightness_of_k([255 - curve[level] for level in levels])
    for level, lightness in zip(levels, printed):
        linear = ((level / 255 + 0.055) / 1.055) ** 2.4
        wanted = 116 * (solid_y + linear * (1 - solid_y)) ** (1 / 3) - 16
        assert lightness == pytest.approx(wanted, abs=1.5), level


def _y_of_lightness(lightness: float) -> float:
    return ((lightness + 16) / 116) ** 3


def test_a_plant_profile_is_taken_with_its_own_description(tmp_path):
    plant = tmp_path / "plant.icc"
    shutil.copy(DEFAULT_PROFILE, plant)
    profile = load_output_profile(str(plant))
    assert profile.path == plant
    assert profile.output_condition_identifier == profile.description
    assert profile.registry_name is None
    assert profile.ink_limit_pct is None
    assert profile.sha256 == NEWSPRINT.sha256


def test_a_missing_profile_is_an_input_error(tmp_path):
    with pytest.raises(InputError, match="not found") as caught:
        load_output_profile(tmp_path / "WAN-IFRAnewspaper26v5.icc")
    assert "WAN-IFRAnewspaper26v5.icc" in caught.value.one_line()


def test_a_file_that_is_not_icc_is_an_input_error(tmp_path):
    fake = tmp_path / "press.icc"
    fake.write_text("<html>404</html>")
    with pytest.raises(InputError, match="not an ICC profile"):
        load_output_profile(fake)


def test_an_rgb_profile_is_refused_as_output_profile(tmp_path):
    srgb = tmp_path / "sRGB.icc"
    srgb.write_bytes(ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes())
    with pytest.raises(InputError, match="not a CMYK output profile") as caught:
        load_output_profile(srgb)
    assert caught.value.where == str(srgb) and caught.value.hint
