"""Sections the other content apps add to the home page (the consultations open now), asked through a hook.

The content apps beside the site shell neither import it nor are imported by it: each registers a
`home_page_sections` hook, a function returning a dict of HomeSection's fields. The home page declares every
section's cache tags, shown or not (a section appearing is a change of the page), and reads each section's items
once while it renders, leaving out the sections with none.
"""

from collections.abc import Callable
from dataclasses import dataclass, field

from wagtail import hooks

HOOK = "home_page_sections"


@dataclass
class HomeSection:
    template: str  # rendered with `items` (and `page`, the home page)
    items: Callable[[], list]  # what it shows, read when the page renders: a list, never a lazy QuerySet
    cache_tags: set = field(default_factory=set)
    order: int = 100  # lower first


@dataclass
class ShownSection:
    template: str
    items: list


def sections():
    """Return the registered sections, in their order."""
    return sorted((HomeSection(**make()) for make in hooks.get_hooks(HOOK)), key=lambda section: section.order)


def shown_sections():
    """Return the sections with something to show, with their items read."""
    shown = []
    for section in sections():
        items = list(section.items())
        if items:
            shown.append(ShownSection(section.template, items))
    return shown


def section_cache_tags():
    return set().union(*(section.cache_tags for section in sections()))
