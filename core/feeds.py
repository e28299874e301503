"""The base of the site's RSS and Atom feeds: a published page as an item.

An item is dated by its publication date (发布日期), so a document imported years after it was published does not
look new; Atom's <updated> is the last change published on this site. A feed whose items are dated otherwise (a
consultation by its opening time) overrides `item_pubdate`.
"""

from django.contrib.syndication.views import Feed


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
