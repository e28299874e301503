"""Admin hooks: the 登录锁定 screen, its permission and audit log actions; refusing files citizens may not reach."""

from django.contrib.auth.models import Permission
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks

from . import login_locks
from .files import refuse_hidden_document
from .models import LoginAttempt
from .views import URL_NAME, LoginLocksMenuItem, LoginLocksView


@hooks.register("register_admin_urls")
def register_login_locks_url():
    return [path("login-locks/", LoginLocksView.as_view(), name=URL_NAME)]


@hooks.register("register_settings_menu_item")
def register_login_locks_menu_item():
    return LoginLocksMenuItem(_("登录锁定"), reverse(URL_NAME), name="login-locks", icon_name="lock", order=920)


@hooks.register("register_permissions")
def register_unlock_permission():
    # Listed in the group editor, so the right can be given to a group as well as held by superusers.
    return Permission.objects.filter(
        content_type__app_label=LoginAttempt._meta.app_label, codename="unlock_loginattempt"
    )


@hooks.register("register_log_actions")
def register_log_actions(registry):
    login_locks.register_log_actions(registry)


# Registered before Wagtail's own check of collection view restrictions (INSTALLED_APPS order), so a document no
# citizen may reach answers 404 rather than a password form.
hooks.register("before_serve_document", refuse_hidden_document)
