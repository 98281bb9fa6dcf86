"""The product's workflow and task names in the user's language.

Wagtail keeps a workflow's and a task's name as stored text and shows it as is: in the status
panel, the "Submit to …" action, histories, reports and notification emails. Wagtail has no hook
for translating those names, so the names the product creates are stored under their catalogue
entries and shown in the language active when they are loaded; a save that leaves the name
alone stores the catalogue entry again, so an English and a Russian admin keep seeing their own.
"""

from django.db.models.signals import post_init, pre_save
from django.utils.translation import gettext, gettext_noop

from wagtail.models import Task, Workflow

STORED_NAMES = frozenset(
    {
        gettext_noop("Release approval"),
        gettext_noop("Editor approval"),
        # Wagtail's own starter workflow and task, for installations that still have them.
        gettext_noop("Moderators approval"),
    }
)


def _show_translated(sender, instance, **kwargs):
    stored = instance.__dict__.get("name")
    if stored in STORED_NAMES:
        instance._stored_name = stored
        instance._shown_name = instance.name = gettext(stored)


def _store_catalogue_entry(sender, instance, **kwargs):
    shown = getattr(instance, "_shown_name", None)
    if shown is not None and instance.name == shown:
        instance.name = instance._stored_name


def connect():
    from wagtail.workflows import get_task_types

    for model in (Workflow, Task, *get_task_types()):
        uid = f"workflow-names-{model.__name__}"
        post_init.connect(_show_translated, sender=model, dispatch_uid=uid)
        pre_save.connect(_store_catalogue_entry, sender=model, dispatch_uid=uid)
