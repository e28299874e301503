"""The publicity center's new-media work in the admin: the 新媒体 screen of a page (exports and 新媒体发布记录), its
button in the page's header, the export's log action."""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.ui.menus import MenuItem

from .exports import views
from .exports.log import EXPORT_ACTION, ExportFormatter


@hooks.register("register_admin_urls")
def register_urls():
    page = "newmedia/pages/<int:page_id>/"
    return [
        path(page, views.OverviewView.as_view(), name="sharing_page"),
        path(f"{page}wechat/", views.WechatView.as_view(), name="sharing_wechat"),
        path(f"{page}weibo/", views.WeiboView.as_view(), name="sharing_weibo"),
        path(f"{page}poster.png", views.PosterView.as_view(), name="sharing_poster"),
        path(f"{page}records/<int:record_id>/delete/", views.DeleteRecordView.as_view(), name="sharing_delete"),
    ]


@hooks.register("register_log_actions")
def register_log_actions(actions):
    actions.register_action(EXPORT_ACTION)(ExportFormatter)


@hooks.register("register_page_header_buttons")
def page_header_buttons(page, user, view_name, next_url=None):
    if not page.live or not views.may_export(user):
        return []
    return [MenuItem(_("新媒体发布与导出"), reverse("sharing_page", args=[page.pk]), icon_name="globe", priority=80)]
