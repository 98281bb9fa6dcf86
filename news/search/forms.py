from django import forms
from django.utils.translation import gettext_lazy as _

from news.search.engine import Filters


class SearchFilterForm(forms.Form):
    """Filters of the search page. The query itself is read leniently by the view."""

    city = forms.SlugField(label=_("Partner city"), required=False, max_length=100)
    year = forms.IntegerField(label=_("Year"), required=False, min_value=1900, max_value=2100)
    date_from = forms.DateField(label=_("From"), required=False)
    date_to = forms.DateField(label=_("To"), required=False)
    tag = forms.SlugField(label=_("Tag"), required=False, max_length=100, allow_unicode=True)

    def clean(self):
        data = super().clean()
        start, end = data.get("date_from"), data.get("date_to")
        if start and end and start > end:
            raise forms.ValidationError(_("The start date must not be after the end date."))
        return data

    def filters(self):
        data = self.cleaned_data
        return Filters(
            city=data.get("city") or "",
            year=data.get("year"),
            date_from=data.get("date_from"),
            date_to=data.get("date_to"),
            tag=data.get("tag") or "",
        )
