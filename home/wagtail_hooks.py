from wagtail import hooks

from .site_tree import ensure_site_tree

# Lower layers (the policy importers) ask for the site tree through this hook, never importing the site shell.
hooks.register("ensure_site_tree", ensure_site_tree)
