"""Admin hooks of the requests for disclosure: views, menu, dashboard panel, the roles' permissions, the audit log."""

from django.urls import path, reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.components import Component

from . import access, dashboard, surface
from .access import HANDLE_ASSIGNED, MANAGE, VIEW_ALL
from .models.codes import EventKind
from .views import admin as views


@hooks.register("register_admin_urls")
def register_admin_urls():
    return [
        path("disclosure/", views.index, name="disclosure_admin_index"),
        path("disclosure/new/", views.register, name="disclosure_admin_register"),
        path("disclosure/export.csv", views.export, name="disclosure_admin_export"),
        path("disclosure/<int:pk>/", views.detail, name="disclosure_admin_detail"),
        path("disclosure/<int:pk>/steps/<str:kind>/", views.step, name="disclosure_admin_step"),
        path("disclosure/<int:pk>/scans/", views.add_scan, name="disclosure_admin_add_scan"),
        path(
            "disclosure/<int:pk>/attachments/<int:attachment_pk>/", views.attachment, name="disclosure_admin_attachment"
        ),
    ]


class RequestsMenuItem(MenuItem):
    def is_shown(self, request):
        return access.may_use(request.user)


@hooks.register("register_admin_menu_item")
def register_menu_item():
    return RequestsMenuItem(
        _("依申请公开"), reverse("disclosure_admin_index"), name="disclosure", icon_name="mail", order=250
    )


# The roles table lives in cms.editorial (above this app): it asks for what the roles need here. Roles by name.
@hooks.register("register_role_permissions")
def role_permissions():
    return {
        # The office keeps the guide's contact details (Settings → 政府信息公开工作机构).
        "办公室": (MANAGE, "disclosure.view_disclosureoffice", "disclosure.change_disclosureoffice"),
        "法规处审核": (VIEW_ALL,),
        "起草处室编辑-{division}": (HANDLE_ASSIGNED,),
    }


class AttentionPanel(Component):
    """The requests that need attention, for whoever has a part in them (only the requests they may see)."""

    name = "disclosure_attention"
    template_name = "disclosure/admin/panel.html"
    order = 240

    def render_html(self, parent_context=None):
        if not access.may_use(parent_context["request"].user):
            return ""
        return super().render_html(parent_context)

    def get_context_data(self, parent_context=None):
        user = parent_context["request"].user
        found = dashboard.buckets(access.visible_requests(user), timezone.localdate())
        return {
            "groups": [(name, dashboard.BUCKET_LABELS[name], rows) for name, rows in found.items() if rows],
            "index_url": reverse("disclosure_admin_index"),
        }


@hooks.register("construct_homepage_panels")
def add_attention_panel(request, panels):
    panels.append(AttentionPanel())


@hooks.register("register_log_actions")
def register_log_actions(actions):
    actions.register_action("disclosure.viewed", _("查看申请"), _("查看了申请及申请人信息"))
    actions.register_action("disclosure.exported", _("导出申请"), _("导出了申请清单（CSV）"))
    actions.register_action("disclosure.scan_added", _("添加扫描件"), _("添加了扫描件"))
    for kind in EventKind:
        actions.register_action(f"disclosure.{kind.value}", kind.label, kind.label)


# The home page links the 政府信息公开 platform's columns (home must not import this app).
hooks.register("home_page_sections", surface.home_section)
