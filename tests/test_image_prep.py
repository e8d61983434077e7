"""Image preparation: every hostile input refused or handled, crop/resample/colour, cache, PDF colours."""

from __future__ import annotations

import io
import struct
import zlib
from pathlib import Path

import pypdfium2
import pytest
from PIL import Image, ImageCms
from reportlab.pdfgen import canvas

from layout.errors import BanmianError, InputError
from layout.prepress import images
from layout.prepress.colour import load_output_profile
from layout.prepress.images import FAIL_PPI, WARN_PPI, prepare_image, probe_image

NEWSPRINT = load_output_profile(None)
RED, BLUE = (255, 0, 0), (0, 0, 255)


def _prepare(path: Path, tmp_path: Path, width_pt: float = 72, height_pt: float = 72, **options):
    return prepare_image(path, width_pt, height_pt, NEWSPRINT, cache_dir=tmp_path / "cache", **options)


def _two_halves(size: tuple[int, int], left=RED, right=BLUE) -> Image.Image:
    image = Image.new("RGB", size, left)
    image.paste(right, (size[0] // 2, 0, size[0], size[1]))
    return image


def _png_chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


def _png(width: int, height: int, bit_depth: int, colour_type: int, rows: bytes = b"") -> bytes:
    """A PNG written by hand, for what Pillow cannot save (16-bit RGB, a bomb's header)."""
    header = struct.pack(">IIBBBBB", width, height, bit_depth, colour_type, 0, 0, 0)
    body = _png_chunk(b"IDAT", zlib.compress(rows)) if rows else b""
    return b"\x89PNG\r\n\x1a\n" + _png_chunk(b"IHDR", header) + body + _png_chunk(b"IEND", b"")


def _is_red(cmyk) -> bool:
    cyan, magenta, yellow, _ = cmyk
    return magenta > 180 and yellow > 180 and cyan < 40


def _is_blue(cmyk) -> bool:
    cyan, _, yellow, _ = cmyk
    return cyan > 180 and yellow < 40


def _refusal(path: Path, tmp_path: Path) -> InputError:
    with pytest.raises(InputError) as caught:
        _prepare(path, tmp_path)
    assert caught.value.where == str(path)
    assert caught.value.hint
    return caught.value


# --- files that are not usable images -------------------------------------------------


def test_missing_file_is_refused_with_its_name(tmp_path):
    error = _refusal(tmp_path / "photo.jpg", tmp_path)
    assert "not found" in error.message
    assert "photo.jpg" in error.one_line()


def test_empty_file_is_refused(tmp_path):
    empty = tmp_path / "photo.jpg"
    empty.write_bytes(b"")
    assert "empty" in _refusal(empty, tmp_path).message


def test_html_page_named_jpg_is_refused_as_a_web_page(tmp_path):
    page = tmp_path / "photo.jpg"
    page.write_text("<!DOCTYPE html><html><body>403 Forbidden</body></html>")
    assert "HTML" in _refusal(page, tmp_path).message
    with pytest.raises(InputError):
        probe_image(page)


def test_random_bytes_are_refused_as_not_an_image(tmp_path):
    junk = tmp_path / "photo.jpg"
    junk.write_bytes(bytes(range(256)) * 4)
    assert "not an image" in _refusal(junk, tmp_path).message


def test_truncated_jpeg_is_refused(tmp_path):
    whole = io.BytesIO()
    Image.effect_noise((400, 300), 50).convert("RGB").save(whole, "JPEG", quality=90)
    cut = tmp_path / "cut.jpg"
    cut.write_bytes(whole.getvalue()[: len(whole.getvalue()) // 2])
    assert probe_image(cut).width_px == 400  # the header is intact ...
    assert "truncated" in _refusal(cut, tmp_path).message  # ... the pixels are not


@pytest.mark.parametrize("side", [10_000, 20_000], ids=["over-warning-limit", "over-error-limit"])
def test_decompression_bomb_is_refused_before_decoding(tmp_path, side):
    bomb = tmp_path / "bomb.png"
    bomb.write_bytes(_png(side, side, 8, 2))
    assert "too many pixels" in _refusal(bomb, tmp_path).message
    with pytest.raises(InputError, match="too many pixels"):
        probe_image(bomb)


def test_floating_point_image_is_refused_as_unsupported(tmp_path):
    source = tmp_path / "scan.tif"
    Image.new("F", (20, 20), 0.5).save(source)
    assert "unsupported pixel format" in _refusal(source, tmp_path).message


def test_a_folder_is_refused(tmp_path):
    folder = tmp_path / "photo.jpg"
    folder.mkdir()
    assert "not a file" in _refusal(folder, tmp_path).message


# --- odd but usable images --------------------------------------------------------------


def test_rgb_photo_becomes_a_cmyk_jpeg_at_the_target_resolution(tmp_path):
    source = tmp_path / "photo.jpg"
    _two_halves((2000, 1000)).save(source, quality=95)
    prepared = _prepare(source, tmp_path, 144, 72)  # 2 × 1 in at 200 ppi
    assert (prepared.width_px, prepared.height_px) == (400, 200)
    assert prepared.colour == "cmyk" and prepared.effective_ppi == 200
    assert prepared.problems == ()
    with Image.open(prepared.jpeg_path) as written:
        assert written.format == "JPEG" and written.mode == "CMYK" and written.size == (400, 200)
        assert _is_red(written.getpixel((50, 100))) and _is_blue(written.getpixel((350, 100)))
        assert "progressive" not in written.info


def test_target_ppi_sets_the_pixel_count(tmp_path):
    source = tmp_path / "photo.png"
    _two_halves((1000, 1000)).save(source)
    prepared = _prepare(source, tmp_path, 72, 72, target_ppi=300)
    assert (prepared.width_px, prepared.height_px) == (300, 300)


def test_cmyk_jpeg_input_keeps_its_colours(tmp_path):
    # Pillow writes CMYK JPEGs the Adobe way (inverted, APP14): a real-world CMYK file.
    source = tmp_path / "cmyk.jpg"
    Image.new("CMYK", (200, 200), (0, 255, 255, 0)).save(source, quality=95)
    prepared = _prepare(source, tmp_path)
    assert prepared.colour == "cmyk"
    with Image.open(prepared.jpeg_path) as written:
        assert _is_red(written.getpixel((100, 100)))
        assert sum(written.getpixel((100, 100))) <= 2.22 * 255 + 8  # re-separated within 220 %
    assert [p.kind for p in prepared.problems] == ["image-untagged-cmyk"]


def test_sixteen_bit_grey_png_is_scaled_not_clipped(tmp_path):
    source = tmp_path / "grey16.png"
    Image.new("I;16", (100, 100), 32768).save(source)
    assert probe_image(source).mode.startswith("I")
    prepared = _prepare(source, tmp_path)
    assert prepared.colour == "gray"
    with Image.open(prepared.jpeg_path) as written:
        assert written.mode == "L"
        assert 80 < written.getpixel((50, 50)) < 200  # mid grey, not paper white


def test_sixteen_bit_rgb_png_is_read(tmp_path):
    row = b"\x00" + struct.pack(">HHH", 65535, 0, 0) * 64
    source = tmp_path / "red16.png"
    source.write_bytes(_png(64, 64, 16, 2, row * 64))
    with Image.open(_prepare(source, tmp_path).jpeg_path) as written:
        assert _is_red(written.getpixel((32, 32)))


def test_png_alpha_is_flattened_on_white_paper(tmp_path):
    source = tmp_path / "logo.png"
    logo = Image.new("RGBA", (200, 200), (255, 0, 0, 255))
    logo.paste((0, 0, 255, 0), (100, 0, 200, 200))  # right half fully transparent blue
    logo.save(source)
    prepared = _prepare(source, tmp_path)
    with Image.open(prepared.jpeg_path) as written:
        assert _is_red(written.getpixel((40, 100)))
        assert sum(written.getpixel((160, 100))) < 10  # paper, not blue
    assert [p.kind for p in prepared.problems] == ["image-transparency"]


def test_opaque_alpha_channel_is_dropped_without_a_warning(tmp_path):
    source = tmp_path / "opaque.png"
    Image.new("RGBA", (200, 200), (255, 0, 0, 255)).save(source)
    assert _prepare(source, tmp_path).problems == ()


def test_palette_png_with_a_transparent_index_is_flattened(tmp_path):
    source = tmp_path / "icon.png"
    icon = Image.new("P", (100, 100), 1)
    icon.putpalette([0, 0, 255, 255, 0, 0] + [0] * 762)
    icon.paste(0, (50, 0, 100, 100))  # index 0 (blue) is the transparent one
    icon.save(source, transparency=0)
    with Image.open(_prepare(source, tmp_path).jpeg_path) as written:
        assert _is_red(written.getpixel((20, 50)))
        assert sum(written.getpixel((80, 50))) < 10


def _rotated_jpeg(path: Path) -> None:
    """A 300×200 JPEG whose EXIF says 'turn 90° clockwise to view' (orientation 6)."""
    exif = Image.Exif()
    exif[0x0112] = 6
    _two_halves((300, 200)).save(path, quality=95, exif=exif)


def test_exif_rotated_jpeg_is_probed_upright(tmp_path):
    source = tmp_path / "rotated.jpg"
    _rotated_jpeg(source)
    info = probe_image(source)
    assert (info.width_px, info.height_px, info.format) == (200, 300, "JPEG")


def test_exif_rotated_jpeg_is_prepared_upright(tmp_path):
    source = tmp_path / "rotated.jpg"
    _rotated_jpeg(source)
    prepared = _prepare(source, tmp_path, 48, 72)  # a 2:3 portrait frame takes it whole
    assert (prepared.width_px, prepared.height_px) == (133, 200)
    with Image.open(prepared.jpeg_path) as written:
        # Turned clockwise, the stored left half (red) is on top.
        assert _is_red(written.getpixel((66, 20))) and _is_blue(written.getpixel((66, 180)))


def test_large_rotated_jpeg_decoded_at_reduced_scale_still_fills_the_frame(tmp_path):
    source = tmp_path / "camera.jpg"
    exif = Image.Exif()
    exif[0x0112] = 6
    _two_halves((2400, 1600)).save(source, quality=90, exif=exif)
    prepared = _prepare(source, tmp_path, 48, 72)
    assert (prepared.width_px, prepared.height_px) == (133, 200) and prepared.effective_ppi >= 199.5
    with Image.open(prepared.jpeg_path) as written:
        assert _is_red(written.getpixel((66, 20))) and _is_blue(written.getpixel((66, 180)))


def test_progressive_jpeg_is_read(tmp_path):
    source = tmp_path / "progressive.jpg"
    _two_halves((400, 400)).save(source, quality=95, progressive=True)
    with Image.open(_prepare(source, tmp_path).jpeg_path) as written:
        assert _is_red(written.getpixel((20, 100))) and _is_blue(written.getpixel((180, 100)))


def test_png_data_named_jpg_is_read_as_png(tmp_path):
    source = tmp_path / "photo.jpg"
    _two_halves((400, 400)).save(source, format="PNG")
    assert probe_image(source).format == "PNG"
    assert _prepare(source, tmp_path).colour == "cmyk"


def test_panorama_is_cropped_centred_to_the_frame(tmp_path):
    source = tmp_path / "panorama.jpg"
    panorama = Image.new("RGB", (1600, 200), BLUE)
    panorama.paste(RED, (700, 0, 900, 200))  # only the middle eighth is red
    panorama.save(source, quality=95)
    prepared = _prepare(source, tmp_path, 72, 72)
    assert (prepared.width_px, prepared.height_px) == (200, 200)  # cropped 200×200 from the centre
    with Image.open(prepared.jpeg_path) as written:
        assert all(_is_red(written.getpixel((x, 100))) for x in (10, 100, 190))


def test_greyscale_photo_prints_on_black_only(tmp_path):
    source = tmp_path / "grey.jpg"
    Image.linear_gradient("L").save(source)
    prepared = _prepare(source, tmp_path)
    assert prepared.colour == "gray"
    with Image.open(prepared.jpeg_path) as written:
        assert written.mode == "L"
        assert written.getpixel((100, 2)) < 20 and written.getpixel((100, 197)) > 235


@pytest.mark.parametrize("size", [(1, 1), (40, 30)])
def test_tiny_image_keeps_its_pixels_and_warns(tmp_path, size):
    source = tmp_path / "tiny.png"
    Image.new("RGB", size, RED).save(source)
    prepared = _prepare(source, tmp_path, 96, 72)
    assert (prepared.width_px, prepared.height_px) == size  # never upsampled
    assert prepared.effective_ppi < FAIL_PPI < WARN_PPI
    assert [p.kind for p in prepared.problems] == ["image-resolution"]
    assert "ppi" in prepared.problems[0].message and prepared.problems[0].where == str(source)


def test_image_just_under_the_target_warns_only_below_150_ppi(tmp_path):
    source = tmp_path / "medium.png"
    Image.new("RGB", (160, 160), RED).save(source)
    prepared = _prepare(source, tmp_path, 72, 72)
    assert prepared.effective_ppi == 160 and prepared.problems == ()


def _swapped_primaries_profile() -> bytes:
    """sRGB with its red and blue colorants exchanged: tagged pixels (255, 0, 0) are blue."""
    icc = bytearray(ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes())
    (count,) = struct.unpack_from(">I", icc, 128)
    entries = {bytes(icc[132 + 12 * i : 136 + 12 * i]): 132 + 12 * i for i in range(count)}
    red, blue = entries[b"rXYZ"], entries[b"bXYZ"]
    icc[red + 4 : red + 12], icc[blue + 4 : blue + 12] = icc[blue + 4 : blue + 12], icc[red + 4 : red + 12]
    return bytes(icc)


def test_embedded_rgb_profile_is_honoured(tmp_path):
    source = tmp_path / "tagged.jpg"
    Image.new("RGB", (200, 200), RED).save(source, quality=95, icc_profile=_swapped_primaries_profile())
    prepared = _prepare(source, tmp_path)
    with Image.open(prepared.jpeg_path) as written:
        assert _is_blue(written.getpixel((50, 50)))
    assert prepared.problems == ()


def test_damaged_embedded_profile_falls_back_to_srgb_with_a_warning(tmp_path):
    source = tmp_path / "badtag.jpg"
    Image.new("RGB", (200, 200), RED).save(source, quality=95, icc_profile=b"not a profile" * 20)
    prepared = _prepare(source, tmp_path)
    with Image.open(prepared.jpeg_path) as written:
        assert _is_red(written.getpixel((50, 50)))
    assert [p.kind for p in prepared.problems] == ["image-bad-profile"]


def test_frame_must_have_a_size(tmp_path):
    source = tmp_path / "photo.png"
    Image.new("RGB", (10, 10)).save(source)
    with pytest.raises(ValueError):
        _prepare(source, tmp_path, 0, 72)


# --- the cache ---------------------------------------------------------------------------


def test_warm_cache_hit_decodes_nothing(tmp_path, monkeypatch):
    source = tmp_path / "photo.jpg"
    Image.new("RGB", (30, 30), RED).save(source)
    cold = _prepare(source, tmp_path)

    def no_decoding(*args, **kwargs):
        raise AssertionError("a cache hit opened the image")

    monkeypatch.setattr(images.Image, "open", no_decoding)
    warm = _prepare(source, tmp_path)
    assert warm == cold  # problems included, rebuilt from the entry's record


def test_cache_key_follows_content_frame_ppi_and_profile(tmp_path):
    source = tmp_path / "photo.png"
    Image.new("RGB", (300, 300), RED).save(source)
    base = _prepare(source, tmp_path).jpeg_path
    assert _prepare(source, tmp_path, 72, 36).jpeg_path != base
    assert _prepare(source, tmp_path, target_ppi=150).jpeg_path != base
    plant = tmp_path / "plant.icc"
    plant.write_bytes(NEWSPRINT.icc_bytes + b"\0" * 4)  # same tables, different bytes
    other = prepare_image(source, 72, 72, load_output_profile(plant), cache_dir=tmp_path / "cache")
    assert other.jpeg_path != base
    Image.new("RGB", (300, 300), BLUE).save(source)
    assert _prepare(source, tmp_path).jpeg_path != base


def test_unwritable_cache_is_a_banmian_error(tmp_path):
    source = tmp_path / "photo.png"
    Image.new("RGB", (50, 50), RED).save(source)
    blocker = tmp_path / "cache"
    blocker.write_text("a file where the cache folder should be")
    with pytest.raises(BanmianError, match="cannot write") as caught:
        _prepare(source, tmp_path)
    assert caught.value.where == str(blocker)


def test_cache_leaves_no_temporary_files(tmp_path):
    source = tmp_path / "photo.png"
    Image.new("RGB", (50, 50), RED).save(source)
    _prepare(source, tmp_path)
    assert sorted(p.suffix for p in (tmp_path / "cache").iterdir()) == [".jpg", ".json"]


# --- the JPEG in the PDF -----------------------------------------------------------------


def test_cmyk_jpeg_renders_red_and_blue_when_reportlab_embeds_it(tmp_path):
    # reportlab passes the JPEG through as DCTDecode with /Decode [1 0 1 0 1 0 1 0] for any
    # CMYK JPEG, which suits Adobe-inverted data: red must render red, not cyan.
    source = tmp_path / "photo.png"
    _two_halves((400, 200)).save(source)
    prepared = _prepare(source, tmp_path, 144, 72)
    pdf_path = tmp_path / "page.pdf"
    page = canvas.Canvas(str(pdf_path), pagesize=(144, 72))
    page.drawImage(str(prepared.jpeg_path), 0, 0, 144, 72)
    page.save()
    document = pypdfium2.PdfDocument(str(pdf_path))
    try:
        rendered = document[0].render(scale=1).to_pil().convert("RGB")
    finally:
        document.close()
    red, green, blue = rendered.getpixel((36, 36))
    assert red > 180 and green < 120 and blue < 120
    red, green, blue = rendered.getpixel((108, 36))
    assert blue > 120 and red < 60


def test_prepared_jpeg_stays_within_the_ink_limit(tmp_path):
    """Black line art on paper: JPEG ringing at the edges must not push any pixel past the profile's TAC."""
    art = Image.new("RGB", (400, 400), (250, 244, 230))
    for x in range(0, 400, 16):
        art.paste((0, 0, 0), (x, 0, x + 6, 400))
    path = tmp_path / "art.png"
    art.save(path)
    profile = load_output_profile()
    prepared = _prepare(path, tmp_path, width_pt=144, height_pt=144)
    with Image.open(prepared.jpeg_path) as decoded:
        assert images.max_ink_pct(decoded) <= profile.ink_limit_pct
        assert images.max_ink_pct(decoded) > profile.ink_limit_pct - 30  # black stays black


def test_limit_ink_keeps_black_and_cuts_colour():
    pixels = Image.new("CMYK", (1, 1), (200, 200, 200, 250))
    limited = images.limit_ink(pixels, 200)
    c, m, y, k = limited.getpixel((0, 0))
    assert k == 250 and c + m + y + k <= 200 * 2.55
