"""Releases for the search tests, in Russian with their English translations.

Each entry: key, date, city slug, tags, Russian (title, lead, body), English texts.
Built in the tests, never taken from the demo content.
"""

import datetime

from django.test import TestCase

from wagtail.rich_text import RichText

from news.structure.tree import ensure_site_structure
from news.translation.from_texts import translate_instance
from tests.factories import NewsArticlePageFactory, PartnerCityFactory, locale, publish, topics

CITIES = {
    "minsk": ("Минск", "Беларусь", "Minsk", "Belarus"),
    "belgrade": ("Белград", "Сербия", "Belgrade", "Serbia"),
    "yerevan": ("Ереван", "Армения", "Yerevan", "Armenia"),
    "tashkent": ("Ташкент", "Узбекистан", "Tashkent", "Uzbekistan"),
    "almaty": ("Алматы", "Казахстан", "Almaty", "Kazakhstan"),
    "shanghai": ("Шанхай", "Китай", "Shanghai", "China"),
    "beijing": ("Пекин", "Китай", "Beijing", "China"),
}

RELEASES = [
    {
        "key": "minsk_roadmap",
        "date": datetime.date(2023, 11, 15),
        "cities": ["minsk"],
        "tags": ["сотрудничество"],
        "ru": (
            "Подписана дорожная карта сотрудничества с Минском",
            "Стороны подписали дорожную карту на 2024–2026 годы.",
            "Документ предусматривает совместные проекты в сфере образования, культуры и "
            "городского хозяйства.",
        ),
        "en": (
            "Roadmap for cooperation with Minsk signed",
            "The sides signed a roadmap for 2024–2026.",
            "The document provides for joint projects in education, culture and municipal "
            "services.",
        ),
    },
    {
        "key": "belgrade_forum",
        "date": datetime.date(2023, 6, 20),
        "cities": ["belgrade"],
        "tags": ["экономика"],
        "ru": (
            "В Белграде прошёл деловой форум",
            "Более трёхсот предпринимателей приняли участие в деловом форуме «Белград-2023».",
            "Участники обсудили инвестиции в цифровую экономику и логистику.",
        ),
        "en": (
            "Business forum held in Belgrade",
            "More than three hundred entrepreneurs took part in the Belgrade-2023 business forum.",
            "Participants discussed investment in the digital economy and logistics.",
        ),
    },
    {
        "key": "belgrade_visit",
        "date": datetime.date(2022, 6, 15),
        "cities": ["belgrade"],
        "tags": [],
        "ru": (
            "Мэр Белграда посетил Москву",
            "Во время визита обсуждались вопросы городского транспорта.",
            "Гости осмотрели новые станции метро.",
        ),
        "en": (
            "Mayor of Belgrade visits Moscow",
            "The visit covered urban transport.",
            "The guests toured new metro stations.",
        ),
    },
    {
        "key": "yerevan_culture",
        "date": datetime.date(2024, 3, 10),
        "cities": ["yerevan"],
        "tags": ["культура"],
        "ru": (
            "Дни культуры Москвы открылись в Ереване",
            "В армянской столице проходят выставки, концерты и кинопоказы.",
            "Программа продлится до конца месяца.",
        ),
        "en": (
            "Moscow Culture Days open in Yerevan",
            "The Armenian capital hosts exhibitions, concerts and film screenings.",
            "The programme runs until the end of the month.",
        ),
    },
    {
        "key": "minsk_transport",
        "date": datetime.date(2021, 9, 5),
        "cities": ["minsk"],
        "tags": ["транспорт"],
        "ru": (
            "Минск и Москва обсудили развитие общественного транспорта",
            "Эксперты двух городов встретились на транспортной конференции.",
            "Речь шла о закупке электробусов и выделенных полосах.",
        ),
        "en": (
            "Minsk and Moscow discuss public transport",
            "Experts from the two cities met at a transport conference.",
            "They talked about buying electric buses and dedicated lanes.",
        ),
    },
    {
        "key": "tashkent_education",
        "date": datetime.date(2022, 10, 12),
        "cities": ["tashkent"],
        "tags": ["образование"],
        "ru": (
            "Университеты Москвы и Ташкента подписали соглашение об обмене студентами",
            "Соглашение позволит ежегодно обмениваться сотней студентов.",
            "Первые студенты приедут в сентябре.",
        ),
        "en": (
            "Universities of Moscow and Tashkent sign a student exchange agreement",
            "The agreement allows a hundred students to be exchanged every year.",
            "The first students will arrive in September.",
        ),
    },
    {
        "key": "almaty_green",
        "date": datetime.date(2022, 5, 30),
        "cities": ["almaty"],
        "tags": ["экология"],
        "ru": (
            "Зелёные технологии: озеленение городских дворов",
            "Специалисты Москвы и Алматы обменялись опытом озеленения.",
            "Обсуждались посадка деревьев и уход за газонами.",
        ),
        "en": (
            "Green technologies: greening city courtyards",
            "Specialists from Moscow and Almaty shared their experience of greening.",
            "They discussed planting trees and lawn care.",
        ),
    },
    {
        "key": "year_review",
        "date": datetime.date(2020, 12, 28),
        "cities": [],
        "tags": [],
        "ru": (
            "Итоги года: международные связи столицы",
            "Подводим итоги работы департамента за год.",
            "В течение года подписаны соглашения с Минском и Белградом, утверждена дорожная "
            "карта, прошёл деловой форум.",
        ),
        "en": (
            "The year in review: the capital's international ties",
            "A look back at the department's work over the year.",
            "During the year agreements were signed with Minsk and Belgrade, a roadmap was "
            "approved and a business forum took place.",
        ),
    },
    {
        "key": "shanghai_expo",
        "date": datetime.date(2023, 4, 18),
        "cities": ["shanghai"],
        "tags": [],
        "ru": (
            "Московская экспозиция представлена на выставке в Шанхае",
            "Стенд Москвы посетили более десяти тысяч человек.",
            "Экспозиция рассказывает о туризме и промышленности.",
        ),
        "en": (
            "Moscow exhibit shown at the Shanghai expo",
            "More than ten thousand people visited the Moscow stand.",
            "The exhibit covers tourism and industry.",
        ),
    },
    {
        "key": "beijing_delegation",
        "date": datetime.date(2024, 5, 22),
        "cities": ["beijing"],
        "tags": [],
        "ru": (
            "Делегация Пекина посетила Москву",
            "Гости ознакомились с опытом цифровизации городских услуг.",
            "Делегация побывала в центре госуслуг.",
        ),
        "en": (
            "Beijing delegation visits Moscow",
            "The guests learnt about the digitalisation of city services.",
            "The delegation visited a public services centre.",
        ),
    },
    {
        "key": "youth_breakfast",
        "date": datetime.date(2024, 9, 3),
        "cities": ["tashkent"],
        "tags": ["молодёжь"],
        "ru": (
            "Деловой завтрак открыл молодёжный форум в Ташкенте",
            "Деловой завтрак стал первым событием форума молодых предпринимателей.",
            "Завтрак прошёл в формате открытого диалога.",
        ),
        "en": (
            "A business breakfast opens the youth forum in Tashkent",
            "The business breakfast was the first event of the forum of young entrepreneurs.",
            "The breakfast was an open dialogue.",
        ),
    },
]

# (language, query, expected key, how high it must rank: 1 = first, 3 = within the top 3)
RELEVANCE = [
    ("ru", "когда подписали дорожную карту с Минском", "minsk_roadmap", 1),
    ("ru", "подписание дорожной карты", "minsk_roadmap", 1),
    ("ru", "дорожная карта", "minsk_roadmap", 1),
    ("ru", "Минск", "minsk_roadmap", 1),
    ("ru", "Минск", "minsk_transport", 3),
    ("ru", "в Минске", "minsk_roadmap", 1),
    ("ru", "минском", "minsk_roadmap", 1),
    ("ru", "деловой форум Белград", "belgrade_forum", 1),
    ("ru", "форум в Белграде 2023", "belgrade_forum", 1),
    ("ru", "Ереван культура", "yerevan_culture", 1),
    ("ru", "дни культуры", "yerevan_culture", 1),
    ("ru", "общественный транспорт", "minsk_transport", 1),
    ("ru", "электробусы", "minsk_transport", 1),
    ("ru", "соглашение об обмене студентами", "tashkent_education", 1),
    ("ru", "обмен студентов Ташкент", "tashkent_education", 1),
    ("ru", "зеленые технологии", "almaty_green", 1),
    ("ru", "ЗЕЛЁНЫЕ", "almaty_green", 1),
    ("ru", "озеленения дворов", "almaty_green", 1),
    ("ru", "выставка в Шанхае", "shanghai_expo", 1),
    ("ru", "экспозиции", "shanghai_expo", 1),
    ("ru", "делегация Пекина", "beijing_delegation", 1),
    ("ru", "цифровизация услуг", "beijing_delegation", 1),
    ("ru", "итоги года", "year_review", 1),
    # Equal matches: the newer release first; in quotes, the exact phrase first.
    ("ru", "деловой форум", "youth_breakfast", 1),
    ("ru", '"деловой форум"', "belgrade_forum", 1),
    ("ru", "«деловой форум»", "belgrade_forum", 1),
    ("en", "business forum", "youth_breakfast", 1),
    ("en", '"business forum"', "belgrade_forum", 1),
    ("ru", "деловой завтрак", "youth_breakfast", 1),
    ("ru", "подписали соглашение", "tashkent_education", 1),
    ("ru", "инвестиции в цифровую экономику", "belgrade_forum", 1),
    ("ru", "предприниматель", "belgrade_forum", 3),
    ("ru", "концерт", "yerevan_culture", 1),
    ("ru", "транспортная конференция", "minsk_transport", 1),
    ("ru", "визит мэра Белграда", "belgrade_visit", 1),
    ("en", "Belgrade business forum 2023", "belgrade_forum", 1),
    ("en", "roadmap signed Minsk", "minsk_roadmap", 1),
    ("en", "signing roadmaps", "minsk_roadmap", 1),
    ("en", "sign", "tashkent_education", 3),
    ("en", "Minsk", "minsk_roadmap", 1),
    ("en", "public transport", "minsk_transport", 1),
    ("en", "electric bus", "minsk_transport", 1),
    ("en", "student exchange agreement", "tashkent_education", 1),
    ("en", "exchanging students", "tashkent_education", 1),
    ("en", "green technology", "almaty_green", 1),
    ("en", "greening courtyards", "almaty_green", 1),
    ("en", "Beijing delegation", "beijing_delegation", 1),
    ("en", "digitalisation of city services", "beijing_delegation", 1),
    ("en", "Moscow Culture Days", "yerevan_culture", 1),
    ("en", "concerts and film screenings", "yerevan_culture", 1),
    ("en", "investment digital economy", "belgrade_forum", 1),
    ("en", "entrepreneurs", "belgrade_forum", 3),
    ("en", '"business breakfast"', "youth_breakfast", 1),
    ("en", "year in review", "year_review", 1),
    ("en", "Shanghai expo", "shanghai_expo", 1),
    ("en", "mayor visits", "belgrade_visit", 1),
]


def build_archive():
    """Publish every corpus release in Russian and English: {key: (ru page, en page)}."""
    _home, site_tree = ensure_site_structure()
    english = locale("en")
    cities = {}
    for slug, (name, country, name_en, country_en) in CITIES.items():
        city = PartnerCityFactory(name=name, country=country, slug=slug)
        translate_instance(city, english, {name: name_en, country: country_en}.get)
        cities[slug] = city
    pages = {}
    for number, release in enumerate(RELEASES):
        title, lead, body = release["ru"]
        page = NewsArticlePageFactory(
            parent=site_tree,
            title=title,
            slug=f"r{number}-{release['key'].replace('_', '-')}",
            lead=lead,
            date=release["date"],
            body=[("paragraph", RichText(f"<p>{body}</p>"))],
            cities=[cities[slug] for slug in release["cities"]],
        )
        if release["tags"]:
            page.tags.add(*topics(*release["tags"]))
            page.save()
        publish(page)
        texts = dict(zip(release["ru"], release["en"], strict=True))
        pages[release["key"]] = (page, translate_instance(page, english, texts.get))
    return pages


# A class: setUpTestData builds the 50-release corpus once for all of a class's tests.
class ArchiveTestCase(TestCase):
    """Read-only tests over the corpus, built once per class."""

    @classmethod
    def setUpTestData(cls):
        cls.archive = build_archive()

    def search(self, language="ru", **params):
        return self.client.get(f"/{language}/search/", params)

    def found(self, language="ru", **params):
        response = self.search(language, **params)
        self.assertEqual(response.status_code, 200)
        return [result["page"] for result in response.context["results"]]

    def keys(self, pages):
        by_pk = {page.pk: key for key, pair in self.archive.items() for page in pair}
        return [by_pk[page.pk] for page in pages]
