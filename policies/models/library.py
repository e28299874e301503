"""The policy library (政策文件库): the page listing the published documents, with its filters."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.models import Page

from core.cache_tags import listing_tag, model_tag, page_tag
from core.pagination import paginate

from ..snippets import Agency, Division, Topic
from .page import PolicyPage


class PolicyIndexPage(Page):
    """The policy library (政策文件库): a filterable, paginated list of published documents."""

    intro = models.TextField(_("简介"), blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro")]
    parent_page_types = ["home.HomePage"]
    subpage_types = ["policies.PolicyPage"]
    max_count = 1
    page_size = 20

    class Meta:
        verbose_name = _("政策文件库")

    def get_context(self, request, *args, **kwargs):
        from ..forms import PolicyFilterForm

        context = super().get_context(request, *args, **kwargs)
        listed = PolicyPage.objects.child_of(self).published()
        form = PolicyFilterForm(request.GET or None, years=listed.years())
        documents = listed.for_listing().with_validity()
        if form.is_valid():
            documents = documents.filter_by(**form.filters()).matching(form.keyword()).sorted_by(form.ordering())
        context.update(paginate(request, documents, self.page_size), form=form)
        context["documents"] = context["page_obj"].object_list
        return context

    def cache_tags(self):
        # The filter form offers every topic, agency and division; the rows name agencies.
        return {page_tag(self), listing_tag(PolicyPage), model_tag(Agency), model_tag(Topic), model_tag(Division)}

    def invalidated_cache_tags(self):
        return {page_tag(self)}
