"""The search page as readers use it: filters, counts, sorting, languages, pagination."""

from django.test import override_settings

from .corpus import ArchiveTestCase

MOSCOW = "q=%D0%9C%D0%BE%D1%81%D0%BA%D0%B2%D0%B0"
FORUM = "q=%D1%84%D0%BE%D1%80%D1%83%D0%BC"


class SearchPageTests(ArchiveTestCase):
    def test_search_pages_exist_in_both_languages_with_the_box_in_the_header(self):
        for language, label in (("ru", "Поиск"), ("en", "Search")):
            response = self.client.get(f"/{language}/search/")
            self.assertEqual(response.status_code, 200)
            self.assertContains(response, f'<html lang="{language}">')
            home = self.client.get(f"/{language}/")
            self.assertContains(home, f'action="/{language}/search/"')
            self.assertContains(home, label)

    def test_results_are_in_the_readers_language_with_a_switch_to_both(self):
        ru_only = self.found("ru", q="Минск Minsk")
        self.assertEqual({page.locale.language_code for page in ru_only}, {"ru"})
        both = self.found("ru", q="Минск Minsk", lang="all")
        self.assertEqual({page.locale.language_code for page in both}, {"ru", "en"})
        self.assertIn(self.archive["minsk_roadmap"][0], both)
        self.assertIn(self.archive["minsk_roadmap"][1], both)
        # Each result names its language in its own words, as the language switch does.
        response = self.search("ru", q="Минск Minsk", lang="all")
        self.assertContains(response, '<span lang="en">English</span>')
        self.assertContains(response, '<span lang="ru">Русский</span>')

    def test_matched_words_are_highlighted_in_title_and_snippet(self):
        response = self.search("ru", q="подписание дорожной карты")
        self.assertContains(
            response, "<mark>Подписана</mark> <mark>дорожная</mark> <mark>карта</mark>"
        )
        self.assertContains(
            response, "Стороны <mark>подписали</mark> <mark>дорожную</mark> <mark>карту</mark>"
        )

    def test_highlighting_escapes_the_text(self):
        page = self.archive["minsk_roadmap"][0]
        page.title = "<script>alert(1)</script> Минск"
        page.save_revision().publish()
        response = self.search("ru", q="минск")
        self.assertNotContains(response, "<script>alert(1)")
        self.assertContains(response, "&lt;script&gt;alert(1)&lt;/script&gt; <mark>Минск</mark>")

    def test_filters_with_counts(self):
        context = self.search("ru", q="Москва").context
        years = {year: count for year, count, _url in context["facet_years"]}
        self.assertEqual(years[2024], 2)  # Yerevan culture days, Beijing delegation
        cities = {name: count for name, count, _url in context["facet_cities"]}
        self.assertEqual(cities["Минск"], 1)
        tags = {name: count for name, count, _url in context["facet_tags"]}
        self.assertEqual(tags["культура"], 1)

        by_year = self.found("ru", q="Москва", year=2024)
        self.assertEqual(set(self.keys(by_year)), {"beijing_delegation", "yerevan_culture"})
        by_city = self.found("ru", q="форум", city="belgrade")
        self.assertEqual(self.keys(by_city), ["belgrade_forum"])
        by_tag = self.found("ru", q="форум", tag="экономика")
        self.assertEqual(self.keys(by_tag), ["belgrade_forum"])
        by_dates = self.found("ru", q="Москва", date_from="2022-01-01", date_to="2022-12-31")
        self.assertEqual(
            set(self.keys(by_dates)), {"belgrade_visit", "tashkent_education", "almaty_green"}
        )

    def test_english_page_shows_city_names_in_english(self):
        context = self.search("en", q="forum").context
        names = [name for name, _count, _url in context["facet_cities"]]
        self.assertIn("Belgrade", names)
        self.assertNotIn("Белград", names)

    def test_sort_by_date(self):
        by_date = self.found("ru", q="форум", sort="date")
        dates = [page.date for page in by_date]
        self.assertEqual(len(dates), 3)
        self.assertEqual(dates, sorted(dates, reverse=True))
        # By relevance the 2023 forum (title and lead) comes before the 2024 breakfast.
        by_relevance = self.found("ru", q="Белград форум")
        self.assertEqual(self.keys(by_relevance)[0], "belgrade_forum")

    @override_settings(SEARCH_PAGE_SIZE=2)
    def test_pagination_keeps_the_query_and_filters(self):
        first = self.search("ru", q="Москва", year=2022)
        self.assertEqual(len(first.context["results"]), 2)
        self.assertContains(first, f"?{MOSCOW}&amp;year=2022&amp;page=2")
        second = self.found("ru", q="Москва", year=2022, page=2)
        first_pages = [result["page"] for result in first.context["results"]]
        self.assertEqual(len(second), 1)
        self.assertNotIn(second[0], first_pages)
        # Past the end: the last page, not an error.
        self.assertEqual(self.found("ru", q="Москва", year=2022, page=999), second)

    def test_nothing_found_shows_the_active_filters_and_how_to_drop_them(self):
        response = self.search("ru", q="форум", city="minsk", year=2021)
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, "Ничего не найдено")
        self.assertContains(response, "Город-партнёр: Минск")
        self.assertContains(response, "Год: 2021")
        # Dropping the city keeps the year, and "remove all" keeps only the query.
        self.assertContains(response, f'href="?{FORUM}&amp;year=2021"')
        self.assertContains(response, f'href="?{FORUM}"')

    def test_filters_without_query_browse_the_archive(self):
        pages = self.found("en", city="minsk")
        self.assertEqual(self.keys(pages), ["minsk_roadmap", "minsk_transport"])

    def test_suggestions_on_titles(self):
        response = self.client.get("/ru/search/suggest/", {"q": "дорожн"})
        self.assertEqual(
            response.json()["suggestions"], ["Подписана дорожная карта сотрудничества с Минском"]
        )
        english = self.client.get("/en/search/suggest/", {"q": "roadm"}).json()
        self.assertEqual(english["suggestions"], ["Roadmap for cooperation with Minsk signed"])
        self.assertEqual(
            self.client.get("/ru/search/suggest/", {"q": ""}).json(), {"suggestions": []}
        )
