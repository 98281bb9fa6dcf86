"""The release form's tags: Wagtail's tag field, over the tags of the release's language.

A release links `Topic` records, but a press officer should neither browse every tag of
both languages nor leave the form to make a new one. Wagtail's own tag widget gives both
(suggestions while typing, a new name simply typed in); it only knows taggit's models, so
the names are turned into topics here.
"""

from taggit.utils import edit_string_for_tags, parse_tags

from django import forms
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from wagtail.admin.widgets import AdminTagWidget

from news.models.snippets import Topic

MAX_NAME = 100


class TopicWidget(AdminTagWidget):
    """Wagtail's tag widget, suggesting only the tags of one language."""

    def __init__(self, *args, locale, **kwargs):
        self.locale = locale
        super().__init__(*args, **kwargs)

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        url = reverse("news_topic_autocomplete")
        context["widget"]["attrs"]["data-w-tag-url-value"] = (
            f"{url}?locale={self.locale.language_code}"
        )
        return context

    def format_value(self, value):
        if value and not isinstance(value, str):
            value = edit_string_for_tags([_Named(name) for name in _names(value)])
        return super().format_value(value)


class _Named:
    def __init__(self, name):
        self.name = name


def _names(value):
    """Names from a list of topics or of their ids (a form's initial value)."""
    items = list(value)
    ids = [item for item in items if not hasattr(item, "name")]
    topics = [item for item in items if hasattr(item, "name")]
    if ids:
        topics += list(Topic.objects.filter(pk__in=ids))
    return [topic.name for topic in topics]


class TopicsField(forms.CharField):
    """Tag names, as Wagtail's tag widget sends them; cleaned to a list of names."""

    def __init__(self, *, locale, **kwargs):
        self.locale = locale
        kwargs.setdefault("widget", TopicWidget(locale=locale))
        kwargs.setdefault("help_text", _("Choose a tag as you type, or type a new one."))
        super().__init__(**kwargs)

    def to_python(self, value):
        if value and not isinstance(value, str):
            return _names(value)
        return parse_tags(super().to_python(value))

    def validate(self, value):
        super().validate(value)
        too_long = [name for name in value if len(name) > MAX_NAME]
        if too_long:
            raise forms.ValidationError(
                _("A tag may have at most %(max)d characters."), params={"max": MAX_NAME}
            )

    def has_changed(self, initial, data):
        return sorted(_names(initial or [])) != sorted(self.to_python(data))

    def new_names(self, names):
        """The names that are not yet tags of the field's language."""
        known = {topic.name.lower() for topic in Topic.named_in(names, self.locale)}
        return [name for name in names if name.lower() not in known]
