"""Draw the stand-in photo of examples/vertical/zh-hant.txt: a bookshop's shelves (Pillow only, fixed seed).

    .venv/bin/python examples/vertical/make_picture.py   # writes examples/vertical/bookshop.jpg
"""

from __future__ import annotations

import random
from pathlib import Path

from PIL import Image, ImageDraw, ImageFilter

SIZE = (1200, 900)
SPINES = [(122, 38, 36), (36, 64, 110), (196, 160, 88), (54, 92, 60), (140, 120, 100), (220, 210, 190), (90, 40, 70)]


def bookshop(seed: int = 1946) -> Image.Image:
    """Wooden shelves full of book spines, a window of daylight at the right."""
    rng = random.Random(seed)
    image = Image.new("RGB", SIZE, (92, 64, 40))
    draw = ImageDraw.Draw(image)
    draw.rectangle((900, 60, 1160, 620), fill=(232, 236, 226))  # the window onto the arcade
    draw.rectangle((1020, 60, 1034, 620), fill=(70, 50, 34))
    for shelf_top in range(40, 860, 160):
        draw.rectangle((30, shelf_top + 140, 870, shelf_top + 156), fill=(60, 40, 26))
        x = 40
        while x < 860:
            width = rng.randint(14, 34)
            height = rng.randint(96, 136)
            colour = tuple(max(0, min(255, c + rng.randint(-18, 18))) for c in rng.choice(SPINES))
            draw.rectangle((x, shelf_top + 140 - height, x + width, shelf_top + 139), fill=colour)
            draw.line((x + 3, shelf_top + 150 - height, x + width - 3, shelf_top + 150 - height),
                      fill=(230, 200, 120), width=2)
            x += width + rng.randint(1, 3)
    draw.rectangle((880, 640, 1190, 900), fill=(120, 84, 52))  # the counter
    return image.filter(ImageFilter.GaussianBlur(0.8))


if __name__ == "__main__":
    out = Path(__file__).with_name("bookshop.jpg")
    bookshop().save(out, "JPEG", quality=80, dpi=(300, 300))
    print(out)
