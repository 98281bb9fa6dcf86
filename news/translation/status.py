"""Where each release stands in each language, for dashboards and the status matrix."""

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from wagtail.models import Locale
from wagtail_localize.models import TranslationSource

from news.models import NewsArticlePage

MISSING = "missing"
DRAFT = "draft"
IN_PROGRESS = "in_progress"
AWAITING_APPROVAL = "awaiting_approval"
PUBLISHED = "published"
OUT_OF_DATE = "out_of_date"

LABELS = {
    MISSING: _("missing"),
    DRAFT: _("draft"),
    IN_PROGRESS: _("in progress"),
    AWAITING_APPROVAL: _("awaiting approval"),
    PUBLISHED: _("published"),
    OUT_OF_DATE: _("out of date"),
}


@dataclass
class Cell:
    status: str
    page: object = None

    @property
    def label(self):
        return LABELS[self.status]


def target_locales():
    return list(Locale.objects.exclude(pk=Locale.get_default().pk))


def _source_synced_at(pages):
    """When each release's text was last handed to the translators, by translation key."""
    return dict(
        TranslationSource.objects.filter(
            object_id__in=[page.translation_key for page in pages],
            locale_id__in={page.locale_id for page in pages},
        ).values_list("object_id", "last_updated_at")
    )


def _own_status(page):
    if page.workflow_in_progress:
        return AWAITING_APPROVAL
    if not page.live:
        return DRAFT
    return PUBLISHED


def release_rows(releases=None):
    """[(russian release, {locale code: Cell})] for every release, newest first."""
    ru = Locale.get_default()
    targets = target_locales()
    if releases is None:
        releases = (
            NewsArticlePage.objects.filter(locale=ru)
            .select_related("live_revision")
            .order_by("-date", "-pk")
        )
    releases = list(releases)
    synced = _source_synced_at(releases)
    translations = {}
    for page in NewsArticlePage.objects.filter(
        translation_key__in=[r.translation_key for r in releases], locale__in=targets
    ):
        translations[(page.translation_key, page.locale_id)] = page
    rows = []
    for release in releases:
        cells = {ru.language_code: Cell(_own_status(release), release)}
        for locale in targets:
            page = translations.get((release.translation_key, locale.pk))
            if page is None:
                status = MISSING
            elif page.workflow_in_progress:
                status = AWAITING_APPROVAL
            elif not page.live:
                status = IN_PROGRESS
            else:
                # The Russian text went live after it was last handed to translators.
                synced_at = synced.get(release.translation_key)
                live = release.live_revision
                changed = live is not None and synced_at and live.created_at > synced_at
                # Or the source was synced after the translation last went live.
                synced_later = (
                    synced_at and page.last_published_at and (synced_at > page.last_published_at)
                )
                status = OUT_OF_DATE if changed or synced_later else PUBLISHED
            cells[locale.language_code] = Cell(status, page)
        rows.append((release, cells))
    return rows
