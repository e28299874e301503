"""The help menu points to our editor guide; Wagtail's English guide and "what's new" notices are left out."""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from .views import URL_NAME, EditorGuideView

# Wagtail's help menu items that open its English guide at guide.wagtail.org.
WAGTAIL_GUIDE_ITEMS = ("editor-guide", "whats-new-in-wagtail-")
WHATS_NEW_PANEL = "whats_new_in_wagtail_version"


@hooks.register("register_admin_urls")
def register_guide_url():
    return [path("guide/", EditorGuideView.as_view(), name=URL_NAME)]


@hooks.register("construct_help_menu")
def link_our_guide(request, menu_items):
    menu_items[:] = [item for item in menu_items if not item.name.startswith(WAGTAIL_GUIDE_ITEMS)]
    menu_items.append(
        MenuItem(_("编辑使用指南"), reverse(URL_NAME), name="zhengce-guide", icon_name="help", order=1100)
    )


@hooks.register("construct_homepage_panels")
def drop_whats_new_in_wagtail(request, panels):
    panels[:] = [panel for panel in panels if getattr(panel, "name", "") != WHATS_NEW_PANEL]
