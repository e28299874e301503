"""Wagtail API v2 at /api/v2/: live, public pages only, with the policy/interpretation links; files in use only."""

from wagtail.api.v2.router import WagtailAPIRouter
from wagtail.api.v2.views import PagesAPIViewSet
from wagtail.documents.api.v2.views import DocumentsAPIViewSet
from wagtail.images.api.v2.views import ImagesAPIViewSet

from core.files import reachable
from core.visibility import visible_pages


class PublishedPagesAPIViewSet(PagesAPIViewSet):
    """Serve the pages a citizen may see (the one rule of core.publication): no draft, withdrawn or removed page."""

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
