"""The English text of a translated snippet under approval (a partner city, a tag, a
photo credit), saved for review.

wagtail-localize's translation editor can only publish a snippet, and saving its draft
(save_target with publish=False) writes the row itself and takes it offline. Here the
translated text goes into a revision only, as Wagtail's own snippet editor does, so that
the row keeps the approved text until an editor approves
(news.workflow.views.SubmitSnippetTranslationView).
"""

from wagtail_localize.fields import copy_synchronised_fields
from wagtail_localize.segments.ingest import ingest_segments


def translated_revision(translation, target, user):
    """Save the translation memory's text of `target` as a new revision, not to its row."""
    source = translation.source
    original = source.as_instance()
    copy_synchronised_fields(original, target)
    # The same segments wagtail-localize's own save uses, applied to the object in memory.
    segments = source._get_segments_for_translation(translation.target_locale)
    ingest_segments(original, target, source.locale, translation.target_locale, segments)
    return target.save_revision(user=user, log_action=True)
