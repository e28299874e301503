"""ConsultationPage (征求意见): a draft put to the public, from its opening to its outcome, at one address."""

import math

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel, PageChooserPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Orderable, Page
from wagtail.search import index

from core.cache_tags import listing_tag, object_tag, page_tag, page_tags, tags
from core.following import new_publication
from core.forms import EditedFieldsMixin, RevisionConflictMixin, SlugClashMixin
from core.ownership import DivisionOwnedMixin, limit_division_choices
from core.publication import PublicationDateMixin, PublicationStateMixin
from core.segmentation import segment
from core.slugs import ReadableSlugMixin
from core.workdays import add_workdays
from policies.blocks import PolicyBodyBlock

from .api import ConsultationAPIMixin
from .queryset import ConsultationPageManager
from .status import Status, derive_status

DEFAULT_HOW_TO_TAKE_PART = _(
    "在本页“提出意见”表单中填写意见，可以针对全文，也可以针对某一条；"
    "也可以通过信函、电子邮件等方式向起草处室反映。请在征求意见截止时间前提出。"
)


class ConsultationPageForm(SlugClashMixin, EditedFieldsMixin, RevisionConflictMixin, WagtailAdminPageForm):
    """Offer only the divisions the editor drafts for."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        limit_division_choices(self, self.for_user)


class ConsultationAttachment(Orderable):
    """A file of the draft (the draft itself as PDF or Word, annexes, an impact assessment)."""

    ALLOWED_EXTENSIONS = {"pdf", "doc", "docx", "ofd", "wps", "xls", "xlsx"}

    page = ParentalKey("consultations.ConsultationPage", on_delete=models.CASCADE, related_name="attachments")
    document = models.ForeignKey(
        "wagtaildocs.Document", verbose_name=_("文件"), on_delete=models.PROTECT, related_name="+"
    )
    title = models.CharField(_("显示名称"), max_length=200, blank=True)

    panels = [FieldPanel("document"), FieldPanel("title")]

    class Meta(Orderable.Meta):
        verbose_name = _("附件")
        verbose_name_plural = _("附件")

    def clean(self):
        if self.document_id and self.document.file_extension.lower() not in self.ALLOWED_EXTENSIONS:
            raise ValidationError({"document": _("附件只能是 PDF、Word、WPS、Excel 或 OFD 文件。")})

    @property
    def display_title(self):
        return self.title or self.document.title


class ConsultationPage(
    ConsultationAPIMixin, DivisionOwnedMixin, PublicationDateMixin, PublicationStateMixin, ReadableSlugMixin, Page
):
    """A draft document put to public consultation (征求意见稿), owned by its drafting division."""

    division = models.ForeignKey(
        "policies.Division",
        verbose_name=_("起草处室"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="consultations",
    )
    is_major_decision = models.BooleanField(
        _("重大行政决策"),
        default=False,
        help_text=_("重大行政决策草案的征求意见期一般不少于 %(days)s 日") % {"days": 30},
    )
    opens_at = models.DateTimeField(_("开始时间"), help_text=_("公众从此时起可以看到草案并提出意见"))
    closes_at = models.DateTimeField(_("截止时间"), help_text=_("此时起不再接受意见（以服务器时间为准）"))
    feedback_due_on = models.DateField(
        _("反馈期限"),
        null=True,
        blank=True,
        help_text=_("公布意见采纳情况的最晚日期；留空则为截止后第 %(days)s 个工作日")
        % {"days": settings.ZHENGCE_CONSULTATION_FEEDBACK_WORKDAYS},
    )
    summary = models.TextField(_("摘要"), blank=True, help_text=_("一两句话说明草案要解决什么问题"))
    explanation = RichTextField(
        _("起草说明"),
        blank=True,
        features=["h3", "bold", "ol", "ul", "link"],
        help_text=_("用通俗的语言说明起草背景、主要内容和需要公众重点关注的问题"),
    )
    body = StreamField(PolicyBodyBlock(), blank=True, verbose_name=_("草案正文"))
    how_to_take_part = models.TextField(_("参与方式"), blank=True, help_text=_("留空则使用默认说明"))
    contact = models.CharField(
        _("联系方式"), max_length=200, blank=True, help_text=_("起草处室的联系电话、电子邮箱或通信地址（公开）")
    )
    final_policy = models.ForeignKey(
        "policies.PolicyPage",
        verbose_name=_("正式文件"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="consultations",
        help_text=_("根据本次征求意见形成的正式文件；正式文件发布后两页相互链接"),
    )

    objects = ConsultationPageManager()
    base_form_class = ConsultationPageForm

    content_panels = Page.content_panels + [
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("division"), FieldPanel("is_major_decision")]),
                FieldRowPanel([FieldPanel("opens_at"), FieldPanel("closes_at")]),
                FieldPanel("feedback_due_on"),
            ],
            heading=_("征求意见信息"),
        ),
        FieldPanel("summary"),
        FieldPanel("explanation"),
        FieldPanel("body"),
        InlinePanel("attachments", label=_("附件（草案文本及相关材料）")),
        FieldPanel("how_to_take_part"),
        FieldPanel("contact"),
        PageChooserPanel("final_policy", "policies.PolicyPage"),
    ]

    search_fields = Page.search_fields + [
        index.FilterField("division"),
        index.FilterField("opens_at"),
        index.FilterField("closes_at"),
    ]

    parent_page_types = ["consultations.ConsultationIndexPage"]
    subpage_types = ["consultations.FeedbackReportPage"]
    template = "consultations/consultation_page.html"

    class Meta:
        verbose_name = _("征求意见")
        verbose_name_plural = _("征求意见")

    # --- rules -------------------------------------------------------------------------------

    def clean(self):
        super().clean()
        errors = {}
        if self.opens_at and self.closes_at and self.closes_at <= self.opens_at:
            errors["closes_at"] = _("截止时间必须晚于开始时间。")
        numbers = self.article_numbers_in_order()
        duplicates = sorted({n for n in numbers if numbers.count(n) > 1})
        if duplicates:
            errors["body"] = _("条号重复：%(numbers)s") % {"numbers": "、".join(map(str, duplicates))}
        if errors:
            raise ValidationError(errors)

    @property
    def is_disclosed(self):
        # The instance form of ConsultationPageQuerySet.disclosed(): nothing of it before it opens.
        return self.opens_at is not None and self.opens_at <= timezone.now()

    def serve(self, request, *args, **kwargs):
        # Published ahead of its opening time, it is still nobody's business but staff's (their preview shows it).
        if not self.is_disclosed and not getattr(request, "is_preview", False):
            raise Http404
        return super().serve(request, *args, **kwargs)

    def get_sitemap_urls(self, request=None):
        return super().get_sitemap_urls(request) if self.is_disclosed else []

    def status_at(self, now=None):
        """Return the Status at `now` (default: the server's clock)."""
        report = self.published_report()
        final = self.published_final_policy()
        return derive_status(
            now or timezone.now(), self.opens_at, self.closes_at, report is not None, final is not None
        )

    @property
    def status(self):
        return self.status_at()

    def accepts_comments(self, now=None):
        """Return whether a comment posted at `now` is taken: a published consultation within its period."""
        return self.is_published and self.status_at(now) == Status.OPEN

    def period_days(self):
        """Return the length of the period in days, counting a part of a day as a day."""
        return math.ceil((self.closes_at - self.opens_at).total_seconds() / 86400)

    def minimum_days(self):
        if self.is_major_decision:
            return settings.ZHENGCE_CONSULTATION_MIN_DAYS_MAJOR
        return settings.ZHENGCE_CONSULTATION_MIN_DAYS

    def period_warning(self):
        """Return the admin's warning when the period is shorter than the department's minimum, else ""."""
        if not (self.opens_at and self.closes_at) or self.closes_at <= self.opens_at:
            return ""
        minimum = self.minimum_days()
        if not minimum or self.period_days() >= minimum:
            return ""
        kind = _("重大行政决策草案") if self.is_major_decision else _("草案")
        return _("征求意见期只有 %(days)s 天，短于本厅规定的%(kind)s最短 %(minimum)s 天，请确认确有必要。") % {
            "days": self.period_days(),
            "kind": kind,
            "minimum": minimum,
        }

    def feedback_due(self, holidays=None):
        """Return the date by which the feedback report should be published (`holidays` as core.workdays takes)."""
        if self.feedback_due_on:
            return self.feedback_due_on
        return add_workdays(
            timezone.localdate(self.closes_at), settings.ZHENGCE_CONSULTATION_FEEDBACK_WORKDAYS, holidays
        )

    def published_report(self):
        """Return the feedback report citizens may see, or None."""
        from .report import FeedbackReportPage

        return FeedbackReportPage.objects.published().filter(consultation=self).first()

    def published_final_policy(self):
        """Return the final document when citizens may find it, or None."""
        if self.final_policy_id is None:
            return None
        from policies.models import PolicyPage

        return PolicyPage.objects.published().filter(pk=self.final_policy_id).first()

    # --- the draft's text --------------------------------------------------------------------

    def article_numbers_in_order(self):
        return [block.value["number"] for block in self.body if block.block_type == "article"]

    def articles(self):
        """Return {number: ArticleValue} of the draft's articles, in order."""
        return {block.value["number"]: block.value for block in self.body if block.block_type == "article"}

    def body_text(self):
        parts = []
        for block in self.body:
            if block.block_type == "article":
                parts.append(f"{block.value.label()} {block.value['text']}")
            elif block.block_type == "chapter":
                parts.append(block.value["heading"])
            else:
                parts.append(" ".join(str(text) for text in block.block.get_searchable_content(block.value)))
        return "\n".join(part for part in parts if part)

    def follow_notices(self):
        """What followers of the consultations are told (core/following.py): a new consultation."""
        return new_publication(self, gettext("发布了新的意见征集"), ["consultations"])

    def search_text(self):
        return segment(" ".join([self.title, self.summary, self.body_text()]))

    def how_to_take_part_text(self):
        return self.how_to_take_part or DEFAULT_HOW_TO_TAKE_PART

    # --- caches (core/cache_tags.py) ---------------------------------------------------------

    def cache_tags(self):
        report_ids = self.reports.values_list("pk", flat=True)
        return tags(page_tag(self), object_tag("policies.Division", self.division_id)) | page_tags(
            [self.final_policy_id, *report_ids]
        )

    def invalidated_cache_tags(self):
        # The final document shows a link back to this consultation.
        return {page_tag(self), listing_tag(ConsultationPage)} | page_tags([self.final_policy_id])

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        status = self.status
        context.update(
            section=self.get_parent(),
            status=status,
            Status=Status,
            body_blocks=list(self.body),
            attachments=list(self.attachments.select_related("document")),
            report=self.published_report() if status in (Status.ANSWERED, Status.ADOPTED) else None,
            final_policy=self.published_final_policy(),
            public_comments=list(self.comments.published_on_page()[:200]) if status != Status.NOT_STARTED else [],
        )
        return context
