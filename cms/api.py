"""Wagtail API v2 at /api/v2/: live, public pages only, with the policy/interpretation links; files in use only."""

from django.db.models import Case, IntegerField, Value, When
from wagtail.api.v2.filters import SearchFilter
from wagtail.api.v2.router import WagtailAPIRouter
from wagtail.api.v2.views import PagesAPIViewSet
from wagtail.documents.api.v2.views import DocumentsAPIViewSet
from wagtail.images.api.v2.views import ImagesAPIViewSet

from core.files import reachable
from core.ranking import ranked_page_ids
from core.visibility import visible_pages

# Pages a `?search=` ranks at most; the API pages through them (its limit is 20 a request).
SEARCH_DEPTH = 1000


class WordSearchFilter(SearchFilter):
    """`?search=`: ranked by the database search's words (core.ranking), as the site's keyword boxes are.

    Wagtail's own index holds only what the admin completes (titles, numbers): every page's segmented body in it
    as well cost an import about a fifth of its time for this one parameter, and ranked worse (cms/search/terms.py).
    """

    def filter_queryset(self, request, queryset, view):
        ids = ranked_page_ids(request.GET["search"], SEARCH_DEPTH) if "search" in request.GET else None
        if ids is None:  # no search, or no app ranks words: Wagtail's own (titles)
            return super().filter_queryset(request, queryset, view)
        queryset = queryset.filter(pk__in=ids)
        if "order" in request.GET:
            return queryset
        rank = Case(*(When(pk=pk, then=Value(n)) for n, pk in enumerate(ids)), output_field=IntegerField())
        return queryset.order_by(rank)


class PublishedPagesAPIViewSet(PagesAPIViewSet):
    """Serve the pages a citizen may see (the one rule of core.publication): no draft, withdrawn or removed page."""

    filter_backends = [
        WordSearchFilter if backend is SearchFilter else backend for backend in PagesAPIViewSet.filter_backends
    ]

    def get_base_queryset(self):
        return super().get_base_queryset().filter(pk__in=visible_pages().values("pk"))


class PublicImagesAPIViewSet(ImagesAPIViewSet):
    """List and show only the images a citizen may reach (Wagtail already leaves out restricted collections)."""

    def get_queryset(self):
        return reachable(super().get_queryset())


class PublicDocumentsAPIViewSet(DocumentsAPIViewSet):
    """List and show only the documents a citizen may reach, the attachments of drafts never."""

    def get_queryset(self):
        return reachable(super().get_queryset())


api_router = WagtailAPIRouter("wagtailapi")
api_router.register_endpoint("pages", PublishedPagesAPIViewSet)
api_router.register_endpoint("images", PublicImagesAPIViewSet)
api_router.register_endpoint("documents", PublicDocumentsAPIViewSet)
