"""The relevance set: queries readers type and the release each must find."""

from .corpus import RELEVANCE, ArchiveTestCase


class RelevanceTests(ArchiveTestCase):
    def test_relevance_set(self):
        self.assertGreaterEqual(len(RELEVANCE), 40)
        failures = []
        for language, query, key, rank in RELEVANCE:
            found = self.found(language, q=query)
            expected = self.archive[key][0 if language == "ru" else 1]
            if expected.pk not in [page.pk for page in found[:rank]]:
                failures.append(
                    f"{language} {query!r}: expected {key} in top {rank}, got "
                    + ", ".join(page.title for page in found[:3])
                )
        self.assertEqual(failures, [])

    def test_word_forms_match_each_other(self):
        roadmap = self.archive["minsk_roadmap"][0]
        for query in (
            "подписали",
            "подписание",
            "подписать",
            "Минск",
            "Минске",
            "МИНСКОМ",
            "дорожная карта",
            "дорожную карту",
            "дорожной карты",
        ):
            with self.subTest(query=query):
                self.assertIn(roadmap, self.found("ru", q=query))
        roadmap_en = self.archive["minsk_roadmap"][1]
        for query in ("sign", "signed", "signing", "roadmap", "roadmaps"):
            with self.subTest(query=query):
                self.assertIn(roadmap_en, self.found("en", q=query))

    def test_yo_and_ye_are_the_same_letter(self):
        green = self.archive["almaty_green"][0]
        self.assertEqual(self.found("ru", q="зеленые")[:1], [green])
        self.assertEqual(self.found("ru", q="Зелёные")[:1], [green])
        # "прошёл" in the title is found typed with е.
        self.assertIn(self.archive["belgrade_forum"][0], self.found("ru", q="прошел"))
