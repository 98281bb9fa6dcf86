"""A release is found by its own title and words across the whole archive, however common
some of them are: the archive-scale relevance benchmark (bench/search_relevance.py),
scaled down to about 2,000 releases and a bound of 100 ranked matches, through the search
page."""

import datetime
import importlib.util
import sys
import uuid
from pathlib import Path
from unittest import mock, skipUnless

from django.core.management.color import no_style
from django.db import connection
from django.db.models import Count
from django.test import TestCase, override_settings
from django.test.utils import CaptureQueriesContext

from wagtail.models import Page
from wagtail.rich_text import RichText

from news.models import NewsArticlePage, NewsIndexPage, SearchEntry, SearchFacet
from news.search import engine
from news.structure.tree import ensure_site_structure
from news.text.analysis import terms
from news.translation.from_texts import translate_instance
from tests.factories import NewsArticlePageFactory, locale, publish

from .conftest import every_page

BENCH = Path(__file__).resolve().parents[3] / "bench"
PAIRS = 1_000
# A tenth of the archive, as 1,000 is of 10,000 pairs: the common words are in far more
# releases than are ranked.
BOUND = 100
ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"


def _archive_module():
    spec = importlib.util.spec_from_file_location(
        "bench_search_archive", BENCH / "search_archive.py"
    )
    module = importlib.util.module_from_spec(spec)
    sys.modules.setdefault(spec.name, module)
    spec.loader.exec_module(module)
    return module


archive = _archive_module()


def _step(number):
    text = ""
    for _ in range(4):
        number, digit = divmod(number, len(ALPHABET))
        text = ALPHABET[digit] + text
    return text


def _row(model, pk):
    columns = [field.column for field in model._meta.local_concrete_fields]
    quote = connection.ops.quote_name
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT {', '.join(quote(c) for c in columns)} FROM {quote(model._meta.db_table)}"  # noqa: S608
            f" WHERE {quote(model._meta.pk.column)} = %s",
            [pk],
        )
        return columns, dict(zip(columns, cursor.fetchone(), strict=True))


def _insert(model, columns, rows):
    quote = connection.ops.quote_name
    sql = (
        f"INSERT INTO {quote(model._meta.db_table)} ({', '.join(quote(c) for c in columns)})"  # noqa: S608
        f" VALUES ({', '.join(['%s'] * len(columns))})"
    )
    with connection.cursor() as cursor:
        cursor.executemany(sql, [[row[c] for c in columns] for row in rows])


def build(records):
    """Live release pages for the records, copied with bulk INSERTs from one published pair
    (page saves would take minutes), and their search index rows. Returns {(key, language):
    page id}."""
    _home, archive_ru = ensure_site_structure()
    english = locale("en")
    template = publish(
        NewsArticlePageFactory(parent=archive_ru, title="Образец", slug="template", live=False)
    )
    templates = {"ru": template, "en": translate_instance(template, english, lambda text: None)}
    parents = {"ru": archive_ru, "en": NewsIndexPage.objects.get(locale=english)}
    locales = {language: page.locale_id for language, page in templates.items()}
    page_rows, article_rows, ids = [], [], {}
    next_id = Page.objects.order_by("-pk").values_list("pk", flat=True).first() + 1
    children = {language: parent.numchild for language, parent in parents.items()}
    keys = {}
    rows = {
        language: (_row(Page, page.pk), _row(NewsArticlePage, page.pk))
        for language, page in templates.items()
    }
    for record in records:
        language, pk = record["language"], next_id
        next_id += 1
        parent = parents[language]
        children[language] += 1
        (page_columns, page), (article_columns, article) = rows[language]
        slug = f"r{record['key']}"
        key = keys.setdefault(record["key"], uuid.uuid4())
        page_rows.append(
            {
                **page,
                "id": pk,
                "path": parent.path + _step(children[language]),
                "slug": slug,
                "url_path": f"{parent.url_path}{slug}/",
                "title": record["title"],
                "draft_title": record["title"],
                "translation_key": Page._meta.get_field("translation_key").get_db_prep_value(
                    key, connection
                ),
                "live_revision_id": None,
                "latest_revision_id": None,
            }
        )
        article_rows.append(
            {**article, "page_ptr_id": pk, "date": record["date"], "lead": record["lead"]}
        )
        ids[(record["key"], language)] = pk
    _insert(Page, page_columns, page_rows)
    _insert(NewsArticlePage, article_columns, article_rows)
    for language, parent in parents.items():
        Page.objects.filter(pk=parent.pk).update(numchild=children[language])
    with connection.cursor() as cursor:
        for statement in connection.ops.sequence_reset_sql(no_style(), [Page]):
            cursor.execute(statement)
    entries, facets = [], []
    for record in records:
        pk = ids[(record["key"], record["language"])]
        entry, entry_facets = archive.index_rows(record, pk, locales[record["language"]])
        entries.append(entry)
        facets += entry_facets
    SearchEntry.objects.bulk_create(entries, batch_size=500)
    SearchFacet.objects.bulk_create(facets, batch_size=500)
    return ids


@override_settings(SEARCH_RANKED_MATCHES=BOUND)
class ArchiveRelevanceTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        records, cls.planted = archive.records(PAIRS)
        cls.ids = build(records)

    def rank(self, language, query, key):
        response = self.client.get(f"/{language}/search/", {"q": query})
        self.assertEqual(response.status_code, 200)
        found = [result["page"].pk for result in response.context["results"]]
        wanted = self.ids[(key, language)]
        return found.index(wanted) + 1 if wanted in found else None

    def test_planted_releases_are_found_by_title_and_by_some_of_their_words(self):
        ranks = {kind: [] for kind in archive.KINDS}
        for language, kind, query, key in archive.queries(self.planted):
            ranks[kind].append((self.rank(language, query, key), language, query))

        def recall(kind, depth):
            return sum(1 for rank, *_q in ranks[kind] if rank and rank <= depth) / len(ranks[kind])

        misses = {k: [q for q in found if not q[0] or q[0] > 3] for k, found in ranks.items()}
        self.assertGreaterEqual(len(ranks["title"]), 40)
        self.assertGreaterEqual(recall("title", 1), 0.95, misses["title"])
        self.assertGreaterEqual(recall("title", 3), 0.95, misses["title"])
        self.assertGreaterEqual(recall("words", 3), 0.95, misses["words"])

    def test_planted_releases_are_spread_over_the_archive(self):
        # At least half of them older than the newest fifth of the archive.
        dates = sorted(SearchEntry.objects.values_list("date", flat=True))
        newest_fifth = dates[int(len(dates) * 0.8)]
        older = [p for p in self.planted if p[2] < newest_fifth]
        self.assertGreaterEqual(len(older) * 2, len(self.planted))
        # The common words are in most releases, far more than are ranked.
        self.assertGreater(
            SearchEntry.objects.filter(body_terms__contains="москв").count(), 5 * BOUND
        )

    def test_with_no_release_holding_every_word_the_page_says_so(self):
        # "арена" and "арену" have different stems: no release holds all three words.
        key = next(p[0] for p in self.planted if p[1] == "beijing" and "керлинг" in p[3][0])
        response = self.client.get("/ru/search/", {"q": "Пекин арена керлинг"})
        self.assertEqual(response.context["outcome"].full, 0)
        self.assertContains(response, "Ни в одном релизе нет всех искомых слов")
        self.assertEqual(response.context["results"][0]["page"].pk, self.ids[(key, "ru")])

    def test_with_releases_holding_every_word_no_fallback_is_shown(self):
        response = self.client.get("/ru/search/", {"q": "Москва сотрудничество"})
        outcome = response.context["outcome"]
        self.assertFalse(outcome.fallback)
        self.assertNotContains(response, "часть слов")
        # Every result holds both words.
        for result in response.context["results"]:
            terms = SearchEntry.objects.get(pk=result["page"].pk)
            text = " ".join(
                [terms.title_terms, terms.lead_terms, terms.keywords_terms, terms.body_terms]
            )
            self.assertIn("москв", text.split())
            self.assertIn("сотрудничеств", text.split())

    def test_an_old_title_made_of_common_words_comes_first_past_the_bound(self):
        # More releases than are ranked hold every word of this title; the oldest of the
        # archive, titled with them alone, is still first to its own title.
        title = "Москва и Минск: сотрудничество"
        archive_ru = NewsIndexPage.objects.get(locale__language_code="ru")
        page = publish(
            NewsArticlePageFactory(
                parent=archive_ru, title=title, date=datetime.date(2012, 1, 2), live=False
            )
        )
        response = self.client.get("/ru/search/", {"q": title})
        self.assertTrue(response.context["outcome"].more)
        self.assertEqual(response.context["results"][0]["page"].pk, page.pk)
        # Narrowed to another year, it is not there.
        response = self.client.get("/ru/search/", {"q": title, "year": 2013})
        self.assertNotIn(page.pk, [result["page"].pk for result in response.context["results"]])

    def test_an_old_release_holding_every_word_in_its_title_comes_first_past_the_bound(self):
        # Each query's words are together in a stock paragraph of a third of the bodies,
        # far more than are ranked, and in no other title: the old release holding them all
        # in its title comes first, above the newer releases holding them in the body.
        found = []
        for language, kind, query, key in archive.queries(self.planted):
            if kind != "title_words":
                continue
            response = self.client.get(f"/{language}/search/", {"q": query})
            self.assertTrue(response.context["outcome"].more, query)
            found.append((self.rank(language, query, key), language, query))
        self.assertEqual(len(found), 2 * len(archive.TITLE_PLANTED))
        self.assertEqual([rank for rank, *_q in found], [1] * len(found), found)

    @skipUnless(connection.vendor == "postgresql", "PostgreSQL's planner statistics")
    def test_words_that_go_together_give_the_same_answer_read_from_the_newest_rows(self):
        # The stock paragraph's words are each in a third of the bodies, and together:
        # with statistics, PostgreSQL reads their newest rows first (docs/search.md).
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE news_searchentry")
        searches = [
            (language, query, year)
            for language, kind, query, _key in archive.queries(self.planted)
            if kind == "title_words"
            for year in (None, 2013)
        ] + [("ru", "Минск Белград", None), ("ru", "Москва сотрудничество", 2020)]
        walked = 0
        for language, query, year in searches:
            params = {"q": query, **({"year": year} if year else {})}
            # The archive is small: the walk is allowed in it, as in a large one.
            with (
                mock.patch.dict(engine._shares, {"read": None}),
                mock.patch.object(engine, "WALK_SHARE", 1),
                CaptureQueriesContext(connection) as statements,
            ):
                newest_first = self.client.get(f"/{language}/search/", params)
            walked += any("full_walk" in s["sql"] for s in statements.captured_queries)
            with mock.patch.object(engine, "COMMON_SHARE", 2):
                indexed = self.client.get(f"/{language}/search/", params)
            for name in ("results", "facet_years", "facet_cities", "facet_tags"):
                self.assertEqual(newest_first.context[name], indexed.context[name], query)
            self.assertEqual(
                newest_first.context["page_obj"].paginator.count,
                indexed.context["page_obj"].paginator.count,
            )
        self.assertGreaterEqual(walked, len(archive.TITLE_PLANTED), "the walk was not used")

    def test_a_quoted_phrase_in_an_old_body_comes_first_past_the_bound(self):
        # Hundreds of newer releases hold these words, more than are ranked; the release
        # of 2012 holds them as quoted, in its body only.
        phrase = "сотрудничество Москвы и Минска"
        archive_ru = NewsIndexPage.objects.get(locale__language_code="ru")
        page = publish(
            NewsArticlePageFactory(
                parent=archive_ru,
                title="Встреча в мэрии",
                lead="Итоги встречи.",
                body=[("paragraph", RichText(f"<p>Стороны обсудили {phrase} на годы.</p>"))],
                date=datetime.date(2012, 3, 4),
                live=False,
            )
        )
        response = self.client.get("/ru/search/", {"q": f"«{phrase}»"})
        self.assertTrue(response.context["outcome"].more)
        found = [result["page"].pk for result in response.context["results"]]
        self.assertIn(page.pk, found)
        # Only releases holding the phrase come before it.
        spaced = f" {' '.join(terms(phrase))} "
        for pk in found[: found.index(page.pk)]:
            entry = SearchEntry.objects.get(pk=pk)
            fields = (entry.title_terms, entry.lead_terms, entry.body_terms)
            self.assertTrue(any(spaced in f" {field} " for field in fields), pk)
        # Sorted by date it is among the oldest, on a later page, as every full match is.
        response = self.client.get("/ru/search/", {"q": f"«{phrase}»", "sort": "date"})
        self.assertNotIn(page.pk, [result["page"].pk for result in response.context["results"]])

    def test_title_words_past_the_bound_keep_the_filters(self):
        key, _slug, date, ru, _en = next(p for p in self.planted if p[3][3])
        response = self.client.get("/ru/search/", {"q": ru[3], "year": date.year + 1})
        found = [result["page"].pk for result in response.context["results"]]
        self.assertNotIn(self.ids[(key, "ru")], found)

    def test_a_quoted_phrase_in_an_old_title_comes_first(self):
        key = next(p[0] for p in self.planted if p[3][3] == "университет культурная программа")
        # A newer release holds every word in its title, and the phrase in its lead and
        # body only: more weight, but the phrase in a title comes first.
        archive_ru = NewsIndexPage.objects.get(locale__language_code="ru")
        text = "Гостям показали культурную программу университета."
        newer = publish(
            NewsArticlePageFactory(
                parent=archive_ru,
                title="Культурная жизнь университета: программа на год",
                lead=text,
                body=[("paragraph", RichText(f"<p>{text}</p>"))],
                date=datetime.date(2025, 6, 1),
                live=False,
            )
        )
        query = '"культурную программу" университет'
        response = self.client.get("/ru/search/", {"q": query})
        found = [result["page"].pk for result in response.context["results"]]
        self.assertEqual(found[0], self.ids[(key, "ru")])
        self.assertEqual(found[1], newer.pk)


def _holding(language, *terms):
    """Ids of the language's releases whose index terms hold every one of `terms`."""
    found = set()
    for entry in SearchEntry.objects.filter(locale__language_code=language):
        text = set(
            " ".join(
                [entry.title_terms, entry.lead_terms, entry.keywords_terms, entry.body_terms]
            ).split()
        )
        if all(term in text for term in terms):
            found.add(entry.page_id)
    return found


@override_settings(SEARCH_RANKED_MATCHES=BOUND, SEARCH_PAGE_SIZE=50)
class PastTheBoundTests(TestCase):
    """More releases than are ranked hold every word: none of them is out of reach."""

    @classmethod
    def setUpTestData(cls):
        records, _planted = archive.records(PAIRS)
        build(records)

    def walk(self, params):
        return every_page(self.client, params)

    def found(self, responses):
        return [result["page"].pk for r in responses for result in r.context["results"]]

    def test_every_release_holding_every_word_is_reached_by_paging(self):
        holding = _holding("ru", "москв", "сотрудничеств")
        # Far more of them than are ranked, most older than the ranked ones.
        self.assertGreater(len(holding), 3 * BOUND)
        responses = self.walk({"q": "Москва сотрудничество"})
        found = self.found(responses)
        self.assertEqual(len(found), len(set(found)), "a release is listed twice")
        self.assertEqual(set(found), holding)
        first, last = responses[0], responses[-1]
        self.assertTrue(first.context["outcome"].rest)
        self.assertContains(first, "все более ранние релизы, в которых есть все слова запроса")
        # The number of pages is not known until the last one.
        self.assertContains(first, "Страница 1<")
        self.assertNotContains(first, "Страница 1 из")
        self.assertContains(first, 'rel="next"')
        self.assertNotContains(last, 'rel="next"')
        # Until the last page only a lower bound is known; there every match is counted.
        self.assertContains(first, f"Найдено больше {BOUND} релизов")
        self.assertRegex(last.content.decode(), rf"Найден[о]? {len(holding)} релиз")
        self.assertNotContains(last, "Найдено больше")
        # Past the ranked ones (at most the newest BOUND and BOUND more by their titles, and
        # an exact title), newest first.
        entries = dict(
            SearchEntry.objects.filter(page_id__in=found).values_list("page_id", "recency")
        )
        older = [entries[pk] for pk in found[2 * BOUND + 3 :]]
        self.assertEqual(older, sorted(older, reverse=True))

    def test_sorted_by_date_every_release_holding_every_word_follows_in_date_order(self):
        holding = _holding("ru", "москв", "сотрудничеств")
        responses = self.walk({"q": "Москва сотрудничество", "sort": "date"})
        found = self.found(responses)
        self.assertEqual(set(found), holding)
        self.assertEqual(len(found), len(holding))
        entries = dict(
            SearchEntry.objects.filter(page_id__in=found).values_list("page_id", "recency")
        )
        self.assertEqual([entries[pk] for pk in found], sorted(entries.values(), reverse=True))
        self.assertContains(responses[0], "Показаны все релизы, в которых есть все слова запроса")

    def test_a_page_past_the_end_shows_the_last_one(self):
        holding = _holding("ru", "москв", "сотрудничеств")
        response = self.client.get("/ru/search/", {"q": "Москва сотрудничество", "page": 9999})
        self.assertEqual(response.status_code, 200)
        pages = -(-len(holding) // 50)
        self.assertEqual(response.context["page_obj"].number, pages)
        self.assertContains(response, f"Страница {pages} из {pages}")
        self.assertRegex(response.content.decode(), rf"Найден[о]? {len(holding)} релиз")
        self.assertNotContains(response, 'rel="next"')
        found = [result["page"].pk for result in response.context["results"]]
        self.assertEqual(len(found), len(holding) - 50 * (pages - 1))
        self.assertLessEqual(set(found), holding)

    def test_a_filter_alone_reaches_every_release_it_selects(self):
        city, count = (
            SearchFacet.objects.filter(kind="city", entry__locale__language_code="ru")
            .values_list("slug")
            .annotate(n=Count("entry"))
            .order_by("-n")
            .first()
        )
        self.assertGreater(count, BOUND)
        found = self.found(self.walk({"city": city}))
        selected = set(
            SearchFacet.objects.filter(
                kind="city", slug=city, entry__locale__language_code="ru"
            ).values_list("entry_id", flat=True)
        )
        self.assertEqual(len(found), len(selected))
        self.assertEqual(set(found), selected)
