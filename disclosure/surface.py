"""What the rest of the site is told of the annual reports: the home page's link to the latest published one, the
年报 section the review workflow covers, and the warning of a report not published by its deadline (第四十九条)."""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail import hooks
from wagtail.models import Site

from core.cache_tags import listing_tag

from .models import AnnualReportIndexPage, AnnualReportPage
from .models.annual.page import publication_deadline

SLUG = "nianbao"


def latest_report_rows():
    report = AnnualReportPage.objects.published().order_by("-year").first()
    if report is None:
        return []
    parent = AnnualReportIndexPage.objects.parent_of(report).first()
    return [{"report": report, "index": parent}]


def home_section():
    """The home page's section (home.sections, asked through the `home_page_sections` hook)."""
    return {
        "template": "disclosure/annual/home_section.html",
        "items": latest_report_rows,
        "cache_tags": {listing_tag(AnnualReportPage)},
        "order": 40,
    }


def ensure_report_index():
    """Find the 年报 section, or create it under the default site's home page (the platform may move it later)."""
    existing = AnnualReportIndexPage.objects.first()
    if existing is not None:
        return existing
    site = Site.objects.filter(is_default_site=True).select_related("root_page").first()
    if site is None:
        for ensure_site_tree in hooks.get_hooks("ensure_site_tree"):
            if ensure_site_tree is not ensure_report_index:
                ensure_site_tree()
        site = Site.objects.get(is_default_site=True)
    with transaction.atomic():
        return site.root_page.add_child(
            instance=AnnualReportIndexPage(title=_("政府信息公开工作年度报告"), slug=SLUG, live=True)
        )


def overdue_report_year(today=None):
    """The year whose report is past its deadline (31 January of the next year) and not published, or None."""
    today = today or timezone.localdate()
    year = today.year - 1
    if today <= publication_deadline(year):
        return None
    if AnnualReportPage.objects.published().filter(year=year).exists():
        return None
    return year
