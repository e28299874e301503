"""The create view of an interpretation started from its document (为本文件添加解读)."""

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404
from wagtail.admin.views.pages.create import CreateView

from policies.models import PolicyPage

from .interpretations import interpretation_section, kind_choices, prefill


class AddInterpretationView(CreateView):
    """Wagtail's page create view, with the new interpretation linked to the document and owned by its division.

    Only the blank form is ours: it posts to Wagtail's own create URL, so saving, submitting and validation are
    exactly those of any new page.
    """

    http_method_names = ["get"]

    def dispatch(self, request, policy_id, kind):
        self.policy = get_object_or_404(PolicyPage, pk=policy_id)
        if not self.policy.permissions_for_user(request.user).can_edit():
            raise PermissionDenied
        choice = next((choice for choice in kind_choices(self.policy, request.user) if choice.kind == kind), None)
        if choice is None:
            if interpretation_section() is None:
                raise Http404
            raise PermissionDenied
        meta = choice.model._meta
        return super().dispatch(request, meta.app_label, meta.model_name, interpretation_section().pk)

    def get(self, request):
        prefill(self.page, self.policy)
        return super().get(request)
