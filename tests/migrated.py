"""What migrations put in the database, for tests that commit for real: the database is
emptied after each of them, and the next one needs it back."""

from django.conf import settings

from wagtail.models import Collection, Locale, Page


def restore_migrated_data():
    for code, _name in settings.LANGUAGES:
        Locale.objects.get_or_create(language_code=code)
    if not Page.objects.filter(depth=1).exists():
        Page.add_root(
            instance=Page(
                title="Root",
                slug="root",
                locale=Locale.objects.get(language_code=settings.LANGUAGE_CODE),
            )
        )
    if not Collection.objects.filter(depth=1).exists():
        Collection.add_root(name="Root")
