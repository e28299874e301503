"""The annual report on disclosure (政府信息公开工作年度报告, 《政府信息公开条例》第四十九、五十条) as pages.

AnnualReportIndexPage (年报) lists the published reports; an AnnualReportPage is one year's report, written by the
office and approved through the review workflow. Its computed cells (figures.py) are taken when the draft is created
and again when the editor asks (按当前记录重新统计), and kept in the page's revision: a published report shows what
was approved, whatever the records do later. An editor may replace a computed cell only with a note
(CellOverride); checks.py says what must hold before the report goes to review. Citizens get the published
revision only: its page, its Word copy and its workbook (routes of the live page; a draft has none).
"""

import datetime

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.http import HttpResponse
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from modelcluster.fields import ParentalKey
from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.admin.panels import FieldPanel, FieldRowPanel, HelpPanel, InlinePanel, MultiFieldPanel, Panel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField
from wagtail.models import Orderable, Page, PageManager

from core.cache_tags import listing_tag, page_tag
from core.forms import EditedFieldsMixin, RevisionConflictMixin
from core.publication import PublicationDateMixin, PublicationStateMixin
from core.slugs import ReadableSlugMixin
from core.visibility import PublishedQuerySet

from . import checks, figures, files, layout, tables

# Posting any of these asks for the report to go towards publication (as consultations' feedback reports do).
SUBMITTING_ACTIONS = ("action-submit", "action-publish", "action-restart-workflow")
TEXT_FEATURES = ["h3", "bold", "ol", "ul", "link"]


def publication_deadline(year):
    """第四十九条: the report of `year` is published by 31 January of the next year."""
    return datetime.date(year + 1, 1, 31)


class AnnualReportIndexPage(Page):
    """年报: the published annual reports, newest year first: the platform's column 政府信息公开年报 (site_tree.py)."""

    intro = models.TextField(gettext_lazy("简介"), blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro")]
    subpage_types = ["disclosure.AnnualReportPage"]
    # One column holds every year's report (the platform's 政府信息公开年报): the home page links the latest of them.
    max_count = 1
    template = "disclosure/annual/index_page.html"

    class Meta:
        verbose_name = gettext_lazy("政府信息公开工作年度报告栏目")

    def reports(self):
        return list(AnnualReportPage.objects.child_of(self).published().order_by("-year"))

    def get_context(self, request, *args, **kwargs):
        return {**super().get_context(request, *args, **kwargs), "reports": self.reports()}

    def cache_tags(self):
        return {page_tag(self), listing_tag(AnnualReportPage)}


class AnnualReportForm(EditedFieldsMixin, RevisionConflictMixin, WagtailAdminPageForm):
    refresh_figures = forms.BooleanField(
        label=gettext_lazy("按当前记录重新统计"),
        required=False,
        help_text=gettext_lazy("勾选后保存，表二（规章、行政规范性文件）、表三、表四按当前记录重新统计"),
    )

    def clean(self):
        cleaned = super().clean()
        year = cleaned.get("year")
        if year:
            others = AnnualReportPage.objects.filter(year=year).exclude(pk=self.instance.pk)
            if others.exists():
                self.add_error("year", _("%(year)s年的年度报告已经存在。") % {"year": year})
        overrides = [
            form.instance
            for form in self.formsets["overrides"].forms
            if form.is_valid() and form.cleaned_data and not form.cleaned_data.get("DELETE")
        ]
        problems = list(checks.override_problems(overrides))
        if not problems and year and any(action in self.data for action in SUBMITTING_ACTIONS):
            page = self.instance
            computed = figures.compute(year) if self._refreshes(page) else page.figures.get("cells", {})
            overridden = {override.cell: override.value for override in overrides}
            problems = list(
                checks.submission_problems({**computed, **overridden}, computed, figures.compute(year), set(overridden))
            )
        for problem in problems:
            self.add_error(None, problem)
        return cleaned

    def _refreshes(self, page):
        return not page.figures.get("cells") or bool(self.cleaned_data.get("refresh_figures"))

    def save(self, commit=True):
        page = super().save(commit=False)
        if page.year and (self._refreshes(page) or page.figures.get("year") != page.year):
            page.take_figures()
        if commit:
            page.save()
            self.save_m2m()
        return page


class FiguresPanel(Panel):
    """Shows the edited revision's tables (its figures with the overrides applied), read-only."""

    class BoundPanel(Panel.BoundPanel):
        template_name = "disclosure/annual/admin_figures_panel.html"

        def get_context_data(self, parent_context=None):
            context = super().get_context_data(parent_context)
            page = self.instance
            if page.figures.get("cells"):
                context.update(page.table_context(), taken_at=parse_datetime(page.figures.get("taken_at", "")))
            return context


class AnnualReportPage(RoutablePageMixin, PublicationDateMixin, PublicationStateMixin, ReadableSlugMixin, Page):
    """One year's 政府信息公开工作年度报告 in the structure of 国办公开办函〔2021〕30号."""

    year = models.PositiveSmallIntegerField(gettext_lazy("年度"))
    overview = RichTextField(gettext_lazy("一、总体情况"), features=TEXT_FEATURES)
    licensing_decisions = models.PositiveIntegerField(gettext_lazy("行政许可：本年处理决定数量"), default=0)
    penalty_decisions = models.PositiveIntegerField(gettext_lazy("行政处罚：本年处理决定数量"), default=0)
    coercion_decisions = models.PositiveIntegerField(gettext_lazy("行政强制：本年处理决定数量"), default=0)
    fees_amount = models.DecimalField(
        gettext_lazy("行政事业性收费：本年收费金额（万元）"),
        max_digits=12,
        decimal_places=2,
        default=0,
        validators=[MinValueValidator(0, message=gettext_lazy("收费金额不能为负数。"))],
    )
    problems = RichTextField(gettext_lazy("五、存在的主要问题及改进情况"), features=TEXT_FEATURES)
    other_matters = RichTextField(gettext_lazy("六、其他需要报告的事项"), features=TEXT_FEATURES, blank=True)
    # {"year": Y, "taken_at": ISO time, "cells": {cell key: count}}: the computed cells, kept with the revision.
    figures = models.JSONField(gettext_lazy("系统统计数"), default=dict, blank=True, editable=False)

    objects = PageManager.from_queryset(PublishedQuerySet)()
    base_form_class = AnnualReportForm

    content_panels = [
        FieldPanel("title"),
        FieldPanel("year"),
        FieldPanel("overview"),
        MultiFieldPanel(
            [
                HelpPanel(
                    gettext_lazy(
                        "规章和行政规范性文件的制发、废止、现行有效件数由系统按政策文件库统计（第二十条第（一）项）；"
                        "以下各项请填写本年数据。"
                    )
                ),
                FieldRowPanel([FieldPanel("licensing_decisions"), FieldPanel("penalty_decisions")]),
                FieldRowPanel([FieldPanel("coercion_decisions"), FieldPanel("fees_amount")]),
            ],
            heading=gettext_lazy("二、主动公开政府信息情况"),
        ),
        MultiFieldPanel(
            [
                HelpPanel(
                    gettext_lazy(
                        "表二的规章和行政规范性文件、表三（申请情况）和表四（行政复议、行政诉讼）由系统按记录统计，"
                        "创建时统计一次并随版本保存；勾选下项后保存则按当前记录重新统计。提交审核前系统核对："
                        "每列平衡（新收加上年结转等于办理结果总计加结转下年度）、各数为非负整数、统计数与当前记录一致。"
                        "确需修改某个统计数的，在“修改统计数”中选择该格，填写数值和说明。"
                    )
                ),
                FiguresPanel(heading=gettext_lazy("本版本的统计表")),
                FieldPanel("refresh_figures"),
                InlinePanel("overrides", label=gettext_lazy("修改统计数"), heading=gettext_lazy("修改统计数")),
            ],
            heading=gettext_lazy("三、四、统计表"),
        ),
        FieldPanel("problems"),
        FieldPanel("other_matters"),
    ]
    promote_panels = [FieldPanel("slug")]

    parent_page_types = ["disclosure.AnnualReportIndexPage"]
    subpage_types = []
    template = "disclosure/annual/report_page.html"

    class Meta:
        verbose_name = gettext_lazy("政府信息公开工作年度报告")
        verbose_name_plural = gettext_lazy("政府信息公开工作年度报告")

    def readable_slug_base(self):
        return f"nianbao-{self.year}" if self.year else "nianbao"

    # --- the figures -------------------------------------------------------------------------------------------

    def take_figures(self):
        self.figures = {"year": self.year, "taken_at": timezone.now().isoformat(), "cells": figures.compute(self.year)}

    def override_map(self):
        return {override.cell: override for override in self.overrides.all()}

    def cells(self):
        """The cells as the report states them: the computed ones, each replaced by its override if any."""
        cells = dict(self.figures.get("cells", {}))
        cells.update({cell: override.value for cell, override in self.override_map().items()})
        return cells

    def entered_tables(self):
        """The rows of 第二十条 entered by hand, one table per article: [(article, column, [(label, value)])]."""
        grouped = {}
        for row in layout.ENTERED_ROWS:
            grouped.setdefault((str(row.article), str(row.column)), []).append(
                (str(row.label), getattr(self, row.field))
            )
        return [(article, column, rows) for (article, column), rows in grouped.items()]

    def table_context(self):
        cells, overrides = self.cells(), self.override_map()
        return {
            "document_columns": [str(label) for _code, label in layout.DOCUMENT_COLUMNS],
            "document_rows": tables.document_rows(cells),
            "entered_tables": self.entered_tables(),
            "request_columns": [str(layout.column_label(c)) for c in layout.APPLICANT_COLUMNS[1:]],
            "request_rows": tables.request_rows(cells, overrides),
            "remedy_headers": tables.remedy_headers(),
            "remedy_values": tables.remedy_values(cells),
            "overrides": [(layout.cell_label(cell), o.value, o.note) for cell, o in overrides.items()],
            "layout": layout,
        }

    def get_context(self, request, *args, **kwargs):
        url = self.get_url(request)
        downloads = {
            "word_url": url + self.reverse_subpage("word_copy"),
            "xlsx_url": url + self.reverse_subpage("workbook"),
        }
        return {**super().get_context(request, *args, **kwargs), **self.table_context(), **downloads}

    # --- what citizens get -------------------------------------------------------------------------------------

    @path("")
    def report(self, request):
        return self.render(request)

    @path("word/")
    def word_copy(self, request):
        return self._download(files.word_copy(self), "docx", files.DOCX_TYPE)

    @path("tables/")
    def workbook(self, request):
        return self._download(files.workbook(self), "xlsx", files.XLSX_TYPE)

    def _download(self, content, extension, content_type):
        response = HttpResponse(content, content_type=content_type)
        name = f"{self.year}nianbao.{extension}"
        response["Content-Disposition"] = f'attachment; filename="{name}"'
        return response

    def cache_tags(self):
        return {page_tag(self)}

    def invalidated_cache_tags(self):
        return {page_tag(self), listing_tag(AnnualReportPage)}

    @property
    def deadline(self):
        return publication_deadline(self.year)

    def clean(self):
        super().clean()
        if self.year and not 2008 <= self.year <= timezone.localdate().year:
            raise ValidationError({"year": _("请填写已经结束或正在进行的年度（2008年起）。")})


class CellOverride(Orderable):
    """A computed cell an editor replaced, with the reason (kept with the report's revision)."""

    page = ParentalKey(AnnualReportPage, on_delete=models.CASCADE, related_name="overrides")
    cell = models.CharField(gettext_lazy("统计格"), max_length=60, choices=layout.cell_choices)
    value = models.IntegerField(gettext_lazy("数值"))
    note = models.TextField(gettext_lazy("修改说明"), blank=True)

    panels = [FieldPanel("cell"), FieldPanel("value"), FieldPanel("note")]

    class Meta(Orderable.Meta):
        verbose_name = gettext_lazy("修改统计数")
