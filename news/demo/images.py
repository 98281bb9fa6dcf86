"""Photos for the demo releases, drawn with Pillow so nothing is downloaded.

Each release gets scenes that fit it (a signing table, a forum hall, a city square,
a handshake, a press conference, a group on city hall's steps), each with its caption and
alt text in both languages. Drawing is plain shapes from a seeded random generator: the
same release always gets the same pictures, and a photo takes a few hundredths of a second.
Each drawing also tells where it put the people's heads, so that the demo can give the photo
a focal point there, as an editor would, and crops keep the faces.
"""

import random
from dataclasses import dataclass
from io import BytesIO

from PIL import Image, ImageDraw

# Several sizes and aspect ratios, as real photo editors upload them.
SIZES = [(1600, 1067), (1200, 1600), (2000, 1125), (1024, 1024), (1800, 1200)]

# City banners (a field and a plain emblem), not stripes: striped flags in random colours
# read as real countries' flags beside the wrong partner city.
BANNER_COLOURS = [
    ((128, 24, 36), (236, 200, 90)),
    ((24, 70, 120), (240, 240, 240)),
    ((30, 100, 70), (236, 200, 90)),
    ((92, 44, 110), (240, 240, 240)),
    ((150, 90, 30), (250, 235, 200)),
]
SUITS = [(38, 42, 56), (52, 58, 72), (70, 64, 60), (30, 34, 40), (88, 92, 104), (60, 40, 44)]
HAIR = [(40, 32, 28), (70, 52, 38), (110, 100, 95), (25, 22, 22), (150, 120, 80)]
SKIN = [(224, 184, 150), (196, 150, 112), (168, 120, 90), (236, 200, 170)]


@dataclass(frozen=True)
class Drawing:
    data: bytes  # JPEG
    width: int
    height: int
    # (left, top, right, bottom) of each head, in the photo's pixels; passers-by not counted.
    heads: tuple

    @property
    def focus(self):
        """(left, top, right, bottom) of the heads with the shoulders below them, at least
        half the photo wide (gallery thumbnails zoom toward it), or None without people."""
        if not self.heads:
            return None
        width, height = self.width, self.height
        left = min(head[0] for head in self.heads)
        top = min(head[1] for head in self.heads)
        right = max(head[2] for head in self.heads)
        bottom = max(head[3] for head in self.heads)
        # Down to the shoulders: a head's height again below the lowest one.
        bottom = min(height, bottom + max(head[3] - head[1] for head in self.heads))
        grow = max(0, width / 2 - (right - left)) / 2
        left, right = max(0, left - grow), min(width, right + grow)
        return round(left), round(top), round(right), round(bottom)


@dataclass(frozen=True)
class Scene:
    name: str
    caption: tuple  # (Russian, English)
    alt: tuple  # (Russian, English)


SCENES = {
    "signing": Scene(
        "signing",
        ("Подписание документов", "Signing of the documents"),
        (
            "Двое участников подписывают документы за столом на фоне флагов",
            "Two participants sign documents at a table, with flags behind them",
        ),
    ),
    "forum": Scene(
        "forum",
        ("Пленарное заседание форума", "The forum's plenary session"),
        (
            "Зал форума: сцена с большим экраном и ряды слушателей",
            "The forum hall: a stage with a large screen and rows of listeners",
        ),
    ),
    "square": Scene(
        "square",
        ("Праздник на центральной площади", "Celebrations on the main square"),
        (
            "Площадь перед ратушей с фонтаном, деревьями и прохожими",
            "The square outside city hall with a fountain, trees and passers-by",
        ),
    ),
    "handshake": Scene(
        "handshake",
        ("Рукопожатие глав делегаций", "The heads of the delegations shake hands"),
        (
            "Силуэты двух людей, пожимающих друг другу руки на фоне флагов",
            "Silhouettes of two people shaking hands in front of flags",
        ),
    ),
    "press": Scene(
        "press",
        ("Заявление для прессы", "Statement to the press"),
        (
            "Трое выступающих за столом с микрофонами перед синим задником",
            "Three speakers at a table with microphones before a blue backdrop",
        ),
    ),
    "delegation": Scene(
        "delegation",
        ("Делегации у здания мэрии", "The delegations outside city hall"),
        (
            "Группа людей на ступенях здания с колоннами",
            "A group of people on the steps of a building with columns",
        ),
    ),
}
ORDER = ["signing", "handshake", "forum", "press", "square", "delegation"]
# The lead photo fits what the release is about, judged by words of its slug.
LEAD_BY_WORD = [
    (("roadmap", "agreement", "memorandum", "cooperation"), "signing"),
    (("forum", "mission", "smart"), "forum"),
    (("days", "culture", "festival", "olympiad"), "square"),
    (("visit", "delegation"), "handshake"),
    (("exchange", "healthcare"), "press"),
]


def scenes_for(slug, count):
    """`count` different scenes for the release `slug`, the fitting one first."""
    words = set(slug.split("-"))
    lead = next((name for keys, name in LEAD_BY_WORD if words & set(keys)), None)
    if lead is None:
        lead = ORDER[sum(map(ord, slug)) % len(ORDER)]
    start = ORDER.index(lead)
    names = [ORDER[(start + n) % len(ORDER)] for n in range(len(ORDER))]
    return [SCENES[names[n % len(names)]] for n in range(count)]


def demo_photo(slug, number, width, height):
    """(JPEG bytes, Scene) of photo `number` of release `slug`."""
    drawing, scene = demo_drawing(slug, number, width, height)
    return drawing.data, scene


def demo_drawing(slug, number, width, height):
    """(Drawing, Scene) of photo `number` of release `slug`."""
    scene = scenes_for(slug, number + 1)[number]
    return draw(scene.name, f"{slug}-{number}", width, height), scene


def draw_photo(seed, width, height):
    """A scene chosen by the seed, as JPEG bytes (the generated archive uses it)."""
    name = ORDER[random.Random(seed).randrange(len(ORDER))]  # noqa: S311 - pictures
    return draw_scene(name, seed, width, height)


def draw_scene(name, seed, width, height):
    return draw(name, seed, width, height).data


class _Canvas(ImageDraw.ImageDraw):
    """Pillow's drawing context, noting the heads drawn on it."""

    def __init__(self, image):
        super().__init__(image)
        self.heads = []


def draw(name, seed, width, height):
    """The Drawing of scene `name`."""
    rnd = random.Random(f"{name}:{seed}")  # noqa: S311 - picture variety, not security
    # Drawn at half size and enlarged: the edges soften as a photo's do, for little time.
    small = Image.new("RGB", (max(width // 2, 1), max(height // 2, 1)))
    canvas = _Canvas(small)
    _DRAWERS[name](canvas, rnd, *small.size)
    image = small.resize((width, height), Image.Resampling.BILINEAR)
    out = BytesIO()
    image.save(out, "JPEG", quality=82)
    sx, sy = width / small.width, height / small.height
    heads = tuple(
        (left * sx, top * sy, right * sx, bottom * sy) for left, top, right, bottom in canvas.heads
    )
    return Drawing(out.getvalue(), width, height, heads)


def _gradient(draw, box, top, bottom, steps=48):
    x0, y0, x1, y1 = box
    band = (y1 - y0) / steps
    for step in range(steps):
        t = step / (steps - 1)
        colour = tuple(int(a + (b - a) * t) for a, b in zip(top, bottom, strict=True))
        draw.rectangle([x0, y0 + step * band, x1, y0 + (step + 1) * band + 1], fill=colour)


def _vary(colour, rnd, spread=18):
    return tuple(max(0, min(255, c + rnd.randint(-spread, spread))) for c in colour)


def _person(draw, rnd, x, foot, height, suit=None, seated=False, passer_by=False):
    """A standing (or seated, cut at the table) person seen from the front."""
    suit = suit or rnd.choice(SUITS)
    head = height * 0.13
    shoulders = height * 0.3
    top = foot - height
    if not passer_by:
        draw.heads.append((x - head / 2, top - head * 0.05, x + head / 2, top + head * 1.2))
    draw.ellipse([x - head / 2, top, x + head / 2, top + head * 1.2], fill=rnd.choice(SKIN))
    draw.ellipse(
        [x - head / 2, top - head * 0.05, x + head / 2, top + head * 0.45],
        fill=rnd.choice(HAIR),
    )
    neck = top + head * 1.15
    # A seated person's body goes on below the table that hides it.
    body_bottom = foot
    draw.rounded_rectangle(
        [x - shoulders / 2, neck, x + shoulders / 2, body_bottom],
        radius=shoulders / 4,
        fill=suit,
    )
    # Shirt and tie.
    draw.polygon(
        [(x - head * 0.3, neck), (x + head * 0.3, neck), (x, neck + head * 1.2)],
        fill=(240, 240, 240),
    )
    draw.polygon(
        [
            (x - head * 0.07, neck + head * 0.1),
            (x + head * 0.07, neck + head * 0.1),
            (x, neck + head * 1.0),
        ],
        fill=_vary((140, 30, 40), rnd, 40),
    )
    if not seated:
        legs = foot - height * 0.42
        # The gap between the legs shrinks with the figure: far-off people are tiny.
        gap = min(2, shoulders * 0.1)
        draw.rectangle([x - shoulders * 0.32, legs, x - gap, foot], fill=_vary(suit, rnd, 8))
        draw.rectangle([x + gap, legs, x + shoulders * 0.32, foot], fill=_vary(suit, rnd, 8))
    return shoulders


def _flag(draw, x, top, width, height, colours):
    field, emblem = colours
    draw.rectangle([x - width * 0.03, top, x, top + height * 2.4], fill=(190, 180, 150))
    draw.rectangle([x, top, x + width, top + height], fill=field)
    # A coat of arms' shield in the middle, as cities' banners carry.
    half, middle_x = min(width, height) * 0.22, x + width / 2
    upper, lower = top + height * 0.22, top + height * 0.78
    draw.polygon(
        [
            (middle_x - half, upper),
            (middle_x + half, upper),
            (middle_x + half, upper + (lower - upper) * 0.55),
            (middle_x, lower),
            (middle_x - half, upper + (lower - upper) * 0.55),
        ],
        fill=emblem,
    )


def _signing(draw, rnd, w, h):
    _gradient(draw, (0, 0, w, h), _vary((222, 210, 188), rnd), _vary((180, 165, 140), rnd))
    # Wood panelling and two flags behind the table.
    draw.rectangle([0, h * 0.62, w, h], fill=_vary((120, 84, 56), rnd, 10))
    flags = rnd.sample(BANNER_COLOURS, 2)
    for n, x in enumerate((w * 0.18, w * 0.74)):
        _flag(draw, x, h * 0.12, w * 0.1, h * 0.2, flags[n])
    table = h * 0.66
    for x in (w * 0.33, w * 0.67):
        _person(draw, rnd, x, table + h * 0.2, h * 0.62, seated=True)
    draw.rectangle([w * 0.05, table, w * 0.95, h * 0.9], fill=_vary((30, 60, 100), rnd, 12))
    draw.rectangle([w * 0.05, table, w * 0.95, table + h * 0.02], fill=(235, 235, 235))
    for x in (w * 0.33, w * 0.67):
        draw.polygon(
            [
                (x - w * 0.08, table + h * 0.01),
                (x + w * 0.06, table + h * 0.005),
                (x + w * 0.07, table + h * 0.03),
                (x - w * 0.07, table + h * 0.035),
            ],
            fill=(250, 250, 245),
        )
        draw.line(
            [(x, table), (x + w * 0.04, table - h * 0.02)],
            fill=(20, 20, 20),
            width=max(2, w // 300),
        )
    # Small desk flags in the middle.
    for n, x in enumerate((w * 0.48, w * 0.52)):
        _flag(draw, x, table - h * 0.12, w * 0.03, h * 0.04, flags[n])


def _forum(draw, rnd, w, h):
    _gradient(draw, (0, 0, w, h), _vary((24, 34, 70), rnd), _vary((10, 14, 30), rnd))
    screen = (w * 0.22, h * 0.08, w * 0.78, h * 0.4)
    draw.rectangle(screen, fill=_vary((60, 120, 200), rnd, 20))
    x0, y0, x1, y1 = screen
    draw.rectangle(
        [x0 + w * 0.04, y0 + h * 0.06, x0 + w * 0.3, y0 + h * 0.1], fill=(255, 255, 255)
    )
    for n in range(3):
        draw.rectangle(
            [
                x0 + w * 0.04,
                y0 + h * (0.15 + n * 0.05),
                x1 - w * rnd.uniform(0.1, 0.25),
                y0 + h * (0.17 + n * 0.05),
            ],
            fill=(210, 225, 245),
        )
    draw.rectangle([0, h * 0.42, w, h * 0.48], fill=_vary((90, 60, 40), rnd, 10))
    _person(draw, rnd, w * 0.62, h * 0.47, h * 0.2)
    draw.polygon(
        [(w * 0.56, h * 0.47), (w * 0.6, h * 0.36), (w * 0.64, h * 0.36), (w * 0.66, h * 0.47)],
        fill=(150, 110, 70),
    )
    # The audience, rows nearer and larger toward the camera.
    rows = 6
    for row in range(rows):
        t = row / (rows - 1)
        y = h * (0.55 + 0.42 * t)
        size = h * (0.04 + 0.06 * t)
        x = -size * rnd.random()
        while x < w + size:
            draw.ellipse([x, y - size * 2.2, x + size * 1.9, y + size], fill=rnd.choice(SUITS))
            draw.ellipse(
                [x + size * 0.45, y - size * 3.0, x + size * 1.45, y - size * 1.9],
                fill=_vary((45, 35, 30), rnd, 25),
            )
            x += size * rnd.uniform(2.1, 2.6)


def _square(draw, rnd, w, h):
    horizon = h * 0.55
    _gradient(draw, (0, 0, w, horizon), _vary((110, 160, 220), rnd), _vary((200, 220, 240), rnd))
    _gradient(draw, (0, horizon, w, h), _vary((170, 165, 155), rnd), _vary((120, 115, 108), rnd))
    # Paving lines toward a vanishing point.
    for n in range(-8, 9):
        draw.line(
            [(w / 2 + n * w * 0.02, horizon), (w / 2 + n * w * 0.2, h)], fill=(140, 135, 128)
        )
    # City hall: a pediment on columns, with a clock tower.
    hall = (w * 0.28, h * 0.22, w * 0.72, horizon)
    draw.rectangle([w * 0.46, h * 0.05, w * 0.54, h * 0.22], fill=_vary((225, 215, 190), rnd, 8))
    draw.ellipse([w * 0.475, h * 0.08, w * 0.525, h * 0.08 + w * 0.05], fill=(250, 250, 240))
    draw.rectangle(hall, fill=_vary((232, 222, 200), rnd, 8))
    draw.polygon(
        [(hall[0] - w * 0.02, hall[1]), (w / 2, h * 0.12), (hall[2] + w * 0.02, hall[1])],
        fill=(210, 200, 180),
    )
    for n in range(7):
        x = hall[0] + (hall[2] - hall[0]) * (n + 0.5) / 7
        draw.rectangle(
            [x - w * 0.008, hall[1] + h * 0.03, x + w * 0.008, horizon], fill=(250, 248, 240)
        )
    # Side buildings.
    for x0, x1 in ((0, w * 0.26), (w * 0.74, w)):
        top = h * rnd.uniform(0.2, 0.32)
        draw.rectangle([x0, top, x1, horizon], fill=_vary((190, 140, 110), rnd, 25))
        for wy in range(int(top + h * 0.04), int(horizon - h * 0.04), int(h * 0.07)):
            for wx in range(int(x0 + w * 0.02), int(x1 - w * 0.03), int(w * 0.05)):
                draw.rectangle([wx, wy, wx + w * 0.02, wy + h * 0.04], fill=(70, 90, 110))
    # Fountain and trees.
    draw.ellipse([w * 0.36, h * 0.66, w * 0.64, h * 0.78], fill=(120, 120, 125))
    draw.ellipse([w * 0.38, h * 0.67, w * 0.62, h * 0.76], fill=_vary((90, 150, 200), rnd, 10))
    draw.rectangle([w * 0.49, h * 0.6, w * 0.51, h * 0.71], fill=(150, 150, 155))
    draw.ellipse([w * 0.45, h * 0.56, w * 0.55, h * 0.63], fill=(200, 225, 245))
    for x in (w * 0.12, w * 0.88):
        draw.rectangle([x - w * 0.008, h * 0.5, x + w * 0.008, h * 0.72], fill=(90, 60, 40))
        draw.ellipse(
            [x - w * 0.08, h * 0.32, x + w * 0.08, h * 0.56], fill=_vary((60, 120, 60), rnd, 20)
        )
    for _ in range(rnd.randint(8, 14)):
        y = rnd.uniform(h * 0.72, h * 0.97)
        size = h * 0.12 * (y / h)
        _person(
            draw,
            rnd,
            rnd.uniform(w * 0.05, w * 0.95),
            y,
            size,
            passer_by=True,
            suit=_vary(
                rnd.choice([(180, 60, 60), (60, 80, 160), (220, 180, 60), (70, 70, 70)]), rnd
            ),
        )


def _handshake(draw, rnd, w, h):
    _gradient(draw, (0, 0, w, h), _vary((200, 205, 215), rnd), _vary((150, 155, 170), rnd))
    draw.rectangle([0, h * 0.82, w, h], fill=_vary((110, 40, 40), rnd, 15))
    flags = rnd.sample(BANNER_COLOURS, 2)
    for n, x in enumerate((w * 0.08, w * 0.72)):
        _flag(draw, x, h * 0.04, w * 0.2, h * 0.3, flags[n])
    foot = h * 0.92
    left = _person(draw, rnd, w * 0.3, foot, h * 0.66)
    right = _person(draw, rnd, w * 0.7, foot, h * 0.66)
    # Arms meeting in the middle.
    arm = h * 0.04
    y = foot - h * 0.42
    draw.polygon(
        [
            (w * 0.3 + left * 0.4, y - h * 0.08),
            (w * 0.5, y),
            (w * 0.5, y + arm),
            (w * 0.3 + left * 0.4, y - h * 0.02),
        ],
        fill=SUITS[0],
    )
    draw.polygon(
        [
            (w * 0.7 - right * 0.4, y - h * 0.08),
            (w * 0.5, y),
            (w * 0.5, y + arm),
            (w * 0.7 - right * 0.4, y - h * 0.02),
        ],
        fill=SUITS[3],
    )
    draw.ellipse([w * 0.485, y - arm * 0.2, w * 0.525, y + arm * 1.1], fill=SKIN[0])


def _press(draw, rnd, w, h):
    backdrop = _vary((26, 70, 140), rnd, 15)
    draw.rectangle([0, 0, w, h], fill=backdrop)
    step = int(max(w, h) * 0.12)
    for y in range(step // 2, h, step):
        for x in range(step // 2 if (y // step) % 2 else step, w, step):
            r = step * 0.18
            draw.ellipse(
                [x - r, y - r, x + r, y + r], outline=(230, 235, 245), width=max(2, w // 400)
            )
    table = h * 0.68
    for x in (w * 0.25, w * 0.5, w * 0.75):
        _person(draw, rnd, x, table + h * 0.2, h * 0.6, seated=True)
    draw.rectangle([0, table, w, h], fill=_vary((235, 235, 240), rnd, 6))
    draw.rectangle([0, table, w, table + h * 0.03], fill=_vary((200, 30, 45), rnd, 10))
    for x in (w * 0.25, w * 0.5, w * 0.75):
        draw.line(
            [(x, table), (x - w * 0.03, table - h * 0.12)],
            fill=(30, 30, 30),
            width=max(3, w // 250),
        )
        draw.ellipse(
            [x - w * 0.045, table - h * 0.14, x - w * 0.015, table - h * 0.1], fill=(40, 40, 40)
        )
        draw.rectangle(
            [x - w * 0.07, table + h * 0.05, x + w * 0.07, table + h * 0.1], fill=(255, 255, 255)
        )
        draw.rectangle(
            [x - w * 0.05, table + h * 0.065, x + w * 0.05, table + h * 0.08], fill=(60, 60, 70)
        )


def _delegation(draw, rnd, w, h):
    _gradient(draw, (0, 0, w, h * 0.3), _vary((120, 170, 225), rnd), _vary((190, 215, 240), rnd))
    draw.rectangle([0, h * 0.15, w, h], fill=_vary((200, 195, 185), rnd, 6))
    draw.rectangle([0, h * 0.15, w, h * 0.72], fill=_vary((236, 228, 210), rnd, 8))
    draw.polygon([(0, h * 0.2), (w / 2, h * 0.02), (w, h * 0.2)], fill=(220, 210, 190))
    for n in range(8):
        x = w * (n + 0.5) / 8
        draw.rectangle([x - w * 0.015, h * 0.22, x + w * 0.015, h * 0.66], fill=(250, 248, 240))
    draw.rectangle([w * 0.42, h * 0.36, w * 0.58, h * 0.66], fill=(90, 60, 40))
    for n in range(5):
        y = h * (0.66 + n * 0.05)
        draw.rectangle([0, y, w, y + h * 0.05], fill=_vary((200, 195, 185), rnd, 6))
        draw.line([(0, y), (w, y)], fill=(160, 155, 145), width=2)
    people = rnd.randint(6, 8)
    for n in range(people):
        x = w * (0.12 + 0.76 * n / (people - 1))
        _person(draw, rnd, x, h * rnd.uniform(0.93, 0.96), h * rnd.uniform(0.5, 0.56))


_DRAWERS = {
    "signing": _signing,
    "forum": _forum,
    "square": _square,
    "handshake": _handshake,
    "press": _press,
    "delegation": _delegation,
}
