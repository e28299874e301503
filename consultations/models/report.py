"""FeedbackReportPage (意见采纳情况反馈): the outcome of a consultation, generated from the division's answers.

The figures and the answers grouped by article are a snapshot (`outcome`) taken each time the report is saved in
the admin, so that review approves exactly what is published; the division adds its own summary. It cannot be
submitted for review (or published) while a comment is unanswered, and once it is in review or published the
answers are locked (``FeedbackReportPage.locks_answers``). It is a child page of its consultation so that it goes
through the same review; citizens read it on the consultation's own page, where its address redirects.
"""

from collections import Counter, defaultdict

from django.core.exceptions import ValidationError
from django.db import models
from django.shortcuts import redirect
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.admin.panels import FieldPanel, HelpPanel
from wagtail.fields import RichTextField
from wagtail.models import Page, PageManager

from core.cache_tags import listing_tag, page_tag
from core.forms import EditedFieldsMixin, RevisionConflictMixin
from core.ownership import DivisionOwnedMixin
from core.publication import PublicationDateMixin, PublicationStateMixin
from core.slugs import ReadableSlugMixin
from core.visibility import PublishedQuerySet
from policies.numerals import article_label

from .api import FeedbackReportAPIMixin
from .comments import Answer

# Posting any of these asks for the report to go towards publication.
SUBMITTING_ACTIONS = ("action-submit", "action-publish", "action-restart-workflow")


def unanswered_message(count):
    return _("还有 %(count)s 条意见未答复，全部答复后才能提交反馈报告。") % {"count": count}


def build_outcome(comments):
    """Return the report's figures from `comments` (a Comment queryset): counts per answer and per article, and
    the answers grouped by article (comments given the same answer and reason are one entry, with their count)."""
    rows = list(comments.order_by("article", "created_at", "pk").values("article", "answer", "reason"))
    per_answer = Counter(row["answer"] for row in rows)
    per_article = defaultdict(Counter)
    grouped = defaultdict(dict)
    for row in rows:
        key = row["article"] or 0
        per_article[key][row["answer"]] += 1
        entry = grouped[key].setdefault((row["answer"], row["reason"].strip()), 0)
        grouped[key][(row["answer"], row["reason"].strip())] = entry + 1
    articles = []
    for key in sorted(per_article):
        articles.append(
            {
                "article": key or None,
                "label": article_label(key) if key else _("草案全文"),
                "total": sum(per_article[key].values()),
                "counts": {answer.value: per_article[key][answer.value] for answer in Answer},
                "answers": [
                    {
                        "answer": answer,
                        "label": str(Answer(answer).label) if answer else "",
                        "reason": reason,
                        "count": n,
                    }
                    for (answer, reason), n in grouped[key].items()
                ],
            }
        )
    return {
        "total": len(rows),
        "unanswered": per_answer.get("", 0),
        "counts": [{"answer": a.value, "label": str(a.label), "count": per_answer.get(a.value, 0)} for a in Answer],
        "articles": articles,
        "generated_at": timezone.now().isoformat(),
    }


class FeedbackReportForm(EditedFieldsMixin, RevisionConflictMixin, WagtailAdminPageForm):
    """Take a fresh snapshot of the answers on every save; refuse to submit while a comment is unanswered."""

    def clean(self):
        cleaned = super().clean()
        consultation = self.instance.consultation_page(self.parent_page)
        if consultation is not None and any(action in self.data for action in SUBMITTING_ACTIONS):
            unanswered = consultation.comments.unanswered().count()
            if unanswered:
                raise ValidationError(unanswered_message(unanswered), code="unanswered_comments")
        return cleaned

    def save(self, commit=True):
        page = super().save(commit=False)
        page.attach_to(self.instance.consultation_page(self.parent_page))
        page.outcome = build_outcome(page.consultation.comments.all())
        if commit:
            page.save()
            self.save_m2m()
        return page


FeedbackReportManager = PageManager.from_queryset(PublishedQuerySet)


class FeedbackReportPage(
    FeedbackReportAPIMixin, DivisionOwnedMixin, PublicationDateMixin, PublicationStateMixin, ReadableSlugMixin, Page
):
    """意见采纳情况反馈: what the division did with the comments, published on the consultation's page."""

    consultation = models.ForeignKey(
        "consultations.ConsultationPage",
        verbose_name=gettext_lazy("征求意见"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="reports",
        editable=False,
    )
    division = models.ForeignKey(
        "policies.Division",
        verbose_name=gettext_lazy("起草处室"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        editable=False,
    )
    summary = RichTextField(
        gettext_lazy("处室说明"),
        features=["h3", "bold", "ol", "ul", "link"],
        help_text=gettext_lazy("概述意见的总体情况、主要采纳的意见和对草案的修改；统计和逐条答复由系统根据答复生成"),
    )
    outcome = models.JSONField(gettext_lazy("统计与答复"), default=dict, blank=True, editable=False)

    objects = FeedbackReportManager()
    base_form_class = FeedbackReportForm

    content_panels = [
        FieldPanel("title"),
        HelpPanel(
            gettext_lazy(
                "保存时按当前答复重新生成各类答复数量、每条的意见数和按条归类的答复。"
                "所有意见答复完毕才能提交审核；提交后答复锁定，审核通过后在征求意见页面公布。"
            )
        ),
        FieldPanel("summary"),
    ]
    promote_panels = []

    parent_page_types = ["consultations.ConsultationPage"]
    subpage_types = []
    template = "consultations/feedback_report_page.html"

    class Meta:
        verbose_name = gettext_lazy("意见采纳情况反馈")
        verbose_name_plural = gettext_lazy("意见采纳情况反馈")

    @classmethod
    def can_create_at(cls, parent):
        # One report per consultation, written once it has closed.
        if not super().can_create_at(parent):
            return False
        consultation = parent.specific
        return (
            consultation.closes_at is not None
            and consultation.closes_at <= timezone.now()
            and not cls.objects.filter(consultation=consultation).exists()
            and not cls.objects.child_of(parent).exists()
        )

    def readable_slug_base(self):
        return "fankui"

    def consultation_page(self, parent=None):
        """Return the consultation this report is about (its parent)."""
        if self.consultation_id:
            return self.consultation
        parent = parent or (self.get_parent() if self.path else None)
        return parent.specific if parent is not None else None

    def attach_to(self, consultation):
        if consultation is not None:
            self.consultation = consultation
            self.division_id = consultation.division_id

    def full_clean(self, *args, **kwargs):
        self.attach_to(self.consultation_page())
        super().full_clean(*args, **kwargs)

    @property
    def locks_answers(self):
        """Answers stay as they are while this report is in review or published."""
        return self.live or self.workflow_in_progress

    def serve(self, request, *args, **kwargs):
        if getattr(request, "is_preview", False):
            return super().serve(request, *args, **kwargs)
        # One address from opening to outcome: the report is read on its consultation's page.
        return redirect(self.consultation.url + "#feedback", permanent=False)

    def cache_tags(self):
        return {page_tag(self), page_tag(self.consultation_id)}

    def invalidated_cache_tags(self):
        return {page_tag(self), page_tag(self.consultation_id), listing_tag("consultations.ConsultationPage")}

    def outcome_counts(self):
        return self.outcome.get("counts", [])

    def outcome_articles(self):
        return self.outcome.get("articles", [])
