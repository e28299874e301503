"""Admin hooks of the 解读情况 and 意见征集情况 reports, and the holiday list (节假日) the working-day rule reads,
with a dashboard warning while a year the clocks count into is not listed."""

from datetime import timedelta

from django.urls import path, reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.ui.components import Component
from wagtail.admin.ui.tables import BooleanColumn
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from core.models import Holiday

from ..models.permissions import VIEW_CONSULTATION_REPORT
from . import consultations
from .views import URL_NAME, InterpretationReportView, ReportMenuItem


@hooks.register("register_admin_urls")
def register_report_urls():
    return [
        path("reports/interpretations/", InterpretationReportView.as_view(), name=URL_NAME),
        path(
            "reports/consultations/",
            consultations.ConsultationReportView.as_view(),
            name=consultations.URL_NAME,
        ),
    ]


@hooks.register("register_reports_menu_item")
def register_report_menu_item():
    return ReportMenuItem(_("解读情况"), reverse(URL_NAME), name="interpretation-report", icon_name="table", order=1300)


@hooks.register("register_reports_menu_item")
def register_consultation_report_menu_item():
    return ReportMenuItem(
        _("意见征集情况"),
        reverse(consultations.URL_NAME),
        name="consultation-report",
        icon_name="table",
        order=1310,
        codename=VIEW_CONSULTATION_REPORT,
    )


class HolidayViewSet(SnippetViewSet):
    """The holiday list, under Settings: public holidays and weekend days worked in exchange (调休)."""

    model = Holiday
    icon = "date"
    menu_label = _("节假日")
    menu_name = "holidays"
    add_to_settings_menu = True
    menu_order = 900
    # Wagtail would print the field's value (True/False); the column shows a tick or a cross, titled 是/否.
    list_display = ["date", "name", BooleanColumn("is_workday", label=_("调休上班")), "source"]
    list_filter = ["is_workday", "source"]
    ordering = ["-date"]


register_snippet(HolidayViewSet)


# How far ahead the dashboard looks for a year whose holidays are not listed: the longest clock (20 working days to
# answer a request, 20 more of extension, pauses) ends within about three months.
HOLIDAYS_LOOKAHEAD = timedelta(days=90)


class UnlistedHolidaysPanel(Component):
    """Tells whoever keeps the holiday list that a year the clocks will soon count into is not listed yet."""

    name = "editorial_unlisted_holidays"
    template_name = "editorial/report/holidays_panel.html"
    order = 95

    def __init__(self, years):
        self.years = years

    def get_context_data(self, parent_context=None):
        return {"years": self.years, "list_url": reverse(Holiday.snippet_viewset.get_url_name("list"))}


@hooks.register("construct_homepage_panels")
def add_unlisted_holidays_panel(request, panels):
    if not request.user.has_perm("core.change_holiday"):
        return
    today = timezone.localdate()
    years = Holiday.objects.unlisted_years(today, today + HOLIDAYS_LOOKAHEAD)
    if years:
        panels.append(UnlistedHolidaysPanel(years))
