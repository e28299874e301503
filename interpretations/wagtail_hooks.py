from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from .models.base import Kind
from .snippets import Person


class PersonViewSet(SnippetViewSet):
    model = Person
    icon = "user"
    menu_label = "解读人"
    menu_order = 310
    add_to_admin_menu = True
    list_display = ["name", "position", "affiliation", "role"]
    list_filter = ["role"]
    search_fields = ["name", "affiliation"]


register_snippet(PersonViewSet)


# Following by e-mail (subscriptions/, above this app) asks what the interpretations' lists are called.
@hooks.register("describe_follow_list")
def describe_follow_list(kind, value):
    if kind == "interpretations":
        return _("新发布的政策解读")
    if kind == "kind" and value in Kind.values:
        return _("“%(kind)s”类政策解读") % {"kind": Kind(value).label}
    return None
