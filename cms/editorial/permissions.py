"""Who may do what with a division-owned page (see home.ownership)."""

from wagtail.models import PagePermissionTester


class DivisionPagePermissionTester(PagePermissionTester):
    """Wagtail's tree-based permissions, narrowed to the drafting division that owns the page."""
