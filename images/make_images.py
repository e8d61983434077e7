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
UKAI = "/usr/share/fonts/truetype/arphic/ukai.ttc"
FONTS = {  # first installed file wins; the fallbacks change the pixels (see README)
    "kai": ("/usr/share/fonts/truetype/lxgw-wenkai/LXGWWenKai-Bold.ttf", UKAI),
    "kai-light": ("/usr/share/fonts/truetype/lxgw-wenkai/LXGWWenKai-Regular.ttf", UKAI),
    "hei": ("/usr/share/fonts/opentype/noto/NotoSansCJK-Bold.ttc", UKAI),
}
SUPERSAMPLE = 2  # scenes are drawn at twice the size and reduced, which antialiases every edge
INK, LINE, SEAL_RED, PAPER = (24, 22, 20), (20, 20, 20), (178, 34, 30), (236, 226, 200)
SKIN = (246, 206, 170)
Box = tuple[float, float, float, float]


def load_font(kind: str, size: float) -> ImageFont.FreeTypeFont:
    """The first installed face of FONTS[kind] at `size` pixels; exits with a hint if none is."""
    for path in FONTS[kind]:
        if Path(path).is_file():
            return ImageFont.truetype(path, max(1, round(size)))
    sys.exit(f"error: none of {', '.join(FONTS[kind])} is installed "
             "(hint: apt-get install fonts-lxgw-wenkai fonts-noto-cjk fonts-arphic-ukai)")


def srgb_profile() -> bytes:
    """LittleCMS's built-in sRGB profile with a fixed creation date, so output bytes are stable."""
    profile = bytearray(ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes())
    profile[24:36] = struct.pack(">6H", 2024, 1, 1, 0, 0, 0)  # ICC.1:2010 §7.2.1 creation date
    profile[84:100] = bytes(16)  # §7.2.18: a zero profile ID means "not computed"
    return bytes(profile)


def save_jpeg(image: Image.Image, path: Path) -> None:
    """Writes `image` as a baseline sRGB JPEG, quality 85, tagged 300 ppi (JFIF density)."""
    image.convert("RGB").save(path, "JPEG", quality=85, optimize=True, dpi=(300, 300), icc_profile=srgb_profile())


def rng_for(name: str) -> random.Random:
    """A random source seeded by the file name, so each image is stable on its own."""
    return random.Random(zlib.crc32(name.encode("utf-8")))


def noise(size: tuple[int, int], rng: random.Random, cell: tuple[int, int] = (1, 1), blur: float = 0) -> Image.Image:
    """Uniform grey noise from `rng` (Pillow's own is not seedable), in cells of `cell` pixels."""
    small = (max(2, size[0] // cell[0]), max(2, size[1] // cell[1]))
    grain = Image.frombytes("L", small, rng.randbytes(small[0] * small[1]))
    grain = grain.resize(size, Image.Resampling.BICUBIC) if small != size else grain
    return grain.filter(ImageFilter.GaussianBlur(blur)) if blur else grain


def add_grain(image: Image.Image, rng: random.Random, gain: float, blur: float = 0,
              cell: tuple[int, int] = (1, 1)) -> Image.Image:
    """Adds noise, scaled by `gain` around mid-grey, to all channels alike: film grain, paper, silk."""
    grain = noise(image.size, rng, cell, blur).point(lambda v: round(128 + (v - 128) * gain))
    return ImageChops.add(image.convert("RGB"), Image.merge("RGB", [grain] * 3), 1.0, -128)


def vertical_gradient(size: tuple[int, int], top: tuple, bottom: tuple) -> Image.Image:
    """An RGB image fading from `top` to `bottom`."""
    mask = Image.linear_gradient("L").resize(size)
    return Image.composite(Image.new("RGB", size, bottom), Image.new("RGB", size, top), mask)


def vignette(image: Image.Image, strength: float) -> Image.Image:
    """Darkens the corners as a camera lens does."""
    ring = Image.radial_gradient("L").resize(image.size).point(lambda v: int(max(0, v - 110) * strength))
    return Image.composite(Image.new("RGB", image.size), image, ring)


def disc(draw: ImageDraw.ImageDraw, x: float, y: float, rx: float, ry: float | None = None, **style) -> None:
    """An ellipse centred on (x, y)."""
    draw.ellipse([x - rx, y - (ry or rx), x + rx, y + (ry or rx)], **style)


def darker(colour: tuple, factor: float) -> tuple:
    """`colour` with every channel scaled by `factor`."""
    return tuple(round(c * factor) for c in colour)


# --- photographs -------------------------------------------------------------------------


def hills(draw: ImageDraw.ImageDraw, rng: random.Random, size: tuple[int, int], base: float, relief: float,
          colour: tuple) -> None:
    """A range of hills across the picture, its ridge made by midpoint displacement."""
    heights, spread = [base - rng.uniform(0, relief), base - rng.uniform(0, relief)], relief
    for _ in range(8):
        spread *= 0.55
        heights = [y for a, b in zip(heights, heights[1:]) for y in (a, (a + b) / 2 + rng.uniform(-spread, spread))]\
            + heights[-1:]
    ridge = [(size[0] * i / (len(heights) - 1), y) for i, y in enumerate(heights)]
    draw.polygon([*ridge, (size[0], size[1]), (0, size[1])], fill=colour)


def draw_pagoda(draw: ImageDraw.ImageDraw, cx: float, base: float, height: float) -> None:
    """A seven-storey brick pagoda (北塔 is one) lit from the left, with upswept eaves and a finial."""
    shares = [0.93 ** i for i in range(7)]
    unit, half, y = height * 0.78 / sum(shares), height * 0.1, base - height * 0.04
    draw.rectangle([cx - half * 1.25, y, cx + half * 1.25, base], fill=(150, 140, 124))
    for level, share in enumerate(shares):
        top, w, d = y - unit * share, half * (1 - 0.055 * level), unit * 0.2
        draw.rectangle([cx - w, top, cx + w, y], fill=(214, 206, 188))
        draw.rectangle([cx + w * 0.25, top, cx + w, y], fill=(168, 160, 146))  # the shaded side
        door_x, door_w = cx - w * 0.35, w * 0.14
        draw.rounded_rectangle([door_x - door_w, y - unit * share * 0.6, door_x + door_w, y - unit * share * 0.18],
                               radius=door_w, fill=(48, 42, 40))
        e = w * 1.5  # the eave's half width; its corners sweep up above the roof line
        draw.polygon([(cx - e * 1.18, top - d * 1.6), (cx - e * 0.8, top - d * 0.2), (cx - e * 0.55, top - d),
                      (cx + e * 0.55, top - d), (cx + e * 0.8, top - d * 0.2), (cx + e * 1.18, top - d * 1.6),
                      (cx + e * 0.9, top + d * 0.35), (cx - e * 0.9, top + d * 0.35)], fill=(62, 58, 56))
        draw.line([(cx - e * 0.9, top + d * 0.45), (cx + e * 0.9, top + d * 0.45)], fill=(215, 208, 192),
                  width=max(1, round(d * 0.25)))
        y = top
    spire = height - (base - y)
    draw.rectangle([cx - half * 0.08, y - spire, cx + half * 0.08, y], fill=(70, 64, 58))
    for step, radius in enumerate((0.32, 0.24, 0.16)):
        disc(draw, cx, y - spire * (0.3 + 0.22 * step), half * radius, fill=(86, 78, 66))


def draw_bank(draw: ImageDraw.ImageDraw, rng: random.Random, x0: float, x1: float, ground: float,
              scale: float) -> None:
    """White-walled, dark-roofed riverside houses with some newer blocks of flats among them."""
    x = x0
    while x < x1:
        w, h = scale * rng.uniform(1.2, 2.6), scale * rng.uniform(0.8, 1.6)
        if rng.random() < 0.3:
            h *= rng.uniform(1.8, 2.8)
            draw.rectangle([x, ground - h, x + w, ground], fill=rng.choice([(226, 222, 212), (208, 196, 176)]))
            for row in range(int(h / (scale * 0.35))):
                wy = ground - h + scale * (0.12 + 0.35 * row)
                draw.rectangle([x + w * 0.12, wy, x + w * 0.88, wy + scale * 0.12], fill=(118, 128, 136))
        else:
            draw.rectangle([x, ground - h, x + w, ground], fill=rng.choice([(238, 236, 228), (212, 204, 190)]))
            draw.polygon([(x - scale * 0.12, ground - h), (x + w / 2, ground - h - scale * 0.45),
                          (x + w + scale * 0.12, ground - h)], fill=(58, 60, 64))
            for wx in (x + scale * (0.25 + 0.6 * k) for k in range(int(w / (scale * 0.6)))):
                draw.rectangle([wx, ground - h * 0.7, wx + scale * 0.22, ground - h * 0.4], fill=(70, 66, 62))
        x += w + scale * rng.uniform(0.05, 0.4)


def reflect_in_water(image: Image.Image, water_y: int, rng: random.Random) -> Image.Image:
    """Mirrors the scene above `water_y` into rippled, darkened water below it."""
    w, depth = image.width, image.height - water_y
    mirror = image.crop((0, water_y - depth, w, water_y)).transpose(Image.Transpose.FLIP_TOP_BOTTOM)
    mirror = mirror.filter(ImageFilter.BoxBlur(1)).filter(ImageFilter.GaussianBlur(3))
    rippled, phase = mirror.copy(), rng.uniform(0, math.tau)  # shifted rows leave the copy at the edges
    for row in range(depth):  # waves look larger nearer the camera
        rippled.paste(mirror.crop((0, row, w, row + 1)), (round(math.sin(row * 0.45 + phase) * (1 + 7 * row / depth)),
                                                          row))
    water = Image.blend(rippled, vertical_gradient(mirror.size, (92, 118, 126), (52, 74, 86)), 0.55)
    for _ in range(depth // 2):  # glints
        gx, gy, gl = rng.uniform(0, w), rng.uniform(0, depth), rng.uniform(10, 60) * (1 + 2 * rng.random())
        ImageDraw.Draw(water).line([(gx, gy), (gx + gl, gy)], fill=(150, 170, 176), width=1)
    result = image.copy()
    result.paste(water, (0, water_y))
    return result


def river_town_with_pagoda(name: str, size: tuple[int, int]) -> Image.Image:
    """《廉是北塔百年矗立》: the pagoda on its hill above the Zi river and the town on the bank."""
    rng, s = rng_for(name), SUPERSAMPLE
    w, h = size[0] * s, size[1] * s
    scene, clouds = vertical_gradient((w, h), (96, 146, 200), (226, 228, 220)), Image.new("L", (w, h))
    for _ in range(9):
        rx = rng.uniform(0.06, 0.16) * w
        disc(ImageDraw.Draw(clouds), rng.uniform(0, w), rng.uniform(0.05, 0.35) * h, rx, rx * 0.25, fill=170)
    scene.paste((250, 250, 248), mask=clouds.filter(ImageFilter.GaussianBlur(w * 0.02)))
    draw, bank_y, water_y = ImageDraw.Draw(scene), 0.63 * h, 0.66 * h
    hills(draw, rng, (w, h), 0.5 * h, 0.12 * h, (150, 170, 182))
    hills(draw, rng, (w, h), 0.56 * h, 0.08 * h, (96, 128, 104))
    draw.polygon([(0.5 * w + 0.42 * w * t / 40, 0.64 * h - 0.12 * h * math.sin(math.pi * t / 40) ** 0.7)
                  for t in range(41)], fill=(76, 108, 72))  # the pagoda's hill
    draw_pagoda(draw, 0.71 * w, 0.52 * h, 0.44 * h)
    for _ in range(50):  # trees on the hill's foot
        r = 0.03 * h * rng.uniform(0.35, 0.8)
        disc(draw, rng.uniform(0.55, 0.9) * w, bank_y - r, r, r * 1.1,
             fill=rng.choice([(46, 84, 48), (62, 100, 56), (38, 70, 44)]))
    draw_bank(draw, rng, -0.02 * w, 0.56 * w, bank_y, 0.04 * h)
    draw_bank(draw, rng, 0.86 * w, 1.02 * w, bank_y, 0.04 * h)
    draw.rectangle([0, bank_y, w, water_y], fill=(128, 124, 112))  # the stone embankment
    scene = reflect_in_water(scene.resize(size, Image.Resampling.LANCZOS), round(water_y / s), rng)
    return add_grain(vignette(scene, 0.35), rng, 0.12, 0.6)


def draw_person(draw: ImageDraw.ImageDraw, rng: random.Random, cx: float, feet: float, height: float) -> None:
    """A standing figure in a dark suit with a white collar and a red tie or party badge."""
    head, sh, neck, hip = height * 0.14, height * 0.25, feet - height * 0.84, feet - height * 0.45
    suit = rng.choice([(30, 34, 44), (36, 38, 42), (24, 28, 38), (48, 44, 46)])
    skin = rng.choice([(232, 196, 166), (222, 182, 150), (240, 206, 178), (212, 170, 138)])
    disc(draw, cx, feet, sh * 0.9, height * 0.02, fill=(140, 136, 130))  # shadow on the ground
    for side in (-1, 1):  # a leg and shoe, an arm hanging a little apart, a hand at hip height
        inner, outer = sorted((cx + side * sh * 0.04, cx + side * sh * 0.36))
        draw.rectangle([inner, hip, outer, feet - height * 0.02], fill=(34, 34, 38))
        disc(draw, cx + side * sh * 0.23, feet - height * 0.012, height * 0.06, height * 0.023, fill=(16, 14, 14))
        arm_x = cx + side * sh * 0.47
        draw.line([(arm_x, neck + height * 0.05), (arm_x + side * height * 0.02, hip)], fill=suit,
                  width=round(sh * 0.2))
        disc(draw, arm_x + side * height * 0.02, hip + height * 0.018, height * 0.025, height * 0.028, fill=skin)
    draw.polygon([(cx - sh / 2, neck + height * 0.03), (cx - sh * 0.3, neck), (cx + sh * 0.3, neck),
                  (cx + sh / 2, neck + height * 0.03), (cx + sh * 0.4, hip + height * 0.04),
                  (cx - sh * 0.4, hip + height * 0.04)], fill=suit)
    draw.polygon([(cx - sh * 0.14, neck), (cx + sh * 0.14, neck), (cx, neck + height * 0.12)], fill=(240, 240, 236))
    if rng.random() < 0.5:
        draw.polygon([(cx - height * 0.012, neck + height * 0.01), (cx + height * 0.012, neck + height * 0.01),
                      (cx, neck + height * 0.12)], fill=(196, 30, 36))
    else:
        disc(draw, cx - sh * 0.26, neck + height * 0.1, height * 0.014, fill=(214, 40, 40))
    draw.rectangle([cx - head * 0.2, neck - head * 0.25, cx + head * 0.2, neck + 2], fill=skin)
    top = neck - head * 1.15
    disc(draw, cx, top + head / 2, head * 0.42, head / 2, fill=skin)
    hair = 0.9 if rng.random() < 0.35 else 0.6  # longer or shorter hair
    draw.chord([cx - head * 0.46, top - head * 0.06, cx + head * 0.46, top + head * hair], 180, 360, fill=(22, 20, 20))


def group_with_banner(name: str, size: tuple[int, int]) -> Image.Image:
    """《纯洁的队伍》: two rows of people in dark clothes before a hall, under a red banner."""
    rng, s = rng_for(name), SUPERSAMPLE
    w, h = size[0] * s, size[1] * s
    scene = vertical_gradient((w, h), (150, 182, 214), (222, 226, 224))
    draw = ImageDraw.Draw(scene)
    draw.rectangle([0, 0.12 * h, w, 0.7 * h], fill=(226, 218, 200))  # the hall's facade
    for x in (w * (0.04 + k * 0.115) for k in range(9)):
        draw.rectangle([x, 0.18 * h, x + 0.07 * w, 0.62 * h], fill=(148, 162, 172))
        draw.rectangle([x + 0.075 * w, 0.12 * h, x + 0.1 * w, 0.7 * h], fill=(238, 232, 218))
    draw.rectangle([0, 0.7 * h, w, h], fill=(168, 164, 156))  # the paved square
    for k in range(12):
        draw.line([(w * k / 11, 0.7 * h), (w * (k / 11 - 0.5) * 2.2 + w / 2, h)], fill=(156, 152, 146), width=3)
    draw.rectangle([0.08 * w, 0.2 * h, 0.92 * w, 0.31 * h], fill=(200, 28, 32))
    draw.text((w / 2, 0.255 * h), "清廉北塔  风清气正", font=load_font("hei", 0.068 * h), fill=(255, 246, 214),
              anchor="mm")
    for row, (count, feet, tall) in enumerate(((9, 0.8 * h, 0.42 * h), (8, 0.95 * h, 0.47 * h))):
        for k in range(count):
            cx = w * (0.1 + 0.8 * (k + 0.5) / count) + rng.uniform(-8, 8) * s
            draw_person(draw, rng, cx, feet + rng.uniform(-4, 4) * s, tall * rng.uniform(0.93, 1.05))
    scene = scene.resize(size, Image.Resampling.LANCZOS).filter(ImageFilter.GaussianBlur(0.6))
    return add_grain(vignette(scene, 0.3), rng, 0.12, 0.6)


# --- calligraphy -------------------------------------------------------------------------


def rice_paper(size: tuple[int, int], rng: random.Random) -> Image.Image:
    """Xuan paper: a warm tone, faint mottling, a few fibres and a fine grain."""
    paper = add_grain(Image.new("RGB", size, PAPER), rng, 0.05, cell=(50, 50))
    draw = ImageDraw.Draw(paper)
    for _ in range(size[0] * size[1] // 6000):
        x, y, a = rng.uniform(0, size[0]), rng.uniform(0, size[1]), rng.uniform(0, math.tau)
        length = rng.uniform(4, 18)
        draw.line([(x, y), (x + length * math.cos(a), y + length * math.sin(a))], fill=darker(PAPER, 0.94))
    return add_grain(paper, rng, 0.1, 0.8)


def brush_glyph(char: str, font: ImageFont.FreeTypeFont, rng: random.Random) -> Image.Image:
    """One character as a mask, fuller than the font's pen and tilted a little as a hand writes."""
    side, scale = round(font.size * 1.4), rng.uniform(0.94, 1.06)
    glyph = Image.new("L", (side, side))
    ImageDraw.Draw(glyph).text((side / 2, side / 2), char, font=font, fill=255, anchor="mm")
    glyph = glyph.resize((round(side * scale),) * 2, Image.Resampling.BICUBIC)
    swell = 2 * round(font.size / 90) + 1
    glyph = glyph.filter(ImageFilter.MaxFilter(swell)).filter(ImageFilter.GaussianBlur(swell / 4))
    return glyph.rotate(rng.uniform(-3, 3), Image.Resampling.BICUBIC)


def write_column(mask: Image.Image, text: str, font: ImageFont.FreeTypeFont, x: float, y: float, pitch: float,
                 rng: random.Random) -> float:
    """Writes `text` top to bottom centred on column `x` from `y`; returns the y below it."""
    for char in text:
        glyph, jitter = brush_glyph(char, font, rng), font.size * 0.03
        mask.paste(255, (round(x - glyph.width / 2 + rng.uniform(-jitter, jitter)),
                         round(y + pitch / 2 - glyph.height / 2 + rng.uniform(-jitter, jitter))), glyph)
        y += pitch
    return y


def ink_on(paper: Image.Image, mask: Image.Image, rng: random.Random) -> None:
    """Inks `mask` onto `paper`: a soft bleed into the fibres and a few dry-brush specks."""
    bleed = mask.filter(ImageFilter.GaussianBlur(max(1.0, paper.width / 600))).point(lambda v: v // 2)
    dry = noise(paper.size, rng, (3, 3)).point(lambda v: 255 if v < 240 else 170).filter(ImageFilter.GaussianBlur(1))
    paper.paste(INK, mask=ImageChops.multiply(ImageChops.lighter(mask, bleed), dry))


def stamp(paper: Image.Image, text: str, height: int, x: float, y: float, rng: random.Random) -> None:
    """Presses a carved seal (白文: characters cut out of the red, right column read first) with
    its top centre at (x, y), a little worn and translucent."""
    columns = 2 if len(text) == 4 else 1
    rows = math.ceil(len(text) / columns)
    cell = height / rows
    mask = Image.new("L", (round(cell * columns + height * 0.16), height))
    draw = ImageDraw.Draw(mask)
    draw.rounded_rectangle([0, 0, mask.width - 1, height - 1], radius=height * 0.05, fill=230)
    for index, char in enumerate(text):
        column, row = divmod(index, rows)
        draw.text((mask.width - height * 0.08 - cell * (column + 0.5), height * 0.02 + cell * (row + 0.5)), char,
                  font=load_font("kai", cell * 0.84), fill=0, anchor="mm")
    worn = noise(mask.size, rng).point(lambda v: 0 if v > 246 else 255).filter(ImageFilter.GaussianBlur(0.7))
    paper.paste(SEAL_RED, (round(x - mask.width / 2), round(y)), ImageChops.multiply(mask, worn))


def sign(paper: Image.Image, mask: Image.Image, signature: str, seal_text: str, x: float, y: float, size: float,
         rng: random.Random) -> None:
    """Writes the signature column down from (x, y), inks `mask` and stamps the name seal below."""
    bottom = write_column(mask, signature, load_font("kai-light", size), x, y, size * 1.1, rng)
    ink_on(paper, mask, rng)
    if seal_text:
        stamp(paper, seal_text, round(size * (1.9 if len(seal_text) == 4 else 2.2)), x, bottom + size * 0.4, rng)


def mount(paper: Image.Image, silk: tuple, margins: tuple[int, int, int, int], rng: random.Random,
          rollers: bool) -> Image.Image:
    """Mounts `paper` on silk (left, top, right, bottom margins) with a darker rim round it and,
    for a hanging scroll, the top bar, the bottom roller and the two 惊燕 strips."""
    left, top, right, bottom = margins
    size = (paper.width + left + right, paper.height + top + bottom)
    mounted = add_grain(Image.new("RGB", size, silk), rng, 0.06, cell=(1, 6))  # threads run across
    draw, rim = ImageDraw.Draw(mounted), max(3, min(size) // 100)
    draw.rectangle([left - rim, top - rim, left + paper.width + rim - 1, top + paper.height + rim - 1],
                   fill=darker(silk, 0.8))
    mounted.paste(paper, (left, top))
    if rollers:
        strip, bar, roller = max(4, size[0] // 40), max(6, size[1] // 120), max(12, size[1] // 45)
        for x in (size[0] * 0.3, size[0] * 0.7):
            draw.rectangle([x - strip / 2, 0, x + strip / 2, top * 0.95], fill=darker(silk, 0.86))
        draw.rectangle([0, 0, size[0], bar], fill=(92, 64, 42))
        draw.rectangle([0, size[1] - roller, size[0], size[1]], fill=(70, 44, 28))
        draw.line([(0, size[1] - roller * 0.7), (size[0], size[1] - roller * 0.7)], fill=(120, 84, 56), width=2)
    return mounted


def hanging_scroll(name: str, size: tuple[int, int], columns: list[str], signature: str, seal_text: str,
                   silk: tuple, lead_seal: str = "", spare: tuple[float, float] = (0.45, 0.0)) -> Image.Image:
    """A 立轴: columns read right to left, the signature and seal left of the last column; `spare`
    keeps (left, right) fractions of a column free beside the text."""
    rng = rng_for(name)
    margins = (round(size[0] * 0.1), round(size[1] * 0.17), round(size[0] * 0.1), round(size[1] * 0.09))
    paper = rice_paper((size[0] - margins[0] - margins[2], size[1] - margins[1] - margins[3]), rng)
    pad, rows, slots = paper.width * 0.08, max(map(len, columns)), len(columns) + sum(spare)
    pitch = min((paper.width - 2 * pad) / slots, (paper.height - 2 * pad) / rows)
    row_pitch = min((paper.height - 2 * pad) / rows, pitch * 1.2)
    first_x, top = paper.width / 2 + pitch * (slots / 2 - spare[1] - 0.5), (paper.height - row_pitch * rows) / 2
    mask, font = Image.new("L", paper.size), load_font("kai", min(pitch, row_pitch) * 0.88)
    for index, column in enumerate(columns):
        write_column(mask, column, font, first_x - index * pitch, top, row_pitch, rng)
    last_x = first_x - (len(columns) - 1) * pitch
    sign(paper, mask, signature, seal_text, last_x - pitch * 0.72, top + row_pitch * 0.6, pitch * 0.17, rng)
    if lead_seal:  # 引首章: a small oblong seal at the start of the text
        stamp(paper, lead_seal, round(pitch * 0.38), first_x + pitch * 0.5, top, rng)
    return mount(paper, silk, margins, rng, rollers=True)


def horizontal_banner(name: str, size: tuple[int, int], text: str, signature: str, seal_text: str,
                      silk: tuple) -> Image.Image:
    """A 横幅 written left to right, the signature column and seal at its end."""
    rng, margin = rng_for(name), round(size[1] * 0.12)
    paper = rice_paper((size[0] - 2 * margin, size[1] - 2 * margin), rng)
    pad = paper.height * 0.12
    pitch = min(paper.height - 2 * pad, (paper.width - 2 * pad) / (len(text) + 0.5))
    mask, font = Image.new("L", paper.size), load_font("kai", pitch * 0.88)
    left, top = (paper.width - pitch * (len(text) + 0.5)) / 2, (paper.height - pitch) / 2
    for index, char in enumerate(text):
        write_column(mask, char, font, left + pitch * (index + 0.5), top, pitch, rng)
    sign(paper, mask, signature, seal_text, left + pitch * (len(text) + 0.25), top + pitch * 0.1, pitch * 0.14, rng)
    return mount(paper, silk, (margin,) * 4, rng, rollers=False)


def couplet(name: str, size: tuple[int, int], lines: tuple[str, str], signature: str, seal_text: str,
            silk: tuple) -> Image.Image:
    """A 对联 on a wall: the first line (上联) hangs on the right, the second, signed, on the left."""
    wall = add_grain(vertical_gradient(size, (228, 224, 216), (206, 200, 190)), rng_for(name), 0.08, 1.0)
    strip = (round(size[0] * 0.34), round(size[1] * 0.9))
    y, shadow = (size[1] - strip[1]) // 2, Image.new("L", size)
    strips = ((0.56, hanging_scroll(name + "上联", strip, [lines[0]], "", "", silk, "清风", (0.4, 0.4))),
              (0.1, hanging_scroll(name + "下联", strip, [lines[1]], signature, seal_text, silk, "", (0.4, 0.4))))
    for left, _ in strips:
        shadow.paste(90, (round(size[0] * left) + 8, y + 10, round(size[0] * left) + strip[0] + 8, y + strip[1] + 10))
    wall.paste((60, 56, 50), mask=shadow.filter(ImageFilter.GaussianBlur(10)))
    for left, image in strips:
        wall.paste(image, (round(size[0] * left), y))
    return wall


# --- paintings ---------------------------------------------------------------------------


def draw_devil(draw: ImageDraw.ImageDraw, cx: float, cy: float, r: float) -> None:
    """A frightened little green devil clutching a red envelope (a bribe), in flat cartoon colours."""
    style = {"outline": LINE, "width": max(2, round(r * 0.05))}
    for side in (-1, 1):
        draw.polygon([(cx + side * r * 0.45, cy - r * 0.75), (cx + side * r * 0.75, cy - r * 1.45),
                      (cx + side * r * 0.15, cy - r * 0.95)], fill=(250, 236, 170), **style)
    disc(draw, cx, cy + r * 0.95, r * 0.7, r * 0.65, fill=(92, 170, 92), **style)
    disc(draw, cx, cy - r * 0.1, r, r * 0.9, fill=(110, 190, 104), **style)
    for ex in (cx - r * 0.38, cx + r * 0.38):  # eyes rolled up and aside
        disc(draw, ex, cy - r * 0.15, r * 0.24, r * 0.25, fill="white", **style)
        disc(draw, ex - r * 0.08, cy - r * 0.21, r * 0.09, fill=LINE)
    draw.arc([cx - r * 0.35, cy + r * 0.25, cx + r * 0.35, cy + r * 0.6], 200, 340, fill=LINE, width=style["width"])
    draw.polygon([(cx + r * 0.95, cy - r * 0.5), (cx + r * 1.1, cy - r * 0.2), (cx + r * 0.8, cy - r * 0.2)],
                 fill=(120, 190, 240))  # a drop of sweat
    draw.rectangle([cx - r * 0.55, cy + r * 0.7, cx + r * 0.25, cy + r * 1.3], fill=(214, 36, 36), **style)
    draw.text((cx - r * 0.15, cy + r), "¥", fill=(250, 210, 90), anchor="mm", font=load_font("hei", r * 0.45))


def draw_inspector(draw: ImageDraw.ImageDraw, cx: float, cy: float, r: float) -> None:
    """A stern inspector: big head with knitted brows, blue jacket with a red badge."""
    width = max(3, round(r * 0.04))
    draw.polygon([(cx - r * 1.3, cy + r * 4), (cx - r * 1.05, cy + r * 1.1), (cx + r * 1.05, cy + r * 1.1),
                  (cx + r * 1.3, cy + r * 4)], fill=(52, 96, 170), outline=LINE, width=width)
    draw.polygon([(cx - r * 0.35, cy + r * 1.1), (cx + r * 0.35, cy + r * 1.1), (cx, cy + r * 1.6)], fill="white",
                 outline=LINE, width=width)
    disc(draw, cx - r * 0.62, cy + r * 1.72, r * 0.12, fill=(220, 40, 40))
    draw.ellipse([cx - r, cy - r, cx + r, cy + r * 1.15], fill=SKIN, outline=LINE, width=width)
    draw.chord([cx - r * 1.02, cy - r * 1.05, cx + r * 1.02, cy + r * 0.4], 180, 360, fill=(30, 28, 28))
    for side in (-1, 1):
        ex = cx + side * r * 0.4
        draw.line([(ex - r * 0.28, cy - r * (0.22 if side < 0 else 0.02)),  # brows knit towards the nose
                   (ex + r * 0.28, cy - r * (0.02 if side < 0 else 0.22))], fill=LINE, width=width * 3)
        disc(draw, ex, cy + r * 0.21, r * 0.16, fill="white", outline=LINE, width=width)
        disc(draw, ex + r * 0.06, cy + r * 0.24, r * 0.08, fill=LINE)  # looking down at the glass
    draw.line([(cx - r * 0.25, cy + r * 0.8), (cx + r * 0.25, cy + r * 0.8)], fill=LINE, width=width * 2)


def cartoon_magnifier(name: str, size: tuple[int, int]) -> Image.Image:
    """《哪个小鬼敢胡来》: an inspector's magnifying glass finds a little devil with a bribe."""
    rng, s = rng_for(name), SUPERSAMPLE
    w, h = size[0] * s, size[1] * s
    art = Image.new("RGB", (w, h), (250, 240, 208))
    draw = ImageDraw.Draw(art)
    draw.ellipse([-0.2 * w, 0.2 * h, 0.9 * w, 1.1 * h], fill=(246, 222, 160))
    draw.text((w / 2, 0.1 * h), "哪个小鬼敢胡来", font=load_font("kai", w / 8.2), fill=(204, 34, 34), anchor="mm",
              stroke_width=round(w / 160), stroke_fill=LINE)
    draw_inspector(draw, 0.32 * w, 0.42 * h, 0.17 * w)
    lens_x, lens_y, lens_r = 0.7 * w, 0.6 * h, 0.19 * w
    hand = (lens_x - lens_r * 1.45, lens_y + lens_r * 1.45)
    draw.line([(lens_x - lens_r * 0.7, lens_y + lens_r * 0.7), hand], fill=(110, 70, 40), width=round(0.035 * w))
    for colour, width in ((LINE, 0.085), ((52, 96, 170), 0.07)):  # the sleeve, outlined
        draw.line([(0.47 * w, 0.6 * h), hand], fill=colour, width=round(width * w))
    disc(draw, *hand, 0.05 * w, fill=SKIN, outline=LINE, width=6)
    disc(draw, lens_x, lens_y, lens_r, fill=(214, 236, 244), outline=(60, 60, 66), width=round(0.025 * w))
    draw_devil(draw, lens_x, lens_y - lens_r * 0.15, lens_r * 0.5)
    draw.arc([lens_x - lens_r * 0.8, lens_y - lens_r * 0.8, lens_x + lens_r * 0.8, lens_y + lens_r * 0.8],
             200, 250, fill="white", width=round(0.012 * w))  # the glass's glint
    draw_devil(draw, 0.88 * w, 0.93 * h, 0.035 * w)  # the devil itself, small, outside the glass
    art = art.resize(size, Image.Resampling.LANCZOS)
    sign(art, Image.new("L", size), "夏洪斌", "夏洪斌印", size[0] * 0.93, size[1] * 0.2, size[0] * 0.035, rng)
    return art


def gourd_vine(paper: Image.Image, rng: random.Random) -> None:
    """Paints a vine with ink-wash leaves and two ochre gourds (葫芦, a pun on 福禄) on `paper`."""
    w, h = paper.size
    layer = Image.new("L", paper.size)
    draw = ImageDraw.Draw(layer)
    vine = [(w * (0.95 - 0.75 * t), h * (0.12 + 0.1 * math.sin(t * 3.2))) for t in (i / 30 for i in range(31))]
    for k, segment in enumerate(zip(vine, vine[1:])):
        draw.line(segment, fill=255, width=round(w * 0.014 * (1 - k / 40)))
    for x0, y0 in vine[4::10]:  # tendrils, one and a half turns each
        draw.line([(x0 + w * 0.0008 * t * math.cos(t * 0.3), y0 + w * 0.0008 * t * math.sin(t * 0.3))
                   for t in range(32)], fill=255, width=3)
    paper.paste((58, 48, 40), mask=layer.filter(ImageFilter.GaussianBlur(1.2)))
    for x, y, r in ((0.78, 0.14, 0.13), (0.55, 0.2, 0.15), (0.3, 0.12, 0.12), (0.42, 0.06, 0.1)):
        leaf = Image.new("L", paper.size)
        for lobe in range(5):  # a palmate leaf: five overlapping lobes of uneven wash
            angle = math.pi * (0.1 + 0.2 * lobe) + rng.uniform(-0.1, 0.1)
            disc(ImageDraw.Draw(leaf), (x + r * 0.45 * math.cos(angle)) * w, y * h + r * w * 0.45 * math.sin(angle),
                 r * w * 0.42, fill=rng.randint(150, 200))
        paper.paste((44, 74, 52), mask=leaf.filter(ImageFilter.GaussianBlur(w / 250)))
    for x, y, r in ((0.5, 0.38, 0.15), (0.76, 0.33, 0.1)):
        gourd = Image.new("L", paper.size)
        disc(ImageDraw.Draw(gourd), x * w, y * h + r * w, r * w, fill=255)
        disc(ImageDraw.Draw(gourd), x * w, y * h - 0.4 * r * w, 0.62 * r * w, 0.65 * r * w, fill=255)
        paper.paste((214, 160, 62), mask=gourd.filter(ImageFilter.GaussianBlur(1.5)))
        ImageDraw.Draw(paper).line([(x * w, y * h - r * w), (x * w + w * 0.01, h * 0.19)], fill=(58, 48, 40), width=5)
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
    mask, pitch, x = Image.new("L", paper.size), paper.height * 0.12, paper.width * 0.14
    bottom = write_column(mask, "不贪是福", load_font("kai", pitch * 0.85), x, paper.height * 0.28, pitch, rng)
    sign(paper, mask, "谢祚强", "谢祚强印", x, bottom + pitch * 0.1, pitch * 0.22, rng)
    return mount(paper, (168, 182, 170), margins, rng, rollers=True)


# --- the page's works --------------------------------------------------------------------

# File stem (the work's title inside 《》) -> how to draw it. Photos are 300 ppi at 160 mm wide,
# artworks at well over the 60 mm long side the page gives them.
def poster_ad(name: str, size: tuple[int, int], lines: tuple[str, str, str], colour: tuple) -> Image.Image:
    """A booked display ad: a coloured field, a slogan in two sizes of 黑体 and a contact line."""
    rng = rng_for(name)
    image = vertical_gradient(size, colour, darker(colour, 0.6))
    draw = ImageDraw.Draw(image)
    width, height = size
    disc(draw, width * 0.85, height * 0.25, height * 0.35, fill=darker(colour, 1.25))
    for text, scale, y in zip(lines, (0.22, 0.12, 0.07), (0.18, 0.5, 0.78)):
        font = load_font("hei", height * scale)
        box = draw.textbbox((0, 0), text, font=font)
        draw.text(((width - (box[2] - box[0])) / 2, height * y), text, font=font, fill=(255, 250, 235))
    return add_grain(image, rng, 1.5, blur=1)


BEITA = {
    "廉是北塔百年矗立": lambda n: river_town_with_pagoda(n, (1890, 1260)),
    "纯洁的队伍": lambda n: group_with_banner(n, (1890, 1260)),
    "气清乾坤": lambda n: hanging_scroll(n, (600, 1800), ["气清乾坤"], "翁泽斌书", "翁泽斌印", (166, 180, 186),
                                      "清风"),
    "清廉北塔": lambda n: horizontal_banner(n, (1800, 600), "清廉北塔", "黄斌书", "黄斌", (176, 166, 146)),
    "百年沧桑": lambda n: hanging_scroll(n, (600, 1800), ["百年沧桑"], "林丽君书", "林丽君印",
                                      (150, 128, 100)),
    "哪个小鬼敢胡来": lambda n: cartoon_magnifier(n, (1200, 1600)),
    "清·廉": lambda n: couplet(n, (1200, 1800), ("清风两袖", "廉洁一生"), "石泉书", "石泉", (150, 120, 90)),
    "历览前贤": lambda n: hanging_scroll(n, (640, 1920), ["历览前贤国与家", "成由勤俭破由奢"],
                                      "李商隐诗夏武平书", "夏武平印", (196, 184, 160)),
    "一身正氣": lambda n: hanging_scroll(n, (600, 1800), ["一身正氣"], "曾伟书", "曾伟", (128, 146, 132),
                                      "守正"),
    "不贪是福": lambda n: painted_gourds(n, (1200, 1600)),
}
FRONTPAGE = {  # examples/frontpage: two news photos and a booked ad
    "资江两岸新貌": lambda n: river_town_with_pagoda(n, (2400, 1500)),
    "志愿服务队出发": lambda n: group_with_banner(n, (2100, 1400)),
    "秋收稻田": lambda n: river_town_with_pagoda(n, (1800, 1350)),
    "农商银行广告": lambda n: poster_ad(n, (2000, 1100), ("邵阳农商银行", "存款理财　贴心服务", "服务热线 0739-0000000"),
                                 (176, 30, 36)),
}
SETS = {"beita": BEITA, "frontpage": FRONTPAGE}


def main(argv: list[str] | None = None) -> int:
    """Writes the chosen works (all by default) as JPEGs into the output folder."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--set", choices=SETS, default="beita", help="which page's pictures (default: beita)")
    parser.add_argument("--out", type=Path, help="folder to write into (default: images/SET)")
    parser.add_argument("titles", nargs="*", metavar="TITLE", help="works to draw (default: all of the set)")
    args = parser.parse_args(argv)
    works = SETS[args.set]
    unknown = [title for title in args.titles if title not in works]
    if unknown:
        parser.error(f"no work titled {', '.join(unknown)} (choose from: {' '.join(works)})")
    out = args.out or HERE / args.set
    out.mkdir(parents=True, exist_ok=True)
    for title in args.titles or works:
        path = out / f"{title}.jpg"
        save_jpeg(works[title](title), path)
        print(f"{path}  {path.stat().st_size // 1024} KiB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
