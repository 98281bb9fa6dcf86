"""What the project's own admin pages share with Wagtail's."""

from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin


class TitledAdminPage(WagtailAdminTemplateMixin):
    """An admin page headed with its own title.

    Wagtail heads a page with its breadcrumbs; without a crumb of its own a page is
    headed with "Home" alone.
    """

    def get_breadcrumbs_items(self):
        return [*super().get_breadcrumbs_items(), {"url": "", "label": self.get_page_title()}]
