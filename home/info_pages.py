"""The site's information pages, which every government site has: 网站地图, 联系我们 and 订阅 (the feeds explained).

They are views of the site shell rather than pages in the tree: their content is the tree itself, the site settings
and the feeds, which editors keep elsewhere. The footer links to each.
"""

from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail.models import Site

from .feeds import InterpretationRssFeed, PolicyRssFeed


def _sections(request):
    """Return the live, public pages directly under the home page (the sections and the 专题), in the tree's order."""
    site = Site.find_for_request(request)
    if site is None:
        return []
    return list(site.root_page.get_children().live().public().specific())


def site_map(request):
    """网站地图: every section with what it holds (topics of the library, kinds of interpretation, the 专题)."""
    from interpretations.models import Kind
    from policies.models import Topic

    from .models import CollectionPage

    sections = _sections(request)
    context = {
        "sections": [page for page in sections if not isinstance(page, CollectionPage)],
        "collections": [page for page in sections if isinstance(page, CollectionPage)],
        "topics": Topic.objects.order_by("sort_order", "name"),
        "kinds": Kind.choices,
    }
    return render(request, "home/info/site_map.html", context)


def contact(request):
    """联系我们: the owner's address, phone, e-mail and hours, from the site settings."""
    return render(request, "home/info/contact.html")


# Each list a citizen may follow: its name, what it holds, its page, and the names of its RSS and Atom feeds.
FEEDS = [
    (PolicyRssFeed.title, PolicyRssFeed.description, PolicyRssFeed.link, "feed_policies", "feed_policies_atom"),
    (
        InterpretationRssFeed.title,
        InterpretationRssFeed.description,
        InterpretationRssFeed.link,
        "feed_interpretations",
        "feed_interpretations_atom",
    ),
    # The consultations app beside this one is not imported: its feed is named by its URL names.
    (_("意见征集"), _("新发布的公开征求意见草案"), "/zhengqiu/", "feed_consultations", "feed_consultations_atom"),
]


def subscribe(request):
    """订阅: what the feeds are, their addresses, and how to follow them, in Chinese (the feeds themselves are XML)."""
    feeds = [
        {
            "title": title,
            "description": description,
            "page": page,
            "rss": request.build_absolute_uri(reverse(rss)),
            "atom": request.build_absolute_uri(reverse(atom)),
        }
        for title, description, page, rss, atom in FEEDS
    ]
    return render(request, "home/info/subscribe.html", {"feeds": feeds})
