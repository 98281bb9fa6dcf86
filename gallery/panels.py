"""The release form's gallery panel: Wagtail's multiple chooser, keeping the editor's order."""

from django.templatetags.static import static

from wagtail.admin.panels import MultipleChooserPanel


class GalleryPanel(MultipleChooserPanel):
    """Photos chosen several at a time, then captioned and put in order.

    Two things differ from Wagtail's panel, both about order: the move buttons move a photo
    one place, and photos ticked together in the chooser arrive in the order they were
    ticked (see gallery/gallery-panel.js).
    """

    class BoundPanel(MultipleChooserPanel.BoundPanel):
        template_name = "gallery/admin/gallery_panel.html"
        # The form's client-side tree of panels builds its own copy of every panel, told
        # not to set up the buttons again. Wagtail 8's script for this panel drops that
        # instruction, so each move button moved a photo two places; the plain inline
        # panel's script keeps it. The buttons are set up once, by the template.
        telepath_adapter_name = "wagtail.panels.InlinePanel"

        def get_context_data(self, parent_context=None):
            context = super().get_context_data(parent_context)
            context["panel_script"] = static("gallery/gallery-panel.js")
            return context
