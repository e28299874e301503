from django.utils.translation import gettext_lazy as _
from wagtail import hooks

from .site_tree import ensure_site_tree

# Lower layers (the policy importers) ask for the site tree through this hook, never importing the site shell.
hooks.register("ensure_site_tree", ensure_site_tree)


# Following by e-mail (subscriptions/, above this app) asks what the news list is called.
@hooks.register("describe_follow_list")
def describe_follow_list(kind, value):
    return _("新闻发布") if kind == "news" else None
