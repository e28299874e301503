"""Admin views of the review: why a document cannot pass final approval yet (三同步), and what an action did."""

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext_lazy
from django.views import View
from django.views.generic import TemplateView
from wagtail.admin import messages
from wagtail.admin.views.generic import WagtailAdminTemplateMixin
from wagtail.models import Page, TaskState

from ..models.tasks import latest_draft
from . import release
from .outcome import outcome


class ReviewDoneView(View):
    """Where a step's action from the dashboard lands: it says what happened, then shows the dashboard again.

    Wagtail's workflow action view says nothing after an action; a review step sends the reviewer here instead.
    Only the reviewer who acted is told (the URL names a step, which anyone could type).
    """

    def get(self, request, task_state_id):
        task_state = get_object_or_404(TaskState, pk=task_state_id)
        if task_state.finished_by_id == request.user.pk and (message := outcome(task_state)):
            messages.success(request, message)
        return redirect("wagtailadmin_home")


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
