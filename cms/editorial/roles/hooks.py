"""Admin hooks: ownership follows the drafting division (see cms.editorial.roles.ownership).

The page permission policy is replaced by one that applies division ownership to what the admin lists
(explorer, page search, admin API, reports, site history); the explorer and chooser hooks apply it
again where Wagtail lets a project narrow a page queryset.
"""

from wagtail import hooks
from wagtail.models import AbstractPage
from wagtail.permissions import register_permission_policy

from . import signals  # noqa: F401  (connects the receivers)
from .ownership import DivisionPagePermissionPolicy, hide_foreign_drafts

register_permission_policy(AbstractPage, DivisionPagePermissionPolicy())


@hooks.register("construct_explorer_page_queryset")
def hide_other_divisions_drafts_in_explorer(parent_page, pages, request):
    return hide_foreign_drafts(pages, request.user)


@hooks.register("construct_page_chooser_queryset")
def hide_other_divisions_drafts_in_chooser(pages, request):
    return hide_foreign_drafts(pages, request.user)
