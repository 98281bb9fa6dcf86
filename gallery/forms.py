from wagtail.images.forms import BaseImageForm
from wagtail.snippets.widgets import AdminSnippetChooser

from .fields import NewsImageField
from .models import PhotoCredit


class NewsImageForm(BaseImageForm):
    """Wagtail's image form (single upload, multiple upload, chooser) with stricter checks.

    Validation happens before anything is written, so a refused file leaves neither a
    stored file nor a database row behind.
    """

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # The multiple-upload edit step has no file field.
        if "file" in self.fields:
            wagtail_field = self.fields["file"]
            self.fields["file"] = NewsImageField(
                label=wagtail_field.label,
                required=wagtail_field.required,
                widget=wagtail_field.widget,
            )
        if "credit" in self.fields:
            # The snippet chooser, whose "Create" tab adds a new credit from this form; a
            # plain list would offer every credit of both languages.
            self.fields["credit"].widget = AdminSnippetChooser(PhotoCredit)

    def save(self, commit=True):
        # The multiple uploader saves the instance itself, after save(commit=False).
        self.instance.prepare_renditions = "file" in self.changed_data
        return super().save(commit=commit)
