from django.utils.translation import gettext_lazy as _
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from .snippets import Agency, Division, Topic


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


class ReferenceDataGroup(SnippetViewSetGroup):
    menu_label = _("基础数据")
    menu_icon = "folder-open-inverse"
    menu_order = 300
    items = (AgencyViewSet, DivisionViewSet, TopicViewSet)


register_snippet(ReferenceDataGroup)
