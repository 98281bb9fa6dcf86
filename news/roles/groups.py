"""The press office's roles, as Wagtail groups."""

from django.utils.translation import gettext_lazy as _

PRESS_OFFICERS = "Press officers"
TRANSLATORS = "Translators"
EDITORS = "Editors"
ADMINISTRATORS = "Administrators"

ROLE_LABELS = {
    PRESS_OFFICERS: _("Press officers"),
    TRANSLATORS: _("Translators"),
    EDITORS: _("Editors"),
    ADMINISTRATORS: _("Administrators"),
}
