"""The 检索统计 admin report: what citizens searched for most, and what found nothing, over recent days.

Only the holders of ``cms_search.view_search_report`` may see it: superusers, and the roles granted it
(the publicity center 宣教中心审核 and the general office 办公室, in the editorial roles table).
"""

from datetime import timedelta

from django.core.exceptions import PermissionDenied
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views.defaults import permission_denied
from django.views.generic import TemplateView
from wagtail.admin.menu import MenuItem
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from .models import SearchQueryStat

REPORT_PERMISSION = "cms_search.view_search_report"
URL_NAME = "search_query_report"
PERIODS = (7, 30, 90)
DEFAULT_DAYS = 30
TOP = 50


def can_view_report(user):
    """Whoever holds the report's permission (superusers included) may see the statistics."""
    if not (user.is_authenticated and user.is_active):
        return False
    return user.has_perm(REPORT_PERMISSION)


class SearchQueryReportMenuItem(MenuItem):
    def is_shown(self, request):
        return can_view_report(request.user)


def selected_days(value):
    """Return the period asked for, or the default when it is missing or not one of those offered."""
    try:
        days = int(value)
    except (TypeError, ValueError):
        return DEFAULT_DAYS
    return days if days in PERIODS else DEFAULT_DAYS


class SearchQueryReportView(WagtailAdminTemplateMixin, TemplateView):
    template_name = "search_admin/query_report.html"
    page_title = _("检索统计")
    header_icon = "search"

    def dispatch(self, request, *args, **kwargs):
        if not can_view_report(request.user):
            # Answer 403 itself: a raised PermissionDenied becomes a redirect to the dashboard in Wagtail's admin.
            return permission_denied(request, PermissionDenied())
        self.days = selected_days(request.GET.get("days"))
        return super().dispatch(request, *args, **kwargs)

    def get_breadcrumbs_items(self):
        return self.breadcrumbs_items + [
            {"url": "", "label": _("报表")},
            {"url": "", "label": self.get_page_title()},
        ]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        today = timezone.localdate()
        context.update(
            days=self.days,
            periods=PERIODS,
            since=today - timedelta(days=self.days - 1),
            today=today,
            top_queries=SearchQueryStat.objects.most_searched(self.days, TOP, today),
            empty_queries=SearchQueryStat.objects.most_often_empty(self.days, TOP, today),
            top=TOP,
        )
        return context
