"""What the rest of the site is told of consultations: the home page's section of those open now, and the moments
at which a consultation changes by the clock alone (opening, closing), for the page cache."""

from django.db.models import Q
from django.utils import timezone

from core.cache_tags import listing_tag, model_tag, page_tag

from .models import ConsultationPage
from .models.listing import listed

# At most this many on the home page, closing soonest first; the listing has them all.
HOME_PAGE_COUNT = 5


def open_now_rows():
    now = timezone.now()
    pages = (
        ConsultationPage.objects.published()
        .open_now(now)
        .with_status(now)
        .select_related("division")
        .order_by("closes_at", "pk")[:HOME_PAGE_COUNT]
    )
    return listed(pages, now)


def home_section():
    """The home page's section (home.sections, asked through the `home_page_sections` hook)."""
    return {
        "template": "consultations/includes/home_section.html",
        "items": open_now_rows,
        "cache_tags": {listing_tag(ConsultationPage), model_tag("policies.Division")},
        "order": 10,
    }


def timed_changes(after, until):
    """Yield (moment, tags) of each opening and closing in (after, until]: the page, the listings (and so the home
    page), search and the APIs show another state from then on, with no edit to tell the cache."""
    window = Q(opens_at__gt=after, opens_at__lte=until) | Q(closes_at__gt=after, closes_at__lte=until)
    for pk, opens_at, closes_at in (
        ConsultationPage.objects.live().filter(window).values_list("pk", "opens_at", "closes_at")
    ):
        tags = {page_tag(pk), listing_tag(ConsultationPage)}
        for moment in (opens_at, closes_at):
            if after < moment <= until:
                yield moment, tags
