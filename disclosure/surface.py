"""What the rest of the site is told of this app: the home page's sections (the 政府信息公开 platform's columns and
the latest annual report), the 年报 column the review workflow covers, and the warning of a report not published by
its deadline (第四十九条)."""

from django.utils import timezone

from core.cache_tags import listing_tag

from .models import AnnualReportIndexPage, AnnualReportPage, DisclosurePlatformPage
from .models.annual.page import publication_deadline
from .models.platform import PLATFORM_LISTING


def platform_rows():
    """The platform's root and its live columns, or nothing while there is no live, public root."""
    root = DisclosurePlatformPage.objects.live().public().first()
    if root is None:
        return []
    return [root, *root.get_children().live().public()]


def platform_home_section():
    """The home page's links to the platform (home.sections, asked through the `home_page_sections` hook)."""
    return {
        "template": "disclosure/includes/home_section.html",
        "items": platform_rows,
        "cache_tags": {PLATFORM_LISTING},
        "order": 50,
    }


def latest_report_rows():
    report = AnnualReportPage.objects.published().order_by("-year").first()
    if report is None:
        return []
    parent = AnnualReportIndexPage.objects.parent_of(report).first()
    return [{"report": report, "index": parent}]


def report_home_section():
    """The home page's link to the latest published annual report."""
    return {
        "template": "disclosure/annual/home_section.html",
        "items": latest_report_rows,
        "cache_tags": {listing_tag(AnnualReportPage)},
        "order": 40,
    }


def ensure_report_index():
    """Find the 年报 column, or create it with the platform it belongs to (site_tree.ensure_platform)."""
    from .site_tree import ensure_platform

    existing = AnnualReportIndexPage.objects.first()
    if existing is not None:
        return existing
    ensure_platform()
    return AnnualReportIndexPage.objects.get()


def overdue_report_year(today=None):
    """The year whose report is past its deadline (31 January of the next year) and not published, or None."""
    today = today or timezone.localdate()
    year = today.year - 1
    if today <= publication_deadline(year):
        return None
    if AnnualReportPage.objects.published().filter(year=year).exists():
        return None
    return year
