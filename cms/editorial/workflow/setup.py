"""The review workflow (政策文件与解读审核), created once and assigned to the policy and interpretation sections."""

from django.contrib.auth.models import Group
from django.db import transaction
from django.utils.translation import gettext as _
from wagtail import hooks
from wagtail.models import Workflow, WorkflowPage, WorkflowTask

from home.site_tree import ensure_site_tree

from ..models.tasks import DivisionHeadReviewTask, LegalityReviewTask, PublicationReviewTask

WORKFLOW_NAME = "政策文件与解读审核"

# (task model, task name, approving group); the order is the order of review.
STEPS = (
    (DivisionHeadReviewTask, "处室负责人审核", "处室负责人"),
    (LegalityReviewTask, "法规处合法性审核", "法规处审核"),
    (PublicationReviewTask, "宣教中心终审", "宣教中心审核"),
)


@transaction.atomic
def ensure_workflows():
    """Create the review workflow and its tasks if missing, and make it the workflow of both sections."""
    _home, policy_index, interpretation_index, _news = ensure_site_tree()
    workflow, _created = Workflow.objects.get_or_create(name=_(WORKFLOW_NAME), defaults={"active": True})
    for order, (model, name, group_name) in enumerate(STEPS):
        task = model.objects.filter(name=_(name)).first()
        if task is None:
            task = model.objects.create(name=_(name))
        group, _created = Group.objects.get_or_create(name=group_name)
        task.groups.add(group)
        WorkflowTask.objects.update_or_create(workflow=workflow, task=task, defaults={"sort_order": order})
    # Content apps declare the further sections their pages are reviewed in (consultations and their reports).
    declared = [page for hook in hooks.get_hooks("editorial_review_sections") for page in hook(create=True).values()]
    for section in (policy_index, interpretation_index, *declared):
        WorkflowPage.objects.update_or_create(page=section, defaults={"workflow": workflow})
    # Wagtail's sample workflow ("Moderators approval", named 初始审核流程 by migration editorial 0005) would
    # otherwise apply to the rest of the site.
    Workflow.objects.exclude(pk=workflow.pk).filter(name__in=["Moderators approval", "初始审核流程"]).update(
        active=False
    )
    return workflow
