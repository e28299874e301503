"""简明问答: questions and answers; an answer may cite an article (第X条) of a document and links its mentions."""

import re

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, PageChooserPanel
from wagtail.fields import RichTextField
from wagtail.models import Orderable
from wagtail.rich_text import expand_db_html

from core.cache_tags import page_tag, tags
from core.sharing import heading, rich_text
from policies.models import PolicyPage
from policies.models.business import BUSINESS_PANEL, BusinessTagsMixin
from policies.numerals import article_label, from_chinese

from .base import InterpretationPage, Kind, _html_text


class QAInterpretationPage(BusinessTagsMixin, InterpretationPage):
    """简明问答: ordered questions and answers; an answer may cite an article of a document."""

    KIND = Kind.QA

    content_panels = (
        InterpretationPage.content_panels
        + [
            InlinePanel("questions", min_num=1, label=_("问答")),
            BUSINESS_PANEL,
        ]
        + InterpretationPage.change_panels
    )
    template = "interpretations/qa_interpretation_page.html"

    class Meta:
        verbose_name = _("简明问答")

    def kind_text(self):
        return " ".join(f"{qa.question} {_html_text(qa.answer)}" for qa in self.questions.all())

    def kind_parts(self):
        return [part for qa in self.questions.all() for part in (heading(qa.question), rich_text(qa.answer))]

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["questions"] = list(self.questions.select_related("cited_policy"))
        return context


# A mention right after 》 cites another text (《环境保护法》第四十二条), so it is not linked.
_ARTICLE_MENTION = re.compile(r"(?<!》)第([一二三四五六七八九十百千零〇\d]+)条")


class QuestionAnswer(Orderable):
    """One question and its answer, optionally citing an article (第X条) of a document."""

    page = ParentalKey(QAInterpretationPage, on_delete=models.CASCADE, related_name="questions")
    question = models.CharField(_("问题"), max_length=300)
    answer = RichTextField(_("回答"), features=["bold", "italic", "ol", "ul", "link"])
    cited_policy = models.ForeignKey(
        PolicyPage,
        verbose_name=_("引用的文件"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="qa_citations",
    )
    cited_article = models.PositiveIntegerField(
        _("引用的条号"), null=True, blank=True, help_text=_("如 12 表示第十二条")
    )

    panels = [
        FieldPanel("question"),
        FieldPanel("answer"),
        FieldRowPanel([PageChooserPanel("cited_policy", "policies.PolicyPage"), FieldPanel("cited_article")]),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("问答")

    def invalidated_cache_tags(self):
        # The cited document marks the article with a link back to this answer.
        return tags(page_tag(self.page_id), page_tag(self.cited_policy_id))

    def clean(self):
        if self.cited_article and not self.cited_policy_id:
            raise ValidationError({"cited_policy": _("引用条款时请选择所引用的文件。")})
        if self.cited_article and self.cited_policy_id:
            policy = self.cited_policy.get_latest_revision_as_object()
            if self.cited_article not in policy.article_numbers():
                raise ValidationError(
                    {
                        "cited_article": _("《%(title)s》中没有%(label)s。")
                        % {"title": policy.title, "label": article_label(self.cited_article)}
                    }
                )

    @property
    def anchor(self):
        return f"qa-{self.pk}"

    @property
    def citation_label(self):
        return article_label(self.cited_article) if self.cited_article else ""

    def citation_url(self, number=None):
        """Return the link to the cited article (or to article `number` of the cited document)."""
        number = number or self.cited_article
        if not (self.cited_policy and number and self.cited_policy.live):
            return ""
        return f"{self.cited_policy.url}#article-{number}"

    def answer_html(self):
        """Render the answer, linking each mention of 第X条 to that article of the cited document."""
        html = expand_db_html(self.answer)
        if not (self.cited_policy and self.cited_policy.live):
            return mark_safe(html)

        articles = self.cited_policy.article_numbers()

        def link(match):
            try:
                number = from_chinese(match.group(1))
            except ValueError:
                return match.group(0)
            if number not in articles:
                return match.group(0)
            return format_html('<a href="{}">{}</a>', self.citation_url(number), match.group(0))

        # Only text between tags is linked, so attributes and existing links are left alone.
        parts = re.split(r"(<[^>]+>)", html)
        inside_link = False
        for i, part in enumerate(parts):
            if part.startswith("<"):
                inside_link = part.startswith("<a ") or (inside_link and not part.startswith("</a"))
            elif not inside_link:
                parts[i] = _ARTICLE_MENTION.sub(link, part)
        return mark_safe("".join(parts))
