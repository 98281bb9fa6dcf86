"""The one place that receives publication events and runs the steps, in this order:

1. search index: the release can be found;
2. translation sources: translators see the published text, and privacy is kept the same
   in every translation of a release;
3. photo sizes: readers never wait for a photo to be encoded;
4. page cache and CDN: readers get the new version, which the worker makes before they ask;
5. alerts: subscribers are told, last, once everything they follow a link to is ready.

Events: a page published, unpublished, renamed, moved or deleted, any other object saved or
deleted (partner cities, photos, restrictions and Sites change public pages too), and a
restriction's groups changed.

Bulk work runs inside `bulk()`: the steps it does not ask to run at once catch up once per
`flush()`, with every page published meanwhile, instead of once per page.
"""

import contextlib
import threading

from django.db.models.signals import m2m_changed, post_delete, post_save

from wagtail.models import Page, PageViewRestriction
from wagtail.signals import page_published, page_slug_changed, page_unpublished, post_page_move

from . import steps

STEPS = [
    steps.SearchIndex(),
    steps.TranslationSources(),
    steps.PhotoSizes(),
    steps.PageCache(),
    steps.Alerts(),
]

_state = threading.local()


def _run(event, *args, **kwargs):
    batch = getattr(_state, "batch", None)
    for step in STEPS:
        if batch is not None and step.name in batch.skip:
            continue
        if batch is not None and step.name not in batch.now and event in Batch.DEFERRED:
            continue
        getattr(step, event)(*args, **kwargs)
    if batch is not None and event in Batch.DEFERRED:
        batch.record(event, *args)


class Batch:
    """What bulk work published or changed since its last flush."""

    DEFERRED = ("published", "changed")

    def __init__(self, now, skip):
        self.now = frozenset(now)
        self.skip = frozenset(skip)
        self.pages = {}
        self.changed = 0

    def record(self, event, instance, *args):
        if event == "published":
            self.pages[instance.pk] = instance
        else:
            self.changed += 1

    def flush(self):
        """Run the deferred steps for everything published or changed since the last flush."""
        pages, changed = list(self.pages.values()), self.changed
        self.pages, self.changed = {}, 0
        for step in STEPS:
            if step.name not in self.now and step.name not in self.skip:
                step.catch_up(pages, changed)


@contextlib.contextmanager
def bulk(now=(), skip=()):
    """Defer every step but those named in `now`, and leave out those named in `skip`.

    Deferred steps catch up at each `flush()` of the yielded batch and once more at the
    end. A step is deferred unless bulk work names it, so a step added later is never lost.
    """
    names = {step.name for step in STEPS}
    unknown = (set(now) | set(skip)) - names
    if unknown:
        raise ValueError(f"No such publishing steps: {sorted(unknown)}")
    if getattr(_state, "batch", None) is not None:
        raise RuntimeError("Bulk publication is already under way in this thread.")
    batch = _state.batch = Batch(now, skip)
    try:
        yield batch
        batch.flush()
    finally:
        _state.batch = None


def _published(sender, instance, revision=None, **kwargs):
    _run("published", instance, revision)


def _unpublished(sender, instance, **kwargs):
    _run("unpublished", instance)


def _renamed(sender, instance, **kwargs):
    _run("renamed", instance)


def _moved(sender, instance, **kwargs):
    _run("moved", instance)


def _saved(sender, instance, update_fields=None, **kwargs):
    _run("changed", instance, update_fields)


def _deleted(sender, instance, **kwargs):
    if isinstance(instance, Page):
        # Deleting a release deletes its Page row too: the event is the release's alone.
        if type(instance) is instance.specific_class:
            _run("deleted", instance)
    else:
        _run("changed", instance, None, True)


def _groups_changed(sender, instance, action, reverse, pk_set, **kwargs):
    # Wagtail's privacy dialog sets a restriction's groups after saving it: without this
    # event its copies in the other translations would keep the groups of before.
    if not reverse:
        if action in ("post_add", "post_remove", "post_clear"):
            _run("changed", instance, None)
        return
    # From the group's side (group.pageviewrestriction_set): each restriction changed.
    if action == "pre_clear":
        instance._restrictions_cleared = list(
            PageViewRestriction.objects.filter(groups=instance).values_list("pk", flat=True)
        )
        return
    if action == "post_clear":
        pks = instance.__dict__.pop("_restrictions_cleared", [])
    elif action in ("post_add", "post_remove"):
        pks = sorted(pk_set)
    else:
        return
    for pk in pks:
        # Looked up one at a time: copying one restriction replaces its copies.
        if restriction := PageViewRestriction.objects.filter(pk=pk).first():
            _run("changed", restriction, None)


def connect():
    page_published.connect(_published, dispatch_uid="news_publishing_published")
    page_unpublished.connect(_unpublished, dispatch_uid="news_publishing_unpublished")
    page_slug_changed.connect(_renamed, dispatch_uid="news_publishing_renamed")
    post_page_move.connect(_moved, dispatch_uid="news_publishing_moved")
    post_save.connect(_saved, dispatch_uid="news_publishing_saved")
    post_delete.connect(_deleted, dispatch_uid="news_publishing_deleted")
    m2m_changed.connect(
        _groups_changed,
        sender=PageViewRestriction.groups.through,
        dispatch_uid="news_publishing_restriction_groups",
    )
