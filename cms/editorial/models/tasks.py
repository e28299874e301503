"""The review steps: 处室负责人审核 → 法规处合法性审核 (normative documents only) → 宣教中心终审.

Every step follows the "second pair of eyes" rule (GOV.UK's publisher): nobody approves or rejects a
step for what they submitted or last edited, superusers included. Who may act on a step is decided in
one place, ``ReviewTask.refusal``; the actions offered, the editor lock, the dashboard's "等待您审核" list
and ``on_action`` all ask it.
"""

from django import forms
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.log_actions import log
from wagtail.models import AbstractGroupApprovalTask, Revision, Task, TaskState

from policies.models import PolicyPage

from .divisions import belongs_to_division, division_of
from .release import INTERPRETATION_BLOCKED, INTERPRETATION_EXEMPT, interpretation_requirement

SKIP_ACTION = "editorial.workflow.skip"
EXEMPTION_ACTION = "editorial.interpretation_exemption"


# --- forms of the actions --------------------------------------------------------------------------------------


class ApproveForm(forms.Form):
    comment = forms.CharField(label=gettext_lazy("审核意见"), required=False, widget=forms.Textarea({"rows": 3}))


class RejectForm(forms.Form):
    comment = forms.CharField(
        label=gettext_lazy("退回意见"),
        required=True,
        widget=forms.Textarea({"rows": 3}),
        help_text=gettext_lazy("请写明需要修改的内容，该意见将发送给提交人"),
        error_messages={"required": gettext_lazy("退回修改必须填写意见。")},
    )

    def clean_comment(self):
        comment = self.cleaned_data["comment"].strip()
        if not comment:
            raise forms.ValidationError(_("退回修改必须填写意见。"))
        return comment


class PublishForm(ApproveForm):
    go_live_at = forms.DateTimeField(
        label=gettext_lazy("发布时间"),
        required=False,
        # The browser's own picker: Wagtail's needs a script the dashboard, where this dialog also opens, lacks.
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
        help_text=gettext_lazy("留空则立即发布；填写则在该时间定时发布（须晚于当前时间）"),
    )

    def clean_go_live_at(self):
        go_live_at = self.cleaned_data.get("go_live_at")
        if go_live_at and go_live_at <= timezone.now():
            raise forms.ValidationError(_("发布时间必须晚于当前时间。"))
        return go_live_at


# --- helpers ---------------------------------------------------------------------------------------------------


def _workflow_state_of(obj):
    return obj.current_workflow_state if hasattr(obj, "current_workflow_state") else None


def last_editor_id(obj):
    """Return the id of the user who saved the latest revision of `obj` (None if unknown)."""
    revision = obj.get_latest_revision() if hasattr(obj, "get_latest_revision") else None
    return revision.user_id if revision is not None else None


def latest_draft(obj):
    """Return `obj` as its latest revision has it (its specific class)."""
    specific = obj.specific if hasattr(obj, "specific") else obj
    return specific.get_latest_revision_as_object()


def as_datetime(value):
    """Accept a datetime, or the ISO string the edit view's modal sends back; return an aware datetime or None."""
    if not value:
        return None
    if isinstance(value, str):
        value = parse_datetime(value)
        if value is None:
            return None
    if timezone.is_naive(value):
        value = timezone.make_aware(value)
    return value


def first_task(workflow):
    """Return the first active step of `workflow` (its specific class), or None."""
    task = (
        Task.objects.filter(workflow_tasks__workflow=workflow, active=True)
        .order_by("workflow_tasks__sort_order")
        .first()
    )
    return task.specific if task is not None else None


# --- the steps -------------------------------------------------------------------------------------------------


class ReviewTask(AbstractGroupApprovalTask):
    """A review step that nobody may approve for their own work (the submitter or the last editor)."""

    class Meta:
        abstract = True

    # who may act

    def is_reviewer(self, obj, user):
        """Return whether `user` holds the role this step needs for `obj` (before the own-work rule)."""
        if not user or not user.is_authenticated or not user.is_active:
            return False
        return user.is_superuser or self._user_in_groups(user)

    def refusal(self, obj, user, workflow_state=None):
        """Return why `user` may not act on this step for `obj`, or None if they may."""
        if not self.is_reviewer(obj, user):
            return _("您不是这一审核步骤的审核人。")
        workflow_state = workflow_state or _workflow_state_of(obj)
        if workflow_state is not None and workflow_state.requested_by_id == user.pk:
            return _("您是提交人，不能审核自己提交的内容。")
        if last_editor_id(obj) == user.pk:
            return _("您最后修改了该内容，不能审核自己修改的内容。")
        return None

    def can_review(self, obj, user, workflow_state=None):
        return self.refusal(obj, user, workflow_state) is None

    # starting

    def start(self, workflow_state, user=None):
        # Resubmitting after a rejection resumes the rejected step in Wagtail; here it starts again from the
        # first step, so every reviewer sees what was changed.
        last = workflow_state.task_states.order_by("-started_at", "-id").first()
        if last is not None and last.status == TaskState.STATUS_REJECTED:
            first = first_task(workflow_state.workflow)
            if first is not None and first.pk != self.pk:
                starter = first.begin if isinstance(first, ReviewTask) else first.start
                return starter(workflow_state, user=user)
        return self.begin(workflow_state, user=user)

    def begin(self, workflow_state, user=None):
        """Start this step for `workflow_state` (a step may skip itself here)."""
        return super().start(workflow_state, user=user)

    def skip_reason(self, obj):
        """Return why this step does not apply to `obj` as its latest draft stands ("" if it applies)."""
        return ""

    # what Wagtail asks

    def user_can_access_editor(self, obj, user):
        return self.can_review(obj, user)

    def locked_for_user(self, obj, user):
        return not self.can_review(obj, user)

    def user_can_lock(self, obj, user):
        return self.can_review(obj, user)

    def get_actions(self, obj, user):
        if not self.can_review(obj, user):
            return []
        return [
            ("reject", _("退回修改"), True),
            ("approve", _("审核通过"), False),
            ("approve", _("审核通过并填写意见"), True),
        ]

    def get_form_for_action(self, action):
        return RejectForm if action == "reject" else ApproveForm

    def get_task_states_user_can_moderate(self, user, **kwargs):
        if not (user.is_superuser or self._user_in_groups(user)):
            return TaskState.objects.none()
        states = self.task_states.filter(status=TaskState.STATUS_IN_PROGRESS).select_related("workflow_state")
        allowed = [
            state.pk
            for state in states
            if (obj := state.workflow_state.content_object) is not None
            and self.can_review(obj, user, state.workflow_state)
        ]
        return TaskState.objects.filter(pk__in=allowed)

    def check_action(self, task_state, user, action_name, **kwargs):
        """Raise PermissionDenied unless `user` may take `action_name` on `task_state` now."""
        workflow_state = task_state.workflow_state
        obj = workflow_state.content_object
        if task_state.status != TaskState.STATUS_IN_PROGRESS or workflow_state.current_task_state_id != task_state.pk:
            raise PermissionDenied(_("该审核步骤已经结束。"))
        reason = self.refusal(obj, user, workflow_state)
        if reason:
            raise PermissionDenied(reason)
        if action_name == "reject" and not (kwargs.get("comment") or "").strip():
            raise PermissionDenied(_("退回修改必须填写意见。"))

    @transaction.atomic
    def on_action(self, task_state, user, action_name, **kwargs):
        self.check_action(task_state, user, action_name, **kwargs)
        redirect_to = self.perform_action(task_state, user, action_name, **kwargs)
        if redirect_to is None and action_name in ("approve", "reject"):
            # The dashboard's action view then goes there, which says what happened and where the page went next
            # (the edit view ignores what a task returns and says it itself).
            return reverse("editorial_review_done", args=[task_state.pk])
        return redirect_to

    def perform_action(self, task_state, user, action_name, **kwargs):
        return super().on_action(task_state, user, action_name, **kwargs)


class DivisionHeadReviewTask(ReviewTask):
    """处室负责人审核: the head of the page's own drafting division approves first."""

    class Meta:
        verbose_name = gettext_lazy("处室负责人审核")
        verbose_name_plural = gettext_lazy("处室负责人审核")

    def is_reviewer(self, obj, user):
        if not super().is_reviewer(obj, user):
            return False
        if user.is_superuser:
            return True
        division = division_of(obj)
        # A page without a drafting division has no owner to narrow to: any head may review it.
        return division is None or belongs_to_division(user, division)

    @classmethod
    def get_description(cls):
        return _("所选用户组中、同时属于该页面起草处室的成员可以审核")


class LegalityReviewTask(ReviewTask):
    """法规处合法性审核: required for 行政规范性文件 only; skipped for everything else."""

    class Meta:
        verbose_name = gettext_lazy("法规处合法性审核")
        verbose_name_plural = gettext_lazy("法规处合法性审核")

    @staticmethod
    def applies_to(draft):
        return isinstance(draft, PolicyPage) and draft.is_normative

    def skip_reason(self, obj):
        return "" if self.applies_to(latest_draft(obj)) else _("非行政规范性文件，无需合法性审核")

    def begin(self, workflow_state, user=None):
        page = workflow_state.content_object
        reason = self.skip_reason(page)
        if not reason:
            return super().begin(workflow_state, user=user)
        revision = page.get_latest_revision()
        task_state = self.get_task_state_class()(
            workflow_state=workflow_state,
            revision=revision,
            task=self,
            status=TaskState.STATUS_SKIPPED,
            finished_at=timezone.now(),
            comment=reason,
        )
        task_state.save()
        log(
            instance=page.specific,
            action=SKIP_ACTION,
            user=user,
            revision=revision,
            data={"task": {"id": self.pk, "title": self.name}, "reason": reason},
        )
        return task_state

    @classmethod
    def get_description(cls):
        return _("只对行政规范性文件进行；其他文件和解读自动跳过")


class PublicationReviewTask(ReviewTask):
    """宣教中心终审: final approval, publishing now or at a chosen time, with the 三同步 rule."""

    class Meta:
        verbose_name = gettext_lazy("宣教中心终审")
        verbose_name_plural = gettext_lazy("宣教中心终审")

    def get_actions(self, obj, user):
        if not self.can_review(obj, user):
            return []
        # Approving always opens the form, to choose publishing now or at a set time.
        return [
            ("reject", _("退回修改"), True),
            ("approve", _("审核通过并发布"), True),
        ]

    def get_form_for_action(self, action):
        return RejectForm if action == "reject" else PublishForm

    def perform_action(self, task_state, user, action_name, **kwargs):
        if action_name != "approve":
            return super().perform_action(task_state, user, action_name, **kwargs)
        go_live_at = as_datetime(kwargs.pop("go_live_at", None))
        if go_live_at is not None and go_live_at <= timezone.now():
            go_live_at = None  # the time passed while the form was open: publish now
        page = task_state.workflow_state.content_object
        draft = latest_draft(page)
        requirement = interpretation_requirement(draft)
        if requirement == INTERPRETATION_BLOCKED:
            # Nothing is approved; the approver is sent to a page saying why and what to do.
            return reverse("editorial_release_blocked", args=[page.pk])

        revision = Revision.objects.get(pk=page.latest_revision_id)
        # The chosen time travels with the approved revision: publishing it then schedules it.
        revision.content["go_live_at"] = go_live_at.isoformat() if go_live_at else None
        revision.save(update_fields=["content"])
        if requirement == INTERPRETATION_EXEMPT:
            log(
                instance=draft,
                action=EXEMPTION_ACTION,
                user=user,
                revision=revision,
                data={"reason": draft.interpretation_exemption.strip()},
            )
        return super().perform_action(task_state, user, action_name, **kwargs)

    @classmethod
    def get_description(cls):
        return _("终审通过即发布（可定时）；需要解读的文件须有通过审核的解读或不解读的理由")
