"""Demo releases in the genre the press office publishes, written for this product.

Each text is a (Russian, English) pair; the English one becomes the translation of the
Russian segment in wagtail-localize, so the demo behaves like real translated content.
"""

CITIES = [
    # slug, (name ru, name en), (country ru, country en)
    ("minsk", ("Минск", "Minsk"), ("Беларусь", "Belarus")),
    ("belgrade", ("Белград", "Belgrade"), ("Сербия", "Serbia")),
    ("tashkent", ("Ташкент", "Tashkent"), ("Узбекистан", "Uzbekistan")),
    ("beijing", ("Пекин", "Beijing"), ("Китай", "China")),
    ("havana", ("Гавана", "Havana"), ("Куба", "Cuba")),
    ("yerevan", ("Ереван", "Yerevan"), ("Армения", "Armenia")),
]

# Tags: (name ru, name en); the Russian name is what the releases below list.
TAGS = [
    ("дорожная карта", "roadmap"),
    ("визит", "visit"),
    ("деловой форум", "business forum"),
    ("экономика", "economy"),
    ("дни культуры", "culture days"),
    ("транспорт", "transport"),
    ("соглашение", "agreement"),
    ("образование", "education"),
    ("молодёжь", "youth"),
    ("цифровой город", "digital city"),
    ("здравоохранение", "healthcare"),
]

RELEASES = [
    {
        "slug": "minsk-roadmap-2024-2026",
        "date": "2023-11-15",
        "cities": ["minsk"],
        "tags": ["дорожная карта", "визит"],
        "images": 3,
        "title": (
            "Город и Минск подписали дорожную карту сотрудничества на 2024–2026 годы",
            "The city and Minsk sign a cooperation roadmap for 2024–2026",
        ),
        "lead": (
            "Во время визита делегации Минска стороны утвердили план совместных проектов "
            "на три года и заявление о транспортном сотрудничестве.",
            "During the visit of the Minsk delegation the two sides approved a three-year "
            "plan of joint projects and a statement on transport cooperation.",
        ),
        "paragraphs": [
            (
                "Руководитель департамента Анна Соколова и первый заместитель председателя "
                "Минского горисполкома провели рабочую встречу и обсудили, как развивать "
                "связи между городами в ближайшие годы.",
                "Head of the department Anna Sokolova and the First Deputy Chair of the Minsk "
                "City Executive Committee held a working meeting on how the ties between the "
                "two cities should develop in the coming years.",
            ),
            (
                "По данным за шесть месяцев 2023 года товарооборот между организациями города "
                "и партнёрами из Беларуси вырос на 37,6% и достиг 9,8 млрд долларов США.",
                "Over the first six months of 2023, trade between the city's companies and "
                "their Belarusian partners grew by 37.6% to 9.8 billion US dollars.",
            ),
            (
                "Дорожная карта охватывает торговлю, науку, образование, городское хозяйство, "
                "спорт и здравоохранение. Весной 2024 года в Минске пройдут Дни города с "
                "деловым форумом и культурной программой.",
                "The roadmap covers trade, science, education, municipal services, sport and "
                "healthcare. In spring 2024 Minsk will host Days of the City with a business "
                "forum and a cultural programme.",
            ),
        ],
        "quote": (
            (
                "Минск остаётся для нас стратегическим партнёром, и дорожная карта "
                "превращает договорённости в конкретные проекты.",
                "Анна Соколова",
                "руководитель департамента международных связей",
            ),
            (
                "Minsk remains a strategic partner for us, and the roadmap turns our "
                "agreements into concrete projects.",
                "Anna Sokolova",
                "Head of the International Relations Department",
            ),
        ),
    },
    {
        "slug": "belgrade-business-forum-2023",
        "date": "2023-10-04",
        "cities": ["belgrade"],
        "tags": ["деловой форум", "экономика"],
        "images": 4,
        "title": (
            "В Белграде прошёл деловой форум городов-партнёров",
            "Partner cities' business forum held in Belgrade",
        ),
        "lead": (
            "Более двухсот предпринимателей из двух городов встретились в Белграде, чтобы "
            "обсудить поставки, строительство и туризм.",
            "More than two hundred entrepreneurs from the two cities met in Belgrade to "
            "discuss supplies, construction and tourism.",
        ),
        "paragraphs": [
            (
                "Форум открыли пленарной сессией о городской инфраструктуре, после которой "
                "участники провели переговоры в формате «один на один».",
                "The forum opened with a plenary session on urban infrastructure, followed by "
                "one-to-one talks between participants.",
            ),
            (
                "По итогам форума подписаны шесть соглашений о намерениях, в том числе о "
                "совместном производстве строительных материалов.",
                "Six letters of intent were signed at the forum, including one on joint "
                "production of building materials.",
            ),
        ],
        "quote": (
            (
                "Деловые связи с Белградом растут, и форум помогает компаниям найти друг "
                "друга напрямую.",
                "Игорь Лебедев",
                "заместитель руководителя департамента",
            ),
            (
                "Business ties with Belgrade keep growing, and the forum helps companies find "
                "each other directly.",
                "Igor Lebedev",
                "Deputy Head of the Department",
            ),
        ),
    },
    {
        "slug": "tashkent-culture-days",
        "date": "2023-09-12",
        "cities": ["tashkent"],
        "tags": ["дни культуры"],
        "images": 5,
        "title": (
            "Дни культуры Ташкента открылись концертом и выставкой ремёсел",
            "Tashkent Culture Days open with a concert and a crafts exhibition",
        ),
        "lead": (
            "Неделя узбекской культуры включает концерты, кинопоказы и мастер-классы "
            "ташкентских ремесленников.",
            "A week of Uzbek culture brings concerts, film screenings and workshops by "
            "Tashkent craftspeople.",
        ),
        "paragraphs": [
            (
                "Выставка в городском выставочном зале представляет керамику, сюзане и "
                "резьбу по дереву мастеров из Ташкента.",
                "The exhibition at the city exhibition hall shows ceramics, suzani embroidery "
                "and wood carving by masters from Tashkent.",
            ),
            (
                "Вход на все мероприятия свободный, программа опубликована на сайте департамента.",
                "Admission to every event is free; the programme is published on the "
                "department's website.",
            ),
        ],
    },
    {
        "slug": "beijing-delegation-visit",
        "date": "2023-08-22",
        "cities": ["beijing"],
        "tags": ["визит", "транспорт"],
        "images": 2,
        "title": (
            "Делегация Пекина изучила опыт города в развитии общественного транспорта",
            "Beijing delegation studies the city's public transport experience",
        ),
        "lead": (
            "Гости посетили диспетчерский центр и депо электробусов и договорились об "
            "обмене специалистами.",
            "The guests visited the control centre and an electric bus depot and agreed to "
            "exchange specialists.",
        ),
        "paragraphs": [
            (
                "Специалисты двух городов обсудили переход на электробусы и единые билеты "
                "для разных видов транспорта.",
                "Specialists from both cities discussed the switch to electric buses and "
                "single tickets across modes of transport.",
            ),
            (
                "Следующая встреча рабочей группы запланирована в Пекине в начале 2024 года.",
                "The working group's next meeting is planned in Beijing in early 2024.",
            ),
        ],
    },
    {
        "slug": "havana-education-agreement",
        "date": "2023-07-18",
        "cities": ["havana"],
        "tags": ["соглашение", "образование"],
        "images": 1,
        "title": (
            "С Гаваной подписано соглашение о сотрудничестве в образовании",
            "Education cooperation agreement signed with Havana",
        ),
        "lead": (
            "Школы и колледжи двух городов будут обмениваться учебными программами и "
            "проводить совместные летние школы.",
            "Schools and colleges of the two cities will share curricula and run joint "
            "summer schools.",
        ),
        "paragraphs": [
            (
                "Соглашение подписали на церемонии в мэрии Гаваны в присутствии учителей и "
                "студентов.",
                "The agreement was signed at a ceremony in Havana's city hall attended by "
                "teachers and students.",
            ),
            (
                "Первая летняя школа испанского и русского языков пройдёт в июле 2024 года.",
                "The first Spanish and Russian summer language school will be held in July 2024.",
            ),
        ],
    },
    {
        "slug": "yerevan-youth-exchange",
        "date": "2023-06-30",
        "cities": ["yerevan"],
        "tags": ["молодёжь", "визит"],
        "images": 3,
        "title": (
            "Молодёжный обмен с Ереваном соберёт студентов двух городов",
            "Youth exchange with Yerevan brings students of both cities together",
        ),
        "lead": (
            "Тридцать студентов проведут две недели в городе-партнёре, работая над "
            "проектами в области урбанистики.",
            "Thirty students will spend two weeks in the partner city working on urban "
            "planning projects.",
        ),
        "paragraphs": [
            (
                "Участников выбрали по итогам открытого конкурса проектов о городской среде.",
                "Participants were chosen through an open competition of projects on the "
                "urban environment.",
            ),
            (
                "Лучшие проекты представят на осенней конференции городов-партнёров.",
                "The best projects will be presented at the autumn conference of partner cities.",
            ),
        ],
    },
    {
        "slug": "minsk-days-of-the-city-2024",
        "date": "2024-04-20",
        "cities": ["minsk"],
        "tags": ["дни культуры", "деловой форум"],
        "images": 4,
        "title": (
            "В Минске прошли Дни города с деловым форумом и фестивалем",
            "Days of the City in Minsk bring a business forum and a festival",
        ),
        "lead": (
            "Программа, предусмотренная дорожной картой, объединила деловой форум, "
            "спортивные соревнования и концерты на главных площадях Минска.",
            "The programme set out in the roadmap combined a business forum, sports "
            "competitions and concerts on Minsk's main squares.",
        ),
        "paragraphs": [
            (
                "На деловом форуме компании двух городов подписали соглашения о поставках "
                "медицинского оборудования и продуктов питания.",
                "At the business forum companies from the two cities signed agreements on "
                "supplies of medical equipment and food.",
            ),
            (
                "Культурная программа собрала более пятидесяти тысяч зрителей.",
                "The cultural programme drew more than fifty thousand spectators.",
            ),
        ],
    },
    {
        "slug": "belgrade-smart-city-memorandum",
        "date": "2024-03-14",
        "cities": ["belgrade"],
        "tags": ["соглашение", "цифровой город"],
        "images": 2,
        "title": (
            "Город и Белград подписали меморандум о цифровых городских сервисах",
            "The city and Belgrade sign a memorandum on digital city services",
        ),
        "lead": (
            "Стороны будут вместе развивать электронные услуги для жителей и обмениваться "
            "данными о работе городских систем.",
            "The sides will jointly develop e-services for residents and share data on how "
            "city systems perform.",
        ),
        "paragraphs": [
            (
                "Меморандум предусматривает создание совместной рабочей группы по цифровым "
                "сервисам.",
                "The memorandum provides for a joint working group on digital services.",
            ),
            (
                "Первые пилотные проекты касаются онлайн-записи к врачу и оплаты парковки.",
                "The first pilot projects cover online doctor's appointments and parking "
                "payments.",
            ),
        ],
    },
    {
        "slug": "tashkent-business-mission",
        "date": "2024-05-28",
        "cities": ["tashkent"],
        "tags": ["деловой форум", "экономика", "визит"],
        "images": 3,
        "title": (
            "Бизнес-миссия в Ташкент завершилась подписанием контрактов",
            "Business mission to Tashkent ends with signed contracts",
        ),
        "lead": (
            "Сорок компаний города провели переговоры с ташкентскими партнёрами и заключили "
            "контракты на поставку техники для городского хозяйства.",
            "Forty of the city's companies held talks with partners in Tashkent and signed "
            "contracts to supply equipment for municipal services.",
        ),
        "paragraphs": [
            (
                "Бизнес-миссию организовали при поддержке торгового представительства и "
                "хокимията Ташкента.",
                "The business mission was organised with the support of the trade mission "
                "and the Tashkent city administration.",
            ),
            (
                "Общая сумма подписанных контрактов превысила 120 миллионов долларов США.",
                "The contracts signed total more than 120 million US dollars.",
            ),
        ],
    },
    {
        "slug": "beijing-trade-roadmap",
        "date": "2024-06-17",
        "cities": ["beijing"],
        "tags": ["дорожная карта", "экономика"],
        "images": 2,
        "title": (
            "С Пекином согласована дорожная карта торгово-экономического сотрудничества",
            "Trade and economic cooperation roadmap agreed with Beijing",
        ),
        "lead": (
            "Документ определяет совместные выставки, инвестиционные проекты и обмен "
            "делегациями на ближайшие два года.",
            "The document sets out joint exhibitions, investment projects and exchanges of "
            "delegations for the next two years.",
        ),
        "paragraphs": [
            (
                "Дорожную карту подписали по итогам заседания межмуниципальной комиссии.",
                "The roadmap was signed after a meeting of the inter-municipal commission.",
            ),
            (
                "Особое внимание уделено проектам в области зелёной энергетики.",
                "Special attention is given to green energy projects.",
            ),
        ],
    },
    {
        "slug": "havana-culture-days-2024",
        "date": "2024-09-05",
        "cities": ["havana"],
        "tags": ["дни культуры"],
        "images": 5,
        "title": (
            "Дни культуры Гаваны: музыка, танцы и кино под открытым небом",
            "Havana Culture Days: music, dance and open-air cinema",
        ),
        "lead": (
            "Кубинские артисты выступят в городских парках, а в кинотеатрах покажут "
            "классику кубинского кино.",
            "Cuban artists will perform in the city's parks, and cinemas will show classics "
            "of Cuban film.",
        ),
        "paragraphs": [
            (
                "Фестиваль открылся концертом национального ансамбля на главной сцене парка.",
                "The festival opened with a concert by the national ensemble on the park's "
                "main stage.",
            ),
            (
                "Все показы фильмов идут с русскими субтитрами.",
                "Every screening has Russian subtitles.",
            ),
        ],
    },
    {
        "slug": "yerevan-healthcare-cooperation",
        "date": "2024-10-10",
        "cities": ["yerevan", "minsk"],
        "tags": ["здравоохранение", "соглашение"],
        "images": 2,
        "title": (
            "Врачи Еревана, Минска и города обменяются опытом в здравоохранении",
            "Doctors from Yerevan, Minsk and the city to share healthcare experience",
        ),
        "lead": (
            "Трёхстороннее соглашение открывает стажировки для врачей и совместные "
            "конференции по неотложной помощи.",
            "A three-way agreement opens internships for doctors and joint conferences on "
            "emergency care.",
        ),
        "paragraphs": [
            (
                "В первый год стажировки пройдут пятьдесят специалистов из трёх городов.",
                "Fifty specialists from the three cities will take part in internships in "
                "the first year.",
            ),
            (
                "Конференция по неотложной помощи состоится в Ереване весной.",
                "The emergency care conference will be held in Yerevan in the spring.",
            ),
        ],
    },
]

# Releases the demo leaves part-way through the workflow, so a new user meets every state.
AWAITING_TRANSLATION = "awaiting translation"
TRANSLATION_SUBMITTED = "translation awaiting approval"
OUT_OF_DATE = "translation out of date"
WORKFLOW_STATES = {
    "yerevan-healthcare-cooperation": AWAITING_TRANSLATION,
    "havana-culture-days-2024": TRANSLATION_SUBMITTED,
    "beijing-trade-roadmap": OUT_OF_DATE,
}
# Added to the Russian text after its translation was published.
LATE_PARAGRAPH = "Рабочая группа соберётся в январе, чтобы утвердить график поставок."

# Russian releases not yet published: one still a draft, one submitted to the editors.
RUSSIAN_DRAFTS = [
    {
        "slug": "yerevan-mayors-visit-draft",
        "state": "draft",
        "date": "2024-11-20",
        "cities": ["yerevan"],
        "tags": ["визит"],
        "images": 1,
        "title": ("Мэр Еревана посетит город в декабре", None),
        "lead": ("Программа визита включает встречу с руководством города.", None),
        "paragraphs": [("Детали программы уточняются.", None)],
    },
    {
        "slug": "minsk-students-olympiad",
        "state": "submitted",
        "date": "2024-11-22",
        "cities": ["minsk"],
        "tags": ["образование"],
        "images": 1,
        "title": ("Школьники Минска и города проведут общую олимпиаду", None),
        "lead": ("Олимпиада по математике пройдёт одновременно в двух городах.", None),
        "paragraphs": [("Победители получат приглашения в летний лагерь.", None)],
    },
]
