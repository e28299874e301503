from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SecurityConfig(AppConfig):
    """Connect the sign-in throttle to Django's authentication signals."""

    name = "cms.security"
    label = "cms_security"
    verbose_name = _("安全")

    def ready(self):
        from . import login_throttle  # noqa: F401  (connects its signal receivers)
