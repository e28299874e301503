"""The structured body of a policy document: chapters, articles with stable anchors, and shared blocks."""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks

from core.blocks import BaseStreamBlock

from .numerals import article_label


class ChapterBlock(blocks.StructBlock):
    """A chapter or section heading such as 第一章 总则."""

    heading = blocks.CharBlock(label=_("标题"), help_text=_("如：第一章 总则"))

    class Meta:
        icon = "title"
        label = _("章节标题")
        template = "policies/blocks/chapter.html"


class ArticleValue(blocks.StructValue):
    """An article that knows its label (第十二条) and its anchor (article-12)."""

    def label(self):
        return article_label(self["number"])

    def anchor(self):
        return f"article-{self['number']}"


class ArticleBlock(blocks.StructBlock):
    """One article (条); its number gives it the stable anchor #article-N."""

    number = blocks.IntegerBlock(
        min_value=1, max_value=9999, label=_("条号"), help_text=_("阿拉伯数字，如 12 表示第十二条")
    )
    text = blocks.TextBlock(label=_("条文"), help_text=_("多款之间空一行"))

    class Meta:
        icon = "list-ol"
        label = _("条")
        template = "policies/blocks/article.html"
        value_class = ArticleValue


class PolicyBodyBlock(BaseStreamBlock):
    """The body of a policy document."""

    chapter = ChapterBlock()
    article = ArticleBlock()
