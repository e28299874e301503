"""Pages owned by a drafting division: who may do what follows the page's division, not the page tree.

The rule itself lives in the editorial app; the content apps name it only through the setting
ZHENGCE_PAGE_PERMISSION_TESTER, so they work (with Wagtail's tree-based rules) without it.
"""

from django.conf import settings
from django.utils.module_loading import import_string
from wagtail.models import PagePermissionTester


class DivisionOwnedMixin:
    """Ask the configured permission tester what a user may do with this page."""

    def permissions_for_user(self, user):
        path = getattr(settings, "ZHENGCE_PAGE_PERMISSION_TESTER", None)
        tester_class = import_string(path) if path else PagePermissionTester
        return tester_class(user, self)
