"""The 解读情况 admin report: four tables, two bar charts (inline SVG) and a CSV export.

Only the holders of ``editorial.view_interpretation_report`` may see it: superusers, and the roles granted it
(the publicity center 宣教中心审核 and the general office 办公室, in ``roles.groups.ROLES``).
"""

import csv
import io
from dataclasses import dataclass

from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.defaults import permission_denied
from django.views.generic import TemplateView
from wagtail.admin.menu import MenuItem
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.widgets.button import HeaderButton

from ..models.permissions import VIEW_INTERPRETATION_REPORT, perm
from .data import available_years, build_report, current_year

URL_NAME = "editorial_interpretation_report"


def can_view_report(user, codename=VIEW_INTERPRETATION_REPORT):
    """Whoever holds the report's permission `codename` (superusers included) may see that report."""
    if not (user.is_authenticated and user.is_active):
        return False
    return user.has_perm(perm(codename))


class ReportMenuItem(MenuItem):
    """A report's item in the Reports menu, shown to the holders of its permission `codename`."""

    def __init__(self, *args, codename=VIEW_INTERPRETATION_REPORT, **kwargs):
        super().__init__(*args, **kwargs)
        self.codename = codename

    def is_shown(self, request):
        return can_view_report(request.user, self.codename)


# --- the chart ------------------------------------------------------------------------------------------


@dataclass
class Bar:
    label: str
    value: int
    y: int
    width: int
    text_y: int
    value_x: int


@dataclass
class BarChart:
    title: str
    aria_label: str
    bars: list
    width: int
    height: int
    label_width: int
    label_x: int
    bar_height: int


def bar_chart(title, items, *, label_width=130, plot_width=360, row_height=30, bar_height=20):
    """Lay out a horizontal bar chart of (label, value) pairs; the template draws it as SVG."""
    items = list(items)
    largest = max((value for _label, value in items), default=0) or 1
    bars = []
    for index, (label, value) in enumerate(items):
        y = 10 + index * row_height
        width = round(plot_width * value / largest)
        bars.append(
            Bar(
                label=str(label),
                value=value,
                y=y,
                width=width,
                text_y=y + bar_height // 2 + 5,
                value_x=label_width + width + 6,
            )
        )
    summary = "，".join(f"{label} {value}" for label, value in items) or _("无数据")
    return BarChart(
        title=str(title),
        aria_label=f"{title}：{summary}",
        bars=bars,
        width=label_width + plot_width + 50,
        height=20 + max(len(items), 1) * row_height,
        label_width=label_width,
        label_x=label_width - 8,
        bar_height=bar_height,
    )


# --- CSV ------------------------------------------------------------------------------------------------

CSV_HEADINGS = (
    "部分",
    "名称",
    "起草处室",
    "解读形式",
    "政策文件",
    "文件发布日期",
    "解读发布日期",
    "解读期限",
    "数量",
    "说明",
    # The 新媒体发布 rows' own columns (blank in the other sections).
    "新媒体平台",
    "新媒体发布时间",
    "新媒体链接",
    "录入人",
)


def _cell(value):
    """Make a CSV cell safe for spreadsheets: text starting with = + - @ is not read as a formula."""
    if value is None:
        return ""
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + value
    return value


def report_rows(report):
    """Yield the CSV rows of every section, in the column order of CSV_HEADINGS."""
    for policy in report.uninterpreted:
        yield (_("未解读文件"), policy.title, policy.division, "", "", policy.published_on, "", "", "", policy.reason)
    for policy in report.exempted:
        yield (
            _("豁免解读文件"),
            policy.title,
            policy.division,
            "",
            "",
            policy.published_on,
            "",
            "",
            "",
            policy.exemption,
        )
    for row in report.late:
        yield (
            _("超期解读"),
            row.title,
            row.division,
            row.kind_label,
            row.policy_title,
            row.policy_published_on,
            row.published_on,
            row.deadline,
            row.days_late,
            _("超期 %(days)s 个工作日") % {"days": row.days_late},
        )
    for division in report.counts.by_division:
        yield (_("按处室统计"), division.name, division.name, "", "", "", "", "", division.total, "")
    for kind in report.counts.by_kind:
        yield (_("按形式统计"), kind.label, "", kind.label, "", "", "", "", kind.count, "")
    for person in report.first_interpreters:
        note = _("少于每年 %(minimum)s 次") % {"minimum": person.minimum} if person.below_minimum else ""
        yield (_("第一解读人"), person.name, "", "", "", "", "", "", person.count, note)
    for post in report.new_media:
        when = post.posted_at.strftime("%Y-%m-%d %H:%M")
        yield (
            _("新媒体发布"),
            post.title,
            "",
            post.kind,
            "",
            "",
            "",
            "",
            "",
            "",
            post.platform,
            when,
            post.url,
            post.entered_by,
        )


def csv_response(report):
    """Return the report as CSV, UTF-8 with a BOM so that Excel reads the Chinese text correctly."""
    buffer = io.StringIO()
    buffer.write("\ufeff")
    writer = csv.writer(buffer)
    writer.writerow(CSV_HEADINGS)
    for row in report_rows(report):
        row = tuple(row) + ("",) * (len(CSV_HEADINGS) - len(row))
        writer.writerow([_cell(str(value) if value not in (None, "") else "") for value in row])
    response = HttpResponse(buffer.getvalue().encode("utf-8"), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="interpretation-report-{report.year}.csv"'
    return response


# --- the view -------------------------------------------------------------------------------------------


def selected_year(value, years):
    """Return the year asked for, or this year when it is missing or not a sensible year."""
    try:
        year = int(value)
    except (TypeError, ValueError):
        return current_year()
    if years and min(years) - 10 <= year <= max(years) + 1:
        return year
    return current_year()


class InterpretationReportView(WagtailAdminTemplateMixin, TemplateView):
    template_name = "editorial/report/interpretations.html"
    page_title = gettext_lazy("解读情况")
    header_icon = "table"

    def dispatch(self, request, *args, **kwargs):
        if not can_view_report(request.user):
            # Answer 403 itself: a raised PermissionDenied becomes a redirect to the dashboard in Wagtail's admin.
            return permission_denied(request, PermissionDenied())
        self.years = available_years()
        self.year = selected_year(request.GET.get("year"), self.years)
        if self.year not in self.years:
            self.years = sorted({*self.years, self.year}, reverse=True)
        return super().dispatch(request, *args, **kwargs)

    def get(self, request, *args, **kwargs):
        self.report = build_report(self.year)
        if request.GET.get("export") == "csv":
            return csv_response(self.report)
        return super().get(request, *args, **kwargs)

    def get_breadcrumbs_items(self):
        return self.breadcrumbs_items + [
            {"url": "", "label": gettext_lazy("报表")},
            {"url": "", "label": self.get_page_title()},
        ]

    def get_header_buttons(self):
        url = reverse(URL_NAME) + "?" + urlencode({"year": self.year, "export": "csv"})
        return [HeaderButton(_("导出 CSV"), url=url, icon_name="download")]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        report = self.report
        context.update(
            report=report,
            years=self.years,
            year=self.year,
            kinds=[kind.label for kind in report.counts.by_kind],
            export_url=reverse(URL_NAME) + "?" + urlencode({"year": self.year, "export": "csv"}),
            division_chart=bar_chart(
                _("%(year)s年各处室解读数量") % {"year": self.year},
                [(row.name, row.total) for row in report.counts.by_division],
            ),
            kind_chart=bar_chart(
                _("%(year)s年各形式解读数量") % {"year": self.year},
                [(row.label, row.count) for row in report.counts.by_kind],
            ),
        )
        return context
