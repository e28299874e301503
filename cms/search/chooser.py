"""The admin's page chooser, its rows showing what tells documents apart: 发文字号, 发布日期 and 有效性.

Two documents often share most of a title (关于印发……的通知), so an editor choosing the document an interpretation
interprets needs its number, date and validity beside the title. Wagtail lets a project narrow the chooser's pages
(construct_page_chooser_queryset, used by cms.editorial) but not its columns: these views are Wagtail's own with
other columns, served at Wagtail's URLs (cms/urls.py puts `urlpatterns` before the admin's). A page type without
a number, a date or a validity leaves those cells empty; its type and status are shown as before. The validity is
the search document's (status_of, the label the public site shows), fetched for all rows at once.
"""

from django.urls import path
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import never_cache
from wagtail.admin.auth import require_admin_access
from wagtail.admin.ui.tables import Column
from wagtail.admin.urls import display_custom_404
from wagtail.admin.views import chooser
from wagtail.utils.urlpatterns import decorate_urlpatterns

from .registry import document_class_for
from .text import status_label


def _date_published(page):
    published = getattr(page, "date_published", None)
    return published.isoformat() if published else ""


class ValidityColumn(Column):
    """The validity (有效性) of each row that has one, as its search document tells it."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, accessor=self.validity_of, **kwargs)

    def get_header_context_data(self, parent_context):
        # The header is rendered before the cells: prepare every row at once instead of a query per row.
        pages = parent_context["table"].data
        prepared = {}
        for page in pages:
            document = document_class_for(page)
            if document and document.statuses:
                prepared.setdefault(document, []).append(page)
        for document, rows in prepared.items():
            document.prepare(rows)
        return super().get_header_context_data(parent_context)

    @staticmethod
    def validity_of(page):
        document = document_class_for(page)
        return status_label(document.status_of(page)) if document and document.statuses else ""


def document_columns():
    """Return the columns that tell documents apart, shown after the title."""
    return [
        Column("doc_number", label=_("发文字号"), width="16%", accessor=lambda page: getattr(page, "doc_number", "")),
        Column("date_published", label=_("发布日期"), width="11%", accessor=_date_published),
        ValidityColumn("validity", label=_("有效性"), width="8%"),
    ]


def _with_document_columns(columns):
    """Put the document columns after the title, in place of Wagtail's 'updated' (the last revision's time)."""
    columns = [column for column in columns if column.name != "updated"]
    at = next(i for i, column in enumerate(columns) if column.name == "title") + 1
    return columns[:at] + document_columns() + columns[at:]


class BrowseView(chooser.BrowseView):
    @property
    def columns(self):
        return _with_document_columns(super().columns)


class SearchView(chooser.SearchView):
    @property
    def columns(self):
        return _with_document_columns(super().columns)


# Wagtail's paths and names for the chooser's browse and search steps, decorated as Wagtail decorates its own.
urlpatterns = [
    path("admin/choose-page/", BrowseView.as_view(), name="wagtailadmin_choose_page"),
    path("admin/choose-page/<int:parent_page_id>/", BrowseView.as_view(), name="wagtailadmin_choose_page_child"),
    path("admin/choose-page/search/", SearchView.as_view(), name="wagtailadmin_choose_page_search"),
]
for decorator in (require_admin_access, display_custom_404, never_cache):
    urlpatterns = decorate_urlpatterns(urlpatterns, decorator)
