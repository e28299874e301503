"""What a list key names (core/following.py), in words for the forms, the mails and the report.

The content apps describe their own lists through the hook `describe_follow_list` (a function (kind, value) returning
a label, or None when it is not theirs or no longer exists); this app describes a followed page (any page a citizen
may find, core visibility), a search and a business's tags. A list nobody can describe cannot be subscribed to.
"""

from urllib.parse import parse_qs

from django.utils.translation import gettext as _
from wagtail import hooks

from cms.search.params import SearchParams
from core.visibility import visible_pages

SEARCH, BUSINESS, PAGE = "search", "business", "page"


def normalise(list_key):
    """A list without a value comes from the form as "news:"; its key is "news"."""
    return str(list_key or "").strip().removesuffix(":")


def split(list_key):
    kind, _sep, value = str(list_key).partition(":")
    return kind, value


def search_params(value):
    """The SearchParams of a followed search ("q=…&topic=…"), newest first."""
    data = {key: values[0] for key, values in parse_qs(value).items()}
    return SearchParams.from_request(data)


def search_key(params):
    """The list key of the search `params` (without page or sort), or None when it searches for nothing."""
    if not params.has_query:
        return None
    return f"{SEARCH}:{params.follow_value}"


def business_key(industry_ids, region_ids):
    industries = ",".join(str(i) for i in sorted(set(industry_ids)))
    regions = ",".join(str(i) for i in sorted(set(region_ids)))
    return f"{BUSINESS}:i={industries};r={regions}"


def business_tags(value):
    """Return (industry ids, region ids) of a business list's value."""
    parts = dict(part.split("=", 1) for part in value.split(";") if "=" in part)
    return tuple(
        frozenset(int(number) for number in parts.get(name, "").split(",") if number.isdigit()) for name in ("i", "r")
    )


def business_choices():
    """Return (industries, regions) as [(id, name)] from the content apps' hook `business_tag_choices`."""
    for choices in hooks.get_hooks("business_tag_choices"):
        return choices()
    return [], []


def describe(list_key):
    """Return the label of `list_key` in Chinese, or None when it names nothing a citizen may follow."""
    kind, value = split(list_key)
    if kind == PAGE:
        if not value.isdigit():
            return None
        page = visible_pages().filter(pk=int(value)).first()
        return _("《%(title)s》的修改、废止、解读和更新") % {"title": page.title} if page else None
    if kind == SEARCH:
        params = search_params(value)
        if search_key(params) != list_key:
            return None
        words = [params.q] if params.q else []
        words += [f"{name}={val}" for name, val in params.filters.items()]
        return _("检索“%(words)s”的新结果") % {"words": " ".join(words)}
    if kind == BUSINESS:
        industries, regions = business_tags(value)
        if business_key(industries, regions) != list_key or not (industries or regions):
            return None
        all_industries, all_regions = business_choices()
        industry_names = [name for pk, name in all_industries if pk in industries]
        region_names = [name for pk, name in all_regions if pk in regions]
        if len(industry_names) != len(industries) or len(region_names) != len(regions):
            return None
        return _("涉企政策：行业 %(industries)s；地区 %(regions)s") % {
            "industries": "、".join(industry_names) or _("不限"),
            "regions": "、".join(region_names) or _("不限"),
        }
    for describe_list in hooks.get_hooks("describe_follow_list"):
        label = describe_list(kind, value)
        if label:
            return str(label)
    return None
