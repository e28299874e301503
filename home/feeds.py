"""RSS and Atom feeds of newly published documents and interpretations (items as core.feeds dates them)."""

from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext_lazy as _

from core.feeds import PublishedPageFeed
from interpretations.models import InterpretationPage
from policies.models import PolicyPage


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
