"""What the rest of the site is told of the 政府信息公开 platform: the home page's links to its columns."""

from .models import DisclosurePlatformPage
from .models.platform import PLATFORM_LISTING


def platform_rows():
    """The platform's root and its live columns, or nothing while there is no live, public root."""
    root = DisclosurePlatformPage.objects.live().public().first()
    if root is None:
        return []
    return [root, *root.get_children().live().public()]


def home_section():
    """The home page's section (home.sections, asked through the `home_page_sections` hook)."""
    return {
        "template": "disclosure/includes/home_section.html",
        "items": platform_rows,
        "cache_tags": {PLATFORM_LISTING},
        "order": 50,
    }
