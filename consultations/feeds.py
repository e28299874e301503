"""The RSS and Atom feeds of new consultations (意见征集): each item dated by its opening time, newest first."""

from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext_lazy as _

from core.feeds import PublishedPageFeed

from .models import ConsultationPage

FEED_SIZE = 30


class ConsultationRssFeed(PublishedPageFeed):
    title = _("意见征集")
    link = "/zhengqiu/"
    description = _("新发布的公开征求意见草案")

    def items(self):
        return ConsultationPage.objects.published().select_related("division").newest_first()[:FEED_SIZE]

    def item_pubdate(self, item):
        return item.opens_at

    def item_categories(self, item):
        return [item.division.name] if item.division_id else []


class ConsultationAtomFeed(ConsultationRssFeed):
    feed_type = Atom1Feed
    subtitle = ConsultationRssFeed.description
