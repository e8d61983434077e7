"""The committed stand-in images are what images/make_images.py draws, and fit for print."""

from __future__ import annotations

import importlib.util
import io
from pathlib import Path

import pytest
from PIL import Image, ImageChops, ImageCms

IMAGES = Path(__file__).resolve().parent.parent / "images"
COMMITTED = IMAGES / "beita"
MM_PER_INCH = 25.4
PHOTOS = {"廉是北塔百年矗立", "纯洁的队伍"}  # the rest are artworks


def load_script():
    """images/make_images.py as a module (images/ is a folder of assets, not a package)."""
    spec = importlib.util.spec_from_file_location("make_images", IMAGES / "make_images.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


make_images = load_script()


def differing_share(a: Image.Image, b: Image.Image, threshold: int) -> float:
    """The share of pixels where some channel of `a` and `b` differs by more than `threshold`."""
    difference = ImageChops.difference(a.convert("RGB"), b.convert("RGB"))
    worst = ImageChops.lighter(ImageChops.lighter(*difference.split()[:2]), difference.split()[2])
    histogram = worst.histogram()
    return sum(histogram[threshold + 1:]) / (a.width * a.height)


def test_every_work_is_committed_and_nothing_else():
    assert sorted(path.stem for path in COMMITTED.glob("*.jpg")) == sorted(make_images.BEITA)


@pytest.mark.skipif(not all(Path(fonts[0]).is_file() for fonts in make_images.FONTS.values()),
                    reason="the committed images were drawn with LXGW WenKai and Noto Sans CJK")
def test_rerunning_the_script_redraws_the_committed_images(tmp_path, capsys):
    # Pixels, not bytes, are compared: another libjpeg or FreeType may encode or antialias a
    # few edge pixels differently, but a changed drawing moves far more than 0.5 % of them.
    assert make_images.main(["--out", str(tmp_path)]) == 0
    for title in make_images.BEITA:
        fresh, committed = Image.open(tmp_path / f"{title}.jpg"), Image.open(COMMITTED / f"{title}.jpg")
        assert fresh.size == committed.size, title
        assert differing_share(fresh, committed, threshold=24) < 0.005, title
    assert "廉是北塔百年矗立.jpg" in capsys.readouterr().out


@pytest.mark.parametrize("title", sorted(make_images.BEITA))
def test_committed_image_is_a_300_ppi_srgb_jpeg(title):
    image = Image.open(COMMITTED / f"{title}.jpg")
    assert (image.format, image.mode) == ("JPEG", "RGB")
    assert image.info["dpi"] == pytest.approx((300, 300))
    profile = ImageCms.ImageCmsProfile(io.BytesIO(image.info["icc_profile"]))
    assert "sRGB" in ImageCms.getProfileDescription(profile)


@pytest.mark.parametrize("title", sorted(make_images.BEITA))
def test_committed_image_has_300_ppi_at_its_largest_print_size(title):
    # Photos print at most 160 mm wide; artworks at most 60 mm on their long side.
    image = Image.open(COMMITTED / f"{title}.jpg")
    if title in PHOTOS:
        assert image.width >= 160 / MM_PER_INCH * 300 - 1
    else:
        assert max(image.size) >= 60 / MM_PER_INCH * 300


def test_committed_images_stay_small_enough_for_git():
    assert sum(path.stat().st_size for path in COMMITTED.glob("*.jpg")) < 3_000_000


def test_unknown_title_is_refused_with_the_list_of_titles(tmp_path, capsys):
    with pytest.raises(SystemExit) as stop:
        make_images.main(["--out", str(tmp_path), "没有这幅"])
    assert stop.value.code == 2
    assert "没有这幅" in capsys.readouterr().err
    assert not list(tmp_path.iterdir())
