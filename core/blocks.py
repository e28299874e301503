"""Content blocks shared by every page type that has a free-form body."""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.contrib.table_block.blocks import TableBlock
from wagtail.images.blocks import ImageBlock


class FigureBlock(blocks.StructBlock):
    """An image with its alt text (from ImageBlock) and an optional caption."""

    image = ImageBlock(label=_("图片"))
    caption = blocks.CharBlock(required=False, label=_("图注"))

    class Meta:
        icon = "image"
        label = _("图片")
        template = "blocks/figure.html"


class BaseStreamBlock(blocks.StreamBlock):
    """Paragraphs, headings, tables and figures: the body blocks every page type may use."""

    heading = blocks.CharBlock(form_classname="title", icon="title", label=_("小标题"), template="blocks/heading.html")
    paragraph = blocks.RichTextBlock(features=["bold", "italic", "ol", "ul", "link", "document-link"], label=_("段落"))
    table = TableBlock(label=_("表格"), template="blocks/table.html")
    figure = FigureBlock()
