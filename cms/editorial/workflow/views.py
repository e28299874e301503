"""The admin page explaining why a document cannot pass final approval yet (三同步)."""

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView
from wagtail.admin.views.generic import WagtailAdminTemplateMixin
from wagtail.models import Page

from ..models.tasks import latest_draft
from . import release


class ReleaseBlockedView(WagtailAdminTemplateMixin, TemplateView):
    """Why a document cannot pass final approval yet (三同步), and what to do about it."""

    template_name = "editorial/workflow/release_blocked.html"
    page_title = gettext_lazy("不能终审通过")
    header_icon = "warning"

    def dispatch(self, request, page_id, *args, **kwargs):
        self.page = get_object_or_404(Page, pk=page_id).specific
        if not self.page.permissions_for_user(request.user).can_edit():
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_page_subtitle(self):
        return self.page.get_admin_display_title()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        draft = latest_draft(self.page)
        interpretations = []
        if hasattr(draft, "interpretation_links"):
            from interpretations.models import InterpretationPage

            for page in InterpretationPage.objects.filter(policy_links__policy=self.page).distinct():
                interpretations.append((page, page.status_string))
        interpretation_index = self.interpretation_index()
        context.update(
            page=self.page,
            reason=release.describe_exemption_refusal(),
            requirement=release.interpretation_requirement(draft),
            interpretations=interpretations,
            edit_url=reverse("wagtailadmin_pages:edit", args=[self.page.pk]),
            add_interpretation_url=(
                reverse("wagtailadmin_pages:add_subpage", args=[interpretation_index.pk])
                if interpretation_index
                else ""
            ),
        )
        return context

    @staticmethod
    def interpretation_index():
        from interpretations.models import InterpretationIndexPage

        return InterpretationIndexPage.objects.first()
