"""Search in the admin: the synonym list (同义词, under Settings) and the 检索统计 report."""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from . import db_query
from .models import SynonymGroup
from .report_views import URL_NAME, SearchQueryReportMenuItem, SearchQueryReportView


class SynonymGroupViewSet(SnippetViewSet):
    """Synonyms staff keep for search; the model's clean() normalises the terms and refuses a lone word."""

    model = SynonymGroup
    icon = "list-ul"
    menu_label = _("同义词")
    menu_name = "search-synonyms"
    add_to_settings_menu = True
    menu_order = 910
    list_display = ["terms", "note", "updated_at"]
    search_fields = ["terms", "note"]
    ordering = ["terms"]


register_snippet(SynonymGroupViewSet)


@hooks.register("rank_pages_by_words")
def rank_pages_by_words(query, limit):
    """Rank pages for a listing's keyword box (the policy library) as the database search does (core.ranking)."""
    return db_query.ranked_ids(query, limit)


@hooks.register("register_admin_urls")
def register_report_urls():
    return [path("reports/search-queries/", SearchQueryReportView.as_view(), name=URL_NAME)]


@hooks.register("register_reports_menu_item")
def register_report_menu_item():
    return SearchQueryReportMenuItem(
        _("检索统计"), reverse(URL_NAME), name="search-query-report", icon_name="search", order=1310
    )
