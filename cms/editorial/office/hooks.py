"""Admin hooks: the office's actions after publication (紧急发布, 确认已审核, 撤回, 错误发布删除, 替代)."""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.ui.components import Component
from wagtail.admin.ui.menus import MenuItem

from . import actions, views


@hooks.register("register_admin_urls")
def register_action_urls():
    page = "editorial/pages/<int:page_id>/"
    return [
        path(f"{page}force-publish/", views.ForcePublishView.as_view(), name="editorial_force_publish"),
        path(f"{page}mark-reviewed/", views.MarkReviewedView.as_view(), name="editorial_mark_reviewed"),
        path(f"{page}withdraw/", views.WithdrawView.as_view(), name="editorial_withdraw"),
        path(f"{page}remove/", views.RemoveView.as_view(), name="editorial_remove"),
        path(f"{page}supersede/", views.SupersedeView.as_view(), name="editorial_supersede"),
    ]


@hooks.register("register_log_actions")
def register_log_actions(registry):
    actions.register_log_actions(registry)


def action_menu_items(page, user):
    """Return the office's actions that apply to `page` as it is stored, for `user`."""
    if not actions.is_office(user):
        return []
    stored = actions.current(page)
    if stored is None:
        return []
    items = []

    def item(url_name, label, icon, priority):
        items.append(MenuItem(label, reverse(url_name, args=[stored.pk]), icon_name=icon, priority=priority))

    if stored.unreviewed:
        item("editorial_mark_reviewed", _("确认已审核（当前：未经审核发布）"), "tick", 71)
    if stored.has_unpublished_changes or not stored.live:
        item("editorial_force_publish", _("紧急发布"), "upload", 72)
    if stored.live:
        if not stored.is_withdrawn:
            item("editorial_withdraw", _("撤回"), "no-view", 73)
        item("editorial_supersede", _("替代并重定向"), "redirect", 74)
        item("editorial_remove", _("错误发布删除"), "bin", 75)
    return items


@hooks.register("register_page_header_buttons")
def page_header_buttons(page, user, view_name, next_url=None):
    return action_menu_items(page, user)


@hooks.register("register_page_listing_more_buttons")
def page_listing_more_buttons(page, user, next_url=None):
    if actions.family(page) is None:  # no query for pages the actions do not apply to
        return []
    return action_menu_items(page, user)


class UnreviewedPagesPanel(Component):
    """The office's dashboard panel: pages force-published and not yet reviewed by someone else."""

    name = "editorial_unreviewed"
    template_name = "editorial/actions/unreviewed_panel.html"
    order = 90

    def render_html(self, parent_context=None):
        if not actions.is_office(parent_context["request"].user):
            return ""
        return super().render_html(parent_context)

    def get_context_data(self, parent_context=None):
        return {"pages": list(actions.unreviewed_pages()[:50])}


@hooks.register("construct_homepage_panels")
def add_unreviewed_panel(request, panels):
    panels.append(UnreviewedPagesPanel())
