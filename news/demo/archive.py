"""Large, realistic archive exports for tests and benchmarks of the importer.

Releases come in Russian and English pairs in the genre of the demo content: visits,
agreements, forums and exchanges with the partner cities, with quotes, lists, photos and
now and then the debris old site editors leave behind (inline styles, scripts, spans).
"""

import json
import random
import zipfile
from pathlib import Path

from news.demo.content import CITIES
from news.demo.images import draw_photo

# Grammatical forms the templates need: nominative, genitive, "in", "with".
CITY_FORMS = {
    "minsk": ("Минск", "Минска", "в Минске", "с Минском"),
    "belgrade": ("Белград", "Белграда", "в Белграде", "с Белградом"),
    "tashkent": ("Ташкент", "Ташкента", "в Ташкенте", "с Ташкентом"),
    "beijing": ("Пекин", "Пекина", "в Пекине", "с Пекином"),
    "havana": ("Гавана", "Гаваны", "в Гаване", "с Гаваной"),
    "yerevan": ("Ереван", "Еревана", "в Ереване", "с Ереваном"),
}

# Field of cooperation: Russian genitive (after "в сфере"), English.
TOPICS = [
    ("транспорта", "transport"),
    ("образования", "education"),
    ("здравоохранения", "healthcare"),
    ("культуры", "culture"),
    ("туризма", "tourism"),
    ("цифровых сервисов", "digital services"),
    ("экологии", "the environment"),
    ("молодёжной политики", "youth policy"),
    ("спорта", "sport"),
    ("строительства", "construction"),
]

TITLES = [
    (
        "Город и {nom} подписали соглашение о сотрудничестве в сфере {topic}",
        "The city and {en} sign a cooperation agreement on {topic_en}",
    ),
    (
        "Делегация {gen} изучила опыт города в сфере {topic}",
        "{en} delegation studies the city's experience in {topic_en}",
    ),
    (
        "{in_cap} прошёл форум городов-партнёров по вопросам {topic}",
        "{en} hosts a partner cities' forum on {topic_en}",
    ),
    (
        "{with_cap} согласован план совместных проектов в сфере {topic} на {year}–{year2} годы",
        "Joint {topic_en} projects for {year}–{year2} agreed with {en}",
    ),
    (
        "Специалисты города и {gen} обменялись опытом в сфере {topic}",
        "Specialists from the city and {en} share experience in {topic_en}",
    ),
]

LEADS = [
    (
        "Стороны договорились о совместных проектах и обмене специалистами "
        "на {year}–{year2} годы.",
        "The sides agreed on joint projects and exchanges of specialists for {year}–{year2}.",
    ),
    (
        "В переговорах участвовали {n} представителей городских служб и компаний.",
        "{n} representatives of city services and companies took part in the talks.",
    ),
    (
        "Встреча прошла {in_} в рамках программы сотрудничества городов-партнёров.",
        "The meeting took place in {en} as part of the partner cities' cooperation programme.",
    ),
]

PARAGRAPHS = [
    (
        "Руководитель департамента Анна Соколова провела рабочую встречу с делегацией {gen} "
        "и обсудила перспективы сотрудничества в сфере {topic}.",
        "Head of the department Anna Sokolova held a working meeting with the {en} delegation "
        "on the prospects of cooperation in {topic_en}.",
    ),
    (
        "По итогам {year} года число совместных проектов выросло на {pct}%, а в них приняли "
        "участие {n} организаций двух городов.",
        "In {year} the number of joint projects grew by {pct}%, with {n} organisations from the "
        "two cities taking part.",
    ),
    (
        "Стороны договорились создать рабочую группу, которая подготовит дорожную карту "
        "на {year}–{year2} годы.",
        "The sides agreed to set up a working group to prepare a roadmap for {year}–{year2}.",
    ),
    (
        "Гости посетили городские предприятия и познакомились с опытом города в сфере {topic}.",
        "The guests visited city enterprises and learned about the city's experience in "
        "{topic_en}.",
    ),
    (
        "Следующая встреча запланирована {in_} осенью {year2} года.",
        "The next meeting is planned in {en} in the autumn of {year2}.",
    ),
    (
        "Участники форума подписали {k} соглашений о намерениях, в том числе о стажировках "
        "для молодых специалистов.",
        "Participants of the forum signed {k} letters of intent, including on internships for "
        "young specialists.",
    ),
    (
        "Программа визита включала встречи в мэрии, посещение университета и культурную "
        "программу.",
        "The programme of the visit included meetings at city hall, a visit to the university "
        "and a cultural programme.",
    ),
]

LIST_ITEMS = [
    ("обмен делегациями", "exchanges of delegations"),
    ("совместные выставки", "joint exhibitions"),
    ("стажировки специалистов", "internships for specialists"),
    ("летние школы для студентов", "summer schools for students"),
    ("деловые миссии компаний", "business missions of companies"),
]

QUOTES = [
    (
        "{nom} остаётся для нас надёжным партнёром, и новые проекты это подтверждают.",
        "{en} remains a reliable partner for us, and the new projects prove it.",
    ),
    (
        "Сотрудничество в сфере {topic} приносит пользу жителям обоих городов.",
        "Cooperation in {topic_en} benefits the residents of both cities.",
    ),
]

SPEAKERS = [
    (
        ("Анна Соколова", "руководитель департамента международных связей"),
        ("Anna Sokolova", "Head of the International Relations Department"),
    ),
    (
        ("Игорь Лебедев", "заместитель руководителя департамента"),
        ("Igor Lebedev", "Deputy Head of the Department"),
    ),
]

TAGS = [
    ("визит", "visit"),
    ("соглашение", "agreement"),
    ("деловой форум", "business forum"),
    ("дорожная карта", "roadmap"),
    ("молодёжь", "youth"),
    ("экономика", "economy"),
]

CAPTIONS = [
    ("Участники встречи", "Participants of the meeting"),
    ("Подписание документов", "Signing of the documents"),
    ("Церемония открытия", "The opening ceremony"),
    ("Заявление для прессы", "Statement to the press"),
    ("Делегации у здания мэрии", "The delegations outside city hall"),
]

PHOTO_SIZES = [(320, 213), (240, 320), (320, 180), (256, 256)]
CREDIT = ("Пресс-служба департамента", "Press office of the department")


class ArchiveWriter:
    """Writes records and images into a folder or, for a .zip path, a zip file."""

    def __init__(self, out):
        self.out = Path(out)
        self.zip = None
        if self.out.suffix == ".zip":
            self.out.parent.mkdir(parents=True, exist_ok=True)
            self.zip = zipfile.ZipFile(self.out, "w")
            self.lines = []
        else:
            (self.out / "images").mkdir(parents=True, exist_ok=True)
            self.handle = (self.out / "releases.jsonl").open("w", encoding="utf-8")

    def image(self, name, data):
        path = f"images/{name}"
        if self.zip is not None:
            # Photos are compressed already; storing them keeps the zip fast to read.
            self.zip.writestr(path, data, compress_type=zipfile.ZIP_STORED)
        else:
            (self.out / path).write_bytes(data)
        return path

    def record(self, data):
        line = json.dumps(data, ensure_ascii=False) + "\n"
        if self.zip is not None:
            self.lines.append(line)
        else:
            self.handle.write(line)

    def close(self):
        if self.zip is not None:
            self.zip.writestr(
                "releases.jsonl", "".join(self.lines), compress_type=zipfile.ZIP_DEFLATED
            )
            self.zip.close()
        else:
            self.handle.close()


def _fill(text, words):
    return text.format(**words)


def release_pair(number, rnd, images_max, writer):
    """The Russian record and its English translation for release number `number`."""
    slug, (name_ru, name_en), (country_ru, country_en) = CITIES[number % len(CITIES)]
    nom, gen, in_, with_ = CITY_FORMS[slug]
    topic, topic_en = rnd.choice(TOPICS)
    year = 2010 + (number * 7) % 15
    words = {
        "nom": nom,
        "gen": gen,
        "in_": in_,
        "in_cap": in_[0].upper() + in_[1:],
        "with_cap": with_[0].upper() + with_[1:],
        "en": name_en,
        "topic": topic,
        "topic_en": topic_en,
        "year": year,
        "year2": year + 2,
        "n": rnd.randint(3, 24) * 10,
        "pct": rnd.randint(5, 60),
        "k": rnd.randint(5, 12),
    }
    title = rnd.choice(TITLES)
    lead = rnd.choice(LEADS)
    paragraphs = rnd.sample(PARAGRAPHS, rnd.randint(3, 5))
    quote = rnd.choice(QUOTES)
    speaker_ru, speaker_en = rnd.choice(SPEAKERS)
    items = rnd.sample(LIST_ITEMS, 3) if rnd.random() < 0.4 else []
    date = f"{year}-{rnd.randint(1, 12):02d}-{rnd.randint(1, 28):02d}"
    published = f"{date}T{rnd.randint(9, 18):02d}:{rnd.choice(['00', '15', '30', '45'])}:00+03:00"

    photos = []
    for n in range(rnd.randint(0, images_max) if images_max else 0):
        width, height = PHOTO_SIZES[(number + n) % len(PHOTO_SIZES)]
        path = writer.image(f"{number}-{n + 1}.jpg", draw_photo(f"{number}-{n}", width, height))
        photos.append((path, rnd.choice(CAPTIONS)))

    def body(lang):
        index = 0 if lang == "ru" else 1
        texts = [_fill(p[index], words) for p in paragraphs]
        if lang == "en" and len(texts) > 3 and rnd.random() < 0.5:
            # Translators sometimes join two paragraphs: the bodies need not align.
            texts[1:3] = [f"{texts[1]} {texts[2]}"]
        html = [f"<p>{texts[0]}</p>"]
        if rnd.random() < 0.2:
            # Debris from the old editor, cleaned by the importer.
            html.append(
                f'<p style="font-family:Arial" onclick="track()">'
                f'<span class="x">{texts[1]}</span></p><script>trackVisit();</script>'
            )
        else:
            html.append(f"<p>{texts[1]}</p>")
        speaker, role = speaker_ru if lang == "ru" else speaker_en
        html.append(
            f"<blockquote><p>{_fill(quote[index], words)}</p>"
            f"<cite>{speaker}, {role}</cite></blockquote>"
        )
        if items:
            html.append(f"<h2>{'Направления работы' if lang == 'ru' else 'Areas of work'}</h2>")
            html.append("<ul>" + "".join(f"<li>{item[index]}</li>" for item in items) + "</ul>")
        html += [f"<p>{text}</p>" for text in texts[2:]]
        if photos and rnd.random() < 0.3:
            path, caption = photos[0]
            html.append(
                f'<figure><img src="{path}"><figcaption>{caption[index]}</figcaption></figure>'
            )
        return "".join(html)

    tags = rnd.sample(TAGS, rnd.randint(1, 3))
    old_id = str(100000 + number)
    ru = {
        "id": old_id,
        "language": "ru",
        "published": published,
        "url": f"/press/{year}/{old_id}.html",
        "title": _fill(title[0], words),
        "lead": _fill(lead[0], words),
        "body": body("ru"),
        "cities": [{"slug": slug, "name": name_ru, "country": country_ru}],
        "tags": [tag[0] for tag in tags],
        "images": [
            {"path": path, "caption": caption[0], "alt": caption[0], "credit": CREDIT[0]}
            for path, caption in photos
        ],
    }
    en = {
        "id": f"{old_id}-en",
        "language": "en",
        "translation_of": old_id,
        "published": published,
        "title": _fill(title[1], words),
        "lead": _fill(lead[1], words),
        "body": body("en"),
        "cities": [{"slug": slug, "name": name_en, "country": country_en}],
        "tags": [tag[1] for tag in tags],
        "images": [
            {"path": path, "caption": caption[1], "alt": caption[1], "credit": CREDIT[1]}
            for path, caption in photos
        ],
    }
    return ru, en


def make_archive(out, releases, images_max=3, seed=0, progress=None):
    """Write an export of `releases` Russian/English pairs to `out`; return records written."""
    rnd = random.Random(seed)  # noqa: S311 - sample content, not security
    writer = ArchiveWriter(out)
    try:
        for number in range(releases):
            ru, en = release_pair(number, rnd, images_max, writer)
            writer.record(ru)
            writer.record(en)
            if progress:
                progress(1)
    finally:
        writer.close()
    return releases * 2
