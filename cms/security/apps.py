from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SecurityConfig(AppConfig):
    """Record sign-in locks in the audit log (axes' user_locked_out signal)."""

    name = "cms.security"
    label = "cms_security"
    verbose_name = _("安全")

    def ready(self):
        from . import login_locks  # noqa: F401  (connects its signal receiver)
