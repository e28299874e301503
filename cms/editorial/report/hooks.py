"""Admin hooks of the 解读情况 and 意见征集情况 reports, and the holiday list (节假日) the working-day rule reads."""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
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
