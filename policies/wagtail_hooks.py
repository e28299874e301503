import datetime

from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from .models import PolicyPage
from .snippets import Agency, Division, Industry, Region, Topic

# An expiry older than this happened before the worker could have seen it (or before anyone followed here).
EXPIRY_WINDOW = datetime.timedelta(days=7)


class AgencyViewSet(SnippetViewSet):
    model = Agency
    icon = "group"
    list_display = ["name", "short_name", "code"]
    search_fields = ["name"]


class DivisionViewSet(SnippetViewSet):
    model = Division
    icon = "group"
    list_display = ["name", "slug", "sort_order"]


class TopicViewSet(SnippetViewSet):
    model = Topic
    icon = "tag"
    list_display = ["name", "slug", "sort_order"]


class IndustryViewSet(SnippetViewSet):
    model = Industry
    icon = "tag"
    list_display = ["name", "sort_order"]


class RegionViewSet(SnippetViewSet):
    model = Region
    icon = "site"
    list_display = ["name", "sort_order"]


class ReferenceDataGroup(SnippetViewSetGroup):
    menu_label = _("基础数据")
    menu_icon = "folder-open-inverse"
    menu_order = 300
    items = (AgencyViewSet, DivisionViewSet, TopicViewSet, IndustryViewSet, RegionViewSet)


register_snippet(ReferenceDataGroup)


# Following by e-mail (subscriptions/, above this app) asks what the lists of documents are called, which 涉企
# tags a business may choose, and which documents expired today.
@hooks.register("describe_follow_list")
def describe_follow_list(kind, value):
    if kind == "policies":
        return _("新发布的政策文件")
    model = {"topic": Topic, "agency": Agency}.get(kind)
    found = model.objects.filter(pk=int(value)).first() if model and value.isdigit() else None
    if found is None:
        return None
    if kind == "topic":
        return _("主题分类“%(name)s”的新文件和解读") % {"name": found.name}
    return _("发文机关“%(name)s”的新文件") % {"name": found.name}


@hooks.register("business_tag_choices")
def business_tag_choices():
    return list(Industry.objects.values_list("pk", "name")), list(Region.objects.values_list("pk", "name"))


@hooks.register("follow_timed_notices")
def expired_documents():
    today = timezone.localdate()
    expired = PolicyPage.objects.published().filter(date_expires__lte=today, date_expires__gte=today - EXPIRY_WINDOW)
    return [document.expiry_notice() for document in expired]
