"""Django's model backend, refusing every sign-in of a locked account name or address."""

from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend
from django.core.exceptions import PermissionDenied

from . import login_throttle


class ThrottledModelBackend(ModelBackend):
    """Check the sign-in throttle before the password, on every path that authenticates (admin, Django admin)."""

    def authenticate(self, request, username=None, password=None, **kwargs):
        username = username or kwargs.get(get_user_model().USERNAME_FIELD, "")
        if login_throttle.locked_until(request, username):
            login_throttle.refused(request, username)
            # PermissionDenied makes authenticate() give up at once and report the attempt as failed.
            raise PermissionDenied
        return super().authenticate(request, username=username, password=password, **kwargs)
