"""Photos for the demo releases, drawn with Pillow so nothing is downloaded."""

import random
from io import BytesIO

from PIL import Image, ImageDraw

# Several sizes and aspect ratios, as real photo editors upload them.
SIZES = [(1600, 1067), (1200, 1600), (2000, 1125), (1024, 1024), (1800, 1200)]


def draw_photo(seed, width, height):
    """A city scene: sky gradient, a skyline and a flag pole, varied by the seed."""
    rnd = random.Random(seed)  # noqa: S311 - picture variety, not security
    top = (rnd.randint(60, 140), rnd.randint(110, 170), rnd.randint(180, 240))
    bottom = (rnd.randint(200, 250), rnd.randint(170, 220), rnd.randint(140, 200))
    image = Image.new("RGB", (width, height))
    draw = ImageDraw.Draw(image)
    for y in range(height):
        t = y / max(height - 1, 1)
        draw.line(
            [(0, y), (width, y)],
            fill=tuple(int(a + (b - a) * t) for a, b in zip(top, bottom, strict=True)),
        )
    ground = int(height * rnd.uniform(0.72, 0.85))
    x = 0
    while x < width:
        w = rnd.randint(width // 20, width // 8)
        h = rnd.randint(height // 8, height // 2)
        shade = rnd.randint(40, 90)
        draw.rectangle([x, ground - h, x + w, ground], fill=(shade, shade, shade + 15))
        for wy in range(ground - h + 12, ground - 12, 28):
            for wx in range(x + 8, x + w - 8, 22):
                if rnd.random() < 0.5:
                    draw.rectangle([wx, wy, wx + 8, wy + 12], fill=(250, 230, 150))
        x += w + rnd.randint(0, width // 40)
    draw.rectangle([0, ground, width, height], fill=(70, 90, 70))
    pole = rnd.randint(width // 5, 4 * width // 5)
    draw.rectangle([pole, ground - height // 2, pole + 6, ground], fill=(200, 200, 200))
    flag = [
        pole + 6,
        ground - height // 2,
        pole + 6 + width // 8,
        ground - height // 2 + height // 10,
    ]
    draw.rectangle(flag, fill=(rnd.randint(150, 220), 30, 40))
    out = BytesIO()
    image.save(out, "JPEG", quality=82)
    return out.getvalue()
