"""Admin hooks of the review workflow: the 三同步 refusal page, audit-log actions, and the dashboard panels."""

from django.contrib.contenttypes.models import ContentType
from django.shortcuts import redirect
from django.urls import path
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail import hooks
from wagtail.admin import messages
from wagtail.admin.ui.components import Component
from wagtail.admin.views.home import WorkflowObjectsToModeratePanel
from wagtail.log_actions import LogFormatter
from wagtail.models import Revision, TaskState

from ..models.permissions import VIEW_RELEASE_QUEUE, perm
from ..models.release import AwaitingRelease
from ..models.tasks import EXEMPTION_ACTION, SKIP_ACTION, PublicationReviewTask, latest_draft
from . import release
from .outcome import outcome
from .steps import review_steps
from .views import ReleaseBlockedView, ReviewDoneView


@hooks.register("register_admin_urls")
def register_workflow_urls():
    return [
        path(
            "editorial/pages/<int:page_id>/release-blocked/",
            ReleaseBlockedView.as_view(),
            name="editorial_release_blocked",
        ),
        path(
            "editorial/review-steps/<int:task_state_id>/done/", ReviewDoneView.as_view(), name="editorial_review_done"
        ),
    ]


@hooks.register("before_edit_page")
def refuse_blocked_final_approval(request, page):
    """Approving from the edit view: the view ignores what the task returns, so refuse here, before saving."""
    if request.method != "POST" or not request.POST.get("action-workflow-action"):
        return None
    if request.POST.get("workflow-action-name") != "approve":
        return None
    task = page.current_workflow_task
    if not isinstance(task, PublicationReviewTask) or not task.can_review(page, request.user):
        return None
    if release.interpretation_requirement(latest_draft(page)) != release.INTERPRETATION_BLOCKED:
        return None
    messages.error(request, release.describe_exemption_refusal())
    return redirect("editorial_release_blocked", page.pk)


@hooks.register("after_edit_page")
def say_what_the_edit_views_review_action_did(request, page):
    """Acting on a step from the edit view: Wagtail says only that the page was saved; say what happened, as the
    dashboard does (outcome.py)."""
    if request.method != "POST" or not request.POST.get("action-workflow-action"):
        return None
    task_state = (
        TaskState.objects.for_instance(page).filter(finished_by=request.user).order_by("-finished_at", "-pk").first()
    )
    if task_state is not None and (message := outcome(task_state)):
        messages.success(request, message)
    return None


@hooks.register("before_publish_page")
def refuse_publishing_an_interpretation_without_its_document(request, page):
    """The Publish button (the office's): an interpretation never goes live while none of its documents is."""
    from interpretations.models import InterpretationPage

    if not isinstance(page, InterpretationPage):
        return None
    if any(policy.is_published for policy in release.linked_policies(page)):
        return None
    messages.error(
        request,
        _("所解读的政策文件尚未发布，不能发布解读：请提交审核，解读将随文件一同发布。"),
    )
    return redirect("wagtailadmin_pages:edit", page.pk)


# --- the audit log ---------------------------------------------------------------------------------------------


@hooks.register("register_log_actions")
def register_workflow_log_actions(actions):
    actions.register_action(SKIP_ACTION, _("跳过审核步骤"), _("跳过法规处合法性审核（非行政规范性文件）"))
    actions.register_action(EXEMPTION_ACTION, _("不解读豁免"), _("终审通过：未附解读，已记录不解读的理由"))
    actions.register_action(
        release.AWAITING_ACTION, _("解读待随文件发布"), _("解读已通过审核，待所解读的政策文件发布时一同发布")
    )
    actions.register_action(release.RELEASED_ACTION, _("随文件发布"), _("解读随所解读的政策文件一同发布"))
    actions.register_action(
        release.RELEASE_CANCELLED_ACTION, _("撤销待发布"), _("解读重新提交审核，原审核通过的版本不再随文件发布")
    )
    actions.register_action(
        release.UNPUBLISHED_WITH_ACTION, _("随文件取消发布"), _("所解读的政策文件已取消发布，解读随之取消发布")
    )


# One word for a step sending a page back: 退回修改 (the action's button, the e-mails, the notice on the edit view).
REJECT_ACTION = "wagtail.workflow.reject"


class SentBackFormatter(LogFormatter):
    label = gettext_lazy("工作流：退回修改")

    def format_message(self, log_entry):
        try:
            return _("在“%(task)s”一步退回修改") % {"task": log_entry.data["workflow"]["task"]["title"]}
        except (KeyError, TypeError):
            return _("退回修改")

    def format_comment(self, log_entry):
        return log_entry.data.get("comment", "")  # the reviewer's reason, as Wagtail's workflow entries show it


@hooks.register("register_log_actions", order=100)
def name_the_sent_back_event(actions):
    """Wagtail registers its own wording for this action (with hooks of order 0): ours replaces it."""
    # The registry keeps a list of (action, label) for the history's filter as well: drop Wagtail's entry there.
    actions.choices = [(action, label) for action, label in actions.choices if action != REJECT_ACTION]
    actions.register_action(REJECT_ACTION)(SentBackFormatter)


# --- dashboard: what waits to go out ---------------------------------------------------------------------------


def sees_release_queue(user):
    return user.is_active and user.has_perm(perm(VIEW_RELEASE_QUEUE))


class ReleaseQueuePanel(Component):
    """For the publicity center and the office: interpretations awaiting their document, and scheduled documents."""

    name = "editorial_release_queue"
    template_name = "editorial/workflow/release_panel.html"
    order = 230

    def render_html(self, parent_context=None):
        if not sees_release_queue(parent_context["request"].user):
            return ""
        return super().render_html(parent_context)

    def get_context_data(self, parent_context=None):
        from policies.models import PolicyPage

        waiting = []
        for item in AwaitingRelease.objects.select_related("page", "approved_by", "revision").order_by("approved_at"):
            draft = item.revision.as_object()
            policies = [
                (policy, policy.is_published, release.scheduled_revision(policy))
                for policy in release.linked_policies(draft)
            ]
            waiting.append({"item": item, "title": draft.title, "policies": policies})
        scheduled = Revision.page_revisions.filter(
            content_type=ContentType.objects.get_for_model(PolicyPage), approved_go_live_at__isnull=False
        ).order_by("approved_go_live_at")
        return {
            "waiting": waiting,
            "scheduled": [{"revision": revision, "page_id": int(revision.object_id)} for revision in scheduled],
        }


class ObjectsToModeratePanel(WorkflowObjectsToModeratePanel):
    """Wagtail's "awaiting your review" list, its steps named as the review's timeline names them (steps.py)."""

    def get_context_data(self, parent_context):
        context = super().get_context_data(parent_context)
        for state in context["states"]:
            state["workflow_tasks"] = review_steps(state["task_state"].workflow_state)
        return context


@hooks.register("construct_homepage_panels")
def add_review_panels(request, panels):
    panels[:] = [
        ObjectsToModeratePanel() if type(panel) is WorkflowObjectsToModeratePanel else panel for panel in panels
    ]
    panels.append(ReleaseQueuePanel())
