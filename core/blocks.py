"""The blocks a release body is written with, shared by every page that has a body."""

from django.utils.translation import gettext_lazy as _

from wagtail import blocks
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.images.blocks import ImageChooserBlock

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
