from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

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
