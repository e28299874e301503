"""The 意见征集情况 admin report: a year's consultations per drafting division and one by one, with a chart and a
CSV export. The figures are the consultations app's (consultations.figures); this lays them out.

Seen by the holders of ``editorial.view_consultation_report``: superusers and the roles granted it (the publicity
center and the office; a drafting division sees neither this nor the 解读情况 report).
"""

import csv
import io

from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.defaults import permission_denied
from django.views.generic import TemplateView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.widgets.button import HeaderButton

from consultations import figures

from ..models.permissions import VIEW_CONSULTATION_REPORT
from .views import _cell, bar_chart, can_view_report

URL_NAME = "editorial_consultation_report"

CSV_HEADINGS = (
    "征求意见",
    "起草处室",
    "状态",
    "开始时间",
    "截止时间",
    "意见数",
    "已答复",
    "采纳",
    "部分采纳",
    "采纳比例（含部分采纳，%）",
    "反馈期限",
    "反馈发布日期",
    "反馈用时（工作日）",
    "逾期",
)


def csv_rows(rows):
    for row in rows:
        yield (
            row.title,
            row.division,
            row.status.label,
            timezone.localtime(row.opens_at).strftime("%Y-%m-%d %H:%M"),
            timezone.localtime(row.closes_at).strftime("%Y-%m-%d %H:%M"),
            row.comments,
            row.answered,
            row.adopted,
            row.partly,
            row.adopted_share,
            row.feedback_due,
            row.reported_on,
            row.delay,
            _("是") if row.late else "",
        )


def csv_response(year, rows):
    """Return the rows as CSV, UTF-8 with a BOM so that Excel reads the Chinese text correctly."""
    buffer = io.StringIO()
    buffer.write("\ufeff")
    writer = csv.writer(buffer)
    writer.writerow(CSV_HEADINGS)
    for row in csv_rows(rows):
        writer.writerow([_cell(str(value) if value not in (None, "") else "") for value in row])
    response = HttpResponse(buffer.getvalue().encode("utf-8"), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="consultation-report-{year}.csv"'
    return response


def selected_year(value, years):
    this_year = timezone.localdate().year
    try:
        year = int(value)
    except (TypeError, ValueError):
        return this_year
    return year if 1949 <= year <= this_year + 1 else this_year


class ConsultationReportView(WagtailAdminTemplateMixin, TemplateView):
    template_name = "editorial/report/consultations.html"
    page_title = gettext_lazy("意见征集情况")
    header_icon = "table"

    def dispatch(self, request, *args, **kwargs):
        if not can_view_report(request.user, VIEW_CONSULTATION_REPORT):
            # Answer 403 itself: a raised PermissionDenied becomes a redirect to the dashboard in Wagtail's admin.
            return permission_denied(request, PermissionDenied())
        years = figures.available_years()
        self.year = selected_year(request.GET.get("year"), years)
        self.years = sorted({*years, self.year, timezone.localdate().year}, reverse=True)
        return super().dispatch(request, *args, **kwargs)

    def get(self, request, *args, **kwargs):
        self.rows = figures.consultation_figures(self.year)
        if request.GET.get("export") == "csv":
            return csv_response(self.year, self.rows)
        return super().get(request, *args, **kwargs)

    def export_url(self):
        return reverse(URL_NAME) + "?" + urlencode({"year": self.year, "export": "csv"})

    def get_breadcrumbs_items(self):
        return self.breadcrumbs_items + [
            {"url": "", "label": gettext_lazy("报表")},
            {"url": "", "label": self.get_page_title()},
        ]

    def get_header_buttons(self):
        return [HeaderButton(_("导出 CSV"), url=self.export_url(), icon_name="download")]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        divisions, total = figures.division_figures(self.rows)
        context.update(
            rows=self.rows,
            divisions=divisions,
            total=total,
            year=self.year,
            years=self.years,
            export_url=self.export_url(),
            division_chart=bar_chart(
                _("%(year)s年各处室征求意见数量") % {"year": self.year},
                [(row.name, row.consultations) for row in divisions],
            ),
        )
        return context
