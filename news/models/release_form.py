"""Rules of the release form that a press officer meets before a release leaves their hands.

Kept apart from the page models so that the form's checks read as one list.
"""

from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from wagtail.models import Locale

from gallery.models import NewsImage
from news.models.snippets import PartnerCity

MISSING_ALT_TEXT = _(
    "Photo %(number)s (“%(title)s”) has no alt text. Describe what the photo shows for "
    "readers who cannot see it: without it the release cannot be submitted for approval "
    "or published. A draft can be saved without it."
)


class ReleaseFormRules:
    """Mixed into the release's admin form, ahead of Wagtail's page form."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "partner_cities" in self.fields:
            self._offer_cities_in(self._release_locale())

    def _release_locale(self):
        if self.instance.locale_id:
            return self.instance.locale
        parent = getattr(self, "parent_page", None)
        return parent.locale if parent is not None else Locale.get_default()

    def _offer_cities_in(self, locale):
        """Offer the cities of the release's own language only.

        A city linked already is shown as its version in that language; one that has no
        such version yet stays offered, so that saving the form never drops it.
        """
        linked = list(self.instance.partner_cities.all())
        versions = {
            city.translation_key: city
            for city in PartnerCity.objects.filter(
                locale=locale, translation_key__in=[city.translation_key for city in linked]
            )
        }
        kept = [city.pk for city in linked if city.translation_key not in versions]
        field = self.fields["partner_cities"]
        field.queryset = PartnerCity.objects.filter(Q(locale=locale) | Q(pk__in=kept))
        self.initial["partner_cities"] = [
            versions.get(city.translation_key, city).pk for city in linked
        ]

    def clean(self):
        cleaned_data = super().clean()
        # Wagtail defers required fields only when a draft is saved; submitting, approving
        # and publishing check them all, and then every photo needs its alt text.
        if not self.is_deferred_validation:
            for number, title in self._photos_without_alt_text():
                self.add_error(None, MISSING_ALT_TEXT % {"number": number, "title": title})
        return cleaned_data

    def _photos_without_alt_text(self):
        """(position in the gallery, image title) of each photo sent without alt text."""
        formset = self.formsets.get("gallery_items")
        if formset is None or not formset.is_bound:
            return []
        rows = []
        for index, form in enumerate(formset.forms):
            if form.data.get(form.add_prefix("DELETE")):
                continue
            image_id = form.data.get(form.add_prefix("image"), "")
            if not str(image_id).strip():
                continue  # a row without a photo is refused by its own form
            try:
                order = int(form.data.get(form.add_prefix("ORDER")) or index + 1)
            except ValueError:
                order = index + 1
            alt_text = str(form.data.get(form.add_prefix("alt_text"), "")).strip()
            rows.append((order, index, image_id, bool(alt_text)))
        rows.sort()
        missing = [
            (number, image_id)
            for number, (_order, _index, image_id, has_alt) in enumerate(rows, start=1)
            if not has_alt
        ]
        if not missing:
            return []
        titles = dict(
            NewsImage.objects.filter(
                pk__in=[image_id for _number, image_id in missing if str(image_id).isdigit()]
            ).values_list("pk", "title")
        )
        return [
            (number, titles.get(int(image_id), "") if str(image_id).isdigit() else "")
            for number, image_id in missing
        ]
