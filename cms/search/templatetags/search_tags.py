"""Links of the search page: each keeps the query, filters and sort, and changes only what it is for."""

from dataclasses import dataclass

from django import template
from django.core.paginator import Paginator
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from ..params import FACETS, MAX_PAGE, PAGE_SIZE, SORTS

register = template.Library()

FACET_TITLES = {
    "kind": _("类型"),
    "topic": _("主题分类"),
    "agency": _("发文机关"),
    "year": _("发布年份"),
    "status": _("有效性"),
}


def _url(params, **changes):
    query = params.query_string(**changes)
    return reverse("search") + (f"?{query}" if query else "")


@register.simple_tag
def search_url(params, facet="", value="", **changes):
    """Return the search URL for `params` with `changes`; `facet` and `value` set a filter named at run time."""
    if facet in FACETS:
        changes[facet] = value
    return _url(params, **changes)


@dataclass
class FacetGroup:
    name: str
    title: str
    values: list


@register.simple_tag
def facet_groups(results):
    """Return the facets that have values, in the page's order, with their headings."""
    return [FacetGroup(name, FACET_TITLES[name], results.facets[name]) for name in FACETS if results.facets.get(name)]


@dataclass
class ActiveFilter:
    name: str
    title: str
    label: str
    remove_url: str


@register.simple_tag
def active_filters(results):
    """Return the filters in use with a link removing each; a value the facets no longer list keeps its code."""
    params = results.params
    found = []
    for name, value in params.filters.items():
        label = next((v.label for v in results.facets.get(name, ()) if v.value == value), value)
        found.append(ActiveFilter(name, FACET_TITLES[name], label, _url(params, **{name: ""})))
    return found


@dataclass
class SortOption:
    label: str
    url: str
    current: bool


@register.simple_tag
def sort_options(params):
    return [SortOption(label, _url(params, sort=key), key == params.sort) for key, label in SORTS.items()]


@dataclass
class Pages:
    page_obj: object
    page_range: list
    query_string: str


@register.simple_tag
def search_pages(results):
    """Return what includes/pagination.html needs, or None when the page asked for is past the last one."""
    params = results.params
    # Only the count matters to the paginator; a range stands in for the hits of every page.
    paginator = Paginator(range(min(results.count, MAX_PAGE * PAGE_SIZE)), PAGE_SIZE)
    if params.page > paginator.num_pages:
        return None
    page_obj = paginator.page(params.page)
    page_range = list(paginator.get_elided_page_range(params.page, on_each_side=2, on_ends=1))
    # query_string drops page 1 as a default, leaving the rest for the include to append page=N to.
    return Pages(page_obj, page_range, params.query_string(page=1))
