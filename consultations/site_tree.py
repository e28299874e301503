"""The consultations section (意见征集, /zhengqiu/) under the home page, created once."""

from django.db import transaction
from django.utils.translation import gettext as _
from wagtail import hooks
from wagtail.models import Site

from .models import ConsultationIndexPage

SLUG = "zhengqiu"


def ensure_consultation_index():
    """Create (or find) the consultations section under the default site's home page and return it."""
    existing = ConsultationIndexPage.objects.first()
    if existing is not None:
        return existing
    site = Site.objects.filter(is_default_site=True).select_related("root_page").first()
    if site is None:
        # The site shell (a layer above policies, beside this app) makes the home page through its hook.
        for ensure_site_tree in hooks.get_hooks("ensure_site_tree"):
            if ensure_site_tree is not ensure_consultation_index:
                ensure_site_tree()
        site = Site.objects.get(is_default_site=True)
    with transaction.atomic():
        home = site.root_page.specific
        return home.add_child(instance=ConsultationIndexPage(title=_("意见征集"), slug=SLUG, live=True))
