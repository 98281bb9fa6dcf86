"""The page tree every installation needs: a home page and an archive per language."""

from django.conf import settings

from wagtail.models import Locale, Page, Site

from news.models import HomePage, NewsIndexPage
from news.translation.from_texts import translate_instance

# The titles every installation starts with, in (Russian, English); editors change them.
SITE = {
    "home": ("Пресс-служба", "Press office"),
    "home_intro": (
        "Новости о визитах, соглашениях и совместных проектах с городами-партнёрами.",
        "News of visits, agreements and joint projects with our partner cities.",
    ),
    "archive": ("Новости", "News"),
    "archive_intro": (
        "Все пресс-релизы департамента, начиная с самых новых.",
        "Every press release of the department, newest first.",
    ),
}


def ensure_site_structure():
    """Create what is missing of the tree; return (ru home, ru archive). Idempotent.

    Not one transaction: wagtail-localize publishes a translation when its transaction
    commits, and a parent published that late would overwrite its own child count.
    """
    source_locale = Locale.get_default()
    locales = {
        code: Locale.objects.get_or_create(language_code=code)[0] for code, _ in settings.LANGUAGES
    }
    root = Page.get_first_root_node()

    home = HomePage.objects.filter(locale=source_locale).first()
    if home is None:
        # Wagtail's initial migration leaves a placeholder page where our home belongs.
        for placeholder in Page.objects.filter(depth=2, content_type__model="page"):
            placeholder.delete()
        home = root.add_child(
            instance=HomePage(
                title=SITE["home"][0],
                slug="home",
                intro=SITE["home_intro"][0],
                locale=source_locale,
            )
        )
        home.save_revision().publish()
    site = Site.objects.filter(is_default_site=True).first()
    if site is None:
        Site.objects.create(
            hostname="localhost",
            port=80,
            root_page=home,
            is_default_site=True,
            site_name=SITE["home"][0],
        )
    elif site.root_page_id != home.pk:
        site.root_page = home
        site.save()

    archive = NewsIndexPage.objects.child_of(home).first()
    if archive is None:
        archive = home.add_child(
            instance=NewsIndexPage(
                title=SITE["archive"][0],
                slug="news",
                intro=SITE["archive_intro"][0],
                locale=source_locale,
            )
        )
        archive.save_revision().publish()

    english = dict(SITE.values())
    for page in (home, archive):
        if page.get_translation_or_none(locales["en"]) is None:
            translate_instance(page, locales["en"], english.get)
    return home, archive
