"""The interpretation list (政策解读栏目): every live interpretation, newest first, filterable by kind."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.models import Page

from core.cache_tags import listing_tag, model_tag, page_tag
from core.pagination import paginate
from policies.models import Division

from ..snippets import Person
from .base import InterpretationPage, Kind


class InterpretationIndexPage(Page):
    """The list of all interpretations (政策解读), filterable by kind."""

    intro = models.TextField(_("简介"), blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro")]
    parent_page_types = ["home.HomePage"]
    subpage_types = [
        "interpretations.TextInterpretationPage",
        "interpretations.QAInterpretationPage",
        "interpretations.InfographicInterpretationPage",
        "interpretations.ExpertInterpretationPage",
        "interpretations.MediaInterpretationPage",
        "interpretations.LeaderInterpretationPage",
    ]
    max_count = 1
    page_size = 20

    class Meta:
        verbose_name = _("政策解读栏目")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        kind = request.GET.get("kind")
        pages = (
            InterpretationPage.objects.child_of(self)
            .published()
            .select_related("division", "interpreter", "listing_image")
        )
        if kind in Kind.values:
            pages = pages.filter(kind=kind)
        pages = pages.newest_first()
        context.update(
            paginate(request, pages, self.page_size),
            kinds=Kind.choices,
            current_kind=kind if kind in Kind.values else "",
        )
        context["interpretations"] = context["page_obj"].object_list
        return context

    def cache_tags(self):
        # The cards name each interpretation's division and interpreter.
        return {page_tag(self), listing_tag(InterpretationPage), model_tag(Division), model_tag(Person)}

    def invalidated_cache_tags(self):
        return {page_tag(self)}
