"""ConsultationIndexPage (意见征集): the section the consultations live in."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.models import Page

from core.cache_tags import listing_tag, page_tag
from core.pagination import paginate


class ConsultationIndexPage(Page):
    """The consultations section (意见征集). Its public listing is built on top of ConsultationPage's QuerySet."""

    intro = models.TextField(_("简介"), blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro")]
    parent_page_types = ["home.HomePage"]
    subpage_types = ["consultations.ConsultationPage"]
    max_count = 1
    template = "consultations/consultation_index_page.html"

    class Meta:
        verbose_name = _("意见征集")

    page_size = 20

    def get_context(self, request, *args, **kwargs):
        from .listing import ConsultationFilterForm, listed
        from .page import ConsultationPage

        context = super().get_context(request, *args, **kwargs)
        shown = ConsultationPage.objects.child_of(self).published()
        form = ConsultationFilterForm(request.GET or None, years=shown.years())
        consultations = shown.with_status().select_related("division").newest_first()
        if form.is_valid():
            consultations = form.filter(consultations)
        context.update(paginate(request, consultations, self.page_size), form=form)
        context["consultations"] = listed(context["page_obj"].object_list)
        return context

    def cache_tags(self):
        return {page_tag(self), listing_tag("consultations.ConsultationPage"), "policies.division"}

    def invalidated_cache_tags(self):
        return {page_tag(self)}
