"""The 登录锁定 admin screen (Settings): current sign-in failures and locks by address, and lifting them."""

from axes.helpers import get_cool_off, get_failure_limit
from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.defaults import permission_denied
from django.views.generic import TemplateView
from wagtail.admin.menu import MenuItem
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from .models import UNLOCK_PERMISSION, LoginAttempt

URL_NAME = "security_login_locks"


def can_unlock(user):
    return user.is_authenticated and user.is_active and user.has_perm(UNLOCK_PERMISSION)


class LoginLocksMenuItem(MenuItem):
    def is_shown(self, request):
        return can_unlock(request.user)


class UnlockForm(forms.Form):
    """An address (empty: requests without a valid one), and optionally one of its rows; else the whole address."""

    ip_address = forms.GenericIPAddressField(required=False)
    attempt = forms.IntegerField(required=False, min_value=1)

    def attempts(self):
        address = self.cleaned_data["ip_address"] or None
        attempts = LoginAttempt.objects.current().filter(ip_address=address)
        if self.cleaned_data["attempt"]:
            attempts = attempts.filter(pk=self.cleaned_data["attempt"])
        return attempts


class LoginLocksView(WagtailAdminTemplateMixin, TemplateView):
    template_name = "security/login_locks.html"
    page_title = gettext_lazy("登录锁定")
    header_icon = "lock"

    def dispatch(self, request, *args, **kwargs):
        if not can_unlock(request.user):
            # Answer 403 itself: a raised PermissionDenied becomes a redirect to the dashboard in Wagtail's admin.
            return permission_denied(request, PermissionDenied())
        return super().dispatch(request, *args, **kwargs)

    def get_breadcrumbs_items(self):
        return self.breadcrumbs_items + [{"url": "", "label": _("设置")}, {"url": "", "label": self.get_page_title()}]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            addresses=LoginAttempt.objects.by_address(),
            failure_limit=get_failure_limit(None, None),
            cool_off_minutes=int(get_cool_off().total_seconds() // 60),
        )
        return context

    def post(self, request, *args, **kwargs):
        form = UnlockForm(request.POST)
        if not form.is_valid() or "ip_address" not in request.POST:
            messages.error(request, _("解除锁定的请求无效，请从列表中重新选择。"))
            return redirect(URL_NAME)
        count = form.attempts().unlock(request.user)
        if count:
            messages.success(request, _("已解除锁定，清除了 %(count)s 条登录失败记录。") % {"count": count})
        else:
            messages.warning(request, _("没有需要解除的记录：锁定可能已到期或已被他人解除。"))
        return redirect(URL_NAME)
