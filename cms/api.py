"""Wagtail API v2 at /api/v2/: live, public pages only, with the policy/interpretation links."""

from wagtail.api.v2.router import WagtailAPIRouter
from wagtail.api.v2.views import PagesAPIViewSet
from wagtail.documents.api.v2.views import DocumentsAPIViewSet
from wagtail.images.api.v2.views import ImagesAPIViewSet

from cms.search.db_query import hidden_page_ids


class PublishedPagesAPIViewSet(PagesAPIViewSet):
    """Serve live, public pages, leaving out withdrawn and removed ones."""

    def get_base_queryset(self):
        return super().get_base_queryset().exclude(pk__in=hidden_page_ids())


api_router = WagtailAPIRouter("wagtailapi")
api_router.register_endpoint("pages", PublishedPagesAPIViewSet)
api_router.register_endpoint("images", ImagesAPIViewSet)
api_router.register_endpoint("documents", DocumentsAPIViewSet)
