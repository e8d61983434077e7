"""Draws reproducible stand-ins for the photos and artworks of the Shaoyang Daily sample page."""

from __future__ import annotations

import argparse
import math
import random
import struct
import sys
import zlib
from pathlib import Path

from PIL import Image, ImageChops, ImageCms, ImageDraw, ImageFilter, ImageFont

HERE = Path(__file__).resolve().parent
KAI_FONTS = (  # brush-like faces, first found wins; all under free licences (see README)
    "/usr/share/fonts/truetype/lxgw-wenkai/LXGWWenKai-Bold.ttf",
    "/usr/share/fonts/truetype/arphic/ukai.ttc",
)
KAI_LIGHT_FONTS = (
    "/usr/share/fonts/truetype/lxgw-wenkai/LXGWWenKai-Regular.ttf",
    "/usr/share/fonts/truetype/arphic/ukai.ttc",
)
HEI_FONTS = ("/usr/share/fonts/opentype/noto/NotoSansCJK-Bold.ttc", *KAI_FONTS)
SUPERSAMPLE = 2  # shapes are drawn at twice the size and reduced, which antialiases their edges
INK = (24, 22, 20)
SEAL_RED = (178, 34, 30)
PAPER = (236, 226, 200)


def first_font(candidates: tuple[str, ...]) -> str:
    """The first installed font file of `candidates`; exits with a one-line hint if none is."""
    for path in candidates:
        if Path(path).is_file():
            return path
    sys.exit(f"error: none of the fonts {', '.join(candidates)} is installed "
             "(hint: apt-get install fonts-lxgw-wenkai fonts-noto-cjk)")


def srgb_profile() -> bytes:
    """LittleCMS's built-in sRGB profile with a fixed creation date, so output bytes are stable."""
    profile = bytearray(ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes())
    # ICC.1:2010 §7.2.8: bytes 24-35 hold the creation date (six uInt16 numbers).
    profile[24:36] = struct.pack(">6H", 2024, 1, 1, 0, 0, 0)
    profile[84:100] = bytes(16)  # §7.2.18: a zero profile ID means "not computed"
    return bytes(profile)


def save_jpeg(image: Image.Image, path: Path) -> None:
    """Writes `image` as a baseline sRGB JPEG, quality 85, tagged 300 ppi (JFIF density)."""
    image.convert("RGB").save(path, "JPEG", quality=85, optimize=True, dpi=(300, 300),
                              icc_profile=srgb_profile())


def noise(size: tuple[int, int], rng: random.Random, blur: float = 0.0) -> Image.Image:
    """Uniform grey noise from `rng`, optionally softened; Pillow's own noise is not seedable."""
    grain = Image.frombytes("L", size, rng.randbytes(size[0] * size[1]))
    return grain.filter(ImageFilter.GaussianBlur(blur)) if blur else grain


def add_grain(image: Image.Image, rng: random.Random, gain: float, blur: float) -> Image.Image:
    """Adds film-like grain: softened noise around mid-grey, scaled by `gain`, to all channels."""
    grain = noise(image.size, rng, blur).point(lambda v: round(128 + (v - 128) * gain))
    return ImageChops.add(image.convert("RGB"), Image.merge("RGB", [grain] * 3), 1.0, -128)


def vertical_gradient(size: tuple[int, int], top: tuple, bottom: tuple) -> Image.Image:
    """An RGB image fading from `top` to `bottom`."""
    mask = Image.linear_gradient("L").resize(size)
    return Image.composite(Image.new("RGB", size, bottom), Image.new("RGB", size, top), mask)


def vignette(image: Image.Image, strength: float) -> Image.Image:
    """Darkens the corners as a camera lens does."""
    ring = Image.radial_gradient("L").resize(image.size)
    ring = ring.point(lambda v: int(max(0, v - 110) * strength))
    return Image.composite(Image.new("RGB", image.size, (0, 0, 0)), image, ring)


def ridge(rng: random.Random, width: int, base: float, relief: float, steps: int = 8) -> list:
    """A hill line by midpoint displacement: (x, y) points from the left edge to the right."""
    heights = [base - rng.uniform(0, relief), base - rng.uniform(0, relief)]
    spread = relief
    for _ in range(steps):
        spread *= 0.55
        refined = []
        for left, right in zip(heights, heights[1:]):
            refined += [left, (left + right) / 2 + rng.uniform(-spread, spread)]
        heights = refined + heights[-1:]
    step = width / (len(heights) - 1)
    return [(i * step, y) for i, y in enumerate(heights)]


def fill_below(draw: ImageDraw.ImageDraw, points: list, bottom: float, colour: tuple) -> None:
    """Fills the area under a hill line down to `bottom`."""
    draw.polygon([*points, (points[-1][0], bottom), (points[0][0], bottom)], fill=colour)


def load_font(candidates: tuple[str, ...], size: float) -> ImageFont.FreeTypeFont:
    """The first installed face of `candidates` at `size` pixels."""
    return ImageFont.truetype(first_font(candidates), max(1, round(size)))


def rng_for(name: str) -> random.Random:
    """A random source seeded by the file name, so each image is stable on its own."""
    return random.Random(zlib.crc32(name.encode("utf-8")))


# --- photographs -------------------------------------------------------------------------


def draw_eave(draw: ImageDraw.ImageDraw, cx: float, y: float, half: float, depth: float) -> None:
    """One pagoda roof ring seen from the side: a dark band whose corners sweep upwards."""
    tip, lift = half * 1.18, depth * 1.6
    draw.polygon([(cx - tip, y - lift), (cx - half * 0.8, y - depth * 0.2), (cx - half * 0.55, y - depth),
                  (cx + half * 0.55, y - depth), (cx + half * 0.8, y - depth * 0.2), (cx + tip, y - lift),
                  (cx + half * 0.9, y + depth * 0.35), (cx - half * 0.9, y + depth * 0.35)],
                 fill=(62, 58, 56))
    draw.line([(cx - half * 0.9, y + depth * 0.45), (cx + half * 0.9, y + depth * 0.45)],
              fill=(215, 208, 192), width=max(1, round(depth * 0.25)))


def draw_pagoda(draw: ImageDraw.ImageDraw, cx: float, base: float, height: float) -> None:
    """A seven-storey brick pagoda (北塔 is one) lit from the left, with a gourd finial."""
    storey_heights = [0.93 ** i for i in range(7)]
    unit = height * 0.78 / sum(storey_heights)
    half, y = height * 0.1, base
    draw.rectangle([cx - half * 1.25, y - height * 0.04, cx + half * 1.25, y], fill=(150, 140, 124))
    y -= height * 0.04
    for level, share in enumerate(storey_heights):
        top, w = y - unit * share, half * (1 - 0.055 * level)
        draw.rectangle([cx - w, top, cx + w, y], fill=(214, 206, 188))
        draw.rectangle([cx + w * 0.25, top, cx + w, y], fill=(168, 160, 146))  # shaded side
        door_w, door_h = w * 0.28, unit * share * 0.42
        door_y = y - unit * share * 0.18
        draw.rounded_rectangle([cx - w * 0.35 - door_w / 2, door_y - door_h, cx - w * 0.35 + door_w / 2,
                                door_y], radius=door_w / 2, fill=(48, 42, 40))
        draw_eave(draw, cx, top, w * 1.5, unit * 0.2)
        y = top
    spire = height - (base - y)
    draw.rectangle([cx - half * 0.08, y - spire, cx + half * 0.08, y], fill=(70, 64, 58))
    for step, radius in enumerate((0.32, 0.24, 0.16)):
        ball_y = y - spire * (0.3 + 0.22 * step)
        draw.ellipse([cx - half * radius, ball_y - half * radius, cx + half * radius,
                      ball_y + half * radius], fill=(86, 78, 66))


def draw_houses(draw: ImageDraw.ImageDraw, rng: random.Random, x0: float, x1: float, ground: float,
                scale: float) -> None:
    """A row of white-walled, dark-roofed riverside houses with some taller blocks behind."""
    x = x0
    while x < x1:
        w, h = scale * rng.uniform(1.2, 2.6), scale * rng.uniform(0.8, 1.6)
        if rng.random() < 0.3:  # a newer block of flats
            h *= rng.uniform(1.8, 2.8)
            draw.rectangle([x, ground - h, x + w, ground], fill=rng.choice([(226, 222, 212), (208, 196, 176)]))
            for row in range(int(h / (scale * 0.35))):
                wy = ground - h + scale * (0.12 + 0.35 * row)
                draw.rectangle([x + w * 0.12, wy, x + w * 0.88, wy + scale * 0.12], fill=(118, 128, 136))
        else:
            wall = rng.choice([(238, 236, 228), (230, 226, 214), (212, 204, 190)])
            draw.rectangle([x, ground - h, x + w, ground], fill=wall)
            draw.polygon([(x - scale * 0.12, ground - h), (x + w / 2, ground - h - scale * 0.45),
                          (x + w + scale * 0.12, ground - h)], fill=(58, 60, 64))
            for k in range(int(w / (scale * 0.6))):
                wx = x + scale * (0.25 + 0.6 * k)
                draw.rectangle([wx, ground - h * 0.7, wx + scale * 0.22, ground - h * 0.4], fill=(70, 66, 62))
        x += w + scale * rng.uniform(0.05, 0.4)


def draw_trees(draw: ImageDraw.ImageDraw, rng: random.Random, x0: float, x1: float, ground: float,
               scale: float) -> None:
    """Rounded tree crowns in a few greens along a bank."""
    for _ in range(int((x1 - x0) / scale * 1.5)):
        x, r = rng.uniform(x0, x1), scale * rng.uniform(0.35, 0.8)
        green = rng.choice([(46, 84, 48), (62, 100, 56), (38, 70, 44)])
        draw.ellipse([x - r, ground - 2.2 * r, x + r, ground + r * 0.1], fill=green)


def reflect_in_water(image: Image.Image, water_y: int, rng: random.Random) -> Image.Image:
    """Mirrors the scene above `water_y` into rippled, darkened water below it."""
    w, h = image.size
    depth = h - water_y
    mirror = image.crop((0, water_y - depth, w, water_y)).transpose(Image.Transpose.FLIP_TOP_BOTTOM)
    mirror = mirror.filter(ImageFilter.BoxBlur(1)).filter(ImageFilter.GaussianBlur(3))
    rippled = mirror.copy()  # rows shifted sideways leave the unshifted pixels at the edges
    phase = rng.uniform(0, math.tau)
    for row in range(depth):  # waves grow with distance from the bank, as they look from above
        shift = round(math.sin(row * 0.45 + phase) * (1 + row / depth * 7))
        rippled.paste(mirror.crop((0, row, w, row + 1)), (shift, row))
    water = vertical_gradient(mirror.size, (92, 118, 126), (52, 74, 86))
    water = Image.blend(rippled, water, 0.55)
    glints = ImageDraw.Draw(water)
    for _ in range(depth // 2):
        gx, gy, gl = rng.uniform(0, w), rng.uniform(0, depth), rng.uniform(10, 60) * (1 + 2 * rng.random())
        glints.line([(gx, gy), (gx + gl, gy)], fill=(150, 170, 176), width=1)
    result = image.copy()
    result.paste(water, (0, water_y))
    return result


def river_town_with_pagoda(name: str, size: tuple[int, int]) -> Image.Image:
    """《廉是北塔百年矗立》: the pagoda on its hill above the Zi river and the town on the bank."""
    rng, s = rng_for(name), SUPERSAMPLE
    w, h = size[0] * s, size[1] * s
    scene = vertical_gradient((w, h), (96, 146, 200), (226, 228, 220))
    clouds = Image.new("L", (w, h))
    for _ in range(9):
        cx, cy, rx = rng.uniform(0, w), rng.uniform(0.05, 0.35) * h, rng.uniform(0.06, 0.16) * w
        ImageDraw.Draw(clouds).ellipse([cx - rx, cy - rx * 0.25, cx + rx, cy + rx * 0.25], fill=170)
    scene.paste((250, 250, 248), mask=clouds.filter(ImageFilter.GaussianBlur(w * 0.02)))
    draw = ImageDraw.Draw(scene)
    water_y, bank_y = 0.66 * h, 0.63 * h
    fill_below(draw, ridge(rng, w, 0.5 * h, 0.12 * h), h, (150, 170, 182))
    fill_below(draw, ridge(rng, w, 0.56 * h, 0.08 * h), h, (96, 128, 104))
    mound = [(0.5 * w + 0.42 * w * t / 40, 0.64 * h - 0.12 * h * math.sin(math.pi * t / 40) ** 0.7)
             for t in range(41)]
    fill_below(draw, mound, h, (76, 108, 72))
    draw_pagoda(draw, 0.71 * w, 0.52 * h, 0.44 * h)
    draw_trees(draw, rng, 0.55 * w, 0.9 * w, bank_y, 0.03 * h)
    draw_houses(draw, rng, -0.02 * w, 0.56 * w, bank_y, 0.04 * h)
    draw_houses(draw, rng, 0.86 * w, 1.02 * w, bank_y, 0.04 * h)
    draw.rectangle([0, bank_y, w, water_y], fill=(128, 124, 112))  # stone embankment
    scene = scene.resize(size, Image.Resampling.LANCZOS)
    scene = reflect_in_water(scene, round(water_y / s), rng)
    return add_grain(vignette(scene, 0.35), rng, 0.12, 0.6)



def draw_person(draw: ImageDraw.ImageDraw, rng: random.Random, cx: float, feet: float, height: float) -> None:
    """A standing figure: dark suit or jacket, white collar, a red badge or scarf, arms at the sides."""
    head, shoulders = height * 0.14, height * 0.25
    neck_y, hip_y = feet - height * 0.84, feet - height * 0.45
    suit = rng.choice([(30, 34, 44), (36, 38, 42), (24, 28, 38), (48, 44, 46)])
    draw.rectangle([cx - shoulders * 0.36, hip_y, cx - shoulders * 0.04, feet - height * 0.02], fill=(34, 34, 38))
    draw.rectangle([cx + shoulders * 0.04, hip_y, cx + shoulders * 0.36, feet - height * 0.02], fill=(34, 34, 38))
    for side in (-1, 1):
        draw.ellipse([cx + side * shoulders * 0.23 - height * 0.06, feet - height * 0.035,
                      cx + side * shoulders * 0.23 + height * 0.06, feet + height * 0.01], fill=(16, 14, 14))
    skin = rng.choice([(232, 196, 166), (222, 182, 150), (240, 206, 178), (212, 170, 138)])
    for side in (-1, 1):  # arms hang a little apart from the body, hands at hip height
        arm_x = cx + side * shoulders * 0.47
        draw.line([(arm_x, neck_y + height * 0.05), (arm_x + side * height * 0.02, hip_y)], fill=suit,
                  width=round(shoulders * 0.2))
        draw.ellipse([arm_x + side * height * 0.02 - height * 0.025, hip_y - height * 0.01,
                      arm_x + side * height * 0.02 + height * 0.025, hip_y + height * 0.045], fill=skin)
    draw.polygon([(cx - shoulders / 2, neck_y + height * 0.03), (cx - shoulders * 0.3, neck_y),
                  (cx + shoulders * 0.3, neck_y), (cx + shoulders / 2, neck_y + height * 0.03),
                  (cx + shoulders * 0.4, hip_y + height * 0.04), (cx - shoulders * 0.4, hip_y + height * 0.04)],
                 fill=suit)
    draw.line([(cx, neck_y + height * 0.04), (cx, hip_y)], fill=tuple(c + 18 for c in suit), width=2)
    draw.polygon([(cx - shoulders * 0.14, neck_y), (cx + shoulders * 0.14, neck_y),
                  (cx, neck_y + height * 0.12)], fill=(240, 240, 236))
    if rng.random() < 0.5:  # a red tie, or else a party badge on the lapel
        draw.polygon([(cx - height * 0.012, neck_y + height * 0.01), (cx + height * 0.012, neck_y + height * 0.01),
                      (cx, neck_y + height * 0.12)], fill=(196, 30, 36))
    else:
        bx, by, r = cx - shoulders * 0.26, neck_y + height * 0.1, height * 0.014
        draw.ellipse([bx - r, by - r, bx + r, by + r], fill=(214, 40, 40))
    draw.rectangle([cx - head * 0.2, neck_y - head * 0.25, cx + head * 0.2, neck_y + 2], fill=skin)
    top = neck_y - head * 1.15
    draw.ellipse([cx - head * 0.42, top, cx + head * 0.42, top + head], fill=skin)
    long_hair = rng.random() < 0.35
    draw.chord([cx - head * 0.46, top - head * 0.06, cx + head * 0.46, top + head * (0.9 if long_hair else 0.6)],
               180, 360, fill=(22, 20, 20))
    if long_hair:
        draw.rectangle([cx - head * 0.46, top + head * 0.38, cx - head * 0.32, top + head * 1.05], fill=(22, 20, 20))
        draw.rectangle([cx + head * 0.32, top + head * 0.38, cx + head * 0.46, top + head * 1.05], fill=(22, 20, 20))


def draw_banner(image: Image.Image, box: tuple, text: str) -> None:
    """A red cloth banner with white bold lettering, as hung over a group at a public event."""
    draw = ImageDraw.Draw(image)
    draw.rectangle(box, fill=(200, 28, 32))
    for fold in range(1, 6):  # cloth folds: slightly darker vertical bands
        x = box[0] + (box[2] - box[0]) * fold / 6
        draw.rectangle([x - 6, box[1], x + 6, box[3]], fill=(186, 24, 30))
    font = load_font(HEI_FONTS, (box[3] - box[1]) * 0.62)
    draw.text(((box[0] + box[2]) / 2, (box[1] + box[3]) / 2), text, font=font, fill=(255, 246, 214),
              anchor="mm")


def group_with_banner(name: str, size: tuple[int, int]) -> Image.Image:
    """《纯洁的队伍》: two rows of people in dark clothes before a building, under a red banner."""
    rng, s = rng_for(name), SUPERSAMPLE
    w, h = size[0] * s, size[1] * s
    scene = vertical_gradient((w, h), (150, 182, 214), (222, 226, 224))
    draw = ImageDraw.Draw(scene)
    draw.rectangle([0, 0.12 * h, w, 0.7 * h], fill=(226, 218, 200))  # the hall's facade
    for k in range(9):
        x = w * (0.04 + k * 0.115)
        draw.rectangle([x, 0.18 * h, x + 0.07 * w, 0.62 * h], fill=(148, 162, 172))
        draw.rectangle([x + 0.075 * w, 0.12 * h, x + 0.1 * w, 0.7 * h], fill=(238, 232, 218))
    draw.rectangle([0, 0.7 * h, w, h], fill=(168, 164, 156))  # paved square
    for k in range(12):
        draw.line([(w * k / 11, 0.7 * h), (w * (k / 11 - 0.5) * 2.2 + w / 2, h)], fill=(156, 152, 146), width=3)
    draw_banner(scene, (0.08 * w, 0.2 * h, 0.92 * w, 0.31 * h), "清廉北塔  风清气正")
    for row, (count, feet, tall) in enumerate(((9, 0.8 * h, 0.42 * h), (8, 0.95 * h, 0.47 * h))):
        for k in range(count):
            cx = w * (0.1 + 0.8 * (k + 0.5 * (row == 1) + 0.25 * (row == 0)) / count) + rng.uniform(-8, 8) * s
            draw.ellipse([cx - 0.05 * w, feet - 0.01 * h, cx + 0.05 * w, feet + 0.015 * h], fill=(140, 136, 130))
            draw_person(draw, rng, cx, feet + rng.uniform(-4, 4) * s, tall * rng.uniform(0.93, 1.05))
    scene = scene.resize(size, Image.Resampling.LANCZOS).filter(ImageFilter.GaussianBlur(0.6))
    return add_grain(vignette(scene, 0.3), rng, 0.12, 0.6)




# --- calligraphy -------------------------------------------------------------------------


def rice_paper(size: tuple[int, int], rng: random.Random, tone: tuple = PAPER) -> Image.Image:
    """Xuan paper: a warm tone, faint mottling and a few fibres."""
    paper = Image.new("RGB", size, tone)
    blotches = noise((max(2, size[0] // 50), max(2, size[1] // 50)), rng).resize(size, Image.Resampling.BICUBIC)
    blotches = blotches.point(lambda v: round(128 + (v - 128) * 0.05))
    paper = ImageChops.add(paper, Image.merge("RGB", [blotches] * 3), 1.0, -128)
    draw = ImageDraw.Draw(paper)
    for _ in range(size[0] * size[1] // 6000):
        x, y, a = rng.uniform(0, size[0]), rng.uniform(0, size[1]), rng.uniform(0, math.tau)
        length = rng.uniform(4, 18)
        draw.line([(x, y), (x + length * math.cos(a), y + length * math.sin(a))],
                  fill=tuple(c - 14 for c in tone), width=1)
    return add_grain(paper, rng, 0.1, 0.8)


def brush_glyph(char: str, font: ImageFont.FreeTypeFont, rng: random.Random) -> Image.Image:
    """One character as a mask, tilted and scaled a little as a hand would write it."""
    side = round(font.size * 1.4)
    glyph = Image.new("L", (side, side))
    ImageDraw.Draw(glyph).text((side / 2, side / 2), char, font=font, fill=255, anchor="mm")
    scale = rng.uniform(0.94, 1.06)
    glyph = glyph.resize((round(side * scale), round(side * scale)), Image.Resampling.BICUBIC)
    swell = 2 * round(font.size / 90) + 1  # a loaded brush writes fuller strokes than the font's pen
    glyph = glyph.filter(ImageFilter.MaxFilter(swell)).filter(ImageFilter.GaussianBlur(swell / 4))
    return glyph.rotate(rng.uniform(-3, 3), Image.Resampling.BICUBIC)


def write_column(mask: Image.Image, text: str, font: ImageFont.FreeTypeFont, x: float, y: float, pitch: float,
                 rng: random.Random) -> float:
    """Writes `text` top to bottom centred on column `x` from `y`; returns the y below it."""
    for char in text:
        glyph = brush_glyph(char, font, rng)
        jitter = font.size * 0.03
        left = round(x - glyph.width / 2 + rng.uniform(-jitter, jitter))
        top = round(y + pitch / 2 - glyph.height / 2 + rng.uniform(-jitter, jitter))
        mask.paste(255, (left, top), glyph)
        y += pitch
    return y


def ink_on(paper: Image.Image, mask: Image.Image, rng: random.Random) -> Image.Image:
    """Inks `mask` onto `paper`: a soft bleed into the fibres and a few dry-brush gaps."""
    bleed = mask.filter(ImageFilter.GaussianBlur(max(1.0, paper.width / 600))).point(lambda v: v // 2)
    speckle = noise((paper.width // 3, paper.height // 3), rng).resize(paper.size, Image.Resampling.BICUBIC)
    dry = speckle.point(lambda v: 255 if v < 240 else 170).filter(ImageFilter.GaussianBlur(1))
    alpha = ImageChops.multiply(ImageChops.lighter(mask, bleed), dry)
    inked = paper.copy()
    inked.paste(INK, mask=alpha)
    return inked


def seal_mask(text: str, height: int, rng: random.Random) -> Image.Image:
    """A carved seal (白文: characters cut out of the red), read right column first, worn a little."""
    columns = 2 if len(text) == 4 else 1
    rows = math.ceil(len(text) / columns)
    cell = height / rows
    size = (round(cell * columns + height * 0.16), height)
    mask = Image.new("L", size)
    draw = ImageDraw.Draw(mask)
    draw.rounded_rectangle([0, 0, size[0] - 1, size[1] - 1], radius=height * 0.05, fill=255)
    font = load_font(KAI_FONTS, cell * 0.84)
    for index, char in enumerate(text):
        column, row = divmod(index, rows)
        x = size[0] - height * 0.08 - cell * (column + 0.5)
        draw.text((x, height * 0.02 + cell * (row + 0.5)), char, font=font, fill=0, anchor="mm")
    worn = noise(size, rng).point(lambda v: 0 if v > 246 else 255).filter(ImageFilter.GaussianBlur(0.7))
    return ImageChops.multiply(mask, worn)


def stamp(paper: Image.Image, text: str, height: int, x: float, y: float, rng: random.Random) -> None:
    """Presses a seal of `text` with its top centre at (x, y), in slightly translucent red."""
    mask = seal_mask(text, height, rng).point(lambda v: v * 9 // 10)
    paper.paste(SEAL_RED, (round(x - mask.width / 2), round(y)), mask)




def mount(paper: Image.Image, silk: tuple, margins: tuple[int, int, int, int], rng: random.Random,
          rollers: bool) -> Image.Image:
    """Mounts `paper` on silk (left, top, right, bottom margins) with a darker rim round the work
    and, for a hanging scroll, the top bar, the bottom roller and the two 惊燕 strips."""
    left, top, right, bottom = margins
    size = (paper.width + left + right, paper.height + top + bottom)
    threads = noise((size[0], max(2, size[1] // 6)), rng).resize(size, Image.Resampling.BICUBIC)
    threads = threads.point(lambda v: round(128 + (v - 128) * 0.06))
    mounted = ImageChops.add(Image.new("RGB", size, silk), Image.merge("RGB", [threads] * 3), 1.0, -128)
    draw = ImageDraw.Draw(mounted)
    rim = max(3, min(size) // 100)
    draw.rectangle([left - rim, top - rim, left + paper.width + rim - 1, top + paper.height + rim - 1],
                   fill=tuple(round(c * 0.8) for c in silk))
    mounted.paste(paper, (left, top))
    if rollers:
        strip = max(4, size[0] // 40)
        for x in (size[0] * 0.3, size[0] * 0.7):
            draw.rectangle([x - strip / 2, 0, x + strip / 2, top * 0.95], fill=tuple(round(c * 0.86) for c in silk))
        bar, roller = max(6, size[1] // 120), max(12, size[1] // 45)
        draw.rectangle([0, 0, size[0], bar], fill=(92, 64, 42))
        draw.rectangle([0, size[1] - roller, size[0], size[1]], fill=(70, 44, 28))
        draw.line([(0, size[1] - roller * 0.7), (size[0], size[1] - roller * 0.7)], fill=(120, 84, 56), width=2)
    return mounted


def text_layout(paper_size: tuple[int, int], columns: list[str], pad: float,
                spare: tuple[float, float]) -> tuple[float, float, float]:
    """Column pitch, row pitch and the x of the first (rightmost) column for vertical writing,
    keeping `spare` (left, right) fractions of a column free for the signature or a seal."""
    width, height = paper_size[0] - 2 * pad, paper_size[1] - 2 * pad
    rows, slots = max(len(column) for column in columns), len(columns) + sum(spare)
    column_pitch = min(width / slots, height / rows)
    row_pitch = min(height / rows, column_pitch * 1.2)
    first_x = paper_size[0] / 2 + column_pitch * (slots / 2 - spare[1] - 0.5)
    return column_pitch, row_pitch, first_x


def sign_and_seal(paper: Image.Image, mask: Image.Image, signature: str, seal_text: str, x: float, y: float,
                  size: float, rng: random.Random) -> None:
    """Writes the small signature column at (x, y) downwards and stamps the name seal below it;
    with no signature it only inks what `mask` holds."""
    if not signature:
        paper.paste(ink_on(paper, mask, rng))
        return
    font = load_font(KAI_LIGHT_FONTS, size)
    bottom = write_column(mask, signature, font, x, y, size * 1.1, rng)
    paper.paste(ink_on(paper, mask, rng))
    stamp(paper, seal_text, round(size * (1.9 if len(seal_text) == 4 else 2.2)), x, bottom + size * 0.4, rng)


def hanging_scroll(name: str, size: tuple[int, int], columns: list[str], signature: str, seal_text: str,
                   silk: tuple, lead_seal: str = "", spare: tuple[float, float] = (0.45, 0.0)) -> Image.Image:
    """A 立轴: vertical columns read right to left, signature and seal left of the last column."""
    rng = rng_for(name)
    margins = (round(size[0] * 0.1), round(size[1] * 0.17), round(size[0] * 0.1), round(size[1] * 0.09))
    paper = rice_paper((size[0] - margins[0] - margins[2], size[1] - margins[1] - margins[3]), rng)
    pad = paper.width * 0.08
    column_pitch, row_pitch, first_x = text_layout(paper.size, columns, pad, spare)
    font = load_font(KAI_FONTS, min(column_pitch, row_pitch) * 0.88)
    mask = Image.new("L", paper.size)
    top = (paper.height - row_pitch * max(map(len, columns))) / 2
    for index, column in enumerate(columns):
        write_column(mask, column, font, first_x - index * column_pitch, top, row_pitch, rng)
    last_x = first_x - (len(columns) - 1) * column_pitch
    sign_and_seal(paper, mask, signature, seal_text, last_x - column_pitch * 0.72, top + row_pitch * 0.6,
                  column_pitch * 0.17, rng)
    if lead_seal:  # 引首章: a small oblong seal at the start of the text
        stamp(paper, lead_seal, round(column_pitch * 0.38), first_x + column_pitch * 0.5, top, rng)
    return mount(paper, silk, margins, rng, rollers=True)


def horizontal_banner(name: str, size: tuple[int, int], text: str, signature: str, seal_text: str,
                      silk: tuple) -> Image.Image:
    """A 横幅: characters left to right, the signature column and seal at the end (right)."""
    rng = rng_for(name)
    margin = round(size[1] * 0.12)
    paper = rice_paper((size[0] - 2 * margin, size[1] - 2 * margin), rng)
    pad = paper.height * 0.12
    pitch = min(paper.height - 2 * pad, (paper.width - 2 * pad) / (len(text) + 0.5))
    font = load_font(KAI_FONTS, pitch * 0.88)
    mask = Image.new("L", paper.size)
    left = (paper.width - pitch * (len(text) + 0.5)) / 2
    for index, char in enumerate(text):
        write_column(mask, char, font, left + pitch * (index + 0.5), (paper.height - pitch) / 2, pitch, rng)
    sign_and_seal(paper, mask, signature, seal_text, left + pitch * (len(text) + 0.25),
                  (paper.height - pitch) / 2 + pitch * 0.1, pitch * 0.14, rng)
    return mount(paper, silk, (margin,) * 4, rng, rollers=False)


def couplet(name: str, size: tuple[int, int], lines: tuple[str, str], signature: str, seal_text: str,
            silk: tuple) -> Image.Image:
    """A 对联 on a wall: the first line (上联) hangs on the right, the second, signed, on the left."""
    rng = rng_for(name)
    wall = add_grain(vertical_gradient(size, (228, 224, 216), (206, 200, 190)), rng, 0.08, 1.0)
    strip_size = (round(size[0] * 0.34), round(size[1] * 0.9))
    right = hanging_scroll(name + "上联", strip_size, [lines[0]], "", "", silk, "清风", (0.4, 0.4))
    left = hanging_scroll(name + "下联", strip_size, [lines[1]], signature, seal_text, silk, "", (0.4, 0.4))
    shadow = Image.new("L", size)
    y = (size[1] - strip_size[1]) // 2
    for x in (round(size[0] * 0.1), round(size[0] * 0.56)):
        shadow.paste(90, (x + 8, y + 10, x + strip_size[0] + 8, y + strip_size[1] + 10))
    wall.paste((60, 56, 50), mask=shadow.filter(ImageFilter.GaussianBlur(10)))
    wall.paste(left, (round(size[0] * 0.1), y))
    wall.paste(right, (round(size[0] * 0.56), y))
    return wall




# --- paintings ---------------------------------------------------------------------------


def draw_devil(draw: ImageDraw.ImageDraw, cx: float, cy: float, r: float) -> None:
    """A frightened little green devil clutching a red envelope (a bribe), in flat cartoon colours."""
    line, width = (20, 20, 20), max(2, round(r * 0.05))
    for side in (-1, 1):  # horns, then the body, the head and the envelope on top
        draw.polygon([(cx + side * r * 0.45, cy - r * 0.75), (cx + side * r * 0.75, cy - r * 1.45),
                      (cx + side * r * 0.15, cy - r * 0.95)], fill=(250, 236, 170), outline=line, width=width)
    draw.ellipse([cx - r * 0.7, cy + r * 0.3, cx + r * 0.7, cy + r * 1.6], fill=(92, 170, 92), outline=line,
                 width=width)
    draw.ellipse([cx - r, cy - r, cx + r, cy + r * 0.8], fill=(110, 190, 104), outline=line, width=width)
    for side in (-1, 1):
        ex = cx + side * r * 0.38
        draw.ellipse([ex - r * 0.24, cy - r * 0.4, ex + r * 0.24, cy + r * 0.1], fill="white", outline=line,
                     width=width)
        draw.ellipse([ex - r * 0.09 - r * 0.08, cy - r * 0.3, ex + r * 0.09 - r * 0.08, cy - r * 0.12], fill=line)
    draw.arc([cx - r * 0.35, cy + r * 0.25, cx + r * 0.35, cy + r * 0.6], 200, 340, fill=line, width=width)
    draw.polygon([(cx + r * 0.95, cy - r * 0.5), (cx + r * 1.1, cy - r * 0.2), (cx + r * 0.8, cy - r * 0.2)],
                 fill=(120, 190, 240))  # a drop of sweat
    draw.rectangle([cx - r * 0.55, cy + r * 0.7, cx + r * 0.25, cy + r * 1.3], fill=(214, 36, 36), outline=line,
                   width=width)
    draw.text((cx - r * 0.15, cy + r), "¥", fill=(250, 210, 90), anchor="mm",
              font=load_font(HEI_FONTS, r * 0.45))


def draw_inspector(draw: ImageDraw.ImageDraw, cx: float, cy: float, r: float) -> None:
    """A stern inspector: big head with knitted brows, blue jacket with a red badge."""
    line, width = (20, 20, 20), max(3, round(r * 0.04))
    draw.polygon([(cx - r * 1.3, cy + r * 4), (cx - r * 1.05, cy + r * 1.1), (cx + r * 1.05, cy + r * 1.1),
                  (cx + r * 1.3, cy + r * 4)], fill=(52, 96, 170), outline=line, width=width)
    draw.polygon([(cx - r * 0.35, cy + r * 1.1), (cx + r * 0.35, cy + r * 1.1), (cx, cy + r * 1.6)],
                 fill="white", outline=line, width=width)
    draw.ellipse([cx - r * 0.75, cy + r * 1.6, cx - r * 0.5, cy + r * 1.85], fill=(220, 40, 40))
    draw.ellipse([cx - r, cy - r, cx + r, cy + r * 1.15], fill=(246, 206, 170), outline=line, width=width)
    draw.chord([cx - r * 1.02, cy - r * 1.05, cx + r * 1.02, cy + r * 0.4], 180, 360, fill=(30, 28, 28))
    for side in (-1, 1):
        ex = cx + side * r * 0.4
        draw.line([(ex - r * 0.28, cy - r * (0.22 if side < 0 else 0.02)),  # brows knit towards the nose
                   (ex + r * 0.28, cy - r * (0.02 if side < 0 else 0.22))], fill=line, width=width * 3)
        draw.ellipse([ex - r * 0.16, cy + r * 0.05, ex + r * 0.16, cy + r * 0.37], fill="white", outline=line,
                     width=width)
        draw.ellipse([ex - r * 0.02, cy + r * 0.16, ex + r * 0.14, cy + r * 0.32], fill=line)
    draw.line([(cx - r * 0.25, cy + r * 0.8), (cx + r * 0.25, cy + r * 0.8)], fill=line, width=width * 2)


def cartoon_magnifier(name: str, size: tuple[int, int]) -> Image.Image:
    """《哪个小鬼敢胡来》: an inspector's magnifying glass finds a little devil with a bribe."""
    rng, s = rng_for(name), SUPERSAMPLE
    w, h = size[0] * s, size[1] * s
    art = Image.new("RGB", (w, h), (250, 240, 208))
    draw = ImageDraw.Draw(art)
    draw.ellipse([-0.2 * w, 0.2 * h, 0.9 * w, 1.1 * h], fill=(246, 222, 160))
    title = load_font(KAI_FONTS, w / 8.2)
    draw.text((w / 2, 0.1 * h), "哪个小鬼敢胡来", font=title, fill=(204, 34, 34), anchor="mm",
              stroke_width=round(w / 160), stroke_fill=(20, 20, 20))
    draw_inspector(draw, 0.32 * w, 0.42 * h, 0.17 * w)
    lens_x, lens_y, lens_r = 0.7 * w, 0.6 * h, 0.19 * w
    hand = (lens_x - lens_r * 1.45, lens_y + lens_r * 1.45)
    draw.line([(lens_x - lens_r * 0.7, lens_y + lens_r * 0.7), hand], fill=(110, 70, 40), width=round(0.035 * w))
    for colour, width in (((20, 20, 20), 0.085), ((52, 96, 170), 0.07)):  # the sleeve, outlined
        draw.line([(0.47 * w, 0.6 * h), hand], fill=colour, width=round(width * w))
    draw.ellipse([hand[0] - 0.05 * w, hand[1] - 0.05 * w, hand[0] + 0.05 * w, hand[1] + 0.05 * w],
                 fill=(246, 206, 170), outline=(20, 20, 20), width=6)
    draw.ellipse([lens_x - lens_r, lens_y - lens_r, lens_x + lens_r, lens_y + lens_r], fill=(214, 236, 244),
                 outline=(60, 60, 66), width=round(0.025 * w))
    draw_devil(draw, lens_x, lens_y - lens_r * 0.15, lens_r * 0.5)
    draw.arc([lens_x - lens_r * 0.8, lens_y - lens_r * 0.8, lens_x + lens_r * 0.8, lens_y + lens_r * 0.8],
             200, 250, fill="white", width=round(0.012 * w))  # the glass's glint
    draw_devil(draw, 0.88 * w, 0.93 * h, 0.035 * w)  # the devil itself, small, outside the glass
    art = art.resize(size, Image.Resampling.LANCZOS)
    mask = Image.new("L", size)
    sign_and_seal(art, mask, "夏洪斌", "夏洪斌印", size[0] * 0.93, size[1] * 0.2, size[0] * 0.035, rng)
    return art


def gourd_vine(paper: Image.Image, rng: random.Random) -> None:
    """Ink-wash leaves on a vine and two ochre gourds (葫芦, a sound-pun on 福禄), painted on `paper`."""
    w, h = paper.size
    layer = Image.new("L", paper.size)
    draw = ImageDraw.Draw(layer)
    vine = [(w * (0.95 - 0.75 * t), h * (0.12 + 0.1 * math.sin(t * 3.2))) for t in (i / 30 for i in range(31))]
    for (a, b), k in zip(zip(vine, vine[1:]), range(30)):
        draw.line([a, b], fill=255, width=round(w * 0.014 * (1 - k / 40)))
    for k in range(3):  # curling tendrils, one and a half turns each
        x0, y0 = vine[4 + 10 * k]
        draw.line([(x0 + w * 0.0008 * t * math.cos(t * 0.3), y0 + w * 0.0008 * t * math.sin(t * 0.3))
                   for t in range(32)], fill=255, width=3)
    paper.paste((58, 48, 40), mask=layer.filter(ImageFilter.GaussianBlur(1.2)))
    for x, y, r in ((0.78, 0.14, 0.13), (0.55, 0.2, 0.15), (0.3, 0.12, 0.12), (0.42, 0.06, 0.1)):
        leaf = Image.new("L", paper.size)
        lobes = ImageDraw.Draw(leaf)
        for a in range(5):  # a palmate leaf: five overlapping lobes
            ang = math.pi * (0.1 + 0.2 * a) + rng.uniform(-0.1, 0.1)
            lx, ly = x * w + r * w * 0.45 * math.cos(ang), y * h + r * w * 0.45 * math.sin(ang)
            lobes.ellipse([lx - r * w * 0.42, ly - r * w * 0.42, lx + r * w * 0.42, ly + r * w * 0.42],
                          fill=rng.randint(150, 200))
        paper.paste((44, 74, 52), mask=leaf.filter(ImageFilter.GaussianBlur(w / 250)))
    for x, y, r in ((0.45, 0.5, 0.12), (0.7, 0.44, 0.09)):
        gourd = Image.new("L", paper.size)
        shape = ImageDraw.Draw(gourd)
        shape.ellipse([(x - r) * w, y * h, (x + r) * w, y * h + 2 * r * w], fill=255)
        shape.ellipse([(x - 0.62 * r) * w, y * h - 1.05 * r * w, (x + 0.62 * r) * w, y * h + 0.25 * r * w],
                      fill=255)
        paper.paste((214, 160, 62), mask=gourd.filter(ImageFilter.GaussianBlur(1.5)))
        ImageDraw.Draw(paper).line([(x * w, y * h - r * w), (x * w + w * 0.01, h * 0.19)], fill=(58, 48, 40),
                                   width=5)
        # The shadowed side: the gourd minus itself moved left leaves a crescent on the right.
        moved = gourd.transform(paper.size, Image.Transform.AFFINE, (1, 0, r * w * 0.45, 0, 1, 0))
        shade = ImageChops.subtract(gourd, moved).point(lambda v: v // 2)
        paper.paste((150, 96, 40), mask=shade.filter(ImageFilter.GaussianBlur(r * w * 0.2)))


def painted_gourds(name: str, size: tuple[int, int]) -> Image.Image:
    """《不贪是福》: gourds on a vine in ink and colour, the title written down the left side."""
    rng = rng_for(name)
    margins = (round(size[0] * 0.08), round(size[1] * 0.12), round(size[0] * 0.08), round(size[1] * 0.07))
    paper = rice_paper((size[0] - margins[0] - margins[2], size[1] - margins[1] - margins[3]), rng)
    gourd_vine(paper, rng)
    mask = Image.new("L", paper.size)
    pitch = paper.height * 0.12
    x = paper.width * 0.14
    bottom = write_column(mask, "不贪是福", load_font(KAI_FONTS, pitch * 0.85), x, paper.height * 0.28, pitch, rng)
    sign_and_seal(paper, mask, "谢祚强", "谢祚强印", x, bottom + pitch * 0.1, pitch * 0.22, rng)
    return mount(paper, (168, 182, 170), margins, rng, rollers=True)




# --- the page's works --------------------------------------------------------------------

# File stem (the work's title inside 《》) -> how to draw it. Pixel sizes give 300 ppi at up to
# 160 mm wide for the photos and well over 60 mm on the long side for the artworks.
WORKS = {
    "廉是北塔百年矗立": lambda n: river_town_with_pagoda(n, (1890, 1260)),
    "纯洁的队伍": lambda n: group_with_banner(n, (1890, 1260)),
    "气清乾坤": lambda n: hanging_scroll(n, (600, 1800), ["气清乾坤"], "翁泽斌书", "翁泽斌印",
                                      (166, 180, 186), "清风"),
    "清廉北塔": lambda n: horizontal_banner(n, (1800, 600), "清廉北塔", "黄斌书", "黄斌", (176, 166, 146)),
    "百年沧桑": lambda n: hanging_scroll(n, (600, 1800), ["百年沧桑"], "林丽君书", "林丽君印", (150, 128, 100)),
    "哪个小鬼敢胡来": lambda n: cartoon_magnifier(n, (1200, 1600)),
    "清·廉": lambda n: couplet(n, (1200, 1800), ("清风两袖", "廉洁一生"), "石泉书", "石泉", (150, 120, 90)),
    "历览前贤": lambda n: hanging_scroll(n, (640, 1920), ["历览前贤国与家", "成由勤俭破由奢"],
                                      "李商隐诗夏武平书", "夏武平印", (196, 184, 160)),
    "一身正氣": lambda n: hanging_scroll(n, (600, 1800), ["一身正氣"], "曾伟书", "曾伟", (128, 146, 132), "守正"),
    "不贪是福": lambda n: painted_gourds(n, (1200, 1600)),
}


def main(argv: list[str] | None = None) -> int:
    """Writes the chosen works (all by default) as JPEGs into the output folder."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--out", type=Path, default=HERE / "beita", help="folder to write into")
    parser.add_argument("works", nargs="*", choices=[[], *WORKS], metavar="TITLE",
                        help="titles to draw (default: all): " + " ".join(WORKS))
    args = parser.parse_args(argv)
    args.out.mkdir(parents=True, exist_ok=True)
    for title in args.works or WORKS:
        path = args.out / f"{title}.jpg"
        save_jpeg(WORKS[title](title), path)
        print(f"{path}  {path.stat().st_size // 1024} KiB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
