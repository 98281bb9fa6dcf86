"""A generated archive for judging search relevance at scale, and its known answers.

Years of releases (2012-2025) in Russian and English pairs, where the words every release
of a city's press office uses are in most of them: the city's own name (Moscow), the
partner cities and "сотрудничество" / "cooperation". Titles are built from a large
vocabulary and never repeat. Among them are planted releases with distinctive titles,
spread over all the years, each with a few decoys: releases that mention its rarer words
in passing, mostly newer than it. Each planted release comes with the queries a journalist
would type for it: its exact title, two to four of its words including a common one, and
other forms of its words. Other planted releases, of the oldest years, have titles made of
words that background releases never have in their titles but have together in thousands
of bodies (one of the stock paragraphs); each is looked up by two to four of those title
words.

Used by bench/search_relevance.py (index rows only, up to 100,000 pairs) and by the
scaled-down test in tests/news/search/test_archive_relevance.py (pages, about 2,000
releases). Nothing here touches the database: `records` gives plain dictionaries,
`entry_rows` the index rows news.search.index would write for them.
"""

import datetime
import random

from django.utils.text import slugify

from news.demo.archive import CITY_FORMS
from news.demo.archive import TOPICS as DEMO_TOPICS
from news.demo.content import CITIES
from news.search.index import entry_rows

FIRST_YEAR, LAST_YEAR = 2012, 2025
HOME = {"ru": ("Москва", "Москвы", "в Москве"), "en": "Moscow"}

# Topics: Russian genitive, English; the demo archive's, and more.
TOPICS = [
    *DEMO_TOPICS,
    ("энергетики", "energy"),
    ("торговли", "trade"),
    ("науки", "science"),
    ("градостроительства", "urban planning"),
    ("социальной защиты", "social care"),
    ("водоснабжения", "water supply"),
    ("библиотечного дела", "libraries"),
    ("музейного дела", "museums"),
    ("городского хозяйства", "municipal services"),
    ("инвестиций", "investment"),
    ("медицины", "medicine"),
    ("промышленности", "industry"),
    ("информационных технологий", "information technology"),
    ("благоустройства", "public spaces"),
]
# Subjects: {nom}, {gen} are the partner city's forms; English uses {en}.
SUBJECTS = [
    ("Москва и {nom}", "Moscow and {en}"),
    ("Делегация {gen}", "{en} delegation"),
    ("Специалисты Москвы и {gen}", "Specialists from Moscow and {en}"),
    ("Мэрия Москвы и власти {gen}", "Moscow city hall and {en} authorities"),
    ("Представители {gen} и Москвы", "Representatives of {en} and Moscow"),
    ("Эксперты {gen}", "{en} experts"),
    ("Москва и город-партнёр {nom}", "Moscow and partner city {en}"),
    ("Предприниматели Москвы и {gen}", "Moscow and {en} businesses"),
]
ACTIONS = [
    ("обсудили сотрудничество в сфере {topic}", "discuss cooperation in {topic_en}"),
    ("подписали соглашение в сфере {topic}", "sign an agreement on {topic_en}"),
    ("провели конференцию по вопросам {topic}", "hold a conference on {topic_en}"),
    ("представили совместные проекты в сфере {topic}", "present joint {topic_en} projects"),
    ("договорились о развитии {topic}", "agree to develop {topic_en}"),
    ("подвели итоги сотрудничества в сфере {topic}", "review cooperation in {topic_en}"),
    ("запустили программу в сфере {topic}", "launch a {topic_en} programme"),
    ("изучили опыт в сфере {topic}", "study experience in {topic_en}"),
    ("наметили планы в сфере {topic}", "draw up plans for {topic_en}"),
    ("открыли рабочую группу по вопросам {topic}", "set up a working group on {topic_en}"),
    ("провели семинар по вопросам {topic}", "hold a seminar on {topic_en}"),
    ("обменялись делегациями в сфере {topic}", "exchange delegations in {topic_en}"),
]
OCCASIONS = [
    ("", ""),
    (" на {year} год", " for {year}"),
    (" в рамках делового форума", " at the business forum"),
    (" для молодых специалистов", " for young specialists"),
    (" с участием бизнеса", " with businesses taking part"),
    (" по итогам визита", " after a visit"),
    (" на встрече в мэрии", " at a meeting at city hall"),
    (" в режиме видеосвязи", " by video link"),
    (" в рамках дней города", " during the city days"),
    (" на весенней сессии", " at the spring session"),
    (" на осенней сессии", " at the autumn session"),
    (" в рамках международной выставки", " at the international exhibition"),
]
LEADS = [
    (
        "Москва и {nom} продолжают сотрудничество, начатое {year2} лет назад.",
        "Moscow and {en} continue the cooperation begun {year2} years ago.",
    ),
    (
        "Встреча прошла {in_} в рамках программы сотрудничества городов-партнёров.",
        "The meeting took place in {en} as part of the partner cities' cooperation programme.",
    ),
    (
        "В переговорах участвовали {n} представителей служб Москвы и {gen}.",
        "{n} representatives of Moscow and {en} services took part in the talks.",
    ),
    (
        "Стороны обсудили сотрудничество в сфере {topic} на {year} год.",
        "The sides discussed cooperation in {topic_en} for {year}.",
    ),
    (
        "Делегация Москвы побывала {in_} и обсудила новые проекты.",
        "A Moscow delegation visited {en} and discussed new projects.",
    ),
]
PARAGRAPHS = [
    (
        "Руководитель департамента провела встречу с делегацией {gen} и обсудила "
        "перспективы сотрудничества в сфере {topic}.",
        "The head of the department met the {en} delegation to discuss cooperation in {topic_en}.",
    ),
    (
        "По итогам {year} года число совместных проектов Москвы и {gen} выросло на {pct}%.",
        "In {year} the number of joint projects of Moscow and {en} grew by {pct}%.",
    ),
    (
        "Сотрудничество с {other_with} и {other2_with} развивается по той же программе.",
        "Cooperation with {other_en} and {other2_en} follows the same programme.",
    ),
    (
        "Гости посетили предприятия Москвы и познакомились с опытом города в сфере {topic}.",
        "The guests visited Moscow enterprises and learned about the city's experience in "
        "{topic_en}.",
    ),
    (
        "Следующая встреча запланирована {in_} осенью {year} года.",
        "The next meeting is planned in {en} in the autumn of {year}.",
    ),
    (
        "Участники подписали {k} соглашений о намерениях, в том числе о стажировках.",
        "Participants signed {k} letters of intent, including on internships.",
    ),
    (
        "Программа визита включала встречи в мэрии, посещение университета и культурную "
        "программу.",
        "The programme of the visit included meetings at city hall, a visit to the "
        "university and a cultural programme.",
    ),
    (
        "Ранее Москва подписала похожие соглашения с {other_with}.",
        "Moscow signed similar agreements with {other_en} earlier.",
    ),
]
TAGS = [
    ("визит", "visit"),
    ("соглашение", "agreement"),
    ("деловой форум", "business forum"),
    ("сотрудничество", "cooperation"),
    ("молодёжь", "youth"),
    ("экономика", "economy"),
]
# A decoy mentions a planted release's rarer words in passing.
DECOY = (
    "Среди других тем упоминались {words}.",
    "Other subjects mentioned included {words}.",
)

# Planted releases: partner city, then (title, words, other forms) in Russian and English.
# The words include a common one; the other forms change every word's ending.
PLANTED = [
    (
        "minsk",
        (
            "Москва и Минск запустят электробусы на межгородском маршруте",
            "Минск электробусы",
            "электробуса межгородские маршруты",
        ),
        (
            "Moscow and Minsk to launch electric buses on an intercity route",
            "Minsk electric buses",
            "electric bus intercity routes",
        ),
    ),
    (
        "belgrade",
        (
            "В Белграде открылась выставка старинных карт Москвы",
            "Белград старинные карты",
            "старинная карта выставки",
        ),
        (
            "Exhibition of antique maps of Moscow opens in Belgrade",
            "Belgrade antique maps",
            "antique map exhibitions",
        ),
    ),
    (
        "tashkent",
        (
            "Ташкент и Москва обменялись опытом реставрации мозаик",
            "Ташкент реставрация мозаик",
            "реставрацию мозаики",
        ),
        (
            "Tashkent and Moscow share experience in mosaic restoration",
            "Tashkent mosaic restoration",
            "mosaics restorations",
        ),
    ),
    (
        "beijing",
        (
            "Школьники Пекина сыграли в шахматном турнире в Москве",
            "Пекин шахматный турнир",
            "шахматных турниров школьникам",
        ),
        (
            "Beijing schoolchildren play in a chess tournament in Moscow",
            "Beijing chess tournament",
            "chess tournaments schoolchild",
        ),
    ),
    (
        "havana",
        (
            "Гавана и Москва договорились о восстановлении трамвайного депо",
            "Гавана трамвайное депо",
            "восстановить трамвайные депо",
        ),
        (
            "Havana and Moscow agree to restore a tram depot",
            "Havana tram depot",
            "tram depots restored",
        ),
    ),
    (
        "yerevan",
        (
            "В Ереване прошёл фестиваль воздушных змеев",
            "Ереван фестиваль змеев",
            "воздушный змей фестивали",
        ),
        ("Kite festival held in Yerevan", "Yerevan kite festival", "kites festivals"),
    ),
    (
        "minsk",
        (
            "Минск и Москва создадут центр робототехники для подростков",
            "Минск центр робототехники",
            "робототехника подросткам",
        ),
        (
            "Minsk and Moscow to set up a robotics centre for teenagers",
            "Minsk robotics centre",
            "robotics centres teenager",
        ),
    ),
    (
        "belgrade",
        (
            "Белградские пожарные прошли стажировку в Москве",
            "Москва пожарные стажировка",
            "пожарный стажировки",
        ),
        (
            "Belgrade firefighters complete an internship in Moscow",
            "Moscow firefighters internship",
            "firefighter internships",
        ),
    ),
    (
        "tashkent",
        (
            "Ташкент передал Москве коллекцию вышивки сюзане",
            "Ташкент коллекция сюзане",
            "коллекции вышивок",
        ),
        (
            "Tashkent gives Moscow a collection of suzani embroidery",
            "Tashkent suzani collection",
            "suzani embroideries collections",
        ),
    ),
    (
        "beijing",
        (
            "Пекин и Москва обсудили очистку рек от микропластика",
            "Пекин очистка рек микропластик",
            "очистки реки микропластиком",
        ),
        (
            "Beijing and Moscow discuss clearing rivers of microplastics",
            "Beijing rivers microplastics",
            "microplastic river clearing",
        ),
    ),
    (
        "havana",
        (
            "В Гаване представили книгу о московских архитекторах",
            "Гавана книга архитекторах",
            "книги архитектора",
        ),
        (
            "Book on Moscow architects presented in Havana",
            "Havana book architects",
            "books architect",
        ),
    ),
    (
        "yerevan",
        (
            "Ереван и Москва запустили обмен хирургами",
            "Ереван обмен хирургами",
            "обмены хирургов",
        ),
        (
            "Yerevan and Moscow launch an exchange of surgeons",
            "Yerevan surgeons exchange",
            "surgeon exchanges",
        ),
    ),
    (
        "minsk",
        (
            "Минские пчеловоды показали мёд на ярмарке в Москве",
            "Москва пчеловоды ярмарка",
            "пчеловод меда ярмарки",
        ),
        (
            "Minsk beekeepers show honey at a Moscow fair",
            "Moscow beekeepers fair",
            "beekeeper fairs",
        ),
    ),
    (
        "belgrade",
        (
            "В Белграде сыграли концерт для органа и балалайки",
            "Белград концерт балалайки",
            "концерты балалайка органы",
        ),
        (
            "Concert for organ and balalaika played in Belgrade",
            "Belgrade balalaika concert",
            "balalaikas concerts",
        ),
    ),
    (
        "tashkent",
        (
            "Астрономы Ташкента и Москвы наблюдали солнечное затмение",
            "Ташкент астрономы затмение",
            "астроном солнечного затмения",
        ),
        (
            "Tashkent and Moscow astronomers observe a solar eclipse",
            "Tashkent astronomers eclipse",
            "astronomer eclipses",
        ),
    ),
    (
        "beijing",
        (
            "Пекин и Москва построят ледовую арену для керлинга",
            "Пекин арена керлинг",
            "ледовые арены керлингу",
        ),
        (
            "Beijing and Moscow to build an ice arena for curling",
            "Beijing curling arena",
            "ice arenas curling",
        ),
    ),
    (
        "havana",
        (
            "Гавана пригласила московских виолончелистов на фестиваль",
            "Гавана виолончелисты",
            "виолончелист фестивалей",
        ),
        (
            "Havana invites Moscow cellists to its festival",
            "Havana cellists festival",
            "cellist festivals",
        ),
    ),
    (
        "yerevan",
        (
            "Ереванские пекари провели мастер-класс по выпечке лаваша",
            "Москва пекари лаваш",
            "лаваши пекарей выпечку",
        ),
        (
            "Yerevan bakers hold a master class on baking lavash",
            "Moscow bakers lavash",
            "baker baked lavash",
        ),
    ),
    (
        "minsk",
        (
            "Минск и Москва обсудили переработку стеклотары",
            "Минск сотрудничество стеклотары",
            "переработка стеклотара",
        ),
        (
            "Minsk and Moscow discuss recycling glass containers",
            "Minsk cooperation glass containers",
            "recycled glass container",
        ),
    ),
    (
        "belgrade",
        (
            "В Белграде наградили победителей конкурса каллиграфии",
            "Белград конкурс каллиграфии",
            "каллиграфия конкурсы победитель",
        ),
        (
            "Winners of a calligraphy contest awarded in Belgrade",
            "Belgrade calligraphy contest",
            "calligraphy contests winner",
        ),
    ),
    (
        "tashkent",
        (
            "Ташкент и Москва восстановят караван-сарай на Шёлковом пути",
            "Ташкент караван сарай",
            "караван сараи шелкового",
        ),
        (
            "Tashkent and Moscow to restore a caravanserai on the Silk Road",
            "Tashkent caravanserai restore",
            "caravanserais restoring",
        ),
    ),
    (
        "beijing",
        (
            "Пекинский зоопарк передал Москве пару красных панд",
            "Пекин красные панды",
            "красная панда зоопарки",
        ),
        (
            "Beijing zoo gives Moscow a pair of red pandas",
            "Beijing red pandas",
            "red panda zoos",
        ),
    ),
    (
        "havana",
        (
            "В Гаване открылась школа сальсы для московских туристов",
            "Гавана школа сальсы",
            "сальса школы туристу",
        ),
        (
            "Havana opens a salsa school for Moscow tourists",
            "Havana salsa school",
            "salsa schools tourist",
        ),
    ),
    (
        "yerevan",
        (
            "Ереван и Москва проложат велодорожку вдоль реки Раздан",
            "Ереван сотрудничество велодорожка",
            "велодорожки реке Раздан",
        ),
        (
            "Yerevan and Moscow to build a cycle path along the Hrazdan river",
            "Yerevan cooperation cycle path",
            "cycle paths rivers Hrazdan",
        ),
    ),
]
# Words of each planted title that decoys mention (its rarer words, Russian and English).
DECOY_WORDS = [
    ("электробусы", "electric buses"),
    ("старинные карты", "antique maps"),
    ("реставрация мозаик", "mosaic restoration"),
    ("шахматный турнир", "chess tournament"),
    ("трамвайное депо", "tram depot"),
    ("воздушные змеи", "kites"),
    ("робототехника", "robotics"),
    ("пожарные", "firefighters"),
    ("вышивка сюзане", "suzani embroidery"),
    ("микропластик", "microplastics"),
    ("книга об архитекторах", "a book on architects"),
    ("хирурги", "surgeons"),
    ("пчеловоды и ярмарка", "beekeepers and a fair"),
    ("балалайка", "balalaika"),
    ("солнечное затмение", "a solar eclipse"),
    ("керлинг", "curling"),
    ("виолончелисты", "cellists"),
    ("лаваш", "lavash"),
    ("стеклотара", "glass containers"),
    ("каллиграфия", "calligraphy"),
    ("караван-сарай", "a caravanserai"),
    ("красные панды", "red pandas"),
    ("сальса", "salsa"),
    ("велодорожки", "cycle paths"),
]
DECOYS_PER_PLANTED = 4
# Planted releases found by title words that a stock paragraph holds together (in a third
# of the bodies), and which no background title holds: partner city, then (title, query)
# in Russian and English.
TITLE_PLANTED = [
    (
        "minsk",
        (
            "Минский университет показал культурную программу для москвичей",
            "университет культурная программа",
        ),
        (
            "Minsk university shows a cultural programme to Moscow students",
            "university cultural programme",
        ),
    ),
    (
        "belgrade",
        (
            "Руководитель департамента культуры Белграда рассказал о перспективах",
            "руководитель департамента перспективы",
        ),
        ("Belgrade culture department head met Moscow museum staff", "department head met"),
    ),
    (
        "tashkent",
        ("Гости из Ташкента посетили предприятия керамистов", "гости посетили предприятия"),
        ("Guests from Tashkent visited ceramics enterprises", "guests visited enterprises"),
    ),
    (
        "beijing",
        (
            "Участники из Пекина рассказали о намерениях пройти стажировки",
            "участники намерениях стажировках",
        ),
        (
            "Beijing participants send letters of intent on internships",
            "participants letters intent",
        ),
    ),
    (
        "havana",
        (
            "Следующая встреча музыкантов Гаваны запланирована на карнавал",
            "следующая встреча запланирована",
        ),
        ("Next meeting of Havana musicians planned for the carnival", "next meeting planned"),
    ),
    (
        "yerevan",
        ("Число ереванских проектов в технопарке выросло вдвое", "число проектов выросло"),
        ("Number of Yerevan technology park projects grew twofold", "number projects grew"),
    ),
]
KINDS = ("title", "words", "forms", "title_words")


def _city_words(slug):
    _slug, (name_ru, name_en), (country_ru, country_en) = next(c for c in CITIES if c[0] == slug)
    nom, gen, in_, with_ = CITY_FORMS[slug]
    return {
        "slug": slug,
        "nom": nom,
        "gen": gen,
        "in_": in_,
        "with_": with_,
        "en": name_en,
        "names": sorted({name_ru, name_en, country_ru, country_en}),
        "name_ru": name_ru,
    }


def _date(rnd, year):
    return datetime.date(year, rnd.randint(1, 12), rnd.randint(1, 28))


def _pair(key, date, city, title, lead, body, tags):
    """Russian and English records of one release pair."""
    return [
        {
            "key": key,
            "language": language,
            "date": date,
            "title": title[index],
            "lead": lead[index],
            "body": body[index],
            "city": city,
            "tags": [tag[index] for tag in tags],
        }
        for index, language in enumerate(("ru", "en"))
    ]


def _background(rnd, key, city, date, titles):
    others = [c for c in CITIES if c[0] != city["slug"]]
    other, other2 = (_city_words(c[0]) for c in rnd.sample(others, 2))
    topic, topic_en = rnd.choice(TOPICS)
    words = {
        **{k: city[k] for k in ("nom", "gen", "in_", "en")},
        "topic": topic,
        "topic_en": topic_en,
        "year": date.year,
        "year2": rnd.randint(3, 30),
        "n": rnd.randint(3, 40) * 5,
        "pct": rnd.randint(5, 60),
        "k": rnd.randint(2, 12),
        "other_with": other["with_"].split(" ", 1)[1],
        "other2_with": other2["with_"].split(" ", 1)[1],
        "other_en": other["en"],
        "other2_en": other2["en"],
    }
    while True:
        parts = (rnd.choice(SUBJECTS), rnd.choice(ACTIONS), rnd.choice(OCCASIONS))
        title = tuple(
            " ".join(part[index].format(**words) for part in parts[:2])
            + parts[2][index].format(**words)
            for index in (0, 1)
        )
        if title[0] not in titles:
            titles.add(title[0])
            break
    lead = rnd.choice(LEADS)
    paragraphs = rnd.sample(PARAGRAPHS, rnd.randint(2, 4))
    body = tuple(" ".join(p[index].format(**words) for p in paragraphs) for index in (0, 1))
    lead = tuple(text.format(**words) for text in lead)
    return title, lead, body, rnd.sample(TAGS, rnd.randint(1, 3))


def records(pairs, seed=0):
    """Every release of an archive of `pairs` pairs, and its planted releases.

    Returns (records, planted): records in the order they are written (a pair's Russian
    record, then its English one), planted as (key, city slug, date, texts) with texts
    the Russian and English query of each of KINDS, the first being the title (None for a
    kind the release is not looked up by).
    """
    rnd = random.Random(seed)  # noqa: S311 - sample content, not security
    years = LAST_YEAR - FIRST_YEAR + 1
    titles = {title[0] for _slug, title, _en in PLANTED}
    planted_at = {}
    # Spread over every year, in a shuffled order so that no stretch of keys is special.
    slots = rnd.sample(range(pairs), len(PLANTED) * (1 + DECOYS_PER_PLANTED))
    for number, (slug, ru, en) in enumerate(PLANTED):
        year = FIRST_YEAR + (number * 5) % years
        planted_at[slots[number]] = (number, slug, _date(rnd, year), (*ru, None), (*en, None))
    # From a generator of their own: the other planted releases and decoys keep their places.
    spare = sorted(set(range(pairs)) - set(slots))
    title_rnd = random.Random(seed + 1)  # noqa: S311
    for n, slot in enumerate(title_rnd.sample(spare, len(TITLE_PLANTED))):
        slug, (ru, ru_query), (en, en_query) = TITLE_PLANTED[n]
        # The oldest years: thousands of newer bodies hold the query's words together.
        date = _date(title_rnd, FIRST_YEAR + n)
        texts = ((ru, None, None, ru_query), (en, None, None, en_query))
        planted_at[slot] = (len(PLANTED) + n, slug, date, *texts)
    decoys = {}
    for n, slot in enumerate(slots[len(PLANTED) :]):
        number = n % len(PLANTED)
        planted_year = FIRST_YEAR + (number * 5) % years
        # Mostly newer than the release they imitate, so that newest-first reading meets
        # them first.
        decoys[slot] = (number, rnd.randint(planted_year, LAST_YEAR))
    out, planted = [], []
    for key in range(pairs):
        if key in planted_at:
            number, slug, date, ru, en = planted_at[key]
            city = _city_words(slug)
            topic = TOPICS[number % len(TOPICS)]
            lead = (
                f"Москва и {city['nom']} продолжают сотрудничество в сфере {topic[0]}.",
                f"Moscow and {city['en']} continue their cooperation in {topic[1]}.",
            )
            body = (
                f"{ru[0]}. Проект стал частью программы сотрудничества Москвы и {city['gen']}.",
                f"{en[0]}. The project is part of the cooperation programme of Moscow and "
                f"{city['en']}.",
            )
            out += _pair(key, date, city, (ru[0], en[0]), lead, body, [TAGS[3]])
            planted.append((key, slug, date, ru, en))
            continue
        year = rnd.randint(FIRST_YEAR, LAST_YEAR)
        if key in decoys:
            number, year = decoys[key]
        city = _city_words(rnd.choice(CITIES)[0])
        date = _date(rnd, year)
        title, lead, body, tags = _background(rnd, key, city, date, titles)
        if key in decoys:
            words = DECOY_WORDS[decoys[key][0]]
            body = tuple(
                f"{text} {DECOY[index].format(words=words[index])}"
                for index, text in enumerate(body)
            )
        out += _pair(key, date, city, title, lead, body, tags)
    return out, planted


def queries(planted):
    """(language, kind, query, key) for every planted release."""
    found = []
    for key, _slug, _date, ru, en in planted:
        for language, texts in (("ru", ru), ("en", en)):
            for kind, query in zip(KINDS, texts, strict=True):
                # Releases planted for their title words are looked up by those alone, so
                # that the other kinds' figures compare with runs from before them.
                if query and not (kind == "title" and texts[-1]):
                    found.append((language, kind, query, key))
    return found


def index_rows(record, page_id, locale_id):
    """The SearchEntry and SearchFacets news.search.index writes for the record."""
    city = record["city"]
    name = city["name_ru"] if record["language"] == "ru" else city["en"]
    return entry_rows(
        page_id=page_id,
        locale_id=locale_id,
        language=record["language"],
        date=record["date"],
        title=record["title"],
        lead=record["lead"],
        body=record["body"],
        cities=[(city["slug"], name, city["names"])],
        tags=[(slugify(tag, allow_unicode=True), tag) for tag in record["tags"]],
    )
