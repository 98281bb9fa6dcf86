"""The blocks a release body is written with, shared by every page that has a body."""

import json
import logging
import re

from django.utils.html import strip_tags
from django.utils.translation import gettext_lazy as _

from wagtail import blocks
from wagtail.blocks.base import BlockField
from wagtail.blocks.stream_block import StreamBlockValidationError
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.images.blocks import ImageChooserBlock

logger = logging.getLogger(__name__)

PARAGRAPH_FEATURES = ["bold", "italic", "link", "ol", "ul"]


class HeadingBlock(blocks.StructBlock):
    text = blocks.CharBlock(label=_("Heading"), max_length=200)
    level = blocks.ChoiceBlock(
        label=_("Level"),
        choices=[("h2", _("Section")), ("h3", _("Subsection"))],
        default="h2",
    )

    class Meta:
        template = "blocks/heading.html"
        icon = "title"
        label = _("Heading")
        description = _("A section heading inside the release")
        preview_value = {"text": "Итоги встречи", "level": "h2"}


class QuoteBlock(blocks.StructBlock):
    text = blocks.TextBlock(label=_("Quotation"))
    speaker = blocks.CharBlock(label=_("Speaker"), max_length=200)
    role = blocks.CharBlock(label=_("Speaker's position"), max_length=300, required=False)

    class Meta:
        template = "blocks/quote.html"
        icon = "openquote"
        label = _("Quote")
        description = _("Words of an official, with their name and position")
        preview_value = {
            "text": "Минск был и остается стратегическим партнером Москвы.",
            "speaker": "Сергей Черёмин",
            "role": "Министр Правительства Москвы",
        }


class CaptionedImageBlock(blocks.StructBlock):
    image = ImageChooserBlock(label=_("Image"))
    caption = blocks.CharBlock(label=_("Caption"), max_length=300, required=False)

    class Meta:
        template = "blocks/image.html"
        icon = "image"
        label = _("Image")
        description = _("A photo inside the text, with a caption")


class DocumentBlock(blocks.StructBlock):
    document = DocumentChooserBlock(label=_("Document"))
    title = blocks.CharBlock(
        label=_("Link text"),
        max_length=300,
        required=False,
        help_text=_("Defaults to the document's title"),
    )

    class Meta:
        template = "blocks/document.html"
        icon = "doc-full"
        label = _("Document")
        description = _("A signed agreement, roadmap or other file for download")


UNREADABLE_BODY = _(
    "The text could not be read from the form: it came damaged or incomplete, so nothing "
    "was saved. Reload the page and make your changes again."
)


def _is_blank(rich_text):
    return not strip_tags(rich_text.source if rich_text else "").replace("\xa0", " ").strip()


class UnreadableBody(blocks.StreamValue):
    """What a post whose body cannot be decoded stands for: no blocks, and an error."""


class BodyBlock(blocks.StreamBlock):
    paragraph = blocks.RichTextBlock(
        features=PARAGRAPH_FEATURES,
        label=_("Paragraph"),
        template="blocks/paragraph.html",
        icon="pilcrow",
        description=_("Running text"),
        preview_value="<p>Стороны обсудили перспективные направления сотрудничества.</p>",
    )
    heading = HeadingBlock()
    quote = QuoteBlock()
    image = CaptionedImageBlock()
    document = DocumentBlock()

    def value_from_datadict(self, data, files, prefix):
        # Wagtail decodes the posted body (block counters and types, Draftail's JSON)
        # before any validation and fails with a server error on a post the editor's own
        # page never sends: a missing body-count, HTML where Draftail's JSON belongs. That
        # post is answered as an invalid form instead.
        try:
            value = super().value_from_datadict(data, files, prefix)
        except (KeyError, ValueError, TypeError, AttributeError) as error:
            logger.warning("Unreadable body in a form post (%s): %r", prefix, error)
            return UnreadableBody(self, [])
        # A paragraph added and left empty is dropped, whether the release is saved,
        # submitted or published and whether it is new or edited: there is nothing in it
        # to keep, and refusing the whole release for it would only be in the way.
        kept = [
            (child.block_type, child.value, child.id)
            for child in value
            if not (child.block_type == "paragraph" and _is_blank(child.value))
        ]
        return value if len(kept) == len(value) else blocks.StreamValue(self, kept)

    def clean(self, value):
        if isinstance(value, UnreadableBody):
            raise StreamBlockValidationError(non_block_errors=[UNREADABLE_BODY])
        return super().clean(value)


# The key Draftail gives each paragraph it saves, as it appears in a body's stored JSON.
_BLOCK_KEY = re.compile(r' data-block-key=\\"[\w-]*\\"')


class BodyFormField(BlockField):
    """The body's form field, blind to the keys Draftail gives paragraphs.

    Text stored by anything but the editor (the demo, imported archives, translations)
    has none, and the editor adds them on every save: an untouched release counted as
    edited, and an editor approving it restarted the review instead of publishing it.
    """

    def has_changed(self, initial_value, data_value):
        def text(value):
            stored = json.dumps(self.block.get_prep_value(value), ensure_ascii=False)
            return _BLOCK_KEY.sub("", stored)

        return text(initial_value) != text(data_value)
