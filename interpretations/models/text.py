"""文字解读: a text interpretation made of structured sections."""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.admin.panels import FieldPanel
from wagtail.fields import StreamField

from core.sharing import heading, rich_text

from .base import InterpretationPage, Kind, _html_text


class SectionBlock(blocks.StructBlock):
    """A section of a text interpretation: 背景依据, 主要内容, 关键词解释, 创新举措 or a heading of one's own."""

    kind = blocks.ChoiceBlock(
        choices=[
            ("background", _("背景依据")),
            ("main", _("主要内容")),
            ("keywords", _("关键词解释")),
            ("innovation", _("创新举措")),
            ("other", _("其他")),
        ],
        label=_("类型"),
    )
    heading = blocks.CharBlock(required=False, label=_("标题"), help_text=_("留空则使用类型名称"))
    body = blocks.RichTextBlock(features=["bold", "italic", "ol", "ul", "link"], label=_("内容"))

    class Meta:
        icon = "doc-full"
        label = _("段落")
        template = "interpretations/blocks/section.html"


class TextInterpretationPage(InterpretationPage):
    """文字解读: structured sections."""

    KIND = Kind.TEXT
    sections = StreamField([("section", SectionBlock())], verbose_name=_("正文"))

    content_panels = InterpretationPage.content_panels + [FieldPanel("sections")] + InterpretationPage.change_panels
    template = "interpretations/text_interpretation_page.html"

    class Meta:
        verbose_name = _("文字解读")

    def kind_text(self):
        return " ".join(f"{block.value['heading']} {_html_text(block.value['body'].source)}" for block in self.sections)

    def kind_parts(self):
        parts = []
        for block in self.sections:
            labels = dict(block.block.child_blocks["kind"].field.choices)
            title = block.value["heading"] or labels.get(block.value["kind"], "")
            parts += [heading(title), rich_text(block.value["body"])]
        return parts
