"""RSS and Atom feeds of newly published documents and interpretations.

An item is dated by its publication date (发布日期), so a document imported years after it was published does
not look new; Atom's <updated> is the last change published on this site.
"""

from django.contrib.syndication.views import Feed
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext_lazy as _

from interpretations.models import InterpretationPage
from policies.models import PolicyPage


class PublishedPageFeed(Feed):
    def item_title(self, item):
        return item.title

    def item_description(self, item):
        return item.summary

    def item_link(self, item):
        return item.url

    def item_pubdate(self, item):
        return item.published_at

    def item_updateddate(self, item):
        return item.last_published_at


class PolicyRssFeed(PublishedPageFeed):
    title = _("政策文件")
    link = "/zhengce/"
    description = _("最新发布的政策文件")

    def items(self):
        return PolicyPage.objects.published().for_listing()[:30]

    def item_categories(self, item):
        return [item.topic.name] if item.topic else []


class PolicyAtomFeed(PolicyRssFeed):
    feed_type = Atom1Feed
    subtitle = PolicyRssFeed.description


class InterpretationRssFeed(PublishedPageFeed):
    title = _("政策解读")
    link = "/jiedu/"
    description = _("最新发布的政策解读")

    def items(self):
        return InterpretationPage.objects.published().newest_first()[:30]

    def item_title(self, item):
        return f"【{item.get_kind_display()}】{item.title}"


class InterpretationAtomFeed(InterpretationRssFeed):
    feed_type = Atom1Feed
    subtitle = InterpretationRssFeed.description
