from django.db import models
from django.db.models import Q
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel
from wagtail.models import TranslatableMixin
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField

from core.models import ApprovedRecord


class PartnerCity(index.Indexed, ApprovedRecord):
    """A city the department works with; translated once and reused by every release."""

    name = models.CharField(_("city"), max_length=100)
    country = models.CharField(_("country"), max_length=100)
    slug = models.SlugField(
        _("slug"),
        max_length=100,
        allow_unicode=False,
        help_text=_("Latin letters for the city's address, e.g. minsk"),
    )

    panels = [FieldPanel("name"), FieldPanel("country"), FieldPanel("slug")]
    search_fields = [index.SearchField("name"), index.AutocompleteField("name")]
    # The slug names the city in both languages' addresses.
    override_translatable_fields = [SynchronizedField("slug")]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("partner city")
        verbose_name_plural = _("partner cities")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["locale", "slug"], name="unique_city_slug_per_locale")
        ]

    def __str__(self):
        return f"{self.name} ({self.country})"


class Topic(index.Indexed, ApprovedRecord):
    """A tag a release is filed under (a visit, a roadmap, a forum); translated once and
    reused by every release that carries it, in the reader's language.

    A tag typed into a release form is live at once: the release's approval covers it.
    """

    name = models.CharField(_("tag"), max_length=100)
    slug = models.SlugField(
        _("slug"),
        max_length=100,
        allow_unicode=True,
        blank=True,
        help_text=_("The tag's address; made from the name when left empty"),
    )

    panels = [FieldPanel("name"), FieldPanel("slug")]
    search_fields = [index.SearchField("name"), index.AutocompleteField("name")]
    # The slug names the tag in both languages' addresses, feeds and alert subscriptions.
    override_translatable_fields = [SynchronizedField("slug")]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("tag")
        verbose_name_plural = _("tags")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                fields=["locale", "slug"], name="unique_topic_slug_per_locale"
            ),
            models.UniqueConstraint(
                fields=["locale", "name"], name="unique_topic_name_per_locale"
            ),
        ]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = self.free_slug(self.name)
        return super().save(*args, **kwargs)

    def free_slug(self, name):
        """A slug for `name` that no other tag (in any language) uses."""
        # Made as taggit made the tags' slugs, so that addresses, feeds and alert
        # subscriptions of tags from before keep working.
        base = slugify(name, allow_unicode=True)[:90].strip("-") or "tag"
        others = Topic.objects.exclude(translation_key=self.translation_key)
        slug, number = base, 1
        while others.filter(slug=slug).exists():
            number += 1
            slug = f"{base}-{number}"
        return slug

    @classmethod
    def named_in(cls, names, locale):
        """The existing tags of `locale` with these names, whatever their case."""
        if not names:
            return cls.objects.none()
        matches = Q()
        for name in names:
            matches |= Q(name__iexact=name)
        return cls.objects.filter(matches, locale=locale)

    @classmethod
    def named(cls, names, locale, known=None):
        """The tags of `locale` with these names, made for the names no tag has yet.

        `known` (lower-cased name -> tag of `locale`), kept by a caller naming many tags,
        spares the query for the names already in it and gets those found and made.
        """
        names = list(dict.fromkeys(n.strip()[:100] for n in names if n.strip()))
        found = {} if known is None else known
        missing = [name for name in names if name.lower() not in found]
        if missing:
            found.update({t.name.lower(): t for t in cls.named_in(missing, locale)})
        topics = []
        for name in names:
            topic = found.get(name.lower())
            if topic is None:
                topic = found[name.lower()] = cls.objects.create(name=name, locale=locale)
            topics.append(topic)
        return topics
