"""Whatever is typed or linked, the search page answers with a page, never an error."""

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from hypothesis.extra.django import TestCase as HypothesisTestCase

from .corpus import ArchiveTestCase

NASTY_QUERIES = [
    "",
    "   ",
    '"',
    '"дорожная карта',
    "«Минск",
    "((Минск",
    "Минск))",
    "[[]]{}",
    "AND",
    "Минск AND",
    "OR OR OR",
    "NOT Минск",
    "-Минск +Белград",
    "NEAR(Минск Белград, 2)",
    "NEAR/3",
    "*",
    "Минск*",
    "^Минск",
    "title:Минск",
    "lead : карта",
    "'; DROP TABLE wagtailcore_page; --",
    "1' OR '1'='1",
    "%_%",
    "\\",
    "Минск\x00Белград",
    "\x00",
    "\x01\x02\x07\x1b[31m",
    "\u200b\u200e\ufeff",
    "🚀🇷🇺 Минск 🤝 Minsk",
    "Мinsk",  # Cyrillic М, Latin insk
    "Z̤͔ͧ̑̓ä͖̭̈̇lͮ̒ͫǧ̗͚̚o̙̔ͮ̇͐̇",
    "ﷺ 𝔐𝔦𝔫𝔰𝔨 ᏗᏰᏣ",
    "<script>alert(1)</script>",
    "x" * 10_000,
    "Минск " * 2_000,
]


class SafetyTests(ArchiveTestCase):
    def test_odd_queries_answer_with_a_page(self):
        variants = [("ru", {}), ("en", {"lang": "all"}), ("ru", {"sort": "date", "year": 2023})]
        for query in NASTY_QUERIES:
            for language, extra in variants:
                with self.subTest(query=query[:40], language=language, **extra):
                    response = self.search(language, q=query, **extra)
                    self.assertEqual(response.status_code, 200)
                    self.assertContains(response, "<main")
            with self.subTest(query=query[:40], suggest=True):
                suggest = self.client.get("/ru/search/suggest/", {"q": query})
                self.assertEqual(suggest.status_code, 200)
                self.assertIsInstance(suggest.json()["suggestions"], list)

    def test_operators_are_words_not_syntax(self):
        # "NOT Минск" still finds Minsk: nothing typed is parsed as an operator.
        found = self.found("ru", q="NOT Минск")
        self.assertIn(self.archive["minsk_roadmap"][0], found)
        self.assertIn(self.archive["minsk_roadmap"][0], self.found("ru", q="Минск*"))

    def test_long_query_is_cut_not_refused(self):
        response = self.search("ru", q="дорожная карта " + "x" * 10_000)
        self.assertEqual(response.status_code, 200)
        self.assertIn(self.archive["minsk_roadmap"][0], response.context["results"][0].values())

    def test_odd_page_numbers_give_a_page(self):
        for page in ("-1", "0", "abc", "1.5", "", "99999999999999999999999", "\x00"):
            with self.subTest(page=page):
                self.assertTrue(self.found("ru", q="Москва", page=page))

    def test_unknown_filter_values_find_nothing(self):
        for params in ({"city": "atlantis"}, {"tag": "неизвестный-тег"}, {"year": 1901}):
            with self.subTest(**params):
                response = self.search("ru", q="Москва", **params)
                self.assertEqual(response.status_code, 200)
                self.assertContains(response, "Ничего не найдено")

    def test_malformed_filters_answer_400_with_a_page(self):
        for params in (
            {"year": "abc"},
            {"year": "99999"},
            {"year": "\x00"},
            {"date_from": "2023-13-45"},
            {"date_to": "yesterday"},
            {"date_from": "2024-01-01", "date_to": "2023-01-01"},
            {"city": "<script>"},
            {"city": "x" * 500},
        ):
            with self.subTest(**params):
                response = self.search("ru", q="Москва", **params)
                self.assertEqual(response.status_code, 400)
                self.assertContains(
                    response, "Некоторые фильтры не удалось распознать", status_code=400
                )
                self.assertNotContains(response, "&lt;script&gt;&lt;script", status_code=400)

    def test_unknown_sort_and_language_fall_back_to_defaults(self):
        response = self.search("ru", q="Минск", sort="drop table", lang="xx")
        self.assertEqual(response.status_code, 200)
        self.assertEqual(response.context["sort"], "relevance")
        self.assertFalse(response.context["both"])


# A class: Hypothesis's Django TestCase rolls the database back after every example.
class RandomInputTests(HypothesisTestCase, ArchiveTestCase):
    """Random strings as query and filters, on whichever backend the suite runs with."""

    @settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
    @given(
        query=st.text(max_size=200),
        language=st.sampled_from(["ru", "en"]),
        params=st.dictionaries(
            st.sampled_from(
                ["city", "year", "date_from", "date_to", "tag", "sort", "lang", "page"]
            ),
            st.text(max_size=20),
            max_size=3,
        ),
    )
    def test_random_input_never_breaks_the_page(self, query, language, params):
        response = self.search(language, q=query, **params)
        self.assertIn(response.status_code, (200, 400))
        self.assertIn(b"<main", response.content)
        suggest = self.client.get(f"/{language}/search/suggest/", {"q": query})
        self.assertEqual(suggest.status_code, 200)
