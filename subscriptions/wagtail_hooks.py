"""Admin hooks of following by e-mail: the addresses (the office), the counts per list (the publicity center), and
the permissions the roles (cms.editorial, which this app does not import) give for them."""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from . import admin_views


class PermissionMenuItem(MenuItem):
    def __init__(self, *args, permission, **kwargs):
        super().__init__(*args, **kwargs)
        self.permission = permission

    def is_shown(self, request):
        return request.user.has_perm(self.permission)


@hooks.register("register_admin_urls")
def register_admin_urls():
    return [
        path("subscriptions/addresses/", admin_views.addresses, name="subscriptions_addresses"),
        path("reports/subscriptions/", admin_views.report, name="subscriptions_report"),
    ]


@hooks.register("register_settings_menu_item")
def register_addresses_menu_item():
    return PermissionMenuItem(
        _("订阅邮箱"),
        reverse("subscriptions_addresses"),
        name="subscription-addresses",
        icon_name="mail",
        order=900,
        permission=admin_views.VIEW_ADDRESSES,
    )


@hooks.register("register_reports_menu_item")
def register_report_menu_item():
    return PermissionMenuItem(
        _("订阅统计"),
        reverse("subscriptions_report"),
        name="subscription-report",
        icon_name="table",
        order=1400,
        permission=admin_views.VIEW_REPORT,
    )


@hooks.register("register_role_permissions")
def role_permissions():
    return {
        "办公室": (admin_views.VIEW_ADDRESSES, admin_views.VIEW_REPORT),
        "宣教中心审核": (admin_views.VIEW_REPORT,),
    }
